"""Byte-identical builds: nothing in the output depends on the clock or the machine.

Stock MkDocs writes today's date as every page's ``<lastmod>`` in
``sitemap.xml`` and the build time into the gzip header of ``sitemap.xml.gz``,
so two builds of the same sources on different days differ. Khooshe rewrites
both after the build:

* without a build stamp (the default) ``<lastmod>`` is left out (it is optional
  in the sitemap protocol, and a date that only says when the site was built
  misleads search engines) and the gzip header carries no time;
* with the one optional build stamp, ``KHOOSHE_BUILD_STAMP=YYYY-MM-DD`` (Jalali
  or Gregorian, like every Khooshe date) or the standard ``SOURCE_DATE_EPOCH``
  (seconds since 1970), every ``<lastmod>`` is that day and the gzip header that
  time. The stamp is the only input besides the sources.
"""

from __future__ import annotations

import datetime as dt
import gzip
import io
import os
import re
from pathlib import Path

from plugins.model.dates import DateError, parse_date

STAMP_VARIABLE = "KHOOSHE_BUILD_STAMP"
EPOCH_VARIABLE = "SOURCE_DATE_EPOCH"
_LASTMOD = re.compile(r"\s*<lastmod>[^<]*</lastmod>")


class StampError(ValueError):
    """The build stamp in the environment is not a date; the message is Persian."""


def build_stamp(environ: os._Environ | dict | None = None) -> dt.datetime | None:
    """The optional build stamp (UTC midnight of its day, or the exact epoch), else None."""
    environ = os.environ if environ is None else environ
    stamp = environ.get(STAMP_VARIABLE, "").strip()
    if stamp:
        try:
            day = parse_date(stamp).gregorian
        except DateError as exc:
            raise StampError(
                f"{STAMP_VARIABLE}={stamp}: {exc} (مورد انتظار: تاریخ به شکل سال-ماه-روز، مثل 2026-11-23 یا 1405-09-02)"
            ) from None
        return dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc)
    epoch = environ.get(EPOCH_VARIABLE, "").strip()
    if epoch:
        if not epoch.isdigit():
            raise StampError(f"{EPOCH_VARIABLE}={epoch}: عدد نیست (مورد انتظار: ثانیه‌ها از ۱۹۷۰، مثل 1763856000)")
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc)
    return None


def rewrite_sitemap(site_dir: Path, stamp: dt.datetime | None) -> None:
    """Make ``sitemap.xml`` and ``sitemap.xml.gz`` depend on the sources and the stamp only."""
    sitemap = site_dir / "sitemap.xml"
    if not sitemap.is_file():
        return
    text = sitemap.read_text(encoding="utf-8")
    if stamp is None:
        text = _LASTMOD.sub("", text)
    else:
        text = _LASTMOD.sub(lambda match: match.group(0).split("<")[0] + f"<lastmod>{stamp.date().isoformat()}</lastmod>",
                            text)
    data = text.encode("utf-8")
    sitemap.write_bytes(data)
    buffer = io.BytesIO()
    mtime = int(stamp.timestamp()) if stamp is not None else 0
    with gzip.GzipFile(filename="sitemap.xml", mode="wb", fileobj=buffer, mtime=mtime, compresslevel=9) as archive:
        archive.write(data)
    (site_dir / "sitemap.xml.gz").write_bytes(buffer.getvalue())

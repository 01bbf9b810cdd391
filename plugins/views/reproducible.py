"""Byte-identical builds: nothing in the output depends on the clock or the machine.

Stock MkDocs writes today's date as every page's ``<lastmod>`` in
``sitemap.xml`` and the build time into the gzip header of ``sitemap.xml.gz``,
so two builds of the same sources on different days differ. Khooshe instead:

* dates a page in the sitemap by its record (:func:`lastmod`: the newest day a
  news item, a cluster or an editor's ``date`` gives, set by the share plugin,
  plugins/adapter/share.py, and written by overrides/sitemap.xml);
* without a build stamp (the default) leaves ``<lastmod>`` out on every other page
  (it is optional in the sitemap protocol, and a date that only says when the
  site was built misleads search engines) and writes no time in the gzip header;
* with the one optional build stamp, ``KHOOSHE_BUILD_STAMP=YYYY-MM-DD`` (Jalali
  or Gregorian, like every Khooshe date) or the standard ``SOURCE_DATE_EPOCH``
  (seconds since 1970), dates those other pages by that day and the gzip header
  by that time. The stamp is the only input besides the sources.
"""

from __future__ import annotations

import datetime as dt
import gzip
import io
import os
from pathlib import Path

from plugins.model.dates import Date, DateError, parse_date

STAMP_VARIABLE = "KHOOSHE_BUILD_STAMP"
EPOCH_VARIABLE = "SOURCE_DATE_EPOCH"


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


def lastmod(own: Date | None, stamp: dt.datetime | None) -> str:
    """A page's sitemap date: its own day, else the stamp's, else none ("")."""
    if own is not None:
        return own.iso
    return stamp.date().isoformat() if stamp is not None else ""


def rewrite_sitemap(site_dir: Path, stamp: dt.datetime | None) -> None:
    """``sitemap.xml.gz`` without the build time (``sitemap.xml``'s dates are the pages' :func:`lastmod`)."""
    sitemap = site_dir / "sitemap.xml"
    if not sitemap.is_file():
        return
    data = sitemap.read_bytes()
    buffer = io.BytesIO()
    mtime = int(stamp.timestamp()) if stamp is not None else 0
    with gzip.GzipFile(filename="sitemap.xml", mode="wb", fileobj=buffer, mtime=mtime, compresslevel=9) as archive:
        archive.write(data)
    (site_dir / "sitemap.xml.gz").write_bytes(buffer.getvalue())

"""Front matter of editors' pages, read strictly: dates stay what the editor wrote.

MkDocs reads front matter with PyYAML's YAML 1.1 rules, which turn
``date: 1398-05-01`` into a Gregorian ``datetime.date`` of the year 1398. The
text plugin reads every source page's front matter again with
:mod:`plugins.model.yamlio`, so ``page.meta["date"]`` stays the string typed and
``page.meta["khooshe_date"]`` holds the parsed :class:`~plugins.model.dates.Date`
(Jalali or Gregorian by the one rule of :mod:`plugins.model.dates`). An impossible
date (``1402-12-30``) is an error naming the file, line and column.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from plugins.model.dates import Date, parse_date_field
from plugins.model.errors import ContentError
from plugins.model.text import normalize_text
from plugins.model.yamlio import YamlMap, split_front_matter

DATE_FIELDS = ("date",)
DISPLAY_FIELDS = ("title", "description")


@dataclass
class PageMeta:
    """What the strict reading of one page's front matter gives."""

    values: YamlMap
    dates: dict[str, Date] = field(default_factory=dict)
    errors: list[ContentError] = field(default_factory=list)


def read_page_meta(text: str, relpath: str) -> PageMeta:
    """Strict front matter of a Markdown source, with every date field parsed.

    ``errors`` holds the date problems only: front matter that does not parse, and
    the fields a page may have, are reported by the site's one verdict (the page
    schema for editors' pages, the news kind's schema for articles).
    """
    values, _body, _line, _problems = split_front_matter(text, relpath)
    meta = PageMeta(values)
    for name in DATE_FIELDS:
        date, problems = parse_date_field(values, name, relpath)
        meta.errors.extend(problems)
        if date is not None:
            meta.dates[name] = date
    return meta


def merge_into(page_meta: dict[str, Any], strict: PageMeta) -> None:
    """Put the strict values into MkDocs' ``page.meta`` without undoing other plugins' work.

    A value MkDocs read into another type (a date, a boolean from ``no``) is replaced
    by the strict one; ``khooshe_date`` is added unless a plugin has set it; the
    reader-facing ``title`` and ``description`` are normalized for display.
    """
    for key, value in strict.values.items():
        if key not in page_meta or type(page_meta[key]) is not type(value):
            page_meta[key] = value
    if "date" in strict.dates and page_meta.get("khooshe_date") is None:
        page_meta["khooshe_date"] = strict.dates["date"]
    for key in DISPLAY_FIELDS:
        if isinstance(page_meta.get(key), str):
            page_meta[key] = normalize_text(page_meta[key])

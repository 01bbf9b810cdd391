"""Pages of the record kinds a project declares as data (plugins/model/declared.py).

One page per record (``<pages.url>/<id>.md``, template ``pages.record``) and, when the
kind names one, its listing (``<pages.url>/index.md``, template ``pages.listing``).
"""

from __future__ import annotations

from typing import Any, Callable, Iterable

from plugins.model.kinds import Kind
from plugins.views.render import GeneratedPage, Templates, Url


def declared_pages(kinds: Iterable[Kind], records_of: Callable[[str], list[Any]], templates: Templates,
                   url_for: Callable[[str], Url]) -> tuple[dict[str, GeneratedPage], dict[str, GeneratedPage]]:
    """(record pages, listings) of every declared kind, by src_uri."""
    records_pages: dict[str, GeneratedPage] = {}
    listings: dict[str, GeneratedPage] = {}
    for kind in kinds:
        pages = kind.extra.get("pages") if kind.extra else None
        if not pages:
            continue  # a built-in kind: its own plugin makes its pages
        records = records_of(kind.name)
        for record in records:
            records_pages[record.src_uri] = templates.page(
                f"{kind.name}/{pages['record']}", url=url_for(record.src_uri), record=record, kind=kind)
        if pages.get("listing"):
            src_uri = f"{pages['url']}/index.md"
            listings[src_uri] = templates.page(
                f"{kind.name}/{pages['listing']}", url=url_for(src_uri), records=records, kind=kind)
    return records_pages, listings

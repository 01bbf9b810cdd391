"""Pages of the record kinds a project declares as data (plugins/model/declared.py).

The ``khooshe-kinds`` plugin renders them, from each kind's templates through
plugins/views/render.py: one page per record (``<pages.url>/<id>.md``) and an
optional listing (``<pages.url>/index.md``). It is in the shipped mkdocs.yml, so a
project that adds a kind writes only its ``extra: kinds:`` line.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from plugins.adapter.base import replace_file, site_model, site_views
from plugins.model.declared import Record
from plugins.views.render import fill_slots


def add_declared_pages(files: Files, config: MkDocsConfig) -> dict[str, dict[str, str]]:
    """Every declared kind's pages into ``files``; returns src_uri → slots for ``on_page_content``."""
    site = site_model(config)
    templates, urls = site_views(config)
    slots: dict[str, dict[str, str]] = {}
    for kind in site.kinds:
        pages = kind.extra.get("pages") if kind.extra else None
        if not pages:
            continue
        records: list[Record] = site.model(kind.name, [])
        for record in records:
            page = templates.page(f"{kind.name}/{pages['record']}", url=urls.for_page(record.src_uri),
                                  record=record, kind=kind)
            slots[record.src_uri] = page.slots
            replace_file(files, File.generated(config, record.src_uri, content=page.markdown,
                                               inclusion=InclusionLevel.NOT_IN_NAV))
        if pages.get("listing"):
            src_uri = f"{pages['url']}/index.md"
            page = templates.page(f"{kind.name}/{pages['listing']}", url=urls.for_page(src_uri),
                                  records=records, kind=kind)
            slots[src_uri] = page.slots
            replace_file(files, File.generated(config, src_uri, content=page.markdown))
    return slots


class KindsPlugin(BasePlugin):
    """Events only: declared kinds' pages in on_files, their slots filled in on_page_content."""

    def __init__(self) -> None:
        self._slots: dict[str, dict[str, str]] = {}  # src_uri → slot name → HTML

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        self._slots = add_declared_pages(files, config)
        return files

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        slots = self._slots.get(page.file.src_uri)
        return fill_slots(html, slots) if slots else html

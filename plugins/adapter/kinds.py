"""Pages of the record kinds a project declares as data (plugins/model/declared.py).

A declared kind has no plugin of its own: its pages are rendered here, from its
templates through plugins/views/render.py, one page per record
(``<pages.url>/<id>.md``) and an optional listing (``<pages.url>/index.md``). The
text plugin, always part of a Khooshe site, calls these two functions.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel

from plugins.adapter.base import replace_file, site_model, site_views
from plugins.model.declared import Record


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

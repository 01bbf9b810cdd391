"""The ``khooshe-kinds`` MkDocs plugin: the pages of the record kinds a project declares as data.

The pages are composed in plugins/views/declared.py; this plugin hands them to MkDocs.
It is in the shipped mkdocs.yml, so a project that adds a kind writes only its
``extra: kinds:`` line (plugins/kinds/README.md, "Adding a record kind").
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files, InclusionLevel

from plugins.adapter.base import FillsGeneratedPages, GeneratedPages, site_model, site_views
from plugins.views.declared import declared_pages


class KindsPlugin(FillsGeneratedPages, BasePlugin):
    """Events only: declared kinds' pages in on_files, their slots filled in on_page_content."""

    def __init__(self) -> None:
        self.pages = GeneratedPages()

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        site = site_model(config)
        templates, urls = site_views(config)
        records, listings = declared_pages(site.kinds, lambda name: site.model(name, []), templates, urls.for_page)
        self.pages = GeneratedPages()
        for src_uri, page in records.items():  # reached through their listing, not the nav
            self.pages.add(files, config, src_uri, page, InclusionLevel.NOT_IN_NAV)
        for src_uri, page in listings.items():
            self.pages.add(files, config, src_uri, page)
        return files

"""The ``khooshe-publications`` MkDocs plugin: events only; the logic lives in records/pages."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel

from plugins.adapter.base import FillsGeneratedPages, GeneratedPages, PluginAssets, project_root, replace_file, site_model, site_views
from plugins.kinds.publications import pages
from plugins.kinds.publications.kind import KIND
from plugins.kinds.publications.records import Catalogue, Publication
from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class PublicationsConfig(Config):
    """``khooshe-publications`` options (mkdocs.yml → plugins → khooshe-publications)."""

    enabled = c.Type(bool, default=True)

ASSETS = PluginAssets(KIND.package, "publications.css", "publications.js")


class PublicationsPlugin(FillsGeneratedPages, BasePlugin[PublicationsConfig]):
    def __init__(self) -> None:
        self.catalogue = Catalogue()
        self._root = Path(".")
        self.pages = GeneratedPages()

    @property
    def publications(self) -> list[Publication]:
        return self.catalogue.publications

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if not self.config.enabled:
            return config
        self._root = project_root(config)
        self.catalogue = site_model(config).catalogue
        folder = str(self._root / KIND.folder)
        if folder not in config.watch:
            config.watch.append(folder)  # `build.py serve` rebuilds when a record changes
        ASSETS.announce(config)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if not self.config.enabled:
            return files
        templates, urls = site_views(config)
        generated = pages.all_pages(self.catalogue, _context(config), templates, urls.for_page)
        self.pages = GeneratedPages()
        for src_uri, page in generated.items():
            self.pages.add(files, config, src_uri, page,
                           InclusionLevel.UNDEFINED if src_uri == pages.CATALOGUE_URI else InclusionLevel.NOT_IN_NAV)
        folder = self._root / KIND.folder
        for publication in self.catalogue.publications:
            for attachment in filter(None, (publication.file.path if publication.file else "", publication.cover)):
                replace_file(files, File.generated(config, f"publications/{attachment}",
                                               abs_src_path=str(folder / attachment)))
        ASSETS.add_files(files, config)
        return files



def _context(config: MkDocsConfig) -> pages.Context:
    """The clusters and news articles publication pages link to (from the site's content model)."""
    site = site_model(config)
    clusters = {cluster_id: pages.Linked(cluster.name, cluster.src_uri) for cluster_id, cluster in site.clusters.items()}
    return pages.Context(clusters=clusters, news={article.id: article.src_uri for article in site.articles})

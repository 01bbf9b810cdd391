"""The ``khooshe-publications`` MkDocs plugin: events only; the logic lives in records/pages."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from plugins.adapter.base import PluginAssets, content_errors_reported, project_root, replace_file, sibling, site_views
from plugins.model.errors import raise_if_any
from plugins.views.render import fill_slots
from plugins.adapter.news import cluster_index
from plugins.kinds.publications import pages
from plugins.kinds.publications.records import Catalogue, Publication, load_catalogue
from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class PublicationsConfig(Config):
    """``khooshe-publications`` options (mkdocs.yml → plugins → khooshe-publications)."""

    enabled = c.Type(bool, default=True)
    # Records: <project root>/<folder>/<id>.yml, people.yml, reported.yml, files/.
    folder = c.Type(str, default="publications")

KIND_DIR = Path(__file__).resolve().parents[1] / "kinds" / "publications"
ASSETS = PluginAssets(KIND_DIR, "publications.css", "publications.js")


class PublicationsPlugin(BasePlugin[PublicationsConfig]):
    def __init__(self) -> None:
        self.catalogue = Catalogue()
        self._by_cluster: dict[str, list[Publication]] = {}
        self._root = Path(".")
        self._slots: dict[str, dict[str, str]] = {}  # src_uri → slot name → HTML that on_page_content puts in

    @property
    def publications(self) -> list[Publication]:
        return self.catalogue.publications

    def items_for_cluster(self, cluster_id: str) -> list[Publication]:
        """Publications naming this cluster id, newest year first (``.title``, ``.src_uri``, ``.date``)."""
        return list(self._by_cluster.get(cluster_id, ()))

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if not self.config.enabled:
            return config
        self._root = project_root(config)
        clusters = cluster_index(config)
        news = sibling(config, "khooshe-news")
        news_ids = getattr(news, "ids", None) if news is not None and news.config.enabled else None
        with content_errors_reported():
            catalogue, errors = load_catalogue(
                self._root, self.config.folder,
                cluster_ids=set(clusters) if clusters is not None else None, news_ids=news_ids,
            )
            raise_if_any(errors)
        self.catalogue = catalogue
        by_cluster: dict[str, list[Publication]] = defaultdict(list)
        newest = sorted(catalogue.publications, key=lambda p: (-(p.year or 0), p.id))
        for publication in newest:
            for cluster_id in publication.clusters:
                by_cluster[cluster_id].append(publication)
        self._by_cluster = dict(by_cluster)
        folder = str(self._root / self.config.folder)
        if folder not in config.watch:
            config.watch.append(folder)  # `build.py serve` rebuilds when a record changes
        ASSETS.announce(config)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if not self.config.enabled:
            return files
        templates, urls = site_views(config)
        generated = pages.all_pages(self.catalogue, _context(config), templates, urls.for_page)
        self._slots = {src_uri: page.slots for src_uri, page in generated.items()}
        for src_uri, page in generated.items():
            inclusion = InclusionLevel.UNDEFINED if src_uri == pages.CATALOGUE_URI else InclusionLevel.NOT_IN_NAV
            replace_file(files, File.generated(config, src_uri, content=page.markdown, inclusion=inclusion))
        folder = self._root / self.config.folder
        for publication in self.catalogue.publications:
            for attachment in filter(None, (publication.file.path if publication.file else "", publication.cover)):
                replace_file(files, File.generated(config, f"publications/{attachment}",
                                               abs_src_path=str(folder / attachment)))
        ASSETS.add_files(files, config)
        return files

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """The HTML built from records goes into the converted page here, not into its Markdown.

        Markdown conversion of tables and lists cost more than the rest of the page. This runs
        after the safety plugin has sanitized editors' pages and before it defuses generated
        ones (plugins/adapter/safety.py); search, which runs after, indexes the whole page.
        """
        slots = self._slots.get(page.file.src_uri)
        return fill_slots(html, slots) if slots is not None else html


def _context(config: MkDocsConfig) -> pages.Context:
    """The clusters and news articles publication pages link to (from the sibling plugins)."""
    clusters = {
        cluster_id: pages.Linked(getattr(cluster, "name", cluster_id),
                                 getattr(cluster, "src_uri", f"clusters/{cluster_id}.md"))
        for cluster_id, cluster in (cluster_index(config) or {}).items()
    }
    news = sibling(config, "khooshe-news")
    articles = getattr(news, "articles", []) or []
    return pages.Context(clusters=clusters, news={article.id: article.src_uri for article in articles})

"""The ``khooshe-news`` MkDocs plugin: events only; the logic lives in articles/pages/feeds."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from plugins.adapter.base import FillsGeneratedPages, GeneratedPages, PluginAssets, replace_file, site_model, site_views
from plugins.kinds.news import feeds, pages
from plugins.kinds.news.articles import Article
from plugins.kinds.news.kind import KIND
from plugins.views.render import GeneratedPage
from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class NewsConfig(Config):
    """``khooshe-news`` options (mkdocs.yml → plugins → khooshe-news)."""

    enabled = c.Type(bool, default=True)
    # Main listing: cards (title, meta line, summary) per page.
    page_size = c.Type(int, default=20)
    # Tag pages: compact rows (date and title) per page; most tags fit on one page.
    tag_page_size = c.Type(int, default=200)
    # Feeds: how many of the latest items, their title, and their file names at the site root.
    feed_size = c.Type(int, default=20)
    feed_title = c.Type(str, default="خوشه — اخبار")
    feed_description = c.Type(str, default="تازه‌های برنامه ملی توسعه خوشه‌های صنعتی و کسب‌وکار ایران")
    rss_file = c.Type(str, default="feed.xml")
    atom_file = c.Type(str, default="atom.xml")
    json_file = c.Type(str, default="feed.json")

ASSETS = PluginAssets(KIND.package, "news.css")


class NewsPlugin(FillsGeneratedPages, BasePlugin[NewsConfig]):
    def __init__(self) -> None:
        self.articles: list[Article] = []  # newest first
        self._by_src: dict[str, Article] = {}
        self._neighbours: dict[str, tuple[Article | None, Article | None]] = {}
        self._provinces: dict[str, str] = {}  # id → Persian name
        self._context: pages.Context | None = None  # made in on_files, when other plugins' pages are known
        self._article_pages: dict[str, GeneratedPage] = {}  # src_uri → the page of an editor's article
        self.pages = GeneratedPages()

    # ------------------------------------------------------------------ events

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if not self.config.enabled:
            return config
        site = site_model(config)  # loaded, validated and indexed once for every plugin
        self.articles = site.articles
        self._by_src = {article.src_uri: article for article in self.articles}
        self._neighbours = pages.neighbours(self.articles)
        self._provinces = {province.id: province.name for province in site.provinces.values()}
        links = list(config.extra.get("head_links") or [])
        for kind, name, label in (
            ("application/rss+xml", self.config.rss_file, "RSS"),
            ("application/atom+xml", self.config.atom_file, "Atom"),
            ("application/feed+json", self.config.json_file, "JSON Feed"),
        ):
            link = {"rel": "alternate", "type": kind, "href": name, "title": f"{self.config.feed_title} ({label})"}
            if link not in links:
                links.append(link)
        config.extra["head_links"] = links
        ASSETS.announce(config)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if not self.config.enabled:
            return files
        for src_uri in self._by_src:
            file = files.get_file_from_path(src_uri)
            if file is not None and file.inclusion in (InclusionLevel.UNDEFINED, InclusionLevel.INCLUDED):
                file.inclusion = InclusionLevel.NOT_IN_NAV  # reached through the listing, not the nav
        self._context = self._page_context(config, files)
        listing = self._context.uri("index.md")
        generated = pages.all_pages(self.articles, self._context)
        self.pages = GeneratedPages()
        for src_uri, page in generated.items():
            self.pages.add(files, config, src_uri, page,
                           InclusionLevel.UNDEFINED if src_uri == listing else InclusionLevel.NOT_IN_NAV)
        self._article_pages = {}  # an editor's article: MkDocs has its source, the page replaces its Markdown
        for article in self.articles:
            older, newer = self._neighbours.get(article.src_uri, (None, None))
            page = pages.article_page(article, self._context, older, newer)
            self._article_pages[article.src_uri] = page
            self.pages.remember(article.src_uri, page)
        self._add_feeds(files, config, listing)
        ASSETS.add_files(files, config)
        return files

    def _page_context(self, config: MkDocsConfig, files: Files) -> pages.Context:
        templates, urls = site_views(config)
        site = site_model(config)
        return pages.Context(
            templates=templates,
            url_for=urls.for_page,
            base=KIND.owned_docs.strip("/"),
            page_size=self.config.page_size,
            tag_page_size=self.config.tag_page_size,
            provinces=self._provinces,
            province_pages={
                province_id: src_uri for province_id in self._provinces
                if (src_uri := site.topic_page("province", province_id)) and files.get_file_from_path(src_uri) is not None
            },
            clusters={cluster_id: (cluster.name, cluster.src_uri) for cluster_id, cluster in site.clusters.items()},
            feeds=(("RSS", self.config.rss_file), ("Atom", self.config.atom_file), ("JSON Feed", self.config.json_file)),
        )

    def _add_feeds(self, files: Files, config: MkDocsConfig, listing: str) -> None:
        templates, urls = site_views(config)
        site = feeds.FeedSite(
            title=self.config.feed_title,
            description=self.config.feed_description,
            site_url=urls.root,
            absolute=urls.absolute,
            templates=templates,
            home_src_uri=listing,
            rss_name=self.config.rss_file,
            atom_name=self.config.atom_file,
            json_name=self.config.json_file,
        )
        latest = feeds.latest(self.articles, self.config.feed_size)
        for name, render in ((site.rss_name, feeds.rss), (site.atom_name, feeds.atom), (site.json_name, feeds.json_feed)):
            replace_file(files, File.generated(config, name, content=render(latest, site)))

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        article = self._by_src.get(page.file.src_uri)
        if article is None:
            return markdown
        page.meta["title"] = article.title
        page.meta["type"] = "news"
        page.meta["description"] = " ".join(article.summary.split())
        if not isinstance(page.meta.get("date"), str):
            page.meta.pop("date", None)  # MkDocs' YAML 1.1 reading of a Jalali date is meaningless
        page.meta["khooshe_date"] = article.date
        if article.province:
            page.meta["province"] = article.province
        return self._article_pages[article.src_uri].markdown

    def page_inputs(self, page: Page) -> object:
        """An article's page is made of its record and its page too (the Markdown replaced in on_page_markdown)."""
        src_uri = page.file.src_uri
        return super().page_inputs(page), self._by_src.get(src_uri), self._article_pages.get(src_uri)

"""The ``khooshe-share`` MkDocs plugin: events only; the logic lives in plugins/views/sharing.py
and in each kind's ``shares`` (``Kind.shares``: the one place per kind that knows its records' cards).

* ``on_env`` (every page's title is known; the sitemap is rendered before any page): each
  page's card and JSON-LD, and its sitemap date ``page.meta["khooshe_lastmod"]``
  (plugins/views/reproducible.py ``lastmod``; overrides/sitemap.xml writes it: MkDocs'
  ``update_date`` is the build's day, and MkDocs needs it to be a date); the ``khooshe_json`` filter.
* ``on_page_context``: the page's card, as ``khooshe_share``, for
  overrides/partials/khooshe-share.html (included in overrides/main.html's ``extrahead``).
"""

from __future__ import annotations

from html import unescape
from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from plugins.adapter.base import site_model, site_views
from plugins.model.dates import Date, DateError, parse_date
from plugins.model.filememo import per_input
from plugins.model.kinds import DEFAULT_PAGE_KIND
from plugins.model.site import Site
from plugins.views import sharing
from plugins.views.reproducible import build_stamp, lastmod

HOME = "index.md"
OG_TYPES = {"guide": "article"}  # pages without a record: an editor's guide is an article, the home page and listings websites


class ShareConfig(Config):
    enabled = c.Type(bool, default=True)


class SharePlugin(BasePlugin[ShareConfig]):
    def __init__(self) -> None:
        self.shares: dict[str, sharing.PageShare] = {}  # src_uri → what its <head> says

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        env.filters["khooshe_json"] = sharing.json_script
        self.shares = {}
        if not self.config.enabled:
            return env
        _, urls = site_views(config)
        card = sharing.site_card(config.site_name, config.site_description or "", urls.root)
        site = site_model(config)
        records = record_shares(site, sharing.ShareContext(config.site_name, site.registries, urls.absolute))
        pages = [file.page for file in files.documentation_pages() if file.page is not None]
        titles = {folder_key(page.url): unescape(page.title or "") for page in pages}  # nav titles: «خانه»
        stamp = build_stamp()  # a bad stamp already stopped the build (the safety plugin's on_config)
        for page in pages:
            src_uri = page.file.src_uri
            kind = "home" if src_uri == HOME else str(page.meta.get("type") or DEFAULT_PAGE_KIND)
            share = records.get(src_uri) or sharing.Share(og_type=OG_TYPES.get(kind, "website"))
            page_card = sharing.PageCard(
                title=unescape(str(page.meta.get("title") or page.title or "")), description=unescape(str(page.meta.get("description") or "")),
                url=page.canonical_url or urls.absolute(src_uri), trail=trail(page.url, titles, card.url))
            # the last build's very object when equal: the page's memory in the preview compares it at once
            self.shares[src_uri] = per_input("share", src_uri, lambda: (card, page_card, share), lambda: sharing.page_share(
                card, page_card, share, home=src_uri == HOME))
            page.meta["khooshe_lastmod"] = lastmod(share.updated or editor_date(page), stamp)
        return env

    def on_page_context(self, context: dict, *, page: Page, config: MkDocsConfig, nav: Any) -> dict:
        context["khooshe_share"] = self.shares.get(page.file.src_uri)
        return context


def record_shares(site: Site, context: sharing.ShareContext) -> dict[str, sharing.Share]:
    """src_uri → the Share of every record page, from its kind's ``shares``.

    In the preview a record's Share is made again only when the record changed (an unchanged
    record is the very object of the last build); the absolute URLs change only with mkdocs.yml.
    """
    found: dict[str, sharing.Share] = {}
    for kind in site.kinds:
        if kind.shares is None or site.model(kind.name) is None:
            continue
        for record, make in kind.shares(site.model(kind.name), context):
            found[record.src_uri] = per_input("record share", record.src_uri, lambda: record, make)
    return found


def folder_key(url: str) -> str:
    """A page's URL as the folder it stands for: ``clusters/`` for ``clusters/`` or ``clusters/index.html``."""
    url = url.removesuffix("index.html")
    return "" if url == "./" else url


def trail(url: str, titles: dict[str, str], site_url: str) -> tuple[tuple[str, str], ...]:
    """(title, absolute URL) of each page above this one by its URL, the home page first."""
    parts = folder_key(url).rstrip("/").split("/")[:-1] if folder_key(url) else None
    if parts is None:
        return ()  # the home page
    folders = [""] + ["/".join(parts[:depth]) + "/" for depth in range(1, len(parts) + 1)]
    return tuple((titles[folder], site_url + folder) for folder in folders if folder in titles)


def editor_date(page: Page) -> Date | None:
    """An editor's page's ``date`` (checked by then: an unreadable one is no date)."""
    value = page.meta.get("date")
    try:
        return parse_date(value) if isinstance(value, str) else None
    except DateError:
        return None

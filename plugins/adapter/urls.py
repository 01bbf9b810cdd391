"""Page URLs as MkDocs writes them, asked from MkDocs' ``File`` (the only place that knows the rules).

HTML built by templates is put into pages after Markdown conversion, where MkDocs no
longer rewrites links; so every link a template writes is already the relative URL
MkDocs would have written for a ``.md`` link between the same two sources.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Callable

from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url


class SiteUrls:
    """URLs of a site's sources (``clusters/yazd-tile.md`` → ``clusters/yazd-tile/``), links between them,
    and their absolute URLs under ``site_url`` (feeds, open data, share cards)."""

    def __init__(self, use_directory_urls: bool, site_url: str = "/") -> None:
        self.use_directory_urls = use_directory_urls
        self.root = site_url if site_url.endswith("/") else site_url + "/"  # the site's absolute URL
        self.url = lru_cache(maxsize=None)(self._url)
        self._relative = lru_cache(maxsize=262144)(get_relative_url)

    def _url(self, src_uri: str) -> str:
        """The site-relative URL of a source file, ``./`` for the home page."""
        return File(src_uri, None, "", self.use_directory_urls).url

    def absolute(self, src_uri: str) -> str:
        """The absolute URL of a source's page: the site's URL itself for the home page."""
        url = self.url(src_uri)
        return self.root + ("" if url == "./" else url)

    def href(self, from_src: str, to_src: str, anchor: str = "") -> str:
        """The link on page ``from_src`` to ``to_src`` (with ``#anchor``), as MkDocs writes it."""
        link = self._relative(self.url(to_src), self.url(from_src))
        return f"{link}#{anchor}" if anchor else link

    def for_page(self, from_src: str) -> Callable[..., str]:
        """``url(to_src, anchor="")`` bound to one page, what templates call."""
        return lambda to_src, anchor="": self.href(from_src, to_src, anchor)

"""A built page → the SearchDoc the index stores: its type and province, then its text read.

The two steps are apart because they run in different processes: ``search_doc``
in MkDocs' own, ``with_text`` where the index is built (``background.py``).

The type and province are taken as the front matter gives them: it has been
validated already, by ``page.schema.yml`` for an editor's page, by its kind's
schema for a record's page (a news article's ``province``), and generated pages
are written from validated records.
"""

from __future__ import annotations

from dataclasses import replace

from plugins.views.search.extract import page_blocks
from plugins.views.search.index import DEFAULT_TYPE, IndexMemory, SearchDoc


def search_doc(*, url: str, title: str, meta: dict) -> SearchDoc | None:
    """The page's search record without its text, or None when its front matter says ``search: {exclude: true}``."""
    options = meta.get("search")
    if isinstance(options, dict) and options.get("exclude") is True:
        return None
    title = " ".join(str(title).split())
    return SearchDoc(url=url, title=title, type=meta.get("type") or DEFAULT_TYPE, province=meta.get("province") or "")


def with_text(doc: SearchDoc, html: str, memory: IndexMemory | None = None) -> SearchDoc:
    """The record with the headings and text blocks of its page's final HTML (remembered in ``memory``)."""
    if memory is None:
        return replace(doc, blocks=_blocks(doc.title, html))
    key = (doc.title, html)  # an unchanged page's HTML is the very string of the last build: compared at once
    kept = memory.blocks.get(doc.url)
    if kept is None or kept[0] != key:
        kept = memory.blocks[doc.url] = (key, _blocks(doc.title, html))
    return replace(doc, blocks=list(kept[1]))


def _blocks(title: str, html: str) -> list[tuple[str, str]]:
    blocks = page_blocks(html)
    if blocks and blocks[0] == ("h", title):  # the page's own <h1>: already the result's title
        blocks = blocks[1:]
    return blocks

"""A built page → the SearchDoc the index stores: its type and province checked, then its text read.

The two steps are apart because they run in different processes: ``search_doc``
in MkDocs' own (its errors stop the build in ``on_env``), ``with_text`` where
the index is built (``background.py``).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Callable

from plugins.model.errors import ContentError
from plugins.model.yamlio import split_front_matter
from plugins.views.search.extract import page_blocks
from plugins.views.search.index import DEFAULT_TYPE, TYPE_LABELS, SearchDoc


def search_doc(
    *,
    url: str,
    title: str,
    meta: dict,
    provinces: dict[str, str],
    path: str,
    source: Callable[[], str | None],
) -> tuple[SearchDoc | None, list[ContentError]]:
    """The page's search record without its text, or None when its front matter says ``search: {exclude: true}``.

    ``path`` names the page in error messages (``content/faq.md`` or a generated
    page's ``clusters/yazd-ceramic.md``); ``source()`` gives its Markdown, read only
    to point an error at the right line of the front matter.
    """
    options = meta.get("search")
    if isinstance(options, dict) and options.get("exclude") is True:
        return None, []
    errors = []
    page_type = meta.get("type") or DEFAULT_TYPE
    if not isinstance(page_type, str) or page_type not in TYPE_LABELS:
        errors.append(_error(path, source, "type", f"«{page_type}» نوع شناخته‌شده‌ای برای صفحه نیست",
                             "، ".join(TYPE_LABELS)))
        page_type = DEFAULT_TYPE
    province = meta.get("province") or ""
    if province and (not isinstance(province, str) or province not in provinces):
        errors.append(_error(path, source, "province", f"«{province}» شناسهٔ استان شناخته‌شده‌ای نیست",
                             "شناسهٔ لاتین یکی از ۳۱ استان، مثل yazd"))
        province = ""
    title = " ".join(str(title).split())
    return SearchDoc(url=url, title=title, type=page_type, province=str(province)), errors


def with_text(doc: SearchDoc, html: str) -> SearchDoc:
    """The record with the headings and text blocks of its page's final HTML."""
    blocks = page_blocks(html)
    if blocks and blocks[0] == ("h", doc.title):  # the page's own <h1>: already the result's title
        blocks = blocks[1:]
    return replace(doc, blocks=blocks)


def _error(path: str, source: Callable[[], str | None], field: str, message: str, expected: str) -> ContentError:
    line, column = 0, 0
    text = source()
    if text is not None:
        meta, _, _, _ = split_front_matter(text, path)
        if field in meta:
            line, column = meta.position(field)
    return ContentError(path, line, column, field=field, message=message, expected=expected)

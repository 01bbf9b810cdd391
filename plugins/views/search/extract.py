"""The readable text of a page's final HTML, as headings and text blocks.

Search indexes what the reader sees: the page body after every other plugin
(generators, the text pipeline, HTML safety) has run. Scripts, styles, SVG,
heading permalinks («¶») and anything marked ``data-search-exclude`` are left
out; block elements (paragraphs, list items, table cells, headings…) end a block
so snippets never run two paragraphs together.

The page is read with one regular-expression scan over its tags
(:data:`plugins.model.markdown.HTML_TOKEN`), not with ``html.parser`` (which
costs several times more, mostly in bookkeeping search does not need). The tags
are tokenised the way ``html.parser`` tokenises them (its tag-name and attribute
rules, raw-text scripts and styles, character references decoded in text and
attribute values), so the blocks are the same.
"""

from __future__ import annotations

import re
from html import unescape

from plugins.model.markdown import HTML_TOKEN

_BLOCK = frozenset({
    "address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "div", "dl", "dt",
    "figcaption", "figure", "footer", "form", "header", "hr", "li", "main", "nav", "ol", "p", "pre",
    "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
})
_HEADING = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_BREAKS = _BLOCK | _HEADING
_SKIP = frozenset({"script", "style", "svg", "template", "noscript", "button", "select", "textarea"})
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})

_ATTRIBUTE = re.compile(r"""([^\s/>][^\s/=>]*)(?:\s*=+\s*('[^']*'|"[^"]*"|(?!['"])[^>\s]*))?""")
_BARE_VALUE_END = re.compile(r"""=\s*(?!['"])[^\s'"]*/$""")
# Only a tag whose attributes mention one of these can start a skipped region.
_SKIP_HINT = re.compile("headerlink|data-search-exclude|aria-hidden", re.I)


def _excluded(attributes: str) -> bool:
    """Whether a start tag's attributes leave the element's text out of the index."""
    if not _SKIP_HINT.search(attributes):  # the common case: no need to read the attributes
        return False
    values: dict[str, str | None] = {}
    for match in _ATTRIBUTE.finditer(attributes):
        value = match.group(2)
        if value is not None:
            if value[:1] in ("'", '"'):
                value = value[1:-1]
            value = unescape(value)
        values[match.group(1).lower()] = value
    return (
        "data-search-exclude" in values
        or "headerlink" in (values.get("class") or "").split()
        or values.get("aria-hidden") == "true"
    )


def _self_closing(attributes: str) -> bool:
    """«<br/>», «<x a="b"/>», «<x checked/>»; not «<a href=x/>», where the "/" is the end of the value."""
    return attributes.endswith("/") and not _BARE_VALUE_END.search(attributes)


def page_blocks(html: str) -> list[tuple[str, str]]:
    """[("h" | "p", text), …] of a page body, in reading order."""
    blocks: list[tuple[str, str]] = []
    buffer: list[str] = []
    kind = "p"
    skip_depth = 0  # > 0 while inside an element whose text is not indexed
    open_tags: list[str] = []  # the open elements…
    open_skips: list[bool] = []  # …and whether each starts a skipped region

    def flush() -> None:
        text = " ".join("".join(buffer).split())  # str.split() and re's \s agree on what a space is
        if text:
            blocks.append((kind, text))
        buffer.clear()

    position = 0
    for match in HTML_TOKEN.finditer(html):
        if not skip_depth and match.start() > position:
            data = html[position:match.start()]
            buffer.append(unescape(data) if "&" in data else data)
        position = match.end()
        _, closing, name, attributes = match.groups()
        if name is None:  # script, style, comment or declaration
            continue
        tag = name.lower()
        if not closing:
            skipped = tag in _SKIP or _excluded(attributes)
            if tag in _BREAKS:
                flush()
                kind = "h" if tag in _HEADING else "p"
            if tag in _VOID:
                continue
            open_tags.append(tag)
            open_skips.append(skipped)
            skip_depth += skipped
            if not _self_closing(attributes):
                continue
            # «<x/>» is read as its start tag and then its end tag (as html.parser does)
        # an end tag
        if tag in _VOID:
            continue
        if tag in _BREAKS and not skip_depth:
            flush()
            kind = "p"
        if tag in open_tags:  # a stray end tag changes nothing
            while open_tags:
                skip_depth -= open_skips.pop()
                if open_tags.pop() == tag:
                    break
    if not skip_depth and position < len(html):
        data = html[position:]
        buffer.append(unescape(data) if "&" in data else data)
    flush()
    return blocks

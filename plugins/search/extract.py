"""The readable text of a page's final HTML, as headings and text blocks.

Search indexes what the reader sees: the page body after every other plugin
(generators, the text pipeline, HTML safety) has run. Scripts, styles, SVG,
heading permalinks («¶») and anything marked ``data-search-exclude`` are left
out; block elements (paragraphs, list items, table cells, headings…) end a block
so snippets never run two paragraphs together.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_BLOCK = frozenset({
    "address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "div", "dl", "dt",
    "figcaption", "figure", "footer", "form", "header", "hr", "li", "main", "nav", "ol", "p", "pre",
    "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
})
_HEADING = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_SKIP = frozenset({"script", "style", "svg", "template", "noscript", "button", "select", "textarea"})
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
_SPACES = re.compile(r"\s+")


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, str]] = []
        self._buffer: list[str] = []
        self._kind = "p"
        self._skip_depth = 0  # > 0 while inside an element whose text is not indexed
        self._stack: list[tuple[str, bool]] = []  # open elements: (tag, starts a skipped region)

    def _flush(self) -> None:
        text = _SPACES.sub(" ", "".join(self._buffer)).strip()
        if text:
            self.blocks.append((self._kind, text))
        self._buffer = []
        self._kind = "p"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        classes = (attributes.get("class") or "").split()
        skipped = (
            tag in _SKIP
            or "data-search-exclude" in attributes
            or "headerlink" in classes
            or attributes.get("aria-hidden") == "true"
        )
        if tag in _BLOCK or tag in _HEADING:
            self._flush()
            if tag in _HEADING:
                self._kind = "h"
        if tag in _VOID:
            return
        self._stack.append((tag, skipped))
        if skipped:
            self._skip_depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        if tag in _BLOCK or tag in _HEADING:
            if not self._skip_depth:
                self._flush()
        if any(open_tag == tag for open_tag, _ in self._stack):  # a stray end tag changes nothing
            while self._stack:
                open_tag, skipped = self._stack.pop()
                self._skip_depth -= skipped
                if open_tag == tag:
                    break

    def handle_data(self, data: str) -> None:
        if not self._skip_depth:
            self._buffer.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


def page_blocks(html: str) -> list[tuple[str, str]]:
    """[("h" | "p", text), …] of a page body, in reading order."""
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    return parser.blocks

"""The one scanner of Markdown source spans: code, comments, raw HTML tags, links.

Four readers of editors' Markdown need to know where these spans are, and must
agree on it: the text pipeline (markup is never normalized), the HTML policy
(code is never reported), ``build.py check`` (links inside code are not links)
and search (which reads the rendered HTML's tags). Each asks this module.

* Code: :func:`code_spans` (fenced and indented blocks, inline code spans,
  comments) and :func:`blank_spans` to hide them; :func:`code_span_end` for a
  scanner that meets a run of backticks.
* Raw HTML: :data:`HTML_TAG` (a CommonMark open or closing tag, attributes
  included), :func:`raw_element_end` (``<code>…</code>`` is one span),
  :func:`comment_end`; :func:`raw_html_tags` (the HTML policy's reading of
  every tag, with its attributes), :func:`escaped`;
  :data:`HTML_TOKEN` tokenises *rendered* HTML the way ``html.parser`` does
  (search reads MkDocs' output, not editors' source).
* Links: :func:`link_destination_end` (``](target "title")``),
  :data:`LINK_OPENING` and :data:`REFERENCE_OPENING` (every target the HTML
  policy checks) and :func:`link_targets` (every link, image and reference
  definition's target, for ``build.py check``).
* Positions: :class:`LinePositions` turns an offset into the line and column
  every reader reports.

Block structure beyond code (quotes, list and admonition containers, headings,
tables) is read only by the text pipeline, in ``plugins/model/text/blocks.py``.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from typing import Iterator, NamedTuple

# ---------------------------------------------------------------------------- code

_FENCE = re.compile(r"^ {0,3}(?:[-*+] +|\d+[.)] +)?(`{3,}|~{3,})")
_LIST_ITEM = re.compile(r"^ {0,3}(?:[-*+]|\d+[.)])(?: |$)")
_BACKTICK_RUN = re.compile(r"(?<!`)`+")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)


@lru_cache(maxsize=16)
def _closing_ticks(ticks: int) -> re.Pattern[str]:
    return re.compile(f"(?<!`)`{{{ticks}}}(?!`)")


def code_span_end(text: str, start: int, ticks: int) -> int:
    """End of the code span opened by ``ticks`` backticks at ``start``: the next run of as many.

    A code span never crosses a blank line; without a closing run, only the
    opening run is markup.
    """
    close = _closing_ticks(ticks).search(text, start + ticks)
    if close is None or _BLANK_LINE.search(text, start + ticks, close.start()):
        return start + ticks
    return close.end()


def _code_block_spans(text: str) -> list[tuple[int, int]]:
    """Lines of fenced and indented code blocks, as (start, end) spans."""
    spans: list[tuple[int, int]] = []
    offset = 0
    fence: str | None = None
    previous_blank, in_list, in_indented_code = True, False, False
    for line in text.split("\n"):
        length = len(line) + 1
        stripped = line.strip()
        if fence is not None:
            spans.append((offset, offset + length))
            if stripped.startswith(fence[0] * len(fence)) and set(stripped) <= {fence[0]}:
                fence = None
        elif (match := _FENCE.match(line)) is not None:
            fence = match.group(1)
            spans.append((offset, offset + length))
        elif stripped and (line.startswith("    ") or line.startswith("\t")) and not in_list and (
            previous_blank or in_indented_code
        ):
            in_indented_code = True
            spans.append((offset, offset + length))
        elif stripped:
            in_indented_code = False
            if _LIST_ITEM.match(line):
                in_list = True
            elif not line.startswith((" ", "\t")) and previous_blank:
                in_list = False
        previous_blank = not stripped
        offset += length
    return spans


def code_spans(text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` that Markdown shows as code or drops (comments): never scanned."""
    spans = _code_block_spans(text)
    masked, position = blank_spans(text, spans), 0
    for run in _BACKTICK_RUN.finditer(masked):
        if run.start() < position:
            continue  # inside the code span just found
        position = code_span_end(masked, run.start(), run.end() - run.start())
        if position > run.end():
            spans.append((run.start(), position))
    for match in _COMMENT.finditer(blank_spans(text, spans)):
        spans.append((match.start(), match.end()))
    return spans


def blank_spans(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with the given spans blanked out (same length, same offsets)."""
    if not spans:
        return text
    chars = list(text)
    for start, end in spans:
        for index in range(start, min(end, len(chars))):
            if chars[index] != "\n":
                chars[index] = " "
    return "".join(chars)


# ---------------------------------------------------------------------------- raw HTML

# A CommonMark open or closing tag with its attributes (a start tag, an end tag, a self-closing tag).
HTML_TAG = (
    r"</?[A-Za-z][A-Za-z0-9\-]*"
    r"(?:\s+[^\s\"'>/=]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?)*\s*/?>"
)
# Elements whose content is code or raw text: the whole element is one span.
RAW_ELEMENTS = ("script", "style", "pre", "code", "kbd", "samp", "textarea", "svg", "math")
_TAG_NAME = re.compile(r"</?([A-Za-z][A-Za-z0-9\-]*)")


def raw_element_end(text: str, tag: str, end: int) -> int:
    """End of the span a tag (ending at ``end``) starts: the whole element for a raw element's start tag."""
    name = _TAG_NAME.match(tag).group(1).lower()
    if name not in RAW_ELEMENTS or tag.startswith("</") or tag.endswith("/>"):
        return end
    close = re.compile(f"</{name}\\s*>", re.IGNORECASE).search(text, end)
    return len(text) if close is None else close.end()


# Two readings of a source tag, on purpose: the text pipeline protects exactly
# what Markdown passes through as HTML (HTML_TAG, CommonMark's grammar), while
# the HTML policy reads tags as loosely as a browser would (attributes need no
# space between them), so that nothing slips past it.


class RawTag(NamedTuple):
    """One raw HTML tag of Markdown source, as the HTML policy reads it."""

    start: int  # offset of "<"
    end: int  # just after its ">" (or after the last attribute read, when the tag is not well formed)
    closing: bool
    name: str  # lower case
    attributes: tuple[tuple[str, str | None], ...]  # (name, value as written, quotes included)
    well_formed: bool  # its attributes end with ">" (Markdown passes it through as HTML)


_TAG_START = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)(?=[\s/>]|\Z)")
_TAG_ATTRIBUTE = re.compile(r"""\s*([^\s"'>/=`]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+))?""")
_TAG_END = re.compile(r"\s*/?>")


def escaped(text: str, offset: int) -> bool:
    """Whether the character at ``offset`` follows an odd number of backslashes."""
    backslashes = 0
    while offset - backslashes - 1 >= 0 and text[offset - backslashes - 1] == "\\":
        backslashes += 1
    return backslashes % 2 == 1


def _tag_at(scan: str, match: re.Match[str]) -> RawTag:
    closing, name, position = match.group(1) == "/", match.group(2).lower(), match.end()
    attributes: list[tuple[str, str | None]] = []
    while True:
        end = _TAG_END.match(scan, position)
        if end is not None:
            return RawTag(match.start(), end.end(), closing, name, tuple(attributes), True)
        attribute = None if closing else _TAG_ATTRIBUTE.match(scan, position)
        if attribute is None or attribute.end() == position:
            return RawTag(match.start(), position, closing, name, tuple(attributes), False)
        position = attribute.end()
        attributes.append((attribute.group(1), attribute.group(2)))


def raw_html_tags(scan: str) -> Iterator[RawTag]:
    """Every raw HTML start and end tag of ``scan`` (code already blanked out), in order."""
    for match in _TAG_START.finditer(scan):
        if not escaped(scan, match.start()):
            yield _tag_at(scan, match)


def comment_end(text: str, start: int) -> int:
    """End of the HTML comment opened at ``start`` (the end of the text when never closed)."""
    close = text.find("-->", start + 4)
    return len(text) if close < 0 else close + 3


# Rendered HTML, tokenised the way html.parser does (its tag-name and attribute
# rules, raw-text scripts and styles). Groups: raw element, "/" of an end tag,
# tag name, attributes; a comment or declaration has no name.
_HTML_ATTRIBUTES = r"""(?:"[^"]*"|'[^']*'|[^'">])*"""  # a quoted value may hold ">"
HTML_TOKEN = re.compile(
    r"<(?:"
    rf"(script|style)\b{_HTML_ATTRIBUTES}(?<!/)>.*?</\1\s*>"  # raw text: nothing in it is read
    r"|!--.*?--\s*>"  # comment
    r"|[!?][^>]*>"  # doctype, processing instruction
    rf"|(/?)([a-zA-Z][^\t\n\r\f />\x00]*)({_HTML_ATTRIBUTES})>"  # end tag or start tag
    r")",
    re.S | re.I,
)

# ---------------------------------------------------------------------------- links


def link_destination_end(text: str, start: int) -> int:
    """End of ``](target "title")`` starting at ``start``; only ``](`` when unbalanced."""
    index, depth, quote = start + 2, 1, ""
    while index < len(text):
        char = text[index]
        if char == "\\":
            index += 2
            continue
        if quote:
            if char == quote:
                quote = ""
        elif char in "\"'" and text[index - 1] in " \t\n":
            quote = char
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return index + 1
        elif char == "\n" and text[index - 1] == "\n":
            break
        index += 1
    return start + 2


# Where an inline link's target starts: any «](», so no crafted label hides it (the HTML policy).
LINK_OPENING = re.compile(r"\]\(\s*<?([^)\s>]+)")
# A reference definition «[label]: target» at the start of a line (the HTML policy).
REFERENCE_OPENING = re.compile(r"^( {0,3})\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.M)
_INLINE_LINK = re.compile(r"(!?)\[(?:[^\[\]\n]|\[[^\[\]\n]*\])*\]\(\s*(<[^>\n]*>|[^)\s]+)")
_REFERENCE = re.compile(r"^ {0,3}\[[^\]\n]+\]:\s*(<[^>\n]*>|\S+)", re.M)
_HTML_LINK = re.compile(r"<(a|img)\b[^>]*?\s(?:href|src)\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+)", re.I)


class LinkTarget(NamedTuple):
    target: str  # without its <…> or quotes
    line: int  # 1-based
    column: int  # 1-based
    image: bool


class LinePositions:
    """The 1-based line and column of an offset in ``text``: each reader of spans reports them."""

    _NEWLINE = re.compile("\n")

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts: list[int] | None = None  # made on the first question: most texts are never asked

    def __call__(self, offset: int) -> tuple[int, int]:
        if self._starts is None:
            self._starts = [0] + [match.end() for match in self._NEWLINE.finditer(self.text)]
        line = bisect.bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1


def link_targets(scan: str) -> Iterator[LinkTarget]:
    """Every link, image and reference definition target of ``scan`` (code already blanked out)."""
    position = LinePositions(scan)

    def target(value: str, offset: int, image: bool) -> LinkTarget:
        return LinkTarget(value.strip("<>\"'"), *position(offset), image)

    for match in _INLINE_LINK.finditer(scan):
        yield target(match.group(2), match.start(2), match.group(1) == "!")
    for match in _REFERENCE.finditer(scan):
        yield target(match.group(1), match.start(1), False)
    for match in _HTML_LINK.finditer(scan):
        yield target(match.group(2), match.start(2), match.group(1).lower() == "img")

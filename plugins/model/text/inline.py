"""Inline Markdown/HTML: markup spans are copied byte for byte, the prose between them normalized.

Markup: code spans, escapes, HTML tags with their attributes (and the content of
raw elements such as ``<code>``), comments, entities, autolinks, bare URLs and
e-mail addresses, link and image targets, footnote and reference labels,
emphasis markers, table pipes, attribute lists. The spans themselves are found
by :mod:`plugins.model.markdown`, the one Markdown span scanner.
"""

from __future__ import annotations

import re
from typing import Iterator

from plugins.model.markdown import HTML_TAG, code_span_end, comment_end, link_destination_end, raw_element_end
from plugins.model.text.runs import apply_edits, normalize_run

_INLINE_RE = re.compile(
    r"(?P<escape>\\[\s\S])"
    r"|(?P<ticks>`+)"
    r"|(?P<comment><!--)"
    r"|(?P<autolink><(?:[A-Za-z][A-Za-z0-9+.\-]{1,31}:[^<>\s]*|[^<>\s@]+@[^<>\s@]+)>)"
    rf"|(?P<tag>{HTML_TAG})"
    r"|(?P<entity>&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6});)"
    r"|(?P<url>(?:[A-Za-z][A-Za-z0-9+.\-]*://|www\.)[^\s<>\[\]()\"'«»]+)"
    r"|(?P<email>[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+)"
    r"|(?P<destination>\]\()"
    r"|(?P<reference>\]\[[^\]\n]*\])"
    r"|(?P<footnote>\[\^[^\]\s]+\])"
    r"|(?P<shortcut>\[(?P<label>[^\]\n]+)\](?:\[\])?)"
    r"|(?P<bracket>!?\[|\])"
    r"|(?P<attributes>\{:[^}\n]*\}|\{[ \t]*(?:[#.]|[A-Za-z_][\w\-:]*=)[^}\n]*\})"
    r"|(?P<marker>\*+|_+|~~+|\|)"
)
_INLINE_START_RE = re.compile(r"[\\`<&A-Za-z0-9._%+\-\]\[!{*~|]")  # first characters of _INLINE_RE


def reference_label(label: str) -> str:
    """A reference label as Markdown matches it: blanks collapsed, case folded."""
    return " ".join(label.split()).lower()


def _span_end(text: str, match: re.Match[str], references: frozenset[str]) -> int:
    """Where the markup that ``match`` starts really ends (a code span, a raw element, a target…)."""
    start, end, kind = match.start(), match.end(), match.lastgroup
    if kind == "ticks":
        return code_span_end(text, start, end - start)
    if kind == "comment":
        return comment_end(text, start)
    if kind == "tag":
        return raw_element_end(text, match.group("tag"), end)
    if kind == "destination":
        return link_destination_end(text, start)
    if kind == "shortcut" and reference_label(match.group("label")) not in references:
        return start + 1  # only the "[": the text inside is prose
    return end


def inline_markup(text: str, references: frozenset[str] = frozenset()) -> Iterator[tuple[int, int]]:
    """(start, end) of every markup span of inline Markdown/HTML text, in order."""
    position = 0
    while True:
        candidate = _INLINE_START_RE.search(text, position)
        if candidate is None:
            return
        match = _INLINE_RE.match(text, candidate.start())
        if match is None:
            position = candidate.start() + 1
            continue
        end = _span_end(text, match, references)
        yield match.start(), end
        position = end


def _lines_of(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end:
        newline = text.find("\n", start, end)
        stop = end if newline < 0 else newline
        if stop > start:
            yield start, stop
        start = stop + 1


def prose_pieces(text: str, markup: Iterator[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """Prose between markup spans, cut at line ends (a run never spans lines)."""
    position = 0
    for start, end in markup:
        if start > position:
            yield from _lines_of(text, position, start)
        position = max(position, end)
    if position < len(text):
        yield from _lines_of(text, position, len(text))


def normalize_inline(text: str, display: bool, references: frozenset[str] = frozenset()) -> str:
    """Inline Markdown/HTML text with its prose normalized and its markup untouched."""
    edits = []
    for start, end in prose_pieces(text, inline_markup(text, references)):
        old = text[start:end]
        new = normalize_run(old, display)
        if new != old:
            edits.append((start, end, new))
    return apply_edits(text, edits)

"""Markdown blocks: which slices of a page are inline text, grouped by paragraph.

Everything outside the slices is block markup or code and is never changed:
fenced and indented code, HTML comments and raw ``<pre>/<script>/<style>/
<textarea>`` blocks, link reference definitions, table delimiter rows,
thematic breaks, attribute lines, and the markers of quotes, lists, headings,
admonitions, footnotes, abbreviations and definitions. The rules follow
Python-Markdown and its extensions as MkDocs configures them.
"""

from __future__ import annotations

import re

_FENCE_RE = re.compile(r"(`{3,}|~{3,})")
_QUOTE_RE = re.compile(r"(?:>[ \t]?)+")
_RULE_RE = re.compile(r"(?:([-*_=])[ \t]*)(?:\1[ \t]*)*")
_HEADING_RE = re.compile(r"#{1,6}(?=[ \t]|$)")
_CLOSING_HASHES_RE = re.compile(r"[ \t]+#+[ \t]*$")
_CONTAINER_TITLE_RE = re.compile(r"(?:!!!\+?|\?\?\?\+?|===\+?)(?=[ \t]|$)")
_FOOTNOTE_DEF_RE = re.compile(r"\[\^[^\]\n]+\]:[ \t]*")
_REFERENCE_DEF_RE = re.compile(r"\[([^\]\n^][^\]\n]*)\]:[ \t]*\S")
_ABBREVIATION_RE = re.compile(r"\*\[[^\]\n]+\]:[ \t]*")
_DEFINITION_RE = re.compile(r":[ \t]+")
_LIST_ITEM_RE = re.compile(r"(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)")
_TABLE_DELIMITER_RE = re.compile(r"\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*")
_ATTRIBUTE_LINE_RE = re.compile(r"\{:?[^}]*\}[ \t]*")
_RAW_BLOCK_RE = re.compile(r"<(pre|script|style|textarea)(?=[\s>])", re.IGNORECASE)
REFERENCE_LABEL_RE = re.compile(r"^[ ]{0,3}\[([^\]\n^][^\]\n]*)\]:[ \t]*\S", re.MULTILINE)

Slice = tuple[int, int]


def _indent_width(line: str) -> tuple[int, int]:
    """(columns, characters) of a line's leading whitespace; a tab is 4 columns."""
    columns = 0
    for count, char in enumerate(line):
        if char == " ":
            columns += 1
        elif char == "\t":
            columns += 4 - columns % 4
        else:
            return columns, count
    return columns, len(line)


class _BlockScanner:
    """Reads a document line by line; ``groups`` collects the inline-text slices by paragraph."""

    def __init__(self) -> None:
        self.groups: list[list[Slice]] = []
        self.current: list[Slice] | None = None  # the paragraph later lines continue
        self.fence: tuple[str, int] | None = None  # (character, length) of an open code fence
        self.raw_close: re.Pattern[str] | None = None  # the end of an open comment or raw HTML block
        self.containers: list[int] = []  # content columns of open list items, admonitions, footnotes
        self.previous_blank, self.in_paragraph, self.in_code = True, False, False

    def start_group(self, start: int, end: int) -> None:
        self.current = [(start, end)] if end > start else []
        self.groups.append(self.current)

    def end_paragraph(self) -> None:
        self.in_paragraph, self.current = False, None

    def open_container(self, columns: int) -> None:
        self.close_containers(columns)
        self.containers.append(columns + 4)

    def close_containers(self, columns: int) -> None:
        while self.containers and columns < self.containers[-1]:
            self.containers.pop()

    def feed(self, line: str, offset: int) -> None:
        """One line, starting at ``offset`` in the document."""
        if self.fence is not None:
            stripped = _QUOTE_RE.sub("", line.lstrip(" \t"), count=1).lstrip(" \t")
            if re.fullmatch(f"{re.escape(self.fence[0])}{{{self.fence[1]},}}[ \\t]*", stripped):
                self.fence = None
            return
        if self.raw_close is not None:
            if self.raw_close.search(line):
                self.raw_close = None
            return
        if not line.strip():
            self.previous_blank = True
            self.end_paragraph()
            return
        columns, position = _indent_width(line)
        if self.previous_blank:
            self.close_containers(columns)
        base = self.containers[-1] if self.containers else 0
        if not self.in_paragraph and (self.previous_blank or self.in_code) and columns >= base + 4:
            self.in_code, self.previous_blank, self.current = True, False, None
            return
        self.in_code = self.previous_blank = False
        quote = _QUOTE_RE.match(line, position)
        if quote:
            position = quote.end()
            if not line[position:].strip():
                self.end_paragraph()
                return
        if self._markup_block(line[position:]):
            self.end_paragraph()
            return
        self._text_line(line, offset, columns, position)

    def _markup_block(self, rest: str) -> bool:
        """Whether a line (after its indent and quote markers) is block markup with no prose."""
        fence = _FENCE_RE.match(rest)
        if fence and (rest[0] == "~" or "`" not in rest[fence.end():]):
            self.fence = (rest[0], len(fence.group(1)))
            return True
        if rest.startswith("<!--"):
            if "-->" not in rest[4:]:
                self.raw_close = re.compile("-->")
            return True
        raw = _RAW_BLOCK_RE.match(rest)
        if raw and not re.search(f"</{raw.group(1)}\\s*>", rest, re.IGNORECASE):
            self.raw_close = re.compile(f"</{raw.group(1)}\\s*>", re.IGNORECASE)
            return True
        if _RULE_RE.fullmatch(rest.rstrip()):
            return True
        if _TABLE_DELIMITER_RE.fullmatch(rest) and "-" in rest and ("|" in rest or not self.in_paragraph):
            return True
        if _ATTRIBUTE_LINE_RE.fullmatch(rest):
            return True
        return bool(_REFERENCE_DEF_RE.match(rest) and not _FOOTNOTE_DEF_RE.match(rest))

    def _text_line(self, line: str, offset: int, columns: int, position: int) -> None:
        """A line with inline text: a heading, a container title, a list item, a table row, a paragraph."""
        rest = line[position:]
        heading = _HEADING_RE.match(rest)
        if heading:
            closing = _CLOSING_HASHES_RE.search(line, position + heading.end())
            end = closing.start() if closing else len(line)
            self.start_group(offset + position + heading.end(), offset + end)
            self.end_paragraph()
            return
        if _CONTAINER_TITLE_RE.match(rest):
            self.open_container(columns)
            first_quote, last_quote = line.find('"', position), line.rfind('"')
            if 0 <= first_quote < last_quote:
                self.start_group(offset + first_quote + 1, offset + last_quote)
            self.end_paragraph()
            return
        marker = (
            _FOOTNOTE_DEF_RE.match(rest)
            or _ABBREVIATION_RE.match(rest)
            # Python-Markdown: a list does not interrupt a top-level paragraph («1380. …» is prose)
            or (_LIST_ITEM_RE.match(rest) if self.containers or not self.in_paragraph else None)
            or _DEFINITION_RE.match(rest)
        )
        if marker:
            self.open_container(columns)
            self.start_group(offset + position + marker.end(), offset + len(line))
            self.in_paragraph = True
        elif "|" in rest:
            self.start_group(offset + position, offset + len(line))
            self.end_paragraph()
        elif self.current is not None and self.in_paragraph:
            self.current.append((offset + position, offset + len(line)))
        else:
            self.start_group(offset + position, offset + len(line))
            self.in_paragraph = True


def block_groups(lines: list[str], offsets: list[int], first: int) -> list[list[Slice]]:
    """Inline-text slices of a Markdown document from line ``first`` on, grouped by paragraph.

    Code spans may cross lines inside one group, never between groups.
    """
    scanner = _BlockScanner()
    for index in range(first, len(lines)):
        scanner.feed(lines[index], offsets[index])
    return scanner.groups

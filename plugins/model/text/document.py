"""A whole Markdown page: its front matter's values and the prose of its blocks."""

from __future__ import annotations

from plugins.model.text.blocks import REFERENCE_LABEL_RE, Slice, block_groups
from plugins.model.text.inline import inline_markup, prose_pieces, reference_label
from plugins.model.text.runs import normalize_run
from plugins.model.text.yaml_values import normalize_yaml_values
from plugins.model.yamlio import front_matter_parts


def _group_edits(markdown: str, group: list[Slice], display: bool,
                 references: frozenset[str]) -> list[tuple[int, int, str]]:
    """Edits of one paragraph: its slices are joined so inline markup may cross their lines."""
    joined = "\n".join(markdown[start:end] for start, end in group)
    starts, position = [], 0
    for start, end in group:
        starts.append((position, start, end - start))
        position += end - start + 1
    edits = []
    for piece_start, piece_end in prose_pieces(joined, inline_markup(joined, references)):
        for joined_start, absolute, length in starts:
            if joined_start <= piece_start < joined_start + length:
                begin = absolute + piece_start - joined_start
                old = markdown[begin:begin + piece_end - piece_start]
                new = normalize_run(old, display)
                if new != old:
                    edits.append((begin, begin + len(old), new))
                break
    return edits


def normalize_page(markdown: str, display: bool) -> list[tuple[int, int, str]]:
    """Every edit of a Markdown page: front matter values, then the prose of each paragraph."""
    lines = markdown.split("\n")
    offsets, total = [], 0
    for line in lines:
        offsets.append(total)
        total += len(line) + 1
    edits: list[tuple[int, int, str]] = []
    first = 0
    parts = front_matter_parts(markdown)
    if parts.front_matter is not None:
        closing = parts.body_line - 2  # the index of the line closing the front matter
        start, end = offsets[1], offsets[closing]
        yaml_text = markdown[start:end]
        normalized = normalize_yaml_values(yaml_text, display)[0]
        if normalized != yaml_text:
            edits.append((start, end, normalized))
        first = closing + 1
    body_start = offsets[first] if first < len(offsets) else len(markdown)
    references = frozenset(reference_label(label) for label in REFERENCE_LABEL_RE.findall(markdown, body_start))
    for group in block_groups(lines, offsets, first):
        if group:
            edits.extend(_group_edits(markdown, group, display, references))
    return edits

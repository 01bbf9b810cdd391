"""One line of prose between markup: protected tokens kept, Persian segments normalized, digits shown."""

from __future__ import annotations

from plugins.model.digits import ARABIC_INDIC_TO_PERSIAN, LATIN_TO_PERSIAN
from plugins.model.text.cache import SEGMENTS
from plugins.model.text.characters import (
    ARABIC_INDIC_RE, ARABIC_RE, LATIN_DIGIT_RE, LATIN_RE, LEADING_EDGE_RE, PERCENT_AFTER_DIGIT, TRAILING_EDGE_RE,
    needs_work,
)
from plugins.model.text.protected import protected_tokens


def normalize_segment(segment: str, persian_context: bool) -> str:
    """A segment between protected tokens; whitespace and joiners at its edges are kept."""
    lead = LEADING_EDGE_RE.match(segment).end()
    if lead == len(segment):
        return segment
    trail = TRAILING_EDGE_RE.search(segment, lead).start()
    core = segment[lead:trail]
    if ARABIC_INDIC_RE.search(core):
        core = core.translate(ARABIC_INDIC_TO_PERSIAN)
    if ARABIC_RE.search(core):
        core = SEGMENTS.get(core)
    if persian_context and LATIN_DIGIT_RE.search(core):
        core = PERCENT_AFTER_DIGIT.sub("٪", core.translate(LATIN_TO_PERSIAN))
    return segment[:lead] + core + segment[trail:]


def normalize_run(run: str, display: bool) -> str:
    """One line of prose between markup: protected tokens kept, Persian segments normalized.

    For display, a run with a Persian letter (or with no Latin letter) shows Persian
    digits; a run of Latin letters only is English and keeps its digits.
    """
    if not needs_work(run, display):
        return run
    persian_context = display and (ARABIC_RE.search(run) is not None or LATIN_RE.search(run) is None)
    parts: list[str] = []
    position = 0
    for match in protected_tokens(run):
        if match.start() > position:
            parts.append(normalize_segment(run[position:match.start()], persian_context))
        parts.append(match.group())
        position = match.end()
    if position < len(run):
        parts.append(normalize_segment(run[position:], persian_context))
    return "".join(parts)


def apply_edits(text: str, edits: list[tuple[int, int, str]]) -> str:
    """``text`` with each (start, end) span replaced; spans never overlap."""
    if not edits:
        return text
    parts, position = [], 0
    for start, end, replacement in sorted(edits):
        parts.append(text[position:start])
        parts.append(replacement)
        position = end
    parts.append(text[position:])
    return "".join(parts)

"""Character classes of the pipeline: letters, digits, edges, and which text needs work.

Which text needs work at all (``needs_work``) follows the digits policy: sources
keep Latin digits (only Arabic-Indic ones become Persian); what readers see
shows Persian digits in Persian prose.
"""

from __future__ import annotations

import re

ARABIC_LETTERS = (
    "\u0620-\u064a\u066e\u066f\u0671-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06fc\u06ff"
    "\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc"
)
LATIN_LETTERS = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"
DIGITS = "0-9\u0660-\u0669\u06f0-\u06f9"
EDGE_CHARS = r"\s\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff"

ARABIC_RE = re.compile(f"[{ARABIC_LETTERS}]")
LATIN_RE = re.compile(f"[{LATIN_LETTERS}]")
LEADING_EDGE_RE = re.compile(f"^[{EDGE_CHARS}]*")
TRAILING_EDGE_RE = re.compile(f"[{EDGE_CHARS}]*$")
ARABIC_INDIC_RE = re.compile("[\u0660-\u0669]")
LATIN_DIGIT_RE = re.compile("[0-9]")
PERCENT_AFTER_DIGIT = re.compile("(?<=[۰-۹])%")
SPACE_BEFORE_PERCENT = re.compile(f"(?<=[{DIGITS}]) (?=[٪%])")

# Text without these has nothing to normalize: Arabic-script letters and
# Arabic-Indic digits for the source form, Latin digits too for display.
_SOURCE_WORK_RE = re.compile(f"[{ARABIC_LETTERS}\u0660-\u0669]")
_DISPLAY_WORK_RE = re.compile(f"[{ARABIC_LETTERS}\u0660-\u06690-9]")


def needs_work(text: str, display: bool) -> bool:
    """Whether normalizing ``text`` (for display or as source) could change anything."""
    return (_DISPLAY_WORK_RE if display else _SOURCE_WORK_RE).search(text) is not None

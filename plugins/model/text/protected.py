"""Tokens inside prose that are copied byte for byte: URLs, e-mail, Latin phrases, numbers, coordinates."""

from __future__ import annotations

import re
from typing import Iterator

from plugins.model.text.characters import DIGITS, LATIN_LETTERS

_NUMBER = f"[{DIGITS}]+"
_DECIMAL = f"{_NUMBER}(?:[.٫]{_NUMBER})?"
_URL = r"(?:[A-Za-z][A-Za-z0-9+.\-]*://|www\.|mailto:)[^\s<>\"'«»\[\]]+"
_EMAIL = r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+"
_COORDINATE = (
    f"{_DECIMAL}[ \\t]?°(?:[ \\t]?{_DECIMAL}[ \\t]?[′'])?(?:[ \\t]?{_DECIMAL}[ \\t]?[″\"])?"
    f"(?:[ \\t]?[NSEW](?![{LATIN_LETTERS}]))?"
)
_SEPARATED_NUMBER = f"[+\\-−]?{_NUMBER}(?:[.,٫٬/:\\-–−]{_NUMBER})+(?:-[Xx](?![{LATIN_LETTERS}]))?"
_LATIN_WORD = (
    f"[{DIGITS}]*[{LATIN_LETTERS}][{LATIN_LETTERS}{DIGITS}_]*"
    f"(?:[.'’\\-+&/#@:_][{LATIN_LETTERS}{DIGITS}_]+)*[+#]*"
)
_LATIN_SEPARATOR = "(?:[ \\t]*[,;&/\\-–—][ \\t]*|[ \\t]+)"
_LATIN_NUMBER = f"[{DIGITS}]+(?:[.,:/\\-][{DIGITS}]+)*(?![{LATIN_LETTERS}{DIGITS}])"
_LATIN_PHRASE = f"{_LATIN_WORD}(?:{_LATIN_SEPARATOR}(?:{_LATIN_WORD}|{_LATIN_NUMBER}))*"

_PROTECTED_RE = re.compile("|".join([_URL, _EMAIL, _COORDINATE, _SEPARATED_NUMBER, _LATIN_PHRASE]))
# Every character a protected token can start with: the scanner only tries the
# alternatives there, which is several times faster on Persian prose.
_PROTECTED_START_RE = re.compile(f"[{LATIN_LETTERS}{DIGITS}._%+\\-−]")


def protected_tokens(run: str) -> Iterator[re.Match[str]]:
    """Every protected token of a prose run, in order."""
    position = 0
    while True:
        candidate = _PROTECTED_START_RE.search(run, position)
        if candidate is None:
            return
        match = _PROTECTED_RE.match(run, candidate.start())
        if match is None or match.end() == match.start():
            position = candidate.start() + 1
            continue
        yield match
        position = match.end()

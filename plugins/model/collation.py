"""Persian alphabetical order (پ after ب, گ after ک), for every sorted list readers see."""

from __future__ import annotations

from functools import lru_cache

ZWNJ = "\u200c"
_PERSIAN_ALPHABET = "آابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی"
_COLLATION = {letter: index + 1 for index, letter in enumerate(_PERSIAN_ALPHABET)}
_COLLATION.update({"أ": _COLLATION["ا"], "إ": _COLLATION["ا"], "ؤ": _COLLATION["و"], "ئ": _COLLATION["ی"],
                   "ة": _COLLATION["ه"], "ۀ": _COLLATION["ه"], "ي": _COLLATION["ی"], "ك": _COLLATION["ک"]})


@lru_cache(maxsize=65536)  # names are sorted again on every build; the preview builds on every save
def persian_sort_key(text: str) -> tuple[int, ...]:
    """Order Persian words the way a Persian dictionary does.

    Code-point order puts پ چ ژ ک گ ی after every Arabic letter; this key uses
    the Persian alphabet, ignores the zero-width non-joiner and keeps spaces lowest.
    """
    key = []
    for char in text:
        if char == ZWNJ:
            continue
        if char == " ":
            key.append(0)
        elif char in _COLLATION:
            key.append(1000 + _COLLATION[char])
        else:
            key.append(2000 + ord(char))
    return tuple(key)

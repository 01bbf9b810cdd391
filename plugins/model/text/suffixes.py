"""سازمانهای → سازمان‌های: a plural or comparative suffix glued to a word hazm's lexicon knows."""

from __future__ import annotations

import re

PERSIAN_WORD_RE = re.compile("[ءآأؤإئابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیۀ]{3,}")
_NON_JOINING = set("آادذرزژو")
_PLURAL_SUFFIXES = ("هایشان", "هایتان", "هایمان", "هایی", "هایم", "هایت", "هایش", "های", "ها")
_COMPARATIVE_SUFFIXES = ("ترین", "تری", "تر")


def _known(word: str, lexicon: dict) -> bool:
    entry = lexicon.get(word)
    return entry is not None and entry[0] > 0


def glued_suffix(word: str, lexicon: dict) -> str:
    """سازمانهای → سازمان‌های, بزرگتر → بزرگ‌تر, شبکهای → شبکه‌ای: a suffix glued to a known word.

    hazm adds the ZWNJ when the suffix is written apart (خوشه ها) or after «ه»
    (خوشهها); this covers the glued case the seeds are full of. The whole word
    must be unknown to hazm's lexicon (or known only as a misspelling, frequency
    0), the stem known with a frequency above 0, the word not derived from a known
    word (بیشترین ← بیشتر, دفتری ← دفتر, تنهایی ← تنها), and for تر/ترین the stem an
    adjective. «Xهای» that reads as «Xه» + «ای» and as «X» + «های» (منطقهای،
    مجموعهای) is ambiguous and left alone. A stem ending in a non-joining letter
    (نهادها) looks the same either way and is left alone too.
    """
    if _known(word, lexicon):
        return word
    if word.endswith("های") and len(word) > 4 and _known(word[:-2], lexicon):
        return word if _known(word[:-3], lexicon) else f"{word[:-2]}\u200cای"
    for suffixes, needs_adjective in ((_PLURAL_SUFFIXES, False), (_COMPARATIVE_SUFFIXES, True)):
        for suffix in suffixes:
            if not word.endswith(suffix) or len(word) - len(suffix) < 2:
                continue
            stem = word[: -len(suffix)]
            base = stem + suffix[:2]
            if base != word and _known(base, lexicon):
                return word
            entry = lexicon.get(stem)
            if (
                _known(stem, lexicon)
                and stem[-1] not in _NON_JOINING
                and stem[-1] != "ه"
                and (not needs_adjective or "AJ" in entry[1])
            ):
                return f"{stem}\u200c{suffix}"
    return word

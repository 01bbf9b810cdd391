"""Web fonts cut down to the characters the site shows (fontTools), the same bytes for the same text.

Vazirmatn covers Persian, Arabic, Urdu, Latin and more: 800 characters, 50 KB a weight.
The site shows about 170 of them. The subset keeps those characters with the glyphs
their shaping needs (the joining forms, ligatures, marks and kerning of the font's
layout tables, with fontTools' default features) plus tabular digits, which the
site's tables ask for (``font-variant-numeric: tabular-nums``). Printable ASCII is
always kept, so a Latin word added by a script never falls back to another font.
"""

from __future__ import annotations

import hashlib
import io
import re
from pathlib import Path

import fontTools
from fontTools import subset
from fontTools.ttLib import TTFont

PRINTABLE_ASCII = frozenset(map(chr, range(0x20, 0x7F)))
# features beyond fontTools' defaults that the site's CSS uses
EXTRA_FEATURES = ("tnum",)
_ASCII_RUNS = re.compile(r"[\x00-\x7f]+")


def characters_of(text: str) -> set[str]:
    """The characters of ``text`` beyond ASCII (ASCII is always in the subset; skipping it is faster)."""
    return set(_ASCII_RUNS.sub("", text))


def subset_woff2(font: bytes, characters: set[str]) -> bytes:
    """The WOFF2 font holding ``characters`` (and printable ASCII) from ``font``."""
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = [*options.layout_features, *EXTRA_FEATURES]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(map(ord, characters | PRINTABLE_ASCII)))
    # recalcTimestamp off: the font's head.modified stays that of the source, not today
    loaded = TTFont(io.BytesIO(font), recalcTimestamp=False)
    subsetter.subset(loaded)
    out = io.BytesIO()
    loaded.save(out)
    return out.getvalue()


def cached_subset(font: bytes, characters: set[str], cache: Path | None) -> bytes:
    """``subset_woff2``, kept in ``cache`` under a hash of its inputs (half a second saved a font)."""
    if cache is None:
        return subset_woff2(font, characters)
    key = hashlib.sha256(font + "".join(sorted(characters)).encode("utf-8")
                         + f"{fontTools.version} {EXTRA_FEATURES}".encode()).hexdigest()[:24]
    kept = cache / f"{key}.woff2"
    if kept.is_file():
        return kept.read_bytes()
    data = subset_woff2(font, characters)
    cache.mkdir(parents=True, exist_ok=True)
    partial = kept.with_suffix(".part")
    partial.write_bytes(data)
    partial.replace(kept)
    return data

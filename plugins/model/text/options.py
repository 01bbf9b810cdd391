"""hazm 0.10's ``Normalizer`` options, each with why it is on or off."""

from __future__ import annotations

HAZM_OPTIONS: dict[str, bool] = {
    # ZWNJ for می/نمی and ها/های/تر/ترین/… (lexicon-checked), spacing around
    # punctuation, collapsed spaces, keshide removed: the point of the pipeline.
    "correct_spacing": True,
    # میشود → می‌شود: joins the verb prefix only when hazm's verb list knows the verb.
    "seperate_mi": True,
    # "…" → «…», ... → …: Persian typography.
    "persian_style": True,
    # ﷼ → ریال, ligature ﻻ → لا: presentation-form ligatures become real letters.
    "unicodes_replacement": True,
    # Off: editors' kasre of ezafe (اجتماعیِ) and tanvin (معمولاً) are deliberate.
    "remove_diacritics": False,
    # Off: it deletes hamza above (خانهٔ) and superscript alef, which change words.
    "remove_specials_chars": False,
    # Off: it shortens letters repeated three times using a lexicon, which can
    # damage proper names; editors' formal text has no «سلاممممم».
    "decrease_repeated_chars": False,
    # Off: digits follow Khooshe's own policy (characters.py), not hazm's all-Persian rule.
    "persian_numbers": False,
}

"""Search folding: the one rule table that Python (the index) and the browser (the query) share.

Readers type Persian however their keyboard, habit or source text lets them:
Arabic ي/ك, ۀ or هٔ, ة, diacritics, three digit scripts, and a ZWNJ, a space or
nothing between a word and its suffix. Search must treat all of these as one
spelling. The rules live in ``SEARCH_FOLDING`` only: Python reads the table
directly and the search plugin writes it, unchanged, to ``search/rules.json``
for the browser's engine (``plugins/views/search/assets/search.js``), so the two
sides cannot drift. A test runs both on the same strings.

Three steps, in this order:

1. ``fold_chars``: one character at a time through ``chars`` (Arabic letters
   to Persian, alef/hamza forms to bare letters, ة/ۀ to ه, diacritics and
   tatweel and direction marks removed, Persian and Arabic-Indic digits to
   Latin, odd spaces to a space, ASCII to lower case), then thousands
   separators between two digits removed (``۱٬۲۰۰`` → ``1200``).
2. ``tokens``: split into word segments (``word`` ranges); a ZWNJ between two
   segments keeps them one token; a suffix segment (``suffixes``: ها، های، ای…)
   after a space is glued to the word before it and a prefix segment
   (``prefixes``: می، نمی، بی) to the word after it — always with a ZWNJ, so
   «خوشه ها»، «خوشه‌ها» and «خوشه‌ها» give the same token.
3. ``unjoin``: the key drops every ZWNJ, so «خوشهها» (typed with nothing
   between) matches too.

    >>> fold_for_search("خوشه هاي صنعتي يزد ۱۳۸۵")
    'خوشه\u200cهای صنعتی یزد 1385'
    >>> unjoin("کسب\u200cوکار")
    'کسبوکار'
"""

from __future__ import annotations

import re

ZWNJ = "\u200c"


def _char_rules() -> dict[str, str]:
    rules: dict[str, str] = {
        # Arabic letters → Persian letters
        "\u064a": "\u06cc",  # ي → ی
        "\u0649": "\u06cc",  # ى → ی
        "\u0626": "\u06cc",  # ئ → ی  (ارائه = ارايه)
        "\u06d2": "\u06cc",  # ے → ی
        "\u0643": "\u06a9",  # ك → ک
        "\u06aa": "\u06a9",  # ڪ → ک
        # heh forms → ه
        "\u0629": "\u0647",  # ة → ه
        "\u06c0": "\u0647",  # ۀ → ه
        "\u06c1": "\u0647",  # ہ → ه
        "\u06c2": "\u0647",  # ۂ → ه
        "\u06c3": "\u0647",  # ۃ → ه
        "\u06be": "\u0647",  # ھ → ه
        "\u06d5": "\u0647",  # ە → ه
        # alef and waw with hamza or madda → bare letters (تأکید = تاکید، آن = ان)
        "\u0622": "\u0627",  # آ
        "\u0623": "\u0627",  # أ
        "\u0625": "\u0627",  # إ
        "\u0671": "\u0627",  # ٱ
        "\u0672": "\u0627",  # ٲ
        "\u0673": "\u0627",  # ٳ
        "\u0624": "\u0648",  # ؤ
        "\u0621": "",  # ء (ارتقاء = ارتقا)
        "\u0640": "",  # tatweel ـ
        "\u066b": ".",  # Arabic decimal separator ٫
        "\u066c": ",",  # Arabic thousands separator ٬
        "\u200b": ZWNJ,  # zero-width space, often typed for a ZWNJ
        "\u200d": "",  # zero-width joiner
        "\u00ad": "",  # soft hyphen
        "\ufeff": "",  # byte-order mark
        "\u061c": "",  # Arabic letter mark
        "\u200e": "",  # left-to-right mark
        "\u200f": "",  # right-to-left mark
    }
    # harakat, tanwin, shadda, sukun, hamza above/below, superscript alef, Quranic marks
    for code in [*range(0x064B, 0x0660), 0x0670, *range(0x06D6, 0x06EE)]:
        rules[chr(code)] = ""
    for code in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]:  # bidi embeddings and isolates
        rules[chr(code)] = ""
    for digit in range(10):
        rules[chr(0x06F0 + digit)] = str(digit)  # Persian ۰–۹
        rules[chr(0x0660 + digit)] = str(digit)  # Arabic-Indic ٠–٩
    for code in [0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0xA0, 0x1680, *range(0x2000, 0x200B), 0x2028, 0x2029,
                 0x202F, 0x205F, 0x3000]:
        rules[chr(code)] = " "
    for letter in "ABCDEFGHIJKLMNOPQRSTUVWXYZ":
        rules[letter] = letter.lower()
    return dict(sorted(rules.items()))


# The one table. Plain data (str, list, int) so it can be written as JSON for the browser.
SEARCH_FOLDING: dict = {
    "version": 1,
    # single characters replaced before anything else ("" removes the character)
    "chars": _char_rules(),
    # after the character step: a thousands separator between two digits is removed
    "digit_group": ",",
    # characters a word is made of, as inclusive code-point ranges (after folding)
    "word": [
        [0x30, 0x39], [0x61, 0x7A], [0xC0, 0x24F],
        [0x620, 0x63F], [0x641, 0x64A], [0x66E, 0x66F], [0x671, 0x6D3],
        [0x6EE, 0x6EF], [0x6FA, 0x6FC], [0x6FF, 0x6FF],
    ],
    # keeps the segments on both sides one token
    "joiner": ZWNJ,
    # segments glued (with a ZWNJ) to the word before them when only spaces separate them
    "suffixes": [
        "ها", "های", "هایی", "هایم", "هایت", "هایش", "هایمان", "هایتان", "هایشان",
        "ی", "ای", "ایی", "یی", "ام", "ات", "اش", "ایم", "اید", "اند",
        "مان", "تان", "شان", "تر", "ترین",
    ],
    # segments glued (with a ZWNJ) to the word after them when only spaces separate them
    "prefixes": ["می", "نمی", "بی"],
    # function words, as unjoined keys: required only by a query made of them alone (indexed in shards of their own)
    "stopwords": [
        "و", "در", "به", "از", "که", "را", "با", "برای", "تا", "یا", "بر", "هم", "نیز", "اما", "ولی",
        "اگر", "چون", "پس", "زیرا", "نه", "چه", "این", "ان", "اینها", "انها", "همین", "همان", "خود",
        "وی", "او", "ما", "شما", "یک", "هر", "دیگر", "است", "هست", "نیست", "بود", "بوده", "باشد",
        "شد", "شده", "شود", "کرد", "کرده", "کند", "دارد", "میشود", "میباشد", "میکند", "باید",
        "اینکه", "انکه", "همچنین", "ها", "های", "ای", "ی", "می",
    ],
}

_CHAR_TABLE = str.maketrans(SEARCH_FOLDING["chars"])
_DIGIT_GROUP = re.compile(r"([0-9])" + re.escape(SEARCH_FOLDING["digit_group"]) + r"(?=[0-9])")
_WORD_CLASS = "".join(f"\\u{lo:04x}-\\u{hi:04x}" for lo, hi in SEARCH_FOLDING["word"])
# one match per word segment: (what separates it from the previous one, the segment)
_PIECE = re.compile(f"([^{_WORD_CLASS}]*)([{_WORD_CLASS}]+)")
_SUFFIXES = frozenset(SEARCH_FOLDING["suffixes"])
_PREFIXES = frozenset(SEARCH_FOLDING["prefixes"])
STOPWORDS = frozenset(SEARCH_FOLDING["stopwords"])

# how two neighbouring segments are separated
_SOFT, _SPACE, _HARD = 0, 1, 2


def fold_chars(text: str) -> str:
    """Step 1: the character table, then thousands separators between digits."""
    return _DIGIT_GROUP.sub(r"\1", text.translate(_CHAR_TABLE))


def _gap(between: str) -> int:
    if between == " ":  # by far the most common case
        return _SPACE
    if not between.strip(ZWNJ):
        return _SOFT if between else _HARD  # "" only before the first segment
    if not between.replace(ZWNJ, "").strip(" "):
        return _SPACE
    return _HARD


def segments(folded: str) -> list[tuple[str, int]]:
    """Word segments of already folded text with the separation before each (_SOFT/_SPACE/_HARD)."""
    return [(segment, _gap(between)) for between, segment in _PIECE.findall(folded)]


def tokens(text: str) -> list[str]:
    """Step 2: the search tokens of any text, each in its ZWNJ-joined form."""
    out: list[str] = []
    glue_next = False
    for between, segment in _PIECE.findall(fold_chars(text)):
        if out:
            gap = _gap(between)
            if gap == _SOFT or (gap == _SPACE and (glue_next or segment in _SUFFIXES)):
                out[-1] += ZWNJ + segment
                glue_next = segment in _PREFIXES
                continue
        out.append(segment)
        glue_next = segment in _PREFIXES
    return out


def unjoin(token: str) -> str:
    """Step 3: a token's key form, without ZWNJ («خوشه‌ها» → «خوشهها»)."""
    return token.replace(ZWNJ, "")


def fold_for_search(text: str) -> str:
    """The folded spelling of any text: its tokens, separated by single spaces."""
    return " ".join(tokens(text))

"""Persian and Latin digits: the one conversion every module uses.

Sources may hold Latin (``0-9``), Persian (``۰-۹``) or Arabic-Indic (``٠-٩``)
digits; readers see Persian ones, parsers read Latin ones.
"""

from __future__ import annotations

LATIN_TO_PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
ARABIC_INDIC_TO_PERSIAN = str.maketrans("٠١٢٣٤٥٦٧٨٩", "۰۱۲۳۴۵۶۷۸۹")
TO_LATIN = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")


def to_persian_digits(value: object) -> str:
    """``str(value)`` with Latin digits written as Persian ones (۱۴۰۲)."""
    return str(value).translate(LATIN_TO_PERSIAN)


def to_latin_digits(text: str) -> str:
    """``text`` with Persian and Arabic-Indic digits written as Latin ones (1402)."""
    return text.translate(TO_LATIN)

"""ISBN (شابک) checking: ISBN-10 and ISBN-13 with their check digits.

    >>> check_isbn("978-964-00-0000-7")
    '9789640000007'
"""

from __future__ import annotations

import re

from plugins.model.digits import to_latin_digits, to_persian_digits

EXPECTED_ISBN = "شابک ۱۰ یا ۱۳ رقمی با رقم کنترل درست، مثل 978-964-00-0000-7"


class IsbnError(ValueError):
    """The text is not a valid ISBN; the message is Persian and says why."""


def isbn10_check_digit(first9: str) -> str:
    total = sum((10 - index) * int(digit) for index, digit in enumerate(first9))
    check = (11 - total % 11) % 11
    return "X" if check == 10 else str(check)


def isbn13_check_digit(first12: str) -> str:
    total = sum(int(digit) * (1 if index % 2 == 0 else 3) for index, digit in enumerate(first12))
    return str((10 - total % 10) % 10)


def check_isbn(value: object) -> str:
    """The ISBN with only its digits (and a final X), or IsbnError with a Persian message."""
    written = str(value).strip()
    text = re.sub(r"[\s\-‐‑–]", "", to_latin_digits(written)).upper()
    if not re.fullmatch(r"[0-9]*X?", text):
        raise IsbnError(f"«{written}» شابک نیست: فقط رقم، خط تیره و (در پایان شابک ۱۰ رقمی) X پذیرفته است")
    if len(text) not in (10, 13):
        raise IsbnError(f"«{written}» شابک نیست: شابک ۱۰ یا ۱۳ رقم دارد و این {to_persian_digits(len(text))} رقم دارد")
    if len(text) == 13:
        if "X" in text:
            raise IsbnError(f"«{written}» شابک نیست: شابک ۱۳ رقمی X ندارد")
        if not text.startswith(("978", "979")):
            raise IsbnError(f"شابک ۱۳ رقمی «{written}» باید با 978 یا 979 شروع شود")
        expected = isbn13_check_digit(text[:12])
    else:
        if "X" in text[:9]:
            raise IsbnError(f"«{written}» شابک نیست: X فقط رقم آخر شابک ۱۰ رقمی است")
        expected = isbn10_check_digit(text[:9])
    if text[-1] != expected:
        raise IsbnError(
            f"رقم کنترل شابک «{written}» نادرست است: باید {to_persian_digits(expected)} باشد، "
            f"نه {to_persian_digits(text[-1])}"
        )
    return text


"""Jalali and Gregorian dates as editors write them.

The one rule: a date is written year-month-day, with ``-`` or ``/`` between the
parts, in Persian, Arabic-Indic or Latin digits. A year below 1700 is a Jalali
(solar hijri) year, any other a Gregorian one: Jalali years of this programme
are 13xx-14xx and Gregorian ones 19xx-20xx, so the two never meet.

Readers see Jalali dates with Persian month names and digits (``۲ تیر ۱۳۸۵``);
machines (feeds, sitemap, JSON-LD, ``<time datetime>``) get Gregorian ISO 8601.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import jdatetime

JALALI_YEAR_LIMIT = 1700
JALALI_MONTHS = (
    "فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور",
    "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند",
)
_TO_LATIN = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")
_TO_PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
_DATE = re.compile(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$")
_YEAR = re.compile(r"^\d{4}$")

EXPECTED_DATE = "تاریخ به شکل سال-ماه-روز، مثل 1398-05-01 (خورشیدی) یا 2019-07-23 (میلادی)"


class DateError(ValueError):
    """The text is not a date; the message is Persian and says why."""


@dataclass(frozen=True, order=True)
class Date:
    """One calendar day, whichever calendar the editor wrote it in."""

    gregorian: dt.date

    @property
    def jalali(self) -> jdatetime.date:
        return jdatetime.date.fromgregorian(date=self.gregorian)

    @property
    def iso(self) -> str:
        return self.gregorian.isoformat()

    @property
    def jalali_year(self) -> int:
        return self.jalali.year

    @property
    def jalali_month(self) -> int:
        return self.jalali.month

    def persian(self) -> str:
        """``۲ تیر ۱۳۸۵``: what a reader sees."""
        j = self.jalali
        return to_persian_digits(f"{j.day} {JALALI_MONTHS[j.month - 1]} {j.year}")


def to_latin_digits(text: str) -> str:
    return text.translate(_TO_LATIN)


def to_persian_digits(text: object) -> str:
    return str(text).translate(_TO_PERSIAN)


def parse_date(value: object) -> Date:
    """Parse an editor's date; raises DateError with a Persian message."""
    text = to_latin_digits(str(value).strip())
    match = _DATE.match(text)
    if not match:
        raise DateError(f"«{value}» تاریخ نیست")
    year, month, day = (int(part) for part in match.groups())
    if year < JALALI_YEAR_LIMIT:
        if not 1 <= month <= 12:
            raise DateError(f"ماه {to_persian_digits(month)} در تقویم خورشیدی نیست")
        try:
            return Date(jdatetime.date(year, month, day).togregorian())
        except ValueError:
            raise DateError(
                f"روز {to_persian_digits(day)} در {JALALI_MONTHS[month - 1]} سال {to_persian_digits(year)} وجود ندارد"
            ) from None
    try:
        return Date(dt.date(year, month, day))
    except ValueError:
        raise DateError(f"«{value}» روز درستی در تقویم میلادی نیست") from None


def parse_jalali_year(value: object) -> int:
    """A four-digit Jalali year such as 1385 (publication years)."""
    text = to_latin_digits(str(value).strip())
    if not _YEAR.match(text) or int(text) >= JALALI_YEAR_LIMIT:
        raise DateError(f"«{value}» سال خورشیدی نیست")
    return int(text)

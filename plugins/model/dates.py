"""Jalali and Gregorian dates as editors write them.

The one rule: a date is written year-month-day — a four-digit year, then month
and day of one or two digits — with the same separator ``-`` or ``/`` between
the parts, in Persian, Arabic-Indic or Latin digits. A year below 1700 is a
Jalali (solar hijri) year, any other a Gregorian one: Jalali years of this
programme are 13xx-14xx and Gregorian ones 19xx-20xx, so the two never meet.

    1398-05-01   ۱۳۹۸/۰۵/۰۱   1398/5/1   → Jalali 1 Mordad 1398 = 2019-07-23
    2019-07-23   2019/7/23                → Gregorian

The strict YAML loader (``yamlio``) keeps such values as the exact strings typed,
so YAML 1.1 never turns ``1398-05-01`` into a Gregorian date of the year 1398.
Leap years follow the official calendar (jdatetime: 1399, 1403 and 1408 are
leap; 1402-12-30 does not exist, 1403-12-30 does).

Readers see Jalali dates with Persian month names and digits (``۲ تیر ۱۳۸۵``);
machines (feeds, sitemap, JSON-LD, ``<time datetime>``) get Gregorian ISO 8601
(``Date.iso``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any

import jdatetime

from plugins.model.digits import to_latin_digits, to_persian_digits
from plugins.model.errors import ContentError

JALALI_YEAR_LIMIT = 1700
JALALI_MONTHS = (
    "فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور",
    "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند",
)
_DATE = re.compile(r"^([0-9]{4})([-/])([0-9]{1,2})\2([0-9]{1,2})$")
_YEAR = re.compile(r"^[0-9]{4}$")

EXPECTED_DATE = "تاریخ به شکل سال-ماه-روز، مثل 1398-05-01 (خورشیدی) یا 2019-07-23 (میلادی)"


class DateError(ValueError):
    """The text is not a date; the message is Persian and says why."""


@dataclass(frozen=True, order=True)
class Date:
    """One calendar day, whichever calendar the editor wrote it in."""

    gregorian: dt.date

    @classmethod
    def from_jalali(cls, year: int, month: int, day: int) -> "Date":
        return cls(jdatetime.date(year, month, day).togregorian())

    @cached_property  # every listing asks each date several times; jdatetime's conversion is slow
    def jalali(self) -> jdatetime.date:
        return jdatetime.date.fromgregorian(date=self.gregorian)

    @property
    def iso(self) -> str:
        """``2019-07-23``: for feeds, the sitemap, JSON-LD and ``<time datetime>``."""
        return self.gregorian.isoformat()

    @property
    def jalali_iso(self) -> str:
        """``1398-05-01``: the Jalali date in Latin digits (sorting, archive URLs)."""
        j = self.jalali
        return f"{j.year:04d}-{j.month:02d}-{j.day:02d}"

    @property
    def jalali_year(self) -> int:
        return self.jalali.year

    @property
    def jalali_month(self) -> int:
        return self.jalali.month

    @property
    def jalali_day(self) -> int:
        return self.jalali.day

    def persian(self) -> str:
        """``۲ تیر ۱۳۸۵``: what a reader sees."""
        j = self.jalali
        return to_persian_digits(f"{j.day} {JALALI_MONTHS[j.month - 1]} {j.year}")

    def persian_month_year(self) -> str:
        """``تیر ۱۳۸۵``: archive headings."""
        j = self.jalali
        return to_persian_digits(f"{JALALI_MONTHS[j.month - 1]} {j.year}")

    def persian_numeric(self) -> str:
        """``۱۳۸۵/۰۴/۰۲``: compact listings."""
        j = self.jalali
        return to_persian_digits(f"{j.year:04d}/{j.month:02d}/{j.day:02d}")

    def __str__(self) -> str:
        return self.iso


def is_jalali_leap(year: int) -> bool:
    """True when Esfand of this Jalali year has 30 days (1399, 1403, 1408 …)."""
    return jdatetime.date(year, 1, 1).isleap()


def parse_date(value: object) -> Date:
    """Parse an editor's date; raises DateError with a Persian message."""
    if isinstance(value, Date):
        return value
    if isinstance(value, bool) or not isinstance(value, (str, int, dt.date)):
        raise DateError(f"«{value}» تاریخ نیست")
    return _parse_date_text(str(value).strip())


@lru_cache(maxsize=4096)  # a site repeats its dates (loading, validation, pages): convert each once
def _parse_date_text(value: str) -> Date:
    text = to_latin_digits(value)
    match = _DATE.match(text)
    if not match:
        raise DateError(f"«{value}» تاریخ نیست")
    year, month, day = int(match.group(1)), int(match.group(3)), int(match.group(4))
    if year < JALALI_YEAR_LIMIT:
        if year < 1:
            raise DateError(f"سال {to_persian_digits(year)} در تقویم خورشیدی نیست")
        if not 1 <= month <= 12:
            raise DateError(f"ماه {to_persian_digits(month)} در تقویم خورشیدی نیست")
        try:
            return Date.from_jalali(year, month, day)
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
    if isinstance(value, bool):
        raise DateError(f"«{value}» سال خورشیدی نیست")
    text = to_latin_digits(str(value).strip())
    if not _YEAR.match(text) or int(text) >= JALALI_YEAR_LIMIT:
        raise DateError(f"«{value}» سال خورشیدی نیست")
    return int(text)


def parse_date_field(mapping: Any, key: str, path: str) -> tuple[Date | None, list[ContentError]]:
    """Parse ``mapping[key]`` (a strict-YAML ``YamlMap``) as a date, pointing errors at file:line:column.

    Returns (Date, []) or (None, [the error]); (None, []) when the key is absent.
    """
    if key not in mapping:
        return None, []
    value = mapping[key]
    line, column = mapping.position(key) if hasattr(mapping, "position") else (0, 0)
    try:
        if value is None or value == "":
            raise DateError("تاریخ خالی است")
        return parse_date(value), []
    except DateError as error:
        return None, [ContentError(path, line, column, field=key, message=str(error), expected=EXPECTED_DATE)]

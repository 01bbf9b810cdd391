"""Dates as precise as the source: a year (1398), a month (1398-04) or a day.

Sources often give less than a day: «از تابستان سال ۱۳۹۸». A record writes what
the source says and no more. The calendar rule is that of plugins.model.dates:
a year below 1700 is Jalali, any other Gregorian.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import jdatetime

from plugins.model.dates import (
    EXPECTED_DATE,
    JALALI_MONTHS,
    JALALI_YEAR_LIMIT,
    Date,
    DateError,
    parse_date,
    to_latin_digits,
    to_persian_digits,
)

GREGORIAN_MONTHS = (
    "ژانویه", "فوریه", "مارس", "آوریل", "مه", "ژوئن",
    "ژوئیه", "اوت", "سپتامبر", "اکتبر", "نوامبر", "دسامبر",
)
EXPECTED_PARTIAL_DATE = (
    "سال (1398)، سال-ماه (1398-04) یا سال-ماه-روز (1398-04-15)؛ سال کمتر از 1700 خورشیدی است"
)
_YEAR = re.compile(r"^(\d{4})$")
_MONTH = re.compile(r"^(\d{4})[-/](\d{1,2})$")


@dataclass(frozen=True, order=True)
class PartialDate:
    start: Date  # first day of the year, month or the day itself
    precision: str  # "year" | "month" | "day"
    text: str  # normalized, Latin digits: "1398", "1398-04", "1385-04-02"

    @property
    def jalali(self) -> bool:
        return int(self.text[:4]) < JALALI_YEAR_LIMIT

    @property
    def iso(self) -> str:
        """Gregorian ISO 8601 of a full day; '' for a year or a month (not one day)."""
        return self.start.iso if self.precision == "day" else ""

    def persian(self) -> str:
        """«۱۳۹۸»، «تیر ۱۳۹۸» or «۲ تیر ۱۳۸۵»: what a reader sees."""
        year = int(self.text[:4])
        if self.precision == "day":
            return self.start.persian()
        if self.precision == "year":
            return to_persian_digits(year)
        month = int(self.text[5:7])
        names = JALALI_MONTHS if self.jalali else GREGORIAN_MONTHS
        return to_persian_digits(f"{names[month - 1]} {year}")


def parse_partial_date(value: object) -> PartialDate:
    """Parse a year, year-month or full date; raises DateError with a Persian message."""
    if isinstance(value, bool) or value is None:
        raise DateError(f"«{value}» تاریخ نیست")
    text = to_latin_digits(str(value).strip())
    if re.match(r"^0+(?:\D|$)", text):
        raise DateError(f"سال «{text.split('-')[0]}» در تقویم نیست")
    match = _YEAR.match(text)
    if match:
        year = int(match.group(1))
        start = jdatetime.date(year, 1, 1).togregorian() if year < JALALI_YEAR_LIMIT else dt.date(year, 1, 1)
        return PartialDate(Date(start), "year", f"{year:04d}")
    match = _MONTH.match(text)
    if match:
        year, month = int(match.group(1)), int(match.group(2))
        if not 1 <= month <= 12:
            raise DateError(f"ماه {to_persian_digits(month)} در تقویم نیست")
        if year < JALALI_YEAR_LIMIT:
            start = jdatetime.date(year, month, 1).togregorian()
        else:
            start = dt.date(year, month, 1)
        return PartialDate(Date(start), "month", f"{year:04d}-{month:02d}")
    date = parse_date(value)  # raises DateError for anything else
    year, month, day = (int(part) for part in re.split(r"[-/]", text))
    return PartialDate(date, "day", f"{year:04d}-{month:02d}-{day:02d}")


__all__ = ["PartialDate", "parse_partial_date", "DateError", "EXPECTED_PARTIAL_DATE", "EXPECTED_DATE"]

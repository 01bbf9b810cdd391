"""Jalali and Gregorian dates: the one rule, leap years, both digit sets, errors, front matter."""

from __future__ import annotations

import datetime as dt

import pytest

from plugins.model.dates import (
    EXPECTED_DATE,
    Date,
    DateError,
    is_jalali_leap,
    parse_date,
    parse_date_field,
    parse_jalali_year,
    to_persian_digits,
)
from plugins.model.yamlio import parse_yaml
from plugins.model.frontmatter import merge_into, read_page_meta

# (as written, Gregorian ISO, as readers see it)
VALID = [
    # Jalali, "-" and "/", two and one digit parts, three digit scripts
    ("1398-05-01", "2019-07-23", "۱ مرداد ۱۳۹۸"),
    ("1398/05/01", "2019-07-23", "۱ مرداد ۱۳۹۸"),
    ("1398/5/1", "2019-07-23", "۱ مرداد ۱۳۹۸"),
    ("۱۳۹۸/۰۵/۰۱", "2019-07-23", "۱ مرداد ۱۳۹۸"),
    ("۱۳۹۸-۰۵-۰۱", "2019-07-23", "۱ مرداد ۱۳۹۸"),
    ("١٣٩٨/٠٥/٠١", "2019-07-23", "۱ مرداد ۱۳۹۸"),
    ("۱۳۹۸-5-۰۱", "2019-07-23", "۱ مرداد ۱۳۹۸"),
    (" 1385-04-02 ", "2006-06-23", "۲ تیر ۱۳۸۵"),  # the seed's «جمعه، 02 تير 1385»
    ("1380-01-01", "2001-03-21", "۱ فروردین ۱۳۸۰"),
    # month lengths: 31 days in the first six months, 30 in the next five
    ("1398-06-31", "2019-09-22", "۳۱ شهریور ۱۳۹۸"),
    ("1398-07-30", "2019-10-22", "۳۰ مهر ۱۳۹۸"),
    ("1398-12-29", "2020-03-19", "۲۹ اسفند ۱۳۹۸"),
    # leap years: 30 Esfand exists
    ("1399-12-30", "2021-03-20", "۳۰ اسفند ۱۳۹۹"),
    ("1403-12-30", "2025-03-20", "۳۰ اسفند ۱۴۰۳"),
    ("۱۴۰۳/۱۲/۳۰", "2025-03-20", "۳۰ اسفند ۱۴۰۳"),
    ("1408-12-30", "2030-03-20", "۳۰ اسفند ۱۴۰۸"),  # 1408, not 1407: the 33-year cycle
    ("1404-01-01", "2025-03-21", "۱ فروردین ۱۴۰۴"),
    # Gregorian: year 1700 and later
    ("2019-07-23", "2019-07-23", "۱ مرداد ۱۳۹۸"),
    ("2019/7/23", "2019-07-23", "۱ مرداد ۱۳۹۸"),
    ("۲۰۱۹-۰۷-۲۳", "2019-07-23", "۱ مرداد ۱۳۹۸"),
    ("2020-02-29", "2020-02-29", "۱۰ اسفند ۱۳۹۸"),
    ("2006-06-23", "2006-06-23", "۲ تیر ۱۳۸۵"),
    ("1700-03-21", "1700-03-21", "۱ فروردین ۱۰۷۹"),
]


@pytest.mark.parametrize("written, iso, persian", VALID)
def test_valid_dates(written, iso, persian):
    date = parse_date(written)
    assert date.iso == iso
    assert date.persian() == persian
    assert str(date) == iso


# (as written, the exact Persian message)
INVALID = [
    ("1402-12-30", "روز ۳۰ در اسفند سال ۱۴۰۲ وجود ندارد"),
    ("۱۴۰۲/۱۲/۳۰", "روز ۳۰ در اسفند سال ۱۴۰۲ وجود ندارد"),
    ("1404-12-30", "روز ۳۰ در اسفند سال ۱۴۰۴ وجود ندارد"),
    ("1407-12-30", "روز ۳۰ در اسفند سال ۱۴۰۷ وجود ندارد"),
    ("1403-12-31", "روز ۳۱ در اسفند سال ۱۴۰۳ وجود ندارد"),
    ("1398-07-31", "روز ۳۱ در مهر سال ۱۳۹۸ وجود ندارد"),
    ("1398-01-00", "روز ۰ در فروردین سال ۱۳۹۸ وجود ندارد"),
    ("1398-13-01", "ماه ۱۳ در تقویم خورشیدی نیست"),
    ("1398-00-10", "ماه ۰ در تقویم خورشیدی نیست"),
    ("0000-01-01", "سال ۰ در تقویم خورشیدی نیست"),
    ("2019-02-29", "«2019-02-29» روز درستی در تقویم میلادی نیست"),
    ("2019-13-01", "«2019-13-01» روز درستی در تقویم میلادی نیست"),
    ("1398-05/01", "«1398-05/01» تاریخ نیست"),  # one separator throughout
    ("1398.05.01", "«1398.05.01» تاریخ نیست"),
    ("98-05-01", "«98-05-01» تاریخ نیست"),
    ("1398-005-01", "«1398-005-01» تاریخ نیست"),
    ("1398 05 01", "«1398 05 01» تاریخ نیست"),
    ("۱ مرداد ۱۳۹۸", "«۱ مرداد ۱۳۹۸» تاریخ نیست"),
    ("", "«» تاریخ نیست"),
    (13980501, "«13980501» تاریخ نیست"),
    (True, "«True» تاریخ نیست"),
    (None, "«None» تاریخ نیست"),
    (3.5, "«3.5» تاریخ نیست"),
]


@pytest.mark.parametrize("written, message", INVALID)
def test_invalid_dates_say_why_in_persian(written, message):
    with pytest.raises(DateError) as error:
        parse_date(written)
    assert str(error.value) == message


@pytest.mark.parametrize("year, leap", [(1395, True), (1398, False), (1399, True), (1402, False),
                                        (1403, True), (1404, False), (1407, False), (1408, True)])
def test_jalali_leap_years(year, leap):
    assert is_jalali_leap(year) is leap


def test_dates_of_both_calendars_compare_and_convert():
    jalali, gregorian = parse_date("1398-05-01"), parse_date("2019-07-23")
    assert jalali == gregorian
    assert parse_date("1385-04-02") < parse_date("2019-07-22") < jalali < parse_date("1403-12-30")
    assert jalali.gregorian == dt.date(2019, 7, 23)
    assert (jalali.jalali_year, jalali.jalali_month, jalali.jalali_day) == (1398, 5, 1)
    assert jalali.jalali_iso == "1398-05-01"
    assert parse_date("2006-06-23").persian_month_year() == "تیر ۱۳۸۵"
    assert parse_date("2006-06-23").persian_numeric() == "۱۳۸۵/۰۴/۰۲"
    assert Date.from_jalali(1403, 12, 30).iso == "2025-03-20"
    assert parse_date(jalali) is jalali


@pytest.mark.parametrize("written, year", [("1385", 1385), ("۱۳۸۵", 1385), ("١٣٨٥", 1385), (1385, 1385)])
def test_jalali_years(written, year):
    assert parse_jalali_year(written) == year


@pytest.mark.parametrize("written", ["2006", "85", "1385/04", "", True])
def test_not_jalali_years(written):
    with pytest.raises(DateError):
        parse_jalali_year(written)


def test_persian_digits():
    assert to_persian_digits(1403) == "۱۴۰۳"
    assert to_persian_digits("2019-07-23") == "۲۰۱۹-۰۷-۲۳"


# --------------------------------------------------------------------------- strict YAML and front matter


def test_strict_yaml_keeps_dates_as_the_strings_typed():
    data, errors = parse_yaml("a: 1398-05-01\nb: 2019-07-23\nc: ۱۳۹۸/۰۵/۰۱\n", "x.yml")
    assert errors == []
    assert data == {"a": "1398-05-01", "b": "2019-07-23", "c": "۱۳۹۸/۰۵/۰۱"}
    assert parse_date(data["a"]).iso == "2019-07-23"


def test_date_field_errors_point_at_file_line_and_column():
    data, _errors = parse_yaml("title: x\ndate: 1402-12-30\n", "clusters/yazd/ceramic.yml")
    date, errors = parse_date_field(data, "date", "clusters/yazd/ceramic.yml")
    assert date is None
    assert [str(error) for error in errors] == [
        f"clusters/yazd/ceramic.yml:2:7: date: روز ۳۰ در اسفند سال ۱۴۰۲ وجود ندارد (مورد انتظار: {EXPECTED_DATE})"
    ]
    assert parse_date_field(data, "missing", "x.yml") == (None, [])
    empty, _ = parse_yaml("date:\n", "x.yml")
    assert str(parse_date_field(empty, "date", "x.yml")[1][0]).startswith("x.yml:1:")


def test_page_front_matter_date_is_parsed_and_exposed_in_page_meta():
    source = "---\ntitle: گزارش خوشه ها\ndate: ۱۴۰۳/۱۲/۳۰\nhide: [toc]\n---\n\n# گزارش\n"
    strict = read_page_meta(source, "content/guide/report.md")
    assert strict.errors == []
    # what MkDocs' YAML 1.1 reader made of it
    page_meta = {"title": "گزارش خوشه ها", "date": dt.date(1403, 12, 30), "hide": ["toc"]}
    merge_into(page_meta, strict)
    assert page_meta["date"] == "۱۴۰۳/۱۲/۳۰"
    assert page_meta["khooshe_date"].iso == "2025-03-20"
    assert page_meta["khooshe_date"].persian() == "۳۰ اسفند ۱۴۰۳"
    assert page_meta["title"] == "گزارش خوشه‌ها"
    assert page_meta["hide"] == ["toc"]


def test_page_front_matter_with_impossible_date_reports_file_and_line():
    strict = read_page_meta("---\ntitle: x\n\ndate: 1402/12/30\n---\n", "content/a.md")
    assert [str(error) for error in strict.errors] == [
        f"content/a.md:4:7: date: روز ۳۰ در اسفند سال ۱۴۰۲ وجود ندارد (مورد انتظار: {EXPECTED_DATE})"
    ]

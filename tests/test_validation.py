"""The one validator of every record kind (plugins/model/validation.py): Persian lines at file:line:column."""

from __future__ import annotations

import pytest

from plugins.model.validation import SchemaValidator
from plugins.model.yamlio import parse_yaml

SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "additionalProperties": False,
    "required": ["title", "date"],
    "x-registries": {"tags": {"label": "برچسب", "file": "data/tags.yml"}},
    "properties": {
        "title": {"type": "string", "minLength": 1, "title": "عنوان"},
        "date": {"type": "string", "x-date": "day"},
        "year": {"type": ["string", "integer"], "x-date": True},
        "count": {"type": "integer", "minimum": 0},
        "tags": {"type": "array", "uniqueItems": True, "items": {"type": "string", "x-registry": "tags"}},
        "kind": {"type": "string", "enum": ["report", "book"], "title": "نوع", "x-labels": "kinds"},
        "source": {"type": "string", "x-source": "tags", "x-expected": "شناسه یا نشانی وب"},
    },
}
REGISTRIES = {"tags": {"textiles": "نساجی", "ceramics": "سرامیک"}, "kinds": {"report": "گزارش", "book": "کتاب"}}


def problems(text: str) -> list[str]:
    data, errors = parse_yaml(text, "x.yml")
    assert errors == []
    return [str(error) for error in SchemaValidator(SCHEMA, REGISTRIES).errors(data, "x.yml")]


def test_a_valid_record_has_no_problem_and_its_values_are_typed():
    text = "title: گزارش \ndate: 1398-04-15\nyear: 1398\ncount: ۱۲\ntags:\n  - textiles\nkind: report\nsource: https://a.ir/x\n"
    assert problems(text) == []
    data, _ = parse_yaml(text, "x.yml")
    values = SchemaValidator(SCHEMA, REGISTRIES).values(data)
    assert values["title"] == "گزارش" and values["count"] == 12
    assert values["date"].iso == "2019-07-06" and values["year"].text == "1398"


def test_each_keyword_gives_one_persian_line_at_the_value():
    lines = problems("date: 1398-13-01\ncount: -1\ntags:\n  - textile\n  - textile\nkind: paper\nsource: x\nextra: 1\n")
    assert lines == [
        "x.yml:1:1: title: فیلد لازم نیامده است (مورد انتظار: متن)",
        "x.yml:1:7: date: ماه ۱۳ در تقویم خورشیدی نیست (مورد انتظار: تاریخ به شکل سال-ماه-روز، "
        "مثل 1398-05-01 (خورشیدی) یا 2019-07-23 (میلادی))",
        "x.yml:2:8: count: «-1» کمتر از ۰ است (مورد انتظار: عدد صحیح از ۰ با رقم لاتین یا فارسی)",
        "x.yml:4:5: tags[1]: «textile» برچسب شناخته‌شده‌ای نیست؛ شاید منظورتان textiles (نساجی) بود "
        "(مورد انتظار: شناسه برچسب یکی از: textiles (نساجی)، ceramics (سرامیک))",
        "x.yml:5:5: tags[2]: «textile» برچسب شناخته‌شده‌ای نیست؛ شاید منظورتان textiles (نساجی) بود "
        "(مورد انتظار: شناسه برچسب یکی از: textiles (نساجی)، ceramics (سرامیک))",
        "x.yml:6:7: kind: «paper» نوع شناخته‌شده‌ای نیست (مورد انتظار: یکی از: report (گزارش)، book (کتاب))",
        "x.yml:7:9: source: «x» نه شناسه سندی شناخته‌شده است و نه نشانی وب (مورد انتظار: شناسه یا نشانی وب)",
        "x.yml:8:1: extra: فیلد ناشناخته «extra» (مورد انتظار: یکی از: title، date، year، count، tags، kind، source)",
    ]


def test_an_empty_required_field_and_a_duplicate_item():
    assert problems("title:\ndate: 1398-01-01\ntags:\n  - textiles\n  - textiles\n") == [
        "x.yml:1:7: title: فیلد لازم خالی است (مورد انتظار: متن)",
        "x.yml:5:5: tags[2]: «textiles» دو بار آمده است (بار اول مورد ۱) (مورد انتظار: هر مورد فقط یک بار)",
    ]


def test_a_registry_file_is_checked_by_the_same_validator(tmp_path):
    from plugins.model import provinces
    from plugins.model.errors import ContentErrors

    broken = tmp_path / "a" / "b" / "c" / "provinces.yml"
    broken.parent.mkdir(parents=True)
    broken.write_text("- id: yazd\n  name: یزد\n  name_en: Yazd\n  lat: 91\n  lon: 54.3\n", encoding="utf-8")
    with pytest.raises(ContentErrors) as raised:
        provinces._load(broken)
    lines = [str(error) for error in raised.value.errors]
    assert any(line.startswith("a/b/c/provinces.yml:1:3: [1].centre: فیلد لازم نیامده است") for line in lines), lines
    assert any(line.startswith("a/b/c/provinces.yml:4:8: [1].lat: ") for line in lines), lines


def test_a_warm_check_gives_the_same_lines_without_checking_again(tmp_path, monkeypatch):
    """Schema checks are kept by content hash: the next build reads them back, positions and all."""
    from plugins.model import validation
    from plugins.model.memo import Memo

    validator = SchemaValidator({"type": "object", "properties": {"year": {"type": "integer"}},
                                 "additionalProperties": False})
    data, _ = parse_yaml("year: x\nextra: 1\n", "clusters/x.yml")
    checks = Memo("checks", validation._CHECKS.version)
    monkeypatch.setattr(validation, "_CHECKS", checks)
    checks.configure(tmp_path)
    first = validator.errors(data, "clusters/x.yml")
    checks.flush()

    monkeypatch.setattr(validation, "_CHECKS", fresh := Memo("checks", validation._CHECKS.version))
    fresh.configure(tmp_path)
    monkeypatch.setattr(SchemaValidator, "_errors", lambda *args: pytest.fail("checked again"))
    assert validator.errors(data, "clusters/x.yml") == first and len(first) == 2
    moved, _ = parse_yaml("\nyear: x\nextra: 1\n", "clusters/x.yml")  # same values, other lines: checked afresh
    with pytest.raises(pytest.fail.Exception):
        validator.errors(moved, "clusters/x.yml")

"""The strict YAML reader: YAML 1.1 surprises cannot change a value, every trap has one Persian line.

Each case asserts the exact line an editor reads: ``path:line:column: field: message (مورد انتظار: …)``.
"""

from __future__ import annotations

import pytest

from plugins.model.yamlio import (
    MAX_FILE_BYTES,
    YamlList,
    YamlMap,
    front_matter_parts,
    load_yaml_file,
    parse_yaml,
    read_source,
    split_front_matter,
)

FIX = "دستور python3 build.py lint --fix آن را درست می‌کند"
QUOTE = "مقدار داخل گیومه، مثل «name: \"…\"»"
SYNTAX = "تورفتگی یکسان با فاصله، «:» پس از نام هر فیلد و گیومه‌های بسته"


# --------------------------------------------------------------------------- values stay what was typed

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: no", "no"),  # YAML 1.1: False
        ("a: yes", "yes"),
        ("a: off", "off"),
        ("a: 1398-05-01", "1398-05-01"),  # YAML 1.1: datetime.date(1398, 5, 1)
        ("a: 2019-07-23", "2019-07-23"),
        ("a: 0123", "0123"),  # YAML 1.1: 83 (octal)
        ("a: 0x1F", "0x1F"),  # YAML 1.1: 31
        ("a: 1_000", "1_000"),  # YAML 1.1: 1000
        ("a: 1:20", "1:20"),  # YAML 1.1: 80 (sexagesimal)
        ("a: 1e3", "1e3"),
        ("a: .inf", ".inf"),
        ("a: ۱۳۹۸", "۱۳۹۸"),
        ("a: 12", 12),
        ("a: -3", -3),
        ("a: 0", 0),
        ("a: 31.8974", 31.8974),
        ("a: true", True),
        ("a: False", False),
        ("a: null", None),
        ("a: ~", None),
        ("a:", None),
        ("a: '0123'", "0123"),
    ],
)
def test_only_plain_numbers_booleans_and_null_are_typed(text, expected):
    data, errors = parse_yaml(text, "x.yml")
    assert errors == []
    assert data["a"] == expected
    assert type(data["a"]) is type(expected)


def test_keys_stay_as_typed():
    data, errors = parse_yaml("no: 1\ntrue: 2\n0123: 3", "x.yml")
    assert errors == []
    assert list(data) == ["no", "true", "0123"]


def test_positions_of_keys_values_and_items():
    data, _ = parse_yaml("title: x\nlist:\n  - a\n  - b\nmap:\n  k: v\n", "x.yml", line_offset=1)
    assert isinstance(data, YamlMap) and isinstance(data["list"], YamlList)
    assert data.position("title") == (2, 8)
    assert data["list"].position(1) == (5, 5)
    assert data["map"].position("k") == (7, 6)
    assert data.start == (2, 1)


# --------------------------------------------------------------------------- syntax: one Persian line each

@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("id: x\nstatus: active\nstatus: studied\n",
         "x.yml:3:1: status: این فیلد دو بار آمده است (بار اول در خط 2) (مورد انتظار: هر فیلد فقط یک بار)"),
        ("name: 'خوشه\nid: x\n",
         "x.yml:1:7: گیومه باز شده ولی بسته نشده است (مورد انتظار: گیومه بسته در پایان مقدار)"),
        ("name: خوشه: سرامیک\n",
         "x.yml:1:11: «:» در جای نادرست آمده است؛ شاید مقداری که «:» دارد گیومه ندارد یا نام فیلد در خط قبل بی «:» مانده است "
         f"(مورد انتظار: {QUOTE})"),
        ("a:\n  b: 1\n c: 2\n",
         f"x.yml:3:2: تورفتگی این خط با خط‌های هم‌سطحش یکی نیست (مورد انتظار: {SYNTAX})"),
        ("a:\n\t- 1\n",
         f"x.yml:2:1: تورفتگی با کلید Tab نوشته شده است (مورد انتظار: تورفتگی با فاصله (Space)؛ {FIX})"),
        ("a:\tb\n",
         f"x.yml:1:3: نویسه Tab اینجا پذیرفته نیست (مورد انتظار: فاصله (Space) به جای Tab؛ {FIX})"),
        ("a: @x\n",
         f"x.yml:1:4: مقدار با نویسه‌ای شروع شده که در YAML معنای ویژه دارد (مورد انتظار: {QUOTE})"),
        ("a: [1, 2\nb: 3\n",
         "x.yml:1:4: فهرست داخل «[ ]» بسته نشده است (مورد انتظار: «]» در پایان فهرست)"),
        ("title: [\n",
         "x.yml:2:1: فهرست یا مقدار ناتمام مانده است (مورد انتظار: «]» یا «}» در پایان فهرست، یا مقدار داخل گیومه)"),
        ("tags: - a\n",
         "x.yml:1:7: «- » (مورد فهرست) در همان خطِ نام فیلد آمده است "
         "(مورد انتظار: نام فیلد و «:» در یک خط، سپس هر مورد در خطی تازه با تورفتگی: «  - مورد»)"),
        ("summary: >x\n",
         "x.yml:1:11: پس از «|» یا «>» متن در همان خط آمده است (مورد انتظار: متن چندخطی از خط بعد، با تورفتگی)"),
        ("a: 1\n---\nb: 2\n",
         "x.yml:2:1: پرونده بیش از یک بخش YAML دارد (خط «---» اضافه) (مورد انتظار: فقط یک بخش؛ خط «---» اضافه را بردارید)"),
        ("a: &x 1\nb: *x\n",
         f"x.yml:1:4: نشانه‌های «&» و «*» (ارجاع YAML) پشتیبانی نمی‌شوند (مورد انتظار: مقدار کامل، یا {QUOTE})"),
        ("a: !!int 0123\n",
         f"x.yml:1:4: برچسب‌های «!» و «!!» در YAML پشتیبانی نمی‌شوند (مورد انتظار: مقدار ساده، یا {QUOTE})"),
        ("a: \"x\\q\"\n",
         "x.yml:1:7: نویسه «\\» در گیومه دوتایی معنای ویژه دارد (مورد انتظار: گیومه تکی ' … ' یا «\\\\» به جای «\\»)"),
        ("a: b\x07c\n",
         "x.yml:1:5: نویسه نامرئی یا کنترلی U+0007 در متن است (مورد انتظار: حذف آن نویسه (معمولاً هنگام رونوشت از جای دیگر می‌آید))"),
        ("? [a, b]\n: 1\n",
         "x.yml:1:3: نام فیلد باید یک کلمه باشد، نه فهرست (مورد انتظار: «نام: مقدار»)"),
    ],
)
def test_syntax_errors_are_one_persian_line(text, line):
    _, errors = parse_yaml(text, "x.yml")
    assert [str(error) for error in errors] == [line]


def test_a_duplicate_key_keeps_the_first_value():
    data, errors = parse_yaml("a: 1\na: 2\n", "x.yml")
    assert data["a"] == 1 and len(errors) == 1


def test_line_offset_points_into_the_file():
    _, errors = parse_yaml("title: x\ntitle: y\n", "content/a.md", line_offset=1)
    assert errors[0].line == 3


# --------------------------------------------------------------------------- files: encoding and layout traps

@pytest.fixture
def write(tmp_path):
    def write(content: bytes, name: str = "clusters/x.yml"):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        return path

    return write


def lines_of(errors):
    return [str(error) for error in errors]


def test_bom_is_reported_and_the_rest_is_read(write, tmp_path):
    data, errors = load_yaml_file(write(b"\xef\xbb\xbfid: x\n"), tmp_path)
    assert data == {"id": "x"}
    assert lines_of(errors) == [f"clusters/x.yml:1:1: پرونده با نشانه BOM شروع می‌شود (مورد انتظار: UTF-8 بدون BOM؛ {FIX})"]


def test_crlf_is_reported_and_the_rest_is_read(write, tmp_path):
    data, errors = load_yaml_file(write(b"id: x\r\nname: y\r\n"), tmp_path)
    assert data == {"id": "x", "name": "y"}
    assert lines_of(errors) == [f"clusters/x.yml:1: پایان خط ویندوزی (CRLF) دارد (مورد انتظار: پایان خط LF؛ {FIX})"]


def test_tabs_in_indentation_are_reported_on_every_line(write, tmp_path):
    data, errors = load_yaml_file(write(b"a:\n\t- 1\n\t- 2\n"), tmp_path)
    assert data is None
    assert lines_of(errors) == [
        f"clusters/x.yml:2:1: تورفتگی با کلید Tab نوشته شده است (مورد انتظار: تورفتگی با فاصله (Space)؛ {FIX})",
        f"clusters/x.yml:3:1: تورفتگی با کلید Tab نوشته شده است (مورد انتظار: تورفتگی با فاصله (Space)؛ {FIX})",
    ]


def test_non_utf8_bytes_point_at_the_character(write, tmp_path):
    data, errors = load_yaml_file(write("id: x\nname: خوشه \xe9\n".encode("utf-8").replace(b"\xc3\xa9", b"\xe9")), tmp_path)
    assert data is None
    # «name: خوشه » is 11 characters (but 15 bytes): the bad byte is the 12th character.
    assert lines_of(errors) == [
        "clusters/x.yml:2:12: این پرونده با رمزگذاری UTF-8 ذخیره نشده است (مورد انتظار: ذخیره دوباره پرونده با رمزگذاری UTF-8)"
    ]


@pytest.mark.parametrize("content", [b"", b"  \n\n", b"# only a comment\n"])
def test_an_empty_file(write, tmp_path, content):
    data, errors = load_yaml_file(write(content), tmp_path)
    assert data is None
    assert lines_of(errors) == ["clusters/x.yml: پرونده خالی است (مورد انتظار: محتوای پرونده، یا حذف پرونده)"]


def test_an_oversized_file_is_not_read(write, tmp_path):
    data, errors = load_yaml_file(write(b"a: " + b"x" * MAX_FILE_BYTES + b"\n"), tmp_path)
    assert data is None
    assert lines_of(errors) == [
        "clusters/x.yml: پرونده بیش از حد بزرگ است (۲۵۷ کیلوبایت) "
        "(مورد انتظار: حداکثر ۲۵۶ کیلوبایت؛ متن بلند را در چند پرونده بنویسید)"
    ]


def test_markdown_is_read_without_the_yaml_tab_rule(write, tmp_path):
    text, errors = read_source(write(b"---\ntitle: x\n---\n\n\tcode\n", "content/a.md"), tmp_path, yaml_file=False)
    assert errors == [] and text.endswith("\tcode\n")


# --------------------------------------------------------------------------- front matter

def test_front_matter_split_and_body_line():
    meta, body, body_line, errors = split_front_matter("---\ntitle: x\ndate: 1398-05-01\n---\n\n# T\n", "content/a.md")
    assert errors == []
    assert meta == {"title": "x", "date": "1398-05-01"}
    assert meta.position("date") == (3, 7)
    assert body_line == 5 and body == "\n# T\n"


def test_front_matter_errors_have_file_lines():
    _, _, _, errors = split_front_matter("---\ntitle: a\ntitle: b\n---\n", "content/a.md")
    assert lines_of(errors) == [
        "content/a.md:3:1: title: این فیلد دو بار آمده است (بار اول در خط 2) (مورد انتظار: هر فیلد فقط یک بار)"
    ]


def test_unclosed_front_matter():
    _, _, _, errors = split_front_matter("---\ntitle: a\n\n# T\n", "content/a.md")
    assert lines_of(errors) == [
        "content/a.md:1:1: سرآغاز صفحه با «---» باز شده ولی بسته نشده است (مورد انتظار: خط «---» پس از آخرین فیلد)"
    ]


def test_front_matter_that_is_not_a_mapping():
    _, _, _, errors = split_front_matter("---\n- a\n---\n", "content/a.md")
    assert lines_of(errors) == ["content/a.md:2:1: سرآغاز صفحه (front matter) باید فهرست «نام: مقدار» باشد"]


# --------------------------------------------------------------------------- parse cache

def test_parse_cache_survives_a_new_process_and_hands_out_copies(tmp_path, monkeypatch):
    """A warm build reads parsed records from .cache/khooshe: same values, same positions, same errors."""
    from plugins.model import yamlio
    from plugins.model.memo import Memo

    text = "name: خوشه\nitems:\n  - 1398-05-01\n  - no\n"
    broken = "name: [\n"
    cache = Memo("yaml", yamlio._CACHE.version)
    monkeypatch.setattr(yamlio, "_CACHE", cache)
    cache.configure(tmp_path)
    first, _ = parse_yaml(text, "clusters/x.yml")
    first["name"] = "changed by a caller"
    first["items"].append("more")
    again, _ = parse_yaml(text, "clusters/x.yml")
    assert again == {"name": "خوشه", "items": ["1398-05-01", "no"]}  # the caller's changes did not leak
    _, errors = parse_yaml(broken, "clusters/y.yml")
    cache.flush()
    assert len(list(tmp_path.glob("yaml-*.pickle"))) == 1

    fresh = Memo("yaml", yamlio._CACHE.version)  # as in the next build's process
    monkeypatch.setattr(yamlio, "_CACHE", fresh)
    fresh.configure(tmp_path)
    monkeypatch.setattr(yamlio, "_parse_uncached", lambda *args: pytest.fail("parsed again"))
    data, problems = parse_yaml(text, "clusters/x.yml")
    assert data == again and problems == []
    assert data.position("name") == (1, 7) and data["items"].position(1) == (4, 5)
    assert parse_yaml(broken, "clusters/y.yml")[1] == errors and errors


def test_front_matter_fences_start_at_the_first_column_as_in_mkdocs():
    text = "---\ndescription: |\n  ---\n  متن\n---\n# T\n"
    assert front_matter_parts(text) == ("description: |\n  ---\n  متن", "# T\n", 6, False)
    assert front_matter_parts(" ---\ntitle: x\n---\n") == (None, " ---\ntitle: x\n---\n", 1, False)
    assert front_matter_parts("---\ntitle: x\n") == (None, "---\ntitle: x\n", 1, True)

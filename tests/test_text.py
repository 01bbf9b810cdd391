"""The Persian text pipeline: normalization word for word, markup safety, digits, cache, slugs, built pages."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from plugins.model import text
from plugins.model.slugs import record_slug, slugify
from plugins.model.text import normalize_markdown, normalize_text, normalize_yaml, yaml_unfixable_lines

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "text"
ZWNJ = "\u200c"
LATIN_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789")

# --------------------------------------------------------------------------- seed-style defects

# (what editors paste, as in the seed documents, → the source form lint writes back)
SEED_DEFECTS = [
    ("توسعه خوشههاي صنعتي", "توسعه خوشه‌های صنعتی"),
    ("خوشههای کسب و کار اطلاق میشود", "خوشه‌های کسب و کار اطلاق می‌شود"),
    ("نقش محوري ايفا مي نمايد", "نقش محوری ایفا می‌نماید"),
    ("اين بنگاه ها نتوانسته اند", "این بنگاه‌ها نتوانسته‌اند"),
    ("سازمانهاي بين المللي و طرحهاي متعددي", "سازمان‌های بین المللی و طرح‌های متعددی"),
    ("شرکت شهرکهای صنعتی استان", "شرکت شهرک‌های صنعتی استان"),
    ("توسعه خوشه اي از اهميت ويژه اي", "توسعه خوشه‌ای از اهمیت ویژه‌ای"),
    ("نمي تواند بطور مستقيم", "نمی‌تواند بطور مستقیم"),
    ("رقابت پذيري بزرگتر و بزرگ ترين", "رقابت پذیری بزرگ‌تر و بزرگ‌ترین"),
    ("توسعه خوشهای و شبکهای", "توسعه خوشهای و شبکه‌ای"),  # «خوشهای» could be خوش + های: left alone
    ("خوشه ها ، دولت و دانشگاه", "خوشه‌ها، دولت و دانشگاه"),
    ("عبارتند از:كتب", "عبارتند از: کتب"),
    ("گروههای همیار", "گروه‌های همیار"),
    ("“خوشه صنعتي”", "«خوشه صنعتی»"),
    ("حقوقي، قانوني و...", "حقوقی، قانونی و …"),
    ("تاكنون : 243870 نفر", "تاکنون: 243870 نفر"),
    ("در سال ١٣٨٥ دفتر را داير نمود", "در سال ۱۳۸۵ دفتر را دایر نمود"),
    ("شعاع ۵۰ كيلومتر مربع", "شعاع ۵۰ کیلومتر مربع"),
    ("۵۰ ٪ واحدها", "۵۰٪ واحدها"),
    ("خوشه\u200c\u200cهای  صنعتی", "خوشه‌های صنعتی"),  # doubled ZWNJ and space
]


@pytest.mark.parametrize("pasted, expected", SEED_DEFECTS)
def test_seed_defects_are_normalized_word_for_word(pasted, expected):
    assert normalize_text(pasted, for_display=False) == expected


# Good text that a careless normalizer would "correct": lint must never touch it.
ALREADY_GOOD = [
    "در یک رشته صنعتی",  # hazm's lexicon would join «یک‌رشته»
    "منبع آن را نوشته شده است",  # and «نوشته‌شده»
    "قابل اجرا است",
    "تنها دفتری که بیشترین واحدها را دارد",  # تنها, دفتری, بیشترین are words, not stem + suffix
    "نهادها و میز و میلیون",
    "منطقهای و مجموعهای",  # منطقه‌ای or منطق‌های? ambiguous, so untouched
    "سرمایه اجتماعیِ جاافتاده و معمولاً خانهٔ ما",  # kasre, tanvin, hamza above
    "خوشه‌های صنعتی می‌شود",
]


@pytest.mark.parametrize("good", ALREADY_GOOD)
def test_good_persian_is_left_alone(good):
    assert normalize_text(good, for_display=False) == good
    assert normalize_text(good) == good


# --------------------------------------------------------------------------- digits policy

DIGITS = [
    # (text, source form, display form)
    ("بیش از 90 درصد واحدها", "بیش از 90 درصد واحدها", "بیش از ۹۰ درصد واحدها"),
    ("در سال ١٣٨٠", "در سال ۱۳۸۰", "در سال ۱۳۸۰"),
    ("۴۲۳ خوشه و 126 خوشه", "۴۲۳ خوشه و 126 خوشه", "۴۲۳ خوشه و ۱۲۶ خوشه"),
    ("در 90% موارد", "در 90% موارد", "در ۹۰٪ موارد"),
    ("عدد 3.14 و 1,000 و 243,870", "عدد 3.14 و 1,000 و 243,870", "عدد 3.14 و 1,000 و 243,870"),
    ("تاریخ 1398/05/01 و ۱۳۸۵/۰۴/۰۲", "تاریخ 1398/05/01 و ۱۳۸۵/۰۴/۰۲", "تاریخ 1398/05/01 و ۱۳۸۵/۰۴/۰۲"),
    ("استاندارد ISO 9001 در 12 واحد", "استاندارد ISO 9001 در 12 واحد", "استاندارد ISO 9001 در ۱۲ واحد"),
    ("Porter (1990), p. 12", "Porter (1990), p. 12", "Porter (1990), p. 12"),
    ("12", "12", "۱۲"),  # a table cell of a Persian page
]


@pytest.mark.parametrize("typed, source, display", DIGITS)
def test_digits_policy(typed, source, display):
    assert normalize_text(typed, for_display=False) == source
    assert normalize_text(typed) == display


# --------------------------------------------------------------------------- markup safety

# The examples from the issue: hazm 0.10 alone mangles every one of them.
PROTECTED = [
    "[پیوند](https://example.com/a_b?x=1)",
    '<a href="x.html">',
    "3.14",
    "a.b@c.com",
    "1398/05/01",
    "`كد ها`",
    "<https://example.com/a_b?x=1&y=2>",
    "www.example.org/path_1",
    "964-7135-01-X",
    "ISBN 978-964-7135-01-6",
    "35.6892, 51.3890",
    "35°41′N",
    "UNIDO,ILO",
    "BDS providers",
    "12:30",
    '<span title="خوشه ها">',
    "&nbsp;",
    "[^1]",
]


@pytest.mark.parametrize("token", PROTECTED)
@pytest.mark.parametrize("for_display", [False, True])
def test_protected_tokens_are_byte_identical_inside_defective_prose(token, for_display):
    typed = f"خوشه هاي صنعتي {token} مي شود"
    expected = f"خوشه‌های صنعتی {token} می‌شود"
    assert normalize_markdown(typed, for_display=for_display) == expected
    assert normalize_text(typed, for_display=for_display) == expected


def test_zwnj_next_to_markup_is_kept():
    assert normalize_text("**خوشه**\u200cها و *كتاب ها*") == "**خوشه**\u200cها و *کتاب‌ها*"


def test_code_is_code_and_a_lone_backtick_does_not_hide_the_next_paragraphs():
    assert normalize_text("`كتاب ها` و كتاب ها") == "`كتاب ها` و کتاب‌ها"
    # as in Markdown, a code span never crosses a blank line
    assert normalize_text("`یک\n\nكتاب ها\n\nدو`") == "`یک\n\nکتاب‌ها\n\nدو`"


def test_link_text_is_prose_and_link_target_is_not():
    typed = '[خوشه هاي صنعتي](../programme/index.md#خوشه-هاي-صنعتي "عنوان پيوند")'
    assert normalize_text(typed) == '[خوشه‌های صنعتی](../programme/index.md#خوشه-هاي-صنعتي "عنوان پيوند")'


def test_reference_labels_stay_so_links_still_resolve():
    typed = "پیوند [منبع] و [كتاب ها][منبع]\n\n[منبع]: ../about/sources.md\n"
    assert normalize_markdown(typed) == "پیوند [منبع] و [کتاب‌ها][منبع]\n\n[منبع]: ../about/sources.md\n"


def _skeleton(line: str) -> str:
    """The printable ASCII of a line without spaces and digits: markup, URLs, code, Latin words."""
    return "".join(char for char in line if "!" <= char <= "~" and not char.isdigit() and char != "%")


def _fenced_lines(lines: list[str]) -> set[int]:
    inside, result, fence = False, set(), ""
    for number, line in enumerate(lines):
        stripped = line.strip()
        if not inside and stripped[:3] in ("```", "~~~"):
            inside, fence = True, stripped[:3]
            result.add(number)
        elif inside:
            result.add(number)
            if stripped == fence:
                inside = False
    return result


@pytest.mark.parametrize("for_display, golden", [(False, "torture.source.md"), (True, "torture.display.md")])
def test_torture_file_changes_only_persian_prose(for_display, golden):
    source = (FIXTURES / "torture.md").read_text(encoding="utf-8")
    result = normalize_markdown(source, for_display=for_display)
    assert result == (FIXTURES / golden).read_text(encoding="utf-8")
    before, after = source.split("\n"), result.split("\n")
    assert len(before) == len(after)
    code = _fenced_lines(before)
    arabic = re.compile("[\u0600-\u06ff]")
    for number, (old, new) in enumerate(zip(before, after), start=1):
        assert _skeleton(old) == _skeleton(new), f"line {number}: markup changed"
        if not arabic.search(old) or number - 1 in code:
            assert old == new, f"line {number} has no Persian prose and must stay byte-identical"
    # spot checks that the normalizer really worked where it should and not where it should not
    assert "# توسعه خوشه‌های صنعتی {#development .lead}" in after
    assert "# كد پايتون دست نمي خورد: مي شود" in after  # inside fenced code
    assert "    كد تورفته: مي شود 1,000" in after  # indented code
    assert "        كد داخل نكته: مي شود" in after  # indented code inside an admonition
    assert '<div class="note" data-id="x_1" title="عنوان خوشه ها">' in after
    assert "كد پيش قالب: مي شود" in after  # raw <pre> block
    assert "# comment: كامنت YAML دست نمي خورد" in after
    assert "date: 1398-05-01" in after


def test_shipped_pages_and_readmes_with_pasted_defects_keep_every_byte_of_markup():
    """Every Markdown file of the repository, its Persian made defective the way editors paste it."""
    sources = sorted((ROOT / "content").rglob("*.md")) + sorted((ROOT / "plugins").glob("*/README.md"))
    assert len(sources) > 10
    arabic = re.compile("[\u0600-\u06ff]")
    for path in sources:
        typed = path.read_text(encoding="utf-8").replace("...", "…")
        pasted = typed.replace("ی", "ي").replace("ک", "ك").replace(ZWNJ, " ")
        for for_display in (False, True):
            result = normalize_markdown(pasted, for_display=for_display)
            before, after = pasted.split("\n"), result.split("\n")
            assert len(before) == len(after), path
            for number, (old, new) in enumerate(zip(before, after), start=1):
                assert _skeleton(old) == _skeleton(new), f"{path}:{number}: markup changed"
                if not arabic.search(old):  # display form may only show its digits in Persian
                    shown = new.translate(LATIN_DIGITS).replace("٪", "%") if for_display else new
                    assert old == shown, f"{path}:{number}"
            if not for_display:
                assert not re.search("[يك]", re.sub(r"```.*?```|`[^`]*`|\]\([^)]*\)", "", result, flags=re.S)) or (
                    path.name == "README.md"
                ), path


def test_torture_file_normalization_is_idempotent():
    for for_display in (False, True):
        once = normalize_markdown((FIXTURES / "torture.md").read_text(encoding="utf-8"), for_display=for_display)
        assert normalize_markdown(once, for_display=for_display) == once


def test_seed_excerpt_normalizes_word_for_word():
    """Twenty paragraphs of the seed documents, as pasted, against their reviewed normal form."""
    pasted = (FIXTURES / "seed_excerpt.txt").read_text(encoding="utf-8").split("\n")
    expected = (FIXTURES / "seed_excerpt.normalized.txt").read_text(encoding="utf-8").split("\n")
    assert len(pasted) == len(expected)
    for line, normal in zip(pasted, expected):
        assert normalize_text(line, for_display=False) == normal
        assert normalize_text(normal, for_display=False) == normal  # idempotent
        assert not re.search("[يك]", normal), normal


SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"  # shared/ beside the clone, as in CI


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed documents are not on this machine (the excerpt test covers them)")
def test_seed_documents_lose_every_arabic_letter_and_normalize_idempotently():
    lines = [line for path in sorted(SEEDS.glob("*.txt")) for line in path.read_text(encoding="utf-8").split("\n")]
    assert len(lines) > 50
    for line in lines:
        once = normalize_text(line, for_display=False)
        assert normalize_text(once, for_display=False) == once
        assert not re.search("[يك]", once), once


# --------------------------------------------------------------------------- YAML values

YAML_SOURCE = """\
# خوشه سرامیک؛ كامنت‌ها دست نمی‌خورند
id: yazd-ceramic
name: خوشه سراميك يزد   # کامنت پس از مقدار
summary: 'خوشه اي با ''نام'' ها'
quoted: "توسعه خوشههاي صنعتي\\tمي شود"
url: https://example.com/كتاب_ها
established: 1380
date: 1398-05-01
tags: [خوشه ها, صنعت]
people:
  - name: جهانگير مجيدي
    role: مترجم
description: |
  خط اول با كتاب ها.
    خط تورفته با `كد ها`.
folded: >
  متن تاشده خوشه ها
  ادامه مي شود
multi: متن چند خطي
  ادامه خوشه ها
"""

YAML_EXPECTED = """\
# خوشه سرامیک؛ كامنت‌ها دست نمی‌خورند
id: yazd-ceramic
name: خوشه سرامیک یزد   # کامنت پس از مقدار
summary: 'خوشه‌ای با ''نام'' ها'
quoted: "توسعه خوشه‌های صنعتی\\tمی‌شود"
url: https://example.com/كتاب_ها
established: 1380
date: 1398-05-01
tags: [خوشه‌ها, صنعت]
people:
  - name: جهانگیر مجیدی
    role: مترجم
description: |
  خط اول با کتاب‌ها.
    خط تورفته با `كد ها`.
folded: >
  متن تاشده خوشه‌ها
  ادامه می‌شود
multi: متن چند خطی
  ادامه خوشه‌ها
"""


def test_yaml_values_are_normalized_in_place_keeping_comments_order_and_quoting():
    assert normalize_yaml(YAML_SOURCE) == YAML_EXPECTED
    assert normalize_yaml(YAML_EXPECTED) == YAML_EXPECTED


def test_yaml_value_whose_normal_form_breaks_the_document_is_left_and_reported():
    source = "title: متن:كتاب\nother: كتاب ها\n"
    # «متن: کتاب» would turn the plain value into a mapping: that value stays, the rest is fixed
    assert normalize_yaml(source) == "title: متن:كتاب\nother: کتاب‌ها\n"
    assert yaml_unfixable_lines(source) == [0]


def test_yaml_that_does_not_parse_is_returned_unchanged():
    broken = "title: [خوشه ها\n"
    assert normalize_yaml(broken) == broken


# --------------------------------------------------------------------------- cache and laziness


def test_segments_are_cached_on_disk_and_reused_without_hazm(tmp_path):
    unique = "".join("ابپتثجچحخدذرزژسش"[int(digit, 16)] for digit in os.urandom(6).hex())
    sample = f"متن آزمون حافظه نهان: كتاب هاي خوشه {unique} مي شود"
    text.configure_cache(tmp_path / "cache")
    try:
        expected = normalize_text(sample, for_display=False)
        text.flush_cache()
        files = list((tmp_path / "cache").glob("text-*.json"))
        assert len(files) == 1
        assert expected in json.loads(files[0].read_text(encoding="utf-8"))["entries"].values()
        text.clear_memory()

        def no_hazm(segment):
            raise AssertionError(f"hazm called for a cached segment: {segment}")

        with text.segments_normalized_by(no_hazm):
            assert normalize_text(sample, for_display=False) == expected
    finally:
        text.configure_cache(None)


def _python(code: str) -> str:
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    return result.stdout.strip()


def test_hazm_is_imported_lazily_and_not_at_all_for_cached_text(tmp_path):
    cache = tmp_path / "cache"
    warm = (
        "from plugins.model import text as t; from plugins.model.text.hazm_step import hazm_loaded; "
        f"t.configure_cache({str(cache)!r}); "
        "print(hazm_loaded(), end=' '); "
        "t.normalize_text('ascii only 123'); print(hazm_loaded(), end=' '); "
        "t.normalize_text('كتاب ها'); print(hazm_loaded()); t.flush_cache()"
    )
    assert _python(warm) == "False False True"
    cached = (
        "from plugins.model import text as t; from plugins.model.text.hazm_step import hazm_loaded; "
        f"t.configure_cache({str(cache)!r}); "
        "print(t.normalize_text('كتاب ها') == 'کتاب\u200cها', hazm_loaded())"
    )
    assert _python(cached) == "True False"


def test_hazm_normalizes_without_the_rest_of_hazm_and_exactly_as_whole_hazm():
    # the shipped articles' paragraphs, through the normalizer loaded alone, then through hazm imported whole
    code = (
        "import sys, pathlib; from plugins.model.text import hazm_step as h; "
        "texts = [p for f in sorted(pathlib.Path('content').rglob('*.md')) "
        "         for p in f.read_text(encoding='utf-8').split('\\n\\n') if p.strip()]; "
        "alone = [h.run_hazm(text) for text in texts]; "
        "print(len(texts) > 200, sorted({m.split('.')[0] for m in sys.modules} & {'hazm', 'nltk', 'numpy', 'gensim'}), end=' '); "
        "h.hazm_normalizer.cache_clear(); h._hazm_parts.cache_clear(); import hazm; "
        "print([h.run_hazm(text) for text in texts] == alone, h.hazm_normalizer().__class__.__mro__[1] is hazm.Normalizer)"
    )
    assert _python(code) == "True [] True True"


# --------------------------------------------------------------------------- slugs

SLUGS = [
    ("خوشه‌های صنعتی", "خوشه-های-صنعتی"),
    ("خوشه های صنعتی", "خوشه-های-صنعتی"),  # ZWNJ and space give the same anchor
    ("خوشه‌هاي صنعتي", "خوشه-های-صنعتی"),  # Arabic yeh folded
    ("مرحله ۳: پایش و ارزیابی", "مرحله-3-پایش-و-ارزیابی"),
    ("مرحله 3: پایش و ارزیابی", "مرحله-3-پایش-و-ارزیابی"),
    ("«چرا خوشه؟»", "چرا-خوشه"),
    ("نقش CDA در خوشه‌ها", "نقش-cda-در-خوشه-ها"),
    ("سرمایه اجتماعیِ خوشه", "سرمایه-اجتماعی-خوشه"),
    ("؟!", "بخش"),
]


@pytest.mark.parametrize("heading, anchor", SLUGS)
def test_slugify_persian_headings(heading, anchor):
    assert slugify(heading, "-") == anchor
    assert slugify(slugify(heading, "-"), "-") == anchor  # stable


def test_record_slug_keeps_ids_and_folds_anything_else():
    assert record_slug("yazd-ceramic") == "yazd-ceramic"
    assert record_slug("Yazd Ceramic") == "yazd-ceramic"


def test_every_record_schema_states_the_one_id_rule():
    from plugins.model.slugs import RECORD_ID_EXPECTED, RECORD_ID_PATTERN, is_record_id
    from plugins.model.validation import read_schema

    def id_rules(node):
        if isinstance(node, dict):
            if "a-z0-9" in str(node.get("pattern", "")):
                yield node
            for value in node.values():
                yield from id_rules(value)
        elif isinstance(node, list):
            for value in node:
                yield from id_rules(value)

    rules = [rule for path in sorted((ROOT / "plugins" / "kinds").rglob("*schema.yml"))
             for rule in id_rules(read_schema(path))]
    assert len(rules) >= 2  # the cluster id and the reported figure's id
    for rule in rules:
        assert rule["pattern"] == RECORD_ID_PATTERN
        assert rule.get("x-expected", RECORD_ID_EXPECTED) == RECORD_ID_EXPECTED
    assert is_record_id("yazd-ceramic") and not is_record_id("Yazd") and not is_record_id("a--b")


# --------------------------------------------------------------------------- a built site

PAGE = """\
---
title: راهنماي خوشه ها
---

# توسعه خوشههاي صنعتي

خوشههای کسب و کار اطلاق میشود؛ بيش از 90 درصد واحدها در 423 خوشه و سال ١٣٨٥.
پيوند [منبع اول](https://example.com/a_b?x=1) و `كد ها` و 3.14 و 1398/05/01 دست نمي خورند.

## خوشه‌های صنعتی

## خوشه های صنعتی

```text
كد خوشه ها مي شود 42
```
"""


NEWS = """\
---
title: خبر آزمون متن
date: 1398/05/01
added: 1405-09-02
summary: خلاصه خبر آزمون
source:
  publisher: خبرگزاری آزمایشی
---

خوشههای کسب و کار در استان شناسايي شد و فعالیت آن ها ادامه مي يابد.
"""


@pytest.fixture(scope="module")
def built_guide(tmp_path_factory):
    from conftest import Project

    project = Project(tmp_path_factory.mktemp("text-site"))
    project.copy_shipped_content()
    project.write("content/guide/normalize.md", PAGE)
    project.write("content/news/text-pipeline.md", NEWS)
    result = project.build()
    assert result.code == 0, result.output
    return result


def _article(html: str) -> str:
    return html[html.index("<article"): html.index("</article>")]


def test_built_page_shows_normalized_persian_and_untouched_markup(built_guide):
    html = _article(built_guide.page("guide/normalize/"))
    assert "توسعه خوشه‌های صنعتی" in html
    assert "خوشه‌های کسب و کار اطلاق می‌شود؛ بیش از ۹۰ درصد واحدها در ۴۲۳ خوشه و سال ۱۳۸۵." in html
    assert '<a href="https://example.com/a_b?x=1">منبع اول</a>' in html
    assert "<code>كد ها</code>" in html
    assert "3.14 و 1398/05/01 دست نمی‌خورند" in html
    assert "كد خوشه ها مي شود 42" in html  # fenced code stays as typed
    assert "ي" not in re.sub(r"<code>.*?</code>|<pre.*?</pre>", "", html, flags=re.S)


def test_news_article_body_is_normalized_and_dated_jalali_for_readers_iso_for_machines(built_guide):
    html = _article(built_guide.page("news/text-pipeline/"))
    assert "خوشه‌های کسب و کار در استان شناسایی شد و فعالیت آن‌ها ادامه می‌یابد." in html
    assert '<time datetime="2019-07-23">۱ مرداد ۱۳۹۸' in html


def test_built_page_title_is_normalized(built_guide):
    html = built_guide.page("guide/normalize/")
    assert "<title>راهنمای خوشه‌ها" in html


def test_built_page_has_stable_unique_persian_anchors(built_guide):
    html = _article(built_guide.page("guide/normalize/"))
    ids = re.findall(r'<h[12] id="([^"]+)"', html)
    assert ids == ["توسعه-خوشه-های-صنعتی", "خوشه-های-صنعتی", "خوشه-های-صنعتی_1"]
    assert 'href="#خوشه-های-صنعتی_1"' in html  # permalink of the repeated heading


def test_impossible_date_in_front_matter_stops_the_build_with_file_and_line(make_project, tmp_path):
    (tmp_path / "project").mkdir()  # conftest's factory expects its folder to exist
    project = make_project()
    project.write("content/guide/dated.md", "---\ntitle: راهنما\ndate: 1402-12-30\n---\n\n# راهنما\n")
    result = project.build()
    assert result.code == 1
    assert (
        "content/guide/dated.md:3:7: date: روز ۳۰ در اسفند سال ۱۴۰۲ وجود ندارد "
        "(مورد انتظار: تاریخ به شکل سال-ماه-روز، مثل 1398-05-01 (خورشیدی) یا 2019-07-23 (میلادی))"
    ) in result.output
    assert "Traceback" not in result.output


def test_build_writes_the_normalizer_cache_under_the_project(built_guide):
    files = list((built_guide.root / ".cache" / "khooshe").glob("text-*.json"))
    assert len(files) == 1

"""``build.py check``: every bad input is one Persian line with the exact file, line and message.

The project is the shipped content plus one small valid record of each kind
(cluster, news article, publication, page); each case breaks one thing and
asserts the *complete* list of problems, so a cascade of follow-up errors fails
the test as surely as a missing one.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from plugins.cli.check import check_content, run_check
from plugins.model.errors import ContentError
from plugins.cli.scaffold import run_new

ROOT = Path(__file__).resolve().parents[1]
PYTHON = ROOT / ".venv" / "bin" / "python"

CLUSTER = "clusters/yazd/yazd-safety-test.yml"
NEWS = "content/news/safety-test.md"
PUBLICATION = "publications/safety-test.yml"
PERSON = "publications/people/safety-test-person.yml"
PAGE = "content/about/safety-test.md"

VALID = {
    CLUSTER: """id: yazd-safety-test
name: خوشه آزمایشی یزد
province: yazd
sector: non-metallic-minerals
status: identified
sources:
  - document: source-1
    note: یادداشت آزمایشی.
""",
    NEWS: """---
title: خبر آزمایشی
date: 1398-05-01
added: 1405-09-02
summary: خلاصه آزمایشی خبر.
clusters:
  - yazd-safety-test
province: yazd
source:
  publisher: منبع آزمایشی
---

متن خبر آزمایشی با [پیوند](../about/index.md).
""",
    PUBLICATION: """type: book
title: انتشار آزمایشی
status: published
clusters: [yazd-safety-test]
summary: خلاصه آزمایشی انتشار.
authors: [safety-test-person]
""",
    PERSON: """id: safety-test-person
given: نام آزمایشی
family: نویسنده آزمایشی
""",
    PAGE: """---
title: صفحه آزمایشی
description: توضیح آزمایشی.
---

# صفحه آزمایشی

متن با [پیوند](index.md) و [خوشه](../clusters/yazd-safety-test.md).

خوشه‌های [استان یزد](../clusters/province/yazd.md) و [اخبار ۱۳۹۸](../news/archive/1398/index.md).
""",
}

FIX = "دستور python3 build.py lint --fix آن را درست می‌کند"
LINK = "پیوند نسبی به پرونده .md صفحه، مثل ../programme/index.md یا ../clusters/yazd-ceramic.md"


def copy_project(target: Path) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    for folder in ("overrides", "content", "clusters", "publications"):
        if (ROOT / folder).is_dir():
            shutil.copytree(ROOT / folder, target / folder)
    return target


def valid_project(target: Path) -> Path:
    """A copy of the shipped project plus one valid file of every kind (VALID)."""
    root = copy_project(target)
    for relpath, text in VALID.items():
        (root / relpath).parent.mkdir(parents=True, exist_ok=True)
        (root / relpath).write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return valid_project(tmp_path_factory.mktemp("check") / "project")


def problems(root: Path) -> list[tuple]:
    return [(e.path, e.line, e.column, e.field, e.message) for e in sorted(set(check_content(root).errors))]


def replaced(relpath: str, old: str, new: str) -> str:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8") if relpath == "mkdocs.yml" else VALID[relpath]
    assert old in text, old
    return text.replace(old, new, 1)


# --------------------------------------------------------------------------- the baseline

def test_shipped_content_passes_check():
    result = check_content(ROOT)
    assert result.lines == []
    assert result.files > 50


def test_the_valid_fixtures_pass_check(project):
    assert problems(project) == []


# --------------------------------------------------------------------------- bad inputs, one at a time

C, N, P, G, R = CLUSTER, NEWS, PUBLICATION, PAGE, PERSON
CASES = {
    # ---- YAML traps, in a cluster record
    "cluster: tab indentation": (
        C, replaced(C, "  - document", "\t- document"),
        [(C, 7, 1, "", "تورفتگی با کلید Tab نوشته شده است")]),
    "cluster: BOM": (
        C, b"\xef\xbb\xbf" + VALID[C].encode(),
        [(C, 1, 1, "", "پرونده با نشانه BOM شروع می‌شود")]),
    "cluster: CRLF line ends": (
        C, VALID[C].replace("\n", "\r\n").encode(),
        [(C, 1, 0, "", "پایان خط ویندوزی (CRLF) دارد")]),
    "cluster: non-UTF-8 byte": (
        C, VALID[C].encode().replace("خوشه آزمایشی یزد".encode(), b"caf\xe9"),
        [(C, 2, 10, "", "این پرونده با رمزگذاری UTF-8 ذخیره نشده است")]),
    "cluster: empty file": (
        C, b"",
        [(C, 0, 0, "", "پرونده خالی است")]),
    "cluster: only a comment": (
        C, b"# id: yazd-safety-test\n",
        [(C, 0, 0, "", "پرونده خالی است")]),
    "cluster: oversized file": (
        C, VALID[C].encode() + b"# " + b"x" * 300_000 + b"\n",
        [(C, 0, 0, "", "پرونده بیش از حد بزرگ است (۲۹۴ کیلوبایت)")]),
    "cluster: duplicate key": (
        C, replaced(C, "status: identified\n", "status: identified\nstatus: active\n"),
        [(C, 6, 1, "status", "این فیلد دو بار آمده است (بار اول در خط 5)")]),
    "cluster: unclosed quote": (
        C, replaced(C, "name: خوشه آزمایشی یزد", "name: 'خوشه آزمایشی یزد"),
        [(C, 2, 7, "", "گیومه باز شده ولی بسته نشده است")]),
    "cluster: unquoted colon": (
        C, replaced(C, "name: خوشه آزمایشی یزد", "name: خوشه: آزمایشی"),
        [(C, 2, 11, "", "«:» در جای نادرست آمده است؛ شاید مقداری که «:» دارد گیومه ندارد یا نام فیلد در خط قبل بی «:» مانده است")]),
    "cluster: `no` stays the word no": (
        C, replaced(C, "status: identified", "status: no"),
        [(C, 5, 9, "status", "«no» وضعیت شناخته‌شده‌ای نیست")]),
    "cluster: `0123` stays 0123, not octal 83": (
        C, replaced(C, "status: identified\n", "status: identified\nisic: 0123\n"),
        [(C, 6, 7, "isic", "کد «0123» در بخش «non-metallic-minerals» (سنگ، سرامیک، سفال و آجر) نیست")]),
    "cluster: unknown province": (
        C, replaced(C, "province: yazd", "province: yazdd"),
        [(C, 3, 11, "province", "«yazdd» استان شناخته‌شده‌ای نیست؛ شاید منظورتان yazd (یزد) بود")]),
    "cluster: unknown field": (
        C, replaced(C, "status: identified\n", "status: identified\nowner: x\n"),
        [(C, 6, 1, "owner", "فیلد ناشناخته «owner»")]),
    "cluster: <script> in the name": (
        C, replaced(C, "name: خوشه آزمایشی یزد", "name: خوشه <script>window.__pwned=1</script>"),
        [(C, 2, 12, "name", "برچسب HTML <script> پذیرفته نیست")]),
    "cluster: year 0000 in a date": (
        C, replaced(C, "status: identified\n", "status: identified\ndates:\n  identified: 0000\n"),
        [(C, 7, 15, "dates.identified", "سال «0000» در تقویم نیست")]),
    "cluster: a draft has no page to link to": (
        C, replaced(C, "status: identified\n", "status: identified\ndraft: true\n"),
        [(G, 8, 35, "پیوند", "صفحه «../clusters/yazd-safety-test.md» پیدا نشد (content/clusters/yazd-safety-test.md نیست)")]),
    # ---- news articles
    "news: missing title": (
        N, replaced(N, "title: خبر آزمایشی\n", ""),
        [(N, 2, 1, "title", "فیلد لازم نیامده است")]),
    "news: month 13 of a Jalali date": (
        N, replaced(N, "date: 1398-05-01", "date: 1398-13-01"),
        [(N, 3, 7, "date", "ماه ۱۳ در تقویم خورشیدی نیست")]),
    "news: an empty date is no date": (
        N, replaced(N, "date: 1398-05-01", "date:"),
        [(N, 2, 1, "date", "تاریخ انتشار اصلی نیامده است")]),
    "news: not a date": (
        N, replaced(N, "date: 1398-05-01", "date: 1398/5/1x"),
        [(N, 3, 7, "date", "«1398/5/1x» تاریخ نیست")]),
    "news: unknown cluster id": (
        N, replaced(N, "  - yazd-safety-test", "  - yazd-safty-test"),
        [(N, 7, 5, "clusters", "«yazd-safty-test» شناسه خوشه‌ای شناخته‌شده نیست؛ شاید منظور «yazd-safety-test» است")]),
    "news: unknown province id": (
        N, replaced(N, "province: yazd", "province: yzd"),
        [(N, 8, 11, "province", "«yzd» استان شناخته‌شده‌ای نیست؛ شاید منظور «yazd» است")]),
    "news: duplicate key in front matter": (
        N, replaced(N, "summary: خلاصه آزمایشی خبر.\n", "summary: خلاصه آزمایشی خبر.\nsummary: دوباره\n"),
        [(N, 6, 1, "summary", "این فیلد دو بار آمده است (بار اول در خط 5)")]),
    "news: onerror= in the body": (
        N, replaced(N, "متن خبر آزمایشی", "متن <img src=x onerror=\"window.__pwned=1\"> خبر"),
        [(N, 13, 5, "متن", "ویژگی رویداد «onerror» در HTML پذیرفته نیست")]),
    "news: broken link in the body": (
        N, replaced(N, "../about/index.md", "../about/nothere.md"),
        [(N, 13, 28, "پیوند", "صفحه «../about/nothere.md» پیدا نشد (content/about/nothere.md نیست)")]),
    "news: BOM": (
        N, b"\xef\xbb\xbf" + VALID[N].encode(),
        [(N, 1, 1, "", "پرونده با نشانه BOM شروع می‌شود")]),
    # ---- publications
    "publication: unknown author": (
        P, replaced(P, "[safety-test-person]", "[safety-test-person, nobody-here]"),
        [(P, 6, 31, "authors", "«nobody-here» در پوشه افراد (publications/people/) نیست")]),
    "publication: ISBN check digit": (
        P, replaced(P, "status: published\n", "status: published\nisbn: 978-964-00-0000-1\n"),
        [(P, 4, 7, "isbn", "رقم کنترل شابک «978-964-00-0000-1» نادرست است: باید ۷ باشد، نه ۱")]),
    "publication: missing cover image": (
        P, replaced(P, "status: published\n", "status: published\ncover: files/none.jpg\n"),
        [(P, 4, 8, "cover", "پرونده «files/none.jpg» پیدا نشد")]),
    "publication: unknown cluster id": (
        P, replaced(P, "[yazd-safety-test]", "[no-such-cluster]"),
        [(P, 4, 12, "clusters", "«no-such-cluster» شناسه خوشه‌ای شناخته‌شده نیست")]),
    "publication: `1398-05-01` stays text, not a date": (
        P, replaced(P, "status: published\n", "status: published\nyear: 1398-05-01\n"),
        [(P, 4, 7, "year", "«1398-05-01» سال خورشیدی نیست")]),
    "publication: YAML alias": (
        P, replaced(P, "title: انتشار آزمایشی", "title: &t انتشار آزمایشی"),
        [(P, 2, 8, "", "نشانه‌های «&» و «*» (ارجاع YAML) پشتیبانی نمی‌شوند")]),
    # ---- people
    "person: a list as name": (
        R, replaced(R, "given: نام آزمایشی", "given: [نام, آزمایشی]"),
        [(R, 2, 8, "given", "فهرست متن نیست")]),
    "person: misspelt field": (
        R, replaced(R, "given:", "givn:"),
        [(R, 2, 1, "givn", "فیلد ناشناخته است؛ شاید منظور «given» است")]),
    "person: id not the file name": (
        R, replaced(R, "id: safety-test-person", "id: safety-person"),
        [(R, 1, 5, "id", "شناسه «safety-person» با نام پرونده «safety-test-person.yml» یکی نیست")]),
    "person: credited by no publication": (
        P, replaced(P, "authors: [safety-test-person]\n", ""),
        [(R, 1, 1, "", "این فرد در هیچ انتشاری به‌عنوان نویسنده یا مترجم نیامده است")]),
    # ---- pages
    "page: missing title": (
        G, replaced(G, "title: صفحه آزمایشی\n", ""),
        [(G, 2, 1, "title", "فیلد لازم نیامده است")]),
    "page: misspelt field": (
        G, replaced(G, "description: توضیح آزمایشی.", "descripton: توضیح آزمایشی."),
        [(G, 3, 1, "descripton", "فیلد ناشناخته است؛ شاید منظور «description» است")]),
    "page: a number as title": (
        G, replaced(G, "title: صفحه آزمایشی", "title: 1398"),
        [(G, 2, 8, "title", "باید متن باشد؛ عدد یا true/false را در گیومه بنویسید")]),
    "page: duplicate key": (
        G, replaced(G, "description: توضیح آزمایشی.\n", "description: توضیح آزمایشی.\ntitle: دیگر\n"),
        [(G, 4, 1, "title", "این فیلد دو بار آمده است (بار اول در خط 2)")]),
    "page: tab in front matter": (
        G, replaced(G, "description: توضیح آزمایشی.", "description:\tتوضیح"),
        [(G, 3, 13, "", "نویسه Tab اینجا پذیرفته نیست")]),
    "page: unclosed front matter": (
        G, replaced(G, "---\n\n# صفحه", "\n# صفحه"),
        [(G, 1, 1, "", "سرآغاز صفحه با «---» باز شده ولی بسته نشده است")]),
    "page: non-UTF-8 byte": (
        G, VALID[G].encode().replace("متن با".encode(), b"\xe9"),
        [(G, 8, 1, "", "این پرونده با رمزگذاری UTF-8 ذخیره نشده است")]),
    "page: broken link": (
        G, replaced(G, "(index.md)", "(indx.md)"),
        [(G, 8, 16, "پیوند", "صفحه «indx.md» پیدا نشد (content/about/indx.md نیست)")]),
    "page: link to a cluster that does not exist": (
        G, replaced(G, "yazd-safety-test.md", "yazd-safety-tst.md"),
        [(G, 8, 35, "پیوند", "صفحه «../clusters/yazd-safety-tst.md» پیدا نشد (content/clusters/yazd-safety-tst.md نیست)")]),
    "page: link to a generated page that does not exist": (
        G, replaced(G, "province/yazd.md", "province/yazdd.md"),
        [(G, 10, 22, "پیوند", "صفحه «../clusters/province/yazdd.md» پیدا نشد (content/clusters/province/yazdd.md نیست)")]),
    "page: missing image": (
        G, replaced(G, "# صفحه آزمایشی\n", "# صفحه آزمایشی\n\n![نقشه](../assets/images/none.png)\n"),
        [(G, 8, 9, "پیوند", "تصویر «../assets/images/none.png» پیدا نشد (content/assets/images/none.png نیست)")]),
    "page: absolute link": (
        G, replaced(G, "(index.md)", "(/about/)"),
        [(G, 8, 16, "پیوند", "پیوند «/about/» با «/» شروع شده است و در نشانی‌های زیرپوشه (GitHub Pages) می‌شکند")]),
    "page: <iframe>": (
        G, replaced(G, "# صفحه آزمایشی\n", "# صفحه آزمایشی\n\n<iframe src=\"https://example.org\"></iframe>\n"),
        [(G, 8, 1, "متن", "برچسب HTML <iframe> پذیرفته نیست")]),
    "page: javascript: link": (
        G, replaced(G, "(index.md)", "(javascript:alert(1))"),
        [(G, 8, 16, "متن", "نشانی با «javascript:» پذیرفته نیست")]),
    "mkdocs.yml: nav to a missing page": (
        "mkdocs.yml", replaced("mkdocs.yml", ": faq.md", ": faqs.md"),
        [("mkdocs.yml", None, 14, "nav", "صفحه «faqs.md» در پوشه content/ نیست و هیچ افزونه‌ای هم آن را نمی‌سازد")]),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_bad_input_gives_exactly_its_line(project, case):
    relpath, content, expected = CASES[case]
    path = project / relpath
    original = path.read_bytes()
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    try:
        found = problems(project)
    finally:
        path.write_bytes(original)
    if relpath == "mkdocs.yml":  # the nav line moves as the nav grows: find it
        line = next(n for n, text in enumerate(content.split("\n"), 1) if "faqs.md" in text)
        expected = [(p, line, c, f, m) for p, _, c, f, m in expected]
    assert found == expected


def test_at_least_25_distinct_bad_inputs_across_every_content_type():
    kinds = {name.split(":")[0] for name in CASES}
    assert len(CASES) >= 25
    assert {"cluster", "news", "publication", "person", "page"} <= kinds


def test_all_problems_are_reported_at_once(project):
    changes = {
        CLUSTER: replaced(CLUSTER, "province: yazd", "province: yazdd"),
        PUBLICATION: replaced(PUBLICATION, "status: published\n", "status: published\nisbn: 978-964-00-0000-1\n"),
        PAGE: replaced(PAGE, "(index.md)", "(indx.md)").replace("description: توضیح آزمایشی.", "descripton: x"),
    }
    originals = {relpath: (project / relpath).read_bytes() for relpath in changes}
    try:
        for relpath, text in changes.items():
            (project / relpath).write_text(text, encoding="utf-8")
        found = [(path, line) for path, line, *_ in problems(project)]
    finally:
        for relpath, data in originals.items():
            (project / relpath).write_bytes(data)
    assert found == [(CLUSTER, 3), (PAGE, 3), (PAGE, 8), (PUBLICATION, 4)]


def test_a_publication_with_the_yaml_extension_is_refused_not_published(project):
    path = project / "publications" / "extra-test.yaml"
    path.write_text("type: book\ntitle: <script>x</script>\nstatus: published\nsummary: y\n", encoding="utf-8")
    try:
        found = problems(project)
    finally:
        path.unlink()
    assert found == [("publications/extra-test.yaml", 0, 0, "", "پسوند پرونده انتشار .yaml است")]


# --------------------------------------------------------------------------- what the editor sees

def test_run_check_prints_one_line_per_problem_and_fails(project, capsys):
    path = project / PAGE
    original = path.read_bytes()
    path.write_text(replaced(PAGE, "(index.md)", "(indx.md)"), encoding="utf-8")
    try:
        code = run_check(project)
    finally:
        path.write_bytes(original)
    out, err = capsys.readouterr()
    assert code == 1
    assert out.splitlines() == [
        f"{PAGE}:8:16: پیوند: صفحه «indx.md» پیدا نشد (content/about/indx.md نیست) (مورد انتظار: {LINK})"
    ]
    assert err.startswith("۱ مشکل در محتوا پیدا شد")


@pytest.mark.parametrize("output", ["github", "json"])
def test_run_check_for_pull_requests_and_tools(project, capsys, output):
    """--format github: one workflow command a problem, on its line; --format json: the same list as data."""
    path = project / PAGE
    original = path.read_bytes()
    path.write_text(replaced(PAGE, "(index.md)", "(indx.md)"), encoding="utf-8")
    try:
        code = run_check(project, output)
    finally:
        path.write_bytes(original)
    out, _ = capsys.readouterr()
    assert code == 1
    message = f"صفحه «indx.md» پیدا نشد (content/about/indx.md نیست) (مورد انتظار: {LINK})"
    if output == "github":
        assert out.splitlines() == [f"::error file={PAGE},line=8,col=16,title=پیوند::{message}"]
    else:
        assert json.loads(out) == [{
            "path": PAGE, "line": 8, "column": 16, "field": "پیوند",
            "message": "صفحه «indx.md» پیدا نشد (content/about/indx.md نیست)", "expected": LINK,
            "text": f"{PAGE}:8:16: پیوند: {message}",
        }]


def test_github_commands_escape_what_would_end_them():
    from plugins.cli.check import github_command

    error = ContentError("clusters/a,b.yml", 3, 0, "name", "۱۰۰% نادرست\nخط دوم")
    assert github_command(error) == "::error file=clusters/a%2Cb.yml,line=3,title=name::۱۰۰%25 نادرست%0Aخط دوم"


def test_run_check_on_clean_content_says_so(project, capsys):
    assert run_check(project) == 0
    out, _ = capsys.readouterr()
    assert out.startswith("همه محتوا درست است: ")


def test_build_py_check_is_fast_never_loads_hazm_and_prints_no_traceback(tmp_path):
    root = copy_project(tmp_path / "p")
    (root / "content" / "faq.md").write_text("---\ntitle: [\n---\n", encoding="utf-8")
    script = (
        "import sys, time; sys.path.insert(0, sys.argv[1]); from pathlib import Path\n"
        "from plugins.cli.check import run_check\n"
        # CPU time of the check itself: wall time on a shared, busy machine says little.
        "start = time.process_time(); code = run_check(Path(sys.argv[2])); took = time.process_time() - start\n"
        "from plugins.model.text.hazm_step import hazm_loaded\n"
        "print(hazm_loaded(), round(took, 2), code, file=sys.stderr)\n"
    )
    python = str(PYTHON if PYTHON.exists() else sys.executable)
    completed = subprocess.run([python, "-c", script, str(ROOT), str(root)], capture_output=True, text=True,
                               timeout=120, env={**os.environ, "KHOOSHE_CHECK_FULL_TEXT": ""})
    assert "Traceback" not in completed.stderr + completed.stdout
    assert completed.stdout.splitlines() == [
        "content/faq.md:2:9: فهرست یا مقدار ناتمام مانده است (مورد انتظار: «]» یا «}» در پایان فهرست، یا مقدار داخل گیومه)"
    ]
    hazm_loaded, seconds, code = completed.stderr.strip().splitlines()[-1].split()
    assert (hazm_loaded, code) == ("False", "1")
    assert float(seconds) < 5, f"check took {seconds} s"


def test_check_leaves_the_text_pipeline_as_it_was(project):
    from plugins.model.text import normalize_text

    before = normalize_text("این کار انجام میشود")
    check_content(project)
    assert normalize_text("این کار انجام میشود") == before == "این کار انجام می\u200cشود"


def test_a_bug_in_a_loader_is_one_line_not_a_traceback(project, monkeypatch, capsys):
    import plugins.model.provinces as provinces

    def broken():
        raise KeyError("bug")

    monkeypatch.setattr(provinces, "load_provinces", broken)
    assert run_check(project) == 1
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert out.splitlines() == [
        "build.py: خطای داخلی در بررسی «provinces» (KeyError); اشکال از محتوا نیست "
        "(مورد انتظار: گزارش به تیم فنی؛ KHOOSHE_DEBUG=1 جزئیات را نشان می‌دهد)"
    ]


# --------------------------------------------------------------------------- build.py new

@pytest.mark.parametrize(("kind", "item_id", "title"), [
    ("cluster", "yazd-new-cluster", "خوشه تازه یزد"),
    ("news", "new-item", "خبر تازه"),
    ("publication", "new-publication", "انتشار تازه"),
])
def test_new_writes_a_file_that_passes_check_at_once(tmp_path, capsys, kind, item_id, title):
    root = copy_project(tmp_path / "p")
    assert run_new(root, kind, item_id, title) == 0
    out, _ = capsys.readouterr()
    relpath = out.splitlines()[0].split(": ", 1)[1]
    assert (root / relpath).is_file()
    assert item_id in relpath
    assert check_content(root).lines == []


@pytest.mark.parametrize("kind", ["cluster", "news", "publication", "person"])
def test_new_refuses_to_overwrite(tmp_path, capsys, kind):
    root = copy_project(tmp_path / "p")
    assert run_new(root, kind, "yazd-twice", "نخست") == 0
    capsys.readouterr()
    written = {path: path.read_bytes() for path in root.rglob("*yazd-twice*")}
    assert run_new(root, kind, "yazd-twice", "دوم") == 1
    _, err = capsys.readouterr()
    assert "از پیش هست؛ چیزی بازنویسی نشد" in err
    assert {path: path.read_bytes() for path in root.rglob("*yazd-twice*")} == written


@pytest.mark.parametrize("item_id", ["Yazd", "yazd_ceramic", "yazd--x", "-yazd", "یزد", "a" * 81])
def test_new_refuses_a_bad_id(tmp_path, capsys, item_id):
    root = copy_project(tmp_path / "p")
    before = sorted(root.rglob("*"))
    assert run_new(root, "news", item_id, "") == 1
    _, err = capsys.readouterr()
    assert err.strip() == f"«{item_id}» شناسه درستی برای خبر نیست (مورد انتظار: حروف کوچک لاتین، رقم و خط تیره، مثل yazd-ceramic)"
    assert sorted(root.rglob("*")) == before


def test_new_refuses_an_id_used_by_a_cluster_in_another_folder(tmp_path, capsys):
    root = copy_project(tmp_path / "p")
    (root / "clusters" / "tehran" / "shared-id.yml").parent.mkdir(parents=True, exist_ok=True)
    (root / "clusters" / "tehran" / "shared-id.yml").write_text("id: shared-id\n", encoding="utf-8")
    assert run_new(root, "cluster", "shared-id", "x") == 1
    _, err = capsys.readouterr()
    assert err.startswith("clusters/tehran/shared-id.yml از پیش هست")


def test_new_publication_may_share_an_id_with_a_person(tmp_path, capsys):
    """Publications and people are pages of their own (publications/<id>/, people/<id>/): no clash."""
    root = copy_project(tmp_path / "p")
    assert (root / "publications" / "people" / "frank-pyke.yml").is_file()
    assert run_new(root, "publication", "frank-pyke", "انتشار تازه") == 0
    assert (root / "publications" / "frank-pyke.yml").is_file()


def test_new_person_holds_the_name_typed_and_check_asks_for_a_publication_crediting_them(tmp_path, capsys):
    import yaml

    root = copy_project(tmp_path / "p")
    assert run_new(root, "person", "ali-rezaei", "علی  رضایی") == 0
    out, _ = capsys.readouterr()
    path = root / "publications" / "people" / "ali-rezaei.yml"
    assert yaml.safe_load(path.read_text(encoding="utf-8")) == {"id": "ali-rezaei", "given": "علی", "family": "رضایی"}
    todo = "publications/people/ali-rezaei.yml:1:1: این فرد در هیچ انتشاری به‌عنوان نویسنده یا مترجم نیامده است"
    assert todo in out
    assert [line for line in check_content(root).lines if line.startswith(todo)]
    article = root / "publications" / "cluster-or-industrial-cluster.yml"
    record = article.read_text(encoding="utf-8")
    article.write_text(record.replace("authors: [jahangir-majidi]", "authors: [jahangir-majidi, ali-rezaei]"),
                       encoding="utf-8")
    assert "ali-rezaei" in article.read_text(encoding="utf-8")
    assert check_content(root).lines == []


def test_new_person_refuses_the_id_of_the_people_list(tmp_path, capsys):
    root = copy_project(tmp_path / "p")
    assert run_new(root, "people", "index", "") == 1
    _, err = capsys.readouterr()
    assert err.startswith("شناسه «index» رزرو شده است")
    assert not (root / "publications" / "people" / "index.yml").exists()


def test_pre_commit_runs_check_and_lint():
    import yaml

    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    assert hooks["khooshe-check"]["entry"] == "python3 build.py check"
    assert hooks["khooshe-lint"]["entry"] == "python3 build.py lint"
    assert all(hook["language"] == "system" for hook in hooks.values())

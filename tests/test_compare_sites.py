"""bench/compare_sites.py: reader-visible differences count, byte-level ones do not."""

from __future__ import annotations

import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import compare_sites  # noqa: E402

PAGE = """<!doctype html><html><head><title>{title}</title>
<meta name="description" content="{description}"></head>
<body><header>chrome {chrome}</header><main><article>
<h1>{title}</h1>
<p>{text} <a href="{href}" title="پیوند">بیشتر</a></p>
<table><tr><td>۱</td><td data-sort="{sort}">{cell}</td></tr></table>
<script>var x = "{script}";</script>
</article></main></body></html>"""

BASE = dict(title="خوشه", description="شرح &quot;کوتاه&quot;", chrome="a", text="متن صفحه", href="../a/",
            sort="1", cell="سنگ &amp; سفال", script="a")


def site(root: Path, pages: dict[str, dict[str, str]]) -> Path:
    for relpath, fields in pages.items():
        path = root / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(PAGE.format(**{**BASE, **fields}), encoding="utf-8")
    return root


def compare(before: Path, after: Path) -> tuple[int, str]:
    out = io.StringIO()
    return compare_sites.compare_sites(before, after, out=out), out.getvalue()


def test_escaping_whitespace_chrome_and_scripts_do_not_count(tmp_path):
    before = site(tmp_path / "a", {"index.html": {}, "x/index.html": {}})
    after = site(tmp_path / "b", {
        "index.html": {"description": "شرح &#34;کوتاه&#34;", "cell": "سنگ &#38; سفال", "text": "متن\n   صفحه"},
        "x/index.html": {"chrome": "b", "script": "b"},
    })
    assert compare(before, after) == (0, compare(before, before)[1])


def test_text_links_attributes_and_added_pages_are_reported(tmp_path):
    before = site(tmp_path / "a", {"index.html": {}, "gone/index.html": {}})
    after = site(tmp_path / "b", {
        "index.html": {"text": "متن دیگر", "href": "../b/", "sort": "2", "description": "شرح"},
        "new/index.html": {},
    })
    count, report = compare(before, after)
    assert count == 3  # one page differs, one added, one removed
    for line in ("-text: متن صفحه بیشتر", "+text: متن دیگر بیشتر", "-link: ../a/", "+link: ../b/",
                 "-td[data-sort]: 1", "+td[data-sort]: 2", '-description: شرح "کوتاه"', "+description: شرح"):
        assert line in report, report
    assert "new/" in report.split("added")[1] and "gone/" in report.split("removed")[1]


def test_main_exits_1_on_a_difference(tmp_path, capsys):
    before = site(tmp_path / "a", {"index.html": {}})
    same = site(tmp_path / "b", {"index.html": {}})
    other = site(tmp_path / "c", {"index.html": {"title": "دیگر"}})
    assert compare_sites.main([str(before), str(same)]) == 0
    assert compare_sites.main([str(before), str(other)]) == 1
    assert "+title: دیگر" in capsys.readouterr().out


def test_a_page_without_main_is_compared_by_its_body(tmp_path):
    before, after = tmp_path / "a", tmp_path / "b"
    for root, word in ((before, "یک"), (after, "دو")):
        root.mkdir()
        (root / "index.html").write_text(f"<html><body><p>{word}</p></body></html>", encoding="utf-8")
    count, report = compare(before, after)
    assert count == 1 and "-text: یک" in report and "+text: دو" in report

"""Safe HTML: record text is always text, editors' raw HTML is limited to an allow-list, nothing runs.

Pure functions get table tests with the exact output; the built site and a real
browser (Chromium) show what a reader would get.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import markdown
import pytest

from plugins.model.html_policy import sanitize_editor_html, sanitize_editor_markdown, unsafe_html_errors
from plugins.model.html_policy import (
    escape_text,
    find_unsafe_html,
    neutralize_markdown,
)

ROOT = Path(__file__).resolve().parents[1]
ON = "HTML بدون ویژگی‌های on…؛ کد اجرایی در محتوا جایی ندارد"
TAGS = "برچسب‌های ساده متن مثل b، i، strong، em، a، img، span، div، table، abbr، sup، sub، br"
URL = "نشانی نسبی یا نشانی که با https://، http://، mailto: یا tel: شروع می‌شود"


# --------------------------------------------------------------------------- the policy, as content errors

@pytest.mark.parametrize(("text", "lines"), [
    ("متن <script>window.__pwned=1</script>",
     [f"content/a.md:7:5: متن: برچسب HTML <script> پذیرفته نیست (مورد انتظار: {TAGS})"]),
    ("<img src=x onerror=\"window.__pwned=1\">",
     [f"content/a.md:7:1: متن: ویژگی رویداد «onerror» در HTML پذیرفته نیست (مورد انتظار: {ON})"]),
    ("<svg onload=alert(1)>", [f"content/a.md:7:1: متن: برچسب HTML <svg> پذیرفته نیست (مورد انتظار: {TAGS})"]),
    ("<iframe src=\"https://example.org\"></iframe>",
     [f"content/a.md:7:1: متن: برچسب HTML <iframe> پذیرفته نیست (مورد انتظار: {TAGS})"]),
    ("<a href=\"javascript:alert(1)\">x</a>",
     [f"content/a.md:7:1: متن: نشانی با «javascript:» پذیرفته نیست (مورد انتظار: {URL})"]),
    ("<a href=\"JaVa&#x53;cript&#58;alert(1)\">x</a>",
     [f"content/a.md:7:1: متن: نشانی با «javascript:» پذیرفته نیست (مورد انتظار: {URL})"]),
    ("[x](javascript:alert(1))", [f"content/a.md:7:5: متن: نشانی با «javascript:» پذیرفته نیست (مورد انتظار: {URL})"]),
    ("![x](data:text/html,<b>)", [f"content/a.md:7:6: متن: نشانی با «data:» پذیرفته نیست (مورد انتظار: {URL})"]),
    ("[r]: vbscript:x", [f"content/a.md:7:6: متن: نشانی با «vbscript:» پذیرفته نیست (مورد انتظار: {URL})"]),
    ("بند\n{: onclick=\"x\" }",
     [f"content/a.md:8:1: متن: ویژگی رویداد «onclick» در HTML پذیرفته نیست (مورد انتظار: {ON})"]),
    ("<div style=\"position:fixed\">x</div>",
     ["content/a.md:7:1: متن: ویژگی «style» برای <div> پذیرفته نیست "
      "(مورد انتظار: class، dir، id، lang، role، title، data-*)"]),
    ("<span class=\"x\" data-id=\"1\" aria-label=\"y\">s</span> <abbr title=\"t\">A</abbr> <kbd>K</kbd>", []),
    ("<details open><summary>خلاصه</summary>متن</details>", []),
    ("<a href=\"../x.md\" title=\"t\">x</a> <img src=\"a.png\" alt=\"a\" width=\"10\"> <a href=\"mailto:a@b.ir\">m</a>", []),
    ("`<script>` در کد و\n\n```html\n<script>x()</script>\n```", []),
    ("    <script>indented code</script>", []),
    ("<!-- <script>hidden()</script> -->", []),
    ("نشانی <https://example.org> و <me@example.org>", []),
    ("a \\<script> escaped", []),
    ("a < b and 3 <4", []),
])
def test_the_policy_as_content_errors(text, lines):
    errors = unsafe_html_errors(text, "content/a.md", 7, "متن")
    assert [str(error) for error in errors] == lines


def test_positions_inside_a_yaml_value_shift_only_the_first_line():
    errors = unsafe_html_errors("نام <script>x</script>", "clusters/a.yml", 2, "name", first_column=7)
    assert [(e.line, e.column, e.field) for e in errors] == [(2, 11, "name")]


def test_the_end_tag_of_a_refused_tag_is_not_a_second_problem():
    items = find_unsafe_html("<script>x</script>")
    assert [item.follows for item in items] == [False, True]


# --------------------------------------------------------------------------- neutralize: shown as text

@pytest.mark.parametrize(("text", "html"), [
    ("متن <script>window.__pwned=1</script> پایان",
     "<p>متن &lt;script&gt;window.__pwned=1&lt;/script&gt; پایان</p>"),
    ("<script>\nwindow.__pwned = 1\n</script>",
     "<p>&lt;script&gt;\nwindow.__pwned = 1\n&lt;/script&gt;</p>"),
    ("<img src=x onerror=\"window.__pwned=1\">", "<p>&lt;img src=x onerror=\"window.__pwned=1\"&gt;</p>"),
    ("<div onclick=\"x()\">کلیک</div>", "<p>&lt;div onclick=\"x()\"&gt;کلیک&lt;/div&gt;</p>"),
    ("[پیوند](javascript:x())", "<p>[پیوند](javascript:x())</p>"),
    ("بند\n{: onclick=\"x\" }", "<p>بند\n{: onclick=\"x\" }</p>"),
    ("<b>درشت</b> و <abbr title=\"ت\">ت</abbr>", "<p><b>درشت</b> و <abbr title=\"ت\">ت</abbr></p>"),
    ("`<script>`", "<p><code>&lt;script&gt;</code></p>"),
])
def test_neutralized_markdown_renders_as_text(text, html):
    rendered = markdown.markdown(neutralize_markdown(text), extensions=["attr_list"])
    assert rendered == html


def test_sanitize_editor_markdown_is_the_same_function():
    assert sanitize_editor_markdown("<script>x</script>") == "&lt;script>x&lt;/script>"


def test_neutralize_leaves_clean_markdown_untouched():
    text = (ROOT / "content" / "faq.md").read_text(encoding="utf-8")
    assert neutralize_markdown(text) == text


# --------------------------------------------------------------------------- the sanitizer (nh3)

@pytest.mark.parametrize(("html", "clean"), [
    ("<p>a<script>window.__pwned=1</script>b</p>", "<p>ab</p>"),
    ("<img src=\"x\" onerror=\"window.__pwned=1\">", "<img src=\"x\">"),
    ("<a href=\"javascript:alert(1)\">x</a>", "<a>x</a>"),
    ("<a href=\"java&#x09;script:alert(1)\">x</a>", "<a>x</a>"),
    ("<iframe src=\"https://e.org\"></iframe><p>p</p>", "<p>p</p>"),
    ("<svg onload=\"x\"><circle></circle></svg>t", "t"),
    ("<p onclick=\"x\" class=\"c\" data-k=\"1\">t</p>", "<p class=\"c\" data-k=\"1\">t</p>"),
    ("<table><tr><td style=\"text-align: center; position: fixed\">t</td></tr></table>",
     "<table><tbody><tr><td style=\"text-align:center\">t</td></tr></tbody></table>"),
    ("<h2 id=\"x\">T<a class=\"headerlink\" href=\"#x\" title=\"Permanent link\">¶</a></h2>",
     "<h2 id=\"x\">T<a class=\"headerlink\" href=\"#x\" title=\"Permanent link\">¶</a></h2>"),
    ("<a href=\"../faq/\">پرسش‌ها</a> <a href=\"https://e.org\">e</a>",
     "<a href=\"../faq/\">پرسش‌ها</a> <a href=\"https://e.org\">e</a>"),
    ("<details open><summary>s</summary><p>t</p></details>", "<details open=\"\"><summary>s</summary><p>t</p></details>"),
    ("<!-- note --><p>t</p>", "<p>t</p>"),
    # A slot marker (plugins/views/render.py) is the one comment kept: Khooshe fills it after sanitizing.
    ("<h1>t</h1>\n<!-- khooshe-slot:1 -->\n<p>b<!-- note --></p>\n<!-- khooshe-slot:2 -->",
     "<h1>t</h1>\n<!-- khooshe-slot:1 -->\n<p>b</p>\n<!-- khooshe-slot:2 -->"),
    ("<!-- khooshe-slot:1 x --><!--khooshe-slot:2--><p>t</p>", "<p>t</p>"),  # only the exact marker
    # Editor markup cannot reach across a marker: each side is cleaned (and closed) on its own.
    ("<div title=\"<!-- khooshe-slot:1 -->\"><script>x()</script>",
     "<!-- khooshe-slot:1 -->\"&gt;"),
])
def test_sanitize_editor_html(html, clean):
    assert sanitize_editor_html(html) == clean
    assert sanitize_editor_html(clean) == clean  # idempotent


# --------------------------------------------------------------------------- the net under generated pages

@pytest.mark.parametrize(("text", "safe"), [
    ('خبر <script>x</script> "نقل"', "خبر &lt;script&gt;x&lt;/script&gt; &quot;نقل&quot;"),
    ("R&amp;D", "R&amp;D"),
    ("R&D", "R&amp;D"),
    ("ساده", "ساده"),
])
def test_escape_text_is_idempotent(text, safe):
    assert escape_text(text) == safe
    assert escape_text(safe) == safe


# --------------------------------------------------------------------------- in a built site

def content_of(html: str) -> str:
    """The page's article (what Markdown produced), without the theme around it."""
    match = re.search(r'<article class="md-content__inner md-typeset">(.*?)</article>', html, re.S)
    assert match, "no article in the page"
    return match.group(1)


def test_an_editor_page_keeps_allowed_html(new_project):
    project = new_project(shipped=False)
    project.write("content/index.md", textwrap.dedent("""\
        ---
        title: no
        ---

        # صفحه

        <abbr title="سازمان صنایع کوچک">ساصک</abbr> و <kbd>Ctrl</kbd> و <span class="x" data-k="1">s</span>

        <details><summary>بیشتر</summary>

        متن پنهان

        </details>

        | ستون |
        |:----:|
        | خانه |

        [پیوند خوب](https://example.org)
        """))
    result = project.build()
    assert result.code == 0, result.output
    html = result.page("")
    article = content_of(html)
    assert '<abbr title="سازمان صنایع کوچک">ساصک</abbr>' in article
    assert "<kbd>Ctrl</kbd>" in article and '<span class="x" data-k="1">s</span>' in article
    assert "<details><summary>بیشتر</summary>" in article
    assert '<th style="text-align:center">ستون</th>' in article
    assert '<a href="https://example.org">پیوند خوب</a>' in article
    assert "<title>no - خوشه</title>" in html  # `no` stays the word, not False


def test_disallowed_html_in_an_editor_page_stops_the_build_with_checks_lines(new_project):
    """One verdict: what check reports (plugins/model/HTML.md) is never published, not even as text."""
    from plugins.cli.check import check_content

    project = new_project(shipped=False)
    project.write("content/index.md", textwrap.dedent("""\
        ---
        title: صفحه
        ---

        # صفحه

        متن <script>window.__pwned=1</script> و <img src=x onerror="window.__pwned=2">

        [پیوند بد](javascript:window.__pwned=3)

        بند با ویژگی
        {: onclick="window.__pwned=4" }
        """))
    lines = check_content(project.root).lines
    assert [line.split(": ")[0] for line in lines] == [
        "content/index.md:7:5", "content/index.md:7:41", "content/index.md:9:12", "content/index.md:12:1"]
    result = project.build()
    assert result.code == 1
    assert [line for line in lines if line not in result.output.splitlines()] == []
    assert not result.site.exists()


def test_a_generated_page_keeps_its_own_markup(new_project):
    """Khooshe's own generators may use SVG, data-* and style: the editors' allow-list is not theirs."""
    project = new_project(shipped=False)
    project.write("content/index.md", "---\ntitle: خانه\n---\n\n# خانه\n")
    project.write("hooks.py", textwrap.dedent('''\
        from mkdocs.structure.files import File

        def on_files(files, config):
            files.append(File.generated(config, "trusted.md", content=(
                "---\\ntitle: ساخته\\n---\\n\\n# ساخته\\n\\n"
                '<svg viewBox="0 0 10 10" role="img"><title>نقشه</title><circle cx="5" cy="5" r="4"/></svg>\\n\\n'
                '<div class="chart" data-values="1,2" style="height: 4px"></div>\\n'
            )))
            return files
        '''))
    config = project.root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\nhooks:\n  - hooks.py\n", encoding="utf-8")
    result = project.build()
    assert result.code == 0, result.output
    article = content_of(result.page("trusted/"))
    assert '<svg viewBox="0 0 10 10" role="img"><title>نقشه</title><circle cx="5" cy="5" r="4"/></svg>' in article
    assert '<div class="chart" data-values="1,2" style="height: 4px"></div>' in article


# --------------------------------------------------------------------------- payloads in a real browser

PAYLOAD_NAME = 'خوشه <script>window.__pwned="name"</script> و <img src=x onerror="window.__pwned=\'img\'">'
PAYLOAD_CLUSTER = f"""id: yazd-payload
name: '{PAYLOAD_NAME.replace("'", "''")}'
province: yazd
sector: non-metallic-minerals
status: identified
sources:
  - document: source-1
    note: یادداشت <svg onload="window.__pwned='note'"></svg>
description: |
  شرح <script>window.__pwned="description"</script> و <img src=x onerror="window.__pwned='description-img'">
  و [پیوند](javascript:window.__pwned='description-link')
"""
PAYLOAD_TITLE = 'خبر <script>window.__pwned="title"</script></title><script>window.__pwned="title2"</script>'
PAYLOAD_ARTICLE = f"""---
title: '{PAYLOAD_TITLE}'
date: 1398-05-01
added: 1405-09-02
summary: خلاصه <img src=x onerror="window.__pwned='summary'">
clusters:
  - yazd-payload
province: yazd
source:
  publisher: منبع <script>window.__pwned="publisher"</script>
---

متن <script>window.__pwned="body"</script> و <img src=x onerror="window.__pwned='body-img'">

<script>
window.__pwned = "block";
</script>

<div onclick="window.__pwned='div'" id="clickme">کلیک</div>

[پیوند](javascript:window.__pwned='link'){{: #badlink }}
"""


@pytest.fixture(scope="module")
def payload_project(tmp_path_factory):
    from conftest import Project

    root = tmp_path_factory.mktemp("payloads")
    project = Project(root)
    project.copy_shipped_content()
    project.write("clusters/yazd/yazd-payload.yml", PAYLOAD_CLUSTER)
    project.write("content/news/payload.md", PAYLOAD_ARTICLE)
    return project


def test_payloads_in_records_are_reported_by_check_and_stop_the_build(payload_project):
    """A <script> or on…= in a record's name, a news title or its body: check's lines, and no site."""
    from plugins.cli.check import check_content

    lines = check_content(payload_project.root).lines
    where = {(line.split(":")[0], line.split(": ")[1]) for line in lines}
    assert where >= {
        ("clusters/yazd/yazd-payload.yml", "name"), ("clusters/yazd/yazd-payload.yml", "sources.note"),
        ("clusters/yazd/yazd-payload.yml", "description"), ("content/news/payload.md", "title"),
        ("content/news/payload.md", "summary"), ("content/news/payload.md", "source.publisher"),
        ("content/news/payload.md", "متن"),
    }, lines
    result = payload_project.build()
    assert result.code == 1
    assert [line for line in lines if line not in result.output.splitlines()] == []
    assert not result.site.exists()

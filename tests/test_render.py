"""The page mechanism (plugins/views/render.py): slots survive Markdown conversion and are filled."""

from __future__ import annotations

import markdown

from plugins.views.render import Templates, fill_slots, slot_marker


def test_slot_survives_markdown_and_is_filled_in_place():
    source = "# عنوان\n" + slot_marker("facts") + "\n## بخش\n\nمتن.\n" + slot_marker("news")
    converted = markdown.markdown(source, extensions=["toc", "attr_list", "md_in_html"])
    filled = fill_slots(converted, {"facts": "<table><tr><td>۱</td></tr></table>", "news": "<ul></ul>"})
    assert "khooshe-slot" not in filled
    assert filled.index("<h1") < filled.index("<table>") < filled.index("<h2") < filled.index("<ul></ul>")
    assert "<p><table>" not in filled


def test_unknown_slot_stays_an_invisible_comment():
    assert fill_slots("<!-- khooshe-slot:other -->", {"facts": "x"}) == "<!-- khooshe-slot:other -->"


def test_a_page_template_escapes_record_text_in_markdown_and_in_its_html_blocks(tmp_path):
    (tmp_path / "demo").mkdir()
    (tmp_path / "demo" / "page.html").write_text(
        "# {{ name|md }}\n{% call html() %}<p title=\"{{ name }}\">{{ name }}</p>{% endcall %}\n", encoding="utf-8")
    page = Templates({"demo": tmp_path / "demo"}).page("demo/page.html", url=lambda to, anchor="": to, name='<b>*یزد* & "کاشان"</b>')
    assert page.markdown.startswith("# &lt;b&gt;\\*یزد\\* &amp; \"کاشان\"&lt;/b&gt;\n")
    assert list(page.slots.values()) == ['<p title="&lt;b&gt;*یزد* &amp; &#34;کاشان&#34;&lt;/b&gt;">'
                                         '&lt;b&gt;*یزد* &amp; &#34;کاشان&#34;&lt;/b&gt;</p>']


def test_admonition_partial_is_what_the_markdown_extension_writes(tmp_path):
    (tmp_path / "demo").mkdir()
    (tmp_path / "demo" / "note.html").write_text(
        '{% from "partials/admonition.html" import admonition %}'
        '{% call admonition("note", "رقم") %}<p>یک</p>\n<p>دو</p>{% endcall %}', encoding="utf-8")
    extension = markdown.markdown('!!! note "رقم"\n    یک\n\n    دو', extensions=["admonition"])
    assert Templates({"demo": tmp_path / "demo"}).render("demo/note.html").strip() == extension


def test_a_slot_marker_typed_by_an_editor_is_only_a_comment():
    from plugins.views.render import editor_markdown

    assert editor_markdown("متن <!-- khooshe-slot:1 --> و <!--khooshe-slot:x-->") == "متن <!-- 1 --> و <!-- x-->"

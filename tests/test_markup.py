"""Shared helpers of generated pages: HTML slots survive Markdown conversion and are filled."""

from __future__ import annotations

import markdown

from plugins.views.markup import fill_slots, slot


def test_slot_survives_markdown_and_is_filled_in_place():
    source = "# عنوان\n" + slot("facts") + "\n## بخش\n\nمتن.\n" + slot("news")
    converted = markdown.markdown(source, extensions=["toc", "attr_list", "md_in_html"])
    filled = fill_slots(converted, {"facts": "<table><tr><td>۱</td></tr></table>", "news": "<ul></ul>"})
    assert "khooshe-slot" not in filled
    assert filled.index("<h1") < filled.index("<table>") < filled.index("<h2") < filled.index("<ul></ul>")
    assert "<p><table>" not in filled


def test_unknown_slot_stays_an_invisible_comment():
    assert fill_slots("<!-- khooshe-slot:other -->", {"facts": "x"}) == "<!-- khooshe-slot:other -->"


def test_record_text_becomes_escaped_paragraphs_and_links():
    from plugins.views.markup import html_link, html_paragraphs, html_text

    assert html_text("<b>یزد & کاشان</b>") == "&lt;b&gt;یزد &amp; کاشان&lt;/b&gt;"
    assert html_paragraphs("یک  دو\nسه\n\n<i>چهار</i>\n\n", ' class="lead"') == (
        '<p class="lead">یک دو سه</p>\n<p class="lead">&lt;i&gt;چهار&lt;/i&gt;</p>'
    )
    assert html_link('../x/?q="a"', "<em>x</em>") == '<a href="../x/?q=&quot;a&quot;"><em>x</em></a>'


def test_admonition_is_what_the_markdown_extension_writes():
    from plugins.views.markup import html_admonition

    extension = markdown.markdown('!!! note "رقم"\n    یک\n\n    دو', extensions=["admonition"])
    assert html_admonition("note", "رقم", "یک", "دو") == extension

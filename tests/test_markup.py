"""Shared helpers of generated pages: HTML slots survive Markdown conversion and are filled."""

from __future__ import annotations

import markdown

from plugins.core.markup import fill_slots, slot


def test_slot_survives_markdown_and_is_filled_in_place():
    source = "# عنوان\n" + slot("facts") + "\n## بخش\n\nمتن.\n" + slot("news")
    converted = markdown.markdown(source, extensions=["toc", "attr_list", "md_in_html"])
    filled = fill_slots(converted, {"facts": "<table><tr><td>۱</td></tr></table>", "news": "<ul></ul>"})
    assert "khooshe-slot" not in filled
    assert filled.index("<h1") < filled.index("<table>") < filled.index("<h2") < filled.index("<ul></ul>")
    assert "<p><table>" not in filled


def test_unknown_slot_stays_an_invisible_comment():
    assert fill_slots("<!-- khooshe-slot:other -->", {"facts": "x"}) == "<!-- khooshe-slot:other -->"

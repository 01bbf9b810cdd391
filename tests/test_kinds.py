"""A new record kind is one folder and one registration line (plugins/kinds/README.md, "Adding a record kind").

A temporary project declares ``events``: ``kinds/events/`` with kind.yml, a JSON
Schema, templates and a scaffold, plus ``extra: {kinds: [kinds/events]}`` in its
mkdocs.yml. Nothing else changes, and it gets validated pages, search entries,
``check`` errors (that also stop the build) and ``build.py new event …``.
"""

from __future__ import annotations

import json
import re
from html import unescape

import pytest

from conftest import Project
from plugins.cli.check import check_content
from plugins.cli.scaffold import run_new
from plugins.model.kinds import BUILTIN_KINDS, PAGE_KINDS, builtin_kinds, site_kinds

KIND_YML = """\
name: events
noun: رویداد
scaffold: event
folder: events
search_type: news
schema: schema.json
pages:
  url: events
  record: page.html
  listing: index.html
scaffold_template: scaffold.yml
"""
SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["title", "date"],
    "additionalProperties": False,
    "properties": {
        "title": {"type": "string", "minLength": 1, "description": "نام رویداد به فارسی"},
        "date": {"type": "string", "pattern": "^1[34][0-9]{2}-[01][0-9]-[0-3][0-9]$",
                 "description": "تاریخ خورشیدی، مثل 1403-07-15"},
        "place": {"type": "string"},
    },
}
PAGE = """\
---
title: {{ record.data.title|tojson }}
type: news
---

# {{ record.data.title|md }}

{% call html() %}
<p class="event-when">{{ record.data.date }}{% if record.data.place %} · {{ record.data.place }}{% endif %}</p>
{% endcall %}

[همه رویدادها]({{ url("events/index.md") }})
"""
LISTING = """\
---
title: رویدادها
type: listing
---

# رویدادها

{% call html() %}
<ul class="events">
{% for record in records %}
<li><a href="{{ url(record.src_uri) }}">{{ record.data.title }}</a></li>
{% endfor %}
</ul>
{% endcall %}
"""
SCAFFOLD = """\
# رویداد تازه؛ راهنما: kinds/events/kind.yml
title: {{ title }}
date: 1403-01-01
# place: شهر برگزاری
"""
EXPO = "title: نمایشگاه سنگ <تهران> & \"یزد\"\ndate: 1403-07-15\nplace: تهران\n"


def events_project(root) -> Project:
    """The site frame without the shipped content (so no nav), plus the events kind and one record."""
    project = Project(root)
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"(?m)^nav:\n(?:[ \t#].*\n|\n)*", "", config)
    (root / "mkdocs.yml").write_text(config + "\nextra:\n  kinds:\n    - kinds/events\n", encoding="utf-8")
    project.write("content/index.md", "---\ntitle: خانه\n---\n\n# خانه\n\n[رویدادها](events/index.md)\n")
    project.write("kinds/events/kind.yml", KIND_YML)
    project.write("kinds/events/schema.json", json.dumps(SCHEMA, ensure_ascii=False, indent=2))
    project.write("kinds/events/templates/page.html", PAGE)
    project.write("kinds/events/templates/index.html", LISTING)
    project.write("kinds/events/scaffold.yml", SCAFFOLD)
    project.write("events/tehran-stone-expo.yml", EXPO)
    return project


@pytest.fixture
def project(tmp_path) -> Project:
    return events_project(tmp_path / "project")


def test_the_builtin_kinds_are_one_registration_line_each():
    assert [kind.name for kind in builtin_kinds()] == ["clusters", "news", "publications"]
    assert len(BUILTIN_KINDS) == 3
    assert {kind.search_type for kind in builtin_kinds()} <= set(PAGE_KINDS)


def test_a_project_adds_a_kind_with_one_line_of_mkdocs_yml(project):
    names = [kind.name for kind in site_kinds(project.root)]
    assert names == ["clusters", "news", "publications", "events"]


def test_the_new_kind_gets_pages_and_search_entries(project):
    result = project.build()
    assert result.code == 0, result.output
    page = result.page("events/tehran-stone-expo/")
    title = re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S).group(1)
    assert unescape(re.sub(r"<[^>]+>", "", title)).strip(" ¶") == 'نمایشگاه سنگ <تهران> & "یزد"'
    assert "<تهران>" not in page  # record text is escaped, in the Markdown heading as in the <title>
    assert '<p class="event-when">1403-07-15 · تهران</p>' in page
    listing = result.page("events/")
    assert 'href="../events/tehran-stone-expo/"' in listing or 'href="tehran-stone-expo/"' in listing
    documents = [json.loads(path.read_text(encoding="utf-8")) for path in (result.site / "search" / "d").glob("*.json")]
    entry = next(doc for doc in documents if isinstance(doc, dict) and "tehran-stone-expo" in json.dumps(doc))
    assert "نمایشگاه سنگ" in json.dumps(entry, ensure_ascii=False)


def test_the_new_kind_is_validated_by_check_and_the_build_stops_on_the_same_lines(project):
    project.write("events/bad-event.yml", "title: رویداد\ndate: 1403/07/15\nowner: x\n")
    lines = check_content(project.root).lines
    assert [line.split(": ")[0:2] for line in lines] == [
        ["events/bad-event.yml:2:7", "date"],
        ["events/bad-event.yml:3:1", "owner"],
    ]
    (project.root / "site").mkdir()
    (project.root / "site" / "index.html").write_text("previous", encoding="utf-8")
    result = project.build()
    assert result.code == 1
    for line in lines:
        assert line in result.output
    assert (project.root / "site" / "index.html").read_text(encoding="utf-8") == "previous"


def test_build_py_new_event_writes_a_record_that_passes_check(project, capsys):
    assert run_new(project.root, "event", "isfahan-handicrafts-fair", "نمایشگاه صنایع دستی اصفهان") == 0
    out, _ = capsys.readouterr()
    assert out.splitlines()[0] == "رویداد تازه ساخته شد: events/isfahan-handicrafts-fair.yml"
    text = (project.root / "events" / "isfahan-handicrafts-fair.yml").read_text(encoding="utf-8")
    assert 'title: "نمایشگاه صنایع دستی اصفهان"' in text
    assert check_content(project.root).lines == []
    assert run_new(project.root, "event", "isfahan-handicrafts-fair", "دوباره") == 1


def test_a_broken_kind_declaration_is_one_persian_line(project):
    project.write("kinds/events/kind.yml", KIND_YML.replace("search_type: news\n", "search_type: party\n"))
    lines = check_content(project.root).lines
    kind_lines = [line for line in lines if line.startswith("kinds/")]
    assert len(kind_lines) == 1 and kind_lines[0].startswith("kinds/events/kind.yml: search_type: اعلام نوع ناقص یا نادرست است")
    assert not [line for line in lines if line.startswith("build.py")]  # the other kinds still load


def test_the_page_schema_and_search_use_the_one_page_kind_vocabulary():
    from plugins.model.page_meta import SCHEMA
    from plugins.views.search.index import TYPE_LABELS

    assert SCHEMA["properties"]["type"]["enum"] == list(PAGE_KINDS)
    assert TYPE_LABELS == PAGE_KINDS


def test_the_record_plugins_order_in_mkdocs_yml_does_not_matter_for_data(make_project):
    """Every plugin reads the one model (plugins/adapter/base.py site_model), not a sibling loaded before it."""
    project = make_project()
    config = project.root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    order = "  - khooshe-clusters\n  - khooshe-news\n  - khooshe-publications\n"
    assert order in text
    config.write_text(text.replace(order, "  - khooshe-publications\n  - khooshe-news\n  - khooshe-clusters\n"),
                      encoding="utf-8")
    result = project.build()
    assert result.code == 0, result.output
    profile = result.page("clusters/yazd-ceramic/")
    assert re.search(r'href="\.\./\.\./news/soleimani-interview/"', profile)

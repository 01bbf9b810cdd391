"""Templates: a site overrides any of them, and record text always comes out as text.

Both tests build a small site (the shipped content plus a few records) and read the
HTML as a browser would, with ``html.parser``: what matters is what a reader gets,
not how a template spells it.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c63000100000500010d0a2db40000000049454e44ae426082"
)


class Parsed(HTMLParser):
    """A page as a browser reads it: its elements, its attributes, its text outside scripts."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str, str]] = []  # (tag, name, value)
        self.texts: list[str] = []  # text nodes, outside <script> and <style>
        self._skip = 0
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes.extend((tag, name, value or "") for name, value in attrs)
        self._skip += tag in {"script", "style"}

    def handle_endtag(self, tag):
        if tag in {"script", "style"} and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.texts.append(data)

    @property
    def text(self) -> str:
        return re.sub(r"\s+", " ", "".join(self.texts))


# --------------------------------------------------------------------------- overriding a template

def test_a_site_overrides_the_cluster_profile_template_from_overrides(make_project):
    shipped = Path(__file__).resolve().parents[1] / "plugins/kinds/clusters/templates/profile.html"
    assert shipped.is_file(), "the cluster profile is rendered from clusters/profile.html"
    template = shipped.read_text(encoding="utf-8")
    # A designer's copy of the shipped template, with one paragraph added after the title.
    note = '\n{% call html() %}<p class="designer-note">نسخه طراح: {{ cluster.name }}</p>{% endcall %}\n'
    lines = template.splitlines(keepends=True)
    title = next((i for i, line in enumerate(lines) if line.startswith("# ")), len(lines) - 1)
    lines.insert(title + 1, note)
    project = make_project()
    project.write("overrides/khooshe/clusters/profile.html", "".join(lines))
    result = project.build()
    assert result.code == 0, result.output

    profile = Parsed(result.page("clusters/yazd-ceramic/"))
    assert [value for _, name, value in profile.attributes if value == "designer-note"] == ["designer-note"]
    assert "نسخه طراح: خوشه صنعتی سرامیک یزد" in profile.text
    assert "به نوشته وبگاه سازمان صنایع کوچک" in profile.text  # the rest of the profile is still there
    assert "نسخه طراح: خوشه کفش قم" in Parsed(result.page("clusters/qom-shoes/")).text
    # Only the profile was overridden: the clusters table is the shipped template's.
    assert "designer-note" not in result.page("clusters/")


# --------------------------------------------------------------------------- record text is text

# In every free-text field of a cluster, a publication, a person and a news item (tags
# and topics are labels without punctuation: the validator refuses these characters
# there). It passes `build.py check` (<b> is an allowed tag in editors' Markdown; `1<2`
# is no tag at all), so escaping, not the validator, must keep it text.
PAYLOAD = "<b>x</b> *y* 1<2 \"q\" 'a' & r"
TAIL = "1<2 \"q\" 'a' & r"  # the part a Markdown field (description, news body) shows verbatim too
RENDERED = f"x y {TAIL}"  # the payload in a Markdown field, once converted: <b>x</b> <em>y</em> …
URL = "https://example.org/report?a=1&b=2"


def plain(marker: str) -> str:
    """A field's text (a marker naming the field, then the payload): a reader sees it verbatim."""
    return f"{marker} {PAYLOAD}"


def q(marker: str) -> str:
    """``plain(marker)`` as a single-quoted YAML scalar."""
    return "'" + plain(marker).replace("'", "''") + "'"


CLUSTER = f"""id: yazd-escape
name: {q("CLNAME")}
name_en: {q("CLLATIN")}
province: yazd
cities: [{q("CLCITY")}]
sector: non-metallic-minerals
products: [{q("CLPRODUCT")}]
status: active
stage: implementation
cda: {q("CLCDA")}
supervisor: {q("CLSUPERVISOR")}
employment:
  - value: 120
    as_of: "1398"
    source: source-1
    note: {q("CLJOBSNOTE")}
coordinates: {{lat: 31.9, lon: 54.3, note: {q("CLPLACENOTE")}}}
priority: {{rank: 1, method: {q("CLMETHOD")}, source: source-4}}
sources:
  - document: source-1
    note: {q("CLSOURCENOTE")}
  - url: '{URL}'
    title: {q("CLSOURCETITLE")}
description: {q("CLDESCRIPTION")}
"""

PUBLICATION = f"""type: book
title: {q("PUBTITLE")}
authors: [escape-person]
publisher: {q("PUBPUBLISHER")}
year: 1398
language: fa
status: published
topics: [خوشه‌های صنعتی]
clusters: [yazd-escape]
summary: {q("PUBSUMMARY")}
source:
  publisher: {q("PUBSOURCE")}
  title: {q("PUBSOURCETITLE")}
"""

PERSON = f"""id: escape-person
given: {q("PERGIVEN")}
family: {q("PERFAMILY")}
name_en: {q("PERLATIN")}
"""

ARTICLE = f"""---
title: {q("NEWSTITLE")}
date: 1398-05-01
date_note: {q("NEWSDATENOTE")}
added: 1405-09-02
summary: {q("NEWSSUMMARY")}
tags: [برنامه ملی]
province: yazd
clusters: [yazd-escape]
image: images/escape.png
image_alt: {q("NEWSIMAGEALT")}
source:
  publisher: {q("NEWSPUBLISHER")}
  title: {q("NEWSSOURCETITLE")}
  via: {q("NEWSVIA")}
  url: '{URL}'
---

NEWSBODY {PAYLOAD}
"""

# Which fields each page shows (what the site showed before templates), verbatim.
LISTED_CLUSTER = ["CLNAME", "CLCITY"]
SHOWN = {
    "clusters/yazd-escape/": [
        "CLNAME", "CLLATIN", "CLCITY", "CLPRODUCT", "CLCDA", "CLSUPERVISOR", "CLJOBSNOTE", "CLPLACENOTE",
        "CLMETHOD", "CLSOURCENOTE", "CLSOURCETITLE", "PUBTITLE", "NEWSTITLE",
    ],
    "clusters/": LISTED_CLUSTER,
    "clusters/province/yazd/": [*LISTED_CLUSTER, "NEWSTITLE"],
    "clusters/sector/non-metallic-minerals/": LISTED_CLUSTER,
    "clusters/status/active/": LISTED_CLUSTER,
    "clusters/stage/implementation/": LISTED_CLUSTER,
    "map/": ["CLNAME"],
    "publications/escape-book/": [
        "PUBTITLE", "PUBPUBLISHER", "PUBSUMMARY", "PUBSOURCE", "PUBSOURCETITLE", "PERGIVEN", "PERFAMILY", "CLNAME",
    ],
    "publications/": ["PUBTITLE", "PERGIVEN", "PERFAMILY"],
    "people/escape-person/": ["PERGIVEN", "PERFAMILY", "PERLATIN", "PUBTITLE"],
    "people/": ["PERGIVEN", "PERFAMILY"],
    "news/escape-news/": [
        "NEWSTITLE", "NEWSSUMMARY", "NEWSPUBLISHER", "NEWSSOURCETITLE", "NEWSVIA", "NEWSDATENOTE", "CLNAME",
    ],
    "news/": ["NEWSTITLE", "NEWSSUMMARY", "NEWSPUBLISHER"],
    "news/archive/1398/": ["NEWSTITLE"],
    "news/tags/برنامه-ملی/": ["NEWSTITLE"],
}
MARKDOWN_SHOWN = {"clusters/yazd-escape/": "CLDESCRIPTION", "news/escape-news/": "NEWSBODY"}
ATTRIBUTES_SHOWN = {"news/escape-news/": ("img", "alt", plain("NEWSIMAGEALT"))}


@pytest.fixture(scope="module")
def escape_site(tmp_path_factory):
    from conftest import Project

    project = Project(tmp_path_factory.mktemp("escape"))
    project.copy_shipped_content()
    project.write("clusters/yazd/yazd-escape.yml", CLUSTER)
    project.write("publications/escape-book.yml", PUBLICATION)
    project.write("publications/people/escape-person.yml", PERSON)
    project.write("content/news/images/escape.png", PNG)
    project.write("content/news/escape-news.md", ARTICLE)
    result = project.build()
    assert result.code == 0, result.output
    pages = {}
    for path in sorted(result.site.rglob("*.html")):
        url = path.relative_to(result.site).as_posix()
        pages[url[: -len("index.html")] if url.endswith("index.html") else url] = path.read_text(encoding="utf-8")
    return pages


def test_record_text_is_escaped_in_the_html_source_of_every_page(escape_site):
    for url, html in escape_site.items():
        outside_scripts = re.sub(r"<(script|style)\b.*?</\1>", "", html, flags=re.S)
        assert "1<2" not in outside_scripts, url  # `<` as &lt;
        assert "& r" not in outside_scripts, url  # `&` as &amp;


def test_record_text_never_becomes_an_element_or_breaks_an_attribute(escape_site):
    for url, html in escape_site.items():
        page = Parsed(html)
        # Each <b> is an editor's, from a Markdown field (description, body); a plain
        # field's <b>x</b> shows as text.
        assert page.tags.count("b") == page.text.count(RENDERED), url
        for tag, name, value in page.attributes:
            assert re.fullmatch(r"[a-z_:][-a-z0-9_:.]*", name), f"{url}: <{tag} {name}=…> (a broken attribute)"
            if "'a'" in value or "1<2" in value:
                assert TAIL in value, f"{url}: <{tag} {name}={value!r}> (cut short)"
            if "example.org/report" in value:
                assert value == URL, f"{url}: <{tag} {name}={value!r}>"


def test_every_text_field_is_shown_verbatim_where_it_was_shown_before(escape_site):
    for url, markers in SHOWN.items():
        text = Parsed(escape_site[url]).text
        missing = [marker for marker in markers if plain(marker) not in text]
        assert not missing, f"{url}: {missing} not shown as text"
    for url, marker in MARKDOWN_SHOWN.items():
        assert f"{marker} {RENDERED}" in Parsed(escape_site[url]).text, url
    for url, (tag, name, value) in ATTRIBUTES_SHOWN.items():
        assert (tag, name, value) in Parsed(escape_site[url]).attributes, url

"""The clusters pages are templates: a site overrides one from overrides/, and record text is escaped.

Persian text is normalized on loading ("نو" becomes «نو»), so a literal " is checked in Latin text.
"""

from __future__ import annotations

import re

RECORD = """id: yazd-tile
name: 'خوشه کاشی <یزد> & "نو"'
name_en: 'Yazd "New" Tile <A&B>'
province: yazd
cities:
  - 'یزد & <اردکان>'
sector: non-metallic-minerals
products:
  - 'کاشی "لعاب‌دار" <b>'
status: active
stage: trust-building
cda: 'شرکت <الف> & "ب"'
partners:
  - ipi
coordinates:
  lat: 31.8974
  lon: 54.3569
  note: 'مختصات شهر یزد <مرکز>'
sources:
  - document: source-1
    note: 'یادداشت <i>منبع</i> & "نقل"'
"""

OVERRIDE = """{% from "partials/front_matter.html" import front_matter %}
{{ front_matter(cluster.name, "cluster") }}

# {{ cluster.name|md }}

{% call html() %}
<p class="designer-profile">شناسنامه بازطراحی‌شده: {{ cluster.id }}، {{ cluster.cda }}</p>
{% endcall %}
"""


def tiny_project(make_project):
    project = make_project()
    project.write("clusters/yazd/yazd-tile.yml", RECORD)
    return project


def test_a_site_overrides_the_profile_template(make_project):
    project = tiny_project(make_project)
    project.write("overrides/khooshe/clusters/profile.html", OVERRIDE)
    result = project.build()
    assert result.code == 0, result.output
    html = result.page("clusters/yazd-tile/")
    assert '<p class="designer-profile">شناسنامه بازطراحی‌شده: yazd-tile، شرکت &lt;الف&gt; &amp; «ب»</p>' in html
    assert "khooshe-stages" not in html  # the shipped profile's stage tracker is gone
    assert "khooshe-stages" not in result.page("clusters/")  # other templates are untouched
    assert 'class="khooshe-clusters"' in result.page("clusters/")


def test_record_text_is_escaped_in_every_page(make_project):
    result = tiny_project(make_project).build()
    assert result.code == 0, result.output
    pages = ["clusters/yazd-tile/", "clusters/", "clusters/province/yazd/", "clusters/stage/trust-building/",
             "clusters/partner/ipi/", "map/"]
    for url in pages:
        html = result.page(url)
        assert "خوشه کاشی &lt;یزد&gt; &amp; " in html, url
        for raw in ("<یزد>", "<اردکان>", "<الف>", "<b>", "<i>منبع", "<مرکز>"):
            assert raw not in html, (url, raw)
    profile = result.page("clusters/yazd-tile/")
    for text in ("یزد &amp; &lt;اردکان&gt;", "کاشی «لعاب‌دار» &lt;b&gt;", "شرکت &lt;الف&gt; &amp; «ب»",
                 "مختصات شهر یزد &lt;مرکز&gt;", "یادداشت &lt;i&gt;منبع&lt;/i&gt; &amp; «نقل»",
                 'lang="en" dir="ltr">Yazd &#34;New&#34; Tile &lt;A&amp;B&gt;</p>'):
        assert text in profile, text
    title = re.search(r"<title>(.*?)</title>", profile).group(1)
    assert title.startswith("خوشه کاشی &lt;یزد&gt; &amp; «نو»"), title

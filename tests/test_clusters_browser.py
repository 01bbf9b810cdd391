"""The cluster pages in Chromium: map links, table filter and sorting, the page
without JavaScript, and every profile printing on one A4 page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from plugins.kinds.clusters.records import load_clusters

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def records():
    return load_clusters(ROOT)[0]


@pytest.fixture(scope="module")
def base_url(shipped_site, serve):
    return serve(shipped_site.site)


def visible_rows(page) -> int:
    return page.locator("table.khooshe-clusters tbody tr:visible").count()


def test_clicking_a_map_marker_opens_the_profile(page, base_url):
    page.set_viewport_size({"width": 1280, "height": 1500})  # the whole map in view, clear of the sticky header
    page.goto(base_url + "map/")
    page.locator('a.marker[data-cluster="mahallat-ornamental-plants"]').click()
    page.wait_for_url("**/clusters/mahallat-ornamental-plants/")
    assert page.locator("h1").inner_text().rstrip("¶") == "خوشه گل و گیاهان زینتی محلات"


def test_clicking_a_province_opens_its_page(page, base_url):
    page.set_viewport_size({"width": 1280, "height": 1500})
    page.goto(base_url + "map/")
    # Semnan has no marker; its label lets clicks through to the shape under it
    box = page.locator("svg.khooshe-map text.label", has_text="سمنان").bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_url("**/clusters/province/semnan/")
    assert page.locator("h1").inner_text().rstrip("¶") == "خوشه‌های استان سمنان"


def test_table_filter_narrows_the_rows(page, base_url, records):
    page.goto(base_url + "clusters/")
    assert visible_rows(page) == len(records)
    count = page.locator("output.khooshe-filter-count")
    assert count.inner_text() == "۴۰ از ۴۰ خوشه"
    page.fill("#khooshe-filter-text", "زاهدان")
    zahedan = [c for c in records if "زاهدان" in c.cities]
    assert visible_rows(page) == len(zahedan) == 5
    page.fill("#khooshe-filter-text", "يزد")  # Arabic ي finds یزد
    assert visible_rows(page) == len([c for c in records if c.province == "yazd"])
    page.fill("#khooshe-filter-text", "")
    page.select_option("#khooshe-filter-province", "isfahan")
    assert visible_rows(page) == 8
    page.select_option("#khooshe-filter-sector", "textiles")
    expected = [c for c in records if c.province == "isfahan" and c.sector == "textiles"]
    assert visible_rows(page) == len(expected) == 4
    assert count.inner_text() == "۴ از ۴۰ خوشه"
    ids = page.locator("table.khooshe-clusters tbody tr:visible").evaluate_all("rows => rows.map(r => r.dataset.id)")
    assert sorted(ids) == sorted(c.id for c in expected)


def test_a_filter_the_browser_refilled_is_applied_at_load(page, base_url, records):
    """Back to the list, the browser refills the form; the rows shown follow it from the start."""
    def refilled(route):
        html = route.fetch().text().replace('id="khooshe-filter-text"', 'id="khooshe-filter-text" value="زاهدان"', 1)
        route.fulfill(body=html, content_type="text/html; charset=utf-8")

    page.route(re.compile(r"/clusters/$"), refilled)
    page.goto(base_url + "clusters/")
    assert page.locator("#khooshe-filter-text").input_value() == "زاهدان"
    assert visible_rows(page) == len([c for c in records if "زاهدان" in c.cities]) == 5
    assert page.locator("output.khooshe-filter-count").inner_text() == "۵ از ۴۰ خوشه"


def test_table_sorts_by_a_column(page, base_url):
    page.goto(base_url + "clusters/")
    header = page.locator("table.khooshe-clusters th", has_text="وضعیت")
    header.locator("button").click()
    assert header.get_attribute("aria-sort") == "ascending"
    statuses = page.locator("table.khooshe-clusters tbody tr").evaluate_all("rows => rows.map(r => r.dataset.status)")
    order = ["identified", "studied", "active", "completed"]
    assert statuses == sorted(statuses, key=order.index)
    header.locator("button").click()
    statuses = page.locator("table.khooshe-clusters tbody tr").evaluate_all("rows => rows.map(r => r.dataset.status)")
    assert statuses[0] == "completed" and statuses[-1] == "identified"


def test_table_is_complete_without_javascript(browser, base_url, records):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "clusters/")
    assert visible_rows(page) == len(records)
    assert page.locator("form.khooshe-filter").is_hidden()  # in the page, but it would do nothing
    context.close()


def test_the_table_does_not_move_when_the_script_wires_up_the_filter(browser, base_url):
    """The filter form is in the HTML from the first paint: clusters.js only wires it (no layout shift)."""
    tops = {}
    for script in ("blocked", "run"):
        context = browser.new_context(viewport={"width": 412, "height": 823})
        if script == "blocked":
            context.route(re.compile(r"/khooshe\.[0-9a-f]+\.min\.js$"), lambda route: route.abort())
        page = context.new_page()
        page.goto(base_url + "clusters/")
        form = page.locator("form.khooshe-filter")
        assert form.is_visible() and form.get_attribute("data-ready") == ("true" if script == "run" else None)
        tops[script] = page.locator("table.khooshe-clusters").bounding_box()["y"]
        context.close()
    assert tops["blocked"] == tops["run"]


def test_every_profile_prints_on_one_a4_page(page, base_url, records):
    for cluster in records:
        page.goto(base_url + f"clusters/{cluster.id}/")
        pdf = page.pdf(format="A4", prefer_css_page_size=True)
        pages = len(re.findall(rb"/Type\s*/Page(?![a-z])", pdf))
        assert pages == 1, f"{cluster.id} prints on {pages} pages"
    page.emulate_media(media="print")
    assert page.locator(".md-header").is_hidden() and page.locator(".md-sidebar--primary").is_hidden()
    assert page.locator("h1.khooshe-profile").is_visible()

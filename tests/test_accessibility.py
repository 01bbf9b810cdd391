"""Accessibility in Chromium: axe-core on every page kind in both colour schemes, and
the national map worked with the keyboard.

axe-core (pinned in tests/package.json) is injected through Playwright into Debian's
Chromium with the WCAG 2.1 A/AA and best-practice rules, as ``bench/a11y.py`` does
(the bench prints the same counts for Khooshe and stock Material); a serious or
critical violation fails, named by page, scheme, rule and element.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import a11y  # noqa: E402

from plugins.kinds.clusters.records import load_clusters  # noqa: E402
from plugins.model.provinces import load_provinces  # noqa: E402


@pytest.fixture(scope="module")
def base_url(shipped_site, serve, node_tools):
    return serve(shipped_site.site)


def test_every_page_kind_exists_on_the_test_site(shipped_site):
    # a renamed sample page would otherwise be checked as a 404 page
    for kind, path in a11y.PAGE_KINDS.items():
        assert (shipped_site.site / path / "index.html").is_file(), kind


@pytest.mark.parametrize("kind", a11y.PAGE_KINDS)
def test_no_serious_axe_violation_in_either_scheme(browser, base_url, kind):
    found = []
    for scheme in a11y.SCHEMES:
        found.extend(a11y.axe_page(browser, base_url + a11y.PAGE_KINDS[kind], scheme, kind))
    assert not found, f"{len(found)} serious or critical axe violations:\n" + "\n".join(v.line() for v in found)


def test_axe_sees_a_violation_when_there_is_one(browser, tmp_path, serve, node_tools):
    # the check itself: white text on Material's own teal is the contrast failure the palette fixes
    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="fa" dir="rtl"><head><title>آزمون</title></head>'
        '<body data-md-color-scheme="default"><main><h1>آزمون</h1>'
        '<p style="background:#009485;color:#fff">متن کم‌رنگ</p></main></body></html>', encoding="utf-8")
    found = a11y.axe_page(browser, serve(tmp_path), "light", "test")
    assert [v.rule for v in found] == ["color-contrast"]
    assert "3.76" in found[0].summary


def test_map_provinces_and_markers_are_named_links_reached_with_tab(page, base_url):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(base_url + "map/")
    located = sorted(c.id for c in load_clusters(ROOT)[0] if c.coordinates)
    # named links in the accessibility tree, inside a named group (an image would hide them)
    tree = page.locator("svg.khooshe-map").aria_snapshot()
    assert tree.startswith('- group "نقشه کشوری خوشه‌ها')
    names = re.findall(r'link "([^"]+)"', tree)
    assert len(names) == len(load_provinces()) + len(located)
    assert "سمنان: ۰ خوشه" in names and "خوشه گل و گیاهان زینتی محلات (در حال توسعه با عامل توسعه)" in names
    # Tab from the link just before the map walks every province, then every marker
    page.get_by_role("link", name="جدول همین نقشه").focus()
    reached = []
    for _ in range(len(names)):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("() => document.activeElement.dataset.province || document.activeElement.dataset.cluster"))
    assert sorted(reached[:len(load_provinces())]) == sorted(load_provinces())
    assert sorted(reached[len(load_provinces()):]) == located
    page.keyboard.press("Enter")  # the focused marker opens its profile
    page.wait_for_url(f"**/clusters/{reached[-1]}/")

"""The site frame: Persian, right-to-left, sections-only navigation, programme pages."""

from __future__ import annotations

import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# Every programme page, with words the seeds say and the page must carry.
PROGRAMME_PAGES = {
    "": ["۴۲۳", "۱۲۶", "۴۶", "۵۸"],
    "programme/": ["۱۳۸۰"],
    "programme/what-is-a-cluster/": ["۵۰ کیلومتر"],
    "programme/awareness/": [],
    "programme/national-map/": ["ملایر", "لالجین"],
    "programme/pilot-projects/": ["UNIDO", "IPI", "IMM"],
    "programme/legal-groundwork/": [],
    "programme/institutions/": ["BDS"],
    "method/": ["مطالعه شناختی", "اعتمادسازی", "پایش و ارزیابی"],
    "method/diagnostic-study/": ["مطالعه شناختی"],
    "method/trust-building/": ["اعتمادسازی"],
    "method/action-plan/": ["برنامه عمل"],
    "method/implementation/": ["پیاده‌سازی"],
    "method/monitoring-evaluation/": ["پایش"],
    "method/cda/": ["عامل توسعه خوشه"],
    "laws/": ["ماده ۳۹", "مجمع تشخیص مصلحت نظام"],
    "faq/": [],
    "about/": [],
    "about/glossary/": ["CDA", "UNIDO", "IPI", "IMM"],
    "about/sources/": ["توسعه خوشه‌های صنعتی", "خوشه گل و گیاهان زینتی محلات"],
}

NAV_SECTIONS = ["خانه", "خوشه‌ها", "نقشه", "آمار", "انتشارات", "اخبار", "روش‌شناسی", "برنامه ملی", "قوانین", "پرسش‌ها", "درباره"]


class _NavLinks(HTMLParser):
    """Collects the distinct targets of navigation links (tabs and sidebar)."""

    def __init__(self) -> None:
        super().__init__()
        self.targets: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        classes = (attributes.get("class") or "").split()
        if tag == "a" and {"md-nav__link", "md-tabs__link"} & set(classes):
            self.targets.add(attributes.get("href") or "")


def test_home_page_is_persian_and_right_to_left(shipped_site):
    html = shipped_site.page("")
    assert re.search(r'<html[^>]*\blang="fa"', html)
    assert 'dir="rtl"' in html


@pytest.mark.parametrize("url_path, facts", PROGRAMME_PAGES.items())
def test_programme_page_exists_and_carries_seed_facts(shipped_site, url_path, facts):
    html = shipped_site.page(url_path)
    assert "<h1" in html
    for fact in facts:
        assert fact in html, f"{url_path or 'home'} should mention {fact}"


def test_no_page_lists_more_than_40_navigation_links(shipped_site):
    pages = sorted(shipped_site.site.rglob("*.html"))
    assert len(pages) > 20
    worst = (0, "")
    for path in pages:
        parser = _NavLinks()
        parser.feed(path.read_text(encoding="utf-8"))
        worst = max(worst, (len(parser.targets), str(path.relative_to(shipped_site.site))))
    assert worst[0] <= 40, f"{worst[1]} lists {worst[0]} navigation links"


def test_fonts_are_served_by_the_site_itself(shipped_site):
    html = shipped_site.page("")
    assert "fonts.googleapis.com" not in html and "fonts.gstatic.com" not in html
    assert (shipped_site.site / "assets/fonts/Vazirmatn-Regular.woff2").stat().st_size > 10_000


def test_help_is_persian():
    result = subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "--help"],
        capture_output=True,
        text=True,
        env={"KHOOSHE_NO_VENV": "1", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0
    for word in ("ساخت", "پیش‌نمایش", "بررسی", "آزمون"):
        assert word in result.stdout


# ----------------------------------------------------------------- in the browser

def test_home_renders_right_to_left_in_vazirmatn(shipped_site, serve, page):
    page.goto(serve(shipped_site.site))
    page.wait_for_load_state("networkidle")
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    assert "Vazirmatn" in page.evaluate("getComputedStyle(document.querySelector('.md-typeset')).fontFamily")
    assert page.evaluate("document.fonts.ready.then(() => document.fonts.check('16px Vazirmatn', 'خوشه'))")
    assert page.evaluate("[...document.fonts].some(f => f.family.includes('Vazirmatn') && f.status === 'loaded')")


def test_every_navigation_section_opens(shipped_site, serve, page):
    base = serve(shipped_site.site)
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(base)
    tabs = page.locator(".md-tabs__link")
    labels = [label.strip() for label in tabs.all_inner_texts()]
    assert labels == NAV_SECTIONS
    for index, label in enumerate(labels):
        page.goto(base)
        with page.expect_navigation():
            page.locator(".md-tabs__link").nth(index).click()
        assert page.locator("article h1").count() == 1, label
        assert page.title()


def test_dark_and_light_palette_toggle(shipped_site, serve, page):
    page.emulate_media(color_scheme="light")
    page.goto(serve(shipped_site.site))
    scheme = "document.body.getAttribute('data-md-color-scheme')"
    assert page.evaluate(scheme) == "default"
    page.locator("label.md-header__button[for='__palette_1']").click()
    assert page.evaluate(scheme) == "slate"
    background_dark = page.evaluate("getComputedStyle(document.body).backgroundColor")
    page.locator("label.md-header__button[for='__palette_0']").click()
    assert page.evaluate(scheme) == "default"
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") != background_dark


def test_transitions_come_back_once_the_palette_is_applied(shipped_site, serve, page):
    """The header marks the body data-md-color-switching (no transitions) before the page
    exists, so Material's own marking at load restyles nothing; Material's unmarking must
    still follow, or the site would lose its transitions."""
    page.goto(serve(shipped_site.site))
    page.wait_for_function("!document.body.hasAttribute('data-md-color-switching')", timeout=5000)
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header__button')).transitionDuration") == "0.25s"


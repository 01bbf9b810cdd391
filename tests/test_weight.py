"""What a first visit downloads (issue 14, light): fonts cut to the text, one CSS, one JS, nothing unneeded.

* Every character the built pages show, of those Vazirmatn has, is in the subset web
  fonts (fontTools' cmap).
* Every page links exactly one Khooshe stylesheet and one Khooshe script, named by a
  content hash, minified, and existing; search's script is named for later, not loaded.
* Every page preloads the regular weight, the one its text is set in.
* In Chromium, a first visit fetches no sitemap.xml and no search script; the search
  box still works (its script comes on first use).

Lighthouse itself is a benchmark, not a test: bench/lighthouse.py.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

FONTS = ("assets/fonts/Vazirmatn-Regular.woff2", "assets/fonts/Vazirmatn-Bold.woff2")
SHOWN_ATTRIBUTES = {"alt", "placeholder", "value"}


class _ShownText(HTMLParser):
    """The text a reader sees: text nodes outside script/style, and alt/placeholder/value."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.hidden += 1
        self.parts.extend(value or "" for name, value in attrs if name in SHOWN_ATTRIBUTES)

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.hidden -= 1

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def shown_characters(html: str) -> set[str]:
    parser = _ShownText()
    parser.feed(html)
    return {char for char in "".join(parser.parts) if not char.isspace()}


def pages(site) -> list[Path]:  # site: conftest BuildResult
    found = site.page_files()
    assert len(found) > 100
    return found


def test_every_character_the_pages_show_is_in_the_subset_fonts(shipped_site):
    site = shipped_site.site
    shown: dict[str, str] = {}  # character → a page showing it
    for path in pages(shipped_site):
        for char in shown_characters(path.read_text(encoding="utf-8")):
            shown.setdefault(char, str(path.relative_to(site)))
    assert {"خ", "و", "ش", "ه", "۱", "\u200c", "A"} <= set(shown)
    for font in FONTS:
        data = (site / font).read_bytes()
        source = (shipped_site.root / "content" / font).stat().st_size
        assert len(data) < source / 2, f"{font} is not a subset"
        cmap = TTFont(site / font).getBestCmap()
        # what the full font has (← and ≤ it has not: those come from a fallback font either way)
        full = TTFont(shipped_site.root / "content" / font).getBestCmap()
        missing = {char: page for char, page in shown.items() if ord(char) in full and ord(char) not in cmap}
        assert not missing, f"{font} lacks {missing}"
        assert "tnum" in {record.FeatureTag for record in TTFont(site / font)["GSUB"].table.FeatureList.FeatureRecord}


def _assets(html: str, pattern: str) -> list[str]:
    return re.findall(pattern, html)


def test_every_page_links_one_minified_khooshe_stylesheet_and_one_script(shipped_site):
    site = shipped_site.site
    bundles = set()
    for path in pages(shipped_site):
        html = path.read_text(encoding="utf-8")
        if "<head>" not in html:
            continue
        styles = _assets(html, r'<link rel="stylesheet" href="((?:\.\./|/)*assets/(?:khooshe|css)/[^"]+)"')
        scripts = _assets(html, r'<script src="((?:\.\./|/)*assets/khooshe/[^"]+)"')
        where = path.relative_to(site)
        assert len(styles) == 1 and re.search(r"assets/khooshe/khooshe\.[0-9a-f]{10}\.min\.css$", styles[0]), where
        assert len(scripts) == 1 and re.search(r"assets/khooshe/khooshe\.[0-9a-f]{10}\.min\.js$", scripts[0]), where
        bundles |= {re.sub(r"^(\.\./|/)*", "", styles[0]), re.sub(r"^(\.\./|/)*", "", scripts[0])}
    assert len(bundles) == 2  # the same two files on every page
    css, js = sorted(bundles, key=lambda name: name.endswith(".js"))  # the stylesheet first, whatever the hashes
    style = (site / css).read_text(encoding="utf-8")
    script = (site / js).read_text(encoding="utf-8")
    # one file of everyone's assets: the site's stylesheet, each plugin's CSS and JS
    for rule in ("@font-face", ".khooshe-search", "table.khooshe-clusters", "khooshe-news"):
        assert rule in style, rule
    for code in ("table.khooshe-clusters", "data-script", "li.khooshe-pub-item"):
        assert code in script, code
    # minified: no comments, no indentation
    for text in (style, script):
        assert "/*" not in text and "\n  " not in text
    # the separate files are gone
    assert not (site / "assets" / "css" / "khooshe.css").exists()
    assert not (site / "assets" / "khooshe" / "clusters.js").exists()
    lazy = re.search(r'data-script="(?:\.\./)*(assets/khooshe/search\.[0-9a-f]{10}\.min\.js)"', shipped_site.page(""))
    assert lazy and "window.KhoosheSearch" in (site / lazy.group(1)).read_text(encoding="utf-8")


def test_every_page_preloads_the_regular_font_its_text_is_set_in(shipped_site):
    site = shipped_site.site
    for path in pages(shipped_site):
        head = path.read_text(encoding="utf-8").partition("</head>")[0]
        if "<head>" not in head:
            continue
        preload = re.findall(r'<link rel="preload" href="([^"]+)" as="font" type="font/woff2" crossorigin>', head)
        assert [href for href in preload if href.endswith(FONTS[0])], path.relative_to(site)
        for href in preload:
            assert href.startswith("/") or (path.parent / href).resolve().is_file(), (path.relative_to(site), href)
    style = next((site / "assets" / "khooshe").glob("khooshe.*.min.css")).read_text(encoding="utf-8")
    regular = re.search(r"@font-face\{[^}]*Vazirmatn-Regular\.woff2[^}]*\}", style).group(0)
    assert 'url("../fonts/Vazirmatn-Regular.woff2")' in regular and "font-display:swap" in regular


@pytest.fixture(scope="module")
def shipped_url(shipped_site, serve):
    return serve(shipped_site.site)


def test_a_first_visit_fetches_no_sitemap_and_no_search_script_until_search_is_used(shipped_url, page):
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url[len(shipped_url):]))
    page.goto(shipped_url + "clusters/", wait_until="networkidle")
    assert not [url for url in fetched if "sitemap" in url], fetched
    assert not [url for url in fetched if url.startswith("search/") or "khooshe/search." in url], fetched
    assert len(fetched) <= 12, fetched
    page.click(".md-search__input")
    page.fill(".md-search__input", "خرما")
    page.wait_for_selector(".md-search-result__list .md-search-result__link")
    assert [url for url in fetched if re.match(r"assets/khooshe/search\.[0-9a-f]{10}\.min\.js", url)]
    assert not [url for url in fetched if "sitemap" in url], fetched


def test_a_search_sent_before_its_script_arrives_opens_on_the_same_query(shipped_url, page):
    """On a slow link Enter can come before search.js: the query then goes through the page's address."""
    script = re.compile(r".*/assets/khooshe/search\.[0-9a-f]{10}\.min\.js$")
    page.route(script, lambda route: route.abort())  # search.js has not come yet
    page.goto(shipped_url + "clusters/", wait_until="networkidle")
    with page.expect_event("requestfailed", lambda request: script.match(request.url)):
        page.fill(".md-search__input", "خرما")  # the focus asks for search.js, which fails
    page.unroute(script)
    with page.expect_navigation():
        page.press(".md-search__input", "Enter")
    assert page.url.startswith(shipped_url + "clusters/?q=")
    page.wait_for_function("document.querySelector('[data-khooshe-search]').dataset.rendered === 'خرما'")
    assert page.locator("#__search").is_checked()
    assert page.locator(".md-search-result__list .md-search-result__link").count() > 0

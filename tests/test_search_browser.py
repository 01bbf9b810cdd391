"""The search box in a real headless Chromium: parity with Python, results, filters, keyboard, bytes."""

from __future__ import annotations

import random
import re

import pytest

from conftest import Project
from test_search_index import only_search
from plugins.model.folding import SEARCH_FOLDING, fold_chars, fold_for_search, tokens
from plugins.views.search.analysis import query_plan, stem

ZWNJ = "\u200c"
# the box marks itself with the query whose results are drawn
READY = "(query) => document.querySelector('[data-khooshe-search]').getAttribute('data-rendered') === query"

PAGES = {
    "content/index.md": "---\ntitle: خانه\n---\n\n# خانه\n\nدانشنامه خوشه‌های صنعتی و کسب‌وکار ایران.\n",
    "content/guide/cda.md": (
        "---\ntitle: عامل توسعه خوشه\ntype: guide\n---\n\n# عامل توسعه خوشه\n\n"
        "عامل توسعه خوشه (CDA) پروژه توسعه را سه سال راهبری می‌کند و سپس شبکه فراگیر خوشه راه را ادامه می‌دهد.\n\n"
        "این الگو از تجربه ایتالیا گرفته شده است.\n"
    ),
    "content/guide/yazd.md": (
        "---\ntitle: خوشه سرامیک یزد\ntype: cluster\n---\n\n# خوشه سرامیک یزد\n\n"
        "خوشه‌های سرامیک و کاشی یزد از سال ۱۳۸۵ با همکاری سازمان توسعه صنعتی ایتالیا توسعه یافته‌اند.\n\n"
        "سفالگری‌های میبد هم در این خوشه‌اند.\n"
    ),
    "content/guide/report.md": (
        "---\ntitle: گزارش ۴۲۳ خوشه\ntype: news\n---\n\n# گزارش ۴۲۳ خوشه\n\n"
        "در کشور ۴۲۳ خوشه کسب و کار شناسایی شده و ۵۸ خوشه برنامه توسعه را به پایان رسانده‌اند.\n\n"
        "## برنامه‌ریزی\n\nشهرک‌های صنعتی استان‌ها برنامه ریزی توسعه خوشه‌ها را بر عهده دارند؛ الگو از ایتالیا آمده است.\n"
    ),
}
PAGES.update({
    f"content/notes/n{number}.md": f"---\ntitle: یادداشت {number}\n---\n\n# یادداشت {number}\n\nیادداشت کوتاه شماره {number}.\n"
    for number in range(1, 13)
})


@pytest.fixture(scope="module")
def small(tmp_path_factory, serve):
    root = tmp_path_factory.mktemp("search-small") / "project"
    root.mkdir()
    project = Project(root)
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    project.write("mkdocs.yml", only_search(config))
    for relpath, text in PAGES.items():
        project.write(relpath, text)
    result = project.build()
    assert result.code == 0, result.output
    return serve(result.site)


def search(page, query: str) -> list[dict]:
    """Type a query into the header box; the results drawn, as dicts."""
    page.click(".md-search__input")
    page.fill(".md-search__input", query)
    page.wait_for_function(READY, arg=query)
    return page.eval_on_selector_all(
        ".md-search-result__list .md-search-result__link",
        """links => links.map(a => ({
            href: a.getAttribute('href'),
            type: a.dataset.khoosheType,
            province: a.dataset.khoosheProvince,
            label: a.querySelector('.khooshe-search__type').textContent,
            title: a.querySelector('h1').innerHTML,
            snippet: a.querySelector('.md-search-result__teaser').innerHTML,
        }))""",
    )


def path_of(href: str, base: str) -> str:
    return href[len(base):] if href.startswith(base) else href


# --------------------------------------------------------------------------- parity


PARITY = [
    "كسب و كار صنعتي", "خانۀ صنعت", "خانهٔ صنعت", "مدرسة", "صِنْعَتی", "صنـــعتی", "تأکید إسلام أحمد", "ارتقاء",
    "ارائه ارايه", "مسؤول", "۱۳۸۵ ١٣٨٥ 1385", "۲۴۳٬۸۷۰ نفر و 1,200,000 ریال", "۱٫۵ ,12, 3,4", "خوشه‌ها",
    "خوشه ها", "خوشه هاي صنعتي", "خوشهها", "خوشه اي", "بزرگ ترین", "مي شود", "نمی شود", "بی نظیر",
    "کسب‌وکار", "کسب\u200bوکار", "کسب و کار", "کسبوکار", "صنعت، معدن؛ تجارت!", "UNIDO و ILO", "\u200fیزد\u200e",
    "خوشه، ها", "\u200cها می\u200c", "خوشه\u200c \u200cها", "ها ها ها", "می", "کتاب‌هایشان اندیشه‌اش",
    "برنامه‌ریزی و برنامه ریزی", "Éloïse café", "🙂 خوشه 🙂", "ﻛﺘﺎﺏ", "«خوشه‌های کسب‌وکار»", "", "   ",
]


def _fuzz(count: int = 300) -> list[str]:
    rng = random.Random(1385)
    alphabet = list("خوشهصنعتیکسبوارمنزدگپچژآأإؤئءةۀيكىهٔ") + [
        ZWNJ, " ", " ", "\u200b", "\u200d", "\u064e", "\u0651", "\u0640", "،", ",", "٬", "٫", ".", "۱", "٢", "3",
        "A", "z", "-", "\u00a0",
    ] + list(SEARCH_FOLDING["suffixes"][:6]) + ["می", "نمی"]
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 14))) for _ in range(count)]


def test_python_and_browser_fold_identically(small, page):
    """The same strings through Python's folding and the browser's rule table give the same everything."""
    page.goto(small)
    strings = PARITY + _fuzz()
    browser = page.evaluate(
        """async (strings) => {
            const a = await KhoosheSearch.analyzer();
            return strings.map(s => ({
                fold: a.fold(s), tokens: a.tokens(s), folded: a.foldForSearch(s), plan: a.plan(s),
                stems: a.tokens(s).map(t => a.stem(t)),
            }));
        }""",
        strings,
    )
    mismatches = []
    for text, got in zip(strings, browser):
        expected = {
            "fold": fold_chars(text), "tokens": tokens(text), "folded": fold_for_search(text),
            "plan": query_plan(text), "stems": [stem(token) for token in tokens(text)],
        }
        if got != expected:
            mismatches.append((text, expected, got))
    assert not mismatches, mismatches[:3]


# --------------------------------------------------------------------------- results


def test_results_show_title_type_and_highlighted_snippet(small, page):
    page.goto(small)
    results = search(page, "عامل توسعه")
    first = results[0]
    assert path_of(first["href"], small) == "guide/cda/"
    assert first["label"] == "راهنما"
    assert first["title"] == "<mark>عامل توسعه</mark> خوشه"
    assert first["snippet"].startswith("<mark>عامل توسعه</mark> خوشه (CDA) پروژه <mark>توسعه</mark> را")
    assert sorted(path_of(r["href"], small) for r in results[1:]) == ["guide/report/", "guide/yazd/"]  # «توسعه» only
    # pages with every word first; the others say which word they lack
    assert page.inner_text(".md-search-result__meta") == "۱ نتیجه؛ ۲ صفحهٔ دیگر فقط برخی از واژه‌ها را دارند"
    missing = page.eval_on_selector_all(".md-search-result__link", "l => l.map(a => "
                                        "(a.querySelector('.khooshe-search__missing') || {}).textContent || '')")
    assert missing == ["", "بدون: عامل", "بدون: عامل"]
    assert page.locator(".khooshe-search__more").count() == 0


def test_ten_results_then_more(small, page):
    page.goto(small)
    assert len(search(page, "یادداشت")) == 10
    assert page.inner_text(".md-search-result__meta") == "۱۲ نتیجه"
    page.click(".khooshe-search__more button")
    page.wait_for_function("document.querySelectorAll('.md-search-result__link').length === 12")
    assert page.locator(".khooshe-search__more").count() == 0


@pytest.mark.parametrize("query", [
    "عامل توسعهٔ خوشة",  # هٔ and ة
    "عامل توسعۀ خوشه",  # ۀ
    "عامِلِ تَوسعه",  # diacritics
    "عامل توسعه خوشه‌ای",  # a suffix after a ZWNJ
])
def test_spelling_variants_find_the_same_page(small, page, query):
    page.goto(small)
    assert path_of(search(page, query)[0]["href"], small) == "guide/cda/"


def test_plurals_digits_and_compounds(small, page):
    page.goto(small)
    hrefs = {}
    for query, expected in [
        ("سفالگری", "guide/yazd/"),  # the page says «سفالگری‌های»
        ("سفالگری ها", "guide/yazd/"),
        ("کاشیها", "guide/yazd/"),  # the page says «کاشی»
        ("٤٢٣", "guide/report/"),  # Arabic-Indic digits for «۴۲۳»
        ("423", "guide/report/"),
        ("کسبوکار", "guide/report/"),  # the page writes «کسب و کار»
        ("برنامهریزی", "guide/report/"),
        ("شهرکهای صنعتی", "guide/report/"),
    ]:
        hrefs[query] = [path_of(r["href"], small) for r in search(page, query)]
        assert expected in hrefs[query][:10], (query, hrefs[query])


def test_snippet_marks_a_plural_for_its_singular(small, page):
    page.goto(small)
    results = {path_of(r["href"], small): r for r in search(page, "سفالگری")}
    assert "<mark>سفالگری‌های</mark> میبد" in results["guide/yazd/"]["snippet"]


def test_type_filter(small, page):
    page.goto(small)
    results = search(page, "ایتالیا")
    assert sorted(r["type"] for r in results) == ["cluster", "guide", "news"]
    options = page.eval_on_selector_all("select[name=type] option", "o => o.map(x => [x.value, x.textContent])")
    assert options[0] == ["", "همهٔ گونه‌ها"]
    assert options[1:] == [["cluster", "خوشه (۱)"], ["news", "خبر (۱)"], ["guide", "راهنما (۱)"]]
    page.select_option("select[name=type]", "news")
    page.wait_for_function(READY, arg="ایتالیا")
    filtered = page.eval_on_selector_all(".md-search-result__link", "l => l.map(a => a.dataset.khoosheType)")
    assert filtered == ["news"]
    assert page.inner_text(".md-search-result__meta") == "۱ نتیجه"


def test_keyboard_navigation(small, page):
    page.goto(small)
    results = search(page, "خوشه")
    assert len(results) >= 3
    links = page.locator(".md-search-result__link")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement === document.querySelectorAll('.md-search-result__link')[0]")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement === document.querySelectorAll('.md-search-result__link')[1]")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    page.keyboard.press("Escape")
    assert page.evaluate("!document.getElementById('__search').checked")
    page.keyboard.press("/")  # opens the box again
    assert page.evaluate("document.getElementById('__search').checked")
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    page.keyboard.press("ArrowDown")
    target = links.first.get_attribute("href")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == target


def test_no_results_suggests_the_folded_spelling(small, page):
    page.goto(small)
    query = "زرافه هاي آبي ۹۷"
    search(page, query)
    assert page.locator(".md-search-result__link").count() == 0
    meta = page.inner_text(".md-search-result__meta")
    assert f"نتیجه‌ای برای «{query}» پیدا نشد." in meta
    suggestion = page.inner_text(".khooshe-search__suggest")
    assert suggestion == fold_for_search(query).translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    assert suggestion == f"زرافه{ZWNJ}های ابی ۹۷"


def test_only_search_files_are_fetched_lazily_and_nothing_third_party(small, page):
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(small, wait_until="networkidle")
    assert not [url for url in requests if "/search/" in url], "the index must wait for the first query"
    search(page, "خوشه")
    assert all(url.startswith(small) for url in requests), [u for u in requests if not u.startswith(small)]
    assert not [url for url in requests if "search_index" in url]
    fetched = sorted({re.sub(r"\?.*", "", url[len(small):]) for url in requests if "/search/" in url or url.startswith(small + "search/")})
    assert fetched[:2] == ["search/d/0.json", "search/d/1.json"] or all(
        re.fullmatch(r"search/(manifest|rules)\.json|search/t/\d+\.json|search/d/\d+(-\d+)?\.json", path) for path in fetched
    )
    assert "search/manifest.json" in fetched and "search/rules.json" in fetched


# --------------------------------------------------------------------------- ranking

RANKING_PAGES = {
    "content/index.md": "---\ntitle: خانه\n---\n\n# خانه\n\nدانشنامه خوشه‌ها.\n",
    "content/c/lalejin.md": (
        "---\ntitle: خوشه سفال لالجین\ntype: cluster\nprovince: hamadan\n---\n\n# خوشه سفال لالجین\n\n"
        "| ویژگی | مقدار |\n| --- | --- |\n| استان | همدان |\n| محصولات | سفال و سرامیک |\n\n"
        "## شرح\n\nکارگاه‌های این خوشه در شهر لالجین کار می‌کنند و فرآورده‌های خود را به بازار می‌فرستند. "
        "سازمان صنایع کوچک این خوشه را در فهرست خوشه‌های شناسایی‌شده آورده است.\n"
    ),
    "content/l/hamadan.md": (
        "---\ntitle: خوشه‌های استان همدان\ntype: listing\nprovince: hamadan\n---\n\n# خوشه‌های استان همدان\n\n"
        "- خوشه سفال لالجین — سفال\n- خوشه مبلمان ملایر — مبلمان\n"
    ),
    "content/l/pottery.md": (
        "---\ntitle: بخش سفال و سرامیک\ntype: listing\n---\n\n# بخش سفال و سرامیک\n\n"
        "- خوشه سفال لالجین (همدان)\n- خوشه سرامیک یزد (یزد)\n"
    ),
    # «کارگاه»: the same word, two forms
    "content/n/a.md": "---\ntitle: یادداشت الف\n---\n\n# یادداشت الف\n\nکارگاه‌های آموزشی برپا شد و کارگاه‌های دیگر ماند.\n",
    "content/n/b.md": "---\ntitle: یادداشت ب\n---\n\n# یادداشت ب\n\nیک کارگاه آموزشی برپا شد.\n",
    # function words only
    "content/n/c.md": "---\ntitle: یادداشت پ\n---\n\n# یادداشت پ\n\nماند، زیرا دیر بود.\n",
}


@pytest.fixture(scope="module")
def ranked(tmp_path_factory, serve):
    root = tmp_path_factory.mktemp("search-ranking") / "project"
    root.mkdir()
    project = Project(root)
    project.write("mkdocs.yml", only_search((root / "mkdocs.yml").read_text(encoding="utf-8")))
    for relpath, text in RANKING_PAGES.items():
        project.write(relpath, text)
    result = project.build()
    assert result.code == 0, result.output
    return serve(result.site)


def test_a_records_own_page_comes_before_the_listings_that_list_it(ranked, page):
    page.goto(ranked)
    results = search(page, "سفال همدان")
    assert [(path_of(r["href"], ranked), r["label"]) for r in results] == [
        ("c/lalejin/", "خوشه"), ("l/hamadan/", "فهرست"), ("l/pottery/", "فهرست"),
    ]


def test_a_listing_named_by_the_query_comes_first(ranked, page):
    page.goto(ranked)
    assert path_of(search(page, "خوشه‌های استان همدان")[0]["href"], ranked) == "l/hamadan/"


@pytest.mark.parametrize("query, first, second", [
    ("کارگاه", "n/b/", "n/a/"),  # «کارگاه» itself before twice «کارگاه‌های»
    ("کارگاه‌های", "n/a/", "n/b/"),
])
def test_the_form_typed_comes_before_other_forms_of_the_word(ranked, page, query, first, second):
    page.goto(ranked)
    found = [path_of(r["href"], ranked) for r in search(page, query)]
    assert found.index(first) < found.index(second), found


def test_a_query_of_function_words_only_finds_the_pages_that_hold_them(ranked, page):
    page.goto(ranked)
    results = search(page, "زیرا")
    assert [path_of(r["href"], ranked) for r in results] == ["n/c/"]
    assert "<mark>زیرا</mark>" in results[0]["snippet"]
    assert page.inner_text(".md-search-result__meta") == "۱ نتیجه"
    assert [path_of(r["href"], ranked) for r in search(page, "زیرا بود")] == ["n/c/"]
    assert search(page, "اینکه") == []  # a function word no page holds
    assert "نتیجه‌ای برای «اینکه» پیدا نشد." in page.inner_text(".md-search-result__meta")


# --------------------------------------------------------------------------- the shipped site


def test_province_filter_on_the_shipped_site(shipped_site, serve, page):
    base = serve(shipped_site.site)
    page.goto(base)
    results = search(page, "خوشه")
    provinces = {r["province"] for r in results if r["province"]}
    options = page.eval_on_selector_all("select[name=province] option", "o => o.map(x => x.value)")
    assert options[0] == ""
    if len(options) < 2:
        pytest.fail("no page of the shipped site has a province: the province filter cannot be shown")
    chosen = options[1]
    page.select_option("select[name=province]", chosen)
    page.wait_for_function(READY, arg="خوشه")
    shown = page.eval_on_selector_all(".md-search-result__link", "l => l.map(a => a.dataset.khoosheProvince)")
    assert shown and set(shown) == {chosen}
    assert provinces or shown


def test_a_product_query_shows_the_cluster_profile_first_on_the_shipped_site(shipped_site, serve, page):
    base = serve(shipped_site.site)
    page.goto(base)
    results = search(page, "زیورآلات طلا")
    first = results[0]
    assert path_of(first["href"], base).endswith("clusters/baluchestan-jewellery/"), [r["href"] for r in results[:3]]
    assert first["label"] == "خوشه"
    assert "<mark>زیورآلات</mark>" in first["title"] and "<mark>طلا</mark>" in first["title"]
    listing = [i for i, r in enumerate(results) if path_of(r["href"], base).endswith("clusters/sector/jewellery/")]
    assert listing and listing[0] > 0  # the sector page that lists it: after it

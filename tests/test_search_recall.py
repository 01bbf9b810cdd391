"""Recall@10 of Khooshe's search and of stock mkdocs-material search, same site, same queries, same run.

The queries (tests/search_queries.yml) carry every spelling variant readers
type. Both engines are driven the way a reader drives them: headless Chromium
types the query into the header search box of the built site and reads the
first ten results. Khooshe must find at least 95 % of the expected pages; the
stock number is printed beside it.

    .venv/bin/python -m pytest tests/test_search_recall.py -q -s
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from conftest import Project
from plugins.model.yamlio import YamlList, YamlMap, load_yaml_file

ROOT = Path(__file__).resolve().parents[1]
QUERIES = ROOT / "tests" / "search_queries.yml"
TOP = 10
REQUIRED_RECALL = 0.95
ZWNJ = "\u200c"

# what each kind of query must visibly carry (tests/search_queries.yml explains the kinds)
KIND_CHECKS = {
    "arabic-yk": lambda q: bool(re.search("[يك]", q)),
    "heh": lambda q: "ۀ" in q or "هٔ" in q,
    "teh-marbuta": lambda q: "ة" in q,
    "diacritics": lambda q: any(unicodedata.category(c) == "Mn" and "\u064b" <= c <= "\u0652" for c in q),
    "digits-persian": lambda q: bool(re.search("[۰-۹]", q)),
    "digits-arabic": lambda q: bool(re.search("[٠-٩]", q)),
    "digits-latin": lambda q: bool(re.search("[0-9]", q)),
    "zwnj": lambda q: ZWNJ in q,
    "space": lambda q: ZWNJ not in q and " " in q,
    "nothing": lambda q: ZWNJ not in q,
    "phrase": lambda q: len(q.split()) >= 3,
    "plural": lambda q: bool(re.search("(ها|های|ان|ات)( |$)", q.replace(ZWNJ, ""))),
}


def load_queries() -> list[dict]:
    data, errors = load_yaml_file(QUERIES, ROOT)
    assert not errors, "\n".join(str(error) for error in errors)
    assert isinstance(data, YamlList)
    queries = []
    for item in data:
        assert isinstance(item, YamlMap) and set(item) == {"kind", "query", "expect"}, item
        queries.append({"kind": item["kind"], "query": item["query"], "expect": list(item["expect"])})
    return queries


def page_path(href: str, base: str) -> str:
    """A result link as the site path of its page (no host, no #section, decoded)."""
    path = urlsplit(href).path
    base_path = urlsplit(base).path
    return unquote(path[len(base_path):] if path.startswith(base_path) else path.lstrip("/"))


def top_pages(hrefs: list[str], base: str) -> list[str]:
    pages: list[str] = []
    for href in hrefs:
        path = page_path(href, base)
        if path not in pages:
            pages.append(path)
    return pages[:TOP]


# --------------------------------------------------------------------------- the two engines


def khooshe_results(page, base: str, query: str) -> list[str]:
    page.click(".md-search__input")
    page.fill(".md-search__input", query)
    page.wait_for_function(
        "(q) => document.querySelector('[data-khooshe-search]').getAttribute('data-rendered') === q", arg=query
    )
    hrefs = page.eval_on_selector_all(".md-search-result__list .md-search-result__link", "l => l.map(a => a.href)")
    return top_pages(hrefs, base)


def material_results(page, base: str, query: str) -> list[str]:
    """Stock search: a fresh page, wait for its index, type as a reader types, read the ranked list."""
    page.goto(base)
    meta = page.locator(".md-search-result__meta")
    page.click(".md-search__input")
    page.wait_for_function(  # the worker has loaded the index once the placeholder replaces "initialising"
        "() => document.querySelector('.md-search-result__meta').textContent.trim() !== ''"
        " && !document.querySelector('.md-search-result__meta').textContent.includes('راه‌اندازی')",
        timeout=60_000,
    )
    before = meta.inner_text()
    page.keyboard.type(query, delay=5)
    try:
        page.wait_for_function("(t) => document.querySelector('.md-search-result__meta').innerText !== t",
                               arg=before, timeout=10_000)
    except Exception:  # the meta line did not change: stock search shows nothing for this query
        return []
    page.wait_for_timeout(400)  # results render in frames after the count appears
    hrefs = page.eval_on_selector_all(".md-search-result__list > .md-search-result__item > a", "l => l.map(a => a.href)")
    return top_pages(hrefs, base)


def recall(results: dict[str, list[str]], queries: list[dict]) -> float:
    scores = [len(set(q["expect"]) & set(results[q["query"]])) / len(q["expect"]) for q in queries]
    return sum(scores) / len(scores)


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="session")
def material_site(tmp_path_factory) -> Path:
    """The shipped site once more, with stock Material search in place of khooshe-search."""
    root = tmp_path_factory.mktemp("material-search") / "project"
    root.mkdir()
    project = Project(root)
    project.copy_shipped_content()
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    stock, replaced = re.subn(r"(?m)^  - khooshe-search$", "  - search", config)
    assert replaced == 1, "mkdocs.yml no longer lists khooshe-search"
    project.write("mkdocs.yml", stock)
    result = project.build()
    assert result.code == 0, result.output
    assert (result.site / "search" / "search_index.json").exists()
    return result.site


# --------------------------------------------------------------------------- tests


def test_the_query_set_covers_every_variant_kind():
    queries = load_queries()
    assert {q["kind"] for q in queries} == set(KIND_CHECKS)
    wrong = [q["query"] for q in queries if not KIND_CHECKS[q["kind"]](q["query"])]
    assert not wrong, f"these queries do not carry the variant their kind names: {wrong}"


def test_recall_at_10_khooshe_against_stock_material(shipped_site, material_site, serve, browser, capsys):
    queries = load_queries()
    site_pages = {
        str(path.parent.relative_to(shipped_site.site)).replace(".", "", 1).lstrip("/") + "/"
        for path in shipped_site.site.rglob("index.html")
    }
    missing = sorted({page for q in queries for page in q["expect"] if page not in site_pages})
    assert not missing, f"expected pages not in the shipped site (update tests/search_queries.yml): {missing}"

    khooshe_base, material_base = serve(shipped_site.site), serve(material_site)
    context = browser.new_context(locale="fa-IR")
    try:
        tab = context.new_page()
        tab.goto(khooshe_base)
        khooshe = {q["query"]: khooshe_results(tab, khooshe_base, q["query"]) for q in queries}
        tab = context.new_page()
        material = {q["query"]: material_results(tab, material_base, q["query"]) for q in queries}
    finally:
        context.close()

    ours, stock = recall(khooshe, queries), recall(material, queries)
    lines = [f"recall@{TOP} over {len(queries)} queries: Khooshe {ours:.3f} — stock Material search {stock:.3f}"]
    for kind in KIND_CHECKS:
        group = [q for q in queries if q["kind"] == kind]
        lines.append(f"  {kind:15} {len(group):2} queries: Khooshe {recall(khooshe, group):.2f}, "
                     f"Material {recall(material, group):.2f}")
    misses = [f"  missed by Khooshe: «{q['query']}» → {q['expect']} (got {khooshe[q['query']][:5]})"
              for q in queries if not set(q["expect"]) <= set(khooshe[q["query"]])]
    report = "\n".join(lines + misses)
    with capsys.disabled():
        print("\n" + report)
    assert ours >= REQUIRED_RECALL, report

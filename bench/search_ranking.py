#!/usr/bin/env python3
"""Search quality, Khooshe against stock mkdocs-material search: same site, same queries, same run.

    .venv/bin/python bench/search_ranking.py                    # build the shipped site twice, measure both
    .venv/bin/python bench/search_ranking.py --khooshe-site DIR # a Khooshe site built already (an older revision)

The queries are ``tests/search_queries.yml``. Both engines are driven the way a
reader drives them: headless Chromium types each query into the header search box
of the built site and reads the results drawn. Printed, per engine: recall@10 (the
share of the expected pages among the first ten results, averaged over the
queries), the share of the ``first: true`` queries whose first result is the page
they name, both per query kind, and the bytes of the search index on disk
(Khooshe's ``search/`` folder by part, stock Material's ``search_index.json``).

``tests/test_search_recall.py`` runs the same functions (``khooshe_results``,
``material_results``, ``recall``, ``first_right``) on the session's shipped site.
"""

from __future__ import annotations

import argparse
import contextlib
import re
import shutil
import sys
import tempfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.search_first_query import CHROMIUM, build_project, served  # noqa: E402

QUERIES = REPO / "tests" / "search_queries.yml"
TOP = 10
SHIPPED = ("mkdocs.yml", "overrides", "content", "clusters", "publications")


def load_queries(path: Path = QUERIES) -> list[dict]:
    """[{kind, query, expect, first}] of the query file (``first``: the first result must be ``expect[0]``)."""
    from plugins.model.yamlio import YamlList, YamlMap, load_yaml_file

    data, errors = load_yaml_file(path, REPO)
    assert not errors, "\n".join(str(error) for error in errors)
    assert isinstance(data, YamlList)
    queries = []
    for item in data:
        assert isinstance(item, YamlMap) and {"kind", "query", "expect"} <= set(item) <= {"kind", "query", "expect", "first"}, item
        queries.append({"kind": item["kind"], "query": item["query"], "expect": list(item["expect"]),
                        "first": item.get("first") is True})
    return queries


# --------------------------------------------------------------------------- the two engines


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


def khooshe_results(page, base: str, query: str) -> list[str]:
    """Khooshe's box on an open page of the site: type, wait until the box says this query is drawn, read."""
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


def run_queries(browser, queries: list[dict], khooshe_base: str, material_base: str) -> tuple[dict, dict]:
    """({query: first ten pages} of Khooshe, the same of stock Material), one browser context."""
    context = browser.new_context(locale="fa-IR")
    try:
        tab = context.new_page()
        tab.goto(khooshe_base)
        khooshe = {q["query"]: khooshe_results(tab, khooshe_base, q["query"]) for q in queries}
        tab = context.new_page()
        material = {q["query"]: material_results(tab, material_base, q["query"]) for q in queries}
    finally:
        context.close()
    return khooshe, material


# --------------------------------------------------------------------------- measures


def recall(results: dict[str, list[str]], queries: list[dict]) -> float:
    scores = [len(set(q["expect"]) & set(results[q["query"]])) / len(q["expect"]) for q in queries]
    return sum(scores) / len(scores) if scores else 1.0


def first_right(results: dict[str, list[str]], queries: list[dict]) -> float | None:
    """Share of the ``first`` queries whose first result is the page they name; None: no such query."""
    ranked = [q for q in queries if q["first"]]
    if not ranked:
        return None
    return sum(results[q["query"]][:1] == q["expect"][:1] for q in ranked) / len(ranked)


def _share(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def report(khooshe: dict, material: dict, queries: list[dict]) -> str:
    """The lines printed: both measures for both engines, overall and per query kind, then Khooshe's misses."""
    ranked = sum(q["first"] for q in queries)
    lines = [
        f"{len(queries)} queries ({ranked} with a page that must come first), Khooshe — stock Material search:",
        f"  recall@{TOP}        Khooshe {recall(khooshe, queries):.3f} — Material {recall(material, queries):.3f}",
        f"  first result right Khooshe {_share(first_right(khooshe, queries))} — "
        f"Material {_share(first_right(material, queries))}",
    ]
    for kind in dict.fromkeys(q["kind"] for q in queries):
        group = [q for q in queries if q["kind"] == kind]
        line = (f"  {kind:15} {len(group):2} queries: recall Khooshe {recall(khooshe, group):.2f}, "
                f"Material {recall(material, group):.2f}")
        if any(q["first"] for q in group):
            line += (f"; first right Khooshe {_share(first_right(khooshe, group))}, "
                     f"Material {_share(first_right(material, group))}")
        lines.append(line)
    for q in queries:
        got = khooshe[q["query"]]
        if not set(q["expect"]) <= set(got):
            lines.append(f"  missed by Khooshe: «{q['query']}» → {q['expect']} (got {got[:5]})")
        elif q["first"] and got[:1] != q["expect"][:1]:
            lines.append(f"  first result wrong on Khooshe: «{q['query']}» → {q['expect'][0]} (got {got[:3]})")
    return "\n".join(lines)


def index_bytes(site: Path) -> dict[str, int]:
    """Bytes on disk of a built site's search index: Khooshe's by part (t/, s/, d/, manifest + rules), or Material's."""
    index = site / "search"
    stock = index / "search_index.json"
    if stock.exists():
        return {"search_index.json": stock.stat().st_size}
    parts: dict[str, int] = {}
    for path in index.rglob("*"):
        if path.is_file():
            part = path.parent.name + "/" if path.parent != index else "manifest + rules"
            parts[part] = parts.get(part, 0) + path.stat().st_size
    return {"total": sum(parts.values()), **dict(sorted(parts.items()))}


# --------------------------------------------------------------------------- the two sites


def use_stock_search(config: str) -> str:
    """The shipped mkdocs.yml with stock Material's ``search`` plugin in place of ``khooshe-search``."""
    stock, replaced = re.subn(r"(?m)^  - khooshe-search$", "  - search", config)
    assert replaced == 1, "mkdocs.yml no longer lists khooshe-search"
    return stock


def shipped_project(root: Path, *, stock: bool) -> Path:
    """A copy of this repository's site (frame and content) in ``root``, with stock search when ``stock``."""
    for name in SHIPPED:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, root / name, ignore=shutil.ignore_patterns(".cache"))
        else:
            root.mkdir(parents=True, exist_ok=True)
            shutil.copy(source, root / name)
    if stock:
        config = root / "mkdocs.yml"
        config.write_text(use_stock_search(config.read_text(encoding="utf-8")), encoding="utf-8")
    return root


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--khooshe-site", type=Path, help="a built Khooshe site to measure (default: build the shipped one)")
    parser.add_argument("--material-site", type=Path, help="a built stock-search site (default: build the shipped one)")
    args = parser.parse_args(argv)
    queries = load_queries()

    from playwright.sync_api import sync_playwright

    with contextlib.ExitStack() as stack:
        work = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="khooshe-search-ranking-")))
        sites = {}
        for name, given, stock in (("khooshe", args.khooshe_site, False), ("material", args.material_site, True)):
            if given is None:
                print(f"building the shipped site with {'stock Material' if stock else 'Khooshe'} search …", file=sys.stderr)
                given = work / f"site-{name}"
                build_project(shipped_project(work / name, stock=stock), given)
            sites[name] = given
        khooshe_base = stack.enter_context(served(sites["khooshe"]))
        material_base = stack.enter_context(served(sites["material"]))
        playwright = stack.enter_context(sync_playwright())
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        stack.callback(browser.close)
        khooshe, material = run_queries(browser, queries, khooshe_base, material_base)
        print(report(khooshe, material, queries))
        for name, site in sites.items():
            sizes = ", ".join(f"{part} {size:,} B" for part, size in index_bytes(site).items())
            print(f"index on disk, {name}: {sizes}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

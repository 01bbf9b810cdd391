"""Recall@10 and first-result correctness of Khooshe's search and of stock mkdocs-material search,
same site, same queries, same run.

The queries (tests/search_queries.yml) carry every spelling variant readers
type, and ranking cases: words naming a record's own page (a cluster's product
and place, a publication, a person, a news headline, a guide page), a listing
page, or made only of function words. Both engines are driven the way a reader
drives them (bench/search_ranking.py): headless Chromium types the query into
the header search box of the built site and reads the results. Khooshe must find
at least 95 % of the expected pages and put the named page first on every
``first: true`` query; the stock numbers are printed beside them.

    .venv/bin/python -m pytest tests/test_search_recall.py -q -s
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from pathlib import Path

import pytest

from conftest import Project

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.search_ranking import first_right, load_queries, recall, report, run_queries, use_stock_search  # noqa: E402
from plugins.model.folding import STOPWORDS, tokens, unjoin  # noqa: E402
from plugins.views.search.index import WEIGHT  # noqa: E402

REQUIRED_RECALL = 0.95
ZWNJ = "\u200c"
RECORD_TYPES = {"cluster", "publication", "news", "person", "guide"}

# what each kind of query must visibly carry (tests/search_queries.yml explains the kinds)
KIND_CHECKS = {
    "arabic-yk": lambda q: bool(re.search("[يك]", q["query"])),
    "heh": lambda q: "ۀ" in q["query"] or "هٔ" in q["query"],
    "teh-marbuta": lambda q: "ة" in q["query"],
    "diacritics": lambda q: any(unicodedata.category(c) == "Mn" and "\u064b" <= c <= "\u0652" for c in q["query"]),
    "digits-persian": lambda q: bool(re.search("[۰-۹]", q["query"])),
    "digits-arabic": lambda q: bool(re.search("[٠-٩]", q["query"])),
    "digits-latin": lambda q: bool(re.search("[0-9]", q["query"])),
    "zwnj": lambda q: ZWNJ in q["query"],
    "space": lambda q: ZWNJ not in q["query"] and " " in q["query"],
    "nothing": lambda q: ZWNJ not in q["query"],
    "phrase": lambda q: len(q["query"].split()) >= 3,
    "plural": lambda q: bool(re.search("(ها|های|ان|ات)( |$)", q["query"].replace(ZWNJ, ""))),
    "record": lambda q: q["first"],  # and the page is a record's (checked on the built site)
    "listing": lambda q: q["first"],  # and the page is a listing
    "common": lambda q: all(unjoin(token) in STOPWORDS for token in tokens(q["query"])),
}


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="session")
def material_site(tmp_path_factory) -> Path:
    """The shipped site once more, with stock Material search in place of khooshe-search."""
    root = tmp_path_factory.mktemp("material-search") / "project"
    root.mkdir()
    project = Project(root)
    project.copy_shipped_content()
    project.write("mkdocs.yml", use_stock_search((root / "mkdocs.yml").read_text(encoding="utf-8")))
    result = project.build()
    assert result.code == 0, result.output
    assert (result.site / "search" / "search_index.json").exists()
    return result.site


def page_types(site: Path) -> dict[str, str]:
    """Page path → its type, as the built index says."""
    index = site / "search"
    manifest = json.loads((index / "manifest.json").read_text(encoding="utf-8"))
    return {
        json.loads((index / "d" / f"{n}.json").read_text(encoding="utf-8"))["u"]:
            manifest["types"][WEIGHT.index(manifest["ft"][n])][0]
        for n in range(manifest["docs"])
    }


# --------------------------------------------------------------------------- tests


def test_the_query_set_covers_every_variant_kind():
    queries = load_queries()
    assert {q["kind"] for q in queries} == set(KIND_CHECKS)
    wrong = [q["query"] for q in queries if not KIND_CHECKS[q["kind"]](q)]
    assert not wrong, f"these queries do not carry the variant their kind names: {wrong}"


def test_recall_and_first_result_khooshe_against_stock_material(shipped_site, material_site, serve, browser, capsys):
    queries = load_queries()
    types = page_types(shipped_site.site)
    missing = sorted({page for q in queries for page in q["expect"] if page not in types})
    assert not missing, f"expected pages not in the shipped site (update tests/search_queries.yml): {missing}"
    miskinded = [q["query"] for q in queries if q["kind"] in ("record", "listing")
                 and (types[q["expect"][0]] in RECORD_TYPES) != (q["kind"] == "record")]
    assert not miskinded, f"these queries do not name a page of their kind: {miskinded}"

    khooshe, material = run_queries(browser, queries, serve(shipped_site.site), serve(material_site))
    text = report(khooshe, material, queries)
    with capsys.disabled():
        print("\n" + text)
    assert recall(khooshe, queries) >= REQUIRED_RECALL, text
    assert first_right(khooshe, queries) == 1.0, text

#!/usr/bin/env python3
"""How many bytes does a first search query download on a 10,000-page Khooshe site?

    .venv/bin/python bench/search_first_query.py                  # generate + build 10,000 pages, measure
    .venv/bin/python bench/search_first_query.py --site-dir DIR   # measure an already built site
    .venv/bin/python bench/search_first_query.py --pages 2000 --query خوشه --query "کسب و کار"

The site is served on 127.0.0.1 by a plain static server (no compression: the
numbers are what a server without gzip sends; GitHub Pages gzips JSON, which
makes them smaller). Headless Chromium opens the home page with an empty cache,
types the query into the header search box and waits until the results are
drawn. Counted: the search box's own script and style sheet (loaded with the
page) plus every file of the index fetched from the first keystroke until the
results are on screen — the manifest, the rule table, the index shards and the
snippet files. Anything else the page happens to fetch meanwhile (Material's
sitemap.xml, a favicon) is listed but not counted.

``measure_first_query_bytes(site_dir, query) -> int`` is the importable
measuring function (bench/run.py calls it); ``measure_first_query`` returns
the breakdown as well.

Two corpora, both added to this repository's site frame and shipped content,
both seeded (same N and seed give the same site):

* ``--corpus plain`` (default): editor pages (``content/bench/``) of generic
  Persian prose drawn from the seed documents' vocabulary (Zipf-weighted),
  typed cluster / news / publication / guide; editors' pages carry no province;
* ``--corpus records``: bench/corpus.py's synthetic cluster, news and
  publication records, so the plugins generate the profile, article and
  publication pages themselves — the site the project would be at that size
  (needs every record loader to accept bench/corpus.py's records).
"""

from __future__ import annotations

import os
import argparse
import contextlib
import io
import json
import random
import re
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))
from bench.static_server import served  # noqa: E402

SEEDS = Path(os.environ.get("KHOOSHE_SEEDS") or Path(__file__).resolve().parents[2] / "shared" / "seeds")  # shared/ beside the clone
CHROMIUM = "/usr/bin/chromium"
# search.js and search.css, or (khooshe-assets on) the minified search.<hash>.min.js fetched on first use
SEARCH_ASSETS = re.compile(r"assets/khooshe/search(?:\.[0-9a-f]+\.min)?\.(?:js|css)$")
DEFAULT_QUERIES = ("خوشه", "خوشه‌های صنعتی", "كسب و كار", "سفال لالجین", "۱۳۸۵")

FALLBACK_TEXT = (
    "توسعه خوشه‌های صنعتی یکی از الگوهای موفق سازماندهی صنایع کوچک و متوسط است که با همکاری بنگاه‌ها و "
    "نهادهای پشتیبان در یک منطقه جغرافیایی شکل می‌گیرد و قابلیت رقابت واحدهای تولیدی را افزایش می‌دهد."
)
PRODUCTS = ("سفال", "چرم", "کفش", "مبلمان", "فرش دستباف", "سنگ", "نساجی", "سرامیک", "خرما", "زعفران", "گز",
            "قطعات خودرو", "طلا", "حوله‌بافی", "گل و گیاهان زینتی", "شیلات", "کنجد", "آجر", "پوشاک", "ادوات کشاورزی")
KINDS = (("cluster", 0.3), ("news", 0.5), ("publication", 0.1), ("guide", 0.1))


# --------------------------------------------------------------------------- corpus


def _vocabulary() -> tuple[list[str], list[int]]:
    text = "\n".join(path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))) if SEEDS.exists() else ""
    text = text or FALLBACK_TEXT
    try:
        from plugins.model.text import normalize_text

        text = normalize_text(text)
    except Exception:
        pass
    counts: dict[str, int] = {}
    for word in re.findall(r"[\u0621-\u06FF\u200c]+", text):
        word = word.strip("\u200c")
        if len(word) > 1:
            counts[word] = counts.get(word, 0) + 1
    words = sorted(counts, key=lambda w: (-counts[w], w))
    return words, [counts[w] for w in words]


def generate_project(root: Path, pages: int, *, seed: int = 1380, corpus: str = "plain") -> Path:
    """A Khooshe project in ``root``: this repository's site frame plus ``pages`` generated pages."""
    if root.exists():
        shutil.rmtree(root)
    if corpus == "records":
        from bench.corpus import make_khooshe_project

        make_khooshe_project(root, pages, seed=seed)
        return root
    return _plain_project(root, pages, seed=seed)


def _plain_project(root: Path, pages: int, *, seed: int) -> Path:
    from plugins.model.provinces import load_provinces

    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "overrides", root / "overrides")
    shutil.copytree(REPO / "content", root / "content")
    for folder in ("clusters", "publications"):
        if (REPO / folder).exists():
            shutil.copytree(REPO / folder, root / folder)
    rng = random.Random(seed)
    words, weights = _vocabulary()
    cumulative = []
    total = 0
    for weight in weights:
        total += weight
        cumulative.append(total)
    provinces = list(load_provinces().values())
    kinds = [kind for kind, _ in KINDS]
    kind_weights = [share for _, share in KINDS]

    def sentence(low: int, high: int) -> str:
        picks = rng.choices(words, cum_weights=cumulative, k=rng.randint(low, high))
        return " ".join(picks) + "."

    folder = root / "content" / "bench"
    folder.mkdir(parents=True)
    for number in range(1, pages + 1):
        kind = rng.choices(kinds, kind_weights)[0]
        province = rng.choice(provinces)
        product = rng.choice(PRODUCTS)
        if kind == "cluster":
            title = f"خوشه {product} {province.centre}"
        elif kind == "publication":
            title = f"گزارش {sentence(2, 4)[:-1]} {product}"
        else:
            title = sentence(4, 9)[:-1]
        paragraphs = []
        for section in range(rng.randint(2, 4)):
            paragraphs.append(f"## {sentence(2, 5)[:-1]}")
            for _ in range(rng.randint(1, 3)):
                paragraphs.append(" ".join(sentence(8, 20) for _ in range(rng.randint(2, 5))))
        if kind == "cluster":
            paragraphs.insert(0, f"خوشه {product} در استان {province.name} و شهر {province.centre} فعال است.")
        meta = [f'title: "{title}"', f'type: "{kind}"']  # editors' pages carry no province
        body = "\n\n".join(paragraphs)
        (folder / f"p{number:05d}.md").write_text("---\n" + "\n".join(meta) + "\n---\n\n" + body + "\n", encoding="utf-8")
    return root


def build_project(root: Path, site: Path) -> None:
    from plugins.cli.sitebuild import build_site

    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        code = build_site(root / "mkdocs.yml", site)
    if code != 0:
        raise SystemExit(f"build failed:\n{out.getvalue()[-4000:]}")


# --------------------------------------------------------------------------- measuring


@dataclass
class FirstQuery:
    query: str
    total: int = 0  # bytes
    requests: list[tuple[str, int]] = field(default_factory=list)  # (path, bytes)
    results: int = 0  # results drawn on screen
    milliseconds: float = 0.0
    others: list[tuple[str, int]] = field(default_factory=list)  # not search's: (path, bytes), not counted


def measure_first_query(site_dir: Path, query: str, *, browser=None) -> FirstQuery:
    """Serve ``site_dir``, run ``query`` as the first search of a fresh browser tab, count the bytes."""
    from playwright.sync_api import sync_playwright

    with contextlib.ExitStack() as stack:
        if browser is None:
            playwright = stack.enter_context(sync_playwright())
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
            stack.callback(browser.close)
        base = stack.enter_context(served(Path(site_dir)))
        context = browser.new_context(locale="fa-IR")
        stack.callback(context.close)
        page = context.new_page()
        responses: list = []  # what search fetched
        others: list = []  # anything else the page fetched meanwhile (not counted)
        recording = {"on": False}
        index_dir = "search/"

        def record(response) -> None:
            path = response.url[len(base):] if response.url.startswith(base) else response.url
            if SEARCH_ASSETS.match(path.split("?")[0]) or (recording["on"] and path.startswith(index_dir)):
                responses.append((path, response))
            elif recording["on"]:
                others.append((path, response))

        page.on("response", record)
        page.goto(base, wait_until="networkidle")
        recording["on"] = True
        started = time.perf_counter()
        page.click(".md-search__input")
        page.fill(".md-search__input", query)
        page.wait_for_function(  # the box marks itself with the query whose results are drawn
            "(query) => document.querySelector('[data-khooshe-search]').getAttribute('data-rendered') === query",
            arg=query,
            timeout=120_000,
        )
        elapsed = (time.perf_counter() - started) * 1000
        page.wait_for_load_state("networkidle")
        result = FirstQuery(query=query, milliseconds=elapsed)
        result.results = page.locator(".md-search-result__list .md-search-result__link").count()
        for path, response in responses:
            size = _body_size(response)
            result.requests.append((path, size))
            result.total += size
        result.others = [(path, _body_size(response)) for path, response in others]
        return result


def _body_size(response) -> int:
    try:
        return len(response.body())
    except Exception:  # a redirect or an aborted request has no body
        return 0


def measure_first_query_bytes(site_dir: Path, query: str) -> int:
    """Bytes a first query downloads on the built site in ``site_dir`` (search script and style included)."""
    return measure_first_query(site_dir, query).total


# --------------------------------------------------------------------------- command line


def _site_summary(site: Path) -> dict:
    index = site / "search"
    manifest = json.loads((index / "manifest.json").read_text(encoding="utf-8"))
    shard_sizes = sorted(path.stat().st_size for path in (index / "t").iterdir())
    return {
        "pages": manifest["docs"],
        "shards": manifest["shards"],
        "index_bytes": sum(path.stat().st_size for path in index.rglob("*") if path.is_file()),
        "largest_shard": shard_sizes[-1],
        "median_shard": shard_sizes[len(shard_sizes) // 2],
        "manifest_bytes": (index / "manifest.json").stat().st_size,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=10_000, help="generated pages (default 10000)")
    parser.add_argument("--seed", type=int, default=1380)
    parser.add_argument("--corpus", choices=("records", "plain"), default="plain",
                        help="plain pages of generic prose (default) or bench/corpus.py records through the plugins")
    parser.add_argument("--site-dir", type=Path, help="measure this built site instead of generating one")
    parser.add_argument("--work", type=Path, help="where to generate and build (default: a temp folder, removed)")
    parser.add_argument("--query", action="append", help=f"query to measure (repeatable; default: {', '.join(DEFAULT_QUERIES)})")
    parser.add_argument("--json", type=Path, help="also write the numbers to this JSON file")
    args = parser.parse_args(argv)
    queries = args.query or list(DEFAULT_QUERIES)

    with contextlib.ExitStack() as stack:
        site = args.site_dir
        if site is None:
            work = args.work or Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="khooshe-search-bench-")))
            started = time.perf_counter()
            print(f"generating {args.pages} pages in {work} …", file=sys.stderr)
            project = generate_project(work / "project", args.pages, seed=args.seed, corpus=args.corpus)
            print("building …", file=sys.stderr)
            site = work / "site"
            build_project(project, site)
            print(f"built in {time.perf_counter() - started:.0f} s", file=sys.stderr)
        summary = _site_summary(site)
        print(f"site: {summary['pages']} pages indexed, {summary['shards']} shards "
              f"(median {summary['median_shard']} B, largest {summary['largest_shard']} B), "
              f"manifest {summary['manifest_bytes']} B, whole index {summary['index_bytes'] / 1e6:.1f} MB")
        rows = []
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
            for query in queries:
                result = measure_first_query(site, query, browser=browser)
                rows.append(result)
                kinds: dict[str, int] = {}
                for path, size in result.requests:
                    kind = path.split("?")[0]
                    kind = "script+style" if SEARCH_ASSETS.match(kind) else kind.split("/")[1] if kind.startswith("search/") else kind
                    kinds[kind] = kinds.get(kind, 0) + size
                detail = ", ".join(f"{kind} {size / 1024:.1f}" for kind, size in sorted(kinds.items()))
                print(f"first query «{query}»: {result.total / 1024:.1f} KB in {len(result.requests)} requests "
                      f"({detail} KB), {result.results} results drawn in {result.milliseconds:.0f} ms")
                if result.others:
                    print("  not counted (the page's own requests meanwhile): "
                          + ", ".join(f"{path} {size / 1024:.1f} KB" for path, size in result.others))
            browser.close()
        if args.json:
            args.json.write_text(json.dumps({
                "site": summary,
                "queries": [{"query": r.query, "bytes": r.total, "requests": r.requests, "results": r.results,
                             "ms": round(r.milliseconds)} for r in rows],
            }, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

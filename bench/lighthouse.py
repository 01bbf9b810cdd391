#!/usr/bin/env python3
"""Lighthouse on six pages of Khooshe and of stock mkdocs-material with the same text.

Builds the shipped site with ``build.py build`` and a stock Material project of the
same text (``bench/corpus.py`` ``make_stock_project``, without Khooshe's CSS: the plain
theme), serves each gzip-compressed from 127.0.0.1, and runs npm ``lighthouse@12.2.3``
(``bench/package.json``; mobile preset, simulated slow 4G) on each page ``--runs`` times,
Khooshe and stock alternating. Prints the medians: performance score, KB transferred,
requests, total blocking time, largest contentful paint and cumulative layout shift. A benchmark, not a test::

    (cd bench && npm ci)
    .venv/bin/python bench/lighthouse.py --runs 3
    .venv/bin/python bench/lighthouse.py --khooshe-site site --no-stock --runs 1 --page home
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.corpus import make_stock_project  # noqa: E402
from bench.static_server import served  # noqa: E402

LIGHTHOUSE = BENCH / "node_modules" / ".bin" / "lighthouse"
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run"

# page name → path on the Khooshe site, path on the stock site (the same text there)
PAGES = {
    "home": ("", ""),
    "clusters list": ("clusters/", "clusters/"),
    "profile": ("clusters/bam-dates/", "clusters/bam-dates/"),
    "map": ("map/", "map/"),
    "catalogue": ("publications/", "publications/"),
    "news item": ("news/isfahan-70-clusters/", "news/isfahan-70-clusters/"),
}
METRICS = ("score", "kb", "requests", "tbt_ms", "lcp_ms", "cls")


def lighthouse(url: str, report: Path) -> dict[str, Any]:
    """One Lighthouse run (mobile, performance only); its numbers and the URLs it fetched."""
    command = [str(LIGHTHOUSE), url, "--only-categories=performance", "--output=json",
               f"--output-path={report}", "--quiet", f"--chrome-flags={CHROME_FLAGS}"]
    done = subprocess.run(command, env={**os.environ, "CHROME_PATH": CHROME}, capture_output=True, text=True)
    if done.returncode != 0 or not report.exists():
        raise SystemExit(f"lighthouse failed on {url}:\n{done.stderr[-2000:]}")
    data = json.loads(report.read_text(encoding="utf-8"))
    audits = data["audits"]
    requests = [item for item in audits["network-requests"]["details"]["items"]
                if not item["url"].startswith("data:")]
    return {
        "score": round(data["categories"]["performance"]["score"] * 100),
        "kb": sum(item.get("transferSize", 0) for item in requests) / 1024,
        "requests": len(requests),
        "tbt_ms": audits["total-blocking-time"]["numericValue"],
        "lcp_ms": audits["largest-contentful-paint"]["numericValue"],
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "urls": [f"{item.get('transferSize', 0):>7} {item['url'].split('/', 3)[-1]}" for item in requests],
    }


def build_khooshe(site: Path) -> None:
    subprocess.run([sys.executable, str(REPO / "build.py"), "build", "--site-dir", str(site)],
                   cwd=REPO, check=True, stdout=subprocess.DEVNULL)


def build_stock(work: Path, site: Path) -> None:
    """Stock Material, Material's search on, the same text; no Khooshe CSS (nor its fonts)."""
    config = make_stock_project(REPO, work)["search"]
    import yaml

    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    data.pop("extra_css", None)
    config.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)],
                   cwd=work, check=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


def median_row(runs: list[dict[str, Any]]) -> dict[str, float]:
    return {metric: statistics.median(run[metric] for run in runs) for metric in METRICS}


def table(results: dict[str, dict[str, list[dict[str, Any]]]]) -> str:
    """Khooshe / stock side by side, medians per page."""
    sites = [site for site in ("khooshe", "stock") if any(results[page].get(site) for page in results)]
    slash = " / ".join(sites)
    lines = [f"| page | score {slash} | KB {slash} | requests {slash} | TBT ms {slash} | LCP ms {slash} | CLS {slash} |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    for page, by_site in results.items():
        rows = [median_row(by_site[site]) for site in sites]
        cells = [" / ".join(f"{row[metric]:.2f}" if metric == "cls" else f"{row[metric]:.0f}" for row in rows)
                 for metric in METRICS]
        lines.append(f"| {page} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page and site (median)")
    parser.add_argument("--page", action="append", choices=sorted(PAGES), help="only these pages (repeatable)")
    parser.add_argument("--khooshe-site", type=Path, help="an already built Khooshe site (default: build one)")
    parser.add_argument("--stock-site", type=Path, help="an already built stock site (default: build one)")
    parser.add_argument("--no-stock", action="store_true", help="Khooshe only")
    parser.add_argument("--out", type=Path, default=BENCH / "out" / "lighthouse", help="results.json and reports")
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.exists():
        raise SystemExit("Lighthouse is missing: run `npm ci` in bench/ first")
    args.out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="khooshe-lighthouse-"))
    try:
        sites = {"khooshe": args.khooshe_site or work / "khooshe-site"}
        if not args.khooshe_site:
            print("building Khooshe…", file=sys.stderr)
            build_khooshe(sites["khooshe"])
        if not args.no_stock:
            sites["stock"] = args.stock_site or work / "stock-site"
            if not args.stock_site:
                print("building stock Material…", file=sys.stderr)
                build_stock(work / "stock", sites["stock"])
        results = run_all(sites, args.page or list(PAGES), args.runs, args.out)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    (args.out / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    print(table(results))
    return 0


def run_all(sites: dict[str, Path], pages: list[str], runs: int, out: Path) -> dict[str, Any]:
    results: dict[str, dict[str, list]] = {page: {site: [] for site in sites} for page in pages}
    with contextlib.ExitStack() as stack:
        bases = {site: stack.enter_context(served(folder, gzip=True)) for site, folder in sites.items()}
        for round_ in range(runs):
            for page in pages:
                for index, site in enumerate(sites):
                    url = bases[site] + PAGES[page][index]
                    print(f"round {round_ + 1}/{runs}: {site} {page}", file=sys.stderr)
                    report = out / f"{site}-{page.replace(' ', '-')}-{round_}.json"
                    results[page][site].append(lighthouse(url, report))
    return results


if __name__ == "__main__":
    sys.exit(main())

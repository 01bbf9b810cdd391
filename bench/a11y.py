#!/usr/bin/env python3
"""Accessibility and HTML validity of the Khooshe site against stock mkdocs-material.

    python bench/a11y.py                  # build both sites, print both tables
    python bench/a11y.py --site site      # an already built Khooshe site instead
    python bench/a11y.py --no-vnu         # axe only

**axe.** axe-core (``tests/node_modules``, pinned in ``tests/package.json``) is
injected through Playwright into Debian's Chromium (1280 × 900, the header tabs
in view) on the twelve page kinds of ``PAGE_KINDS``, in the light and the dark
colour scheme (``prefers-color-scheme`` emulated: Material picks the palette
whose media query matches), with the WCAG 2.1 A/AA and best-practice rules.
The table counts serious and critical nodes by rule.

**vnu.** The Nu Html Checker (``vnu.jar`` of the npm package ``vnu-jar``, run
with Java) checks every HTML page of both sites. An error message that the
stock site also produces comes from Material's own templates; the others are
Khooshe's.

**Stock.** A blank mkdocs-material site with Khooshe's theme settings (language
fa, right to left, the same features and palette, no custom_dir), a home page,
one prose page with a link, and Material's search plugin, as a stock site has it.

``tests/test_accessibility.py`` and ``tests/test_html_validity.py`` use these
functions and fail on what this script counts.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import yaml

ROOT = Path(__file__).resolve().parents[1]
# This tree's plugins package before an installed one (a shared venv's may be another checkout's).
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
from corpus import _ConfigLoader  # noqa: E402  (Khooshe's mkdocs.yml without its Python tags)
from static_server import served  # noqa: E402
from plugins.cli.sitebuild import build_site  # noqa: E402

NODE_MODULES = ROOT / "tests" / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
SERIOUS = ("serious", "critical")
SCHEMES = {"light": "default", "dark": "slate"}  # emulated preference → Material's scheme

# One page of each kind a reader meets, by URL path on the shipped content.
PAGE_KINDS = {
    "home": "",
    "clusters": "clusters/",
    "profile": "clusters/mahallat-ornamental-plants/",
    "map": "map/",
    "statistics": "stats/",
    "catalogue": "publications/",
    "publication": "publications/cluster-development-guide-unido/",
    "news": "news/",
    "news item": "news/isfahan-70-clusters/",
    "people": "people/",
    "method": "method/",
    "province": "clusters/province/semnan/",
}
STOCK_PAGES = {"home": "", "prose": "guide/"}


@dataclass(frozen=True)
class Violation:
    page: str     # page kind
    scheme: str   # light or dark
    rule: str
    impact: str
    target: str   # CSS selector of the node
    summary: str  # axe's failure summary for the node

    def line(self) -> str:
        return f"{self.page} ({self.scheme}): {self.rule} [{self.impact}] {self.target} — {self.summary}"


@dataclass(frozen=True)
class HtmlError:
    page: str     # path inside the site
    message: str
    extract: str

    def line(self) -> str:
        return f"{self.page}: {self.message} — {self.extract.strip()}"


# --------------------------------------------------------------------------- sites

def build_khooshe(site_dir: Path) -> Path:
    """This working tree's content, built as ``build.py build`` does."""
    with contextlib.redirect_stdout(sys.stderr):
        code = build_site(ROOT / "mkdocs.yml", site_dir)
    if code != 0:
        raise SystemExit(f"the Khooshe build failed ({code})")
    return site_dir


def make_stock_blank(root: Path) -> Path:
    """A blank mkdocs-material project with Khooshe's theme settings; returns its mkdocs.yml."""
    config = _ConfigLoader((ROOT / "mkdocs.yml").read_text(encoding="utf-8")).get_single_data()
    theme = dict(config["theme"])
    theme.pop("custom_dir", None)
    docs = root / "docs"
    (docs / "guide").mkdir(parents=True, exist_ok=True)
    (docs / "index.md").write_text("# خانه\n\nسایتی تازه با [یک راهنما](guide/index.md) برای خواندن.\n", encoding="utf-8")
    (docs / "guide" / "index.md").write_text(
        "# راهنما\n\n## بخش نخست\n\nاین متن [پیوندی به خانه](../index.md) در میان جمله دارد.\n\n"
        "- بند نخست با [پیوند](../index.md)\n- بند دوم\n", encoding="utf-8")
    settings = {
        "site_name": config["site_name"],
        "site_url": "https://khooshe.example.org/",
        "docs_dir": "docs",
        "theme": theme,
        "plugins": ["search"],
        "nav": [{"خانه": "index.md"}, {"راهنما": "guide/index.md"}],
    }
    path = root / "mkdocs.yml"
    path.write_text(yaml.safe_dump(settings, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def build_stock(root: Path) -> Path:
    config = make_stock_blank(root)
    site = root / "site"
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)],
                   check=True, cwd=root)
    return site


# --------------------------------------------------------------------------- axe

def axe_page(browser, url: str, scheme: str, kind: str) -> list[Violation]:
    """Serious and critical axe violations of one page in one colour scheme, one per node."""
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900}, locale="fa-IR")
    try:
        tab = context.new_page()
        tab.goto(url)
        tab.wait_for_selector(f'body[data-md-color-scheme="{SCHEMES[scheme]}"]', state="attached")
        tab.add_script_tag(path=str(AXE_JS))
        result = tab.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
            AXE_TAGS)
    finally:
        context.close()
    return [
        Violation(kind, scheme, rule["id"], node["impact"] or rule["impact"], " ".join(map(str, node["target"])),
                  (node.get("failureSummary") or "").replace("\n", " "))
        for rule in result["violations"]
        for node in rule["nodes"]
        if (node["impact"] or rule["impact"]) in SERIOUS
    ]


def axe_site(browser, base_url: str, pages: dict[str, str]) -> list[Violation]:
    found: list[Violation] = []
    for kind, path in pages.items():
        for scheme in SCHEMES:
            found.extend(axe_page(browser, base_url + path, scheme, kind))
    return found


@contextlib.contextmanager
def chromium() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


# --------------------------------------------------------------------------- vnu

def vnu_errors(site_dir: Path) -> list[HtmlError]:
    """Every Nu Html Checker error of the site's HTML pages."""
    pages = sorted(str(path) for path in site_dir.rglob("*.html"))
    run = subprocess.run(["java", "-jar", str(VNU_JAR), "--format", "json", "--errors-only", *pages],
                         capture_output=True, text=True)
    messages = json.loads(run.stderr)["messages"]  # vnu writes its report to stderr
    return [
        HtmlError(str(Path(message["url"].removeprefix("file:")).relative_to(site_dir.resolve())),
                  message["message"], message.get("extract", ""))
        for message in messages if message["type"] == "error"
    ]


def split_by_baseline(errors: list[HtmlError], baseline: list[HtmlError]) -> tuple[list[HtmlError], list[HtmlError]]:
    """(Material's, Khooshe's): an error whose message the stock site also shows is Material's."""
    materials = {error.message for error in baseline}
    return ([e for e in errors if e.message in materials], [e for e in errors if e.message not in materials])


# --------------------------------------------------------------------------- tables

def axe_table(khooshe: list[Violation], stock: list[Violation], pages: int, stock_pages: int) -> str:
    rules = collections.Counter(v.rule for v in khooshe)
    stock_rules = collections.Counter(v.rule for v in stock)
    lines = [f"axe-core {axe_version()}: serious + critical nodes, light and dark scheme",
             "", f"| rule | Khooshe ({pages} pages × 2) | stock Material ({stock_pages} pages × 2) |", "|---|---:|---:|"]
    for rule in sorted(rules.keys() | stock_rules.keys(), key=lambda r: (-rules[r], r)):
        lines.append(f"| {rule} | {rules[rule]} | {stock_rules[rule]} |")
    lines.append(f"| **total** | **{len(khooshe)}** | **{len(stock)}** |")
    return "\n".join(lines)


def vnu_table(errors: list[HtmlError], baseline: list[HtmlError], pages: int, stock_pages: int) -> str:
    materials, ours = split_by_baseline(errors, baseline)
    lines = [f"Nu Html Checker {vnu_version()}: errors over {pages} Khooshe pages ({stock_pages} stock pages: "
             f"{len(baseline)} errors)", "", "| message | whose | errors |", "|---|---|---:|"]
    for whose, group in (("Khooshe", ours), ("Material", materials)):
        for message, count in collections.Counter(e.message for e in group).most_common():
            escaped = message.replace("|", r"\|")
            lines.append(f"| {escaped} | {whose} | {count} |")
    lines.append(f"| **Khooshe's** | | **{len(ours)}** |")
    lines.append(f"| **Material's** | | **{len(materials)}** |")
    return "\n".join(lines)


def axe_version() -> str:
    return json.loads((NODE_MODULES / "axe-core" / "package.json").read_text())["version"]


def vnu_version() -> str:
    return json.loads((NODE_MODULES / "vnu-jar" / "package.json").read_text())["version"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="an already built Khooshe site (default: build the working tree)")
    parser.add_argument("--no-vnu", action="store_true", help="skip the Nu Html Checker")
    parser.add_argument("--no-axe", action="store_true", help="skip axe")
    parser.add_argument("--details", action="store_true", help="also list every node or error")
    args = parser.parse_args()
    if not AXE_JS.exists() or not VNU_JAR.exists():
        raise SystemExit("tests/node_modules is missing: npm ci --prefix tests")
    with tempfile.TemporaryDirectory(prefix="khooshe-a11y-") as work:
        work = Path(work)
        site = args.site.resolve() if args.site else build_khooshe(work / "khooshe")
        stock = build_stock(work / "stock")
        if not args.no_axe:
            with chromium() as browser, served(site) as base, served(stock) as stock_base:
                found = axe_site(browser, base, PAGE_KINDS)
                stock_found = axe_site(browser, stock_base, STOCK_PAGES)
            print(axe_table(found, stock_found, len(PAGE_KINDS), len(STOCK_PAGES)), end="\n\n")
            if args.details:
                print("\n".join(v.line() for v in found), end="\n\n")
        if not args.no_vnu:
            errors, baseline = vnu_errors(site), vnu_errors(stock)
            print(vnu_table(errors, baseline, len(list(site.rglob("*.html"))), len(list(stock.rglob("*.html")))))
            if args.details:
                print("\n".join(e.line() for e in split_by_baseline(errors, baseline)[1]))


if __name__ == "__main__":
    main()

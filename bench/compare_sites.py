#!/usr/bin/env python3
"""Compare two builds of a Khooshe site as a reader sees them.

    python bench/compare_sites.py main                 # main's build vs the working tree's
    python bench/compare_sites.py dc9be92 h-clusters   # two revisions
    python bench/compare_sites.py /tmp/site-before site   # two built site folders
    python bench/compare_sites.py /tmp/site-before     # a built folder vs the working tree

Each argument is a built site folder (one holding ``index.html``) or a git revision;
a missing second argument is the working tree. A revision is built in a temporary
clone of this repository with ``build.py build --site-dir …`` (the Python running
this script, ``KHOOSHE_NO_VENV=1``); the working tree is built in place into a
temporary folder. Each build gets the MkDocs entry points of its own
``pyproject.toml``, so a revision from before a layout change builds with the
shared virtual environment too.

What is compared, per HTML page: the page title, the meta description, the visible
text of ``<main>`` (of ``<body>`` on a page without one; split at block elements,
whitespace collapsed), every link target and image source, and the text-bearing
attributes (``alt``, ``title``, ``aria-label``, ``placeholder``) and ``data-*``
attributes that the pages' scripts read. Escaping (``&quot;`` vs ``&#34;``) and whitespace between tags do not count.
Feeds, data exports and the sitemap are compared as parsed JSON or as lines with
whitespace collapsed; the search index (``search/``) and ``assets/`` by content,
listed per file. Prints every difference, then pages added and removed; exits 1 when
there is any difference, 0 when the two sites read the same.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from concurrent.futures import ProcessPoolExecutor
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Elements that start a new line of text for a reader (a line break on screen).
BLOCK_ELEMENTS = frozenset(
    "address article aside blockquote br caption dd details dialog div dl dt fieldset figcaption figure "
    "footer form h1 h2 h3 h4 h5 h6 header hr legend li main nav ol option p pre section summary table "
    "tbody td tfoot th thead tr ul text title desc label button select".split()
)
HIDDEN_ELEMENTS = frozenset({"script", "style", "template", "noscript"})
LINK_ATTRIBUTES = {"a": "href", "img": "src", "source": "srcset", "image": "href", "use": "href", "iframe": "src"}
TEXT_ATTRIBUTES = ("alt", "title", "aria-label", "placeholder")
VOID_ELEMENTS = frozenset("area base br col embed hr img input link meta source track wbr".split())
TEXT_SUFFIXES = {".xml", ".txt", ".csv", ".geojson", ".json", ".js", ".css", ".svg"}
SPACES = re.compile(r"\s+")


# --------------------------------------------------------------------------- what a reader sees

class ReaderView(HTMLParser):
    """The lines of a page a reader sees or follows: ``text: …``, ``link: …``, ``image: …``."""

    def __init__(self, all_attributes: bool = False, root: str = "main") -> None:
        super().__init__(convert_charrefs=True)
        self.all_attributes = all_attributes
        self.root = root  # the element whose content is compared: <main>, or <body> for a page without one
        self.saw_root = False
        self.lines: list[str] = []
        self.head: list[str] = []
        self._text: list[str] = []
        self._pending: list[str] = []  # attribute lines of the current block
        self._main_depth = 0  # > 0 inside <main>
        self._hidden_depth = 0  # > 0 inside <script>, <style>, …
        self._pre_depth = 0  # > 0 inside <pre>
        self._in_title = False
        self._title: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "title" and not self._main_depth:
            self._in_title = True
        elif tag == "meta" and values.get("name") == "description":
            self.head.append(f"description: {collapse(values.get('content', ''))}")
        elif tag == "link" and values.get("rel") == "canonical":
            self.head.append(f"canonical: {values.get('href', '')}")
        if tag == self.root:
            self._main_depth += 1
            self.saw_root = True
        if not self._main_depth:
            return
        if tag in HIDDEN_ELEMENTS:
            self._hidden_depth += 1
        self._pre_depth += tag == "pre"
        if tag in BLOCK_ELEMENTS:
            self._flush()
        if not self._hidden_depth:
            self._attribute_lines(tag, values)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID_ELEMENTS:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title" and self._in_title:
            self._in_title = False
            self.head.insert(0, f"title: {collapse(''.join(self._title))}")
        if not self._main_depth:
            return
        if tag in HIDDEN_ELEMENTS and self._hidden_depth:
            self._hidden_depth -= 1
        if tag == "pre" and self._pre_depth:
            self._pre_depth -= 1
        if tag in BLOCK_ELEMENTS:
            self._flush()
        if tag == self.root:
            self._main_depth -= 1

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self._title.append(data)
        elif self._main_depth and not self._hidden_depth:
            if self._pre_depth:  # code keeps its lines: one text line per line of code
                first, *rest = data.split("\n")
                self._text.append(first)
                for line in rest:
                    self._flush()
                    self._text.append(line)
            else:
                self._text.append(data)

    def close(self) -> None:
        super().close()
        self._flush()

    def _attribute_lines(self, tag: str, values: dict[str, str]) -> None:
        """Links, images and reader-facing attributes, listed after the text of their block."""
        link = LINK_ATTRIBUTES.get(tag)
        for name, value in sorted(values.items()):
            if name == link or (name == "xlink:href" and tag in {"image", "use"}):
                self._pending.append(f"{'link' if tag == 'a' else 'image'}: {value}")
            elif self.all_attributes or name in TEXT_ATTRIBUTES or name.startswith("data-"):
                self._pending.append(f"{tag}[{name}]: {collapse(value)}")

    def _flush(self) -> None:
        text = collapse("".join(self._text))
        self._text.clear()
        if text:
            self.lines.append(f"text: {text}")
        self.lines.extend(self._pending)
        self._pending.clear()


def collapse(text: str) -> str:
    return SPACES.sub(" ", text).strip()


def reader_lines(path: Path, all_attributes: bool = False) -> list[str]:
    html = path.read_text(encoding="utf-8", errors="replace")
    for root in ("main", "body"):
        view = ReaderView(all_attributes, root)
        view.feed(html)
        view.close()
        if view.saw_root:
            break
    return view.head + view.lines


def data_lines(path: Path) -> list[str]:
    """A feed or data file as lines, formatting and escaping left out where the format allows."""
    text = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix in {".json", ".geojson"}:
        try:
            return json.dumps(json.loads(text), ensure_ascii=False, indent=1, sort_keys=True).splitlines()
        except ValueError:
            pass
    return [line for line in map(collapse, text.splitlines()) if line]


# --------------------------------------------------------------------------- comparing two folders

def site_files(site: Path) -> dict[str, Path]:
    return {path.relative_to(site).as_posix(): path for path in site.rglob("*") if path.is_file()}


def page_name(relpath: str) -> str:
    """``clusters/qom-shoes/index.html`` → ``clusters/qom-shoes/`` (the URL a reader types)."""
    return (relpath[: -len("index.html")] or "/") if relpath.endswith("index.html") else relpath


def compare_file(job: tuple[str, Path, Path, bool]) -> list[str]:
    """The unified diff of one file present in both sites, as lines (empty when they read the same)."""
    relpath, before, after, all_attributes = job
    if relpath.endswith(".html"):
        old, new = reader_lines(before, all_attributes), reader_lines(after, all_attributes)
    elif Path(relpath).suffix in TEXT_SUFFIXES:
        old, new = data_lines(before), data_lines(after)
    else:
        return [] if before.read_bytes() == after.read_bytes() else ["(binary content differs)"]
    if old == new:
        return []
    return shorten_changes(list(difflib.unified_diff(old, new, lineterm="", n=1))[2:])


def shorten_changes(diff: list[str], width: int = 160, context: int = 50) -> list[str]:
    """A long line changed in a few words: the ``-``/``+`` pair shows the changed part and some context."""
    shortened = list(diff)
    for i in range(len(diff) - 1):
        old, new = diff[i], diff[i + 1]
        if not (old.startswith("-") and new.startswith("+")) or max(len(old), len(new)) <= width:
            continue
        if (i > 0 and diff[i - 1].startswith("-")) or (i + 2 < len(diff) and diff[i + 2].startswith("+")):
            continue  # part of a larger change: left whole
        start = len(os.path.commonprefix([old[1:], new[1:]]))
        end = len(os.path.commonprefix([old[:start:-1], new[:start:-1]]))
        for j, line in ((i, old), (i + 1, new)):
            body = line[1:]
            left, right = max(0, start - context), min(len(body), len(body) - end + context)
            shortened[j] = line[0] + ("…" if left else "") + body[left:right] + ("…" if right < len(body) else "")
    return shortened


def compare_sites(before: Path, after: Path, *, all_attributes: bool = False, max_lines: int = 40,
                  details: bool = False, out=None) -> int:
    """Print every difference between two built sites; the number of differing/added/removed files."""
    out = out or sys.stdout
    old, new = site_files(before), site_files(after)
    common = sorted(old.keys() & new.keys(), key=lambda rel: (kind_of(rel), rel))
    jobs = [(rel, old[rel], new[rel], all_attributes) for rel in common]
    workers = min(4, os.cpu_count() or 1)
    with ProcessPoolExecutor(workers) as pool:
        diffs = list(pool.map(compare_file, jobs, chunksize=16))
    differing = 0
    quiet: dict[str, list[str]] = {}  # search/ and assets/: listed, not printed line by line
    for (rel, *_), diff in zip(jobs, diffs):
        if not diff:
            continue
        differing += 1
        if kind_of(rel) > 0 and not details:
            quiet.setdefault(rel.split("/")[0], []).append(rel)
            continue
        print(f"\n== {page_name(rel)}", file=out)
        for line in diff[:max_lines]:
            print(f"   {line}", file=out)
        if len(diff) > max_lines:
            print(f"   … {len(diff) - max_lines} more lines", file=out)
    for folder, files in quiet.items():
        print(f"\n== {folder}/: {len(files)} files differ: {', '.join(files[:12])}"
              + (" …" if len(files) > 12 else ""), file=out)
    added, removed = sorted(new.keys() - old.keys()), sorted(old.keys() - new.keys())
    for label, files in (("added", added), ("removed", removed)):
        if files:
            print(f"\n== {len(files)} files {label}:", file=out)
            for rel in files:
                print(f"   {page_name(rel)}", file=out)
    pages = sum(rel.endswith(".html") for rel in common)
    total = differing + len(added) + len(removed)
    print(f"\n{pages} pages and {len(common) - pages} other files compared; {differing} differ, "
          f"{len(added)} added, {len(removed)} removed.", file=out)
    return total


def kind_of(relpath: str) -> int:
    """0: a page or a feed (printed in full); 1: the search index or an asset (listed)."""
    return 1 if relpath.split("/")[0] in {"search", "assets"} else 0


# --------------------------------------------------------------------------- building a revision

def is_site(argument: str) -> bool:
    return (Path(argument) / "index.html").is_file()


def entry_point_shim(project: Path, into: Path) -> Path:
    """A ``khooshe`` distribution whose MkDocs entry points are the project's own.

    The shared virtual environment has this repository installed in editable mode with
    the entry points of one layout (``plugins.adapter.…``); an older revision names
    other modules. Put first on ``PYTHONPATH``, this metadata wins over the installed
    one (``importlib.metadata`` keeps the first distribution of a name).
    """
    pyproject = tomllib.loads((project / "pyproject.toml").read_text(encoding="utf-8"))
    entry_points = pyproject["project"]["entry-points"]["mkdocs.plugins"]
    info = into / f"khooshe-{pyproject['project']['version']}.dist-info"
    info.mkdir(parents=True, exist_ok=True)
    (info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: khooshe\nVersion: {pyproject['project']['version']}\n", encoding="utf-8"
    )
    lines = ["[mkdocs.plugins]", *(f"{name} = {target}" for name, target in entry_points.items())]
    (info / "entry_points.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return into


def checkout(revision: str, into: Path) -> Path:
    """A clone of this repository at ``revision`` (objects shared, nothing copied)."""
    commit = git("rev-parse", "--verify", f"{revision}^{{commit}}").strip()
    subprocess.run(["git", "clone", "--quiet", "--shared", "--no-checkout", str(ROOT), str(into)], check=True)
    subprocess.run(["git", "-C", str(into), "checkout", "--quiet", "--detach", commit], check=True)
    return into


def build(project: Path, site: Path, python: str, work: Path, label: str) -> Path:
    """``build.py build`` of a project into ``site``; exits with the build's output when it fails."""
    shim = entry_point_shim(project, work / f"entry-points-{label}")
    env = dict(os.environ, KHOOSHE_NO_VENV="1",
               PYTHONPATH=os.pathsep.join([str(shim), str(project), os.environ.get("PYTHONPATH", "")]))
    started = time.monotonic()
    print(f"building {label} ({project}) …", file=sys.stderr)
    result = subprocess.run([python, "build.py", "build", "--site-dir", str(site)], cwd=project, env=env,
                            capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"the build of {label} failed:\n{result.stdout}{result.stderr}")
    print(f"built {label} in {time.monotonic() - started:.0f} s", file=sys.stderr)
    return site


def git(*args: str) -> str:
    return subprocess.run(["git", "-C", str(ROOT), *args], check=True, capture_output=True, text=True).stdout


def obtain(argument: str | None, work: Path, python: str, label: str, keep_cache: bool) -> Path:
    """A built site for an argument: the folder itself, a revision's build, or the working tree's."""
    if argument and is_site(argument):
        return Path(argument).resolve()
    site = work / f"site-{label}"
    if argument is None:
        return build(ROOT, site, python, work, "the working tree")
    project = checkout(argument, work / f"clone-{label}")
    if keep_cache and (ROOT / ".cache").is_dir():
        shutil.copytree(ROOT / ".cache", project / ".cache")
    return build(project, site, python, work, argument)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("before", help="a built site folder or a git revision")
    parser.add_argument("after", nargs="?", help="a built site folder or a git revision (default: the working tree)")
    parser.add_argument("--python", default=sys.executable, help="the Python that builds (default: this one)")
    parser.add_argument("--all-attributes", action="store_true", help="compare every attribute (class, id, style…) too")
    parser.add_argument("--max-lines", type=int, default=40, help="diff lines printed per page (default 40)")
    parser.add_argument("--details", action="store_true", help="print the differences of search/ and assets/ files too")
    parser.add_argument("--keep", action="store_true", help="keep the temporary clones and sites (path printed)")
    parser.add_argument("--warm", action="store_true",
                        help="give a revision's clone a copy of the working tree's text cache (.cache/): faster")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="khooshe-compare-"))
    try:
        before = obtain(args.before, work, args.python, "before", args.warm)
        after = obtain(args.after, work, args.python, "after", args.warm)
        print(f"comparing {before} → {after}", flush=True)
        differences = compare_sites(before, after, all_attributes=args.all_attributes, max_lines=args.max_lines,
                                    details=args.details)
        return 1 if differences else 0
    finally:
        if args.keep:
            print(f"kept in {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())

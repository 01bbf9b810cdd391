"""Shared fixtures: build small sites in temp dirs, serve them, drive Chromium.

* ``make_project`` copies the real site frame (mkdocs.yml, overrides, assets)
  into a temp dir, writes the files a test gives and builds it with the same
  function ``build.py build`` uses, returning what an editor would see.
* ``shipped_site`` builds the repository's own content once per test session.
* ``browser`` is Debian's Chromium driven by Playwright; ``serve`` serves a
  built site on 127.0.0.1.
* ``links_resolve`` checks the links of built pages: generators put HTML into
  pages after Markdown conversion, out of reach of MkDocs' strict link check.
* ``node_tools`` is ``tests/node_modules`` (axe-core, vnu-jar, pinned in
  ``tests/package.json``), installed with npm on first use.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import io
import json
import re
import shutil
import socketserver
import subprocess
import threading
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from typing import Iterable
from urllib.parse import unquote

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"


@dataclass
class BuildResult:
    code: int
    output: str  # everything printed on stdout and stderr
    root: Path
    site: Path

    def page(self, url_path: str) -> str:
        """HTML of a built page, by its URL path (``clusters/`` or ``feed.xml``)."""
        target = self.site / url_path
        if url_path.endswith("/") or not url_path:
            target = target / "index.html"
        return target.read_text(encoding="utf-8")

    def page_files(self, name: str = "*.html") -> list[Path]:
        """The site's pages (``name`` a glob), sorted; the web editor (admin/) is an app, not one of them."""
        return sorted(path for path in self.site.rglob(name) if path.relative_to(self.site).parts[0] != "admin")


class Project:
    """A throw-away Khooshe project in a temp dir."""

    def __init__(self, root: Path):
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
        shutil.copytree(ROOT / "overrides", root / "overrides")
        shutil.copytree(ROOT / "content" / "assets", root / "content" / "assets")
        for folder in ("clusters", "publications", "content/news"):
            (root / folder).mkdir(parents=True, exist_ok=True)

    def write(self, relpath: str, text: str | bytes) -> Path:
        path = self.root / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    def copy_shipped_content(self) -> "Project":
        """The repository's own pages and records (content/, clusters/, publications/)."""
        self.copy_from_repo("content", "clusters", "publications")
        return self

    def copy_from_repo(self, *relpaths: str) -> None:
        """Copy files or folders of the shipped content into this project."""
        for relpath in relpaths:
            source = ROOT / relpath
            target = self.root / relpath
            if source.is_dir():
                shutil.copytree(source, target, dirs_exist_ok=True)
            else:
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(source, target)

    def build(self, site_dir: str = "site") -> BuildResult:
        from plugins.cli.sitebuild import build_site

        out = io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
            code = build_site(self.root / "mkdocs.yml", self.root / site_dir)
        return BuildResult(code, out.getvalue(), self.root, self.root / site_dir)


@pytest.fixture
def make_project(tmp_path):
    """A project with the real site frame and the whole shipped content, ready to change."""

    def factory(*, shipped: bool = True) -> Project:
        project = Project(tmp_path / "project")
        if shipped:
            project.copy_shipped_content()
        return project

    return factory


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory) -> BuildResult:
    """The repository's own content, built once for the whole test session."""
    project = Project(tmp_path_factory.mktemp("shipped"))
    project.copy_shipped_content()
    result = project.build()
    assert result.code == 0, result.output
    return result


def _links_resolve(site: Path, pages: Iterable[Path]) -> int:
    """Assert that every link in the ``<article>`` of these built pages leads to a file of ``site``.

    A ``#fragment`` must be an id of its target page. Links to other sites are not
    followed. Returns how many links were checked (so a test can tell it checked some).
    """
    checked = 0
    for page in pages:
        html = page.read_text(encoding="utf-8")
        body = html[html.index("<article"):html.index("</article>")]
        for url in map(unescape, re.findall(r'href="([^"]*)"', body)):
            if re.match(r"^[a-z]+:|^//", url):
                continue
            path, _, fragment = url.partition("#")
            path = path.partition("?")[0]  # a filter link: ../?topic=هند
            target = (page.parent / unquote(path)).resolve() if path else page
            if target.is_dir():
                target = target / "index.html"
            where = f"{page.relative_to(site)}: {url}"
            assert target.is_file(), where
            if fragment:
                assert f'id="{unquote(fragment)}"' in target.read_text(encoding="utf-8"), where
            checked += 1
    return checked


@pytest.fixture
def links_resolve():
    """``links_resolve(site, pages)``: see :func:`_links_resolve`."""
    return _links_resolve


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="session")
def serve():
    """serve(site_dir) -> base URL; servers stop at the end of the session."""
    servers = []

    def start(site_dir: Path) -> str:
        handler = functools.partial(_QuietHandler, directory=str(site_dir))
        server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium; fails (never skips) when it is missing."""
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "Chromium نصب نیست: python3 build.py test آن را نصب می‌کند"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    """A fresh browser tab whose console errors fail the test."""
    context = browser.new_context(locale="fa-IR")
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    yield tab
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


@pytest.fixture(scope="session")
def node_tools() -> Path:
    """``tests/node_modules``: installed from the lockfile when npm is there, a skip when it is not.

    CI (``.ci/run``) installs Node and runs ``npm ci`` itself; locally the first test
    run does it. ``--ignore-scripts``: vnu-jar's install script would download a JDK.
    """
    modules = ROOT / "tests" / "node_modules"
    pinned = json.loads((ROOT / "tests" / "package.json").read_text(encoding="utf-8"))["dependencies"]
    if any(_installed_version(modules / name) != version for name, version in pinned.items()):
        if not shutil.which("npm"):
            pytest.skip("Node.js/npm is not installed: the axe-core and vnu-jar tests need it (.ci/run installs it)")
        subprocess.run(["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--prefix", str(ROOT / "tests")],
                       check=True, capture_output=True)
    return modules


def _installed_version(package: Path) -> str | None:
    manifest = package / "package.json"
    return json.loads(manifest.read_text(encoding="utf-8"))["version"] if manifest.exists() else None


@pytest.fixture
def new_project(tmp_path):
    """A Project factory; without the shipped content the nav of mkdocs.yml is dropped (it names shipped pages)."""

    def factory(*, shipped: bool = True) -> Project:
        root = tmp_path / "project"
        root.mkdir(parents=True, exist_ok=True)
        project = Project(root)
        if shipped:
            project.copy_shipped_content()
        else:
            drop_nav(project.root / "mkdocs.yml")
        return project

    return factory


def drop_nav(config: Path) -> None:
    text = config.read_text(encoding="utf-8")
    config.write_text(re.sub(r"(?m)^nav:\n(?:[ \t#].*\n|\n)*", "", text), encoding="utf-8")

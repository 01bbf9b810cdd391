"""``build.py serve``'s incremental rebuilds write exactly what a full build writes.

A sequence of edits (change, add, delete, rename; a cluster record, a news article, a
publication, a guide page; a broken save and its fix) goes through the preview's
rebuild (plugins/cli/preview.py ``Preview.rebuild``, the function the server calls on a
save); after each one the preview folder must be byte for byte the folder
``build.py build`` makes of the same sources.
"""

from __future__ import annotations

import contextlib
import gc
import io
import json
import os
import re
import signal
import socket
import struct
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urljoin

import pytest

from plugins.cli.preview import Preview

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def preview_memory_ends_with_the_test(monkeypatch):
    """A Preview made here keeps per-file results for its process: later tests' builds must not be served from them.
    It also freezes what its first build leaves out of the cycle collector: the test process gets it back."""
    from plugins.model import filememo

    monkeypatch.setattr(filememo, "_kept", None)
    yield
    gc.unfreeze()


def folder_bytes(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def differences(preview: Path, full: Path) -> list[str]:
    got, want = folder_bytes(preview), folder_bytes(full)
    return ([f"only in the preview: {name}" for name in sorted(got.keys() - want.keys())]
            + [f"missing from the preview: {name}" for name in sorted(want.keys() - got.keys())]
            + [f"different: {name}" for name in sorted(got.keys() & want.keys()) if got[name] != want[name]])


class Editor:
    """Edits a project's sources, then rebuilds the preview the way a save does and a full build beside it."""

    def __init__(self, project):
        self.project = project
        self.preview = Preview(project.root / "mkdocs.yml", project.root / "preview")

    def rebuild(self, *changed: Path) -> list[str]:
        with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
            return self.preview.rebuild(set(changed))

    def matches_full_build(self) -> list[str]:
        """``build.py build`` of the same sources, in a process of its own (nothing remembered), compared."""
        full = self.project.root / "full"
        done = subprocess.run(
            [sys.executable, str(ROOT / "build.py"), "--config", str(self.project.root / "mkdocs.yml"), "build",
             "--site-dir", str(full)],
            cwd=ROOT, env={**os.environ, "KHOOSHE_NO_VENV": "1"}, capture_output=True, text=True,
        )
        assert done.returncode == 0, done.stdout + done.stderr
        return differences(self.preview.site_dir, full)

    def replace(self, relpath: str, old: str, new: str) -> Path:
        return replace_text(self.project.root, relpath, old, new)


def replace_text(root: Path, relpath: str, old: str, new: str) -> Path:
    path = root / relpath
    text = path.read_text(encoding="utf-8")
    assert old in text, (relpath, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


CLUSTER = "clusters/isfahan/isfahan-gold.yml"
NEWS = "content/news/isfahan-70-clusters.md"
PUBLICATION = "publications/accelerating-industrial-development.yml"
GUIDE = "content/method/trust-building.md"
PERSON = "publications/people/michael-porter.yml"
PAGE = "clusters/isfahan-gold/"  # the page of CLUSTER

NEW_ARTICLE = """---
title: خبر تازهٔ پیش‌نمایش
date: 1403-02-10
added: 1405-09-02
source:
  publisher: خوشه‌های کسب‌وکار
summary: خبری که در پیش‌نمایش افزوده می‌شود و در فهرست اخبار و خوراک‌ها می‌آید.
province: isfahan
clusters: [isfahan-gold]
tags: [آمار خوشه‌ها]
---

متن خبری که ویراستار همین حالا نوشت و واژهٔ یکتای زرین‌پیش‌نما را دارد.
"""


def test_a_file_is_read_again_when_the_watcher_reports_it_or_its_size_or_time_changed(tmp_path):
    """The preview trusts an unreported file whose size and time are the same; a report is enough to read it
    again even when a quick save kept both (the clock's step), and a change the watcher missed is still seen."""
    from plugins.model import filememo

    record = tmp_path / "record.yml"
    record.write_text("name: یک\n", encoding="utf-8")
    filememo.keep()
    reads: list[str] = []

    def load() -> str:
        reads.append(record.read_text(encoding="utf-8"))
        return reads[-1]

    def build(*reported: Path) -> str:
        filememo.next_build(reported)
        return filememo.per_file(record, "test", None, load)

    assert build() == "name: یک\n"
    assert build() == "name: یک\n" and len(reads) == 1  # unchanged, unreported: not read again
    stat = record.stat()
    record.write_text("name: دو\n", encoding="utf-8")  # the same size …
    os.utime(record, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # … and time, as a save within one clock step
    assert build(record) == "name: دو\n"  # reported: read again
    record.write_text("name: سه‌تا\n", encoding="utf-8")
    assert build() == "name: سه‌تا\n"  # not reported, but its size changed
    assert len(reads) == 3


def test_incremental_rebuilds_write_what_a_full_build_writes(make_project):
    project = make_project()
    root = project.root
    editor = Editor(project)
    assert editor.rebuild() == []
    assert editor.matches_full_build() == []

    def step(*changed: Path) -> None:
        assert editor.rebuild(*changed) == []
        assert editor.matches_full_build() == []

    cluster = root / CLUSTER
    name_line = next(line for line in cluster.read_text(encoding="utf-8").splitlines() if line.startswith("name:"))
    step(editor.replace(CLUSTER, name_line, name_line + " نو"))
    step(editor.replace(NEWS, "قریب به ۷۰ خوشه", "قریب به ۷۱ خوشه"))
    step(project.write("content/news/preview-new-article.md", NEW_ARTICLE))
    renamed = root / "content/news/preview-renamed-article.md"
    (root / "content/news/preview-new-article.md").rename(renamed)
    step(root / "content/news/preview-new-article.md", renamed)
    step(editor.replace(PUBLICATION, "title: شتاب بخشیدن", "title: شتاب‌بخشی"))
    step(editor.replace(PERSON, "name_en: Michael Porter", "name_en: Michael E. Porter"))  # their books' JSON-LD
    step(editor.replace(GUIDE, "\n\n", "\n\nبندی تازه در راهنمای روش.\n\n"))
    kept = renamed.read_bytes()
    renamed.unlink()
    step(renamed)
    renamed.write_bytes(kept)  # back as it was: its pages are written again, though they equal the last ones
    step(renamed)


def test_extra_templates_are_rendered_and_follow_a_change(make_project):
    """mkdocs.yml's ``extra_templates`` (a robots.txt made from a template) are part of the preview as of a build."""
    project = make_project()
    config = project.root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\nextra_templates: [robots.txt]\n", encoding="utf-8")
    robots = project.write("content/robots.txt", "User-agent: *\nSitemap: {{ config.site_url }}sitemap.xml\n")
    editor = Editor(project)
    assert editor.rebuild() == []
    assert (editor.preview.site_dir / "robots.txt").read_text(encoding="utf-8").strip() == (
        "User-agent: *\nSitemap: https://khooshe.example.org/sitemap.xml")
    robots.write_text("User-agent: *\nDisallow: /admin/\n", encoding="utf-8")
    assert editor.rebuild(robots) == []
    assert editor.matches_full_build() == []


def test_a_broken_save_keeps_the_last_good_site_and_the_fix_brings_it_up_to_date(make_project):
    project = make_project()
    editor = Editor(project)
    assert editor.rebuild() == []
    before = folder_bytes(editor.preview.site_dir)
    broken = editor.replace(CLUSTER, "\nname:", "\nproducts: [unclosed\nname:")
    problems = editor.rebuild(broken)
    assert any(line.startswith(f"{CLUSTER}:") and "«]»" in line for line in problems), problems
    assert folder_bytes(editor.preview.site_dir) == before
    editor.replace(CLUSTER, "\nproducts: [unclosed\nname:", "\nname:")
    step_news = editor.replace(NEWS, "قریب به ۷۰ خوشه", "قریب به ۷۲ خوشه")
    assert editor.rebuild(broken, step_news) == []
    assert editor.matches_full_build() == []


# --------------------------------------------------------------------------- in the browser

def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def running_serve(new_project):
    """``build.py serve`` on a free port over a one-record project; yields (project, base URL, its log)."""
    project = new_project(shipped=False)
    project.copy_from_repo(CLUSTER)
    port = free_port()
    log = project.root.parent / "serve.log"
    with open(log, "wb") as output:
        server = subprocess.Popen(
            [sys.executable, str(ROOT / "build.py"), "--config", str(project.root / "mkdocs.yml"), "serve", "--port", str(port)],
            cwd=ROOT, env={**os.environ, "KHOOSHE_NO_VENV": "1"}, stdout=output, stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 300
        while not _answers(base + PAGE):
            assert server.poll() is None and time.monotonic() < deadline, log.read_text(encoding="utf-8")
            time.sleep(0.2)
        yield project, base, log
    finally:
        server.send_signal(signal.SIGINT)  # Ctrl+C
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()
            raise AssertionError(f"serve did not stop on Ctrl+C: {log.read_text(encoding='utf-8')}") from None


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=300) as response:
            return response.status == 200
    except OSError:
        return False


def test_a_broken_save_shows_check_lines_on_the_page_until_the_fix(running_serve, page):
    project, base, log = running_serve
    page.goto(base + PAGE)
    notice = page.locator("#khooshe-preview-problems")
    assert notice.count() == 0
    replace_text(project.root, CLUSTER, "\nname:", "\nproducts: [unclosed\nname:")
    expected = _check_lines(project)
    assert expected and expected[0].startswith(f"{CLUSTER}:"), expected
    notice.wait_for(timeout=120_000)
    shown = notice.locator("li").all_inner_texts()
    assert shown[:len(expected)] == expected
    assert "طلای اصفهان" in page.locator("article h1").inner_text()  # the last good page, under the notice
    replace_text(project.root, CLUSTER, "\nproducts: [unclosed\nname: خوشه کسب‌وکار طلای اصفهان", "\nname: خوشه کسب‌وکار زر اصفهان")
    page.locator("article h1", has_text="زر اصفهان").wait_for(timeout=120_000)
    assert notice.count() == 0
    output = log.read_text(encoding="utf-8")
    assert "Traceback" not in output and "Aborted" not in output and "stuck" not in output, output


def test_a_browser_that_leaves_while_it_waits_for_a_reload_is_no_error(running_serve):
    project, base, log = running_serve
    with urllib.request.urlopen(base + ".khooshe/changes?since=0", timeout=60) as response:
        version = json.loads(response.read())["version"]
    for _ in range(3):  # tabs closed while their pages wait for the next build
        leaving = socket.create_connection(("127.0.0.1", int(base.rsplit(":", 1)[1].strip("/"))))
        leaving.sendall(f"GET /.khooshe/changes?since={version} HTTP/1.1\r\nHost: preview\r\n\r\n".encode())
        time.sleep(0.2)  # the server is waiting on it
        leaving.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # gone at once (a reset)
        leaving.close()
    replace_text(project.root, CLUSTER, "\nname: خوشه کسب‌وکار طلای اصفهان", "\nname: خوشه کسب‌وکار زر اصفهان")
    with urllib.request.urlopen(base + f".khooshe/changes?since={version}", timeout=120) as response:
        assert json.loads(response.read())["version"] > version
    time.sleep(1)  # the waiting answers are written to the closed connections meanwhile
    output = log.read_text(encoding="utf-8")
    assert "Traceback" not in output and "Exception" not in output, output


def test_a_reload_after_a_save_fetches_only_the_page(running_serve):
    """The site's styles, scripts and fonts keep their Last-Modified over a save that does not change them,
    so the reloading browser is answered 304 for each and downloads the page alone."""
    project, base, log = running_serve
    page_url = base + PAGE
    with urllib.request.urlopen(page_url, timeout=60) as response:
        html = response.read().decode("utf-8")
    assets = {urljoin(page_url, link) for link in re.findall(r'(?:href|src)="([^"]+\.(?:css|js|woff2))"', html)}
    assert any(url.endswith(".woff2") for url in assets) and any(url.endswith(".css") for url in assets), assets
    stamps = {url: _last_modified(url) for url in assets}
    with urllib.request.urlopen(base + ".khooshe/changes?since=0", timeout=60) as response:
        version = json.loads(response.read())["version"]
    time.sleep(1.1)  # Last-Modified counts whole seconds: a file written again now would show it
    # the same words in another order: no character the fonts lack, no style or script changed
    replace_text(project.root, CLUSTER, "\nname: خوشه کسب‌وکار طلای اصفهان", "\nname: خوشه طلای اصفهان کسب‌وکار")
    with urllib.request.urlopen(base + f".khooshe/changes?since={version}", timeout=120) as response:
        assert json.loads(response.read())["version"] > version
    with urllib.request.urlopen(page_url, timeout=60) as response:
        assert "خوشه طلای اصفهان کسب‌وکار" in response.read().decode("utf-8")
    answers = {url: _status_since(url, stamp) for url, stamp in stamps.items()}
    assert set(answers.values()) == {304}, answers


def _last_modified(url: str) -> str:
    with urllib.request.urlopen(url, timeout=60) as response:
        return response.headers["Last-Modified"]


def _status_since(url: str, stamp: str) -> int:
    request = urllib.request.Request(url, headers={"If-Modified-Since": stamp})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status
    except urllib.error.HTTPError as answer:  # urllib raises for 304
        return answer.code


def _check_lines(project) -> list[str]:
    """What ``build.py check`` prints for the project, one line a problem."""
    from plugins.cli.check import check_content

    return [str(error) for error in sorted(set(check_content(project.root).errors))]

"""One verdict: every problem ``build.py check`` reports stops ``build.py build`` with the same line.

Each problem type of tests/test_check.py is put into the check project in turn;
the build must fail, print every line check prints, and leave the previous
``site/`` exactly as it was. mkdocs.yml's own problems (broken YAML, a key
MkDocs refuses) are reported in Persian with their line by both.
"""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest

from plugins.cli.check import check_content
from plugins.cli.sitebuild import build_site
from test_check import CASES, ROOT, valid_project

PREVIOUS = {"index.html": b"<html>previous</html>", "clusters/index.html": b"previous clusters"}
CONFIG_CASES = {
    "mkdocs.yml: broken YAML": ("site_name: خوشه\n", "site_name: خوشه\nnav: [\n",
                                ": YAML نادرست: "),
    "mkdocs.yml: a key MkDocs refuses": ("site_name: خوشه\n", "site_name: خوشه\nsite_nmae: x\n",
                                         "mkdocs.yml:2:1: site_nmae: MkDocs این نام را نمی‌شناسد"),
}


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return valid_project(tmp_path_factory.mktemp("verdict") / "project")


def previous_site(root: Path) -> Path:
    site = root / "site"
    for relpath, data in PREVIOUS.items():
        (site / relpath).parent.mkdir(parents=True, exist_ok=True)
        (site / relpath).write_bytes(data)
    return site


def snapshot(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def build(root: Path) -> tuple[int, list[str]]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        code = build_site(root / "mkdocs.yml", root / "site")
    return code, out.getvalue().splitlines()


@contextlib.contextmanager
def broken(path: Path, content: str | bytes):
    original = path.read_bytes()
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    try:
        yield
    finally:
        path.write_bytes(original)


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_every_check_problem_stops_the_build_with_the_same_line(project, case):
    relpath, content, _ = CASES[case]
    site = previous_site(project)
    before = snapshot(site)
    with broken(project / relpath, content):
        lines = check_content(project).lines
        code, output = build(project)
    assert lines, "check found nothing"
    assert code == 1
    assert [line for line in lines if line not in output] == []
    assert "Traceback" not in "\n".join(output)
    assert snapshot(site) == before


@pytest.mark.parametrize("case", CONFIG_CASES, ids=list(CONFIG_CASES))
def test_mkdocs_yml_problems_are_persian_lines_in_check_and_build(project, case):
    old, new, start = CONFIG_CASES[case]
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert old in text
    site = previous_site(project)
    before = snapshot(site)
    with broken(config, text.replace(old, new, 1)):
        lines = check_content(project).lines
        code, output = build(project)
    assert len(lines) == 1 and lines[0].startswith("mkdocs.yml:") and start in lines[0], lines
    assert code == 1
    assert lines[0] in output
    assert snapshot(site) == before


def test_the_valid_project_builds(project):
    assert check_content(project).lines == []
    code, output = build(project)
    assert code == 0, output
    assert (project / "site" / "clusters" / "yazd-safety-test" / "index.html").is_file()
    assert ROOT.is_dir()

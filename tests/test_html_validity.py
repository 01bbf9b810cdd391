"""Valid HTML: the Nu Html Checker (vnu.jar, pinned in tests/package.json) over every page
of the built test site finds no error that stock mkdocs-material does not also make.

Material's own errors are found, not listed: a blank stock Material site with
Khooshe's theme settings (``bench/a11y.py``: language fa, right to left, same
features and palette) is built and checked in the same run, and an error message it
also shows is Material's (today: ``autocomplete`` on the drawer checkbox).
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import a11y  # noqa: E402


@pytest.fixture(scope="module")
def java(node_tools):
    if not shutil.which("java"):
        pytest.skip("Java is not installed: the Nu Html Checker needs it (.ci/run installs default-jre-headless)")


@pytest.fixture(scope="module")
def stock_errors(java, tmp_path_factory):
    return a11y.vnu_errors(a11y.build_stock(tmp_path_factory.mktemp("stock-material")))


def test_no_html_error_that_stock_material_does_not_make(java, shipped_site, stock_errors):
    errors = a11y.vnu_errors(shipped_site.site)
    assert len({error.page for error in errors}) > 150  # every page was checked (Material's error is on each)
    _, ours = a11y.split_by_baseline(errors, stock_errors)
    pages = {error.page for error in ours}
    assert not ours, f"{len(ours)} HTML errors on {len(pages)} pages:\n" + "\n".join(e.line() for e in ours)


def test_the_checker_reports_an_error_and_the_baseline_is_material_s(java, tmp_path, stock_errors):
    # the check itself: an aria-label on a label (Khooshe's old search button) is an error
    (tmp_path / "page.html").write_text(
        '<!doctype html><html lang="fa" dir="rtl"><head><title>آزمون</title></head><body>'
        '<input type="checkbox" id="t"><label for="t" aria-label="جست‌وجو">x</label></body></html>',
        encoding="utf-8")
    errors = a11y.vnu_errors(tmp_path)
    assert [e.page for e in errors] == ["page.html"]
    assert "aria-label" in errors[0].message
    # stock Material's site does have errors of its own, and only a few kinds
    assert stock_errors and len({e.message for e in stock_errors}) <= 3

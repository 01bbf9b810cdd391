"""The benchmark harness (bench/run.py) at N = 200: it runs end to end and reports sane numbers.

Timing thresholds are never asserted here (machines are shared and noisy); the
full benchmark and its targets are in bench/README.md.
"""

from __future__ import annotations

import filecmp
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PYTHON = ROOT / ".venv" / "bin" / "python"
sys.path.insert(0, str(ROOT))

from bench import corpus, run  # noqa: E402


@pytest.fixture(scope="module")
def smoke(tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("bench-out")
    work = tmp_path_factory.mktemp("bench-work")
    python = str(PYTHON if PYTHON.exists() else sys.executable)
    completed = subprocess.run(
        [python, str(ROOT / "bench" / "run.py"), "--smoke", "--out", str(out), "--work", str(work)],
        cwd=ROOT, capture_output=True, text=True, timeout=1800,
    )
    assert completed.returncode == 0, completed.stderr[-4000:]
    return {
        "stdout": completed.stdout,
        "markdown": (out / "results.md").read_text(encoding="utf-8"),
        "json": json.loads((out / "results.json").read_text(encoding="utf-8")),
        "work": work,
    }


def test_smoke_prints_and_writes_the_table_with_every_column(smoke):
    header = "| " + " | ".join(title for _, title in run.COLUMNS) + " |"
    assert header in smoke["stdout"]
    assert header in smoke["markdown"]
    rows = [line for line in smoke["markdown"].splitlines() if line.startswith("| 200 |")]
    assert len(rows) == 1
    assert len(rows[0].strip("|").split("|")) == len(run.COLUMNS)


def test_smoke_numbers_are_sane(smoke):
    (size,) = smoke["json"]["sizes"]
    row = size["row"]
    assert size["counts"] == {"clusters": 20, "news": 160, "publications": 20}
    assert row["pages"] == 200
    for key in ("ratio_warm", "ratio_cold", "khooshe_cold_s", "khooshe_warm_s", "stock_s", "stock_nosearch_s",
                "khooshe_rss_mb", "stock_rss_mb", "khooshe_site_mb", "stock_site_mb", "stock_index_kb",
                "serve_rebuild_khooshe_s", "serve_rebuild_stock_s"):
        assert row[key] is not None and row[key] > 0, key
    # Every synthetic record became a page of the Khooshe site (plus the shipped pages).
    assert row["khooshe_html_pages"] > 200
    # A peak RSS in MB, not in KiB or bytes.
    assert 20 < row["khooshe_rss_mb"] < 4096
    # One cold Khooshe build, then one warm round; stock runs in both rounds.
    assert size["runs"]["khooshe_cold"]["seconds"] > 0
    assert len(size["runs"]["khooshe"]) == 1 and len(size["runs"]["stock"]) == 2


def test_smoke_measures_the_first_query_once_search_has_its_measuring_function(smoke):
    (size,) = smoke["json"]["sizes"]
    if (ROOT / "bench" / "search_first_query.py").exists():
        assert size["row"]["first_query_kb"] and size["row"]["first_query_kb"] > 0, size["first_query"]["note"]
    else:
        assert size["row"]["first_query_kb"] is None
        assert "not there yet" in size["first_query"]["note"]


def test_smoke_leaves_no_temp_projects_behind(smoke):
    assert list(smoke["work"].iterdir()) == []


def test_corpus_split_is_ten_eighty_ten():
    assert corpus.split_counts(200) == (20, 160, 20)
    assert corpus.split_counts(10_000) == (1_000, 8_000, 1_000)
    assert sum(corpus.split_counts(1_234)) == 1_234


def test_corpus_is_deterministic(tmp_path):
    first = corpus.make_khooshe_project(tmp_path / "a", 30, seed=7)
    second = corpus.make_khooshe_project(tmp_path / "b", 30, seed=7)
    assert first.counts == second.counts == {"clusters": 3, "news": 24, "publications": 3}
    for one, two in zip(first.clusters + first.news + first.publications,
                        second.clusters + second.news + second.publications):
        assert one.relative_to(tmp_path / "a") == two.relative_to(tmp_path / "b")
        assert filecmp.cmp(one, two, shallow=False), one


def test_corpus_text_is_persian_from_the_seeds_with_some_defects(tmp_path):
    made = corpus.make_khooshe_project(tmp_path / "p", 200, seed=3, defect_rate=0.5)
    texts = [path.read_text(encoding="utf-8") for path in made.news]
    assert all("خوشه" in text or "توسعه" in text for text in texts[:20])
    damaged = [text for text in texts if "ي" in text or "ك" in text]
    # About half the items carry defects; most of those use Arabic yeh/kaf.
    assert 0.15 * len(texts) < len(damaged) < 0.6 * len(texts)


def test_stock_project_has_every_record_as_a_plain_page_out_of_the_nav(tmp_path):
    made = corpus.make_khooshe_project(tmp_path / "k", 40, seed=5)
    configs = corpus.make_stock_project(tmp_path / "k", tmp_path / "s")
    docs = tmp_path / "s" / "docs"
    for record in made.clusters:
        assert (docs / "clusters" / f"{record.stem}.md").exists()
    for record in made.publications:
        assert (docs / "publications" / f"{record.stem}.md").exists()
    for article in made.news:
        text = (docs / "news" / article.name).read_text(encoding="utf-8")
        assert text.startswith('---\ntitle: "')
    search = configs["search"].read_text(encoding="utf-8")
    assert "- search" in search and "not_in_nav" in search and "custom_dir" not in search
    assert "plugins: []" in configs["nosearch"].read_text(encoding="utf-8")


def test_corpus_passes_the_editors_check(tmp_path):
    """Every synthetic record is valid for its capability's schema (what `build.py check` says)."""
    from plugins.cli.check import check_content

    made = corpus.make_khooshe_project(tmp_path / "p", 200, seed=9, defect_rate=0.5)
    result = check_content(tmp_path / "p")
    assert result.lines == []
    assert result.files >= sum(made.counts.values())

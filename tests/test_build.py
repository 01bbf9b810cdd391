"""Builds editors can trust: nothing half-published, byte-identical output, no traceback.

* A failed build (content error or a bug) leaves the previous site byte for byte.
* Two builds of the same sources are byte-identical, whatever the clock, the
  folder, the hash seed, the time zone or the order files were written in.
* The one optional build stamp (KHOOSHE_BUILD_STAMP) only dates the sitemap.
"""

from __future__ import annotations

import gzip
import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest


ROOT = Path(__file__).resolve().parents[1]
PYTHON = ROOT / ".venv" / "bin" / "python"
SOURCES = ("content", "clusters", "publications")


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file of a folder by relative path, with its bytes."""
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def differences(first: dict[str, bytes], second: dict[str, bytes]) -> list[str]:
    names = sorted(set(first) | set(second))
    return [name for name in names if first.get(name) != second.get(name)]


def build_py(project: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """``python3 build.py`` exactly as an editor runs it (inside .venv, no re-exec)."""
    python = str(PYTHON if PYTHON.exists() else sys.executable)
    environment = {**os.environ, "KHOOSHE_NO_VENV": "1", **(env or {})}
    for name in ("KHOOSHE_BUILD_STAMP", "SOURCE_DATE_EPOCH"):
        if name not in (env or {}):
            environment.pop(name, None)
    return subprocess.run(
        [python, str(ROOT / "build.py"), "--config", str(project / "mkdocs.yml"), *args],
        cwd=project, capture_output=True, text=True, timeout=900, env=environment,
    )


# --------------------------------------------------------------------------- atomic

def test_a_failing_build_leaves_the_previous_site_byte_identical(new_project):
    project = new_project()
    first = project.build()
    assert first.code == 0, first.output
    before = snapshot(first.site)
    page = project.root / "content" / "about" / "index.md"
    page.write_text(page.read_text(encoding="utf-8").replace("title:", "titel:", 1), encoding="utf-8")
    (project.root / "content" / "faq.md").write_text("---\ntitle: پرسش‌ها\ntitle: دوباره\n---\n", encoding="utf-8")

    failed = project.build()

    assert failed.code == 1
    assert "Traceback" not in failed.output
    assert "content/faq.md:3:1: title: این فیلد دو بار آمده است (بار اول در خط 2)" in failed.output
    assert "content/about/index.md:2:1: titel: فیلد ناشناخته است؛ شاید منظور «title» است" in failed.output
    assert "نسخه قبلی site/ دست‌نخورده ماند" in failed.output
    assert differences(before, snapshot(first.site)) == []
    assert sorted(path.name for path in project.root.iterdir() if path.name.startswith(".site")) == []


def test_a_bug_during_the_build_leaves_the_previous_site_too(new_project, monkeypatch):
    from plugins.adapter import safety as safety_plugin

    project = new_project(shipped=False)
    project.write("content/index.md", "---\ntitle: خانه\n---\n\n# خانه\n")
    first = project.build()
    assert first.code == 0, first.output
    before = snapshot(first.site)

    def broken(html: str) -> str:
        raise RuntimeError("a bug, not a content problem")

    monkeypatch.setattr(safety_plugin, "sanitize_editor_html", broken)
    failed = project.build()
    assert failed.code == 1
    assert "Traceback" not in failed.output
    assert "خطای داخلی در ساخت سایت رخ داد (اشکال از محتوا نیست)" in failed.output
    assert differences(before, snapshot(first.site)) == []
    assert [path.name for path in project.root.iterdir() if path.name.startswith(".site")] == []


def test_build_py_reports_a_content_error_without_a_traceback(new_project):
    project = new_project(shipped=False)
    project.write("content/index.md", "---\ntitle: خانه\ntitle: no\n---\n\n# خانه\n")
    completed = build_py(project.root, "build", "--site-dir", str(project.root / "site"))
    assert completed.returncode == 1
    assert "Traceback" not in completed.stdout + completed.stderr
    assert completed.stderr.splitlines()[0] == (
        "content/index.md:3:1: title: این فیلد دو بار آمده است (بار اول در خط 2) (مورد انتظار: هر فیلد فقط یک بار)"
    )
    assert not (project.root / "site").exists()


def test_a_link_to_a_missing_page_is_a_persian_line(new_project):
    project = new_project(shipped=False)
    project.write("content/index.md", "---\ntitle: خانه\n---\n\n# خانه\n\n[پیوند](nothere.md)\n")
    result = project.build()
    assert result.code == 1
    # The build stops on check's own line (one verdict: tests/test_verdict.py), with the line and column.
    assert ("content/index.md:7:9: پیوند: صفحه «nothere.md» پیدا نشد (content/nothere.md نیست) "
            "(مورد انتظار: پیوند نسبی به پرونده .md صفحه، مثل ../programme/index.md یا ../clusters/yazd-ceramic.md)"
            ) in result.output.splitlines()


def test_the_published_site_is_readable_by_a_web_server(new_project):
    project = new_project(shipped=False)
    project.write("content/index.md", "---\ntitle: خانه\n---\n\n# خانه\n")
    result = project.build()
    assert result.code == 0, result.output
    umask = os.umask(0)
    os.umask(umask)
    assert result.site.stat().st_mode & 0o777 == 0o777 & ~umask


@pytest.mark.parametrize("target", ["content", "clusters", ".", "content/about"])
def test_the_build_never_replaces_a_source_folder(new_project, target):
    project = new_project()
    before = snapshot(project.root / "content")
    result = project.build(site_dir=target)
    assert result.code == 1
    assert "یک پوشه جدا بدهید، مثل site" in result.output
    assert differences(before, snapshot(project.root / "content")) == []


def test_the_build_never_replaces_a_folder_that_is_not_a_site(new_project):
    project = new_project(shipped=False)
    project.write("content/index.md", "---\ntitle: خانه\n---\n\n# خانه\n")
    project.write("notes/plan.txt", "نوشته‌های من")
    result = project.build(site_dir="notes")
    assert result.code == 1
    assert (project.root / "notes" / "plan.txt").read_text(encoding="utf-8") == "نوشته‌های من"


# --------------------------------------------------------------------------- deterministic

CLOCK_SHIFT = textwrap.dedent('''
    """Test helper: moves this process's clock by KHOOSHE_TEST_CLOCK_DAYS days."""
    import datetime as _dt
    import os as _os
    import time as _time

    _days = int(_os.environ.get("KHOOSHE_TEST_CLOCK_DAYS", "0"))
    if _days:
        _shift = _days * 86400
        _real_time, _real_time_ns = _time.time, _time.time_ns
        _time.time = lambda: _real_time() + _shift
        _time.time_ns = lambda: _real_time_ns() + _shift * 10**9
        _real_datetime, _real_date = _dt.datetime, _dt.date

        class _Datetime(_real_datetime):
            @classmethod
            def now(cls, tz=None):
                return _real_datetime.now(tz) + _dt.timedelta(days=_days)

            @classmethod
            def utcnow(cls):
                return _real_datetime.utcnow() + _dt.timedelta(days=_days)

            @classmethod
            def today(cls):
                return cls.now()

        class _Date(_real_date):
            @classmethod
            def today(cls):
                return _real_date.today() + _dt.timedelta(days=_days)

        _dt.datetime, _dt.date = _Datetime, _Date
''')


def copy_sources(target: Path, *, reverse: bool) -> Path:
    """The shipped project, its files written in sorted or reverse order (directory order differs)."""
    target.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", target / "overrides")
    files = [path for folder in SOURCES for path in sorted((ROOT / folder).rglob("*")) if path.is_file()]
    for path in reversed(files) if reverse else files:
        destination = target / path.relative_to(ROOT)
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, destination)
    return target


def test_two_builds_of_the_shipped_content_are_byte_identical(tmp_path):
    clock = tmp_path / "clock"
    clock.mkdir()
    (clock / "sitecustomize.py").write_text(CLOCK_SHIFT, encoding="utf-8")
    runs = [
        ("a", False, {"PYTHONHASHSEED": "1", "TZ": "UTC", "LC_ALL": "C.UTF-8"}),
        ("b", True, {"PYTHONHASHSEED": "4242", "TZ": "Asia/Tehran", "LC_ALL": "C",
                     "KHOOSHE_TEST_CLOCK_DAYS": "400", "PYTHONPATH": str(clock)}),
    ]
    sites = []
    for name, reverse, env in runs:
        project = copy_sources(tmp_path / name / "khooshe", reverse=reverse)
        completed = build_py(project, "build", "--site-dir", str(project / "site"), env=env)
        assert completed.returncode == 0, completed.stderr[-3000:]
        sites.append(snapshot(project / "site"))
    first, second = sites
    assert len(first) > 100
    assert differences(first, second) == []
    # Nothing of the machine leaks into the output either.
    for name, data in first.items():
        if name.endswith((".html", ".xml", ".json", ".js", ".css", ".txt")):
            text = data.decode("utf-8", "replace")
            assert str(tmp_path) not in text, name
            assert str(ROOT) not in text, name


def test_the_clock_shift_helper_really_moves_the_clock(tmp_path):
    """The determinism test above proves nothing unless its second build sees another day."""
    (tmp_path / "sitecustomize.py").write_text(CLOCK_SHIFT, encoding="utf-8")
    script = "import datetime, time; print(datetime.date.today().isoformat(), int(time.time()))"
    python = str(PYTHON if PYTHON.exists() else sys.executable)
    shifted = subprocess.run([python, "-c", script], capture_output=True, text=True, check=True,
                             env={**os.environ, "PYTHONPATH": str(tmp_path), "KHOOSHE_TEST_CLOCK_DAYS": "400"})
    plain = subprocess.run([python, "-c", script], capture_output=True, text=True, check=True)
    (shifted_day, shifted_time), (plain_day, plain_time) = shifted.stdout.split(), plain.stdout.split()
    assert shifted_day != plain_day
    assert int(shifted_time) - int(plain_time) >= 399 * 86400


def gzip_mtime(path: Path) -> int:
    return int.from_bytes(path.read_bytes()[4:8], "little")


def test_without_a_stamp_the_sitemap_has_no_dates(new_project, monkeypatch):
    monkeypatch.delenv("KHOOSHE_BUILD_STAMP", raising=False)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    project = new_project(shipped=False)
    project.write("content/index.md", "---\ntitle: خانه\n---\n\n# خانه\n")
    project.write("content/about.md", "---\ntitle: درباره\n---\n\n# درباره\n")
    result = project.build()
    assert result.code == 0, result.output
    sitemap = (result.site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://khooshe.example.org/about/</loc>" in sitemap
    assert "lastmod" not in sitemap
    assert gzip_mtime(result.site / "sitemap.xml.gz") == 0
    assert gzip.decompress((result.site / "sitemap.xml.gz").read_bytes()).decode("utf-8") == sitemap


@pytest.mark.parametrize(("stamp", "day", "epoch"), [
    ("1398-05-01", "2019-07-23", 1563840000),  # Jalali, like every Khooshe date
    ("2025-11-23", "2025-11-23", 1763856000),
])
def test_the_build_stamp_dates_the_sitemap_only(new_project, monkeypatch, stamp, day, epoch):
    monkeypatch.setenv("KHOOSHE_BUILD_STAMP", stamp)
    project = new_project(shipped=False)
    project.write("content/index.md", "---\ntitle: خانه\n---\n\n# خانه\n")
    project.write("content/about.md", "---\ntitle: درباره\n---\n\n# درباره\n")
    stamped = project.build()
    assert stamped.code == 0, stamped.output
    sitemap = (stamped.site / "sitemap.xml").read_text(encoding="utf-8")
    dates = re.findall(r"<lastmod>([^<]*)</lastmod>", sitemap)
    assert len(dates) == sitemap.count("<loc>") >= 2 and set(dates) == {day}
    assert gzip_mtime(stamped.site / "sitemap.xml.gz") == epoch
    with_stamp = snapshot(stamped.site)
    monkeypatch.delenv("KHOOSHE_BUILD_STAMP")
    plain = project.build()
    assert differences(with_stamp, snapshot(plain.site)) == ["sitemap.xml", "sitemap.xml.gz"]


def test_a_bad_build_stamp_is_a_persian_line(new_project, monkeypatch):
    monkeypatch.setenv("KHOOSHE_BUILD_STAMP", "1405-13-01")
    project = new_project(shipped=False)
    project.write("content/index.md", "---\ntitle: خانه\n---\n\n# خانه\n")
    result = project.build()
    assert result.code == 1
    assert ("KHOOSHE_BUILD_STAMP=1405-13-01: ماه ۱۳ در تقویم خورشیدی نیست "
            "(مورد انتظار: تاریخ به شکل سال-ماه-روز، مثل 2026-11-23 یا 1405-09-02)") in result.output


def test_an_empty_source_date_epoch_is_no_stamp(new_project, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "")
    monkeypatch.delenv("KHOOSHE_BUILD_STAMP", raising=False)
    project = new_project(shipped=False)
    project.write("content/index.md", "---\ntitle: خانه\n---\n\n# خانه\n")
    result = project.build()
    assert result.code == 0, result.output
    assert "lastmod" not in (result.site / "sitemap.xml").read_text(encoding="utf-8")

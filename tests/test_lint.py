"""``build.py lint [--fix]``: every defect at its line, fixes that touch only prose, idempotent."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from plugins.model.dates import to_persian_digits
from plugins.cli.lint import changed_places, run_lint

ROOT = Path(__file__).resolve().parents[1]

PAGE = """\
---
title: راهنماي خوشه ها
date: 1398-05-01
hide: [toc]
---

# توسعه خوشههاي صنعتي

متن درست بدون مشکل.
اين متن مي شود و `كد ها` و [پیوند](https://example.com/a_b) دارد.

```text
كد ها مي شود
```

| استان | تعداد |
|---|---|
| يزد | ٤٢ |
"""

PAGE_FIXED = """\
---
title: راهنمای خوشه‌ها
date: 1398-05-01
hide: [toc]
---

# توسعه خوشه‌های صنعتی

متن درست بدون مشکل.
این متن می‌شود و `كد ها` و [پیوند](https://example.com/a_b) دارد.

```text
كد ها مي شود
```

| استان | تعداد |
|---|---|
| یزد | ۴۲ |
"""

CLUSTER = """\
# خوشه سرامیک یزد — كامنت با ي عربی می‌ماند
id: yazd-ceramic
name: "خوشه سراميك يزد"
province: yazd
summary: >-
  خوشه اي در يزد كه واحدهاي آن
  سرامیک می سازند.
established: 1380   # سال تأسیس
sources:
  - title: 'گزارش سازمان ها'
    url: https://example.com/گزارش_ها
"""

CLUSTER_FIXED = """\
# خوشه سرامیک یزد — كامنت با ي عربی می‌ماند
id: yazd-ceramic
name: "خوشه سرامیک یزد"
province: yazd
summary: >-
  خوشه‌ای در یزد که واحدهای آن
  سرامیک می‌سازند.
established: 1380   # سال تأسیس
sources:
  - title: 'گزارش سازمان‌ها'
    url: https://example.com/گزارش_ها
"""

EXPECTED_REPORT = [
    'clusters/yazd/ceramic.yml:3: سراميك يزد" → سرامیک یزد"',
    "clusters/yazd/ceramic.yml:6: خوشه اي → خوشه‌ای",
    "clusters/yazd/ceramic.yml:6: يزد كه واحدهاي → یزد که واحدهای",
    "clusters/yazd/ceramic.yml:7: می سازند. → می‌سازند.",
    "clusters/yazd/ceramic.yml:10: سازمان ها' → سازمان‌ها'",
    "content/guide/a.md:2: راهنماي خوشه ها → راهنمای خوشه‌ها",
    "content/guide/a.md:7: خوشههاي صنعتي → خوشه‌های صنعتی",
    "content/guide/a.md:10: اين → این",
    "content/guide/a.md:10: مي شود → می‌شود",
    "content/guide/a.md:18: يزد → یزد",
    "content/guide/a.md:18: ٤٢ → ۴۲",
]


@pytest.fixture
def project(tmp_path):
    root = tmp_path / "site-root"
    (root / "content" / "guide").mkdir(parents=True)
    (root / "clusters" / "yazd").mkdir(parents=True)
    (root / "publications").mkdir()
    (root / "content" / "guide" / "a.md").write_text(PAGE, encoding="utf-8")
    (root / "content" / "guide" / "clean.md").write_text("---\ntitle: پاک\n---\n\n# متن پاک\n", encoding="utf-8")
    (root / "clusters" / "yazd" / "ceramic.yml").write_text(CLUSTER, encoding="utf-8")
    (root / "publications" / "clean.yml").write_text("title: کتاب‌ها\nyear: 1385\n", encoding="utf-8")
    return root


def lint(root: Path, *paths: str, fix: bool = False) -> tuple[int, list[str]]:
    out = io.StringIO()
    code = run_lint(root, fix=fix, paths=list(paths), out=out)
    return code, out.getvalue().splitlines()


def test_lint_lists_every_defect_at_its_line_and_fails(project):
    code, lines = lint(project)
    assert code == 1
    assert lines[:-1] == EXPECTED_REPORT
    assert lines[-1] == "۱۱ مورد متن نایکدست پیدا شد؛ python3 build.py lint --fix آن‌ها را درست می‌کند."
    # linting never writes
    assert (project / "content/guide/a.md").read_text(encoding="utf-8") == PAGE


def test_fix_rewrites_only_prose_and_a_second_fix_changes_nothing(project):
    code, lines = lint(project, fix=True)
    assert code == 0
    assert lines[:-1] == EXPECTED_REPORT
    assert lines[-1] == "۱۱ مورد در ۲ پرونده درست شد."
    assert (project / "content/guide/a.md").read_text(encoding="utf-8") == PAGE_FIXED
    assert (project / "clusters/yazd/ceramic.yml").read_text(encoding="utf-8") == CLUSTER_FIXED
    snapshot = {path: path.read_bytes() for path in project.rglob("*") if path.is_file() and ".cache" not in path.parts}

    code, lines = lint(project, fix=True)
    assert code == 0
    assert lines == ["همه ۴ پرونده نرمال است."]
    assert {path: path.read_bytes() for path in snapshot} == snapshot
    assert lint(project) == (0, ["همه ۴ پرونده نرمال است."])


def test_paths_narrow_the_scan(project):
    code, lines = lint(project, "content/guide/clean.md", str(project / "publications"))
    assert (code, lines) == (0, ["همه ۲ پرونده نرمال است."])
    code, lines = lint(project, "clusters")
    assert code == 1 and lines[:-1] == EXPECTED_REPORT[:5]
    assert lint(project, "no/such/file.md") == (2, ["«no/such/file.md» پیدا نشد"])


def test_bom_crlf_and_tabs_are_reported_and_fixed(project):
    path = project / "publications" / "traps.yml"
    path.write_bytes("\ufefftitle: کتاب\r\nauthors:\r\n\t- مجیدی\r\n".encode("utf-8"))
    code, lines = lint(project, "publications/traps.yml")
    assert code == 1
    assert lines[:-1] == [
        "publications/traps.yml:1: نشانه BOM در آغاز پرونده → UTF-8 بدون BOM",
        "publications/traps.yml:1: پایان خط ویندوزی (CRLF) → پایان خط LF",
        "publications/traps.yml:3: تورفتگی با Tab → تورفتگی با دو فاصله",
    ]
    assert lint(project, "publications/traps.yml", fix=True)[0] == 0
    assert path.read_bytes() == "title: کتاب\nauthors:\n  - مجیدی\n".encode("utf-8")


def test_a_value_that_cannot_be_fixed_in_its_quoting_is_left_and_reported(project):
    path = project / "clusters" / "colon.yml"
    path.write_text("name: خوشه:كاشان\nother: كتاب ها\n", encoding="utf-8")
    code, lines = lint(project, "clusters/colon.yml", fix=True)
    assert code == 1
    assert lines[:2] == [
        "clusters/colon.yml:1: name: خوشه:كاشان → نثر فارسی نایکدست "
        "(خودکار درست نمی‌شود: مقدار را در گیومه بگذارید یا با دست درست کنید)",
        "clusters/colon.yml:2: كتاب ها → کتاب‌ها",
    ]
    assert path.read_text(encoding="utf-8") == "name: خوشه:كاشان\nother: کتاب‌ها\n"


def test_unreadable_files_are_reported_not_fixed(project):
    (project / "clusters" / "latin1.yml").write_bytes("name: caf\xe9\n".encode("latin-1"))
    (project / "clusters" / "broken.yml").write_text("name: [خوشه ها\n", encoding="utf-8")
    code, lines = lint(project, "clusters/latin1.yml", "clusters/broken.yml", fix=True)
    assert code == 1
    assert "clusters/latin1.yml: با رمزگذاری UTF-8 ذخیره نشده است؛ آن را با UTF-8 ذخیره کنید" in lines
    assert any(line.startswith("clusters/broken.yml: متن YAML خوانده نشد") for line in lines)
    assert (project / "clusters" / "broken.yml").read_text(encoding="utf-8") == "name: [خوشه ها\n"


@pytest.mark.parametrize("old, new, places", [
    ("خوشه ها و كتاب", "خوشه‌ها و کتاب", [("خوشه ها", "خوشه‌ها"), ("كتاب", "کتاب")]),
    ("خوشه  صنعتی", "خوشه صنعتی", [("خوشه  صنعتی", "خوشه صنعتی")]),
    ("متن . بعد", "متن. بعد", [("متن .", "متن.")]),
])
def test_changed_places_are_readable(old, new, places):
    assert changed_places(old, new) == places


def test_build_py_lint_on_the_shipped_sources_runs(tmp_path):
    """The command editors run: Persian output, exit status 0 or 1, never a traceback."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "lint", "content/about"],
        capture_output=True, text=True, cwd=ROOT, env={"KHOOSHE_NO_VENV": "1", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode in (0, 1), result.stderr
    assert "Traceback" not in result.stderr
    assert "پرونده" in result.stdout or "مورد" in result.stdout


def test_fix_restores_the_shipped_sources_after_pasting_them_with_arabic_letters(tmp_path):
    """Every shipped page and record, its ی/ک turned into Arabic ي/ك: --fix brings back the normal form.

    Only code, URLs, YAML comments and the like keep the pasted letters — the normalizer
    never touches them — so the two fixed versions differ in nothing else.
    """
    import shutil

    clean, pasted = tmp_path / "clean", tmp_path / "pasted"
    for root in (clean, pasted):
        for folder in ("content", "clusters", "publications"):
            shutil.copytree(ROOT / folder, root / folder, ignore=shutil.ignore_patterns("assets"))
    sources = [path for path in sorted(pasted.rglob("*")) if path.suffix in (".md", ".yml")]
    assert len(sources) > 30
    for path in sources:
        path.write_text(path.read_text(encoding="utf-8").replace("ی", "ي").replace("ک", "ك"), encoding="utf-8")

    assert lint(clean, fix=True)[0] == 0
    code, lines = lint(pasted)
    assert code == 1 and len(lines) > 100
    assert lint(pasted, fix=True)[0] == 0
    assert lint(pasted, fix=True) == (0, [f"همه {to_persian_digits(len(sources))} پرونده نرمال است."])
    for path in sources:
        fixed = path.read_text(encoding="utf-8")
        expected = (clean / path.relative_to(pasted)).read_text(encoding="utf-8")
        assert len(fixed) == len(expected), path
        differences = {(a, b) for a, b in zip(fixed, expected) if a != b}
        assert differences <= {("ي", "ی"), ("ك", "ک")}, (path, differences)

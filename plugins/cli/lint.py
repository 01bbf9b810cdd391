"""``build.py lint [--fix] [paths…]``: where editors' sources are not normalized Persian.

Scans ``content/**/*.md`` (front matter values and Markdown prose),
``clusters/**/*.yml`` and ``publications/**/*.yml`` (string values with Persian
prose) and prints one line per place::

    content/news/x.md:12: خوشههاي صنعتي → خوشه‌های صنعتی

It compares each file with its *source form* (``for_display=False``: Latin digits
stay as typed, Arabic-Indic ones become Persian). The file-level traps the YAML
loader reports with "lint --fix fixes it" — a BOM, Windows line ends, tabs in YAML
indentation — are listed and fixed here too. ``--fix`` rewrites the files in
place, touching nothing but those: YAML comments, key order, quoting and every
byte of markup stay. Fixing repeats until the file no longer changes, so a second
``--fix`` finds nothing. Exit status: 1 when something is (still) not normalized,
0 otherwise; 2 for a path that does not exist.
"""

from __future__ import annotations

import difflib
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from plugins.model import text as pipeline
from plugins.model.digits import to_persian_digits
from plugins.model.yamlio import front_matter_parts, relative_path

SOURCE_GLOBS = (("content", "*.md"), ("clusters", "*.yml"), ("clusters", "*.yaml"),
                ("publications", "*.yml"), ("publications", "*.yaml"))
LINT_SUFFIXES = (".md", ".yml", ".yaml")
MAX_ROUNDS = 5
_BOM = "\ufeff"
_TOKEN_RE = re.compile(r"\s+|\S+")
_SNIPPET = 70


@dataclass
class Finding:
    line: int  # 1-based
    before: str
    after: str
    fixable: bool = True

    def format(self, relpath: str) -> str:
        text = f"{relpath}:{self.line}: {self.before} → {self.after}"
        if not self.fixable:
            text += " (خودکار درست نمی‌شود: مقدار را در گیومه بگذارید یا با دست درست کنید)"
        return text


@dataclass
class FileResult:
    relpath: str
    original: str
    fixed: str
    findings: list[Finding] = field(default_factory=list)
    error: str = ""  # the file could not be read or parsed

    @property
    def changed(self) -> bool:
        return self.fixed != self.original


# --------------------------------------------------------------------------- one file


def _expand_tabs_in_indentation(text: str) -> str:
    lines = []
    for line in text.split("\n"):
        indent = len(line) - len(line.lstrip(" \t"))
        lines.append(line[:indent].replace("\t", "  ") + line[indent:])
    return "\n".join(lines)


def _yaml_parses(text: str) -> bool:
    import yaml

    try:
        yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return False
    return True


def _normalize_source(text: str, is_yaml: bool) -> str:
    normalize = (lambda value: pipeline.normalize_yaml(value, for_display=False)) if is_yaml else (
        lambda value: pipeline.normalize_markdown(value, for_display=False)
    )
    for _round in range(MAX_ROUNDS):
        normalized = normalize(text)
        if normalized == text:
            break
        text = normalized
    return text


def lint_text(original: str, relpath: str) -> FileResult:
    """Findings for one file's text (already decoded) and its fixed form."""
    is_yaml = relpath.endswith((".yml", ".yaml"))
    findings: list[Finding] = []
    text = original
    if text.startswith(_BOM):
        findings.append(Finding(1, "نشانه BOM در آغاز پرونده", "UTF-8 بدون BOM"))
        text = text[1:]
    if "\r" in text:
        line = text[: text.index("\r")].count("\n") + 1
        findings.append(Finding(line, "پایان خط ویندوزی (CRLF)", "پایان خط LF"))
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if is_yaml:
        tab_lines = [number for number, line in enumerate(text.split("\n"), 1)
                     if "\t" in line[: len(line) - len(line.lstrip(" \t"))]]
        if tab_lines:
            expanded = _expand_tabs_in_indentation(text)
            fixable = _yaml_parses(expanded)
            for number in tab_lines:
                findings.append(Finding(number, "تورفتگی با Tab", "تورفتگی با دو فاصله", fixable))
            if fixable:
                text = expanded
        if not _yaml_parses(text):
            result = FileResult(relpath, original, text, findings)
            result.error = f"{relpath}: متن YAML خوانده نشد؛ نخست خطای آن را درست کنید (python3 build.py check)"
            return result
    normalized = _normalize_source(text, is_yaml)
    findings.extend(_line_findings(text, normalized))
    yaml_text, first_line = (normalized, 0) if is_yaml else _front_matter(normalized)
    for line in pipeline.yaml_unfixable_lines(yaml_text):
        findings.append(Finding(first_line + line + 1, _snippet(yaml_text.split("\n")[line]),
                                "نثر فارسی نایکدست", fixable=False))
    findings.sort(key=lambda finding: finding.line)
    return FileResult(relpath, original, normalized, findings)


def _front_matter(markdown: str) -> tuple[str, int]:
    """(front matter YAML, index of its first line) of a Markdown source; ("", 0) when none."""
    front = front_matter_parts(markdown).front_matter
    return ("", 0) if front is None else (front, 1)


def _snippet(text: str) -> str:
    text = text.strip()
    return text if len(text) <= _SNIPPET else text[: _SNIPPET - 1] + "…"


def _line_findings(before: str, after: str) -> list[Finding]:
    before_lines, after_lines = before.split("\n"), after.split("\n")
    if len(before_lines) != len(after_lines):  # never happens: normalization keeps lines
        return [Finding(1, "پرونده", "نسخه نرمال‌شده")]
    findings = []
    for number, (old, new) in enumerate(zip(before_lines, after_lines), start=1):
        if old != new:
            findings.extend(Finding(number, a, b) for a, b in changed_places(old, new))
    return findings


def changed_places(old: str, new: str) -> list[tuple[str, str]]:
    """The places where two versions of a line differ, as readable (before, after) word spans.

    A change of spaces alone is shown with the words on both sides of it; changed words
    with only a space between them are one place.
    """
    old_tokens, new_tokens = _TOKEN_RE.findall(old), _TOKEN_RE.findall(new)
    matcher = difflib.SequenceMatcher(None, old_tokens, new_tokens, autojunk=False)
    places: list[list[int]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if not "".join(old_tokens[i1:i2] + new_tokens[j1:j2]).strip():
            if i1 > 0 and j1 > 0:
                i1, j1 = i1 - 1, j1 - 1
            if i2 < len(old_tokens) and j2 < len(new_tokens):
                i2, j2 = i2 + 1, j2 + 1
        if places and (i1 <= places[-1][1] or (i1 == places[-1][1] + 1 and old_tokens[i1 - 1].isspace())):
            places[-1][1], places[-1][3] = max(places[-1][1], i2), max(places[-1][3], j2)
        else:
            places.append([i1, i2, j1, j2])
    return [
        (_snippet("".join(old_tokens[i1:i2])) or "«»", _snippet("".join(new_tokens[j1:j2])) or "«»")
        for i1, i2, j1, j2 in places
    ]


# --------------------------------------------------------------------------- files


def source_files(root: Path, paths: list[str]) -> tuple[list[Path], list[str]]:
    """The files to lint (sorted) and the arguments that name nothing."""
    missing: list[str] = []
    found: set[Path] = set()
    if not paths:
        for folder, pattern in SOURCE_GLOBS:
            base = root / folder
            if base.is_dir():
                found.update(path for path in base.rglob(pattern) if path.is_file())
        return sorted(found), missing
    for argument in paths:
        candidate = Path(argument)
        if not candidate.is_absolute() and (root / argument).exists():
            candidate = root / argument  # relative to the project first, then to the current folder
        if candidate.is_dir():
            found.update(path for path in candidate.rglob("*") if path.suffix in LINT_SUFFIXES and path.is_file())
        elif candidate.is_file():
            found.add(candidate)
        else:
            missing.append(argument)
    return sorted(found, key=lambda path: path.resolve()), missing


def lint_file(path: Path, root: Path) -> FileResult:
    relpath = relative_path(path, root)
    raw = path.read_bytes()
    try:
        original = raw.decode("utf-8")
    except UnicodeDecodeError:
        result = FileResult(relpath, "", "")
        result.error = f"{relpath}: با رمزگذاری UTF-8 ذخیره نشده است؛ آن را با UTF-8 ذخیره کنید"
        return result
    return lint_text(original, relpath)


def run_lint(root: Path, fix: bool, paths: list[str], out: TextIO | None = None) -> int:
    """Print every non-normalized place; with ``fix`` rewrite the files. Returns the exit status."""
    out = out or sys.stdout
    root = Path(root)
    pipeline.configure_cache(root / ".cache" / "khooshe")
    files, missing = source_files(root, paths)
    for argument in missing:
        print(f"«{argument}» پیدا نشد", file=out)
    if missing:
        return 2
    remaining = fixed_places = fixed_files = problems = 0
    for path in files:
        result = lint_file(path, root)
        if result.error:
            print(result.error, file=out)
            problems += 1
        for finding in result.findings:
            print(finding.format(result.relpath), file=out)
            if fix and finding.fixable and not result.error:
                fixed_places += 1
            else:
                remaining += 1
        if fix and result.changed and not result.error:
            path.write_bytes(result.fixed.encode("utf-8"))
            fixed_files += 1
    pipeline.flush_cache()
    count = to_persian_digits
    if fix:
        if fixed_places:
            print(f"{count(fixed_places)} مورد در {count(fixed_files)} پرونده درست شد.", file=out)
        if remaining or problems:
            print(f"{count(remaining + problems)} مورد را باید با دست درست کنید.", file=out)
        elif not fixed_places:
            print(f"همه {count(len(files))} پرونده نرمال است.", file=out)
        return 1 if remaining or problems else 0
    if remaining or problems:
        print(
            f"{count(remaining + problems)} مورد متن نایکدست پیدا شد؛ "
            "python3 build.py lint --fix آن‌ها را درست می‌کند.",
            file=out,
        )
        return 1
    print(f"همه {count(len(files))} پرونده نرمال است.", file=out)
    return 0

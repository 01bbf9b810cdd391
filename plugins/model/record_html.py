"""The HTML policy (plugins/model/HTML.md) in every text value of every record file.

Record text reaches pages through templates that escape it, so a ``<script>`` in a
cluster's product would show as text; it is still reported, because an editor who
wrote it meant something else, and ``build.py check`` and the build must agree.
Only files that could hold HTML are parsed a second time.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterable

from plugins.model.errors import ContentError
from plugins.model.filememo import per_file
from plugins.model.html_policy import find_unsafe_html, unsafe_html_errors
from plugins.model.yamlio import YamlList, YamlMap, front_matter_parts, load_yaml_file, parse_yaml, read_source, relative_path

# Text that could hold HTML worth a second look; files without it are not re-read.
_SUSPICIOUS = re.compile(rb"<[A-Za-z/!]|script:|\bon[a-z]+\s*=", re.I)


def record_html_errors(kinds: Iterable[Any], root: Path, docs_dir: str) -> list[ContentError]:
    errors: list[ContentError] = []
    for kind in kinds:
        for path in kind.record_paths(root, docs_dir):
            check = _front_matter_html if path.suffix == ".md" else _yaml_html
            errors.extend(per_file(path, "record html", str(root), lambda: check(path, root)))
    return errors


def _yaml_html(path: Path, root: Path) -> list[ContentError]:
    raw = path.read_bytes()
    if not _SUSPICIOUS.search(raw):
        return []
    data, problems = load_yaml_file(path, root)
    if data is None or problems:
        return []  # the kind's loader reports the file's problems
    return values_html(data, relative_path(path, root), raw.decode("utf-8"))


def _front_matter_html(path: Path, root: Path) -> list[ContentError]:
    raw = path.read_bytes()
    if not _SUSPICIOUS.search(raw.split(b"\n---", 1)[0]):
        return []
    text, problems = read_source(path, root, yaml_file=False)
    if text is None or problems:
        return []
    front = front_matter_parts(text).front_matter
    if front is None:
        return []
    relpath = relative_path(path, root)
    data, problems = parse_yaml(front, relpath, line_offset=1)
    return values_html(data, relpath, text) if isinstance(data, YamlMap) and not problems else []


def values_html(data: Any, relpath: str, text: str) -> list[ContentError]:
    """HTML policy breaks in every string of a parsed YAML document, at their file position."""
    errors: list[ContentError] = []
    lines = text.split("\n")

    def visit(value: Any, name: str, line: int, column: int) -> None:
        if isinstance(value, YamlMap):
            for key, item in value.items():
                visit(item, f"{name}.{key}" if name else str(key), *value.position(key))
        elif isinstance(value, YamlList):
            for index, item in enumerate(value):
                visit(item, name, *value.position(index))
        elif isinstance(value, str) and find_unsafe_html(value):
            source = lines[line - 1] if 0 < line <= len(lines) else ""
            block = source[column - 1:column].strip() in ("|", ">")
            first_line, first_column = (line + 1, 1) if block else (line, column)
            errors.extend(unsafe_html_errors(value, relpath, first_line, name, first_column))

    visit(data, "", *(data.start if isinstance(data, (YamlMap, YamlList)) else (1, 1)))
    return errors

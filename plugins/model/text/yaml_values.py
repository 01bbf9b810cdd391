"""A YAML document's Persian string values normalized in place, its structure kept.

Keys, comments, key order, quoting, indentation and line structure stay as they
are: each scalar's source text is rewritten line by line, then the document is
parsed again and must have the same shape, with values changed only where
edited. An edit that would change the structure (``متن:متن`` → ``متن: متن`` in a
plain scalar) is left out and its line reported.
"""

from __future__ import annotations

import re
from typing import Any, Iterator

from plugins.model.text.characters import needs_work
from plugins.model.text.inline import normalize_inline
from plugins.model.text.runs import apply_edits

_STR_TAG = "tag:yaml.org,2002:str"
_LEADING_SPACE_RE = re.compile(r"[ \t]*")


def _compose(text: str):
    import yaml

    try:  # libyaml's parser when present: its marks are character offsets too
        return yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return None


def _value_scalars(node, seen: set[int]) -> Iterator[Any]:
    if id(node) in seen:
        return
    seen.add(id(node))
    kind = type(node).__name__
    if kind == "ScalarNode":
        yield node
    elif kind == "MappingNode":
        for _key, value in node.value:
            yield from _value_scalars(value, seen)
    elif kind == "SequenceNode":
        for item in node.value:
            yield from _value_scalars(item, seen)


def _normalize_scalar_line(content: str, style: str | None, display: bool) -> str:
    if style == "'":
        return "''".join(normalize_inline(piece, display) for piece in content.split("''"))
    return normalize_inline(content, display)


def _normalize_scalar_source(source: str, style: str | None, display: bool) -> str:
    """The source text of one scalar with its prose normalized, line by line."""
    lines = source.split("\n")
    # a block scalar's first line is its header (| or > with indicators and maybe a comment)
    head, body = (lines[:1], lines[1:]) if style in ("|", ">") else ([], lines)
    out = list(head)
    for number, line in enumerate(body):
        prefix = _LEADING_SPACE_RE.match(line).end()
        content = line[prefix:]
        opening = closing = ""
        if style in ("'", '"'):
            if number == 0 and content.startswith(style):
                opening, content = style, content[1:]
            if number == len(body) - 1 and content.endswith(style):
                closing, content = style, content[:-1]
        out.append(line[:prefix] + opening + _normalize_scalar_line(content, style, display) + closing)
    return "\n".join(out)


def _same_structure(old, new, edited: dict[int, str | None], seen: set | None = None) -> bool:
    """Both node trees have the same shape, and values changed only where edited."""
    seen = set() if seen is None else seen
    if (id(old), id(new)) in seen:  # an alias met again
        return True
    seen.add((id(old), id(new)))
    if type(old) is not type(new) or old.tag != new.tag:
        return False
    kind = type(old).__name__
    if kind == "ScalarNode":
        if id(old) in edited:
            expected = edited[id(old)]
            return expected is None or new.value == expected
        return old.value == new.value
    if len(old.value) != len(new.value):
        return False
    if kind == "MappingNode":
        return all(
            _same_structure(old_key, new_key, edited, seen) and _same_structure(old_value, new_value, edited, seen)
            for (old_key, old_value), (new_key, new_value) in zip(old.value, new.value)
        )
    return all(_same_structure(a, b, edited, seen) for a, b in zip(old.value, new.value))


def _expected_value(new_source: str, style: str | None) -> str | None:
    """The value a one-line plain or single-quoted scalar must have after the edit."""
    if "\n" in new_source:
        return None
    if style is None:
        return new_source
    if style == "'":
        return new_source[1:-1].replace("''", "'")
    return None


_Edit = tuple[Any, int, int, str]  # (scalar node, start, end, new source)


def _scalar_edits(text: str, root, display: bool) -> list[_Edit]:
    edits: list[_Edit] = []
    for node in _value_scalars(root, set()):
        if node.tag != _STR_TAG or not needs_work(node.value, display):
            continue
        start, end = node.start_mark.index, node.end_mark.index
        source = text[start:end]
        new_source = _normalize_scalar_source(source, node.style, display)
        if new_source != source:
            edits.append((node, start, end, new_source))
    return edits


def _applied(text: str, root, chosen: list[_Edit]) -> str | None:
    """``text`` with the chosen edits, or None when they change the document's structure."""
    candidate = apply_edits(text, [(start, end, new) for _node, start, end, new in chosen])
    new_root = _compose(candidate)
    expected = {id(node): _expected_value(new, node.style) for node, _start, _end, new in chosen}
    if new_root is not None and _same_structure(root, new_root, expected):
        return candidate
    return None


def normalize_yaml_values(text: str, display: bool) -> tuple[str, list[int]]:
    """(the document with its values normalized, 1-based lines of values that had to be left)."""
    if not needs_work(text, display):
        return text, []
    root = _compose(text)
    if root is None:
        return text, []
    edits = _scalar_edits(text, root, display)
    if not edits:
        return text, []
    result = _applied(text, root, edits)
    if result is not None:
        return result, []
    accepted: list[_Edit] = []
    rejected: list[int] = []
    for edit in edits:
        if _applied(text, root, accepted + [edit]) is not None:
            accepted.append(edit)
        else:
            rejected.append(edit[0].start_mark.line + 1)
    return apply_edits(text, [(start, end, new) for _node, start, end, new in accepted]), rejected

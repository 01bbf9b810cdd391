"""mkdocs.yml as the content model sees it: read whatever its tags, every YAML problem in Persian.

MkDocs reports a broken mkdocs.yml in English without a line; ``build.py check``
and the build report it here first, as ``mkdocs.yml:line:column: …`` lines. The
keys MkDocs itself accepts are the adapter's to say (plugins/cli/check.py asks
MkDocs' own config schema); this module only reads.
"""

from __future__ import annotations

import copy
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

import yaml

from plugins.model.errors import ContentError


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml's structure whatever its tags (!ENV, !!python/name …)."""


def _tag_value(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        values = loader.construct_sequence(node)
        return values[-1] if suffix == "ENV" and values else values  # !ENV [NAME, default] → the default
    return loader.construct_mapping(node)


_TolerantLoader.add_multi_constructor("", _tag_value)
_TolerantLoader.add_multi_constructor("!", _tag_value)


def read_mkdocs_yml(path: Path) -> tuple[dict[str, Any], list[ContentError]]:
    """(the mapping, problems); an empty mapping when the file cannot be read."""
    node, errors = compose_mkdocs_yml(path)
    if node is None:
        return {}, errors
    try:
        data = copy.deepcopy(_construct(node))
    except yaml.YAMLError:
        return {}, errors
    if not isinstance(data, dict):
        return {}, errors + [ContentError(path.name, 1, 1, message="mkdocs.yml باید نگاشتی از نام‌ها به مقدارها باشد",
                                          expected="خط‌هایی مثل «site_name: خوشه»")]
    return data, errors


def compose_mkdocs_yml(path: Path) -> tuple[yaml.Node | None, list[ContentError]]:
    """The YAML node tree (positions kept), or None with the problem as a Persian line."""
    if not path.is_file():
        return None, []
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None, [ContentError(path.name, message="mkdocs.yml خواندنی نیست یا UTF-8 نیست")]
    node, errors = _compose(text, path.name)
    return node, list(errors)


# Check, the build and the preview read mkdocs.yml several times per build: each text is parsed once.
@lru_cache(maxsize=4)
def _construct(node: yaml.Node) -> Any:
    return _TolerantLoader(yaml.serialize(node)).get_single_data()


@lru_cache(maxsize=4)
def _compose(text: str, name: str) -> tuple[yaml.Node | None, tuple[ContentError, ...]]:
    """The node tree of mkdocs.yml's text (callers only read it)."""
    try:
        return yaml.compose(text, Loader=_TolerantLoader), ()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        return None, (ContentError(name, line, column, message=f"YAML نادرست: {_persian_problem(exc)}",
                                   expected="تورفتگی با فاصله، «نام: مقدار» در هر خط، گیومه‌های بسته"),)
    except yaml.YAMLError:
        return None, (ContentError(name, message="YAML نادرست"),)


def _persian_problem(exc: yaml.MarkedYAMLError) -> str:
    problem = exc.problem or ""
    known = {
        "mapping values are not allowed here": "«:» در جای نادرست آمده است",
        "found character '\\t' that cannot start any token": "نویسه Tab پذیرفته نیست",
        "could not find expected ':'": "«:» پس از نام پیدا نشد",
        "found undefined alias": "ارجاع YAML ناشناخته",
    }
    for english, persian in known.items():
        if problem.startswith(english):
            return persian
    return "ساختار پرونده خوانده نشد"


def key_positions(node: yaml.Node | None) -> dict[str, tuple[int, int]]:
    """Top-level key → (line, column) of a composed mkdocs.yml."""
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {key.value: (key.start_mark.line + 1, key.start_mark.column + 1)
            for key, _ in node.value if isinstance(key, yaml.ScalarNode)}


def mapping_value(node: yaml.Node | None, key: str) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
                return value_node
    return None


def scalars(node: yaml.Node | None) -> Iterable[yaml.ScalarNode]:
    """Every scalar value of a tree (keys, e.g. nav titles, are skipped)."""
    if isinstance(node, yaml.ScalarNode):
        yield node
    elif isinstance(node, yaml.SequenceNode):
        for child in node.value:
            yield from scalars(child)
    elif isinstance(node, yaml.MappingNode):
        for _, value in node.value:
            yield from scalars(value)


def plugin_entries(node: yaml.Node | None) -> list[tuple[str, int, int]]:
    """(name, line, column) of every plugin named in ``plugins:``."""
    entries = []
    plugins = mapping_value(node, "plugins")
    items: list[yaml.Node] = []
    if isinstance(plugins, yaml.SequenceNode):
        items = plugins.value
    elif isinstance(plugins, yaml.MappingNode):
        items = [key for key, _ in plugins.value]
    for item in items:
        name_node = item.value[0][0] if isinstance(item, yaml.MappingNode) and item.value else item
        if isinstance(name_node, yaml.ScalarNode):
            entries.append((name_node.value, name_node.start_mark.line + 1, name_node.start_mark.column + 1))
    return entries

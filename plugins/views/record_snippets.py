"""Record text that must never reach a page unescaped: collected once from the record plugins' models.

Generators escape record text themselves (``html.escape``); this is the net
under them. Every text of every loaded record that holds HTML breaking the
policy yields its dangerous pieces (:func:`~plugins.safety.policy.unsafe_snippets`);
if one of them appears verbatim in a generated page, the generator forgot to
escape it, and the safety plugin turns it into visible text there.
"""

from __future__ import annotations

import dataclasses
from typing import Any, Iterable

from plugins.model.html_policy import unsafe_snippets

# The models the record plugins keep (see each plugin's README); any other public
# attribute of those plugins is walked too.
RECORD_PLUGINS = ("khooshe-clusters", "khooshe-news", "khooshe-publications")
_MAX_DEPTH = 12


def model_texts(roots: Iterable[Any]) -> Iterable[str]:
    """Every string inside the given objects (dicts, lists, tuples, sets, dataclasses), each object once."""
    seen: set[int] = set()
    stack: list[tuple[Any, int]] = [(root, 0) for root in roots]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, str):
            yield value
            continue
        if depth > _MAX_DEPTH or value is None or isinstance(value, (int, float, bool, bytes)):
            continue
        if id(value) in seen:
            continue
        seen.add(id(value))
        if isinstance(value, dict):
            stack.extend((item, depth + 1) for pair in value.items() for item in pair)
        elif isinstance(value, (list, tuple, set, frozenset)):
            stack.extend((item, depth + 1) for item in value)
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            stack.extend((getattr(value, field.name, None), depth + 1) for field in dataclasses.fields(value))


def plugin_models(plugin: Any) -> list[Any]:
    """The public data attributes of a record plugin (its loaded records), not its config."""
    return [value for name, value in vars(plugin).items() if not name.startswith("_") and name != "config"]


def snippets_of(roots: Iterable[Any]) -> tuple[str, ...]:
    """The unsafe pieces of every record text, longest first (so a longer piece is replaced before its part)."""
    found: set[str] = set()
    for text in model_texts(roots):
        if "<" in text:
            found.update(unsafe_snippets(text))
    return tuple(sorted(found, key=lambda snippet: (-len(snippet), snippet)))

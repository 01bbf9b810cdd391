"""Taxonomies: one mechanism for cluster facets, news tags and publication topics.

A taxonomy groups items under terms. Each item names its terms as ``(key, label)``
pairs: a registry id and its Persian name (a cluster's province), or a slug and the
spelling an editor typed (a news tag). A term's label is the spelling most of its items
use (ties: Persian alphabetical first); its items keep the order they were given in.
Terms of a registry with no item yet are kept when ``known`` names them, so every
province has a page.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Callable, Generic, Iterable, Mapping, TypeVar

from plugins.model.collation import persian_sort_key

Item = TypeVar("Item")


@dataclass(frozen=True)
class Term(Generic[Item]):
    key: str  # id or slug: the term's page is named by it
    label: str  # what readers see
    items: tuple[Item, ...]


def group_terms(
    items: Iterable[Item],
    terms_of: Callable[[Item], Iterable[tuple[str, str]]],
    known: Mapping[str, str] | None = None,
) -> list[Term[Item]]:
    """The terms of ``items``; in ``known``'s order (key → label) when given, else Persian alphabetical."""
    members: dict[str, list[Item]] = defaultdict(list)
    spellings: dict[str, Counter] = defaultdict(Counter)
    for item in items:
        for key, label in terms_of(item):
            members[key].append(item)
            spellings[key][label] += 1
    if known is not None:
        return [Term(key, label, tuple(members.get(key, ()))) for key, label in known.items()]
    terms = [Term(key, _most_used(spellings[key]), tuple(found)) for key, found in members.items()]
    return sorted(terms, key=lambda term: (persian_sort_key(term.label), term.key))


def _most_used(spellings: Counter) -> str:
    return min(spellings.items(), key=lambda pair: (-pair[1], persian_sort_key(pair[0])))[0]

"""What a schema cannot say about a record's fields, shared by the kinds (news, publications).

The schema (``plugins/model/validation.py``) has checked each field's shape; these
functions read the values an editor means and check what needs more than one
value, another record or the normalized text: a list written as one value,
duplicates once Persian text is normalized, labels (tags, topics) that must make
distinct URLs, ids of records that must exist. Each returns its values and its
problems, one :class:`ContentError` each, at the line and column of the item.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Collection, Iterable

from plugins.model.errors import ContentError
from plugins.model.messages import near
from plugins.model.text import normalize_text
from plugins.model.yamlio import YamlList, YamlMap
from plugins.model.slugs import LABEL_EXPECTED, is_label, label_slug

Position = tuple[int, int]
EXPECTED_CLUSTERS = "فهرست شناسه خوشه‌ها از پوشه clusters/، مثل [yazd-ceramic]"


@dataclass(frozen=True)
class Item:
    """One value of a list field, normalized, and where the editor wrote it."""

    text: str
    position: Position


def failed_fields(errors: Iterable[ContentError]) -> set[str]:
    """The top-level fields the schema found wrong: the rules below leave them alone."""
    return {error.field.split(".")[0].split("[")[0] for error in errors}


def one_line(value: Any) -> str:
    """A text field as shown: normalized Persian, runs of white space as one space."""
    return normalize_text(" ".join(str(value).split()))


def paragraphs(value: Any) -> str:
    """A text field of paragraphs (a summary): normalized, its line breaks kept."""
    return normalize_text(str(value).strip())


def items(relpath: str, data: YamlMap, name: str) -> tuple[list[Item], list[ContentError]]:
    """A list field (or one plain value standing for a list of one), each item once.

    Items the schema found wrong (a mapping inside the list) are skipped: they are reported already.
    """
    value = data.get(name)
    if value is None:
        return [], []
    if not isinstance(value, YamlList):
        value, positions = [value], [data.position(name)]
    else:
        positions = [value.position(index) for index in range(len(value))]
    found: list[Item] = []
    errors: list[ContentError] = []
    seen: set[str] = set()
    for item, position in zip(value, positions):
        if item is None or isinstance(item, (YamlMap, YamlList, bool)):
            continue
        text = one_line(item)
        if text in seen:
            errors.append(ContentError(relpath, *position, field=name, message=f"«{text}» دو بار آمده است",
                                       expected="هر مورد یک بار"))
            continue
        seen.add(text)
        found.append(Item(text, position))
    return found, errors


def labels(relpath: str, data: YamlMap, name: str, noun: str) -> tuple[tuple[str, ...], list[ContentError]]:
    """Tags or topics: each a label (:data:`LABEL_EXPECTED`) whose URL no other label of the record has.

    ``noun`` names one in the messages: «برچسب», «موضوع».
    """
    found, errors = items(relpath, data, name)
    result: list[str] = []
    slugs: dict[str, str] = {}
    for item in found:
        slug = label_slug(item.text)
        if not is_label(item.text):
            errors.append(ContentError(relpath, *item.position, field=name, message=f"«{item.text}» {noun} درستی نیست",
                                       expected=LABEL_EXPECTED))
        elif slug in slugs:
            errors.append(ContentError(relpath, *item.position, field=name,
                                       message=f"«{item.text}» همان {noun} «{slugs[slug]}» است", expected=f"هر {noun} یک بار"))
        else:
            slugs[slug] = item.text
            result.append(item.text)
    return tuple(result), errors


def known_ids(
    relpath: str, name: str, found: list[Item], known: Collection[str] | None, unknown: str, expected: str
) -> tuple[tuple[str, ...], list[ContentError]]:
    """The ids of ``found`` that ``known`` holds; ``unknown`` (the message after «id») for each other one.

    ``known`` None: the other records were not loaded (a partial check): every id is kept.
    """
    if known is None:
        return tuple(item.text for item in found), []
    errors = [
        ContentError(relpath, *item.position, field=name, message=f"«{item.text}» {unknown}{near(item.text, known)}",
                     expected=expected)
        for item in found if item.text not in known
    ]
    return tuple(item.text for item in found if item.text in known), errors


def cluster_ids(relpath: str, data: YamlMap, known: Collection[str] | None,
                expected: str = EXPECTED_CLUSTERS) -> tuple[tuple[str, ...], list[ContentError]]:
    """The ``clusters`` a news article or a publication is about: ids of cluster records."""
    found, errors = items(relpath, data, "clusters")
    ids, unknown = known_ids(relpath, "clusters", found, known, "شناسه خوشه‌ای شناخته‌شده نیست", expected)
    return ids, errors + unknown

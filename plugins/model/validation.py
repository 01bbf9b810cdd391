"""THE validator of every record kind: JSON Schema 2020-12 with Khooshe's keywords.

A kind's schema is data (JSON Schema, published for editors' YAML editors and
the web editor's forms). :class:`SchemaValidator` checks a record read by
:mod:`plugins.model.yamlio` and turns each jsonschema error into one Persian
ContentError at the file, line and column of the bad value (the YamlMap/YamlList
along the error's path know where each value stands). The Persian text is in
:mod:`plugins.model.messages`, one entry per keyword.

Editors write YAML, not JSON, so a few keywords are read as an editor means them:
a number typed where text is expected is text (``isic: 2393``), a number written
in Persian digits or in quotes is a number, text is compared without the spaces
around it, and an empty value (``name_en:``) is an absent field, except that a
required field left empty is reported as such. Khooshe's own keywords:

* ``x-registry: <name>``: the value is an id of the registry ``<name>``;
* ``x-labels: <name>``: the Persian names of an ``enum``'s values are those of
  registry ``<name>`` (for messages only);
* ``x-date: true`` (a year, a month or a day, :mod:`plugins.model.partialdate`),
  ``x-date: day`` (a full date, :func:`plugins.model.dates.parse_date`) or
  ``x-date: year`` (a four-digit Jalali year); Jalali below the year 1700, Gregorian above;
* ``x-quoted: true``: the value must be YAML text, not a number or true/false
  (front matter MkDocs itself reads, where ``title: 1398`` stays a number);
* ``x-messages: {keyword: variant}``: this value's failure of ``keyword`` is told
  with the table's entry ``keyword:variant`` (a kind whose editors have always
  read that wording);
* ``x-source: <name>``: an id of registry ``<name>`` or a web address;
* ``x-expected``: what an editor is told to write when the value is wrong;
* ``x-registries`` (at the root): each registry's Persian label and file.

Two keywords are for the web editor's forms only (plugins/views/admin/config.py), not checked
here: ``x-refers: <kind>`` (the value names records of another kind; the kind's loader checks
that they exist) and ``x-multiline: true`` (a paragraph: a text box, not a one-line input).

When one value fails several keywords the editor reads one line, the first in
:data:`plugins.model.messages.PRIORITY`.
"""

from __future__ import annotations

import json
import pickle
import re
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping

from jsonschema import Draft202012Validator, ValidationError, validators
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from plugins.model.dates import DateError, parse_date, parse_jalali_year, to_latin_digits
from plugins.model.errors import ContentError
from plugins.model.memo import Memo, code_version, content_key
from plugins.model.messages import PRIORITY, Failure, explain
from plugins.model.partialdate import parse_partial_date
from plugins.model.yamlio import parse_yaml

Registries = Mapping[str, Mapping[str, str]]
URL = re.compile(r"^https?://[^\s]+$")
_NUMBER = re.compile(r"^[-+]?\d+([.٫]\d+)?$")


# --------------------------------------------------------------------------- values as an editor means them

def as_text(value: Any) -> str | None:
    """The text of a string or a number (stripped); None for anything else."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return None
    return str(value).strip()


def as_number(value: Any) -> int | float | None:
    """A number, also from text in Latin or Persian digits («۱۲۰», "12.5"); None otherwise."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, str) and _NUMBER.match(to_latin_digits(value.strip())):
        text = to_latin_digits(value.strip()).replace("٫", ".")
        return float(text) if "." in text else int(text)
    return None


_CONTAINERS = {"boolean": bool, "object": dict, "array": list}


def _is_type(value: Any, kind: str) -> bool:
    if kind == "string":
        return as_text(value) is not None
    if kind == "integer":
        return isinstance(as_number(value), int)
    if kind == "number":
        return as_number(value) is not None
    if kind == "null":
        return value is None
    return isinstance(value, _CONTAINERS[kind])


def parse_schema_date(value: Any, precision: Any) -> Any:
    """A PartialDate (``x-date: true``), a Date (``x-date: day``) or a Jalali year (``x-date: year``); raises DateError."""
    if precision == "year":
        return parse_jalali_year(value)
    return parse_date(value) if precision == "day" else parse_partial_date(value)


def read_schema(path: Path) -> dict:
    """A kind's schema file (YAML, read with the strict loader: ``no`` stays the word no)."""
    data, problems = parse_yaml(path.read_text(encoding="utf-8"), path.name)
    if problems or not isinstance(data, dict):  # a bug in a shipped schema, not in content
        raise ValueError(f"{path}: " + "; ".join(str(problem) for problem in problems))
    return data


# --------------------------------------------------------------------------- keywords

def _failure(keyword: str, path: tuple = (), detail: Any = None, **fields: Any) -> ValidationError:
    error = ValidationError(keyword, validator=keyword, path=path, **fields)
    error.detail = detail
    return error


def _type(validator, kinds, instance, schema) -> Iterator[ValidationError]:
    kinds = kinds if isinstance(kinds, list) else [kinds]
    if instance is not None and not any(_is_type(instance, kind) for kind in kinds):
        number = as_number(instance) if {"integer", "number"} & set(kinds) else None
        # «۱۲٫۵» for an integer is shown as the number it is: «12.5»
        yield _failure("type", instance=instance if number is None else number)


def _required(validator, required, instance, schema) -> Iterator[ValidationError]:
    if not isinstance(instance, dict):
        return
    for key in required:
        if key not in instance or instance[key] is None or instance[key] == "":
            yield _failure("required", path=(key,), detail=key in instance,
                           schema=schema.get("properties", {}).get(key, {}))


def _additional_properties(validator, allowed, instance, schema) -> Iterator[ValidationError]:
    if allowed is True or not isinstance(instance, dict):
        return
    for key in instance:
        if key in schema.get("properties", {}):
            continue
        if allowed is False:
            yield _failure("additionalProperties", path=(key,), detail=key)
        elif instance[key] is not None:  # a schema every other entry follows (a registry: id → entry)
            yield from validator.descend(instance[key], allowed, path=key)


def _quoted(validator, quoted, instance, schema) -> Iterator[ValidationError]:
    if quoted and instance is not None and not isinstance(instance, str):
        yield _failure("x-quoted")


def _items(validator, items, instance, schema) -> Iterator[ValidationError]:
    if not isinstance(instance, list):
        return
    for index, item in enumerate(instance):
        if item is None:
            yield _failure("x-empty-item", path=(index,), schema=items)
        else:
            yield from validator.descend(item, items, path=index)


def _unique_items(validator, unique, instance, schema) -> Iterator[ValidationError]:
    if not unique or not isinstance(instance, list):
        return
    seen: dict[Any, int] = {}
    for index, item in enumerate(instance):
        text = as_text(item)
        if text is None:
            continue
        if text in seen:
            yield _failure("uniqueItems", path=(index,), detail=seen[text], instance=text)
        else:
            seen[text] = index + 1


def _min_items(validator, minimum, instance, schema) -> Iterator[ValidationError]:
    if isinstance(instance, list) and len(instance) < minimum:
        yield _failure("minItems")


def _read_as(read, keyword: str, test):
    """A keyword checking the value as an editor means it (``read``: as_text or as_number)."""
    def check(validator, expected, instance, schema) -> Iterator[ValidationError]:
        value = read(instance)
        if value is not None and not test(value, expected):
            yield _failure(keyword, instance=value)
    return check


def _enum(validator, values, instance, schema) -> Iterator[ValidationError]:
    # Text is compared as an editor means it (`status: active ` is active); other values as they are.
    if instance is None:
        return
    text = as_text(instance) if all(isinstance(value, str) for value in values) else None
    if (text if text is not None else instance) not in values:
        yield _failure("enum", instance=text if text is not None else instance)


def _date(validator, precision, instance, schema) -> Iterator[ValidationError]:
    if instance is None or not precision:
        return
    if isinstance(instance, bool) or not isinstance(instance, (str, int)):
        yield _failure("x-date")
        return
    try:
        parse_schema_date(instance, precision)
    except DateError as exc:
        yield _failure("x-date", detail=str(exc))


def _keywords(registries: Registries) -> dict:
    def registry(validator, name, instance, schema) -> Iterator[ValidationError]:
        text = as_text(instance)
        if text is not None and text not in registries.get(name, {}):
            yield _failure("x-registry", instance=text)

    def source(validator, name, instance, schema) -> Iterator[ValidationError]:
        text = as_text(instance)
        if text is not None and not (URL.match(text) or text in registries.get(name, {})):
            yield _failure("x-source", instance=text)

    return {
        "type": _type,
        "required": _required,
        "additionalProperties": _additional_properties,
        "items": _items,
        "uniqueItems": _unique_items,
        "minItems": _min_items,
        "minLength": _read_as(as_text, "minLength", lambda text, minimum: len(text) >= minimum),
        "maxLength": _read_as(as_text, "maxLength", lambda text, maximum: len(text) <= maximum),
        "pattern": _read_as(as_text, "pattern", lambda text, pattern: re.search(pattern, text) is not None),
        "enum": _enum,
        "minimum": _read_as(as_number, "minimum", lambda value, bound: value >= bound),
        "maximum": _read_as(as_number, "maximum", lambda value, bound: value <= bound),
        "x-date": _date,
        "x-quoted": _quoted,
        "x-registry": registry,
        "x-source": source,
    }


# --------------------------------------------------------------------------- the validator

class SchemaValidator:
    """One kind's schema, checked against records as editors write them."""

    def __init__(self, schema: dict, registries: Mapping[str, Mapping[str, str]] | None = None,
                 *, refs: Iterable[dict] = ()):
        """``refs``: other schemas this one points into with ``$ref: <their $id>#/…``."""
        self.schema = schema
        self.registries: Registries = registries or {}
        refs = list(refs)
        cls = validators.extend(Draft202012Validator, _keywords(self.registries))
        resources = Registry().with_resources((ref["$id"], DRAFT202012.create_resource(ref)) for ref in refs)
        self._validator = cls(schema, registry=resources)
        registries_data = {name: dict(ids) for name, ids in self.registries.items()}
        self._rules = content_key(_canonical(schema), _canonical(refs), _canonical(registries_data))

    def errors(self, data: Any, path: str) -> list[ContentError]:
        """Every problem of ``data``, one per value, each at its file:line:column.

        A warm build checks the same records against the same schema again: the
        answer is kept by a hash of both (positions included) in :data:`_CHECKS`.
        """
        key = content_key(self._rules, path, pickle.dumps(data, pickle.HIGHEST_PROTOCOL))
        return _CHECKS.get(key, lambda: self._errors(data, path))

    def _errors(self, data: Any, path: str) -> list[ContentError]:
        chosen: dict[tuple, ValidationError] = {}
        for error in self._validator.iter_errors(data):
            where = tuple(error.absolute_path)
            if where not in chosen or _rank(error) < _rank(chosen[where]):
                chosen[where] = error
        return sorted(self._content_error(data, path, where, error) for where, error in chosen.items())

    def _content_error(self, data: Any, path: str, where: tuple, error: ValidationError) -> ContentError:
        # A missing field, an unknown field or an empty item has no value of its own to show.
        value = None if error.validator in _NO_VALUE else error.instance
        failure = Failure(error.validator, value, error.schema, self.schema, self.registries,
                          getattr(error, "detail", None))
        message, expected = explain(failure)
        line, column = position(data, where, error.validator)
        return ContentError(path, line, column, field_name(where), message, expected)

    def values(self, data: Any, schema: dict | None = None) -> Any:
        """``data`` (already valid) as plain Python: text stripped, numbers as numbers, dates parsed.

        A mapping keeps only the fields it has with a value (``name_en:`` is absent).
        """
        schema = self.schema if schema is None else schema
        if schema.get("x-date"):
            return parse_schema_date(data, schema["x-date"])
        if isinstance(data, dict):
            properties = schema.get("properties", {})
            return {key: self.values(value, properties.get(key, {})) for key, value in data.items() if value is not None}
        if isinstance(data, list):
            return [self.values(item, schema.get("items", {})) for item in data]
        kinds = schema.get("type")
        kinds = kinds if isinstance(kinds, list) else [kinds]
        if "string" not in kinds and ("integer" in kinds or "number" in kinds):
            return as_number(data)
        if "string" in kinds:
            return as_text(data)
        return data


_NO_VALUE = ("required", "additionalProperties", "x-empty-item")
_HERE = Path(__file__).parent
_CHECKS = Memo("checks", code_version(
    _HERE / name for name in ("validation.py", "messages.py", "partialdate.py", "dates.py", "digits.py", "errors.py")))


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=repr)


def _rank(error: ValidationError) -> int:
    return PRIORITY.index(error.validator) if error.validator in PRIORITY else len(PRIORITY)


def field_name(where: tuple) -> str:
    """("firms", 0, "total") → "firms[1].total": what the editor sees, counting from 1."""
    name = ""
    for step in where:
        name += f"[{step + 1}]" if isinstance(step, int) else (f".{step}" if name else str(step))
    return name


def position(data: Any, where: tuple, keyword: str) -> tuple[int, int]:
    """Line and column of the value at ``where`` (of the key for an unknown field).

    A missing field points at its mapping (a front matter's starts on line 2), or
    at the file's first line when the mapping has no position.
    """
    if not where:
        return getattr(data, "start", (1, 1))
    parent = data
    for step in where[:-1]:
        parent = parent[step]
    key = where[-1]
    if not hasattr(parent, "position"):
        return (0, 0)
    if keyword == "additionalProperties":
        return parent.key_positions.get(key, parent.start)
    if keyword == "required" and key not in parent:
        return parent.start if parent.start != (0, 0) else (1, 1)
    return parent.position(key)

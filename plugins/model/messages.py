"""The Persian text of every schema failure: ONE table keyed by the failing keyword.

:class:`plugins.model.validation.SchemaValidator` turns each jsonschema error
into a :class:`Failure`; :func:`explain` looks its keyword up in :data:`MESSAGES`
and returns the (message, expected) pair an editor reads. What an editor is told
to write (``expected``) comes from the schema: ``x-expected`` when the schema
says it, else what the keywords of the value's schema allow (:func:`expected`).
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass
from typing import Any, Callable, Mapping

from plugins.model.dates import EXPECTED_DATE, to_persian_digits
from plugins.model.partialdate import EXPECTED_PARTIAL_DATE

TYPE_NAMES = {
    "string": "متن",
    "integer": "عدد صحیح",
    "number": "عدد",
    "array": "فهرست (هر مورد در خطی با «- »)",
    "object": "فهرست «نام: مقدار»",
    "boolean": "true یا false",
}


@dataclass(frozen=True)
class Failure:
    """One failing keyword, with what its message needs."""

    keyword: str
    value: Any  # the value as read (a missing field: None)
    schema: dict  # the schema of the value (for «required», the missing field's own schema)
    root: dict  # the whole schema (its ``x-registries`` names the registries)
    registries: Mapping[str, Mapping[str, str]]
    detail: Any = None  # what the keyword found: a DateError's text, the first index of a duplicate …


# --------------------------------------------------------------------------- how values are shown

def clip(text: Any, limit: int = 40) -> str:
    text = str(text).replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def show(value: Any) -> str:
    if isinstance(value, dict):
        return TYPE_NAMES["object"]
    if isinstance(value, list):
        return "فهرست"
    if value is True or value is False:
        return f"«{str(value).lower()}»"
    return f"«{clip(value)}»"


def number(value: float) -> str:
    return to_persian_digits(f"{value:g}".replace(".", "٫"))


def suggest(value: str, names: Mapping[str, str]) -> str:
    """«؛ شاید منظورتان yazd (یزد) بود» for a near miss, or the id of a Persian name typed for an id."""
    for key, name in names.items():
        if value == name or value.replace("ي", "ی").replace("ك", "ک") == name:
            return f"؛ شناسه «{name}» {key} است"
    close = difflib.get_close_matches(value, list(names), n=1, cutoff=0.6)
    if close:
        label = f" ({names[close[0]]})" if names[close[0]] != close[0] else ""
        return f"؛ شاید منظورتان {close[0]}{label} بود"
    return ""


def choices(names: Mapping[str, str], label: str, path: str) -> str:
    shown = [f"{key} ({name})" if name != key else key for key, name in names.items()]
    head = f"{label} یکی از: " if label else "یکی از: "
    if len(shown) > 8:
        return head + "، ".join(shown[:6]) + f"، … (همه {to_persian_digits(len(shown))} مورد در {path})"
    return head + "، ".join(shown)


def registry_info(root: dict, name: str) -> tuple[str, str]:
    """(Persian label, file) of a registry, from the schema's ``x-registries``."""
    info = root.get("x-registries", {}).get(name, {})
    return info.get("label", "شناسه"), info.get("file", "")


def example(schema: dict) -> str:
    examples = schema.get("examples")
    return json.dumps(examples[0], ensure_ascii=False) if examples else ""


# --------------------------------------------------------------------------- what is expected

def expected(schema: dict, root: dict, registries: Mapping[str, Mapping[str, str]]) -> str:
    """What an editor should write for a value of ``schema``."""
    if "x-expected" in schema:
        return schema["x-expected"]
    if schema.get("x-date"):
        return EXPECTED_DATE if schema["x-date"] == "day" else EXPECTED_PARTIAL_DATE
    registry = schema.get("x-registry")
    if registry:
        label, path = registry_info(root, registry)
        return choices(registries.get(registry, {}), f"شناسه {label}", path)
    if "enum" in schema:
        labels = enum_labels(schema, registries)
        return choices({key: labels.get(key, key) for key in schema["enum"]}, "", "")
    kind = schema.get("type")
    if kind in ("integer", "number"):
        bounds = []
        if "minimum" in schema:
            bounds.append(f"از {number(schema['minimum'])}")
        if "maximum" in schema:
            bounds.append(f"تا {number(schema['maximum'])}")
        return TYPE_NAMES[kind] + (" " + " ".join(bounds) if bounds else "") + " با رقم لاتین یا فارسی"
    if kind == "array" and "x-registry" in schema.get("items", {}):
        return "فهرست؛ هر مورد " + expected(schema["items"], root, registries)
    return TYPE_NAMES.get(kind if isinstance(kind, str) else "string", "")


def _expected(failure: Failure) -> str:
    return expected(failure.schema, failure.root, failure.registries)


# --------------------------------------------------------------------------- one entry per keyword

def _type(failure: Failure) -> tuple[str, str]:
    kind = failure.schema.get("type")
    kind = kind[0] if isinstance(kind, list) else kind
    if kind in ("object", "array"):
        sample = example(failure.schema)
        short = "فهرست «نام: مقدار»" if kind == "object" else "فهرست"
        return (f"{show(failure.value)} باید {TYPE_NAMES[kind]} باشد",
                f"{short}، مثل: {sample}" if sample else short)
    if kind == "boolean":
        return f"{show(failure.value)} {TYPE_NAMES['boolean']} نیست", TYPE_NAMES["boolean"]
    return f"{show(failure.value)} {TYPE_NAMES.get(kind, kind)} نیست", _expected(failure)


def _required(failure: Failure) -> tuple[str, str]:
    present = failure.detail
    return ("فیلد لازم خالی است" if present else "فیلد لازم نیامده است"), _expected(failure)


def _unknown_field(failure: Failure) -> tuple[str, str]:
    key, properties = failure.detail, list(failure.schema.get("properties", {}))
    close = difflib.get_close_matches(key, properties, n=1, cutoff=0.6)
    message = f"فیلد ناشناخته «{key}»" + (f"؛ شاید منظورتان «{close[0]}» بود" if close else "")
    return message, "یکی از: " + "، ".join(properties)


def enum_labels(schema: dict, registries: Mapping[str, Mapping[str, str]]) -> Mapping[str, str]:
    """The Persian names of an enum's values: ``x-labels`` in the schema itself, or a registry's names."""
    labels = schema.get("x-labels", "")
    return labels if isinstance(labels, dict) else registries.get(labels, {})


def near(value: str, choices: Any) -> str:
    """«؛ شاید منظور «x» است» when a choice is close to the typed value (news, publications, pages)."""
    close = difflib.get_close_matches(value, sorted(choices), n=1, cutoff=0.75)
    return f"؛ شاید منظور «{close[0]}» است" if close else ""


def _enum(failure: Failure) -> tuple[str, str]:
    labels = enum_labels(failure.schema, failure.registries)
    names = labels or {value: value for value in failure.schema["enum"]}
    label = failure.schema.get("title", "مقدار")
    return (f"«{clip(failure.value)}» {label} شناخته‌شده‌ای نیست{suggest(str(failure.value), names)}",
            _expected(failure))


def _registry(failure: Failure) -> tuple[str, str]:
    label, _ = registry_info(failure.root, failure.schema["x-registry"])
    names = failure.registries.get(failure.schema["x-registry"], {})
    return (f"«{clip(failure.value)}» {label} شناخته‌شده‌ای نیست{suggest(failure.value, names)}",
            _expected(failure))


def _source(failure: Failure) -> tuple[str, str]:
    names = failure.registries.get(failure.schema["x-source"], {})
    return (f"«{clip(failure.value)}» نه شناسه سندی شناخته‌شده است و نه نشانی وب{suggest(failure.value, names)}",
            _expected(failure))


def _date(failure: Failure) -> tuple[str, str]:
    return failure.detail or f"{show(failure.value)} تاریخ نیست", _expected(failure)


def _unknown_field_plain(failure: Failure) -> tuple[str, str]:
    key, properties = failure.detail, list(failure.schema.get("properties", {}))
    return f"فیلد ناشناخته است{near(str(key), properties)}", "یکی از: " + "، ".join(properties)


def _registry_plain(failure: Failure) -> tuple[str, str]:
    label, _ = registry_info(failure.root, failure.schema["x-registry"])
    names = failure.registries.get(failure.schema["x-registry"], {})
    return f"«{clip(failure.value)}» {label} شناخته‌شده‌ای نیست{near(failure.value, names)}", _expected(failure)


def _too_long(failure: Failure) -> tuple[str, str]:
    limit = to_persian_digits(failure.schema["maxLength"])
    return f"{to_persian_digits(len(failure.value))} نویسه دارد و بلندتر از اندازه است", f"حداکثر {limit} نویسه"


MESSAGES: dict[str, Callable[[Failure], tuple[str, str]]] = {
    "required": _required,
    "additionalProperties": _unknown_field,
    "x-empty-item": lambda f: ("مورد خالی است", _expected(f)),
    "x-date": _date,
    "x-quoted": lambda f: ("باید متن باشد؛ عدد یا true/false را در گیومه بنویسید", _expected(f)),
    "type": _type,
    "minItems": lambda f: ("فهرست خالی است", "دست‌کم یک مورد، یا حذف این فیلد"),
    "minLength": lambda f: ("متن خالی است", _expected(f)),
    "maxLength": _too_long,
    "pattern": lambda f: (f"«{clip(f.value)}» شکل درستی ندارد", _expected(f)),
    "enum": _enum,
    "const": lambda f: (f"{show(f.value)} باید «{f.schema['const']}» باشد", _expected(f)),
    "x-registry": _registry,
    "x-source": _source,
    "minimum": lambda f: (f"{show(f.value)} کمتر از {number(f.schema['minimum'])} است", _expected(f)),
    "maximum": lambda f: (f"{show(f.value)} بیشتر از {number(f.schema['maximum'])} است", _expected(f)),
    "uniqueItems": lambda f: (f"«{f.value}» دو بار آمده است (بار اول مورد {to_persian_digits(f.detail)})",
                              "هر مورد فقط یک بار"),
    # variants (``x-messages: {keyword: variant}`` in a schema): the wording news, publications and
    # pages have always used
    "additionalProperties:plain": _unknown_field_plain,
    "x-registry:plain": _registry_plain,
    "enum:plain": lambda f: (f"«{clip(f.value)}» پذیرفته نیست{near(str(f.value), f.schema['enum'])}", _expected(f)),
    "const:plain": lambda f: (f"{show(f.value)} پذیرفته نیست", _expected(f)),
    "pattern:url": lambda f: (f"«{clip(f.value)}» نشانی وب نیست", _expected(f)),
    "pattern:path": lambda f: (f"«{clip(f.value)}» نشانی پذیرفته‌ای نیست", _expected(f)),
}
# When one value fails several keywords, the editor reads only the first of this order.
PRIORITY = tuple(keyword for keyword in MESSAGES if ":" not in keyword)


def explain(failure: Failure) -> tuple[str, str]:
    """(message, expected) of one failure; a keyword without an entry still gets a Persian line."""
    variant = failure.schema.get("x-messages", {}).get(failure.keyword)
    entry = MESSAGES.get(f"{failure.keyword}:{variant}" if variant else failure.keyword)
    if entry is None:
        return f"{show(failure.value)} با قالب این فیلد نمی‌خواند", _expected(failure)
    return entry(failure)

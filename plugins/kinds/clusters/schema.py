"""The cluster record format: one JSON Schema, the single source of truth.

:data:`SCHEMA` (JSON Schema 2020-12, with Persian titles and descriptions)
drives three things:

* validation (:func:`validate_record`): every problem as one Persian
  ContentError with file, line, column, field, the bad value and what is
  expected; all problems at once;
* the editors' reference page (:func:`add_reference`);
* the template of a new record (:func:`scaffold_text`).

It is also published with the open data (``data/cluster.schema.json``, with
the registries' ids filled into ``enum``) so an editor's YAML editor can check
a record while it is typed.

Keywords used: type, properties, required, additionalProperties, items, enum,
pattern, minLength, minimum, maximum, minItems, uniqueItems. Khooshe's own
keywords start with ``x-``: ``x-registry`` (the id must exist in a registry),
``x-date`` (a year, month or day), ``x-source`` (a document id or a web
address), ``x-expected`` (what an editor is told to write), ``x-markdown``.
Rules that tie fields together (a stage only for an active cluster, the firm
split adding up, coordinates inside the province…) are in :data:`RULES` and
:func:`check_rules`.
"""

from __future__ import annotations

import copy
import difflib
import json
import re
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any, Callable

from plugins.model.dates import DateError, to_latin_digits, to_persian_digits
from plugins.model.errors import ContentError
from plugins.model.slugs import RECORD_ID_PATTERN
from plugins.model.yamlio import YamlList, YamlMap
from plugins.kinds.clusters import geo
from plugins.kinds.clusters.links import PageBuilder, bullets, esc, para, table
from plugins.kinds.clusters.partialdate import EXPECTED_PARTIAL_DATE, parse_partial_date
from plugins.kinds.clusters.registries import Registries
from plugins.kinds.clusters.vocab import DATE_KINDS, FIRM_SIZES, STAGES, STATUSES

SLUG = RECORD_ID_PATTERN
URL = r"^https?://[^\s]+$"
RESERVED_IDS = frozenset({"index", "province", "sector", "status", "stage", "partner", "reference", "data"})
COORDINATE_TOLERANCE_KM = 10.0

_SOURCE_REF = {
    "type": "string",
    "x-source": True,
    "title": "منبع رقم",
    "description": "شناسه سندی از plugins/kinds/clusters/data/sources.yml (مثل source-2) یا نشانی وب سند.",
    "x-expected": "شناسه سند (مثل source-2) یا نشانی کامل وب (https://…)",
    "examples": ["source-2"],
}
_AS_OF = {
    "type": ["string", "integer"],
    "x-date": True,
    "title": "تاریخ رقم",
    "description": "تاریخی که رقم به آن مربوط است، همان‌قدر دقیق که منبع گفته است.",
    "examples": ["1398-04-15"],
}
_COUNT = {"type": "integer", "minimum": 0}
_NOTE = {"type": "string", "minLength": 1, "title": "یادداشت", "description": "توضیح کوتاه فارسی."}
_DATE = {"type": ["string", "integer"], "x-date": True}

SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "cluster.schema.json",
    "title": "شناسنامه خوشه",
    "description": "قالب پرونده YAML هر خوشه در پوشه clusters/ وبگاه «خوشه».",
    "type": "object",
    "additionalProperties": False,
    "required": ["id", "name", "province", "sector", "status", "sources"],
    "properties": {
        "draft": {
            "type": "boolean",
            "title": "پیش‌نویس",
            "description": "true یعنی پرونده هنوز کامل نیست: بررسی می‌شود ولی در سایت، نقشه، آمار و داده باز نمی‌آید و فیلدهای لازم (جز id) می‌توانند خالی بمانند. وقتی فیلدهای لازم را از منبع پر کردید، این خط را بردارید.",
            "examples": [True],
        },
        "id": {
            "type": "string",
            "pattern": SLUG,
            "title": "شناسه",
            "description": "شناسه لاتین و یکتای خوشه؛ نام پرونده همین شناسه است (yazd-ceramic.yml) و نشانی صفحه خوشه از آن ساخته می‌شود. پس از انتشار آن را تغییر ندهید.",
            "x-expected": "حروف کوچک لاتین، رقم و خط تیره، مثل yazd-ceramic",
            "examples": ["yazd-ceramic"],
        },
        "name": {
            "type": "string",
            "minLength": 1,
            "title": "نام",
            "description": "نام فارسی خوشه، همان‌گونه که منبع نوشته است.",
            "examples": ["خوشه صنعتی سرامیک یزد"],
        },
        "name_en": {
            "type": "string",
            "minLength": 1,
            "title": "نام انگلیسی",
            "description": "نام انگلیسی خوشه، اگر منبعی آن را آورده است.",
            "examples": ["Yazd ceramic cluster"],
        },
        "province": {
            "type": "string",
            "x-registry": "provinces",
            "title": "استان",
            "description": "شناسه لاتین استان از فهرست ۳۱ استان (plugins/model/data/provinces.yml).",
            "examples": ["yazd"],
        },
        "cities": {
            "type": "array",
            "minItems": 1,
            "uniqueItems": True,
            "items": {"type": "string", "minLength": 1},
            "title": "شهرها",
            "description": "شهر، روستا یا منطقه‌هایی که منبع برای خوشه نام برده است، به همان ترتیب.",
            "examples": [["یزد"]],
        },
        "sector": {
            "type": "string",
            "x-registry": "sectors",
            "title": "بخش",
            "description": "شناسه بخش صنعتی از plugins/kinds/clusters/data/sectors.yml.",
            "examples": ["non-metallic-minerals"],
        },
        "isic": {
            "type": "string",
            "pattern": r"^[0-9]{4}$",
            "title": "کد ISIC",
            "description": "کد چهاررقمی رده فعالیت در طبقه‌بندی ISIC ویرایش ۴؛ باید در یکی از بخش‌های ISIC همان «بخش» باشد. با گیومه بنویسید تا صفر آغازش نیفتد.",
            "x-expected": "چهار رقم لاتین در گیومه، مثل \"2393\"",
            "examples": ["2393"],
        },
        "products": {
            "type": "array",
            "minItems": 1,
            "uniqueItems": True,
            "items": {"type": "string", "minLength": 1},
            "title": "محصولات",
            "description": "محصولات یا خدمات اصلی خوشه.",
            "examples": [["کاشی", "سرامیک"]],
        },
        "firms": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["as_of", "source"],
                "properties": {
                    "total": {**_COUNT, "title": "همه بنگاه‌ها"},
                    "micro": {**_COUNT, "title": "بنگاه‌های خرد"},
                    "small": {**_COUNT, "title": "بنگاه‌های کوچک"},
                    "medium": {**_COUNT, "title": "بنگاه‌های متوسط"},
                    "as_of": _AS_OF,
                    "source": _SOURCE_REF,
                    "note": _NOTE,
                },
            },
            "title": "شمار بنگاه‌ها",
            "description": "شمار بنگاه‌های خوشه، هر رقم با منبع و تاریخش؛ اگر منابع ارقام متفاوت داده‌اند، هر کدام یک مورد جدا. total همه بنگاه‌هاست و micro/small/medium تفکیک خرد، کوچک و متوسط (هر کدام که منبع گفته است).",
            "examples": [[{"total": 120, "micro": 90, "small": 25, "medium": 5, "as_of": "1398", "source": "source-2"}]],
        },
        "employment": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["value", "as_of", "source"],
                "properties": {
                    "value": {**_COUNT, "title": "شمار شاغلان"},
                    "as_of": _AS_OF,
                    "source": _SOURCE_REF,
                    "note": _NOTE,
                },
            },
            "title": "اشتغال",
            "description": "شمار شاغلان خوشه، هر رقم با منبع و تاریخش.",
            "examples": [[{"value": 1500, "as_of": "1398", "source": "source-2"}]],
        },
        "status": {
            "type": "string",
            "enum": list(STATUSES),
            "title": "وضعیت",
            "description": "جایگاه خوشه در چرخه برنامه ملی: شناسایی، امکان‌سنجی، توسعه با عامل توسعه، پایان برنامه توسعه. بالاترین گامی را بنویسید که منبع گواهی می‌دهد.",
            "examples": ["identified"],
        },
        "stage": {
            "type": "string",
            "enum": list(STAGES),
            "title": "مرحله",
            "description": "مرحله کنونی از روش پنج‌مرحله‌ای توسعه خوشه؛ فقط برای خوشه‌ای با وضعیت active.",
            "examples": ["implementation"],
        },
        "dates": {
            "type": "object",
            "additionalProperties": False,
            "properties": {kind: {**_DATE, "title": label} for kind, label in DATE_KINDS.items()},
            "title": "تاریخ‌ها",
            "description": "تاریخ‌های چرخه خوشه، هر کدام همان‌قدر دقیق که منبع گفته است: سال (1398)، ماه (1398-04) یا روز (1398-04-15).",
            "examples": [{"started": 1398}],
        },
        "cda": {
            "type": "string",
            "minLength": 1,
            "title": "عامل توسعه خوشه",
            "description": "نام عامل توسعه خوشه (CDA)، اگر منبع گفته است.",
            "examples": ["نام و نام خانوادگی"],
        },
        "supervisor": {
            "type": "string",
            "minLength": 1,
            "title": "ناظر فنی",
            "description": "نام ناظر فنی پروژه، اگر منبع گفته است.",
            "examples": ["نام و نام خانوادگی"],
        },
        "partners": {
            "type": "array",
            "minItems": 1,
            "uniqueItems": True,
            "items": {"type": "string", "x-registry": "partners"},
            "title": "همکاران",
            "description": "شناسه همکاران خوشه از plugins/kinds/clusters/data/partners.yml (مثل unido).",
            "examples": [["ipi"]],
        },
        "coordinates": {
            "type": "object",
            "additionalProperties": False,
            "required": ["lat", "lon", "note"],
            "properties": {
                "lat": {"type": "number", "minimum": geo.BOUNDS["lat"][0], "maximum": geo.BOUNDS["lat"][1],
                        "title": "عرض جغرافیایی"},
                "lon": {"type": "number", "minimum": geo.BOUNDS["lon"][0], "maximum": geo.BOUNDS["lon"][1],
                        "title": "طول جغرافیایی"},
                "note": {**_NOTE, "description": "این مختصات از کجاست، مثلاً «مختصات شهر یزد»."},
            },
            "title": "مختصات",
            "description": "جای نشانه خوشه روی نقشه، به درجه اعشاری (WGS 84)، با یادداشتی که بگوید مختصات چه جایی است. مختصات باید درون استان خوشه باشد.",
            "examples": [{"lat": 31.8974, "lon": 54.3569, "note": "مختصات شهر یزد"}],
        },
        "priority": {
            "type": "object",
            "additionalProperties": False,
            "required": ["method", "source"],
            "properties": {
                "score": {"type": "number", "title": "امتیاز"},
                "rank": {"type": "integer", "minimum": 1, "title": "رتبه"},
                "method": {"type": "string", "minLength": 1, "title": "روش"},
                "source": _SOURCE_REF,
            },
            "title": "اولویت",
            "description": "امتیاز یا رتبه اولویت توسعه خوشه در یک مطالعه (مثلاً اولویت‌بندی با منطق فازی)، با روش و منبع.",
            "examples": [{"rank": 1, "method": "منطق فازی", "source": "source-4"}],
        },
        "sources": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "additionalProperties": False,
                "properties": {
                    "document": {"type": "string", "x-registry": "documents", "title": "سند"},
                    "url": {"type": "string", "pattern": URL, "title": "نشانی وب",
                            "x-expected": "نشانی کامل که با https:// یا http:// شروع شود"},
                    "title": {"type": "string", "minLength": 1, "title": "عنوان سند"},
                    "note": {**_NOTE, "description": "این سند درباره خوشه چه می‌گوید."},
                },
            },
            "title": "منابع",
            "description": "سندهایی که واقعیت‌های این پرونده از آن‌هاست: document با شناسه‌ای از plugins/kinds/clusters/data/sources.yml، یا url و title برای سندی بیرون از آن فهرست؛ note می‌گوید سند چه گفته است.",
            "examples": [[{"document": "source-1", "note": "در فهرست خوشه‌های شناسایی‌شده آمده است."}]],
        },
        "description": {
            "type": "string",
            "minLength": 1,
            "x-markdown": True,
            "title": "شرح",
            "description": "شرح خوشه به Markdown، فقط با آنچه منابع می‌گویند. با «|» در خط اول، متن چندخطی می‌شود.",
            "examples": ["به نوشته منبع ۱، …"],
        },
    },
}


# A draft needs only its id: the scaffold passes as written, nothing is invented.
DRAFT_SCHEMA = {**SCHEMA, "required": ["id"]}


@dataclass(frozen=True)
class Rule:
    field: str
    text: str  # what the reference page says


RULES = (
    Rule("id", "شناسه با نام پرونده یکی است (yazd-ceramic ← yazd-ceramic.yml) و در همه خوشه‌ها یکتاست؛ این شناسه‌ها رزرو شده‌اند: "
         + "، ".join(sorted(RESERVED_IDS)) + "."),
    Rule("province", "پرونده در پوشه clusters/ یا در پوشه همان استان (clusters/yazd/) است."),
    Rule("stage", "مرحله فقط برای خوشه‌ای با وضعیت active نوشته می‌شود."),
    Rule("isic", "دو رقم نخست کد ISIC یکی از بخش‌های ISIC «بخش» خوشه است."),
    Rule("firms", "هر مورد دست‌کم یکی از total، micro، small و medium را دارد؛ اگر هر چهار آمده، جمع سه تفکیک برابر total است."),
    Rule("dates", "ترتیب تاریخ‌ها: شناسایی ≤ پایان امکان‌سنجی ≤ آغاز پروژه ≤ پایان برنامه."),
    Rule("coordinates", f"مختصات درون استان خوشه است (تا {to_persian_digits(int(COORDINATE_TOLERANCE_KM))} کیلومتر بیرون از مرز نقشه، برای شهرهای ساحلی و مرزی)."),
    Rule("priority", "دست‌کم یکی از score و rank آمده است."),
    Rule("sources", "هر مورد یا document دارد یا url و title، نه هر دو."),
    Rule("draft", "پرونده‌ای با draft: true فقط id لازم دارد و منتشر نمی‌شود؛ شناسه‌اش با این حال یکتا می‌ماند."),
)

_TYPE_NAMES = {
    "string": "متن",
    "integer": "عدد صحیح",
    "number": "عدد",
    "array": "فهرست (هر مورد در خطی با «- »)",
    "object": "فهرست «نام: مقدار»",
    "boolean": "true یا false",
}
_REGISTRY_INFO = {
    "provinces": ("استان", "plugins/model/data/provinces.yml"),
    "sectors": ("بخش", "plugins/kinds/clusters/data/sectors.yml"),
    "partners": ("همکار", "plugins/kinds/clusters/data/partners.yml"),
    "documents": ("سند", "plugins/kinds/clusters/data/sources.yml"),
}
_ENUM_LABELS = {"status": ("وضعیت", STATUSES), "stage": ("مرحله", STAGES)}
_PERSIAN_DIGIT_NUMBER = re.compile(r"^[-+]?\d+([.٫]\d+)?$")


# --------------------------------------------------------------------------- validation

class _Checker:
    """Walks one record along SCHEMA, collecting every problem."""

    def __init__(self, path: str, registries: Registries):
        self.path = path
        self.registries = registries
        self.errors: list[ContentError] = []

    def error(self, where: tuple[int, int], field: str, message: str, expected: str = "") -> None:
        self.errors.append(ContentError(self.path, where[0], where[1], field, message, expected))

    def check(self, value: Any, schema: dict, field: str, where: tuple[int, int]) -> Any:
        """The value converted to its Python type, or None when it is wrong."""
        if schema.get("x-date"):
            if isinstance(value, (str, int)) and not isinstance(value, bool):
                try:
                    return parse_partial_date(value)
                except DateError as exc:
                    self.error(where, field, str(exc), EXPECTED_PARTIAL_DATE)
                    return None
            self.error(where, field, f"{_show(value)} تاریخ نیست", EXPECTED_PARTIAL_DATE)
            return None
        kind = schema.get("type")
        if kind == "object":
            return self.check_object(value, schema, field, where)
        if kind == "array":
            return self.check_array(value, schema, field, where)
        if kind in ("integer", "number"):
            return self.check_number(value, schema, field, where)
        if kind == "string":
            return self.check_string(value, schema, field, where)
        if kind == "boolean":
            if isinstance(value, bool):
                return value
            self.error(where, field, f"{_show(value)} {_TYPE_NAMES['boolean']} نیست", _TYPE_NAMES["boolean"])
            return None
        raise AssertionError(f"schema type {kind!r} not handled")  # a bug in SCHEMA, not in content

    def check_object(self, value: Any, schema: dict, field: str, where: tuple[int, int]) -> dict | None:
        if not isinstance(value, YamlMap):
            example = _example_yaml(schema)
            self.error(where, field, f"{_show(value)} باید {_TYPE_NAMES['object']} باشد",
                       f"{_TYPE_NAMES['object']}، مثل: {example}" if example else _TYPE_NAMES["object"])
            return None
        properties = schema.get("properties", {})
        result: dict[str, Any] = {}
        ok = True
        for key in value:
            if key not in properties:
                self.error(value.key_positions.get(key, value.start), _join(field, key), *_unknown_field(key, properties))
                ok = False
        for key in schema.get("required", []):
            if key not in value or value[key] is None or value[key] == "":
                missing_at = value.position(key) if key in value else (value.start if field else (1, 1))
                sub = properties[key]
                message = "فیلد لازم خالی است" if key in value else "فیلد لازم نیامده است"
                self.error(missing_at, _join(field, key), message, _expected(sub, self.registries))
                ok = False
        for key, sub in properties.items():
            if key in value and value[key] is not None and not (value[key] == "" and key in schema.get("required", [])):
                checked = self.check(value[key], sub, _join(field, key), value.position(key))
                if checked is None:
                    ok = False
                else:
                    result[key] = checked
        return result if ok else None

    def check_array(self, value: Any, schema: dict, field: str, where: tuple[int, int]) -> list | None:
        if not isinstance(value, YamlList):
            example = _example_yaml(schema)
            self.error(where, field, f"{_show(value)} باید {_TYPE_NAMES['array']} باشد",
                       f"فهرست، مثل: {example}" if example else "فهرست")
            return None
        if len(value) < schema.get("minItems", 0):
            self.error(where, field, "فهرست خالی است", "دست‌کم یک مورد، یا حذف این فیلد")
            return None
        result, ok, seen = [], True, {}
        for index, item in enumerate(value):
            item_field = f"{field}[{index + 1}]"
            item_where = value.position(index)
            if item is None:
                self.error(item_where, item_field, "مورد خالی است", _expected(schema["items"], self.registries))
                ok = False
                continue
            checked = self.check(item, schema["items"], item_field, item_where)
            if checked is None:
                ok = False
                continue
            if schema.get("uniqueItems") and isinstance(checked, str):
                if checked in seen:
                    self.error(item_where, item_field, f"«{checked}» دو بار آمده است (بار اول مورد {to_persian_digits(seen[checked])})",
                               "هر مورد فقط یک بار")
                    ok = False
                    continue
                seen[checked] = index + 1
            result.append(checked)
        return result if ok else None

    def check_number(self, value: Any, schema: dict, field: str, where: tuple[int, int]) -> float | int | None:
        kind = schema["type"]
        if isinstance(value, str) and _PERSIAN_DIGIT_NUMBER.match(to_latin_digits(value.strip())):
            text = to_latin_digits(value.strip()).replace("٫", ".")
            value = float(text) if "." in text else int(text)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or (kind == "integer" and not isinstance(value, int)):
            self.error(where, field, f"{_show(value)} {_TYPE_NAMES[kind]} نیست", _expected(schema, self.registries))
            return None
        if "minimum" in schema and value < schema["minimum"]:
            self.error(where, field, f"{_show(value)} کمتر از {_number(schema['minimum'])} است", _expected(schema, self.registries))
            return None
        if "maximum" in schema and value > schema["maximum"]:
            self.error(where, field, f"{_show(value)} بیشتر از {_number(schema['maximum'])} است", _expected(schema, self.registries))
            return None
        return value

    def check_string(self, value: Any, schema: dict, field: str, where: tuple[int, int]) -> str | None:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)  # `isic: 2393` or `name: 1398` are meant as text
        if not isinstance(value, str):
            self.error(where, field, f"{_show(value)} {_TYPE_NAMES['string']} نیست", _expected(schema, self.registries))
            return None
        value = value.strip()
        if len(value) < schema.get("minLength", 0):
            self.error(where, field, "متن خالی است", _expected(schema, self.registries))
            return None
        if "pattern" in schema and not re.match(schema["pattern"], value):
            self.error(where, field, f"«{_clip(value)}» شکل درستی ندارد", _expected(schema, self.registries))
            return None
        leaf = field.rsplit(".", 1)[-1].split("[")[0]
        if "enum" in schema and value not in schema["enum"]:
            label, terms = _ENUM_LABELS.get(leaf, ("مقدار", {}))
            hint = _suggest(value, {key: term.name for key, term in terms.items()} or {v: v for v in schema["enum"]})
            self.error(where, field, f"«{_clip(value)}» {label} شناخته‌شده‌ای نیست{hint}", _expected(schema, self.registries))
            return None
        registry = schema.get("x-registry")
        if registry and value not in getattr(self.registries, registry):
            label, _ = _REGISTRY_INFO[registry]
            names = {key: item_name(item) for key, item in getattr(self.registries, registry).items()}
            self.error(where, field, f"«{_clip(value)}» {label} شناخته‌شده‌ای نیست{_suggest(value, names)}",
                       _expected(schema, self.registries))
            return None
        if schema.get("x-source") and not (re.match(URL, value) or value in self.registries.documents):
            names = {key: doc.title for key, doc in self.registries.documents.items()}
            self.error(where, field, f"«{_clip(value)}» نه شناسه سندی شناخته‌شده است و نه نشانی وب{_suggest(value, names)}",
                       _expected(schema, self.registries))
            return None
        return value


def validate_record(data: Any, path: str, registries: Registries) -> tuple[dict | None, list[ContentError]]:
    """Check one parsed record against SCHEMA and RULES.

    Returns (clean values, []) or (None, every problem). Clean values have dates
    as PartialDate, numbers as int/float and strings stripped.
    """
    checker = _Checker(path, registries)
    if not isinstance(data, YamlMap):
        checker.error((1, 1), "", "پرونده خوشه باید فهرستی از «نام: مقدار» باشد", "id: …، name: …، province: … هر کدام در یک خط")
        return None, checker.errors
    draft = data.get("draft") is True
    values = checker.check(data, DRAFT_SCHEMA if draft else SCHEMA, "", data.start)
    partial = values if values is not None else _salvage(data, checker, registries)
    check_rules(partial, data, path, registries, checker.error, draft=draft)
    if checker.errors:
        return None, checker.errors
    return values, []


def _salvage(data: YamlMap, checker: _Checker, registries: Registries) -> dict:
    """Values of the fields that passed, so the cross-field rules still run on them."""
    scratch = _Checker(checker.path, registries)
    values = {}
    for key, sub in SCHEMA["properties"].items():
        if key in data and data[key] is not None:
            before = len(scratch.errors)
            checked = scratch.check(data[key], sub, key, data.position(key))
            if checked is not None and len(scratch.errors) == before:
                values[key] = checked
    return values


def check_rules(values: dict, data: YamlMap, path: str, registries: Registries,
                error: Callable[[tuple[int, int], str, str, str], None], *, draft: bool = False) -> None:
    """The rules of RULES on whatever fields passed the schema (a draft's empty source is allowed)."""
    stem, parts = PurePosixPath(path).stem, PurePosixPath(path).parts
    record_id = values.get("id")
    if record_id:
        if record_id != stem:
            error(data.position("id"), "id", f"شناسه «{record_id}» با نام پرونده «{PurePosixPath(path).name}» یکی نیست",
                  f"نام پرونده {record_id}.yml، یا شناسه {stem}")
        elif record_id in RESERVED_IDS:
            error(data.position("id"), "id", f"شناسه «{record_id}» رزرو شده است (نشانی صفحه‌ای دیگر است)",
                  "شناسه‌ای دیگر، مثلاً با نام شهر و محصول")
    if len(parts) > 3:
        error((1, 1), "", f"پرونده خوشه بیش از یک پوشه زیر {parts[0]}/ است",
              f"{parts[0]}/<شناسه>.yml یا {parts[0]}/<استان>/<شناسه>.yml")
    province = values.get("province")
    if province and len(parts) == 3 and parts[1] != province:
        folder = registries.provinces.get(parts[1])
        where = f"پوشه {parts[0]}/{parts[1]}/" + (f" ({folder.name})" if folder else "")
        error(data.position("province"), "province",
              f"«{province}» ({registries.provinces[province].name}) با {where} نمی‌خواند",
              f"province: {parts[1]}، یا جابه‌جایی پرونده به {parts[0]}/{province}/" if folder else f"پرونده در {parts[0]}/{province}/")
    status, stage = values.get("status"), values.get("stage")
    if stage and status and status != "active":
        error(data.position("stage"), "stage",
              f"مرحله «{stage}» برای خوشه‌ای با وضعیت «{status}» ({STATUSES[status].name}) معنا ندارد",
              "حذف stage، یا status: active")
    sector, isic = values.get("sector"), values.get("isic")
    if sector and isic and isic[:2] not in registries.sectors[sector].isic:
        divisions = "، ".join(registries.sectors[sector].isic)
        error(data.position("isic"), "isic", f"کد «{isic}» در بخش «{sector}» ({registries.sectors[sector].name}) نیست",
              f"کدی که با {divisions} شروع شود، یا بخشی دیگر")
    for index, firm in enumerate(values.get("firms") or []):
        item = data["firms"][index]
        counts = [firm.get(key) for key in ("total", *FIRM_SIZES)]
        if all(count is None for count in counts):
            error(data["firms"].position(index), f"firms[{index + 1}]", "هیچ رقمی نیامده است", "دست‌کم یکی از total، micro، small، medium")
        elif None not in counts and sum(counts[1:]) != counts[0]:
            error(item.position("total"), f"firms[{index + 1}].total",
                  f"جمع خرد، کوچک و متوسط ({to_persian_digits(sum(counts[1:]))}) با total ({to_persian_digits(counts[0])}) برابر نیست",
                  "total برابر micro + small + medium، یا حذف رقمی که منبع نگفته است")
    dates = values.get("dates") or {}
    previous = None
    for kind in DATE_KINDS:
        if kind in dates:
            if previous and dates[kind].start < dates[previous].start:
                error(data["dates"].position(kind), f"dates.{kind}",
                      f"تاریخ {DATE_KINDS[kind]} ({dates[kind].persian()}) پیش از تاریخ {DATE_KINDS[previous]} ({dates[previous].persian()}) است",
                      "ترتیب: " + " ≤ ".join(DATE_KINDS.values()))
            previous = kind
    coordinates = values.get("coordinates")
    if coordinates and province:
        shapes = geo.province_shapes()[province]
        distance = geo.distance_km(coordinates["lon"], coordinates["lat"], shapes)
        if distance > COORDINATE_TOLERANCE_KM:
            found = geo.province_at(coordinates["lon"], coordinates["lat"])
            swapped = geo.province_at(coordinates["lat"], coordinates["lon"]) if geo.BOUNDS["lon"][0] <= coordinates["lat"] else None
            where = f"در استان {registries.provinces[found].name} است" if found else "درون هیچ استانی نیست"
            hint = "؛ شاید جای lat و lon عوض شده است" if swapped == province else ""
            error(data["coordinates"].position("lat"), "coordinates",
                  f"نقطه ({_number(coordinates['lat'])}، {_number(coordinates['lon'])}) {to_persian_digits(round(distance))} کیلومتر بیرون از استان {registries.provinces[province].name} و {where}{hint}",
                  f"مختصات جایی در استان {registries.provinces[province].name}؛ lat عرض (۲۵ تا ۴۰) و lon طول (۴۴ تا ۶۳)")
    priority = values.get("priority")
    if priority and "score" not in priority and "rank" not in priority:
        error(data.position("priority"), "priority", "نه امتیاز آمده است نه رتبه", "score یا rank")
    for index, source in enumerate(values.get("sources") or []):
        has_document, has_url = "document" in source, "url" in source
        where = data["sources"].position(index)
        field = f"sources[{index + 1}]"
        if draft and not (has_document or has_url):
            continue
        if has_document == has_url:
            error(where, field, "هم document آمده است و هم url" if has_document else "نه document آمده است و نه url",
                  "document: شناسه سند (مثل source-1)، یا url و title برای سندی بیرون از فهرست")
        elif has_url and "title" not in source:
            error(where, f"{field}.title", "عنوان سندِ نشانی وب نیامده است", "title: عنوان سند")
        elif has_document and "title" in source:
            error(data["sources"][index].position("title"), f"{field}.title", "سند فهرست‌شده عنوان جدا نمی‌خواهد",
                  "حذف title (عنوان از plugins/kinds/clusters/data/sources.yml می‌آید)")


# --------------------------------------------------------------------------- messages

def item_name(item: Any) -> str:
    for attribute in ("name", "title"):
        if hasattr(item, attribute):
            return getattr(item, attribute)
    return str(item)


def _join(field: str, key: str) -> str:
    return f"{field}.{key}" if field else key


def _clip(text: str, limit: int = 40) -> str:
    text = str(text).replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _show(value: Any) -> str:
    if isinstance(value, YamlMap):
        return "فهرست «نام: مقدار»"
    if isinstance(value, YamlList):
        return "فهرست"
    if value is True or value is False:
        return f"«{str(value).lower()}»"
    return f"«{_clip(value)}»"


def _number(value: float) -> str:
    return to_persian_digits(f"{value:g}".replace(".", "٫"))


def _unknown_field(key: str, properties: dict) -> tuple[str, str]:
    close = difflib.get_close_matches(key, list(properties), n=1, cutoff=0.6)
    message = f"فیلد ناشناخته «{key}»" + (f"؛ شاید منظورتان «{close[0]}» بود" if close else "")
    return message, "یکی از: " + "، ".join(properties)


def _suggest(value: str, names: dict[str, str]) -> str:
    """«؛ شاید منظورتان yazd (یزد) بود» for a near miss or a Persian name typed for an id."""
    for key, name in names.items():
        if value == name or value.replace("ي", "ی").replace("ك", "ک") == name:
            return f"؛ شناسه «{name}» {key} است"
    close = difflib.get_close_matches(value, list(names), n=1, cutoff=0.6)
    if close:
        label = f" ({names[close[0]]})" if names[close[0]] != close[0] else ""
        return f"؛ شاید منظورتان {close[0]}{label} بود"
    return ""


def _expected(schema: dict, registries: Registries | None) -> str:
    if "x-expected" in schema:
        return schema["x-expected"]
    if schema.get("x-date"):
        return EXPECTED_PARTIAL_DATE
    registry = schema.get("x-registry")
    if registry:
        label, path = _REGISTRY_INFO[registry]
        items = getattr(registries, registry) if registries else {}
        return _choices({key: item_name(item) for key, item in items.items()}, f"شناسه {label}", path)
    if "enum" in schema:
        terms = STATUSES if set(schema["enum"]) == set(STATUSES) else STAGES if set(schema["enum"]) == set(STAGES) else {}
        return _choices({key: terms[key].name if key in terms else key for key in schema["enum"]}, "", "")
    kind = schema.get("type")
    if kind in ("integer", "number"):
        bounds = []
        if "minimum" in schema:
            bounds.append(f"از {_number(schema['minimum'])}")
        if "maximum" in schema:
            bounds.append(f"تا {_number(schema['maximum'])}")
        return _TYPE_NAMES[kind] + (" " + " ".join(bounds) if bounds else "") + " با رقم لاتین یا فارسی"
    if kind == "array" and "x-registry" in schema.get("items", {}):
        return "فهرست؛ هر مورد " + _expected(schema["items"], registries)
    return _TYPE_NAMES.get(kind if isinstance(kind, str) else "string", "")


def _choices(names: dict[str, str], label: str, path: str) -> str:
    shown = [f"{key} ({name})" if name != key else key for key, name in names.items()]
    head = f"{label} یکی از: " if label else "یکی از: "
    if len(shown) > 8:
        return head + "، ".join(shown[:6]) + f"، … (همه {to_persian_digits(len(shown))} مورد در {path})"
    return head + "، ".join(shown)


def _example_yaml(schema: dict) -> str:
    examples = schema.get("examples")
    if not examples:
        return ""
    return json.dumps(examples[0], ensure_ascii=False)


# --------------------------------------------------------------------------- published schema

def published_schema(registries: Registries) -> dict:
    """SCHEMA with the registries' ids as ``enum``: for editors' YAML tools."""
    schema = copy.deepcopy(SCHEMA)

    def fill(node: Any) -> None:
        if isinstance(node, dict):
            registry = node.get("x-registry")
            if registry:
                node["enum"] = sorted(getattr(registries, registry))
            for value in node.values():
                fill(value)
        elif isinstance(node, list):
            for value in node:
                fill(value)

    fill(schema)
    return schema


# --------------------------------------------------------------------------- reference page

def _type_text(schema: dict) -> str:
    if schema.get("x-date"):
        return "تاریخ"
    if schema.get("x-registry"):
        return f"شناسه {_REGISTRY_INFO[schema['x-registry']][0]}"
    if schema.get("x-source"):
        return "شناسه سند یا نشانی وب"
    kind = schema.get("type")
    if kind == "array":
        return "فهرست " + _type_text(schema["items"]).replace("فهرست «نام: مقدار»", "از «نام: مقدار»")
    if kind == "object":
        return "فهرست «نام: مقدار»"
    if "enum" in schema:
        return "یکی از مقدارهای جدول پایین"
    return _TYPE_NAMES.get(kind, "")


def _code(text: object) -> str:
    return f"<code>{esc(text)}</code>"


NEW_CLUSTER_COMMAND = 'python3 build.py new cluster yazd-tile --title "خوشه کاشی یزد"'


def add_reference(page: PageBuilder, registries: Registries) -> None:
    """The body of the editors' reference page (after its title): prose, tables and the sample record."""
    required = set(SCHEMA["required"])
    page.html(para(
        f"هر خوشه یک پرونده YAML در پوشه {_code('clusters/')} است، در پوشه استانش: {_code('clusters/<province>/<id>.yml')}، "
        f"مثلاً {_code('clusters/yazd/yazd-ceramic.yml')}. "
        "این صفحه از همان قالبی ساخته می‌شود که ساخت سایت پرونده‌ها را با آن می‌سنجد، پس همیشه با آن یکی است."
    ))
    page.html(para(
        f"پرونده تازه را با دستوری مثل {_code(NEW_CLUSTER_COMMAND)} "
        f"بسازید و پیش از انتشار {_code('python3 build.py check')} را اجرا کنید؛ همه مشکل‌ها یکجا، هر کدام در یک خط "
        "با نام پرونده، شماره خط، فیلد، مقدار نادرست و آنچه انتظار می‌رود، گزارش می‌شوند."
    ))
    page.md("## فیلدها\n")
    rows = []
    for key, sub in SCHEMA["properties"].items():
        example = sub.get("examples", [""])[0]
        example_text = json.dumps(example, ensure_ascii=False) if not isinstance(example, str) else example
        rows.append([_code(key), esc(sub.get("title", "")), "بله" if key in required else "—", esc(_type_text(sub)),
                     esc(sub.get("description", "")), _code(example_text)])
        nested = sub.get("properties") or sub.get("items", {}).get("properties")
        if nested:
            inner_required = set(sub.get("required") or sub.get("items", {}).get("required") or [])
            for inner, inner_schema in nested.items():
                rows.append([_code(f"{key}.{inner}"), esc(inner_schema.get("title", "")),
                             "بله" if inner in inner_required else "—", esc(_type_text(inner_schema)),
                             esc(inner_schema.get("description", "")), ""])
    page.html(table(["فیلد", "نام", "لازم", "نوع", "توضیح", "نمونه"], rows))
    page.md("## قاعده‌های بیشتر\n")
    page.html(bullets([f"{_code(rule.field)}: {esc(rule.text)}" for rule in RULES] + [
        "فیلد ناشناخته (مثلاً غلط تایپی)، فیلد تکراری و شناسه تکراری خطاست.",
        "متن‌ها هنگام ساخت یکدست می‌شوند (ی و ک فارسی)؛ عددها را با رقم لاتین یا فارسی بنویسید.",
    ]))
    page.md("## وضعیت‌ها (`status`)\n")
    page.html(table(["مقدار", "نام", "معنا"],
                    [[_code(term.id), esc(term.name), esc(term.description)] for term in STATUSES.values()]))
    page.md("## مرحله‌های روش پنج‌مرحله‌ای (`stage`)\n")
    page.html(table(["مقدار", "نام", "معنا"],
                    [[_code(term.id), esc(term.name), esc(term.description)] for term in STAGES.values()]))
    page.md("## بخش‌ها (`sector`)\n")
    page.html(table(["مقدار", "نام", "بخش‌های ISIC"],
                    [[_code(s.id), esc(s.name), to_persian_digits("، ".join(s.isic))] for s in registries.sectors.values()]))
    page.md("## همکاران (`partners`)\n")
    page.html(table(["مقدار", "نام"], [[_code(p.id), esc(p.label)] for p in registries.partners.values()]))
    page.md("## سندها (`sources[].document` و `source`)\n")
    page.html(table(["مقدار", "عنوان", "ناشر"],
                    [[_code(d.id), esc(d.title), esc(d.publisher)] for d in registries.documents.values()]))
    page.md("## استان‌ها (`province`)\n")
    page.html(table(["مقدار", "نام", "مرکز"],
                    [[_code(p.id), esc(p.name), esc(p.centre)] for p in registries.provinces.values()]))
    # A code sample, not a structure: Markdown keeps the site's code-block look (one fence, one page).
    page.md("## نمونه پرونده تازه\n")
    page.md("```yaml\n" + scaffold_text("yazd-example", "خوشه نمونه یزد")[1].rstrip() + "\n```\n")


# --------------------------------------------------------------------------- scaffold

_SCAFFOLD_MARK = "# ← لازم"


def scaffold_text(cluster_id: str, name: str) -> tuple[str, str]:
    """(relative path, YAML) of a new record for ``build.py new cluster``.

    The record starts as a draft (``draft: true``), so it passes validation as
    written and is not published. Required fields come first, filled when they
    can be (id, name, the province when the id starts with a province id, such
    as ``yazd-…``) and otherwise left empty with a «← لازم» comment; once they
    are filled and the draft line is removed, the record is published. Optional
    fields follow as commented examples. Nothing the source must say is guessed.
    """
    from plugins.kinds.clusters.registries import load_registries

    registries = load_registries()
    provinces = registries.provinces
    province = max((pid for pid in provinces if cluster_id == pid or cluster_id.startswith(pid + "-")), key=len, default="")
    path = f"clusters/{province}/{cluster_id}.yml" if province else f"clusters/{cluster_id}.yml"
    filled = {"id": cluster_id, "name": name.strip(), "province": province}
    lines = [
        "# شناسنامه خوشه؛ راهنمای همه فیلدها: صفحه «راهنمای پرونده خوشه» (clusters/reference/) در سایت.",
        "# فقط آنچه منبع می‌گوید بنویسید؛ فیلدی را که منبع نگفته است خالی نگذارید، حذفش کنید.",
        "# پیش‌نویس: تا این خط هست، خوشه منتشر نمی‌شود. فیلدهای «← لازم» را پر کنید و سپس این خط را بردارید.",
        "draft: true",
    ]
    for key in SCHEMA["required"]:
        sub = SCHEMA["properties"][key]
        if key == "sources":
            lines.append(f"sources:  {_SCAFFOLD_MARK}: {sub['title']}؛ سندی که واقعیت‌ها از آن است")
            lines.append("  - document:   # شناسه سند، مثل source-1 (یا url: و title: برای سندی بیرون از فهرست)")
            lines.append("    note:       # این سند درباره خوشه چه می‌گوید")
            continue
        value = filled.get(key, "")
        comment = "" if value else f"  {_SCAFFOLD_MARK}: {sub['title']}؛ {_expected(sub, registries)}"
        lines.append(f"{key}: {_yaml_scalar(value)}{comment}".rstrip())
    lines.append("")
    lines.append("# فیلدهای اختیاری: علامت # را بردارید و مقدار را از منبع بنویسید.")
    for key, sub in SCHEMA["properties"].items():
        if key in SCHEMA["required"] or key == "draft":
            continue
        example = sub.get("examples", [None])[0]
        if isinstance(example, (list, dict)):
            lines.append(f"# {key}:  # {sub['title']}")
            lines += [f"#   {line}" for line in _example_lines(example)]
        else:
            lines.append(f"# {key}: {_yaml_scalar(example)}  # {sub['title']}")
    return path, "\n".join(lines) + "\n"


def _yaml_scalar(value: Any) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    value = str(value)
    if value == "":
        return ""
    plain = re.match(r"^[^\W\d][\w\u200c \-]*$", value) and value.lower() not in ("true", "false", "null")
    if plain:
        return value
    return json.dumps(value, ensure_ascii=False)


def _example_lines(example: Any) -> list[str]:
    if isinstance(example, dict):
        return [f"{key}: {_yaml_scalar(value)}" for key, value in example.items()]
    lines = []
    for item in example:
        if isinstance(item, dict):
            pairs = [f"{key}: {_yaml_scalar(value)}" for key, value in item.items()]
            lines += [f"- {pairs[0]}", *(f"  {pair}" for pair in pairs[1:])]
        else:
            lines.append(f"- {_yaml_scalar(item)}")
    return lines

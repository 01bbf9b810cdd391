"""The registries a cluster record refers to by id: partners, sectors, documents
(sources) and the programme's reported figures; provinces come from plugins.model.

Each registry is a small YAML list in ``plugins/kinds/clusters/data/``, checked by the
one validator against ``data/registries.schema.yml`` like every record (unknown fields,
missing fields, wrong types), plus duplicate ids and the figures' references, so an
editor who adds a partner gets the same kind of Persian error line.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from plugins.model.dates import Date, DateError, parse_date
from plugins.model.digits import to_latin_digits
from plugins.model.errors import ContentError, raise_if_any
from plugins.model.provinces import Province, load_provinces
from plugins.model.text import normalize_text
from plugins.model.validation import SchemaValidator, read_schema
from plugins.model.yamlio import YamlMap, load_yaml_file
from plugins.kinds.clusters.vocab import STATUSES

DATA_DIR = Path(__file__).resolve().parent / "data"
SCHEMA_FILE = DATA_DIR / "registries.schema.yml"
PACKAGE_ROOT = DATA_DIR.parents[3]  # the project that holds plugins/


@dataclass(frozen=True)
class Partner:
    id: str
    name: str
    abbr: str
    description: str
    order: int

    @property
    def label(self) -> str:
        return f"{self.name} ({self.abbr})" if self.abbr and self.abbr not in self.name else self.name


@dataclass(frozen=True)
class Sector:
    id: str
    name: str
    isic: tuple[str, ...]  # ISIC Rev.4 divisions, two digits each
    order: int


@dataclass(frozen=True)
class Document:
    id: str
    title: str
    publisher: str
    date: Date | None
    anchor: str  # heading id on about/sources.md
    order: int


@dataclass(frozen=True)
class ReportedFigure:
    id: str
    scope: str  # "national" or a province id
    status: str
    value: int
    statement: str
    source: str  # Document id
    approximate: bool
    order: int


@dataclass(frozen=True)
class Registries:
    provinces: dict[str, Province]
    partners: dict[str, Partner]
    sectors: dict[str, Sector]
    documents: dict[str, Document]
    reported: tuple[ReportedFigure, ...]


def load_registries() -> Registries:
    """Every registry, validated; raises ContentErrors listing every problem.

    Read afresh on each call (four small files), so ``build.py serve`` sees an
    editor's new partner or document at the next rebuild.
    """
    return _load_all()


def _load_all() -> Registries:
    errors: list[ContentError] = []
    provinces = load_provinces()
    partners = _partners(errors)
    sectors = _sectors(errors)
    documents = _documents(errors)
    reported = _reported(errors, provinces, documents)
    raise_if_any(errors)
    return Registries(provinces, partners, sectors, documents, reported)


def _partners(errors: list[ContentError]) -> dict[str, Partner]:
    items = _load("partners", errors)
    return {
        item["id"]: Partner(item["id"], normalize_text(str(item["name"])), str(item.get("abbr") or ""),
                            normalize_text(str(item.get("description") or "")), index)
        for index, (item, _) in enumerate(items)
    }


def _sectors(errors: list[ContentError]) -> dict[str, Sector]:
    sectors: dict[str, Sector] = {}
    for index, (item, path) in enumerate(_load("sectors", errors)):
        divisions = tuple(str(code) for code in item["isic"])
        sectors[item["id"]] = Sector(item["id"], normalize_text(item["name"]), divisions, index)
    return sectors


def _documents(errors: list[ContentError]) -> dict[str, Document]:
    documents: dict[str, Document] = {}
    for index, (item, path) in enumerate(_load("sources", errors)):
        date = None
        if item.get("date") is not None:
            try:
                date = parse_date(item["date"])
            except DateError as exc:
                errors.append(ContentError(path, *item.position("date"), field="date", message=str(exc)))
        documents[item["id"]] = Document(item["id"], normalize_text(item["title"]),
                                         normalize_text(item["publisher"]), date, item["anchor"], index)
    return documents


def _reported(errors: list[ContentError], provinces: dict, documents: dict[str, Document]) -> tuple[ReportedFigure, ...]:
    figures = []
    for index, (item, path) in enumerate(_load("reported", errors)):
        if item["scope"] != "national" and item["scope"] not in provinces:
            errors.append(ContentError(path, *item.position("scope"), field="scope",
                                       message=f"«{item['scope']}» نه national است و نه شناسه استان"))
        if item["status"] not in STATUSES:
            errors.append(ContentError(path, *item.position("status"), field="status",
                                       message=f"«{item['status']}» وضعیت شناخته‌شده‌ای نیست",
                                       expected="یکی از: " + "، ".join(STATUSES)))
        if item["source"] not in documents:
            errors.append(ContentError(path, *item.position("source"), field="source",
                                       message=f"«{item['source']}» در sources.yml نیست"))
        # The validator reads values as the editor means them ("۴۲۳" is a number): so does this.
        value = int(to_latin_digits(str(item["value"])))
        figures.append(ReportedFigure(item["id"], item["scope"], item["status"], value,
                                      normalize_text(item["statement"]), item["source"],
                                      bool(item.get("approximate")), index))
    return tuple(figures)


def _load(name: str, errors: list[ContentError]) -> list[tuple[YamlMap, str]]:
    """[(item, relpath)] of one registry file (``name``.yml), checked against registries.schema.yml."""
    path = DATA_DIR / f"{name}.yml"
    data, problems = load_yaml_file(path, PACKAGE_ROOT)
    relpath = path.relative_to(PACKAGE_ROOT).as_posix()
    problems = problems or (_validator(name).errors(data, relpath) if data is not None else [])
    errors.extend(problems)
    if data is None or problems:
        return []
    items, seen = [], {}
    for item in data:
        if item["id"] in seen:  # JSON Schema has no "unique by id"
            errors.append(ContentError(relpath, *item.position("id"), field="id",
                                       message=f"شناسه «{item['id']}» تکراری است (بار اول در خط {seen[item['id']]})"))
            continue
        seen[item["id"]] = item.position("id")[0]
        items.append((item, relpath))
    return items


@lru_cache(maxsize=None)
def _validator(name: str) -> SchemaValidator:
    return SchemaValidator({**read_schema(SCHEMA_FILE), "$ref": f"#/$defs/{name}"})

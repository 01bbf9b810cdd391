"""The registries a cluster record refers to by id: partners, sectors, documents
(sources) and the programme's reported figures; provinces come from plugins.model.

Each registry is a small YAML list in ``plugins/kinds/clusters/data/``, checked as
strictly as the records (unknown fields, missing fields, duplicate ids) so an
editor who adds a partner gets the same kind of Persian error line.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from plugins.model.dates import Date, DateError, parse_date
from plugins.model.errors import ContentError, raise_if_any
from plugins.model.provinces import Province, load_provinces
from plugins.model.text import normalize_text
from plugins.model.yamlio import YamlList, YamlMap, load_yaml_file
from plugins.kinds.clusters.vocab import STATUSES

DATA_DIR = Path(__file__).resolve().parent / "data"
PACKAGE_ROOT = DATA_DIR.parents[2]  # the project that holds plugins/


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
    items = _load(
        "partners.yml", {"id": str, "name": str, "abbr": str, "description": str}, {"abbr", "description"}, errors
    )
    return {
        item["id"]: Partner(item["id"], normalize_text(item["name"]), item.get("abbr") or "",
                            normalize_text(item.get("description") or ""), index)
        for index, (item, _) in enumerate(items)
    }


def _sectors(errors: list[ContentError]) -> dict[str, Sector]:
    sectors: dict[str, Sector] = {}
    for index, (item, path) in enumerate(_load("sectors.yml", {"id": str, "name": str, "isic": list}, set(), errors)):
        divisions = tuple(str(code) for code in item["isic"])
        if not divisions or not all(len(code) == 2 and code.isdigit() for code in divisions):
            errors.append(ContentError(path, *item.position("isic"), field="isic",
                                       message="بخش‌های ISIC باید فهرست کدهای دورقمی باشند",
                                       expected='مثل ["13", "14"] (با گیومه)'))
        sectors[item["id"]] = Sector(item["id"], normalize_text(item["name"]), divisions, index)
    return sectors


def _documents(errors: list[ContentError]) -> dict[str, Document]:
    fields = {"id": str, "title": str, "publisher": str, "date": object, "anchor": str}
    documents: dict[str, Document] = {}
    for index, (item, path) in enumerate(_load("sources.yml", fields, {"date"}, errors)):
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
    fields = {"id": str, "scope": str, "status": str, "value": int, "statement": str, "source": str, "approximate": bool}
    figures = []
    for index, (item, path) in enumerate(_load("reported.yml", fields, {"approximate"}, errors)):
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
        figures.append(ReportedFigure(item["id"], item["scope"], item["status"], item["value"],
                                      normalize_text(item["statement"]), item["source"],
                                      bool(item.get("approximate")), index))
    return tuple(figures)


def _load(name: str, fields: dict[str, type], optional: set[str], errors: list[ContentError]):
    """[(item, relpath)] of one registry file; problems go to ``errors``."""
    path = DATA_DIR / name
    data, problems = load_yaml_file(path, PACKAGE_ROOT)
    errors.extend(problems)
    relpath = path.relative_to(PACKAGE_ROOT).as_posix()
    if data is None:
        return []
    if not isinstance(data, YamlList):
        errors.append(ContentError(relpath, 1, 1, message="این پرونده باید فهرستی از موردها باشد",
                                   expected="هر مورد با «- id: …» شروع شود"))
        return []
    items, seen = [], {}
    for index, item in enumerate(data):
        line, column = data.position(index)
        if not isinstance(item, YamlMap):
            errors.append(ContentError(relpath, line, column, message="هر مورد باید فهرست «نام: مقدار» باشد"))
            continue
        ok = True
        for key in item:
            if key not in fields:
                errors.append(ContentError(relpath, *item.key_positions[key], field=key, message="فیلد ناشناخته",
                                           expected="یکی از: " + "، ".join(fields)))
                ok = False
        for key, kind in fields.items():
            if key not in item or item[key] is None:
                if key not in optional:
                    errors.append(ContentError(relpath, line, column, field=key, message="فیلد لازم نیامده است"))
                    ok = False
            elif kind is not object and not (isinstance(item[key], kind) and not (kind is int and isinstance(item[key], bool))):
                errors.append(ContentError(relpath, *item.position(key), field=key,
                                           message=f"«{item[key]}» از نوع درست نیست"))
                ok = False
        if not ok:
            continue
        if item["id"] in seen:
            errors.append(ContentError(relpath, *item.position("id"), field="id",
                                       message=f"شناسه «{item['id']}» تکراری است (بار اول در خط {seen[item['id']]})"))
            continue
        seen[item["id"]] = item.position("id")[0]
        items.append((item, relpath))
    return items

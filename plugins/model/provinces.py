"""The registry of Iran's 31 provinces: id, Persian name and provincial centre.

Every record that names a province (clusters, news, publications) names it by
its ``id`` from ``plugins/model/data/provinces.yml``; pages show ``name``. The
centre coordinates are those of the provincial capital (public geography).

    >>> provinces = load_provinces()
    >>> provinces["yazd"].name
    'یزد'
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from plugins.model.errors import ContentError, raise_if_any
from plugins.model.validation import SchemaValidator, read_schema
from plugins.model.yamlio import load_yaml_file

DATA_FILE = Path(__file__).resolve().parent / "data" / "provinces.yml"
SCHEMA_FILE = DATA_FILE.with_name("provinces.schema.yml")  # 31 provinces, each with these fields


@dataclass(frozen=True)
class Province:
    id: str  # Latin slug: "sistan-baluchestan"
    name: str  # Persian: «سیستان و بلوچستان»
    name_en: str
    centre: str  # the provincial capital, Persian: «زاهدان»
    lat: float  # of the centre, decimal degrees WGS 84
    lon: float
    order: int  # position in the registry (Persian alphabetical order)


def load_provinces() -> dict[str, Province]:
    """Every province by id, in Persian alphabetical order (a fresh dict each call)."""
    return dict(_load(DATA_FILE))


@lru_cache(maxsize=None)
def _load(path: Path) -> dict[str, Province]:
    root = path.parents[3] if len(path.parents) > 3 else path.parent
    data, errors = load_yaml_file(path, root)
    relpath = errors[0].path if errors else path.relative_to(root).as_posix()
    if data is not None and not errors:
        errors = SchemaValidator(read_schema(SCHEMA_FILE)).errors(data, relpath)
    provinces: dict[str, Province] = {}
    for index, item in enumerate(data if not errors else []):
        if item["id"] in provinces:  # JSON Schema has no "unique by id"
            errors.append(ContentError(relpath, *item.position("id"), field="id",
                                       message=f"شناسه «{item['id']}» تکراری است"))
            continue
        provinces[str(item["id"])] = Province(
            id=str(item["id"]), name=str(item["name"]), name_en=str(item["name_en"]),
            centre=str(item["centre"]), lat=float(item["lat"]), lon=float(item["lon"]), order=index,
        )
    raise_if_any(errors)
    return provinces

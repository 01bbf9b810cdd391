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
from plugins.model.yamlio import YamlList, YamlMap, load_yaml_file

DATA_FILE = Path(__file__).resolve().parent / "data" / "provinces.yml"
PROVINCE_COUNT = 31
_FIELDS = ("id", "name", "name_en", "centre", "lat", "lon")


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
    relpath = errors[0].path if errors else path.name
    provinces: dict[str, Province] = {}
    if data is not None and not isinstance(data, YamlList):
        errors.append(ContentError(relpath, 1, 1, message="فهرست استان‌ها باید یک فهرست YAML باشد"))
        data = None
    for index, item in enumerate(data or []):
        line, column = data.position(index)
        if not isinstance(item, YamlMap):
            errors.append(ContentError(relpath, line, column, message="هر استان باید فهرست «نام: مقدار» باشد"))
            continue
        unknown = sorted(set(item) - set(_FIELDS))
        missing = [name for name in _FIELDS if name not in item]
        for name in unknown:
            errors.append(ContentError(relpath, *item.position(name), field=name, message="فیلد ناشناخته",
                                       expected="، ".join(_FIELDS)))
        for name in missing:
            errors.append(ContentError(relpath, line, column, field=name, message="فیلد لازم نیامده است"))
        if unknown or missing:
            continue
        if not all(isinstance(item[name], (int, float)) for name in ("lat", "lon")):
            errors.append(ContentError(relpath, line, column, field="lat", message="مختصات باید عدد باشد"))
            continue
        if item["id"] in provinces:
            errors.append(ContentError(relpath, *item.position("id"), field="id",
                                       message=f"شناسه «{item['id']}» تکراری است"))
            continue
        provinces[str(item["id"])] = Province(
            id=str(item["id"]), name=str(item["name"]), name_en=str(item["name_en"]),
            centre=str(item["centre"]), lat=float(item["lat"]), lon=float(item["lon"]), order=index,
        )
    if not errors and len(provinces) != PROVINCE_COUNT:
        errors.append(ContentError(relpath, message=f"{len(provinces)} استان آمده است",
                                   expected=f"{PROVINCE_COUNT} استان"))
    raise_if_any(errors)
    return provinces

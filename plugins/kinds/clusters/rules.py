"""The rules of a cluster record that tie fields together (what JSON Schema cannot say).

Each rule is a small function of the values that passed the schema (a field that
failed is absent, so a rule never reports a problem caused by another one) and
the record as read (for line and column). :data:`RULES` is what the editors'
reference page says about them, in the same order.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any, Callable, Iterator

from plugins.model.dates import to_persian_digits
from plugins.model.errors import ContentError
from plugins.model.messages import number
from plugins.model.yamlio import YamlMap
from plugins.kinds.clusters import geo
from plugins.kinds.clusters.registries import Registries
from plugins.kinds.clusters.vocab import DATE_KINDS, FIRM_SIZES, STATUSES

RESERVED_IDS = frozenset({"index", "province", "sector", "status", "stage", "partner", "reference", "data"})
COORDINATE_TOLERANCE_KM = 10.0


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

Problem = tuple[tuple[int, int], str, str, str]  # (line, column), field, message, expected
Check = Callable[[dict, YamlMap, PurePosixPath, Registries, bool], Iterator[Problem]]


def check_rules(values: dict, data: YamlMap, path: str, registries: Registries, *, draft: bool = False) -> list[ContentError]:
    """Every rule on whatever fields passed the schema (a draft's empty source is allowed)."""
    where = PurePosixPath(path)
    return [ContentError(path, line, column, field, message, expected)
            for check in CHECKS
            for (line, column), field, message, expected in check(values, data, where, registries, draft)]


def id_matches_file(values, data, path, registries, draft) -> Iterator[Problem]:
    record_id = values.get("id")
    if not record_id:
        return
    if record_id != path.stem:
        yield (data.position("id"), "id", f"شناسه «{record_id}» با نام پرونده «{path.name}» یکی نیست",
               f"نام پرونده {record_id}.yml، یا شناسه {path.stem}")
    elif record_id in RESERVED_IDS:
        yield (data.position("id"), "id", f"شناسه «{record_id}» رزرو شده است (نشانی صفحه‌ای دیگر است)",
               "شناسه‌ای دیگر، مثلاً با نام شهر و محصول")


def folder_is_the_province(values, data, path, registries, draft) -> Iterator[Problem]:
    parts = path.parts
    if len(parts) > 3:
        yield ((1, 1), "", f"پرونده خوشه بیش از یک پوشه زیر {parts[0]}/ است",
               f"{parts[0]}/<شناسه>.yml یا {parts[0]}/<استان>/<شناسه>.yml")
    province = values.get("province")
    if province and len(parts) == 3 and parts[1] != province:
        folder = registries.provinces.get(parts[1])
        where = f"پوشه {parts[0]}/{parts[1]}/" + (f" ({folder.name})" if folder else "")
        yield (data.position("province"), "province",
               f"«{province}» ({registries.provinces[province].name}) با {where} نمی‌خواند",
               f"province: {parts[1]}، یا جابه‌جایی پرونده به {parts[0]}/{province}/" if folder
               else f"پرونده در {parts[0]}/{province}/")


def stage_only_when_active(values, data, path, registries, draft) -> Iterator[Problem]:
    status, stage = values.get("status"), values.get("stage")
    if stage and status and status != "active":
        yield (data.position("stage"), "stage",
               f"مرحله «{stage}» برای خوشه‌ای با وضعیت «{status}» ({STATUSES[status].name}) معنا ندارد",
               "حذف stage، یا status: active")


def isic_in_sector(values, data, path, registries, draft) -> Iterator[Problem]:
    sector, isic = values.get("sector"), values.get("isic")
    if sector and isic and isic[:2] not in registries.sectors[sector].isic:
        divisions = "، ".join(registries.sectors[sector].isic)
        yield (data.position("isic"), "isic", f"کد «{isic}» در بخش «{sector}» ({registries.sectors[sector].name}) نیست",
               f"کدی که با {divisions} شروع شود، یا بخشی دیگر")


def firm_split_adds_up(values, data, path, registries, draft) -> Iterator[Problem]:
    for index, firm in enumerate(values.get("firms") or []):
        counts = [firm.get(key) for key in ("total", *FIRM_SIZES)]
        if all(count is None for count in counts):
            yield (data["firms"].position(index), f"firms[{index + 1}]", "هیچ رقمی نیامده است",
                   "دست‌کم یکی از total، micro، small، medium")
        elif None not in counts and sum(counts[1:]) != counts[0]:
            yield (data["firms"][index].position("total"), f"firms[{index + 1}].total",
                   f"جمع خرد، کوچک و متوسط ({to_persian_digits(sum(counts[1:]))}) با total ({to_persian_digits(counts[0])}) برابر نیست",
                   "total برابر micro + small + medium، یا حذف رقمی که منبع نگفته است")


def dates_in_order(values, data, path, registries, draft) -> Iterator[Problem]:
    dates = values.get("dates") or {}
    previous = None
    for kind in DATE_KINDS:
        if kind not in dates:
            continue
        if previous and dates[kind].start < dates[previous].start:
            yield (data["dates"].position(kind), f"dates.{kind}",
                   f"تاریخ {DATE_KINDS[kind]} ({dates[kind].persian()}) پیش از تاریخ {DATE_KINDS[previous]} ({dates[previous].persian()}) است",
                   "ترتیب: " + " ≤ ".join(DATE_KINDS.values()))
        previous = kind


def coordinates_in_province(values, data, path, registries, draft) -> Iterator[Problem]:
    coordinates, province = values.get("coordinates"), values.get("province")
    if not (coordinates and province):
        return
    lat, lon = coordinates["lat"], coordinates["lon"]
    distance = geo.distance_km(lon, lat, geo.province_shapes()[province])
    if distance <= COORDINATE_TOLERANCE_KM:
        return
    found = geo.province_at(lon, lat)
    swapped = geo.province_at(lat, lon) if geo.BOUNDS["lon"][0] <= lat else None
    where = f"در استان {registries.provinces[found].name} است" if found else "درون هیچ استانی نیست"
    hint = "؛ شاید جای lat و lon عوض شده است" if swapped == province else ""
    name = registries.provinces[province].name
    yield (data["coordinates"].position("lat"), "coordinates",
           f"نقطه ({number(lat)}، {number(lon)}) {to_persian_digits(round(distance))} کیلومتر بیرون از استان {name} و {where}{hint}",
           f"مختصات جایی در استان {name}؛ lat عرض (۲۵ تا ۴۰) و lon طول (۴۴ تا ۶۳)")


def priority_has_a_figure(values, data, path, registries, draft) -> Iterator[Problem]:
    priority = values.get("priority")
    if priority and "score" not in priority and "rank" not in priority:
        yield (data.position("priority"), "priority", "نه امتیاز آمده است نه رتبه", "score یا rank")


def source_is_a_document_or_a_url(values, data, path, registries, draft) -> Iterator[Problem]:
    for index, source in enumerate(values.get("sources") or []):
        has_document, has_url = "document" in source, "url" in source
        where, field = data["sources"].position(index), f"sources[{index + 1}]"
        if draft and not (has_document or has_url):
            continue
        if has_document == has_url:
            yield (where, field, "هم document آمده است و هم url" if has_document else "نه document آمده است و نه url",
                   "document: شناسه سند (مثل source-1)، یا url و title برای سندی بیرون از فهرست")
        elif has_url and "title" not in source:
            yield (where, f"{field}.title", "عنوان سندِ نشانی وب نیامده است", "title: عنوان سند")
        elif has_document and "title" in source:
            yield (data["sources"][index].position("title"), f"{field}.title", "سند فهرست‌شده عنوان جدا نمی‌خواهد",
                   "حذف title (عنوان از plugins/kinds/clusters/data/sources.yml می‌آید)")


CHECKS: tuple[Check, ...] = (
    id_matches_file, folder_is_the_province, stage_only_when_active, isic_in_sector, firm_split_adds_up,
    dates_in_order, coordinates_in_province, priority_has_a_figure, source_is_a_document_or_a_url,
)

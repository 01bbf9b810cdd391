"""Open data: the records as CSV, JSON and GeoJSON, plus the published schema.

* ``data/clusters.csv``: one row per cluster, UTF-8 with a BOM so Excel opens
  Persian text correctly; lists are joined with «;»; the columns are
  :data:`CSV_COLUMNS` (documented on the open-data page from the same table).
* ``data/clusters.json``: every field of every record, figures with sources.
* ``data/clusters.geojson``: a FeatureCollection of the clusters that have
  coordinates (RFC 7946: [longitude, latitude]).
* ``data/cluster.schema.json``: the record schema (schema.yml, with the registries' ids as ``enum``).

Everything is sorted by id; no clock, no machine path: same records, same bytes.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from typing import Any, Callable

from plugins.kinds.clusters.records import Cluster
from plugins.kinds.clusters.registries import Registries
from plugins.kinds.clusters.schema import SCHEMA, registry_names
from plugins.kinds.clusters.vocab import DATE_KINDS
from plugins.model.filememo import per_input

CSV_FILE = "data/clusters.csv"
JSON_FILE = "data/clusters.json"
GEOJSON_FILE = "data/clusters.geojson"
SCHEMA_FILE = "data/cluster.schema.json"
LIST_SEPARATOR = ";"


@dataclass(frozen=True)
class Column:
    name: str
    description: str
    value: Callable[[Cluster, "ExportContext"], str]


@dataclass(frozen=True)
class ExportContext:
    registries: Registries
    site_url: str  # absolute, ending with "/"
    absolute: Callable[[str], str]  # a source's absolute URL (the adapter's link helper)

    def url(self, cluster: Cluster) -> str:
        return self.absolute(cluster.src_uri)


def _latest(items):
    return max(items, key=lambda item: (item.as_of.start, item.as_of.text)) if items else None


def _number(value) -> str:
    return "" if value is None else f"{value:g}" if isinstance(value, float) else str(value)


def _firm(field: str):
    def value(cluster: Cluster, _: ExportContext) -> str:
        latest = _latest(cluster.firms)
        if latest is None:
            return ""
        if field == "as_of":
            return latest.as_of.text
        return _number(getattr(latest, field))
    return value


def _employment(field: str):
    def value(cluster: Cluster, _: ExportContext) -> str:
        latest = _latest(cluster.employment)
        if latest is None:
            return ""
        return latest.as_of.text if field == "as_of" else latest.source if field == "source" else str(latest.value)
    return value


def _date(kind: str):
    return lambda cluster, _: cluster.dates[kind].text if kind in cluster.dates else ""


CSV_COLUMNS: tuple[Column, ...] = (
    Column("id", "شناسه لاتین خوشه (همان نام پرونده و نشانی صفحه)", lambda c, _: c.id),
    Column("name", "نام فارسی", lambda c, _: c.name),
    Column("name_en", "نام انگلیسی، اگر ثبت شده است", lambda c, _: c.name_en),
    Column("province", "شناسه استان", lambda c, _: c.province),
    Column("province_name", "نام استان", lambda c, _: c.province_name),
    Column("cities", "شهرها، روستاها یا منطقه‌ها، جدا با «;»", lambda c, _: LIST_SEPARATOR.join(c.cities)),
    Column("sector", "شناسه بخش", lambda c, _: c.sector),
    Column("sector_name", "نام بخش", lambda c, _: c.sector_name),
    Column("isic", "کد ISIC ویرایش ۴، اگر ثبت شده است", lambda c, _: c.isic),
    Column("products", "محصولات، جدا با «;»", lambda c, _: LIST_SEPARATOR.join(c.products)),
    Column("status", "شناسه وضعیت: identified، studied، active یا completed", lambda c, _: c.status),
    Column("status_name", "نام وضعیت", lambda c, _: c.status_name),
    Column("stage", "شناسه مرحله روش پنج‌مرحله‌ای (فقط خوشه‌های active)", lambda c, _: c.stage),
    Column("stage_name", "نام مرحله", lambda c, _: c.stage_name),
    *(Column(f"date_{kind}", f"تاریخ {label}: سال، سال-ماه یا سال-ماه-روز؛ سال کمتر از 1700 خورشیدی است",
             _date(kind)) for kind, label in DATE_KINDS.items()),
    Column("cda", "عامل توسعه خوشه", lambda c, _: c.cda),
    Column("supervisor", "ناظر فنی", lambda c, _: c.supervisor),
    Column("partners", "شناسه همکاران، جدا با «;»", lambda c, _: LIST_SEPARATOR.join(c.partners)),
    Column("lat", "عرض جغرافیایی (درجه اعشاری، WGS 84)", lambda c, _: _number(c.coordinates.lat) if c.coordinates else ""),
    Column("lon", "طول جغرافیایی (درجه اعشاری، WGS 84)", lambda c, _: _number(c.coordinates.lon) if c.coordinates else ""),
    Column("coordinates_note", "این مختصات از کجاست", lambda c, _: c.coordinates.note if c.coordinates else ""),
    Column("firms_total", "تازه‌ترین رقم شمار بنگاه‌ها (همه رقم‌ها در clusters.json)", _firm("total")),
    Column("firms_micro", "از آن: بنگاه‌های خرد", _firm("micro")),
    Column("firms_small", "از آن: بنگاه‌های کوچک", _firm("small")),
    Column("firms_medium", "از آن: بنگاه‌های متوسط", _firm("medium")),
    Column("firms_as_of", "تاریخ رقم بنگاه‌ها", _firm("as_of")),
    Column("firms_source", "منبع رقم بنگاه‌ها (شناسه سند یا نشانی وب)", _firm("source")),
    Column("employment", "تازه‌ترین رقم اشتغال (همه رقم‌ها در clusters.json)", _employment("value")),
    Column("employment_as_of", "تاریخ رقم اشتغال", _employment("as_of")),
    Column("employment_source", "منبع رقم اشتغال", _employment("source")),
    Column("priority_score", "امتیاز اولویت", lambda c, _: _number(c.priority.score) if c.priority else ""),
    Column("priority_rank", "رتبه اولویت", lambda c, _: _number(c.priority.rank) if c.priority else ""),
    Column("sources", "سندهای پرونده (شناسه سند یا نشانی وب)، جدا با «;»",
           lambda c, _: LIST_SEPARATOR.join(s.document or s.url for s in c.sources)),
    Column("url", "نشانی صفحه شناسنامه خوشه", lambda c, ctx: ctx.url(c)),
)


def csv_bytes(clusters: list[Cluster], context: ExportContext) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(column.name for column in CSV_COLUMNS)
    for cluster in sorted(clusters, key=lambda c: c.id):
        writer.writerow(column.value(cluster, context) for column in CSV_COLUMNS)
    return "\ufeff".encode("utf-8") + buffer.getvalue().encode("utf-8")


def _figure_source(source: str, registries: Registries) -> dict:
    document = registries.documents.get(source)
    return {"document": source, "title": document.title} if document else {"url": source}


def cluster_dict(cluster: Cluster, context: ExportContext) -> dict:
    """Every field of one record, in the order of the schema, with names next to ids."""
    registries = context.registries
    return {
        "id": cluster.id,
        "name": cluster.name,
        "name_en": cluster.name_en or None,
        "province": {"id": cluster.province, "name": cluster.province_name},
        "cities": list(cluster.cities),
        "sector": {"id": cluster.sector, "name": cluster.sector_name},
        "isic": cluster.isic or None,
        "products": list(cluster.products),
        "firms": [
            {"total": f.total, "micro": f.micro, "small": f.small, "medium": f.medium, "as_of": f.as_of.text,
             "source": _figure_source(f.source, registries), "note": f.note or None}
            for f in cluster.firms
        ],
        "employment": [
            {"value": e.value, "as_of": e.as_of.text, "source": _figure_source(e.source, registries), "note": e.note or None}
            for e in cluster.employment
        ],
        "status": {"id": cluster.status, "name": cluster.status_name},
        "stage": {"id": cluster.stage, "name": cluster.stage_name} if cluster.stage else None,
        "dates": {kind: cluster.dates[kind].text for kind in DATE_KINDS if kind in cluster.dates},
        "cda": cluster.cda or None,
        "supervisor": cluster.supervisor or None,
        "partners": [{"id": p, "name": registries.partners[p].name} for p in cluster.partners],
        "coordinates": {"lat": cluster.coordinates.lat, "lon": cluster.coordinates.lon, "note": cluster.coordinates.note}
        if cluster.coordinates else None,
        "priority": {"score": cluster.priority.score, "rank": cluster.priority.rank, "method": cluster.priority.method,
                     "source": _figure_source(cluster.priority.source, registries)} if cluster.priority else None,
        "sources": [
            {"document": s.document, "title": registries.documents[s.document].title, "note": s.note or None}
            if s.document else {"url": s.url, "title": s.title, "note": s.note or None}
            for s in cluster.sources
        ],
        "description": cluster.description or None,
        "url": context.url(cluster),
    }


def json_text(clusters: list[Cluster], context: ExportContext) -> str:
    head = {"title": "خوشه‌های صنعتی و کسب‌وکار ایران", "count": len(clusters), "clusters": []}
    items = [_kept_item("open data: cluster", cluster, context, lambda c: cluster_dict(c, context))
             for cluster in sorted(clusters, key=lambda c: c.id)]
    return _json_with_items(head, "clusters", items)


def geojson_text(clusters: list[Cluster], context: ExportContext) -> str:
    features = [_kept_item("open data: feature", cluster, context, lambda c: _feature(c, context))
                for cluster in sorted(clusters, key=lambda c: c.id) if cluster.coordinates]
    return _json_with_items({"type": "FeatureCollection", "features": []}, "features", features)


def _feature(cluster: Cluster, context: ExportContext) -> dict:
    return {
        "type": "Feature",
        "id": cluster.id,
        "geometry": {"type": "Point", "coordinates": [cluster.coordinates.lon, cluster.coordinates.lat]},
        "properties": {
            "id": cluster.id,
            "name": cluster.name,
            "province": cluster.province,
            "province_name": cluster.province_name,
            "sector": cluster.sector,
            "status": cluster.status,
            "status_name": cluster.status_name,
            "stage": cluster.stage or None,
            "coordinates_note": cluster.coordinates.note,
            "url": context.url(cluster),
        },
    }


def _dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1)


def _kept_item(step: str, cluster: Cluster, context: ExportContext, item: Callable[[Cluster], dict]) -> str:
    """One cluster's entry as JSON, indented as an item of the file's list; in the preview kept with the
    record (an unchanged record is the last build's very object), so a save writes out only its own."""
    return per_input(step, cluster.src_uri, lambda: (cluster, context.site_url),
                     lambda: "  " + _dumps(item(cluster)).replace("\n", "\n  "))


def _json_with_items(head: dict, key: str, items: list[str]) -> str:
    """``json.dumps(head, indent=1)`` with ``head[key]`` (its last field, an empty list) holding ``items``,
    each already JSON at its depth in the list (the same text as dumping the whole at once)."""
    text = _dumps(head)
    if not items:
        return text + "\n"
    assert list(head)[-1] == key and text.endswith("[]\n}")
    return text[:-len("[]\n}")] + "[\n" + ",\n".join(items) + "\n ]\n}\n"


def published_schema(registries: Registries) -> dict:
    """The schema with each registry's ids as ``enum``: for editors' YAML tools and the web editor's forms."""
    names = registry_names(registries)

    def fill(node: Any) -> Any:
        if isinstance(node, dict):
            filled = {key: fill(value) for key, value in node.items()}
            if "x-registry" in node:
                filled["enum"] = sorted(names[node["x-registry"]])
            return filled
        if isinstance(node, list):
            return [fill(value) for value in node]
        return node

    return fill(SCHEMA)


def schema_text(registries: Registries) -> str:
    return json.dumps(published_schema(registries), ensure_ascii=False, indent=1) + "\n"


def all_files(clusters: list[Cluster], context: ExportContext) -> dict[str, bytes]:
    """site path → file content, for every open-data file."""
    return {
        CSV_FILE: csv_bytes(clusters, context),
        JSON_FILE: json_text(clusters, context).encode("utf-8"),
        GEOJSON_FILE: geojson_text(clusters, context).encode("utf-8"),
        SCHEMA_FILE: schema_text(context.registries).encode("utf-8"),
    }

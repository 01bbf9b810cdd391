"""Cluster records: read every YAML file under ``clusters/`` into typed objects.

:func:`load_clusters` is pure (no MkDocs): the site's one loader
(plugins/model/site.py ``load_site``) calls it, for the build and for ``build.py check`` alike. It returns every valid
record and every problem of every file, so an editor sees them all at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from plugins.model.errors import ContentError, ContentErrors
from plugins.model.filememo import per_file, per_input
from plugins.model.kinds import folder_files
from plugins.model.text import normalize_markdown, normalize_text
from plugins.model.yamlio import load_yaml_file, relative_path
from plugins.model.partialdate import PartialDate
from plugins.kinds.clusters.registries import Registries, load_registries
from plugins.kinds.clusters.schema import validate_record
from plugins.kinds.clusters.vocab import STAGES, STATUSES


@dataclass(frozen=True)
class FirmCount:
    total: int | None
    micro: int | None
    small: int | None
    medium: int | None
    as_of: PartialDate
    source: str  # document id or URL
    note: str = ""


@dataclass(frozen=True)
class Employment:
    value: int
    as_of: PartialDate
    source: str
    note: str = ""


@dataclass(frozen=True)
class SourceRef:
    document: str = ""  # id in registries.documents, or "" for a web address
    url: str = ""
    title: str = ""
    note: str = ""


@dataclass(frozen=True)
class Coordinates:
    lat: float
    lon: float
    note: str


@dataclass(frozen=True)
class Priority:
    method: str
    source: str
    score: float | None = None
    rank: int | None = None


@dataclass(frozen=True, eq=False)
class Cluster:
    id: str
    name: str
    province: str  # province id
    province_name: str
    sector: str  # sector id
    sector_name: str
    status: str  # vocab.STATUSES key
    sources: tuple[SourceRef, ...]
    path: str  # the record file, relative to the project root
    name_en: str = ""
    cities: tuple[str, ...] = ()
    isic: str = ""
    products: tuple[str, ...] = ()
    firms: tuple[FirmCount, ...] = ()
    employment: tuple[Employment, ...] = ()
    stage: str = ""  # vocab.STAGES key, only when active
    dates: dict[str, PartialDate] = field(default_factory=dict)
    cda: str = ""
    supervisor: str = ""
    partners: tuple[str, ...] = ()
    coordinates: Coordinates | None = None
    priority: Priority | None = None
    description: str = ""  # Markdown

    @property
    def src_uri(self) -> str:
        """The generated profile page: clusters/<id>.md → /clusters/<id>/."""
        return f"clusters/{self.id}.md"

    @property
    def status_name(self) -> str:
        return STATUSES[self.status].name

    @property
    def stage_name(self) -> str:
        return STAGES[self.stage].name if self.stage else ""


def load_clusters(root: Path, folder: str = "clusters",
                  registries: Registries | None = None) -> tuple[list[Cluster], list[ContentError]]:
    """Every valid record under ``root/folder`` (sorted by id) and every problem found.

    ``registries``: those the site's loader already read (read here when not given).
    """
    if registries is None:
        try:
            registries = load_registries()
        except ContentErrors as exc:
            return [], list(exc.errors)
    base = root / folder
    if not base.is_dir():
        return [], []
    clusters: list[Cluster] = []
    errors: list[ContentError] = []
    first_seen: dict[str, str] = {}
    for relpath in folder_files(base):
        if any(part.startswith((".", "_")) for part in relpath.split("/")):
            continue
        path = base / relpath
        relpath = relative_path(path, root)
        if path.suffix == ".yaml":
            errors.append(ContentError(relpath, message="پسوند پرونده خوشه .yaml است", expected=f"پسوند .yml: {path.stem}.yml"))
            continue
        if path.suffix != ".yml":
            continue  # README.md and other notes beside the records
        data, values, problems = per_file(path, "cluster", str(root), lambda: _read_record(path, root, relpath, registries))
        errors.extend(problems)
        if values is None:
            continue
        if values["id"] in first_seen:
            errors.append(
                ContentError(relpath, *data.position("id"), field="id",
                             message=f"شناسه «{values['id']}» تکراری است؛ پرونده {first_seen[values['id']]} هم همین شناسه را دارد",
                             expected="شناسه یکتا برای هر خوشه")
            )
            continue
        first_seen[values["id"]] = relpath
        if not values.get("draft"):  # a draft is checked, its id reserved, but not published
            # the last build's very Cluster while its file is unchanged: what the pages made of it compare at once
            clusters.append(per_input("cluster", relpath, lambda: values, lambda: build_cluster(values, relpath, registries)))
    clusters.sort(key=lambda cluster: cluster.id)
    return clusters, errors


def _read_record(path: Path, root: Path, relpath: str, registries: Registries) -> tuple[Any, dict | None, list]:
    """One record file read and validated: (its YAML, its values or None, its problems)."""
    data, problems = load_yaml_file(path, root)
    if data is None:
        return None, None, problems
    values, invalid = validate_record(data, relpath, registries)
    return data, values, problems + invalid


def build_cluster(values: dict, relpath: str, registries: Registries) -> Cluster:
    """A Cluster from values that passed validate_record; text normalized once here."""
    text = normalize_text
    coordinates = values.get("coordinates")
    priority = values.get("priority")
    return Cluster(
        id=values["id"],
        name=text(values["name"]),
        province=values["province"],
        province_name=registries.provinces[values["province"]].name,
        sector=values["sector"],
        sector_name=registries.sectors[values["sector"]].name,
        status=values["status"],
        sources=tuple(
            SourceRef(source.get("document", ""), source.get("url", ""), text(source.get("title", "")),
                      text(source.get("note", "")))
            for source in values["sources"]
        ),
        path=relpath,
        name_en=values.get("name_en", ""),
        cities=tuple(text(city) for city in values.get("cities", ())),
        isic=values.get("isic", ""),
        products=tuple(text(product) for product in values.get("products", ())),
        firms=tuple(
            FirmCount(firm.get("total"), firm.get("micro"), firm.get("small"), firm.get("medium"), firm["as_of"],
                      firm["source"], text(firm.get("note", "")))
            for firm in values.get("firms", ())
        ),
        employment=tuple(
            Employment(item["value"], item["as_of"], item["source"], text(item.get("note", "")))
            for item in values.get("employment", ())
        ),
        stage=values.get("stage", ""),
        dates=dict(values.get("dates", {})),
        cda=text(values.get("cda", "")),
        supervisor=text(values.get("supervisor", "")),
        partners=tuple(values.get("partners", ())),
        coordinates=Coordinates(float(coordinates["lat"]), float(coordinates["lon"]), text(coordinates["note"]))
        if coordinates else None,
        priority=Priority(text(priority["method"]), priority["source"], priority.get("score"), priority.get("rank"))
        if priority else None,
        description=normalize_markdown(values.get("description", "")).strip(),
    )

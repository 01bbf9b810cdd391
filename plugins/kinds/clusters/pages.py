"""Every page of the clusters capability: the data each page template is given.

:func:`generate_pages` returns ``{src_uri: GeneratedPage}``: a profile per cluster
(شناسنامه خوشه), the browse page with the full sortable/filterable table, one
page per province (all 31), sector, status, stage and partner, the national
map, the statistics, the open-data page and the editors' reference.

Python computes data here (records, groups, counts, map and chart geometry); the
templates in ``templates/`` write all HTML and the Persian labels (see
plugins/views/render.py for how a template becomes Markdown plus slots). Links are
``url(target_src_uri)`` in the templates, bound to the page being rendered.

Links to pages that may be absent (the methodology pages, the sources page,
news items) are made only when ``site.has(target)``, so a site without them has
no broken link.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import partial
from typing import Any, Callable


from plugins.kinds.clusters import exports, geo, mapsvg, stats
from plugins.kinds.clusters.records import Cluster, FirmCount
from plugins.kinds.clusters.registries import Document, Registries
from plugins.kinds.clusters.reference import reference_data
from plugins.kinds.clusters.vocab import DATE_KINDS, FIRM_SIZES, METHOD_PAGE, SOURCES_PAGE, STAGES, STATUSES, Term
from plugins.model.collation import persian_sort_key
from plugins.model.dates import Date
from plugins.model.filememo import per_input, unchanged
from plugins.model.html_policy import sanitize_editor_markdown
from plugins.views import sharing
from plugins.views.render import GeneratedPage, Templates, Url, editor_markdown
from plugins.views.taxonomy import Term as FacetTerm
from plugins.views.taxonomy import group_terms

INDEX = "clusters/index.md"
MAP = "map/index.md"
STATS = "stats/index.md"
DATA = "clusters/data.md"
REFERENCE = "clusters/reference.md"
NATIONAL_MAP_PROGRAMME = "programme/national-map.md"
FACETS = ("province", "sector", "status", "stage", "partner")  # their labels are in templates/macros.html
GENERATED_PAGES = (INDEX, MAP, STATS, DATA, REFERENCE)

# Every src_uri a template links to by name (``url(pages.map)``).
PAGES = {
    "index": INDEX, "map": MAP, "stats": STATS, "data": DATA, "reference": REFERENCE,
    "method": METHOD_PAGE, "sources": SOURCES_PAGE, "national_map": NATIONAL_MAP_PROGRAMME,
    "csv": exports.CSV_FILE, "json": exports.JSON_FILE, "geojson": exports.GEOJSON_FILE,
    "schema": exports.SCHEMA_FILE,
}

ItemsFor = Callable[[str], list[Any]]
UrlFor = Callable[[str], Url]  # page src_uri → that page's url(target, anchor="")


def facet_src(facet: str, key: str = "") -> str:
    return f"clusters/{facet}/{key or 'index'}.md"


@dataclass(frozen=True)
class Backlink:
    """A news item or publication that names a cluster or a province."""

    title: str
    src_uri: str
    date: Any = None  # a Date, or None for an undated item


@dataclass(frozen=True)
class StageStep:
    term: Term
    state: str  # "done", "current" or "todo" (the CSS class of the step)


@dataclass
class ClusterSite:
    """The records and cross-indexes every clusters page is made from."""

    registries: Registries
    clusters: list[Cluster]
    # src_uris of the pages the templates may link to when present (``has``): editors' pages and the clusters'
    # own. A kind's record pages (news articles) are reached through backlinks: adding one changes no profile.
    existing: frozenset[str] = frozenset()
    news_for_cluster: ItemsFor | None = None
    publications_for_cluster: ItemsFor | None = None
    news_for_province: ItemsFor | None = None
    facets: dict[str, list[FacetTerm[Cluster]]] = field(default_factory=dict)  # facet → its terms, registry order
    # (index, key) → its backlinks: asked for by inputs() and again by the pages
    _backlinks: dict[tuple, list[Backlink]] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self.clusters = sorted(self.clusters, key=self.order)
        self.facets = facet_terms(self.clusters, self.registries)

    def order(self, cluster: Cluster) -> tuple:
        """Province (registry order), then Persian alphabetical name."""
        return (self.registries.provinces[cluster.province].order, persian_sort_key(cluster.name), cluster.id)

    def has(self, src_uri: str) -> bool:
        return src_uri in self.existing

    @staticmethod
    def source_number(document: Document) -> int | None:
        """2 for the document on the sources page as «منبع ۲» (anchor ``source-2``), else None."""
        match = re.fullmatch(r"source-(\d+)", document.anchor)
        return int(match.group(1)) if match else None

    def inputs(self) -> tuple:
        """Everything the clusters' pages are made of besides the registries, as data (equal inputs, equal pages).

        News and publications reach these pages only as backlinks: a news article's body
        is not among them, so saving it leaves every cluster page as it was.
        """
        return (
            self.clusters, sorted(self.existing),
            [(cluster.id, self.backlinks("news_for_cluster", cluster.id),
              self.backlinks("publications_for_cluster", cluster.id)) for cluster in self.clusters],
            [(province, self.backlinks("news_for_province", province)) for province in self.registries.provinces],
        )

    def backlinks(self, index: str, key: str) -> list[Backlink]:
        """News or publications naming ``key`` (``index``: ``news_for_cluster``, ``publications_for_cluster`` or
        ``news_for_province``), newest first, then by title."""
        kept = self._backlinks.get((index, key))
        if kept is None:
            function: ItemsFor | None = getattr(self, index)
            found = list((function(key) or []) if function else [])
            # in the preview, kept by the items found: an unchanged article is the last build's very object
            kept = self._backlinks[(index, key)] = per_input(("cluster backlinks", index), key, lambda: found,
                                                             lambda: _sorted_backlinks(found))
        return kept


def _sorted_backlinks(found: list) -> list[Backlink]:
    items = [Backlink(item.title, item.src_uri, getattr(item, "date", None)) for item in found]
    return sorted(items, key=lambda item: (-item.date.gregorian.toordinal() if item.date else 0,
                                           persian_sort_key(item.title), item.src_uri))


def facet_terms(clusters: list[Cluster], reg: Registries) -> dict[str, list[FacetTerm[Cluster]]]:
    """Each facet's terms (every registry entry, even without clusters) with their clusters."""
    known = {
        "province": {p.id: p.name for p in reg.provinces.values()},
        "sector": {s.id: s.name for s in reg.sectors.values()},
        "status": {t.id: t.name for t in STATUSES.values()},
        "stage": {t.id: t.name for t in STAGES.values()},
        "partner": {p.id: p.label for p in reg.partners.values()},
    }
    terms_of: dict[str, Callable[[Cluster], list[tuple[str, str]]]] = {
        "province": lambda c: [(c.province, c.province_name)],
        "sector": lambda c: [(c.sector, c.sector_name)],
        "status": lambda c: [(c.status, c.status_name)],
        "stage": lambda c: [(c.stage, c.stage_name)] if c.stage else [],
        "partner": lambda c: [(p, known["partner"][p]) for p in c.partners],
    }
    return {facet: group_terms(clusters, terms_of[facet], known[facet]) for facet in FACETS}


def all_page_uris(clusters: list[Cluster], registries: Registries) -> set[str]:
    """The src_uri of every page generate_pages makes (to know link targets before making them)."""
    uris = {cluster.src_uri for cluster in clusters} | set(GENERATED_PAGES)
    keys = {
        "province": registries.provinces, "sector": registries.sectors, "status": STATUSES,
        "stage": STAGES, "partner": registries.partners,
    }
    for facet, items in keys.items():
        uris.add(facet_src(facet))
        uris.update(facet_src(facet, key) for key in items)
    return uris


def generate_pages(site: ClusterSite, templates: Templates, url_for: UrlFor) -> dict[str, GeneratedPage]:
    shared = {"site": site, "reg": site.registries, "pages": PAGES, "facet_src": facet_src, "statuses": STATUSES,
              "stages": STAGES}

    def page(src_uri: str, name: str, **data: Any) -> GeneratedPage:
        return templates.page(f"clusters/{name}", url=url_for(src_uri), **shared, **data)

    # A profile shows its cluster, its backlinks, the registries and which pages exist (site.has):
    # in the preview it is made again only when one of those changed, not on every cluster's edit.
    existing = unchanged("cluster pages existing", site.existing)
    registries = unchanged("cluster pages registries", site.registries)

    def profile(cluster: Cluster) -> GeneratedPage:
        data = profile_data(cluster, site)
        return templates.remembered_page(
            "clusters/profile.html", cluster.src_uri, url_for(cluster.src_uri), (data, existing, registries),
            **shared, **data)

    def facet_page(src_uri: str, name: str, **data: Any) -> GeneratedPage:
        """A facet's page shows its data, the registries and which pages exist: made again when they change
        (a cluster's edit reaches the pages of its own province, sector, status, stage and partners)."""
        return templates.remembered_page(f"clusters/{name}", src_uri, url_for(src_uri), (data, existing, registries),
                                         **shared, **data)

    pages = {cluster.src_uri: profile(cluster) for cluster in site.clusters}
    pages[INDEX] = page(INDEX, "index.html")
    for facet in FACETS:
        entries = facet_entries(facet, site)
        pages[facet_src(facet)] = facet_page(facet_src(facet), "facet_index.html", facet=facet, entries=entries)
        for term, record in entries:
            src_uri = facet_src(facet, term.key)
            news = site.backlinks("news_for_province", term.key) if facet == "province" else []
            pages[src_uri] = facet_page(src_uri, "facet.html", facet=facet, term=term, record=record, news=news)
    pages[MAP] = page(MAP, "map.html", map=map_data(site))
    charts = [stats.chart(breakdown) for breakdown in stats.counts(site.clusters, site.registries)]
    pages[STATS] = page(STATS, "stats.html", breakdowns=charts)
    pages[DATA] = page(DATA, "data.html", columns=exports.CSV_COLUMNS)
    pages[REFERENCE] = reference_page(templates, url_for(REFERENCE), site.registries)
    return pages


def facet_entries(facet: str, site: ClusterSite) -> list[tuple[FacetTerm[Cluster], Any]]:
    """(term, registry entry) of each of the facet's terms: the entry is what its page describes."""
    reg = site.registries
    records = {"province": reg.provinces, "sector": reg.sectors, "status": STATUSES, "stage": STAGES,
               "partner": reg.partners}[facet]
    return [(term, records[term.key]) for term in site.facets[facet]]


# --------------------------------------------------------------------------- profile

def summary(cluster: Cluster) -> str:
    """The description's first paragraph on one line, at most 300 characters (the page's description)."""
    first = cluster.description.split("\n\n")[0] if cluster.description else ""
    return re.sub(r"\s+", " ", first)[:300]


def profile_data(cluster: Cluster, site: ClusterSite) -> dict[str, Any]:
    # what the record alone gives is made again in the preview only when the record changed
    own = per_input("cluster profile", cluster.src_uri, lambda: cluster, lambda: record_data(cluster))
    return {
        **own,
        "news": site.backlinks("news_for_cluster", cluster.id),
        "publications": site.backlinks("publications_for_cluster", cluster.id),
    }


def record_data(cluster: Cluster) -> dict[str, Any]:
    """What a profile shows of its record (its description sanitized, its locator map placed)."""
    return {
        "cluster": cluster,
        "summary": summary(cluster),
        "description": editor_markdown(sanitize_editor_markdown(cluster.description)) if cluster.description else "",
        "dates": [(label, cluster.dates[kind]) for kind, label in DATE_KINDS.items() if kind in cluster.dates],
        "firms": [(firm, firm_split(firm)) for firm in cluster.firms],
        "steps": stage_steps(cluster),
        "locator": mapsvg.locator_data(cluster),
    }


def firm_split(firm: FirmCount) -> list[tuple[str, int]]:
    """(size name, number) for each firm size the source gave: «خرد ۱۲»."""
    return [(name, getattr(firm, size)) for size, name in FIRM_SIZES.items() if getattr(firm, size) is not None]


def stage_steps(cluster: Cluster) -> list[StageStep]:
    """The five stages, each passed, current or still to come for this cluster."""
    current = STAGES[cluster.stage].order if cluster.stage else 0
    steps = []
    for term in STAGES.values():
        if cluster.status == "completed" or (current and term.order < current):
            state = "done"
        elif term.order == current:
            state = "current"
        else:
            state = "todo"
        steps.append(StageStep(term, state))
    return steps


# --------------------------------------------------------------------------- sharing

def shares(clusters: list[Cluster], context: sharing.ShareContext) -> sharing.RecordShares:
    """Each profile's record and what makes its Share (the kind's ``shares``)."""
    for cluster in clusters:
        yield cluster, partial(share, cluster, context.registries, context.absolute)


def share(cluster: Cluster, registries: Registries, absolute: sharing.Absolute) -> sharing.Share:
    """A profile's JSON-LD: the cluster as a Place in its province, with ``geo`` when it has coordinates."""
    place: dict[str, Any] = {"@type": "Place", "name": cluster.name, "url": absolute(cluster.src_uri)}
    if cluster.name_en:
        place["alternateName"] = cluster.name_en
    if cluster.description:
        place["description"] = summary(cluster)
    address = {"@type": "PostalAddress", "addressRegion": cluster.province_name, "addressCountry": "IR"}
    if cluster.cities:
        address["addressLocality"] = "، ".join(cluster.cities)
    place["address"] = address
    place["containedInPlace"] = {"@type": "AdministrativeArea", "name": cluster.province_name,
                                 "url": absolute(facet_src("province", cluster.province))}
    if cluster.coordinates:
        place["geo"] = {"@type": "GeoCoordinates", "latitude": cluster.coordinates.lat,
                        "longitude": cluster.coordinates.lon}
    return sharing.Share(structured=(place,), updated=newest_day(cluster, registries))


def newest_day(cluster: Cluster, registries: Registries) -> Date | None:
    """The newest full day the record gives (its dates, counts and sources' dates); a year alone is no day."""
    partial = [*cluster.dates.values(), *(firm.as_of for firm in cluster.firms),
               *(item.as_of for item in cluster.employment)]
    days = [date.start for date in partial if date.precision == "day"]
    days += [registries.documents[source.document].date for source in cluster.sources if source.document]
    return sharing.newest(days)


# --------------------------------------------------------------------------- map

def map_data(site: ClusterSite) -> dict[str, Any]:
    located = [c for c in site.clusters if c.coordinates]
    return {
        "provinces": mapsvg.province_shapes(site.facets["province"], site.registries.provinces),
        "markers": mapsvg.markers(site.clusters),
        "shades": mapsvg.legend_shades(),
        "marker_radius": mapsvg.MARKER_RADIUS,
        "width": geo.WIDTH,
        "height": geo.HEIGHT,
        "located": len(located),
        "unlocated": [c for c in site.clusters if not c.coordinates],
        "province_count": len({c.province for c in site.clusters}),
        "source": geo.source_info(),
    }


def locator_outlines(templates: Templates) -> str:
    """The file of province outlines every profile's locator draws (written once, at mapsvg.LOCATOR_FILE)."""
    width, height = mapsvg.locator_size()
    return templates.render("clusters/iran-locator.svg", outlines=mapsvg.locator_outlines(), width=width, height=height)


# --------------------------------------------------------------------------- reference

def reference_page(templates: Templates, url: Url, registries: Registries) -> GeneratedPage:
    """The editors' reference page, from the schema the records are checked against."""
    return templates.page("clusters/reference.html", url=url, **reference_data(registries))

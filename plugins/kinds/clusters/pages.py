"""Every page of the clusters capability, generated from the records.

:func:`generate_pages` returns ``{src_uri: GeneratedPage}``: a profile per cluster
(شناسنامه خوشه), the browse page with the full sortable/filterable table, one
page per province (all 31), sector, status, stage and partner, the national
map, the statistics, the open-data page and the editors' reference.

Each page's Markdown holds only its front matter, title, headings (for the table
of contents and permalinks) and the editor's description; everything built from
records is HTML in slots of that Markdown (:class:`links.PageBuilder`), which the
plugin fills after conversion. Record text in that HTML is escaped with ``esc``
and every link is the final relative URL (:meth:`PageContext.link`).

Links to pages that may be absent (the methodology pages, the sources page,
news items) are made only when the target is in ``existing``, so a site
without them has no broken link.
"""

from __future__ import annotations

import re
from pathlib import Path
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Callable

from plugins.model.dates import Date
from plugins.kinds.clusters import exports, geo, mapsvg, stats
from plugins.views.markup import GeneratedPage, count_text, front_matter, html_admonition, md_text, persian_sort_key
from plugins.model.html_policy import sanitize_editor_markdown
from plugins.kinds.clusters.links import PageBuilder, bullets, esc, fa, fa_decimal, href, para, table
from plugins.kinds.clusters.records import Cluster
from plugins.views.render import Templates, Url
from plugins.kinds.clusters.registries import Document, Registries
from plugins.kinds.clusters.reference import reference_data
from plugins.kinds.clusters.vocab import DATE_KINDS, FIRM_SIZES, METHOD_PAGE, SOURCES_PAGE, STAGES, STATUSES

INDEX = "clusters/index.md"
MAP = "map/index.md"
STATS = "stats/index.md"
DATA = "clusters/data.md"
REFERENCE = "clusters/reference.md"
NATIONAL_MAP_PROGRAMME = "programme/national-map.md"
FACETS = {
    "province": ("استان", "خوشه‌ها بر پایه استان"),
    "sector": ("بخش", "خوشه‌ها بر پایه بخش"),
    "status": ("وضعیت", "خوشه‌ها بر پایه وضعیت"),
    "stage": ("مرحله", "خوشه‌ها بر پایه مرحله توسعه"),
    "partner": ("همکار", "خوشه‌ها بر پایه همکار"),
}
GENERATED_PAGES = (INDEX, MAP, STATS, DATA, REFERENCE)

ItemsFor = Callable[[str], list[Any]]
TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"


@dataclass
class PageContext:
    registries: Registries
    clusters: list[Cluster]
    existing: frozenset[str] = frozenset()  # src_uris of every page of the site, generated ones included
    use_directory_urls: bool = True
    news_for_cluster: ItemsFor | None = None
    publications_for_cluster: ItemsFor | None = None
    news_for_province: ItemsFor | None = None
    groups: dict[str, dict[str, list[Cluster]]] = field(default_factory=dict)
    templates: Templates = field(default_factory=lambda: Templates({"clusters": TEMPLATES_DIR}))

    def __post_init__(self) -> None:
        self.clusters = sorted(self.clusters, key=self.order)
        groups: dict[str, dict[str, list[Cluster]]] = {facet: defaultdict(list) for facet in FACETS}
        for cluster in self.clusters:
            groups["province"][cluster.province].append(cluster)
            groups["sector"][cluster.sector].append(cluster)
            groups["status"][cluster.status].append(cluster)
            if cluster.stage:
                groups["stage"][cluster.stage].append(cluster)
            for partner in cluster.partners:
                groups["partner"][partner].append(cluster)
        self.groups = groups

    def order(self, cluster: Cluster) -> tuple:
        """Province (registry order), then Persian alphabetical name."""
        return (self.registries.provinces[cluster.province].order, persian_sort_key(cluster.name), cluster.id)

    def href(self, from_src: str, to_src: str, anchor: str = "") -> str:
        return href(from_src, to_src, self.use_directory_urls, anchor)

    def link(self, text: str, from_src: str, to_src: str, anchor: str = "") -> str:
        """``<a>`` from page ``from_src`` to ``to_src``, the text escaped."""
        return f'<a href="{self.href(from_src, to_src, anchor)}">{esc(text)}</a>'

    def has(self, src_uri: str) -> bool:
        return src_uri in self.existing


def facet_src(facet: str, key: str = "") -> str:
    return f"clusters/{facet}/{key or 'index'}.md"


def generate_pages(ctx: PageContext) -> dict[str, GeneratedPage]:
    pages = {cluster.src_uri: profile_page(cluster, ctx) for cluster in ctx.clusters}
    pages[INDEX] = index_page(ctx)
    pages.update(facet_pages(ctx))
    pages[MAP] = map_page(ctx)
    pages[STATS] = stats_page(ctx)
    pages[DATA] = data_page(ctx)
    pages[REFERENCE] = reference_page(ctx.templates, lambda target, anchor="": ctx.href(REFERENCE, target, anchor),
                                      ctx.registries)
    return pages


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


# --------------------------------------------------------------------------- shared pieces

def document_label(document: Document) -> str:
    match = re.fullmatch(r"source-(\d+)", document.anchor)
    return f"منبع {fa(match.group(1))}" if match else document.title


def source_link(source: str, from_src: str, ctx: PageContext) -> str:
    """«منبع ۲» linked to the sources page for a document id, a link for a URL."""
    document = ctx.registries.documents.get(source)
    if document is None:
        return f'<a href="{esc(source)}">{esc(source)}</a>'
    label = document_label(document)
    if ctx.has(SOURCES_PAGE):
        return ctx.link(label, from_src, SOURCES_PAGE, document.anchor)
    return esc(f"{label} («{document.title}»)")


def document_date(date: Date | None) -> str:
    return date.persian() if date else "بی‌تاریخ"


def cluster_table(clusters: list[Cluster], from_src: str, ctx: PageContext, *, province: bool = True) -> str:
    if not clusters:
        return para("هنوز خوشه‌ای در این فهرست ثبت نشده است.")
    header = ["خوشه"] + (["استان"] if province else []) + ["شهرها", "بخش", "وضعیت"]
    rows = []
    for cluster in clusters:
        row = [ctx.link(cluster.name, from_src, cluster.src_uri)]
        if province:
            row.append(ctx.link(cluster.province_name, from_src, facet_src("province", cluster.province)))
        row += [
            esc("، ".join(cluster.cities)) or "—",
            ctx.link(cluster.sector_name, from_src, facet_src("sector", cluster.sector)),
            ctx.link(cluster.status_name, from_src, facet_src("status", cluster.status)),
        ]
        rows.append(row)
    return table(header, rows)


def backlinks(items: list[Any], from_src: str, ctx: PageContext) -> str:
    lines = []
    for item in sorted(items, key=lambda i: (-(i.date.gregorian.toordinal()) if getattr(i, "date", None) else 0,
                                             persian_sort_key(i.title), i.src_uri)):
        date = f" ({item.date.persian()})" if getattr(item, "date", None) else ""
        lines.append(ctx.link(item.title, from_src, item.src_uri) + date)
    return bullets(lines)


def _items(function: ItemsFor | None, key: str) -> list[Any]:
    if function is None:
        return []
    return list(function(key) or [])


def reported_line(figure, from_src: str, ctx: PageContext) -> str:
    about = "قریب به " if figure.approximate else ""
    document = ctx.registries.documents[figure.source]
    return (f"{about}<strong>{fa(figure.value)}</strong> {esc(figure.statement)} "
            f"({source_link(figure.source, from_src, ctx)}، تاریخ سند: {document_date(document.date)})")


# --------------------------------------------------------------------------- profile

def profile_page(cluster: Cluster, ctx: PageContext) -> GeneratedPage:
    src = cluster.src_uri
    reg = ctx.registries
    description = cluster.description.split("\n\n")[0] if cluster.description else ""
    page = PageBuilder(front_matter(cluster.name, "cluster", province=cluster.province,
                                    description=re.sub(r"\s+", " ", description)[:300]))
    page.md(f"# {md_text(cluster.name)} {{ .khooshe-profile }}\n")
    if cluster.name_en:
        page.html(f'<p class="khooshe-name-en" lang="en" dir="ltr">{esc(cluster.name_en)}</p>')
    facts = [("استان", ctx.link(cluster.province_name, src, facet_src("province", cluster.province)))]
    if cluster.cities:
        facts.append(("شهرها", esc("، ".join(cluster.cities))))
    sector = ctx.link(cluster.sector_name, src, facet_src("sector", cluster.sector))
    if cluster.isic:
        sector += f" (کد ISIC {fa(cluster.isic)})"
    facts.append(("بخش", sector))
    if cluster.products:
        facts.append(("محصولات", esc("، ".join(cluster.products))))
    facts.append(("وضعیت", ctx.link(cluster.status_name, src, facet_src("status", cluster.status))))
    if cluster.stage:
        facts.append(("مرحله", ctx.link(cluster.stage_name, src, facet_src("stage", cluster.stage))))
    for kind, label in DATE_KINDS.items():
        if kind in cluster.dates:
            facts.append((f"تاریخ {label}", cluster.dates[kind].persian()))
    if cluster.cda:
        facts.append(("عامل توسعه خوشه", esc(cluster.cda)))
    if cluster.supervisor:
        facts.append(("ناظر فنی", esc(cluster.supervisor)))
    if cluster.partners:
        facts.append(("همکاران", "، ".join(
            ctx.link(reg.partners[p].label, src, facet_src("partner", p)) for p in cluster.partners)))
    for firm in cluster.firms:
        parts = []
        if firm.total is not None:
            parts.append(f"{fa(firm.total)} بنگاه")
        split = [f"{FIRM_SIZES[size]} {fa(getattr(firm, size))}" for size in FIRM_SIZES if getattr(firm, size) is not None]
        if split:
            parts.append(f"({'، '.join(split)})")
        note = f"؛ {esc(firm.note)}" if firm.note else ""
        facts.append(("شمار بنگاه‌ها",
                      f"{' '.join(parts)} — تا {firm.as_of.persian()}، {source_link(firm.source, src, ctx)}{note}"))
    for item in cluster.employment:
        note = f"؛ {esc(item.note)}" if item.note else ""
        facts.append(("اشتغال", f"{fa(item.value)} نفر — تا {item.as_of.persian()}، {source_link(item.source, src, ctx)}{note}"))
    if cluster.priority:
        parts = []
        if cluster.priority.rank is not None:
            parts.append(f"رتبه {fa(cluster.priority.rank)}")
        if cluster.priority.score is not None:
            parts.append(f"امتیاز {fa_decimal(cluster.priority.score)}")
        facts.append(("اولویت", f"{'، '.join(parts)} ({esc(cluster.priority.method)}؛ "
                                 f"{source_link(cluster.priority.source, src, ctx)})"))
    if cluster.coordinates:
        c = cluster.coordinates
        facts.append(("مختصات", f"{fa_decimal(c.lat)}، {fa_decimal(c.lon)} — {esc(c.note)} "
                                 f"({ctx.link('روی نقشه', src, MAP)})"))
    else:
        facts.append(("مختصات", "ثبت نشده است؛ خوشه روی نقشه نشانه ندارد."))
    page.html(table(["ویژگی", "مقدار"], [[label, value] for label, value in facts]))
    page.md("## جایگاه در روش پنج‌مرحله‌ای\n")
    page.html(stage_tracker(cluster, ctx))
    if cluster.description:
        page.md("## شرح\n")
        page.md(sanitize_editor_markdown(cluster.description) + "\n")
    if cluster.partners:
        page.md("## همکاران\n")
        page.html(bullets([
            ctx.link(reg.partners[p].label, src, facet_src("partner", p))
            + (f": {esc(reg.partners[p].description)}" if reg.partners[p].description else "")
            for p in cluster.partners]))
    page.md("## منابع\n")
    sources = []
    for source in cluster.sources:
        if source.document:
            document = reg.documents[source.document]
            line = (f"{source_link(source.document, src, ctx)}: «{esc(document.title)}»، {esc(document.publisher)}، "
                    f"{document_date(document.date)}")
        else:
            line = f'<a href="{esc(source.url)}">{esc(source.title)}</a>'
        sources.append(line + (f". {esc(source.note)}" if source.note else ""))
    page.html(bullets(sources))
    news = _items(ctx.news_for_cluster, cluster.id)
    publications = _items(ctx.publications_for_cluster, cluster.id)
    page.md("## اخبار و انتشارات مرتبط\n")
    if news:
        page.html(para("<strong>اخبار</strong>") + "\n" + backlinks(news, src, ctx))
    if publications:
        page.html(para("<strong>انتشارات</strong>") + "\n" + backlinks(publications, src, ctx))
    if not news and not publications:
        page.html(para("هنوز خبر یا انتشاری به این خوشه اشاره نکرده است."))
    page.html(
        f'<p class="khooshe-record-path">پرونده این شناسنامه: <code dir="ltr">{esc(cluster.path)}</code> · '
        f'<a href="{ctx.href(src, facet_src("province", cluster.province))}">خوشه‌های دیگر استان {esc(cluster.province_name)}</a></p>'
    )
    return page.page()


def stage_tracker(cluster: Cluster, ctx: PageContext) -> str:
    src = cluster.src_uri
    current = STAGES[cluster.stage].order if cluster.stage else 0
    if cluster.status == "completed":
        lead = "برنامه توسعه این خوشه به پایان رسیده است؛ هر پنج مرحله پشت سر گذاشته شده است."
    elif cluster.stage:
        lead = f"این خوشه در مرحله {fa(current)} از ۵ است: <strong>{esc(STAGES[cluster.stage].name)}</strong>."
    else:
        lead = (f"وضعیت این خوشه «{esc(cluster.status_name)}» است و منابع آن را در یکی از مرحله‌های روش پنج‌مرحله‌ای "
                "جای نداده‌اند؛ این مرحله‌ها پس از آغاز پروژه توسعه با عامل توسعه خوشه طی می‌شوند.")
    items = []
    for term in STAGES.values():
        if cluster.status == "completed" or (current and term.order < current):
            state, note = "done", "گذشته"
        elif term.order == current:
            state, note = "current", "مرحله کنونی"
        else:
            state, note = "todo", ""
        name = esc(term.name)
        if ctx.has(term.page):
            name = f'<a href="{ctx.href(src, term.page)}">{name}</a>'
        aria = ' aria-current="step"' if state == "current" else ""
        extra = f' <span class="state">({note})</span>' if note else ""
        items.append(f'<li class="{state}"{aria}>{name}{extra}</li>')
    method = f' (<a href="{ctx.href(src, METHOD_PAGE)}">روش‌شناسی</a>)' if ctx.has(METHOD_PAGE) else ""
    return (f"{para(lead)}\n"
            f'<ol class="khooshe-stages" aria-label="مرحله‌های روش پنج‌مرحله‌ای">{"".join(items)}</ol>\n'
            f'<p class="khooshe-stages-note">روش پنج‌مرحله‌ای توسعه خوشه{method}.</p>')


# --------------------------------------------------------------------------- browse

def index_page(ctx: PageContext) -> GeneratedPage:
    src = INDEX
    reg = ctx.registries
    national = next((f for f in reg.reported if f.scope == "national" and f.status == "identified"), None)
    page = PageBuilder(front_matter("خوشه‌ها", "listing",
                                    description="فهرست همه خوشه‌های صنعتی و کسب‌وکار ثبت‌شده در این وبگاه، با استان، بخش و وضعیت."))
    page.md("# خوشه‌ها\n")
    intro = f"این وبگاه تاکنون <strong>{count_text(len(ctx.clusters))}</strong> را از منابع منتشرشده ثبت کرده است؛ برای هر کدام یک شناسنامه."
    if national:
        intro += (f" برنامه ملی شناسایی {fa(national.value)} خوشه را گزارش کرده است؛ این رقم و ارقام دیگر گزارش‌شده در "
                  f"{ctx.link('صفحه آمار', src, STATS)} جدا از شمار پرونده‌ها آمده‌اند.")
    page.html(para(intro))
    page.html(para(
        "مرور بر پایه: "
        + " · ".join(ctx.link(label, src, facet_src(facet)) for facet, (label, _) in FACETS.items())
        + f" · {ctx.link('نقشه کشوری', src, MAP)} · {ctx.link('آمار', src, STATS)}"
    ))
    page.html(para(
        f"داده باز: {ctx.link('CSV', src, exports.CSV_FILE)} · {ctx.link('JSON', src, exports.JSON_FILE)} · "
        f"{ctx.link('GeoJSON', src, exports.GEOJSON_FILE)} ({ctx.link('راهنمای ستون‌ها', src, DATA)})"
    ))
    page.md("## همه خوشه‌ها\n")
    page.html(browse_table(ctx))
    page.html(para(f"برای ویراستاران: {ctx.link('راهنمای پرونده خوشه', src, REFERENCE)}"))
    return page.page()


def browse_table(ctx: PageContext) -> str:
    """The full table, raw HTML: complete without JavaScript; clusters.js adds sorting and filters."""
    src = INDEX
    reg = ctx.registries
    head = (
        '<thead><tr>'
        '<th scope="col" data-sort="text">نام خوشه</th>'
        '<th scope="col" data-sort="value">استان</th>'
        '<th scope="col" data-sort="text">شهرها</th>'
        '<th scope="col" data-sort="value">بخش</th>'
        '<th scope="col" data-sort="value">وضعیت</th>'
        '<th scope="col" data-sort="value">مرحله</th>'
        '<th scope="col" data-sort="text">همکاران</th>'
        "</tr></thead>"
    )
    rows = []
    for cluster in ctx.clusters:
        province = reg.provinces[cluster.province]
        sector = reg.sectors[cluster.sector]
        status = STATUSES[cluster.status]
        stage = STAGES.get(cluster.stage)
        partners = "، ".join(
            f'<a href="{ctx.href(src, facet_src("partner", p))}">{esc(reg.partners[p].abbr or reg.partners[p].name)}</a>'
            for p in cluster.partners)
        rows.append(
            f'<tr data-id="{esc(cluster.id)}" data-province="{esc(cluster.province)}" data-sector="{esc(cluster.sector)}" '
            f'data-status="{esc(cluster.status)}" data-stage="{esc(cluster.stage)}">'
            f'<td><a href="{ctx.href(src, cluster.src_uri)}">{esc(cluster.name)}</a></td>'
            f'<td data-value="{province.order:02d}"><a href="{ctx.href(src, facet_src("province", cluster.province))}">{esc(province.name)}</a></td>'
            f"<td>{esc('، '.join(cluster.cities))}</td>"
            f'<td data-value="{sector.order:02d}"><a href="{ctx.href(src, facet_src("sector", cluster.sector))}">{esc(sector.name)}</a></td>'
            f'<td data-value="{status.order}"><a href="{ctx.href(src, facet_src("status", cluster.status))}">{esc(status.name)}</a></td>'
            f'<td data-value="{stage.order if stage else 0}">{esc(stage.name) if stage else ""}</td>'
            f"<td>{partners}</td>"
            "</tr>"
        )
    caption = f"همه {count_text(len(ctx.clusters))}، به ترتیب استان و نام؛ با کلیک روی عنوان هر ستون مرتب می‌شود."
    return (
        f'<div class="khooshe-table-wrap"><table class="khooshe-clusters" data-total="{len(ctx.clusters)}">'
        f"<caption>{esc(caption)}</caption>{head}<tbody>\n" + "\n".join(rows) + "\n</tbody></table></div>"
    )


def facet_pages(ctx: PageContext) -> dict[str, GeneratedPage]:
    reg = ctx.registries
    pages: dict[str, GeneratedPage] = {}
    # provinces
    items = [(p.id, p.name) for p in reg.provinces.values()]
    pages[facet_src("province")] = facet_index("province", items, ctx, extra_header="مرکز",
                                               extra={p.id: p.centre for p in reg.provinces.values()})
    for province in reg.provinces.values():
        pages[facet_src("province", province.id)] = province_page(province, ctx)
    # sectors
    pages[facet_src("sector")] = facet_index("sector", [(s.id, s.name) for s in reg.sectors.values()], ctx,
                                             extra_header="بخش‌های ISIC",
                                             extra={s.id: fa("، ".join(s.isic)) for s in reg.sectors.values()})
    for sector in reg.sectors.values():
        lead = para(f"بخش‌های ISIC ویرایش ۴: {fa('، '.join(sector.isic))}. این دسته‌بندی از خود این وبگاه است، نه از منابع.")
        pages[facet_src("sector", sector.id)] = facet_page("sector", sector.id, f"بخش {sector.name}", lead, ctx)
    # statuses
    pages[facet_src("status")] = facet_index("status", [(t.id, t.name) for t in STATUSES.values()], ctx,
                                             extra_header="معنا", extra={t.id: t.description for t in STATUSES.values()})
    for term in STATUSES.values():
        lead = para(esc(term.description))
        figure = next((f for f in reg.reported if f.scope == "national" and f.status == term.id), None)
        if figure:
            lead += "\n" + html_admonition("note", "رقم گزارش‌شده برنامه",
                                      f"{reported_line(figure, facet_src('status', term.id), ctx)}. "
                                      "این رقم گزارش برنامه ملی است و از پرونده‌های این وبگاه شمرده نشده است.")
        pages[facet_src("status", term.id)] = facet_page("status", term.id, f"خوشه‌های {term.name}", lead, ctx)
    # stages
    pages[facet_src("stage")] = facet_index("stage", [(t.id, t.name) for t in STAGES.values()], ctx,
                                            extra_header="گام", extra={t.id: fa(t.order) for t in STAGES.values()})
    for term in STAGES.values():
        src = facet_src("stage", term.id)
        lead = f"مرحله {fa(term.order)} از ۵ روش توسعه خوشه: {esc(term.description)}"
        if ctx.has(term.page):
            lead += f" شرح کامل: {ctx.link(term.name, src, term.page)}."
        lead += f" فقط خوشه‌های با وضعیت «{STATUSES['active'].name}» مرحله دارند."
        pages[src] = facet_page("stage", term.id, f"مرحله {term.name}", para(lead), ctx)
    # partners
    pages[facet_src("partner")] = facet_index("partner", [(p.id, p.label) for p in reg.partners.values()], ctx)
    for partner in reg.partners.values():
        lead = para(esc(partner.description)) if partner.description else ""
        pages[facet_src("partner", partner.id)] = facet_page("partner", partner.id, partner.label, lead, ctx)
    return pages


def facet_index(facet: str, items: list[tuple[str, str]], ctx: PageContext, *, extra_header: str = "",
                extra: dict[str, str] | None = None) -> GeneratedPage:
    src = facet_src(facet)
    label, title = FACETS[facet]
    groups = ctx.groups[facet]
    page = PageBuilder(front_matter(title, "listing"))
    page.md(f"# {md_text(title)}\n")
    page.html(para(f"{ctx.link('همه خوشه‌ها', src, INDEX)} · {ctx.link('نقشه کشوری', src, MAP)} · "
                   f"{ctx.link('آمار', src, STATS)}"))
    header = [label] + ([extra_header] if extra_header else []) + ["شمار خوشه‌های ثبت‌شده"]
    rows = []
    for key, name in items:
        row = [ctx.link(name, src, facet_src(facet, key))]
        if extra_header:
            row.append(esc((extra or {}).get(key, "")))
        row.append(fa(len(groups.get(key, []))))
        rows.append(row)
    page.html(table(header, rows))
    return page.page()


def facet_page(facet: str, key: str, title: str, lead: str, ctx: PageContext, *, news: list[Any] = (),
               **extra: str) -> GeneratedPage:
    """A facet's page: its ``lead`` (HTML), its clusters, and news of the province if any."""
    src = facet_src(facet, key)
    clusters = ctx.groups[facet].get(key, [])
    _, index_title = FACETS[facet]
    page = PageBuilder(front_matter(title, "listing", **extra))
    page.md(f"# {md_text(title)}\n")
    if lead:
        page.html(lead)
    page.html(para(f"در این وبگاه <strong>{count_text(len(clusters))}</strong> در این فهرست ثبت شده است."))
    page.html(cluster_table(clusters, src, ctx, province=facet != "province"))
    page.html(para(f"{ctx.link(index_title, src, facet_src(facet))} · {ctx.link('همه خوشه‌ها', src, INDEX)}"))
    if news:
        page.md("## اخبار این استان\n")
        page.html(backlinks(news, src, ctx))
    return page.page()


def province_page(province, ctx: PageContext) -> GeneratedPage:
    src = facet_src("province", province.id)
    reg = ctx.registries
    lead = para(f"مرکز استان: {esc(province.centre)}.")
    figures = [f for f in reg.reported if f.scope == province.id]
    if figures:
        lead += "\n" + html_admonition("note", "رقم گزارش‌شده", "".join(
            f"{reported_line(f, src, ctx)}.\n" for f in figures)
            + "این رقم گزارش منبع است و از پرونده‌های این وبگاه شمرده نشده است.")
    return facet_page("province", province.id, f"خوشه‌های استان {province.name}", lead, ctx,
                      news=_items(ctx.news_for_province, province.id), province=province.id)


# --------------------------------------------------------------------------- map

def map_page(ctx: PageContext) -> GeneratedPage:
    src = MAP
    reg = ctx.registries
    located = [c for c in ctx.clusters if c.coordinates]
    unlocated = [c for c in ctx.clusters if not c.coordinates]
    source = geo.source_info()
    page = PageBuilder(front_matter("نقشه کشوری خوشه‌ها", "listing",
                                    description="نقشه ۳۱ استان ایران با شمار خوشه‌های ثبت‌شده هر استان و نشانه هر خوشه."))
    page.md("# نقشه کشوری خوشه‌ها\n")
    intro = ("تهیه نقشه کشوری خوشه‌ها یکی از محورهای برنامه ملی توسعه خوشه‌هاست؛ نقشه‌ای که به تعبیر سازمان، "
             "هم تصویری از وضع موجود است و هم ابزاری برای برنامه‌ریزی")
    if ctx.has(NATIONAL_MAP_PROGRAMME):
        intro += f" ({ctx.link('درباره این محور', src, NATIONAL_MAP_PROGRAMME)})"
    page.html(para(intro + "."))
    page.html(para(
        f"این نقشه از پرونده‌های همین وبگاه ساخته می‌شود: رنگ هر استان شمار خوشه‌های ثبت‌شده آن است "
        f"({count_text(len(ctx.clusters))} در {fa(len({c.province for c in ctx.clusters}))} استان) و هر نقطه خوشه‌ای است که مختصات دارد "
        f"({fa(len(located))} نشانه). روی هر استان یا نقطه بزنید تا صفحه آن باز شود. "
        f'<a href="#map-table">جدول همین نقشه</a> در پایین صفحه است.'
    ))
    status_names = {t.id: t.name for t in STATUSES.values()}
    page.html('<figure class="khooshe-map-figure">\n'
              + mapsvg.map_svg(ctx.clusters, reg.provinces, src, ctx.use_directory_urls) + "\n"
              + mapsvg.legend_html(status_names) + "\n"
              + '<figcaption>مرز استان‌ها از بسته نرم‌افزاری '
              + f'{esc(source["name"])} {esc(source["version"])} (مجوز {esc(source["license"])})؛ '
              + "نشانه هر خوشه روی مختصات شهری است که منبع نام برده است. "
              + "خوشه‌هایی که در یک شهرند، کنار هم نشان داده شده‌اند.</figcaption>\n</figure>")
    page.md("## جدول نقشه { #map-table }\n")
    rows = []
    for province in reg.provinces.values():
        clusters = ctx.groups["province"].get(province.id, [])
        names = "، ".join(ctx.link(c.name, src, c.src_uri) for c in clusters) or "—"
        rows.append([ctx.link(province.name, src, facet_src("province", province.id)), fa(len(clusters)), names])
    page.html(table(["استان", "شمار خوشه‌ها", "خوشه‌ها"], rows))
    if unlocated:
        page.md("## خوشه‌های بی‌نشانه\n")
        page.html(para("این خوشه‌ها در رنگ استانشان شمرده شده‌اند ولی مختصات ندارند، چون منبع شهرشان را نگفته است:"))
        page.html(bullets([f"{ctx.link(c.name, src, c.src_uri)} ({esc(c.province_name)})" for c in unlocated]))
    return page.page()


# --------------------------------------------------------------------------- statistics

def stats_page(ctx: PageContext) -> GeneratedPage:
    src = STATS
    reg = ctx.registries
    page = PageBuilder(front_matter("آمار خوشه‌ها", "listing",
                                    description="شمار خوشه‌های ثبت‌شده بر پایه وضعیت، مرحله، بخش و استان، و ارقام گزارش‌شده برنامه ملی."))
    page.md("# آمار خوشه‌ها\n")
    page.html(para(
        "این صفحه دو گونه رقم دارد که با هم جمع یا مقایسه نمی‌شوند: "
        '<a href="#counted">شمار پرونده‌های این وبگاه</a> که هنگام ساخت سایت از پرونده‌ها شمرده می‌شود، و '
        '<a href="#reported">ارقام گزارش‌شده برنامه ملی</a> که منابع منتشر کرده‌اند.'
    ))
    page.md("## شمرده از پرونده‌های این وبگاه { #counted }\n")
    page.html(para(f"این وبگاه تاکنون <strong>{count_text(len(ctx.clusters))}</strong> را ثبت کرده است. "
                   "هر نمودار جدولی با همان ارقام دارد."))
    for breakdown in stats.counts(ctx.clusters, reg):
        page.md(f"### {md_text(breakdown.title)} {{ #{breakdown.id} }}\n")
        if breakdown.note:
            page.html(para(esc(breakdown.note)))
        page.html(f'<figure class="khooshe-chart-figure">\n{stats.bar_chart(breakdown)}\n</figure>')
        label = {"status": "وضعیت", "stage": "مرحله", "sector": "بخش", "province": "استان"}[breakdown.id]
        rows = [[ctx.link(row.label, src, row.page), fa(row.count)] for row in breakdown.rows]
        rows.append(["<strong>جمع</strong>", f"<strong>{fa(breakdown.total)}</strong>"])
        page.html(table([label, "شمار خوشه‌ها"], rows))
    page.md("## ارقام گزارش‌شده برنامه ملی { #reported }\n")
    page.html(html_admonition("warning", "گزارش‌شده، نه شمرده‌شده",
                         "این ارقام را منابع منتشر کرده‌اند؛ از پرونده‌های این وبگاه شمرده نشده‌اند و با ارقام بالا جمع یا مقایسه نمی‌شوند."))
    rows = []
    for figure in reg.reported:
        scope = "کشور" if figure.scope == "national" else f"استان {reg.provinces[figure.scope].name}"
        value = ("قریب به " if figure.approximate else "") + fa(figure.value)
        document = reg.documents[figure.source]
        rows.append([esc(scope), value, esc(figure.statement), source_link(figure.source, src, ctx),
                     document_date(document.date)])
    page.html(table(["دامنه", "رقم", "آنچه گزارش شده است", "منبع", "تاریخ سند"], rows))
    return page.page()


# --------------------------------------------------------------------------- open data and reference

def data_page(ctx: PageContext) -> GeneratedPage:
    src = DATA
    page = PageBuilder(front_matter("داده باز خوشه‌ها", "guide",
                                    description="پرونده‌های CSV، JSON و GeoJSON همه خوشه‌های ثبت‌شده و راهنمای ستون‌های آن‌ها."))
    page.md("# داده باز خوشه‌ها\n")
    page.html(para(f"همه {count_text(len(ctx.clusters))} ثبت‌شده، هر بار که سایت ساخته می‌شود، در این پرونده‌ها هم منتشر می‌شوند:"))
    page.html(bullets([
        f"{ctx.link('clusters.csv', src, exports.CSV_FILE)}: یک سطر برای هر خوشه؛ UTF-8 با نشانه BOM تا Excel "
        "متن فارسی را درست باز کند؛ جداکننده ستون ویرگول لاتین «,» و جداکننده فهرست‌ها درون یک خانه «;».",
        f"{ctx.link('clusters.json', src, exports.JSON_FILE)}: همه فیلدهای هر پرونده، از جمله همه ارقام بنگاه و "
        "اشتغال هر کدام با منبع و تاریخش، و نام فارسی کنار هر شناسه.",
        f"{ctx.link('clusters.geojson', src, exports.GEOJSON_FILE)}: خوشه‌هایی که مختصات دارند، به‌صورت نقطه "
        "(GeoJSON، RFC 7946؛ ترتیب [طول، عرض]).",
        f"{ctx.link('cluster.schema.json', src, exports.SCHEMA_FILE)}: قالب پرونده خوشه (JSON Schema) برای "
        "ویرایشگرهایی که YAML را هنگام نوشتن بررسی می‌کنند.",
    ]))
    page.html(para("تاریخ‌ها همان‌قدر دقیق‌اند که منبع گفته است: سال (1398)، سال-ماه (1398-04) یا روز (1385-04-02)؛ "
                   "سال کمتر از 1700 خورشیدی است. شناسه‌ها، تاریخ‌ها و عددها با رقم لاتین‌اند."))
    page.md("## ستون‌های clusters.csv\n")
    page.html(table(["ستون", "معنا"],
                    [[f"<code>{esc(column.name)}</code>", esc(column.description)] for column in exports.CSV_COLUMNS]))
    page.html(para(f"{ctx.link('همه خوشه‌ها', src, INDEX)} · {ctx.link('راهنمای پرونده خوشه', src, REFERENCE)}"))
    return page.page()


def reference_page(templates: Templates, url: Url, registries: Registries) -> GeneratedPage:
    """The editors' reference page, from the schema the records are checked against."""
    return templates.page("clusters/reference.html", url=url, **reference_data(registries))

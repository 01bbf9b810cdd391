"""The national cluster map (نقشه کشوری خوشه‌ها) as one self-contained SVG.

Built at build time from the vendored province shapes (see geo.py): every
province is a link to its page, shaded by its number of clusters; every
cluster with coordinates is a marker linking to its profile; labels are
Persian text the browser shapes. No script, tile or font is fetched.
"""

from __future__ import annotations

import math
from collections import defaultdict

from plugins.model.provinces import Province
from plugins.kinds.clusters import geo
from plugins.kinds.clusters.links import esc, fa, href
from plugins.kinds.clusters.records import Cluster

# Count → shade class; the legend is built from the same table.
SHADES = ((0, 0, "shade-0"), (1, 1, "shade-1"), (2, 3, "shade-2"), (4, 7, "shade-3"), (8, math.inf, "shade-4"))
MARKER_RADIUS = 7.0
RING_LIMIT = 8  # up to this many markers at one place sit on a ring, more on a spiral
GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))
# Labels of small provinces would cover their neighbours: these get a smaller type.
SMALL_PROVINCES = frozenset({"tehran", "alborz", "qom", "qazvin", "zanjan", "gilan", "kohgiluyeh-boyerahmad",
                             "chaharmahal-bakhtiari", "ilam", "ardabil", "hamadan", "kurdistan", "kermanshah",
                             "lorestan", "markazi", "bushehr", "khorasan-shomali", "golestan"})


TWO_LINES = frozenset({"azarbaijan-gharbi", "azarbaijan-sharqi", "chaharmahal-bakhtiari", "kohgiluyeh-boyerahmad",
                       "khorasan-shomali", "khorasan-jonubi", "khorasan-razavi", "sistan-baluchestan"})


def shade(count: int) -> str:
    for low, high, name in SHADES:
        if low <= count <= high:
            return name
    return SHADES[-1][2]


def shade_label(low: float, high: float) -> str:
    if low == high:
        return f"{fa(low)} خوشه"
    if math.isinf(high):
        return f"{fa(low)} خوشه و بیشتر"
    return f"{fa(low)} تا {fa(high)} خوشه"


def path_data(polygons: list[geo.Polygon]) -> str:
    parts = []
    for polygon in polygons:
        for ring in polygon:
            points = [geo.project(lon, lat) for lon, lat in ring]
            parts.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in points) + "Z")
    return "".join(parts)


def marker_positions(clusters: list[Cluster]) -> dict[str, tuple[float, float]]:
    """SVG position of each cluster with coordinates.

    Markers that share a place are set on a small ring around it, just wide
    enough that they do not overlap, and pulled back toward the place if the
    ring would put one outside the cluster's province.
    """
    shapes = geo.province_shapes()
    groups: dict[tuple[float, float], list[Cluster]] = defaultdict(list)
    for cluster in clusters:
        if cluster.coordinates:
            x, y = geo.project(cluster.coordinates.lon, cluster.coordinates.lat)
            groups[(round(x, 1), round(y, 1))].append(cluster)
    positions = {}
    for (x, y), group in sorted(groups.items()):
        group.sort(key=lambda cluster: cluster.id)
        if len(group) == 1:
            positions[group[0].id] = (x, y)
            continue
        ring = len(group) <= RING_LIMIT
        radius = (MARKER_RADIUS + 1) / math.sin(math.pi / len(group))
        for index, cluster in enumerate(group):
            if ring:  # a few markers: evenly on one ring
                angle, distance = 2 * math.pi * index / len(group) - math.pi / 2, radius
            else:  # many: a sunflower spiral, as compact as markers allow
                angle, distance = index * GOLDEN_ANGLE, (MARKER_RADIUS + 1) * 1.1 * math.sqrt(index)
            for shrink in (1, 0.75, 0.5, 0.25, 0):
                px, py = x + shrink * distance * math.cos(angle), y + shrink * distance * math.sin(angle)
                if geo.inside_any(geo.unproject(px, py), shapes[cluster.province]):
                    break
            positions[cluster.id] = (round(px, 1), round(py, 1))
    return positions


def map_svg(clusters: list[Cluster], provinces: dict[str, Province], page_src: str,
            use_directory_urls: bool = True) -> str:
    """The map as one line-broken SVG element (no blank lines, so Markdown keeps it as one HTML block)."""
    shapes = geo.province_shapes()
    counts: dict[str, int] = defaultdict(int)
    for cluster in clusters:
        counts[cluster.province] += 1
    located = sum(1 for cluster in clusters if cluster.coordinates)
    out = [
        f'<svg class="khooshe-map" viewBox="0 0 {geo.WIDTH} {geo.HEIGHT}" role="img" '
        f'aria-labelledby="khooshe-map-title khooshe-map-desc" xmlns="http://www.w3.org/2000/svg">',
        '<title id="khooshe-map-title">نقشه کشوری خوشه‌ها</title>',
        f'<desc id="khooshe-map-desc">{fa(len(provinces))} استان ایران، هر کدام به رنگ شمار خوشه‌هایش، '
        f'و {fa(located)} نشانه برای خوشه‌هایی که مختصات دارند. جدول زیر نقشه همین داده‌ها را دارد.</desc>',
        '<g class="provinces">',
    ]
    for province in provinces.values():
        count = counts.get(province.id, 0)
        link = href(page_src, f"clusters/province/{province.id}.md", use_directory_urls)
        out.append(
            f'<a href="{link}" class="province {shade(count)}" data-province="{esc(province.id)}" data-count="{count}">'
            f'<path d="{path_data(shapes[province.id])}"/>'
            f"<title>{esc(province.name)}: {fa(count)} خوشه</title></a>"
        )
    out.append("</g>")
    out.append('<g class="labels" aria-hidden="true">')
    for province in provinces.values():
        lon, lat = geo.label_point(shapes[province.id])
        x, y = geo.project(lon, lat)
        size = "small" if province.id in SMALL_PROVINCES else "large"
        words = province.name.split(" ")
        if len(words) > 1 and province.id in TWO_LINES:
            # «آذربایجان / غربی»: long names of narrow provinces on two lines
            first, second = " ".join(words[:-1]), words[-1]
            text = (f'<tspan x="{x:.1f}" dy="-0.55em">{esc(first)}</tspan>'
                    f'<tspan x="{x:.1f}" dy="1.1em">{esc(second)}</tspan>')
        else:
            text = esc(province.name)
        out.append(f'<text x="{x:.1f}" y="{y:.1f}" class="label {size}">{text}</text>')
    out.append("</g>")
    out.append('<g class="markers">')
    positions = marker_positions(clusters)
    for cluster in sorted(clusters, key=lambda c: c.id):
        if cluster.id not in positions:
            continue
        x, y = positions[cluster.id]
        link = href(page_src, cluster.src_uri, use_directory_urls)
        out.append(
            f'<a href="{link}" class="marker status-{esc(cluster.status)}" data-cluster="{esc(cluster.id)}">'
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{MARKER_RADIUS}"/>'
            f"<title>{esc(cluster.name)} ({esc(cluster.status_name)})</title></a>"
        )
    out.append("</g>")
    out.append("</svg>")
    return "\n".join(out)


def legend_html(status_names: dict[str, str]) -> str:
    items = [
        f'<li><svg viewBox="0 0 20 14" aria-hidden="true"><rect class="{name}" width="20" height="14"/></svg>'
        f"{esc(shade_label(low, high))}</li>"
        for low, high, name in SHADES
    ]
    items += [
        f'<li><svg viewBox="0 0 14 14" aria-hidden="true"><circle class="marker status-{esc(status)}" cx="7" cy="7" r="5"/></svg>'
        f"{esc(name)}</li>"
        for status, name in status_names.items()
    ]
    return '<ul class="khooshe-map-legend" aria-label="راهنمای نقشه">' + "".join(items) + "</ul>"

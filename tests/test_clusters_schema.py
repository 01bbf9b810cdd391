"""Cluster records: every kind of bad record gives its exact Persian error line;
the shipped records, the registries, partial dates and the scaffold."""

from __future__ import annotations

from pathlib import Path

import pytest

from plugins.kinds.clusters import scaffold_text
from plugins.model.partialdate import parse_partial_date
from plugins.kinds.clusters.records import load_clusters
from plugins.kinds.clusters.registries import load_registries
from plugins.kinds.clusters.kind import KIND
from plugins.kinds.clusters.pages import reference_page
from plugins.kinds.clusters.schema import SCHEMA
from plugins.model.dates import DateError
from plugins.model.provinces import load_provinces
from plugins.views.render import Templates

ROOT = Path(__file__).resolve().parents[1]
PATH = "clusters/yazd/test-cluster.yml"
BASE = """\
id: test-cluster
name: خوشه آزمایشی
province: yazd
sector: textiles
status: identified
sources:
  - document: source-1
"""
FIELDS = "draft، id، name، name_en، province، cities، sector، isic، products، firms، employment، status، stage، dates، cda، supervisor، partners، coordinates، priority، sources، description"


def problems(tmp_path: Path, files: dict[str, str]) -> list[str]:
    for relpath, text in files.items():
        target = tmp_path / relpath
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    clusters, errors = load_clusters(tmp_path)
    return [str(error) for error in sorted(errors)]


def record(text: str = "", **replace: str) -> str:
    """BASE with some lines replaced (key → new line, '' drops it) and ``text`` appended."""
    lines = []
    for line in BASE.splitlines():
        key = line.split(":")[0]
        lines.append(replace.pop(key) if key in replace else line)
    assert not replace, replace
    return "\n".join(line for line in lines if line) + "\n" + text


# --------------------------------------------------------------------------- one kind of mistake each

CASES = {
    "unknown field (a typo)": (
        {PATH: record("provnce: yazd\n")},
        [f"{PATH}:8:1: provnce: فیلد ناشناخته «provnce»؛ شاید منظورتان «province» بود (مورد انتظار: یکی از: {FIELDS})"],
    ),
    "duplicate key": (
        {PATH: record("name: خوشه دیگر\n")},
        [f"{PATH}:8:1: name: این فیلد دو بار آمده است (بار اول در خط 2) (مورد انتظار: هر فیلد فقط یک بار)"],
    ),
    "duplicate id": (
        {PATH: BASE, "clusters/test-cluster.yml": BASE},
        [f"{PATH}:1:5: id: شناسه «test-cluster» تکراری است؛ پرونده clusters/test-cluster.yml هم همین شناسه را دارد "
         "(مورد انتظار: شناسه یکتا برای هر خوشه)"],
    ),
    "unknown province": (
        {"clusters/test-cluster.yml": record(province="province: yazdd")},
        ["clusters/test-cluster.yml:3:11: province: «yazdd» استان شناخته‌شده‌ای نیست؛ شاید منظورتان yazd (یزد) بود "
         "(مورد انتظار: شناسه استان یکی از: azarbaijan-sharqi (آذربایجان شرقی)، azarbaijan-gharbi (آذربایجان غربی)، "
         "ardabil (اردبیل)، isfahan (اصفهان)، alborz (البرز)، ilam (ایلام)، … (همه ۳۱ مورد در plugins/model/data/provinces.yml))"],
    ),
    "Persian province name instead of its id": (
        {"clusters/test-cluster.yml": record(province="province: یزد")},
        ["clusters/test-cluster.yml:3:11: province: «یزد» استان شناخته‌شده‌ای نیست؛ شناسه «یزد» yazd است "
         "(مورد انتظار: شناسه استان یکی از: azarbaijan-sharqi (آذربایجان شرقی)، azarbaijan-gharbi (آذربایجان غربی)، "
         "ardabil (اردبیل)، isfahan (اصفهان)، alborz (البرز)، ilam (ایلام)، … (همه ۳۱ مورد در plugins/model/data/provinces.yml))"],
    ),
    "unknown partner": (
        {PATH: record("partners:\n  - unidoo\n")},
        [f"{PATH}:9:5: partners[1]: «unidoo» همکار شناخته‌شده‌ای نیست؛ شاید منظورتان unido (سازمان توسعه صنعتی ملل متحد (یونیدو)) بود "
         "(مورد انتظار: شناسه همکار یکی از: unido (سازمان توسعه صنعتی ملل متحد (یونیدو))، ipi (سازمان توسعه صنعتی ایتالیا)، "
         "imm (انجمن سنگ ایتالیا)، domestic-experts (متخصصان داخلی)، provincial-itc (شرکت شهرک‌های صنعتی استان))"],
    ),
    "partner named twice": (
        {PATH: record("partners:\n  - ipi\n  - ipi\n")},
        [f"{PATH}:10:5: partners[2]: «ipi» دو بار آمده است (بار اول مورد ۱) (مورد انتظار: هر مورد فقط یک بار)"],
    ),
    "unknown status": (
        {PATH: record(status="status: activ")},
        [f"{PATH}:5:9: status: «activ» وضعیت شناخته‌شده‌ای نیست؛ شاید منظورتان active (در حال توسعه با عامل توسعه) بود "
         "(مورد انتظار: یکی از: identified (شناسایی‌شده)، studied (امکان‌سنجی‌شده)، active (در حال توسعه با عامل توسعه)، "
         "completed (توسعه‌یافته))"],
    ),
    "unknown stage": (
        {PATH: record("stage: implement\n", status="status: active")},
        [f"{PATH}:8:8: stage: «implement» مرحله شناخته‌شده‌ای نیست؛ شاید منظورتان implementation (پیاده‌سازی برنامه عمل) بود "
         "(مورد انتظار: یکی از: diagnostic-study (مطالعه شناختی)، trust-building (اعتمادسازی)، action-plan (تدوین سند برنامه عمل)، "
         "implementation (پیاده‌سازی برنامه عمل)، monitoring-evaluation (پایش و ارزیابی))"],
    ),
    "stage of a cluster that is not active": (
        {PATH: record("stage: implementation\n")},
        [f"{PATH}:8:8: stage: مرحله «implementation» برای خوشه‌ای با وضعیت «identified» (شناسایی‌شده) معنا ندارد "
         "(مورد انتظار: حذف stage، یا status: active)"],
    ),
    "unknown sector": (
        {PATH: record(sector="sector: textile")},
        [f"{PATH}:4:9: sector: «textile» بخش شناخته‌شده‌ای نیست؛ شاید منظورتان textiles (نساجی، پوشاک و فرش) بود "
         "(مورد انتظار: شناسه بخش یکی از: agriculture (کشاورزی، دامداری و شیلات)، food (صنایع غذایی)، textiles (نساجی، پوشاک و فرش)، "
         "leather-footwear (چرم و کفش)، wood-furniture (مبلمان، چوب و حصیر)، rubber-plastics (لاستیک و پلاستیک)، "
         "… (همه ۱۰ مورد در plugins/kinds/clusters/data/sectors.yml))"],
    ),
    "unknown source document": (
        {PATH: record(**{"  - document": "  - document: source-9"})},
        [f"{PATH}:7:15: sources[1].document: «source-9» سند شناخته‌شده‌ای نیست؛ شاید منظورتان source-5 (خوشه گل و گیاهان زینتی محلات) بود "
         "(مورد انتظار: شناسه سند یکی از: source-1 (توسعه خوشه‌های صنعتی)، source-2 (توجه رهبری به خوشه‌ها در سیاست‌های کلی بخش صنعت نشانه کارآمدی آن است)، "
         "source-3 (توسعه خوشه‌های صنعتی یکی از وظایف حمایتی شرکت شهرک‌های صنعتی استان)، source-4 (خوشه‌های صنعتی)، "
         "source-5 (خوشه گل و گیاهان زینتی محلات))"],
    ),
    "bad date (no 13th month)": (
        {PATH: record("dates:\n  started: 1398-13\n")},
        [f"{PATH}:9:12: dates.started: ماه ۱۳ در تقویم نیست (مورد انتظار: سال (1398)، سال-ماه (1398-04) یا سال-ماه-روز (1398-04-15)؛ "
         "سال کمتر از 1700 خورشیدی است)"],
    ),
    "bad date (31 Esfand in a common year)": (
        {PATH: record("dates:\n  identified: 1398-12-30\n")},
        [f"{PATH}:9:15: dates.identified: روز ۳۰ در اسفند سال ۱۳۹۸ وجود ندارد (مورد انتظار: سال (1398)، سال-ماه (1398-04) یا "
         "سال-ماه-روز (1398-04-15)؛ سال کمتر از 1700 خورشیدی است)"],
    ),
    "dates out of order": (
        {PATH: record("dates:\n  identified: 1399\n  feasibility: 1398-06\n")},
        [f"{PATH}:10:16: dates.feasibility: تاریخ پایان مطالعه امکان‌سنجی (شهریور ۱۳۹۸) پیش از تاریخ شناسایی (۱۳۹۹) است "
         "(مورد انتظار: ترتیب: شناسایی ≤ پایان مطالعه امکان‌سنجی ≤ آغاز پروژه توسعه ≤ پایان برنامه توسعه)"],
    ),
    "bad number": (
        {PATH: record("firms:\n  - total: ده\n    as_of: 1398\n    source: source-2\n")},
        [f"{PATH}:9:12: firms[1].total: «ده» عدد صحیح نیست (مورد انتظار: عدد صحیح از ۰ با رقم لاتین یا فارسی)"],
    ),
    "negative number": (
        {PATH: record("employment:\n  - value: -5\n    as_of: 1398\n    source: source-2\n")},
        [f"{PATH}:9:12: employment[1].value: «-5» کمتر از ۰ است (مورد انتظار: عدد صحیح از ۰ با رقم لاتین یا فارسی)"],
    ),
    "firm split that does not add up": (
        {PATH: record("firms:\n  - total: 100\n    micro: 50\n    small: 30\n    medium: 5\n    as_of: 1398\n    source: source-2\n")},
        [f"{PATH}:9:12: firms[1].total: جمع خرد، کوچک و متوسط (۸۵) با total (۱۰۰) برابر نیست "
         "(مورد انتظار: total برابر micro + small + medium، یا حذف رقمی که منبع نگفته است)"],
    ),
    "figure without its source": (
        {PATH: record("employment:\n  - value: 50\n    as_of: 1398\n")},
        [f"{PATH}:9:5: employment[1].source: فیلد لازم نیامده است (مورد انتظار: شناسه سند (مثل source-2) یا نشانی کامل وب (https://…))"],
    ),
    "missing required field": (
        {PATH: record(sector="")},
        [f"{PATH}:1:1: sector: فیلد لازم نیامده است (مورد انتظار: شناسه بخش یکی از: agriculture (کشاورزی، دامداری و شیلات)، "
         "food (صنایع غذایی)، textiles (نساجی، پوشاک و فرش)، leather-footwear (چرم و کفش)، wood-furniture (مبلمان، چوب و حصیر)، "
         "rubber-plastics (لاستیک و پلاستیک)، … (همه ۱۰ مورد در plugins/kinds/clusters/data/sectors.yml))"],
    ),
    "a list written as text": (
        {PATH: record("cities: یزد\n")},
        [f"{PATH}:8:9: cities: «یزد» باید فهرست (هر مورد در خطی با «- ») باشد (مورد انتظار: فهرست، مثل: [\"یزد\"])"],
    ),
    "coordinates outside the province": (
        {PATH: record("coordinates:\n  lat: 38.08\n  lon: 46.29\n  note: مختصات تبریز\n")},
        [f"{PATH}:9:8: coordinates: نقطه (۳۸٫۰۸، ۴۶٫۲۹) ۸۴۵ کیلومتر بیرون از استان یزد و در استان آذربایجان شرقی است "
         "(مورد انتظار: مختصات جایی در استان یزد؛ lat عرض (۲۵ تا ۴۰) و lon طول (۴۴ تا ۶۳))"],
    ),
    "ISIC class outside the sector": (
        {PATH: record('isic: "2393"\n')},
        [f"{PATH}:8:7: isic: کد «2393» در بخش «textiles» (نساجی، پوشاک و فرش) نیست (مورد انتظار: کدی که با 13، 14 شروع شود، یا بخشی دیگر)"],
    ),
    "id that is not the file name": (
        {"clusters/yazd/other-name.yml": BASE},
        ["clusters/yazd/other-name.yml:1:5: id: شناسه «test-cluster» با نام پرونده «other-name.yml» یکی نیست "
         "(مورد انتظار: نام پرونده test-cluster.yml، یا شناسه other-name)"],
    ),
    "record in another province's folder": (
        {"clusters/isfahan/test-cluster.yml": BASE},
        ["clusters/isfahan/test-cluster.yml:3:11: province: «yazd» (یزد) با پوشه clusters/isfahan/ (اصفهان) نمی‌خواند "
         "(مورد انتظار: province: isfahan، یا جابه‌جایی پرونده به clusters/yazd/)"],
    ),
    "source with both a document and a URL": (
        {PATH: record(**{"  - document": "  - document: source-1\n    url: https://example.org/a"})},
        [f"{PATH}:7:5: sources[1]: هم document آمده است و هم url "
         "(مورد انتظار: document: شناسه سند (مثل source-1)، یا url و title برای سندی بیرون از فهرست)"],
    ),
    ".yaml instead of .yml": (
        {"clusters/yazd/test-cluster.yaml": BASE},
        ["clusters/yazd/test-cluster.yaml: پسوند پرونده خوشه .yaml است (مورد انتظار: پسوند .yml: test-cluster.yml)"],
    ),
}


@pytest.mark.parametrize("files, expected", CASES.values(), ids=CASES.keys())
def test_each_kind_of_bad_record_gives_its_exact_message(tmp_path, files, expected):
    assert problems(tmp_path, files) == expected


def test_every_problem_of_every_file_is_reported_at_once(tmp_path):
    lines = problems(tmp_path, {
        PATH: record("stage: implementation\npartners:\n  - unidoo\n", province="province: yazdd", status="status: activ"),
        "clusters/yazd/second.yml": record(id="id: second", sector=""),
    })
    assert [line.split(": ")[0:2] for line in lines] == [
        ["clusters/yazd/second.yml:1:1", "sector"],
        [f"{PATH}:3:11", "province"],
        [f"{PATH}:5:9", "status"],
        [f"{PATH}:10:5", "partners[1]"],
    ]


def test_a_valid_record_loads_with_normalized_text(tmp_path):
    text = record(
        "cities:\n  - يزد\nproducts:\n  - كاشي\npartners:\n  - ipi\nfirms:\n  - total: ۱۲۰\n    micro: 100\n    small: 15\n"
        "    medium: 5\n    as_of: 1398-04\n    source: source-2\ncoordinates:\n  lat: 31.8974\n  lon: 54.3569\n"
        "  note: مختصات شهر یزد\ndescription: |\n  متن **شرح**.\n"
    )
    (tmp_path / "clusters/yazd").mkdir(parents=True)
    (tmp_path / PATH).write_text(text, encoding="utf-8")
    clusters, errors = load_clusters(tmp_path)
    assert errors == []
    [cluster] = clusters
    assert (cluster.id, cluster.province, cluster.province_name, cluster.src_uri) == (
        "test-cluster", "yazd", "یزد", "clusters/test-cluster.md")
    assert cluster.cities == ("یزد",) and cluster.products == ("کاشی",)  # Arabic ي/ك normalized
    assert cluster.firms[0].total == 120 and cluster.firms[0].as_of.persian() == "تیر ۱۳۹۸"
    assert cluster.description == "متن **شرح**."


# --------------------------------------------------------------------------- shipped records

def test_shipped_records_are_valid_and_cover_every_seed_cluster():
    clusters, errors = load_clusters(ROOT)
    assert errors == []
    ids = {cluster.id for cluster in clusters}
    assert len(clusters) == 40
    by_source: dict[str, set[str]] = {}
    for cluster in clusters:
        for source in cluster.sources:
            by_source.setdefault(source.document, set()).add(cluster.id)
    # seed 000: 14 clusters, seed 001: 8, seed 002: 8, seed 003: 11, seed 004: 1 (two named twice)
    assert {key: len(value) for key, value in by_source.items()} == {
        "source-1": 14, "source-2": 8, "source-3": 8, "source-4": 11, "source-5": 1}
    assert by_source["source-1"] & by_source["source-2"] == {"yazd-ceramic"}
    assert by_source["source-1"] & by_source["source-3"] == {"isfahan-stone"}
    assert {"tabriz-auto-parts", "lalejin-pottery", "chabahar-fisheries", "mahallat-ornamental-plants", "boldaji-gaz"} <= ids


def test_shipped_records_carry_the_facts_of_the_seeds():
    clusters = {cluster.id: cluster for cluster in load_clusters(ROOT)[0]}
    partners = {cid: set(cluster.partners) for cid, cluster in clusters.items() if cluster.partners}
    assert {cid for cid, p in partners.items() if "unido" in p} == {"tehran-leather", "tabriz-auto-parts", "lalejin-pottery"}
    assert {cid for cid, p in partners.items() if "ipi" in p} == {"yazd-textile", "yazd-ceramic"}
    assert {cid for cid, p in partners.items() if "imm" in p} == {"isfahan-stone"}
    assert {cid for cid, p in partners.items() if "domestic-experts" in p} == {"malayer-furniture", "khuzestan-oil-gas-equipment"}
    mahallat = clusters["mahallat-ornamental-plants"]
    assert (mahallat.status, mahallat.stage, mahallat.dates["started"].text) == ("active", "implementation", "1398")
    assert {c.id for c in clusters.values() if c.status == "studied"} == {
        c.id for c in clusters.values() if c.province == "sistan-baluchestan"}
    # nothing the seeds do not say: no firm counts, employment, CDA, priority score or English name
    for cluster in clusters.values():
        assert not (cluster.firms or cluster.employment or cluster.cda or cluster.supervisor or cluster.priority
                    or cluster.name_en), cluster.id
        if cluster.coordinates:
            assert cluster.coordinates.note.startswith("مختصات شهر"), cluster.id


# --------------------------------------------------------------------------- registries, dates, scaffold

def test_provinces_registry_has_the_31_provinces():
    provinces = load_provinces()
    assert len(provinces) == 31
    assert provinces["sistan-baluchestan"].name == "سیستان و بلوچستان"
    assert provinces["alborz"].centre == "کرج"
    assert len({p.name for p in provinces.values()}) == 31


@pytest.mark.parametrize("value, text, persian", [
    (1398, "1398", "۱۳۹۸"),
    ("1398-04", "1398-04", "تیر ۱۳۹۸"),
    ("۱۳۸۵/۴/۲", "1385-04-02", "۲ تیر ۱۳۸۵"),
    ("2019-07", "2019-07", "ژوئیه ۲۰۱۹"),
])
def test_partial_dates(value, text, persian):
    date = parse_partial_date(value)
    assert (date.text, date.persian()) == (text, persian)


@pytest.mark.parametrize("value, message", [
    ("1398-00", "ماه ۰ در تقویم نیست"),
    ("تابستان ۱۳۹۸", "«تابستان ۱۳۹۸» تاریخ نیست"),
])
def test_partial_dates_reject(value, message):
    with pytest.raises(DateError, match=message):
        parse_partial_date(value)


def test_scaffold_is_a_draft_that_passes_as_written_and_is_published_once_filled(tmp_path):
    relpath, text = scaffold_text("yazd-tile", "خوشه کاشی یزد")
    assert relpath == "clusters/yazd/yazd-tile.yml"
    assert text.count("# ← لازم") == 3  # sector, status, sources
    target = tmp_path / relpath
    target.parent.mkdir(parents=True)
    target.write_text(text, encoding="utf-8")
    assert load_clusters(tmp_path) == ([], [])  # valid as written, and not published
    undrafted = text.replace("draft: true\n", "")
    target.write_text(undrafted, encoding="utf-8")
    assert [e.field for e in load_clusters(tmp_path)[1]] == ["sector", "status", "sources[1]"]
    filled = (undrafted.replace("sector:  ", "sector: non-metallic-minerals  ")
                       .replace("status:  ", "status: identified  ")
                       .replace("  - document:  ", "  - document: source-1  "))
    target.write_text(filled, encoding="utf-8")
    clusters, errors = load_clusters(tmp_path)
    assert errors == [] and clusters[0].name == "خوشه کاشی یزد"


def test_a_draft_is_still_checked_and_keeps_its_id(tmp_path):
    lines = problems(tmp_path, {
        PATH: "draft: true\nid: test-cluster\nprovince: yazd\n",
        "clusters/test-cluster.yml": "draft: true\nid: test-cluster\n",
        "clusters/other.yml": "draft: true\nid: other\nprovince: yazdd\n",
    })
    assert [line.split(": ")[0:2] for line in lines] == [
        ["clusters/other.yml:3:11", "province"],
        [f"{PATH}:2:5", "id"],
    ]
    # «yes» is not true: the record is not a draft, so its missing fields are reported too
    lines = problems(tmp_path / "b", {"clusters/x.yml": "draft: yes\nid: x\n"})
    assert "clusters/x.yml:1:8: draft: «yes» true یا false نیست (مورد انتظار: true یا false)" in lines
    assert len(lines) == 6


def test_scaffold_without_a_province_prefix_writes_at_the_top_of_the_folder():
    relpath, text = scaffold_text("malayer-chairs", "")
    assert relpath == "clusters/malayer-chairs.yml"
    assert "\nprovince:   # ← لازم" in text and "\nname:   # ← لازم" in text


def test_reference_page_documents_every_field_of_the_schema():
    page = reference_page(Templates({"clusters": KIND.templates}), lambda target, anchor="": target, load_registries())
    html = "\n".join(page.slots.values())
    for field in SCHEMA["properties"]:
        assert f"<td><code>{field}</code></td>" in html
    assert "<td><code>active</code></td><td>در حال توسعه با عامل توسعه</td>" in html

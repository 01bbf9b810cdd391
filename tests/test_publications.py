"""Publications: ISBN checks, record errors, the shipped catalogue, people pages, citation, browser filter."""

from __future__ import annotations

import html
import re
import struct
import zlib
from pathlib import Path

import pytest

from plugins.kinds.publications import scaffold_text
from plugins.kinds.publications.isbn import IsbnError, check_isbn
from plugins.kinds.publications.pages import citation, file_size
from plugins.kinds.publications.records import load_catalogue

ROOT = Path(__file__).resolve().parents[1]
ISBN_EXPECTED = "شابک ۱۰ یا ۱۳ رقمی با رقم کنترل درست، مثل 978-964-00-0000-7"


# --------------------------------------------------------------------------- ISBN


@pytest.mark.parametrize(
    ("written", "digits"),
    [
        ("978-964-00-0000-7", "9789640000007"),
        ("978-0-306-40615-7", "9780306406157"),
        ("۹۷۸-۰-۳۰۶-۴۰۶۱۵-۷", "9780306406157"),  # Persian digits
        ("0-306-40615-2", "0306406152"),
        ("0-8044-2957-X", "080442957X"),
        ("0 8044 2957 x", "080442957X"),
    ],
)
def test_valid_isbns(written, digits):
    assert check_isbn(written) == digits


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("978-964-00-0000-1", "رقم کنترل شابک «978-964-00-0000-1» نادرست است: باید ۷ باشد، نه ۱"),
        ("0-306-40615-3", "رقم کنترل شابک «0-306-40615-3» نادرست است: باید ۲ باشد، نه ۳"),
        ("0-8044-2957-5", "رقم کنترل شابک «0-8044-2957-5» نادرست است: باید X باشد، نه ۵"),
        ("978-964-00-000", "«978-964-00-000» شابک نیست: شابک ۱۰ یا ۱۳ رقم دارد و این ۱۱ رقم دارد"),
        ("977-964-00-0000-7", "شابک ۱۳ رقمی «977-964-00-0000-7» باید با 978 یا 979 شروع شود"),
        ("978-964-00-ABCD-7", "«978-964-00-ABCD-7» شابک نیست: فقط رقم، خط تیره و (در پایان شابک ۱۰ رقمی) X پذیرفته است"),
        ("03X6406152", "«03X6406152» شابک نیست: فقط رقم، خط تیره و (در پایان شابک ۱۰ رقمی) X پذیرفته است"),
    ],
)
def test_isbn_checksum_errors(written, message):
    with pytest.raises(IsbnError) as caught:
        check_isbn(written)
    assert str(caught.value) == message


# --------------------------------------------------------------------------- record errors


PEOPLE = {"jahangir-majidi": "id: jahangir-majidi\ngiven: جهانگیر\nfamily: مجیدی\n",
          "abbas-mehrpouya": "id: abbas-mehrpouya\ngiven: عباس\nfamily: مهرپویا\n"}


@pytest.fixture
def pub_root(tmp_path):
    folder = tmp_path / "publications" / "people"
    folder.mkdir(parents=True)
    for person_id, text in PEOPLE.items():
        (folder / f"{person_id}.yml").write_text(text, encoding="utf-8")
    return tmp_path


def record_errors(root: Path, name: str, text: str) -> list[str]:
    (root / "publications" / name).write_text(text, encoding="utf-8")
    _, errors = load_catalogue(root, "publications", cluster_ids={"yazd-ceramic"}, news_ids={"soleimani-interview"})
    return [str(error) for error in sorted(errors)]


GOOD = """type: book
title: کتاب آزمایشی
authors: [jahangir-majidi]
translators: [abbas-mehrpouya]
status: published
summary: معرفی
"""


def test_a_bad_record_gives_every_error_with_its_line(pub_root):
    text = """type: magazine
title: کتاب
authors: [jahangir-majdi]
translators: [abbas-mehrpouya]
year: 85
isbn: 978-964-00-0000-1
status: published
topics: [خوشه‌ها!]
clusters: [yazd-ceramik]
summry: معرفی
"""
    assert record_errors(pub_root, "bad.yml", text) == [
        "publications/bad.yml:1:1: summary: فیلد لازم نیامده است (مورد انتظار: معرفی کوتاه انتشار به زبان خودتان)",
        "publications/bad.yml:1:7: type: «magazine» پذیرفته نیست (مورد انتظار: یکی از: book (کتاب)، article (مقاله)، "
        "guide (راهنما)، report (گزارش)، series (مجموعه))",
        "publications/bad.yml:3:11: authors: «jahangir-majdi» در پوشه افراد (publications/people/) نیست؛ "
        "شاید منظور «jahangir-majidi» است (مورد انتظار: شناسه‌ای از publications/people/، یا افزودن پرونده این فرد به آن)",
        "publications/bad.yml:5:7: year: «85» سال خورشیدی نیست (مورد انتظار: سال خورشیدی چهاررقمی، مثل 1385)",
        f"publications/bad.yml:6:7: isbn: رقم کنترل شابک «978-964-00-0000-1» نادرست است: باید ۷ باشد، نه ۱ "
        f"(مورد انتظار: {ISBN_EXPECTED})",
        "publications/bad.yml:8:10: topics: «خوشه‌ها!» موضوع درستی نیست (مورد انتظار: واژه یا عبارت کوتاه "
        "(حداکثر ۴۰ نویسه) از حرف، رقم، فاصله، نیم‌فاصله و خط تیره؛ بدون # و نشانه‌های نگارشی)",
        "publications/bad.yml:9:12: clusters: «yazd-ceramik» شناسه خوشه‌ای شناخته‌شده نیست؛ شاید منظور «yazd-ceramic» "
        "است (مورد انتظار: فهرست شناسه خوشه‌ها از پوشه clusters/، مثل [yazd-ceramic])",
        "publications/bad.yml:10:1: summry: فیلد ناشناخته است؛ شاید منظور «summary» است (مورد انتظار: یکی از: type، "
        "title، authors، translators، publisher، year، isbn، language، status، topics، clusters، file، cover، "
        "summary، source)",
        # jahangir-majidi is now named by no publication.
        "publications/people/jahangir-majidi.yml:1:1: این فرد در هیچ انتشاری به‌عنوان نویسنده یا مترجم نیامده است "
        "(مورد انتظار: نام بردن از او در authors یا translators یک انتشار، یا حذف پرونده‌اش)",
    ]


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ("year: 1385\nstatos: x\n", "publications/x.yml:8:1: statos: فیلد ناشناخته است؛ شاید منظور «status» است"),
        ("file: guide.pdf\n", "publications/x.yml:7:7: file: «guide.pdf» نشانی پذیرفته‌ای نیست (مورد انتظار: پرونده pdf "
                              "در پوشه publications/files، مثل files/guide.pdf)"),
        ("file: files/missing.pdf\n", "publications/x.yml:7:7: file: پرونده «files/missing.pdf» پیدا نشد "
                                      "(مورد انتظار: پرونده‌ای در publications/files/missing.pdf)"),
        ("language: farsi\n", "publications/x.yml:7:11: language: «farsi» پذیرفته نیست (مورد انتظار: یکی از: "
                              "fa (فارسی)، en (انگلیسی)، ar (عربی))"),
        ("isbn: 978-964-00-000\n", "publications/x.yml:7:7: isbn: «978-964-00-000» شابک نیست: شابک ۱۰ یا ۱۳ رقم دارد "
                                   f"و این ۱۱ رقم دارد (مورد انتظار: {ISBN_EXPECTED})"),
    ],
)
def test_each_bad_publication_field_has_its_message(pub_root, extra, expected):
    errors = record_errors(pub_root, "x.yml", GOOD + extra)
    assert len(errors) == 1 and errors[0].startswith(expected), errors


def test_in_preparation_publications_have_no_year(pub_root):
    errors = record_errors(pub_root, "x.yml", GOOD.replace("published", "in-preparation") + "year: 1390\n")
    assert errors == [
        "publications/x.yml:5:9: status: انتشاری که در دست آماده‌سازی است سال انتشار یا شابک ندارد "
        "(مورد انتظار: status: published، یا حذف year و isbn)"
    ]


def person_errors(root: Path, name: str, text: str) -> list[str]:
    """The problems once a publication credits both people and ``people/<name>`` holds ``text``."""
    (root / "publications" / "x.yml").write_text(GOOD, encoding="utf-8")
    return record_errors(root, f"people/{name}", text)


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("abbas-mehrpouya.yml", "id: abbas-mehrpouya\ngiven: عباس\nfamly: مهرپویا\n", [
            "publications/people/abbas-mehrpouya.yml:1:1: family: فیلد لازم نیامده است (مورد انتظار: نام خانوادگی به فارسی)",
            "publications/people/abbas-mehrpouya.yml:3:1: famly: فیلد ناشناخته است؛ شاید منظور «family» است "
            "(مورد انتظار: یکی از: id، given، family، name_en)"]),
        ("abbas-mehrpouya.yml", "id: abbas-mehrpoya\nfamily: مهرپویا\n", [
            "publications/people/abbas-mehrpouya.yml:1:5: id: شناسه «abbas-mehrpoya» با نام پرونده «abbas-mehrpouya.yml» "
            "یکی نیست (مورد انتظار: نام پرونده abbas-mehrpoya.yml، یا شناسه abbas-mehrpouya)"]),
        ("Abbas.yml", "id: Abbas\nfamily: مهرپویا\n", [
            "publications/people/Abbas.yml:1:5: id: «Abbas» شکل درستی ندارد "
            "(مورد انتظار: حروف کوچک لاتین، رقم و خط تیره، مثل yazd-ceramic)"]),
        ("index.yml", "id: index\nfamily: فهرست\n", [
            "publications/people/index.yml:1:5: id: شناسه «index» رزرو شده است (نشانی فهرست افراد است) "
            "(مورد انتظار: شناسه‌ای دیگر، مثل نام و نام خانوادگی او)"]),
    ],
)
def test_a_bad_person_file_is_named_with_its_line_and_nothing_else(pub_root, name, text, expected):
    """The publication crediting that person is no second problem: the id is known, the file is what is wrong."""
    assert person_errors(pub_root, name, text) == expected


def test_a_new_person_file_is_a_new_person(pub_root):
    (pub_root / "publications" / "people" / "frank-pyke.yml").write_text(
        "id: frank-pyke\ngiven: فرانک\nfamily: پایک\nname_en: Frank Pyke\n", encoding="utf-8")
    (pub_root / "publications" / "x.yml").write_text(GOOD.replace("[jahangir-majidi]", "[jahangir-majidi, frank-pyke]"),
                                                      encoding="utf-8")
    catalogue, errors = load_catalogue(pub_root, "publications", cluster_ids=set())
    assert errors == []
    assert [person.sort_name for person in catalogue.people.values()] == ["پایک، فرانک", "مجیدی، جهانگیر", "مهرپویا، عباس"]
    assert names(catalogue.publications[0].authors) == ["جهانگیر مجیدی", "فرانک پایک"]


def test_reported_figures_name_a_real_news_item(pub_root):
    (pub_root / "publications" / "x.yml").write_text(GOOD, encoding="utf-8")
    reported = """- id: books-total
  value: 21
  text: قریب به ۲۱ کتاب
  said_by: معاون
  source: {publisher: تارنما}
  date_unknown: true
  news: soleiman-interview
"""
    assert record_errors(pub_root, "reported.yml", reported) == [
        "publications/reported.yml:7:9: news: «soleiman-interview» خبری در content/news نیست؛ شاید منظور "
        "«soleimani-interview» است (مورد انتظار: نام پرونده خبر بدون .md)"
    ]


def test_scaffold_passes_validation_at_once(tmp_path):
    relpath, text = scaffold_text("new-guide", "راهنمای تازه")
    assert relpath == "publications/new-guide.yml"
    (tmp_path / "publications").mkdir()
    (tmp_path / relpath).write_text(text, encoding="utf-8")
    catalogue, errors = load_catalogue(tmp_path, "publications", cluster_ids=set())
    publications = catalogue.publications
    assert errors == [] and publications[0].title == "راهنمای تازه"
    with pytest.raises(ValueError):
        scaffold_text("people", "")


# --------------------------------------------------------------------------- shipped catalogue


def names(people) -> list[str]:
    return [person.name for person in people]


def test_shipped_catalogue_has_every_title_named_in_the_seeds_as_written():
    catalogue, errors = load_catalogue(ROOT, "publications")
    assert errors == []
    by_title = {p.title: p for p in catalogue.publications}
    books = {t: (names(p.authors), names(p.translators)) for t, p in by_title.items() if p.type == "book"}
    assert books == {
        "خوشه‌های صنعتی رویکردی نوین در توسعه صنعتی": (["هوبر اشمیتز", "خالد ندوی"], ["عباس زندباف", "عباس مخبر"]),
        "همکاری صنایع، خوشه صنعتی، توسعه پایدار": (["فرانک پایک"], ["بهرام شادابی", "جهانگیر مجیدی"]),
        "خوشه‌های صنعتی الگوی موفق توسعه درون‌زا": (["روبرتا رابلوتی"], ["عباس مهرپویا", "جهانگیر مجیدی"]),
        "استراتژی رقابتی": (["مایکل پورتر"], ["جهانگیر مجیدی", "عباس مهرپویا"]),
    }
    articles = {t: names(p.authors) for t, p in by_title.items() if p.type == "article"}
    assert articles == {
        "شتاب بخشیدن به توسعه صنعتی از طریق ایجاد شبکه‌ها و خوشه‌ها": ["ولی‌الله افخمی", "محمدرضا رضوی"],
        "کلاستر یا خوشه صنعتی": ["جهانگیر مجیدی"],
        "هند و توسعه خوشه‌های صنعتی": [],
        "شبکه‌ها و خوشه‌ها": [],
    }
    series = {t: p.status for t, p in by_title.items() if p.type == "series"}
    assert series == {
        "راهنمای توسعه خوشه‌های صنعتی، رویکرد توسعه خوشه‌ای یونیدو": "in-preparation",
        "Cluster Initiative": "in-preparation",
    }
    # The seeds give no year, publisher or ISBN for any of them: none is invented.
    assert all(p.year is None and not p.publisher and not p.isbn for p in catalogue.publications)
    assert [(r.value, r.approximate, r.news) for r in catalogue.reported] == [(21, True, "soleimani-interview")]


def test_catalogue_page_lists_everything_and_shows_the_reported_total(shipped_site):
    html = shipped_site.page("publications/")
    items = re.findall(r'<li class="khooshe-pub-item"[^>]*data-type="(\w+)"', html)
    assert sorted(items) == sorted(["book"] * 4 + ["series"] * 2 + ["article"] * 4)
    assert "رقم گزارش‌شده" in html and "قریب به ۲۱ کتاب" in html
    assert "تارنمای اطلاع‌رسانی خوشه‌های کسب‌وکار کشور" in html
    assert "فهرست زیر فقط ۴ کتاب را دارد" in html
    assert re.search(r'href="\.\./news/soleimani-interview/"', html)


@pytest.mark.parametrize(
    ("person", "works"),
    [
        ("jahangir-majidi", {
            ("cluster-or-industrial-cluster", "author"),
            ("industrial-cooperation-sustainable-development", "translator"),
            ("industrial-clusters-endogenous-development", "translator"),
            ("competitive-strategy", "translator"),
        }),
        ("abbas-mehrpouya", {
            ("industrial-clusters-endogenous-development", "translator"),
            ("competitive-strategy", "translator"),
        }),
        ("hubert-schmitz", {("industrial-clusters-new-approach", "author")}),
    ],
)
def test_a_person_page_lists_all_their_works(shipped_site, person, works):
    html = shipped_site.page(f"people/{person}/")
    found = set(re.findall(r'<li data-publication="([\w-]+)" data-role="(\w+)">', html))
    assert found == works
    for publication_id, _ in works:
        assert f'href="../../publications/{publication_id}/"' in html
    assert f"{'۴' if person == 'jahangir-majidi' else '۲' if person == 'abbas-mehrpouya' else '۱'} اثر" in html


def test_people_index_and_publication_page_link_each_other(shipped_site):
    index = shipped_site.page("people/")
    assert index.index("اشمیتز، هوبر") < index.index("پایک، فرانک") < index.index("مجیدی، جهانگیر")  # Persian order
    assert "مجیدی، جهانگیر</a>: ۱ نوشته و ۳ ترجمه" in index
    page = shipped_site.page("publications/competitive-strategy/")
    assert 'href="../../people/michael-porter/"' in page and 'href="../../people/abbas-mehrpouya/"' in page
    assert '<p class="khooshe-citation" dir="rtl">پورتر، مایکل (بی‌تا). استراتژی رقابتی. ترجمه جهانگیر مجیدی و عباس مهرپویا.</p>' in page


def test_citation_uses_what_is_known_and_marks_what_is_not(pub_root):
    (pub_root / "publications" / "x.yml").write_text(
        GOOD + "publisher: نشر آزمایش\nyear: ۱۳۹۰\nisbn: 978-964-00-0000-7\n", encoding="utf-8")
    (pub_root / "publications" / "y.yml").write_text(
        "type: article\ntitle: مقاله بی‌نام\nstatus: in-preparation\nsummary: معرفی\n", encoding="utf-8")
    catalogue, errors = load_catalogue(pub_root, "publications")
    assert errors == []
    by_id = {p.id: p for p in catalogue.publications}
    assert citation(by_id["x"]) == ("مجیدی، جهانگیر (۱۳۹۰). کتاب آزمایشی. ترجمه عباس مهرپویا. نشر آزمایش. "
                                    "شابک 978-964-00-0000-7.")
    assert citation(by_id["y"]) == "«مقاله بی‌نام» (در دست آماده‌سازی)."


def tiny_png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0\0\0\0")) + chunk(b"IEND", b"")


def test_a_pdf_and_a_cover_are_published_with_the_size(make_project, tmp_path):
    (tmp_path / "project").mkdir()
    project = make_project()
    project.write("publications/files/guide.pdf", b"%PDF-1.4\n" + b"0" * 2500 + b"\n%%EOF\n")
    project.write("publications/files/guide.png", tiny_png())
    project.write("publications/pdf-guide.yml", "type: guide\ntitle: راهنمای نمونه\nstatus: published\n"
                                               "file: files/guide.pdf\ncover: files/guide.png\n"
                                               "summary: راهنمایی با پرونده PDF\n")
    result = project.build()
    assert result.code == 0, result.output
    html = result.page("publications/pdf-guide/")
    assert '<a href="../files/guide.pdf">دریافت PDF (۲ کیلوبایت)</a>' in html
    assert re.search(r'<img alt="جلد راهنمای نمونه" class="khooshe-pub-cover" src="\.\./files/guide\.png"', html)
    assert (result.site / "publications" / "files" / "guide.pdf").read_bytes().startswith(b"%PDF-1.4")
    assert (result.site / "publications" / "files" / "guide.png").read_bytes() == tiny_png()
    assert file_size(2_500_000) == "۲٫۴ مگابایت"


RICH = """type: guide
title: "راهنمای <b>کامل</b> *و* [پیوند](x)"
authors: [michael-porter]
translators: [jahangir-majidi]
publisher: "نشر <آزمون> & شرکا"
year: 1399
isbn: 978-964-00-0000-7
status: published
topics: [رقابت‌پذیری, هند]
clusters: [isfahan-stone]
file: files/guide.pdf
cover: files/guide.png
summary: |
  بند نخست با <i>تگ</i>.

  بند دوم.
source:
  publisher: نهاد منبع
  url: https://example.org/a?b=1&c=2
"""


@pytest.mark.parametrize("directory_urls", [True, False])
def test_every_link_on_the_generated_pages_leads_to_a_file_of_the_site(make_project, tmp_path, directory_urls,
                                                                          links_resolve):
    """The pages' HTML is put in after Markdown conversion, out of reach of MkDocs' strict link check."""
    (tmp_path / "project").mkdir()
    project = make_project()
    config = (project.root / "mkdocs.yml").read_text(encoding="utf-8")
    assert "use_directory_urls: true\n" in config
    project.write("mkdocs.yml", config.replace("use_directory_urls: true\n",
                                               f"use_directory_urls: {str(directory_urls).lower()}\n"))
    project.write("publications/files/guide.pdf", b"%PDF-1.4\n%%EOF\n")
    project.write("publications/files/guide.png", tiny_png())
    project.write("publications/rich.yml", RICH)
    result = project.build()
    assert result.code == 0, result.output
    rich = result.page("publications/rich/" if directory_urls else "publications/rich.html")
    # Record text is text, wherever it appears.
    assert "<td>نشر &lt;آزمون&gt; &amp; شرکا</td>" in rich
    assert "<p>بند نخست با &lt;i&gt;تگ&lt;/i&gt;.</p>\n<p>بند دوم.</p>" in rich
    assert '<a href="https://example.org/a?b=1&amp;c=2">نهاد منبع</a>' in rich
    assert ">راهنمای &lt;b&gt;کامل&lt;/b&gt; *و* [پیوند](x)</a>" in result.page(
        "publications/" if directory_urls else "publications/index.html")

    pages = [*(result.site / "publications").rglob("*.html"), *(result.site / "people").rglob("*.html")]
    assert len(pages) > 20
    assert links_resolve(result.site, pages) > 150


QUOTED = 'راهنمای "A" <b>و</b> & شرکا'  # Latin inside quotes: the normalizer keeps the straight quotes


def test_record_text_is_escaped_in_every_template_and_a_site_overrides_one(make_project, tmp_path):
    """Templates autoescape: `<`, `"` and `&` in a title stay text in links, attributes and headings."""
    (tmp_path / "project").mkdir()
    project = make_project()
    project.write("publications/files/guide.png", tiny_png())
    project.write("publications/quoted.yml", GOOD.replace("title: کتاب آزمایشی", f"title: '{QUOTED}'")
                  + "cover: files/guide.png\ntopics: [رقابت‌پذیری]\n")
    person = (ROOT / "plugins/kinds/publications/templates/person.html").read_text(encoding="utf-8")
    project.write("overrides/khooshe/publications/person.html",
                  person.replace("# {{ person.name|md }}\n", "# {{ person.name|md }}\n\nصفحه طراح.\n"))
    result = project.build()
    assert result.code == 0, result.output
    escaped = "راهنمای &#34;A&#34; &lt;b&gt;و&lt;/b&gt; &amp; شرکا"
    catalogue = result.page("publications/")
    assert f'<a href="quoted/">{escaped}</a>' in catalogue
    assert 'data-topic-labels="رقابت‌پذیری" data-topics="رقابت-پذیری"' in catalogue
    page = result.page("publications/quoted/")
    assert f'<img alt="جلد {escaped}" class="khooshe-pub-cover" src="../files/guide.png" />' in page
    assert "<b>" not in page and QUOTED not in page
    assert f"<title>{html.escape(QUOTED)} - " in page
    assert '<h1 id="راهنمای-a-b-و-b-شرکا">راهنمای "A" &lt;b&gt;و&lt;/b&gt; &amp; شرکا<a class="headerlink"' in page
    translator = result.page("people/abbas-mehrpouya/")
    assert f'<a href="../../publications/quoted/">{escaped}</a>' in translator
    assert "<p>صفحه طراح.</p>" in translator and "<p>صفحه طراح.</p>" in result.page("people/jahangir-majidi/")
    assert "صفحه طراح" not in page


# --------------------------------------------------------------------------- browser


def test_catalogue_filter_narrows_the_list(shipped_site, serve, page):
    from playwright.sync_api import expect

    base = serve(shipped_site.site)
    page.goto(base + "publications/")
    items = page.locator("li.khooshe-pub-item")
    assert items.count() == 10
    shown = page.locator(".khooshe-pub-shown")
    assert shown.text_content() == "۱۰ از ۱۰ انتشار"

    page.select_option(".khooshe-pub-filter select[name=type]", "article")
    assert page.locator("li.khooshe-pub-item:visible").count() == 4
    assert shown.text_content() == "۴ از ۱۰ انتشار"
    assert "type=article" in page.url

    page.select_option(".khooshe-pub-filter select[name=topic]", label="هند")
    visible = page.locator("li.khooshe-pub-item:visible")
    assert visible.count() == 1 and "هند و توسعه خوشه‌های صنعتی" in visible.text_content()

    page.select_option(".khooshe-pub-filter select[name=type]", "")
    page.select_option(".khooshe-pub-filter select[name=topic]", "")
    page.select_option(".khooshe-pub-filter select[name=status]", "in-preparation")
    assert page.locator("li.khooshe-pub-item:visible").count() == 2

    # A topic link on a publication page opens the catalogue already filtered.
    # The filter runs once the new page's script has loaded, so wait for the page and let
    # the assertions retry rather than read the list the moment the click returns.
    page.goto(base + "publications/competitive-strategy/")
    with page.expect_navigation(wait_until="load"):
        page.click("text=رقابت‌پذیری")
    expect(page.locator("li.khooshe-pub-item:visible")).to_have_count(1)
    expect(page.locator(".khooshe-pub-shown")).to_have_text("۱ از ۱۰ انتشار")


def test_catalogue_is_complete_without_javascript(shipped_site, browser, serve):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(serve(shipped_site.site) + "publications/")
    assert tab.locator("li.khooshe-pub-item:visible").count() == 10
    assert tab.locator(".khooshe-pub-filter").count() == 0
    context.close()

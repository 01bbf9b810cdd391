"""News: validation errors, pagination, the Jalali archive, feeds, backlinks, the shipped items."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import feedparser
import pytest
from mkdocs.structure.files import File

from plugins.model.dates import parse_date
from plugins.kinds.news import scaffold_text
from plugins.kinds.news.articles import Article, Source, load_news, newest_first
from plugins.kinds.news.feeds import FeedSite, atom, json_feed, rss
from plugins.kinds.news.pages import Context, archive_pages, listing_pages, paginate, tag_pages
from plugins.adapter.urls import SiteUrls
from plugins.views.render import Templates, fill_slots

ROOT = Path(__file__).resolve().parents[1]
ADDED = "1405-09-02"
TEMPLATES = Templates({"news": ROOT / "plugins" / "kinds" / "news" / "templates"})


def context(**options) -> Context:
    """The news pages' context with the shipped templates and MkDocs' URLs (use_directory_urls)."""
    return Context(templates=TEMPLATES, url_for=SiteUrls(True).for_page, **options)


def html_of(page) -> str:
    """A generated page's Markdown with its slots filled: the HTML built from records, in place."""
    return fill_slots(page.markdown, page.slots)


def article(number: int, date: str | None = "1398-05-01", **extra) -> Article:
    values = dict(
        id=f"item-{number:03d}",
        src_uri=f"news/item-{number:03d}.md",
        path=f"content/news/item-{number:03d}.md",
        title=f"خبر {number}",
        date=parse_date(date) if date else None,
        added=parse_date(ADDED),
        summary=f"خلاصه خبر {number}",
        source=Source("ایرنا"),
    )
    values.update(extra)
    return Article(**values)


def news_file(title: str, date: str | None, *, extra: str = "", body: str = "متن خبر.") -> str:
    dated = f"date: {date}" if date else "date_unknown: true"
    return (
        f"---\ntitle: {title}\n{dated}\nadded: {ADDED}\nsummary: خلاصه {title}\n"
        f"{extra}source:\n  publisher: خبرگزاری آزمایشی\n---\n\n{body}\n"
    )


@pytest.fixture
def new_project(make_project, tmp_path):
    """make_project() with the shipped content (conftest's factory expects its folder to exist)."""
    (tmp_path / "project").mkdir(exist_ok=True)
    return make_project


def cards(html: str) -> list[str]:
    """data-date of each news card on a built page, in page order."""
    return re.findall(r'<h2 class="khooshe-news-title" data-date="([0-9-]+)"', html)


def rows(html: str) -> list[str]:
    """Links of the compact rows (``<li>date: <a>title</a></li>``) on a built page, in page order."""
    return re.findall(r'<li>[^<]*: <a href="([^"]+)">', html)


# --------------------------------------------------------------------------- the shipped items


def test_shipped_news_are_valid_and_never_guess_a_date():
    articles, errors = load_news(ROOT, "content/news")
    assert errors == []
    by_id = {a.id: a for a in articles}
    assert set(by_id) == {
        "programme-report-1385", "soleimani-interview", "isfahan-70-clusters",
        "sistan-baluchestan-feasibility", "mahallat-ornamental-flowers",
    }
    # Only seed 000's page shows a date (جمعه ۰۲ تیر ۱۳۸۵); the four news seeds give none.
    assert by_id["programme-report-1385"].date == parse_date("1385-04-02")
    assert [a.id for a in articles if a.date is None] == [
        "isfahan-70-clusters", "mahallat-ornamental-flowers", "sistan-baluchestan-feasibility", "soleimani-interview",
    ]
    assert all(a.source.publisher for a in articles)
    assert by_id["isfahan-70-clusters"].source.via == "روابط عمومی شرکت شهرک‌های صنعتی استان اصفهان"


def test_shipped_article_page_shows_unknown_date_province_tags_clusters_and_neighbours(shipped_site):
    html = shipped_site.page("news/isfahan-70-clusters/")
    assert "تاریخ انتشار اصلی نامعلوم" in html
    assert "منبع تاریخ انتشار این خبر را ذکر نکرده است" in html
    assert "به نقل از روابط عمومی شرکت شهرک‌های صنعتی استان اصفهان" in html
    assert "استان" in html and "اصفهان" in html
    assert 'class="khooshe-news-tags"' in html
    assert re.search(r'href="\.\./\.\./clusters/isfahan-stone/"', html), "cluster link missing"
    assert "خبر قبلی:" in html and "خبر بعدی:" not in html  # the newest item has no newer neighbour
    dated = shipped_site.page("news/programme-report-1385/")
    assert '<time datetime="2006-06-23">۲ تیر ۱۳۸۵</time>' in dated
    assert "تاریخی که صفحه منبع نشان می‌دهد" in dated


def test_an_article_body_is_sanitized_and_cannot_place_a_slot(new_project):
    """The body is an editor's: sanitized like any editor page, while the header and footer slots are kept."""
    project = new_project()
    body = ("بند یک <!-- یادداشت ویراستار -->\n\n<!-- khooshe-slot:1 -->\n\n"
            "متن <kbd>Ctrl</kbd> پایان")
    project.write("content/news/with-comment.md", news_file("خبر با یادداشت", "1398-05-01", body=body))
    result = project.build()
    assert result.code == 0, result.output
    # A <script> in the body is not sanitized but reported: check's line stops the build (tests/test_verdict.py).
    html = result.page("news/with-comment/").split('<article class="md-content__inner md-typeset">')[1].split("</article>")[0]
    assert html.count('class="khooshe-news-meta"') == 1 and html.count('class="khooshe-news-source"') == 1
    assert html.index('class="khooshe-news-lead"') < html.index("بند یک") < html.index('class="khooshe-news-source"')
    assert "یادداشت ویراستار" not in html and "khooshe-slot" not in html
    assert "<kbd>Ctrl</kbd>" in html


# --------------------------------------------------------------------------- validation


@pytest.fixture
def news_root(tmp_path):
    (tmp_path / "content" / "news").mkdir(parents=True)
    return tmp_path


def errors_of(root: Path, name: str, text: str) -> list[str]:
    (root / "content" / "news" / name).write_text(text, encoding="utf-8")
    _, errors = load_news(root, "content/news", cluster_ids={"yazd-ceramic"}, province_ids={"isfahan", "yazd"})
    return [str(error) for error in sorted(errors)]


DATE_FORMAT = "تاریخ به شکل سال-ماه-روز، مثل 1398-05-01 (خورشیدی) یا 2019-07-23 (میلادی)"


def test_bad_front_matter_gives_every_error_with_file_line_and_column(news_root):
    text = """---
title: خبر
date: 1398-13-01
added: 1405-09-02
summary: خلاصه
tag: [x]
tags:
  - "#خوشه"
  - برنامه ملی
province: esfahan
clusters: [yazd-ceramik, yazd-ceramic]
source:
  publisher: ایرنا
  link: x
---

# عنوان دوم
"""
    assert errors_of(news_root, "bad.md", text) == [
        f"content/news/bad.md:3:7: date: ماه ۱۳ در تقویم خورشیدی نیست (مورد انتظار: {DATE_FORMAT})",
        "content/news/bad.md:6:1: tag: فیلد ناشناخته است؛ شاید منظور «tags» است (مورد انتظار: یکی از: title، date، "
        "date_unknown، date_note، added، summary، tags، province، clusters، source، image، image_alt)",
        "content/news/bad.md:8:5: tags: «#خوشه» برچسب درستی نیست (مورد انتظار: واژه یا عبارت کوتاه (حداکثر ۴۰ نویسه) "
        "از حرف، رقم، فاصله، نیم‌فاصله و خط تیره؛ بدون # و نشانه‌های نگارشی)",
        "content/news/bad.md:10:11: province: «esfahan» استان شناخته‌شده‌ای نیست؛ شاید منظور «isfahan» است "
        "(مورد انتظار: شناسه لاتین استان از plugins/model/data/provinces.yml، مثل isfahan)",
        "content/news/bad.md:11:12: clusters: «yazd-ceramik» شناسه خوشه‌ای شناخته‌شده نیست؛ شاید منظور «yazd-ceramic» "
        "است (مورد انتظار: فهرست شناسه خوشه‌ها از پوشه clusters/، مثل [yazd-ceramic])",
        "content/news/bad.md:14:3: source.link: فیلد ناشناخته است (مورد انتظار: یکی از: publisher، title، via، url)",
        "content/news/bad.md:17:1: عنوان سطح یک (#) در متن خبر آمده است "
        "(مورد انتظار: عنوان فقط در فیلد title؛ برای بخش‌های متن از ## استفاده کنید)",
    ]


@pytest.mark.parametrize(
    ("front", "expected"),
    [
        (  # neither a date nor an explicit "unknown": the editor must say which
            "title: خبر\nadded: 1405-09-02\nsummary: خلاصه\nsource: {publisher: ایرنا}",
            "content/news/x.md:2:1: date: تاریخ انتشار اصلی نیامده است (مورد انتظار: "
            f"{DATE_FORMAT}؛ اگر منبع تاریخی ندارد: date_unknown: true)",
        ),
        (
            "title: خبر\ndate: 1405-02-31\ndate_unknown: true\nadded: 1405-09-02\nsummary: خلاصه\n"
            "source: {publisher: ایرنا}",
            "content/news/x.md:4:15: date_unknown: هم date آمده و هم date_unknown (مورد انتظار: فقط یکی: "
            "تاریخ انتشار اصلی (date) یا date_unknown: true وقتی منبع تاریخی ندارد)",
        ),
        (
            "title: خبر\ndate_unknown: no\nadded: 1405-09-02\nsummary: خلاصه\nsource: {publisher: ایرنا}",
            "content/news/x.md:3:15: date_unknown: «no» پذیرفته نیست "
            "(مورد انتظار: date_unknown: true، یا حذف این خط و نوشتن date)",
        ),
        (  # 1404 is not a leap year: Esfand has 29 days (1403-12-30 exists)
            "title: خبر\ndate: 1404-12-30\nadded: 1405-09-02\nsummary: خلاصه\nsource: {publisher: ایرنا}",
            f"content/news/x.md:3:7: date: روز ۳۰ در اسفند سال ۱۴۰۴ وجود ندارد (مورد انتظار: {DATE_FORMAT})",
        ),
        (
            "title: خبر\ndate: 1405-10-01\nadded: 1405-09-02\nsummary: خلاصه\nsource: {publisher: ایرنا}",
            "content/news/x.md:3:7: date: تاریخ انتشار (۱ دی ۱۴۰۵) پس از تاریخ افزودن به خوشه (۲ آذر ۱۴۰۵) است "
            "(مورد انتظار: تاریخ انتشار اصلی، که پیش از افزودن خبر به خوشه است)",
        ),
        (
            "title: خبر\ndate_unknown: true\nadded: 1405-09-02\nsummary: خلاصه",
            "content/news/x.md:2:1: source: فیلد لازم نیامده است "
            "(مورد انتظار: source: با publisher (ناشر) و در صورت امکان title (عنوان خبر اصلی))",
        ),
        (
            "title: خبر\ndate_unknown: true\nadded: 1405-09-02\nsummary: خلاصه\ntags: [آمار, آمار]\n"
            "source: {publisher: ایرنا}",
            "content/news/x.md:6:14: tags: «آمار» دو بار آمده است (مورد انتظار: هر مورد یک بار)",
        ),
        (
            "title: خبر\ndate_unknown: true\nadded: 1405-09-02\nsummary: خلاصه\n"
            "source: {publisher: ایرنا, url: 'javascript:alert(1)'}",
            "content/news/x.md:6:33: source.url: «javascript:alert(1)» نشانی وب نیست "
            "(مورد انتظار: نشانی کامل که با https:// شروع می‌شود)",
        ),
    ],
)
def test_each_bad_field_has_its_exact_message(news_root, front, expected):
    assert errors_of(news_root, "x.md", f"---\n{front}\n---\n\nمتن\n") == [expected]


def test_reserved_and_non_latin_file_names_are_refused(news_root):
    assert errors_of(news_root, "archive.md", news_file("خبر", None)) == [
        "content/news/archive.md: نام «archive.md» برای صفحه‌های ساخته‌شده اخبار کنار گذاشته شده است "
        "(مورد انتظار: نام دیگری برای پرونده خبر، مثل isfahan-70-clusters.md)"
    ]


def test_a_bad_article_stops_the_build_with_persian_lines_and_no_traceback(new_project):
    project = new_project()
    project.write("content/news/broken.md", "---\ntitle: خبر\ndate: 1398/14/01\nadded: 1405-09-02\n---\n")
    result = project.build()
    assert result.code == 1
    assert "content/news/broken.md:3:7: date: ماه ۱۴ در تقویم خورشیدی نیست" in result.output
    assert "content/news/broken.md:2:1: summary: فیلد لازم نیامده است" in result.output
    assert "Traceback" not in result.output


def test_scaffold_passes_validation_at_once(news_root):
    relpath, text = scaffold_text("new-item", "خبر تازه")
    assert relpath == "content/news/new-item.md"
    (news_root / relpath).write_text(text, encoding="utf-8")
    articles, errors = load_news(news_root, "content/news", cluster_ids=set(), province_ids=set())
    assert errors == []
    assert articles[0].title == "خبر تازه" and articles[0].date is None
    with pytest.raises(ValueError):
        scaffold_text("index", "")


# --------------------------------------------------------------------------- pagination


@pytest.mark.parametrize(
    ("count", "expected_pages"),
    [
        (0, [("news/index.md", 0)]),
        (1, [("news/index.md", 1)]),
        (20, [("news/index.md", 20)]),
        (21, [("news/index.md", 20), ("news/page/2.md", 1)]),
    ],
)
def test_pagination_boundaries(count, expected_pages):
    items = newest_first([article(n, f"1398-01-{n % 28 + 1:02d}") for n in range(count)])
    pages = paginate(items, 20, "news/index.md", "news/page/{n}.md")
    assert [(uri, len(chunk)) for uri, chunk in pages] == expected_pages
    listing = listing_pages(items, context())  # the default page size is 20 cards
    assert sorted(listing) == sorted(uri for uri, _ in expected_pages)
    first = html_of(listing["news/index.md"])  # cards and pager are HTML put after the intro
    assert len(cards(first)) == min(count, 20)
    if count == 0:
        assert "<p>هنوز خبری منتشر نشده است.</p>" in first
    if count == 21:
        assert '<a href="page/2/">قدیمی‌ترها</a>' in first and "صفحه ۱ از ۲" in first
        assert '<a href="../../">تازه‌ترها</a>' in html_of(listing["news/page/2.md"])
    else:
        assert "قدیمی‌ترها" not in first and "صفحه ۱ از" not in first


def test_listing_is_newest_first_and_undated_items_sort_by_the_day_added():
    items = newest_first([
        article(1, "1385-04-02"), article(2, None), article(3, "1399-01-01"), article(4, "1399-01-02"),
    ])
    assert [a.id for a in items] == ["item-002", "item-004", "item-003", "item-001"]


@pytest.mark.parametrize(
    ("count", "expected_pages"),
    [
        (2, [("news/tags/x.md", 2)]),
        (3, [("news/tags/x.md", 2), ("news/tags/x/page/2.md", 1)]),
    ],
)
def test_tag_pagination_boundaries(count, expected_pages):
    items = newest_first([article(n, f"1398-01-{n + 1:02d}", tags=("x",)) for n in range(count)])
    pages = tag_pages(items, context(tag_page_size=2))
    assert sorted(pages) == sorted(["news/tags/index.md", *(uri for uri, _ in expected_pages)])
    for uri, size in expected_pages:
        rows_html = re.findall(r"<li>[^:<]+ فروردین ۱۳۹۸: <a [^>]+>خبر \d</a></li>", html_of(pages[uri]))
        assert len(rows_html) == size  # a row per item
    assert '<a href="x/">x</a>: ' + ("۲" if count == 2 else "۳") + " خبر" in html_of(pages["news/tags/index.md"])


def test_built_listing_splits_at_the_configured_page_size(new_project):
    project = new_project()
    config = (project.root / "mkdocs.yml").read_text(encoding="utf-8")
    project.write("mkdocs.yml", config.replace(
        "  - khooshe-news\n", "  - khooshe-news:\n      page_size: 5\n      tag_page_size: 3\n",
    ))
    for number, date in enumerate(["1398-05-01", "1398-05-31", "1398-06-01", "1399-01-01"], start=1):
        project.write(
            f"content/news/extra-{number}.md", news_file(f"خبر افزوده {number}", date, extra="tags: [آزمایشی]\n"),
        )
    result = project.build()
    assert result.code == 0, result.output
    # 5 shipped + 4 = 9 items: 5 on the first page, 4 on the second, no third page.
    assert len(cards(result.page("news/"))) == 5
    second = result.page("news/page/2/")
    assert len(cards(second)) == 4
    assert not (result.site / "news" / "page" / "3").exists()
    assert 'href="../../"' in second  # back to the newer page
    all_dates = cards(result.page("news/")) + cards(second)
    assert all_dates == sorted(all_dates, reverse=True)

    # The Jalali archive counts per month (1398-05-31 and 1398-06-01 are one Gregorian week apart,
    # but in different Jalali months).
    archive = result.page("news/archive/")
    months = {
        month: int(count) for count, month in re.findall(r'data-count="(\d+)" data-month="(\d{4}-\d{2})"', archive)
    }
    assert months == {"1399-01": 1, "1398-06": 1, "1398-05": 2, "1385-04": 1}
    assert 'href="1398/#month-05"' in archive  # a month links to its section of the year page
    assert "۴ خبر که منبعشان تاریخ انتشار ندارد" in archive
    assert not (result.site / "news" / "archive" / "1398" / "05").exists()  # no page per month

    # The year page: a section per month, newest first, with its count and one compact row per item.
    year = result.page("news/archive/1398/")
    sections = re.findall(r'<h2 data-count="(\d+)" data-month="(1398-\d{2})" id="(month-\d{2})">', year)
    assert sections == [("1", "1398-06", "month-06"), ("2", "1398-05", "month-05")]
    mordad = year.split('id="month-05"')[1]
    assert "۲ خبر" in mordad and rows(mordad) == ["../../extra-2/", "../../extra-1/"]
    assert "۳۱ مرداد: " in mordad and cards(year) == []
    unknown = result.page("news/archive/unknown/")
    assert len(rows(unknown)) == 4 and cards(unknown) == []

    # A tag page: compact rows, tag_page_size (3) of them, then a second page.
    tag = result.page("news/tags/آزمایشی/")
    assert rows(tag) == ["../../extra-4/", "../../extra-3/", "../../extra-2/"] and cards(tag) == []
    assert "خلاصه خبر افزوده" not in tag  # no summaries on tag pages
    assert rows(result.page("news/tags/آزمایشی/page/2/")) == ["../../../../extra-1/"]
    assert not (result.site / "news" / "tags" / "آزمایشی" / "page" / "3").exists()


def test_a_site_overrides_a_news_template(new_project):
    """A designer's copy in overrides/khooshe/news/ wins over the shipped template, macros included."""
    project = new_project()
    shipped = ROOT / "plugins" / "kinds" / "news" / "templates"
    project.write("overrides/khooshe/news/tags.html", (shipped / "tags.html").read_text(encoding="utf-8").replace(
        ">همه اخبار</a>", ">همه خبرهای خوشه</a>"))
    project.write("overrides/khooshe/news/macros.html", (shipped / "macros.html").read_text(encoding="utf-8").replace(
        '<p class="khooshe-news-meta">', '<p class="khooshe-news-meta site-meta">'))
    result = project.build()
    assert result.code == 0, result.output
    assert '<a href="../">همه خبرهای خوشه</a>' in result.page("news/tags/")
    assert '<p class="khooshe-news-meta site-meta">' in result.page("news/")
    assert '<p class="khooshe-news-meta site-meta">' in result.page("news/isfahan-70-clusters/")


# --------------------------------------------------------------------------- links

# A 1×1 transparent PNG.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c63000100000500010d0a2db40000000049454e44ae426082"
)


def test_html_links_are_the_urls_mkdocs_writes_for_md_links():
    sources = ["index.md", "faq.md", "about/README.md", "news/index.md", "news/x.md", "news/page/2.md",
               "news/tags/برچسب.md", "news/archive/1398/index.md", "news/images/a.jpg", "feed.xml"]
    for directory_urls in (True, False):
        files = {uri: File(uri, "docs", "site", directory_urls) for uri in sources}
        urls = SiteUrls(directory_urls)
        for here in (uri for uri in sources if uri.endswith(".md")):
            for target in sources:
                assert urls.href(here, target) == files[target].url_relative_to(files[here]), (here, target)


@pytest.mark.parametrize("directory_urls", [True, False])
def test_every_link_on_the_news_pages_leads_to_a_file_of_the_site(new_project, directory_urls, links_resolve):
    """The news HTML is built after Markdown conversion, out of reach of MkDocs' strict link check."""
    project = new_project()
    config = (project.root / "mkdocs.yml").read_text(encoding="utf-8")
    assert "use_directory_urls: true\n" in config
    project.write("mkdocs.yml", config.replace(
        "  - khooshe-news\n", "  - khooshe-news:\n      page_size: 2\n      tag_page_size: 2\n",
    ).replace("use_directory_urls: true\n", f"use_directory_urls: {str(directory_urls).lower()}\n"))
    project.write("content/news/images/pic.png", PNG)
    extra = "tags: [آزمایشی, برنامه ملی]\nprovince: isfahan\nclusters: [isfahan-stone]\n"
    project.write("content/news/with-image.md", news_file(
        "خبر با تصویر", "1398-05-01", extra=f"image: images/pic.png\nimage_alt: یک تصویر\n{extra}",
    ))
    for number, date in enumerate(["1398-05-31", "1398-06-01", "1399-01-01", None], start=1):
        project.write(f"content/news/extra-{number}.md", news_file(f"خبر افزوده {number}", date, extra=extra))
    result = project.build()
    assert result.code == 0, result.output
    assert 'class="khooshe-news-image"' in result.page("news/with-image/" if directory_urls else "news/with-image.html")

    assert links_resolve(result.site, (result.site / "news").rglob("*.html")) > 200


def test_archive_groups_by_jalali_month_not_gregorian():
    items = newest_first([
        article(1, "2019-08-22"),  # = 1398-05-31
        article(2, "1398-06-01"),  # = 2019-08-23
        article(3, "1398-05-01"),
        article(4, None),
    ])
    pages = archive_pages(items, context())
    assert set(pages) == {"news/archive/index.md", "news/archive/1398/index.md", "news/archive/unknown.md"}
    index = html_of(pages["news/archive/index.md"])
    assert '<a href="1398/#month-05">مرداد ۱۳۹۸</a>: ۲ خبر' in index
    assert '<a href="1398/#month-06">شهریور ۱۳۹۸</a>: ۱ خبر' in index
    assert re.search(r'<h2 id="1398"><a href="1398/">۱۳۹۸</a>.*</h2>\n<p>۳ خبر</p>', index)
    year = html_of(pages["news/archive/1398/index.md"])
    assert '<h2 data-count="2" data-month="1398-05" id="month-05">مرداد ۱۳۹۸<a class="headerlink"' in year
    assert ('<li>۳۱ مرداد: <a href="../../item-001/">خبر 1</a></li>\n'
            '<li>۱ مرداد: <a href="../../item-003/">خبر 3</a></li>\n') in year


# --------------------------------------------------------------------------- feeds


def json_feed_problems(data: dict) -> list[str]:
    """JSON Feed 1.1 rules (https://jsonfeed.org/version/1.1): feedparser 6.0 does not read JSON Feed."""
    problems = []
    if data.get("version") != "https://jsonfeed.org/version/1.1":
        problems.append("version")
    if not isinstance(data.get("title"), str) or not data["title"]:
        problems.append("title")
    for key in ("home_page_url", "feed_url"):
        if not str(data.get(key, "")).startswith("https://"):
            problems.append(key)
    if not isinstance(data.get("items"), list):
        return problems + ["items"]
    ids = [item.get("id") for item in data["items"]]
    if len(set(ids)) != len(ids) or not all(isinstance(i, str) and i for i in ids):
        problems.append("item ids")
    for item in data["items"]:
        if not (item.get("content_text") or item.get("content_html")):
            problems.append(f"{item.get('id')}: content")
        for key in ("date_published", "date_modified"):
            if key in item:
                moment = dt.datetime.fromisoformat(item[key].replace("Z", "+00:00"))
                if moment.tzinfo is None or not re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z", item[key]):
                    problems.append(f"{item['id']}: {key}")
        unknown = [key for key in item if key not in JSON_FEED_ITEM_KEYS and not key.startswith("_")]
        if unknown:
            problems.append(f"{item['id']}: {unknown}")
    return problems


JSON_FEED_ITEM_KEYS = {
    "id", "url", "external_url", "title", "content_html", "content_text", "summary", "image", "banner_image",
    "date_published", "date_modified", "authors", "tags", "language", "attachments",
}


def test_feeds_are_valid_for_feedparser_with_gregorian_dates(shipped_site):
    for name in ("feed.xml", "atom.xml"):
        parsed = feedparser.parse(str(shipped_site.site / name))
        assert parsed.bozo == 0, (name, parsed.get("bozo_exception"))
        assert parsed.version in ("rss20", "atom10"), name
        assert len(parsed.entries) == 5, name
        by_link = {entry.link: entry for entry in parsed.entries}
        report = by_link["https://khooshe.example.org/news/programme-report-1385/"]
        assert tuple(report.published_parsed[:3]) == (2006, 6, 23), name
        undated = by_link["https://khooshe.example.org/news/soleimani-interview/"]
        # No date was invented: the entry is dated the day it was added to Khooshe, and says so.
        moment = undated.updated_parsed if name == "atom.xml" else undated.published_parsed
        assert tuple(moment[:3]) == (2026, 11, 23), name
        assert "تاریخ انتشار اصلی این خبر در منبع نیامده است" in undated.summary
    rss_text = (shipped_site.site / "feed.xml").read_text(encoding="utf-8")
    assert "<pubDate>Fri, 23 Jun 2006 00:00:00 +0000</pubDate>" in rss_text
    atom_text = (shipped_site.site / "atom.xml").read_text(encoding="utf-8")
    assert atom_text.count("<published>") == 1 and "<published>2006-06-23T00:00:00Z</published>" in atom_text
    data = json.loads((shipped_site.site / "feed.json").read_text(encoding="utf-8"))
    assert json_feed_problems(data) == []
    assert len(data["items"]) == 5
    unknown = {item["url"]: item["_khooshe"]["original_date_unknown"] for item in data["items"]}
    assert list(unknown.values()).count(True) == 4
    report = next(item for item in data["items"] if item["url"].endswith("/programme-report-1385/"))
    assert report["date_published"] == "2006-06-23T00:00:00Z"


def test_feeds_of_no_items_and_of_many_items_stay_valid():
    site = FeedSite(
        title="خوشه — اخبار", description="آزمایش", site_url="https://example.org/",
        absolute=SiteUrls(True, "https://example.org/").absolute, templates=TEMPLATES,
    )
    many = newest_first([article(n, f"1399-{n % 12 + 1:02d}-01") for n in range(30)])
    for items in ([], many[:20]):
        for render in (rss, atom):
            parsed = feedparser.parse(render(items, site))
            assert parsed.bozo == 0, (render.__name__, parsed.get("bozo_exception"))
            assert len(parsed.entries) == len(items)
        assert json_feed_problems(json.loads(json_feed(items, site))) == []


def test_every_page_advertises_the_feeds_in_its_head(shipped_site):
    pages = shipped_site.page_files()
    assert len(pages) > 20
    for path in pages:
        head = path.read_text(encoding="utf-8").split("</head>")[0]
        for kind, name in (("rss+xml", "feed.xml"), ("atom+xml", "atom.xml"), ("feed+json", "feed.json")):
            assert re.search(rf'<link rel=" ?alternate" type="application/{re.escape(kind)}" href="[./]*/?{name}"', head), (
                path, name)


# --------------------------------------------------------------------------- backlinks


def test_the_content_model_indexes_news_per_cluster_and_per_province(new_project):
    """The cross-indexes every plugin reads (plugins/model/site.py), built once per load."""
    from plugins.model.site import load_site

    project = new_project()
    indexes = load_site(project.root).indexes
    items = indexes.news_by_cluster.get("yazd-ceramic", [])
    assert [item.src_uri for item in items] == ["news/soleimani-interview.md", "news/programme-report-1385.md"]
    assert items[0].date is None and items[1].date == parse_date("1385-04-02")
    assert [i.src_uri for i in indexes.news_by_province["isfahan"]][:1] == ["news/isfahan-70-clusters.md"]
    # The 1385 report names Isfahan's stone cluster, so Isfahan's page lists it too.
    assert "news/programme-report-1385.md" in [i.src_uri for i in indexes.news_by_province["isfahan"]]
    assert indexes.news_by_cluster.get("no-such-cluster", []) == []


def test_cluster_profile_lists_the_news_that_name_it(shipped_site):
    profile = shipped_site.page("clusters/yazd-ceramic/")
    assert re.search(r'href="\.\./\.\./news/soleimani-interview/"', profile)
    assert re.search(r'href="\.\./\.\./news/programme-report-1385/"', profile)
    assert "news/isfahan-70-clusters/" not in profile

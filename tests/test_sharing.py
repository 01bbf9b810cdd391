"""Sharing and search engines: every page's card (OpenGraph, Twitter), every JSON-LD block of the
built site against what its type requires, the sitemap's dates, and ``?q=`` opening the search."""

from __future__ import annotations

import json
import re
import struct
from html import unescape
from pathlib import Path
from urllib.parse import quote

import pytest

from plugins.kinds.clusters.records import load_clusters
from plugins.kinds.news.articles import load_news
from plugins.kinds.publications.records import load_catalogue
from plugins.views.sharing import json_script

ROOT = Path(__file__).resolve().parents[1]
SITE_URL = "https://khooshe.example.org/"
_BLOCK = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
_META = re.compile(r'<meta (property|name)="([^"]+)" content="([^"]*)">')


def json_ld(html: str) -> list[dict]:
    return [json.loads(block) for block in _BLOCK.findall(html)]


def card(html: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for _, key, content in _META.findall(html):
        found.setdefault(key, []).append(unescape(content))
    return found


def canonical(html: str) -> str:
    return re.search(r'<link rel="canonical" href="([^"]+)">', html).group(1)


@pytest.fixture(scope="module")
def built_pages(shipped_site) -> dict[str, str]:
    """URL path (``clusters/yazd-ceramic/``) → HTML of every page of the shipped site."""
    pages = {}
    for path in shipped_site.page_files("index.html"):
        url = path.parent.relative_to(shipped_site.site).as_posix()
        pages["" if url == "." else url + "/"] = path.read_text(encoding="utf-8")
    return pages


# --------------------------------------------------------------------------- JSON-LD: what each type requires

def is_url(value) -> bool:
    return isinstance(value, str) and value.startswith(SITE_URL)


def check_person(person: dict) -> None:
    assert person["@type"] == "Person" and person["name"] and is_url(person["url"]), person


def check_website(data: dict, url: str) -> None:
    assert data["name"] and data["url"] == SITE_URL and data["inLanguage"] == "fa"
    action = data["potentialAction"]
    assert action["@type"] == "SearchAction"
    assert action["target"]["urlTemplate"] == SITE_URL + "?q={search_term_string}"
    assert action["query-input"] == "required name=search_term_string"


def check_breadcrumbs(data: dict, url: str) -> None:
    items = data["itemListElement"]
    assert len(items) >= 2 and [item["position"] for item in items] == list(range(1, len(items) + 1))
    assert all(item["@type"] == "ListItem" and item["name"] and is_url(item["item"]) for item in items)
    assert items[0]["item"] == SITE_URL and items[-1]["item"] == SITE_URL + quote(url)
    assert all(SITE_URL + quote(url) != item["item"] for item in items[:-1])


def check_news(data: dict, url: str) -> None:
    assert data["headline"] and data["description"] and data["url"] == SITE_URL + quote(url)
    assert data["author"]["@type"] == "Organization" and data["author"]["name"]
    assert data["publisher"] == {"@type": "Organization", "name": "خوشه", "url": SITE_URL}
    if "datePublished" in data:
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", data["datePublished"])


def check_book(data: dict, url: str) -> None:
    assert data["name"] and data["url"] == SITE_URL + quote(url) and data["description"]
    for person in [*data.get("author", []), *data.get("translator", [])]:
        check_person(person)


def check_article(data: dict, url: str) -> None:
    assert data["headline"] == data["name"] and data["url"] == SITE_URL + quote(url)
    for person in data.get("author", []):  # an article by an institution credits no person
        check_person(person)


def check_place(data: dict, url: str) -> None:
    assert data["name"] and data["url"] == SITE_URL + quote(url)
    assert data["address"]["addressRegion"] and data["address"]["addressCountry"] == "IR"
    assert data["containedInPlace"]["@type"] == "AdministrativeArea" and is_url(data["containedInPlace"]["url"])
    if "geo" in data:
        geo = data["geo"]
        assert geo["@type"] == "GeoCoordinates"
        assert 24 < geo["latitude"] < 40 and 44 < geo["longitude"] < 64


CHECKS = {
    "WebSite": check_website, "BreadcrumbList": check_breadcrumbs, "NewsArticle": check_news,
    "Book": check_book, "ScholarlyArticle": check_article, "Place": check_place,
    "Person": lambda data, url: check_person(data),
}


def test_every_json_ld_block_has_what_its_type_requires(built_pages):
    counts: dict[str, int] = {}
    for url, html in built_pages.items():
        blocks = json_ld(html)
        assert blocks, f"{url}: no JSON-LD"
        types = [block["@type"] for block in blocks]
        assert ("WebSite" in types) == (url == "") and ("BreadcrumbList" in types) == (url != ""), url
        for block in blocks:
            assert block["@context"] == "https://schema.org", url
            CHECKS[block["@type"]](block, url)  # an unknown type is a KeyError: every type is checked
            counts[block["@type"]] = counts.get(block["@type"], 0) + 1
    clusters, articles = load_clusters(ROOT)[0], load_news(ROOT)[0]
    assert counts["Place"] == len(clusters) and counts["NewsArticle"] == len(articles)
    assert counts["Book"] >= 1 and counts["ScholarlyArticle"] >= 1 and counts["Person"] >= 1
    assert counts["BreadcrumbList"] == len(built_pages) - 1


def test_a_news_date_is_published_only_when_the_source_gives_one(built_pages):
    articles = load_news(ROOT)[0]
    assert {article.date_unknown for article in articles} == {True, False}  # the shipped news has both
    for article in articles:
        html = built_pages[f"news/{article.id}/"]
        (news,) = [block for block in json_ld(html) if block["@type"] == "NewsArticle"]
        published = card(html).get("article:published_time")
        if article.date_unknown:
            assert "datePublished" not in news and published is None, article.id
        else:
            assert news["datePublished"] == article.date.iso == published[0], article.id


def test_a_cluster_has_geo_exactly_when_its_record_has_coordinates(built_pages):
    for cluster in load_clusters(ROOT)[0]:
        (place,) = [block for block in json_ld(built_pages[f"clusters/{cluster.id}/"]) if block["@type"] == "Place"]
        if cluster.coordinates:
            assert place["geo"]["latitude"] == cluster.coordinates.lat, cluster.id
            assert place["geo"]["longitude"] == cluster.coordinates.lon, cluster.id
        else:
            assert "geo" not in place, cluster.id


def test_a_publication_credits_each_of_its_authors_and_translators(built_pages):
    for publication in load_catalogue(ROOT)[0].publications:
        (data,) = [block for block in json_ld(built_pages[f"publications/{publication.id}/"])
                   if block["@type"] in ("Book", "ScholarlyArticle")]
        assert data["@type"] == ("ScholarlyArticle" if publication.type == "article" else "Book")
        assert [person["name"] for person in data.get("author", [])] == [p.name for p in publication.authors]
        assert [person["name"] for person in data.get("translator", [])] == [p.name for p in publication.translators]
    html = built_pages["publications/competitive-strategy/"]
    (book,) = [block for block in json_ld(html) if block["@type"] in ("Book", "ScholarlyArticle")]
    assert book["author"] and book["translator"]
    people = book["author"] + book["translator"]
    assert all(person["url"].startswith(SITE_URL + "people/") for person in people)


def test_json_for_a_script_cannot_close_it():
    text = str(json_script({"headline": "</script><script>alert(1)</script> & <!--"}))
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text)["headline"] == "</script><script>alert(1)</script> & <!--"


# --------------------------------------------------------------------------- the card

@pytest.mark.parametrize(("url", "og_type"), [
    ("", "website"),  # home
    ("clusters/", "website"),  # a listing
    ("clusters/yazd-ceramic/", "website"),  # a profile
    ("news/programme-report-1385/", "article"),  # a news item
    ("publications/competitive-strategy/", "book"),  # a publication (book or article)
    ("people/", "website"),
    ("method/", "article"),  # an editor's guide page
])
def test_every_page_kind_has_a_card(built_pages, shipped_site, url, og_type):
    html = built_pages[url]
    found = card(html)
    title = re.search(r"<title>(.*?)</title>", html).group(1)
    for key in ("og:type", "og:site_name", "og:locale", "og:title", "og:description", "og:url", "og:image",
                "og:image:alt", "twitter:card", "twitter:title", "twitter:description", "twitter:image"):
        assert len(found.get(key, [])) == 1 and found[key][0].strip(), f"{url}: {key}"
    assert found["og:locale"] == ["fa_IR"] and found["og:site_name"] == ["خوشه"]
    assert found["og:url"] == [canonical(html)] == [SITE_URL + url]
    assert unescape(title).startswith(found["og:title"][0])
    assert found["twitter:card"] == ["summary_large_image"] and found["twitter:image"] == found["og:image"]
    if og_type:
        assert found["og:type"] == [og_type]
    image = found["og:image"][0]
    assert image.startswith(SITE_URL)
    assert (shipped_site.site / image.removeprefix(SITE_URL)).is_file()


def test_the_default_image_is_1200_by_630(shipped_site, built_pages):
    (image,) = card(built_pages[""])["og:image"]
    data = (shipped_site.site / image.removeprefix(SITE_URL)).read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", data[16:24]) == (1200, 630)
    assert card(built_pages[""])["og:image:width"] == ["1200"] and card(built_pages[""])["og:image:height"] == ["630"]


def test_a_description_comes_from_the_record(built_pages):
    article = next(a for a in load_news(ROOT)[0] if a.id == "programme-report-1385")
    assert card(built_pages["news/programme-report-1385/"])["og:description"] == [" ".join(article.summary.split())]


# --------------------------------------------------------------------------- the sitemap

def lastmods(site: Path) -> dict[str, str | None]:
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    entries = re.findall(r"<url>\s*<loc>([^<]+)</loc>\s*(?:<lastmod>([^<]+)</lastmod>)?", sitemap)
    return {loc.removeprefix(SITE_URL): day or None for loc, day in entries}


def test_the_sitemap_dates_records_by_their_own_days(shipped_site):
    dates = lastmods(shipped_site.site)
    # a news item: the newest of its dates (published 1385-04-02, added to Khooshe 1405-09-02)
    assert dates["news/programme-report-1385/"] == "2026-11-23"
    # a cluster: the newest full day its record gives (its source «منبع ۱» is dated 1385-04-02)
    assert dates["clusters/yazd-ceramic/"] == "2006-06-23"
    # a cluster whose record gives years only, and a listing: no date (a build date would mislead)
    assert dates["clusters/bushehr-dates/"] is None and dates["clusters/"] is None


def test_a_stamp_dates_only_the_pages_without_a_date(new_project, monkeypatch):
    monkeypatch.setenv("KHOOSHE_BUILD_STAMP", "1405-10-01")
    project = new_project(shipped=False)
    project.write("content/index.md", "---\ntitle: خانه\n---\n\n# خانه\n")
    project.write("content/news/first.md", "---\ntitle: خبر\ndate: 1404-02-10\nadded: 1404-03-01\nsummary: خلاصه\n"
                                          "source:\n  publisher: ناشر\n---\n\nمتن.\n")
    result = project.build()
    assert result.code == 0, result.output
    dates = lastmods(result.site)
    assert dates["news/first/"] == "2025-05-22"  # 1404-03-01, the day it was added
    assert dates[""] == "2026-12-22"  # the stamp


# --------------------------------------------------------------------------- the search action is real

def test_the_search_action_target_opens_the_search_on_its_query(page, shipped_site, serve):
    base = serve(shipped_site.site)
    page.goto(base + "?q=" + "سرامیک")
    root = page.locator("[data-khooshe-search]")
    page.wait_for_function("document.querySelector('[data-khooshe-search]').dataset.rendered === 'سرامیک'")
    assert page.locator("#__search").is_checked()
    assert page.locator("[data-khooshe-search] .md-search__input").input_value() == "سرامیک"
    titles = root.locator(".md-search-result__item h1").all_inner_texts()
    assert any("سرامیک یزد" in title for title in titles), titles

"""RSS 2.0, Atom 1.0 and JSON Feed 1.1 of the latest news, built from the article model.

Dates are Gregorian: RFC 822 in RSS, RFC 3339 in Atom and JSON Feed, at 00:00
UTC of the day (the sources give days, never times).

Items whose original publication date is unknown are *not* left out and are
never given a guessed date. Their feed date is the day they were added to
Khooshe (the day this feed published them) and their text says so:

* RSS ``pubDate`` and JSON Feed ``date_published``: original date, else the added date;
* Atom ``updated``: the same; Atom ``published`` only when the original date is known;
* JSON Feed ``_khooshe.original_date_unknown`` marks them for machines.

The output depends only on the articles and the site settings (no clock): the
channel date is the newest item's date; an empty Atom feed says 1970-01-01.

Python computes each item (:class:`FeedItem`); the templates ``templates/rss.xml`` and
``templates/atom.xml`` write the XML (autoescaped, so every value is XML text); JSON Feed
is ``json.dumps`` of the same data.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import format_datetime

from plugins.kinds.news.articles import Article
from plugins.views.render import Templates

UNKNOWN_NOTE = "تاریخ انتشار اصلی این خبر در منبع نیامده است؛ تاریخ این مورد، روز افزوده شدن آن به خوشه است."
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)


@dataclass(frozen=True)
class FeedSite:
    title: str  # «خوشه — اخبار»
    description: str
    site_url: str  # absolute, ending with "/"
    absolute: Callable[[str], str]  # src_uri → its page's absolute URL (the adapter's link helper)
    templates: Templates  # the feeds are news/rss.xml and news/atom.xml
    home_src_uri: str = "news/index.md"
    language: str = "fa"
    rss_name: str = "feed.xml"
    atom_name: str = "atom.xml"
    json_name: str = "feed.json"

    def url(self, src_uri: str) -> str:
        return self.absolute(src_uri)

    def file_url(self, name: str) -> str:
        return self.site_url + name


@dataclass(frozen=True)
class FeedItem:
    """What every feed says of one article."""

    article: Article
    url: str  # absolute
    moment: dt.datetime  # the feed date: original date, else the day added
    published: dt.datetime | None  # the original date, when known
    text: str  # summary and credit (see :func:`item_text`)

    @property
    def rfc822(self) -> str:
        return rfc822(self.moment)

    @property
    def rfc3339(self) -> str:
        return rfc3339(self.moment)

    @property
    def published_rfc3339(self) -> str:
        return rfc3339(self.published) if self.published is not None else ""


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc)


def rfc822(moment: dt.datetime) -> str:
    return format_datetime(moment)  # "Fri, 23 Jun 2006 00:00:00 +0000"


def rfc3339(moment: dt.datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def item_text(article: Article) -> str:
    """Summary, then the credit: what a feed reader shows for the item."""
    source = article.source
    credit = f"منبع: {source.publisher}"
    if source.via:
        credit += f"، به نقل از {source.via}"
    if source.title:
        credit += f"، «{source.title}»"
    text = f"{article.summary}\n\n{credit}."
    if article.date is None:
        text += f"\n\n{UNKNOWN_NOTE}"
    return text


def latest(articles: list[Article], size: int) -> list[Article]:
    """The newest ``size`` articles; ``articles`` is already newest first."""
    return articles[: max(0, size)]


def feed_items(articles: list[Article], site: FeedSite) -> list[FeedItem]:
    return [
        FeedItem(
            article, site.url(article.src_uri), _midnight(article.sort_date.gregorian),
            _midnight(article.date.gregorian) if article.date is not None else None, item_text(article),
        )
        for article in articles
    ]


def _render(name: str, articles: list[Article], site: FeedSite) -> str:
    """``news/<name>`` with the items and the channel date: the newest item's (an empty feed: 1970-01-01)."""
    items = feed_items(articles, site)
    updated = max((item.moment for item in items), default=EPOCH)
    return site.templates.render(
        f"news/{name}", site=site, items=items, updated_rfc822=rfc822(updated), updated_rfc3339=rfc3339(updated),
    )


def rss(articles: list[Article], site: FeedSite) -> str:
    return _render("rss.xml", articles, site)


def atom(articles: list[Article], site: FeedSite) -> str:
    return _render("atom.xml", articles, site)


def json_feed(articles: list[Article], site: FeedSite) -> str:
    items = []
    for item in feed_items(articles, site):
        article = item.article
        data = {
            "id": item.url,
            "url": item.url,
            "title": article.title,
            "summary": article.summary,
            "content_text": item.text,
            "date_published": item.rfc3339,
            "language": site.language,
        }
        if article.tags:
            data["tags"] = list(article.tags)
        data["_khooshe"] = {
            "original_date_unknown": article.date is None,
            "original_date": article.date.iso if article.date else None,
            "date_added": article.added.iso,
            "province": article.province,
            "clusters": list(article.clusters),
            "source": {k: v for k, v in vars(article.source).items() if v},
        }
        items.append(data)
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": site.title,
        "home_page_url": site.url(site.home_src_uri),
        "feed_url": site.file_url(site.json_name),
        "description": site.description,
        "language": site.language,
        "authors": [{"name": site.title}],
        "items": items,
    }
    return json.dumps(feed, ensure_ascii=False, indent=2) + "\n"

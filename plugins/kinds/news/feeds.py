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
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from email.utils import format_datetime
import datetime as dt
from xml.sax.saxutils import escape, quoteattr

from plugins.kinds.news.articles import Article
from plugins.views.markup import page_url

UNKNOWN_NOTE = "تاریخ انتشار اصلی این خبر در منبع نیامده است؛ تاریخ این مورد، روز افزوده شدن آن به خوشه است."
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)


@dataclass(frozen=True)
class FeedSite:
    title: str  # «خوشه — اخبار»
    description: str
    site_url: str  # absolute, ending with "/"
    home_src_uri: str = "news/index.md"
    use_directory_urls: bool = True
    language: str = "fa"
    rss_name: str = "feed.xml"
    atom_name: str = "atom.xml"
    json_name: str = "feed.json"

    def url(self, src_uri: str) -> str:
        return self.site_url + page_url(src_uri, self.use_directory_urls)

    def file_url(self, name: str) -> str:
        return self.site_url + name


def _moment(article: Article) -> dt.datetime:
    day = article.sort_date.gregorian
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc)


def _published(article: Article) -> dt.datetime | None:
    if article.date is None:
        return None
    day = article.date.gregorian
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


def rss(articles: list[Article], site: FeedSite) -> str:
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">',
        "<channel>",
        f"<title>{escape(site.title)}</title>",
        f"<link>{escape(site.url(site.home_src_uri))}</link>",
        f"<description>{escape(site.description)}</description>",
        f"<language>{site.language}</language>",
        f'<atom:link href={quoteattr(site.file_url(site.rss_name))} rel="self" type="application/rss+xml"/>',
    ]
    if articles:
        lines.append(f"<lastBuildDate>{rfc822(max(_moment(a) for a in articles))}</lastBuildDate>")
    for article in articles:
        url = site.url(article.src_uri)
        lines += [
            "<item>",
            f"<title>{escape(article.title)}</title>",
            f"<link>{escape(url)}</link>",
            f'<guid isPermaLink="true">{escape(url)}</guid>',
            f"<pubDate>{rfc822(_moment(article))}</pubDate>",
            f"<description>{escape(item_text(article))}</description>",
        ]
        lines += [f"<category>{escape(tag)}</category>" for tag in article.tags]
        lines.append("</item>")
    lines += ["</channel>", "</rss>", ""]
    return "\n".join(lines)


def atom(articles: list[Article], site: FeedSite) -> str:
    updated = max((_moment(a) for a in articles), default=EPOCH)
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{site.language}">',
        f"<title>{escape(site.title)}</title>",
        f"<subtitle>{escape(site.description)}</subtitle>",
        f"<id>{escape(site.url(site.home_src_uri))}</id>",
        f'<link rel="alternate" type="text/html" href={quoteattr(site.url(site.home_src_uri))}/>',
        f'<link rel="self" type="application/atom+xml" href={quoteattr(site.file_url(site.atom_name))}/>',
        f"<updated>{rfc3339(updated)}</updated>",
        f"<author><name>{escape(site.title)}</name></author>",
    ]
    for article in articles:
        url = site.url(article.src_uri)
        lines += [
            "<entry>",
            f"<title>{escape(article.title)}</title>",
            f"<id>{escape(url)}</id>",
            f'<link rel="alternate" type="text/html" href={quoteattr(url)}/>',
            f"<updated>{rfc3339(_moment(article))}</updated>",
        ]
        published = _published(article)
        if published is not None:
            lines.append(f"<published>{rfc3339(published)}</published>")
        lines.append(f'<summary type="text">{escape(item_text(article))}</summary>')
        lines += [f"<category term={quoteattr(tag)}/>" for tag in article.tags]
        lines.append("</entry>")
    lines += ["</feed>", ""]
    return "\n".join(lines)


def json_feed(articles: list[Article], site: FeedSite) -> str:
    items = []
    for article in articles:
        url = site.url(article.src_uri)
        item = {
            "id": url,
            "url": url,
            "title": article.title,
            "summary": article.summary,
            "content_text": item_text(article),
            "date_published": rfc3339(_moment(article)),
            "language": site.language,
        }
        if article.tags:
            item["tags"] = list(article.tags)
        item["_khooshe"] = {
            "original_date_unknown": article.date is None,
            "original_date": article.date.iso if article.date else None,
            "date_added": article.added.iso,
            "province": article.province,
            "clusters": list(article.clusters),
            "source": {k: v for k, v in vars(article.source).items() if v},
        }
        items.append(item)
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

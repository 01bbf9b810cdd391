"""The news pages Khooshe generates, and each article's page around the editor's text.

* listing: ``news/index.md``, ``news/page/2.md`` …, newest first, ``page_size`` cards a page;
* Jalali archive: ``news/archive/index.md`` (years, months, counts),
  ``news/archive/<year>/index.md`` with a section per month (anchor ``#month-05``)
  and ``news/archive/unknown.md`` for items whose original date is unknown;
* tags: ``news/tags/index.md`` and ``news/tags/<slug>.md`` (``tag_page_size`` rows a page);
* each article's own page: a header (date, province, source, lead, image) and a footer
  (source credit, tags, clusters, previous/next) around the editor's text (:func:`article_page`).

Python computes what each page shows (which articles, in which order, grouped how, with
which page URIs); the templates in ``templates/`` write it (``listing.html``,
``archive.html``, ``year.html``, ``unknown.html``, ``tags.html``, ``tag.html``,
``article.html``), through the one page mechanism of :mod:`plugins.views.render`: what is
built from records is in slots, filled after Markdown conversion, so Python-Markdown never
converts cards, rows or an article's chrome (0.8 ms a card, 1.9 ms an article's chrome).

Only the main listing shows full cards (title, meta line, summary). Every other
listing is compact rows (``date: title``), because an article appears in its month
and in each of its tags: rows keep those pages few, short and light on a phone
with a slow link.

Everything here is one pass over the sorted articles: no step is quadratic.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from math import ceil
from posixpath import dirname, join
from typing import Any


from plugins.kinds.news.articles import Article
from plugins.model.dates import JALALI_MONTHS
from plugins.views import sharing
from plugins.views.render import GeneratedPage, Templates, Url, editor_markdown
from plugins.views.taxonomy import Term, group_terms

@dataclass
class Context:
    """What the pages need besides the articles: the templates, links, and what other plugins own.

    Two contexts are equal when the pages would show the same (the templates and the link
    rules are the same for a whole process): what :meth:`page` remembers a page by.
    """

    templates: Templates = field(compare=False)
    url_for: Callable[[str], Url] = field(compare=False)  # src_uri of the page being rendered → its url(target, anchor="")
    base: str = "news"
    page_size: int = 20  # cards on a page of the main listing
    tag_page_size: int = 200  # rows on a tag page
    provinces: dict[str, str] = field(default_factory=dict)  # id → Persian name
    province_pages: dict[str, str] = field(default_factory=dict)  # id → src_uri of the province page
    # id → (name, src_uri); only an article's page shows them, and it is given its own (a page
    # remembered by its data is not made again when an unrelated cluster is renamed)
    clusters: dict[str, tuple[str, str]] = field(default_factory=dict, compare=False)
    feeds: tuple[tuple[str, str], ...] = ()  # (label, site-root file name)

    def uri(self, *parts: str) -> str:
        return "/".join((self.base, *parts))

    def tag_uri(self, slug: str) -> str:
        return self.uri("tags", f"{slug}.md")

    # What templates ask about an article: (name, src_uri or None) pairs, a name without a page stays text.

    def province(self, article: Article) -> tuple[str, str | None] | None:
        if not article.province:
            return None
        return self.provinces.get(article.province, article.province), self.province_pages.get(article.province)

    def tags(self, article: Article) -> list[tuple[str, str]]:
        return [(tag, self.tag_uri(slug)) for tag, slug in zip(article.tags, article.tag_slugs)]

    def clusters_of(self, article: Article) -> list[tuple[str, str | None]]:
        return [self.clusters.get(cluster_id, (cluster_id, None)) for cluster_id in article.clusters]

    def page(self, template: str, here: str, **data: Any) -> GeneratedPage:
        """``news/<template>`` rendered as the page ``here`` (links relative to it).

        In the preview it is made again only when the context or ``data`` changed.
        """
        return self.templates.remembered_page(f"news/{template}", here, self.url_for(here), (self, data),
                                              news=self, **data)


@dataclass(frozen=True)
class Month:
    """One Jalali month of the archive, its articles newest first."""

    year: int
    number: int
    articles: tuple[Article, ...]

    @property
    def name(self) -> str:
        return JALALI_MONTHS[self.number - 1]

    @property
    def key(self) -> str:
        """``1398-05``: the machine-readable month (``data-month``)."""
        return f"{self.year}-{self.number:02d}"

    @property
    def anchor(self) -> str:
        """The id of the month's section on its year page: stable, so links to it last."""
        return f"month-{self.number:02d}"


@dataclass(frozen=True)
class Year:
    number: int
    uri: str  # src_uri of the year's page
    months: tuple[Month, ...]  # newest first

    @property
    def total(self) -> int:
        return sum(len(month.articles) for month in self.months)


# --------------------------------------------------------------------------- grouping


def group_tags(articles: list[Article]) -> list[Term[Article]]:
    """Tags folded by slug (``عامل توسعه`` = ``عامل‌توسعه``), in Persian alphabetical order.

    A tag's label is the spelling most articles use (ties: alphabetical first).
    """
    return group_terms(articles, lambda article: zip(article.tag_slugs, article.tags))


def group_by_year(articles: list[Article], context: Context) -> list[Year]:
    """Jalali years and months (newest first) by the original date; undated articles left out."""
    years: dict[int, dict[int, list[Article]]] = defaultdict(lambda: defaultdict(list))
    for article in articles:
        if article.date is not None:
            years[article.date.jalali_year][article.date.jalali_month].append(article)
    return [
        Year(year, context.uri("archive", str(year), "index.md"), tuple(
            Month(year, month, tuple(years[year][month])) for month in sorted(years[year], reverse=True)
        ))
        for year in sorted(years, reverse=True)
    ]


def paginate(items: list[Article], page_size: int, first_uri: str, next_uri_pattern: str) -> list[tuple[str, list[Article]]]:
    """Split into pages: ``[(src_uri, items)]``; always at least one (possibly empty) page.

    ``next_uri_pattern`` has ``{n}`` for the page number (2, 3, …).
    """
    size = max(1, page_size)
    count = max(1, ceil(len(items) / size))
    return [
        (first_uri if number == 1 else next_uri_pattern.format(n=number), items[(number - 1) * size: number * size])
        for number in range(1, count + 1)
    ]


def _paged_pages(template: str, pages: list[tuple[str, list[Article]]], context: Context, **data: Any) -> dict[str, GeneratedPage]:
    """Each page from :func:`paginate`, told its place (``index`` among ``uris``) for its title and pager."""
    uris = [uri for uri, _ in pages]
    return {
        uri: context.page(template, uri, index=index, uris=uris, articles=chunk, **data)
        for index, (uri, chunk) in enumerate(pages)
    }


# --------------------------------------------------------------------------- pages


def listing_pages(articles: list[Article], context: Context) -> dict[str, GeneratedPage]:
    pages = paginate(articles, context.page_size, context.uri("index.md"), context.uri("page", "{n}.md"))
    return _paged_pages("listing.html", pages, context, title="اخبار")


def archive_pages(articles: list[Article], context: Context) -> dict[str, GeneratedPage]:
    """The archive index, one page per Jalali year (a section per month) and the undated page."""
    years = group_by_year(articles, context)
    undated = [article for article in articles if article.date is None]
    pages = {context.uri("archive", "index.md"): context.page(
        "archive.html", context.uri("archive", "index.md"), years=years, undated=undated,
    )}
    for year in years:
        pages[year.uri] = context.page("year.html", year.uri, year=year)
    if undated:
        unknown_uri = context.uri("archive", "unknown.md")
        pages[unknown_uri] = context.page("unknown.html", unknown_uri, articles=undated)
    return pages


def tag_pages(articles: list[Article], context: Context) -> dict[str, GeneratedPage]:
    """The tags index (tags with counts) and one page of rows per tag, paginated by ``tag_page_size``."""
    tags = group_tags(articles)
    index_uri = context.uri("tags", "index.md")
    pages = {index_uri: context.page("tags.html", index_uri, tags=tags)}
    for tag in tags:
        chunks = paginate(
            list(tag.items), context.tag_page_size, context.tag_uri(tag.key),
            context.uri("tags", tag.key, "page", "{n}.md"),
        )
        pages.update(_paged_pages("tag.html", chunks, context, tag=tag))
    return pages


def all_pages(articles: list[Article], context: Context) -> dict[str, GeneratedPage]:
    """Every generated news page, by src_uri."""
    pages = listing_pages(articles, context)
    pages.update(archive_pages(articles, context))
    pages.update(tag_pages(articles, context))
    return pages


# --------------------------------------------------------------------------- one article


def neighbours(articles: list[Article]) -> dict[str, tuple[Article | None, Article | None]]:
    """src_uri → (older, newer) in listing order."""
    result = {}
    for index, article in enumerate(articles):
        older = articles[index + 1] if index + 1 < len(articles) else None
        newer = articles[index - 1] if index > 0 else None
        result[article.src_uri] = (older, newer)
    return result


def image_uri(article: Article) -> str:
    """Where the article's image is in the site ("" without one): it sits beside the article."""
    return join(dirname(article.src_uri), article.image) if article.image else ""


def shares(articles: list[Article], context: sharing.ShareContext) -> sharing.RecordShares:
    """Each article and what makes its Share (the kind's ``shares``)."""
    for article in articles:
        yield article, partial(share, article, context.site_name, context.absolute)


def share(article: Article, site_name: str, absolute: sharing.Absolute) -> sharing.Share:
    """An article's NewsArticle; ``datePublished`` only when the source dates it (never the day it was added)."""
    url = absolute(article.src_uri)
    data: dict[str, Any] = {
        "@type": "NewsArticle", "headline": article.title, "description": " ".join(article.summary.split()),
        "url": url, "mainEntityOfPage": url, "inLanguage": sharing.LANGUAGE,
        "author": sharing.organization(article.source.publisher, article.source.url),
        "publisher": sharing.organization(site_name, absolute("index.md")),
    }
    properties = []
    if article.date is not None:
        data["datePublished"] = article.date.iso
        properties.append(("article:published_time", article.date.iso))
    if article.source.url:
        data["isBasedOn"] = article.source.url
    if article.tags:
        data["keywords"] = list(article.tags)
        properties += [("article:tag", tag) for tag in article.tags]
    image = None
    if article.image:
        image = sharing.Image(absolute(image_uri(article)), article.image_alt)
        data["image"] = [image.url]
    return sharing.Share(og_type="article", image=image, properties=tuple(properties), structured=(data,),
                         updated=sharing.newest([article.date, article.added]))


def article_page(
    article: Article, context: Context, older: Article | None = None, newer: Article | None = None
) -> GeneratedPage:
    """The page of one article: its title, the editor's text as Markdown (as written), header and footer in slots."""
    here = article.src_uri
    return context.page(
        "article.html", here, article=article, body=editor_markdown(article.body.strip("\n")), image_uri=image_uri(article),
        clusters=context.clusters_of(article), older=older, newer=newer,
    )

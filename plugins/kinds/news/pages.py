"""The news pages Khooshe generates, and the header and footer of each article's page.

* listing: ``news/index.md``, ``news/page/2.md`` …, newest first, ``page_size`` cards a page;
* Jalali archive: ``news/archive/index.md`` (years, months, counts),
  ``news/archive/<year>/index.md`` with a section per month (anchor ``#month-05``)
  and ``news/archive/unknown.md`` for items whose original date is unknown;
* tags: ``news/tags/index.md`` and ``news/tags/<slug>.md`` (``tag_page_size`` rows a page);
* each article's own page gets a header (date, province, source, lead, image) and a
  footer (source credit, tags, clusters, previous/next) around the editor's text
  (:func:`article_page`).

Every page is a :class:`NewsPage`: Markdown for what must be Markdown (the page's
``# title``, a listing's intro, an article's body) and HTML for everything built
from records (meta lines, cards, rows, month sections, pagers), which the plugin
puts into the converted page (:func:`with_chrome`). Python-Markdown costs about
0.8 ms for a card, 0.2 ms for a list row and 1.9 ms for an article's chrome; the
same HTML built here costs next to nothing. Record text is escaped with
``html.escape`` and links are the final relative URLs MkDocs would have written
(:func:`plugins.views.markup.href`); MkDocs no longer validates them, so the tests
check that every link of a built site resolves.

Only the main listing shows full cards (title, meta line, summary). Every other
listing is compact rows (``date: title``), because an article appears in its month
and in each of its tags: rows keep those pages few, short and light on a phone
with a slow link.

Everything here is one pass over the sorted articles: no step is quadratic.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape
from math import ceil
from posixpath import dirname, join

from plugins.model.dates import JALALI_MONTHS, to_persian_digits
from plugins.kinds.news.articles import Article
from plugins.views.markup import (
    count_text, front_matter, href, html_link, html_paragraphs, html_text, jalali_parts, link, md_text, persian_date,
    persian_sort_key,
)

UNKNOWN_DATE = "تاریخ انتشار اصلی نامعلوم"
NO_NEWS = "هنوز خبری منتشر نشده است."


@dataclass
class Context:
    """What the pages need besides the articles: names and pages owned by other plugins."""

    base: str = "news"
    page_size: int = 20  # cards on a page of the main listing
    tag_page_size: int = 200  # rows on a tag page
    use_directory_urls: bool = True  # MkDocs' setting: the form of every HTML link
    provinces: dict[str, str] = field(default_factory=dict)  # id → Persian name
    province_pages: dict[str, str] = field(default_factory=dict)  # id → src_uri of the province page
    clusters: dict[str, tuple[str, str]] = field(default_factory=dict)  # id → (name, src_uri)
    feeds: tuple[tuple[str, str], ...] = ()  # (label, site-root file name)

    def uri(self, *parts: str) -> str:
        return "/".join((self.base, *parts))

    def href(self, here: str, target: str) -> str:
        """The URL of ``target`` (a src_uri) in an HTML link on the page of ``here``."""
        return href(here, target, self.use_directory_urls)


@dataclass(frozen=True)
class NewsPage:
    """One page: Markdown for MkDocs to convert, HTML put into the result (see :func:`with_chrome`)."""

    markdown: str
    header: str = ""  # HTML right after the page's <h1>
    footer: str = ""  # HTML after the rest of the page


def with_chrome(html: str, page: NewsPage) -> str:
    """The converted page with its header after the first ``</h1>`` and its footer at the end."""
    if page.header:  # every news page starts with the "# title" its Markdown was given
        html = html.replace("</h1>", f"</h1>\n{page.header}", 1)
    return f"{html}\n{page.footer}" if page.footer else html


@dataclass(frozen=True)
class Tag:
    slug: str
    label: str
    articles: tuple[Article, ...]  # newest first


# --------------------------------------------------------------------------- grouping


def group_tags(articles: list[Article]) -> list[Tag]:
    """Tags folded by slug (``عامل توسعه`` = ``عامل‌توسعه``), in Persian alphabetical order.

    A tag's label is the spelling most articles use (ties: alphabetical first).
    """
    members: dict[str, list[Article]] = defaultdict(list)
    spellings: dict[str, Counter] = defaultdict(Counter)
    for article in articles:
        for tag, slug in zip(article.tags, article.tag_slugs):
            members[slug].append(article)
            spellings[slug][tag] += 1
    tags = []
    for slug, items in members.items():
        label = min(spellings[slug].items(), key=lambda pair: (-pair[1], persian_sort_key(pair[0])))[0]
        tags.append(Tag(slug, label, tuple(items)))
    return sorted(tags, key=lambda tag: (persian_sort_key(tag.label), tag.slug))


def group_by_month(articles: list[Article]) -> dict[int, dict[int, list[Article]]]:
    """year → month → articles (newest first), by the original Jalali date; undated ones left out."""
    years: dict[int, dict[int, list[Article]]] = defaultdict(lambda: defaultdict(list))
    for article in articles:
        if article.date is not None:
            year, month, _ = jalali_parts(article.date)
            years[year][month].append(article)
    return {year: dict(months) for year, months in years.items()}


def year_uri(context: Context, year: int) -> str:
    return context.uri("archive", str(year), "index.md")


def tag_uri(context: Context, slug: str) -> str:
    return context.uri("tags", f"{slug}.md")


def month_anchor(month: int) -> str:
    """The id of a month's section on its year page: stable, so links to it last."""
    return f"month-{month:02d}"


# --------------------------------------------------------------------------- HTML pieces


def heading(level: int, anchor_id: str, inner_html: str, attributes: str = "") -> str:
    """A heading with a stable id and the permalink the toc extension gives Markdown headings."""
    return (f'<h{level}{attributes} id="{anchor_id}">{inner_html}'
            f'<a class="headerlink" href="#{anchor_id}" title="Permanent link">&para;</a></h{level}>')


def date_html(article: Article, with_note: bool = False) -> str:
    if article.date is None:
        return UNKNOWN_DATE
    html = f'<time datetime="{article.date.iso}">{persian_date(article.date)}</time>'
    if with_note and article.date_note:
        html += f" ({html_text(article.date_note)})"
    return html


def province_html(article: Article, here: str, context: Context) -> str:
    if not article.province:
        return ""
    name = html_text(context.provinces.get(article.province, article.province))
    target = context.province_pages.get(article.province)
    return f"استان {html_link(context.href(here, target), name)}" if target else f"استان {name}"


def tag_links(article: Article, here: str, context: Context) -> str:
    return "، ".join(
        html_link(context.href(here, tag_uri(context, slug)), html_text(tag))
        for tag, slug in zip(article.tags, article.tag_slugs)
    )


def cluster_links(article: Article, here: str, context: Context) -> str:
    parts = []
    for cluster_id in article.clusters:
        if cluster_id in context.clusters:
            name, src_uri = context.clusters[cluster_id]
            parts.append(html_link(context.href(here, src_uri), html_text(name)))
        else:
            parts.append(html_text(cluster_id))
    return "، ".join(parts)


def meta_line(article: Article, here: str, context: Context, with_tags: bool = True) -> str:
    parts = [date_html(article)]
    province = province_html(article, here, context)
    if province:
        parts.append(province)
    parts.append(f"منبع: {html_text(article.source.publisher)}")
    if with_tags and article.tags:
        parts.append("برچسب‌ها: " + tag_links(article, here, context))
    return f'<p class="khooshe-news-meta">{" · ".join(parts)}</p>'


def card(article: Article, here: str, context: Context) -> str:
    """One item in a listing: linked title, meta line, summary."""
    return (
        f'<h3 class="khooshe-news-title" data-date="{article.sort_date.iso}">'
        f"{html_link(context.href(here, article.src_uri), html_text(article.title))}</h3>\n"
        f"{meta_line(article, here, context)}\n"
        f"{html_paragraphs(article.summary)}"
    )


def cards(articles: list[Article], here: str, context: Context) -> str:
    return "\n".join(card(article, here, context) for article in articles)


def rows(articles: list[Article], here: str, context: Context, date_text: Callable[[Article], str]) -> str:
    """Compact items as one list: ``<li>۵ مرداد ۱۳۹۸: <a>title</a></li>``."""
    items = "\n".join(
        f"<li>{date_text(article)}: {html_link(context.href(here, article.src_uri), html_text(article.title))}</li>"
        for article in articles
    )
    return f"<ul>\n{items}\n</ul>"


def full_date(article: Article) -> str:
    return persian_date(article.date) if article.date else UNKNOWN_DATE


def pager(here_index: int, uris: list[str], here: str, context: Context) -> str:
    """``تازه‌ترها · صفحه ۲ از ۵ · قدیمی‌ترها`` with first/last when they are not adjacent."""
    if len(uris) <= 1:
        return ""
    parts = []
    if here_index > 1:
        parts.append(html_link(context.href(here, uris[0]), "نخستین صفحه"))
    if here_index > 0:
        parts.append(html_link(context.href(here, uris[here_index - 1]), "تازه‌ترها"))
    parts.append(f"صفحه {to_persian_digits(here_index + 1)} از {to_persian_digits(len(uris))}")
    if here_index < len(uris) - 1:
        parts.append(html_link(context.href(here, uris[here_index + 1]), "قدیمی‌ترها"))
    if here_index < len(uris) - 2:
        parts.append(html_link(context.href(here, uris[-1]), "آخرین صفحه"))
    return f'<p class="khooshe-pager">{" · ".join(parts)}</p>'


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


def _paged_pages(
    pages: list[tuple[str, list[Article]]], title: str, intro: Callable[[str], str], empty: str,
    render: Callable[[list[Article], str], str], context: Context,
) -> dict[str, NewsPage]:
    """Each page from :func:`paginate`: title and ``intro(here)`` as Markdown; ``render(items, here)``
    and the pager as HTML."""
    uris = [uri for uri, _ in pages]
    result = {}
    for index, (uri, chunk) in enumerate(pages):
        page_title = title if index == 0 else f"{title} — صفحه {to_persian_digits(index + 1)}"
        markdown = "\n".join([front_matter(title=page_title, type="listing"), f"# {md_text(page_title)}\n", intro(uri)])
        items = render(chunk, uri) if chunk else (f"<p>{empty}</p>" if empty else "")
        footer = "\n".join(part for part in (items, pager(index, uris, uri, context)) if part)
        result[uri] = NewsPage(markdown, footer=footer)
    return result


# --------------------------------------------------------------------------- pages


def listing_pages(articles: list[Article], context: Context) -> dict[str, NewsPage]:
    def intro(here: str) -> str:
        feeds = "، ".join(f"[{label}]({link(here, name)})" for label, name in context.feeds)
        lines = [
            "تازه‌های برنامه ملی توسعه خوشه‌ها و خوشه‌های کسب‌وکار، تازه‌ترین نخست. "
            "هر خبر به زبان خودمان بازنویسی شده و منبع اصلی آن نام برده شده است؛ "
            "خبری که منبعش تاریخ انتشار ندارد با عبارت «تاریخ انتشار اصلی نامعلوم» آمده "
            "و به روز افزوده شدنش به خوشه مرتب شده است.\n",
            f"[بایگانی ماه‌به‌ماه]({link(here, context.uri('archive', 'index.md'))}) · "
            f"[برچسب‌ها]({link(here, context.uri('tags', 'index.md'))})"
            + (f" · خوراک خبر: {feeds}" if feeds else "")
            + "\n{ .khooshe-news-links }\n",
        ]
        return "\n".join(lines)

    pages = paginate(articles, context.page_size, context.uri("index.md"), context.uri("page", "{n}.md"))
    return _paged_pages(
        pages, "اخبار", intro, NO_NEWS, lambda chunk, here: cards(chunk, here, context), context,
    )


def archive_pages(articles: list[Article], context: Context) -> dict[str, NewsPage]:
    """The archive index, one page per Jalali year (a section per month) and the undated page.

    Month sections and the index's month items carry ``data-month``/``data-count``, so the
    counts are machine-readable.
    """
    years = group_by_month(articles)
    undated = [article for article in articles if article.date is None]
    pages: dict[str, NewsPage] = {}
    index_uri = context.uri("archive", "index.md")
    unknown_uri = context.uri("archive", "unknown.md")
    news_index = context.uri("index.md")

    markdown = (front_matter(title="بایگانی اخبار", type="listing") + "# بایگانی اخبار\n\n"
                "اخبار خوشه به سال و ماه خورشیدیِ انتشار اصلی‌شان. "
                f"[همه اخبار، تازه‌ترین نخست]({link(index_uri, news_index)})\n")
    html = [] if years or undated else [f"<p>{NO_NEWS}</p>"]
    for year in sorted(years, reverse=True):
        months = years[year]
        total = sum(len(items) for items in months.values())
        year_url = context.href(index_uri, year_uri(context, year))
        html.append(heading(2, str(year), html_link(year_url, to_persian_digits(year))))
        html.append(f"<p>{count_text(total, 'خبر')}</p>")
        items = "\n".join(
            f'<li data-count="{len(months[month])}" data-month="{year}-{month:02d}">'
            f"{html_link(f'{year_url}#{month_anchor(month)}', f'{JALALI_MONTHS[month - 1]} {to_persian_digits(year)}')}: "
            f"{count_text(len(months[month]), 'خبر')}</li>"
            for month in sorted(months, reverse=True)
        )
        html.append(f"<ul>\n{items}\n</ul>")
    if undated:
        html.append(heading(2, "تاریخ-انتشار-نامعلوم", "تاریخ انتشار نامعلوم"))
        html.append("<p>" + html_link(
            context.href(index_uri, unknown_uri), f"{count_text(len(undated), 'خبر')} که منبعشان تاریخ انتشار ندارد",
        ) + "</p>")
    pages[index_uri] = NewsPage(markdown, footer="\n".join(html))

    for year, months in years.items():
        here = year_uri(context, year)
        title = f"اخبار سال {to_persian_digits(year)}"
        markdown = (front_matter(title=title, type="listing") + f"# {title}\n\n"
                    f"[بایگانی اخبار]({link(here, index_uri)})\n")
        html = []
        for month in sorted(months, reverse=True):
            items = months[month]
            name = JALALI_MONTHS[month - 1]
            html.append(heading(
                2, month_anchor(month), f"{name} {to_persian_digits(year)}",
                f' data-count="{len(items)}" data-month="{year}-{month:02d}"',
            ))
            html.append(f"<p>{count_text(len(items), 'خبر')}</p>")
            # The section names the month and year already: each row says only its day.
            html.append(rows(
                items, here, context, lambda article: f"{to_persian_digits(jalali_parts(article.date)[2])} {name}",
            ))
        pages[here] = NewsPage(markdown, footer="\n".join(html))

    if undated:
        title = "اخبار با تاریخ انتشار نامعلوم"
        markdown = (front_matter(title=title, type="listing") + f"# {title}\n\n"
                    "منبع این خبرها تاریخ انتشارشان را ذکر نکرده است و خوشه تاریخی برایشان حدس نمی‌زند. "
                    "ترتیب آن‌ها روز افزوده شدن به خوشه است، تازه‌ترین نخست. "
                    f"[بایگانی اخبار]({link(unknown_uri, index_uri)})\n")
        count = f'<p class="khooshe-archive-count" data-count="{len(undated)}">{count_text(len(undated), "خبر")}</p>'
        footer = (f"{count}\n"
                  + rows(undated, unknown_uri, context, lambda article: f"افزوده در {persian_date(article.added)}"))
        pages[unknown_uri] = NewsPage(markdown, footer=footer)
    return pages


def tag_pages(articles: list[Article], context: Context) -> dict[str, NewsPage]:
    """The tags index (tags with counts) and one page of rows per tag, paginated by ``tag_page_size``."""
    tags = group_tags(articles)
    index_uri = context.uri("tags", "index.md")
    markdown = (front_matter(title="برچسب‌های اخبار", type="listing") + "# برچسب‌های اخبار\n\n"
                f"[همه اخبار]({link(index_uri, context.uri('index.md'))})\n")
    items = "\n".join(
        f"<li>{html_link(context.href(index_uri, tag_uri(context, tag.slug)), html_text(tag.label))}: "
        f"{count_text(len(tag.articles), 'خبر')}</li>"
        for tag in tags
    )
    footer = f"<ul>\n{items}\n</ul>" if tags else "<p>هنوز برچسبی به کار نرفته است.</p>"
    pages = {index_uri: NewsPage(markdown, footer=footer)}
    for tag in tags:
        def intro(here: str, tag: Tag = tag) -> str:
            return (f"{count_text(len(tag.articles), 'خبر')} با برچسب «{md_text(tag.label)}»، تازه‌ترین نخست. "
                    f"[همه برچسب‌ها]({link(here, index_uri)})\n")

        chunks = paginate(
            list(tag.articles), context.tag_page_size, tag_uri(context, tag.slug),
            context.uri("tags", tag.slug, "page", "{n}.md"),
        )
        pages.update(_paged_pages(
            chunks, f"برچسب: {tag.label}", intro, "",
            lambda chunk, here: rows(chunk, here, context, full_date), context,
        ))
    return pages


def all_pages(articles: list[Article], context: Context) -> dict[str, NewsPage]:
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


def source_credit(article: Article) -> str:
    source = article.source
    parts = [html_text(source.publisher)]
    if source.via:
        parts.append(f"به نقل از {html_text(source.via)}")
    if source.title:
        parts.append(f"با عنوان «{html_text(source.title)}»")
    credit = "، ".join(parts)
    if source.url:
        credit = html_link(source.url, credit)
    credit = f"<strong>منبع:</strong> {credit}."
    if article.date is None:
        credit += (f" منبع تاریخ انتشار این خبر را ذکر نکرده است؛ این خبر در "
                   f"<time datetime=\"{article.added.iso}\">{persian_date(article.added)}</time> به خوشه افزوده شد.")
    else:
        credit += f" تاریخ انتشار اصلی: {date_html(article, with_note=True)}."
    return f'<p class="khooshe-news-source">{credit}</p>'


def article_page(
    article: Article, context: Context, older: Article | None = None, newer: Article | None = None
) -> NewsPage:
    """The page of one article: its title and the editor's text as Markdown, header and footer as HTML."""
    here = article.src_uri
    header = [
        meta_line(article, here, context, with_tags=False),
        html_paragraphs(article.summary, ' class="khooshe-news-lead"'),  # the summary is plain text: no Markdown needed
    ]
    if article.image:
        image_url = context.href(here, join(dirname(here), article.image))  # the image sits beside the article
        image = f'<img alt="{escape(article.image_alt)}" src="{escape(image_url)}" />'
        header.append(f'<p class="khooshe-news-image">{image}</p>')
    footer = ["<hr />", source_credit(article)]
    if article.tags:
        tags = tag_links(article, here, context)
        footer.append(f'<p class="khooshe-news-tags"><strong>برچسب‌ها:</strong> {tags}</p>')
    if article.clusters:
        clusters = cluster_links(article, here, context)
        footer.append(f'<p class="khooshe-news-clusters"><strong>خوشه‌های مرتبط:</strong> {clusters}</p>')
    neighbour_links = []
    if older is not None:
        neighbour_links.append(f"خبر قبلی: {html_link(context.href(here, older.src_uri), html_text(older.title))}")
    if newer is not None:
        neighbour_links.append(f"خبر بعدی: {html_link(context.href(here, newer.src_uri), html_text(newer.title))}")
    neighbour_links.append(html_link(context.href(here, context.uri("index.md")), "همه اخبار"))
    footer.append(f'<p class="khooshe-news-pager">{" · ".join(neighbour_links)}</p>')
    body = article.body.strip("\n")
    markdown = f"# {md_text(article.title)}\n\n{body}\n"
    return NewsPage(markdown, header="\n".join(header), footer="\n".join(footer))

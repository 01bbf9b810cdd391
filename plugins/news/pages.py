"""The news pages Khooshe generates, as Markdown strings keyed by src_uri.

* listing: ``news/index.md``, ``news/page/2.md`` …, newest first, ``page_size`` a page;
* Jalali archive: ``news/archive/index.md``, ``news/archive/<year>/index.md``,
  ``news/archive/<year>/<month>.md`` and ``news/archive/unknown.md`` for items
  whose original date is unknown;
* tags: ``news/tags/index.md`` and ``news/tags/<slug>.md`` (paginated like the listing);
* each article's own page gets a header (date, province, source, tags, clusters)
  and previous/next links around the editor's text (:func:`article_markdown`).

Everything here is one pass over the sorted articles: no step is quadratic.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from math import ceil

from ..core.dates import JALALI_MONTHS, to_persian_digits
from .articles import Article
from ..core.markup import (
    attr, count_text, front_matter, jalali_parts, link, md_paragraphs, md_text, persian_date, persian_sort_key,
)

UNKNOWN_DATE = "تاریخ انتشار اصلی نامعلوم"


@dataclass
class Context:
    """What the pages need besides the articles: names and pages owned by other plugins."""

    base: str = "news"
    page_size: int = 10
    provinces: dict[str, str] = field(default_factory=dict)  # id → Persian name
    province_pages: dict[str, str] = field(default_factory=dict)  # id → src_uri of the province page
    clusters: dict[str, tuple[str, str]] = field(default_factory=dict)  # id → (name, src_uri)
    feeds: tuple[tuple[str, str], ...] = ()  # (label, site-root file name)

    def uri(self, *parts: str) -> str:
        return "/".join((self.base, *parts))


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


def month_uri(context: Context, year: int, month: int) -> str:
    return context.uri("archive", str(year), f"{month:02d}.md")


def year_uri(context: Context, year: int) -> str:
    return context.uri("archive", str(year), "index.md")


def tag_uri(context: Context, slug: str) -> str:
    return context.uri("tags", f"{slug}.md")


# --------------------------------------------------------------------------- pieces


def date_html(article: Article, with_note: bool = False) -> str:
    if article.date is None:
        return UNKNOWN_DATE
    text = f'<time datetime="{article.date.iso}">{persian_date(article.date)}</time>'
    if with_note and article.date_note:
        text += f" ({md_text(article.date_note)})"
    return text


def province_link(article: Article, here: str, context: Context) -> str:
    if not article.province:
        return ""
    name = md_text(context.provinces.get(article.province, article.province))
    target = context.province_pages.get(article.province)
    return f"استان [{name}]({link(here, target)})" if target else f"استان {name}"


def tag_links(article: Article, here: str, context: Context) -> str:
    return "، ".join(
        f"[{md_text(tag)}]({link(here, tag_uri(context, slug))})" for tag, slug in zip(article.tags, article.tag_slugs)
    )


def cluster_links(article: Article, here: str, context: Context) -> str:
    parts = []
    for cluster_id in article.clusters:
        if cluster_id in context.clusters:
            name, src_uri = context.clusters[cluster_id]
            parts.append(f"[{md_text(name)}]({link(here, src_uri)})")
        else:
            parts.append(md_text(cluster_id))
    return "، ".join(parts)


def meta_line(article: Article, here: str, context: Context, with_tags: bool = True) -> str:
    parts = [date_html(article)]
    province = province_link(article, here, context)
    if province:
        parts.append(province)
    parts.append(f"منبع: {md_text(article.source.publisher)}")
    if with_tags and article.tags:
        parts.append("برچسب‌ها: " + tag_links(article, here, context))
    return " · ".join(parts) + "\n{ .khooshe-news-meta }"


def card(article: Article, here: str, context: Context) -> str:
    """One item in a listing: linked title, meta line, summary."""
    return (
        f"### [{md_text(article.title)}]({link(here, article.src_uri)}) "
        f"{{ .khooshe-news-title data-date=\"{article.sort_date.iso}\" }}\n\n"
        f"{meta_line(article, here, context)}\n\n"
        f"{md_paragraphs(article.summary)}\n"
    )


def pager(here_index: int, uris: list[str], here: str) -> str:
    """``تازه‌ترها · صفحه ۲ از ۵ · قدیمی‌ترها`` with first/last when they are not adjacent."""
    if len(uris) <= 1:
        return ""
    parts = []
    if here_index > 1:
        parts.append(f"[نخستین صفحه]({link(here, uris[0])})")
    if here_index > 0:
        parts.append(f"[تازه‌ترها]({link(here, uris[here_index - 1])})")
    parts.append(f"صفحه {to_persian_digits(here_index + 1)} از {to_persian_digits(len(uris))}")
    if here_index < len(uris) - 1:
        parts.append(f"[قدیمی‌ترها]({link(here, uris[here_index + 1])})")
    if here_index < len(uris) - 2:
        parts.append(f"[آخرین صفحه]({link(here, uris[-1])})")
    return " · ".join(parts) + "\n{ .khooshe-pager }\n"


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
    items: list[Article], context: Context, first_uri: str, pattern: str, title: str, intro: str, empty: str,
    page_type: str = "listing",
) -> dict[str, str]:
    pages = paginate(items, context.page_size, first_uri, pattern)
    uris = [uri for uri, _ in pages]
    result = {}
    for index, (uri, chunk) in enumerate(pages):
        page_title = title if index == 0 else f"{title} — صفحه {to_persian_digits(index + 1)}"
        body = [front_matter(title=page_title, type=page_type), f"# {md_text(page_title)}\n", intro(uri)]
        if not chunk:
            body.append(empty + "\n")
        body.extend(card(article, uri, context) for article in chunk)
        body.append(pager(index, uris, uri))
        result[uri] = "\n".join(part for part in body if part)
    return result


# --------------------------------------------------------------------------- pages


def listing_pages(articles: list[Article], context: Context) -> dict[str, str]:
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

    return _paged_pages(
        articles, context, context.uri("index.md"), context.uri("page", "{n}.md"),
        "اخبار", intro, "هنوز خبری منتشر نشده است.",
    )


def archive_pages(articles: list[Article], context: Context) -> dict[str, str]:
    years = group_by_month(articles)
    undated = [article for article in articles if article.date is None]
    pages: dict[str, str] = {}
    index_uri = context.uri("archive", "index.md")
    unknown_uri = context.uri("archive", "unknown.md")
    news_index = context.uri("index.md")

    lines = [front_matter(title="بایگانی اخبار", type="listing"), "# بایگانی اخبار\n",
             "اخبار خوشه به سال و ماه خورشیدیِ انتشار اصلی‌شان. "
             f"[همه اخبار، تازه‌ترین نخست]({link(index_uri, news_index)})\n"]
    if not years and not undated:
        lines.append("هنوز خبری منتشر نشده است.\n")
    for year in sorted(years, reverse=True):
        months = years[year]
        total = sum(len(items) for items in months.values())
        lines.append(f"## [{to_persian_digits(year)}]({link(index_uri, year_uri(context, year))})\n")
        lines.append(f"{count_text(total, 'خبر')}\n")
        for month in sorted(months, reverse=True):
            label = f"{JALALI_MONTHS[month - 1]} {to_persian_digits(year)}"
            lines.append(
                f"- [{label}]({link(index_uri, month_uri(context, year, month))}): "
                f"{count_text(len(months[month]), 'خبر')}\n"
                f"  {{ data-month=\"{year}-{month:02d}\" data-count=\"{len(months[month])}\" }}"
            )
        lines.append("")
    if undated:
        lines.append("## تاریخ انتشار نامعلوم\n")
        lines.append(
            f"[{count_text(len(undated), 'خبر')} که منبعشان تاریخ انتشار ندارد]({link(index_uri, unknown_uri)})\n"
        )
    pages[index_uri] = "\n".join(lines)

    for year, months in years.items():
        here = year_uri(context, year)
        title = f"اخبار سال {to_persian_digits(year)}"
        lines = [front_matter(title=title, type="listing"), f"# {title}\n",
                 f"[بایگانی اخبار]({link(here, index_uri)})\n"]
        for month in sorted(months, reverse=True):
            items = months[month]
            lines.append(
                f"## [{JALALI_MONTHS[month - 1]}]({link(here, month_uri(context, year, month))})\n\n"
                f"{count_text(len(items), 'خبر')}\n"
            )
            lines.extend(
                f"- {to_persian_digits(jalali_parts(article.date)[2])} {JALALI_MONTHS[month - 1]}: "
                f"[{md_text(article.title)}]({link(here, article.src_uri)})"
                for article in items
            )
            lines.append("")
        pages[here] = "\n".join(lines)

        for month, items in months.items():
            here = month_uri(context, year, month)
            title = f"اخبار {JALALI_MONTHS[month - 1]} {to_persian_digits(year)}"
            body = [front_matter(title=title, type="listing"), f"# {title}\n",
                    f"[اخبار سال {to_persian_digits(year)}]({link(here, year_uri(context, year))}) · "
                    f"[بایگانی اخبار]({link(here, index_uri)})\n",
                    f"{count_text(len(items), 'خبر')}\n{{ .khooshe-archive-count data-count=\"{len(items)}\" }}\n"]
            body.extend(card(article, here, context) for article in items)
            pages[here] = "\n".join(body)

    if undated:
        title = "اخبار با تاریخ انتشار نامعلوم"
        body = [front_matter(title=title, type="listing"), f"# {title}\n",
                "منبع این خبرها تاریخ انتشارشان را ذکر نکرده است و خوشه تاریخی برایشان حدس نمی‌زند. "
                "ترتیب آن‌ها روز افزوده شدن به خوشه است، تازه‌ترین نخست. "
                f"[بایگانی اخبار]({link(unknown_uri, index_uri)})\n",
                f"{count_text(len(undated), 'خبر')}\n{{ .khooshe-archive-count data-count=\"{len(undated)}\" }}\n"]
        body.extend(card(article, unknown_uri, context) for article in undated)
        pages[unknown_uri] = "\n".join(body)
    return pages


def tag_pages(articles: list[Article], context: Context) -> dict[str, str]:
    tags = group_tags(articles)
    index_uri = context.uri("tags", "index.md")
    lines = [front_matter(title="برچسب‌های اخبار", type="listing"), "# برچسب‌های اخبار\n",
             f"[همه اخبار]({link(index_uri, context.uri('index.md'))})\n"]
    if not tags:
        lines.append("هنوز برچسبی به کار نرفته است.\n")
    for tag in tags:
        lines.append(
            f"- [{md_text(tag.label)}]({link(index_uri, tag_uri(context, tag.slug))}): "
            f"{count_text(len(tag.articles), 'خبر')}"
        )
    pages = {index_uri: "\n".join(lines) + "\n"}
    for tag in tags:
        def intro(here: str, tag: Tag = tag) -> str:
            return (f"خبرهای با برچسب «{md_text(tag.label)}»، تازه‌ترین نخست. "
                    f"[همه برچسب‌ها]({link(here, index_uri)})\n")

        pages.update(
            _paged_pages(
                list(tag.articles), context, tag_uri(context, tag.slug), context.uri("tags", tag.slug, "page", "{n}.md"),
                f"برچسب: {tag.label}", intro, "",
            )
        )
    return pages


def all_pages(articles: list[Article], context: Context) -> dict[str, str]:
    """Every generated news page, src_uri → Markdown."""
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
    parts = [md_text(source.publisher)]
    if source.via:
        parts.append(f"به نقل از {md_text(source.via)}")
    if source.title:
        parts.append(f"با عنوان «{md_text(source.title)}»")
    text = "، ".join(parts)
    if source.url:
        text = f"[{text}](<{attr(source.url)}>)"
    credit = f"**منبع:** {text}."
    if article.date is None:
        credit += (f" منبع تاریخ انتشار این خبر را ذکر نکرده است؛ این خبر در "
                   f"<time datetime=\"{article.added.iso}\">{persian_date(article.added)}</time> به خوشه افزوده شد.")
    else:
        credit += f" تاریخ انتشار اصلی: {date_html(article, with_note=True)}."
    return credit + "\n{ .khooshe-news-source }\n"


def article_markdown(
    article: Article, context: Context, older: Article | None = None, newer: Article | None = None
) -> str:
    """The page of one article: header, the editor's text, source credit, links, previous/next."""
    here = article.src_uri
    parts = [f"# {md_text(article.title)}\n", meta_line(article, here, context, with_tags=False) + "\n",
             md_paragraphs(article.summary) + "\n{ .khooshe-news-lead }\n"]
    if article.image:
        parts.append(f"![{attr(article.image_alt)}]({article.image})\n{{ .khooshe-news-image }}\n")
    parts.append(article.body.strip("\n") + "\n")
    parts.append("---\n")
    parts.append(source_credit(article))
    if article.tags:
        parts.append(f"**برچسب‌ها:** {tag_links(article, here, context)}\n{{ .khooshe-news-tags }}\n")
    if article.clusters:
        parts.append(f"**خوشه‌های مرتبط:** {cluster_links(article, here, context)}\n{{ .khooshe-news-clusters }}\n")
    neighbour_links = []
    if older is not None:
        neighbour_links.append(f"خبر قبلی: [{md_text(older.title)}]({link(here, older.src_uri)})")
    if newer is not None:
        neighbour_links.append(f"خبر بعدی: [{md_text(newer.title)}]({link(here, newer.src_uri)})")
    neighbour_links.append(f"[همه اخبار]({link(here, context.uri('index.md'))})")
    parts.append(" · ".join(neighbour_links) + "\n{ .khooshe-news-pager }\n")
    return "\n".join(parts)

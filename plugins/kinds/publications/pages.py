"""Generated publication pages: catalogue, one page per publication, people index and pages.

* ``publications/index.md`` — the catalogue: every publication as a list item
  carrying ``data-type`` / ``data-status`` / ``data-topics``; publications.js adds
  the filter form, so without JavaScript the list is simply complete;
* ``publications/<id>.md`` — facts, summary, a ready-to-copy Persian citation;
* ``people/index.md`` and ``people/<person-id>.md`` — every author and
  translator with everything they wrote or translated.

Every page is a :class:`GeneratedPage`: Markdown for what must be Markdown (front
matter, the ``# title``, ``##`` headings for the table of contents, fixed prose)
with a slot (:func:`plugins.views.markup.slot`) where each structure built from
records goes, and the HTML of each slot, which the plugin puts into the converted
page. Python-Markdown cost about 2.5 ms a publication page, 1.5 ms a person page
and 40 ms a catalogue of 110 items more than the bare title and headings; the same
HTML built here costs next to nothing. Record text is escaped with ``html.escape``
and links are the final relative URLs MkDocs would have written
(:func:`plugins.views.markup.href`); MkDocs no longer validates them, so the tests
check that every link of a built site resolves.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from html import escape

from plugins.model.dates import to_persian_digits
from plugins.views.markup import (
    GeneratedPage, count_text, front_matter, href, html_admonition, html_link, html_paragraphs, html_text, join_persian, link, md_text, slot,
)
from plugins.kinds.publications.records import LANGUAGES, TYPES, Catalogue, Credit, Person, Publication, Reported

CATALOGUE_URI = "publications/index.md"
PEOPLE_URI = "people/index.md"


@dataclass
class Context:
    clusters: dict[str, tuple[str, str]] = field(default_factory=dict)  # id → (name, src_uri)
    news: dict[str, tuple[str, str]] = field(default_factory=dict)  # news id → (title, src_uri)
    use_directory_urls: bool = True  # MkDocs' setting: the form of every HTML link

    def href(self, here: str, target: str) -> str:
        """The URL of ``target`` (a src_uri) in an HTML link on the page of ``here``."""
        return href(here, target, self.use_directory_urls)


# --------------------------------------------------------------------------- text pieces


def file_size(size: int) -> str:
    """«۳۱۲ کیلوبایت», «۲٫۴ مگابایت»."""
    if size < 1024 * 1024:
        return f"{to_persian_digits(max(1, round(size / 1024)))} کیلوبایت"
    return to_persian_digits(f"{size / (1024 * 1024):.1f}").replace(".", "٫") + " مگابایت"


def credit_line(publication: Publication) -> str:
    """«نوشته الف و ب · ترجمه پ» in plain text."""
    parts = []
    if publication.authors:
        parts.append("نوشته " + join_persian([person.name for person in publication.authors]))
    if publication.translators:
        parts.append("ترجمه " + join_persian([person.name for person in publication.translators]))
    return " · ".join(parts)


def citation(publication: Publication) -> str:
    """A ready-to-copy Persian reference, in the usual Persian bibliographic order.

    ``نام خانوادگی، نام؛ … (سال). عنوان. ترجمه … . ناشر. شابک …``
    Unknown year: «بی‌تا»; in preparation: «در دست آماده‌سازی». Nothing is guessed.
    """
    parts = []
    if publication.status == "in-preparation":
        year = "در دست آماده‌سازی"
    elif publication.year:
        year = to_persian_digits(publication.year)
    else:
        year = "بی‌تا"
    title = f"«{publication.title}»" if publication.type == "article" else publication.title
    if publication.authors:
        parts.append("؛ ".join(person.sort_name for person in publication.authors) + f" ({year}).")
        parts.append(f"{title}.")
    else:
        parts.append(f"{title} ({year}).")
    if publication.translators:
        parts.append("ترجمه " + join_persian([person.name for person in publication.translators]) + ".")
    if publication.publisher:
        parts.append(f"{publication.publisher}.")
    if publication.isbn:
        parts.append(f"شابک {publication.isbn}.")
    return " ".join(parts)


# --------------------------------------------------------------------------- HTML pieces


def people_links(people: tuple[Person, ...], here: str, context: Context) -> str:
    return join_persian([html_link(context.href(here, person.src_uri), html_text(person.name)) for person in people])


def source_text(credit: Credit) -> str:
    """«ناشر، «عنوان»» as HTML text."""
    return html_text(credit.publisher) + (f"، «{html_text(credit.title)}»" if credit.title else "")


def reported_block(item: Reported, here: str, context: Context, counted: int, noun: str) -> str:
    """A figure the programme reported, as the admonition Markdown's ``!!! info`` would make."""
    when = f"تاریخ گزارش: {item.date.persian()}" if item.date else "تاریخ گزارش در منبع نیامده است"
    source = source_text(item.source)
    if item.news and item.news in context.news:
        _, src_uri = context.news[item.news]
        source += f" ({html_link(context.href(here, src_uri), 'خبر در خوشه')})"
    return html_admonition(
        "info", "رقم گزارش‌شده",
        f"<strong>{html_text(item.text)}</strong> — به گفته {html_text(item.said_by)}. منبع: {source}. {when}.",
        f"این رقم گزارش برنامه است، نه شمارش این فهرست: فهرست زیر فقط {count_text(counted, noun)} را دارد "
        "که نامشان در منابع آمده است.",
    )


def items_list(items: list[str]) -> str:
    return "<ul>\n" + "\n".join(items) + "\n</ul>"


# --------------------------------------------------------------------------- pages


def catalogue_page(catalogue: Catalogue, context: Context) -> GeneratedPage:
    here = CATALOGUE_URI
    publications = catalogue.publications
    counts = Counter(publication.type for publication in publications)
    markdown = "\n".join([
        front_matter(title="انتشارات", type="listing"),
        "# انتشارات\n",
        "کتاب‌ها، مقاله‌ها، راهنماها، گزارش‌ها و مجموعه‌هایی که برای فرهنگ‌سازی و اطلاع‌رسانی درباره خوشه‌ها "
        "منتشر شده یا در دست آماده‌سازی است. هر انتشار صفحه‌ای دارد با ارجاع آماده برای رونوشت؛ "
        f"[نمایه افراد]({link(here, PEOPLE_URI)}) نوشته‌ها و ترجمه‌های هر نویسنده و مترجم را نشان می‌دهد.\n",
        slot("catalogue"),
    ])
    html = [reported_block(item, here, context, counts.get("book", 0), "کتاب") for item in catalogue.reported]
    if not publications:
        html.append("<p>هنوز انتشاری ثبت نشده است.</p>")
        return GeneratedPage(markdown, {"catalogue": "\n".join(html)})
    summary = join_persian([count_text(counts[kind], TYPES[kind]) for kind in TYPES if counts[kind]])
    html.append(f'<p class="khooshe-pub-count">در این فهرست: {summary}.</p>')
    items = []
    for publication in publications:
        details = [publication.type_label, publication.status_label]
        if publication.year:
            details.append(to_persian_digits(publication.year))
        credit = credit_line(publication)
        if credit:
            details.append(html_text(credit))
        # publications.js builds the filter form from these attributes.
        items.append(
            f'<li class="khooshe-pub-item" data-status="{publication.status}" '
            f'data-status-label="{publication.status_label}" '
            f'data-topic-labels="{escape("|".join(publication.topics))}" '
            f'data-topics="{escape(" ".join(publication.topic_slugs))}" '
            f'data-type="{publication.type}" data-type-label="{publication.type_label}">'
            f"{html_link(context.href(here, publication.src_uri), html_text(publication.title))} — {' · '.join(details)}</li>"
        )
    html.append(items_list(items))
    return GeneratedPage(markdown, {"catalogue": "\n".join(html)})


def publication_page(publication: Publication, context: Context) -> GeneratedPage:
    here = publication.src_uri
    markdown = "\n".join([
        front_matter(title=publication.title, type="publication"),
        f"# {md_text(publication.title)}\n",
        slot("facts"),
        "## معرفی\n",
        slot("summary"),
        "## ارجاع\n",
        slot("citation"),
    ])
    return GeneratedPage(markdown, {
        "facts": facts(publication, here, context),
        "summary": html_paragraphs(publication.summary),
        "citation": citation_html(publication, here, context),
    })


def facts(publication: Publication, here: str, context: Context) -> str:
    """The cover, if any, and the table of what the record says."""
    rows = [("نوع", publication.type_label), ("وضعیت", publication.status_label)]
    if publication.authors:
        rows.append(("نویسنده", people_links(publication.authors, here, context)))
    if publication.translators:
        rows.append(("مترجم", people_links(publication.translators, here, context)))
    if publication.publisher:
        rows.append(("ناشر", html_text(publication.publisher)))
    rows.append(("سال انتشار", to_persian_digits(publication.year) if publication.year else "در منبع نیامده است"))
    if publication.isbn:
        rows.append(("شابک", f'<span dir="ltr">{to_persian_digits(publication.isbn)}</span>'))
    if publication.language:
        rows.append(("زبان", LANGUAGES[publication.language]))
    if publication.topics:
        catalogue = context.href(here, CATALOGUE_URI)
        rows.append(("موضوع‌ها", "، ".join(
            html_link(f"{catalogue}?topic={slug}", html_text(topic))
            for topic, slug in zip(publication.topics, publication.topic_slugs)
        )))
    if publication.clusters:
        rows.append(("خوشه‌های مرتبط", "، ".join(cluster_link(cluster_id, here, context)
                                                 for cluster_id in publication.clusters)))
    if publication.file:
        rows.append(("پرونده", html_link(context.href(here, "publications/" + publication.file.path),
                                      f"دریافت PDF ({file_size(publication.file.size)})")))
    html = []
    if publication.cover:
        cover = context.href(here, "publications/" + publication.cover)
        html.append(f'<p><img alt="جلد {escape(publication.title)}" class="khooshe-pub-cover" '
                    f'src="{escape(cover)}" /></p>')
    body = "\n".join(f"<tr><td>{name}</td><td>{value}</td></tr>" for name, value in rows)
    html.append(f"<table>\n<thead>\n<tr><th>ویژگی</th><th>مقدار</th></tr>\n</thead>\n<tbody>\n{body}\n</tbody>\n</table>")
    return "\n".join(html)


def cluster_link(cluster_id: str, here: str, context: Context) -> str:
    if cluster_id in context.clusters:
        name, src_uri = context.clusters[cluster_id]
        return html_link(context.href(here, src_uri), html_text(name))
    return html_text(cluster_id)


def citation_html(publication: Publication, here: str, context: Context) -> str:
    """The citation (publications.js adds its copy button), where the facts come from, the way back."""
    html = ["<p>این ارجاع را برای فهرست منابع رونوشت کنید:</p>",
            f'<p class="khooshe-citation" dir="rtl">{html_text(citation(publication))}</p>']
    if publication.source:
        source = source_text(publication.source)
        if publication.source.url:
            source = html_link(publication.source.url, source)
        html.append(f'<p class="khooshe-pub-source"><strong>منبع این اطلاعات:</strong> {source}</p>')
    html.append(f"<p>{html_link(context.href(here, CATALOGUE_URI), 'همه انتشارات')} · "
                f"{html_link(context.href(here, PEOPLE_URI), 'نمایه افراد')}</p>")
    return "\n".join(html)


ROLE_TITLES = {"author": "نوشته‌ها", "translator": "ترجمه‌ها"}


def people_index(catalogue: Catalogue, context: Context) -> GeneratedPage:
    works = catalogue.works_of()
    here = PEOPLE_URI
    markdown = "\n".join([
        front_matter(title="نمایه افراد", type="listing"), "# نمایه افراد\n",
        f"نویسندگان و مترجمان [انتشارات]({link(here, CATALOGUE_URI)})، به ترتیب نام خانوادگی.\n",
        slot("people"),
    ])
    if not catalogue.people:
        return GeneratedPage(markdown, {"people": "<p>هنوز کسی در فهرست افراد نیست.</p>"})
    items = []
    for person in catalogue.people.values():
        roles = Counter(role for _, role in works.get(person.id, ()))
        parts = []
        if roles["author"]:
            parts.append(count_text(roles["author"], "نوشته"))
        if roles["translator"]:
            parts.append(count_text(roles["translator"], "ترجمه"))
        items.append(f"<li>{html_link(context.href(here, person.src_uri), html_text(person.sort_name))}: {join_persian(parts)}</li>")
    return GeneratedPage(markdown, {"people": items_list(items)})


def person_page(person: Person, works: list[tuple[Publication, str]], context: Context) -> GeneratedPage:
    here = person.src_uri
    lines = [front_matter(title=person.name, type="person"), f"# {md_text(person.name)}\n", slot("intro")]
    intro = []
    if person.name_en:
        intro.append(f'<p class="khooshe-person-latin"><span dir="ltr" lang="en">{html_text(person.name_en)}</span></p>')
    intro.append(f"<p>{count_text(len(works), 'اثر')} در {html_link(context.href(here, CATALOGUE_URI), 'انتشارات')}.</p>")
    slots = {"intro": "\n".join(intro)}
    for role, heading in ROLE_TITLES.items():
        items = []
        for publication, work_role in works:
            if work_role != role:
                continue
            others = publication.authors if role == "translator" else publication.translators
            detail = [publication.type_label, publication.status_label]
            if others:
                prefix = "نوشته " if role == "translator" else "ترجمه "
                detail.append(prefix + join_persian([html_text(p.name) for p in others]))
            items.append(f'<li data-publication="{publication.id}" data-role="{role}">'
                         f"{html_link(context.href(here, publication.src_uri), html_text(publication.title))}"
                         f" — {' · '.join(detail)}</li>")
        if items:  # the heading stays Markdown: the table of contents lists it
            lines += [f"## {heading}\n", slot(role)]
            slots[role] = items_list(items)
    lines.append(slot("footer"))
    slots["footer"] = f"<p>{html_link(context.href(here, PEOPLE_URI), 'نمایه افراد')}</p>"
    return GeneratedPage("\n".join(lines), slots)


def all_pages(catalogue: Catalogue, context: Context) -> dict[str, GeneratedPage]:
    """Every generated page, by src_uri."""
    pages = {CATALOGUE_URI: catalogue_page(catalogue, context), PEOPLE_URI: people_index(catalogue, context)}
    for publication in catalogue.publications:
        pages[publication.src_uri] = publication_page(publication, context)
    works = catalogue.works_of()
    for person in catalogue.people.values():
        pages[person.src_uri] = person_page(person, works.get(person.id, []), context)
    return pages

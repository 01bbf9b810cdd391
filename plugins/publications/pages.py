"""Generated publication pages: catalogue, one page per publication, people index and pages.

* ``publications/index.md`` — the catalogue: every publication as a list item
  carrying ``data-type`` / ``data-status`` / ``data-topics``; publications.js adds
  the filter form, so without JavaScript the list is simply complete;
* ``publications/<id>.md`` — facts, summary, a ready-to-copy Persian citation;
* ``people/index.md`` and ``people/<person-id>.md`` — every author and
  translator with everything they wrote or translated.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..core.dates import to_persian_digits
from ..core.markup import attr, count_text, front_matter, join_persian, link, md_paragraphs, md_text
from .records import LANGUAGES, TYPES, Catalogue, Person, Publication, Reported

CATALOGUE_URI = "publications/index.md"
PEOPLE_URI = "people/index.md"


@dataclass
class Context:
    clusters: dict[str, tuple[str, str]] = field(default_factory=dict)  # id → (name, src_uri)
    news: dict[str, tuple[str, str]] = field(default_factory=dict)  # news id → (title, src_uri)


# --------------------------------------------------------------------------- text pieces


def file_size(size: int) -> str:
    """«۳۱۲ کیلوبایت», «۲٫۴ مگابایت»."""
    if size < 1024 * 1024:
        return f"{to_persian_digits(max(1, round(size / 1024)))} کیلوبایت"
    return to_persian_digits(f"{size / (1024 * 1024):.1f}").replace(".", "٫") + " مگابایت"


def people_links(people: tuple[Person, ...], here: str) -> str:
    return join_persian([f"[{md_text(person.name)}]({link(here, person.src_uri)})" for person in people])


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


def reported_block(item: Reported, here: str, context: Context, counted: int, noun: str) -> str:
    when = f"تاریخ گزارش: {item.date.persian()}" if item.date else "تاریخ گزارش در منبع نیامده است"
    source = md_text(item.source.publisher)
    if item.source.title:
        source += f"، «{md_text(item.source.title)}»"
    if item.news and item.news in context.news:
        title, src_uri = context.news[item.news]
        source += f" ([خبر در خوشه]({link(here, src_uri)}))"
    return (
        f'!!! info "رقم گزارش‌شده"\n'
        f"    **{md_text(item.text)}** — به گفته {md_text(item.said_by)}. منبع: {source}. {when}.\n\n"
        f"    این رقم گزارش برنامه است، نه شمارش این فهرست: فهرست زیر فقط {count_text(counted, noun)} را دارد "
        f"که نامشان در منابع آمده است.\n"
    )


# --------------------------------------------------------------------------- pages


def catalogue_page(catalogue: Catalogue, context: Context) -> str:
    here = CATALOGUE_URI
    publications = catalogue.publications
    counts = Counter(publication.type for publication in publications)
    summary = join_persian([count_text(counts[kind], TYPES[kind]) for kind in TYPES if counts[kind]])
    lines = [
        front_matter(title="انتشارات", type="listing"),
        "# انتشارات\n",
        "کتاب‌ها، مقاله‌ها، راهنماها، گزارش‌ها و مجموعه‌هایی که برای فرهنگ‌سازی و اطلاع‌رسانی درباره خوشه‌ها "
        "منتشر شده یا در دست آماده‌سازی است. هر انتشار صفحه‌ای دارد با ارجاع آماده برای رونوشت؛ "
        f"[نمایه افراد]({link(here, PEOPLE_URI)}) نوشته‌ها و ترجمه‌های هر نویسنده و مترجم را نشان می‌دهد.\n",
    ]
    for item in catalogue.reported:
        lines.append(reported_block(item, here, context, counts.get("book", 0), "کتاب"))
    if not publications:
        lines.append("هنوز انتشاری ثبت نشده است.\n")
        return "\n".join(lines)
    lines.append(f"در این فهرست: {summary}.\n{{ .khooshe-pub-count }}\n")
    for publication in publications:
        details = [publication.type_label, publication.status_label]
        if publication.year:
            details.append(to_persian_digits(publication.year))
        credit = credit_line(publication)
        if credit:
            details.append(md_text(credit))
        topic_labels = "|".join(attr(topic) for topic in publication.topics)
        lines.append(
            f"- [{md_text(publication.title)}]({link(here, publication.src_uri)}) — {' · '.join(details)}\n"
            f'  {{ .khooshe-pub-item data-type="{publication.type}" data-type-label="{publication.type_label}" '
            f'data-status="{publication.status}" data-status-label="{publication.status_label}" '
            f'data-topics="{" ".join(publication.topic_slugs)}" data-topic-labels="{topic_labels}" }}'
        )
    return "\n".join(lines) + "\n"


def publication_page(publication: Publication, context: Context) -> str:
    here = publication.src_uri
    lines = [front_matter(title=publication.title, type="publication"), f"# {md_text(publication.title)}\n"]
    if publication.cover:
        lines.append(f"![جلد {attr(publication.title)}]({link(here, 'publications/' + publication.cover)})"
                     "{ .khooshe-pub-cover }\n")
    rows = [("نوع", publication.type_label), ("وضعیت", publication.status_label)]
    if publication.authors:
        rows.append(("نویسنده", people_links(publication.authors, here)))
    if publication.translators:
        rows.append(("مترجم", people_links(publication.translators, here)))
    if publication.publisher:
        rows.append(("ناشر", md_text(publication.publisher)))
    rows.append(("سال انتشار", to_persian_digits(publication.year) if publication.year else "در منبع نیامده است"))
    if publication.isbn:
        rows.append(("شابک", f'<span dir="ltr">{to_persian_digits(publication.isbn)}</span>'))
    if publication.language:
        rows.append(("زبان", LANGUAGES[publication.language]))
    if publication.topics:
        rows.append(("موضوع‌ها", "، ".join(
            f"[{md_text(topic)}]({link(here, CATALOGUE_URI)}?topic={slug})"
            for topic, slug in zip(publication.topics, publication.topic_slugs)
        )))
    if publication.clusters:
        rows.append(("خوشه‌های مرتبط", "، ".join(_cluster_link(cluster_id, here, context)
                                                 for cluster_id in publication.clusters)))
    if publication.file:
        rows.append(("پرونده", f"[دریافت PDF ({file_size(publication.file.size)})]"
                               f"({link(here, 'publications/' + publication.file.path)})"))
    lines.append("| ویژگی | مقدار |\n| --- | --- |")
    lines.extend(f"| {name} | {value} |" for name, value in rows)
    lines.append("")
    lines.append("## معرفی\n")
    lines.append(md_paragraphs(publication.summary) + "\n")
    lines.append("## ارجاع\n")
    lines.append("این ارجاع را برای فهرست منابع رونوشت کنید:\n")
    lines.append(md_text(citation(publication)) + '\n{ .khooshe-citation dir="rtl" }\n')
    if publication.source:
        source = md_text(publication.source.publisher)
        if publication.source.title:
            source += f"، «{md_text(publication.source.title)}»"
        if publication.source.url:
            source = f"[{source}](<{attr(publication.source.url)}>)"
        lines.append(f"**منبع این اطلاعات:** {source}\n{{ .khooshe-pub-source }}\n")
    lines.append(f"[همه انتشارات]({link(here, CATALOGUE_URI)}) · [نمایه افراد]({link(here, PEOPLE_URI)})\n")
    return "\n".join(lines)


def _cluster_link(cluster_id: str, here: str, context: Context) -> str:
    if cluster_id in context.clusters:
        name, src_uri = context.clusters[cluster_id]
        return f"[{md_text(name)}]({link(here, src_uri)})"
    return md_text(cluster_id)


ROLE_TITLES = {"author": "نوشته‌ها", "translator": "ترجمه‌ها"}


def people_index(catalogue: Catalogue) -> str:
    works = catalogue.works_of()
    here = PEOPLE_URI
    lines = [front_matter(title="نمایه افراد", type="listing"), "# نمایه افراد\n",
             "نویسندگان و مترجمان [انتشارات]"
             f"({link(here, CATALOGUE_URI)})، به ترتیب نام خانوادگی.\n"]
    if not catalogue.people:
        lines.append("هنوز کسی در فهرست افراد نیست.\n")
    for person in catalogue.people.values():
        roles = Counter(role for _, role in works.get(person.id, ()))
        parts = []
        if roles["author"]:
            parts.append(count_text(roles["author"], "نوشته"))
        if roles["translator"]:
            parts.append(count_text(roles["translator"], "ترجمه"))
        lines.append(f"- [{md_text(person.sort_name)}]({link(here, person.src_uri)}): {join_persian(parts)}")
    return "\n".join(lines) + "\n"


def person_page(person: Person, works: list[tuple[Publication, str]]) -> str:
    here = person.src_uri
    lines = [front_matter(title=person.name, type="person"), f"# {md_text(person.name)}\n"]
    if person.name_en:
        lines.append(f'<span dir="ltr" lang="en">{md_text(person.name_en)}</span>\n{{ .khooshe-person-latin }}\n')
    total = len(works)
    lines.append(f"{count_text(total, 'اثر')} در [انتشارات]({link(here, CATALOGUE_URI)}).\n")
    for role, heading in ROLE_TITLES.items():
        items = [publication for publication, work_role in works if work_role == role]
        if not items:
            continue
        lines.append(f"## {heading}\n")
        for publication in items:
            others = publication.authors if role == "translator" else publication.translators
            detail = [publication.type_label, publication.status_label]
            if others:
                prefix = "نوشته " if role == "translator" else "ترجمه "
                detail.append(prefix + join_persian([md_text(p.name) for p in others]))
            lines.append(f"- [{md_text(publication.title)}]({link(here, publication.src_uri)}) — {' · '.join(detail)}\n"
                         f'  {{ data-role="{role}" data-publication="{publication.id}" }}')
        lines.append("")
    lines.append(f"[نمایه افراد]({link(here, PEOPLE_URI)})\n")
    return "\n".join(lines)


def all_pages(catalogue: Catalogue, context: Context) -> dict[str, str]:
    pages = {CATALOGUE_URI: catalogue_page(catalogue, context), PEOPLE_URI: people_index(catalogue)}
    for publication in catalogue.publications:
        pages[publication.src_uri] = publication_page(publication, context)
    works = catalogue.works_of()
    for person in catalogue.people.values():
        pages[person.src_uri] = person_page(person, works.get(person.id, []))
    return pages

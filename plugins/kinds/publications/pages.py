"""Generated publication pages: the data each template needs (the HTML is in ``templates/``).

* ``publications/index.md`` — the catalogue (``catalogue.html``): every publication as a
  list item whose ``data-`` attributes publications.js builds the filter form from;
* ``publications/<id>.md`` — facts, summary, a ready-to-copy Persian citation (``publication.html``);
* ``people/index.md`` and ``people/<person-id>.md`` — every author and translator with
  everything they wrote or translated (``people.html``, ``person.html``).

Pages are rendered by :meth:`plugins.views.render.Templates.page`; ``url_for(src_uri)``
gives the ``url`` function of the page being rendered (the adapter asks MkDocs' ``File``).
Topics are a taxonomy (:func:`plugins.views.taxonomy.group_terms`): one label per slug,
the spelling most publications use, wherever the topic is shown.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import partial
from typing import Callable, NamedTuple

from plugins.model.dates import to_persian_digits
from plugins.model.filememo import unchanged
from plugins.views import sharing
from plugins.views.render import GeneratedPage, Templates, Url
from plugins.views.taxonomy import Term, group_terms
from plugins.kinds.publications.records import LANGUAGES, TYPES, Catalogue, Person, Publication, Work

CATALOGUE_URI = "publications/index.md"
PEOPLE_URI = "people/index.md"
URIS = {"catalogue_uri": CATALOGUE_URI, "people_uri": PEOPLE_URI}


class Linked(NamedTuple):
    """A page of another kind that publication pages link to."""

    name: str
    src_uri: str


@dataclass
class Context:
    """What other kinds contribute: the names and pages publications link to."""

    clusters: dict[str, Linked] = field(default_factory=dict)  # cluster id → its profile
    news: dict[str, str] = field(default_factory=dict)  # news id → src_uri


def file_size(size: int) -> str:
    """«۳۱۲ کیلوبایت», «۲٫۴ مگابایت»."""
    if size < 1024 * 1024:
        return f"{to_persian_digits(max(1, round(size / 1024)))} کیلوبایت"
    return to_persian_digits(f"{size / (1024 * 1024):.1f}").replace(".", "٫") + " مگابایت"


def _names(people: tuple[Person, ...]) -> str:
    names = [person.name for person in people]
    return names[0] if len(names) == 1 else "، ".join(names[:-1]) + " و " + names[-1]


def citation(publication: Publication) -> str:
    """A ready-to-copy Persian reference, in the usual Persian bibliographic order.

    ``نام خانوادگی، نام؛ … (سال). عنوان. ترجمه … . ناشر. شابک …``
    Unknown year: «بی‌تا»; in preparation: «در دست آماده‌سازی». Nothing is guessed.
    Plain text, the same in every template that shows it (and tested as such).
    """
    if publication.status == "in-preparation":
        year = "در دست آماده‌سازی"
    elif publication.year:
        year = to_persian_digits(publication.year)
    else:
        year = "بی‌تا"
    title = f"«{publication.title}»" if publication.type == "article" else publication.title
    if publication.authors:
        parts = ["؛ ".join(person.sort_name for person in publication.authors) + f" ({year}).", f"{title}."]
    else:
        parts = [f"{title} ({year})."]
    if publication.translators:
        parts.append(f"ترجمه {_names(publication.translators)}.")
    if publication.publisher:
        parts.append(f"{publication.publisher}.")
    if publication.isbn:
        parts.append(f"شابک {publication.isbn}.")
    return " ".join(parts)


def topics(catalogue: Catalogue) -> dict[str, Term[Publication]]:
    """Topic slug → term (its label and publications)."""
    terms = group_terms(catalogue.publications, lambda p: zip(p.topic_slugs, p.topics))
    return {term.key: term for term in terms}


def all_pages(
    catalogue: Catalogue, context: Context, templates: Templates, url_for: Callable[[str], Url],
) -> dict[str, GeneratedPage]:
    """Every generated page, by src_uri."""
    # What every page may show: the labels of the topics (not their publications), so an edit of one
    # record leaves the other pages' data equal, and the preview makes them again only when it is not.
    shared = unchanged("publications shared", {
        **URIS, "topic_labels": {key: term.label for key, term in topics(catalogue).items()}})

    def page(name: str, src_uri: str, **data) -> GeneratedPage:
        return templates.remembered_page(f"publications/{name}", src_uri, url_for(src_uri), (shared, data),
                                         **shared, **data)

    counts = Counter(publication.type for publication in catalogue.publications)
    pages = {CATALOGUE_URI: page(
        "catalogue.html", CATALOGUE_URI, publications=catalogue.publications, reported=catalogue.reported, news=context.news,
        books=counts.get("book", 0), type_counts=[(TYPES[kind], counts[kind]) for kind in TYPES if counts[kind]],
    )}
    works = catalogue.works_of()
    people = [(person, *_role_counts(works.get(person.id, ()))) for person in catalogue.people.values()]
    pages[PEOPLE_URI] = page("people.html", PEOPLE_URI, people=people)
    for publication in catalogue.publications:
        pages[publication.src_uri] = page(
            "publication.html", publication.src_uri, p=publication, citation=citation(publication),
            clusters={key: context.clusters[key] for key in publication.clusters if key in context.clusters},
            languages=LANGUAGES, file_size=file_size(publication.file.size) if publication.file else "",
        )
    for person in catalogue.people.values():
        pages[person.src_uri] = page("person.html", person.src_uri, person=person, works=works.get(person.id, []))
    return pages


# --------------------------------------------------------------------------- sharing

# The schema.org type of each publication type: an article is a ScholarlyArticle, anything bound is a Book.
SCHEMA_TYPES = {"article": "ScholarlyArticle"}


def shares(catalogue: Catalogue, context: sharing.ShareContext) -> sharing.RecordShares:
    """Each publication and person, and what makes its Share (the kind's ``shares``)."""
    for publication in catalogue.publications:
        yield publication, partial(share, publication, context.absolute)
    for person in catalogue.people.values():
        yield person, partial(share_person, person, context.absolute)


def share(publication: Publication, absolute: sharing.Absolute) -> sharing.Share:
    """A publication's Book or ScholarlyArticle, its authors and translators as Person (a Jalali year is no ISO date)."""
    schema_type = SCHEMA_TYPES.get(publication.type, "Book")
    data: dict = {"@type": schema_type, "name": publication.title, "url": absolute(publication.src_uri),
                  "description": " ".join(publication.summary.split())}
    if schema_type == "ScholarlyArticle":
        data["headline"] = publication.title
    if publication.authors:
        data["author"] = [person_data(person, absolute) for person in publication.authors]
    if publication.translators:
        data["translator"] = [person_data(person, absolute) for person in publication.translators]
    if publication.publisher:
        data["publisher"] = sharing.organization(publication.publisher)
    if publication.isbn and schema_type == "Book":
        data["isbn"] = publication.isbn
    if publication.language:
        data["inLanguage"] = publication.language  # the schema's codes are BCP 47: fa, en, ar
    image = None
    if publication.cover:
        image = sharing.Image(absolute(f"publications/{publication.cover}"), f"جلد {publication.title}")
        data["image"] = image.url
    properties = (("book:isbn", publication.isbn),) if publication.isbn and schema_type == "Book" else ()
    return sharing.Share(og_type="book" if schema_type == "Book" else "article", image=image,
                         properties=properties, structured=(data,))


def share_person(person: Person, absolute: sharing.Absolute) -> sharing.Share:
    return sharing.Share(og_type="profile", structured=(person_data(person, absolute),))


def person_data(person: Person, absolute: sharing.Absolute) -> dict:
    data = {"@type": "Person", "name": person.name, "url": absolute(person.src_uri)}
    if person.name_en:
        data["alternateName"] = person.name_en
    return data


def _role_counts(works: list[Work] | tuple[()]) -> tuple[int, int]:
    """(works written, works translated)."""
    roles = Counter(work.role for work in works)
    return roles["author"], roles["translator"]

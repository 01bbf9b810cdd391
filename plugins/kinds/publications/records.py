"""Publications, the people who wrote or translated them, and reported figures.

Files in the publications folder (``publications/`` at the project root):

* ``<id>.yml`` — one publication (book, article, guide, report, series);
* ``people/<id>.yml`` — one person who wrote or translated a publication: the parts of their name;
* ``reported.yml`` — figures the programme has reported (e.g. «about 21 books»),
  shown as reported, never mixed with what the records count;
* ``files/`` — PDFs and cover images the records point to.

Each file's format is a schema beside this module (``schema.yml``,
``people.schema.yml``, ``reported.schema.yml``) checked by the one validator;
the rules a schema cannot say follow (:func:`publication_values`). Everything is
validated at once; each problem is one :class:`ContentError`.
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Collection, NamedTuple

from plugins.kinds.fields import cluster_ids as cluster_ids_of, failed_fields, items, known_ids, labels, one_line, paragraphs
from plugins.kinds.publications.isbn import EXPECTED_ISBN, IsbnError, check_isbn
from plugins.model.dates import Date, parse_date, parse_jalali_year, to_latin_digits
from plugins.model.errors import ContentError
from plugins.model.filememo import fingerprint, per_file
from plugins.model.messages import near
from plugins.model.validation import SchemaValidator, as_number, read_schema
from plugins.model.yamlio import YamlList, YamlMap, load_yaml_file, relative_path, sorted_paths
from plugins.model.slugs import RECORD_ID_EXPECTED, is_record_id
from plugins.model.collation import persian_sort_key
from plugins.model.slugs import label_slug

# The three files' formats, as data: a publication, a person, the reported figures.
KIND_DIR = Path(__file__).resolve().parent
SCHEMA = read_schema(KIND_DIR / "schema.yml")
PEOPLE_SCHEMA = read_schema(KIND_DIR / "people.schema.yml")
REPORTED_SCHEMA = read_schema(KIND_DIR / "reported.schema.yml")
_PUBLICATION = SchemaValidator(SCHEMA)
_PEOPLE = SchemaValidator(PEOPLE_SCHEMA)
_REPORTED = SchemaValidator(REPORTED_SCHEMA, refs=[SCHEMA])

TYPES: dict[str, str] = SCHEMA["properties"]["type"]["x-labels"]
STATUSES: dict[str, str] = SCHEMA["properties"]["status"]["x-labels"]
LANGUAGES: dict[str, str] = SCHEMA["properties"]["language"]["x-labels"]

PEOPLE_FOLDER = "people"  # below the publications folder: people/<id>.yml
PEOPLE_PATH = "publications/people"  # as editors read it in messages
REPORTED_FILE = "reported.yml"
RESERVED_IDS = ("index", "people", "reported", "files")
RESERVED_PERSON_IDS = ("index",)  # people/index.md is the list of people


@dataclass(frozen=True)
class Person:
    id: str
    path: str  # "publications/people/<id>.yml"
    family: str
    given: str = ""
    name_en: str = ""

    @property
    def name(self) -> str:
        return f"{self.given} {self.family}".strip()

    @property
    def sort_name(self) -> str:
        """«مجیدی، جهانگیر»: how an index and a citation list a person."""
        return f"{self.family}، {self.given}" if self.given else self.family

    @property
    def src_uri(self) -> str:
        return f"people/{self.id}.md"


@dataclass(frozen=True)
class Attachment:
    path: str  # relative to the publications folder: "files/guide.pdf"
    size: int  # bytes


@dataclass(frozen=True)
class Credit:
    publisher: str
    title: str = ""
    url: str = ""


@dataclass(frozen=True)
class Publication:
    id: str
    path: str  # "publications/<id>.yml"
    type: str
    title: str
    status: str
    summary: str
    authors: tuple[Person, ...] = ()
    translators: tuple[Person, ...] = ()
    publisher: str = ""
    year: int | None = None  # Jalali
    isbn: str = ""  # as written, Latin digits
    language: str = ""
    topics: tuple[str, ...] = ()
    clusters: tuple[str, ...] = ()
    file: Attachment | None = None
    cover: str = ""  # relative to the publications folder
    source: Credit | None = None

    @property
    def src_uri(self) -> str:
        return f"publications/{self.id}.md"

    @property
    def date(self) -> Date | None:
        """Publications carry a year, not a day (the backlink interface asks for ``.date``)."""
        return None

    @property
    def topic_slugs(self) -> tuple[str, ...]:
        return tuple(label_slug(topic) for topic in self.topics)

    @property
    def type_label(self) -> str:
        return TYPES[self.type]

    @property
    def status_label(self) -> str:
        return STATUSES[self.status]


@dataclass(frozen=True)
class Reported:
    """A figure the programme reported, with who said it and where."""

    id: str
    value: int
    text: str
    said_by: str
    source: Credit
    approximate: bool = False
    date: Date | None = None
    news: str = ""  # id of the news article that reports it


@dataclass
class Credits:
    """Whom the publications credit; not ``complete`` when a file could not be read (whom it credits is unknown)."""

    ids: set[str] = field(default_factory=set)
    complete: bool = True


class Work(NamedTuple):
    publication: Publication
    role: str  # "author" | "translator"


@dataclass
class Catalogue:
    publications: list[Publication] = field(default_factory=list)  # catalogue order
    people: dict[str, Person] = field(default_factory=dict)  # alphabetical by family name
    reported: list[Reported] = field(default_factory=list)

    def works_of(self) -> dict[str, list[Work]]:
        """person id → their works in catalogue order."""
        works: dict[str, list[Work]] = defaultdict(list)
        for publication in self.publications:
            for person in publication.authors:
                works[person.id].append(Work(publication, "author"))
            for person in publication.translators:
                works[person.id].append(Work(publication, "translator"))
        return dict(works)


TYPE_ORDER = {name: index for index, name in enumerate(("book", "series", "guide", "report", "article"))}


def catalogue_order(publications: list[Publication]) -> list[Publication]:
    """Books first, then series, guides, reports, articles; published before in preparation; by title."""
    return sorted(
        publications,
        key=lambda p: (TYPE_ORDER[p.type], p.status != "published", persian_sort_key(p.title), p.id),
    )


def load_catalogue(
    root: Path,
    folder: str = "publications",
    cluster_ids: set[str] | None = None,
    *,
    news_ids: set[str] | None = None,
) -> tuple[Catalogue, list[ContentError]]:
    directory = root / folder
    errors: list[ContentError] = []
    catalogue = Catalogue()
    if not directory.is_dir():
        return catalogue, errors
    people, known = _load_people(directory / PEOPLE_FOLDER, root, errors)
    credits = Credits()
    publications = []
    for path in sorted(directory.glob("*.yaml")):  # one extension, as for clusters: .yml
        errors.append(ContentError(relative_path(path, root), message="پسوند پرونده انتشار .yaml است",
                                   expected=f"پسوند .yml: {path.stem}.yml"))
    # what every publication is checked against (its people, clusters and attached files):
    # the preview reloads all of them when it changes
    context = fingerprint(str(root), repr(sorted(people.items())), repr(sorted(known)),
                          "every id" if cluster_ids is None else repr(sorted(cluster_ids)),
                          repr(_attached_files(directory)))
    for path in sorted_paths(directory.glob("*.yml")):
        if path.name == REPORTED_FILE:
            continue
        publication, problems, credited = per_file(
            path, "publication", context, lambda: _load_publication(path, root, directory, people, known, cluster_ids))
        errors.extend(problems)
        if credited is None:
            credits.complete = False
        else:
            credits.ids.update(credited)
        if publication is not None:
            publications.append(publication)
    for person in people.values() if credits.complete else ():
        if person.id not in credits.ids:
            errors.append(
                ContentError(person.path, 1, 1,
                             message="این فرد در هیچ انتشاری به‌عنوان نویسنده یا مترجم نیامده است",
                             expected="نام بردن از او در authors یا translators یک انتشار، یا حذف پرونده‌اش")
            )
    reported_path = directory / REPORTED_FILE
    if reported_path.exists():
        catalogue.reported = _load_reported(reported_path, root, news_ids, errors)
    catalogue.publications = catalogue_order(publications)
    catalogue.people = dict(sorted(people.items(), key=lambda pair: (persian_sort_key(pair[1].sort_name), pair[0])))
    return catalogue, errors


# --------------------------------------------------------------------------- people


def _load_people(folder: Path, root: Path, errors: list[ContentError]) -> tuple[dict[str, Person], set[str]]:
    """Every valid person, and every id in use (a file with a problem included)."""
    people: dict[str, Person] = {}
    for path in sorted(folder.glob("*.yaml")):
        errors.append(ContentError(relative_path(path, root), message="پسوند پرونده فرد .yaml است",
                                   expected=f"پسوند .yml: {path.stem}.yml"))
    paths = sorted_paths(folder.glob("*.yml"))
    for path in paths:
        person, problems = per_file(path, "person", str(root), lambda: _load_person(path, root))
        errors.extend(problems)
        if person is not None:
            people[path.stem] = person
    return people, {path.stem for path in paths}


def _load_person(path: Path, root: Path) -> tuple[Person | None, list[ContentError]]:
    """One person's file: the person (None when it has a problem) and its problems."""
    errors: list[ContentError] = []
    data = _person_data(path, root, errors)
    if data is None or errors:
        return None, errors
    values = {name: one_line(value) for name, value in data.items() if value is not None and name != "id"}
    return Person(id=path.stem, path=relative_path(path, root), **values), errors


def _person_data(path: Path, root: Path, errors: list[ContentError]) -> YamlMap | None:
    """One person's file read and checked: its schema, then an id that is its file name."""
    relpath = relative_path(path, root)
    data, problems = load_yaml_file(path, root)
    errors.extend(problems)
    if data is None:
        return None
    if not isinstance(data, YamlMap):
        errors.append(ContentError(relpath, 1, 1, message="پرونده فرد باید فهرست «نام: مقدار» باشد",
                                   expected=PEOPLE_SCHEMA["x-expected"]))
        return None
    problems = _PEOPLE.errors(data, relpath)
    errors.extend(problems)
    person_id = data.get("id")
    if "id" in failed_fields(problems) or person_id is None:
        return data
    if person_id != path.stem:
        errors.append(ContentError(relpath, *data.position("id"), field="id",
                                   message=f"شناسه «{person_id}» با نام پرونده «{path.name}» یکی نیست",
                                   expected=f"نام پرونده {person_id}.yml، یا شناسه {path.stem}"))
    elif person_id in RESERVED_PERSON_IDS:
        message, expected = reserved_person_id(person_id)
        errors.append(ContentError(relpath, *data.position("id"), field="id", message=message, expected=expected))
    return data


def reserved_person_id(person_id: str) -> tuple[str, str]:
    """(message, expected) for an id no person may have: the file's check and ``build.py new person`` say the same."""
    return (f"شناسه «{person_id}» رزرو شده است (نشانی فهرست افراد است)", "شناسه‌ای دیگر، مثل نام و نام خانوادگی او")


# --------------------------------------------------------------------------- publications


def _load_publication(
    path: Path,
    root: Path,
    directory: Path,
    people: dict[str, Person],
    known: set[str],
    cluster_ids: Collection[str] | None,
) -> tuple[Publication | None, list[ContentError], tuple[str, ...] | None]:
    """One publication file: the publication (None when it has a problem), its problems, and the ids of the
    people it credits (None when it could not be read: whom it credits is unknown)."""
    relpath = relative_path(path, root)
    errors: list[ContentError] = []
    publication_id = path.stem
    if publication_id in RESERVED_IDS or not is_record_id(publication_id):
        errors.append(ContentError(relpath, message=f"نام پرونده «{path.name}» شناسه درستی نیست",
                                   expected=RECORD_ID_EXPECTED + ".yml؛ جز index، people، reported و files"))
    data, problems = load_yaml_file(path, root)
    errors.extend(problems)
    if not isinstance(data, YamlMap):
        if data is not None:
            errors.append(ContentError(relpath, 1, 1, message="پرونده انتشار باید فهرست «نام: مقدار» باشد",
                                       expected="type، title، status، summary و …"))
        return None, errors, None
    values, problems = publication_values(relpath, data, directory, people, known, cluster_ids)
    errors.extend(problems)
    credited = tuple(person.id for role in ("authors", "translators") for person in values[role])
    if errors:
        return None, errors, credited
    return Publication(id=publication_id, path=relpath, **values), errors, credited


def publication_values(
    relpath: str, data: YamlMap, directory: Path, people: dict[str, Person], known: set[str],
    cluster_ids: Collection[str] | None,
) -> tuple[dict[str, Any], list[ContentError]]:
    """A publication's fields and every problem: the schema's, then the rules it cannot say.

    The people it credits are there even when something else is wrong (they are credited all the same).
    ``known``: every person's id, those whose file has a problem too (naming them is no second problem).
    """
    errors = _PUBLICATION.errors(data, relpath)
    failed = failed_fields(errors)
    given = {name for name, value in data.items() if value is not None and name not in failed}
    values: dict[str, Any] = {name: str(data[name]).strip() for name in ("type", "status", "language") if name in given}
    values |= {name: one_line(data[name]) for name in ("title", "publisher") if name in given}
    if "summary" in given:
        values["summary"] = paragraphs(data["summary"])
    if "source" in given:
        values["source"] = credit(data["source"])
    if "year" in given:
        values["year"] = parse_jalali_year(data["year"])
    for role in ("authors", "translators"):
        values[role], problems = _credited(relpath, data, role, people, known)
        errors += problems
    values["topics"], problems = labels(relpath, data, "topics", "موضوع")
    errors += problems
    values["clusters"], problems = cluster_ids_of(relpath, data, cluster_ids)
    errors += problems
    values["isbn"], problems = _isbn(relpath, data) if "isbn" in given else ("", [])
    errors += problems
    values["file"], problems = _attachment(relpath, data, "file", directory) if "file" in given else (None, [])
    errors += problems
    cover, problems = _attachment(relpath, data, "cover", directory) if "cover" in given else (None, [])
    values["cover"] = cover.path if cover else ""
    errors += problems + _preparation_rule(relpath, data, values)
    return values, errors


def credit(value: YamlMap) -> Credit:
    """A (valid) ``source``: who published or said it."""
    return Credit(**{key: str(text).strip() if key == "url" else one_line(text)
                     for key, text in value.items() if text is not None})


def _credited(relpath: str, data: YamlMap, role: str, people: dict[str, Person],
              known: set[str]) -> tuple[tuple[Person, ...], list[ContentError]]:
    """The authors or translators: ids of the people's files."""
    found, errors = items(relpath, data, role)
    ids, unknown = known_ids(relpath, role, found, known, f"در پوشه افراد ({PEOPLE_PATH}/) نیست",
                             f"شناسه‌ای از {PEOPLE_PATH}/، یا افزودن پرونده این فرد به آن")
    return tuple(people[person_id] for person_id in ids if person_id in people), errors + unknown


def _isbn(relpath: str, data: YamlMap) -> tuple[str, list[ContentError]]:
    """The ISBN as written (Latin digits, no spaces), when its check digit is right."""
    try:
        check_isbn(data["isbn"])
    except IsbnError as exc:
        return "", [ContentError(relpath, *data.position("isbn"), field="isbn", message=str(exc), expected=EXPECTED_ISBN)]
    return to_latin_digits(re.sub(r"\s+", "", str(data["isbn"]))), []


def _attached_files(directory: Path) -> list[tuple[str, int, int]]:
    """(path, size, time) of every file in the publications folder that is not a record: covers and PDFs."""
    found = []
    for folder, _, names in os.walk(directory):
        for name in names:
            if not name.endswith(".yml"):
                stat = os.stat(os.path.join(folder, name))
                found.append((os.path.join(folder, name), stat.st_size, stat.st_mtime_ns))
    return sorted(found)


def _attachment(relpath: str, data: YamlMap, name: str, directory: Path) -> tuple[Attachment | None, list[ContentError]]:
    """A file the record points to (its path already checked by the schema): there, and a PDF when it says so."""
    text = str(data[name]).strip()
    path = directory / text
    if not path.is_file():
        return None, [ContentError(relpath, *data.position(name), field=name, message=f"پرونده «{text}» پیدا نشد",
                                   expected=f"پرونده‌ای در publications/{text}")]
    if name == "file" and path.read_bytes()[:5] != b"%PDF-":
        return None, [ContentError(relpath, *data.position(name), field=name, message=f"«{text}» پرونده PDF نیست",
                                   expected="پرونده PDF واقعی (با نشانه %PDF- در آغاز)")]
    return Attachment(text, path.stat().st_size), []


def _preparation_rule(relpath: str, data: YamlMap, values: dict[str, Any]) -> list[ContentError]:
    if values.get("status") == "in-preparation" and (values.get("year") or values.get("isbn")):
        return [ContentError(relpath, *data.position("status"), field="status",
                             message="انتشاری که در دست آماده‌سازی است سال انتشار یا شابک ندارد",
                             expected="status: published، یا حذف year و isbn")]
    return []


# --------------------------------------------------------------------------- reported figures


def _load_reported(path: Path, root: Path, news_ids: Collection[str] | None, errors: list[ContentError]) -> list[Reported]:
    data, problems = load_yaml_file(path, root)
    errors.extend(problems)
    relpath = relative_path(path, root)
    if data is None:
        return []
    if not isinstance(data, YamlList):
        errors.append(ContentError(relpath, 1, 1, message="رقم‌های گزارش‌شده باید فهرست باشند",
                                   expected="هر مورد با «- id: …»"))
        return []
    problems = _REPORTED.errors(data, relpath)
    errors.extend(problems)
    failed = failed_items(problems)
    result: list[Reported] = []
    seen: set[str] = set()
    for index, entry in enumerate(data):
        problems = [] if index in failed else _reported_rules(relpath, entry, seen, news_ids)
        errors.extend(problems)
        if index in failed or problems:
            continue
        result.append(Reported(
            id=str(entry["id"]), value=as_number(entry["value"]), text=one_line(entry["text"]),
            said_by=one_line(entry["said_by"]), source=credit(entry["source"]),
            approximate=entry.get("approximate") is True,
            date=parse_date(entry["date"]) if entry.get("date") is not None else None,
            news=str(entry.get("news") or ""),
        ))
    return result


def failed_items(errors: list[ContentError]) -> set[int]:
    """The indexes of the list items the schema found wrong (fields «[3].source.url» → 2)."""
    return {int(match.group(1)) - 1 for error in errors if (match := re.match(r"\[(\d+)\]", error.field))}


def _reported_rules(relpath: str, entry: YamlMap, seen: set[str], news_ids: Collection[str] | None) -> list[ContentError]:
    """One id per figure; a date, or date_unknown when the source has none; the news item it names exists."""
    errors: list[ContentError] = []
    item_id = str(entry["id"])

    def error(name: str, message: str, expected: str, where: tuple[int, int] | None = None) -> None:
        errors.append(ContentError(relpath, *(where or entry.position(name)), field=name, message=message, expected=expected))

    if item_id in seen:
        error("id", f"شناسه «{item_id}» تکراری است", "شناسه یکتا")
    seen.add(item_id)
    if entry.get("date") is None and entry.get("date_unknown") is not True:
        error("date", "فیلد لازم نیامده است", "تاریخ گزارش، یا date_unknown: true اگر منبع تاریخی ندارد", entry.start)
    if entry.get("date") is not None and entry.get("date_unknown") is not None:
        error("date_unknown", "هم date آمده و هم date_unknown", "فقط یکی از این دو")
    news = str(entry.get("news") or "")
    if news and news_ids is not None and news not in news_ids:
        error("news", f"«{news}» خبری در content/news نیست{near(news, news_ids)}", "نام پرونده خبر بدون .md")
    return errors

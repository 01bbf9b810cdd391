"""Publications, the people who wrote or translated them, and reported figures.

Files in the publications folder (``publications/`` at the project root):

* ``<id>.yml`` — one publication (book, article, guide, report, series);
* ``people.yml`` — the people registry: person id → name parts;
* ``reported.yml`` — figures the programme has reported (e.g. «about 21 books»),
  shown as reported, never mixed with what the records count;
* ``files/`` — PDFs and cover images the records point to.

Everything is validated at once; each problem is one :class:`ContentError`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from plugins.model.dates import (
    EXPECTED_DATE, Date, DateError, parse_date, parse_jalali_year, to_latin_digits, to_persian_digits,
)
from plugins.model.errors import ContentError
from plugins.model.text import normalize_text
from plugins.model.yamlio import YamlList, YamlMap, load_yaml_file, relative_path
from plugins.model.slugs import RECORD_ID_EXPECTED, is_record_id
from plugins.views.markup import LABEL_EXPECTED, is_label, label_slug, persian_sort_key, suggestion
from plugins.kinds.publications.isbn import EXPECTED_ISBN, IsbnError, check_isbn

TYPES = {"book": "کتاب", "article": "مقاله", "guide": "راهنما", "report": "گزارش", "series": "مجموعه"}
TYPE_PLURALS = {"book": "کتاب‌ها", "article": "مقاله‌ها", "guide": "راهنماها", "report": "گزارش‌ها", "series": "مجموعه‌ها"}
STATUSES = {"published": "منتشرشده", "in-preparation": "در دست آماده‌سازی"}
LANGUAGES = {"fa": "فارسی", "en": "انگلیسی", "ar": "عربی"}

FIELDS = (
    "type", "title", "authors", "translators", "publisher", "year", "isbn", "language", "status",
    "topics", "clusters", "file", "cover", "summary", "source",
)
REQUIRED = ("type", "title", "status", "summary")
SOURCE_FIELDS = ("publisher", "title", "url")
PERSON_FIELDS = ("given", "family", "name_en")
REPORTED_FIELDS = ("id", "value", "approximate", "text", "said_by", "source", "date", "date_unknown", "news")
PEOPLE_FILE = "people.yml"
REPORTED_FILE = "reported.yml"
RESERVED_IDS = ("index", "people", "reported", "files")
PDF_SUFFIX = ".pdf"
COVER_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")


@dataclass(frozen=True)
class Person:
    id: str
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
class Catalogue:
    publications: list[Publication] = field(default_factory=list)  # catalogue order
    people: dict[str, Person] = field(default_factory=dict)  # alphabetical by family name
    reported: list[Reported] = field(default_factory=list)

    def works_of(self) -> dict[str, list[tuple[Publication, str]]]:
        """person id → [(publication, "author" | "translator")] in catalogue order."""
        works: dict[str, list[tuple[Publication, str]]] = defaultdict(list)
        for publication in self.publications:
            for person in publication.authors:
                works[person.id].append((publication, "author"))
            for person in publication.translators:
                works[person.id].append((publication, "translator"))
        return dict(works)


TYPE_ORDER = {name: index for index, name in enumerate(("book", "series", "guide", "report", "article"))}


def catalogue_order(publications: list[Publication]) -> list[Publication]:
    """Books first, then series, guides, reports, articles; published before in preparation; by title."""
    return sorted(
        publications,
        key=lambda p: (TYPE_ORDER[p.type], p.status != "published", persian_sort_key(p.title), p.id),
    )


def load_publications(
    root: Path,
    folder: str = "publications",
    cluster_ids: set[str] | None = None,
    *,
    news_ids: set[str] | None = None,
) -> tuple[list[Publication], list[ContentError]]:
    """Every publication (catalogue order) and every problem found, people and reported figures included."""
    catalogue, errors = load_catalogue(root, folder, cluster_ids, news_ids=news_ids)
    return catalogue.publications, errors


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
    people_path = directory / PEOPLE_FILE
    people, positions = _load_people(people_path, root, errors) if people_path.exists() else ({}, {})
    used: set[str] = set()
    publications = []
    for path in sorted(directory.glob("*.yml")) + sorted(directory.glob("*.yaml")):
        if path.name in (PEOPLE_FILE, REPORTED_FILE):
            continue
        publication = _load_publication(path, root, directory, people, cluster_ids, errors, used)
        if publication is not None:
            publications.append(publication)
    people_relpath = relative_path(people_path, root)
    for person_id, person in people.items():
        if person_id not in used:
            errors.append(
                ContentError(people_relpath, *positions[person_id], field=person_id,
                             message="این فرد در هیچ انتشاری به‌عنوان نویسنده یا مترجم نیامده است",
                             expected="نام بردن از او در authors یا translators یک انتشار، یا حذفش از این فهرست")
            )
    reported_path = directory / REPORTED_FILE
    if reported_path.exists():
        catalogue.reported = _load_reported(reported_path, root, news_ids, errors)
    catalogue.publications = catalogue_order(publications)
    catalogue.people = dict(sorted(people.items(), key=lambda pair: (persian_sort_key(pair[1].sort_name), pair[0])))
    return catalogue, errors


# --------------------------------------------------------------------------- helpers


class _Fields:
    """Field checks for one YAML mapping, collecting every problem with its position."""

    def __init__(self, relpath: str, data: YamlMap, errors: list[ContentError], prefix: str = ""):
        self.relpath = relpath
        self.data = data
        self.errors = errors
        self.prefix = prefix

    def error(self, name: str, message: str, expected: str = "", where: Any = None, key: Any = None) -> None:
        container = self.data if where is None else where
        line, column = container.position(name if key is None else key)
        self.errors.append(
            ContentError(self.relpath, line, column, field=self.prefix + name, message=message, expected=expected)
        )

    def known(self, allowed: tuple[str, ...]) -> None:
        for name in self.data:
            if name not in allowed:
                line, column = self.data.key_positions.get(name, self.data.start)
                self.errors.append(
                    ContentError(self.relpath, line, column, field=self.prefix + name,
                                 message=f"فیلد ناشناخته است{suggestion(name, allowed)}",
                                 expected="یکی از: " + "، ".join(allowed))
                )

    def required(self, names: tuple[str, ...], expected: dict[str, str]) -> None:
        for name in names:
            if self.data.get(name) is None:
                line, column = self.data.start
                self.errors.append(
                    ContentError(self.relpath, line, column, field=self.prefix + name,
                                 message="فیلد لازم نیامده است", expected=expected.get(name, ""))
                )

    def text(self, name: str, expected: str = "متن", *, paragraphs: bool = False) -> str:
        value = self.data.get(name)
        if value is None:
            return ""
        if isinstance(value, (YamlMap, YamlList, bool)):
            self.error(name, "باید متن باشد", expected)
            return ""
        raw = str(value).strip() if paragraphs else " ".join(str(value).split())
        text = normalize_text(raw)
        if not text.strip():
            self.error(name, "خالی است", expected)
        return text

    def choice(self, name: str, choices: dict[str, str]) -> str:
        value = self.data.get(name)
        if value is None:
            return ""
        text = str(value).strip()
        if text not in choices:
            self.error(name, f"«{text}» پذیرفته نیست{suggestion(text, choices)}",
                       "یکی از: " + "، ".join(f"{key} ({label})" for key, label in choices.items()))
            return ""
        return text

    def items(self, name: str, expected: str) -> list[tuple[str, YamlList, int]]:
        """A list (or one plain value) → [(text, container, index)], without duplicates."""
        value = self.data.get(name)
        if value is None:
            return []
        if isinstance(value, YamlMap):
            self.error(name, "باید فهرست باشد", expected)
            return []
        if not isinstance(value, YamlList):
            single = YamlList([value])
            single.item_positions = [self.data.position(name)]
            value = single
        result, seen = [], set()
        for index, item in enumerate(value):
            if isinstance(item, (YamlMap, YamlList, bool)) or item is None:
                self.error(name, "هر مورد فهرست باید یک مقدار ساده باشد", expected, value, index)
                continue
            text = normalize_text(" ".join(str(item).split()))
            if text in seen:
                self.error(name, f"«{text}» دو بار آمده است", "هر مورد یک بار", value, index)
                continue
            seen.add(text)
            result.append((text, value, index))
        return result

    def credit(self, name: str, allowed: tuple[str, ...] = SOURCE_FIELDS) -> Credit | None:
        value = self.data.get(name)
        if value is None:
            return None
        if not isinstance(value, YamlMap):
            self.error(name, "باید فهرست «نام: مقدار» باشد", "publisher (ناشر یا وبگاه منبع) و title")
            return None
        inner = _Fields(self.relpath, value, self.errors, prefix=f"{self.prefix}{name}.")
        count = len(self.errors)
        inner.known(allowed)
        inner.required(("publisher",), {"publisher": "نام رسانه یا نهادی که این را گفته یا منتشر کرده است"})
        parts = {key: inner.text(key) for key in allowed if key != "url" and value.get(key) is not None}
        url = str(value.get("url") or "").strip()
        if url and not re.match(r"^https?://[^\s<>\"']+$", url):
            inner.error("url", f"«{url}» نشانی وب نیست", "نشانی کامل که با https:// شروع می‌شود")
        if len(self.errors) > count:
            return None
        return Credit(url=url, **parts)


def _load_people(
    path: Path, root: Path, errors: list[ContentError]
) -> tuple[dict[str, Person], dict[str, tuple[int, int]]]:
    """The registry and where each person's entry starts in the file."""
    data, problems = load_yaml_file(path, root)
    errors.extend(problems)
    relpath = relative_path(path, root)
    people: dict[str, Person] = {}
    positions: dict[str, tuple[int, int]] = {}
    if data is None:
        return people, positions
    if not isinstance(data, YamlMap):
        errors.append(ContentError(relpath, 1, 1, message="فهرست افراد باید «شناسه: نام» باشد",
                                   expected="jahangir-majidi: با given و family"))
        return people, positions
    for person_id, entry in data.items():
        line, column = data.key_positions.get(person_id, data.start)
        if not is_record_id(person_id):
            errors.append(ContentError(relpath, line, column, field=person_id,
                                       message=f"«{person_id}» شناسه درستی نیست", expected=RECORD_ID_EXPECTED))
            continue
        if not isinstance(entry, YamlMap):
            errors.append(ContentError(relpath, line, column, field=person_id,
                                       message="باید فهرست «نام: مقدار» باشد", expected="given، family و name_en"))
            continue
        fields = _Fields(relpath, entry, errors, prefix=f"{person_id}.")
        count = len(errors)
        fields.known(PERSON_FIELDS)
        fields.required(("family",), {"family": "نام خانوادگی به فارسی"})
        values = {name: fields.text(name) for name in PERSON_FIELDS if entry.get(name) is not None}
        if len(errors) > count:
            continue
        people[person_id] = Person(id=person_id, **values)
        positions[person_id] = (line, column)
    return people, positions


_EXPECTED = {
    "type": "یکی از: " + "، ".join(f"{key} ({label})" for key, label in TYPES.items()),
    "title": "عنوان انتشار، همان‌گونه که منتشر شده است",
    "status": "یکی از: " + "، ".join(f"{key} ({label})" for key, label in STATUSES.items()),
    "summary": "معرفی کوتاه انتشار به زبان خودتان",
}


def _load_publication(
    path: Path,
    root: Path,
    directory: Path,
    people: dict[str, Person],
    cluster_ids: set[str] | None,
    errors: list[ContentError],
    used: set[str],
) -> Publication | None:
    relpath = relative_path(path, root)
    count = len(errors)
    publication_id = path.stem
    if publication_id in RESERVED_IDS or not is_record_id(publication_id):
        errors.append(ContentError(relpath, message=f"نام پرونده «{path.name}» شناسه درستی نیست",
                                   expected=RECORD_ID_EXPECTED + ".yml؛ جز index، people، reported و files"))
    data, problems = load_yaml_file(path, root)
    errors.extend(problems)
    if data is None:
        return None
    if not isinstance(data, YamlMap):
        errors.append(ContentError(relpath, 1, 1, message="پرونده انتشار باید فهرست «نام: مقدار» باشد",
                                   expected="type، title، status، summary و …"))
        return None
    fields = _Fields(relpath, data, errors)
    fields.known(FIELDS)
    fields.required(REQUIRED, _EXPECTED)
    values: dict[str, Any] = {
        "type": fields.choice("type", TYPES),
        "status": fields.choice("status", STATUSES),
        "language": fields.choice("language", LANGUAGES),
        "title": fields.text("title"),
        "summary": fields.text("summary", _EXPECTED["summary"], paragraphs=True),
        "publisher": fields.text("publisher"),
        "source": fields.credit("source"),
    }
    for role in ("authors", "translators"):
        found = []
        for person_id, container, index in fields.items(role, "فهرست شناسه افراد از publications/people.yml"):
            if person_id not in people:
                fields.error(
                    role,
                    f"«{person_id}» در فهرست افراد (publications/people.yml) نیست{suggestion(person_id, people)}",
                    "شناسه‌ای از publications/people.yml، یا افزودن این فرد به آن",
                    container, index,
                )
                continue
            used.add(person_id)
            found.append(people[person_id])
        values[role] = tuple(found)
    if data.get("year") is not None:
        try:
            values["year"] = parse_jalali_year(data["year"])
        except DateError as exc:
            fields.error("year", str(exc), "سال خورشیدی چهاررقمی، مثل 1385")
    if data.get("isbn") is not None:
        try:
            check_isbn(data["isbn"])
            values["isbn"] = to_latin_digits(re.sub(r"\s+", "", str(data["isbn"])))
        except IsbnError as exc:
            fields.error("isbn", str(exc), EXPECTED_ISBN)
    topics = []
    slugs: dict[str, str] = {}
    for topic, container, index in fields.items("topics", "فهرست موضوع‌ها، مثل [توسعه صنعتی، رقابت‌پذیری]"):
        if not is_label(topic):
            fields.error("topics", f"«{topic}» موضوع درستی نیست", LABEL_EXPECTED, container, index)
        elif label_slug(topic) in slugs:
            fields.error("topics", f"«{topic}» همان موضوع «{slugs[label_slug(topic)]}» است", "هر موضوع یک بار",
                         container, index)
        else:
            slugs[label_slug(topic)] = topic
            topics.append(topic)
    values["topics"] = tuple(topics)
    clusters = []
    for cluster_id, container, index in fields.items("clusters", "فهرست شناسه خوشه‌ها از پوشه clusters/"):
        if cluster_ids is not None and cluster_id not in cluster_ids:
            fields.error("clusters", f"«{cluster_id}» شناسه خوشه‌ای شناخته‌شده نیست{suggestion(cluster_id, cluster_ids)}",
                         "فهرست شناسه خوشه‌ها از پوشه clusters/، مثل [yazd-ceramic]", container, index)
            continue
        clusters.append(cluster_id)
    values["clusters"] = tuple(clusters)
    values["file"] = _attachment(fields, "file", directory, (PDF_SUFFIX,), "files/guide.pdf")
    cover = _attachment(fields, "cover", directory, COVER_SUFFIXES, "files/guide-cover.jpg")
    values["cover"] = cover.path if cover else ""
    if values["status"] == "in-preparation" and (values.get("year") or values.get("isbn")):
        fields.error("status", "انتشاری که در دست آماده‌سازی است سال انتشار یا شابک ندارد",
                     "status: published، یا حذف year و isbn")
    if len(errors) > count:
        return None
    return Publication(id=publication_id, path=relpath, **values)


def _attachment(fields: _Fields, name: str, directory: Path, suffixes: tuple[str, ...], example: str) -> Attachment | None:
    value = fields.data.get(name)
    if value is None:
        return None
    text = str(value).strip()
    parts = Path(text).parts
    if text.startswith("/") or ".." in parts or len(parts) < 2 or parts[0] != "files" or \
            not text.lower().endswith(suffixes):
        fields.error(name, f"«{text}» نشانی پذیرفته‌ای نیست",
                     f"پرونده {'، '.join(s.lstrip('.') for s in suffixes)} در پوشه publications/files، مثل {example}")
        return None
    path = directory / text
    if not path.is_file():
        fields.error(name, f"پرونده «{text}» پیدا نشد", f"پرونده‌ای در publications/{text}")
        return None
    if suffixes == (PDF_SUFFIX,) and not path.read_bytes()[:5] == b"%PDF-":
        fields.error(name, f"«{text}» پرونده PDF نیست", "پرونده PDF واقعی (با نشانه %PDF- در آغاز)")
        return None
    return Attachment(text, path.stat().st_size)


def _load_reported(path: Path, root: Path, news_ids: set[str] | None, errors: list[ContentError]) -> list[Reported]:
    data, problems = load_yaml_file(path, root)
    errors.extend(problems)
    relpath = relative_path(path, root)
    if data is None:
        return []
    if not isinstance(data, YamlList):
        errors.append(ContentError(relpath, 1, 1, message="رقم‌های گزارش‌شده باید فهرست باشند",
                                   expected="هر مورد با «- id: …»"))
        return []
    result, seen = [], set()
    for index, entry in enumerate(data):
        if not isinstance(entry, YamlMap):
            errors.append(ContentError(relpath, *data.position(index), message="هر مورد باید فهرست «نام: مقدار» باشد"))
            continue
        fields = _Fields(relpath, entry, errors)
        count = len(errors)
        fields.known(REPORTED_FIELDS)
        fields.required(("id", "value", "text", "said_by", "source"), {
            "id": RECORD_ID_EXPECTED, "value": "عدد گزارش‌شده", "text": "جمله‌ای که رقم را توضیح می‌دهد",
            "said_by": "گوینده یا نهاد گزارش‌دهنده", "source": "publisher و title منبع",
        })
        item_id = str(entry.get("id") or "")
        if item_id and not is_record_id(item_id):
            fields.error("id", f"«{item_id}» شناسه درستی نیست", RECORD_ID_EXPECTED)
        elif item_id in seen:
            fields.error("id", f"شناسه «{item_id}» تکراری است", "شناسه یکتا")
        seen.add(item_id)
        value = entry.get("value")
        if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
            fields.error("value", f"«{value}» عدد درستی نیست", "عدد صحیح، مثل 21")
        approximate = entry.get("approximate", False)
        if not isinstance(approximate, bool):
            fields.error("approximate", f"«{approximate}» پذیرفته نیست", "true یا false")
        date = None
        if entry.get("date") is not None:
            try:
                date = parse_date(entry["date"])
            except DateError as exc:
                fields.error("date", str(exc), EXPECTED_DATE)
        if entry.get("date") is None and entry.get("date_unknown") is not True:
            fields.required(("date",), {"date": "تاریخ گزارش، یا date_unknown: true اگر منبع تاریخی ندارد"})
        if entry.get("date") is not None and entry.get("date_unknown") is not None:
            fields.error("date_unknown", "هم date آمده و هم date_unknown", "فقط یکی از این دو")
        news = str(entry.get("news") or "")
        if news and news_ids is not None and news not in news_ids:
            fields.error("news", f"«{news}» خبری در content/news نیست{suggestion(news, news_ids)}",
                         "نام پرونده خبر بدون .md")
        texts = {name: fields.text(name) for name in ("text", "said_by")}
        source = fields.credit("source")
        if len(errors) > count:
            continue
        result.append(Reported(id=item_id, value=int(value), approximate=approximate, date=date, news=news,
                               source=source, **texts))
    return result


def count_label(number: int, noun: str) -> str:
    return f"{to_persian_digits(number)} {noun}"

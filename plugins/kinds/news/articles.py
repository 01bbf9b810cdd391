"""News articles: Markdown files with strict front matter, loaded and validated once.

An article is ``content/news/<id>.md``. Its front matter is read with Khooshe's
strict YAML loader (MkDocs' own YAML 1.1 parser would turn ``1385-04-02`` into
a Gregorian date of the year 1385) and checked against ``schema.yml`` (beside
this module) by the one validator, then by the rules a schema cannot say
(:func:`front_matter_values`). Every problem in every file is collected and
returned together, one :class:`ContentError` each.

Dates: ``date`` is the day the item was *originally* published (Jalali, or
Gregorian for a foreign source). When the source gives no date the editor writes
``date_unknown: true`` instead — never a guessed date. ``added`` is the day the
item was added to Khooshe; it orders undated items and dates them in feeds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, Collection

from plugins.kinds.fields import cluster_ids as cluster_ids_of, failed_fields, labels, one_line, paragraphs
from plugins.model.dates import EXPECTED_DATE, Date, parse_date
from plugins.model.errors import ContentError
from plugins.model.filememo import fingerprint, per_file
from plugins.model.provinces import load_provinces
from plugins.model.validation import SchemaValidator, read_schema
from plugins.model.kinds import folder_files
from plugins.model.yamlio import YamlMap, read_source, relative_path, split_front_matter
from plugins.model.slugs import RECORD_ID_EXPECTED, is_record_id
from plugins.model.slugs import label_slug

# The front matter's fields, their types and what an editor is told: the schema, as data.
SCHEMA = read_schema(Path(__file__).with_name("schema.yml"))
TEXT_FIELDS = ("title", "date_note", "image_alt")  # one line each
# Generated pages live at these names inside the news folder.
RESERVED_IDS = ("index", "archive", "tags", "page")

EXPECTED_DATE_CHOICE = f"{EXPECTED_DATE}؛ اگر منبع تاریخی ندارد: date_unknown: true"


@dataclass(frozen=True)
class Source:
    """Who first published the item: credited on the page and in the feeds."""

    publisher: str
    title: str = ""
    via: str = ""  # «به نقل از …»
    url: str = ""


@dataclass(frozen=True)
class Article:
    id: str  # file name without .md: "isfahan-70-clusters"
    src_uri: str  # "news/isfahan-70-clusters.md" (relative to docs_dir)
    path: str  # "content/news/isfahan-70-clusters.md" (relative to the project root)
    title: str
    date: Date | None  # original publication date; None when the source gives none
    added: Date  # the day the item was added to Khooshe
    summary: str
    source: Source
    date_note: str = ""
    tags: tuple[str, ...] = ()
    province: str | None = None
    clusters: tuple[str, ...] = ()
    image: str = ""  # relative to the article's folder
    image_alt: str = ""
    body: str = ""  # Markdown after the front matter
    body_line: int = 1  # file line of the body's first line

    @property
    def date_unknown(self) -> bool:
        return self.date is None

    @property
    def sort_date(self) -> Date:
        """The date that orders listings and dates feed entries: original, else added."""
        return self.date or self.added

    @cached_property
    def tag_slugs(self) -> tuple[str, ...]:
        return tuple(label_slug(tag) for tag in self.tags)


def newest_first(articles: list[Article]) -> list[Article]:
    """Listing order: newest ``sort_date`` first; same day by id."""
    return sorted(articles, key=lambda article: (-article.sort_date.gregorian.toordinal(), article.id))


def load_news(
    root: Path,
    folder: str = "content/news",
    cluster_ids: set[str] | None = None,
    province_ids: set[str] | None = None,
) -> tuple[list[Article], list[ContentError]]:
    """Every article of ``root/folder/*.md`` (newest first) and every problem found.

    ``cluster_ids`` / ``province_ids``: the known ids; ``None``: every cluster id is
    taken, the provinces are those of plugins/model/data/provinces.yml.
    The src_uri of an article is its path relative to the folder's parent
    (``content/news/x.md`` → ``news/x.md``), i.e. relative to docs_dir.
    """
    directory = root / folder
    articles: list[Article] = []
    errors: list[ContentError] = []
    if not directory.is_dir():
        return articles, errors
    src_prefix = Path(folder).name
    context = fingerprint(str(root), src_prefix, _sorted(cluster_ids), _sorted(province_ids))
    for name in article_names(directory):
        article, problems = per_file(f"{directory}/{name}", "news", context,
                                     lambda: load_article(directory / name, root, src_prefix, cluster_ids, province_ids))
        errors.extend(problems)
        if article is not None:
            articles.append(article)
    return newest_first(articles), errors


def article_names(directory: Path) -> list[str]:
    """The names of the articles' files: every ``*.md`` of the news folder, in Path's order."""
    return [name for name in folder_files(directory) if "/" not in name and name.endswith(".md")]


def _sorted(ids: set[str] | None) -> str:
    return "every id" if ids is None else repr(sorted(ids))


def load_article(
    path: Path,
    root: Path,
    src_prefix: str = "news",
    cluster_ids: set[str] | None = None,
    province_ids: set[str] | None = None,
) -> tuple[Article | None, list[ContentError]]:
    relpath = relative_path(path, root)
    article_id = path.stem
    if article_id in RESERVED_IDS:
        return None, [
            ContentError(
                relpath,
                message=f"نام «{path.name}» برای صفحه‌های ساخته‌شده اخبار کنار گذاشته شده است",
                expected="نام دیگری برای پرونده خبر، مثل isfahan-70-clusters.md",
            )
        ]
    errors: list[ContentError] = []
    if not is_record_id(article_id):
        errors.append(
            ContentError(relpath, message=f"نام پرونده «{path.name}» شناسه درستی نیست", expected=RECORD_ID_EXPECTED + ".md")
        )
    text, problems = read_source(path, root, yaml_file=False)
    errors.extend(problems)
    if text is None:
        return None, errors
    meta, body, body_line, problems = split_front_matter(text, relpath)
    errors.extend(problems)
    if problems:
        return None, errors
    if not meta:
        errors.append(
            ContentError(relpath, 1, 1, message="سرآغاز خبر (front matter) نیامده است",
                         expected="فیلدهای title، date یا date_unknown، added، summary و source میان دو خط «---»")
        )
        return None, errors
    values, problems = front_matter_values(relpath, meta, path.parent, cluster_ids, province_ids)
    errors.extend(problems)
    _check_body(relpath, body, body_line, errors)
    if values is None or errors:
        return None, errors
    return (
        Article(
            id=article_id,
            src_uri=f"{src_prefix}/{path.name}",
            path=relpath,
            body=body,
            body_line=body_line,
            **values,
        ),
        errors,
    )


# --------------------------------------------------------------------------- front matter

def _validator(province_ids: Collection[str] | None) -> SchemaValidator:
    """The schema's validator; ``province_ids`` None: the provinces of plugins/model/data/provinces.yml."""
    ids = frozenset(load_provinces() if province_ids is None else province_ids)
    return _validator_for(ids)


@lru_cache(maxsize=4)
def _validator_for(province_ids: frozenset[str]) -> SchemaValidator:
    return SchemaValidator(SCHEMA, {"provinces": {province_id: province_id for province_id in province_ids}})


def front_matter_values(
    relpath: str, meta: YamlMap, folder: Path, cluster_ids: Collection[str] | None,
    province_ids: Collection[str] | None,
) -> tuple[dict[str, Any] | None, list[ContentError]]:
    """An article's fields (None when any is wrong) and every problem: the schema's, then the rules it cannot say."""
    errors = _validator(province_ids).errors(meta, relpath)
    failed = failed_fields(errors)
    values: dict[str, Any] = {name: one_line(meta[name]) for name in TEXT_FIELDS if _given(meta, name, failed)}
    if _given(meta, "summary", failed):
        values["summary"] = paragraphs(meta["summary"])
    if _given(meta, "province", failed):
        values["province"] = str(meta["province"]).strip()
    values["tags"], problems = labels(relpath, meta, "tags", "برچسب")
    errors += problems
    values["clusters"], problems = cluster_ids_of(relpath, meta, cluster_ids)
    errors += problems
    if _given(meta, "source", failed):
        values["source"] = Source(**{key: _source_part(key, value) for key, value in meta["source"].items()
                                     if value is not None})
    if _given(meta, "image", failed):
        values["image"] = str(meta["image"]).strip()
    values["date"], values["added"], problems = _dates(relpath, meta, failed)
    errors += problems + _image_rules(relpath, meta, values, folder) + _note_rule(relpath, meta, values)
    return (None if errors else values), errors


def _given(meta: YamlMap, name: str, failed: set[str]) -> bool:
    return meta.get(name) is not None and name not in failed


def _source_part(key: str, value: Any) -> str:
    return str(value).strip() if key == "url" else one_line(value)


def _dates(relpath: str, meta: YamlMap, failed: set[str]) -> tuple[Date | None, Date | None, list[ContentError]]:
    """``date`` and ``added`` (None when absent or wrong); the original date is given, or said to be unknown."""
    date = parse_date(meta["date"]) if _given(meta, "date", failed) else None
    added = parse_date(meta["added"]) if _given(meta, "added", failed) else None
    errors: list[ContentError] = []
    unknown = meta.get("date_unknown") is True
    given = meta.get("date") is not None
    if unknown and given:
        errors.append(ContentError(relpath, *meta.position("date_unknown"), field="date_unknown",
                                   message="هم date آمده و هم date_unknown",
                                   expected="فقط یکی: تاریخ انتشار اصلی (date) یا date_unknown: true وقتی منبع تاریخی ندارد"))
    elif not given and not unknown and "date_unknown" not in failed:
        errors.append(ContentError(relpath, *meta.start, field="date", message="تاریخ انتشار اصلی نیامده است",
                                   expected=EXPECTED_DATE_CHOICE))
    if date is not None and added is not None and date > added:
        errors.append(ContentError(
            relpath, *meta.position("date"), field="date",
            message=f"تاریخ انتشار ({date.persian()}) پس از تاریخ افزودن به خوشه ({added.persian()}) است",
            expected="تاریخ انتشار اصلی، که پیش از افزودن خبر به خوشه است",
        ))
    return date, added, errors


def _image_rules(relpath: str, meta: YamlMap, values: dict[str, Any], folder: Path) -> list[ContentError]:
    """The image is a file beside the article, and comes with its text for who cannot see it."""
    image, alt = values.get("image", ""), values.get("image_alt", "")
    if image and not (folder / image).is_file():
        return [ContentError(relpath, *meta.position("image"), field="image", message=f"پرونده تصویر «{image}» پیدا نشد",
                             expected="پرونده‌ای که کنار پرونده خبر گذاشته شده است")]
    if image and not alt:
        return [ContentError(relpath, *meta.position("image"), field="image", message="تصویر بدون متن جایگزین آمده است",
                             expected="فیلد image_alt: توصیف کوتاه تصویر برای کسی که آن را نمی‌بیند")]
    if alt and not image and "image" not in meta:
        return [ContentError(relpath, *meta.position("image_alt"), field="image_alt",
                             message="متن جایگزین بدون تصویر آمده است", expected="فیلد image یا حذف image_alt")]
    return []


def _note_rule(relpath: str, meta: YamlMap, values: dict[str, Any]) -> list[ContentError]:
    if values.get("date_note") and values["date"] is None and meta.get("date") is None:
        return [ContentError(relpath, *meta.position("date_note"), field="date_note",
                             message="یادداشت تاریخ بدون تاریخ آمده است", expected="فیلد date یا حذف date_note")]
    return []


_HEADING_1 = re.compile(r"^#\s")
_FENCE = re.compile(r"^\s*(```|~~~)")


def _check_body(relpath: str, body: str, body_line: int, errors: list[ContentError]) -> None:
    """The title comes from front matter; a level-1 heading in the body would be a second title."""
    in_fence = False
    for offset, line in enumerate(body.split("\n")):
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if not in_fence and _HEADING_1.match(line):
            errors.append(
                ContentError(relpath, body_line + offset, 1, message="عنوان سطح یک (#) در متن خبر آمده است",
                             expected="عنوان فقط در فیلد title؛ برای بخش‌های متن از ## استفاده کنید")
            )

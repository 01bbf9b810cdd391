"""News articles: Markdown files with strict front matter, loaded and validated once.

An article is ``content/news/<id>.md``. Its front matter is read with Khooshe's
strict YAML loader (MkDocs' own YAML 1.1 parser would turn ``1385-04-02`` into
a Gregorian date of the year 1385). Every problem in every file is collected
and returned together, one :class:`ContentError` each.

Dates: ``date`` is the day the item was *originally* published (Jalali, or
Gregorian for a foreign source). When the source gives no date the editor writes
``date_unknown: true`` instead — never a guessed date. ``added`` is the day the
item was added to Khooshe; it orders undated items and dates them in feeds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from plugins.model.dates import EXPECTED_DATE, Date, DateError, parse_date, to_persian_digits
from plugins.model.errors import ContentError
from plugins.model.text import normalize_text
from plugins.model.yamlio import YamlList, YamlMap, read_source, relative_path, split_front_matter
from plugins.model.slugs import RECORD_ID_EXPECTED, is_record_id
from plugins.views.markup import LABEL_EXPECTED, is_label, label_slug, suggestion

FIELDS = (
    "title", "date", "date_unknown", "date_note", "added", "summary",
    "tags", "province", "clusters", "source", "image", "image_alt",
)
REQUIRED = ("title", "added", "summary", "source")
SOURCE_FIELDS = ("publisher", "title", "via", "url")
# Generated pages live at these names inside the news folder.
RESERVED_IDS = ("index", "archive", "tags", "page")
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".gif")
SUMMARY_MAX = 400

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

    ``cluster_ids`` / ``province_ids``: the known ids; ``None`` skips that check.
    The src_uri of an article is its path relative to the folder's parent
    (``content/news/x.md`` → ``news/x.md``), i.e. relative to docs_dir.
    """
    directory = root / folder
    articles: list[Article] = []
    errors: list[ContentError] = []
    if not directory.is_dir():
        return articles, errors
    src_prefix = Path(folder).name
    for path in sorted(directory.glob("*.md")):
        article, problems = load_article(path, root, src_prefix, cluster_ids, province_ids)
        errors.extend(problems)
        if article is not None:
            articles.append(article)
    return newest_first(articles), errors


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
    checker = _Checker(relpath, meta, errors)
    values = checker.check(cluster_ids, province_ids, path.parent)
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


class _Checker:
    """Validates one article's front matter field by field, collecting every problem."""

    def __init__(self, relpath: str, meta: YamlMap, errors: list[ContentError]):
        self.relpath = relpath
        self.meta = meta
        self.errors = errors

    def error(self, name: str, message: str, expected: str = "", where: YamlMap | YamlList | None = None,
              key: Any = None) -> None:
        container = self.meta if where is None else where
        line, column = container.position(name if key is None else key)
        self.errors.append(ContentError(self.relpath, line, column, field=name, message=message, expected=expected))

    # ------------------------------------------------------------------ fields

    def check(self, cluster_ids: set[str] | None, province_ids: set[str] | None, folder: Path) -> dict | None:
        meta = self.meta
        count = len(self.errors)
        for name in meta:
            if name not in FIELDS:
                line, column = meta.key_positions.get(name, meta.start)
                self.errors.append(
                    ContentError(self.relpath, line, column, field=name,
                                 message=f"فیلد ناشناخته است{suggestion(name, FIELDS)}",
                                 expected="یکی از: " + "، ".join(FIELDS))
                )
        for name in REQUIRED:
            if name not in meta or meta[name] is None:
                self.errors.append(
                    ContentError(self.relpath, *self._missing_position(name), field=name,
                                 message="فیلد لازم نیامده است", expected=_EXPECTED[name])
                )
        values: dict[str, Any] = {
            "title": self.text("title"),
            "summary": self.text("summary", limit=SUMMARY_MAX),
            "date_note": self.text("date_note", required=False),
            "image_alt": self.text("image_alt", required=False),
        }
        values["date"], values["added"] = self.dates()
        values["tags"] = self.tags()
        values["province"] = self.province(province_ids)
        values["clusters"] = self.clusters(cluster_ids)
        values["source"] = self.source()
        values["image"] = self.image(folder)
        if values["image"] and not values["image_alt"]:
            self.error("image", "تصویر بدون متن جایگزین آمده است",
                       "فیلد image_alt: توصیف کوتاه تصویر برای کسی که آن را نمی‌بیند")
        if values["image_alt"] and not values["image"]:
            self.error("image_alt", "متن جایگزین بدون تصویر آمده است", "فیلد image یا حذف image_alt")
        if values["date_note"] and values["date"] is None:
            self.error("date_note", "یادداشت تاریخ بدون تاریخ آمده است", "فیلد date یا حذف date_note")
        if len(self.errors) > count:
            return None
        return values

    def _missing_position(self, name: str) -> tuple[int, int]:
        return self.meta.start if self.meta.start != (0, 0) else (2, 1)

    def text(self, name: str, *, required: bool = True, limit: int = 0) -> str:
        value = self.meta.get(name)
        if value is None:
            return ""
        if isinstance(value, (YamlMap, YamlList, bool)):
            self.error(name, "باید متن باشد", _EXPECTED.get(name, "متن"))
            return ""
        text = normalize_text(" ".join(str(value).split()) if name != "summary" else str(value).strip())
        if not text.strip():
            if required:
                self.error(name, "خالی است", _EXPECTED.get(name, "متن"))
            return ""
        if limit and len(text) > limit:
            self.error(name, f"{to_persian_digits(len(text))} نویسه دارد و بلندتر از اندازه است",
                       f"حداکثر {to_persian_digits(limit)} نویسه")
        return text

    def date(self, name: str) -> Date | None:
        value = self.meta.get(name)
        if value is None:
            return None
        try:
            return parse_date(value)
        except DateError as exc:
            self.error(name, str(exc), EXPECTED_DATE)
            return None

    def dates(self) -> tuple[Date | None, Date | None]:
        meta = self.meta
        date = self.date("date")
        added = self.date("added")
        unknown = meta.get("date_unknown")
        if "date_unknown" in meta and unknown is not True:
            shown = str(unknown).lower() if isinstance(unknown, bool) else unknown
            self.error("date_unknown", f"«{shown}» پذیرفته نیست", "date_unknown: true، یا حذف این خط و نوشتن date")
        elif unknown is True and "date" in meta:
            self.error("date_unknown", "هم date آمده و هم date_unknown",
                       "فقط یکی: تاریخ انتشار اصلی (date) یا date_unknown: true وقتی منبع تاریخی ندارد")
        elif "date" not in meta and unknown is not True:
            self.errors.append(
                ContentError(self.relpath, *self._missing_position("date"), field="date",
                             message="تاریخ انتشار اصلی نیامده است", expected=EXPECTED_DATE_CHOICE)
            )
        if date is not None and added is not None and date > added:
            self.error("date", f"تاریخ انتشار ({date.persian()}) پس از تاریخ افزودن به خوشه ({added.persian()}) است",
                       "تاریخ انتشار اصلی، که پیش از افزودن خبر به خوشه است")
        return date, added

    def id_list(self, name: str) -> list[tuple[str, int]]:
        """A list of plain values (or one value) → [(text, index)], reporting shape problems."""
        value = self.meta.get(name)
        if value is None:
            return []
        if not isinstance(value, YamlList):
            if isinstance(value, YamlMap):
                self.error(name, "باید فهرست باشد", _EXPECTED[name])
                return []
            value = YamlList([value])
            value.item_positions = [self.meta.position(name)]
        items: list[tuple[str, int]] = []
        seen: set[str] = set()
        for index, item in enumerate(value):
            if isinstance(item, (YamlMap, YamlList)) or item is None or isinstance(item, bool):
                self.error(name, "هر مورد فهرست باید یک مقدار ساده باشد", _EXPECTED[name], value, index)
                continue
            text = normalize_text(" ".join(str(item).split()))
            if text in seen:
                self.error(name, f"«{text}» دو بار آمده است", "هر مورد یک بار", value, index)
                continue
            seen.add(text)
            items.append((text, index))
        return items

    def _list(self, name: str) -> YamlList:
        value = self.meta.get(name)
        if isinstance(value, YamlList):
            return value
        single = YamlList([value])
        single.item_positions = [self.meta.position(name)]
        return single

    def tags(self) -> tuple[str, ...]:
        tags: list[str] = []
        slugs: dict[str, str] = {}
        items = self.id_list("tags")
        container = self._list("tags")
        for text, index in items:
            if not is_label(text):
                self.error("tags", f"«{text}» برچسب درستی نیست", LABEL_EXPECTED, container, index)
                continue
            slug = label_slug(text)
            if slug in slugs:
                self.error("tags", f"«{text}» همان برچسب «{slugs[slug]}» است", "هر برچسب یک بار", container, index)
                continue
            slugs[slug] = text
            tags.append(text)
        return tuple(tags)

    def province(self, province_ids: set[str] | None) -> str | None:
        value = self.meta.get("province")
        if value is None:
            return None
        if isinstance(value, (YamlMap, YamlList, bool)):
            self.error("province", "باید شناسه یک استان باشد", _EXPECTED["province"])
            return None
        text = str(value).strip()
        if province_ids is not None and text not in province_ids:
            self.error("province", f"«{text}» استان شناخته‌شده‌ای نیست{suggestion(text, province_ids)}",
                       _EXPECTED["province"])
            return None
        return text

    def clusters(self, cluster_ids: set[str] | None) -> tuple[str, ...]:
        found: list[str] = []
        container = self._list("clusters")
        for text, index in self.id_list("clusters"):
            if cluster_ids is not None and text not in cluster_ids:
                self.error("clusters", f"«{text}» شناسه خوشه‌ای شناخته‌شده نیست{suggestion(text, cluster_ids)}",
                           _EXPECTED["clusters"], container, index)
                continue
            found.append(text)
        return tuple(found)

    def source(self) -> Source | None:
        value = self.meta.get("source")
        if value is None:
            return None
        if not isinstance(value, YamlMap):
            self.error("source", "باید فهرست «نام: مقدار» باشد", _EXPECTED["source"])
            return None
        problems = len(self.errors)
        for name in value:
            if name not in SOURCE_FIELDS:
                line, column = value.key_positions.get(name, value.start)
                self.errors.append(
                    ContentError(self.relpath, line, column, field=f"source.{name}",
                                 message=f"فیلد ناشناخته است{suggestion(name, SOURCE_FIELDS)}",
                                 expected="یکی از: " + "، ".join(SOURCE_FIELDS))
                )
        parts: dict[str, str] = {}
        for name in SOURCE_FIELDS:
            item = value.get(name)
            if item is None:
                continue
            if isinstance(item, (YamlMap, YamlList, bool)):
                self.error(f"source.{name}", "باید متن باشد", "متن", value, name)
                continue
            parts[name] = normalize_text(" ".join(str(item).split())) if name != "url" else str(item).strip()
        if not parts.get("publisher"):
            line, column = value.start
            self.errors.append(
                ContentError(self.relpath, line, column, field="source.publisher", message="ناشر منبع نیامده است",
                             expected="نام رسانه یا نهادی که خبر را نخست منتشر کرد")
            )
        url = parts.get("url", "")
        if url and not re.match(r"^https?://[^\s<>\"']+$", url):
            self.error("source.url", f"«{url}» نشانی وب نیست", "نشانی کامل که با https:// شروع می‌شود", value, "url")
        if len(self.errors) > problems:
            return None
        return Source(**parts)

    def image(self, folder: Path) -> str:
        value = self.meta.get("image")
        if value is None:
            return ""
        text = str(value).strip()
        candidate = (folder / text)
        inside = not text.startswith("/") and ".." not in Path(text).parts
        if not inside or not text.lower().endswith(IMAGE_SUFFIXES):
            self.error("image", f"«{text}» نشانی تصویر پذیرفته نیست",
                       "نشانی نسبی پرونده jpg، png، webp یا gif در پوشه اخبار، مثل images/mahallat.jpg")
            return ""
        if not candidate.is_file():
            self.error("image", f"پرونده تصویر «{text}» پیدا نشد", "پرونده‌ای که کنار پرونده خبر گذاشته شده است")
            return ""
        return text


_EXPECTED = {
    "title": "عنوان خبر به فارسی",
    "added": "روز افزودن خبر به خوشه، مثل 1405-09-02",
    "summary": "خلاصه یک‌بندی خبر به زبان خودتان",
    "source": "source: با publisher (ناشر) و در صورت امکان title (عنوان خبر اصلی)",
    "date_note": "متن",
    "image_alt": "متن",
    "tags": "فهرست برچسب‌ها، مثل [برنامه ملی، آمار خوشه‌ها]",
    "province": "شناسه لاتین استان از plugins/model/data/provinces.yml، مثل isfahan",
    "clusters": "فهرست شناسه خوشه‌ها از پوشه clusters/، مثل [yazd-ceramic]",
}


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

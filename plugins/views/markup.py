"""Small helpers for the Markdown that Khooshe's generators write (clusters, news, publications).

Generator-independent (no MkDocs import). A generated page is Markdown for its
title, headings and prose, with a :func:`slot` wherever a structure built from
records goes; that HTML is put in after conversion (:func:`fill_slots`), which is
far cheaper than Python-Markdown. Its links are :func:`href` (the URL MkDocs would
write); MkDocs does not check them, so each generator's tests follow them.
"""

from __future__ import annotations

import html
import json
import re
from functools import lru_cache
from urllib.parse import quote

from plugins.model.collation import ZWNJ, persian_sort_key  # noqa: F401 (re-exported for the generators)
from plugins.model.dates import Date, to_latin_digits, to_persian_digits
from plugins.views.render import GeneratedPage, fill_slots, slot_marker  # noqa: F401 (one page mechanism)

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SLUG_EXPECTED = "حروف کوچک لاتین، رقم و خط تیره، مثل isfahan-stone"

# A label (news tag, publication topic): a short word or phrase, no punctuation
# that would mean something else in a URL, a list or Markdown.
LABEL = re.compile(r"^[^\W_](?:[\w\u200c -]*[^\W_])?$")
LABEL_MAX = 40
LABEL_EXPECTED = (
    "واژه یا عبارت کوتاه (حداکثر ۴۰ نویسه) از حرف، رقم، فاصله، نیم‌فاصله و خط تیره؛ "
    "بدون # و نشانه‌های نگارشی"
)

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]#|!~])")
_BLOCK_START = re.compile(r"^(\s*)([-+>]|\d+[.)])")


@lru_cache(maxsize=65536)
def label_slug(label: str) -> str:
    """The URL form of a tag or topic: spaces and ZWNJ become ``-``, Latin digits, lower case."""
    text = to_latin_digits(label).lower().replace(ZWNJ, "-").replace(" ", "-")
    return re.sub(r"-{2,}", "-", text).strip("-")


def is_label(text: str) -> bool:
    return len(text) <= LABEL_MAX and bool(LABEL.match(text))


def front_matter(title: str, type: str, **fields: object) -> str:
    """YAML front matter with every value quoted (JSON strings are YAML scalars).

    ``type`` (cluster, news, publication, person, listing, guide) and the optional
    ``province`` are what the search index files a page under.
    """
    lines = ["---"]
    for name, value in {"title": title, "type": type, **fields}.items():
        if value is None or value == "":
            continue
        lines.append(f"{name}: {json.dumps(str(value), ensure_ascii=False)}")
    lines.append("---")
    return "\n".join(lines) + "\n\n"


def link(from_src_uri: str, to_src_uri: str) -> str:
    """Relative link from one page's source to another's, as MkDocs resolves it.

    Pure string work (``posixpath.relpath`` asks the OS for the working directory
    on every call, which dominates when thousands of pages link to each other).
    """
    base = from_src_uri.split("/")[:-1]
    target = to_src_uri.split("/")
    common = 0
    while common < len(base) and common < len(target) - 1 and base[common] == target[common]:
        common += 1
    return "/".join([".."] * (len(base) - common) + target[common:])


@lru_cache(maxsize=65536)
def md_text(text: str) -> str:
    """Record text made inert inside generated Markdown: HTML escaped, Markdown syntax escaped."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))
    return _BLOCK_START.sub(lambda m: m.group(1) + "\\" + m.group(2), escaped, count=1)


def html_text(text: str) -> str:
    """Record text as HTML text (what Python-Markdown makes of escaped text)."""
    return html.escape(text, quote=False)


def html_link(url: str, inner_html: str) -> str:
    """``<a href="url">inner</a>``; ``url`` from :func:`href`, ``inner_html`` already HTML."""
    return f'<a href="{html.escape(url)}">{inner_html}</a>'


def html_paragraphs(text: str, attributes: str = "") -> str:
    """Plain text with blank-line paragraphs, one ``<p>`` each (``attributes``: ``' class="…"'``)."""
    parts = [" ".join(part.split()) for part in re.split(r"\n\s*\n", text.strip())]
    return "\n".join(f"<p{attributes}>{html_text(part)}</p>" for part in parts if part)


def html_admonition(kind: str, title: str, *paragraphs: str) -> str:
    """What ``!!! kind "title"`` gives (the admonition extension); ``paragraphs`` are HTML already."""
    body = "".join(f"<p>{paragraph}</p>\n" for paragraph in paragraphs)
    return f'<div class="admonition {kind}">\n<p class="admonition-title">{html_text(title)}</p>\n{body}</div>'


def count_text(number: int, noun: str = "خوشه") -> str:
    """``۳ خبر``: Persian nouns stay singular after a number."""
    return f"{to_persian_digits(number)} {noun}"


def join_persian(items: list[str], last: str = " و ") -> str:
    """``الف، ب و پ``."""
    if len(items) <= 1:
        return "".join(items)
    return "، ".join(items[:-1]) + last + items[-1]


@lru_cache(maxsize=65536)
def persian_date(date: Date) -> str:
    """``۲ تیر ۱۳۸۵`` (one Jalali conversion per distinct day)."""
    return date.persian()


@lru_cache(maxsize=65536)
def jalali_parts(date: Date) -> tuple[int, int, int]:
    jalali = date.jalali
    return jalali.year, jalali.month, jalali.day


def page_url(src_uri: str, use_directory_urls: bool = True) -> str:
    """The site-relative URL MkDocs gives a Markdown source (``news/x.md`` → ``news/x/``)."""
    if not src_uri.endswith(".md"):
        return src_uri
    stem = src_uri[: -len(".md")]
    if stem.rsplit("/", 1)[-1] in ("index", "README"):
        folder = stem.rpartition("/")[0]
        if not use_directory_urls:
            return f"{folder}/index.html".lstrip("/")
        return f"{folder}/" if folder else ""
    return f"{stem}/" if use_directory_urls else f"{stem}.html"


@lru_cache(maxsize=65536)
def _site_url(src_uri: str, use_directory_urls: bool) -> str:
    """A file's URL as MkDocs' ``File.url`` gives it: the site root is ``./``, non-ASCII is %-quoted."""
    return quote(page_url(src_uri, use_directory_urls) or "./")


def href(from_src_uri: str, to_src_uri: str, use_directory_urls: bool = True) -> str:
    """The relative URL MkDocs writes for a link from one page's source to another file's.

    For HTML built after Markdown conversion, which MkDocs no longer rewrites: the same
    result as a ``.md`` link (``news/a.md`` → ``news/b.md`` gives ``../b/``), following
    ``mkdocs.utils.get_relative_url`` (the page's own file name, if its URL has one, is not
    a folder).
    """
    target = _site_url(to_src_uri, use_directory_urls)
    here = _site_url(from_src_uri, use_directory_urls)
    folder, _, name = here.rpartition("/")
    base = [part for part in (folder if "." in name else here).split("/") if part not in ("", ".")]
    dest = [part for part in target.split("/") if part not in ("", ".")]
    common = 0
    while common < len(base) and common < len(dest) and base[common] == dest[common]:
        common += 1
    url = "/".join([".."] * (len(base) - common) + dest[common:]) or "."
    return url + "/" if target.endswith("/") else url


def slot(name: str) -> str:
    return slot_marker(name)

"""Front matter of editors' ordinary pages (content/**/*.md): the schema and the HTML policy.

MkDocs reads front matter with PyYAML's YAML 1.1 rules (``title: no`` becomes
``False``, a duplicate key silently wins) and ignores front matter it cannot
parse. This module reads it with :mod:`plugins.model.yamlio` (:func:`read_meta`:
every YAML trap, an impossible ``date``), says what a page may contain
(:data:`FIELDS`, ``title`` required; :func:`validate_meta`) and applies the HTML
policy to its body. ``build.py check`` and the safety plugin's ``on_files`` both
use it, so they report the same lines.

Folders whose pages are records with their own schema (news articles) are
validated by their own loader and skipped here: :data:`OWNED_FOLDERS`.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import get_close_matches
from typing import Any

from plugins.model.errors import ContentError
from plugins.model.frontmatter import read_page_meta
from plugins.model.yamlio import YamlList, YamlMap, front_matter_parts
from plugins.model.html_policy import unsafe_html_errors

# docs_dir folders whose Markdown pages another capability validates (news articles).
OWNED_FOLDERS = ("news/",)
PAGE_TYPES = ("cluster", "news", "publication", "person", "listing", "guide")
HIDE_CHOICES = ("navigation", "toc", "footer", "feedback", "path", "tags")
FIELDS = ("title", "description", "date", "hide", "type")
BODY_FIELD = "متن"

_EXPECTED = {
    "title": "عنوان صفحه به فارسی، مثل «title: روش‌شناسی»",
    "description": "یک جمله کوتاه درباره صفحه (برای موتورهای جست‌وجو و پیش‌نمایش پیوند)",
    "hide": "فهرستی از: " + "، ".join(HIDE_CHOICES),
    "type": "یکی از: " + "، ".join(PAGE_TYPES),
}


@dataclass
class PageSource:
    """One editor page: strict front matter, body and where the body starts."""

    meta: dict[str, Any]
    body: str
    body_line: int
    errors: list[ContentError]  # front matter problems: the build stops
    html_errors: list[ContentError]  # HTML policy breaks: check reports them, the build shows them as text


def is_owned(src_uri: str) -> bool:
    """True for pages another capability's loader validates (``news/x.md``)."""
    return src_uri.startswith(OWNED_FOLDERS)


def read_meta(text: str, relpath: str) -> tuple[YamlMap, list[ContentError]]:
    """Strict front matter and every problem reading it: YAML traps and an impossible ``date``.

    The text plugin reads the same front matter for its own use and leaves these
    problems to this module, so a page's problems are reported together, once.
    """
    strict = read_page_meta(text, relpath)
    return strict.values, strict.read_errors + strict.errors


def check_page(text: str, relpath: str) -> PageSource:
    """Strict front matter + schema + HTML policy of one ordinary page (for ``build.py check``)."""
    meta, errors = read_meta(text, relpath)
    _, body, body_line, _ = front_matter_parts(text)
    html_errors = unsafe_html_errors(body, relpath, body_line, BODY_FIELD)
    if meta or not errors:  # a front matter that could not be read is one problem, not a cascade
        errors = errors + validate_meta(meta, relpath, has_front_matter=text.startswith("---"))
    return PageSource(dict(meta), body, body_line, errors, html_errors)


def validate_meta(meta: YamlMap, relpath: str, *, has_front_matter: bool = True) -> list[ContentError]:
    """What an ordinary page's front matter may hold; every problem at its line and column."""
    errors: list[ContentError] = []
    if not meta and not has_front_matter:
        return [ContentError(relpath, 1, 1, field="title", message="سرآغاز صفحه (front matter) نیامده است",
                             expected="خط «---»، سپس «title: عنوان صفحه»، سپس «---» در آغاز پرونده")]

    def error(name: str, message: str) -> None:
        errors.append(ContentError(relpath, *meta.position(name), field=name, message=message,
                                   expected=_EXPECTED.get(name, "")))

    for name in meta:
        if name not in FIELDS:
            close = get_close_matches(name, FIELDS, n=1, cutoff=0.6)
            hint = f"؛ شاید منظور «{close[0]}» است" if close else ""
            where = meta.key_positions.get(name) or meta.position(name)
            errors.append(ContentError(relpath, *where, field=name,
                                       message=f"فیلد ناشناخته است{hint}", expected="یکی از: " + "، ".join(FIELDS)))
    if "title" not in meta:
        start = meta.start if meta.start != (0, 0) else (2, 1)
        errors.append(ContentError(relpath, *start, field="title", message="فیلد لازم نیامده است",
                                   expected=_EXPECTED["title"]))
    for name in ("title", "description"):
        if name not in meta:
            continue
        value = meta[name]
        if value is None or (isinstance(value, str) and not value.strip()):
            error(name, "خالی است")
        elif not isinstance(value, str):
            error(name, "باید متن باشد؛ عدد یا true/false را در گیومه بنویسید")
    if "hide" in meta:
        value = meta["hide"]
        if not isinstance(value, YamlList):
            error("hide", "باید فهرست باشد")
        else:
            for index, item in enumerate(value):
                if item not in HIDE_CHOICES:
                    errors.append(ContentError(relpath, *value.position(index), field="hide",
                                               message=f"«{item}» پذیرفته نیست", expected=_EXPECTED["hide"]))
    if "type" in meta and meta["type"] not in PAGE_TYPES:
        error("type", f"«{meta['type']}» نوع صفحه شناخته‌شده‌ای نیست")
    return errors

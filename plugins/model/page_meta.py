"""Front matter of editors' ordinary pages (content/**/*.md): the schema and the HTML policy.

MkDocs reads front matter with PyYAML's YAML 1.1 rules (``title: no`` becomes
``False``, a duplicate key silently wins) and ignores front matter it cannot
parse. This module reads it with :mod:`plugins.model.yamlio` and checks it
against ``page.schema.yml`` with the one validator (:func:`read_meta`: every
YAML trap, an unknown field, an impossible ``date``), and applies the HTML
policy to its body. ``build.py check`` uses it, and the build runs
that same check first (plugins/adapter/base.py ``site_model``), so they report the same lines.

Folders whose pages are records with their own schema (news articles) are
validated by their own loader and skipped (the kinds registry's ``owned_docs``, plugins/model/kinds.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from plugins.model.errors import ContentError
from plugins.model.html_policy import unsafe_html_errors
from plugins.model.validation import SchemaValidator, read_schema
from plugins.model.yamlio import YamlMap, front_matter_parts, split_front_matter

BODY_FIELD = "متن"
SCHEMA = read_schema(Path(__file__).with_name("page.schema.yml"))
_VALIDATOR = SchemaValidator(SCHEMA)


@dataclass
class PageSource:
    """One editor page: strict front matter, body and where the body starts."""

    meta: dict[str, Any]
    body: str
    body_line: int
    errors: list[ContentError]  # front matter problems: the build stops
    html_errors: list[ContentError]  # HTML policy breaks: reported by check and the build alike


def read_meta(text: str, relpath: str) -> tuple[YamlMap, list[ContentError]]:
    """Strict front matter and every problem in it: YAML traps, then what page.schema.yml says.

    The text plugin reads the same front matter for its own use and leaves these
    problems to this module, so a page's problems are reported together, once.
    """
    meta, _, _, errors = split_front_matter(text, relpath)
    if errors and not meta:  # a front matter that could not be read is one problem, not a cascade
        return meta, errors
    if not meta and not text.startswith("---"):
        return meta, errors + [ContentError(relpath, 1, 1, field="title", message="سرآغاز صفحه (front matter) نیامده است",
                                            expected="خط «---»، سپس «title: عنوان صفحه»، سپس «---» در آغاز پرونده")]
    return meta, errors + _VALIDATOR.errors(meta, relpath)


def check_page(text: str, relpath: str) -> PageSource:
    """Strict front matter + schema + HTML policy of one ordinary page (for ``build.py check``)."""
    meta, errors = read_meta(text, relpath)
    _, body, body_line, _ = front_matter_parts(text)
    html_errors = unsafe_html_errors(body, relpath, body_line, BODY_FIELD)
    return PageSource(dict(meta), body, body_line, errors, html_errors)

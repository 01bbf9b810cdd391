"""Templates: the one place where Khooshe writes HTML, and the one way a page is composed.

Every generated page is a Jinja2 template rendered with data (records, counts, URLs).
Its output is the page's Markdown: front matter, title, headings (for the table of
contents and permalinks) and editors' prose stay Markdown, while every structure built
from records is inside ``{% call html() %}…{% endcall %}``. Such a block becomes a
*slot*: an HTML comment on its own lines, which Python-Markdown passes through untouched,
replaced by the block's HTML after conversion (:func:`fill_slots`). Converting tables,
cards and maps as Markdown would cost milliseconds a page; a slot costs nothing.

Templates are found, first match wins, in:

1. the site's ``overrides/khooshe/`` folder (a designer's copy of any template below);
2. each kind's ``templates/`` folder, under the kind's name (``clusters/profile.html``
   is ``plugins/kinds/clusters/templates/profile.html``);
3. ``plugins/views/templates/`` (shared partials, ``partials/…``).

Autoescape is on: any value printed with ``{{ … }}`` is HTML-escaped unless it is
already HTML from another template. Inside Markdown lines (headings), record text also
needs ``|md``, which escapes Markdown syntax as well. Python hands templates data and
URLs, never HTML. No MkDocs import: page URLs come from the caller's ``url`` function
(the MkDocs adapter asks MkDocs' ``File``).
"""

from __future__ import annotations

from html import escape
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping

import jinja2
from markupsafe import Markup

from plugins.model.dates import Date, to_persian_digits
from plugins.model.filememo import per_input
from plugins.model.html_policy import SLOT_MARKER, slot_comment

SHARED_DIR = Path(__file__).resolve().parent / "templates"
OVERRIDES_SUBDIR = "khooshe"  # overrides/khooshe/<template name>

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]#|!~])")
_BLOCK_START = re.compile(r"^(\s*)([-+>]|\d+[.)])")

Url = Callable[..., str]  # url(target_src_uri, anchor="") → the link from the page being rendered


@dataclass(frozen=True)
class GeneratedPage:
    """A rendered page: Markdown for MkDocs to convert, and the HTML of each of its slots."""

    markdown: str
    slots: dict[str, str] = field(default_factory=dict)  # slot name → HTML


def slot_marker(name: str) -> str:
    """The Markdown block a slot leaves in the page: a raw HTML comment on its own lines."""
    return f"\n{slot_comment(name)}\n"


_TYPED_SLOT = re.compile(r"<!--\s*khooshe-slot:")


def editor_markdown(markdown: str) -> Markup:
    """An editor's Markdown, printed into a page's Markdown as written: the one value templates do not escape.

    It is made safe by the HTML policy (``sanitize_editor_markdown`` before, for a record's
    description, or the sanitizer after conversion, for an editor's page); here a slot
    marker typed in it becomes a plain comment, so an editor cannot place a slot.
    """
    return Markup(_TYPED_SLOT.sub("<!-- ", markdown))


def fill_slots(html: str, slots: Mapping[str, str]) -> str:
    """Replace every slot marker of converted page HTML by its HTML (an unknown one stays a comment)."""
    return SLOT_MARKER.sub(lambda match: slots.get(match.group(1), match.group(0)), html)


# --------------------------------------------------------------------------- filters: data → text

@lru_cache(maxsize=65536)
def md_escape(text: str) -> Markup:
    """Record text made inert inside a Markdown line: HTML escaped, Markdown syntax escaped."""
    # Quotes stay as they are: `&#34;` would put "34" into the heading's anchor id.
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", escape(text, quote=False))
    return Markup(_BLOCK_START.sub(lambda m: m.group(1) + "\\" + m.group(2), escaped, count=1))


def fa_decimal(value: float) -> str:
    """31.8974 → «۳۱٫۸۹۷۴» (Persian digits and decimal separator)."""
    return to_persian_digits(f"{value:g}".replace(".", "٫"))


@lru_cache(maxsize=65536)
def persian_date(date: Date) -> str:
    """``۲ تیر ۱۳۸۵`` (one Jalali conversion per distinct day)."""
    return date.persian()


def count_text(number: int, noun: str = "خوشه") -> str:
    """``۳ خبر``: Persian nouns stay singular after a number."""
    return f"{to_persian_digits(number)} {noun}"


def join_persian(items: Iterable[Any], last: str = " و ") -> Markup | str:
    """``الف، ب و پ`` (items may be HTML from the template; plain text is escaped)."""
    items = [Markup.escape(item) for item in items]
    if len(items) <= 1:
        return Markup("").join(items)
    return Markup("، ").join(items[:-1]) + Markup.escape(last) + items[-1]


def paragraphs(text: str) -> list[str]:
    """Plain text split at blank lines, each paragraph on one line."""
    return [joined for part in re.split(r"\n\s*\n", text.strip()) if (joined := " ".join(part.split()))]


FILTERS: dict[str, Callable[..., Any]] = {
    "fa": to_persian_digits,
    "fa_decimal": fa_decimal,
    "pdate": persian_date,
    "md": md_escape,
    "count": count_text,
    "join_fa": join_persian,
    "paragraphs": paragraphs,
}


# --------------------------------------------------------------------------- the environment

_COMPILED: list[jinja2.BytecodeCache | None] = [None]  # compiled templates kept between builds (configure_cache)


def configure_cache(directory: Path | None) -> None:
    """Keep compiled templates in ``directory`` (``.cache/khooshe/jinja``), for ours and the theme's alike.

    Compiling Jinja2 source costs a warm build more than rendering some pages; jinja2's
    file cache checks each template's source before reusing it, so an edit is never missed.
    """
    if directory is None:
        _COMPILED[0] = None
        return
    directory.mkdir(parents=True, exist_ok=True)
    _COMPILED[0] = jinja2.FileSystemBytecodeCache(str(directory))


def compiled_templates_cache() -> jinja2.BytecodeCache | None:
    return _COMPILED[0]


class Templates:
    """The Jinja2 environment of one site: overrides first, then each kind's templates, then shared ones."""

    def __init__(self, kind_dirs: Mapping[str, Path], overrides: Path | None = None) -> None:
        loaders: list[jinja2.BaseLoader] = []
        if overrides is not None and (overrides / OVERRIDES_SUBDIR).is_dir():
            loaders.append(jinja2.FileSystemLoader(overrides / OVERRIDES_SUBDIR))
        loaders.append(jinja2.PrefixLoader({name: jinja2.FileSystemLoader(path) for name, path in kind_dirs.items()}))
        loaders.append(jinja2.FileSystemLoader(SHARED_DIR))
        self.env = jinja2.Environment(
            loader=jinja2.ChoiceLoader(loaders),
            autoescape=True,
            undefined=jinja2.StrictUndefined,  # a misspelt name in a template fails the build, not the page
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            auto_reload=False,  # templates do not change during a build; skips a stat per render
            bytecode_cache=compiled_templates_cache(),
        )
        self.env.filters.update(FILTERS)

    def render(self, template: str, /, **data: Any) -> str:
        """A template that is not a page (a fragment, a feed, an SVG)."""
        return self.env.get_template(template).render(**data)

    def page(self, template: str, /, url: Url, **data: Any) -> GeneratedPage:
        """A page template rendered into Markdown with its slots (see the module docstring)."""
        slots: dict[str, str] = {}

        def html(caller: Callable[[], str]) -> Markup:
            key = str(len(slots) + 1)
            slots[key] = str(caller()).strip("\n")
            return Markup(slot_marker(key))

        markdown = self.env.get_template(template).render(url=url, html=html, **data)
        return GeneratedPage(markdown, slots)

    def remembered_page(self, template: str, /, src_uri: str, url: Url, shows: Any, **data: Any) -> GeneratedPage:
        """:meth:`page`, made again in the preview only when ``shows`` (all the page shows besides the
        templates and link rules, fixed for a process) is not equal to the last build's (plugins/model/filememo.py).
        An unchanged record is the very object of the last build, so the comparison is instant."""
        return per_input(template, src_uri, lambda: shows, lambda: self.page(template, url=url, **data))

"""Links between generated pages, the small text helpers every page uses, and the page builder.

Every generated page is Markdown only for its front matter, title, headings and the
editors' prose; every structure built from records (tables, lists, facts, charts, the
map) is HTML put into a slot of that Markdown after conversion (:class:`PageBuilder`),
because Python-Markdown costs milliseconds per page for what an f-string builds in
microseconds. MkDocs does not rewrite or validate links in that HTML, so every href
is the final relative URL (:func:`href`) and a test follows every one of them in a
built site.
"""

from __future__ import annotations

import html

from plugins.model.dates import to_persian_digits
from plugins.views import markup
from plugins.views.markup import GeneratedPage


class PageBuilder:
    """Builds a page in order: ``md()`` for Markdown, ``html()`` for generated HTML.

    Consecutive HTML parts share one slot, so a page has as few slots as it has
    Markdown breaks (headings, prose) between its generated parts.
    """

    def __init__(self, front_matter: str) -> None:
        self._parts = [front_matter]
        self._slots: dict[str, str] = {}
        self._open: str | None = None  # the slot the next html() joins, if nothing came since

    def md(self, text: str) -> None:
        self._parts.append(text)
        self._open = None

    def html(self, text: str) -> None:
        if self._open is None:
            self._open = str(len(self._slots) + 1)
            self._slots[self._open] = text
            self._parts.append(markup.slot(self._open))
        else:
            self._slots[self._open] += "\n" + text

    def page(self) -> GeneratedPage:
        return GeneratedPage("\n".join(self._parts), self._slots)


def href(from_src: str, to_src: str, use_directory_urls: bool = True, anchor: str = "") -> str:
    """The URL MkDocs would write on page ``from_src`` for a link to ``to_src`` (``#anchor`` added)."""
    return markup.href(from_src, to_src, use_directory_urls) + (f"#{anchor}" if anchor else "")


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def fa(number: object) -> str:
    return to_persian_digits(number)


def fa_decimal(value: float) -> str:
    """31.8974 → «۳۱٫۸۹۷۴» (Persian digits and decimal separator)."""
    return fa(f"{value:g}".replace(".", "٫"))


# The HTML Python-Markdown writes for the same Markdown, so pages look as they did
# when they were Markdown (cells, items and paragraphs are HTML already).

def table(header: list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th>{esc(label)}</th>" for label in header)
    body = "".join("<tr>" + "".join(f"<td>{value}</td>" for value in row) + "</tr>\n" for row in rows)
    return f"<table>\n<thead>\n<tr>{head}</tr>\n</thead>\n<tbody>\n{body}</tbody>\n</table>"


def bullets(items: list[str]) -> str:
    """A ``<ul>`` of the items, or nothing for no items."""
    return "<ul>\n" + "".join(f"<li>{item}</li>\n" for item in items) + "</ul>" if items else ""


def para(text: str) -> str:
    return f"<p>{text}</p>"

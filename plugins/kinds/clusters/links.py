"""What is left of the old page builder: only the editors' reference page uses it.

Kept alive for ``pages.reference_page`` and ``schema.add_reference`` alone, until that
page becomes a template (schema.py is being rewritten); every other clusters page is
a template in ``templates/`` rendered by plugins/views/render.py. Delete this module
with that change.
"""

from __future__ import annotations

import html

from plugins.views.render import GeneratedPage, slot_marker


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
            self._parts.append(slot_marker(self._open))
        else:
            self._slots[self._open] += "\n" + text

    def page(self) -> GeneratedPage:
        return GeneratedPage("\n".join(self._parts), self._slots)


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


# The HTML Python-Markdown writes for the same Markdown (cells, items and paragraphs are HTML already).

def table(header: list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th>{esc(label)}</th>" for label in header)
    body = "".join("<tr>" + "".join(f"<td>{value}</td>" for value in row) + "</tr>\n" for row in rows)
    return f"<table>\n<thead>\n<tr>{head}</tr>\n</thead>\n<tbody>\n{body}</tbody>\n</table>"


def bullets(items: list[str]) -> str:
    """A ``<ul>`` of the items, or nothing for no items."""
    return "<ul>\n" + "".join(f"<li>{item}</li>\n" for item in items) + "</ul>" if items else ""


def para(text: str) -> str:
    return f"<p>{text}</p>"

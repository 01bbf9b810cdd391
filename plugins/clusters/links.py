"""Links between generated pages, and the small text helpers every page uses.

Markdown links are relative links to the target's src_uri (``../yazd.md``), so
MkDocs' strict mode checks them. Raw HTML (the map, the sortable table) cannot
be checked by MkDocs, so its hrefs are computed here the way MkDocs computes
page URLs, and a test follows every one of them in the built site.
"""

from __future__ import annotations

import html
import posixpath
from functools import lru_cache

from ..core.dates import to_persian_digits
from ..core.markup import md_text, page_url


def md_link(text: str, from_src: str, to_src: str, anchor: str = "") -> str:
    """``[text](relative.md#anchor)`` from one page's src_uri to another's, the text escaped."""
    target = relpath(to_src, posixpath.dirname(from_src))
    return f"[{md_text(text)}]({target}{'#' + anchor if anchor else ''})"


@lru_cache(maxsize=65536)
def relpath(target: str, start: str) -> str:
    """posixpath.relpath for site-relative paths, without touching the file system (it is hot)."""
    target_parts = [part for part in target.split("/") if part and part != "."]
    start_parts = [part for part in start.split("/") if part and part != "."]
    common = 0
    while common < min(len(target_parts), len(start_parts)) and target_parts[common] == start_parts[common]:
        common += 1
    parts = [".."] * (len(start_parts) - common) + target_parts[common:]
    return "/".join(parts) or "."


def href(from_src: str, to_src: str, use_directory_urls: bool = True, anchor: str = "") -> str:
    """A relative URL for raw HTML on page ``from_src`` pointing at ``to_src`` (escaped)."""
    base = page_url(from_src, use_directory_urls)
    if use_directory_urls and from_src.endswith(".md"):
        base_dir = base.rstrip("/") if base else ""
    else:
        base_dir = posixpath.dirname(base)
    target = page_url(to_src, use_directory_urls)
    relative = relpath(target, base_dir)
    if target.endswith("/") or target == "":
        relative = relative.rstrip("/") + "/" if relative != "." else "./"
    return html.escape(relative + (f"#{anchor}" if anchor else ""), quote=True)


def cell(text: str) -> str:
    """Record text made inert inside a Markdown table cell (HTML and Markdown escaped, one line)."""
    return md_text(" ".join(text.split()))


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def fa(number: object) -> str:
    return to_persian_digits(number)


def fa_decimal(value: float) -> str:
    """31.8974 → «۳۱٫۸۹۷۴» (Persian digits and decimal separator)."""
    return fa(f"{value:g}".replace(".", "٫"))

"""Links between generated pages, and the small text helpers every page uses.

Markdown links are relative links to the target's src_uri (``../yazd.md``), so
MkDocs' strict mode checks them. Raw HTML (the map, the sortable table) cannot
be checked by MkDocs, so its hrefs are computed here the way MkDocs computes
page URLs, and a test follows every one of them in the built site.
"""

from __future__ import annotations

import html
import json
import posixpath
from functools import lru_cache

from ..core.dates import to_persian_digits


def md_link(text: str, from_src: str, to_src: str, anchor: str = "") -> str:
    """``[text](relative.md#anchor)`` from one page's src_uri to another's."""
    target = relpath(to_src, posixpath.dirname(from_src))
    label = text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")
    return f"[{label}]({target}{'#' + anchor if anchor else ''})"


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


def page_url(src_uri: str, use_directory_urls: bool = True) -> str:
    """The URL path MkDocs gives a page: clusters/x.md → clusters/x/ (site-root relative)."""
    if not src_uri.endswith(".md"):
        return src_uri
    stem = src_uri[:-3]
    if posixpath.basename(stem) in ("index", "README"):
        if not use_directory_urls:
            return f"{posixpath.dirname(stem)}/index.html".lstrip("/")
        stem = posixpath.dirname(stem)
        return f"{stem}/" if stem else ""
    return f"{stem}/" if use_directory_urls else f"{stem}.html"


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


def front_matter(title: str, kind: str, **extra: str) -> str:
    """YAML front matter with quoted values: title, type and optional province/description."""
    lines = ["---", f"title: {json.dumps(title, ensure_ascii=False)}", f"type: {json.dumps(kind)}"]
    for key, value in extra.items():
        if value:
            lines.append(f"{key}: {json.dumps(value, ensure_ascii=False)}")
    lines.append("---")
    return "\n".join(lines) + "\n\n"


def cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return text.replace("|", "\\|").replace("\n", " ")


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def fa(number: object) -> str:
    return to_persian_digits(number)


def fa_decimal(value: float) -> str:
    """31.8974 → «۳۱٫۸۹۷۴» (Persian digits and decimal separator)."""
    return fa(f"{value:g}".replace(".", "٫"))


def count_text(number: int, noun: str = "خوشه") -> str:
    return f"{fa(number)} {noun}"


_PERSIAN_ALPHABET = "آابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی"
_RANK = {letter: index for index, letter in enumerate(_PERSIAN_ALPHABET)}
_RANK.update({"أ": _RANK["ا"], "إ": _RANK["ا"], "ي": _RANK["ی"], "ك": _RANK["ک"], "ة": _RANK["ه"], "ۀ": _RANK["ه"],
              "ئ": _RANK["ی"], "ؤ": _RANK["و"]})


def persian_sort_key(text: str) -> tuple:
    """Persian alphabetical order (پ after ب, گ after ک), spaces and ZWNJ ignored; ties by the text."""
    ranks = tuple(_RANK.get(char, 100 + ord(char)) for char in text if char not in " \u200c")
    return (ranks, text)

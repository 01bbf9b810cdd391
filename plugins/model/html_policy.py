"""Khooshe's HTML policy for what editors write (generator-independent, no MkDocs).

Editors write Markdown. Raw HTML inside it is limited to an allow-list of
harmless tags and attributes; nothing can run a script:

* no ``<script>``, ``<style>``, ``<iframe>``, ``<object>``, ``<form>``, ``<svg>`` … (any tag not
  in :data:`ALLOWED_TAGS`);
* no event-handler attributes (``onclick=``, ``onerror=`` …), no ``style=``, no attribute
  not in :data:`ALLOWED_ATTRIBUTES` (``data-*`` and ``aria-*`` are fine);
* links and images only to relative addresses or ``http:``, ``https:``, ``mailto:``, ``tel:``
  (never ``javascript:``, ``data:``, ``vbscript:``).

Three tools apply it:

* :func:`find_unsafe_html` lists every tag in an editor's Markdown that breaks the
  policy, with its line and column (``build.py check`` reports them);
* :func:`neutralize_markdown` turns exactly those tags into visible text, so the page
  shows what the editor typed and nothing runs (the build does this);
* :func:`sanitize_editor_html` is the last line of defence on rendered HTML: the kept
  sanitizer library ``nh3`` (Rust's ammonia) drops whatever the policy does not allow,
  including what Markdown syntax itself can produce (``[x](javascript:…)``,
  attr_list's ``{ onclick="…" }``).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import lru_cache

import nh3

from plugins.model.errors import ContentError
from plugins.model.markdown import (
    LINK_OPENING, REFERENCE_OPENING, LinePositions, RawTag, blank_spans, code_spans, raw_html_tags,
)

# ---------------------------------------------------------------------------- the allow-list

ALLOWED_TAGS = frozenset({
    "a", "abbr", "b", "bdi", "bdo", "blockquote", "br", "caption", "cite", "code", "col", "colgroup",
    "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre",
    "q", "s", "samp", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td",
    "tfoot", "th", "thead", "time", "tr", "u", "ul", "var", "wbr",
})
GLOBAL_ATTRIBUTES = frozenset({"class", "id", "title", "lang", "dir", "role"})
ALLOWED_ATTRIBUTES: dict[str, frozenset[str]] = {
    "a": frozenset({"href", "name"}),
    "img": frozenset({"src", "alt", "width", "height", "loading"}),
    "td": frozenset({"colspan", "rowspan"}),
    "th": frozenset({"colspan", "rowspan", "scope"}),
    "col": frozenset({"span"}),
    "colgroup": frozenset({"span"}),
    "ol": frozenset({"start", "reversed", "type"}),
    "li": frozenset({"value"}),
    "time": frozenset({"datetime"}),
    "details": frozenset({"open"}),
    "blockquote": frozenset({"cite"}),
    "q": frozenset({"cite"}),
    "del": frozenset({"cite", "datetime"}),
    "ins": frozenset({"cite", "datetime"}),
}
ATTRIBUTE_PREFIXES = ("data-", "aria-")
URL_ATTRIBUTES = frozenset({"href", "src", "cite"})
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# Python-Markdown's tables align cells with style="text-align: …"; nothing else may style.
_STYLED_BY_MARKDOWN = ("th", "td")
_STYLE_PROPERTIES = frozenset({"text-align"})
# Tags whose content is code, not text: removed with their content by the sanitizer.
_CONTENT_REMOVED = frozenset({"script", "style", "template", "noscript", "iframe", "object", "embed", "textarea"})

ALLOWED_SUMMARY = "برچسب‌های ساده متن مثل b، i، strong، em، a، img، span، div، table، abbr، sup، sub، br"
EXPECTED_URL = "نشانی نسبی یا نشانی که با https://، http://، mailto: یا tel: شروع می‌شود"


@lru_cache(maxsize=1)
def _cleaner() -> nh3.Cleaner:
    attributes: dict[str, set[str]] = {"*": set(GLOBAL_ATTRIBUTES)}
    for tag, names in ALLOWED_ATTRIBUTES.items():
        attributes[tag] = set(names)
    for tag in _STYLED_BY_MARKDOWN:
        attributes[tag] = attributes.get(tag, set()) | {"style"}
    return nh3.Cleaner(
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(_CONTENT_REMOVED),
        attributes=attributes,
        generic_attribute_prefixes=set(ATTRIBUTE_PREFIXES),
        url_schemes=set(URL_SCHEMES),
        filter_style_properties=set(_STYLE_PROPERTIES),
        strip_comments=True,
        link_rel=None,
    )


# A page that wraps an editor's text (a news article: header, body, footer) marks where
# Khooshe's own HTML goes with slot comments (plugins/views/render.py fills them after this
# sanitizer has run). nh3 strips every comment, so the HTML between the markers is cleaned
# piece by piece and exactly the markers are put back. Each piece comes out balanced (nh3
# closes what it opens), so nothing an editor writes reaches into a slot.
SLOT_MARKER = re.compile(r"<!-- khooshe-slot:([\w-]+) -->")  # group 1: the slot's name


def slot_comment(name: str) -> str:
    """The HTML comment that marks the slot ``name`` (what :data:`SLOT_MARKER` finds)."""
    return f"<!-- khooshe-slot:{name} -->"


def sanitize_editor_html(markup: str) -> str:
    """HTML rendered from an editor's Markdown, reduced to the allow-list; slot markers kept.

    Idempotent and safe to call on any fragment. Call it on HTML made from text
    an editor wrote (a record's Markdown description); never on HTML Khooshe's
    own code builds (maps, charts, tables with data-* attributes are trusted and
    may use tags the allow-list refuses, such as ``<svg>``).
    """
    cleaner = _cleaner()
    pieces = SLOT_MARKER.split(markup)  # text, slot name, text, slot name, …, text
    return "".join(slot_comment(piece) if index % 2 else cleaner.clean(piece) for index, piece in enumerate(pieces))


# ---------------------------------------------------------------------------- finding unsafe tags

@dataclass(frozen=True)
class UnsafeHtml:
    """One tag of an editor's Markdown that breaks the policy."""

    start: int  # offset of "<" in the text
    end: int  # offset just after the tag (its ">"), or start + 1 for an unclosed tag
    line: int  # 1-based, within the text, of the problem (a link: its address)
    column: int
    message: str
    expected: str
    follows: bool = False  # the end tag of a start tag already reported: escaped, not reported again
    kind: str = "tag"  # "tag", "link" (start at its "]"), "reference" (its "["), "attributes" (its "{")


_CONTROL = re.compile(r"[\x00-\x20\x7f]+")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_ATTR_LIST = re.compile(r"\{:?\s*([^{}\n]*)\}")
_VOID = frozenset({"br", "hr", "img", "wbr", "col", "input", "meta", "link", "area", "base", "source", "param"})


def url_problem(value: str) -> str:
    """Why a link or image address is refused, or "" when it is fine."""
    decoded = _CONTROL.sub("", html.unescape(value))
    match = _SCHEME.match(decoded)
    if match and match.group(1).lower() not in URL_SCHEMES:
        return f"نشانی با «{match.group(1).lower()}:» پذیرفته نیست"
    return ""


def _attribute_problem(tag: str, name: str, value: str | None) -> tuple[str, str]:
    lowered = name.lower()
    if lowered.startswith("on"):
        return f"ویژگی رویداد «{lowered}» در HTML پذیرفته نیست", "HTML بدون ویژگی‌های on…؛ کد اجرایی در محتوا جایی ندارد"
    allowed = GLOBAL_ATTRIBUTES | ALLOWED_ATTRIBUTES.get(tag, frozenset())
    if lowered not in allowed and not lowered.startswith(ATTRIBUTE_PREFIXES):
        expected = "، ".join(sorted(allowed)) + "، data-*"
        return f"ویژگی «{lowered}» برای <{tag}> پذیرفته نیست", expected
    if lowered in URL_ATTRIBUTES and value is not None:
        problem = url_problem(value.strip("\"'"))
        if problem:
            return problem, EXPECTED_URL
    return "", ""


class _Findings:
    """The policy breaks found in one scan of a text, each placed at its line and column."""

    def __init__(self, scan: str) -> None:
        self.place = LinePositions(scan)
        self.found: list[UnsafeHtml] = []

    def add(self, start: int, end: int, message: str, expected: str, follows: bool = False, kind: str = "tag",
            at: int | None = None) -> None:
        place = self.place(start if at is None else at)
        self.found.append(UnsafeHtml(start, end, *place, message, expected, follows, kind))


def find_unsafe_html(markdown: str) -> list[UnsafeHtml]:
    """Every raw-HTML tag (and attr_list) of ``markdown`` that breaks the policy, in order."""
    if "<" not in markdown and "{" not in markdown and ":" not in markdown:
        return []
    scan = blank_spans(markdown, code_spans(markdown))
    findings = _Findings(scan)
    _find_tags(scan, findings)
    _find_attribute_lists(scan, findings)
    for match in LINK_OPENING.finditer(scan):
        if problem := url_problem(match.group(1)):
            findings.add(match.start(), match.end(), problem, EXPECTED_URL, kind="link", at=match.start(1))
    for match in REFERENCE_OPENING.finditer(scan):
        if problem := url_problem(match.group(2)):
            findings.add(match.start() + len(match.group(1)), match.end(), problem, EXPECTED_URL, kind="reference",
                         at=match.start(2))
    return sorted(findings.found, key=lambda item: item.start)


def _tag_problem(tag: RawTag) -> tuple[str, str]:
    """(why, what is expected) when a tag breaks the policy; ("", "") when it is fine."""
    if tag.name not in ALLOWED_TAGS:
        return f"برچسب HTML <{tag.name}> پذیرفته نیست", ALLOWED_SUMMARY
    for name, value in tag.attributes:
        problem, expected = _attribute_problem(tag.name, name, value)
        if problem:
            return problem, expected
    return "", ""


def _find_tags(scan: str, findings: _Findings) -> None:
    """Tags not allowed, attributes not allowed, and the end tags of start tags already reported."""
    open_escaped: dict[str, list[bool]] = {}  # per tag name: was each open start tag reported?
    for tag in raw_html_tags(scan):
        problem, expected = _tag_problem(tag)
        if tag.closing:
            stack = open_escaped.get(tag.name)
            escaped_start = stack.pop() if stack else False
            if problem or escaped_start:
                findings.add(tag.start, tag.end, problem or f"برچسب پایانی </{tag.name}>", expected or ALLOWED_SUMMARY,
                             follows=escaped_start)
            continue
        if not tag.well_formed and not problem:
            continue  # not a tag Markdown would pass through; the sanitizer still checks the output
        if problem:
            findings.add(tag.start, tag.end, problem, expected)
        if tag.name not in _VOID and not scan[tag.start:tag.end].endswith("/>"):
            open_escaped.setdefault(tag.name, []).append(bool(problem))


def _find_attribute_lists(scan: str, findings: _Findings) -> None:
    """attr_list's ``{: …}`` with an event handler, a refused address or a style."""
    for match in _ATTR_LIST.finditer(scan):
        body = match.group(1)
        for attribute in re.finditer(r"([^\s=\"'#.]+)\s*=\s*(\"[^\"]*\"|'[^']*'|\S+)", body):
            name = attribute.group(1).lower()
            if name.startswith("on"):
                findings.add(match.start(), match.end(), f"ویژگی رویداد «{name}» در HTML پذیرفته نیست",
                             "HTML بدون ویژگی‌های on…؛ کد اجرایی در محتوا جایی ندارد", kind="attributes")
                break
            if name in URL_ATTRIBUTES and (problem := url_problem(attribute.group(2).strip("\"'"))):
                findings.add(match.start(), match.end(), problem, EXPECTED_URL, kind="attributes")
                break
            if name == "style":
                findings.add(match.start(), match.end(), "ویژگی «style» پذیرفته نیست", "کلاس (.نام) به جای style",
                             kind="attributes")
                break


def neutralize_markdown(markdown: str) -> str:
    """``markdown`` with everything :func:`find_unsafe_html` reports turned into visible text.

    ``<script>x()</script>`` becomes ``&lt;script>x()&lt;/script>``, a link
    ``[x](javascript:…)`` becomes ``[x\\](javascript:…)`` and an attribute list
    ``{: onclick=…}`` becomes ``\\{: onclick=…}``: Markdown shows each literally, the
    browser never sees a tag, a link or an attribute.
    """
    items = find_unsafe_html(markdown)
    if not items:
        return markdown
    parts: list[str] = []
    last = 0
    for item in items:
        if item.kind == "tag":
            if not markdown.startswith("<", item.start):
                continue
            parts.append(markdown[last:item.start])
            parts.append("&lt;")
            last = item.start + 1
        else:  # "]" of a link, "[" of a reference definition, "{" of an attribute list
            parts.append(markdown[last:item.start])
            parts.append("\\")
            last = item.start
    parts.append(markdown[last:])
    return "".join(parts)


def sanitize_editor_markdown(markdown: str) -> str:
    """Alias of :func:`neutralize_markdown` for record fields embedded into generated Markdown."""
    return neutralize_markdown(markdown)


def unsafe_html_errors(markdown: str, path: str, first_line: int = 1, field: str = "",
                       first_column: int = 1) -> list[ContentError]:
    """One :class:`ContentError` per policy break in ``markdown``.

    ``first_line`` is the file line of the text's first line (a Markdown body
    after front matter, a YAML block scalar); ``first_column`` the file column of
    its first character (only the first line is shifted).
    """
    errors = []
    for item in find_unsafe_html(markdown):
        if item.follows:
            continue
        column = item.column + (first_column - 1 if item.line == 1 else 0)
        errors.append(ContentError(path, first_line + item.line - 1, column, field=field,
                                   message=item.message, expected=item.expected))
    return errors


# ---------------------------------------------------------------------------- page titles

def escape_text(text: str) -> str:
    """Text made safe for HTML, idempotently (``&amp;`` stays ``&amp;``, ``<`` becomes ``&lt;``)."""
    return html.escape(html.unescape(text), quote=True)

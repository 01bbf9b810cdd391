"""Khooshe's Persian text pipeline: one normalizer for page prose, record text and search.

Public contract (other capabilities call these names; signatures are stable):

* ``normalize_text(text, *, for_display=True) -> str`` — plain text such as a YAML
  text field or a title (inline Markdown in it is respected).
* ``normalize_markdown(markdown, *, for_display=True) -> str`` — a Markdown page,
  touching only its prose runs (front matter values included, keys never).
* ``normalize_yaml(text, *, for_display=False) -> str`` — a YAML document, touching
  only string values that contain Persian prose; comments, key order, quoting and
  line structure stay as they are (used by ``build.py lint --fix``).
* ``fold_for_search(text) -> str`` and ``SEARCH_FOLDING`` — the search folding,
  re-exported from ``plugins/model/folding.py`` (owned by the search capability:
  one rule table that Python and the browser both apply).
* ``configure_cache(directory)`` / ``flush_cache()`` — the on-disk cache of
  normalized runs (the text plugin points it at ``.cache/khooshe/``).

How a text is normalized
------------------------
1. Markup is split from prose. Block level: front matter keys, fenced and indented
   code, HTML comments and raw ``<pre>/<script>/<style>/<textarea>`` blocks, link
   reference definitions, table delimiter rows, thematic breaks, list/heading/
   admonition/footnote markers. Inline: code spans, escapes, HTML tags with their
   attributes, entities, autolinks, link and image targets, footnote and reference
   labels, emphasis markers, table pipes, attribute lists. All of it is copied
   byte for byte.
2. Inside each prose run (never longer than one line) protected tokens are copied
   byte for byte too: URLs, e-mail addresses, Latin words and phrases (with the
   numbers that belong to them, ``ISO 9001``), numbers with separators (``3.14``,
   ``243,870``, ``1398/05/01``, ``12:30``, ISBNs such as ``964-7135-01-X``) and
   coordinates (``35°41′N``).
3. What is left — Persian segments — goes through hazm 0.10's ``Normalizer`` with
   the options in ``HAZM_OPTIONS`` (see there why each is on or off); segments
   with no Arabic-script letter are never given to hazm. Whitespace and
   zero-width joiners at a segment's edges are kept, so ``**خوشه**‌ها`` keeps its
   ZWNJ next to the markup.

Digits policy
-------------
* Sources keep what editors typed: the source form (``for_display=False``, what
  lint writes back) leaves Latin digits alone and only folds Arabic-Indic digits
  (``٠١٢…``) to Persian ones (``۰۱۲…``).
* What readers see (``for_display=True``, used when a page is rendered and when
  records are loaded) shows Persian digits in Persian prose: Latin digits become
  Persian, and ``%`` after a digit becomes ``٪``. A run with Latin letters and no
  Persian letter is English and keeps its digits.
* Protected tokens (numbers with separators, dates, ISBNs, coordinates, Latin
  phrases), URLs, code, identifiers and attributes never change in either form.

Speed
-----
hazm is imported once, lazily, on the first cache miss (its import and set-up
take seconds). Every Persian segment's normalized form is cached by content hash
in memory and, once ``configure_cache`` names a folder, on disk, so a rebuild of
unchanged text never imports hazm. Whole documents are memoized in memory for the
live preview.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator

# The search folding is owned by the search capability (plugins/model/folding.py):
# one table, written unchanged for the browser, so index and query cannot drift.
# It is re-exported here under the names of the text-pipeline contract.
from plugins.model.folding import SEARCH_FOLDING, fold_for_search

__all__ = [
    "HAZM_OPTIONS",
    "SEARCH_FOLDING",
    "configure_cache",
    "flush_cache",
    "cache_info",
    "fold_for_search",
    "normalize_markdown",
    "normalize_text",
    "normalize_yaml",
    "yaml_unfixable_lines",
]

# --------------------------------------------------------------------------- hazm options

HAZM_OPTIONS: dict[str, bool] = {
    # ZWNJ for می/نمی and ها/های/تر/ترین/… (lexicon-checked), spacing around
    # punctuation, collapsed spaces, keshide removed: the point of the pipeline.
    "correct_spacing": True,
    # میشود → می‌شود: joins the verb prefix only when hazm's verb list knows the verb.
    "seperate_mi": True,
    # "…" → «…», ... → …: Persian typography.
    "persian_style": True,
    # ﷼ → ریال, ligature ﻻ → لا: presentation-form ligatures become real letters.
    "unicodes_replacement": True,
    # Off: editors' kasre of ezafe (اجتماعیِ) and tanvin (معمولاً) are deliberate.
    "remove_diacritics": False,
    # Off: it deletes hamza above (خانهٔ) and superscript alef, which change words.
    "remove_specials_chars": False,
    # Off: it shortens letters repeated three times using a lexicon, which can
    # damage proper names; editors' formal text has no «سلاممممم».
    "decrease_repeated_chars": False,
    # Off: digits follow Khooshe's own policy (above), not hazm's all-Persian rule.
    "persian_numbers": False,
}

# --------------------------------------------------------------------------- characters

_ARABIC_LETTERS = (
    "\u0620-\u064a\u066e\u066f\u0671-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06fc\u06ff"
    "\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc"
)
_LATIN_LETTERS = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"
_DIGITS = "0-9\u0660-\u0669\u06f0-\u06f9"
_EDGE_CHARS = r"\s\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff"

_ARABIC_RE = re.compile(f"[{_ARABIC_LETTERS}]")
_LATIN_RE = re.compile(f"[{_LATIN_LETTERS}]")
_SOURCE_WORK_RE = re.compile(f"[{_ARABIC_LETTERS}\u0660-\u0669]")
_DISPLAY_WORK_RE = re.compile(f"[{_ARABIC_LETTERS}\u0660-\u06690-9]")
_LEADING_EDGE_RE = re.compile(f"^[{_EDGE_CHARS}]*")
_TRAILING_EDGE_RE = re.compile(f"[{_EDGE_CHARS}]*$")

_ARABIC_INDIC_RE = re.compile("[\u0660-\u0669]")
_LATIN_DIGIT_RE = re.compile("[0-9]")
_ARABIC_INDIC_TO_PERSIAN = str.maketrans("٠١٢٣٤٥٦٧٨٩", "۰۱۲۳۴۵۶۷۸۹")
_LATIN_TO_PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
_PERCENT_AFTER_DIGIT = re.compile("(?<=[۰-۹])%")
_SPACE_BEFORE_PERCENT = re.compile(f"(?<=[{_DIGITS}]) (?=[٪%])")

# --------------------------------------------------------------------------- protected tokens

_NUMBER = f"[{_DIGITS}]+"
_DECIMAL = f"{_NUMBER}(?:[.٫]{_NUMBER})?"
_URL = r"(?:[A-Za-z][A-Za-z0-9+.\-]*://|www\.|mailto:)[^\s<>\"'«»\[\]]+"
_EMAIL = r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+"
_COORDINATE = (
    f"{_DECIMAL}[ \\t]?°(?:[ \\t]?{_DECIMAL}[ \\t]?[′'])?(?:[ \\t]?{_DECIMAL}[ \\t]?[″\"])?"
    f"(?:[ \\t]?[NSEW](?![{_LATIN_LETTERS}]))?"
)
_SEPARATED_NUMBER = f"[+\\-−]?{_NUMBER}(?:[.,٫٬/:\\-–−]{_NUMBER})+(?:-[Xx](?![{_LATIN_LETTERS}]))?"
_LATIN_WORD = (
    f"[{_DIGITS}]*[{_LATIN_LETTERS}][{_LATIN_LETTERS}{_DIGITS}_]*"
    f"(?:[.'’\\-+&/#@:_][{_LATIN_LETTERS}{_DIGITS}_]+)*[+#]*"
)
_LATIN_SEPARATOR = "(?:[ \\t]*[,;&/\\-–—][ \\t]*|[ \\t]+)"
_LATIN_NUMBER = f"[{_DIGITS}]+(?:[.,:/\\-][{_DIGITS}]+)*(?![{_LATIN_LETTERS}{_DIGITS}])"
_LATIN_PHRASE = f"{_LATIN_WORD}(?:{_LATIN_SEPARATOR}(?:{_LATIN_WORD}|{_LATIN_NUMBER}))*"

_PROTECTED_RE = re.compile("|".join([_URL, _EMAIL, _COORDINATE, _SEPARATED_NUMBER, _LATIN_PHRASE]))
# Every character a protected token can start with: the scanner only tries the
# alternatives there, which is several times faster on Persian prose.
_PROTECTED_START_RE = re.compile(f"[{_LATIN_LETTERS}{_DIGITS}._%+\\-−]")


def _protected_tokens(run: str) -> Iterator[re.Match[str]]:
    position = 0
    while True:
        candidate = _PROTECTED_START_RE.search(run, position)
        if candidate is None:
            return
        match = _PROTECTED_RE.match(run, candidate.start())
        if match is None or match.end() == match.start():
            position = candidate.start() + 1
            continue
        yield match
        position = match.end()

# --------------------------------------------------------------------------- cache


def _rules_version() -> str:
    try:
        from importlib.metadata import version

        hazm_version = version("hazm")
    except Exception:  # pragma: no cover - hazm is a pinned dependency
        hazm_version = "?"
    digest = hashlib.sha256(Path(__file__).read_bytes())
    digest.update(repr(sorted(HAZM_OPTIONS.items())).encode())
    digest.update(hazm_version.encode())
    return digest.hexdigest()[:16]


_VERSION = _rules_version()


class _SegmentCache:
    """hazm results by segment: in memory, and on disk once a folder is configured."""

    def __init__(self) -> None:
        self.memory: dict[str, str] = {}
        self.directory: Path | None = None
        self.disk: dict[str, str] | None = None
        self.new: dict[str, str] = {}
        self.hazm_calls = 0

    @property
    def path(self) -> Path | None:
        return self.directory / f"text-{_VERSION}.json" if self.directory else None

    def configure(self, directory: Path | None) -> None:
        directory = Path(directory) if directory is not None else None
        if directory != self.directory:
            self.flush()
            self.directory = directory
            self.disk = None

    def _load(self) -> dict[str, str]:
        if self.disk is None:
            self.disk = {}
            if self.path and self.path.exists():
                try:
                    self.disk = json.loads(self.path.read_text(encoding="utf-8"))["entries"]
                except (OSError, ValueError, KeyError, TypeError):
                    self.disk = {}
        return self.disk

    def get(self, segment: str) -> str:
        result = self.memory.get(segment)
        if result is not None:
            return result
        key = hashlib.blake2b(segment.encode("utf-8"), digest_size=16).hexdigest()
        result = self._load().get(key)
        if result is None:
            result = _run_hazm(segment) if _HAZM_ON[0] else segment.translate(_ARABIC_LETTERS)
            self.hazm_calls += 1
            if self.directory is not None:
                self.new[key] = result
        self.memory[segment] = result
        return result

    def document(self, kind: str, display: bool, text: str, compute) -> str:
        """A whole document's result from disk, else ``compute(text, display)``, kept for the next build.

        Even with every segment cached, splitting a page into prose runs again
        costs ~1 ms; a warm build of 10,000 pages skips it. An unchanged document
        is stored as "=" (the input itself), a changed one as ">" + result, so a
        clean site's cache stays small.
        """
        if self.directory is None:
            return compute(text, display)
        digest = hashlib.blake2b(f"{kind}\0{int(display)}\0{text}".encode("utf-8"), digest_size=16)
        key = "doc-" + digest.hexdigest()
        stored = self._load().get(key)
        if stored is not None:
            return text if stored == "=" else stored[1:]
        result = compute(text, display)
        self.new[key] = "=" if result == text else ">" + result
        return result

    def flush(self) -> None:
        path = self.path
        if path is None or not self.new:
            return
        entries: dict[str, str] = {}
        if path.exists():
            try:
                entries = json.loads(path.read_text(encoding="utf-8"))["entries"]
            except (OSError, ValueError, KeyError, TypeError):
                entries = {}
        entries.update(self.new)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=".text-", suffix=".json", dir=path.parent)
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                json.dump({"version": _VERSION, "entries": entries}, stream, ensure_ascii=False, sort_keys=True)
            os.replace(temporary, path)
            for stale in path.parent.glob("text-*.json"):
                if stale != path:
                    stale.unlink(missing_ok=True)
        except OSError:
            return  # a read-only checkout: the cache is an optimization, never a reason to fail
        if self.disk is not None:
            self.disk.update(self.new)
        self.new = {}


_CACHE = _SegmentCache()
_DOCUMENTS: dict[tuple[str, bool, str], str] = {}
_DOCUMENTS_LIMIT = 5_000  # whole documents remembered for the live preview


def configure_cache(directory: Path | str | None) -> None:
    """Keep normalized segments in ``directory`` (e.g. ``<root>/.cache/khooshe``); None: memory only."""
    _CACHE.configure(Path(directory) if directory is not None else None)


def flush_cache() -> None:
    """Write segments normalized since the last flush to the cache folder (atomic)."""
    _CACHE.flush()


def cache_info() -> dict[str, Any]:
    """Counters for tests and the benchmark."""
    return {
        "directory": str(_CACHE.directory) if _CACHE.directory else None,
        "segments_in_memory": len(_CACHE.memory),
        "hazm_calls": _CACHE.hazm_calls,
        "hazm_loaded": _hazm_normalizer.cache_info().currsize > 0,
        "version": _VERSION,
    }


_HAZM_ON = [True]
_ARABIC_LETTERS = str.maketrans({"ي": "ی", "ك": "ک", "ى": "ی", "ة": "ه"})


@contextmanager
def letters_only() -> Iterator[None]:
    """Validation without hazm (``build.py check``): the text pipeline runs, the hazm segment step does not.

    Markup is still split, digits and Arabic letters still made Persian; loading hazm
    alone takes seconds and no validation rule depends on it. These cheaper results
    never reach the on-disk cache and are forgotten afterwards (tests build sites in
    the same process).
    """
    directory = _CACHE.directory
    _CACHE.configure(None)
    _HAZM_ON[0] = False
    try:
        yield
    finally:
        _HAZM_ON[0] = True
        _clear_memory()
        _CACHE.configure(directory)


def _clear_memory() -> None:
    """Forget every in-memory result (tests and the benchmark's cold runs)."""
    _CACHE.memory.clear()
    _CACHE.disk = None
    _DOCUMENTS.clear()


def _memoized(kind: str, display: bool, text: str, compute) -> str:
    key = (kind, display, text)
    result = _DOCUMENTS.get(key)
    if result is None:
        result = _CACHE.document(kind, display, text, compute)
        if len(_DOCUMENTS) >= _DOCUMENTS_LIMIT:
            _DOCUMENTS.clear()
        _DOCUMENTS[key] = result
    return result


# --------------------------------------------------------------------------- hazm


@lru_cache(maxsize=1)
def _hazm_normalizer():
    from hazm import Normalizer  # imported once, on the first segment not in the cache

    class KhoosheNormalizer(Normalizer):
        """hazm's Normalizer without one rule: joining two words because the pair is in the lexicon.

        That rule (``token_spacing``) turns «در یک رشته صنعتی» into «یک‌رشته», «نوشته
        شده است» into «نوشته‌شده است» and «قابل اجرا» into «قابل‌اجرا»: right for some
        adjectives, wrong for verb phrases and for the counted nouns of this site's
        prose, and lint must never "correct" good text. Kept from ``token_spacing``:
        verb forms (می + شود → می‌شود) and the suffixes ها/های/تر/ترین/ای/ام/… after a
        known word. Compound words written with a space stay as the editor wrote them.
        """

        def token_spacing(self, tokens: list[str]) -> list[str]:
            result: list[str] = []
            for index, token in enumerate(tokens):
                joined = False
                if result:
                    pair = f"{result[-1]}\u200c{token}"
                    if pair in self.verbs:
                        following = index < len(tokens) - 1 and f"{token}_{tokens[index + 1]}" in self.verbs
                        joined = not following
                    elif token in self.suffixes and result[-1] in self.words:
                        joined = True
                if joined:
                    result[-1] = pair
                else:
                    result.append(token)
            return result

    return KhoosheNormalizer(**HAZM_OPTIONS)


_PERSIAN_WORD_RE = re.compile("[ءآأؤإئابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیۀ]{3,}")
_NON_JOINING = set("آادذرزژو")
_PLURAL_SUFFIXES = ("هایشان", "هایتان", "هایمان", "هایی", "هایم", "هایت", "هایش", "های", "ها")
_COMPARATIVE_SUFFIXES = ("ترین", "تری", "تر")


def _known(word: str, lexicon: dict) -> bool:
    entry = lexicon.get(word)
    return entry is not None and entry[0] > 0


def _glued_suffix(word: str, lexicon: dict) -> str:
    """سازمانهای → سازمان‌های, بزرگتر → بزرگ‌تر, شبکهای → شبکه‌ای: a suffix glued to a known word.

    hazm adds the ZWNJ when the suffix is written apart (خوشه ها) or after «ه»
    (خوشهها); this covers the glued case the seeds are full of. The whole word
    must be unknown to hazm's lexicon (or known only as a misspelling, frequency
    0), the stem known with a frequency above 0, the word not derived from a known
    word (بیشترین ← بیشتر, دفتری ← دفتر, تنهایی ← تنها), and for تر/ترین the stem an
    adjective. «Xهای» that reads as «Xه» + «ای» and as «X» + «های» (منطقهای،
    مجموعهای) is ambiguous and left alone. A stem ending in a non-joining letter
    (نهادها) looks the same either way and is left alone too.
    """
    if _known(word, lexicon):
        return word
    if word.endswith("های") and len(word) > 4 and _known(word[:-2], lexicon):
        return word if _known(word[:-3], lexicon) else f"{word[:-2]}\u200cای"
    for suffixes, needs_adjective in ((_PLURAL_SUFFIXES, False), (_COMPARATIVE_SUFFIXES, True)):
        for suffix in suffixes:
            if not word.endswith(suffix) or len(word) - len(suffix) < 2:
                continue
            stem = word[: -len(suffix)]
            base = stem + suffix[:2]
            if base != word and _known(base, lexicon):
                return word
            entry = lexicon.get(stem)
            if (
                _known(stem, lexicon)
                and stem[-1] not in _NON_JOINING
                and stem[-1] != "ه"
                and (not needs_adjective or "AJ" in entry[1])
            ):
                return f"{stem}\u200c{suffix}"
    return word


def _run_hazm(segment: str) -> str:
    normalizer = _hazm_normalizer()
    result = normalizer.normalize(segment)
    # hazm splits «۵۰٪» into two tokens and joins them with a space.
    result = _SPACE_BEFORE_PERCENT.sub("", result)
    return _PERSIAN_WORD_RE.sub(lambda match: _glued_suffix(match.group(), normalizer.words), result)


# --------------------------------------------------------------------------- prose runs


def _normalize_segment(segment: str, persian_context: bool) -> str:
    lead = _LEADING_EDGE_RE.match(segment).end()
    if lead == len(segment):
        return segment
    trail = _TRAILING_EDGE_RE.search(segment, lead).start()
    core = segment[lead:trail]
    if _ARABIC_INDIC_RE.search(core):
        core = core.translate(_ARABIC_INDIC_TO_PERSIAN)
    if _ARABIC_RE.search(core):
        core = _CACHE.get(core)
    if persian_context and _LATIN_DIGIT_RE.search(core):
        core = _PERCENT_AFTER_DIGIT.sub("٪", core.translate(_LATIN_TO_PERSIAN))
    return segment[:lead] + core + segment[trail:]


def _normalize_run(run: str, display: bool) -> str:
    """One line of prose between markup: protected tokens kept, Persian segments normalized."""
    if not (_DISPLAY_WORK_RE if display else _SOURCE_WORK_RE).search(run):
        return run
    persian_context = display and (_ARABIC_RE.search(run) is not None or _LATIN_RE.search(run) is None)
    parts: list[str] = []
    position = 0
    for match in _protected_tokens(run):
        if match.start() > position:
            parts.append(_normalize_segment(run[position:match.start()], persian_context))
        parts.append(match.group())
        position = match.end()
    if position < len(run):
        parts.append(_normalize_segment(run[position:], persian_context))
    return "".join(parts)


# --------------------------------------------------------------------------- inline markup

_RAW_ELEMENTS = ("script", "style", "pre", "code", "kbd", "samp", "textarea", "svg", "math")
_INLINE_RE = re.compile(
    r"(?P<escape>\\[\s\S])"
    r"|(?P<ticks>`+)"
    r"|(?P<comment><!--)"
    r"|(?P<autolink><(?:[A-Za-z][A-Za-z0-9+.\-]{1,31}:[^<>\s]*|[^<>\s@]+@[^<>\s@]+)>)"
    r"|(?P<tag></?(?P<tagname>[A-Za-z][A-Za-z0-9\-]*)"
    r"(?:\s+[^\s\"'>/=]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?)*\s*/?>)"
    r"|(?P<entity>&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6});)"
    r"|(?P<url>(?:[A-Za-z][A-Za-z0-9+.\-]*://|www\.)[^\s<>\[\]()\"'«»]+)"
    r"|(?P<email>[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+)"
    r"|(?P<destination>\]\()"
    r"|(?P<reference>\]\[[^\]\n]*\])"
    r"|(?P<footnote>\[\^[^\]\s]+\])"
    r"|(?P<shortcut>\[(?P<label>[^\]\n]+)\](?:\[\])?)"
    r"|(?P<bracket>!?\[|\])"
    r"|(?P<attributes>\{:[^}\n]*\}|\{[ \t]*(?:[#.]|[A-Za-z_][\w\-:]*=)[^}\n]*\})"
    r"|(?P<marker>\*+|_+|~~+|\|)"
)
_INLINE_START_RE = re.compile(r"[\\`<&A-Za-z0-9._%+\-\]\[!{*~|]")  # first characters of _INLINE_RE


@lru_cache(maxsize=16)
def _closing_ticks(ticks: int) -> re.Pattern[str]:
    return re.compile(f"(?<!`)`{{{ticks}}}(?!`)")


def _code_span_end(text: str, start: int, ticks: int) -> int:
    match = _closing_ticks(ticks).search(text, start + ticks)
    return match.end() if match else start + ticks


def _destination_end(text: str, start: int) -> int:
    """End of ``](target "title")`` starting at ``start``; only ``](`` when unbalanced."""
    index, depth, quote = start + 2, 1, ""
    while index < len(text):
        char = text[index]
        if char == "\\":
            index += 2
            continue
        if quote:
            if char == quote:
                quote = ""
        elif char in "\"'" and text[index - 1] in " \t\n":
            quote = char
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return index + 1
        elif char == "\n" and text[index - 1] == "\n":
            break
        index += 1
    return start + 2


def _inline_markup(text: str, references: frozenset[str] = frozenset()) -> Iterator[tuple[int, int]]:
    """(start, end) of every markup span of inline Markdown/HTML text, in order."""
    position = 0
    while True:
        candidate = _INLINE_START_RE.search(text, position)
        if candidate is None:
            return
        match = _INLINE_RE.match(text, candidate.start())
        if match is None:
            position = candidate.start() + 1
            continue
        start, end, kind = match.start(), match.end(), match.lastgroup
        if kind == "ticks":
            end = _code_span_end(text, start, end - start)
        elif kind == "comment":
            close = text.find("-->", start + 4)
            end = len(text) if close < 0 else close + 3
        elif kind == "tag":
            name = match.group("tagname").lower()
            tag = match.group("tag")
            if name in _RAW_ELEMENTS and not tag.startswith("</") and not tag.endswith("/>"):
                close = re.compile(f"</{name}\\s*>", re.IGNORECASE).search(text, end)
                end = len(text) if close is None else close.end()
        elif kind == "destination":
            end = _destination_end(text, start)
        elif kind == "shortcut":
            label = " ".join(match.group("label").split()).lower()
            if label not in references:
                end = start + 1  # only the "[": the text inside is prose
        yield start, end
        position = end


def _prose_pieces(text: str, markup: Iterator[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """Prose between markup spans, cut at line ends (a run never spans lines)."""
    position = 0
    for start, end in markup:
        if start > position:
            yield from _lines_of(text, position, start)
        position = max(position, end)
    if position < len(text):
        yield from _lines_of(text, position, len(text))


def _lines_of(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end:
        newline = text.find("\n", start, end)
        stop = end if newline < 0 else newline
        if stop > start:
            yield start, stop
        start = stop + 1


def _apply(text: str, edits: list[tuple[int, int, str]]) -> str:
    if not edits:
        return text
    parts, position = [], 0
    for start, end, replacement in sorted(edits):
        parts.append(text[position:start])
        parts.append(replacement)
        position = end
    parts.append(text[position:])
    return "".join(parts)


def _normalize_inline(text: str, display: bool, references: frozenset[str] = frozenset()) -> str:
    edits = []
    for start, end in _prose_pieces(text, _inline_markup(text, references)):
        old = text[start:end]
        new = _normalize_run(old, display)
        if new != old:
            edits.append((start, end, new))
    return _apply(text, edits)


def normalize_text(text: str, *, for_display: bool = True) -> str:
    """Normalize a plain text (a title, a YAML text field); inline Markdown stays intact.

    ``for_display=True`` (default) gives what readers see: Persian digits in
    Persian prose. ``for_display=False`` gives the source form lint writes back.
    """
    if not isinstance(text, str) or not (_DISPLAY_WORK_RE if for_display else _SOURCE_WORK_RE).search(text):
        return text
    return _memoized("text", for_display, text, _normalize_inline)


# --------------------------------------------------------------------------- Markdown blocks

_FENCE_RE = re.compile(r"(`{3,}|~{3,})")
_QUOTE_RE = re.compile(r"(?:>[ \t]?)+")
_RULE_RE = re.compile(r"(?:([-*_=])[ \t]*)(?:\1[ \t]*)*")
_HEADING_RE = re.compile(r"#{1,6}(?=[ \t]|$)")
_CLOSING_HASHES_RE = re.compile(r"[ \t]+#+[ \t]*$")
_CONTAINER_TITLE_RE = re.compile(r"(?:!!!\+?|\?\?\?\+?|===\+?)(?=[ \t]|$)")
_FOOTNOTE_DEF_RE = re.compile(r"\[\^[^\]\n]+\]:[ \t]*")
_REFERENCE_DEF_RE = re.compile(r"\[([^\]\n^][^\]\n]*)\]:[ \t]*\S")
_ABBREVIATION_RE = re.compile(r"\*\[[^\]\n]+\]:[ \t]*")
_DEFINITION_RE = re.compile(r":[ \t]+")
_LIST_ITEM_RE = re.compile(r"(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)")
_TABLE_DELIMITER_RE = re.compile(r"\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*")
_ATTRIBUTE_LINE_RE = re.compile(r"\{:?[^}]*\}[ \t]*")
_RAW_BLOCK_RE = re.compile(r"<(pre|script|style|textarea)(?=[\s>])", re.IGNORECASE)
_REFERENCE_LABEL_RE = re.compile(r"^[ ]{0,3}\[([^\]\n^][^\]\n]*)\]:[ \t]*\S", re.MULTILINE)


def _indent_width(line: str) -> tuple[int, int]:
    """(columns, characters) of a line's leading whitespace; a tab is 4 columns."""
    columns = 0
    for count, char in enumerate(line):
        if char == " ":
            columns += 1
        elif char == "\t":
            columns += 4 - columns % 4
        else:
            return columns, count
    return columns, len(line)


def _front_matter_end(lines: list[str]) -> int:
    """Index of the line closing the front matter, or 0 when there is none."""
    if not lines or lines[0].rstrip() != "---":
        return 0
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            return index
    return 0


def _block_groups(lines: list[str], offsets: list[int], first: int) -> list[list[tuple[int, int]]]:
    """Inline-text slices of a Markdown document, grouped by paragraph.

    Everything not in a slice is block markup (or code) and is never changed.
    Code spans may cross lines inside one group, never between groups.
    """
    groups: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] | None = None
    fence: tuple[str, int] | None = None
    raw_close: re.Pattern[str] | None = None
    containers: list[int] = []
    previous_blank, in_paragraph, in_code = True, False, False

    def start_group(start: int, end: int) -> None:
        nonlocal current
        current = [(start, end)] if end > start else []
        groups.append(current)

    for index in range(first, len(lines)):
        line, base_offset = lines[index], offsets[index]
        if fence is not None:
            stripped = _QUOTE_RE.sub("", line.lstrip(" \t"), count=1).lstrip(" \t")
            if re.fullmatch(f"{re.escape(fence[0])}{{{fence[1]},}}[ \\t]*", stripped):
                fence = None
            continue
        if raw_close is not None:
            if raw_close.search(line):
                raw_close = None
            continue
        if not line.strip():
            previous_blank, in_paragraph, current = True, False, None
            continue
        columns, position = _indent_width(line)
        if previous_blank:
            while containers and columns < containers[-1]:
                containers.pop()
        base = containers[-1] if containers else 0
        if not in_paragraph and (previous_blank or in_code) and columns >= base + 4:
            in_code, previous_blank, current = True, False, None
            continue
        in_code = previous_blank = False
        quote = _QUOTE_RE.match(line, position)
        if quote:
            position = quote.end()
            if not line[position:].strip():
                in_paragraph, current = False, None
                continue
        rest = line[position:]
        fence_match = _FENCE_RE.match(rest)
        if fence_match and (rest[0] == "~" or "`" not in rest[fence_match.end():]):
            fence = (rest[0], len(fence_match.group(1)))
            in_paragraph, current = False, None
            continue
        if rest.startswith("<!--"):
            if "-->" not in rest[4:]:
                raw_close = re.compile("-->")
            in_paragraph, current = False, None
            continue
        raw = _RAW_BLOCK_RE.match(rest)
        if raw and not re.search(f"</{raw.group(1)}\\s*>", rest, re.IGNORECASE):
            raw_close = re.compile(f"</{raw.group(1)}\\s*>", re.IGNORECASE)
            in_paragraph, current = False, None
            continue
        if _RULE_RE.fullmatch(rest.rstrip()) or _TABLE_DELIMITER_RE.fullmatch(rest) and "-" in rest and (
            "|" in rest or not in_paragraph
        ):
            in_paragraph, current = False, None
            continue
        if _ATTRIBUTE_LINE_RE.fullmatch(rest):
            in_paragraph, current = False, None
            continue
        heading = _HEADING_RE.match(rest)
        if heading:
            end = len(line)
            closing = _CLOSING_HASHES_RE.search(line, position + heading.end())
            if closing:
                end = closing.start()
            start_group(position + heading.end() + base_offset, end + base_offset)
            in_paragraph, current = False, None
            continue
        title = _CONTAINER_TITLE_RE.match(rest)
        if title:
            while containers and columns < containers[-1]:
                containers.pop()
            containers.append(columns + 4)
            first_quote, last_quote = line.find('"', position), line.rfind('"')
            if 0 <= first_quote < last_quote:
                start_group(base_offset + first_quote + 1, base_offset + last_quote)
            in_paragraph, current = False, None
            continue
        if _REFERENCE_DEF_RE.match(rest) and not _FOOTNOTE_DEF_RE.match(rest):
            in_paragraph, current = False, None
            continue
        marker = (
            _FOOTNOTE_DEF_RE.match(rest)
            or _ABBREVIATION_RE.match(rest)
            # Python-Markdown: a list does not interrupt a top-level paragraph («1380. …» is prose)
            or (_LIST_ITEM_RE.match(rest) if containers or not in_paragraph else None)
            or _DEFINITION_RE.match(rest)
        )
        if marker:
            while containers and columns < containers[-1]:
                containers.pop()
            containers.append(columns + 4)
            position += marker.end()
            start_group(base_offset + position, base_offset + len(line))
            in_paragraph = True
            continue
        if "|" in rest:
            start_group(base_offset + position, base_offset + len(line))
            in_paragraph, current = False, None
            continue
        if current is not None and in_paragraph:
            current.append((base_offset + position, base_offset + len(line)))
        else:
            start_group(base_offset + position, base_offset + len(line))
        in_paragraph = True
    return groups


def _normalize_markdown(markdown: str, display: bool) -> str:
    lines = markdown.split("\n")
    offsets, total = [], 0
    for line in lines:
        offsets.append(total)
        total += len(line) + 1
    edits: list[tuple[int, int, str]] = []
    closing = _front_matter_end(lines)
    first = 0
    if closing:
        start, end = offsets[1], offsets[closing]
        yaml_text = markdown[start:end]
        normalized = normalize_yaml(yaml_text, for_display=display)
        if normalized != yaml_text:
            edits.append((start, end, normalized))
        first = closing + 1
    body_start = offsets[first] if first < len(offsets) else len(markdown)
    references = frozenset(
        " ".join(label.split()).lower() for label in _REFERENCE_LABEL_RE.findall(markdown, body_start)
    )
    for group in _block_groups(lines, offsets, first):
        if not group:
            continue
        joined = "\n".join(markdown[start:end] for start, end in group)
        starts, position = [], 0
        for start, end in group:
            starts.append((position, start, end - start))
            position += end - start + 1
        for piece_start, piece_end in _prose_pieces(joined, _inline_markup(joined, references)):
            for joined_start, absolute, length in starts:
                if joined_start <= piece_start < joined_start + length:
                    begin = absolute + piece_start - joined_start
                    old = markdown[begin:begin + piece_end - piece_start]
                    new = _normalize_run(old, display)
                    if new != old:
                        edits.append((begin, begin + len(old), new))
                    break
    return _apply(markdown, edits)


def normalize_markdown(markdown: str, *, for_display: bool = True) -> str:
    """Normalize the prose of a Markdown page; every byte of markup stays as it was.

    Lines are never added or removed, so line numbers keep pointing at the source.
    """
    if not isinstance(markdown, str) or not (_DISPLAY_WORK_RE if for_display else _SOURCE_WORK_RE).search(markdown):
        return markdown
    return _memoized("markdown", for_display, markdown, _normalize_markdown)


# --------------------------------------------------------------------------- YAML values

_STR_TAG = "tag:yaml.org,2002:str"
_LEADING_SPACE_RE = re.compile(r"[ \t]*")


def _compose(text: str):
    import yaml

    try:  # libyaml's parser when present: its marks are character offsets too
        return yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return None


def _value_scalars(node, seen: set[int]) -> Iterator[Any]:
    if id(node) in seen:
        return
    seen.add(id(node))
    kind = type(node).__name__
    if kind == "ScalarNode":
        yield node
    elif kind == "MappingNode":
        for _key, value in node.value:
            yield from _value_scalars(value, seen)
    elif kind == "SequenceNode":
        for item in node.value:
            yield from _value_scalars(item, seen)


def _normalize_scalar_line(content: str, style: str | None, display: bool) -> str:
    if style == "'":
        return "''".join(_normalize_inline(piece, display) for piece in content.split("''"))
    return _normalize_inline(content, display)


def _normalize_scalar_source(source: str, style: str | None, display: bool) -> str:
    """The source text of one scalar with its prose normalized, line by line."""
    lines = source.split("\n")
    # a block scalar's first line is its header (| or > with indicators and maybe a comment)
    head, body = (lines[:1], lines[1:]) if style in ("|", ">") else ([], lines)
    out = list(head)
    for number, line in enumerate(body):
        prefix = _LEADING_SPACE_RE.match(line).end()
        content = line[prefix:]
        opening = closing = ""
        if style in ("'", '"'):
            if number == 0 and content.startswith(style):
                opening, content = style, content[1:]
            if number == len(body) - 1 and content.endswith(style):
                closing, content = style, content[:-1]
        out.append(line[:prefix] + opening + _normalize_scalar_line(content, style, display) + closing)
    return "\n".join(out)


def _same_structure(old, new, edited: dict[int, str | None], seen: set | None = None) -> bool:
    """Both node trees have the same shape, and values changed only where edited."""
    seen = set() if seen is None else seen
    if (id(old), id(new)) in seen:  # an alias met again
        return True
    seen.add((id(old), id(new)))
    if type(old) is not type(new) or old.tag != new.tag:
        return False
    kind = type(old).__name__
    if kind == "ScalarNode":
        if id(old) in edited:
            expected = edited[id(old)]
            return expected is None or new.value == expected
        return old.value == new.value
    if len(old.value) != len(new.value):
        return False
    if kind == "MappingNode":
        return all(
            _same_structure(old_key, new_key, edited, seen) and _same_structure(old_value, new_value, edited, seen)
            for (old_key, old_value), (new_key, new_value) in zip(old.value, new.value)
        )
    return all(_same_structure(a, b, edited, seen) for a, b in zip(old.value, new.value))


def _expected_value(new_source: str, style: str | None) -> str | None:
    """The value a one-line plain or single-quoted scalar must have after the edit."""
    if "\n" in new_source:
        return None
    if style is None:
        return new_source
    if style == "'":
        return new_source[1:-1].replace("''", "'")
    return None


def _normalize_yaml(text: str, display: bool) -> tuple[str, list[int]]:
    root = _compose(text)
    if root is None:
        return text, []
    edits: list[tuple[Any, int, int, str]] = []
    for node in _value_scalars(root, set()):
        if node.tag != _STR_TAG or not (_DISPLAY_WORK_RE if display else _SOURCE_WORK_RE).search(node.value):
            continue
        start, end = node.start_mark.index, node.end_mark.index
        source = text[start:end]
        new_source = _normalize_scalar_source(source, node.style, display)
        if new_source != source:
            edits.append((node, start, end, new_source))
    if not edits:
        return text, []

    def attempt(chosen: list[tuple[Any, int, int, str]]) -> str | None:
        candidate = _apply(text, [(start, end, new) for _node, start, end, new in chosen])
        new_root = _compose(candidate)
        expected = {id(node): _expected_value(new, node.style) for node, _start, _end, new in chosen}
        if new_root is not None and _same_structure(root, new_root, expected):
            return candidate
        return None

    result = attempt(edits)
    if result is not None:
        return result, []
    accepted: list[tuple[Any, int, int, str]] = []
    rejected: list[int] = []
    for edit in edits:
        if attempt(accepted + [edit]) is not None:
            accepted.append(edit)
        else:
            rejected.append(edit[0].start_mark.line + 1)
    return _apply(text, [(start, end, new) for _node, start, end, new in accepted]), rejected


def normalize_yaml(text: str, *, for_display: bool = False) -> str:
    """Normalize the Persian prose of a YAML document's string values, in place.

    Keys, comments, key order, quoting, indentation and line structure stay as they
    are. A value whose normalized form would change the document's structure in its
    quoting style (``متن:متن`` → ``متن: متن`` in a plain scalar) is left as it is;
    ``yaml_unfixable_lines`` lists those.
    """
    if not isinstance(text, str) or not (_DISPLAY_WORK_RE if for_display else _SOURCE_WORK_RE).search(text):
        return text
    return _normalize_yaml(text, for_display)[0]


def yaml_unfixable_lines(text: str) -> list[int]:
    """0-based lines of values ``normalize_yaml`` had to leave (their normalized form breaks YAML)."""
    if not _SOURCE_WORK_RE.search(text):
        return []
    return [line - 1 for line in _normalize_yaml(text, False)[1]]

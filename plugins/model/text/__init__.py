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

Modules (one concern each)
--------------------------
``options`` hazm's options · ``characters`` character classes and the digits
tables · ``protected`` protected tokens · ``suffixes`` the glued-suffix rule ·
``hazm_step`` the lazy hazm normalizer · ``cache`` segment and document caches ·
``runs`` one prose run · ``inline`` inline markup vs prose · ``blocks`` Markdown
blocks · ``document`` a whole page · ``yaml_values`` YAML string values.
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator

# The search folding is owned by the search capability (plugins/model/folding.py):
# one table, written unchanged for the browser, so index and query cannot drift.
# It is re-exported here under the names of the text-pipeline contract.
from plugins.model.folding import SEARCH_FOLDING, fold_for_search
from plugins.model.text.cache import SEGMENTS, VERSION, clear_memory, hold_nothing, memoized
from plugins.model.text.characters import needs_work
from plugins.model.text.document import normalize_page
from plugins.model.text.hazm_step import hazm_loaded
from plugins.model.text.inline import normalize_inline
from plugins.model.text.options import HAZM_OPTIONS
from plugins.model.text.runs import apply_edits
from plugins.model.text.yaml_values import normalize_yaml_values

__all__ = [
    "HAZM_OPTIONS",
    "SEARCH_FOLDING",
    "cache_info",
    "clear_memory",
    "configure_cache",
    "flush_cache",
    "hold_nothing",
    "fold_for_search",
    "normalize_markdown",
    "normalize_text",
    "normalize_yaml",
    "segments_normalized_by",
    "yaml_unfixable_lines",
]


def normalize_text(text: str, *, for_display: bool = True) -> str:
    """Normalize a plain text (a title, a YAML text field); inline Markdown stays intact.

    ``for_display=True`` (default) gives what readers see: Persian digits in
    Persian prose. ``for_display=False`` gives the source form lint writes back.
    """
    if not isinstance(text, str) or not needs_work(text, for_display):
        return text
    return memoized("text", for_display, text, normalize_inline)


def _normalize_markdown(markdown: str, display: bool) -> str:
    return apply_edits(markdown, normalize_page(markdown, display))


def normalize_markdown(markdown: str, *, for_display: bool = True) -> str:
    """Normalize the prose of a Markdown page; every byte of markup stays as it was.

    Lines are never added or removed, so line numbers keep pointing at the source.
    """
    if not isinstance(markdown, str) or not needs_work(markdown, for_display):
        return markdown
    return memoized("markdown", for_display, markdown, _normalize_markdown)


def normalize_yaml(text: str, *, for_display: bool = False) -> str:
    """Normalize the Persian prose of a YAML document's string values, in place.

    Keys, comments, key order, quoting, indentation and line structure stay as they
    are. A value whose normalized form would change the document's structure in its
    quoting style (``متن:متن`` → ``متن: متن`` in a plain scalar) is left as it is;
    ``yaml_unfixable_lines`` lists those.
    """
    if not isinstance(text, str):
        return text
    return normalize_yaml_values(text, for_display)[0]


def yaml_unfixable_lines(text: str) -> list[int]:
    """0-based lines of values ``normalize_yaml`` had to leave (their normalized form breaks YAML)."""
    return [line - 1 for line in normalize_yaml_values(text, False)[1]]


def configure_cache(directory: Path | str | None) -> None:
    """Keep normalized segments in ``directory`` (e.g. ``<root>/.cache/khooshe``); None: memory only."""
    SEGMENTS.configure(Path(directory) if directory is not None else None)


def flush_cache() -> None:
    """Write segments normalized since the last flush to the cache folder (atomic)."""
    SEGMENTS.flush()


def cache_info() -> dict[str, Any]:
    """Counters for tests and the benchmark."""
    return {
        "directory": str(SEGMENTS.directory) if SEGMENTS.directory else None,
        "segments_in_memory": len(SEGMENTS.memory),
        "hazm_calls": SEGMENTS.hazm_calls,
        "hazm_loaded": hazm_loaded(),
        "version": VERSION,
    }


@contextmanager
def segments_normalized_by(function: Callable[[str], str]) -> Iterator[None]:
    """Within the block, Persian segments not in the cache go through ``function`` instead of hazm.

    For tests, and for ``build.py check``, which validates and never needs hazm's
    seconds of set-up.
    """
    previous = SEGMENTS.compute
    SEGMENTS.compute = function
    try:
        yield
    finally:
        SEGMENTS.compute = previous

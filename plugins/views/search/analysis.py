"""From text to search keys: folding (plugins.model.folding) plus hazm's stemming.

The browser runs the same steps on a query (``assets/search.js``, reading the
generated ``search/rules.json``); ``query_plan`` here is the Python twin of the
browser's ``plan`` and the parity test compares the two on the same strings.

Keys are unjoined (no ZWNJ) folded forms:

* a **word** gives its own key and, when hazm's suffix stripper changes it, its
  stem: «خوشه‌های» → ``خوشههای`` and ``خوشه``. On the index side the stem is
  its lemma, chosen with hazm's lemmatizer rule: a word of hazm's lexicon is its
  own lemma («استان» is not stripped to «اس»), anything else is keyed under its
  stem when that stem is a word (of the lexicon or written on some page). The
  browser has no lexicon: it looks the query word's stem up too and, when no
  page has that lemma, simply finds nothing there.
* a **join** of two or three neighbouring words without their spaces, so that
  «کسبوکار» typed as one word finds «کسب و کار» and «برنامه ریزی» finds
  «برنامه‌ریزی». The index adds a join only when it is itself a word (lexicon or
  site vocabulary); the browser joins neighbouring query words freely.

A page is listed under a key only when it holds that very form; a page that
holds a word only through other forms of it («خوشه‌ها», never «خوشه») is listed
under the key with ``LEMMA`` in front (``~خوشه``), which lives in the same shard.
So a query tells pages holding the form typed (full weight) from pages holding
another form of the word (``STEM_WEIGHT``), whichever form is typed.

Function words are keys of their own (they go to separate shards, see
``index.py``): a query made only of them is still answered.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from plugins.model.folding import SEARCH_FOLDING, STOPWORDS, ZWNJ, fold_chars, tokens, unjoin

_SUFFIXES = frozenset(SEARCH_FOLDING["suffixes"])

STEM_WEIGHT = 0.8  # a page holding another form of a query word (not the form typed) counts less
JOIN_WEIGHT = 1.2  # neighbouring query words found written as one word count a little more
MIN_KEY = 2  # shorter stems are not keys (hazm strips «ها» to nothing)
LEMMA = "~"  # in front of a lemma key: the pages that hold the lemma only through other forms of it


def base_key(key: str) -> str:
    """The key without ``LEMMA``: the shard of «~خوشه» is that of «خوشه»."""
    return key[1:] if key.startswith(LEMMA) else key


def with_lemma(key: str, weight: float, other: float) -> list[tuple[str, float]]:
    """A key at ``weight`` for pages holding that form, at ``other`` for pages holding it only as a lemma."""
    return [(key, weight), (LEMMA + key, other)]


@lru_cache(maxsize=1)
def stem_suffixes() -> tuple[str, ...]:
    """hazm's Stemmer suffixes, folded, in hazm's order (the browser gets this list in rules.json)."""
    return _hazm_tables()[0]


@lru_cache(maxsize=1)
def lexicon() -> frozenset[str]:
    """hazm's lemmatizer lexicon as unjoined folded keys."""
    return _hazm_tables()[1]


@lru_cache(maxsize=1)
def _hazm_tables() -> tuple[tuple[str, ...], frozenset[str]]:
    """(stemmer suffixes, lexicon), from the build cache when hazm and this code are unchanged.

    Making them imports hazm and builds its lemmatizer (seconds of CPU and about
    200 MB); a rebuild reads them from one JSON file in the folder where the text
    pipeline caches (``.cache/khooshe/``), so a warm build never imports hazm.
    """
    path = _tables_path()
    if path is not None and path.exists():
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return tuple(data["suffixes"]), frozenset(data["lexicon"])
        except (OSError, ValueError, KeyError, TypeError):
            pass
    from plugins.model.text.hazm_step import hazm_parts

    hazm = hazm_parts()  # its lemmatizer (about 100 MB) is let go once its words are taken
    stemmer, lemmatizer = hazm.Stemmer(), hazm.Lemmatizer()
    suffixes = tuple(end for end in (fold_chars(end) for end in stemmer.ends) if end)
    words = frozenset(unjoin(fold_chars(word)) for word in lemmatizer.words)
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=".search-", suffix=".json", dir=path.parent)
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                json.dump({"suffixes": suffixes, "lexicon": sorted(words)}, stream, ensure_ascii=False)
            os.replace(temporary, path)
            for stale in path.parent.glob("search-hazm-*.json"):
                if stale != path:
                    stale.unlink(missing_ok=True)
        except OSError:
            pass  # a read-only checkout: the cache is an optimization only
    return suffixes, words


def prepare_tables() -> None:
    """Write hazm's tables to the cache before the index worker starts, if they are not there.

    A cold build imports hazm in this process anyway (to normalize text); without
    this, the worker would import it a second time (~300 MB more at the peak).
    """
    path = _tables_path()
    if path is not None and not path.exists():
        _hazm_tables()


def _tables_path() -> Path | None:
    """The cache file, named by hazm's version and the code that folds its tables; None: no cache."""
    from plugins.model import folding
    from plugins.model.text import cache_info

    directory = cache_info().get("directory")
    if not directory:
        return None
    try:
        version = importlib.metadata.version("hazm")
    except importlib.metadata.PackageNotFoundError:
        return None
    digest = hashlib.sha256(version.encode())
    for module in (folding.__file__, __file__):
        digest.update(Path(module).read_bytes())
    return Path(directory) / f"search-hazm-{digest.hexdigest()[:16]}.json"


def stem(token: str) -> str:
    """hazm's Stemmer algorithm over the folded suffix table: each suffix stripped once, in order."""
    for end in stem_suffixes():
        if token.endswith(end):
            token = token[: -len(end)]
    return token


def rules_table() -> dict:
    """The browser's rule table: the folding table plus hazm's stemmer suffixes (search/rules.json)."""
    return {**SEARCH_FOLDING, "stem": list(stem_suffixes())}


# --------------------------------------------------------------------------- query side


def word_keys(token: str) -> list[tuple[str, float]]:
    """A query word's keys with their weights: the form typed (1.0), every other form (``STEM_WEIGHT``):
    pages having it as a lemma only, its stem, pages having the stem as a lemma only.
    A function word has its own key only."""
    own = unjoin(token)
    if own in STOPWORDS:
        return [(own, 1.0)]
    keys = with_lemma(own, 1.0, STEM_WEIGHT)
    stemmed = unjoin(stem(token))
    if stemmed != own and len(stemmed) >= MIN_KEY:
        keys += with_lemma(stemmed, STEM_WEIGHT, STEM_WEIGHT)
    return keys


def join_keys(words: list[str]) -> list[tuple[str, float]]:
    """Keys of neighbouring query words written as one: all joined, and with the last one stemmed."""
    head = "".join(unjoin(word) for word in words[:-1])
    other = JOIN_WEIGHT * STEM_WEIGHT
    keys = with_lemma(head + unjoin(words[-1]), JOIN_WEIGHT, other)
    stemmed = unjoin(stem(words[-1]))
    if stemmed != unjoin(words[-1]) and len(stemmed) >= MIN_KEY:
        keys += with_lemma(head + stemmed, other, other)
    return keys


def joinable(words: list[str]) -> bool:
    """Which neighbours can be one word written apart: two content words, or «X و Y» (کسب و کار)."""
    stops = [unjoin(word) in STOPWORDS for word in words]
    if len(words) == 2:
        return not any(stops)
    return not stops[0] and stops[1] and not stops[2]


def query_plan(query: str) -> dict:
    """What the browser looks up for a query (mirrored by ``plan`` in search.js).

    ``words``: every token with its keys, ``stop`` for function words (required
    only when the query has nothing else), ``parts``: for a token holding a ZWNJ, the keys of its pieces, so
    «کسب‌وکار» also finds pages where the pieces stand apart. ``spans``: joins of
    two or three ``joinable`` neighbouring words, each covering ``start``..``end``
    (inclusive).
    """
    words = tokens(query)
    plan_words = []
    for token in words:
        pieces = token.split(ZWNJ)
        parts = []
        if len(pieces) > 1 and not all(unjoin(piece) in STOPWORDS for piece in pieces):
            parts = [word_keys(piece) for piece in pieces if piece not in STOPWORDS and len(piece) >= MIN_KEY]
        plan_words.append({
            "token": token,
            "stop": unjoin(token) in STOPWORDS,
            "keys": [list(key) for key in word_keys(token)],
            "parts": [[list(key) for key in part] for part in parts] if len(parts) > 1 else [],
        })
    spans = []
    for size in (2, 3):
        for start in range(len(words) - size + 1):
            if not joinable(words[start:start + size]):
                continue
            spans.append({
                "start": start,
                "end": start + size - 1,
                "keys": [list(key) for key in join_keys(words[start:start + size])],
            })
    return {"folded": " ".join(words), "words": plan_words, "spans": spans}


# --------------------------------------------------------------------------- index side


def _has_suffix(token: str) -> bool:
    return ZWNJ in token and token.rsplit(ZWNJ, 1)[1] in _SUFFIXES


class KeyMaker:
    """The index keys of a site's tokens, with the site's own vocabulary as a second lexicon.

    Every distinct token is analysed once (``_about``); a page's keys are then
    set lookups, so indexing stays linear in the size of the site.
    """

    def __init__(self, vocabulary: Iterable[str], about: dict[str, tuple[str, bool, str, bool]] | None = None):
        """``about``: a cache of :meth:`_about` to share between builds (it does not depend on the vocabulary)."""
        self.lexicon = lexicon()
        self.known = self.lexicon | frozenset(vocabulary)
        self._about_cache: dict[str, tuple[str, bool, str, bool]] = {} if about is None else about
        self._word_cache: dict[str, tuple[str, ...]] = {}

    def _about(self, token: str) -> tuple[str, bool, str, bool]:
        """(key, is a function word, key of its stem, ends in a ZWNJ-joined suffix) of a token."""
        about = self._about_cache.get(token)
        if about is None:
            own = unjoin(token)
            about = (own, own in STOPWORDS, unjoin(stem(token)), _has_suffix(token))
            self._about_cache[token] = about
        return about

    def word(self, token: str) -> tuple[str, ...]:
        """Index keys of one token: itself, plus its lemma (``LEMMA`` in front) unless a function word.

        hazm's lemmatizer rule: a token that is itself a word of the lexicon
        («استان»، «صنعتی») is its own lemma, otherwise its stem is, when the stem
        is a word («خوشه‌ها» → «خوشه»). A token ending in a ZWNJ-joined suffix
        («کتاب‌ها») is always inflected, even when the lexicon lists it.
        """
        cached = self._word_cache.get(token)
        if cached is None:
            own, stop, stemmed, suffixed = self._about(token)
            if stop:
                cached = (own,)
            elif (stemmed != own and len(stemmed) >= MIN_KEY and stemmed in self.known
                  and (suffixed or own not in self.lexicon)):
                cached = (own, LEMMA + stemmed)
            else:
                cached = (own,)
            self._word_cache[token] = cached
        return cached

    def looked_up_stem(self, token: str) -> str | None:
        """The stem :meth:`word` looks up in the site's vocabulary for ``token`` (None: it looks none up there)."""
        own, stop, stemmed, suffixed = self._about(token)
        if (stop or stemmed == own or len(stemmed) < MIN_KEY or stemmed in self.lexicon
                or not (suffixed or own not in self.lexicon)):
            return None
        return stemmed

    def joins(self, words: list[str]) -> list[str]:
        """Index keys for ``joinable`` neighbours that the lexicon or the site also writes as one word."""
        abouts = [self._about(word) for word in words]
        stops = [about[1] for about in abouts]
        if stops[0] or stops[-1] or (len(words) == 2 and any(stops)) or (len(words) == 3 and not stops[1]):
            return []
        head = "".join(about[0] for about in abouts[:-1])
        return self._joined(head, abouts[-1])

    def _joined(self, head: str, last: tuple[str, bool, str, bool]) -> list[str]:
        found = []
        whole = head + last[0]
        if whole in self.known and whole not in STOPWORDS:
            found.append(whole)
        stemmed = head + last[2]
        if stemmed != whole and stemmed in self.known and (last[3] or whole not in self.lexicon):
            found.append(LEMMA + stemmed)  # «کسب و کارها» is also keyed «کسبوکار», as a lemma
        return found

    def block(self, block: list[str]) -> list[str]:
        """Every key of a block of tokens, once per occurrence: words (function words too), then joins of neighbours."""
        abouts = [self._about(token) for token in block]
        keys: list[str] = []
        count = len(block)
        for position, token in enumerate(block):
            keys.extend(self.word(token))
            first = abouts[position]
            if first[1]:
                continue
            if position + 1 < count:
                second = abouts[position + 1]
                if not second[1]:
                    keys.extend(self._joined(first[0], second))
                elif position + 2 < count and not abouts[position + 2][1]:
                    keys.extend(self._joined(first[0] + second[0], abouts[position + 2]))
        return keys

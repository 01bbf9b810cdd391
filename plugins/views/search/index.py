"""The split search index: many small files, so a query fetches only what it needs.

Layout (under the site's ``search/`` folder; every name is a plain static file):

* ``rules.json`` — the folding + stemming rule table the browser folds queries with.
* ``manifest.json`` — document and shard counts, the type and province labels,
  the ranking weight of each type (``tw``), and one character per document for
  its type (``ft``) and province (``fp``) so filters and their counts need no
  other file.
* ``t/<n>.json`` — shard *n* of the key → postings map. A key lives in shard
  ``fnv1a(utf8(base_key(key))) % shards`` (a lemma key «~خوشه» beside «خوشه»);
  the shard count is chosen so an average shard stays near ``shard_bytes``.
  Postings are one string per key: for each page, the gap from the previous
  page number (base-32 varint, ``CONT`` digits then one ``TERMINAL`` digit) and
  one ``WEIGHT`` character: 32–63 when the key is in the page's title, 1–31
  when only in its text (BM25 term weight, plus a bonus in a heading).
* ``s/<n>.json`` — the same for function words («و»، «از»، «این»…), apart so
  that their long postings are fetched only for a query made of them alone
  (``stop_shards`` of them).
* ``d/<id>.json`` — one page: URL, title, the first part of its text blocks and
  how many parts it has; ``d/<id>-<k>.json`` holds part *k* (for snippets deep
  in long pages).

Nothing here is quadratic: each token is keyed once (keys of a token are
cached), each posting list is written once.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
from array import array
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from plugins.views.search.analysis import LEMMA, KeyMaker, base_key, rules_table
from plugins.model.folding import STOPWORDS, tokens, unjoin
from plugins.model.kinds import DEFAULT_PAGE_KIND, PAGE_KINDS

TERMINAL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef"
CONT = "ghijklmnopqrstuvwxyz0123456789-_"
WEIGHT = TERMINAL + CONT  # also the facet alphabet

TITLE_FIELD, HEADING_FIELD, BODY_FIELD = 3.0, 1.5, 1.0
IN_TITLE = 32  # weights from here up: the key is in the title (the browser ranks pages titled with every word first)
BODY_SCALE, HEADING_BONUS = 28, 3  # a weight in the text: 1–28 from BM25, +3 in a heading
BM25_K1, BM25_B = 1.2, 0.75


# Persian labels of the page types pages set in their front matter: the one page-kind vocabulary.
TYPE_LABELS = PAGE_KINDS
DEFAULT_TYPE = DEFAULT_PAGE_KIND
# A listing repeats the titles and summaries of the records it lists: the record's own page must come first.
TYPE_WEIGHTS = {"listing": 0.6}  # every other type 1.0


@dataclass
class SearchDoc:
    """One page as search sees it."""

    url: str  # relative to the site root: "clusters/yazd-ceramic/"
    title: str
    type: str = DEFAULT_TYPE
    province: str = ""  # province id or ""
    blocks: list[tuple[str, str]] = field(default_factory=list)  # ("h" heading | "p" text, text)


def fnv1a(key: str) -> int:
    """32-bit FNV-1a over UTF-8 bytes (search.js has the same function)."""
    value = 0x811C9DC5
    for byte in key.encode("utf-8"):
        value = ((value ^ byte) * 0x01000193) & 0xFFFFFFFF
    return value


def varint(number: int) -> str:
    digits = [TERMINAL[number & 31]]
    number >>= 5
    while number:
        digits.append(CONT[number & 31])
        number >>= 5
    return "".join(reversed(digits))


_SMALL = [varint(number) for number in range(1024)]


def decode_postings(text: str) -> list[tuple[int, int]]:
    """(page id, weight) pairs of a postings string (tests and debugging)."""
    result, value, doc, expect_weight = [], 0, 0, False
    for char in text:
        if expect_weight:
            result.append((doc, WEIGHT.index(char)))
            expect_weight = False
        elif char in CONT:
            value = value * 32 + CONT.index(char)
        else:
            doc += value * 32 + TERMINAL.index(char)
            value, expect_weight = 0, True
    return result


def _encoded(ids: array, weights: bytearray) -> str:
    """One key's postings string: per page the gap from the previous page id, then its weight."""
    parts, previous = [], 0
    for doc_id, weight in zip(ids, weights):
        gap = doc_id - previous
        parts.append((_SMALL[gap] if gap < 1024 else varint(gap)) + WEIGHT[weight])
        previous = doc_id
    return "".join(parts)


def _fold_lemmas(counts: Counter, in_title: set[str], in_heading: set[str]) -> None:
    """A page holding a form itself is listed under it (with every other form's count); ``LEMMA`` + form only otherwise."""
    for key in [key for key in counts if key[0] == LEMMA and key[1:] in counts]:
        form = key[1:]
        counts[form] += counts.pop(key)
        for keys in (in_title, in_heading):
            if key in keys:
                keys.add(form)


def json_bytes(data) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False).encode("utf-8")


TOKEN_CACHE_TEXTS = 100_000  # distinct block texts whose tokens are kept in one build; the cache starts over when full
STEADY_MARGIN = 1e-9  # a page's weights are reused only this far (relatively) inside the norms that give them

Tokens = tuple[tuple[str, ...], list[tuple[float, tuple[str, ...]]]]  # (title tokens, [(field weight, block tokens)])
Terms = tuple[Counter, set[str], set[str], int]  # a page's key counts, keys in its title, in a heading, its length


@dataclass(eq=False)
class PageAnalysis:
    """One page's tokens and what the index makes of them; the preview keeps it while the page's text is the same."""

    url: str
    title: str
    blocks: list[tuple[str, str]]
    tokens: Tokens
    terms: Terms | None = None  # the preview: valid until a word it looks up joins or leaves the vocabulary
    weights: bytes = b""  # a posting weight per key of terms, in its order
    steady: tuple[float, float] = (0.0, 0.0)  # the BM25 norms (open range) under which weights stay what they are
    snippets: list[bytes] | None = None  # its d/ files

    def token_set(self) -> set[str]:
        title, blocks = self.tokens
        return set().union(title, *(block for _, block in blocks))


class IndexMemory:
    """What one build of the index hands the next, in ``build.py serve``'s process (it rebuilds on every save).

    Each page's text blocks, tokens, keys and posting weights, the postings and their strings, and the
    last index: a save redoes only the pages it changed, the pages whose keys looked up a word that
    joined or left the site's vocabulary, and the pages whose weights the new average length moves.
    """

    def __init__(self) -> None:
        self.blocks: dict[str, tuple[str, list[tuple[str, str]]]] = {}  # URL → (digest of title and HTML, text blocks)
        self.pages: dict[str, PageAnalysis] = {}  # URL → the page as the last index build analysed it
        self.tokens: Counter = Counter()  # every token of those pages → how many of them hold it
        self.vocabulary: Counter = Counter()  # every word (unjoined token) of those pages → how many tokens join to it
        self.stemmed: dict[str, set[str]] = {}  # a stem KeyMaker.word looks up → the words of tokens stemmed to it
        self.urls: list[str] = []  # the pages in page-number order, as the postings number them
        self.postings: dict[str, tuple[array, bytearray]] = {}  # key → (page numbers, weights)
        self.encoded: dict[str, str] = {}  # key → its postings string
        self.index: tuple[list, dict[str, bytes]] | None = None  # every page's record → the index files
        self.written: dict[str, bytes] = {}  # what the last build wrote into the index folder
        self.about: dict[str, tuple[str, bool, str, bool]] = {}  # token → what KeyMaker makes of it
        self.pending: Callable[[], None] | None = None  # the last build's index, to write after its pages

    def write_pending(self) -> None:
        pending, self.pending = self.pending, None
        if pending is not None:
            pending()

    def take(self, pages: list[PageAnalysis]) -> tuple[list[str], set[str]]:
        """Takes this build's pages in place of the last one's: the tokens new to the pages, the words
        (unjoined tokens) that joined or left the vocabulary."""
        now = {page.url: page for page in pages}
        delta: Counter = Counter()
        for url, page in self.pages.items():
            if now.get(url) is not page:
                delta.subtract(page.token_set())
        for url, page in now.items():
            if self.pages.get(url) is not page:
                delta.update(page.token_set())
        self.pages = now
        moved = _recount(self.tokens, delta)
        words: Counter = Counter()
        for token in moved:
            words[unjoin(token)] += 1 if token in self.tokens else -1
        return [token for token in moved if token in self.tokens], set(_recount(self.vocabulary, words))

    def remember_stems(self, tokens: list[str], keys: KeyMaker) -> None:
        """The stem each token looks up, to find its pages when that stem joins or leaves the vocabulary."""
        for token in tokens:
            stemmed = keys.looked_up_stem(token)
            if stemmed is not None:
                self.stemmed.setdefault(stemmed, set()).add(unjoin(token))

    def looking_up(self, words: set[str]) -> set[str]:
        """Words a page holds when its keys looked up one of ``words``.

        KeyMaker looks up a token's stem (found in ``stemmed``) and a join of neighbours, which starts
        with the first neighbour: a word of the page that ``word`` starts with.
        """
        found = set()
        for word in words:
            found.update(self.stemmed.get(word, ()))
            found.update(word[:end] for end in range(1, len(word) + 1) if word[:end] in self.vocabulary)
        return found


class IndexBuilder:
    """Takes pages as they are rendered (tokenised on arrival), writes the split index at the end."""

    def __init__(self, *, shard_bytes: int = 4096, part_chars: int = 2000, memory: IndexMemory | None = None):
        self.shard_bytes = shard_bytes
        self.part_chars = part_chars
        self.memory = memory
        self.docs: list[SearchDoc] = []
        self._pages: list[PageAnalysis] = []
        self._interned: dict[str, str] = {}
        self._vocabulary: set[str] = set()  # every token of this build's pages (a plain build's)
        # Listing pages repeat the titles and summaries of the pages they list: at 1,000 records 40,000 blocks
        # hold only 17,600 distinct texts, so each text is tokenised once.
        self._text_tokens: dict[str, tuple[str, ...]] = {}

    def add(self, doc: SearchDoc) -> None:
        """Keeps the page and its tokens (the preview's analysis of it when its text is the same)."""
        self.docs.append(doc)
        kept = self.memory.pages.get(doc.url) if self.memory is not None else None
        if kept is None or kept.title != doc.title or kept.blocks != doc.blocks:
            title = self._tokens(doc.title)
            blocks = [(HEADING_FIELD if kind == "h" else BODY_FIELD, self._tokens(text)) for kind, text in doc.blocks]
            kept = PageAnalysis(doc.url, doc.title, doc.blocks, (title, blocks))
        self._pages.append(kept)

    # ------------------------------------------------------------------ analysis

    def _tokens(self, text: str) -> tuple[str, ...]:
        found = self._text_tokens.get(text)
        if found is None:
            if len(self._text_tokens) >= TOKEN_CACHE_TEXTS:
                self._text_tokens.clear()
            intern = self._interned.setdefault
            found = self._text_tokens[text] = tuple(intern(token, token) for token in tokens(text))
        if self.memory is None:
            self._vocabulary.update(found)
        return found

    def build(self, provinces: dict[str, str]) -> dict[str, bytes]:
        """Every index file by its path under the index folder. ``provinces``: id → Persian name."""
        if self.memory is None:
            return self._build(provinces)
        record = [self.shard_bytes, self.part_chars, provinces,
                  [(doc.url, doc.title, doc.type, doc.province, doc.blocks) for doc in self.docs]]
        if self.memory.index is None or self.memory.index[0] != record:
            self.memory.index = (record, self._build(provinces))
        return dict(self.memory.index[1])

    def _build(self, provinces: dict[str, str]) -> dict[str, bytes]:
        order = sorted(range(len(self.docs)), key=lambda number: self.docs[number].url)
        docs = [self.docs[number] for number in order]
        pages = [self._pages[number] for number in order]
        if self.memory is None:
            keys = KeyMaker({unjoin(token) for token in self._vocabulary})
            block_keys: dict[tuple[str, ...], list[str]] = {}  # a block repeated on many pages is keyed once
            for page in pages:
                page.terms = _terms(page.tokens, keys, block_keys)
            average = _average(pages)
            for page in pages:
                page.weights = _weights(page.terms, _norm(page.terms[3], average))
            postings = _postings(pages)
            encoded = {key: _encoded(*postings[key]) for key in sorted(postings)}
        else:
            encoded = self._encoded_again(pages)
        return self._write(docs, pages, encoded, provinces)

    def _encoded_again(self, pages: list[PageAnalysis]) -> dict[str, str]:
        """The preview's postings strings, redoing only the pages and keys a change reaches."""
        memory = self.memory
        previous = {url: (page.terms, page.weights) for url, page in memory.pages.items()}  # what the postings hold
        arrived, changed_words = memory.take(pages)
        keys = KeyMaker(memory.vocabulary, memory.about)
        memory.remember_stems(arrived, keys)
        looking = memory.looking_up(changed_words - keys.lexicon)  # the lexicon's words are known either way
        block_keys: dict[tuple[str, ...], list[str]] = {}
        for page in pages:
            if page.terms is None or not page.terms[0].keys().isdisjoint(looking):
                page.terms = _terms(page.tokens, keys, block_keys)
                page.steady = (0.0, 0.0)
        weighed = _reweigh(pages, _average(pages))
        urls = [page.url for page in pages]
        if urls != memory.urls:  # pages came or went: every page after them has another number
            memory.urls = urls
            memory.postings = _postings(pages)
            memory.encoded = {key: _encoded(*memory.postings[key]) for key in memory.postings}
        else:
            old = {number: previous[urls[number]] for number in weighed}
            for key in _update_postings(memory.postings, pages, old):
                entry = memory.postings.get(key)
                if entry is None:
                    del memory.encoded[key]
                else:
                    memory.encoded[key] = _encoded(*entry)
        return {key: memory.encoded[key] for key in sorted(memory.encoded)}

    # ------------------------------------------------------------------ files

    def write(self, folder: Path, provinces: dict[str, str]) -> None:
        """Every index file and the browser's rule table in ``folder``, and nothing else there.

        A file already holding its bytes is left alone: the preview rebuilds into the same
        folder on every save, and most shards stay what they were.
        """
        files = self.build(provinces)
        files["rules.json"] = json_bytes(rules_table())
        present = _files_in(folder)
        for name in present - files.keys():
            (folder / name).unlink()
        written = self.memory.written if self.memory is not None else {}
        for name, data in files.items():
            if name in present and written.get(name) == data:
                continue  # the preview wrote these very bytes last time
            path = folder / name
            if not (name in present and path.read_bytes() == data):
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(data)
        written.clear()
        written.update(files)

    def _write(self, docs: list[SearchDoc], pages: list[PageAnalysis], encoded: dict[str, str],
               provinces: dict[str, str]) -> dict[str, bytes]:
        """The files of the pages (``docs`` and their ``pages``, in page-number order) and of ``encoded``:
        key → postings, in key order."""
        files: dict[str, bytes] = {}
        shard_count = self._shards(files, "t", {k: v for k, v in encoded.items() if k not in STOPWORDS})
        stop_count = self._shards(files, "s", {k: v for k, v in encoded.items() if k in STOPWORDS})
        for doc_id, page in enumerate(pages):
            first, *others = self._snippets(page)
            files[f"d/{doc_id}.json"] = first
            for number, part in enumerate(others, start=1):
                files[f"d/{doc_id}-{number}.json"] = part

        type_ids = list(TYPE_LABELS)
        province_ids = ["", *provinces]
        manifest = {
            "docs": len(docs),
            "shards": shard_count,
            "stop_shards": stop_count,
            "types": [[type_id, TYPE_LABELS[type_id]] for type_id in type_ids],
            "tw": [TYPE_WEIGHTS.get(type_id, 1.0) for type_id in type_ids],
            "provinces": [[province_id, provinces.get(province_id, "")] for province_id in province_ids],
            "ft": "".join(WEIGHT[type_ids.index(doc.type)] for doc in docs),
            "fp": "".join(WEIGHT[province_ids.index(doc.province)] for doc in docs),
        }
        digest = hashlib.sha256()
        for name in sorted(files):
            digest.update(name.encode())
            digest.update(files[name])
        digest.update(json_bytes(manifest))
        manifest = {"v": digest.hexdigest()[:12], **manifest}
        files["manifest.json"] = json_bytes(manifest)
        return files

    def _shards(self, files: dict[str, bytes], folder: str, encoded: dict[str, str]) -> int:
        """Writes ``encoded`` (key → postings) as ``<folder>/<n>.json`` shards near ``shard_bytes``; their count."""
        total = sum(len(key.encode("utf-8")) + len(text) + 6 for key, text in encoded.items())
        count = max(1, math.ceil(total / self.shard_bytes))
        shards: list[dict[str, str]] = [{} for _ in range(count)]
        for key, text in encoded.items():
            shards[fnv1a(base_key(key)) % count][key] = text
        for number, shard in enumerate(shards):
            files[f"{folder}/{number}.json"] = json_bytes(shard)
        return count

    def _snippets(self, page: PageAnalysis) -> list[bytes]:
        """The page's ``d/`` files: its first part with its URL and title, then its other parts (kept with the page)."""
        if page.snippets is None:
            first, *others = self._parts(page.blocks)
            page.snippets = [json_bytes({"u": page.url, "t": page.title, "n": 1 + len(others), "x": first}),
                             *(json_bytes({"x": part}) for part in others)]
        return page.snippets

    def _parts(self, blocks: list[tuple[str, str]]) -> list[list[list[str]]]:
        """Text blocks in parts of about ``part_chars`` characters (a long block is cut between words)."""
        pieces: list[tuple[str, str]] = []
        for kind, text in blocks:
            while len(text) > self.part_chars:
                cut = text.rfind(" ", 0, self.part_chars)
                cut = cut if cut > 0 else self.part_chars
                pieces.append((kind, text[:cut]))
                text = text[cut:].lstrip()
            if text:
                pieces.append((kind, text))
        parts: list[list[list[str]]] = [[]]
        size = 0
        for kind, text in pieces:
            if parts[-1] and size + len(text) > self.part_chars:
                parts.append([])
                size = 0
            parts[-1].append([kind, text])
            size += len(text)
        return parts


def _files_in(folder: Path) -> set[str]:
    """Every file under ``folder``, by its path there (no stat of each: the preview's folder holds thousands)."""
    found = set()
    for directory, _, names in os.walk(folder):
        base = Path(directory).relative_to(folder).as_posix()
        found.update(names if base == "." else (f"{base}/{name}" for name in names))
    return found


def _recount(counts: Counter, delta: Counter) -> list[str]:
    """Adds ``delta`` to ``counts`` (keeping positive counts only): the keys that came or went."""
    moved = []
    for key, step in delta.items():
        before = counts[key]
        if before + step > 0:
            counts[key] = before + step
        else:
            counts.pop(key, None)
        if (before > 0) != (before + step > 0):
            moved.append(key)
    return moved


def _terms(tokens: Tokens, keys: KeyMaker, block_keys: dict[tuple[str, ...], list[str]]) -> Terms:
    """A page's keys: counts (weighted by field), those in its title and headings, and its length in tokens."""
    title, blocks = tokens
    counts: Counter = Counter()
    in_title: set[str] = set()
    in_heading: set[str] = set()
    length = 0
    for weight, block in [(TITLE_FIELD, title), *blocks]:
        length += len(block)
        found = block_keys.get(block)
        if found is None:
            found = block_keys[block] = keys.block(block)
        if weight == BODY_FIELD:
            counts.update(found)
        else:
            for key in found:
                counts[key] += weight
            (in_title if weight == TITLE_FIELD else in_heading).update(found)
    _fold_lemmas(counts, in_title, in_heading)
    return counts, in_title, in_heading, length


def _average(pages: list[PageAnalysis]) -> float:
    return sum(page.terms[3] for page in pages) / len(pages) if pages else 1.0


def _norm(length: int, average: float) -> float:
    return BM25_K1 * (1 - BM25_B + BM25_B * length / (average or 1.0))


def _weights(terms: Terms, norm: float) -> bytes:
    """Each key's posting weight on the page, in the order of its counts."""
    counts, in_title, in_heading, _ = terms
    weights = bytearray()
    for key, tf in counts.items():
        score = tf / (tf + norm)  # BM25's term weight over its maximum (k1 + 1): 0 … 1
        if key in in_title:
            weight = IN_TITLE + round(score * (63 - IN_TITLE))
        else:
            weight = round(score * BODY_SCALE) + (HEADING_BONUS if key in in_heading else 0)
            weight = max(1, min(IN_TITLE - 1, weight))
        weights.append(weight)
    return bytes(weights)


def _steady(terms: Terms, norm: float) -> tuple[float, float]:
    """The open range of norms around ``norm`` in which every weight of the page rounds as it does at ``norm``.

    A score ``tf / (tf + norm)`` times its scale rounds to ``k`` while it is within half of ``k``, that is
    while the norm is between ``tf * (scale / (k ± 0.5) - 1)``; the range is shrunk by ``STEADY_MARGIN``
    so that float rounding cannot matter.
    """
    counts, in_title, _, _ = terms
    low, high = 0.0, math.inf
    for tf, scale in {(tf, 63 - IN_TITLE if key in in_title else BODY_SCALE) for key, tf in counts.items()}:
        rounded = round(tf / (tf + norm) * scale)
        low = max(low, tf * (scale / (rounded + 0.5) - 1))
        if rounded > 0:
            high = min(high, tf * (scale / (rounded - 0.5) - 1))
    return low * (1 + STEADY_MARGIN), high * (1 - STEADY_MARGIN)


def _reweigh(pages: list[PageAnalysis], average: float) -> list[int]:
    """Weights again for the pages whose norm left their steady range; their numbers."""
    weighed = []
    for number, page in enumerate(pages):
        norm = _norm(page.terms[3], average)
        low, high = page.steady
        if not low < norm < high:
            page.weights = _weights(page.terms, norm)
            page.steady = _steady(page.terms, norm)
            weighed.append(number)
    return weighed


def _postings(pages: list[PageAnalysis]) -> dict[str, tuple[array, bytearray]]:
    """Key → (page numbers, weights) of every page."""
    postings: dict[str, tuple[array, bytearray]] = {}
    for number, page in enumerate(pages):
        for key, weight in zip(page.terms[0], page.weights):
            entry = postings.get(key)
            if entry is None:
                entry = postings[key] = (array("I"), bytearray())
            entry[0].append(number)
            entry[1].append(weight)
    return postings


def _update_postings(postings: dict[str, tuple[array, bytearray]], pages: list[PageAnalysis],
                     previous: dict[int, tuple[Terms, bytes]]) -> set[str]:
    """The postings of pages weighed again (numbered as before, with their ``previous`` keys): the keys that changed."""
    changed = set()
    for number, (terms, weights) in previous.items():
        before = dict(zip(terms[0], weights))
        page = pages[number]
        for key, weight in zip(page.terms[0], page.weights):
            if before.pop(key, None) != weight:
                _post(postings, key, number, weight)
                changed.add(key)
        for key in before:
            _unpost(postings, key, number)
            changed.add(key)
    return changed


def _post(postings: dict[str, tuple[array, bytearray]], key: str, number: int, weight: int) -> None:
    ids, weights = postings.setdefault(key, (array("I"), bytearray()))
    at = bisect_left(ids, number)
    if at < len(ids) and ids[at] == number:
        weights[at] = weight
    else:
        ids.insert(at, number)
        weights.insert(at, weight)


def _unpost(postings: dict[str, tuple[array, bytearray]], key: str, number: int) -> None:
    ids, weights = postings[key]
    at = bisect_left(ids, number)
    del ids[at]
    del weights[at]
    if not ids:
        del postings[key]

"""What the pipeline remembers: hazm results by segment, and whole documents.

Every Persian segment's normalized form is kept by content hash in memory and,
once ``configure`` names a folder, on disk (``text-<version>.json``), so a
rebuild of unchanged text never imports hazm. The version covers this package's
code, the hazm options and hazm's version: a rule change invalidates the file.
Whole documents are memoized in memory for the live preview, and on disk so a
warm build skips splitting pages into prose runs again.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Callable

from plugins.model.text.hazm_step import run_hazm
from plugins.model.text.options import HAZM_OPTIONS

_DOCUMENTS_LIMIT = 5_000  # whole documents remembered for the live preview


def _rules_version() -> str:
    try:
        from importlib.metadata import version

        hazm_version = version("hazm")
    except Exception:  # pragma: no cover - hazm is a pinned dependency
        hazm_version = "?"
    digest = hashlib.sha256()
    for module in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(module.read_bytes())
    digest.update(repr(sorted(HAZM_OPTIONS.items())).encode())
    digest.update(hazm_version.encode())
    return digest.hexdigest()[:16]


VERSION = _rules_version()


def _read_entries(path: Path) -> dict[str, str]:
    try:
        return json.loads(path.read_text(encoding="utf-8"))["entries"]
    except (OSError, ValueError, KeyError, TypeError):
        return {}


class SegmentCache:
    """hazm results by segment: in memory, and on disk once a folder is configured."""

    def __init__(self, compute: Callable[[str], str]) -> None:
        self.compute = compute  # a segment not in the cache goes through this (hazm)
        self.memory: dict[str, str] = {}
        self.directory: Path | None = None
        self.disk: dict[str, str] | None = None
        self.new: dict[str, str] = {}
        self.hazm_calls = 0

    @property
    def path(self) -> Path | None:
        return self.directory / f"text-{VERSION}.json" if self.directory else None

    def configure(self, directory: Path | None) -> None:
        if directory != self.directory:
            self.flush()
            self.directory = directory
            self.disk = None

    def _load(self) -> dict[str, str]:
        if self.disk is None:
            self.disk = _read_entries(self.path) if self.path and self.path.exists() else {}
        return self.disk

    def get(self, segment: str) -> str:
        result = self.memory.get(segment)
        if result is not None:
            return result
        key = hashlib.blake2b(segment.encode("utf-8"), digest_size=16).hexdigest()
        result = self._load().get(key)
        if result is None:
            result = self.compute(segment)
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
        entries = _read_entries(path) if path.exists() else {}
        entries.update(self.new)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=".text-", suffix=".json", dir=path.parent)
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                json.dump({"version": VERSION, "entries": entries}, stream, ensure_ascii=False, sort_keys=True)
            os.replace(temporary, path)
            for stale in path.parent.glob("text-*.json"):
                if stale != path:
                    stale.unlink(missing_ok=True)
        except OSError:
            return  # a read-only checkout: the cache is an optimization, never a reason to fail
        if self.disk is not None:
            self.disk.update(self.new)
        self.new = {}


SEGMENTS = SegmentCache(run_hazm)
_DOCUMENTS: dict[tuple[str, bool, str], str] = {}


def memoized(kind: str, display: bool, text: str, compute) -> str:
    """``compute(text, display)``, remembered in memory and (through SEGMENTS) on disk."""
    key = (kind, display, text)
    result = _DOCUMENTS.get(key)
    if result is None:
        result = SEGMENTS.document(kind, display, text, compute)
        if len(_DOCUMENTS) >= _DOCUMENTS_LIMIT:
            _DOCUMENTS.clear()
        _DOCUMENTS[key] = result
    return result


def hold_nothing() -> None:
    """Let go of every result held here and read the disk's no more, until :func:`clear_memory`.

    For ``build.py serve`` after its first build: each file's normalized text is remembered
    with the file then (plugins/model/filememo.py), and these copies of every segment and
    document, 100 MB at 10,000 pages, would only serve a text not seen yet, which hazm
    normalizes in milliseconds a page.
    """
    clear_memory()
    SEGMENTS.disk = {}  # not None: not read again


def clear_memory() -> None:
    """Forget every in-memory result; the disk's are read again (tests, the benchmark's cold runs, and
    the preview when it redoes every page)."""
    SEGMENTS.memory.clear()
    SEGMENTS.disk = None
    _DOCUMENTS.clear()

"""Results kept by content hash between builds: YAML parses, schema checks.

A warm build re-reads every record; its text and its checks are almost always
those of the last build. A :class:`Memo` keeps each result, pickled, by a hash
of everything it depends on, in memory and, once :func:`configure` names a
folder (the text pipeline's ``.cache/khooshe``, gitignored), in
``<name>-<version>.pickle`` there. The version hashes the modules whose rules
make the results, so a change of rules or messages starts afresh. Results are
unpickled for each caller: no caller can change what another gets.

Within ``build.py serve``'s process, :mod:`plugins.model.filememo` also keeps each file's
whole load-and-check result by path (one slot a file, shared, never copied), so a save
re-reads only the saved file; these memos are what every build, the preview's included, reuses.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any, Callable, Iterable

_MEMOS: list["Memo"] = []
_DIRECTORY: list[Path | None] = [None]  # the configured folder; a memo made later starts there too


def code_version(paths: Iterable[Path], *extra: str) -> str:
    """A short hash of these source files and strings: the rules that make a memo's results."""
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.read_bytes())
    for text in extra:
        digest.update(text.encode())
    return digest.hexdigest()[:16]


def content_key(*parts: str | bytes) -> str:
    """The key of one result: a hash of everything it depends on."""
    digest = hashlib.blake2b(digest_size=16)
    for part in parts:
        digest.update(part if isinstance(part, bytes) else part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


class Memo:
    """One kind of result by key: in memory, and on disk once configured."""

    def __init__(self, name: str, version: str) -> None:
        self.name, self.version = name, version
        self.directory: Path | None = _DIRECTORY[0]
        self.entries: dict[str, bytes] = {}
        self.used: set[str] = set()  # written back: entries no build asked for any more drop out
        self.loaded = False
        self.new = 0
        _MEMOS.append(self)

    @property
    def path(self) -> Path | None:
        return self.directory / f"{self.name}-{self.version}.pickle" if self.directory else None

    def configure(self, directory: Path | None) -> None:
        if directory != self.directory:
            self.flush()
            self.directory, self.loaded = directory, False

    def get(self, key: str, compute: Callable[[], Any]) -> Any:
        """The result stored under ``key``, else ``compute()``'s, stored."""
        self._load()
        stored = self.entries.get(key)
        if stored is None:
            stored = self.entries[key] = pickle.dumps(compute(), pickle.HIGHEST_PROTOCOL)
            self.new += 1
        self.used.add(key)
        return pickle.loads(stored)

    def _load(self) -> None:
        if self.loaded:
            return
        self.loaded = True
        if self.path is not None and self.path.exists():
            try:
                with self.path.open("rb") as stream:
                    self.entries.update(pickle.load(stream))
            except Exception:  # unreadable or from an incompatible Python: compute again
                pass

    def flush(self) -> None:
        if self.path is None or not self.new:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=f".{self.name}-", suffix=".pickle", dir=self.path.parent)
            with os.fdopen(handle, "wb") as stream:
                pickle.dump({key: self.entries[key] for key in self.used}, stream, pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, self.path)
            for stale in self.path.parent.glob(f"{self.name}-*.pickle"):
                if stale != self.path:
                    stale.unlink(missing_ok=True)
        except OSError:
            return  # a read-only checkout: the cache is an optimization, never a reason to fail
        self.new = 0


def configure(directory: Path | str | None) -> None:
    """Keep every memo's results in ``directory`` too; None: memory only."""
    _DIRECTORY[0] = Path(directory) if directory is not None else None
    for memo in _MEMOS:
        memo.configure(_DIRECTORY[0])


def flush() -> None:
    """Write what every memo computed since the last flush to its file (atomic)."""
    for memo in _MEMOS:
        memo.flush()

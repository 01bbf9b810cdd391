"""The work done on one source file, remembered while ``build.py serve`` runs and the file stays as it was.

Every build reads and validates every record and page; the preview rebuilds on every
save, and between two saves only the saved files differ. A loader hands its per-file
work to :func:`per_file`: in the preview's process (after :func:`keep`) a file the
watcher did not report since (:func:`next_build`), whose size and modification time are
those of an earlier build, and whose loader's other inputs (``context``) are the same,
gets that build's result without being read; everywhere else the work is simply done.
So a save re-reads and re-validates the changed file only, and a build's result is the
same either way.

Results are shared between builds: they must not be changed by their callers (records
are frozen dataclasses; lists of problems are only read).

Its sibling :mod:`plugins.model.memo` keeps *content-keyed* results on disk between
processes (every build: YAML parses, schema checks) and hands each caller a copy; this
module keeps one slot per file in the preview's memory, so a long session does not grow.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Callable, Hashable, Iterable, TypeVar

Result = TypeVar("Result")

_kept: dict[tuple, tuple[object, object]] | None = None  # (step, name) → (its input, result)
_changed: frozenset[str] = frozenset()  # paths the watcher reported since the last build


def keep() -> None:
    """Remember per-file results from now on (the preview's process)."""
    global _kept
    if _kept is None:
        _kept = {}


def keeping() -> bool:
    """In the preview's process (which also writes the disk caches only once its pages are shown)."""
    return _kept is not None


def forget() -> None:
    """Drop every remembered result (a registry or a template changed: every file's work is redone)."""
    if _kept is not None:
        _kept.clear()


def next_build(changed: Iterable[Path]) -> None:
    """The files changed since the last build, as the watcher reported them: each is read again."""
    global _changed
    _changed = frozenset(str(path) for path in changed)
    _signatures.clear()
    _this_build.clear()


_this_build: dict[Hashable, object] = {}


def per_build(key: Hashable, work: Callable[[], Result]) -> Result:
    """``work()`` once per preview build however many steps ask (a folder's listing); everywhere else each time."""
    if _kept is None:
        return work()
    if key not in _this_build:
        _this_build[key] = work()
    return _this_build[key]  # type: ignore[return-value]


# path → (size, time, inode) in this build: several steps read the same file (its record, its HTML
# check, its page), one look at the disk is enough for all of them
_signatures: dict[str, tuple[int, int, int] | None] = {}


def per_file(path: Path | str, step: str, context: Hashable, work: Callable[[], Result]) -> Result:
    """``work()``, or its result of an earlier build when ``path`` is unchanged since.

    ``path`` may be a string: a loop over 10,000 files need not make a Path of each to ask.
    """
    if _kept is None:
        return work()
    name = path if isinstance(path, str) else str(path)
    signature = _signatures.get(name, False)
    if signature is False:
        signature = _signatures[name] = _signature(name)
    if signature is None:
        return work()  # the work reports a missing or unreadable file its own way
    if name in _changed:
        _kept.pop(((step, context), name), None)
    return per_input((step, context), name, lambda: signature, work)


def _signature(name: str) -> tuple[int, int, int] | None:
    """Size and time catch a change the watcher missed; the watcher, one within the clock's step."""
    try:
        stat = os.stat(name)
    except OSError:
        return None
    return stat.st_size, stat.st_mtime_ns, stat.st_ino


def fingerprint(*texts: str) -> bytes:
    """A short stand-in for long inputs (page text, a repr of records) that :func:`per_input` compares."""
    digest = hashlib.blake2b(digest_size=16)
    for text in texts:
        digest.update(text.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.digest()


def per_input(step: Hashable, name: str, given: Callable[[], object], work: Callable[[], Result]) -> Result:
    """``work()``, or its result of an earlier build when the input ``given()`` of ``name`` is equal.

    The input is asked for only in the preview: a build outside it pays nothing for it.
    One result is kept per (step, name): a long session does not grow the memory.
    """
    if _kept is None:
        return work()
    data = given()
    key = (step, name)
    found = _kept.get(key)
    if found is not None and found[0] == data:
        return found[1]  # type: ignore[return-value]
    result = work()
    _kept[key] = (data, result)
    return result


def unchanged(step: Hashable, value: Result) -> Result:
    """``value``, or the equal value an earlier build had: comparing the pages made from it is then instant."""
    return per_input(step, "", lambda: value, lambda: value)

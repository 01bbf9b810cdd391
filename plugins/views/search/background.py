"""The search index built in a second process while MkDocs renders the pages.

MkDocs builds in one process on one core; reading every page's text, tokenising
it and writing the index took a fifth of that process's CPU (7 of 35 s on a
1,000-record site). The build machines have two or more cores, so MkDocs hands
each page's final HTML to one worker process (``IndexWorker.add``) and carries
on. Once every page is read (``on_env``) the worker writes the index files while
MkDocs renders the page templates, and ``on_post_build`` only waits for its
answer. One worker reading one pipe keeps the pages in build order; the files
are the same bytes as an index built in MkDocs' own process (``IndexBuilder``
does the work in both).

The worker is started with ``spawn``, never ``fork``: ``build.py serve`` runs
threads, and a forked copy of a threaded process can deadlock.
"""

from __future__ import annotations

import multiprocessing
import traceback
from pathlib import Path

from plugins.model import text
from plugins.views.search.index import IndexBuilder, SearchDoc
from plugins.views.search.pages import with_text


class WorkerFailed(Exception):
    """The worker ended without writing the index; the message is the Persian line editors see."""


class IndexWorker:
    """The worker process of one build: pages go in as they are rendered, the index comes out in ``folder``."""

    def __init__(self, *, folder: Path, provinces: dict[str, str], shard_bytes: int, part_chars: int):
        context = multiprocessing.get_context("spawn")
        # Pages go through a pipe, sent from MkDocs' own thread: a dead worker shows at the next page (the
        # pipe is broken), and MkDocs waits only when the worker is more than the pipe's buffer behind.
        pages, self._pages = context.Pipe(duplex=False)
        self._answer, answer = context.Pipe(duplex=False)
        # The cache folder the text plugin set in this process: the worker reads hazm's tables from it
        # instead of importing hazm (seconds of CPU).
        cache = text.cache_info()["directory"]
        self._process = context.Process(
            target=_work, args=(pages, answer, cache, folder, provinces, shard_bytes, part_chars),
            name="khooshe-search", daemon=True,  # daemon: ended with MkDocs whatever happens
        )
        try:
            self._process.start()  # OSError when the system cannot start a process
        finally:
            # The worker holds the only other ends: its death breaks the page pipe and ends the answer pipe.
            pages.close()
            answer.close()

    def add(self, doc: SearchDoc, html: str) -> None:
        self._send((doc, html))

    def write(self) -> None:
        """Every page is in: the worker writes the index now, while MkDocs goes on rendering templates."""
        self._send(None)

    def wait(self) -> None:
        """Waits until the worker has written the index; WorkerFailed when it could not."""
        try:
            failure = self._answer.recv()  # None, or the traceback of an error in the worker
        except EOFError:  # killed (out of memory…) before answering
            failure = ""
        self.stop()
        if failure is not None:
            reason = failure.strip().splitlines()[-1] if failure.strip() else f"کد خروج {self._process.exitcode}"
            raise WorkerFailed(
                f"جست‌وجو: ساختن نمایهٔ جست‌وجو در پردازهٔ پس‌زمینه ناتمام ماند ({reason}). "
                "اشکال از محتوا نیست: دوباره بسازید؛ اگر تکرار شد، در mkdocs.yml زیر khooshe-search "
                "گزینهٔ background: false را بگذارید و این پیام را به تیم فنی گزارش دهید."
            )

    def stop(self) -> None:
        """Ends the worker and frees its pipes; harmless when done twice.

        Called when the build failed, and after the worker answered: it has nothing left to do then, and
        ending it spares the build waiting while it frees its memory.
        """
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()
        self._pages.close()
        self._answer.close()

    def _send(self, message: tuple[SearchDoc, str] | None) -> None:
        try:
            self._pages.send(message)
        except OSError:  # the worker is gone: its answer (a traceback, or nothing) says why
            self.wait()


def _work(pages, answer, cache: str | None, folder: Path, provinces: dict[str, str], shard_bytes: int,
          part_chars: int) -> None:
    """The worker process: every page from the pipe into the index, then the files; answers None or a traceback."""
    try:
        text.configure_cache(cache)
        builder = IndexBuilder(shard_bytes=shard_bytes, part_chars=part_chars)
        for doc, html in iter(pages.recv, None):
            builder.add(with_text(doc, html))
        builder.write(folder, provinces)
    except BaseException:  # reported by MkDocs' process, which fails the build with it
        answer.send(traceback.format_exc())
    else:
        answer.send(None)

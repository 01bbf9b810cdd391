"""``build.py serve``'s builds: one process, the preview's memory kept, each save's problems as check's lines.

:class:`Preview` turns a set of changed paths into a rebuild of the preview folder
(plugins/adapter/preview.py ``PreviewBuild``: a full build that redoes only what the
change touches) and answers with the problems it found, the Persian lines ``check``
prints, or none. A failed rebuild leaves the last good pages in the folder: content
problems stop a build before anything is written.
"""

from __future__ import annotations

import gc
import os
import sys
import traceback
from pathlib import Path
from typing import Callable, Iterable

from plugins.cli.sitebuild import _EditorLogHandler, _config_problems, _quiet_mkdocs_logging, load_config

INTERNAL_ERROR = ("خطای داخلی در ساخت پیش‌نمایش رخ داد (اشکال از محتوا نیست). آن را به تیم فنی گزارش دهید؛ "
                  "KHOOSHE_DEBUG=1 جزئیات را نشان می‌دهد.")
PLUGINS = Path(__file__).resolve().parents[1]  # Khooshe's plugins package
CODE_SUFFIXES = (".py",)  # the plugins' code: a change needs a fresh process
THEME_SUFFIXES = (".html", ".yml", ".yaml", ".json", ".css", ".js", ".svg")  # templates, registries, assets


class _CollectingLogHandler(_EditorLogHandler):
    """The build's lines, printed for the terminal as ``build.py build`` prints them and kept for the browser."""

    def __init__(self, root: Path):
        super().__init__(root=root)
        self.lines: list[str] = []

    def emit(self, record) -> None:
        text = self.text(record)
        if text is not None:
            print(text, file=sys.stderr)
            self.lines.extend(text.splitlines())


class Preview:
    """The preview of one project: :meth:`rebuild` after each save, :attr:`problems` what the last one found."""

    def __init__(self, config_file: Path, site_dir: Path):
        from plugins.adapter.preview import PreviewBuild
        from plugins.model import filememo

        filememo.keep()  # each unchanged file's loading and checking is taken from the last build
        self.config_file = config_file.resolve()
        self.root = self.config_file.parent
        self.site_dir = site_dir.resolve()
        self.memory = PreviewBuild(self.site_dir)
        self.problems: list[str] = []
        self.built = False  # a build has succeeded since the memory was last emptied

    def needs_restart(self, changed: Iterable[Path]) -> bool:
        """Khooshe's own code changed: only a fresh process runs it."""
        return any(path.suffix in CODE_SUFFIXES and PLUGINS in path.resolve().parents for path in changed)

    def rebuild(self, changed: Iterable[Path] = (), pages_done: Callable[[], None] | None = None) -> list[str]:
        """Build the preview again; the problems found (empty: the folder holds the new site).

        ``pages_done`` is called when the pages are written, before the search index (which no
        page reads) and the disk caches: the server shows the new pages meanwhile.
        """
        from plugins.adapter.base import forget_build
        from plugins.adapter.preview import PreviewBuild
        from plugins.model import filememo, text

        changed = set(changed)
        if any(self._resets_memory(path) for path in changed):
            self.memory = PreviewBuild(self.site_dir)  # mkdocs.yml, a theme template, a registry: redo every page
            filememo.forget()
            text.clear_memory()  # every page's text is normalized again: from the disk cache
            gc.unfreeze()  # what was kept is garbage now
            self.built = False
        filememo.next_build(changed)
        collecting = _quiet_mkdocs_logging(handler=_CollectingLogHandler(self.root))
        # Python's cycle collector walks every object it tracks on each full pass: two seconds at 10,000
        # pages. So none runs while a build does (after the first, which makes most of them), one runs
        # once the pages are shown, and what the first build leaves (hazm, the memories) is frozen out
        # of every later pass.
        paused = self.built
        if paused:
            gc.disable()
        try:
            self.problems = _config_problems(self.config_file) or self._build(collecting)
            if not self.problems:
                if pages_done is not None:
                    pages_done()
                self.problems = self._guarded(self.memory.write_search_index)
                if not self.built and not self.problems:  # the whole site's work, for the next process
                    self.problems = self.close()
                    text.hold_nothing()  # each file's text is remembered with the file now
        finally:
            gc.enable()
            forget_build()  # this build's MkDocs objects: garbage now, collected here
            gc.collect()
        if not self.problems and not self.built:
            gc.freeze()
        self.built = self.built or not self.problems
        return self.problems

    @staticmethod
    def warm_up() -> None:
        """Load hazm while the editor reads the first pages: the first save's text is normalized by it
        (every other text came from the cache), and its import takes seconds."""
        from plugins.model.text.hazm_step import hazm_normalizer

        try:
            hazm_normalizer()
        except Exception:  # the save that needs it reports the problem its own way
            pass

    def close(self) -> list[str]:
        """Write what the builds since the first normalized and checked to the disk caches (for the next
        process; the cache file of a big site takes seconds to rewrite, too long for every save)."""
        from plugins.adapter.text import flush_caches

        return self._guarded(flush_caches)

    def _resets_memory(self, path: Path) -> bool:
        path = path.resolve()
        if path == self.config_file:
            return True
        return path.suffix in THEME_SUFFIXES and any(
            folder in path.parents for folder in (self.root / "overrides", PLUGINS))

    def _build(self, log: _CollectingLogHandler) -> list[str]:
        from mkdocs.exceptions import Abort, ConfigurationError

        def build() -> None:
            config = load_config(self.config_file, site_dir=str(self.site_dir))
            log.docs_dir = Path(config.docs_dir)
            self.memory.build(config)

        try:
            return self._guarded(build) or log.lines
        except ConfigurationError as exc:
            return [f"خطای پیکربندی در {self.config_file.name}: {exc}"]
        except Abort:
            return log.lines or [INTERNAL_ERROR]

    @staticmethod
    def _guarded(step: Callable[[], None]) -> list[str]:
        """Run a step; a bug in Khooshe (not in the content) is one Persian line, never a traceback."""
        from mkdocs.exceptions import Abort, ConfigurationError

        try:
            step()
        except (Abort, ConfigurationError):
            raise
        except Exception:
            if os.environ.get("KHOOSHE_DEBUG"):
                traceback.print_exc()
            print(INTERNAL_ERROR, file=sys.stderr)
            return [INTERNAL_ERROR]
        return []


"""The ``khooshe-search`` MkDocs plugin: events only; the logic lives in pages/index/analysis/background."""

from __future__ import annotations

import functools
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from plugins.adapter.base import PluginAssets
from plugins.model.provinces import load_provinces
from plugins.views.search.analysis import prepare_tables
from plugins.views.search.background import IndexWorker, WorkerFailed
from plugins.views.search.index import IndexBuilder, IndexMemory
from plugins.views.search.pages import search_doc, with_text
from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class SearchConfig(Config):
    enabled = c.Type(bool, default=True)
    # folder of the split index in the built site
    index_dir = c.Type(str, default="search")
    # target size of one index shard in bytes; more pages → more shards, never bigger ones
    shard_bytes = c.Type(int, default=4096)
    # characters of page text per snippet file (d/<id>.json holds the first part)
    part_chars = c.Type(int, default=2000)
    # build the index in a background worker process while MkDocs renders pages (false: in MkDocs' own process)
    background = c.Type(bool, default=True)

ASSETS = PluginAssets(Path(__file__).resolve().parents[1] / "views" / "search", "search.css", "search-loader.js",
                     lazy=("search.js",))  # assets/khooshe/search*


class SearchPlugin(BasePlugin[SearchConfig]):
    def __init__(self) -> None:
        self.builder = IndexBuilder()
        self.worker: IndexWorker | None = None  # the background build of this build, when there is one
        self.provinces: dict[str, str] = {}
        self.memory: IndexMemory | None = None  # build.py serve's, kept between its builds (no background worker then)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # `serve` rebuilds with this same instance: nothing of the previous build may be left.
        self._stop_worker()
        if not self.config.enabled:
            return config
        self.builder = IndexBuilder(shard_bytes=self.config.shard_bytes, part_chars=self.config.part_chars,
                                    memory=self.memory)
        self.provinces = {province.id: province.name for province in load_provinces().values()}
        ASSETS.announce(config)
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if not (self.config.enabled and self.config.background) or self.memory is not None:
            return
        prepare_tables()
        try:
            self.worker = IndexWorker(
                folder=self._folder(config), provinces=self.provinces,
                shard_bytes=self.config.shard_bytes, part_chars=self.config.part_chars,
            )
        except OSError:
            self.worker = None  # no process to be had: the index is built here, as with `background: false`

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if not self.config.enabled:
            return files
        ASSETS.add_files(files, config)
        return files

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if not self.config.enabled:
            return html
        doc = search_doc(url=page.url, title=page.meta.get("title") or page.title or "", meta=page.meta)
        if doc is not None and self.worker is not None:
            with _worker_failure_reported():
                self.worker.add(doc, html)
        elif doc is not None:
            self.builder.add(with_text(doc, html, self.memory))
        return html

    def page_kept(self, page: Page) -> None:
        """A page the preview took as the last build left it (plugins/adapter/preview.py): indexed all the same."""
        self.on_page_content(page.content or "", page=page, config=None, files=None)  # type: ignore[arg-type]

    def on_env(self, env, *, config: MkDocsConfig, files: Files):
        if not self.config.enabled:
            return env
        # Every page has been read (MkDocs renders the templates next): the index is written now,
        # by the worker while MkDocs renders, or here.
        if self.worker is not None:
            with _worker_failure_reported():
                self.worker.write()
        elif self.memory is not None:  # build.py serve writes it once the pages are shown (pages never read it)
            self.memory.pending = functools.partial(self.builder.write, self._folder(config), self.provinces)
        else:
            self.builder.write(self._folder(config), self.provinces)
        return env

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.worker is None:
            return
        worker, self.worker = self.worker, None
        with _worker_failure_reported():
            worker.wait()

    def on_build_error(self, *, error: Exception) -> None:
        self._stop_worker()

    def on_shutdown(self) -> None:
        self._stop_worker()

    def _folder(self, config: MkDocsConfig) -> Path:
        return Path(config.site_dir) / self.config.index_dir

    def _stop_worker(self) -> None:
        if self.worker is not None:
            self.worker.stop()
            self.worker = None


@contextmanager
def _worker_failure_reported() -> Iterator[None]:
    """A dead worker fails the build: MkDocs prints the Persian line and stops (the site/ is left as it was)."""
    try:
        yield
    except WorkerFailed as failure:
        raise PluginError(str(failure)) from None

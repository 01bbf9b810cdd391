"""The ``khooshe-search`` MkDocs plugin: events only; the logic lives in pages/index/analysis."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from ..base import PluginAssets, content_errors_reported, project_root
from ..core.errors import ContentError, raise_if_any
from ..core.provinces import load_provinces
from .analysis import rules_table
from .config import SearchConfig
from .index import IndexBuilder, json_bytes
from .pages import search_doc

ASSETS = PluginAssets(Path(__file__).resolve().parent, "search.css", "search.js")  # assets/khooshe/search.*


class SearchPlugin(BasePlugin[SearchConfig]):
    def __init__(self) -> None:
        self.builder = IndexBuilder()
        self.provinces: dict[str, str] = {}
        self._errors: list[ContentError] = []

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if not self.config.enabled:
            return config
        self.builder = IndexBuilder(shard_bytes=self.config.shard_bytes, part_chars=self.config.part_chars)
        self.provinces = {province.id: province.name for province in load_provinces().values()}
        self._errors = []
        ASSETS.announce(config)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if not self.config.enabled:
            return files
        ASSETS.add_files(files, config)
        return files

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if not self.config.enabled:
            return html
        file = page.file
        if file.generated_by:
            path = file.src_uri
        else:
            docs = os.path.relpath(config.docs_dir, project_root(config))
            path = Path(docs, file.src_uri).as_posix()
        doc, errors = search_doc(
            url=page.url, title=page.meta.get("title") or page.title or "", meta=page.meta, html=html,
            provinces=self.provinces, path=path, source=lambda: _source(page),
        )
        self._errors.extend(errors)
        if doc is not None:
            self.builder.add(doc)
        return html

    def on_env(self, env, *, config: MkDocsConfig, files: Files):
        if self.config.enabled:
            with content_errors_reported():
                raise_if_any(self._errors)
        return env

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        target = Path(config.site_dir) / self.config.index_dir
        shutil.rmtree(target, ignore_errors=True)
        files = self.builder.build(self.provinces)
        files["rules.json"] = json_bytes(rules_table())
        for name, data in files.items():
            path = target / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)


def _source(page: Page) -> str | None:
    try:
        return page.file.content_string
    except (OSError, UnicodeDecodeError):
        return None

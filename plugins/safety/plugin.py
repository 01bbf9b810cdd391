"""The ``khooshe-safety`` MkDocs plugin: events only; the logic lives in policy/pages/reproducible.

* ``on_config``: reads the optional build stamp.
* ``on_files`` (runs first): reads the front matter of every editor page outside
  the record folders strictly (the text plugin's reader: YAML traps, dates) and
  checks it against the page schema (title required, known fields only); every
  problem of every page stops the build at once. The pages are few (guides, not
  records), so the text plugin reading them again costs nothing worth sharing.
* ``on_page_markdown`` (runs first): turns disallowed raw HTML into visible text,
  before any plugin adds its own markup.
* ``on_page_content`` (runs first): the rendered HTML of every editor page goes
  through the sanitizer, so nothing outside the allow-list reaches the site.
  Plugins that add trusted markup to an editor's page do it in their own
  ``on_page_content`` (which runs after this one) or in a generated page.
* ``on_post_build``: the sitemap without the clock.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from ..base import content_errors_reported, project_root
from ..core.errors import ContentError, raise_if_any
from ..core.yamlio import read_source, relative_path
from . import policy
from .config import SafetyConfig
from .pages import is_owned, read_meta, validate_meta
from .reproducible import StampError, build_stamp, rewrite_sitemap

FIRST = 100  # event priority: before every other plugin's handler of the same event


def is_editor_page(file: File) -> bool:
    """A Markdown page an editor wrote in docs_dir (not one a plugin generated)."""
    return file.generated_by is None and file.is_documentation_page()


# Looked up at call time so tests can replace it.
def sanitize_editor_html(html: str) -> str:
    return policy.sanitize_editor_html(html)


class SafetyPlugin(BasePlugin[SafetyConfig]):
    def __init__(self) -> None:
        self.stamp = None
        self._strict_meta: dict[str, dict[str, Any]] = {}  # src_uri → strict front matter

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        try:
            self.stamp = build_stamp()
        except StampError as exc:
            raise PluginError(str(exc)) from None
        return config

    @event_priority(FIRST)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        self._strict_meta = {}
        if not (self.config.enabled and self.config.check_pages):
            return files
        root = project_root(config)
        errors: list[ContentError] = []
        for file in sorted(files.documentation_pages(), key=lambda item: item.src_uri):
            if not is_editor_page(file) or is_owned(file.src_uri) or not file.abs_src_path:
                continue
            path = Path(file.abs_src_path)
            text, problems = read_source(path, root, yaml_file=False)
            errors.extend(problems)
            if text is None:
                continue
            relpath = relative_path(path, root)
            meta, problems = read_meta(text, relpath)
            errors.extend(problems)
            if meta or not problems:
                errors.extend(validate_meta(meta, relpath, has_front_matter=text.startswith("---")))
            self._strict_meta[file.src_uri] = dict(meta)
        with content_errors_reported():
            raise_if_any(errors)
        return files

    @event_priority(FIRST)
    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if not self.config.enabled or not is_editor_page(page.file):
            return markdown
        if page.file.src_uri in self._strict_meta:
            page.meta = dict(self._strict_meta[page.file.src_uri])
        return policy.neutralize_markdown(markdown) if self.config.sanitize else markdown

    @event_priority(FIRST)
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if not (self.config.enabled and self.config.sanitize) or not is_editor_page(page.file):
            return html
        return sanitize_editor_html(html)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.config.enabled and self.config.reproducible:
            rewrite_sitemap(Path(config.site_dir), self.stamp)

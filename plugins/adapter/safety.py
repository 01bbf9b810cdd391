"""The ``khooshe-safety`` MkDocs plugin: events only; the logic lives in policy/pages/reproducible.

* ``on_config``: reads the optional build stamp.
* ``on_files`` (runs first): collects the unsafe pieces of record text; reads the
  front matter of every editor page outside the record folders strictly (YAML
  traps, dates) and checks it against the page schema (title required, known
  fields only); every problem of every page stops the build at once.
* ``on_page_markdown``: first, the strict front matter into ``page.meta``; last
  (after every plugin), disallowed raw HTML of editor pages becomes visible text.
* ``on_page_content``: first, the rendered HTML of every editor page goes through
  the sanitizer (plugins that add trusted markup to an editor's page do it in
  their own ``on_page_content``, which runs after); last, generated pages lose any
  record text a generator forgot to escape and any ``javascript:`` address.
* ``on_env``: every page title and description becomes HTML-escaped text.
* ``on_post_build``: the sitemap without the clock.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from plugins.adapter.base import content_errors_reported, project_root, sibling
from plugins.model.errors import ContentError, raise_if_any
from plugins.model.yamlio import read_source, relative_path
from plugins.model import html_policy as policy
from plugins.model.page_meta import is_owned, read_meta
from plugins.views.record_snippets import RECORD_PLUGINS, plugin_models, snippets_of
from plugins.views.reproducible import EPOCH_VARIABLE, StampError, build_stamp, rewrite_sitemap
from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class SafetyConfig(Config):
    enabled = c.Type(bool, default=True)
    # Editors' pages: strict front matter, HTML allow-list (see plugins/model/HTML.md).
    check_pages = c.Type(bool, default=True)
    sanitize = c.Type(bool, default=True)
    # sitemap.xml without the build date unless KHOOSHE_BUILD_STAMP / SOURCE_DATE_EPOCH is set.
    reproducible = c.Type(bool, default=True)

FIRST = 100  # event priority: before every other plugin's handler of the same event
LAST = -100  # event priority: after every other plugin's handler of the same event


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
        self._snippets: tuple[str, ...] = ()  # unsafe pieces of record text (see records.py)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        # An empty SOURCE_DATE_EPOCH means "no stamp" (CI templates often export it empty);
        # MkDocs itself would stop with a traceback on it.
        if os.environ.get(EPOCH_VARIABLE, None) is not None and not os.environ[EPOCH_VARIABLE].strip():
            del os.environ[EPOCH_VARIABLE]
        try:
            self.stamp = build_stamp()
        except StampError as exc:
            raise PluginError(str(exc)) from None
        return config

    @event_priority(FIRST)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        self._strict_meta = {}
        self._snippets = ()
        if not self.config.enabled:
            return files
        if self.config.sanitize:  # the record plugins loaded their models in on_config
            self._snippets = snippets_of(
                model for name in RECORD_PLUGINS if (plugin := sibling(config, name)) is not None
                for model in plugin_models(plugin)
            )
        if not self.config.check_pages:
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
            self._strict_meta[file.src_uri] = dict(meta)
        with content_errors_reported():
            raise_if_any(errors)
        return files

    @event_priority(FIRST)
    def _on_page_markdown_first(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if self.config.enabled and is_editor_page(page.file) and page.file.src_uri in self._strict_meta:
            page.meta = dict(self._strict_meta[page.file.src_uri])
        return markdown

    @event_priority(LAST)
    def _on_page_markdown_last(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        """After every plugin (a plugin may rebuild an article's Markdown from its body): disallowed tags as text."""
        if not (self.config.enabled and self.config.sanitize) or not is_editor_page(page.file):
            return markdown
        return policy.neutralize_markdown(markdown)

    @event_priority(FIRST)
    def _on_page_content_first(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if not (self.config.enabled and self.config.sanitize) or not is_editor_page(page.file):
            return html
        return sanitize_editor_html(html)

    @event_priority(LAST)
    def _on_page_content_last(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        """Generated pages: record text a generator forgot to escape becomes visible text, script links go."""
        if not (self.config.enabled and self.config.sanitize) or is_editor_page(page.file):
            return html
        return policy.defuse_urls(policy.defuse(html, self._snippets))

    on_page_markdown = CombinedEvent(_on_page_markdown_first, _on_page_markdown_last)
    on_page_content = CombinedEvent(_on_page_content_first, _on_page_content_last)

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        """Titles and descriptions go into the theme's HTML as they are: make every one of them text."""
        if self.config.enabled and self.config.sanitize:
            for file in files.documentation_pages():
                page = file.page
                if page is None:
                    continue
                for key in ("title", "description"):
                    if isinstance(page.meta.get(key), str):
                        page.meta[key] = policy.escape_text(page.meta[key])
        return env

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.config.enabled and self.config.reproducible:
            rewrite_sitemap(Path(config.site_dir), self.stamp)

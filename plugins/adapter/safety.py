"""The ``khooshe-safety`` MkDocs plugin: events only; the logic lives in plugins/model/html_policy.py,
plugins/model/page_meta.py and plugins/views/reproducible.py.

* ``on_config``: reads the optional build stamp.
* ``on_files`` (runs first): takes the strict front matter of every editor page
  outside the record folders, as the build's check read it, for ``page.meta``. Its problems, like every HTML
  policy break in record text and page bodies, were reported by the site's one
  verdict in ``on_config`` (plugins/adapter/base.py ``site_model``), which stops
  the build with check's lines: nothing is silently defused instead.
* ``on_page_markdown``: first, the strict front matter into ``page.meta``. (Raw HTML
  the policy refuses never reaches this point: the verdict stopped the build.)
* ``on_page_content``: first, the rendered HTML of every editor page goes through
  the sanitizer (plugins that add trusted markup to an editor's page do it in
  their own ``on_page_content``, which runs after).
* ``on_env``: every page title and description becomes HTML-escaped text.
* ``on_post_build``: the sitemap without the clock.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from plugins.adapter.base import site_model
from plugins.model import html_policy as policy
from plugins.model.filememo import per_input
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
        # An empty SOURCE_DATE_EPOCH means "no stamp" (CI templates often export it empty);
        # MkDocs itself would stop with a traceback on it.
        if os.environ.get(EPOCH_VARIABLE, None) is not None and not os.environ[EPOCH_VARIABLE].strip():
            del os.environ[EPOCH_VARIABLE]
        try:
            self.stamp = build_stamp()
        except StampError as exc:
            raise PluginError(str(exc)) from None
        site_model(config)  # the verdict: every problem check reports stops the build here
        return config

    @event_priority(FIRST)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        """Editor pages' strict front matter, as the build's check read it (plugins/cli/check.py)."""
        enabled = self.config.enabled and self.config.check_pages
        self._strict_meta = dict(site_model(config).page_meta) if enabled else {}
        return files

    @event_priority(FIRST)
    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if self.config.enabled and is_editor_page(page.file) and page.file.src_uri in self._strict_meta:
            page.meta = dict(self._strict_meta[page.file.src_uri])
        return markdown

    @event_priority(FIRST)
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if not (self.config.enabled and self.config.sanitize) or not is_editor_page(page.file):
            return html
        return per_input("sanitized", page.file.src_uri, lambda: html, lambda: sanitize_editor_html(html))

    def page_inputs(self, page: Page) -> object:
        """What the preview keeps a page by (plugins/adapter/preview.py): its strict front matter."""
        return self._strict_meta.get(page.file.src_uri)

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

"""MkDocs events of the Persian text pipeline; the logic lives in plugins.model.text and siblings.

* on_config (first of all plugins): point the normalizer's cache, the memos (YAML parses,
  schema checks: plugins/model/memo.py) and the compiled templates at ``.cache/khooshe/``, then load the site's content model
  (plugins/adapter/base.py ``site_model``) so its records use them.
* on_files: read every source page's front matter strictly and parse its dates;
  every impossible date of every page is raised together (file:line:column,
  Persian). Other front-matter problems are the page schema owners' to report.
* on_page_markdown: for pages with a source file in content/ (generated pages are
  skipped: their records were normalized when loaded) put the strict values into
  page.meta and normalize the Markdown's prose for display.
* on_env: the theme's templates use the same compiled-templates cache as ours (.cache/khooshe/jinja).
* on_post_build / on_build_error: write the caches.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from plugins.adapter.base import content_errors_reported, project_root, site_model
from plugins.model import text
from plugins.model import memo
from plugins.views import render
from plugins.model.errors import ContentError, raise_if_any
from plugins.model.filememo import keeping, per_file, per_input
from plugins.model.yamlio import relative_path
from plugins.model.frontmatter import PageMeta, merge_into, read_page_meta
from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class TextConfig(Config):
    enabled = c.Type(bool, default=True)
    # Normalize the prose of editors' pages (content/**/*.md) for display.
    normalize_pages = c.Type(bool, default=True)
    # Where normalized text is cached between builds, relative to the folder of mkdocs.yml.
    cache_dir = c.Type(str, default=".cache/khooshe")


class TextPlugin(BasePlugin[TextConfig]):
    def __init__(self) -> None:
        self.meta: dict[str, PageMeta] = {}

    @event_priority(100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if self.config.enabled:
            text.configure_cache(project_root(config) / self.config.cache_dir)
            memo.configure(project_root(config) / self.config.cache_dir)
            render.configure_cache(project_root(config) / self.config.cache_dir / "jinja")
        site_model(config)
        return config

    def on_env(self, env, *, config: MkDocsConfig, files: Files):
        """The theme's templates are compiled once too, not on every build."""
        if self.config.enabled:
            env.bytecode_cache = render.compiled_templates_cache()
        return env

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        self.meta = {}
        if not self.config.enabled:
            return files
        root = project_root(config)
        errors: list[ContentError] = []
        for file in sorted(files.documentation_pages(), key=lambda item: item.src_uri):
            if file.generated_by is not None or not file.abs_src_path:
                continue
            meta = per_file(file.abs_src_path, "page meta", str(root), lambda: _page_meta(Path(file.abs_src_path), root))
            if meta is None:
                continue  # reported by the page's own loader and by MkDocs
            errors.extend(meta.errors)
            self.meta[file.src_uri] = meta
        with content_errors_reported():
            raise_if_any(errors)
        return files

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if not self.config.enabled or page.file.generated_by is not None:
            return markdown
        strict = self.meta.get(page.file.src_uri)
        if strict is not None:
            merge_into(page.meta, strict)
        if not self.config.normalize_pages:
            return markdown
        # by the page: an unchanged page's result is the very string of the last build (plugins/adapter/preview.py)
        return per_input("normalized page", page.file.src_uri, lambda: markdown,
                         lambda: text.normalize_markdown(markdown, for_display=True))

    def page_inputs(self, page: Page) -> object:
        """What the preview keeps a page by (plugins/adapter/preview.py): its strict front matter."""
        return self.meta.get(page.file.src_uri)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not keeping():  # the preview writes them after its pages are shown (plugins/cli/preview.py)
            flush_caches()

    def on_build_error(self, *, error: Exception) -> None:
        flush_caches()


def _page_meta(path: Path, root: Path) -> PageMeta | None:
    relpath = relative_path(path, root)
    try:
        source = path.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
    except (OSError, UnicodeDecodeError):
        return None
    return read_page_meta(source, relpath)


def flush_caches() -> None:
    """What this build normalized and checked, written to the cache folder for the next process."""
    text.flush_cache()
    memo.flush()

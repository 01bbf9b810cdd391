"""The preview's in-process build: MkDocs' own build steps, each page's work remembered by what it depends on.

``build.py serve`` keeps one :class:`PreviewBuild` for its whole life. Every rebuild is a
full build as far as MkDocs and the plugins can tell: the config is loaded afresh, the
content model is loaded, every generator runs, every page goes through the plugins. But
each step that costs something remembers its result by its inputs (plugins/model/filememo.py):
a file the watcher did not report is not read again, a generated page whose data is the
same is not rendered again, a page's sanitizing, slot filling, normalizing and share card
are taken from the last build. Each remembered result is the very object of the last
build, so the next step compares it at once instead of hashing it. Here:

* reading a page (:func:`read_source`): a file of docs_dir not changed since;
* a page's events, from reading to its final HTML (:class:`PageMemo`): the same source, the
  same place in the site, and the same ``page_inputs`` of every plugin that has them (what
  each holds for the page: its slots, its record, its strict front matter);
* converting a page's Markdown (:class:`ConversionMemo`): the same Markdown, the same
  place in the site, and every link target MkDocs looked up still the same file;
* rendering a page's theme template (:class:`TemplateMemo`): the same page state (HTML,
  table of contents, front matter, title, neighbours, ancestors), the same nav, the same
  config;
* writing a plugin's generated file (feeds, open data): the same text.

A page whose output would be what the folder holds is neither rendered nor written, and
a file the previous build wrote that this one did not is removed. So the folder is, by
construction, what a full ``build.py build`` of the same sources writes
(tests/test_serve.py checks it byte for byte after each edit), while a save touches only
the pages that show it.
"""

from __future__ import annotations

import hashlib
import logging
import os
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Any, Iterator

from mkdocs import utils
from mkdocs.commands.build import _build_extra_template, _build_theme_template, get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, get_files, set_exclusions
from mkdocs.structure.nav import Navigation, get_navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents
from mkdocs.utils import meta

from plugins.model.filememo import per_file, per_input
from plugins.views.search.index import IndexMemory

log = logging.getLogger("mkdocs.commands.build")


def digest(*parts: Any) -> str:
    hasher = hashlib.blake2b(digest_size=16)
    for part in parts:
        hasher.update(part if isinstance(part, bytes) else repr(part).encode("utf-8", "surrogatepass"))
        hasher.update(b"\x00")
    return hasher.hexdigest()


class _RecordedLookups:
    """The Files MkDocs converts a page against, noting every link target it looks up and what it found."""

    def __init__(self, files: Files):
        self._files = files
        self.found: dict[str, tuple | None] = {}

    def get_file_from_path(self, path: str) -> File | None:
        src_uri = PurePath(path).as_posix()  # as Files looks it up: the memories look it up again without a PurePath
        file = self._files.src_uris.get(src_uri)
        self.found[src_uri] = target_state(file)
        return file

    def __getattr__(self, name: str) -> Any:  # nothing else of Files decides a page's HTML
        return getattr(self._files, name)


def target_state(file: File | None) -> tuple | None:
    """What a link to ``file`` becomes in the HTML: its URL, and whether it is in the build."""
    return None if file is None else (file.url, file.inclusion)


@dataclass
class _Conversion:
    content: str
    toc: TableOfContents
    title: str | None
    anchors: set[str]
    links_to_anchors: dict[str, dict[str, str]]  # target src_uri → anchor → link
    lookups: dict[str, tuple | None]


class ConversionMemo:
    """Markdown → HTML of each page (MkDocs' ``Page.render``), remembered by the Markdown and the links it resolved.

    The Markdown itself is kept as the key: an unchanged page's is the very string of the last
    build (every step before remembers its result), so it compares at once.
    """

    def __init__(self) -> None:
        self._done: dict[str, tuple[tuple, _Conversion]] = {}  # src_uri → (key, conversion)

    def render(self, page: Page, config: MkDocsConfig, files: Files) -> _Conversion | None:
        """Convert the page (or take the last conversion); what it did, None when it warned."""
        key = (page.markdown, page.file.url, page.file.inclusion)
        kept = self._done.get(page.file.src_uri)
        if kept is not None and kept[0] == key and _still_resolve(kept[1].lookups, files):
            _restore(page, kept[1], files)
            return kept[1]
        lookups = _RecordedLookups(files)
        with _warnings_counted() as warnings:
            page.render(config, lookups)  # type: ignore[arg-type]
        self._done.pop(page.file.src_uri, None)
        if warnings.counts:  # a conversion that warned must warn again (strict builds stop on it)
            return None
        done = _Conversion(
            page.content or "", page.toc, page._title_from_render, set(page.present_anchor_ids or ()),
            {file.src_uri: dict(links) for file, links in (page.links_to_anchors or {}).items()},
            lookups.found,
        )
        self._done[page.file.src_uri] = (key, done)
        return done


def _still_resolve(lookups: dict[str, tuple | None], files: Files) -> bool:
    src_uris = files.src_uris
    return all(target_state(src_uris.get(src_uri)) == state for src_uri, state in lookups.items())


def _restore(page: Page, done: _Conversion, files: Files) -> None:
    page.content = done.content
    page.toc = done.toc
    page._title_from_render = done.title
    page.present_anchor_ids = set(done.anchors)
    src_uris = files.src_uris
    page.links_to_anchors = {src_uris.get(src_uri): dict(links) for src_uri, links in done.links_to_anchors.items()}


@dataclass
class _Populated:
    """A page as the plugins left it before the theme: what :class:`PageMemo` puts back."""

    markdown: str
    meta: dict
    content: str
    conversion: _Conversion


class PageMemo:
    """Each page read, converted and passed through the plugins' page events, remembered by all it was made of:
    its source, its place in the site, and what each plugin holds for it (``page_inputs``).

    A page whose inputs are the last build's is put back as the plugins left it, without one
    event: at 10,000 pages, the events of the pages a save did not reach cost more than a
    second. Plugins that gather something of every page (the search index, the fonts'
    characters) are handed the kept page (``page_kept``).
    """

    def __init__(self) -> None:
        self._done: dict[str, tuple[tuple, _Populated]] = {}  # src_uri → (inputs, page)

    def restore(self, page: Page, inputs: tuple, files: Files) -> bool:
        kept = self._done.get(page.file.src_uri)
        if kept is None or kept[0] != inputs or not _still_resolve(kept[1].conversion.lookups, files):
            return False
        done = kept[1]
        _restore(page, done.conversion, files)
        page.markdown, page.content, page.meta = done.markdown, done.content, fresh_copy(done.meta)
        return True

    def remember(self, page: Page, inputs: tuple, conversion: _Conversion | None) -> None:
        self._done.pop(page.file.src_uri, None)
        if conversion is not None:  # a page that warned must warn again
            self._done[page.file.src_uri] = (inputs, _Populated(
                page.markdown or "", fresh_copy(page.meta), page.content or "", conversion))


def plugin_methods(config: MkDocsConfig, name: str) -> list:
    """The plugins' methods ``name`` (``page_inputs``, ``page_kept``), in the plugins' order."""
    return [getattr(plugin, name) for plugin in config.plugins.values() if hasattr(plugin, name)]


@contextmanager
def _warnings_counted() -> Iterator[utils.CountHandler]:
    """MkDocs' own counter on its loggers' warnings (``counts``: level → how many; empty when none)."""
    handler = utils.CountHandler(level=logging.WARNING)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)


class TemplateMemo:
    """Which pages' theme output in the folder is current: remembered by everything of the page and the
    site the theme reads, so an unchanged page is neither rendered nor written again (its HTML is not kept).

    The state is kept, not a hash of it: an unchanged page's HTML is the very string of the last
    build (each step's result is remembered), so comparing it costs nothing, while hashing it
    would read every page's HTML on every save.
    """

    def __init__(self) -> None:
        self._written: dict[str, tuple] = {}  # dest path → state of the output written there
        self._tocs: dict[str, tuple[TableOfContents, list]] = {}  # dest path → (table of contents, its state)

    def build(self, page: Page, site_key: tuple, render: Any) -> None:
        path = page.file.abs_dest_path
        state = (site_key, page_state(page, self._toc_state(path, page.toc)))
        if self._written.get(path) == state:  # the folder is the preview's own: what it wrote is there
            return
        self._written.pop(path, None)
        output = render()
        if output.strip():
            utils.write_file(output.encode("utf-8", errors="xmlcharrefreplace"), path)
            self._written[path] = state

    def forget(self) -> None:
        """After a failed build the folder may hold anything: the next one writes every page."""
        self._written.clear()

    def _toc_state(self, path: str, toc: TableOfContents) -> list:
        """A kept page's table of contents is the very object of the last build: its state is too."""
        kept = self._tocs.get(path)
        if kept is None or kept[0] is not toc:
            kept = self._tocs[path] = (toc, toc_state(toc))
        return kept[1]

    def removed(self, path: str) -> None:
        """The page at ``path`` was removed (its source was): written again when it comes back."""
        self._written.pop(path, None)
        self._tocs.pop(path, None)


def page_state(page: Page, toc: list) -> tuple:
    """What the theme reads of one page (its neighbours and ancestors by title and URL; ``toc``: its
    table of contents' :func:`toc_state`)."""
    def brief(item: Any) -> tuple | None:
        return None if item is None else (item.title, getattr(item, "url", None))

    return (
        page.file.src_uri, page.url, page.canonical_url, page.edit_url, page.is_homepage, page.file.inclusion,
        page.title, page.content, toc, page.meta,
        brief(page.previous_page), brief(page.next_page), [brief(item) for item in page.ancestors],
    )


def toc_state(items: Any) -> list:
    return [(item.title, item.id, item.url, item.level, toc_state(item.children)) for item in items]


def nav_state(items: Any) -> list:
    """The nav as every page's theme shows it: titles, URLs, kinds and children."""
    return [(type(item).__name__, item.title, getattr(item, "url", None), nav_state(getattr(item, "children", None) or []))
            for item in items]


def site_state(config: MkDocsConfig, nav: Navigation) -> str:
    return digest(config.config_file_path, config.site_url, config.extra, config.extra_css,
                  [str(script) for script in config.extra_javascript], nav_state(nav.items))


def read_source(page: Page, config: MkDocsConfig) -> tuple[str, dict]:
    """MkDocs' ``Page.read_source``, a page's file read and its front matter parsed only when it changed.

    Returns the (Markdown, front matter) read: the very tuple of the last build then, so every
    later step that remembers its result by it (the page, normalizing, converting) compares it at once.
    """
    file = page.file
    source = config.plugins.on_page_read_source(page=page, config=config)
    if source is None and file.abs_src_path and file.generated_by is None:  # a file of docs_dir
        read = per_file(file.abs_src_path, "page source", None, lambda: meta.get_data(file.content_string))
    else:
        source = file.content_string if source is None else source
        read = per_input("page source", file.src_uri, lambda: source, lambda: meta.get_data(source))
    page.markdown, page.meta = read  # the kept front matter itself: copied before a plugin may change it
    return read


def fresh_copy(value: Any) -> Any:
    """A copy of front matter's dicts and lists (what plugins change); other values are immutable."""
    if isinstance(value, dict):
        return {key: fresh_copy(item) for key, item in value.items()}
    if isinstance(value, list):
        return [fresh_copy(item) for item in value]
    return value


@dataclass
class PreviewBuild:
    """One preview's memory between builds; :meth:`build` is a full build that redoes only what changed."""

    site_dir: Path
    conversions: ConversionMemo = field(default_factory=ConversionMemo)
    pages: PageMemo = field(default_factory=PageMemo)
    templates: TemplateMemo = field(default_factory=TemplateMemo)
    outputs: set[str] = field(default_factory=set)  # dest paths of the previous build's files
    generated: dict[str, str] = field(default_factory=dict)  # dest path → text a plugin gave and this folder holds
    theme_files: list[tuple[str, str]] | None = None  # (path, theme folder) of the theme's static files
    search: IndexMemory = field(default_factory=IndexMemory)

    def build(self, config: MkDocsConfig) -> None:
        """The steps of ``mkdocs.commands.build.build`` (not dirty, not serving), through the memos.

        Raises what MkDocs' build raises; strict-mode warnings raise :class:`mkdocs.exceptions.Abort`.
        """
        from mkdocs.exceptions import Abort, BuildError

        search = config.plugins.get("khooshe-search")
        if search is not None:
            search.memory = self.search  # the index in this process, from what the last build read
        with _warnings_counted() as warnings:
            try:
                self._run(config)
                if warnings.counts:
                    raise Abort(f"Aborted with {sum(warnings.counts.values())} warnings in strict mode!")
            except Exception as error:
                self.templates.forget()
                self.generated.clear()
                self.search.pending = None
                config.plugins.on_build_error(error=error)
                if isinstance(error, BuildError):
                    log.error(str(error))  # the Persian lines of a content problem, as MkDocs' build logs them
                    raise Abort("Aborted with a BuildError!") from None
                raise
            finally:
                if search is not None:
                    search.memory = None  # MkDocs keeps this plugin for the process: other builds get none

    def write_search_index(self) -> None:
        """The search index of the last good build (its pages are written first, so they show sooner)."""
        self.search.write_pending()

    def _run(self, config: MkDocsConfig) -> None:
        config = config.plugins.on_config(config)
        config.plugins.on_pre_build(config=config)
        files = get_files(config)
        env = config.theme.get_env()
        self._add_theme_files(files, env, config)
        files = config.plugins.on_files(files, config=config)
        set_exclusions(files, config)
        nav = config.plugins.on_nav(get_navigation(files, config), config=config, files=files)
        doc_files = files.documentation_pages(inclusion=_included)
        hooks = _PageHooks(plugin_methods(config, "page_inputs"), plugin_methods(config, "page_kept"))
        for file in doc_files:
            if file.page is None and file.inclusion.is_not_in_nav():
                Page(None, file, config)
            self._populate(file.page, config, files, hooks)
        env = config.plugins.on_env(env, config=config, files=files)
        self._remove_stale(files)
        self._copy_static_files(files)
        for template in config.theme.static_templates:
            _build_theme_template(template, env, files, config, nav)
        for template in config.extra_templates:
            _build_extra_template(template, files, config, nav)
        site_key = site_state(config, nav)
        for file in doc_files:
            self._build_page(file.page, config, doc_files, nav, env, site_key)
        for file in doc_files:
            file.page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)
        config.plugins.on_post_build(config=config)

    def _populate(self, page: Page, config: MkDocsConfig, files: Files, hooks: "_PageHooks") -> None:
        """MkDocs' ``_populate_page``, the page (or else its conversion) remembered."""
        config._current_page = page
        try:
            page = config.plugins.on_pre_page(page, config=config, files=files)
            # what the plugins' page events read of the page besides its source
            inputs = (read_source(page, config), page.file.url, page.file.inclusion,
                      tuple(page_inputs(page) for page_inputs in hooks.page_inputs))
            if self.pages.restore(page, inputs, files):
                for page_kept in hooks.page_kept:
                    page_kept(page)
                return
            page.meta = fresh_copy(page.meta)  # the plugins' events change it
            with _warnings_counted() as warnings:
                page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
                conversion = self.conversions.render(page, config, files)
                page.content = config.plugins.on_page_content(page.content, page=page, config=config, files=files)
            self.pages.remember(page, inputs, None if warnings.counts else conversion)
        except Exception as error:
            log.error(f"Error reading page '{page.file.src_uri}': {error}")
            raise
        finally:
            config._current_page = None

    def _build_page(self, page: Page, config: MkDocsConfig, doc_files: Any, nav: Navigation, env: Any,
                    site_key: str) -> None:
        """MkDocs' ``_build_page``: a page whose theme output would be the one in the folder is left alone."""
        config._current_page = page
        page.active = True
        try:
            context = get_context(nav, doc_files, config, page)
            theirs = set(context)
            context = config.plugins.on_page_context(context, page=page, config=config, nav=nav)
            # what plugins add for the theme (the page's share card …) is part of the page's output too
            added = sorted((name, value) for name, value in context.items() if name not in theirs)

            def render() -> str:
                template = env.get_template(page.meta.get("template", "main.html"))
                return config.plugins.on_post_page(template.render(context), page=page, config=config)

            self.templates.build(page, (site_key, added), render)
        except Exception as error:
            log.error(f"Error building page '{page.file.src_uri}': {error}")
            raise
        finally:
            page.active = False
            config._current_page = None

    def _add_theme_files(self, files: Files, env: Any, config: MkDocsConfig) -> None:
        """MkDocs' ``add_files_from_theme``, the theme's folders listed once (they change only with a restart)."""
        if self.theme_files is None:
            themed = Files([])
            themed.add_files_from_theme(env, config)
            self.theme_files = [(file.src_uri, file.src_dir) for file in themed]
        for src_uri, folder in self.theme_files:
            if files.get_file_from_path(src_uri) is None:  # theme files do not override docs_dir files
                files.append(File(src_uri, folder, config.site_dir, config.use_directory_urls))

    def _copy_static_files(self, files: Files) -> None:
        """MkDocs' ``copy_static_files(dirty=True)``, a plugin's generated text written only when it changed
        (MkDocs writes it on every build: feeds, open data, the editor's config), so the browser keeps its copy."""
        for file in files:
            if file.is_documentation_page() or not file.inclusion.is_included():
                continue
            text = file.content_string if file.abs_src_path is None else None
            path = file.abs_dest_path
            if text is not None and self.generated.get(path) == text:
                continue
            file.copy_file(dirty=True)
            if text is not None:
                self.generated[path] = text

    def _remove_stale(self, files: Files) -> None:
        """Files of the previous build this one no longer has (a deleted or renamed source)."""
        outputs = {file.abs_dest_path for file in files if file.inclusion.is_included()}
        for path in sorted(self.outputs - outputs):
            self.generated.pop(path, None)
            self.templates.removed(path)
            if os.path.isfile(path):
                os.remove(path)
                _remove_empty_parents(Path(path), self.site_dir)
        self.outputs = outputs


@dataclass
class _PageHooks:
    page_inputs: list  # what each plugin's page events read of a page: the PageMemo's key
    page_kept: list  # the plugins gathering from every page, handed a page the PageMemo put back


def _included(level: Any) -> bool:
    return level.is_included()


def _remove_empty_parents(path: Path, top: Path) -> None:
    folder = path.parent
    while folder != top and top in folder.parents and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent

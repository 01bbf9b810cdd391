"""The little MkDocs glue every Khooshe plugin shares (domain code never imports this)."""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from plugins.adapter.urls import SiteUrls
from plugins.model.errors import ContentErrors, raise_if_any
from plugins.model.filememo import per_input
from plugins.model.kinds import site_kinds
from plugins.model.site import Site, load_site
from plugins.views.render import GeneratedPage, Templates, fill_slots


def project_root(config: MkDocsConfig) -> Path:
    """The folder holding mkdocs.yml; record folders are named relative to it."""
    return Path(config.config_file_path).resolve().parent


_SITE_MODEL: dict[str, tuple[MkDocsConfig, Site]] = {}


def site_model(config: MkDocsConfig) -> Site:
    """The content model of this build: loaded, validated and checked once, whichever plugin asks first.

    It is ``build.py check``'s verdict (plugins/cli/check.py ``check_site``): any problem
    check reports stops the build here, with the same Persian lines, before anything is
    rendered. Kinds come from the registry plus mkdocs.yml's ``extra: {kinds: […]}``.
    """
    cached = _SITE_MODEL.get("site")
    if cached is not None and cached[0] is config:
        return cached[1]
    from plugins.cli.check import check_site

    root = project_root(config)
    docs_dir = Path(os.path.relpath(config.docs_dir, root)).as_posix()
    with content_errors_reported():
        errors: list = []
        kinds = site_kinds(root, dict(config.extra or {}), errors)
        site = load_site(root, docs_dir=docs_dir, kinds=kinds)
        checked = check_site(site)
        raise_if_any(errors + checked.errors)
    site.page_meta = checked.page_meta
    _SITE_MODEL["site"] = (config, site)  # one build at a time: the previous build's model is dropped
    return site


@contextmanager
def content_errors_reported() -> Iterator[None]:
    """Turn content errors into a PluginError: MkDocs prints the Persian lines and stops."""
    try:
        yield
    except ContentErrors as errors:
        raise PluginError(errors.report()) from None


def replace_file(files: Files, file: File) -> None:
    """Add a generated file, replacing any file already at its src_uri."""
    existing = files.get_file_from_path(file.src_uri)
    if existing is not None:
        files.remove(existing)
    files.append(file)


class GeneratedPages:
    """The pages one plugin generates in a build: added in ``on_files``, their slots filled in ``on_page_content``.

    Every generated page is a :class:`~plugins.views.render.GeneratedPage` (Markdown with slots);
    this is the one place that hands it to MkDocs and puts its HTML back after conversion.
    Filling runs after the safety plugin has sanitized editors' pages (it keeps exactly the
    slot markers); search, which runs after, indexes the whole page.
    """

    def __init__(self) -> None:
        self.slots: dict[str, dict[str, str]] = {}  # src_uri → slot name → HTML

    def add(self, files: Files, config: MkDocsConfig, src_uri: str, page: GeneratedPage,
            inclusion: InclusionLevel = InclusionLevel.UNDEFINED) -> None:
        self.slots[src_uri] = page.slots
        replace_file(files, File.generated(config, src_uri, content=page.markdown, inclusion=inclusion))

    def remember(self, src_uri: str, page: GeneratedPage) -> None:
        """A page whose source MkDocs already has (an editor's article): its slots, for after conversion."""
        self.slots[src_uri] = page.slots

    def fill(self, html: str, src_uri: str) -> str:
        slots = self.slots.get(src_uri)
        if not slots:
            return html
        return per_input("slots filled", src_uri, lambda: (html, slots), lambda: fill_slots(html, slots))


class FillsGeneratedPages:
    """What a plugin whose pages are :class:`GeneratedPages` does with them after conversion (a mixin of
    its ``BasePlugin``): fill their slots; and tell the preview what its pages are made of."""

    pages: GeneratedPages

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        return self.pages.fill(html, page.file.src_uri)

    def page_inputs(self, page: Page) -> object:
        """The preview takes a page whose inputs equal the last build's as it was (plugins/adapter/preview.py)."""
        return self.pages.slots.get(page.file.src_uri)


class PluginAssets:
    """A plugin's own CSS and JS, shipped inside its package and served under ``assets/khooshe/``.

    ``announce`` (in on_config) puts them in every page's <head>; ``add_files``
    (in on_files) makes them part of the site. With ``khooshe-assets`` on, they are
    joined into the site's one CSS and one JS file instead (``announced_assets``),
    and a ``lazy`` script becomes a file of its own that a page loads when it needs it.
    """

    def __init__(self, package_dir: Path, *names: str, lazy: tuple[str, ...] = ()):
        self.sources = {f"assets/khooshe/{name}": package_dir / "assets" / name for name in (*names, *lazy)}
        self.lazy = {f"assets/khooshe/{name}" for name in lazy}

    def announce(self, config: MkDocsConfig) -> None:
        announced = announced_assets(config)
        for uri, source in self.sources.items():
            announced[uri] = (source, uri in self.lazy)
            if uri.endswith(".css") and uri not in config.extra_css:
                config.extra_css.append(uri)
            if uri.endswith(".js") and uri not in [str(script) for script in config.extra_javascript]:
                config.extra_javascript.append(uri)

    def add_files(self, files: Files, config: MkDocsConfig) -> None:
        for uri, source in self.sources.items():
            replace_file(files, File.generated(config, uri, abs_src_path=str(source)))


_ANNOUNCED: dict[str, tuple[MkDocsConfig, dict[str, tuple[Path, bool]]]] = {}


def announced_assets(config: MkDocsConfig) -> dict[str, tuple[Path, bool]]:
    """The plugin assets announced in this build: site path → (source file, loaded lazily)."""
    cached = _ANNOUNCED.get("site")
    if cached is None or cached[0] is not config:
        cached = _ANNOUNCED["site"] = (config, {})
    return cached[1]


_SITE_VIEWS: dict[str, tuple[MkDocsConfig, Templates, SiteUrls]] = {}


def site_views(config: MkDocsConfig) -> tuple[Templates, SiteUrls]:
    """The site's one template environment and URL helper (made once per loaded config).

    Each kind's templates are its ``templates/`` folder (the kinds registry says where),
    named ``<kind>/<file>``; the site overrides them from ``<custom_dir>/khooshe/``
    (``overrides/khooshe/clusters/profile.html``).
    """
    cached = _SITE_VIEWS.get("site")
    if cached is None or cached[0] is not config:
        kind_dirs = {kind.name: kind.templates for kind in site_model(config).kinds
                     if kind.templates is not None and kind.templates.is_dir()}
        custom_dir = config.theme.custom_dir
        templates = Templates(kind_dirs, Path(custom_dir) if custom_dir else None)
        cached = _SITE_VIEWS["site"] = (config, templates, SiteUrls(config.use_directory_urls, config.site_url or "/"))
    return cached[1], cached[2]


def forget_build() -> None:
    """Let go of the last build's config, content model and views (``build.py serve``, between builds):
    what they hold is garbage once the next build loads its own, and the preview collects it at once."""
    for cache in (_SITE_MODEL, _ANNOUNCED, _SITE_VIEWS):
        cache.clear()

"""The little MkDocs glue every Khooshe plugin shares (domain code never imports this)."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from plugins.adapter.urls import SiteUrls
from plugins.model.errors import ContentErrors
from plugins.views.render import Templates


def project_root(config: MkDocsConfig) -> Path:
    """The folder holding mkdocs.yml; record folders are named relative to it."""
    return Path(config.config_file_path).resolve().parent


def sibling(config: MkDocsConfig, name: str) -> BasePlugin | None:
    """Another Khooshe plugin of this site by its mkdocs.yml name, or None when not enabled.

    Plugins load their records in ``on_config``, so from ``on_files`` on every
    sibling's model is complete.
    """
    return config.plugins.get(name)


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


class PluginAssets:
    """A plugin's own CSS and JS, shipped inside its package and served under ``assets/khooshe/``.

    ``announce`` (in on_config) puts them in every page's <head>; ``add_files``
    (in on_files) makes them part of the site.
    """

    def __init__(self, package_dir: Path, *names: str):
        self.sources = {f"assets/khooshe/{name}": package_dir / "assets" / name for name in names}

    def announce(self, config: MkDocsConfig) -> None:
        for uri in self.sources:
            if uri.endswith(".css") and uri not in config.extra_css:
                config.extra_css.append(uri)
            if uri.endswith(".js") and uri not in [str(script) for script in config.extra_javascript]:
                config.extra_javascript.append(uri)

    def add_files(self, files: Files, config: MkDocsConfig) -> None:
        for uri, source in self.sources.items():
            replace_file(files, File.generated(config, uri, abs_src_path=str(source)))


KINDS_DIR = Path(__file__).resolve().parents[1] / "kinds"
_SITE_VIEWS: dict[int, tuple[MkDocsConfig, Templates, SiteUrls]] = {}


def site_views(config: MkDocsConfig) -> tuple[Templates, SiteUrls]:
    """The site's one template environment and URL helper (made once per loaded config).

    Kinds' templates are ``plugins/kinds/<kind>/templates/``; the site overrides them
    from ``<custom_dir>/khooshe/`` (``overrides/khooshe/clusters/profile.html``).
    """
    cached = _SITE_VIEWS.get(id(config))
    if cached is None or cached[0] is not config:
        kind_dirs = {path.parent.name: path for path in sorted(KINDS_DIR.glob("*/templates")) if path.is_dir()}
        custom_dir = config.theme.custom_dir
        templates = Templates(kind_dirs, Path(custom_dir) if custom_dir else None)
        cached = _SITE_VIEWS[id(config)] = (config, templates, SiteUrls(config.use_directory_urls))
    return cached[1], cached[2]

"""The little MkDocs glue every Khooshe plugin shares (domain code never imports this)."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

from .core.errors import ContentErrors


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

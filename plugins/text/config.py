"""Options of the ``khooshe-text`` plugin (mkdocs.yml → plugins → khooshe-text)."""

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class TextConfig(Config):
    enabled = c.Type(bool, default=True)
    # Normalize the prose of editors' pages (content/**/*.md) for display.
    normalize_pages = c.Type(bool, default=True)
    # Where normalized text is cached between builds, relative to the folder of mkdocs.yml.
    cache_dir = c.Type(str, default=".cache/khooshe")

"""Options of the ``khooshe-safety`` plugin (mkdocs.yml → plugins → khooshe-safety)."""

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class SafetyConfig(Config):
    enabled = c.Type(bool, default=True)
    # Editors' pages: strict front matter, HTML allow-list (see plugins/safety/README.md).
    check_pages = c.Type(bool, default=True)
    sanitize = c.Type(bool, default=True)
    # sitemap.xml without the build date unless KHOOSHE_BUILD_STAMP / SOURCE_DATE_EPOCH is set.
    reproducible = c.Type(bool, default=True)

"""Options of the khooshe-clusters plugin (mkdocs.yml: ``plugins: - khooshe-clusters``)."""

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class ClustersConfig(Config):
    enabled = c.Type(bool, default=True)
    # Folder of the YAML records, relative to the folder of mkdocs.yml.
    folder = c.Type(str, default="clusters")

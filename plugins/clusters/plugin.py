from mkdocs.plugins import BasePlugin

from .config import ClustersConfig


class ClustersPlugin(BasePlugin[ClustersConfig]):
    pass

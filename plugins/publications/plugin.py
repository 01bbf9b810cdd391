from mkdocs.plugins import BasePlugin

from .config import PublicationsConfig


class PublicationsPlugin(BasePlugin[PublicationsConfig]):
    pass

from mkdocs.plugins import BasePlugin

from .config import NewsConfig


class NewsPlugin(BasePlugin[NewsConfig]):
    pass

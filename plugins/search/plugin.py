from mkdocs.plugins import BasePlugin

from .config import SearchConfig


class SearchPlugin(BasePlugin[SearchConfig]):
    pass

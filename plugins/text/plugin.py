from mkdocs.plugins import BasePlugin

from .config import TextConfig


class TextPlugin(BasePlugin[TextConfig]):
    pass

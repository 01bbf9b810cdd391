from mkdocs.plugins import BasePlugin

from .config import SafetyConfig


class SafetyPlugin(BasePlugin[SafetyConfig]):
    pass

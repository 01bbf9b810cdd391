"""The ``khooshe-assets`` MkDocs plugin: what a first visit downloads. Listed last in mkdocs.yml.

* on_config (after every other plugin has announced its CSS and JS): the site's own
  stylesheets (``extra_css`` files in docs_dir) and every plugin's CSS and JS become one
  minified CSS and one minified JS file named by a content hash
  (plugins/views/bundle.py); a plugin's lazy script (search) becomes a file of its own,
  its address given to the templates through ``lazy``.
* on_files: those files replace the separate ones in the site.
* on_page_content / on_post_page / on_post_template: collect the characters pages show.
* on_post_build: the web fonts of ``fonts`` are cut down to those characters
  (plugins/views/fonts.py), in place, under their own names; main.html preloads them.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from plugins.adapter.base import announced_assets, replace_file
from plugins.model.filememo import per_input
from plugins.views import bundle, fonts


class AssetsConfig(Config):
    enabled = c.Type(bool, default=True)
    # web fonts (paths in docs_dir) subset to the characters the site shows, and preloaded
    # by every page (main.html): name only the faces a first view sets text in
    fonts = c.ListOfItems(c.Type(str), default=[])


class AssetsPlugin(BasePlugin[AssetsConfig]):
    def __init__(self) -> None:
        self.files: dict[str, str] = {}  # site path → text of the bundles
        self.replaced: set[str] = set()  # site paths of the separate files they replace
        self.lazy: dict[str, str] = {}  # source name (search.js) → site path of its minified file
        self.characters: set[str] = set()
        self.chrome_seen = False

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.files, self.replaced, self.lazy = {}, set(), {}
        self.characters, self.chrome_seen = set(), False
        if not self.config.enabled:
            return config
        sources = self._sources(config)
        styles = [source for source in sources if source.uri.endswith(".css")]
        scripts = [source for source in sources if source.uri.endswith(".js")]
        lazy = {uri for uri, (_, is_lazy) in announced_assets(config).items() if is_lazy}
        if styles:
            config.extra_css = self._swap(config.extra_css, styles, *bundle.css_bundle(styles))
        eager = [source for source in scripts if source.uri not in lazy]
        if eager:
            config.extra_javascript = self._swap(config.extra_javascript, scripts, *bundle.js_bundle(eager))
        for source in scripts:
            if source.uri in lazy:
                stem = Path(source.uri).stem
                uri, text = bundle.js_bundle([source], stem=stem)
                self.files[uri] = text
                self.lazy[Path(source.uri).name] = uri
        return config

    def _sources(self, config: MkDocsConfig) -> list[bundle.Source]:
        """Khooshe's own assets in the configuration's order: plugin files and docs_dir files."""
        announced = announced_assets(config)
        docs = Path(config.docs_dir)
        found = []
        for uri in [*config.extra_css, *map(str, config.extra_javascript)]:
            path = announced[uri][0] if uri in announced else docs / uri
            if "://" not in uri and not uri.startswith("/") and path.is_file():
                found.append(bundle.Source(uri, path))
        return found

    def _swap(self, entries: list, sources: list[bundle.Source], uri: str, text: str) -> list:
        """``entries`` with the bundle in place of the first of ``sources`` and without the others."""
        self.files[uri] = text
        replaced = {source.uri for source in sources}
        self.replaced |= replaced
        kept = []
        for entry in entries:
            if str(entry) not in replaced:
                kept.append(entry)
            elif uri not in kept:
                kept.append(uri)
        return kept

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        for uri in sorted(self.replaced):
            existing = files.get_file_from_path(uri)
            if existing is not None:
                files.remove(existing)
        for uri, text in sorted(self.files.items()):
            replace_file(files, File.generated(config, uri, content=text))
        return files

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self.config.fonts:
            title = page.title or ""
            # kept as a string: 10,000 pages' sets of a hundred characters each would weigh 80 MB
            self.characters.update(per_input("characters", page.file.src_uri, lambda: (html, title),
                                             lambda: "".join(fonts.characters_of(html) | fonts.characters_of(title))))
        return html

    def page_kept(self, page: Page) -> None:
        """A page the preview took as the last build left it (plugins/adapter/preview.py): its characters count too."""
        self.on_page_content(page.content or "", page=page, config=None, files=None)  # type: ignore[arg-type]

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        # Header, navigation and footer are the same on every page but for titles (counted
        # above): one whole page brings their characters in.
        if self.config.fonts and not self.chrome_seen:
            self.characters |= fonts.characters_of(output)
            self.chrome_seen = True
        return output

    def on_post_template(self, output: str, *, template_name: str, config: MkDocsConfig) -> str:
        if self.config.fonts:
            self.characters |= fonts.characters_of(output)  # 404.html
        return output

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not (self.config.enabled and self.config.fonts):
            return
        shown = set(self.characters)
        for text in self.files.values():  # the scripts' messages (search's «نتیجه‌ای…»)
            shown |= fonts.characters_of(text)
        from plugins.model import text as text_pipeline

        cache_dir = text_pipeline.cache_info()["directory"]
        cache = Path(cache_dir) / "fonts" if cache_dir else None
        for font in self.config.fonts:
            source = Path(config.docs_dir) / font
            target = Path(config.site_dir) / font
            subset = fonts.cached_subset(source.read_bytes(), shown, cache)
            if not (target.is_file() and target.read_bytes() == subset):  # the preview's browser keeps its copy
                target.write_bytes(subset)

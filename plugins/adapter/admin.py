"""The ``khooshe-admin`` MkDocs plugin: the web editor at /admin/ (plugins/views/admin/README.md).

Events only: the page, config.yml (generated from the schemas) and the Sveltia CMS bundle are
added to the site's files. Without Node.js and without a cached bundle the site is built
without /admin/, and one Persian line says so.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from plugins.adapter.base import replace_file, site_model
from plugins.model.filememo import per_input
from plugins.views.admin.bundle import BundleUnavailable, admin_bundle
from plugins.views.admin.config import PLACEHOLDER_REPO, site_cms_config
from plugins.views.admin.page import FOLDER, FONTS, admin_index, bundle_files, config_yml


class AdminConfig(Config):
    # the GitHub repository the editor commits to (owner/name); in GitHub Actions, the one being built
    repo = c.Type(str, default=os.environ.get("GITHUB_REPOSITORY", ""))
    branch = c.Type(str, default="main")
    # the OAuth go-between for «ورود با GitHub» (plugins/views/admin/README.md); empty: sign-in with a token
    auth_url = c.Type(str, default="")


class AdminPlugin(BasePlugin[AdminConfig]):
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        try:
            bundle = admin_bundle()
        except BundleUnavailable as reason:
            print(f"ویرایشگر وب (/{FOLDER}/) ساخته نشد، چون {reason}؛ بقیه سایت کامل ساخته می‌شود.", file=sys.stderr)
            return files
        site = site_model(config)
        cms = site_cms_config(site, self.config.repo or PLACEHOLDER_REPO, self.config.branch, config.site_url or "")
        if self.config.auth_url:
            cms["backend"]["base_url"] = self.config.auth_url
        fonts = self._full_fonts(files, config)
        overrides = config.theme.custom_dir
        pages = {f"{FOLDER}/index.html": admin_index(bundle, fonts, overrides and Path(overrides)),
                 f"{FOLDER}/config.yml": per_input("admin config", FOLDER, lambda: cms, lambda: config_yml(cms))}
        for uri, content in pages.items():
            replace_file(files, File.generated(config, uri, content=content))
        for uri, source in bundle_files(bundle).items():
            replace_file(files, File.generated(config, uri, abs_src_path=str(source)))
        return files

    @staticmethod
    def _full_fonts(files: Files, config: MkDocsConfig) -> list[tuple[str, int]]:
        """The editor's own copy of the site's fonts, whole: the site's are cut to the characters
        its pages show (khooshe-assets), and the editor's Persian interface shows others."""
        fonts = []
        for path, weight in FONTS.items():
            if (source := files.get_file_from_path(path)) is not None and source.abs_src_path:
                copy = File.generated(config, f"{FOLDER}/fonts/{Path(path).name}", abs_src_path=source.abs_src_path)
                replace_file(files, copy)
                fonts.append((copy.url, weight))
        return fonts

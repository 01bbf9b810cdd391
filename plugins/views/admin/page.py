"""The files of /admin/: the page (Jinja2 template), config.yml (data) and the bundle's scripts."""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

import yaml

from plugins.views.admin.bundle import Bundle
from plugins.views.render import Templates

TEMPLATES = Path(__file__).resolve().parent / "templates"
FOLDER = "admin"
# The site's own Vazirmatn (content/assets/fonts, as khooshe.css names it): file → weight.
FONTS = {"assets/fonts/Vazirmatn-Regular.woff2": 400, "assets/fonts/Vazirmatn-Bold.woff2": 700}
TITLE = "ویرایشگر خوشه"
# What the editor may load and ask: this site, and GitHub's API (the commits) and avatars.
CONTENT_SECURITY_POLICY = "; ".join((
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: https://avatars.githubusercontent.com",
    "font-src 'self' data:",
    "connect-src 'self' blob: data: https://api.github.com",
    "worker-src 'self' blob:",
    "frame-src 'self' blob:",
    "media-src 'self' blob:",
))


def admin_index(bundle: Bundle, font_urls: Iterable[tuple[str, int]], overrides: Path | None = None) -> str:
    """admin/index.html; ``font_urls``: (URL relative to the site root, weight) of each font the site has."""
    fonts = [{"url": f"../{url}", "weight": weight} for url, weight in font_urls]
    templates = Templates({FOLDER: TEMPLATES}, overrides)
    return templates.render(f"{FOLDER}/index.html", title=TITLE, script=bundle.script, fonts=fonts,
                            content_security_policy=CONTENT_SECURITY_POLICY)


def config_yml(config: dict) -> str:
    header = "# Generated from the content model's schemas by plugins/views/admin/config.py: do not edit.\n"
    return header + yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=120)


def bundle_files(bundle: Bundle) -> dict[str, Path]:
    """Site path → file of every script, style, font and wasm file of the bundle."""
    return {f"{FOLDER}/{name}": bundle.folder / name for name in bundle.files()}

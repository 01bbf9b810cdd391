"""One minified CSS file and one JS file of all Khooshe's own assets, named by their content.

A first visit on a phone pays for every request: the site's own stylesheet and each
plugin's CSS and JS are joined, in the order the configuration lists them, into one
file each and minified (``rcssmin`` and ``rjsmin``, the minifiers of the webassets
family). The name carries a hash of the content (``khooshe.1a2b3c4d.min.css``), so a
browser may keep a file for as long as it likes and a changed file is a new name.
The same sources give the same bytes.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

import rcssmin
import rjsmin

BUNDLE_DIR = "assets/khooshe"
# url(...) in CSS with a path relative to the stylesheet: data:, absolute and fragment URLs stay
_RELATIVE_URL = re.compile(r"""url\(\s*(['"]?)(?![a-z][a-z0-9+.-]*:|/|#)([^'")\s]+)\1\s*\)""", re.IGNORECASE)


@dataclass(frozen=True)
class Source:
    """One asset: the path it has in the site and the file it comes from."""

    uri: str
    path: Path


def css_bundle(sources: list[Source], stem: str = "khooshe") -> tuple[str, str]:
    """(site path, text) of the minified stylesheet of all ``sources``, in their order."""
    parts = [_rebased(source.path.read_text(encoding="utf-8"), source.uri) for source in sources]
    return hashed(stem, ".min.css", rcssmin.cssmin("\n".join(parts)))


def js_bundle(sources: list[Source], stem: str = "khooshe") -> tuple[str, str]:
    """(site path, text) of the minified script of all ``sources``, in their order.

    Each file is minified on its own and they are joined by ``;`` so that a file not
    ending in one cannot run into the next.
    """
    parts = [rjsmin.jsmin(source.path.read_text(encoding="utf-8")).rstrip(";") for source in sources]
    return hashed(stem, ".min.js", ";\n".join(parts) + ";\n")


def hashed(stem: str, suffix: str, text: str) -> tuple[str, str]:
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]
    return f"{BUNDLE_DIR}/{stem}.{digest}{suffix}", text


def _rebased(css: str, uri: str) -> str:
    """The stylesheet's relative url()s rewritten for its new place, the bundle folder."""
    here = posixpath.dirname(uri)

    def rebase(match: re.Match) -> str:
        target = posixpath.normpath(posixpath.join(here, match.group(2)))
        return f'url("{posixpath.relpath(target, BUNDLE_DIR)}")'

    return _RELATIVE_URL.sub(rebase, css)

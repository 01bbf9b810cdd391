"""The admin's JavaScript bundle: built with Node where it is present, cached, or absent.

``npm ci`` installs the exact versions of package-lock.json, then Vite bundles Sveltia CMS
with main.js (vite.config.js). The result is kept in ``.cache/khooshe/admin/<key>/``, keyed by
the hash of the files that decide it (package-lock.json, main.js, vite.config.js), so a
rebuild of the site never reruns npm or Vite. Without Node (a machine with only Python 3.11)
there is no bundle and the site is built without /admin/ (the adapter says so in one line).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

SOURCE = Path(__file__).resolve().parent
INPUTS = ("package-lock.json", "main.js", "persian.js", "vite.config.js")
CACHE = SOURCE.parents[2] / ".cache" / "khooshe" / "admin"
MANIFEST = ".vite/manifest.json"
ENTRY = "main.js"


@dataclass(frozen=True)
class Bundle:
    folder: Path  # holds assets/… and .vite/manifest.json
    script: str  # the entry script, relative to folder: "assets/main-….js"

    def files(self) -> list[str]:
        """Every file the page may load, relative to folder (the manifest is not served)."""
        return sorted(path.relative_to(self.folder).as_posix() for path in (self.folder / "assets").rglob("*")
                      if path.is_file())


class BundleUnavailable(Exception):
    """Why there is no bundle, in Persian (no Node, or npm/Vite failed)."""


def bundle_key() -> str:
    digest = hashlib.sha256()
    for name in INPUTS:
        digest.update(name.encode() + b"\0" + (SOURCE / name).read_bytes())
    return digest.hexdigest()[:16]


def admin_bundle(cache: Path | None = None) -> Bundle:
    """The cached bundle, building it first when the inputs changed; raises BundleUnavailable."""
    folder = (cache or CACHE) / bundle_key()
    if not (folder / MANIFEST).is_file():
        build_bundle(folder)
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    return Bundle(folder, manifest[ENTRY]["file"])


def build_bundle(folder: Path) -> None:
    npm = shutil.which("npm")
    if npm is None or shutil.which("node") is None:
        raise BundleUnavailable("Node.js (node و npm) نصب نیست")
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".new-", dir=folder.parent))
    try:
        run([npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"], "npm ci")
        run([npm, "run", "--silent", "build"], "vite build", KHOOSHE_ADMIN_OUT=str(staging))
        try:
            staging.rename(folder)
        except OSError:  # another build put the same bundle in place meanwhile
            if not (folder / MANIFEST).is_file():
                raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def run(command: list[str], name: str, **env: str) -> None:
    result = subprocess.run(command, cwd=SOURCE, env={**os.environ, **env}, capture_output=True, text=True)
    if result.returncode != 0:
        last = (result.stderr or result.stdout).strip().splitlines()[-1:] or [""]
        raise BundleUnavailable(f"{name} ناموفق بود: {last[0]}")

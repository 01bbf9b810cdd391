"""Building and previewing the site the way editors need it.

* Strict: any MkDocs warning fails the build.
* Atomic: MkDocs writes into a fresh temporary folder beside the target; only a
  build that succeeded is swapped into place, so a failed build leaves the
  previous ``site/`` byte-for-byte as it was.
* Quiet for editors: content problems are printed as the Persian lines the
  plugins produce, never as a Python traceback (``KHOOSHE_DEBUG=1`` shows one).
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
import traceback
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")


class _EditorLogHandler(logging.Handler):
    """Prints MkDocs warnings and errors as plain lines on stderr, the common ones in Persian."""

    LABELS = {logging.WARNING: "هشدار", logging.ERROR: "خطا", logging.CRITICAL: "خطا"}

    def __init__(self, docs_dir: Path | None = None, root: Path | None = None):
        super().__init__()
        self.docs_dir = docs_dir
        self.root = root
        self.source_prefixes = tuple(f"{folder}/" for folder in source_folders(root)) if root else ()

    def emit(self, record: logging.LogRecord) -> None:
        text = self.text(record)
        if text is not None:
            print(text, file=sys.stderr)

    def text(self, record: logging.LogRecord) -> str | None:
        """What an editor reads of a warning or error (None for other records)."""
        label = self.LABELS.get(record.levelno)
        if label is None:
            return None
        message = record.getMessage()
        # Content errors arrive already formatted, one problem per line.
        if "\n" in message or message.startswith(self.source_prefixes):
            return message
        return self.translate(message) or f"{label}: {message}"

    def source(self, src_uri: str) -> str:
        """``content/about/x.md`` for an editor's page, ``clusters/x.md (صفحه ساخته‌شده)`` otherwise."""
        if self.docs_dir is not None and (self.docs_dir / src_uri).is_file():
            if self.root is not None:
                try:
                    return (self.docs_dir / src_uri).resolve().relative_to(self.root.resolve()).as_posix()
                except ValueError:
                    pass
            return src_uri
        return f"{src_uri} (صفحه ساخته‌شده)"

    def translate(self, message: str) -> str | None:
        """The Persian line for MkDocs' link and nav warnings, or None for any other message."""
        match = _LINK_NOT_FOUND.match(message)
        if match:
            hint = f"شاید «{match['hint']}»" if match["hint"] else EXPECTED_LINK
            return (f"{self.source(match['src'])}: پیوند: صفحه یا پرونده «{match['url']}» پیدا نشد "
                    f"(مورد انتظار: {hint})")
        match = _ANCHOR_NOT_FOUND.match(message)
        if match:
            return (f"{self.source(match['src'])}: پیوند: بخش «#{match['anchor']}» در صفحه مقصد پیوند «{match['url']}» نیست "
                    "(مورد انتظار: نشانی بخشی که در آن صفحه هست)")
        match = _NAV_NOT_FOUND.match(message)
        if match:
            return (f"mkdocs.yml: nav: صفحه «{match['url']}» پیدا نشد "
                    "(مورد انتظار: نشانی پرونده .md نسبت به پوشه content/، مثل method/index.md)")
        return None


EXPECTED_LINK = "پیوند نسبی به پرونده .md صفحه، مثل ../programme/index.md"
_LINK_NOT_FOUND = re.compile(
    r"^Doc file '(?P<src>[^']+)' contains a link '(?P<url>[^']+)', but the target(?: '[^']+')? is not found "
    r"among documentation files\.(?: Did you mean '(?P<hint>[^']*)'\?)?"
)
_ANCHOR_NOT_FOUND = re.compile(
    r"^Doc file '(?P<src>[^']+)' contains a link '(?P<url>[^']+)', but (?:the doc '[^']+' does not contain an "
    r"anchor|there is no such anchor on this page)(?: '#(?P<anchor>[^']+)')?"
)
_NAV_NOT_FOUND = re.compile(r"^A reference to '(?P<url>[^']+)' is included in the 'nav' configuration, which is not found")


def _quiet_mkdocs_logging(docs_dir: Path | None = None, root: Path | None = None,
                          handler: logging.Handler | None = None) -> logging.Handler:
    logger = logging.getLogger("mkdocs")
    for old in list(logger.handlers):
        logger.removeHandler(old)
    handler = handler or _EditorLogHandler(docs_dir, root)
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    return handler


def source_folders(project: Path) -> list[str]:
    """The project's source folders: docs_dir and every record kind's folder (the kinds registry)."""
    from plugins.cli.check import docs_dir_of
    from plugins.model.errors import ContentErrors
    from plugins.model.kinds import builtin_kinds, site_kinds

    docs_dir = docs_dir_of(project)
    try:
        kinds = site_kinds(project)
    except ContentErrors:
        kinds = builtin_kinds()  # a broken kind declaration is reported by the build itself
    folders = [docs_dir] + [kind.relfolder(docs_dir).split("/")[0] for kind in kinds]
    return list(dict.fromkeys(folders))


def _config_problems(config_file: Path) -> list[str]:
    """mkdocs.yml's problems as check reports them (Persian, file:line), before MkDocs reads it."""
    from plugins.cli.check import mkdocs_yml_problems

    return [str(error) for error in sorted(set(mkdocs_yml_problems(config_file.resolve().parent)))]


def load_config(config_file: Path, **overrides):
    from mkdocs.config import load_config as mkdocs_load_config

    return mkdocs_load_config(config_file=str(config_file), strict=True, **overrides)


def build_site(config_file: Path, site_dir: Path) -> int:
    """Build into a temporary folder and swap it in only on success."""
    from mkdocs.commands.build import build
    from mkdocs.exceptions import Abort, ConfigurationError

    handler = _quiet_mkdocs_logging(root=config_file.resolve().parent)
    problems = _config_problems(config_file)
    if problems:
        print("\n".join(problems), file=sys.stderr)
        print("ساخت سایت متوقف شد؛ نسخه قبلی site/ دست‌نخورده ماند.", file=sys.stderr)
        return 1
    site_dir = site_dir.resolve()
    refusal = _unsafe_site_dir(config_file.resolve().parent, site_dir)
    if refusal:
        print(refusal, file=sys.stderr)
        return 1
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-new-", dir=site_dir.parent))
    try:
        # mkdtemp makes a private (0700) folder; a published site must be readable by the web server.
        umask = os.umask(0)
        os.umask(umask)
        staging.chmod(0o777 & ~umask)
        try:
            config = load_config(config_file, site_dir=str(staging))
            handler.docs_dir = Path(config.docs_dir)
            build(config)
        except (Abort, ConfigurationError) as exc:
            if isinstance(exc, ConfigurationError):
                print(f"خطای پیکربندی در {config_file.name}: {exc}", file=sys.stderr)
            print("ساخت سایت متوقف شد؛ نسخه قبلی site/ دست‌نخورده ماند.", file=sys.stderr)
            return 1
        except Exception:  # a bug in Khooshe, not in the content
            if os.environ.get("KHOOSHE_DEBUG"):
                traceback.print_exc()
            print(
                "خطای داخلی در ساخت سایت رخ داد (اشکال از محتوا نیست). "
                "آن را به تیم فنی گزارش دهید؛ KHOOSHE_DEBUG=1 جزئیات را نشان می‌دهد. "
                "نسخه قبلی site/ دست‌نخورده ماند.",
                file=sys.stderr,
            )
            return 1
        _swap_into_place(staging, site_dir)
    finally:
        # Whatever happened (even Ctrl+C), no half-built folder is left behind.
        shutil.rmtree(staging, ignore_errors=True)
    print(f"سایت ساخته شد: {site_dir}/index.html — برای دیدن: python3 build.py serve")
    return 0


def _unsafe_site_dir(project: Path, site_dir: Path) -> str:
    """Why the output folder must not be replaced (it holds sources), or "" when it is safe."""
    if site_dir == project or site_dir in project.parents:
        return f"پوشه خروجی {site_dir} پوشه پروژه یا بالاتر از آن است؛ یک پوشه جدا بدهید، مثل site"
    for source in (*source_folders(project), "plugins", "overrides", ".git"):
        folder = project / source
        if site_dir == folder or folder in site_dir.parents or site_dir in folder.parents:
            return f"پوشه خروجی {site_dir} پوشه منبع {source}/ است یا آن را در بر دارد؛ یک پوشه جدا بدهید، مثل site"
    if site_dir.exists() and not site_dir.is_dir():
        return f"{site_dir} پرونده است، نه پوشه؛ پوشه خروجی دیگری بدهید"
    if site_dir.is_dir() and any(site_dir.iterdir()) and not (
        (site_dir / "index.html").exists() or (site_dir / "404.html").exists() or (site_dir / "sitemap.xml").exists()
    ):
        return (f"پوشه {site_dir} سایت ساخته‌شده نیست و پرونده‌های دیگری دارد؛ "
                "ساخت آن را جایگزین نمی‌کند (پوشه خالی یا خروجی ساخت قبلی بدهید)")
    return ""


_RENAME_EXCHANGE = 2  # Linux renameat2(2) flag: swap two paths atomically


def _exchange(first: Path, second: Path) -> bool:
    """Swap two existing folders in one step (Linux); False when the system cannot."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd = -100
    result = renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), _RENAME_EXCHANGE)
    return result == 0


def _swap_into_place(staging: Path, site_dir: Path) -> None:
    """Put the new site where the old one was; readers never see a missing or half site."""
    if site_dir.is_dir() and _exchange(staging, site_dir):
        shutil.rmtree(staging, ignore_errors=True)  # now holds the previous site
        return
    previous = site_dir.with_name(f".site-old-{os.getpid()}")
    if site_dir.exists():
        site_dir.rename(previous)
    staging.rename(site_dir)
    shutil.rmtree(previous, ignore_errors=True)


def serve_site(config_file: Path, port: int) -> int:
    from plugins.cli.serve import serve

    return serve(config_file, port)


def ensure_chromium() -> bool:
    """Browser tests need Debian's Chromium; install it when this user can."""
    if CHROMIUM.exists():
        return True
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print("نصب Chromium برای آزمون‌های مرورگر (apt-get)…", file=sys.stderr)
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], check=False, env=env)
        subprocess.run(["apt-get", "install", "-y", "-qq", "chromium"], check=False, env=env)
    if CHROMIUM.exists():
        return True
    print(
        "Chromium در /usr/bin/chromium پیدا نشد و نصب هم نشد. آن را نصب کنید: sudo apt-get install chromium",
        file=sys.stderr,
    )
    return False

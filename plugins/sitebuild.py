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
import shutil
import subprocess
import sys
import tempfile
import traceback
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")


class _EditorLogHandler(logging.Handler):
    """Prints MkDocs warnings and errors as plain lines on stderr."""

    LABELS = {logging.WARNING: "هشدار", logging.ERROR: "خطا", logging.CRITICAL: "خطا"}

    def emit(self, record: logging.LogRecord) -> None:
        label = self.LABELS.get(record.levelno)
        if label is None:
            return
        message = record.getMessage()
        # Content errors arrive already formatted, one problem per line.
        if "\n" in message or message.startswith(("clusters/", "content/", "publications/")):
            print(message, file=sys.stderr)
        else:
            print(f"{label}: {message}", file=sys.stderr)


def _quiet_mkdocs_logging() -> logging.Handler:
    logger = logging.getLogger("mkdocs")
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
    handler = _EditorLogHandler()
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    return handler


def load_config(config_file: Path, **overrides):
    from mkdocs.config import load_config as mkdocs_load_config

    return mkdocs_load_config(config_file=str(config_file), strict=True, **overrides)


def build_site(config_file: Path, site_dir: Path) -> int:
    """Build into a temporary folder and swap it in only on success."""
    from mkdocs.commands.build import build
    from mkdocs.exceptions import Abort, ConfigurationError

    _quiet_mkdocs_logging()
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-new-", dir=site_dir.parent))
    try:
        config = load_config(config_file, site_dir=str(staging))
        build(config)
    except (Abort, ConfigurationError) as exc:
        shutil.rmtree(staging, ignore_errors=True)
        if isinstance(exc, ConfigurationError):
            print(f"خطای پیکربندی در {config_file.name}: {exc}", file=sys.stderr)
        print("ساخت سایت متوقف شد؛ نسخه قبلی site/ دست‌نخورده ماند.", file=sys.stderr)
        return 1
    except Exception:  # a bug in Khooshe, not in the content
        shutil.rmtree(staging, ignore_errors=True)
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
    print(f"سایت ساخته شد: {site_dir}/index.html — برای دیدن: python3 build.py serve")
    return 0


def _swap_into_place(staging: Path, site_dir: Path) -> None:
    previous = site_dir.with_name(f".site-old-{os.getpid()}")
    if site_dir.exists():
        site_dir.rename(previous)
    staging.rename(site_dir)
    shutil.rmtree(previous, ignore_errors=True)


def serve_site(config_file: Path, port: int) -> int:
    from mkdocs.commands.serve import serve

    _quiet_mkdocs_logging()
    logging.getLogger("mkdocs").setLevel(logging.INFO)
    print(f"پیش‌نمایش در http://127.0.0.1:{port}/ — برای پایان Ctrl+C", file=sys.stderr)
    try:
        serve(config_file=str(config_file), dev_addr=f"127.0.0.1:{port}", livereload=True, strict=True)
    except KeyboardInterrupt:
        pass
    return 0


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

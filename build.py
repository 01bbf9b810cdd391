#!/usr/bin/env python3
"""خوشه — ساخت، پیش‌نمایش، بررسی و آزمون سایت خوشه‌های صنعتی و کسب‌وکار ایران.

One entry point for editors, developers and CI. On first use it creates `.venv/`
beside this file and installs the pinned packages of `requirements.lock` into it,
then re-runs itself inside that environment, so a fresh machine with only
Python 3.11 needs no other set-up step.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
VENV_PYTHON = VENV / "bin" / "python"
INSTALL_STAMP = VENV / ".khooshe-installed"


# --------------------------------------------------------------------------- set-up

def _requirements_digest() -> str:
    digest = hashlib.sha256()
    for name in ("requirements.lock", "pyproject.toml"):
        digest.update((ROOT / name).read_bytes())
    return digest.hexdigest()


def ensure_environment() -> None:
    """Create/refresh .venv from requirements.lock and re-run this script inside it."""
    if Path(sys.prefix).resolve() == VENV.resolve() or os.environ.get("KHOOSHE_NO_VENV"):
        return
    wanted = _requirements_digest()
    installed = INSTALL_STAMP.read_text() if INSTALL_STAMP.exists() else ""
    if installed != wanted:
        print("نصب بسته‌های لازم در .venv (فقط بار اول یا پس از تغییر requirements.lock)…", file=sys.stderr)
        if not VENV_PYTHON.exists():
            subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        pip = [str(VENV_PYTHON), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
        for step in (["-r", str(ROOT / "requirements.lock")], ["--no-deps", "-e", str(ROOT)]):
            if subprocess.run([*pip, *step]).returncode != 0:
                sys.exit("نصب بسته‌ها ناموفق بود؛ پیام pip در بالا آمده است. اتصال به PyPI را بررسی کنید و دوباره اجرا کنید.")
        INSTALL_STAMP.write_text(wanted)
    os.execv(str(VENV_PYTHON), [str(VENV_PYTHON), str(Path(__file__).resolve()), *sys.argv[1:]])


# --------------------------------------------------------------------------- commands

def command_build(args: argparse.Namespace) -> int:
    from plugins.cli.sitebuild import build_site

    return build_site(ROOT / args.config, ROOT / args.site_dir)


def command_serve(args: argparse.Namespace) -> int:
    from plugins.cli.sitebuild import serve_site

    return serve_site(ROOT / args.config, args.port)


def command_check(args: argparse.Namespace) -> int:
    from plugins.cli.check import run_check

    return run_check(ROOT, args.format)


def command_lint(args: argparse.Namespace) -> int:
    from plugins.cli.lint import run_lint

    return run_lint(ROOT, fix=args.fix, paths=args.paths)


def command_new(args: argparse.Namespace) -> int:
    from plugins.cli.scaffold import run_new

    return run_new(ROOT, args.kind, args.id, args.title)


def command_test(args: argparse.Namespace) -> int:
    from plugins.cli.sitebuild import ensure_chromium

    if not ensure_chromium():
        return 1
    return subprocess.call([sys.executable, "-m", "pytest", *args.pytest_args], cwd=ROOT)


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python3 build.py",
        description="خوشه: ساخت و بررسی سایت خوشه‌های صنعتی و کسب‌وکار ایران.",
    )
    parser.add_argument("--config", default="mkdocs.yml", help="پرونده پیکربندی (پیش‌فرض: mkdocs.yml)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="دستور")

    build = commands.add_parser("build", help="ساخت کامل سایت در پوشه site/ (سایت قبلی تا پایان موفق ساخت دست نمی‌خورد)")
    build.add_argument("--site-dir", default="site", help="پوشه خروجی (پیش‌فرض: site)")
    build.set_defaults(handler=command_build)

    serve = commands.add_parser("serve", help="پیش‌نمایش زنده در مرورگر؛ با هر ذخیره دوباره ساخته می‌شود")
    serve.add_argument("--port", type=int, default=8000, help="درگاه (پیش‌فرض: 8000)")
    serve.set_defaults(handler=command_serve)

    check = commands.add_parser("check", help="بررسی همه محتوا بدون ساخت سایت؛ همه مشکل‌ها را یکجا فهرست می‌کند")
    check.add_argument("--format", choices=["text", "github", "json"], default="text",
                       help="text: یک خط فارسی برای هر مشکل (پیش‌فرض)؛ github: فرمان‌های GitHub Actions که هر مشکل را "
                            "روی همان خط در pull request نشان می‌دهند؛ json: فهرست مشکل‌ها برای ابزارها")
    check.set_defaults(handler=command_check)

    lint = commands.add_parser("lint", help="یافتن متن فارسی نایکدست (ي/ك، نیم‌فاصله، ارقام) در پرونده‌های منبع")
    lint.add_argument("--fix", action="store_true", help="درست کردن خودکار متن منبع (فقط نثر فارسی)")
    lint.add_argument("paths", nargs="*", help="پرونده‌ها یا پوشه‌ها (پیش‌فرض: همه محتوا)")
    lint.set_defaults(handler=command_lint)

    new = commands.add_parser("new", help="ساختن پرونده تازه از الگو: خوشه، خبر، انتشار یا فرد")
    new.add_argument("kind", help="نوع محتوا: cluster، news، publication، person یا نوعی که mkdocs.yml می‌افزاید")
    new.add_argument("id", help="شناسه لاتین، مثل yazd-ceramic")
    new.add_argument("--title", default="", help="عنوان یا نام فارسی")
    new.set_defaults(handler=command_new)

    test = commands.add_parser(
        "test", help="اجرای همه آزمون‌ها (آزمون‌های مرورگر با Chromium)؛ گزینه‌های بعدی به pytest می‌رسد، مثل -k map"
    )
    test.set_defaults(handler=command_test)  # any further options go to pytest as they are
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = make_parser()
    args, extra = parser.parse_known_args(argv)
    if args.command == "test":
        args.pytest_args = extra
    elif extra:
        parser.error(f"گزینه ناشناخته: {' '.join(extra)}")
    try:
        return args.handler(args)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    ensure_environment()
    sys.exit(main())

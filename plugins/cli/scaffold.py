"""``build.py new cluster|news|publication <id>``: a new file from the owning capability's template.

Modelled on Hugo's archetypes: each capability owns its template
(``plugins.<capability>.scaffold_text(id, title) -> (relative path, text)``);
this module checks the id, refuses to overwrite or to reuse an id, writes the
file and runs ``check`` on it, so the editor sees at once whether anything
still has to be filled in.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import Callable

from plugins.model.digits import to_persian_digits
from plugins.model.slugs import RECORD_ID_EXPECTED, is_record_id

ID_MAX = 80
KINDS = {
    # kind: (modules that may provide scaffold_text, in order; Persian noun)
    "cluster": (("plugins.kinds.clusters", "plugins.kinds.clusters.scaffold"), "خوشه"),
    "news": (("plugins.kinds.news",), "خبر"),
    "publication": (("plugins.kinds.publications",), "انتشار"),
}


def run_new(root: Path, kind: str, item_id: str, title: str) -> int:
    """Write the new file; 0 on success, 1 with one Persian line on any refusal."""
    if kind not in KINDS:
        return _refuse(f"نوع «{kind}» شناخته نیست (مورد انتظار: یکی از {'، '.join(KINDS)})")
    modules, noun = KINDS[kind]
    if not is_record_id(item_id) or len(item_id) > ID_MAX:
        return _refuse(f"«{item_id}» شناسه درستی برای {noun} نیست (مورد انتظار: {RECORD_ID_EXPECTED})")
    template = _template(modules)
    if template is None:
        return _refuse(f"الگوی {noun} هنوز آماده نیست؛ به تیم فنی خبر دهید")
    try:
        relpath, text = template(item_id, " ".join(title.split()))
    except ValueError as exc:  # the capability refuses the id (reserved names …)
        return _refuse(str(exc))
    path = root / relpath
    existing = path if path.exists() else _same_id(root, kind, item_id)
    if existing is not None:
        shown = existing.relative_to(root).as_posix() if existing.is_relative_to(root) else existing
        return _refuse(f"{shown} از پیش هست؛ چیزی بازنویسی نشد (مورد انتظار: شناسه تازه، یا ویرایش همان پرونده)")
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
    except FileExistsError:
        return _refuse(f"{relpath} از پیش هست؛ چیزی بازنویسی نشد")
    print(f"{noun} تازه ساخته شد: {relpath}")
    todo = _problems_in(root, relpath)
    if todo:
        print(f"پیش از انتشار این {to_persian_digits(len(todo))} مورد را در پرونده درست کنید:")
        for line in todo:
            print(f"  {line}")
    else:
        print("پرونده همین حالا درست است؛ آن را با واقعیت‌های منبع کامل کنید و سپس: python3 build.py check")
    return 0


def _refuse(message: str) -> int:
    print(message, file=sys.stderr)
    return 1


def _template(modules: tuple[str, ...]) -> Callable[[str, str], tuple[str, str]] | None:
    for name in modules:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:
                continue
            raise
        template = getattr(module, "scaffold_text", None)
        if callable(template):
            return template
    return None


def _same_id(root: Path, kind: str, item_id: str) -> Path | None:
    """Another file already using this id (a cluster in another province folder …)."""
    if kind == "cluster":
        folder = root / "clusters"
        matches = sorted(folder.rglob(f"{item_id}.yml")) if folder.is_dir() else []
        return matches[0] if matches else None
    if kind == "news":
        candidate = root / "content" / "news" / f"{item_id}.md"
    else:
        candidate = root / "publications" / f"{item_id}.yml"
    return candidate if candidate.exists() else None


def _problems_in(root: Path, relpath: str) -> list[str]:
    from plugins.cli.check import check_content

    result = check_content(root)
    return [str(error) for error in sorted(set(result.errors)) if error.path == relpath]

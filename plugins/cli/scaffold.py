"""``build.py new <kind> <id>``: a new file from the kind's own template.

Modelled on Hugo's archetypes: each record kind declares its scaffold template
(plugins/model/kinds.py ``Kind.scaffolds()``: each a :class:`~plugins.model.kinds.Scaffold`
whose ``make(id, title)`` gives ``(relative path, text)``), built-in kinds and those a project
declares alike; this module checks the id
(the one id rule), refuses to overwrite or to reuse an id, writes the file and
runs ``check`` on it, so the editor sees at once whether anything still has to
be filled in.
"""

from __future__ import annotations

import sys
from pathlib import Path

from plugins.cli.check import docs_dir_of
from plugins.model.digits import to_persian_digits
from plugins.model.errors import ContentErrors
from plugins.model.kinds import ID_MAX, site_kinds, site_scaffolds
from plugins.model.slugs import RECORD_ID_EXPECTED, is_record_id


def run_new(root: Path, kind_name: str, item_id: str, title: str) -> int:
    """Write the new file; 0 on success, 1 with one Persian line on any refusal."""
    try:
        scaffolds = site_scaffolds(site_kinds(root))
    except ContentErrors as exc:
        return _refuse(exc.report())
    scaffold = next((each for each in scaffolds if kind_name in (each.name, each.alias)), None)
    if scaffold is None:
        names = "، ".join(each.name for each in scaffolds)
        return _refuse(f"نوع «{kind_name}» شناخته نیست (مورد انتظار: یکی از {names})")
    noun = scaffold.noun
    if not is_record_id(item_id) or len(item_id) > ID_MAX:
        return _refuse(f"«{item_id}» شناسه درستی برای {noun} نیست (مورد انتظار: {RECORD_ID_EXPECTED})")
    try:
        relpath, text = scaffold.make(item_id, " ".join(title.split()))
    except ValueError as exc:  # the kind refuses the id (reserved names …)
        return _refuse(str(exc))
    path = root / relpath
    existing = path if path.exists() else scaffold.same_id(root, item_id, docs_dir_of(root))
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


def _problems_in(root: Path, relpath: str) -> list[str]:
    from plugins.cli.check import check_content

    result = check_content(root)
    return [str(error) for error in sorted(set(result.errors)) if error.path == relpath]

"""Record kinds declared as data: a folder with ``kind.yml``, a JSON Schema and templates.

A project adds such a kind with one line in mkdocs.yml (``extra: {kinds: [kinds/events]}``);
nothing else changes. The folder holds::

    kinds/events/
      kind.yml          name, noun, scaffold, folder, search_type, schema, pages, scaffold_template
      schema.json       JSON Schema of one record
      templates/        page.html (one page per record), index.html (the listing), any partials
      scaffold.yml      the file ``build.py new event <id>`` writes (Jinja2: ``id``, ``title``)

Records are ``<folder>/<id>.yml`` (the file name is the id), read with the strict
YAML reader and validated against the schema by the one validator
(plugins/model/validation.py: ``x-registry: provinces`` or ``x-registry: clusters``
names an id of a registry or of another kind); each becomes a page
``<pages.url>/<id>.md`` from ``templates/<pages.record>`` and, when
``pages.listing`` is given, the listing ``<pages.url>/index.md``. Rendering is the
MkDocs adapter's (plugins/adapter/kinds.py) through plugins/views/render.py.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from plugins.model.errors import ContentError, ContentErrors
from plugins.model.kinds import PAGE_KINDS, Kind, LoadContext, Loaded
from plugins.model.slugs import RECORD_ID_EXPECTED, is_record_id
from plugins.model.validation import SchemaValidator, read_schema
from plugins.model.yamlio import load_yaml_file, relative_path

KIND_FILE = "kind.yml"
REQUIRED = ("name", "noun", "scaffold", "folder", "search_type", "schema", "pages")


@dataclass(frozen=True)
class Record:
    """One record of a declared kind: its id, page, source file and validated values."""

    id: str
    src_uri: str
    path: str  # relative to the project root
    data: dict[str, Any]


def declared_kind(folder: Path, root: Path) -> Kind:
    """The Kind a ``kind.yml`` folder declares; raises ContentErrors when the declaration is wrong."""
    path = folder / KIND_FILE
    relpath = relative_path(path, root)
    if not path.is_file():
        raise ContentErrors([ContentError("mkdocs.yml", field="extra.kinds",
                                          message=f"پوشه نوع «{relative_path(folder, root)}» پرونده {KIND_FILE} ندارد",
                                          expected="پوشه‌ای با kind.yml، schema.json و templates/")])
    spec, problems = load_yaml_file(path, root)
    if problems:
        raise ContentErrors(problems)
    missing = [name for name in REQUIRED if name not in spec]
    if missing or spec["search_type"] not in PAGE_KINDS:
        raise ContentErrors([ContentError(relpath, field=", ".join(missing) or "search_type",
                                          message="اعلام نوع ناقص یا نادرست است",
                                          expected=f"فیلدهای {'، '.join(REQUIRED)}؛ search_type یکی از "
                                                   + "، ".join(PAGE_KINDS))])
    spec = dict(spec)
    schema = _schema(folder / str(spec["schema"]), relpath, spec)
    if not isinstance(spec["pages"], dict):
        raise ContentErrors([ContentError(relpath, *spec.position("pages"), field="pages",
                                          message="pages باید فهرست «نام: مقدار» باشد",
                                          expected="record: page.html و در صورت نیاز listing: index.html")])
    pages = dict(spec["pages"])
    pages.setdefault("url", spec["name"])
    spec["pages"] = pages
    return Kind(
        name=spec["name"], noun=spec["noun"], scaffold_name=spec["scaffold"], folder=spec["folder"],
        search_type=spec["search_type"], schema=folder / spec["schema"], templates=folder / "templates",
        package=folder, load=functools.partial(_load, spec, schema),
        scaffold=functools.partial(_scaffold, spec, folder) if spec.get("scaffold_template") else None,
        record_glob="*.yml",
        extra=spec,
    )


def _schema(path: Path, relpath: str, spec) -> dict:
    """The kind's JSON Schema (JSON or YAML); a missing or broken file is a problem of kind.yml's ``schema:``."""
    try:
        return json.loads(path.read_text(encoding="utf-8")) if path.suffix == ".json" else read_schema(path)
    except (OSError, ValueError) as exc:
        raise ContentErrors([ContentError(relpath, *spec.position("schema"), field="schema",
                                          message=f"قالب «{spec['schema']}» خوانده نشد ({type(exc).__name__})",
                                          expected="پرونده JSON Schema درست در پوشه همین نوع")]) from None


def _load(spec: dict, schema: dict, context: LoadContext) -> Loaded:
    """Every record of the kind's folder, validated; an invalid record is reported, never published."""
    folder = context.root / spec["folder"]
    url = spec["pages"]["url"]
    records: list[Record] = []
    errors: list[ContentError] = []
    files = sorted(folder.glob("*.yml")) if folder.is_dir() else []
    validator = SchemaValidator(schema, context.registry_labels())
    for path in files:
        relpath = relative_path(path, context.root)
        if not is_record_id(path.stem):
            errors.append(ContentError(relpath, message=f"نام پرونده «{path.name}» شناسه درستی نیست",
                                       expected=RECORD_ID_EXPECTED + ".yml"))
            continue
        data, problems = load_yaml_file(path, context.root)
        problems = problems or validator.errors(data, relpath)
        errors.extend(problems)
        if not problems:
            records.append(Record(path.stem, f"{url}/{path.stem}.md", relpath, validator.values(data)))
    pages = {f"{url}/{path.stem}.md" for path in files}
    if spec["pages"].get("listing"):
        pages.add(f"{url}/index.md")
    return Loaded(model=records, ids={path.stem for path in files}, pages=pages, errors=errors, files=len(files))


def _scaffold(spec: dict, folder: Path, item_id: str, title: str) -> tuple[str, str]:
    import jinja2

    template = jinja2.Template((folder / spec["scaffold_template"]).read_text(encoding="utf-8"),
                               keep_trailing_newline=True)
    heading = title or spec["noun"]
    text = template.render(id=item_id, title=json.dumps(heading, ensure_ascii=False))
    return f"{spec['folder']}/{item_id}.yml", text

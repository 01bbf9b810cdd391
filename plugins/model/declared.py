"""Record kinds declared as data: a folder with ``kind.yml``, a JSON Schema and templates.

A project adds such a kind with one line in mkdocs.yml (``extra: {kinds: [kinds/events]}``);
nothing else changes. The folder holds::

    kinds/events/
      kind.yml          name, noun, scaffold, folder, search_type, schema, pages, scaffold_template
      schema.json       JSON Schema of one record
      templates/        page.html (one page per record), index.html (the listing), any partials
      scaffold.yml      the file ``build.py new event <id>`` writes (Jinja2: ``id``, ``title``)

Records are ``<folder>/<id>.yml`` (the file name is the id), read with the strict
YAML reader and validated against the schema; each becomes a page
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
from plugins.model.kinds import ID_EXPECTED, ID_RULE, PAGE_KINDS, Kind, LoadContext, Loaded
from plugins.model.yamlio import YamlList, YamlMap, load_yaml_file, relative_path

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
    schema = json.loads((folder / spec["schema"]).read_text(encoding="utf-8"))
    pages = dict(spec["pages"])
    pages.setdefault("url", spec["name"])
    spec["pages"] = pages
    return Kind(
        name=spec["name"], noun=spec["noun"], scaffold_name=spec["scaffold"], folder=spec["folder"],
        search_type=spec["search_type"], schema=folder / spec["schema"], templates=folder / "templates",
        package=folder, load=functools.partial(_load, spec, schema),
        scaffold=functools.partial(_scaffold, spec, folder) if spec.get("scaffold_template") else None,
        record_files=lambda root, docs_dir, name=spec["folder"]: sorted((root / name).glob("*.yml")),
        extra=spec,
    )


def _load(spec: dict, schema: dict, context: LoadContext) -> Loaded:
    """Every record of the kind's folder, validated; an invalid record is reported, never published."""
    folder = context.root / spec["folder"]
    url = spec["pages"]["url"]
    records: list[Record] = []
    errors: list[ContentError] = []
    files = sorted(folder.glob("*.yml")) if folder.is_dir() else []
    for path in files:
        relpath = relative_path(path, context.root)
        if not ID_RULE.match(path.stem):
            errors.append(ContentError(relpath, message=f"نام پرونده «{path.name}» شناسه درستی نیست",
                                       expected=ID_EXPECTED + ".yml"))
            continue
        data, problems = load_yaml_file(path, context.root)
        problems = problems or schema_errors(schema, data, relpath)
        errors.extend(problems)
        if not problems:
            records.append(Record(path.stem, f"{url}/{path.stem}.md", relpath, dict(data)))
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


# --------------------------------------------------------------------------- JSON Schema, Persian lines

_MESSAGES = {
    "required": "فیلد لازم «{name}» نیامده است",
    "additionalProperties": "فیلد ناشناخته است",
    "type": "نوع مقدار درست نیست",
    "enum": "«{value}» پذیرفته نیست",
    "pattern": "«{value}» شکل درستی ندارد",
    "minLength": "خالی است",
}


def schema_errors(schema: dict, data: Any, relpath: str) -> list[ContentError]:
    """Every way ``data`` breaks ``schema``, at its file position (stand-in for plugins/model/validation.py).

    The SchemaValidator of plugins/model/validation.py (one message table for every
    kind) replaces this function when it lands; the interface is the same.
    """
    import jsonschema

    validator = jsonschema.Draft202012Validator(schema)
    errors = []
    for error in sorted(validator.iter_errors(_plain(data)), key=lambda e: list(map(str, e.absolute_path))):
        keys = list(error.absolute_path)
        name = ".".join(map(str, keys))
        if error.validator == "additionalProperties":
            extra = sorted(set(_at(data, keys)) - set(error.schema.get("properties", {})))
            keys, name = keys + extra[:1], ".".join(map(str, keys + extra[:1]))
        missing = error.message.split("'")[1] if error.validator == "required" else ""
        line, column = _position(data, keys, key=error.validator == "additionalProperties")
        message = _MESSAGES.get(str(error.validator), "مقدار پذیرفته نیست").format(name=missing, value=error.instance)
        expected = error.schema.get("description", "") if isinstance(error.schema, dict) else ""
        errors.append(ContentError(relpath, line, column, field=name or missing, message=message, expected=expected))
    return errors


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def _at(data: Any, keys: list) -> Any:
    for key in keys:
        data = data[key]
    return data


def _position(data: Any, keys: list, *, key: bool = False) -> tuple[int, int]:
    container, position = data, (data.start if isinstance(data, (YamlMap, YamlList)) else (1, 1))
    for index, part in enumerate(keys):
        if not isinstance(container, (YamlMap, YamlList)):
            break
        last = index == len(keys) - 1
        if key and last and isinstance(container, YamlMap):
            position = container.key_positions.get(part) or container.position(part)
        else:
            position = container.position(part)
        container = container[part]
    return position

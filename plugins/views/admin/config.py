"""The web editor's config.yml, generated from the content model's schemas (never written by hand).

Sveltia CMS (plugins/views/admin/README.md) reads one YAML file naming its collections and
their fields. Every field here comes from a schema: the kind's ``schema.yml`` for clusters,
news and publications, ``page.schema.yml`` for editors' pages and ``people.schema.yml`` for
the people (one file each). How a schema property becomes a form field (:func:`form_field`):

* ``title`` is the label, ``description`` (or ``x-expected``) the hint; ``required`` and
  ``pattern`` are the form's own checks, so most mistakes are caught before a save;
* ``x-registry`` and ``enum`` are drop-downs showing the Persian names (``x-labels``, or the
  registry's names) and storing the ids; ``x-refers: <kind>`` is a reference to another
  kind's records (a relation field to its collection: clusters, people);
* ``x-date`` is text with the date's pattern: editors type Jalali dates as they write them
  (1398, 1398-04, 1398-04-15), never through a Gregorian calendar widget;
* a yes-only flag (``const: true``, or a boolean whose only meaningful value is true) is a
  drop-down with the single choice «بله»: left alone it writes nothing, never ``false``;
* ``x-markdown`` and ``x-multiline`` are text boxes (plain text: the CMS's rich-text mode
  would rewrite Khooshe's Markdown extensions).

The output options make what the CMS writes tidy and valid for ``build.py check``: untouched
optional fields are left out, no URL aliases are added, YAML is written in Khooshe's style
(two-space indent, indented lists, text unquoted and never folded).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

from plugins.model.kinds import folder_files
from plugins.model.messages import enum_labels
from plugins.model.slugs import RECORD_ID_PATTERN

YES = "بله"
PLACEHOLDER_REPO = "OWNER/REPO"  # a build that does not know its GitHub repository (outside GitHub Actions)
IMAGES = "assets/images"  # the images editors upload, in docs_dir and in the site
ID_MESSAGE = "فقط حروف کوچک لاتین، رقم و خط تیره، مثل yazd-ceramic"
# Jalali (or Gregorian) dates as editors type them, in Latin or Persian digits.
_DIGIT = "[0-9۰-۹]"
DATE_PATTERNS = {
    True: (f"^{_DIGIT}{{4}}(-{_DIGIT}{{1,2}}(-{_DIGIT}{{1,2}})?)?$",
           "سال، ماه یا روز، مثل 1398 یا 1398-04 یا 1398-04-15"),
    "day": (f"^{_DIGIT}{{4}}-{_DIGIT}{{1,2}}-{_DIGIT}{{1,2}}$", "روز کامل، مثل 1405-09-02"),
    "year": (f"^{_DIGIT}{{4}}$", "سال چهاررقمی خورشیدی، مثل 1385"),
}
# Khooshe's YAML style for every file the CMS writes (plugins/views/admin/README.md, «قالب YAML»).
OUTPUT = {
    "omit_empty_optional_fields": True,
    "yaml": {"indent_size": 2, "indent_sequences": True, "quote": "none"},
}


@dataclass
class Choices:
    """What drop-downs and references offer: registry name → {id → Persian name}; kind → its collection."""

    labels: dict[str, dict[str, str]]
    collections: dict[str, Relation]  # kind (``x-refers``) → the collection its records are in


@dataclass(frozen=True)
class Relation:
    """The collection a reference points into: the id stored, the Persian name shown and searched."""

    collection: str
    display_fields: tuple[str, ...]
    value_field: str = "id"


RELATIONS = {
    "clusters": Relation("clusters", ("name",)),
    "people": Relation("people", ("given", "family")),  # «جهانگیر مجیدی»
}


# --------------------------------------------------------------------------- fields


def form_fields(schema: dict, choices: Choices, defs: dict | None = None) -> list[dict]:
    """One form field per property of an object schema, in the schema's (and the files') order."""
    defs = schema.get("$defs", {}) if defs is None else defs
    required = set(schema.get("required", ()))
    return [form_field(name, prop, name in required, choices, defs)
            for name, prop in schema.get("properties", {}).items()]


def form_field(name: str, prop: dict, required: bool, choices: Choices, defs: dict) -> dict:
    prop = resolved(prop, defs)
    field = {"name": name, "label": prop.get("title", name), "required": required}
    hint = prop.get("description") or prop.get("x-expected")
    if hint:
        field["hint"] = hint
    field.update(widget(prop, choices, defs))
    return field


def resolved(prop: dict, defs: dict) -> dict:
    """A property with its ``$ref`` chain merged in (the property's own keywords win)."""
    while "$ref" in prop:
        target = defs[prop["$ref"].rsplit("/", 1)[-1]]
        prop = {**target, **{key: value for key, value in prop.items() if key != "$ref"}}
    return prop


def types(prop: dict) -> set[str]:
    kind = prop.get("type", ())
    return {kind} if isinstance(kind, str) else set(kind)


def widget(prop: dict, choices: Choices, defs: dict) -> dict:
    """The Sveltia widget (and its options) for one resolved schema property."""
    kinds = types(prop)
    refers = prop.get("x-refers") or prop.get("items", {}).get("x-refers")
    if refers in choices.collections:
        return reference(choices.collections[refers], "array" in kinds)
    if prop.get("const") is True or kinds == {"boolean"}:
        return {"widget": "select", "options": [{"label": YES, "value": True}]}
    if "x-date" in prop:
        regex, message = DATE_PATTERNS[prop["x-date"]]
        return {"widget": "string", "pattern": [regex, message]}
    if "x-registry" in prop or "enum" in prop:
        return {"widget": "select", "options": options(prop, choices)}
    if "array" in kinds:
        return list_widget(resolved(prop.get("items", {}), defs), choices, defs)
    if "object" in kinds:
        return {"widget": "object", "fields": form_fields(prop, choices, defs)}
    if kinds & {"integer", "number"}:
        return number_widget(prop, "integer" in kinds)
    text: dict[str, Any] = {"widget": "text" if prop.get("x-markdown") or prop.get("x-multiline") else "string"}
    if "pattern" in prop:
        text["pattern"] = [prop["pattern"], prop.get("x-expected", prop.get("title", ""))]
    if "maxLength" in prop:
        text["maxlength"] = prop["maxLength"]
    return text


def options(prop: dict, choices: Choices) -> list[dict]:
    """Drop-down choices: the Persian name shown, the id stored."""
    if "x-registry" in prop:
        names = choices.labels.get(prop["x-registry"], {})
    else:
        labels = enum_labels(prop, choices.labels)
        names = {value: labels.get(value, value) for value in prop["enum"]}
    return [{"label": label, "value": value} for value, label in names.items()]


def list_widget(items: dict, choices: Choices, defs: dict) -> dict:
    if "x-registry" in items or "enum" in items:
        return {"widget": "select", "multiple": True, "options": options(items, choices)}
    if "object" in types(items):
        return {"widget": "list", "fields": form_fields(items, choices, defs)}
    return {"widget": "list"}  # a list of text: one item per line


def number_widget(prop: dict, integer: bool) -> dict:
    field: dict[str, Any] = {"widget": "number", "value_type": "int" if integer else "float"}
    if "minimum" in prop:
        field["min"] = prop["minimum"]
    if "maximum" in prop:
        field["max"] = prop["maximum"]
    if not integer:
        field["step"] = 0.0001
    return field


def reference(relation: Relation, multiple: bool) -> dict:
    """A reference to another kind's records: a relation field to their collection."""
    field = {"widget": "relation", "collection": relation.collection, "value_field": relation.value_field,
             "search_fields": list(relation.display_fields), "display_fields": list(relation.display_fields)}
    if multiple:
        field["multiple"] = True
    return field


# --------------------------------------------------------------------------- collections


@dataclass
class PageFolder:
    """A folder of editors' pages: one collection (new pages are created in it)."""

    folder: str  # relative to the project: "content/method"
    label: str


def slug_options(hint: str) -> dict:
    """A Latin file name the editor types when creating, fixed afterwards (it is the page's URL)."""
    return {"editable": ["create"], "hint": hint, "pattern": [RECORD_ID_PATTERN, ID_MESSAGE]}


def pages_collections(schema: dict, folders: Iterable[PageFolder], choices: Choices) -> list[dict]:
    fields = [*form_fields(schema, choices), body_field("متن صفحه")]
    return [{
        "name": "pages-" + (folder.folder.partition("/")[2].replace("/", "-") or "home"),
        "label": folder.label, "folder": folder.folder, "extension": "md", "format": "yaml-frontmatter",
        "identifier_field": "title", "summary": "{{title}}",
        "slug": slug_options("نام لاتین پرونده صفحه، مثل cluster-mapping"), "fields": fields,
    } for folder in folders]


def body_field(label: str) -> dict:
    return {"name": "body", "label": label, "widget": "text", "required": False,
            "hint": "Markdown؛ راهنمای نوشتن در README.md، بخش ویرایشگران."}


def cms_config(collections: list[dict], backend: dict, site_url: str, docs_dir: str) -> dict:
    """The whole config.yml: the git backend, the collections and the output style."""
    return {
        "backend": backend,
        "app_title": "ویرایشگر خوشه",
        "site_url": site_url,
        "media_folder": f"{docs_dir}/{IMAGES}",
        "public_folder": f"/{IMAGES}",
        "slug": {"encoding": "ascii", "clean_accents": True},
        "output": OUTPUT,
        "collections": [{**collection, "aliases_field": False} for collection in collections],
    }


# --------------------------------------------------------------------------- the site's config


def site_cms_config(site: Any, repo: str, branch: str, site_url: str) -> dict:
    """config.yml for a loaded :class:`~plugins.model.site.Site`: the collections of each kind, the pages."""
    from plugins.kinds.clusters.schema import registry_names
    from plugins.model.kinds import PAGE_KINDS
    from plugins.model.page_meta import SCHEMA as PAGE_SCHEMA

    labels = {**(registry_names(site.registries) if site.registries is not None else {}), "page_kinds": PAGE_KINDS}
    choices = Choices(labels, RELATIONS)
    collections: list[dict] = []
    for kind in site.kinds:
        collections.extend(kind_collections(kind, site, choices))
    collections.extend(pages_collections(PAGE_SCHEMA, page_folders(site), choices))
    return cms_config(collections, {"name": "github", "repo": repo, "branch": branch}, site_url, site.docs_dir)


def kind_collections(kind: Any, site: Any, choices: Choices) -> list[dict]:
    """A kind's collections: as the kind declares them (``Kind.collections``), else one of its YAML records."""
    from plugins.model.validation import read_schema

    if kind.schema is None:
        return []
    schema = read_schema(kind.schema)
    folder = kind.relfolder(site.docs_dir)
    if kind.collections is not None:
        return kind.collections(schema, folder, choices)
    return [declared_collection(kind, schema, folder, choices)]


def declared_collection(kind: Any, schema: dict, folder: str, choices: Choices) -> dict:
    """A kind a project declares (mkdocs.yml ``extra: kinds``): its YAML records, named by their id."""
    return {
        "name": kind.name, "label": kind.noun, "folder": folder, "extension": "yml", "format": "yml",
        "slug": slug_options("شناسه لاتین (نام پرونده)"), "fields": form_fields(schema, choices),
    }


def page_folders(site: Any) -> list[PageFolder]:
    """Each folder of docs_dir holding editors' pages (not a kind's records), labelled by its index page's title."""
    docs = site.root / site.docs_dir
    owned = tuple(kind.owned_docs for kind in site.kinds if kind.owned_docs)
    pages = [relpath for relpath in folder_files(docs) if relpath.endswith(".md")]
    folders = sorted({page.rpartition("/")[0] for page in pages
                      if not (owned and page.startswith(owned)) and not any(part.startswith((".", "_"))
                                                                         for part in page.split("/"))})
    return [PageFolder(f"{site.docs_dir}/{folder}".rstrip("/"), folder_label(site, folder)) for folder in folders]


def folder_label(site: Any, folder: str) -> str:
    if not folder:
        return "صفحه‌ها: صفحه‌های اصلی"
    title = (site.page_meta.get(f"{folder}/index.md") or {}).get("title")
    return f"صفحه‌ها: {title or folder}"

"""Record kinds, declared once: what a kind is, the page-kind vocabulary and the registry.

A :class:`Kind` says everything the rest of Khooshe needs to know about one kind
of record — its folder, its id rule, how its records are loaded and validated,
the pages it produces, the search type of those pages and the template
``build.py new`` writes. Nothing outside a kind's folder names its folder or its
pages: ``build.py check``, the MkDocs plugins, the scaffold, the safety checks and
the search index all read this registry.

Where kinds come from:

* the built-in kinds declare themselves in ``plugins/kinds/<kind>/kind.py``
  (``KIND = Kind(...)``) and are registered by one line each in
  :data:`BUILTIN_KINDS`;
* a project adds a kind of its own with one line in ``mkdocs.yml``
  (``extra: {kinds: [kinds/events]}``): a folder holding ``kind.yml``, a JSON
  Schema and ``templates/`` (:mod:`plugins.model.declared`; see
  plugins/kinds/README.md, "Adding a record kind").

No MkDocs import here or in the kinds' loaders: ``build.py check`` uses them alone.
"""

from __future__ import annotations

import importlib
import os
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any, Callable, Iterable

from plugins.model.errors import ContentError
from plugins.model.filememo import per_build
from plugins.model.yamlio import sorted_paths

# One page-kind vocabulary (front matter ``type``, search filters, safety, pages): id → Persian label.
PAGE_KINDS: dict[str, str] = {
    "cluster": "خوشه",
    "news": "خبر",
    "publication": "انتشار",
    "person": "شخص",
    "listing": "فهرست",
    "guide": "راهنما",
}
DEFAULT_PAGE_KIND = "guide"

ID_MAX = 80  # a record id longer than this makes URLs nobody can read (build.py new refuses it)

# Registration: one line per built-in kind (the module that holds its ``KIND``), in load order:
# a kind may refer to the ids of the kinds above it (news names clusters, publications name both).
BUILTIN_KINDS = (
    "plugins.kinds.clusters.kind",
    "plugins.kinds.news.kind",
    "plugins.kinds.publications.kind",
)


@dataclass(frozen=True)
class Registry:
    """A list other records refer to by id (provinces, sectors, partners, source documents)."""

    name: str
    file: Path  # the YAML file holding it
    noun: str  # Persian, for messages: «استان»


@dataclass
class LoadContext:
    """What a kind's loader is given: the project, the registries and the ids of the kinds loaded before it."""

    root: Path
    docs_dir: str  # relative to root: "content"
    registries: Any  # plugins.kinds.clusters.registries.Registries, or None when they failed to load
    ids: dict[str, set[str] | None] = field(default_factory=dict)  # kind name → known ids (None: unknown)

    def known(self, kind: str) -> set[str] | None:
        """The ids of another kind (None when that kind is not part of this site: its references are not checked)."""
        return self.ids.get(kind)

    def registry_labels(self) -> dict[str, dict[str, str]]:
        """Registry name → {id → Persian name} for the validator's ``x-registry``; other kinds' ids too."""
        labels = {kind: {key: key for key in ids} for kind, ids in self.ids.items() if ids is not None}
        for name in ("provinces", "sectors", "partners", "documents"):
            items = getattr(self.registries, name, None) or {}
            labels[name] = {key: getattr(item, "name", None) or getattr(item, "title", key) for key, item in items.items()}
        return labels

    @property
    def province_ids(self) -> set[str] | None:
        return set(self.registries.provinces) if self.registries is not None else None


@dataclass
class Loaded:
    """One kind's records after loading: the model the pages are made from, and what check needs."""

    model: Any  # list[Cluster], list[Article], Catalogue, list[Record]
    ids: set[str]  # every id in use, a record with a problem included (so a reference to it is not a 2nd error)
    pages: set[str]  # src_uri of every page the kind's records and listings produce
    errors: list[ContentError]
    files: int = 0  # source files read
    owned_pages: frozenset[str] = frozenset()  # docs_dir pages that are this kind's records (news articles)
    # Pages this kind makes about things other kinds name: "province" → {province id → src_uri}.
    topic_pages: dict[str, dict[str, str]] = field(default_factory=dict)


@dataclass(frozen=True)
class Scaffold:
    """``build.py new <name> <id>``: one sort of new file, from its template (Hugo's archetypes)."""

    name: str  # "cluster"
    noun: str  # Persian noun: «خوشه»
    make: Callable[[str, str], tuple[str, str]]  # (id, title) → (relative path, text)
    folder: str  # where its ids must be unique, relative to the project root ("{docs}" is docs_dir)
    ids_below: bool = True  # an id is taken by a file in a subfolder too (clusters' provinces)
    alias: str = ""  # another name for it on the command line: the kind's own name ("clusters")

    def same_id(self, root: Path, item_id: str, docs_dir: str = "content") -> Path | None:
        """A file already using this id (a cluster in another province folder …)."""
        folder = root / self.folder.format(docs=docs_dir)
        if not folder.is_dir():
            return None
        found = folder.rglob(f"{item_id}.*") if self.ids_below else folder.glob(f"{item_id}.*")
        matches = sorted(path for path in found if path.suffix in (".yml", ".md"))
        return matches[0] if matches else None


@dataclass(frozen=True)
class Kind:
    """One record kind, declared once (see the module docstring)."""

    name: str  # folder name and key: "clusters"
    noun: str  # Persian noun: «خوشه»
    scaffold_name: str  # ``build.py new <scaffold_name> <id>``: "cluster"
    folder: str  # where its records are, relative to the project root ("{docs}" is docs_dir)
    search_type: str  # the PAGE_KINDS id of its record pages
    load: Callable[[LoadContext], Loaded]
    schema: Path | None = None  # the JSON Schema of one record (published, read by editors' tools)
    scaffold: Callable[[str, str], tuple[str, str]] | None = None  # (id, title) → (relative path, text)
    templates: Path | None = None  # its Jinja2 templates (views/render.py), named "<name>/<file>"
    owned_docs: str = ""  # docs_dir folder whose pages are its records ("news/"), validated by its loader
    generated_folders: tuple[str, ...] = ()  # listings made from dates and tags: every page below them exists
    record_glob: str = ""  # its record files below its folder ("**/*.yml"): their text values are checked for HTML
    ids_below: bool = True  # a record's id file may be in a subfolder (clusters' provinces); publications' people/ are not
    more_scaffolds: tuple[Scaffold, ...] = ()  # other new files its folder holds (publications: a person)
    registries: tuple[Registry, ...] = ()
    # the site's registries, loaded and checked (raises ContentErrors); one kind holds them (clusters)
    load_registries: Callable[[], Any] | None = None
    # (its model, plugins/views/sharing.py ShareContext) → (record, what makes its Share) for each record page
    shares: Callable[[Any, Any], Iterable[tuple[Any, Callable[[], Any]]]] | None = None
    # (its schema, its folder, plugins/views/admin/config.py Choices) → its web editor collections
    collections: Callable[[dict, str, Any], list[dict]] | None = None
    package: Path | None = None  # the kind's folder (assets, data)
    extra: dict[str, Any] = field(default_factory=dict)  # declared kinds: the rest of kind.yml

    def path(self, root: Path, docs_dir: str = "content") -> Path:
        return root / self.folder.format(docs=docs_dir)

    def __post_init__(self) -> None:
        # A built-in kind's folder holds its schema.yml and templates/ unless it says otherwise.
        if self.package is not None:
            if self.schema is None and (self.package / "schema.yml").is_file():
                object.__setattr__(self, "schema", self.package / "schema.yml")
            if self.templates is None and (self.package / "templates").is_dir():
                object.__setattr__(self, "templates", self.package / "templates")

    def record_paths(self, root: Path, docs_dir: str = "content") -> list[Path]:
        """Its record files; like the loaders, files and folders named ``.…`` or ``_…`` are notes, not records."""
        folder = self.path(root, docs_dir)
        if not self.record_glob or not folder.is_dir():
            return []
        return record_files(folder, self.record_glob)

    def relfolder(self, docs_dir: str = "content") -> str:
        return self.folder.format(docs=docs_dir)

    def scaffolds(self) -> list[Scaffold]:
        """What ``build.py new`` makes for this kind: its record, then anything else its folder holds."""
        own = Scaffold(self.scaffold_name, self.noun, self.scaffold, self.folder, self.ids_below, alias=self.name)
        return ([own] if self.scaffold is not None else []) + list(self.more_scaffolds)


def record_files(folder: Path, pattern: str) -> list[Path]:
    """``folder.glob(pattern)`` without notes (names starting ``.`` or ``_``), in Path's order.

    ``*.yml`` and ``**/*.yml`` are matched against :func:`folder_files`: pathlib's glob costs a
    quarter of a second for 10,000 records, on every build of the preview.
    """
    recursive, name_pattern = pattern.startswith("**/"), pattern.removeprefix("**/")
    if "/" in name_pattern or "**" in name_pattern:
        return sorted_paths(path for path in folder.glob(pattern)
                            if not any(part.startswith((".", "_")) for part in path.relative_to(folder).parts))
    return [folder / relpath for relpath in folder_files(folder)
            if (recursive or "/" not in relpath) and fnmatchcase(relpath.rpartition("/")[2], name_pattern)
            and not any(part.startswith((".", "_")) for part in relpath.split("/"))]


def folder_files(folder: Path) -> list[str]:
    """Every file below ``folder`` (hidden ones too) as a POSIX path relative to it, in Path's order.

    The one listing of a folder: in the preview it is made once per build, however many
    loaders and checks ask for it (news records, their HTML check, the pages' check).
    """
    def walk() -> list[str]:
        found = []
        for top, _, names in os.walk(folder):
            prefix = os.path.relpath(top, folder).replace(os.sep, "/")
            found.extend(names if prefix == "." else [f"{prefix}/{name}" for name in names])
        return sorted(found, key=lambda relpath: relpath.split("/"))

    return per_build(("folder files", str(folder)), walk)


def lazy(target: str) -> Callable[..., Any]:
    """``"module:function"`` called on first use: declaring a kind imports none of its code."""
    module, _, name = target.partition(":")
    return lambda *args: getattr(importlib.import_module(module), name)(*args)


def builtin_kinds() -> list[Kind]:
    return [importlib.import_module(module).KIND for module in BUILTIN_KINDS]


def site_kinds(root: Path, config: dict | None = None, errors: list[ContentError] | None = None) -> list[Kind]:
    """The kinds of the project at ``root``: the built-in ones, then those its mkdocs.yml adds.

    ``config``: mkdocs.yml's ``extra`` already read (the MkDocs adapter passes it);
    otherwise mkdocs.yml is read here (``build.py check`` and ``build.py new``).
    ``errors``: where a broken declaration's problems go (that kind is left out);
    without it they are raised.
    """
    from plugins.model.declared import declared_kind
    from plugins.model.errors import ContentErrors

    extra = config if config is not None else _mkdocs_extra(root)
    kinds = builtin_kinds()
    for entry in extra.get("kinds") or ():
        try:
            kinds.append(declared_kind((root / str(entry)).resolve(), root))
        except ContentErrors as exc:
            if errors is None:
                raise
            errors.extend(exc.errors)
    return kinds


def site_scaffolds(kinds: Iterable[Kind]) -> list[Scaffold]:
    return [scaffold for kind in kinds for scaffold in kind.scaffolds()]


def _mkdocs_extra(root: Path) -> dict:
    """mkdocs.yml's ``extra`` mapping, read whatever its tags (problems are check's to report)."""
    from plugins.model.siteconfig import read_mkdocs_yml

    data, _ = read_mkdocs_yml(root / "mkdocs.yml")
    extra = data.get("extra") if isinstance(data, dict) else None
    return extra if isinstance(extra, dict) else {}

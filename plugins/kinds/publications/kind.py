"""The publications kind (publications, and in people/ those who wrote or translated them), declared once."""

from __future__ import annotations

from pathlib import Path

from plugins.model.kinds import Kind, LoadContext, Loaded, Scaffold, lazy

PACKAGE = Path(__file__).resolve().parent
FOLDER = "publications"
LISTINGS = ("publications/index.md", "people/index.md")


def load(context: LoadContext) -> Loaded:
    from plugins.kinds.publications.records import PEOPLE_FOLDER, Catalogue, load_catalogue

    directory = context.root / FOLDER
    if not directory.is_dir():
        return Loaded(model=Catalogue(), ids=set(), pages=set(), errors=[])
    catalogue, errors = load_catalogue(context.root, FOLDER, context.known("clusters"), news_ids=context.known("news"))
    files = sorted(directory.glob("*.yml"))
    people = sorted((directory / PEOPLE_FOLDER).glob("*.yml"))
    pages = {item.src_uri for item in [*catalogue.publications, *catalogue.people.values()]}
    pages |= {f"{FOLDER}/{path.stem}.md" for path in files} | {f"people/{path.stem}.md" for path in people}
    return Loaded(model=catalogue, ids={path.stem for path in files}, pages=pages | set(LISTINGS), errors=errors,
                  files=len(files) + len(people))


KIND = Kind(
    # what it is · where its records are · its code (schema.yml and templates/ are in PACKAGE)
    name="publications", noun="انتشار", scaffold_name="publication", search_type="publication",
    folder=FOLDER, record_glob="**/*.yml", ids_below=False, package=PACKAGE,
    load=load, scaffold=lazy("plugins.kinds.publications:scaffold_text"),
    shares=lazy("plugins.kinds.publications.pages:shares"),
    collections=lazy("plugins.kinds.publications.editor:collections"),
    more_scaffolds=(Scaffold("person", "فرد", lazy("plugins.kinds.publications:person_text"),
                             folder=f"{FOLDER}/people", ids_below=False, alias="people"),),
)

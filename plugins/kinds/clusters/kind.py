"""The clusters kind, declared once (plugins/model/kinds.py says what a declaration holds)."""

from __future__ import annotations

from pathlib import Path

from plugins.model.kinds import Kind, LoadContext, Loaded, Registry, lazy
from plugins.model.provinces import DATA_FILE as PROVINCES_FILE
from plugins.model.yamlio import relative_path

PACKAGE = Path(__file__).resolve().parent
FOLDER = "clusters"


def load(context: LoadContext) -> Loaded:
    """Every cluster record; an id of a record with a problem (its file name) still counts as known."""
    from plugins.kinds.clusters.pages import all_page_uris, facet_src
    from plugins.kinds.clusters.records import load_clusters

    loaded = context.registries if hasattr(context.registries, "sectors") else None  # None: they failed to load
    clusters, errors = load_clusters(context.root, FOLDER, loaded)
    records = KIND.record_paths(context.root)
    stems = {path.stem for path in records}
    # A record with a problem keeps its page as a link target, so a link to it is not a second error;
    # a draft has none (it is not published), so a link to a draft is reported.
    broken = {error.path for error in errors}
    pages = {cluster.src_uri for cluster in clusters}
    pages |= {f"{FOLDER}/{path.stem}.md" for path in records if relative_path(path, context.root) in broken}
    topics: dict[str, dict[str, str]] = {}
    if hasattr(context.registries, "sectors"):  # the registries loaded (their problems are in errors)
        pages |= all_page_uris(clusters, context.registries)
        topics["province"] = {key: facet_src("province", key) for key in context.registries.provinces}
    return Loaded(model=clusters, ids={cluster.id for cluster in clusters} | stems, pages=pages,
                  errors=errors, files=len(stems), topic_pages=topics)


KIND = Kind(
    # what it is · where its records are · its code (schema.yml and templates/ are in PACKAGE)
    name="clusters", noun="خوشه", scaffold_name="cluster", search_type="cluster",
    folder=FOLDER, record_glob="**/*.yml", package=PACKAGE,
    load=load, scaffold=lazy("plugins.kinds.clusters.scaffold:scaffold_text"),
    shares=lazy("plugins.kinds.clusters.pages:shares"), collections=lazy("plugins.kinds.clusters.editor:collections"),
    load_registries=lazy("plugins.kinds.clusters.registries:load_registries"),
    registries=(
        Registry("provinces", PROVINCES_FILE, "استان"),
        Registry("sectors", PACKAGE / "data" / "sectors.yml", "بخش"),
        Registry("partners", PACKAGE / "data" / "partners.yml", "همکار"),
        Registry("documents", PACKAGE / "data" / "sources.yml", "سند منبع"),
    ),
)

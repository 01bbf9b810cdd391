"""The one loader: every kind and registry of a project, validated, with its cross-indexes.

:func:`load_site` is what ``build.py check`` runs and what every Khooshe MkDocs
plugin gets its data from (loaded once per build, plugins/adapter/base.py
``site_model``). It returns a :class:`Site` holding each kind's model, the
cross-indexes built once (which news and publications name a cluster or a province) and every
problem found — the build stops on exactly the lines check prints.

Record text is checked against the HTML policy here (plugins/model/HTML.md): a
``<script>`` in a cluster's product or a news title is a content error like any
other, never something a later step silently defuses.
"""

from __future__ import annotations

import os
import traceback
from collections import defaultdict
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

from plugins.model import provinces as province_registry
from plugins.model.errors import ContentError, ContentErrors
from plugins.model.kinds import Kind, LoadContext, Loaded, site_kinds
from plugins.model.record_html import record_html_errors


@dataclass
class Indexes:
    """Which records of one kind name a record of another, built once; each list keeps its kind's order.

    Groupings within one kind (clusters by province or partner, news by tag, publications by
    topic) are taxonomies, made where their pages are (plugins/views/taxonomy.py).
    """

    news_by_cluster: dict[str, list] = field(default_factory=dict)  # newest first
    news_by_province: dict[str, list] = field(default_factory=dict)  # the province's own and its clusters' news
    publications_by_cluster: dict[str, list] = field(default_factory=dict)  # newest year first


@dataclass
class Site:
    root: Path
    docs_dir: str
    kinds: list[Kind]
    provinces: dict[str, Any] = field(default_factory=dict)
    registries: Any = None  # plugins.kinds.clusters.registries.Registries
    loaded: dict[str, Loaded] = field(default_factory=dict)  # kind name → its records
    indexes: Indexes = field(default_factory=Indexes)
    errors: list[ContentError] = field(default_factory=list)
    page_meta: dict[str, dict] = field(default_factory=dict)  # editor pages' strict front matter (the build's check)

    def model(self, kind: str, default: Any = None) -> Any:
        loaded = self.loaded.get(kind)
        return loaded.model if loaded is not None else default

    @property
    def clusters(self) -> dict[str, Any]:
        """id → Cluster (sorted by id)."""
        return {cluster.id: cluster for cluster in self.model("clusters", [])}

    @property
    def articles(self) -> list:
        return self.model("news", [])

    @property
    def catalogue(self) -> Any:
        return self.model("publications")

    @property
    def pages(self) -> set[str]:
        """The src_uri of every page the kinds produce (records and listings)."""
        return set().union(*(loaded.pages for loaded in self.loaded.values()))

    @property
    def owned_pages(self) -> frozenset[str]:
        """docs_dir pages that are records of a kind (validated by its loader, not as editor pages)."""
        return frozenset().union(*(loaded.owned_pages for loaded in self.loaded.values()))

    def topic_page(self, topic: str, key: str) -> str | None:
        """The src_uri of the page some kind makes about ``key`` (``topic_page("province", "yazd")``), or None."""
        for loaded in self.loaded.values():
            src_uri = loaded.topic_pages.get(topic, {}).get(key)
            if src_uri is not None:
                return src_uri
        return None

    @property
    def files(self) -> int:
        return sum(loaded.files for loaded in self.loaded.values())


def load_site(root: Path, *, docs_dir: str = "content", kinds: list[Kind] | None = None,
              full_text: bool = True) -> Site:
    """Every kind and registry of the project at ``root``, validated; never raises for content.

    ``kinds``: the site's kinds (default: :func:`plugins.model.kinds.site_kinds`, which
    reads mkdocs.yml). ``full_text=False`` skips hazm's normalization of record text
    (no validation rule depends on it; ``build.py check`` is then fast).
    """
    site = Site(root=root, docs_dir=docs_dir, kinds=[])
    run = _Steps(site.errors)
    with nullcontext() if full_text else letters_only():
        site.kinds = run("kinds", lambda: kinds if kinds is not None else site_kinds(root, errors=site.errors)) or []
        site.provinces = run("provinces", province_registry.load_provinces) or {}
        site.registries = run("registries", lambda: _registries(site.kinds))
        context = LoadContext(root=root, docs_dir=docs_dir, registries=site.registries)
        if site.registries is None and site.provinces:
            context.registries = _ProvincesOnly(site.provinces)
        for kind in site.kinds:
            loaded = run(kind.name, lambda: kind.load(context))
            context.ids[kind.name] = loaded.ids if loaded is not None else None
            if loaded is not None:
                site.loaded[kind.name] = loaded
                site.errors.extend(loaded.errors)
        run("record html", lambda: site.errors.extend(record_html_errors(site.kinds, root, docs_dir)))
        site.indexes = run("indexes", lambda: build_indexes(site)) or Indexes()
    return site


_ARABIC_LETTERS = str.maketrans({"ي": "ی", "ك": "ک", "ى": "ی", "ة": "ه"})


@contextmanager
def letters_only() -> Iterator[None]:
    """Loading to validate (``build.py check``): record text without hazm's seconds of set-up.

    The text pipeline still runs (markup split, digits, Arabic letters made Persian);
    only hazm's step is replaced. No validation rule depends on it. These cheaper
    results never reach the on-disk cache and are forgotten afterwards (tests build
    sites in the same process).
    """
    from plugins.model import text

    directory = text.cache_info()["directory"]
    text.configure_cache(None)
    try:
        with text.segments_normalized_by(lambda segment: segment.translate(_ARABIC_LETTERS)):
            yield
    finally:
        text.clear_memory()
        text.configure_cache(directory)


@dataclass(frozen=True)
class _ProvincesOnly:
    """The registries failed to load; news and other kinds still check their province ids."""

    provinces: dict[str, Any]


def _registries(kinds: list[Kind]) -> Any:
    """The registries of the kind that holds them (``Kind.load_registries``); None without one or when broken."""
    holder = next((kind for kind in kinds if kind.load_registries is not None), None)
    if holder is None:
        return None
    try:
        return holder.load_registries()
    except ContentErrors:
        return None  # the holder's loader reports the registries' problems with its own


class _Steps:
    """Run one part of the load; a bug in Khooshe is one line, never a traceback (KHOOSHE_DEBUG=1 shows it)."""

    def __init__(self, errors: list[ContentError]):
        self.errors = errors

    def __call__(self, name: str, action: Callable[[], Any]) -> Any:
        try:
            return action()
        except ContentErrors as exc:
            self.errors.extend(exc.errors)
        except Exception as exc:  # a bug in Khooshe, not in the content
            if os.environ.get("KHOOSHE_DEBUG"):
                traceback.print_exc()
            self.errors.append(internal_error(name, exc))
        return None


def internal_error(step: str, exc: Exception) -> ContentError:
    return ContentError(
        "build.py", message=f"خطای داخلی در بررسی «{step}» ({type(exc).__name__}); اشکال از محتوا نیست",
        expected="گزارش به تیم فنی؛ KHOOSHE_DEBUG=1 جزئیات را نشان می‌دهد",
    )


def build_indexes(site: Site) -> Indexes:
    """The cross-indexes every page kind reads (once per load, not once per page)."""
    indexes = Indexes()
    clusters = site.clusters
    by_cluster, by_province = defaultdict(list), defaultdict(list)
    for article in site.articles:  # newest first, so every list is too
        provinces = {article.province} if article.province else set()
        for cluster_id in article.clusters:
            by_cluster[cluster_id].append(article)
            if cluster_id in clusters:
                provinces.add(clusters[cluster_id].province)
        for province in sorted(p for p in provinces if p):
            by_province[province].append(article)
    indexes.news_by_cluster, indexes.news_by_province = dict(by_cluster), dict(by_province)
    catalogue = site.catalogue
    if catalogue is not None:
        publications = defaultdict(list)
        for publication in sorted(catalogue.publications, key=lambda p: (-(p.year or 0), p.id)):
            for cluster_id in publication.clusters:
                publications[cluster_id].append(publication)
        indexes.publications_by_cluster = dict(publications)
    return indexes

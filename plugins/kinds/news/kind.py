"""The news kind, declared once (plugins/model/kinds.py says what a declaration holds)."""

from __future__ import annotations

from pathlib import Path

from plugins.model.filememo import per_input
from plugins.model.html_policy import unsafe_html_errors
from plugins.model.kinds import Kind, LoadContext, Loaded, lazy
from plugins.model.page_meta import BODY_FIELD

PACKAGE = Path(__file__).resolve().parent
FOLDER = "{docs}/news"  # articles are pages of docs_dir: content/news/<id>.md
DOCS_FOLDER = "news/"
# Listings the news plugin generates: the main one, and the archive, tag and page-N listings below these
# (made from the articles' dates and tags: a link to any of them is not checked page by page).
LISTING = "news/index.md"
GENERATED_FOLDERS = ("news/archive/", "news/tags/", "news/page/")


def load(context: LoadContext) -> Loaded:
    from plugins.kinds.news.articles import article_names, load_news

    folder = FOLDER.format(docs=context.docs_dir)
    directory = context.root / folder
    if not directory.is_dir():
        return Loaded(model=[], ids=set(), pages=set(), errors=[])
    articles, errors = load_news(context.root, folder, cluster_ids=context.known("clusters"),
                                 province_ids=context.province_ids)
    for article in articles:  # the body's HTML: the editor pages' policy (plugins/model/HTML.md)
        errors.extend(per_input("article html", article.path, lambda: article, lambda: unsafe_html_errors(
            article.body, article.path, article.body_line, BODY_FIELD)))
    names = article_names(directory)
    stems = {name.removesuffix(".md") for name in names}
    pages = {article.src_uri for article in articles} | {LISTING}
    owned = frozenset(f"{DOCS_FOLDER}{name}" for name in names)
    return Loaded(model=articles, ids=stems, pages=pages, errors=errors, owned_pages=owned)


KIND = Kind(
    # what it is · where its records are · its code (schema.yml and templates/ are in PACKAGE)
    name="news", noun="خبر", scaffold_name="news", search_type="news",
    folder=FOLDER, record_glob="*.md", owned_docs=DOCS_FOLDER, generated_folders=GENERATED_FOLDERS, package=PACKAGE,
    load=load, scaffold=lazy("plugins.kinds.news:scaffold_text"),
    shares=lazy("plugins.kinds.news.pages:shares"), collections=lazy("plugins.kinds.news.editor:collections"),
)

"""The news kind in the web editor (plugins/views/admin/): its one collection (``Kind.collections``)."""

from __future__ import annotations

from plugins.views.admin.config import Choices, body_field, form_fields, slug_options


def collections(schema: dict, folder: str, choices: Choices) -> list[dict]:
    """The articles: front matter from the schema, then the body; the file name is the page's URL."""
    return [{
        "name": "news", "label": "اخبار", "label_singular": "خبر", "folder": folder,
        "extension": "md", "format": "yaml-frontmatter", "identifier_field": "title", "summary": "{{title}}",
        "slug": slug_options("نام لاتین پرونده خبر، که نشانی صفحه آن هم می‌شود، مثل isfahan-70-clusters"),
        "fields": [*form_fields(schema, choices), body_field("متن خبر")],
    }]

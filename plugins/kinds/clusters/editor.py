"""The clusters kind in the web editor (plugins/views/admin/): its one collection (``Kind.collections``)."""

from __future__ import annotations

from plugins.views.admin.config import Choices, form_fields


def collections(schema: dict, folder: str, choices: Choices) -> list[dict]:
    """Clusters in their province folders (clusters/<province>/<id>.yml); the id is the file name."""
    return [{
        "name": "clusters", "label": "خوشه‌ها", "label_singular": "خوشه", "description": schema.get("description", ""),
        "folder": folder, "extension": "yml", "format": "yml",
        "path": "{{province}}/{{slug}}", "slug": "{{id}}",
        "identifier_field": "name", "summary": "{{name}}", "sortable_fields": ["name", "id"],
        "fields": form_fields(schema, choices),
    }]

"""The publications kind in the web editor (plugins/views/admin/): a collection per publication type, and
the people (``Kind.collections``)."""

from __future__ import annotations

from plugins.kinds.publications.records import PEOPLE_FOLDER, PEOPLE_SCHEMA
from plugins.model.messages import enum_labels
from plugins.views.admin.config import Choices, form_fields, slug_options


def collections(schema: dict, folder: str, choices: Choices) -> list[dict]:
    return [*publication_collections(schema, folder, choices),
            people_collection(PEOPLE_SCHEMA, f"{folder}/{PEOPLE_FOLDER}", choices)]


def publication_collections(schema: dict, folder: str, choices: Choices) -> list[dict]:
    """One collection per publication type (books, articles …), all in the one publications folder."""
    type_prop = schema["properties"]["type"]
    labels = enum_labels(type_prop, choices.labels)
    fields = [field for field in form_fields(schema, choices) if field["name"] != "type"]
    return [{
        "name": f"publications-{value}", "label": f"انتشارات: {labels.get(value, value)}",
        "label_singular": labels.get(value, value), "folder": folder, "extension": "yml", "format": "yml",
        "filter": {"field": "type", "value": value}, "identifier_field": "title", "summary": "{{title}}",
        "slug": slug_options("شناسه لاتین انتشار (نام پرونده)، مثل cluster-development-guide"),
        "fields": [{"name": "type", "label": type_prop.get("title", "type"), "widget": "hidden", "default": value},
                   *fields],
    } for value in type_prop["enum"]]


def people_collection(schema: dict, folder: str, choices: Choices) -> dict:
    """The people, one file each (publications/people/<id>.yml); the id is the file name."""
    return {
        "name": "people", "label": "افراد", "label_singular": schema.get("title", "فرد"),
        "description": schema.get("description", ""), "folder": folder, "extension": "yml", "format": "yml",
        "create": True, "slug": "{{id}}", "identifier_field": "family", "summary": "{{given}} {{family}}",
        "sortable_fields": ["family", "id"], "fields": form_fields(schema, choices),
    }

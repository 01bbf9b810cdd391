"""The data of the editors' reference page (templates/reference.html): the schema, the rules, the registries.

The page is written from the same schema.yml the build checks records against,
so it always says what the check does.
"""

from __future__ import annotations

import json
from typing import Any

from plugins.model.messages import TYPE_NAMES
from plugins.kinds.clusters.registries import Registries
from plugins.kinds.clusters.rules import RULES
from plugins.kinds.clusters.scaffold import scaffold_text
from plugins.kinds.clusters.schema import SCHEMA
from plugins.kinds.clusters.vocab import STAGES, STATUSES


def field_rows() -> list[dict[str, Any]]:
    """One row per field, then one per field of a mapping (``firms.total``), in the schema's order."""
    rows = []
    required = set(SCHEMA["required"])
    for key, sub in SCHEMA["properties"].items():
        example = sub.get("examples", [""])[0]
        rows.append({"key": key, "schema": sub, "required": key in required,
                     "example": example if isinstance(example, str) else json.dumps(example, ensure_ascii=False)})
        inner = sub if "properties" in sub else sub.get("items", {})
        for inner_key, inner_schema in inner.get("properties", {}).items():
            rows.append({"key": f"{key}.{inner_key}", "schema": inner_schema,
                         "required": inner_key in inner.get("required", []), "example": None})
    return rows


def reference_data(registries: Registries) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "type_names": TYPE_NAMES,
        "fields": field_rows(),
        "rules": RULES,
        "status_terms": list(STATUSES.values()),
        "stage_terms": list(STAGES.values()),
        "registries": registries,
        "sample": scaffold_text("yazd-example", "خوشه نمونه یزد")[1].rstrip(),
    }

"""The cluster record format: ``schema.yml`` (JSON Schema 2020-12), the single source of truth.

The schema file drives validation (:func:`validate_record`, with the one
validator of every kind, :class:`plugins.model.validation.SchemaValidator`,
and the cross-field rules of rules.py), the editors' reference page
(reference.py and templates/reference.html), the template of a new record
(scaffold.py) and the schema published with the open data
(``data/cluster.schema.json``, exports.py), so an editor's YAML editor and the
web editor's forms check a record against the same rules as the build.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from plugins.model.errors import ContentError
from plugins.model.validation import SchemaValidator, read_schema
from plugins.model.yamlio import YamlMap
from plugins.kinds.clusters.registries import Registries
from plugins.kinds.clusters.rules import check_rules
from plugins.kinds.clusters.vocab import STAGES, STATUSES

SCHEMA_FILE = Path(__file__).resolve().parent / "schema.yml"
SCHEMA: dict[str, Any] = read_schema(SCHEMA_FILE)
# A draft needs only its id: the scaffold passes as written, nothing is invented.
DRAFT_SCHEMA: dict[str, Any] = {**SCHEMA, "required": ["id"]}
_FIELD_ROOT = re.compile(r"[.\[]")


def registry_names(registries: Registries) -> dict[str, dict[str, str]]:
    """Each registry the schema names (``x-registry``, ``x-source``, ``x-labels``): id → Persian name."""
    return {
        "provinces": {key: item.name for key, item in registries.provinces.items()},
        "sectors": {key: item.name for key, item in registries.sectors.items()},
        "partners": {key: item.name for key, item in registries.partners.items()},
        "documents": {key: item.title for key, item in registries.documents.items()},
        "statuses": {key: term.name for key, term in STATUSES.items()},
        "stages": {key: term.name for key, term in STAGES.items()},
    }


_VALIDATORS: list[tuple[Registries, SchemaValidator, SchemaValidator]] = []  # of the registries last seen


def validators_for(registries: Registries) -> tuple[SchemaValidator, SchemaValidator]:
    """(record, draft) validators; made once per loaded registries (a build loads them once)."""
    if not _VALIDATORS or _VALIDATORS[0][0] is not registries:
        names = registry_names(registries)
        _VALIDATORS[:] = [(registries, SchemaValidator(SCHEMA, names), SchemaValidator(DRAFT_SCHEMA, names))]
    return _VALIDATORS[0][1], _VALIDATORS[0][2]


def validate_record(data: Any, path: str, registries: Registries) -> tuple[dict | None, list[ContentError]]:
    """Check one parsed record against the schema and the rules.

    Returns (clean values, []) or (None, every problem). Clean values have dates
    as PartialDate, numbers as int/float and strings stripped.
    """
    if not isinstance(data, YamlMap):
        return None, [ContentError(path, 1, 1, "", "پرونده خوشه باید فهرستی از «نام: مقدار» باشد",
                                   "id: …، name: …، province: … هر کدام در یک خط")]
    draft = data.get("draft") is True
    record, draft_record = validators_for(registries)
    validator = draft_record if draft else record
    errors = validator.errors(data, path)
    # The rules run on every field that passed, so one file's problems all come at once.
    failed = {_FIELD_ROOT.split(error.field)[0] for error in errors}
    values = validator.values(YamlMap({key: value for key, value in data.items() if key not in failed}))
    errors += check_rules(values, data, path, registries, draft=draft)
    return (None, errors) if errors else (values, [])

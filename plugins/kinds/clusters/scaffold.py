"""The YAML of a new cluster record (``build.py new cluster``), written from the schema."""

from __future__ import annotations

import json
import re
from typing import Any

from plugins.model.messages import expected
from plugins.kinds.clusters.schema import SCHEMA, registry_names

_SCAFFOLD_MARK = "# ← لازم"


def scaffold_text(cluster_id: str, name: str) -> tuple[str, str]:
    """(relative path, YAML) of a new record for ``build.py new cluster``.

    The record starts as a draft (``draft: true``), so it passes validation as
    written and is not published. Required fields come first, filled when they
    can be (id, name, the province when the id starts with a province id, such
    as ``yazd-…``) and otherwise left empty with a «← لازم» comment; once they
    are filled and the draft line is removed, the record is published. Optional
    fields follow as commented examples. Nothing the source must say is guessed.
    """
    from plugins.kinds.clusters.registries import load_registries

    registries = load_registries()
    names = registry_names(registries)
    provinces = registries.provinces
    province = max((pid for pid in provinces if cluster_id == pid or cluster_id.startswith(pid + "-")), key=len, default="")
    path = f"clusters/{province}/{cluster_id}.yml" if province else f"clusters/{cluster_id}.yml"
    filled = {"id": cluster_id, "name": name.strip(), "province": province}
    lines = [
        "# شناسنامه خوشه؛ راهنمای همه فیلدها: صفحه «راهنمای پرونده خوشه» (clusters/reference/) در سایت.",
        "# فقط آنچه منبع می‌گوید بنویسید؛ فیلدی را که منبع نگفته است خالی نگذارید، حذفش کنید.",
        "# پیش‌نویس: تا این خط هست، خوشه منتشر نمی‌شود. فیلدهای «← لازم» را پر کنید و سپس این خط را بردارید.",
        "draft: true",
    ]
    for key in SCHEMA["required"]:
        sub = SCHEMA["properties"][key]
        if key == "sources":
            lines.append(f"sources:  {_SCAFFOLD_MARK}: {sub['title']}؛ سندی که واقعیت‌ها از آن است")
            lines.append("  - document:   # شناسه سند، مثل source-1 (یا url: و title: برای سندی بیرون از فهرست)")
            lines.append("    note:       # این سند درباره خوشه چه می‌گوید")
            continue
        value = filled.get(key, "")
        comment = "" if value else f"  {_SCAFFOLD_MARK}: {sub['title']}؛ {expected(sub, SCHEMA, names)}"
        lines.append(f"{key}: {_yaml_scalar(value)}{comment}".rstrip())
    lines.append("")
    lines.append("# فیلدهای اختیاری: علامت # را بردارید و مقدار را از منبع بنویسید.")
    lines += _optional_lines()
    return path, "\n".join(lines) + "\n"


def _optional_lines() -> list[str]:
    lines = []
    for key, sub in SCHEMA["properties"].items():
        if key in SCHEMA["required"] or key == "draft":
            continue
        example = sub.get("examples", [None])[0]
        if isinstance(example, (list, dict)):
            lines.append(f"# {key}:  # {sub['title']}")
            lines += [f"#   {line}" for line in _example_lines(example)]
        else:
            lines.append(f"# {key}: {_yaml_scalar(example)}  # {sub['title']}")
    return lines


def _yaml_scalar(value: Any) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    value = str(value)
    if value == "":
        return ""
    plain = re.match(r"^[^\W\d][\w\u200c \-]*$", value) and value.lower() not in ("true", "false", "null")
    if plain:
        return value
    return json.dumps(value, ensure_ascii=False)


def _example_lines(example: Any) -> list[str]:
    if isinstance(example, dict):
        return [f"{key}: {_yaml_scalar(value)}" for key, value in example.items()]
    lines = []
    for item in example:
        if isinstance(item, dict):
            pairs = [f"{key}: {_yaml_scalar(value)}" for key, value in item.items()]
            lines += [f"- {pairs[0]}", *(f"  {pair}" for pair in pairs[1:])]
        else:
            lines.append(f"- {_yaml_scalar(item)}")
    return lines

"""The web editor's config.yml: generated from the schemas, every field there, and the site without Node."""

from __future__ import annotations

from pathlib import Path

import pytest

from plugins.model.site import load_site
from plugins.model.validation import read_schema
from plugins.views.admin import bundle
from plugins.views.admin.config import resolved, site_cms_config

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def config():
    site = load_site(ROOT, docs_dir="content")
    return site_cms_config(site, "owner/khooshe", "main", "https://khooshe.example.org/")


def collection(config, name):
    return next(item for item in config["collections"] if item["name"] == name)


def schema_paths(schema: dict, defs: dict | None = None, prefix: str = "") -> set[str]:
    """Every property of a schema, nested ones as parent.child (list items too)."""
    defs = schema.get("$defs", {}) if defs is None else defs
    paths = set()
    for name, prop in schema.get("properties", {}).items():
        prop = resolved(prop, defs)
        paths.add(prefix + name)
        items = resolved(prop.get("items", {}), defs)
        paths |= schema_paths(prop, defs, f"{prefix}{name}.") | schema_paths(items, defs, f"{prefix}{name}.")
    return paths


def field_paths(fields: list[dict], prefix: str = "") -> set[str]:
    paths = set()
    for field in fields:
        paths.add(prefix + field["name"])
        paths |= field_paths(field.get("fields", []), f"{prefix}{field['name']}.")
    return paths


def test_every_schema_field_is_in_the_generated_forms(config):
    from plugins.model.page_meta import SCHEMA as PAGE_SCHEMA

    kinds = {"clusters": "plugins/kinds/clusters/schema.yml", "news": "plugins/kinds/news/schema.yml",
             "publications-book": "plugins/kinds/publications/schema.yml",
             "people": "plugins/kinds/publications/people.schema.yml"}
    for name, schema_file in kinds.items():
        missing = schema_paths(read_schema(ROOT / schema_file)) - field_paths(collection(config, name)["fields"])
        assert not missing, (name, missing)
    for item in config["collections"]:
        if item["name"].startswith("pages-"):
            assert not schema_paths(PAGE_SCHEMA) - field_paths(item["fields"]), item["name"]


def test_registries_are_drop_downs_of_persian_names_storing_ids(config):
    from plugins.model.provinces import load_provinces

    fields = {field["name"]: field for field in collection(config, "clusters")["fields"]}
    assert fields["province"]["widget"] == "select"
    assert {option["value"]: option["label"] for option in fields["province"]["options"]} == {
        key: province.name for key, province in load_provinces().items()}
    assert {option["value"] for option in fields["status"]["options"]} == {"identified", "studied", "active", "completed"}
    assert "شناسایی‌شده" in [option["label"] for option in fields["status"]["options"]]
    assert fields["partners"]["multiple"] is True


def test_references_name_records_of_other_kinds(config):
    news = {field["name"]: field for field in collection(config, "news")["fields"]}
    assert news["clusters"] | {"widget": "relation", "collection": "clusters", "value_field": "id", "multiple": True} \
        == news["clusters"]
    book = {field["name"]: field for field in collection(config, "publications-book")["fields"]}
    for role in ("authors", "translators"):
        assert book[role] | {"widget": "relation", "collection": "people", "value_field": "id", "multiple": True,
                             "display_fields": ["given", "family"]} == book[role]


def test_people_are_a_collection_an_editor_can_add_to_one_file_each(config):
    """A new person is a new file publications/people/<id>.yml; publications' folder does not list them."""
    people = collection(config, "people")
    assert (people["folder"], people["create"], people["slug"], people["extension"]) == (
        "publications/people", True, "{{id}}", "yml")
    assert "files" not in people and "path" not in people
    fields = {field["name"]: field for field in people["fields"]}
    assert fields["id"]["required"] and fields["id"]["pattern"][0] == "^[a-z0-9]+(-[a-z0-9]+)*$"
    assert fields["family"]["required"] and not fields["given"]["required"]
    assert all("path" not in item and "nested" not in item
               for item in config["collections"] if item.get("folder") == "publications")


def test_dates_are_typed_as_editors_write_them_and_no_field_writes_false(config):
    def walk(fields):
        for field in fields:
            yield field
            yield from walk(field.get("fields", []))

    every = [field for item in config["collections"] for field in walk(item["fields"])]
    assert not [field for field in every if field["widget"] in ("datetime", "date", "boolean")]
    added = next(field for field in collection(config, "news")["fields"] if field["name"] == "added")
    assert added["widget"] == "string" and added["pattern"][0].startswith("^")
    assert config["output"]["omit_empty_optional_fields"] is True


def test_file_names_are_latin_and_clusters_live_in_their_province_folder(config):
    clusters = collection(config, "clusters")
    assert (clusters["folder"], clusters["path"], clusters["slug"]) == ("clusters", "{{province}}/{{slug}}", "{{id}}")
    assert collection(config, "news")["slug"]["pattern"][0] == "^[a-z0-9]+(-[a-z0-9]+)*$"


def test_without_node_the_site_is_built_without_admin_saying_so_in_one_persian_line(new_project, tmp_path, monkeypatch):
    monkeypatch.setattr(bundle, "CACHE", tmp_path / "no-cache")
    monkeypatch.setenv("PATH", str(tmp_path))  # no node, no npm
    built = new_project().build()
    assert built.code == 0, built.output
    assert not (built.site / "admin").exists() and (built.site / "index.html").exists()
    lines = [line for line in built.output.splitlines() if "/admin/" in line]
    assert len(lines) == 1 and "Node.js" in lines[0] and "ساخته نشد" in lines[0]


def test_a_cached_bundle_is_reused_without_running_npm_or_vite(monkeypatch):
    bundle.admin_bundle()  # built (or already cached) by this machine's Node
    monkeypatch.setattr(bundle, "run", lambda *args, **kwargs: pytest.fail("npm or vite ran again"))
    monkeypatch.setenv("PATH", "")
    assert (bundle.admin_bundle().folder / bundle.admin_bundle().script).is_file()

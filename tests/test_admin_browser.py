"""The web editor at /admin/ in a real headless Chromium, offline: an editor's whole round trip.

Sveltia CMS's local-repository mode asks the browser for a folder (``showDirectoryPicker``),
which Playwright cannot click. The one test double: the picker hands the CMS a browser-storage
folder (the origin-private file system), filled from a clone of the shipped content before
sign-in and copied back to the clone after the saves. Everything else is real: the built site,
the bundle, config.yml, the CMS's forms and the files it writes. Every request to a host other
than the local server is aborted and counted.
"""

from __future__ import annotations

import gzip
import io
import functools
import json
import os
import re
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
import yaml

from plugins.views.admin.bundle import SOURCE

SOURCE_FOLDERS = ("clusters", "publications", "content")
EDITED = "clusters/yazd/yazd-ceramic.yml"
NEW_NAME = "خوشه صنعتی کاشی و سرامیک یزد"
SECOND_NAME = "خوشه صنعتی سرامیک و کاشی یزد"
NEWS_ID = "qom-shoes-meeting"
NEW_CLUSTER = "clusters/qom/qom-stone.yml"
NEW_PERSON = "publications/people/ali-rezaei.yml"
CREDITING = "publications/cluster-or-industrial-cluster.yml"  # an article by jahangir-majidi
SCREENSHOT_ENV = "KHOOSHE_ADMIN_SCREENSHOT"  # where to keep the editor's picture (README's screenshot)


@functools.cache
def sveltia_persian() -> dict[str, str]:
    """Sveltia's own Persian labels. Read on first use: the first build installs node_modules."""
    return json.loads((SOURCE / "node_modules/@sveltia/cms/locales/fa.json").read_text(encoding="utf-8"))


def fa(key: str) -> str:
    return sveltia_persian()[key]


FILL_STORAGE = """async (files) => {
  const root = await navigator.storage.getDirectory();
  for await (const name of root.keys()) await root.removeEntry(name, {recursive: true});
  await root.getDirectoryHandle('.git', {create: true});
  for (const [path, text] of Object.entries(files)) {
    const parts = path.split('/');
    let folder = root;
    for (const part of parts.slice(0, -1)) folder = await folder.getDirectoryHandle(part, {create: true});
    const writable = await (await folder.getFileHandle(parts.at(-1), {create: true})).createWritable();
    await writable.write(text);
    await writable.close();
  }
}"""
READ_STORAGE = """async () => {
  const files = {};
  async function walk(folder, prefix) {
    for await (const [name, handle] of folder.entries()) {
      if (name === '.git') continue;
      if (handle.kind === 'directory') await walk(handle, prefix + name + '/');
      else files[prefix + name] = await (await handle.getFile()).text();
    }
  }
  await walk(await navigator.storage.getDirectory(), '');
  return files;
}"""


def source_files(root: Path) -> dict[str, str]:
    return {path.relative_to(root).as_posix(): path.read_text(encoding="utf-8")
            for folder in SOURCE_FOLDERS for path in sorted((root / folder).rglob("*"))
            if path.is_file() and path.suffix in (".yml", ".md")}


def check_output(root: Path) -> tuple[int, str]:
    from plugins.cli.check import run_check

    out = io.StringIO()
    with redirect_stdout(out), redirect_stderr(out):
        status = run_check(root, "text")
    return status, out.getvalue()


@pytest.fixture(scope="module")
def admin_run(tmp_path_factory, browser, serve):
    """One editor session on a clone of the shipped content: what was loaded, aborted and written."""
    from conftest import Project

    project = Project(tmp_path_factory.mktemp("admin") / "project")
    project.copy_shipped_content()
    built = project.build()
    assert built.code == 0, built.output
    before = source_files(project.root)
    base = serve(built.site)
    context = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 900})
    requests: dict[str, list[str]] = {"local": [], "aborted": []}

    def route(route):
        url = route.request.url
        if url.startswith(base):
            requests["local"].append(url)
            route.continue_()
        elif url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            requests["aborted"].append(url)
            route.abort()

    context.route("**/*", route)
    context.add_init_script("window.showDirectoryPicker = async () => navigator.storage.getDirectory();")
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    tab.goto(base + "admin/")
    sign_in = tab.get_by_role("button", name=fa("work_with_local_repo"))
    sign_in.wait_for()
    first_open = list(requests["local"])
    run = {"project": project, "before": before, "base": base, "tab": tab, "requests": requests, "errors": errors,
           "first_open": first_open, "dir": tab.evaluate("document.documentElement.dir"),
           "lang": tab.evaluate("document.documentElement.lang"), "site": built.site}
    tab.evaluate(FILL_STORAGE, before)
    sign_in.click()
    tab.get_by_role("button", name=fa("create")).first.wait_for()
    later = tab.get_by_role("button", name="Later")  # Sveltia offers the browser's language once
    if later.count():
        later.click()
    run["sidebar"] = tab.locator("body").inner_text()
    try:
        edit_cluster_name(tab, base)
        run["first_save"] = tab.evaluate(READ_STORAGE)[EDITED]
        for step in (edit_cluster_name_again, create_news, create_cluster, create_person, credit_person):
            step(tab, base)
    except Exception:
        tab.screenshot(path=str(project.root / "failure.png"))
        print(tab.evaluate("[...document.querySelectorAll('[data-key-path]')].map(e => e.dataset.keyPath + ':' + e.dataset.fieldType + ':' + e.querySelectorAll('input,textarea,[role=textbox]').length)"))
        raise
    run["after"] = tab.evaluate(READ_STORAGE)
    yield run
    context.close()


def field(tab, key_path: str):
    """A field of the form by its key path; the CMS renders fields as they are scrolled into view."""
    target = tab.locator(f'[data-key-path="{key_path}"][aria-label]')  # the form's, not the preview's
    for _ in range(50):
        if target.count():
            break
        tab.locator("[data-key-path][aria-label]").last.scroll_into_view_if_needed()
        tab.wait_for_timeout(100)
    target.first.scroll_into_view_if_needed()
    return target.first


def fill(tab, key_path: str, text: str) -> None:
    field(tab, key_path).get_by_role("textbox").fill(text)


def fill_all(tab, texts: dict[str, str]) -> None:
    for key_path, text in texts.items():
        fill(tab, key_path, text)


def choose(tab, key_path: str, label: str) -> None:
    """A drop-down (or, for a few choices, radio buttons) of a form field: pick by its Persian label."""
    box = field(tab, key_path)
    radio = box.get_by_role("radio", name=label, exact=True)
    if radio.count():
        radio.click()
        return
    box.get_by_role("combobox").first.click()
    tab.get_by_role("option", name=label, exact=True).first.click()


def save(tab) -> None:
    tab.get_by_role("button", name=fa("save"), exact=True).click()
    tab.get_by_role("button", name=fa("create")).first.wait_for()  # the editor closes after a save


def open_collection(tab, base: str, name: str) -> None:
    tab.goto(f"{base}admin/#/collections/{name}")
    tab.get_by_role("button", name=fa("create")).first.wait_for()


def new_entry(tab, base: str, collection: str) -> None:
    """The collection's form for a new record, opened as an editor does: its list, then «create»."""
    open_collection(tab, base, collection)
    tab.get_by_role("button", name=fa("create")).first.click()


def edit_cluster_name(tab, base: str, old: str = "خوشه صنعتی سرامیک یزد", new: str = NEW_NAME) -> None:
    open_collection(tab, base, "clusters")
    tab.goto(f"{base}admin/#/collections/clusters/entries/yazd/yazd-ceramic")  # the list draws rows as they scroll in
    assert field(tab, "name").get_by_role("textbox").input_value() == old
    fill(tab, "name", new)
    if os.environ.get(SCREENSHOT_ENV) and new == NEW_NAME:
        tab.screenshot(path=os.environ[SCREENSHOT_ENV])
    save(tab)


def edit_cluster_name_again(tab, base: str) -> None:
    """A second save of the same file: the CMS's own output is stable (only the edited line changes)."""
    edit_cluster_name(tab, base, NEW_NAME, SECOND_NAME)


def create_news(tab, base: str) -> None:
    new_entry(tab, base, "news")
    fill(tab, "title", "نشست فعالان خوشه کفش قم")
    tab.get_by_role("textbox", name=fa("slug")).fill(NEWS_ID)
    fill_all(tab, {"date": "1405-09-10", "added": "1405-09-12",
                   "summary": "فعالان خوشه کفش قم درباره برنامه توسعه خوشه گفت‌وگو کردند.",
                   "source.publisher": "شرکت شهرک‌های صنعتی استان قم", "body": "فعالان خوشه کفش قم گرد هم آمدند."})
    save(tab)


def create_cluster(tab, base: str) -> None:
    new_entry(tab, base, "clusters")
    fill(tab, "id", "qom-stone")
    fill(tab, "name", "خوشه سنگ قم")
    choose(tab, "province", "قم")
    choose(tab, "sector", "سنگ، سرامیک، سفال و آجر")
    choose(tab, "status", "شناسایی‌شده")
    field(tab, "sources").get_by_role("button", name=re.compile("افزودن")).click()
    choose(tab, "sources.0.document", "خوشه‌های صنعتی")
    fill(tab, "sources.0.note", "در فهرست خوشه‌های استان قم آمده است.")
    save(tab)


def create_person(tab, base: str) -> None:
    """A new author: a new file in the people's folder, named by the id typed."""
    new_entry(tab, base, "people")
    fill_all(tab, {"id": "ali-rezaei", "given": "علی", "family": "رضایی"})
    save(tab)


def credit_person(tab, base: str) -> None:
    """The new person chosen, by their Persian name, as a second author of an article."""
    open_collection(tab, base, "publications-article")
    tab.goto(f"{base}admin/#/collections/publications-article/entries/cluster-or-industrial-cluster")
    choose(tab, "authors", "علی رضایی")
    save(tab)


def collection_counts(config: dict, files: dict[str, str]) -> dict[str, int]:
    counts = {}
    for collection in config["collections"]:
        folder = collection["folder"] + "/"
        deep = "/" in collection.get("path", "")
        names = [path for path in files if path.startswith(folder) and path.endswith("." + collection["extension"])
                 and (deep or "/" not in path[len(folder):])]
        if "filter" in collection:
            wanted = collection["filter"]
            records = {path: yaml.safe_load(files[path]) for path in names}
            names = [path for path, data in records.items()
                     if isinstance(data, dict) and data.get(wanted["field"]) == wanted["value"]]
        counts[collection["label"]] = len(names)
    return counts


PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def test_admin_opens_in_persian_right_to_left_whatever_the_browser_language(admin_run):
    assert admin_run["dir"] == "rtl" and admin_run["lang"].startswith("fa")
    assert fa("work_with_local_repo")  # the button found above is the Persian one


def test_admin_lists_every_record_of_the_shipped_content(admin_run):
    config = yaml.safe_load((admin_run["site"] / "admin" / "config.yml").read_text(encoding="utf-8"))
    counts = collection_counts(config, admin_run["before"])
    assert sum(counts.values()) == len(admin_run["before"]) - 1  # all but reported.yml
    for label, count in counts.items():
        assert re.search(re.escape(label) + r"\s+" + str(count).translate(PERSIAN_DIGITS) + r"\b",
                         admin_run["sidebar"]), (label, count)


@pytest.fixture(scope="module")
def written(admin_run):
    """The CMS's files copied back to the clone: {path: (before or None, after)} of those that changed."""
    project, before, after = admin_run["project"], admin_run["before"], admin_run["after"]
    changed = {path: (before.get(path), text) for path, text in after.items() if before.get(path) != text}
    for path, (_, text) in changed.items():
        project.write(path, text)
    return changed


def plain(value):
    """A parsed YAML value as check reads it: text without the spaces around it."""
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value.strip() if isinstance(value, str) else value


def key_order(value) -> list:
    if isinstance(value, dict):
        return [(key, key_order(item)) for key, item in value.items()]
    if isinstance(value, list):
        return [key_order(item) for item in value]
    return []


def test_the_cms_writes_only_the_files_the_editor_saved(written):
    assert sorted(written) == sorted([EDITED, NEW_CLUSTER, f"content/news/{NEWS_ID}.md", NEW_PERSON, CREDITING])


def test_an_edited_record_keeps_every_untouched_value_and_the_key_order(written):
    old, new = (yaml.safe_load(text) for text in written[EDITED])
    assert new["name"] == SECOND_NAME
    assert plain({**new, "name": None}) == plain({**old, "name": None})
    assert key_order(new) == key_order(old)


def test_a_second_save_changes_only_the_edited_line(admin_run, written):
    first, second = admin_run["first_save"].splitlines(), written[EDITED][1].splitlines()
    assert [(a, b) for a, b in zip(first, second) if a != b] == [(f"name: {NEW_NAME}", f"name: {SECOND_NAME}")]
    assert len(first) == len(second)


def test_new_records_hold_what_was_typed_and_nothing_empty(written):
    """Persian text byte for byte as typed; no empty value or false for a field left alone."""
    assert written[f"content/news/{NEWS_ID}.md"][1] == (
        "---\ntitle: نشست فعالان خوشه کفش قم\ndate: 1405-09-10\nadded: 1405-09-12\n"
        "summary: فعالان خوشه کفش قم درباره برنامه توسعه خوشه گفت‌وگو کردند.\n"
        "source:\n  publisher: شرکت شهرک‌های صنعتی استان قم\n---\n\nفعالان خوشه کفش قم گرد هم آمدند.\n")
    assert written[NEW_CLUSTER][1] == (
        "id: qom-stone\nname: خوشه سنگ قم\nprovince: qom\nsector: non-metallic-minerals\nstatus: identified\n"
        "sources:\n  - document: source-4\n    note: در فهرست خوشه‌های استان قم آمده است.\n")
    assert written[NEW_PERSON] == (None, "id: ali-rezaei\ngiven: علی\nfamily: رضایی\n")


def test_a_relation_field_stores_the_id_of_the_person_chosen_by_name(written):
    old, new = (yaml.safe_load(text) for text in written[CREDITING])
    assert new["authors"] == ["jahangir-majidi", "ali-rezaei"]
    assert plain({**new, "authors": None}) == plain({**old, "authors": None})


def test_what_the_cms_wrote_passes_check_and_the_rebuilt_site_shows_it(admin_run, written):
    project = admin_run["project"]
    status, output = check_output(project.root)
    assert status == 0, output
    built = project.build()
    assert built.code == 0, built.output
    assert "نشست فعالان خوشه کفش قم" in built.page(f"news/{NEWS_ID}/")
    assert "خوشه سنگ قم" in built.page("clusters/qom-stone/")
    assert SECOND_NAME in built.page("clusters/yazd-ceramic/")
    assert "کلاستر یا خوشه صنعتی" in built.page("people/ali-rezaei/")
    assert "علی رضایی" in built.page("publications/cluster-or-industrial-cluster/")


def test_the_admin_asks_no_other_host(admin_run, written):
    assert admin_run["requests"]["aborted"] == []
    assert not admin_run["errors"]


def test_bytes_the_admin_loads_on_first_open(admin_run, capsys):
    site, base = admin_run["site"], admin_run["base"]
    paths = {url[len(base):].split("#")[0].split("?")[0] for url in admin_run["first_open"]}
    sizes = {path: (site / (path + "index.html" if path.endswith("/") else path)).stat().st_size for path in paths}
    total = sum(sizes.values())
    gzipped = sum(len(gzip.compress((site / path if not path.endswith("/") else site / path / "index.html").read_bytes()))
                  for path in sizes)
    with capsys.disabled():
        print(f"\n/admin/ first open: {len(sizes)} files, {total} bytes ({gzipped} gzipped): {sorted(sizes.items())}")
    # The CMS's main chunk (2.2 MB), its icon font (0.75 MB), its Persian strings, config.yml and Vazirmatn.
    assert total < 3_500_000, sizes


def test_public_pages_load_nothing_of_the_admin(admin_run, browser):
    for page in admin_run["site"].rglob("*.html"):
        if "admin" not in page.relative_to(admin_run["site"]).parts:
            assert "admin/" not in page.read_text(encoding="utf-8"), page
    context = browser.new_context()
    tab = context.new_page()
    urls: list[str] = []
    tab.on("request", lambda request: urls.append(request.url))
    tab.goto(admin_run["base"])
    tab.wait_for_load_state("networkidle")
    context.close()
    assert urls and not [url for url in urls if "/admin/" in url]


def test_the_admin_has_the_whole_font_while_the_site_has_its_cut(admin_run):
    """The site's fonts hold only what its pages show; the editor's interface shows more."""
    root = Path(__file__).resolve().parents[1]
    for name in ("Vazirmatn-Regular.woff2", "Vazirmatn-Bold.woff2"):
        whole = (root / "content" / "assets" / "fonts" / name).read_bytes()
        assert (admin_run["site"] / "admin" / "fonts" / name).read_bytes() == whole
        assert len((admin_run["site"] / "assets" / "fonts" / name).read_bytes()) < len(whole) / 2
    page = (admin_run["site"] / "admin" / "index.html").read_text(encoding="utf-8")
    assert 'url("../admin/fonts/Vazirmatn-Regular.woff2")' in page

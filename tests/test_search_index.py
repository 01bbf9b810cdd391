"""The split index files: postings, shards, facets, snippet parts, and the build that writes them."""

from __future__ import annotations

import json
import os
import re
import signal
from pathlib import Path


from plugins.model.page_meta import check_page
from plugins.model.folding import STOPWORDS
from plugins.views.search.analysis import base_key, rules_table
from plugins.views.search.extract import page_blocks
from plugins.views.search.index import (
    CONT,
    IN_TITLE,
    TERMINAL,
    WEIGHT,
    IndexBuilder,
    IndexMemory,
    SearchDoc,
    decode_postings,
    fnv1a,
    varint,
)

from plugins.views.search.pages import search_doc, with_text

PROVINCES = {"isfahan": "اصفهان", "yazd": "یزد"}


def build(docs, **options) -> dict[str, bytes]:
    builder = IndexBuilder(**options)
    for doc in docs:
        builder.add(doc)
    return builder.build(PROVINCES)


def read(files, name):
    return json.loads(files[name].decode("utf-8"))


def postings(files, key) -> dict[int, int]:
    """Page id → weight under a key, read the way the browser reads it (function words from their own shards)."""
    manifest = read(files, "manifest.json")
    if key in STOPWORDS:
        shard = read(files, f"s/{fnv1a(key) % manifest['stop_shards']}.json")
    else:
        shard = read(files, f"t/{fnv1a(base_key(key)) % manifest['shards']}.json")
    return dict(decode_postings(shard[key])) if key in shard else {}


def doc_ids(files) -> dict[str, int]:
    manifest = read(files, "manifest.json")
    return {read(files, f"d/{n}.json")["u"]: n for n in range(manifest["docs"])}


DOCS = [
    SearchDoc(url="clusters/yazd-ceramic/", title="خوشه سرامیک یزد", type="cluster", province="yazd",
              blocks=[("p", "خوشه‌های سرامیک یزد در شهرک‌های صنعتی فعال‌اند.")]),
    SearchDoc(url="news/isfahan-70/", title="هفتاد خوشه در اصفهان", type="news", province="isfahan",
              blocks=[("h", "شناسایی"), ("p", "حدود ۷۰ خوشه کسب و کار در استان اصفهان شناسایی شده است.")]),
    SearchDoc(url="method/", title="روش‌شناسی", blocks=[("p", "مطالعه شناختی، اعتمادسازی و برنامه‌ریزی عمل.")]),
]


def test_fnv1a_and_varint():
    assert fnv1a("") == 0x811C9DC5
    assert fnv1a("a") == 0xE40C292C
    assert fnv1a("foobar") == 0xBF9CF968
    assert varint(0) == TERMINAL[0] and varint(31) == TERMINAL[31]
    assert varint(32) == CONT[1] + TERMINAL[0]
    assert decode_postings(varint(5) + WEIGHT[9] + varint(1000) + WEIGHT[63]) == [(5, 9), (1005, 63)]


def test_keys_find_plurals_compounds_and_digits():
    files = build(DOCS)
    ids = doc_ids(files)
    assert set(postings(files, "خوشه")) == {ids["clusters/yazd-ceramic/"], ids["news/isfahan-70/"]}
    assert set(postings(files, "خوشههای")) == {ids["clusters/yazd-ceramic/"]}
    assert set(postings(files, "کسبوکار")) == {ids["news/isfahan-70/"]}  # «کسب و کار», written apart
    assert set(postings(files, "70")) == {ids["news/isfahan-70/"]}  # «۷۰» in Persian digits
    assert set(postings(files, "برنامهریزی")) == {ids["method/"]}


def test_a_page_is_under_the_form_it_holds_and_under_the_lemma_only_when_it_lacks_that_form():
    files = build(DOCS)
    ids = doc_ids(files)
    # «خوشه» itself: the news item («۷۰ خوشه»); the cluster says «خوشه» in its title, «خوشه‌های» in its text
    assert set(postings(files, "خوشه")) == {ids["clusters/yazd-ceramic/"], ids["news/isfahan-70/"]}
    assert postings(files, "~خوشه") == {}
    # only «شهرک‌های» on the cluster page: under the lemma key, not under «شهرک»
    assert postings(files, "شهرک") == {}
    assert set(postings(files, "~شهرک")) == {ids["clusters/yazd-ceramic/"]}
    manifest = read(files, "manifest.json")
    assert "~شهرک" in read(files, f"t/{fnv1a('شهرک') % manifest['shards']}.json")  # beside «شهرک»: no extra fetch


def test_the_previews_index_after_each_edit_is_the_index_built_afresh():
    """The preview redoes only what an edit reaches; another page's keys change when a word joins the site."""
    memory = IndexMemory()
    other = SearchDoc(url="news/gold/", title="طلای زرین", type="news", province="isfahan",
                      blocks=[("p", "زرینک‌ها در بازار زرین پیش‌نما دیده شدند.")])  # not words until a page has them
    edits = [
        DOCS + [other],
        DOCS[:2] + [SearchDoc(url="method/", title="روش‌شناسی", blocks=[("p", "زرینک و زرین‌پیش‌نما.")]), other],
        DOCS[:2] + [SearchDoc(url="method/", title="روش‌شناسی", blocks=[("p", "زرینک و زرین‌پیش‌نما."), ("p", "و")]),
                    other],  # the same words, a longer page: every weight may move
        DOCS + [other],  # the words leave again
        DOCS[1:] + [other],  # a page goes: the pages are numbered again
    ]
    ids = None
    for docs in edits:
        preview = IndexBuilder(memory=memory)
        for doc in docs:
            preview.add(doc)
        files = preview.build(PROVINCES)
        assert files == build(docs)
        if ids is None:
            ids = doc_ids(files)
            assert postings(files, "~زرینک") == {} and postings(files, "زرینپیشنما") == {}
    assert set(postings(build(edits[1]), "~زرینک")) == {ids["news/gold/"]}
    assert set(postings(build(edits[1]), "زرینپیشنما")) == {ids["method/"], ids["news/gold/"]}


def test_function_words_are_indexed_in_their_own_shards():
    files = build(DOCS)
    ids = doc_ids(files)
    manifest = read(files, "manifest.json")
    assert set(postings(files, "در")) == {ids["clusters/yazd-ceramic/"], ids["news/isfahan-70/"]}
    assert set(postings(files, "است")) == {ids["news/isfahan-70/"]}
    ordinary = {key for n in range(manifest["shards"]) for key in read(files, f"t/{n}.json")}
    stops = {key for n in range(manifest["stop_shards"]) for key in read(files, f"s/{n}.json")}
    assert stops == {"در", "است", "شده", "و"} and not ordinary & set(STOPWORDS)


def test_a_word_in_the_title_weighs_more_than_in_the_text():
    files = build(DOCS)
    ids = doc_ids(files)
    # the browser reads «in the title» from the weight: IN_TITLE and up
    assert postings(files, "یزد")[ids["clusters/yazd-ceramic/"]] >= IN_TITLE
    assert postings(files, "~شهرک")[ids["clusters/yazd-ceramic/"]] < IN_TITLE
    assert 0 < postings(files, "استان")[ids["news/isfahan-70/"]] < IN_TITLE <= postings(files, "هفتاد")[ids["news/isfahan-70/"]]


def test_manifest_facets_and_labels():
    files = build(DOCS)
    manifest = read(files, "manifest.json")
    ids = doc_ids(files)
    assert manifest["docs"] == 3
    types = dict(manifest["types"])
    assert types == {"cluster": "خوشه", "news": "خبر", "publication": "انتشار", "person": "شخص",
                     "listing": "فهرست", "guide": "راهنما"}

    def facet(url, field, labels):
        return labels[WEIGHT.index(manifest[field][ids[url]])][0]

    assert facet("clusters/yazd-ceramic/", "ft", manifest["types"]) == "cluster"
    assert facet("method/", "ft", manifest["types"]) == "guide"
    assert facet("news/isfahan-70/", "fp", manifest["provinces"]) == "isfahan"
    assert facet("method/", "fp", manifest["provinces"]) == ""
    assert ["yazd", "یزد"] in manifest["provinces"]
    # a listing only repeats what the records it lists say: the browser weighs its score less
    assert dict(zip(types, manifest["tw"])) == {"cluster": 1.0, "news": 1.0, "publication": 1.0, "person": 1.0,
                                                "listing": 0.6, "guide": 1.0}
    assert re.fullmatch(r"[0-9a-f]{12}", manifest["v"])


def test_every_key_is_in_its_shard_and_shards_stay_small():
    many = [SearchDoc(url=f"p/{n}/", title=f"صفحه {n}", blocks=[("p", f"واژه{n} خوشه متن {n * 7}")]) for n in range(400)]
    files = build(many, shard_bytes=2048)
    manifest = read(files, "manifest.json")
    assert manifest["shards"] > 5
    for number in range(manifest["shards"]):
        shard = read(files, f"t/{number}.json")
        assert all(fnv1a(key) % manifest["shards"] == number for key in shard)
    sizes = sorted(len(files[f"t/{n}.json"]) for n in range(manifest["shards"]))
    assert sizes[len(sizes) // 2] < 2 * 2048


def test_long_pages_are_cut_into_snippet_parts():
    words = " ".join(f"واژه{n}" for n in range(2000))
    files = build([SearchDoc(url="long/", title="بلند", blocks=[("p", words), ("h", "پایان"), ("p", "آخر")])],
                  part_chars=1000)
    first = read(files, "d/0.json")
    assert first["u"] == "long/" and first["t"] == "بلند" and first["n"] > 10
    texts = [block[1] for block in first["x"]]
    for part in range(1, first["n"]):
        texts += [block[1] for block in read(files, f"d/0-{part}.json")["x"]]
    assert all(len(text) <= 1000 for text in texts)
    assert " ".join(texts[:-2]) == words and texts[-2:] == ["پایان", "آخر"]


def test_the_index_is_deterministic():
    assert build(DOCS) == build(list(reversed(DOCS)))


def test_page_text_is_what_the_reader_sees_block_by_block():
    html = ('<h2 id="a">سرفصل<a class="headerlink" href="#a">&para;</a></h2>\n'
            '<p>متن &amp; <em>پررنگ</em><br>خط   دوم</p>'
            '<script>var x = "<p>نه</p>";</script><!-- <p>نه</p> -->'
            '<div data-search-exclude><p>نه</p></div>'
            '<ul><li>یک</li><li>دو <span aria-hidden="true">نه</span></li></ul>'
            '<svg><text>نه</text><path d="M0"/></svg><p title="a > b">آخر<img src="x.png"/></p></span>پایان')
    assert page_blocks(html) == [
        ("h", "سرفصل"), ("p", "متن & پررنگ"), ("p", "خط دوم"), ("p", "یک"), ("p", "دو"), ("p", "آخر"), ("p", "پایان"),
    ]


def test_search_doc_takes_type_and_province_from_the_validated_front_matter():
    doc = search_doc(url="x/", title="آزمون", meta={"type": "news", "province": "yazd"})
    assert (doc.type, doc.province) == ("news", "yazd")
    assert with_text(doc, "<h1>آزمون</h1><p>متن</p>").blocks == [("p", "متن")]  # the <h1> is the title


def test_an_unknown_type_or_province_is_reported_by_the_page_schema_not_by_search():
    page = check_page("---\ntitle: «آزمون»\ntype: blog\nprovince: atlantis\n---\nمتن\n", "content/x.md")
    assert [(error.line, error.column, error.field, error.message) for error in sorted(page.errors)] == [
        (3, 7, "type", "«blog» نوع صفحه شناخته‌شده‌ای نیست"),
        (4, 1, "province", "فیلد ناشناخته است"),
    ]


def test_search_doc_exclusion_and_defaults():
    assert search_doc(url="", title="خانه", meta={"search": {"exclude": True}}) is None
    doc = search_doc(url="faq/", title="پرسش‌ها", meta={})
    assert (doc.type, doc.province) == ("guide", "")


# --------------------------------------------------------------------------- a real build


def only_search(config: str, options: str = "") -> str:
    """The shipped mkdocs.yml with no nav and khooshe-search as its only plugin: a site of just the test's pages."""
    config = re.sub(r"\nnav:\n(?:[ #].*\n|\n)*", "\n", config)
    plugin = f"  - khooshe-search:\n      {options}\n" if options else "  - khooshe-search\n"
    return re.sub(r"\nplugins:\n(?:  - .*\n)+", lambda _: "\nplugins:\n" + plugin, config)


def small_project(make_project, pages: dict[str, str], options: str = ""):
    """A project of just these pages (no shipped content, no other plugin); ``options``: one line of the plugin's."""
    project = make_project(shipped=False)
    config = (project.root / "mkdocs.yml").read_text(encoding="utf-8")
    project.write("mkdocs.yml", only_search(config, options))
    for relpath, text in pages.items():
        project.write(relpath, text)
    return project


def small_site(make_project, tmp_path, pages: dict[str, str], options: str = ""):
    """The built project of just these pages."""
    (tmp_path / "project").mkdir(exist_ok=True)  # conftest's Project copies into it without creating it
    result = small_project(make_project, pages, options).build()
    assert result.code == 0, result.output
    return result


SMALL_PAGES = {
    "content/index.md": "---\ntitle: خانه\n---\n\n# خانه\n\nدانشنامه خوشه‌های صنعتی ایران.\n",
    "content/guide/cda.md": "---\ntitle: عامل توسعه خوشه\ntype: guide\n---\n\n# عامل توسعه خوشه\n\n"
                            "عامل توسعه خوشه (CDA) پروژه را راهبری می‌کند.\n",
}


def test_the_build_writes_the_index_and_the_search_box(make_project, tmp_path):
    result = small_site(make_project, tmp_path, SMALL_PAGES)
    index = result.site / "search"
    assert json.loads((index / "rules.json").read_text(encoding="utf-8")) == rules_table()
    manifest = json.loads((index / "manifest.json").read_text(encoding="utf-8"))
    urls = {json.loads((index / "d" / f"{n}.json").read_text(encoding="utf-8"))["u"] for n in range(manifest["docs"])}
    assert {"", "guide/cda/"} <= urls
    assert not (result.site / "search" / "search_index.json").exists()
    html = result.page("guide/cda/")
    assert 'data-khooshe-search' in html
    assert 'data-site="../.." data-index="../../search/"' in html
    # the 404 page is served at any depth: it names the index from the site root (site_url's path)
    assert 'data-site="/." data-index="/search/"' in (result.site / "404.html").read_text(encoding="utf-8")
    assert 'name="search"' not in html  # Material's bundle would fetch search_index.json for such a form
    assert 'data-md-component="search"' not in html
    assert "assets/khooshe/search.js" in html and "assets/khooshe/search.css" in html
    assert 'placeholder="جست‌وجو در خوشه‌ها، اخبار و انتشارات"' in html
    assert (result.site / "assets" / "khooshe" / "search.js").read_text(encoding="utf-8").startswith("/* Khooshe search")


def test_shipped_config_keeps_materials_search_off():
    config = (Path(__file__).resolve().parents[1] / "mkdocs.yml").read_text(encoding="utf-8")
    plugins = re.search(r"\nplugins:\n((?:  - .*\n)+)", config).group(1)
    names = [line.strip()[2:].strip() for line in plugins.splitlines()]
    # search indexes the final text; khooshe-assets, after it, changes no page text (it gathers assets)
    assert [name for name in names if not name.startswith("khooshe-assets")][-1] == "khooshe-search"
    assert "search" not in names and "material/search" not in names


# --------------------------------------------------------------------------- the background worker

WORKER_PAGES = {
    **SMALL_PAGES,
    "content/guide/more.md": "---\ntitle: خوشه‌های استان یزد\ntype: listing\n---\n\n# خوشه‌های استان یزد\n\n"
                             "## سرامیک &amp; کاشی\n\n- خوشه سرامیک یزد\n- خوشه کاشی میبد\n\n"
                             "| خوشه | شهر |\n| --- | --- |\n| سرامیک | یزد |\n\n"
                             "دانشنامه خوشه‌های صنعتی ایران.\n\n<!-- یادداشت -->\n",
    "content/guide/long.md": "---\ntitle: راهنمای بلند\n---\n\n"
                             + "\n\n".join(f"## بخش {n}\n\nکسب و کار شماره {n} در خوشه‌ها." for n in range(150)) + "\n",
}


def index_files(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def child_processes() -> set[int]:
    """Process ids of this process's living (or unreaped) children but multiprocessing's resource tracker.

    ``spawn`` starts that tracker once per process; it is idle and ends with the process.
    """
    found: set[int] = set()
    for task in Path("/proc/self/task").iterdir():
        for pid in (task / "children").read_text().split():
            if b"resource_tracker" not in Path(f"/proc/{pid}/cmdline").read_bytes():
                found.add(int(pid))
    return found


def test_the_background_index_is_the_in_process_index_and_no_worker_outlives_the_build(make_project, tmp_path):
    (tmp_path / "project").mkdir()
    before = child_processes()
    project = small_project(make_project, WORKER_PAGES)
    background = project.build("site-background")
    assert background.code == 0, background.output
    assert child_processes() <= before
    config = (project.root / "mkdocs.yml").read_text(encoding="utf-8")
    project.write("mkdocs.yml", config.replace("  - khooshe-search\n", "  - khooshe-search:\n      background: false\n"))
    in_process = project.build("site-in-process")
    assert in_process.code == 0, in_process.output
    files = index_files(background.site / "search")
    assert files == index_files(in_process.site / "search")
    assert any(name.endswith("-1.json") for name in files)  # a long page, cut in parts


def test_a_worker_that_dies_fails_the_build_in_persian(make_project, tmp_path, monkeypatch):
    from plugins.adapter.search import SearchPlugin

    before = child_processes()
    page_content = SearchPlugin.on_page_content

    def kill_the_worker_first(self, html, **kwargs):
        for pid in child_processes() - before:  # the worker: the one child this build started
            os.kill(pid, signal.SIGKILL)
            os.waitid(os.P_PID, pid, os.WEXITED | os.WNOWAIT)  # dead before the page is sent
        return page_content(self, html, **kwargs)

    monkeypatch.setattr(SearchPlugin, "on_page_content", kill_the_worker_first)
    (tmp_path / "project").mkdir()
    result = small_project(make_project, WORKER_PAGES).build()
    assert result.code == 1
    assert "جست‌وجو: ساختن نمایهٔ جست‌وجو در پردازهٔ پس‌زمینه ناتمام ماند (کد خروج -9)" in result.output
    assert "background: false" in result.output
    assert "Traceback" not in result.output
    assert not result.site.exists()  # a failed build leaves no site, let alone half an index
    assert child_processes() <= before

"""``build.py check``: validate all content without building the site.

Every record, article, publication and page is read by the same pure loaders
the build uses, plus what only a whole-site view can see: links between pages,
files and images a page points to, the nav of mkdocs.yml, and the HTML policy
(plugins/model/HTML.md) in every page body and every record text. Every problem is one
Persian line ``path:line:column: field: message (مورد انتظار: …)``, all of them
at once, sorted by file and line; the exit status is 1 when there is any.

It never imports MkDocs and never renders Markdown, so it stays fast (well under
a second for the shipped content; the Persian normalizer is the slowest part).
"""

from __future__ import annotations

import os
import posixpath
import re
import sys
import time
import traceback
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator
from urllib.parse import unquote

import yaml

from plugins.model.digits import to_persian_digits
from plugins.model.errors import ContentError, ContentErrors
from plugins.model.yamlio import (
    YamlList, YamlMap, front_matter_parts, load_yaml_file, parse_yaml, read_source, relative_path,
)
from plugins.model.page_meta import BODY_FIELD, check_page, is_owned
from plugins.model.html_policy import find_unsafe_html
from plugins.model.markdown import LinkTarget, blank_spans, code_spans, link_targets

DOCS_DIR = "content"
CLUSTERS_DIR = "clusters"
NEWS_DIR = "content/news"
PUBLICATIONS_DIR = "publications"
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")
# Text that could hold HTML worth a second look; files without it are not re-read.
_SUSPICIOUS = re.compile(rb"<[A-Za-z/!]|script:|\bon[a-z]+\s*=", re.I)

# The news plugin's archive, tag and page-N listings: generated, reached by their own links.
NEWS_GENERATED = ("news/archive/", "news/tags/", "news/page/")
EXPECTED_LINK = "پیوند نسبی به پرونده .md صفحه، مثل ../programme/index.md یا ../clusters/yazd-ceramic.md"


@dataclass
class CheckResult:
    errors: list[ContentError] = field(default_factory=list)
    files: int = 0  # source files read
    seconds: float = 0.0

    @property
    def lines(self) -> list[str]:
        return [str(error) for error in sorted(set(self.errors))]


# --------------------------------------------------------------------------- entry point

def run_check(root: Path) -> int:
    """Print every problem (or one «OK» line); 0 when the content is clean, else 1."""
    result = check_content(root)
    if result.errors:
        for line in result.lines:
            print(line)
        print(
            f"{to_persian_digits(len(result.lines))} مشکل در محتوا پیدا شد؛ "
            "هر خط نام پرونده، شماره خط و ستون، فیلد و راه درست کردن آن را می‌گوید.",
            file=sys.stderr,
        )
        return 1
    print(
        f"همه محتوا درست است: {to_persian_digits(result.files)} پرونده در "
        f"{to_persian_digits(f'{result.seconds:.1f}')} ثانیه بررسی شد."
    )
    return 0


def check_content(root: Path, *, full_text: bool | None = None) -> CheckResult:
    """Every problem of the content under ``root`` (a Khooshe project folder).

    ``full_text``: run the loaders with the complete Persian normalizer (hazm).
    By default it is skipped — loading hazm alone takes seconds and no validation
    rule depends on it — unless ``KHOOSHE_CHECK_FULL_TEXT=1``.
    """
    if full_text is None:
        full_text = bool(os.environ.get("KHOOSHE_CHECK_FULL_TEXT"))
    start = time.monotonic()
    checker = _Checker(root.resolve())
    with _without_hazm(not full_text):
        checker.run()
    checker.result.seconds = time.monotonic() - start
    return checker.result


@contextmanager
def _without_hazm(active: bool) -> Iterator[None]:
    """Loaders normalize record text with hazm; a check only validates, so it uses the cheap part.

    The text pipeline still runs (markup split, digits, Arabic letters → Persian
    via ``str.translate``); only the hazm segment step returns its input.
    """
    from plugins.model import text

    if not active:
        yield
        return
    # Cheap results must never reach the on-disk cache or outlive the check in
    # this process (tests build sites in the same process).
    directory = text.cache_info()["directory"]
    text.configure_cache(None)
    try:
        with text.segments_normalized_by(_cheap_segment):
            yield
    finally:
        text.clear_memory()
        if directory is not None:
            text.configure_cache(directory)


_ARABIC_LETTERS = str.maketrans({"ي": "ی", "ك": "ک", "ى": "ی", "ة": "ه"})


def _cheap_segment(segment: str) -> str:
    return segment.translate(_ARABIC_LETTERS)


# --------------------------------------------------------------------------- the checker

class _Checker:
    def __init__(self, root: Path):
        self.root = root
        self.docs = root / DOCS_DIR
        self.result = CheckResult()
        self.errors = self.result.errors
        self.pages: set[str] = set()  # src_uris of every page the build will have
        self.bodies: dict[str, tuple[str, str, int]] = {}  # src_uri → (relpath, body, first body line)
        self.generated: set[str] = set()  # src_uris the record plugins generate (listings, facets)

    def run(self) -> None:
        province_ids = self.step("provinces", self.provinces)
        cluster_ids = self.step("clusters", self.clusters)
        news_ids = self.step("news", lambda: self.news(cluster_ids, province_ids))
        self.step("publications", lambda: self.publications(cluster_ids, news_ids))
        self.step("pages", self.content_pages)
        self.step("nav", self.nav)
        self.step("links", self.links)
        self.step("record html", self.record_html)

    def step(self, name: str, action: Callable[[], Any]) -> Any:
        """Run one part; a bug in Khooshe is one line, never a traceback (KHOOSHE_DEBUG=1 shows it)."""
        try:
            return action()
        except ContentErrors as exc:
            self.errors.extend(exc.errors)
        except Exception as exc:  # a bug in Khooshe, not in the content
            if os.environ.get("KHOOSHE_DEBUG"):
                traceback.print_exc()
            self.errors.append(ContentError(
                "build.py", message=f"خطای داخلی در بررسی «{name}» ({type(exc).__name__}); اشکال از محتوا نیست",
                expected="گزارش به تیم فنی؛ KHOOSHE_DEBUG=1 جزئیات را نشان می‌دهد",
            ))
        return None

    # ------------------------------------------------------------------ records

    def provinces(self) -> set[str]:
        from plugins.model.provinces import load_provinces

        return set(load_provinces())

    def clusters(self) -> set[str] | None:
        loader = _optional("plugins.kinds.clusters.records", "load_clusters")
        folder = self.root / CLUSTERS_DIR
        if loader is None or not folder.is_dir():
            return None
        clusters, errors = loader(self.root, CLUSTERS_DIR)
        self.errors.extend(errors)
        self.result.files += _count(folder.rglob("*.yml"))
        self.generated.update(_cluster_pages(clusters))
        # A record with a problem is still a known id (its file name is its id), so
        # an article naming it or a page linking to it is not reported a second time.
        stems = {path.stem for path in folder.rglob("*.yml")}
        self.pages.update(cluster.src_uri for cluster in clusters)
        self.pages.update(f"clusters/{stem}.md" for stem in stems)
        return {cluster.id for cluster in clusters} | stems

    def news(self, cluster_ids: set[str] | None, province_ids: set[str] | None) -> set[str] | None:
        loader = _optional("plugins.kinds.news.articles", "load_news")
        folder = self.root / NEWS_DIR
        if loader is None or not folder.is_dir():
            return None
        articles, errors = loader(self.root, NEWS_DIR, cluster_ids=cluster_ids, province_ids=province_ids)
        self.errors.extend(errors)
        self.pages.update(article.src_uri for article in articles)
        for article in articles:
            self.errors.extend(_html_errors(article.body, article.path, article.body_line))
        return {path.stem for path in folder.glob("*.md")}

    def publications(self, cluster_ids: set[str] | None, news_ids: set[str] | None) -> None:
        folder = self.root / PUBLICATIONS_DIR
        if not folder.is_dir():
            return
        loader = _optional("plugins.kinds.publications.records", "load_catalogue")
        if loader is None:
            return
        catalogue, errors = loader(self.root, PUBLICATIONS_DIR, cluster_ids, news_ids=news_ids)
        publications, people = catalogue.publications, list(catalogue.people.values())
        self.errors.extend(errors)
        self.result.files += _count(folder.glob("*.yml"))
        self.pages.update(item.src_uri for item in [*publications, *people])
        self.pages.update(f"publications/{path.stem}.md" for path in folder.glob("*.yml"))

    # ------------------------------------------------------------------ pages

    def content_pages(self) -> None:
        """Front matter and HTML of every ordinary page; remembers every body for the link check."""
        if not self.docs.is_dir():
            return
        for path in sorted(self.docs.rglob("*")):
            if path.suffix.lower() not in MARKDOWN_SUFFIXES or not path.is_file():
                continue
            src_uri = path.relative_to(self.docs).as_posix()
            if any(part.startswith(".") for part in src_uri.split("/")):
                continue  # MkDocs skips hidden files and folders too
            self.result.files += 1
            relpath = relative_path(path, self.root)
            self.pages.add(src_uri)
            if is_owned(src_uri):  # news articles: their loader checked them
                text, _ = read_source(path, self.root, yaml_file=False)
                if text is not None:
                    _, body, body_line, _ = front_matter_parts(text)
                    self.bodies[src_uri] = (relpath, body, body_line)
                continue
            text, problems = read_source(path, self.root, yaml_file=False)
            self.errors.extend(problems)
            if text is None:
                continue
            page = check_page(text, relpath)
            self.errors.extend(page.errors)
            self.errors.extend(page.html_errors)
            self.bodies[src_uri] = (relpath, page.body, page.body_line)

    def nav(self) -> None:
        """Every page named in mkdocs.yml's nav exists (a source page or one a plugin generates)."""
        config = self.root / "mkdocs.yml"
        if not config.is_file():
            return
        try:
            node = yaml.compose(config.read_text(encoding="utf-8"), Loader=_TolerantLoader)
        except yaml.YAMLError:
            return  # MkDocs itself reports a broken mkdocs.yml
        nav = _mapping_value(node, "nav")
        generated = self.generated_listings()
        for scalar in _scalars(nav):
            target = scalar.value.strip()
            if not target.endswith(MARKDOWN_SUFFIXES) or "://" in target:
                continue
            if target not in self.pages and target not in generated:
                self.errors.append(ContentError(
                    "mkdocs.yml", scalar.start_mark.line + 1, scalar.start_mark.column + 1, field="nav",
                    message=f"صفحه «{target}» در پوشه {DOCS_DIR}/ نیست و هیچ افزونه‌ای هم آن را نمی‌سازد",
                    expected="نشانی پرونده .md نسبت به پوشه content/، مثل method/index.md",
                ))

    def generated_listings(self) -> set[str]:
        """Pages the record plugins generate besides one page per record (listings, facets, map, stats)."""
        listings = set(self.generated)
        if (self.root / CLUSTERS_DIR).is_dir():
            listings.update({"clusters/index.md", "map/index.md", "stats/index.md"})
        if (self.root / NEWS_DIR).is_dir():
            listings.add("news/index.md")
        if (self.root / PUBLICATIONS_DIR).is_dir():
            listings.update({"publications/index.md", "people/index.md"})
        return listings

    def links(self) -> None:
        """Relative links and images of every page body resolve to a page or a file."""
        known = self.pages | self.generated_listings()
        for src_uri, (relpath, body, body_line) in sorted(self.bodies.items()):
            for target, line, column, image in _link_targets(body):
                problem = self.link_problem(src_uri, target, known, image)
                if problem:
                    message, expected = problem
                    self.errors.append(ContentError(relpath, body_line + line - 1, column, field="پیوند",
                                                    message=message, expected=expected))

    def link_problem(self, src_uri: str, target: str, known: set[str], image: bool = False) -> tuple[str, str] | None:
        address = target.split("#", 1)[0].split("?", 1)[0]
        if not address or re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", address) or address.startswith("//"):
            return None  # same-page anchor, web address (unsafe schemes are the HTML policy's business)
        if address.startswith("/"):
            return (f"پیوند «{target}» با «/» شروع شده است و در نشانی‌های زیرپوشه (GitHub Pages) می‌شکند",
                    EXPECTED_LINK)
        path = posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), unquote(address)))
        if path == ".." or path.startswith("../"):
            return f"پیوند «{target}» به بیرون از پوشه {DOCS_DIR}/ می‌رود", EXPECTED_LINK
        if path.endswith(MARKDOWN_SUFFIXES):
            if path in known or path.startswith(NEWS_GENERATED):
                return None
            return f"صفحه «{target}» پیدا نشد ({DOCS_DIR}/{path} نیست)", EXPECTED_LINK
        if not image and (address.endswith("/") or not posixpath.splitext(path)[1]):
            return (f"پیوند «{target}» به نشانی صفحه است، نه به پرونده آن؛ درستی‌اش بررسی‌پذیر نیست",
                    EXPECTED_LINK)
        if (self.docs / path).is_file():
            return None
        noun = "تصویر" if image else "پرونده"
        return (f"{noun} «{target}» پیدا نشد ({DOCS_DIR}/{path} نیست)",
                "نشانی نسبی پرونده‌ای که در پوشه content/ هست، مثل ../assets/images/map.png")

    # ------------------------------------------------------------------ HTML inside records

    def record_html(self) -> None:
        """The HTML policy in every text value of every record (only files that could hold HTML are re-read)."""
        files: list[Path] = []
        for folder, pattern in ((CLUSTERS_DIR, "**/*.yml"), (PUBLICATIONS_DIR, "*.yml")):
            if (self.root / folder).is_dir():
                files.extend(sorted((self.root / folder).glob(pattern)))
        for path in files:
            raw = path.read_bytes()
            if not _SUSPICIOUS.search(raw):
                continue
            data, problems = load_yaml_file(path, self.root)
            if data is not None and not problems:
                self.errors.extend(_values_html(data, relative_path(path, self.root), raw.decode("utf-8")))
        news = self.root / NEWS_DIR
        for path in sorted(news.glob("*.md")) if news.is_dir() else ():
            raw = path.read_bytes()
            if not _SUSPICIOUS.search(raw.split(b"\n---", 1)[0]):
                continue
            text, problems = read_source(path, self.root, yaml_file=False)
            if text is None or problems:
                continue
            front = front_matter_parts(text).front_matter
            if front is None:
                continue
            relpath = relative_path(path, self.root)
            data, problems = parse_yaml(front, relpath, line_offset=1)
            if isinstance(data, YamlMap) and not problems:
                self.errors.extend(_values_html(data, relpath, text))


# --------------------------------------------------------------------------- helpers

def _optional(module: str, name: str) -> Callable | None:
    """A loader another capability provides, or None while it does not exist yet."""
    import importlib

    try:
        return getattr(importlib.import_module(module), name, None)
    except ModuleNotFoundError as exc:
        if exc.name == module:
            return None
        raise


def _cluster_pages(clusters: list) -> set[str]:
    """Every page the clusters plugin makes (profiles, facets, map, stats, data, reference)."""
    pages = _optional("plugins.kinds.clusters.pages", "all_page_uris")
    registries = _optional("plugins.kinds.clusters.registries", "load_registries")
    if pages is None or registries is None:
        return set()
    try:
        return set(pages(clusters, registries()))
    except ContentErrors:
        return set()  # the registries' problems are reported by load_clusters


def _count(paths: Iterable[Path]) -> int:
    return sum(1 for _ in paths)


def _html_errors(markdown: str, path: str, first_line: int, field: str = BODY_FIELD,
                 first_column: int = 1) -> list[ContentError]:
    from plugins.model.html_policy import unsafe_html_errors

    return unsafe_html_errors(markdown, path, first_line, field, first_column)


def _values_html(data: Any, relpath: str, text: str, prefix: str = "") -> list[ContentError]:
    """HTML policy breaks in every string of a parsed YAML document, at their file position."""
    errors: list[ContentError] = []
    lines = text.split("\n")

    def visit(value: Any, name: str, line: int, column: int) -> None:
        if isinstance(value, YamlMap):
            for key, item in value.items():
                visit(item, f"{name}.{key}" if name else str(key), *value.position(key))
        elif isinstance(value, YamlList):
            for index, item in enumerate(value):
                visit(item, name, *value.position(index))
        elif isinstance(value, str) and find_unsafe_html(value):
            source = lines[line - 1] if 0 < line <= len(lines) else ""
            block = source[column - 1:column].strip() in ("|", ">")
            first_line, first_column = (line + 1, 1) if block else (line, column)
            for error in _html_errors(value, relpath, first_line, name, first_column):
                errors.append(error)

    visit(data, prefix, *(data.start if isinstance(data, (YamlMap, YamlList)) else (1, 1)))
    return errors


def _link_targets(body: str) -> list[LinkTarget]:
    """Every link, image and reference definition outside code.

    Raw HTML that breaks the HTML policy is skipped: it is reported once, as HTML.
    """
    unsafe = [(item.start, item.end) for item in find_unsafe_html(body)]
    return list(link_targets(blank_spans(body, code_spans(body) + unsafe)))


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml's structure whatever its tags (!ENV, !!python/name …)."""


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:  # pragma: no cover
    return None


_TolerantLoader.add_multi_constructor("", _ignore_tag)


def _mapping_value(node: yaml.Node | None, key: str) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
                return value_node
    return None


def _scalars(node: yaml.Node | None) -> Iterable[yaml.ScalarNode]:
    """Every scalar value of a nav tree (titles are keys, so they are skipped)."""
    if isinstance(node, yaml.ScalarNode):
        yield node
    elif isinstance(node, yaml.SequenceNode):
        for child in node.value:
            yield from _scalars(child)
    elif isinstance(node, yaml.MappingNode):
        for _, value in node.value:
            yield from _scalars(value)

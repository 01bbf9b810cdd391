"""``build.py check``: the build's load-and-validate step, without rendering.

It runs the one loader (plugins/model/site.py ``load_site``: every kind and
registry the build uses, the HTML policy in every record text) and adds what only
a whole-site view can see: mkdocs.yml itself, the front matter and HTML of every
editor page, links between pages, files and images a page points to, and the nav.
Every problem is one Persian line ``path:line:column: field: message (مورد انتظار: …)``,
all of them at once, sorted by file and line; the exit status is 1 when there is any.

The build runs the very same :func:`check_site` before rendering
(plugins/adapter/base.py ``site_model``), so whatever check reports stops the
build with the same lines. Check itself never renders Markdown and skips hazm
(no rule depends on it), so it stays fast.
"""

from __future__ import annotations

import json
import os
import posixpath
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from plugins.model.digits import to_persian_digits
from plugins.model.errors import ContentError
from plugins.model.filememo import per_file
from plugins.model.kinds import folder_files
from plugins.model.yamlio import front_matter_parts, read_source, relative_path
from plugins.model.page_meta import check_page
from plugins.model.html_policy import find_unsafe_html
from plugins.model.markdown import LinkTarget, blank_spans, code_spans, link_targets
from plugins.model.site import Site, load_site
from plugins.model.siteconfig import compose_mkdocs_yml, key_positions, mapping_value, plugin_entries, scalars

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")
EXPECTED_LINK = "پیوند نسبی به پرونده .md صفحه، مثل ../programme/index.md یا ../clusters/yazd-ceramic.md"
CONFIG_FILE = "mkdocs.yml"


@dataclass
class CheckResult:
    errors: list[ContentError] = field(default_factory=list)
    files: int = 0  # source files read
    seconds: float = 0.0
    page_meta: dict[str, dict] = field(default_factory=dict)  # editor page src_uri → its strict front matter

    @property
    def lines(self) -> list[str]:
        return [str(error) for error in sorted(set(self.errors))]


# --------------------------------------------------------------------------- entry point

FORMATS = ("text", "github", "json")


def run_check(root: Path, output: str = "text") -> int:
    """Print every problem (or one «OK» line); 0 when the content is clean, else 1.

    ``output``: ``text`` (one Persian line a problem), ``github`` (workflow commands, so
    each problem shows on its line of a pull request's diff) or ``json`` (for tools).
    """
    result = check_content(root)
    errors = sorted(set(result.errors))
    if output == "json":
        print(json.dumps([error_record(error) for error in errors], ensure_ascii=False, indent=2))
        return 1 if errors else 0
    if errors:
        for error in errors:
            print(github_command(error) if output == "github" else str(error))
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


def error_record(error: ContentError) -> dict:
    """One problem for tools: its parts, and the line ``check`` prints."""
    return {"path": error.path, "line": error.line, "column": error.column, "field": error.field,
            "message": error.message, "expected": error.expected, "text": str(error)}


def github_command(error: ContentError) -> str:
    """``::error file=…,line=…,col=…,title=…::…``: GitHub shows it on that line of the diff."""
    place = [f"file={_workflow_value(error.path, True)}"]
    if error.line:
        place.append(f"line={error.line}")
        if error.column:
            place.append(f"col={error.column}")
    place.append(f"title={_workflow_value(error.field or 'مشکل', True)}")
    message = error.message + (f" (مورد انتظار: {error.expected})" if error.expected else "")
    return f"::error {','.join(place)}::{_workflow_value(message, False)}"


def _workflow_value(text: str, is_property: bool) -> str:
    """GitHub's escaping of a workflow command's data (and, more strictly, of its properties)."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if is_property else text


def check_content(root: Path, *, full_text: bool | None = None) -> CheckResult:
    """Every problem of the project under ``root`` (a folder holding mkdocs.yml).

    ``full_text``: load records with the complete Persian normalizer (hazm). By
    default it is skipped unless ``KHOOSHE_CHECK_FULL_TEXT=1``.
    """
    if full_text is None:
        full_text = bool(os.environ.get("KHOOSHE_CHECK_FULL_TEXT"))
    start = time.monotonic()
    root = root.resolve()
    config_errors = mkdocs_yml_problems(root)
    if config_errors and compose_mkdocs_yml(root / CONFIG_FILE)[0] is None:
        # Nothing else can be read right without mkdocs.yml (docs_dir, kinds, nav): its problem alone.
        return CheckResult(errors=config_errors, seconds=time.monotonic() - start)
    site = load_site(root, docs_dir=docs_dir_of(root), full_text=full_text)
    result = check_site(site)
    result.errors.extend(config_errors)
    result.seconds = time.monotonic() - start
    return result


def check_site(site: Site) -> CheckResult:
    """The whole-site checks over a loaded site: its load errors, editor pages, nav and links."""
    checker = _Checker(site)
    checker.run()
    return checker.result


def docs_dir_of(root: Path) -> str:
    """mkdocs.yml's ``docs_dir`` relative to the project (MkDocs' default: docs)."""
    from plugins.model.siteconfig import read_mkdocs_yml

    data, _ = read_mkdocs_yml(root / CONFIG_FILE)
    docs_dir = data.get("docs_dir", "docs") if data else "docs"
    return str(docs_dir).strip("/") if isinstance(docs_dir, str) else "docs"


def mkdocs_yml_problems(root: Path) -> list[ContentError]:
    """mkdocs.yml's YAML problems, and keys or plugins MkDocs would refuse, as Persian lines."""
    path = root / CONFIG_FILE
    node, errors = compose_mkdocs_yml(path)
    if node is None:
        return errors
    known = _mkdocs_keys()
    for key, (line, column) in key_positions(node).items():
        if known and key not in known:
            errors.append(ContentError(CONFIG_FILE, line, column, field=key,
                                       message="MkDocs این نام را نمی‌شناسد و ساخت را متوقف می‌کند",
                                       expected="یکی از نام‌های پیکربندی MkDocs، مثل site_name، nav، plugins یا extra"))
    installed = _installed_plugins()
    theme = _theme_name(node)
    for name, line, column in plugin_entries(node):
        if installed and name not in installed and f"{theme}/{name}" not in installed:
            errors.append(ContentError(CONFIG_FILE, line, column, field="plugins",
                                       message=f"افزونه «{name}» نصب نیست",
                                       expected="یکی از: " + "، ".join(sorted(n for n in installed if "khooshe" in n))))
    return errors


def _mkdocs_keys() -> set[str]:
    try:
        from mkdocs.config.defaults import MkDocsConfig
    except ImportError:  # pragma: no cover - MkDocs is always installed with Khooshe
        return set()
    return {name for name, _ in MkDocsConfig._schema}


def _installed_plugins() -> set[str]:
    from importlib.metadata import entry_points

    return {entry.name for entry in entry_points(group="mkdocs.plugins")}


def _theme_name(node) -> str:
    theme = mapping_value(node, "theme")
    name = mapping_value(theme, "name") if theme is not None and not hasattr(theme, "style") else theme
    return getattr(name, "value", "") if name is not None else ""


# --------------------------------------------------------------------------- the whole-site checks

class _Checker:
    def __init__(self, site: Site):
        self.site = site
        self.root = site.root
        self.docs = site.root / site.docs_dir
        self.result = CheckResult(errors=list(site.errors), files=site.files)
        self.errors = self.result.errors
        self.pages: set[str] = set(site.pages)  # src_uris of every page the build will have
        self.bodies: dict[str, tuple[str, str, int]] = {}  # src_uri → (relpath, body, first body line)
        self.generated = tuple(folder for kind in site.kinds for folder in kind.generated_folders)

    def run(self) -> None:
        self.content_pages()
        self.nav()
        self.links()

    def content_pages(self) -> None:
        """Front matter and HTML of every editor page; remembers every body for the link check."""
        if not self.docs.is_dir():
            return
        owned = self.site.owned_pages
        docs = relative_path(self.docs, self.root)
        for src_uri in folder_files(self.docs):
            if not src_uri.lower().endswith(MARKDOWN_SUFFIXES) or any(part.startswith(".") for part in src_uri.split("/")):
                continue  # MkDocs skips hidden files and folders too
            self.result.files += 1
            relpath = f"{docs}/{src_uri}"
            self.pages.add(src_uri)
            record_body, problems, page = per_file(
                f"{self.docs}/{src_uri}", "page", (str(self.root), src_uri in owned),
                lambda: _read_page(self.docs / src_uri, self.root, relpath, src_uri in owned))
            if src_uri in owned:  # a record of its kind (news articles): its loader checked it
                if record_body is not None:
                    self.bodies[src_uri] = (relpath, *record_body)
                continue
            self.errors.extend(problems)
            if page is None:
                continue
            self.result.page_meta[src_uri] = page.meta
            self.errors.extend(page.errors)
            self.errors.extend(page.html_errors)
            self.bodies[src_uri] = (relpath, page.body, page.body_line)

    def nav(self) -> None:
        """Every page named in mkdocs.yml's nav exists (a source page or one a kind generates)."""
        node, _ = compose_mkdocs_yml(self.root / CONFIG_FILE)
        for scalar in scalars(mapping_value(node, "nav")):
            target = scalar.value.strip()
            if not target.endswith(MARKDOWN_SUFFIXES) or "://" in target:
                continue
            if target not in self.pages and not target.startswith(self.generated):
                self.errors.append(ContentError(
                    CONFIG_FILE, scalar.start_mark.line + 1, scalar.start_mark.column + 1, field="nav",
                    message=f"صفحه «{target}» در پوشه {self.site.docs_dir}/ نیست و هیچ افزونه‌ای هم آن را نمی‌سازد",
                    expected=f"نشانی پرونده .md نسبت به پوشه {self.site.docs_dir}/، مثل method/index.md",
                ))

    def links(self) -> None:
        """Relative links and images of every page body resolve to a page or a file."""
        for src_uri, (relpath, body, body_line) in sorted(self.bodies.items()):
            targets = per_file(f"{self.root}/{relpath}", "links", str(self.root), lambda: _link_targets(body))
            for target, line, column, image in targets:
                problem = self.link_problem(src_uri, target, self.pages, image)
                if problem:
                    message, expected = problem
                    self.errors.append(ContentError(relpath, body_line + line - 1, column, field="پیوند",
                                                    message=message, expected=expected))

    def link_problem(self, src_uri: str, target: str, known: set[str], image: bool = False) -> tuple[str, str] | None:
        docs = self.site.docs_dir
        address = target.split("#", 1)[0].split("?", 1)[0]
        if not address or re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", address) or address.startswith("//"):
            return None  # same-page anchor, web address (unsafe schemes are the HTML policy's business)
        if address.startswith("/"):
            return (f"پیوند «{target}» با «/» شروع شده است و در نشانی‌های زیرپوشه (GitHub Pages) می‌شکند",
                    EXPECTED_LINK)
        path = posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), unquote(address)))
        if path == ".." or path.startswith("../"):
            return f"پیوند «{target}» به بیرون از پوشه {docs}/ می‌رود", EXPECTED_LINK
        if path.endswith(MARKDOWN_SUFFIXES):
            if path in known or path.startswith(self.generated):
                return None
            return f"صفحه «{target}» پیدا نشد ({docs}/{path} نیست)", EXPECTED_LINK
        if not image and (address.endswith("/") or not posixpath.splitext(path)[1]):
            return (f"پیوند «{target}» به نشانی صفحه است، نه به پرونده آن؛ درستی‌اش بررسی‌پذیر نیست",
                    EXPECTED_LINK)
        if (self.docs / path).is_file():
            return None
        noun = "تصویر" if image else "پرونده"
        return (f"{noun} «{target}» پیدا نشد ({docs}/{path} نیست)",
                f"نشانی نسبی پرونده‌ای که در پوشه {docs}/ هست، مثل ../assets/images/map.png")


def _read_page(path: Path, root: Path, relpath: str, owned: bool) -> tuple:
    """(a record's body and its first line, problems, checked page) of a docs_dir page, None for what it has not.

    A kind's record (a news article) is checked by its loader: only its body is kept, for the link check.
    """
    text, problems = read_source(path, root, yaml_file=False)
    if text is None:
        return None, problems, None
    if owned:
        _, body, body_line, _ = front_matter_parts(text)
        return (body, body_line), problems, None
    return None, problems, check_page(text, relpath)


# --------------------------------------------------------------------------- link scan

def _link_targets(body: str) -> list[LinkTarget]:
    """Every link, image and reference definition outside code.

    Raw HTML that breaks the HTML policy is skipped: it is reported once, as HTML.
    """
    unsafe = [(item.start, item.end) for item in find_unsafe_html(body)]
    return list(link_targets(blank_spans(body, code_spans(body) + unsafe)))

"""``build.py serve``: the preview server editors keep open while they write.

* One process for its whole life: the content model, hazm and MkDocs' state stay loaded
  (plugins/cli/preview.py ``Preview``), so a save rebuilds only what it touches.
* Its own small HTTP server over the preview folder (not MkDocs' livereload): every HTML
  page it sends carries the problems of the last save at its top, as ``check`` prints
  them, above the last good version of the page, and a script that waits on
  ``/.khooshe/changes`` (a long poll) and reloads the page when a build is done.
* A request never waits for more than the build under way, never for a broken one:
  pages are read between builds, so a reader never sees half a rebuild.
* A change to the plugins' Python code starts a fresh process (the page reloads when
  it answers again); mkdocs.yml, a template or a registry makes every page be redone.
"""

from __future__ import annotations

import json
import mimetypes
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from email.utils import formatdate
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from plugins.cli.preview import Preview
from plugins.model.digits import to_persian_digits

POLL_SECONDS = 25  # a long poll answers at the latest after this, so no proxy or browser gives up on it
QUIET_SECONDS = 0.05  # a save often comes as several file events: build once they stop
IGNORED_FOLDERS = {"site", "node_modules"}  # at the project's top: build.py build's output, node packages
CHANGES_PATH = "/.khooshe/changes"
# After a save the pages are shown first; the search index and the collection wait until the browser's
# reload (the page, then its styles and scripts asked about) has had the interpreter, at most this long.
RELOAD_SECONDS = 1.0
RELOAD_QUIET_SECONDS = 0.15  # no request for this long after the page: the reload is done
SEARCH_FOLDER = "search/"  # khooshe-search's index folder (its index_dir)
ANSWER_ERROR = ("خطای داخلی در پاسخ پیش‌نمایش به مرورگر رخ داد (اشکال از محتوا نیست). آن را به تیم فنی گزارش دهید؛ "
                "KHOOSHE_DEBUG=1 جزئیات را نشان می‌دهد.")


class Changes:
    """Which files changed since the last build (from the watcher), and the number of builds done."""

    def __init__(self) -> None:
        self.version = 0
        self._paths: set[Path] = set()
        self._changed = threading.Condition()
        self._built = threading.Condition()

    def add(self, path: Path) -> None:
        with self._changed:
            self._paths.add(path)
            self._changed.notify_all()

    def take(self) -> set[Path]:
        """Wait for changes, then until the editor's program has stopped writing; the changed paths."""
        with self._changed:
            while not self._paths:
                self._changed.wait()
            while self._changed.wait(QUIET_SECONDS):
                pass
            paths, self._paths = self._paths, set()
        return paths

    def built(self) -> None:
        with self._built:
            self.version += 1
            self._built.notify_all()

    def wait_after(self, version: int) -> int:
        with self._built:
            self._built.wait_for(lambda: self.version != version, timeout=POLL_SECONDS)
            return self.version


@dataclass
class Found:
    data: bytes
    kind: str  # media type
    modified: str  # Last-Modified of a file the browser may keep, "" for a page (never kept)
    unchanged: bool = False  # the browser's copy is current


class Site:
    """The preview folder as the server reads it, with the lock that keeps reads out of a build."""

    def __init__(self, preview: Preview, changes: Changes):
        self.preview = preview
        self.changes = changes
        self.lock = threading.Lock()  # held while pages are written
        self.search_lock = threading.Lock()  # held while the search index is written
        self.requests = threading.Condition()  # told of every file the server sends
        self.pages_sent = 0
        self.last_request = 0.0
        from plugins.views.render import Templates

        templates = Templates({}).env
        self.notice = templates.get_template("preview/notice.html")
        self.empty = templates.get_template("preview/empty.html").render().encode("utf-8")

    def rebuild(self, changed: set[Path]) -> None:
        """Rebuild; the pages are shown (and the browser told) before the search index is written."""
        started = time.monotonic()
        shown: list[bool] = []

        def show_pages() -> None:
            pages_before = self.pages_sent
            self.lock.release()
            shown.append(True)
            self.changes.built()
            self.wait_for_reload(pages_before)

        with self.search_lock:
            self.lock.acquire()
            try:
                problems = self.preview.rebuild(changed, pages_done=show_pages)
            finally:
                if not shown:
                    self.lock.release()
        if problems or not shown:
            self.changes.built()
        seconds = to_persian_digits(f"{time.monotonic() - started:.1f}")
        if problems:
            print(f"پیش‌نمایش به‌روز نشد ({to_persian_digits(len(problems))} خط بالا را ببینید)؛ "
                  "نسخهٔ درست قبلی نشان داده می‌شود.", file=sys.stderr)
        else:
            print(f"پیش‌نمایش به‌روز شد ({seconds} ثانیه).", file=sys.stderr)

    def sent(self, kind: str) -> None:
        with self.requests:
            self.last_request = time.monotonic()
            self.pages_sent += kind == "text/html"
            self.requests.notify_all()

    def wait_for_reload(self, pages_before: int) -> None:
        """Until a browser has reloaded a page and asked for what it needs, at most RELOAD_SECONDS."""
        deadline = time.monotonic() + RELOAD_SECONDS
        with self.requests:
            while (now := time.monotonic()) < deadline:
                if self.pages_sent > pages_before and now - self.last_request >= RELOAD_QUIET_SECONDS:
                    return
                self.requests.wait(min(RELOAD_QUIET_SECONDS, deadline - now))

    def read(self, url_path: str, unless_changed_since: str = "") -> Found | None:
        """A file of the preview, HTML with the notice and script; None when missing.

        Other files (styles, scripts, fonts) are only sent again when they changed since the
        browser's copy (``If-Modified-Since``): a reload after a save fetches just the page.
        """
        with self.search_lock if url_path.lstrip("/").startswith(SEARCH_FOLDER) else self.lock:
            path = self._file(url_path)
            if path is None:
                return None
            kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            modified = formatdate(path.stat().st_mtime, usegmt=True)
            if kind != "text/html" and modified == unless_changed_since:
                return Found(b"", kind, modified, unchanged=True)
            data = path.read_bytes()
            problems, version = list(self.preview.problems), self.changes.version
        if kind == "text/html":
            return Found(self.with_notice(data, problems, version), kind, "")
        return Found(data, kind, modified)

    def with_notice(self, page: bytes, problems: list[str], version: int) -> bytes:
        snippet = self.notice.render(problems=problems, version=version).encode("utf-8")
        start = page.find(b"<body")
        end = page.find(b">", start) + 1 if start >= 0 else 0
        return page[:end] + snippet + page[end:]

    def missing(self) -> bytes:
        """The site's 404 page (or an empty one before the first good build), with the notice."""
        page = self.preview.site_dir / "404.html"
        with self.lock:
            data = page.read_bytes() if page.is_file() else self.empty
            problems, version = list(self.preview.problems), self.changes.version
        return self.with_notice(data, problems, version)

    def is_folder(self, url_path: str) -> bool:
        path = self._path(url_path)
        return path is not None and path.is_dir()

    def _file(self, url_path: str) -> Path | None:
        path = self._path(url_path)
        if path is not None and path.is_dir():
            path = path / "index.html"
        return path if path is not None and path.is_file() else None

    def _path(self, url_path: str) -> Path | None:
        """The preview's file or folder at a URL path; None outside the folder."""
        root = self.preview.site_dir
        path = (root / unquote(url_path).lstrip("/")).resolve()
        return path if path == root or root in path.parents else None


class PreviewServer(ThreadingHTTPServer):
    """The preview's HTTP server: a browser that left is no error, and a failed answer is one Persian line."""

    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        error = sys.exc_info()[1]
        if isinstance(error, ConnectionError):  # a tab closed or a page left while it waited (the long poll)
            return
        if os.environ.get("KHOOSHE_DEBUG"):
            super().handle_error(request, client_address)
        print(ANSWER_ERROR, file=sys.stderr)


def handler_for(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            url = urlsplit(self.path)
            if url.path == CHANGES_PATH:
                since = parse_qs(url.query).get("since", ["0"])[0]
                version = site.changes.wait_after(int(since) if since.isdigit() else 0)
                return self._send(HTTPStatus.OK, json.dumps({"version": version}).encode(), "application/json")
            if not url.path.endswith("/") and site.is_folder(url.path):
                return self._redirect(url.path + "/")
            found = site.read(url.path, self.headers.get("If-Modified-Since", ""))
            if found is None:
                return self._send(HTTPStatus.NOT_FOUND, site.missing(), "text/html")
            if found.unchanged:
                return self._send(HTTPStatus.NOT_MODIFIED, b"", found.kind, found.modified)
            self._send(HTTPStatus.OK, found.data, found.kind, found.modified)

        def _send(self, status: HTTPStatus, data: bytes, kind: str, modified: str = "") -> None:
            self.send_response(status)
            self.send_header("Content-Type", f"{kind}; charset=utf-8" if kind.startswith("text/") else kind)
            self.send_header("Content-Length", str(len(data)))
            if modified:
                self.send_header("Last-Modified", modified)
                self.send_header("Cache-Control", "no-cache")  # kept, but asked about on every use
            else:
                self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(data)
            if self.path.partition("?")[0] != CHANGES_PATH:
                site.sent(kind)

        def _redirect(self, location: str) -> None:
            self.send_response(HTTPStatus.MOVED_PERMANENTLY)
            self.send_header("Location", location)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args) -> None:  # noqa: A002 — editors need no request log
            pass

    return Handler


def watch(root: Path, changes: Changes):
    """Tell ``changes`` about every file created, changed, moved or deleted under the project."""
    from watchdog.events import FileSystemEventHandler
    from watchdog.observers import Observer

    def relevant(path: str) -> bool:
        """A source: not the output, the caches, hidden files or an editor's temporary files."""
        try:
            parts = Path(path).relative_to(root).parts
        except ValueError:
            return False
        return bool(parts) and parts[0] not in IGNORED_FOLDERS and not parts[-1].endswith("~") and not any(
            part.startswith((".", "#")) or part == "__pycache__" for part in parts)

    class Events(FileSystemEventHandler):
        def on_any_event(self, event) -> None:
            if event.event_type in ("opened", "closed_no_write") or event.is_directory and event.event_type == "modified":
                return
            for path in (event.src_path, getattr(event, "dest_path", "")):
                if path and relevant(path):
                    changes.add(Path(path))

    observer = Observer()
    observer.schedule(Events(), str(root), recursive=True)
    observer.daemon = True
    observer.start()
    return observer


def serve(config_file: Path, port: int) -> int:
    """Build, serve on 127.0.0.1:``port`` and rebuild on every save until Ctrl+C."""
    site_dir = Path(tempfile.mkdtemp(prefix="khooshe-preview-"))
    root = config_file.resolve().parent
    preview, changes = Preview(config_file, site_dir), Changes()
    site = Site(preview, changes)
    try:
        server = PreviewServer(("127.0.0.1", port), handler_for(site))
    except OSError as exc:
        print(f"درگاه {port} در دسترس نیست ({exc.strerror}); درگاه دیگری بدهید: python3 build.py serve --port 8001",
              file=sys.stderr)
        return 1
    # Ctrl+C stops the preview however it was started (a shell runs a background job with it ignored)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    # The build thread goes on (search index, collection) while the browser reloads: a shorter switch
    # interval lets the threads answering the reload take the interpreter back sooner from it.
    sys.setswitchinterval(0.001)
    print(f"پیش‌نمایش در http://127.0.0.1:{port}/ — برای پایان Ctrl+C", file=sys.stderr)
    threading.Thread(target=server.serve_forever, name="khooshe-http", daemon=True).start()
    observer = watch(root, changes)
    try:
        site.rebuild(set())
        threading.Thread(target=preview.warm_up, name="khooshe-warm-up", daemon=True).start()
        while True:
            changed = changes.take()
            if preview.needs_restart(changed):
                print("کد افزونه‌ها تغییر کرد؛ پیش‌نمایش از نو آغاز می‌شود…", file=sys.stderr)
                preview.close()
                server.server_close()
                shutil.rmtree(site_dir, ignore_errors=True)
                os.execv(sys.executable, [sys.executable, *sys.argv])
            site.rebuild(changed)
    except KeyboardInterrupt:
        return 0
    finally:
        preview.close()
        observer.stop()
        server.shutdown()
        shutil.rmtree(site_dir, ignore_errors=True)

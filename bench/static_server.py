"""A built site on 127.0.0.1 for the benchmarks that open it in a browser.

    with served(site_dir) as base_url: …            # plain files
    with served(site_dir, gzip=True) as base_url: … # text gzip-compressed, as GitHub Pages serves it
"""

from __future__ import annotations

import contextlib
import functools
import gzip as gzip_module
import http.server
import threading
from pathlib import Path
from typing import Any, Iterator

COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".geojson"}


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Static files without a log line per request."""

    def log_message(self, *args: Any) -> None:
        pass


class GzipHandler(QuietHandler):
    """A static file server that gzips text files, as GitHub Pages and most hosts do."""

    def send_head(self):  # noqa: D102 - http.server's hook
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix not in COMPRESSED or "gzip" not in self.headers.get("Accept-Encoding", "") \
                or not path.is_file():
            return super().send_head()
        body = gzip_module.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _Body(body)


class _Body:
    """What ``send_head`` returns: copyfile() reads it, then closes it."""

    def __init__(self, data: bytes):
        self.data = data

    def read(self, size: int = -1) -> bytes:
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        pass


@contextlib.contextmanager
def served(site: Path, *, gzip: bool = False) -> Iterator[str]:
    """Serve ``site`` on a free port of 127.0.0.1 for the block; yields the base URL."""
    handler = functools.partial(GzipHandler if gzip else QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()

"""What the browser tests and the benchmark share: Debian's Chromium and its flags, the
book's pages in order, a quiet HTTP server on localhost, and what counts as local.

Playwright's own browser download does not work offline: Chromium comes from Debian
(/usr/bin/chromium, or $CHROMIUM). Without the background-networking flags it tries
Google's hosts at every start."""
from __future__ import annotations

import functools
import gzip
import io
import os
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlparse

import yaml

from pmesocial.paths import REPO_DIR

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
# Every other host unreachable without routing (Playwright turns the HTTP cache off in a
# context with routes, and a benchmark of later visits needs that cache).
NO_OTHER_HOST = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost"
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
NOT_NETWORK = {"data", "blob", "about", "file"}


def free_port() -> int:
    """A port of localhost nobody listens on (for a server a test or the bench starts)."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def is_foreign(url: str) -> bool:
    """A request that leaves this machine."""
    parsed = urlparse(url)
    return parsed.scheme not in NOT_NETWORK and parsed.hostname not in LOCAL_HOSTS


def toc_pages(toc: Path = REPO_DIR / "_toc.yml") -> list[str]:
    """Root and every file of the table of contents, in book order."""
    data = yaml.safe_load(Path(toc).read_text(encoding="utf-8"))
    pages = [data["root"]]

    def walk(entries):
        for entry in entries or []:
            if "file" in entry:
                pages.append(entry["file"])
            for key in ("parts", "chapters", "sections"):
                walk(entry.get(key))

    walk(data.get("parts") or data.get("chapters"))
    return pages


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(directory: Path, handler=QuietHandler) -> ThreadingHTTPServer:
    """`directory` over HTTP on a free port of 127.0.0.1, in a daemon thread."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


COMPRESSIBLE = (".html", ".js", ".css", ".svg", ".json", ".txt", ".xml", ".map")


class GzipHandler(QuietHandler):
    """Serves text files gzip-compressed when the browser accepts it, as a host would
    (python's http.server never compresses): what Lighthouse measures is then what a
    reader on a phone downloads. Compressed bodies are kept, keyed by path and mtime."""
    _cache: dict[tuple[str, float], bytes] = {}

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if (path.suffix not in COMPRESSIBLE or not path.is_file()
                or "gzip" not in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        key = (str(path), path.stat().st_mtime)
        if key not in self._cache:
            self._cache[key] = gzip.compress(path.read_bytes(), 6)
        body = self._cache[key]
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)

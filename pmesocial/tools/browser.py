"""What the browser tests and the benchmark share: Debian's Chromium and its flags, the
book's pages in order, a quiet HTTP server on localhost, and what counts as local.

Playwright's own browser download does not work offline: Chromium comes from Debian
(/usr/bin/chromium, or $CHROMIUM). Without the background-networking flags it tries
Google's hosts at every start."""
from __future__ import annotations

import functools
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

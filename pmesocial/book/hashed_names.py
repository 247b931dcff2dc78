"""File names that carry their content's hash, so that a host may cache the book's assets
forever (`Cache-Control: immutable`) and a new build is still seen at once.

After the build, every reference a page makes to `_static/…` (stylesheets, scripts, icons,
fonts through the stylesheets, the list of scripts started after the first paint) points
at a copy named `name.<hash>.ext`; the original stays, for the scripts that build a URL
themselves (Sphinx's search). Copies that no page names any more are removed. The hash is
taken from the original each build, so a page Sphinx did not rewrite is brought up to
date as well.
"""
from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from sphinx.util import logging

logger = logging.getLogger(__name__)

HASH_LENGTH = 10
# a quoted reference to _static/, relative to the page ("../_static/x.js?v=1"); the
# query string (Sphinx's ?v=, the theme's ?digest=) is dropped: the name says it all
REFERENCE = re.compile(r'"((?:\.\./)*_static/[^"?#\s]+)(?:\?[^"#\s]*)?"')
# the root-relative attribute of a course chart: where ui/plotly.js finds plotly.js
ROOT_REFERENCE = re.compile(r'data-pmes-plotly="(_static/[^"?#\s]+)"')
CSS_URL = re.compile(r'url\((["\']?)(?!data:|https?:|//|#)([^"\')?#]+)([?#][^"\')]*)?\1\)')
HASHED = re.compile(rf"^(?P<stem>.+)\.(?P<hash>[0-9a-f]{{{HASH_LENGTH}}})(?P<ext>\.[A-Za-z0-9]+)$")
HASH_SUFFIX = rf"(?:\.[0-9a-f]{{{HASH_LENGTH}}})?"  # for patterns that must match a name hashed or not


def _original(path: Path) -> Path:
    """x.<hash>.js -> x.js when that file exists (a page written by an earlier build)."""
    match = HASHED.match(path.name)
    if match:
        original = path.with_name(match["stem"] + match["ext"])
        if original.exists():
            return original
    return path


class Fingerprints:
    def __init__(self, outdir: Path):
        self.outdir = outdir
        self.names: dict[Path, Path] = {}  # original -> hashed copy

    def hashed(self, original: Path) -> Path:
        if original not in self.names:
            body = original.read_bytes()
            if original.suffix == ".css":
                body = self._css(original, body.decode("utf-8")).encode("utf-8")
            digest = hashlib.sha256(body).hexdigest()[:HASH_LENGTH]
            copy = original.with_name(f"{original.stem}.{digest}{original.suffix}")
            if not copy.exists():  # its name is its content: an existing copy is the same
                copy.write_bytes(body)
            self.names[original] = copy
        return self.names[original]

    def _css(self, sheet: Path, css: str) -> str:
        def swap(match):
            target = _original((sheet.parent / match[2]).resolve())
            if not target.is_file() or self.outdir not in target.parents:
                return match[0]
            new = os.path.relpath(self.hashed(target), sheet.parent).replace(os.sep, "/")
            return f"url({match[1]}{new}{match[1]})"
        return CSS_URL.sub(swap, css)

    def page(self, page: Path, html: str) -> str:
        def swap(match):
            target = _original((page.parent / match[1]).resolve())
            if not target.is_file():
                return match[0]
            return '"' + os.path.relpath(self.hashed(target), page.parent).replace(os.sep, "/") + '"'

        def swap_root(match):
            target = _original((self.outdir / match[1]).resolve())
            if not target.is_file():
                return match[0]
            return f'data-pmes-plotly="{self.hashed(target).relative_to(self.outdir).as_posix()}"'
        return ROOT_REFERENCE.sub(swap_root, REFERENCE.sub(swap, html))

    def remove_stale(self) -> int:
        """Hashed copies of earlier builds that nothing names now."""
        current = set(self.names.values())
        stale = [p for p in (self.outdir / "_static").rglob("*")
                 if p.is_file() and HASHED.match(p.name) and p not in current and _original(p) != p]
        for path in stale:
            path.unlink()
        return len(stale)


def fingerprint_book(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir).resolve()
    prints = Fingerprints(outdir)
    for page in outdir.rglob("*.html"):
        if "_static" in page.relative_to(outdir).parts:
            continue
        html = page.read_text("utf-8")
        new = prints.page(page, html)
        if new != html:
            page.write_text(new, "utf-8")
    removed = prints.remove_stale()
    logger.info(f"empreintes : {len(prints.names)} fichiers nommés par leur contenu, {removed} copies périmées retirées")


def setup(app):
    # last of all: pages, stylesheets and fonts are final (lean.py, typography, PurgeCSS)
    app.connect("build-finished", fingerprint_book, priority=950)

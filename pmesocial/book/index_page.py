"""The book's `index.html`: the page a launch link opens (tools/launch_links.py, README
« Entrepôt d'apprentissage »). sphinx-external-toc writes a bare `<meta http-equiv="Refresh">`
there when the book has none, and a meta refresh drops the query string, so the launch
link's endpoint and credential never reached `ui/lrs.js`. This page forwards the query and
the fragment, and is written before sphinx-external-toc looks (it writes only when the file
is missing)."""
from __future__ import annotations

import json
from html import escape
from pathlib import Path

PAGE = """<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<script>location.replace({target_js} + location.search + location.hash);</script>
<noscript><meta http-equiv="Refresh" content="0; url={target}"></noscript>
</head>
<body><p><a href="{target}">{title} : ouvrir le cours</a></p></body>
</html>
"""


def write_index_page(app, exception) -> None:
    if exception is not None or "html" not in app.builder.format or app.config.root_doc == "index":
        return
    target = f"{app.config.root_doc}.html"
    title = app.config.html_title or app.config.project
    Path(app.outdir, "index.html").write_text(
        PAGE.format(title=escape(title), target=escape(target), target_js=json.dumps(target)), "utf-8")


def setup(app) -> None:
    app.connect("build-finished", write_index_page, priority=400)  # before sphinx-external-toc (500)

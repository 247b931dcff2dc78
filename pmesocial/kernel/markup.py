"""Small HTML helpers shared by the kernel views (widgets, reports, group view)."""
from __future__ import annotations

import base64
from functools import cache
from html import escape as _escape

from pmesocial.rules.typography import typo


@cache
def templates():
    """The report and attestation templates; autoescape, so every value a trainee typed is
    escaped. Jinja is imported when a document is first drawn, not with the course."""
    from jinja2 import Environment, PackageLoader, select_autoescape

    return Environment(loader=PackageLoader("pmesocial", "templates"), autoescape=select_autoescape(["html", "j2"]),
                       keep_trailing_newline=True)  # as nunjucks does: the book fills the same templates


def __getattr__(name: str):
    if name == "TEMPLATES":  # the name other modules import
        return templates()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def escape(text) -> str:
    """Text placed between tags (never in attributes), in French typography and escaped;
    apostrophes stay readable."""
    return _escape(typo(str(text)), quote=False)


def download_link(text: str, filename: str, label: str, mime: str = "text/html") -> str:
    """A link that downloads `text` as a file, with nothing fetched from a server."""
    data = base64.b64encode(text.encode("utf-8")).decode("ascii")
    return (f"<a download='{_escape(filename)}' href='data:{mime};charset=utf-8;base64,{data}' "
            f"class='pmes-btn'>{escape(label)}</a>")

"""The MyST Markdown of a notebook cell as HTML, for Voilà: the same parser as the book
(myst-parser, which jupyter-book runs), through docutils' HTML writer, so an admonition, a
table or a role reads in the projected demo as it does in the book, never as raw markup.

The Voilà template (jupyter/voila/templates/pmesocial/index.html.j2) calls `myst_html` on
every Markdown cell in place of nbconvert's CommonMark filter; jupyter/voila.py registers it.
"""
from __future__ import annotations

import io
import re
from functools import cache

from docutils import nodes
from docutils.core import publish_parts
from docutils.parsers.rst import roles

from pmesocial.data.validation import read_yaml
from pmesocial.paths import REPO_DIR
from pmesocial.rules.typography import typo_html

# The first ATX heading of a cell, outside code: docutils numbers a cell's sections from
# h1 whatever their « # » count, so the cell's first heading sets where the numbering starts.
FIRST_HEADING = re.compile(r"^ {0,3}(#{1,6})\s", re.MULTILINE)
FENCE = re.compile(r"^ {0,3}(```|~~~).*?^ {0,3}\1", re.MULTILINE | re.DOTALL)


@cache
def book_extensions() -> tuple[str, ...]:
    """The MyST extensions the book enables (_config.yml), the one list for both."""
    return tuple(read_yaml(REPO_DIR / "_config.yml")["parse"]["myst_enable_extensions"])


def _text_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    """A Sphinx cross-reference role ({term}, {ref}, {doc}…) outside Sphinx: its visible
    text, « label » of « label <target> » or the target itself; there is no book to link to."""
    label = re.sub(r"\s*<[^>]*>\s*$", "", text) or text
    return [nodes.inline(rawtext, label, classes=[f"myst-role-{name}"])], []


SPHINX_ROLES = ("term", "ref", "doc", "numref", "eq", "download", "abbr")


def _settings(first_level: int, warnings) -> dict:
    return {
        "myst_enable_extensions": list(book_extensions()),
        # « [la règle](#loi-…) » points to a row of a law table in the same page: keep the link
        "myst_all_links_external": True,
        "myst_suppress_warnings": ["myst.header"],  # a cell starting at « ## » is normal
        "initial_header_level": first_level,
        "doctitle_xform": False,
        "sectsubtitle_xform": False,
        "embed_stylesheet": False,
        "warning_stream": warnings,
        "report_level": 2,
        "halt_level": 5,
    }


def render(source: str) -> tuple[str, str]:
    """(HTML, docutils warnings) for one cell's MyST Markdown."""
    found = FIRST_HEADING.search(FENCE.sub("", source))
    warnings = io.StringIO()
    from myst_parser.parsers.docutils_ import Parser

    # at each call: docutils keeps roles in a module-level table, which a Sphinx build in
    # the same process saves and puts back (sphinx.util.docutils.docutils_namespace)
    for name in SPHINX_ROLES:
        roles.register_local_role(name, _text_role)

    parts = publish_parts(source, parser=Parser(), writer_name="html5",
                          settings_overrides=_settings(len(found.group(1)) if found else 1, warnings))
    return typo_html(parts["body"]), warnings.getvalue()


def myst_html(source: str) -> str:
    """The Jinja filter: the HTML of a cell (warnings are for the tests, not the audience)."""
    return render(source)[0]

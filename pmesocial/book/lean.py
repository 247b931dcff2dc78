"""What the theme ships and the book's pages do not need, taken out after the build.

pydata-sphinx-theme draws its icons with Font Awesome's JavaScript (1.5 MB, 540 KB
compressed: it turns each `<i class="fa-…">` into an SVG) and also declares the Font
Awesome webfonts, which its stylesheet uses for its own icons (admonitions, arrows…)
and for any `<i class="fa-…">` as soon as the script is gone. So the script is dropped
from every page and each webfont is cut down, with fontTools' subsetter, to the glyphs
that the written pages, the theme's scripts and its stylesheets actually name: the same
icons, with their accessible names, for a few kilobytes.

The rest: a meta description per page (its first paragraph), a favicon, and the theme's
colour mode given a valid default (« auto »), so no page logs a console error.
"""
from __future__ import annotations

import re
from pathlib import Path

from docutils import nodes
from sphinx.util import logging

from pmesocial.book.hashed_names import HASH_SUFFIX as HASH
from pmesocial.paths import STATIC_DIR

logger = logging.getLogger(__name__)

# (HASH: a page Sphinx did not rewrite already names hashed copies, x.<hash>.js.)
FA_SCRIPT = re.compile(rf'\s*<script defer src="[^"]*_static/scripts/fontawesome{HASH}\.js[^"]*"></script>')
# pydata-sphinx-theme loads Sphinx's search tools and the whole search index (36 KB
# compressed) on every page, for an inline search that only runs with search_as_you_type;
# the book's search box submits to search.html, which loads them itself.
INLINE_SEARCH = re.compile(r'\s*<script (?:defer )?src="[^"]*(?:_static/searchtools|_static/language_data|searchindex)'
                           rf'{HASH}\.js"></script>')
# The head's other theme scripts block the first paint; deferred, they run in the same
# order, before DOMContentLoaded, which is when they act. documentation_options.js stays
# as it is: inline scripts of the head assign to the object it defines.
BLOCKING_SCRIPT = re.compile(rf'<script( data-[a-z-]+="[^"]*")? src="(?![^"]*documentation_options{HASH}\.js)([^"]+)"></script>')
# Bootstrap's and the theme's scripts (0.6 s of main thread on a mid-range phone) wire up
# menus, tooltips, the search dialog and the colour switch: none of it is needed to read.
# They are inserted once the browser has painted the page (in the same order; both start
# at once when the document is already loaded), instead of delaying that first paint.
THEME_SCRIPTS = re.compile(r'\s*<script defer src="([^"]*_static/scripts/(?:bootstrap|pydata-sphinx-theme)'
                           rf'{HASH}\.js[^"]*)"></script>')
AFTER_PAINT = ("<script>requestAnimationFrame(function(){{setTimeout(function(){{{0}.forEach(function(src){{"
               "var s=document.createElement('script');s.src=src;s.async=false;document.body.appendChild(s);}});}},0);}});"
               "</script>")


# pydata-sphinx-theme and sphinx-book-theme each wire up `querySelector(".primary-toggle")`,
# the first one on the page: pydata's header button, which this theme never shows. The
# visible menu buttons (the article header's) did nothing, so a phone could not open the
# course menu. Without the class on the hidden buttons, both scripts find the visible ones.
HIDDEN_TOGGLES = re.compile(r'class="pst-navbar-icon sidebar-toggle (?:primary|secondary)-toggle"')
FA_CLASS = re.compile(r"\bfa-[a-z0-9]+(?:-[a-z0-9]+)*")
# `.fa-magnifying-glass:before,.fa-search:before{content:"\f002"}`: the icon catalogue
CATALOGUE_RULE = re.compile(r'((?:\.fa-[a-z0-9-]+:(?:before|after),?)+)\{content:"(\\[0-9a-f]{1,6}|[^"\\]+)"\}')
CSS_ESCAPE = re.compile(r"\\(f[0-9a-f]{3}|e[0-9a-f]{3})(?![0-9a-f])")
PRIVATE_USE = re.compile("[\ue000-\uf8ff]")
WEBFONTS = "_static/vendor/fontawesome/webfonts"
DESCRIPTION_LENGTH = 155  # what search engines show


def _char(value: str) -> int:
    return int(value[1:], 16) if value.startswith("\\") else ord(value[0])


def icon_catalogue(css: str) -> dict[str, int]:
    """fa-name -> code point, from Font Awesome's rules in a stylesheet."""
    catalogue = {}
    for selectors, content in CATALOGUE_RULE.findall(css):
        for name in re.findall(r"\.(fa-[a-z0-9-]+):", selectors):
            catalogue[name] = _char(content)
    return catalogue


def code_points_of_stylesheet(css: str) -> set[int]:
    """Icons a stylesheet draws by itself (`content: var(--pst-icon-…)`, `content:"\\f107"`),
    the catalogue's own rules left aside."""
    rest = CATALOGUE_RULE.sub("", css)
    return {int(c, 16) for c in CSS_ESCAPE.findall(rest)} | {ord(c) for c in PRIVATE_USE.findall(rest)}


def icons_named(text: str) -> set[str]:
    return set(FA_CLASS.findall(text))


def used_code_points(outdir: Path) -> set[int]:
    static = outdir / "_static"
    stylesheets = [p.read_text("utf-8", "replace") for p in static.rglob("*.css")]
    catalogue: dict[str, int] = {}
    for css in stylesheets:
        catalogue.update(icon_catalogue(css))
    names: set[str] = set()
    for page in outdir.rglob("*.html"):
        names |= icons_named(page.read_text("utf-8", "replace"))
    for script in static.rglob("*.js"):
        if script.name != "fontawesome.js":
            names |= icons_named(script.read_text("utf-8", "replace"))
    points = {catalogue[n] for n in names if n in catalogue}
    for css in stylesheets:
        points |= code_points_of_stylesheet(css)
    return points


def subset_font(path: Path, code_points: set[int]) -> tuple[int, int]:
    """Rewrite a woff2 font with only `code_points`; returns (size before, size after)."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    before = path.stat().st_size
    font = TTFont(path, recalcTimestamp=False)  # same glyphs, same bytes: a stable hashed name
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = []       # icons have no ligatures nor kerning to keep
    options.name_IDs = ["*"]           # the licence and names stay with the font
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=code_points)
    subsetter.subset(font)
    font.flavor = "woff2"
    font.save(path)
    return before, path.stat().st_size


def lean_page(html: str, search_page: bool = False) -> str:
    """A written page without Font Awesome's script, with the theme's head scripts deferred,
    its heavy scripts started after the first paint and, except on the search page,
    without the search index."""
    html = FA_SCRIPT.sub("", html)
    html = HIDDEN_TOGGLES.sub('class="pst-navbar-icon sidebar-toggle"', html)
    late = THEME_SCRIPTS.findall(html)
    if late:
        import json

        html = THEME_SCRIPTS.sub("", html)
        html = html.replace("</body>", AFTER_PAINT.format(json.dumps(late)) + "\n</body>", 1)
    if not search_page:
        html = INLINE_SEARCH.sub("", html)
    head, sep, body = html.partition("</head>")
    if not sep:
        return html
    return BLOCKING_SCRIPT.sub(r'<script\1 defer src="\2"></script>', head) + sep + body


def slim_font_awesome(app, exception):
    """Each Font Awesome webfont of the output, cut from the theme's own copy (so that a
    later build with one more icon finds it) to the glyphs the pages use."""
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    points = used_code_points(outdir)
    originals = _theme_webfonts()
    for font in sorted((outdir / WEBFONTS).glob("*.woff2")):
        if font.name in originals:
            font.write_bytes(originals[font.name].read_bytes())
        before, after = subset_font(font, points)
        logger.info(f"{font.name} : {before // 1000} Ko -> {after // 1000} Ko ({len(points)} icônes)")


PURGED_MARK = b"\n/* pmesocial: purged (scripts/purge_css.cjs) */\n"  # at the end: @charset must stay first
PURGED = ("_static/styles/pydata-sphinx-theme.css", "_static/sphinx-design.min.css", "_static/mystnb.*.css")


def purge_stylesheets(app, exception):
    """The theme's stylesheets block the first paint: 66 KB compressed for pydata's alone,
    90 % of it for components the book never shows. scripts/purge_css.cjs keeps the rules
    that can match the written pages or a class a script may add (PurgeCSS)."""
    if exception is not None or app.builder.format != "html":
        return
    import json
    import shutil
    import subprocess

    from pmesocial.paths import REPO_DIR

    outdir = Path(app.outdir)
    sheets = [str(p.relative_to(outdir)) for pattern in PURGED for p in sorted(outdir.glob(pattern))]
    if not sheets:  # another theme
        return
    # Purge the theme's own copy, kept aside the first time it is seen (a rebuild may not
    # copy it again, and a page may now use a rule that an earlier purge dropped).
    pristine = Path(app.doctreedir) / "pmesocial-pristine-css"
    for sheet in sheets:
        kept, written = pristine / sheet, outdir / sheet
        if not written.read_bytes().endswith(PURGED_MARK):
            kept.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(written, kept)
        if kept.exists():
            shutil.copyfile(kept, written)
    node = shutil.which("node")
    if node is None:
        logger.warning("node introuvable : les feuilles de style du thème restent entières (lancez « make js »).",
                       type="pmesocial", subtype="purge")
        return
    done = subprocess.run([node, str(REPO_DIR / "scripts" / "purge_css.cjs"), str(outdir), *sheets],
                          capture_output=True, text=True)
    if done.returncode != 0:
        logger.warning(f"scripts/purge_css.cjs a échoué : {done.stderr.strip()[-400:]}", type="pmesocial",
                       subtype="purge")
        return
    for sheet, (before, after) in json.loads(done.stdout).items():
        written = outdir / sheet
        written.write_bytes(written.read_bytes() + PURGED_MARK)
        logger.info(f"{sheet} : {before // 1000} Ko -> {after // 1000} Ko")


def _theme_webfonts() -> dict[str, Path]:
    import pydata_sphinx_theme

    root = Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme" / "static"
    return {p.name: p for p in root.rglob("webfonts/*.woff2")}


def _first_paragraph(doctree) -> str:
    for paragraph in doctree.findall(nodes.paragraph):
        if any(isinstance(a, (nodes.Admonition, nodes.topic, nodes.sidebar, nodes.table, nodes.footnote))
               for a in _ancestors(paragraph)):
            continue
        text = " ".join(paragraph.astext().split())
        if len(text) >= 40:
            return text
    return ""


def _ancestors(node):
    node = node.parent
    while node is not None:
        yield node
        node = node.parent


def description(text: str, limit: int = DESCRIPTION_LENGTH) -> str:
    if len(text) <= limit:
        return text
    cut = text[:limit - 1].rsplit(" ", 1)[0].rstrip(",;:–— ")
    return cut + "…"


def add_meta_description(app, pagename, templatename, context, doctree):
    """A meta description for every page: the page's first paragraph (for a module, its
    summary), unless the page gives its own (MyST front matter `html_meta`)."""
    from html import escape

    metatags = context.get("metatags", "")
    if 'name="description"' in metatags:
        return
    text = _first_paragraph(doctree) if doctree is not None else ""
    if not text:
        text = f"{context.get('docstitle', '')} : {context.get('title', '')}".strip(" :")
    context["metatags"] = metatags + f'<meta name="description" content="{escape(description(text))}" />\n'


def theme_defaults(app, config):
    # pydata-sphinx-theme writes `dataset.mode = localStorage.mode || "<default_mode>"`;
    # left empty, every first visit logs « Got invalid theme mode ».
    context = dict(config.html_context or {})
    context.setdefault("default_mode", "auto")
    config.html_context = context
    if not config.html_favicon:
        config.html_favicon = str(STATIC_DIR / "pmesocial" / "favicon.svg")


def setup(app):
    app.connect("config-inited", theme_defaults)
    app.connect("html-page-context", add_meta_description)
    app.connect("build-finished", slim_font_awesome)
    app.connect("build-finished", purge_stylesheets, priority=800)  # after every page is final

"""What the book takes off the theme (pmesocial/book/lean.py, scripts/purge_css.cjs):
each step on a small input whose right answer is known."""
import json
import shutil
import subprocess
from pathlib import Path

from pmesocial.book import lean
from pmesocial.paths import REPO_DIR

HEAD = """<html><head>
    <script src="../_static/documentation_options.js?v=1"></script>
    <script src="../_static/doctools.js?v=2"></script>
    <script data-sd-tabs-storage-prefix="x-" src="../_static/design-tabs.js?v=3"></script>
    <script>DOCUMENTATION_OPTIONS.pagename = 'p';</script>
  <script defer src="../_static/scripts/fontawesome.js?digest=abc"></script>
    <script src="../_static/searchtools.js"></script>
    <script src="../_static/language_data.js"></script>
    <script src="../searchindex.js"></script>
  </head><body><i class="fa-solid fa-magnifying-glass"></i>
  <script defer src="../_static/scripts/bootstrap.js?digest=abc"></script>
<script defer src="../_static/scripts/pydata-sphinx-theme.js?digest=abc"></script>
</body></html>"""


def test_a_page_loses_font_awesome_js_and_the_inline_search_and_defers_the_rest():
    page = lean.lean_page(HEAD)
    assert "fontawesome.js" not in page and "searchindex.js" not in page and "searchtools.js" not in page
    assert '<script src="../_static/documentation_options.js?v=1"></script>' in page  # inline scripts use it
    assert '<script defer src="../_static/doctools.js?v=2"></script>' in page
    assert '<script data-sd-tabs-storage-prefix="x-" defer src="../_static/design-tabs.js?v=3"></script>' in page
    # Bootstrap and the theme's script: started after the first paint, in the same order
    assert '<script defer src="../_static/scripts/bootstrap.js' not in page
    late = page.split("requestAnimationFrame", 1)[1]
    assert late.index("bootstrap.js") < late.index("pydata-sphinx-theme.js") and "async=false" in late
    assert "fa-magnifying-glass" in page
    assert lean.lean_page(page) == page  # a second pass changes nothing


def test_a_page_whose_assets_already_carry_hashes_is_treated_the_same():
    hashed = (HEAD.replace("documentation_options.js?v=1", "documentation_options.0123456789.js")
              .replace("doctools.js?v=2", "doctools.abcdef0123.js"))
    page = lean.lean_page(hashed)
    assert '<script src="../_static/documentation_options.0123456789.js"></script>' in page
    assert '<script defer src="../_static/doctools.abcdef0123.js"></script>' in page


def test_the_search_page_keeps_its_search_tools():
    page = lean.lean_page(HEAD, search_page=True)
    assert "searchindex.js" in page and "searchtools.js" in page and "fontawesome.js" not in page


def test_icons_named_by_pages_and_drawn_by_stylesheets_are_found():
    css = ('.fa-magnifying-glass:before,.fa-search:before{content:"\\f002"}.fa-sun:before{content:"\\f185"}'
           ':root{--pst-icon-bell:"\uf0f3"}.admonition>.admonition-title:after{content:"\\f107"}')
    assert lean.icon_catalogue(css) == {"fa-magnifying-glass": 0xF002, "fa-search": 0xF002, "fa-sun": 0xF185}
    assert lean.code_points_of_stylesheet(css) == {0xF0F3, 0xF107}  # not the catalogue's own
    assert lean.icons_named('<i class="theme-switch fa-solid fa-sun fa-lg">') == {"fa-solid", "fa-sun", "fa-lg"}


def test_a_webfont_keeps_exactly_the_glyphs_asked_for(tmp_path):
    from fontTools.ttLib import TTFont

    original = lean._theme_webfonts()["fa-solid-900.woff2"]
    font = tmp_path / original.name
    shutil.copyfile(original, font)
    before, after = lean.subset_font(font, {0xF002, 0xF185})
    assert set(TTFont(font).getBestCmap()) == {0xF002, 0xF185}
    assert after < before / 20
    # the same glyphs give the same bytes (no timestamp): the hashed file name stays put
    again = tmp_path / "again.woff2"
    shutil.copyfile(original, again)
    lean.subset_font(again, {0xF185, 0xF002})
    assert again.read_bytes() == font.read_bytes()


def test_description_is_cut_at_a_word_with_an_ellipsis():
    text = "Un module " + "très " * 60 + "long."
    cut = lean.description(text)
    assert len(cut) <= lean.DESCRIPTION_LENGTH and cut.endswith("très…")
    assert lean.description("Court.") == "Court."


def test_purge_keeps_what_the_pages_can_match_and_the_focus_ring(tmp_path):
    import pydata_sphinx_theme

    theme_css = next(Path(pydata_sphinx_theme.__file__).parent.rglob("styles/pydata-sphinx-theme.css"))
    (tmp_path / "_static").mkdir()
    shutil.copyfile(theme_css, tmp_path / "_static" / "theme.css")
    (tmp_path / "page.html").write_text('<html data-theme="light"><body><nav class="bd-links"><a class="reference">x'
                                        "</a></nav></body></html>", "utf-8")
    done = subprocess.run(["node", str(REPO_DIR / "scripts" / "purge_css.cjs"), str(tmp_path), "_static/theme.css"],
                          capture_output=True, text=True, check=True)
    before, after = json.loads(done.stdout)["_static/theme.css"]
    css = (tmp_path / "_static" / "theme.css").read_text("utf-8")
    assert after < before / 2
    assert ":focus-visible{" in css                       # keyboard focus ring: a pseudo-class alone
    assert 'html[data-theme=dark]' in css                 # dark mode
    assert "nav.bd-links" in css                          # used by the page
    assert ".btn-check" not in css and ".carousel" not in css   # used by nothing
    assert "--pst-color-primary" in css                   # variables all kept

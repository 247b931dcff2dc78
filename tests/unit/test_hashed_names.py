"""Asset names carry their content's hash (pmesocial/book/hashed_names.py)."""
import re

from pmesocial.book.hashed_names import Fingerprints


def _book(tmp_path):
    static = tmp_path / "_static"
    (static / "fonts").mkdir(parents=True)
    (static / "fonts" / "icons.woff2").write_bytes(b"font-v1")
    (static / "site.css").write_text('@font-face{src:url("fonts/icons.woff2?v=3") format("woff2")}'
                                     'a{background:url(data:image/png;base64,AAA)}', "utf-8")
    (static / "app.js").write_text("console.log(1)", "utf-8")
    (tmp_path / "sub").mkdir()
    page = tmp_path / "sub" / "page.html"
    page.write_text('<link href="../_static/site.css?digest=abc"><script src="../_static/app.js?v=1"></script>'
                    '<script>["../_static/app.js?v=1"]</script><a href="https://example.org/_static/x.js">x</a>'
                    '<figure data-pmes-plotly="_static/app.js"></figure>', "utf-8")
    return page


def _run(tmp_path, page):
    prints = Fingerprints(tmp_path)
    html = prints.page(page, page.read_text("utf-8"))
    page.write_text(html, "utf-8")
    return html, prints


def test_references_point_at_hashed_copies_and_stylesheets_at_hashed_fonts(tmp_path):
    page = _book(tmp_path)
    html, _ = _run(tmp_path, page)
    css_name = re.search(r'href="\.\./_static/(site\.[0-9a-f]{10}\.css)"', html).group(1)
    js_name = re.search(r'src="\.\./_static/(app\.[0-9a-f]{10}\.js)"', html).group(1)
    assert f'["../_static/{js_name}"]' in html                      # the after-paint list too
    assert f'data-pmes-plotly="_static/{js_name}"' in html          # root-relative stays root-relative
    assert "https://example.org/_static/x.js" in html               # another host's address: untouched
    css = (tmp_path / "_static" / css_name).read_text("utf-8")
    font = re.search(r'url\("(fonts/icons\.[0-9a-f]{10}\.woff2)"\)', css).group(1)
    assert (tmp_path / "_static" / font).read_bytes() == b"font-v1"
    assert "url(data:image/png;base64,AAA)" in css
    assert (tmp_path / "_static" / "app.js").exists()                # originals stay for scripts that build URLs


def test_a_changed_font_changes_the_stylesheet_name_and_old_copies_go(tmp_path):
    page = _book(tmp_path)
    first, _ = _run(tmp_path, page)
    again, _ = _run(tmp_path, page)
    assert again == first                                            # stable: same content, same names
    (tmp_path / "_static" / "fonts" / "icons.woff2").write_bytes(b"font-v2")
    second, prints = _run(tmp_path, page)                            # the page already names hashed copies
    old_css = re.search(r"site\.[0-9a-f]{10}\.css", first).group(0)
    new_css = re.search(r"site\.[0-9a-f]{10}\.css", second).group(0)
    assert new_css != old_css and re.search(r"app\.[0-9a-f]{10}\.js", second).group(0) in first
    assert prints.remove_stale() == 2                               # the old stylesheet and the old font
    assert not (tmp_path / "_static" / old_css).exists()

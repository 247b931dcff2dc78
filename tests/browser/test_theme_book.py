"""The book on a phone: what issue 11 took off the theme (Font Awesome's script, the
search index on every page, plotly.js before it is asked for) is gone, and what the
theme does still works: icons, search, dark mode, the sidebar, the focus ring."""
import re

import pytest

from .helpers import open_page, page_path, toc_files

MODULE_3 = page_path("notebooks/03_chiffres_du_phenomene")
MODULE_4 = page_path("notebooks/04_mythes_ou_realites")  # four charts
PHONE = {"width": 390, "height": 844}


def theme_ready(page):
    """Bootstrap's and the theme's scripts start after the first paint: wait for them (the
    theme's script resolves the colour mode « auto » into « light » or « dark »)."""
    page.wait_for_function("() => window.bootstrap && document.documentElement.dataset.theme !== 'auto'")


@pytest.mark.parametrize("toc_file", toc_files())
def test_every_page_is_lean_and_quiet(page, book_url, requests_log, toc_file):
    console_errors = []
    page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
    open_page(page, book_url + page_path(toc_file))
    page.wait_for_timeout(300)  # the theme's scripts start after the first paint
    assert console_errors == [], f"{toc_file} : {console_errors}"
    loaded = " ".join(requests_log.urls)
    assert "scripts/fontawesome" not in loaded and "plotly.min." not in loaded and "searchindex.js" not in loaded
    assert "favicon.ico" not in loaded  # the page names its icon: no 404 for the default one
    description = page.locator("meta[name=description]").get_attribute("content")
    assert description and 40 <= len(description) <= 155, description
    assert page.locator("link[rel=icon]").count() == 1
    # every asset the page names carries its content's hash (pmesocial/book/hashed_names.py)
    assets = page.evaluate("""() => [...document.querySelectorAll('script[src], link[href]')]
        .map(e => e.getAttribute('src') || e.getAttribute('href')).filter(u => u.includes('_static/'))""")
    assert assets and all(re.search(r"\.[0-9a-f]{10}\.[a-z0-9]+$", a) for a in assets), assets
    # the icons come from the cut-down webfont
    drawn = page.evaluate("""async () => { await document.fonts.ready;
        return document.fonts.check('900 16px "Font Awesome 6 Free"', '\\uf002'); }""")
    assert drawn
    assert page.locator("html").get_attribute("data-mode") in ("auto", "light", "dark")


def test_search_finds_a_module_from_any_page(page, book_url):
    open_page(page, book_url + MODULE_3)
    theme_ready(page)  # the theme's scripts are there
    page.keyboard.press("Control+k")
    field = page.locator("input[name=q]:visible").first
    field.fill("menuiserie")
    field.press("Enter")
    page.wait_for_url("**/search.html?q=menuiserie*")
    results = page.locator("#search-results ul.search li")
    results.first.wait_for(timeout=15000)
    assert results.count() >= 3 and "Menuiserie" in page.locator("#search-results").inner_text()


def test_dark_mode_switches_and_is_kept(page, book_url):
    open_page(page, book_url + MODULE_3)
    theme_ready(page)
    html = page.locator("html")
    background = "() => getComputedStyle(document.body).backgroundColor"
    seen = {html.get_attribute("data-theme"): page.evaluate(background)}
    for _ in range(2):
        page.locator("button.theme-switch-button").first.click()
        seen[html.get_attribute("data-theme")] = page.evaluate(background)
    assert set(seen) >= {"light", "dark"} and seen["light"] != seen["dark"]
    mode = html.get_attribute("data-mode")
    page.reload()
    assert html.get_attribute("data-mode") == mode


def test_sidebar_opens_on_a_phone_and_the_focus_ring_shows(page, book_url):
    page.set_viewport_size(PHONE)
    open_page(page, book_url + MODULE_3)
    theme_ready(page)
    # on a phone the theme moves the menu into a dialog; the visible menu button opens it
    sidebar = page.locator("#pst-primary-sidebar-modal")
    assert not sidebar.is_visible()
    button = page.locator("button.primary-toggle:visible")
    assert button.count() == 1 and button.get_attribute("aria-label") == "Menu du cours"
    button.click()
    page.wait_for_timeout(400)
    assert sidebar.is_visible() and sidebar.get_attribute("open") is not None
    assert sidebar.bounding_box()["x"] >= 0
    link = sidebar.locator("a", has_text="Module 9").first
    link.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # focus by keyboard: :focus-visible applies
    ring = page.evaluate("() => { const s = getComputedStyle(document.activeElement);"
                         " return [s.outlineStyle, s.boxShadow]; }")
    assert ring[0] != "none" or ring[1] != "none", ring


def test_a_chart_is_an_image_at_once_and_interactive_on_request(page, book_url, requests_log):
    page.set_viewport_size(PHONE)
    open_page(page, book_url + MODULE_4)
    figure = page.locator("figure.pmes-chart").first
    svg = figure.locator("svg.pmes-bar-chart")
    assert svg.is_visible() and svg.bounding_box()["width"] <= PHONE["width"]
    assert svg.locator("g.pmes-bar").count() >= 3 and "Source" in svg.text_content()
    assert not any("plotly.min." in u for u in requests_log.urls)
    button = figure.locator("button.pmes-chart-live")
    assert "Ko à charger" in button.inner_text()
    button.click()
    figure.locator(".pmes-plotly[data-pmes-ready='true'] svg.main-svg").first.wait_for(timeout=15000)
    assert any("plotly.min." in u for u in requests_log.urls)
    assert not svg.is_visible()  # one drawing at a time
    assert "interactive affichée" in figure.locator(".pmes-chart-status").inner_text()
    # the other charts of the page stay images until asked for
    assert page.locator("figure.pmes-chart svg.pmes-bar-chart:visible").count() == \
        page.locator("figure.pmes-chart").count() - 1 >= 3

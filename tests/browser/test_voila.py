"""The modules as the trainer projects them: Voilà on localhost as `make demo` starts it
(jupyter/voila.py), code hidden, widgets live, Markdown as the book renders it, a French
start page and a « mode projection »."""
import re

import pytest
from playwright.sync_api import expect

from pmesocial.data.banks import load_bank
from pmesocial.data.course import modules

from .conftest import plain
from .helpers import answer_wrong_then_right, first_single_question

# What MyST source looks like when nothing rendered it: a directive's fence or colons, an
# option line, a role, a target, emphasis or a link left as typed.
MYST_SOURCE = re.compile(r"```|:::|\{[a-z][\w-]*\}|^\s*:[a-z][\w-]*:|\(\w[\w-]*\)=|\*\*|(?<!\w)__\w|\]\([^)\s]+\)",
                         re.MULTILINE)
PROJECTION = {"width": 1366, "height": 768}


def open_module(page, url: str):
    page.set_default_timeout(120000)
    page.goto(url)
    page.locator("#rendered_cells").wait_for(state="visible")  # every cell has run


def test_module_as_an_app(app_page, voila, requests_log):
    page = app_page
    open_module(page, f"{voila[0]}/voila/render/01_medias_ou_reseaux.ipynb")
    bank = load_bank("m1-autoevaluation")
    exercise = page.locator(".pmes-exercise", has_text=bank["title"])
    exercise.wait_for()
    assert page.locator(".jp-CodeCell .jp-InputArea:visible").count() == 0  # code is hidden
    assert 'exercise("' not in page.locator("body").inner_text()
    index, question = first_single_question(bank)
    answer_wrong_then_right(exercise, question, index)
    assert page.locator(".js-plotly-plot").count() >= 1
    assert len(requests_log.urls) > 5


def test_start_page_lists_the_modules_by_title(app_page, voila):
    """The start page says which module is which, in French, in the course's order."""
    page = app_page
    page.goto(voila[0] + "/?projection=1")
    assert page.locator("html").get_attribute("lang") == "fr"
    links = page.locator("main ol a")
    expected = [f"Module {m['number']} {plain(m['title'])} {m['duration_min']} min" for m in modules()]
    assert [" ".join(t.split()) for t in links.all_inner_texts()] == expected
    assert ".ipynb" not in page.locator("body").inner_text()
    assert float(page.locator("main ol a").first.evaluate("a => parseFloat(getComputedStyle(a).fontSize)")) >= 20
    links.nth(6).click()  # module 7, still in projection mode
    page.locator("#rendered_cells").wait_for(state="visible", timeout=120000)
    assert page.title() == f"Module 7 — {modules()[6]['title']}"
    expect(page.locator("html")).to_have_class(re.compile(r"\bpmes-projection\b"))


@pytest.mark.parametrize("module", [m["notebook"] for m in modules()])
def test_markdown_is_rendered_as_in_the_book(app_page, voila, module):
    """No MyST markup in what a trainer projects: « Le module en bref » is a box, its
    « Durée : » is bold, tables are tables."""
    page = app_page
    open_module(page, f"{voila[0]}/voila/render/{module}.ipynb")
    text = "\n".join(page.locator(".jp-MarkdownCell").all_inner_texts())
    assert text.strip()
    assert MYST_SOURCE.findall(text) == []
    summary = page.locator("aside.admonition", has_text="Le module en bref")
    expect(summary.locator(".admonition-title")).to_have_text("Le module en bref")
    expect(summary.locator("strong", has_text="Durée").first).to_be_visible()


def _text_sizes(page) -> dict[str, float]:
    """The smallest computed font size of the visible text of the module's body (Markdown
    cells) and of its outputs (exercises, widgets, tables), charts' SVG left aside."""
    return page.evaluate("""() => {
        const smallest = {body: Infinity, outputs: Infinity, widgets: Infinity, counted: 0};
        const walker = document.createTreeWalker(document.querySelector('#rendered_cells'), NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const el = node.parentElement;
            if (!node.textContent.trim() || el.closest('svg') || !el.getClientRects().length) continue;
            const size = parseFloat(getComputedStyle(el).fontSize);
            const kind = el.closest('.jp-MarkdownCell') ? 'body'
                : el.closest('.jupyter-widgets, .pmes-exercise') ? 'widgets' : 'outputs';
            smallest[kind] = Math.min(smallest[kind], size);
            smallest.counted += 1;
        }
        return smallest; }""")


def test_projection_mode_makes_every_text_20_px_or_more(app_page, voila):
    """A trainer projects at 1366 × 768: « Mode projection » brings the body's text and the
    widgets' text to 20 px at least, and the address keeps it for a reload."""
    page = app_page
    page.set_viewport_size(PROJECTION)
    open_module(page, f"{voila[0]}/voila/render/02_en_ligne_et_face_a_face.ipynb")
    page.locator(".pmes-exercise .pmes-question").first.wait_for()
    before = _text_sizes(page)
    assert before["body"] < 20 and before["widgets"] < 20  # JupyterLab's own sizes: 14 px, 13 px
    toggle = page.get_by_role("button", name="Mode projection")
    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "true")
    assert "projection=1" in page.url
    after = _text_sizes(page)
    assert after["counted"] > 100
    assert min(after["body"], after["outputs"], after["widgets"]) >= 20, after

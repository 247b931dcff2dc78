"""Every page of the book, once its exercises are drawn, loads nothing from another host
(the `page` fixture fails the test on any such request) and passes axe-core with no
serious or critical violation (axe-core from npm, run in the same Chromium)."""
from pathlib import Path

import pytest

from .helpers import open_page, page_path, toc_files

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="session")
def axe_source():
    if not AXE.exists():
        pytest.fail("axe-core manque : lancez « make test » (il l'installe avec npm) ou « npm ci ».")
    return AXE.read_text("utf-8")


@pytest.mark.parametrize("toc_file", toc_files())
def test_every_page_is_local_and_accessible(page, book_url, axe_source, requests_log, toc_file):
    open_page(page, book_url + page_path(toc_file))
    assert page.title() and requests_log.urls  # what was requested is checked when the page closes
    page.wait_for_timeout(300)  # deferred scripts have drawn exercises and charts
    page.add_script_tag(content=axe_source)
    violations = page.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ['violations']});
        // heading-order is « moderate » for axe, but a screen-reader user navigates by headings
        return r.violations.filter(v => ['serious', 'critical'].includes(v.impact) || v.id === 'heading-order')
            .map(v => ({id: v.id, impact: v.impact, help: v.help,
                        nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
    }""")
    assert violations == [], f"{toc_file} : {violations}"

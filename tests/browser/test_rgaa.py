"""The automated part of the RGAA 4.1 audit (data/accessibility/rgaa-4.1.yaml), on every
page of the book: the axe-core rules mapped to a criterion, at every impact, and the
manual checks that a browser can repeat (keyboard course through module 1, status
messages, visible focus, no sideways scrolling at 320 CSS px, doctype)."""
from __future__ import annotations

import pytest

from pmesocial.data.accessibility import load_audit

from .conftest import plain
from .helpers import exercise_payloads, open_page, page_path, toc_files
from .test_accessibility import axe_source  # noqa: F401  (fixture)

AUDIT = load_audit()
RULES = sorted({r for c in AUDIT["criteres"] for r in c["verification"].get("auto", [])})
MODULE_1 = page_path("notebooks/01_medias_ou_reseaux")


def _criteria(rule: str) -> list[dict]:
    return [c for c in AUDIT["criteres"] if rule in c["verification"].get("auto", [])]


def _tolerated(rule: str) -> bool:
    """A violation the audit already reports: a rule listed as failing by an NC criterion."""
    return any(c["statut"] == "NC" and rule in c.get("regles_en_echec", []) for c in _criteria(rule))


@pytest.mark.parametrize("toc_file", toc_files())
def test_rgaa_rules_on_every_page(page, book_url, axe_source, toc_file):  # noqa: F811
    open_page(page, book_url + page_path(toc_file))
    page.wait_for_timeout(300)
    page.add_script_tag(content=axe_source)
    violations = page.evaluate("""async (rules) => {
        const r = await axe.run(document, {runOnly: {type: 'rule', values: rules}, resultTypes: ['violations']});
        return r.violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 5).map(n => n.target.join(' '))}));
    }""", RULES)
    failures = [f"critère {', '.join(c['numero'] for c in _criteria(v['id']))} (marqué "
                f"{'/'.join(c['statut'] for c in _criteria(v['id']))}) — règle axe « {v['id']} » ({v['impact']}) — "
                f"éléments : {v['nodes']}" for v in violations if not _tolerated(v["id"])]
    assert failures == [], f"{toc_file} : " + " ; ".join(failures)


def test_page_basics(page, book_url):
    """8.1: a doctype on every page; 8.3: French."""
    for toc_file in toc_files():
        page.goto(book_url + page_path(toc_file))
        assert page.evaluate("document.doctype && document.doctype.name") == "html", toc_file
        assert page.evaluate("document.documentElement.lang") == "fr", toc_file


@pytest.mark.parametrize("toc_file", toc_files())
def test_no_page_scrolls_sideways_at_320_px(page, book_url, toc_file):
    """10.11: at 320 CSS px (400 % zoom of a 1 280 px screen) the page does not scroll
    sideways; data tables and code blocks scroll inside their own region."""
    page.set_viewport_size({"width": 320, "height": 568})
    open_page(page, book_url + page_path(toc_file))
    page.wait_for_timeout(200)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{toc_file} : la page défile de {overflow} px vers la droite à 320 px"


def _focused(page) -> dict:
    return page.evaluate("""() => { const e = document.activeElement, s = getComputedStyle(e);
        return {tag: e.tagName, id: e.id, cls: (e.className || '') + (e.closest('.article-header-buttons, .header-article-items') ? ' theme-header-button' : ''), text: (e.textContent || '').trim().slice(0, 60), type: e.type || '',
                ring: (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== 'none'}; }""")


def test_heading_anchors_are_out_of_the_way(page, book_url):
    """6.1: the « # » after each heading is neither a keyboard stop nor read with the heading."""
    open_page(page, book_url + MODULE_1)
    anchors = page.locator("a.headerlink")
    assert anchors.count() > 3
    assert anchors.evaluate_all("as => as.every(a => a.getAttribute('aria-hidden') === 'true' && a.tabIndex === -1)")
    assert "#" not in page.locator("h1").first.aria_snapshot()  # the heading is read without it


def test_module_1_with_the_keyboard_only(page, book_url):
    """7.3, 12.8, 12.9: every question of module 1 answered and checked with keys only,
    its feedback read, then the next page reached, the focus visible all along (10.7)."""
    open_page(page, book_url + MODULE_1)
    payloads = exercise_payloads(page)
    questions = [q for p in payloads for q in p["bank"]["questions"]]
    checked, seen_next = set(), False
    for _ in range(1500):
        page.keyboard.press("Tab")
        here = _focused(page)
        if here["tag"] == "BODY":
            continue
        assert here["ring"], f"focus invisible sur {here}"
        if here["tag"] == "A" and page.evaluate("document.activeElement.matches('a.right-next')"):
            seen_next = True
            break
        if here["tag"] == "BUTTON" and here["text"] == "Vérifier":
            index = page.evaluate("[...document.querySelectorAll('fieldset.pmes-question')]"
                                  ".indexOf(document.activeElement.closest('fieldset.pmes-question'))")
            block = page.locator("fieldset.pmes-question").nth(index)
            if block.locator("input:checked").count() == 0 and block.locator("select").count() == 0:
                # a choice with the keyboard: focus the first option with Shift+Tab, Space
                first = block.locator("input").first
                first.focus()
                page.keyboard.press("Space")
                block.locator("button.pmes-check").focus()
            page.keyboard.press("Enter")
            text = plain(block.locator(".pmes-feedback").inner_text())
            assert text.strip(), "aucun commentaire après « Vérifier »"
            checked.add(index)
    assert len(checked) == len(questions) >= 1, f"{len(checked)} questions vérifiées sur {len(questions)}"
    assert seen_next, "le lien vers la page suivante n'a pas été atteint au clavier"
    page.keyboard.press("Enter")
    page.wait_for_url("**/02_en_ligne_et_face_a_face.html", timeout=10000)


def test_feedback_is_a_status_message(page, book_url):
    """7.5: after « Vérifier », the feedback is a polite status message whose accessible
    text (as the accessibility tree exposes it) starts with the verdict in words."""
    open_page(page, book_url + MODULE_1)
    bank = next(p["bank"] for p in exercise_payloads(page) if p["bank"]["id"] == "m1-autoevaluation")
    index, question = next((i, q) for i, q in enumerate(bank["questions"]) if q["type"] == "single")
    node = page.locator(".pmes-exercise", has_text=bank["title"]).locator("fieldset.pmes-question").nth(index)
    right = next(o for o in question["options"] if o.get("correct"))
    node.locator(f"input[value='{right['id']}']").check()
    node.locator("button.pmes-check").click()
    feedback = node.locator(".pmes-feedback")
    assert feedback.get_attribute("role") == "status" and feedback.get_attribute("aria-live") == "polite"
    snapshot = plain(feedback.aria_snapshot())
    assert "Bonne réponse" in snapshot and "✔" not in snapshot, snapshot
    score = page.locator(".pmes-exercise", has_text=bank["title"]).locator(".pmes-score")
    assert score.get_attribute("role") == "status" and plain(score.inner_text()).startswith("Score : ")


def test_focus_is_visible(page, book_url):
    """10.7: the first 40 stops of the Tab key on the home page and module 1 each show a ring."""
    for path in (page_path("book/intro"), MODULE_1):
        open_page(page, book_url + path)
        page.wait_for_timeout(300)
        for _ in range(40):
            page.keyboard.press("Tab")
            here = _focused(page)
            assert here["tag"] == "BODY" or here["ring"], \
                f"{path} : focus invisible sur {here}"

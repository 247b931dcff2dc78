"""Faults a trainee meets in the static book, made in Chromium: browser storage full (the
quota filled by a filler key, as another site of the same origin would), imports that do
not fit, the same form open in two tabs, saves from two tabs at the same moment, and a
corrupt record found on a module page. Each case loses nothing and says what it could
not save, in French, with « Exporter mon dossier »."""
from __future__ import annotations

import json
import uuid

from playwright.sync_api import expect

from pmesocial import lrs as sender
from pmesocial.rules import xapi
from pmesocial.tools.lrs import TRAINER_USER

from .helpers import answer_correctly, exercise_payloads, open_page, page_path

MODULE_1 = page_path("notebooks/01_medias_ou_reseaux")
DOSSIER = page_path("outils/mon_dossier")
NEEDS = page_path("outils/positionnement_entree")
RECORD = "pmesocial-record"

# Fills this origin's localStorage up to its quota with filler keys (halving sizes down to
# one character), then frees `leave` characters by shortening the largest one (a shorter
# value always fits). Returns how many characters the filler holds.
FILL = """(leave) => {
    let size = 1 << 22, n = 0, total = 0;
    while (size >= 1) {
        try { localStorage.setItem('remplissage-' + n, 'x'.repeat(size)); n += 1; total += size; }
        catch (e) { size = Math.floor(size / 2); }
    }
    if (leave) { const big = localStorage.getItem('remplissage-0');
                 localStorage.setItem('remplissage-0', big.slice(0, big.length - leave)); total -= leave; }
    return total;
}"""


def fill_storage(page, leave: int = 0) -> int:
    total = page.evaluate(FILL, leave)
    assert total > 1_000_000
    assert page.evaluate("() => { try { localStorage.setItem('essai-plein', 'x'.repeat(20000)); return true; }"
                         " catch (e) { return false; } }") is False
    return total


def self_check_index(page) -> int:
    return next(i for i, p in enumerate(exercise_payloads(page)) if p["bank"]["id"].endswith("-autoevaluation"))


def check_right(page, exercises, index, count=None) -> dict:
    """Answer an exercise's questions right, one « Vérifier » at a time, each said right."""
    bank = exercise_payloads(page)[index]["bank"]
    exercise = exercises.nth(index)
    for n, question in enumerate(bank["questions"][:count]):
        node = exercise.locator(".pmes-question").nth(n)
        answer_correctly(node, question)
        node.get_by_role("button", name="Vérifier").click()
        expect(node.locator(".pmes-feedback")).to_contain_text("Bonne réponse")
    return bank


def kept_answers(page, index) -> int:
    """Questions of an exercise that show their checked answer again after a reload."""
    exercise = page.locator(".pmes-exercise[data-pmes-exercise]").nth(index)
    return exercise.locator(".pmes-question .pmes-feedback", has_text="Bonne réponse").count()


def storage_notice(page):
    return page.locator(".pmes-storage-notice")


def exported(page, button, tmp_path) -> dict:
    with page.expect_download() as info:
        button.click()
    path = tmp_path / f"export-{uuid.uuid4().hex[:6]}.json"
    info.value.save_as(path)
    return json.loads(path.read_text("utf-8"))


# ---------- browser storage full ----------
def test_full_storage_keeps_the_answers_says_so_and_offers_the_export(page, book_url, tmp_path):
    exercises = open_page(page, book_url + MODULE_1)
    index = self_check_index(page)
    fill_storage(page)
    bank = check_right(page, exercises, index)  # each one said « Bonne réponse »
    total = len(bank["questions"])
    notice = storage_notice(page)
    expect(notice).to_be_visible()
    # a reload of the same tab finds them again, and says again where they are kept
    open_page(page, book_url + MODULE_1)
    kept = kept_answers(page, index)
    assert kept == total, f"{kept} réponses gardées sur {total} après un rechargement"
    notice = storage_notice(page)
    expect(notice).to_be_visible()
    assert notice.get_attribute("role") in ("status", "alert")
    assert "pas enregistrées dans ce navigateur" in notice.inner_text() and "cet onglet" in notice.inner_text()
    record = exported(page, notice.get_by_role("button", name="Exporter mon dossier"), tmp_path)
    assert len(record["exercises"][bank["id"]]["answers"]) == total


def test_a_save_that_does_not_reach_the_browser_does_not_say_enregistre(page, book_url):
    """Before: « Enregistré. » under the button while the name was kept for this tab only."""
    open_page(page, book_url + DOSSIER)
    fill_storage(page)
    page.get_by_label("Votre nom").fill("Claire Morel")
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    said = page.locator("[role='status'] .pmes-feedback").first
    expect(said).to_contain_text("Pas enregistré dans ce navigateur")
    assert "pmes-ko" in said.get_attribute("class")
    expect(storage_notice(page)).to_be_visible()


def test_full_storage_still_sends_every_statement_to_the_lrs(page, book_url, lrs):
    registration, account = str(uuid.uuid4()), f"stagiaire-{uuid.uuid4().hex[:6]}"
    exercises = open_page(page, book_url + MODULE_1 + lrs.launch_query(account, registration))
    page.locator(".pmes-lrs-notice").get_by_role("button").click()
    index = self_check_index(page)
    fill_storage(page)
    bank = check_right(page, exercises, index, count=5)
    expect(storage_notice(page)).to_be_visible()
    page.wait_for_function("() => PmesLrs.pending().length === 0", timeout=15000)
    statements = sender.read_statements(lrs.endpoint, lrs.auth(TRAINER_USER), registration)
    answered = {s["object"]["id"].rsplit("/", 1)[1] for s in statements if s["verb"]["id"] == xapi.VERBS["answered"]["id"]}
    assert len(answered) == 5, f"{len(answered)} déclarations sur 5 reçues par l'entrepôt"
    assert answered == {q["id"] for q in bank["questions"][:5]}


def test_a_statement_that_cannot_be_queued_is_said(page, book_url, lrs):
    registration, account = str(uuid.uuid4()), f"stagiaire-{uuid.uuid4().hex[:6]}"
    exercises = open_page(page, book_url + MODULE_1 + lrs.launch_query(account, registration))
    page.locator(".pmes-lrs-notice").get_by_role("button").click()
    lrs.stop()
    try:
        fill_storage(page)
        check_right(page, exercises, self_check_index(page), count=1)
        notice = storage_notice(page)
        expect(notice).to_contain_text("apprentissage")
        assert "entrepôt d'apprentissage" in notice.inner_text()
        assert page.evaluate("() => PmesLrs.pending().length") == 1
    finally:
        lrs.start()


# ---------- imports ----------
def _record_text(name: str, answers: int = 0) -> str:
    from pmesocial.record import apply_attempt, new_record

    record = new_record("2026-11-20T09:00:00+00:00")
    record["trainee"] = {"name": name, "company": "Menuiserie"}
    for n in range(answers):
        apply_attempt(record, f"banque-{n // 20}", f"q{n}", "une réponse assez longue " * 4, 1, 1,
                      "2026-11-20T09:00:00+00:00")
    return json.dumps(record, ensure_ascii=False)


def _import(page, tmp_path, text: str) -> str:
    path = tmp_path / f"import-{uuid.uuid4().hex[:6]}.json"
    path.write_text(text, encoding="utf-8")
    status = page.locator(".pmes-panel [role=status]").first
    page.locator("input.pmes-import").set_input_files(str(path))
    expect(status.locator(".pmes-feedback")).to_have_count(1)
    return status.inner_text()


def _names_kept(page) -> list[str]:
    """Whose record this browser holds: the record, then every copy kept aside."""
    return page.evaluate("""() => Object.keys(localStorage).filter(k => k.startsWith('pmesocial-record')).sort()
        .map(k => { try { return JSON.parse(localStorage.getItem(k)).trainee.name; } catch (e) { return '?'; } })""")


def _start_with(page, book_url, tmp_path, name: str, answers: int = 0):
    open_page(page, book_url + DOSSIER)
    _import(page, tmp_path, _record_text(name, answers))
    open_page(page, book_url + DOSSIER)
    page.evaluate("() => Object.keys(localStorage).filter(k => k.startsWith('pmesocial-record.'))"
                  ".forEach(k => localStorage.removeItem(k))")


def test_an_import_that_does_not_fit_is_refused_and_changes_nothing(page, book_url, tmp_path):
    _start_with(page, book_url, tmp_path, "Claire")
    current = len(page.evaluate("() => localStorage.getItem('pmesocial-record')"))
    fill_storage(page, leave=current + 2000)  # room for a copy of the current record, not for a big one
    said = _import(page, tmp_path, _record_text("Importé", answers=200))
    assert "Dossier importé" not in said
    assert "n'a pas été importé" in said and "rien n'a changé" in said
    open_page(page, book_url + DOSSIER)
    assert page.locator("#pmes-trainee-name").input_value() == "Claire"
    assert _names_kept(page) == ["Claire"]


def test_an_import_whose_backup_does_not_fit_is_refused(page, book_url, tmp_path):
    _start_with(page, book_url, tmp_path, "Claire", answers=100)
    fill_storage(page)  # no room for a copy of the current record; a smaller record would replace it
    said = _import(page, tmp_path, _record_text("Importé"))
    assert "Dossier importé" not in said
    assert "n'a pas été importé" in said and "de côté" in said
    open_page(page, book_url + DOSSIER)
    assert "Claire" in _names_kept(page), "le dossier précédent a disparu"
    assert page.locator("#pmes-trainee-name").input_value() == "Claire"


def test_two_imports_in_the_same_second_keep_both_previous_records(page, book_url, tmp_path):
    _start_with(page, book_url, tmp_path, "Original")
    page.evaluate("""async ([a, b]) => {
        while (Date.now() % 1000 > 100) await new Promise(r => setTimeout(r, 5));
        PmesRecord.importFile(a); PmesRecord.importFile(b); }""", [_record_text("A"), _record_text("B")])
    names = _names_kept(page)
    assert sorted(names) == ["A", "B", "Original"], f"dossiers gardés : {names}"


# ---------- the same form in two tabs ----------
def _needs_form(p):
    host = p.locator(".pmes-form-host[data-pmes-ready='true']").first
    host.wait_for()
    return host


def test_two_tabs_on_the_needs_form_keep_both_fields(page, book_url):
    other = page.context.new_page()
    open_page(page, book_url + NEEDS)
    open_page(other, book_url + NEEDS)
    one, two = _needs_form(page), _needs_form(other)
    one.locator("[data-field='taille'] select").select_option("1-9")
    two.locator("[data-field='secteur'] select").select_option("commerce")
    page.wait_for_timeout(500)
    third = page.context.new_page()
    open_page(third, book_url + NEEDS)
    values = third.evaluate("() => PmesRecord.load().forms.besoins.values")
    assert values.get("taille") == "1-9" and values.get("secteur") == "commerce", f"champs gardés : {values}"
    # each tab shows what the other saved, without a reload
    expect(two.locator("[data-field='taille'] select")).to_have_value("1-9")
    expect(one.locator("[data-field='secteur'] select")).to_have_value("commerce")
    other.close()
    third.close()


def test_an_answer_checked_in_one_tab_shows_in_the_other(page, book_url):
    other = page.context.new_page()
    exercises = open_page(page, book_url + MODULE_1)
    open_page(other, book_url + MODULE_1)
    index = self_check_index(page)
    check_right(page, exercises, index, count=1)
    there = other.locator(".pmes-exercise[data-pmes-exercise]").nth(index).locator(".pmes-question").first
    expect(there.locator(".pmes-feedback")).to_contain_text("Bonne réponse")
    there.get_by_role("button", name="Recommencer").click()
    here = exercises.nth(index).locator(".pmes-question").first
    expect(here.locator(".pmes-feedback")).to_have_text("")
    assert here.locator("input:checked").count() == 0
    other.close()


def test_two_tabs_on_the_self_diagnostic_and_self_positioning_keep_every_answer(page, book_url):
    other = page.context.new_page()
    for p in (page, other):
        open_page(p, book_url + page_path("outils/autodiagnostic"))
    one, two = (p.locator(".pmes-diagnostic-host[data-pmes-ready='true']") for p in (page, other))
    one.locator("select[data-item]").nth(0).select_option("3")
    two.locator("select[data-item]").nth(1).select_option("2")
    for p in (page, other):
        open_page(p, book_url + NEEDS)
    one, two = (p.locator(".pmes-panel select[data-module]") for p in (page, other))
    one.nth(0).select_option("1")
    two.nth(1).select_option("4")
    page.wait_for_timeout(500)
    third = page.context.new_page()
    open_page(third, book_url + NEEDS)
    record = third.evaluate("() => PmesRecord.load()")
    answers, positions = record["diagnostic"]["answers"], record["self_positioning"]["entree"]
    assert (sorted(answers.values()), positions) == ([2, 3], {"1": 1, "2": 4}), f"gardés : {answers}, {positions}"
    other.close()
    third.close()


# Each tab saves 60 checked answers of its own, one per turn of its event loop, both starting at
# the same moment; the saves race through Chromium's asynchronous copy between tabs.
RACE = """([tab, start]) => {
    window.__raced = false;
    setTimeout(async () => {
        for (let i = 0; i < 60; i++) {
            PmesRecord.saveAttempt('essai-deux-onglets', tab + '-' + i, 'a', 1, 1, 1);
            await new Promise(r => setTimeout(r, 0));
        }
        window.__raced = true;
    }, Math.max(0, start - Date.now()));
}"""
COUNT = "() => Object.keys((PmesRecord.load().exercises['essai-deux-onglets'] || {}).answers || {}).length"


def test_simultaneous_saves_from_two_tabs_keep_every_answer(page, book_url):
    other = page.context.new_page()
    open_page(page, book_url + MODULE_1)
    open_page(other, book_url + MODULE_1)
    start = page.evaluate("() => Date.now() + 500")
    page.evaluate(RACE, ["A", start])
    other.evaluate(RACE, ["B", start])
    page.wait_for_function("() => window.__raced")
    other.wait_for_function("() => window.__raced")
    page.wait_for_timeout(1500)  # the tabs settle: a save lost to the other tab's stale copy is made again
    third = page.context.new_page()
    open_page(third, book_url + MODULE_1)
    kept = third.evaluate(COUNT)
    assert kept == 120, f"{kept} réponses gardées sur 120"
    other.close()
    third.close()


# ---------- a corrupt record on a module page ----------
def test_a_corrupt_record_on_a_module_page_is_set_aside_and_said(page, book_url):
    open_page(page, book_url + MODULE_1)
    page.evaluate("localStorage.setItem('pmesocial-record', '{\"format\": \"pmesocial-record\", \"vers')")
    open_page(page, book_url + MODULE_1)
    said = page.locator(".pmes-record-notice")
    expect(said).to_be_visible()
    assert "n'a pas pu être lu" in said.inner_text() and "rien n'a été effacé" in said.inner_text()
    assert said.get_attribute("role") == "alert"
    kept = page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('pmesocial-record.illisible-'))"
                         ".map(k => localStorage.getItem(k))")
    assert kept == ['{"format": "pmesocial-record", "vers']


# ---------- on a 390 px phone ----------
def test_on_a_phone_the_notice_is_compact_and_leaves_the_question_in_sight(browser, book_url, tmp_path):
    from pathlib import Path

    axe = (Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js").read_text("utf-8")
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, locale="fr-FR")
    context.add_init_script("localStorage.setItem('pmesocial-avis-donnees', '1')")
    phone = context.new_page()
    try:
        exercises = open_page(phone, book_url + MODULE_1)
        index = self_check_index(phone)
        fill_storage(phone)
        question = exercises.nth(index).locator(".pmes-question").nth(2)
        question.scroll_into_view_if_needed()
        question.locator("input").first.check()
        question.get_by_role("button", name="Vérifier").click()
        notice = storage_notice(phone)
        expect(notice).to_be_visible()
        phone.wait_for_timeout(100)
        box, button = notice.bounding_box(), notice.get_by_role("button", name="Exporter mon dossier").bounding_box()
        assert box["height"] <= 844 / 3 and box["width"] <= 390
        assert button["height"] >= 44 and button["width"] >= 44
        verdict = question.locator(".pmes-feedback strong").first.bounding_box()
        assert verdict["y"] + verdict["height"] <= box["y"], "le retour de la question est caché par l'avis"
        # the page stays usable: its end scrolls above the notice
        phone.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
        last = phone.locator("footer, .bd-footer-article, .prev-next-area").last.bounding_box()
        assert last["y"] + last["height"] <= notice.bounding_box()["y"] + 1
        phone.add_script_tag(content=axe)
        violations = phone.evaluate("""async () => (await axe.run(document, {resultTypes: ['violations']})).violations
            .filter(v => ['serious', 'critical'].includes(v.impact)).map(v => v.id + ' ' + v.nodes[0].target.join(' '))""")
        assert violations == []
        phone.screenshot(path=str(tmp_path / "phone-storage-full.png"))
    finally:
        context.close()

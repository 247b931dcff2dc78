"""One front end in every host (issue 23): the same click in the static book, in
JupyterLab and in Voilà gives the same DOM and the same record. The book keeps the record
in localStorage, the two others in the kernel's file (ui/kernel_store.js, kernel/host.py)."""
import json
import re
import time

from playwright.sync_api import expect

from pmesocial.data.banks import load_bank

from .helpers import answer_wrong_then_right, first_single_question, open_and_run, open_page

BANK = "m1-autoevaluation"
MODULE = "notebooks/01_medias_ou_reseaux"
TIMES = re.compile(r"^(at|updated|started)$")


def _dom(exercise) -> str:
    """The exercise (or form) as a reader would see it, without what only numbers its
    elements (`pmes3-` in ids: the rank of the exercise on its page) or carries its data."""
    html = exercise.evaluate("""node => { const copy = node.cloneNode(true);
        copy.querySelectorAll("script, noscript").forEach(s => s.remove()); return copy.outerHTML; }""")
    return re.sub(r"pmes\d+-", "pmesN-", html)


def _entry(record: dict, key: str, part: str = "exercises") -> dict:
    """One exercise's (or form's) part of a record, without the times of its changes."""
    def strip(value):
        if isinstance(value, dict):
            return {k: (bool(v) if k == "submitted" else strip(v)) for k, v in value.items() if not TIMES.match(k)}
        return value
    return strip(record[part][key])


def _from_file(path, key: str, expected: dict, part: str = "exercises") -> dict:
    """The entry the kernel saved, once it holds what the view sent it (or after 10 s)."""
    deadline, entry = time.monotonic() + 10, None
    while time.monotonic() < deadline and entry != expected:
        if path.exists():
            text = path.read_text("utf-8")
            entry = _entry(json.loads(text), key, part) if f'"{key}"' in text else None
        time.sleep(0.2)
    return entry


def _click(exercise, bank: dict):
    index, question = first_single_question(bank)
    answer_wrong_then_right(exercise, question, index)
    return _dom(exercise)


def test_the_same_click_gives_the_same_dom_and_record_in_the_book_jupyterlab_and_voila(
        app_page, book_url, lab, voila):
    page, bank = app_page, load_bank(BANK)
    page.set_default_timeout(90000)

    open_page(page, f"{book_url}/{MODULE}.html")
    exercise = page.locator(".pmes-exercise[data-pmes-exercise]", has_text=bank["title"])
    book_dom = _click(exercise, bank)
    book_record = _entry(json.loads(page.evaluate("localStorage.getItem('pmesocial-record')")), BANK)

    lab_url, lab_root = lab
    open_and_run(page, lab_url, f"{MODULE}.ipynb")
    exercise = page.locator(".pmes-exercise[data-pmes-exercise]", has_text=bank["title"])
    exercise.scroll_into_view_if_needed()
    lab_dom = _click(exercise, bank)
    lab_record = _from_file(lab_root / "dossier.json", BANK, book_record)

    voila_url, voila_record = voila
    page.goto(f"{voila_url}/voila/render/{MODULE.split('/')[1]}.ipynb")
    exercise = page.locator(".pmes-exercise[data-pmes-exercise]", has_text=bank["title"])
    voila_dom = _click(exercise, bank)
    voila_saved = _from_file(voila_record, BANK, book_record)

    assert book_record["results"] and book_record["first"]  # the click was saved
    assert lab_dom == book_dom
    assert voila_dom == book_dom
    assert lab_record == book_record == voila_saved


FORM, FORM_MODULE = "mes-droits", "notebooks/08_ce_que_la_loi_demande"


def _fill_and_save(page) -> tuple:
    """A row of « Mes photos, mes vidéos, mes musiques » typed, then « Enregistrer »: the
    form's DOM and what the button says."""
    host = page.locator(".pmes-form-host[data-pmes-ready='true']", has_text="Mes photos, mes vidéos")
    host.scroll_into_view_if_needed()
    row = host.locator("[data-field='publications'] .pmes-form-row").first
    row.locator("input[type='text']").first.fill("12 mars, la vitrine de Pâques")
    row.locator("input[type='text']").first.press("Tab")
    row.locator("select").first.select_option("internet")
    host.locator("button.pmes-form-submit").click()
    status = host.locator(".pmes-form-status")
    expect(status).to_contain_text("C’est enregistré")
    expect(host.locator(".pmes-advice")).to_contain_text("Retirez-la")
    return re.sub(r"pmes-form\d+-", "pmes-formN-", _dom(host)), status.inner_text()


def test_the_same_form_saved_gives_the_same_dom_and_record_in_the_book_jupyterlab_and_voila(
        app_page, book_url, lab, voila):
    page = app_page
    page.set_default_timeout(90000)

    open_page(page, f"{book_url}/{FORM_MODULE}.html")
    book_dom, book_said = _fill_and_save(page)
    book_record = _entry(json.loads(page.evaluate("localStorage.getItem('pmesocial-record')")), FORM, "forms")

    lab_url, lab_root = lab
    open_and_run(page, lab_url, f"{FORM_MODULE}.ipynb")
    lab_dom, lab_said = _fill_and_save(page)
    lab_record = _from_file(lab_root / "dossier.json", FORM, book_record, "forms")

    voila_url, voila_record = voila
    page.goto(f"{voila_url}/voila/render/{FORM_MODULE.split('/')[1]}.ipynb")
    voila_dom, voila_said = _fill_and_save(page)
    voila_saved = _from_file(voila_record, FORM, book_record, "forms")

    assert book_record["submitted"] and book_record["values"]["publications"][0]["origine"] == "internet"
    assert book_said == lab_said == voila_said
    assert lab_dom == book_dom
    assert voila_dom == book_dom
    assert lab_record == book_record == voila_saved


BUDGET_MODULE = "notebooks/06_opportunites_pour_une_pme"


def _slide(page) -> str:
    """The first hours of « Chronophage ? » set to 4: the calculator's DOM."""
    host = page.locator(".pmes-budget-host[data-pmes-ready='true']")
    host.scroll_into_view_if_needed()
    host.locator("input[type='range']").first.evaluate(
        "input => { input.value = '4'; input.dispatchEvent(new Event('input', { bubbles: true })); }")
    expect(host.locator(".pmes-estimate-value").first).to_have_text("4,0\u00a0h")
    return _dom(host)


def test_the_time_budget_gives_the_same_dom_in_the_book_jupyterlab_and_voila(app_page, book_url, lab, voila):
    page = app_page
    page.set_default_timeout(90000)
    open_page(page, f"{book_url}/{BUDGET_MODULE}.html")
    book_dom = _slide(page)
    open_and_run(page, lab[0], f"{BUDGET_MODULE}.ipynb")
    lab_dom = _slide(page)
    page.goto(f"{voila[0]}/voila/render/{BUDGET_MODULE.split('/')[1]}.ipynb")
    voila_dom = _slide(page)
    assert "pmes-budget-summary" in book_dom
    assert lab_dom == book_dom
    assert voila_dom == book_dom


def _position(page) -> str:
    """Module 2 placed at 3 in the self-positioning at entry: the panel's DOM."""
    host = page.locator(".pmes-panel-host[data-pmes-ready='true']", has_text="Autopositionnement")
    host.scroll_into_view_if_needed()
    host.locator("select[data-module='2']").select_option("3")
    return _dom(host)


def test_self_positioning_and_the_review_give_the_same_dom_and_record_in_the_book_and_jupyterlab(
        app_page, book_url, lab):
    """Voilà serves the modules only (conftest.py): the trainee's own pages in two hosts."""
    page = app_page
    page.set_default_timeout(90000)
    open_page(page, f"{book_url}/outils/positionnement_entree.html")
    book_dom = _position(page)
    book_record = json.loads(page.evaluate("localStorage.getItem('pmesocial-record')"))["self_positioning"]
    lab_url, lab_root = lab
    (lab_root / "dossier.json").unlink(missing_ok=True)
    open_and_run(page, lab_url, "outils/positionnement_entree.ipynb")
    lab_dom = _position(page)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and not (lab_root / "dossier.json").exists():
        time.sleep(0.2)
    page.wait_for_timeout(500)
    lab_record = json.loads((lab_root / "dossier.json").read_text("utf-8"))["self_positioning"]
    assert book_record == lab_record == {"entree": {"2": 3}}
    assert lab_dom == book_dom

    book_review = _review(page, f"{book_url}/outils/bilan_sortie.html")
    open_and_run(page, lab_url, "outils/bilan_sortie.ipynb")
    lab_review = _review(page)
    assert "Autopositionnement (0" in book_review and "pmes-provenance" in book_review
    assert lab_review == book_review


def _review(page, url: str | None = None) -> str:
    """The review after « Actualiser le bilan », module 2's self-positioning at entry in it."""
    if url:
        open_page(page, url)
    review = page.locator(".pmes-panel-host[data-pmes-ready='true']", has_text="Bilan de fin de formation")
    review.scroll_into_view_if_needed()
    review.get_by_role("button", name="Actualiser le bilan").click()
    expect(review.locator("table").nth(1).locator("tbody tr").nth(1).locator("td").nth(2)).to_have_text("3")
    return _dom(review)

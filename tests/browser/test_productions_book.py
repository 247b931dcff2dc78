"""Productions judged as productions, end to end in the book: the trainee saves the 90-day
plan and reads it on its rubric, with what is missing; the trainer, on the group-view page
with no kernel, reads it, judges the criteria left to them and validates it, then gives the
validation file; the trainee imports it, and the review page and the attestation show the
plan as validated by the trainer."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.support.browser import serve

from .conftest import REPO, _guarded_page

TRAINER_BOOK = REPO / "_build" / "formateur" / "_build" / "html"
PLAN_PAGE = "/notebooks/09_passer_a_l_action.html"
DOSSIER_PAGE = "/outils/mon_dossier.html"
REVIEW_PAGE = "/outils/bilan_sortie.html"
GROUP_PAGE = "/formateur/vue_de_groupe_sans_code.html"


@pytest.fixture(scope="module")
def trainer_url():
    if not (TRAINER_BOOK / "index.html").exists():
        pytest.fail("L'édition formateur n'est pas construite : lancez « make book-formateur ».")
    server = serve(TRAINER_BOOK)
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def _fill_plan(page, objective: str, actions: int) -> None:
    form = page.locator(".pmes-form").filter(has_text="Mon plan à 90")
    form.get_by_label(re.compile("Votre objectif chiffré")).fill(objective)
    for n in range(actions):
        if n >= 3:
            form.get_by_role("button", name="Ajouter une ligne").click()
        row = form.locator(".pmes-form-row").nth(n)
        row.get_by_label("Action *", exact=True).fill(f"Action {n + 1}")
        row.get_by_label(re.compile("Qui s.en charge")).fill("M. Lemoine")
        row.get_by_label(re.compile("Temps par semaine")).fill("1,5")
        row.get_by_label(re.compile("Indicateur")).fill("demandes de devis")
        row.get_by_label(re.compile("Échéance")).fill(page.evaluate(
            "(n) => new Date(Date.now() + (20 + 20 * n) * 864e5).toISOString().slice(0, 10)", n))
    form.get_by_label(re.compile("Date du point d.étape")).fill(page.evaluate(
        "() => new Date(Date.now() + 45 * 864e5).toISOString().slice(0, 10)"))


@pytest.fixture
def desk(browser, requests_log):
    """The trainer's own browser: another context, guarded like the trainee's page."""
    yield from _guarded_page(browser, requests_log, check_js_errors=True)


def test_a_plan_is_read_on_its_rubric_then_validated_by_the_trainer(page, desk, book_url, trainer_url, tmp_path):
    page.goto(book_url + PLAN_PAGE)
    form = page.locator(".pmes-form").filter(has_text="Mon plan à 90")
    form.wait_for()
    _fill_plan(page, "Être plus visible", 3)
    form.get_by_role("button", name="Enregistrer mon plan").click()
    rubric = form.locator(".pmes-form-rubric")
    # saved, and read on its rubric: what is missing is named, in words
    expect(rubric).to_contain_text("À compléter")
    missing = rubric.locator(".pmes-criterion-missing").all_inner_texts()
    assert any("chiffré" in m for m in missing) and any("conformité" in m for m in missing)
    assert rubric.locator(".pmes-criterion-pending").count() == 2  # the trainer's two criteria
    form.get_by_label(re.compile("Votre objectif chiffré")).fill("Cinq demandes de devis par mois")
    form.get_by_label(re.compile("Mes fichiers de contacts")).check()
    form.get_by_role("button", name="Enregistrer mon plan").click()
    expect(rubric).to_contain_text("Complète, à valider par le formateur")
    assert rubric.locator(".pmes-criterion-missing").count() == 0
    # what was typed comes back as it was typed (a full stop is not a decimal comma)
    page.reload()
    row = page.locator(".pmes-form").filter(has_text="Mon plan à 90").locator(".pmes-form-row").first
    expect(row.get_by_label(re.compile("Qui s.en charge"))).to_have_value("M. Lemoine")

    page.goto(book_url + DOSSIER_PAGE)
    with page.expect_download() as exported:
        page.get_by_role("button", name=re.compile("Exporter mon dossier")).click()
    record_file = tmp_path / "dossier-claire.json"
    record_file.write_bytes(Path(exported.value.path()).read_bytes())

    # the trainer reads the plan, judges their criteria and validates it
    desk.goto(trainer_url + GROUP_PAGE)
    desk.get_by_label(re.compile("Choisir les dossiers des stagiaires")).set_input_files([str(record_file)])
    view = desk.locator(".pmes-group-files-view")
    expect(view).to_contain_text("Complète, à valider par le formateur (6 / 6)")
    judge = view.locator(".pmes-group-judge")
    judge.get_by_label("Production", exact=True).select_option(label="Mon plan à 90 jours".replace(" jours", "\u00a0jours"))
    expect(judge).to_contain_text("Cinq demandes de devis par mois")  # the trainee's own words
    judge.get_by_label(re.compile("Chaque indicateur se compte")).check()
    judge.get_by_label(re.compile("Les actions suivent un ordre")).check()
    judge.get_by_label("Production validée").check()
    judge.get_by_label(re.compile("Votre commentaire")).fill("Bon plan <b>réaliste</b>.")
    judge.get_by_label(re.compile("Votre nom")).fill("M. Martin")
    judge.get_by_role("button", name="Enregistrer mon avis").click()
    expect(view.locator(".pmes-group")).to_contain_text("Validée par le formateur")
    expect(view.locator(".pmes-judge-status")).to_contain_text("Avis enregistré dans ce navigateur")
    with desk.expect_download() as given:
        view.get_by_role("button", name=re.compile("Télécharger la validation")).click()
    validation = json.loads(Path(given.value.path()).read_text("utf-8"))
    assert given.value.suggested_filename.startswith("validation-stagiaire-1-")
    assert validation["productions"]["plan"]["decision"] == "validee"
    assert validation["record_started"] == json.loads(record_file.read_text("utf-8"))["started"]
    # kept in the trainer's browser: the files read again show the same decision
    desk.reload()
    desk.get_by_label(re.compile("Choisir les dossiers des stagiaires")).set_input_files([str(record_file)])
    expect(desk.locator(".pmes-group-files-view .pmes-group")).to_contain_text("Validée par le formateur")

    # another trainee's validation is refused, in French, and changes nothing
    other = tmp_path / "validation-autre.json"
    other.write_text(json.dumps({**validation, "record_started": "2020-01-01T00:00:00+00:00"}), "utf-8")
    page.goto(book_url + DOSSIER_PAGE)
    page.get_by_label(re.compile("Importer un dossier")).set_input_files(str(other))
    expect(page.locator(".pmes-panel")).to_contain_text("concerne un autre dossier")
    assert "validations" not in page.evaluate("() => JSON.parse(localStorage.getItem('pmesocial-record'))")
    # the trainee imports their own: the record keeps their work and gains the judgement
    validation_file = tmp_path / given.value.suggested_filename
    validation_file.write_text(json.dumps(validation), "utf-8")
    page.goto(book_url + DOSSIER_PAGE)
    page.get_by_label(re.compile("Importer un dossier")).set_input_files(str(validation_file))
    expect(page.locator(".pmes-panel")).to_contain_text("Validation de votre formateur ajoutée")
    page.goto(book_url + REVIEW_PAGE)
    review = page.locator(".pmes-panel").filter(has_text="Vos productions")
    expect(review).to_contain_text("Mon plan à 90")
    expect(review).to_contain_text("Validée par le formateur")
    expect(review).to_contain_text("M. Martin")
    expect(review).to_contain_text("Bon plan <b>réaliste</b>.")  # the trainer's text shown as text, never as markup
    assert review.locator(".pmes-productions b").count() == 0
    stored = page.evaluate("() => JSON.parse(localStorage.getItem('pmesocial-record'))")
    assert stored["forms"]["plan"]["values"]["objectif"] == "Cinq demandes de devis par mois"


def test_a_check_of_ones_own_site_says_what_to_do(page, book_url):
    """Module 8's « Mon site en règle » answers: each problem declared gets what to do."""
    page.goto(book_url + "/notebooks/08_ce_que_la_loi_demande.html")
    form = page.locator(".pmes-form").filter(has_text="Mon site en règle")
    form.wait_for()
    form.get_by_label(re.compile("Le nom de l.entreprise")).check()
    form.get_by_label(re.compile("le bandeau cookies")).select_option("accepter-seul")
    form.get_by_label(re.compile("pixel Meta")).select_option("des-l-arrivee")
    form.get_by_role("button", name="Enregistrer ma vérification").click()
    advice = form.locator(".pmes-advice")
    expect(advice).to_contain_text("Ce que votre vérification vous dit de faire")
    expect(advice).to_contain_text("Tout refuser")
    expect(advice).to_contain_text("numéro de TVA")  # a legal notice left unticked
    assert "Le nom de l'entreprise" not in advice.inner_text()  # ticked: not asked again

"""The course as a trainee runs it in JupyterLab on localhost: Run All, answer a widget,
and carry a record between JupyterLab and the static book both ways."""
import json
import re

from playwright.sync_api import expect

from pmesocial.data.banks import load_bank
from pmesocial.data.diagnostic import load_diagnostic
from pmesocial.rules import diagnostic

from .conftest import REPO
from .helpers import (
    FRENCH_MENUS,
    GUIDES,
    TOKEN,
    answer_wrong_then_right,
    first_single_question,
    guide_menu_paths,
    open_and_run,
)


def test_guides_menu_paths_are_found():
    found = guide_menu_paths("(« Exécution › Exécuter toutes les cellules », Run › Run All) et « Ajouter › Paquet »")
    assert found == [["Exécution", "Exécuter toutes les cellules"]]


def test_jupyterlab_opens_in_french_with_the_menus_the_guides_quote(app_page, lab):
    """No click to choose the language: the menus are French from the first visit, and
    every menu path a guide quotes (« Noyau › Redémarrer le noyau et… ») is there."""
    page = app_page
    page.set_default_timeout(60000)
    page.goto(f"{lab[0]}/lab/tree/notebooks/01_medias_ou_reseaux.ipynb?reset&token={TOKEN}")
    page.locator(".jp-Notebook").wait_for()
    menus = page.locator("#jp-menu-panel [role=menubar] > [role=menuitem]")
    assert menus.all_inner_texts() == FRENCH_MENUS
    paths = {tuple(p) for guide in GUIDES for p in guide_menu_paths((REPO / guide).read_text("utf-8"))}
    assert len(paths) >= 4
    for path in sorted(paths):
        top, *middle, item = path
        page.locator("#jp-menu-panel [role=menubar] > [role=menuitem]", has_text=top).click()
        for submenu in middle:
            page.locator(".lm-Menu:visible .lm-Menu-item", has_text=submenu).first.hover()
        expect(page.locator(".lm-Menu:visible .lm-Menu-itemLabel").filter(
            has_text=re.compile(f"^{re.escape(item)}$")).first).to_be_visible()
        page.keyboard.press("Escape")
        page.keyboard.press("Escape")


def test_module_1_run_all_and_answer(app_page, lab):
    page = app_page
    open_and_run(page, lab[0], "notebooks/01_medias_ou_reseaux.ipynb")
    bank = load_bank("m1-autoevaluation")
    exercise = page.locator(".pmes-exercise", has_text=bank["title"])
    exercise.wait_for(state="attached")
    exercise.scroll_into_view_if_needed()
    index, question = first_single_question(bank)
    answer_wrong_then_right(exercise, question, index)
    assert f"Score : {question.get('points', 1)} sur" in exercise.locator(".pmes-score").inner_text()
    chart = page.locator(".js-plotly-plot")
    chart.first.wait_for(state="attached")
    assert page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']").count() == 0


def _shown_overall(page) -> int:
    """The overall score the diagnostic shows (ui/diagnostic.js, as in the book)."""
    return int(page.locator(".pmes-diagnostic-host[data-pmes-ready='true']").get_attribute("data-pmes-overall"))


def test_record_from_the_book_gives_the_same_scores_in_jupyterlab(app_page, lab, book_url, tmp_path):
    """Fill the diagnostic in the static book, export, import in JupyterLab: same scores."""
    page, (lab_url, _root) = app_page, lab
    spec = load_diagnostic()
    items = [i["id"] for d in spec["dimensions"] for i in d["items"]]
    answers = {item: (n * 2 + 1) % 5 for n, item in enumerate(items[:16])}
    page.goto(book_url + "/outils/autodiagnostic.html")
    host = page.locator(".pmes-diagnostic-host[data-pmes-ready='true']")
    for item, value in answers.items():
        host.locator(f"select[data-item='{item}']").select_option(str(value))
    book_overall = int(host.get_attribute("data-pmes-overall"))
    page.goto(book_url + "/outils/mon_dossier.html")
    with page.expect_download() as info:
        page.locator("button.pmes-export").click()
    exported = tmp_path / "depuis-le-livre.json"
    info.value.save_as(exported)

    open_and_run(page, lab_url, "outils/mon_dossier.ipynb")
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name=re.compile("Importer un dossier")).click()
    chooser.value.set_files(str(exported))
    expect(page.locator(".pmes-exercise")).to_contain_text("Dossier importé")
    open_and_run(page, lab_url, "outils/autodiagnostic.ipynb")
    page.locator(".pmes-diagnostic-results .pmes-score").wait_for(state="attached")
    assert _shown_overall(page) == book_overall == diagnostic.compute(spec, answers, {})["overall"]


def test_record_from_jupyterlab_gives_the_same_scores_in_the_book(app_page, lab, book_url, tmp_path):
    """The other way: answer in JupyterLab, export, import in the static book."""
    page, (lab_url, root) = app_page, lab
    (root / "dossier.json").unlink(missing_ok=True)
    open_and_run(page, lab_url, "outils/autodiagnostic.ipynb")
    diag = page.locator(".pmes-diagnostic")
    diag.wait_for(state="attached")
    selects = diag.locator("select[data-item]")
    for n in range(6):
        selects.nth(n).select_option(index=(n % 5) + 1)
    expect(page.locator(".pmes-diagnostic-results .pmes-score")).to_contain_text("Score global")
    page.wait_for_timeout(500)
    lab_overall = _shown_overall(page)
    open_and_run(page, lab_url, "outils/mon_dossier.ipynb")
    with page.expect_download() as info:
        page.get_by_text("Exporter mon dossier (JSON)").click()
    exported = tmp_path / "depuis-jupyterlab.json"
    info.value.save_as(exported)
    assert json.loads(exported.read_text("utf-8"))["diagnostic"]["answers"]

    page.goto(book_url + "/outils/mon_dossier.html")
    page.locator("input.pmes-import").set_input_files(str(exported))
    expect(page.locator(".pmes-panel > [role=status]")).to_contain_text("Dossier importé")
    page.goto(book_url + "/outils/autodiagnostic.html")
    host = page.locator(".pmes-diagnostic-host[data-pmes-ready='true']")
    host.wait_for()
    assert int(host.get_attribute("data-pmes-overall")) == lab_overall


def test_drafts_and_the_plan_survive_a_reload_and_reach_the_book(app_page, lab, book_url, tmp_path):
    """Choose without « Vérifier » and write a plan in JupyterLab; reload and Run All: all
    is there; export, import in the book: the plan and the choice are there too."""
    page, (lab_url, root) = app_page, lab
    (root / "dossier.json").unlink(missing_ok=True)
    open_and_run(page, lab_url, "notebooks/09_passer_a_l_action.ipynb")
    bank = load_bank("m9-plan")
    exercise = page.locator(".pmes-exercise", has_text=bank["title"])
    exercise.wait_for(state="attached")
    index, question = first_single_question(bank)
    block = exercise.locator(".pmes-question").nth(index)
    block.scroll_into_view_if_needed()
    choice = next(o for o in question["options"] if not o.get("correct"))
    block.get_by_label(choice["text"], exact=True).check()
    plan = page.locator(".pmes-form", has_text="Mon plan à 90 jours")
    plan.scroll_into_view_if_needed()
    plan.locator("textarea").first.fill("Six demandes de devis par mois, venues de la fiche")
    plan.locator("textarea").first.press("Tab")
    page.wait_for_timeout(1500)  # the kernel writes the record
    saved = json.loads((root / "dossier.json").read_text("utf-8"))
    assert saved["exercises"]["m9-plan"]["drafts"][question["id"]] == choice["id"]
    assert saved["forms"]["plan"]["values"]["objectif"].startswith("Six demandes")

    open_and_run(page, lab_url, "notebooks/09_passer_a_l_action.ipynb")
    exercise = page.locator(".pmes-exercise", has_text=bank["title"])
    exercise.wait_for(state="attached")
    block = exercise.locator(".pmes-question").nth(index)
    expect(block.get_by_label(choice["text"], exact=True)).to_be_checked()
    expect(page.locator(".pmes-form", has_text="Mon plan à 90 jours").locator("textarea").first).to_have_value(
        "Six demandes de devis par mois, venues de la fiche")

    open_and_run(page, lab_url, "outils/mon_dossier.ipynb")
    with page.expect_download() as info:
        page.get_by_text("Exporter mon dossier (JSON)").click()
    exported = tmp_path / "plan-depuis-jupyterlab.json"
    info.value.save_as(exported)
    page.goto(book_url + "/outils/mon_dossier.html")
    page.locator("input.pmes-import").set_input_files(str(exported))
    expect(page.locator(".pmes-panel > [role=status]")).to_contain_text("Dossier importé")
    page.goto(book_url + "/notebooks/09_passer_a_l_action.html")
    host = page.locator(".pmes-form-host[data-pmes-ready='true']")
    host.wait_for()
    assert host.locator("[data-field='objectif'] textarea").input_value().startswith("Six demandes")
    node = page.locator(".pmes-exercise[data-pmes-exercise]", has_text=bank["title"])
    assert node.locator(f"fieldset[data-question='{question['id']}'] input[value='{choice['id']}']").is_checked()

"""What the browser tests need to know about the book: its pages and its exercises."""
from __future__ import annotations

import os
import re
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from tests.support.browser import toc_pages

from .conftest import plain

REPO = Path(__file__).resolve().parents[2]


def toc_files(prefix: str = "") -> list[str]:
    return [f for f in toc_pages() if f.startswith(prefix)]


def page_path(toc_file: str) -> str:
    return f"/{toc_file}.html"


def open_page(page, url: str):
    page.goto(url)
    page.wait_for_load_state("load")
    exercises = page.locator(".pmes-exercise[data-pmes-exercise]")
    for i in range(exercises.count()):
        exercises.nth(i).locator("xpath=self::*[@data-pmes-ready='true']").wait_for(timeout=5000)
    return exercises


def exercise_payloads(page) -> list[dict]:
    return page.evaluate("""() => Array.from(document.querySelectorAll('.pmes-exercise[data-pmes-exercise]'))
        .map(el => JSON.parse(el.querySelector("script[type='application/json']").textContent))""")


def answer_correctly(question_node, question: dict) -> None:
    if question["type"] == "estimate":
        question_node.locator("input[type=range]").fill(str(question["figure_data"]["value"]))
    elif question["type"] == "single":
        right = next(o for o in question["options"] if o.get("correct"))
        question_node.locator(f"input[value='{right['id']}']").check()
    elif question["type"] == "multiple":
        for o in question["options"]:
            box = question_node.locator(f"input[value='{o['id']}']")
            box.check() if o.get("correct") else box.uncheck()
    else:
        for item in question["items"]:
            question_node.locator(f"select[data-ref='{item['id']}']").select_option(item["answer"])


def first_single_question(bank: dict) -> tuple[int, dict]:
    return next((i, q) for i, q in enumerate(bank["questions"]) if q["type"] == "single")


def answer_wrong_then_right(exercise, question: dict, index: int):
    """In any host (the book, JupyterLab, Voilà: the same DOM): a wrong answer, then the
    right one; returns the feedback locator after the right answer."""
    from playwright.sync_api import expect

    block = exercise.locator(".pmes-question").nth(index)
    wrong = next(o for o in question["options"] if not o.get("correct"))
    right = next(o for o in question["options"] if o.get("correct"))
    feedback = block.locator(".pmes-feedback")
    block.get_by_label(wrong["text"], exact=True).check()
    block.get_by_role("button", name="Vérifier").click()
    expect(feedback).to_contain_text("pas tout à fait")
    assert plain(wrong["feedback"]) in feedback.inner_text()
    block.get_by_label(right["text"], exact=True).check()
    block.get_by_role("button", name="Vérifier").click()
    expect(feedback).to_contain_text("Bonne réponse")
    assert plain(right["feedback"]) in feedback.inner_text()
    return feedback


def wait_for_server(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(0.3)
    pytest.fail(f"le serveur n'a pas répondu à temps : {url}")


def import_record(page, path, confirm: bool = True) -> str:
    """Choose a file in « Mon dossier » and, when the page asks before replacing another
    person's record, answer (`confirm`); the panel's answer, as the trainee reads it."""
    page.locator("input.pmes-import").set_input_files(str(path))
    asked = page.locator(".pmes-panel .pmes-import-confirm:not([hidden])")
    said = page.locator(".pmes-panel [role=status] .pmes-feedback, .pmes-panel [role=status] .pmes-ko")
    asked.or_(said).first.wait_for()
    if asked.is_visible():
        asked.get_by_role("button", name="Oui, importer ce dossier" if confirm else "Non, garder le mien").click()
    said.first.wait_for()
    return page.locator(".pmes-panel [role=status]").first.inner_text()


# -- the kernel's hosts: JupyterLab and Voilà on localhost, on copies of the course -------
TOKEN = "pmesocial-test"


def start_server(argv: list[str], env: dict, url: str):
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, **env})
    try:
        wait_for_server(url)
    except BaseException:
        proc.terminate()
        raise
    return proc


# The interface is in French (jupyterlab-language-pack-fr-fr, selected by
# jupyter/lab/overrides.json): the menu names the guides quote.
IDLE = "Python 3 (ipykernel) | Inactif"


def run_all(page):
    page.get_by_role("menuitem", name="Exécution", exact=True).click()
    page.get_by_role("menuitem", name="Exécuter toutes les cellules", exact=True).click()


def open_and_run(page, lab_url: str, notebook: str) -> None:
    page.set_default_timeout(60000)
    page.goto(f"{lab_url}/lab/tree/{notebook}?reset&token={TOKEN}")
    page.locator(".jp-Notebook").wait_for()
    page.get_by_text(IDLE).wait_for()
    run_all(page)
    page.get_by_text(IDLE).wait_for()


# The guides quote JupyterLab's menus as « Exécution › Exécuter toutes les cellules »:
# a path between « », *…*, **…**, parentheses or commas, whose first part is a menu.
GUIDES = ["book/guide-stagiaire.md", "book/guide-formateur.md", "book/intro.md", "README.md"]
MENU_PATH = re.compile(r"[«*(,]\s*([^«»*(),.;:]+?›[^«»*(),.;:]+?)\s*(?=[»*),])")
FRENCH_MENUS = ["Fichier", "Édition", "Affichage", "Exécution", "Noyau", "Onglets", "Paramètres", "Aide"]


def guide_menu_paths(text: str) -> list[list[str]]:
    """The French menu paths a guide quotes (the English ones in parentheses left aside)."""
    paths = [[part.strip() for part in found.split("›")] for found in MENU_PATH.findall(" ".join(text.split()))]
    return [p for p in paths if p[0] in FRENCH_MENUS]

"""Module 1 as a trainee runs it: JupyterLab on localhost, Run All, answer a widget."""
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from playwright.sync_api import expect

from pmesocial.banks import load_bank

from .conftest import REPO

TOKEN = "pmesocial-test"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(0.3)
    pytest.fail(f"le serveur n'a pas répondu à temps : {url}")


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """JupyterLab on a copy of the course notebooks, so a test never rewrites them."""
    root = tmp_path_factory.mktemp("lab")
    shutil.copytree(REPO / "notebooks", root / "notebooks")
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", f"--port={port}", "--ip=127.0.0.1",
         "--allow-root", f"--IdentityProvider.token={TOKEN}", f"--ServerApp.root_dir={root}",
         "--LabApp.news_url=", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    _wait_for(f"{url}/api/status?token={TOKEN}")
    yield url
    proc.terminate()
    proc.wait(timeout=30)


def run_all(page):
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()


def test_module_1_run_all_and_answer(app_page, lab):
    page = app_page
    page.set_default_timeout(60000)
    page.goto(f"{lab}/lab/tree/notebooks/01_medias_ou_reseaux.ipynb?token={TOKEN}")
    page.locator(".jp-Notebook").wait_for()
    page.get_by_text("Python 3 (ipykernel) | Idle").wait_for()
    run_all(page)
    bank = load_bank("m1-autoevaluation")
    exercise = page.locator(".pmes-exercise", has_text=bank["title"])
    exercise.wait_for(state="attached")
    exercise.scroll_into_view_if_needed()
    index, question = next((i, q) for i, q in enumerate(bank["questions"]) if q["type"] == "single")
    block = exercise.locator(".pmes-question").nth(index)
    wrong = next(o for o in question["options"] if not o.get("correct"))
    right = next(o for o in question["options"] if o.get("correct"))
    block.get_by_label(wrong["text"], exact=True).check()
    block.get_by_role("button", name="Vérifier").click()
    feedback = block.locator(".pmes-feedback")
    expect(feedback).to_contain_text("pas tout à fait")
    assert wrong["feedback"] in feedback.inner_text()
    block.get_by_label(right["text"], exact=True).check()
    block.get_by_role("button", name="Vérifier").click()
    expect(feedback).to_contain_text("Bonne réponse")
    assert right["feedback"] in feedback.inner_text()
    assert f"Score : {question.get('points', 1)} sur" in exercise.locator(".widget-html", has_text="Score :").last.inner_text()
    chart = page.locator(".js-plotly-plot")
    chart.first.wait_for(state="attached")
    assert page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']").count() == 0

"""A module as the trainer projects it: Voilà on localhost, code hidden, widgets live."""
import os
import subprocess
import sys

import pytest

from pmesocial.data.banks import load_bank
from tests.support.browser import free_port

from .conftest import REPO
from .helpers import answer_widget_wrong_then_right, first_single_question, wait_for_server


@pytest.fixture(scope="module")
def voila(tmp_path_factory):
    port = free_port()
    env = {**os.environ, "JUPYTER_PATH": str(REPO / "jupyter"),
           "PMESOCIAL_RECORD": str(tmp_path_factory.mktemp("voila") / "dossier.json")}
    proc = subprocess.Popen([sys.executable, "-m", "voila", "--no-browser", f"--port={port}", "--Voila.ip=127.0.0.1",
                             "--template=pmesocial", str(REPO / "notebooks")],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    url = f"http://127.0.0.1:{port}"
    wait_for_server(url + "/")
    yield url
    proc.terminate()
    proc.wait(timeout=30)


def test_module_as_an_app(app_page, voila, requests_log):
    page = app_page
    page.set_default_timeout(90000)
    page.goto(f"{voila}/voila/render/01_medias_ou_reseaux.ipynb")
    bank = load_bank("m1-autoevaluation")
    exercise = page.locator(".pmes-exercise", has_text=bank["title"])
    exercise.wait_for()
    assert page.locator(".jp-CodeCell .jp-InputArea:visible").count() == 0  # code is hidden
    assert 'exercise("' not in page.locator("body").inner_text()
    index, question = first_single_question(bank)
    answer_widget_wrong_then_right(exercise, question, index)
    assert page.locator(".js-plotly-plot").count() >= 1
    assert len(requests_log.urls) > 5

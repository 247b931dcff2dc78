"""A module as the trainer projects it: Voilà on localhost, code hidden, widgets live."""
from pmesocial.data.banks import load_bank

from .helpers import answer_wrong_then_right, first_single_question


def test_module_as_an_app(app_page, voila, requests_log):
    page = app_page
    page.set_default_timeout(90000)
    page.goto(f"{voila[0]}/voila/render/01_medias_ou_reseaux.ipynb")
    bank = load_bank("m1-autoevaluation")
    exercise = page.locator(".pmes-exercise", has_text=bank["title"])
    exercise.wait_for()
    assert page.locator(".jp-CodeCell .jp-InputArea:visible").count() == 0  # code is hidden
    assert 'exercise("' not in page.locator("body").inner_text()
    index, question = first_single_question(bank)
    answer_wrong_then_right(exercise, question, index)
    assert page.locator(".js-plotly-plot").count() >= 1
    assert len(requests_log.urls) > 5

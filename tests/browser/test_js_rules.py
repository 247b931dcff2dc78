"""The JavaScript front end in a page: hostile texts stay text."""
import pytest

from pmesocial.book.mime import _json_script
from pmesocial.front_end import EXERCISE_CLASS, SCRIPTS
from pmesocial.kernel.exercise import Exercise
from pmesocial.paths import STATIC_DIR

# Rules parity lives in tests/js (node --test, shared vectors): here, what only a page shows.
EXERCISE_JS = "\n".join((STATIC_DIR / "pmesocial" / name).read_text("utf-8") for name in SCRIPTS[EXERCISE_CLASS])


def test_hostile_texts_are_shown_not_run(page, sample_bank):
    hostile = "<script>window.__pwned = 1</script><img src=x onerror='window.__pwned = 2'>« » \"' 😀"
    sample_bank["title"] = hostile
    sample_bank["questions"][0]["prompt"] = hostile
    sample_bank["questions"][0]["options"][0]["text"] = hostile
    sample_bank["questions"][0]["options"][0]["feedback"] = hostile
    script, _ = _json_script(Exercise(sample_bank).payload())
    page.set_content(f'<html><body><div class="pmes-exercise" data-pmes-exercise="1">{script}</div></body></html>')
    page.add_script_tag(content=EXERCISE_JS)
    question = page.locator("fieldset.pmes-question").first
    assert hostile in page.locator(".pmes-title").inner_text()
    question.locator("input[value='a']").check()
    question.locator("button.pmes-check").click()
    assert hostile in question.locator(".pmes-feedback").inner_text()
    assert page.evaluate("window.__pwned") is None
    assert page.locator("img").count() == 0


def test_a_malformed_bank_is_refused_in_the_page_with_the_python_message(page, sample_bank):
    from pmesocial.data.banks import BankError, validate_bank

    del sample_bank["questions"][0]["options"][1]["feedback"]
    with pytest.raises(BankError) as python:
        validate_bank(sample_bank, source="data/quiz/sample.yaml")
    script, _ = _json_script({"kind": "exercise", "version": 2, "bank": sample_bank, "record_key": "sample"})
    page.set_content(f'<html><body><div class="pmes-exercise" data-pmes-exercise="1">{script}</div></body></html>')
    page.add_script_tag(content=EXERCISE_JS)
    alert = page.locator(".pmes-exercise [role=alert]")
    assert "n'a pas pu être chargé" in alert.inner_text()
    assert alert.locator("li").first.inner_text() == str(python.value)
    assert page.locator("fieldset.pmes-question").count() == 0


def test_error_labels_name_the_row_and_column(page):
    """What ui/form.js lists under « Enregistrer »: a table cell named by its row and column."""
    from pmesocial.data.forms import load_form
    from pmesocial.front_end import FORM_CLASS, NUNJUCKS, nunjucks_js

    page.set_content("<html><body></body></html>")
    page.add_script_tag(content="\n".join((nunjucks_js() if name == NUNJUCKS else STATIC_DIR / "pmesocial" / name)
                                          .read_text("utf-8") for name in SCRIPTS[FORM_CLASS]))
    spec = load_form("plan")
    labels = page.evaluate("([spec, paths]) => paths.map(p => PmesFormView.labelOf(spec, p))",
                           [spec, ["actions[2].heures", "objectif"]])
    from pmesocial.rules.typography import typo

    # shown through PmesDom.el, which sets French typography
    assert [typo(label) for label in labels] == [typo("Action 3 : Temps par semaine"),
                                                 typo("Votre objectif chiffré à 90 jours")]

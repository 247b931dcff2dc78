"""The JavaScript front end against the Python rules, and against hostile texts."""
import dataclasses
import itertools

import pytest

from pmesocial import scoring
from pmesocial.banks import load_bank
from pmesocial.book.mime import _json_script
from pmesocial.exercise import Exercise
from pmesocial.paths import QUIZ_DIR, STATIC_DIR

EXERCISE_JS = (STATIC_DIR / "pmesocial" / "exercise.js").read_text("utf-8")
BANKS = sorted(p.stem for p in QUIZ_DIR.glob("*.yaml"))


def answer_sets(question):
    """Every answer worth trying: none, each option, subsets, partial classifications."""
    if question["type"] == "estimate":
        lo, hi, value = question["min"], question["max"], question["figure_data"]["value"]
        inside = [v for v in (value, value * 1.1, value * 0.7, value * 1.3, value + 0.5) if lo <= v <= hi]
        return [None, "3", lo - 1, hi + 1, lo, hi] + inside
    if question["type"] == "single":
        return [None, "", "inconnue"] + [o["id"] for o in question["options"]]
    if question["type"] == "multiple":
        ids = [o["id"] for o in question["options"]]
        return [list(c) for n in range(len(ids) + 1) for c in itertools.combinations(ids, n)][:256]
    items = [i["id"] for i in question["items"]]
    cats = [c["id"] for c in question["categories"]]
    sets = [{}, scoring.correct_answer(question)]
    sets += [{i: c for i in items} for c in cats]
    sets += [{i: cats[k % len(cats)] for k, i in enumerate(items)}, {items[0]: cats[0]}]
    return sets


@pytest.fixture
def rules_page(page):
    page.set_content("<html><body></body></html>")
    page.add_script_tag(content=EXERCISE_JS)
    return page


@pytest.mark.parametrize("bank_id", BANKS + ["sample", "estimate-sample"])
def test_js_scores_like_python(rules_page, bank_id, sample_bank, estimate_bank):
    bank = {"sample": sample_bank, "estimate-sample": estimate_bank}.get(bank_id) or load_bank(bank_id)
    cases = [(q, a) for q in bank["questions"] for a in answer_sets(q)]
    js = rules_page.evaluate("cases => cases.map(([q, a]) => PmesExercise.check(q, a))", cases)
    py = [dataclasses.asdict(scoring.check(q, a)) for q, a in cases]
    assert len(js) == len(py) > 0
    assert js == py
    assert rules_page.evaluate("b => PmesExercise.bankMaxScore(b)", bank) == scoring.bank_max_score(bank)


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


def test_budget_js_computes_like_python(page):
    from pmesocial.budget import compute, load_budget, summary_text
    from ..conftest import FIXTURES

    spec = load_budget("budget-exemple", directory=FIXTURES / "budget")
    cases = [({"publier": 2, "repondre": 1}, 35), ({"publier": 0, "repondre": 0}, 15),
             ({"publier": 10, "repondre": 5}, 100), ({"publier": 7.5, "repondre": 0.5}, 55),
             ({"publier": 11, "repondre": -1}, 35), ({"publier": 1}, 500), ({}, 35)]
    page.set_content("<html><body></body></html>")
    page.add_script_tag(content=EXERCISE_JS)
    page.add_script_tag(content=(STATIC_DIR / "pmesocial" / "budget.js").read_text("utf-8"))
    js = page.evaluate("([spec, cases]) => cases.map(([h, c]) => { const r = PmesBudget.compute(spec, h, c);"
                       " r.summary = PmesBudget.summaryText(r); return r; })", [spec, cases])
    for (hours, cost), got in zip(cases, js):
        want = compute(spec, hours, cost)
        assert got.pop("summary") == summary_text(want)
        assert got["errors"] == want["errors"]
        assert got["weekly_hours"] == pytest.approx(want["weekly_hours"])
        assert got["monthly_cost"] == pytest.approx(want["monthly_cost"])
        assert [a["monthly_cost"] for a in got["activities"]] == pytest.approx([a["monthly_cost"] for a in want["activities"]])

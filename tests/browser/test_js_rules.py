"""The JavaScript front end in a page: hostile texts stay text, the budget computes like Python."""
import pytest

from pmesocial.book.mime import _json_script
from pmesocial.exercise import Exercise
from pmesocial.paths import STATIC_DIR

# Rules parity lives in tests/js (node --test, shared vectors): here, what only a page shows.
EXERCISE_JS = "\n".join((STATIC_DIR / "pmesocial" / name).read_text("utf-8") for name in ("format.js", "exercise.js"))


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

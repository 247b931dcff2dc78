"""The diagnostic rules give the same results in JavaScript and Python."""
import random

import pytest

from pmesocial import diagnostic
from pmesocial.paths import STATIC_DIR

SPEC = diagnostic.load_diagnostic()
ITEM_IDS = [i["id"] for d in SPEC["dimensions"] for i in d["items"]]
DIM_IDS = [d["id"] for d in SPEC["dimensions"]]
JS = ["format.js", "schemas/record.js", "record.js", "exercise.js", "diagnostic.js"]


def answer_sets():
    rng = random.Random(2026)
    sets = [({i: 0 for i in ITEM_IDS}, {}), ({i: 4 for i in ITEM_IDS}, {}), ({}, {}),
            ({i: 2 for i in ITEM_IDS}, {d: 3 for d in DIM_IDS[::2]}),  # ties broken by order
            ({i: 1 for i in ITEM_IDS[:5]}, {DIM_IDS[0]: 1}),  # partial
            ({ITEM_IDS[0]: 9, ITEM_IDS[1]: "3", ITEM_IDS[2]: 2.5}, {DIM_IDS[0]: 0, DIM_IDS[1]: True})]  # bad values
    for _ in range(40):
        answers = {i: rng.randint(0, 4) for i in ITEM_IDS if rng.random() > 0.15}
        importance = {d: rng.randint(1, 3) for d in DIM_IDS if rng.random() > 0.3}
        sets.append((answers, importance))
    return sets


@pytest.fixture
def rules(page):
    page.set_content("<html><body></body></html>")
    for name in JS:
        page.add_script_tag(content=(STATIC_DIR / "pmesocial" / name).read_text("utf-8"))
    return page


def test_diagnostic_same_in_both_front_ends(rules):
    cases = answer_sets()
    js = rules.evaluate("([spec, cases]) => cases.map(([a, i]) => PmesDiagnostic.compute(spec, a, i))", [SPEC, cases])
    py = [diagnostic.compute(SPEC, a, i) for a, i in cases]
    assert len(js) == len(py) == len(cases)
    for got, want in zip(js, py):
        assert got == want

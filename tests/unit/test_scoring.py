"""Scoring rules: points, per-option feedback, partial classification, not-answered."""
from pmesocial import scoring


def q(bank, qid):
    return next(x for x in bank["questions"] if x["id"] == qid)


def test_single_right_and_wrong(sample_bank):
    question = q(sample_bank, "q-single")
    right = scoring.check(question, "a")
    assert (right.answered, right.correct, right.score, right.max_score) == (True, True, 1, 1)
    assert right.feedback[0].text.startswith("Oui")
    wrong = scoring.check(question, "b")
    assert (wrong.correct, wrong.score) == (False, 0)
    assert wrong.feedback[0].ref == "b" and not wrong.feedback[0].correct


def test_not_answered_is_not_an_attempt(sample_bank):
    for qid, empty in [("q-single", None), ("q-multiple", []), ("q-classify", {})]:
        result = scoring.check(q(sample_bank, qid), empty)
        assert not result.answered and result.score == 0


def test_unknown_option_is_not_an_answer(sample_bank):
    assert not scoring.check(q(sample_bank, "q-single"), "zz").answered


def test_multiple_needs_the_exact_set(sample_bank):
    question = q(sample_bank, "q-multiple")
    assert scoring.check(question, ["a", "b"]).score == 2
    partial = scoring.check(question, ["a"])
    assert partial.score == 0 and partial.feedback[-1].text == scoring.MISSING_ONE
    extra = scoring.check(question, ["a", "b", "c"])
    assert extra.score == 0 and [f.ref for f in extra.feedback] == ["a", "b", "c"]
    assert scoring.MISSING_ONE not in [f.text for f in extra.feedback]


def test_classify_scores_each_item(sample_bank):
    question = q(sample_bank, "q-classify")
    result = scoring.check(question, {"youtube": "contenu", "linkedin": "contenu"})
    assert (result.score, result.max_score, result.correct) == (1, 3, False)
    assert [f.correct for f in result.feedback] == [True, False, False]
    assert result.feedback[2].text == scoring.NOT_PLACED
    full = scoring.check(question, scoring.correct_answer(question))
    assert full.correct and full.score == 3


def test_bank_max_and_label(sample_bank):
    assert scoring.bank_max_score(sample_bank) == 1 + 2 + 3
    assert scoring.score_label(4, 6) == "Score : 4 sur 6"

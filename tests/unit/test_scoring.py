"""Scoring rules: points, per-option feedback, partial classification, not-answered."""
from pmesocial.rules import scoring


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


def test_classify_scores_each_item_once_all_are_placed(sample_bank):
    question = q(sample_bank, "q-classify")
    partial = scoring.check(question, {"youtube": "contenu", "linkedin": "contenu"})
    assert not partial.answered  # a first attempt is a whole answer
    assert scoring.not_answered_message(question).startswith("Placez chaque élément")
    answer = {**scoring.correct_answer(question)}
    wrong_item = next(iter(answer))
    answer[wrong_item] = next(c["id"] for c in question["categories"] if c["id"] != answer[wrong_item])
    result = scoring.check(question, answer)
    assert (result.score, result.max_score, result.correct) == (2, 3, False)
    assert [f.correct for f in result.feedback].count(False) == 1
    full = scoring.check(question, scoring.correct_answer(question))
    assert full.correct and full.score == 3


def test_bank_max_and_label(sample_bank):
    assert scoring.bank_max_score(sample_bank) == 1 + 2 + 3
    assert scoring.score_label(4, 6) == "Score : 4 sur 6"


def test_estimate_gap_source_and_tolerance(estimate_bank):
    members, rank = estimate_bank["questions"]
    close = scoring.check(members, 560)
    assert close.correct and close.score == 1
    assert close.feedback[0].text == ("Votre estimation : 560\u00a0millions. Valeur (2010) : 500\u00a0millions, "
                                      "soit un écart de +12\u202f%.")
    assert close.feedback[1].text.startswith("Source : Facebook, annonce officielle (21\u00a0juillet 2010). Confiance : élevée")
    assert close.feedback[2].text.startswith("Réserve : ")
    far = scoring.check(members, 200)
    assert not far.correct and "écart de −60\u202f%" in far.feedback[0].text
    assert scoring.check(rank, 3).feedback[0].text.startswith("Votre estimation : 3ᵉ. Valeur (2010) : 3ᵉ")


def test_estimate_out_of_range_is_not_an_answer(estimate_bank):
    members = estimate_bank["questions"][0]
    for bad in (-5, 1001, "500", True, None):
        assert not scoring.check(members, bad).answered
    assert scoring.not_answered_message(members) == "Choisissez une valeur entre 0 et 1\u202f000."


def test_french_numbers():
    assert scoring.with_unit(7.07, "%") == "7,07\u202f%"
    assert scoring.with_unit(1234.5, "millions") == "1\u202f234,5\u00a0millions"
    assert scoring.with_unit(38, "années") == "38\u00a0ans" and scoring.with_unit(2016, "année") == "2016"
    assert scoring.with_unit(3, "rang") == "3ᵉ"
    assert scoring.with_unit(1, "rang") == "1er"


def test_every_question_of_the_real_banks_scores_its_correct_answer_in_full():
    """The shared vectors are written from the small fixture course (tests/fixtures/course):
    the real banks are checked here, on themselves, with every answer the vectors try."""
    from pmesocial.data.banks import all_banks
    from tests.support.write_vectors import _answer_sets

    questions = [question for bank in all_banks() for question in bank["questions"]]
    assert len(questions) > 200
    for question in questions:
        right = scoring.check(question, scoring.correct_answer(question))
        assert (right.correct, right.score) == (True, scoring.max_score(question)), question["id"]
        for answer in _answer_sets(question):
            result = scoring.check(question, answer)
            assert 0 <= result.score <= result.max_score == scoring.max_score(question), (question["id"], answer)
            assert result.feedback or not result.answered, (question["id"], answer)

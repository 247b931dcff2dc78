"""Evidence: first attempts only, solutions seen first, at least three questions for
« acquis », and the documents a training body signs (attestation, certificat)."""
import copy

import pytest
import yaml

from pmesocial.data import contexts, course, organisme
from pmesocial.data.banks import all_banks, load_bank
from pmesocial.kernel import documents as kernel_documents
from pmesocial.record import apply_attempt, apply_solution_seen, apply_submit, apply_trainee, new_record
from pmesocial.rules import documents, evidence, scoring
from pmesocial.rules.typography import typo, typo_html
from pmesocial.tools import check_items

AT = "2026-11-20T09:00:00+00:00"
HOSTILE = "<script>alert('x')</script> O'Brien & \"Fils\""


def _objective_questions(objective: str) -> list[tuple[str, str]]:
    return [(bank, q) for bank, qs in contexts.objective_map().items() for q, o in qs.items() if o == objective]


def test_only_the_first_attempt_counts():
    objective = contexts.objectives()[0]
    questions = _objective_questions(objective["id"])
    assert len(questions) >= 3
    record = new_record(AT)
    for bank, qid in questions:
        apply_attempt(record, bank, qid, "x", 0, 1, AT)    # wrong first...
        apply_attempt(record, bank, qid, "y", 1, 1, AT)    # ...then right after the solution
    status = evidence.objective_status(record, contexts.objective_map(), [objective])[0]
    assert (status["score"], status["evaluated"], status["status"]) == (0, len(questions), "non-acquis")


def test_acquis_needs_three_evaluated_questions():
    objective = contexts.objectives()[0]
    record = new_record(AT)
    for bank, qid in _objective_questions(objective["id"])[:2]:
        apply_attempt(record, bank, qid, "a", 1, 1, AT)
    status = evidence.objective_status(record, contexts.objective_map(), [objective])[0]
    assert status["score"] == status["max"] == 2 and status["status"] == "en-cours"
    bank, qid = _objective_questions(objective["id"])[2]
    apply_attempt(record, bank, qid, "a", 1, 1, AT)
    assert evidence.objective_status(record, contexts.objective_map(), [objective])[0]["status"] == "acquis"


def test_a_solution_seen_first_is_not_evaluated():
    objective = contexts.objectives()[0]
    record = new_record(AT)
    questions = _objective_questions(objective["id"])
    for bank, qid in questions:
        apply_solution_seen(record, bank, qid, AT)
        apply_attempt(record, bank, qid, "a", 1, 1, AT)
    status = evidence.objective_status(record, contexts.objective_map(), [objective])[0]
    assert (status["evaluated"], status["skipped"], status["status"]) == (0, len(questions), "non-evalue")


def test_practice_and_entry_test_are_not_evidence():
    purposes = {b["id"]: b["purpose"] for b in all_banks()}
    assert {purposes[k] for k in contexts.objective_map()} == {"self-check", "exit-test"}


def test_status_thresholds():
    assert evidence.status_for(3, 4, 3) == "acquis" and evidence.status_for(3, 4, 2) == "en-cours"
    assert evidence.status_for(2, 4, 4) == "en-cours" and evidence.status_for(1, 4, 4) == "non-acquis"
    assert evidence.status_for(0, 0, 0) == "non-evalue"


def _longest_reader(bank_ids) -> dict:
    record = new_record(AT)
    for bank_id in bank_ids:
        bank = load_bank(bank_id)
        for q in bank["questions"]:
            r = scoring.check(q, check_items.longest_guess(q))
            apply_attempt(record, bank_id, q["id"], check_items.longest_guess(q), r.score, r.max_score, AT)
    return record


def test_a_reader_who_picks_the_longest_option_is_not_certified():
    record = _longest_reader(contexts.objective_map())
    statuses = evidence.objective_status(record, contexts.objective_map(), contexts.objectives())
    assert evidence.count_acquired(statuses) <= check_items.MAX_GUESSED


def test_entry_and_exit_tests_cover_every_objective_with_different_items():
    entry, exit_ = load_bank(evidence.ENTRY_TEST), load_bank(evidence.EXIT_TEST)
    ids = {o["id"] for o in contexts.objectives()}
    assert {q["objective"] for q in entry["questions"]} == ids == {q["objective"] for q in exit_["questions"]}
    assert not {q["prompt"] for q in entry["questions"]} & {q["prompt"] for q in exit_["questions"]}
    assert {q["parallel"] for q in exit_["questions"]} == {q["id"] for q in entry["questions"]}


def test_test_profile_counts_unanswered_as_zero():
    bank = load_bank(evidence.ENTRY_TEST)
    record = new_record(AT)
    first_q, second_q = bank["questions"][:2]
    apply_submit(record, bank["id"], {first_q["id"]: ["a", 1, 1], second_q["id"]: [None, 0, 1]}, AT)
    profile = evidence.test_profile(bank, record["exercises"][bank["id"]]["first"])
    assert sum(r["questions"] for r in profile) == len(bank["questions"])
    assert sum(r["score"] for r in profile) == 1
    assert "answers" not in record["exercises"][bank["id"]] or second_q["id"] not in record["exercises"][bank["id"]]["answers"]


# -- documents ---------------------------------------------------------------------------

@pytest.fixture
def record():
    r = new_record("2026-11-02T08:00:00+00:00")
    apply_trainee(r, HOSTILE, "Menuiserie 🪵 Morel")
    return r


def test_attestation_carries_the_training_body_and_the_real_duration(record):
    # the training ends on the day of the last piece of work, not on the day the document is issued
    bank = load_bank(evidence.ENTRY_TEST)
    question = bank["questions"][0]
    apply_submit(record, bank["id"], {question["id"]: ["a", 1, 1]}, "2026-11-20T15:00:00+00:00")
    html = kernel_documents.render_document("attestation", record, "2026-11-26")
    org = organisme.load_organisme()
    assert org["nom"] in html and typo(org["siret"]) in html and typo(org["nda"]) in html
    assert typo(documents.MODALITIES[org["modalite"]]) in html
    planned = course.course_info()["planned_minutes"]
    assert planned == course.planned_minutes() > 8 * 60
    # the duration of the modality the training body declares (organisme.yaml: mixte here)
    expected = documents.planned_duration(course.course_info(), org["modalite"])
    assert typo(f"Durée prévue de la formation : {expected}") in html
    assert typo_html("du 2\u00a0novembre 2026 au 20\u00a0novembre 2026") in html
    assert typo_html("26\u00a0novembre 2026") in html
    assert typo("première réponse") in html and typo("75 %") in html
    assert "<script>" not in html and typo_html("&lt;script&gt;") in html


def test_certificat_counts_only_the_sequences_done(record):
    info = course.course_info()
    module_1 = next(s for s in info["sequences"] if s["id"] == "module-1")
    for bank, questions in module_1["banks"].items():
        for qid in questions:
            apply_attempt(record, bank, qid, "a", 1, 1, "2026-11-05T10:00:00+00:00")
    html = kernel_documents.render_document("certificat", record, "2026-11-26")
    assert typo_html(f"durée réalisée de <strong>{documents.duration(module_1['minutes'])}</strong>") in html
    assert typo_html("du 2\u00a0novembre 2026 au 5\u00a0novembre 2026") in html
    assert typo("☒ action de formation") in html and organisme.load_organisme()["nom"] in html


@pytest.mark.parametrize("field", ["siret", "nda", "referent_handicap", "modalite"])
def test_a_missing_field_of_the_training_body_is_named(tmp_path, field):
    data = yaml.safe_load(organisme.ORGANISME_FILE.read_text("utf-8"))
    del data[field]
    path = tmp_path / "organisme.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(organisme.OrganismeError) as info:
        organisme.load_organisme(path)
    assert f"« {field} »" in str(info.value) and "incomplet" in str(info.value)
    org, message = organisme.organisme_or_error(path)
    assert org is None and field in message


def test_plan_document_escapes_and_flags_an_incomplete_plan(record):
    from pmesocial.record import apply_form

    apply_form(record, "plan", {"objectif": "<b>5 devis</b>", "actions": [{"action": "Fiche", "heures": 2}]}, False, AT)
    html = kernel_documents.render_document("plan", record, "2026-11-26")
    assert typo_html("&lt;b&gt;5 devis&lt;/b&gt;") in html and typo_html("Plan incomplet") in html and typo_html("2 h") in html
    view = kernel_documents.view_for("plan", copy.deepcopy(record), "2026-11-26")
    assert view["rows"][0]["action"] == "Fiche" and not view["complete"]


@pytest.mark.parametrize(("missing", "said"), [(1, "1 point reste à compléter"), (2, "2 points restent à compléter")])
def test_documents_say_plurals_in_french(missing, said):
    """Before: « 1 point(s) restent », « 9 objectif(s) acquis »."""
    html = kernel_documents.render("plan", {"complete": False, "missing": missing, "rows": [], "objectif": "", "trainee": {},
                                            "today": "", "organisme": {}})
    assert typo_html(said) in html and "(s)" not in html

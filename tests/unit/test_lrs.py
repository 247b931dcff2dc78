"""The kernel's statements reach a real LRS (Ralph, started by the `lrs` fixture): the
verbs, results and registration expected, no name or company, nothing lost while it is
down, each statement stored once, and a trainee's credential that cannot read."""
from __future__ import annotations

import json
import uuid

import pytest

from pmesocial import lrs as sender
from pmesocial.data.banks import load_bank
from pmesocial.lrs_accounts import TRAINER_USER
from pmesocial.record import RecordStore
from pmesocial.rules import scoring, xapi

HOSTILE = "<script>alert('x')</script> Dupont"
COMPANY = "Menuiserie <img src=x onerror=alert(1)>"


@pytest.fixture
def launched(lrs, monkeypatch, isolated_record):
    """A trainee whose kernel has the launch link of a new group session."""
    registration, account = str(uuid.uuid4()), f"stagiaire-{uuid.uuid4().hex[:6]}"
    monkeypatch.setenv("PMESOCIAL_LRS_LAUNCH", "http://livre.local/index.html" + lrs.launch_query(account, registration))
    return {"registration": registration, "account": account, "store": RecordStore(isolated_record)}


def _read(lrs, registration):
    return sender.read_statements(lrs.endpoint, lrs.auth(TRAINER_USER), registration)


def test_a_module_answered_in_the_kernel_reaches_ralph(lrs, launched):
    store, reg = launched["store"], launched["registration"]
    store.set_trainee(HOSTILE, COMPANY)
    bank = load_bank("m1-autoevaluation")
    for n, question in enumerate(bank["questions"]):
        result = scoring.check(question, scoring.correct_answer(question))
        if n == 0:  # a wrong answer first: the first attempt is the one the evidence keeps
            wrong = next(o["id"] for o in question["options"] if not o.get("correct"))
            bad = scoring.check(question, wrong)
            store.save_attempt(bank["id"], question["id"], wrong, bad.score, bad.max_score, seconds=12.5)
        store.save_attempt(bank["id"], question["id"], scoring.correct_answer(question), result.score, result.max_score, seconds=3)
    assert sender.flush() >= 0
    statements = _read(lrs, reg)
    answered = [s for s in statements if s["verb"]["id"] == xapi.VERBS["answered"]["id"]]
    completed = [s for s in statements if s["verb"]["id"] == xapi.VERBS["completed"]["id"]]
    assert len(answered) == len(bank["questions"]) + 1
    base = sender.course_profile()["base"]
    first_q = f"{base}/bank/m1-autoevaluation/question/{bank['questions'][0]['id']}"
    flags = sorted((s["result"]["extensions"][f"{base}/extensions/first-attempt"], s["result"]["success"])
                   for s in answered if s["object"]["id"] == first_q)
    assert flags == [(False, True), (True, False)]
    assert {s["result"]["duration"] for s in answered if s["object"]["id"] == first_q} == {"PT12.5S", "PT3S"}
    assert [s["object"]["id"] for s in completed] == [f"{base}/module/module-1"]
    assert all(s["context"]["registration"] == reg for s in statements)
    assert all(s["actor"]["account"]["name"] == launched["account"] for s in statements)
    text = json.dumps(statements, ensure_ascii=False)
    assert "Dupont" not in text and "Menuiserie <img" not in text and "script" not in text


def test_nothing_is_lost_while_the_lrs_is_down_and_each_statement_arrives_once(lrs, launched):
    store, reg = launched["store"], launched["registration"]
    bank = load_bank("m2-autoevaluation")
    first, second, third = bank["questions"][:3]
    store.save_attempt(bank["id"], first["id"], scoring.correct_answer(first), 1, 1)
    sender.flush()
    lrs.stop()
    try:
        store.save_attempt(bank["id"], second["id"], scoring.correct_answer(second), 1, 1)
        store.save_form("satisfaction", {"note": 4}, submitted=True)
        queue = sender.StatementQueue(store.path)
        waiting = [s["id"] for s in queue.pending()]
        assert len(waiting) == 2
        with pytest.raises(sender.LrsError, match="ne répond pas"):
            sender.flush()
        store.save_attempt(bank["id"], third["id"], scoring.correct_answer(third), 1, 1)
        assert [s["id"] for s in queue.pending()][:2] == waiting  # in order, same ids
    finally:
        lrs.start()
    waiting_now = queue.pending()
    queued = [s["id"] for s in waiting_now]
    assert sender.flush() == len(queued) == 3
    # the answer to a send lost on the way: the same statements again, taken once
    assert sender._post(sender.settings(), waiting_now).status_code == 204
    statements = _read(lrs, reg)
    ids = [s["id"] for s in statements]
    assert len(ids) == len(set(ids)) == 4
    assert set(queued) <= set(ids)
    satisfaction = next(s for s in statements if s["verb"]["id"] == xapi.VERBS["responded"]["id"])
    assert satisfaction["result"]["extensions"][f"{sender.course_profile()['base']}/extensions/values"] == {"note": 4}
    assert queue.pending() == []


def test_a_trainee_credential_writes_but_cannot_read(lrs):
    with pytest.raises(sender.LrsError, match="refuse la lecture"):
        sender.read_statements(lrs.endpoint, lrs.auth(f"lecteur-{uuid.uuid4().hex[:6]}"))


def test_without_settings_nothing_is_queued_or_sent(monkeypatch, isolated_record):
    for name in ("PMESOCIAL_LRS_LAUNCH", "PMESOCIAL_LRS_ENDPOINT", "PMESOCIAL_LRS_CONFIG"):
        monkeypatch.delenv(name, raising=False)
    store = RecordStore(isolated_record)
    store.save_attempt("m1-autoevaluation", "m1-q1", "a", 1, 1)
    assert sorted(p.name for p in isolated_record.parent.iterdir() if not p.name.endswith(".lock")) == [isolated_record.name]


def test_a_broken_launch_link_is_said_in_french_and_the_answer_is_kept(monkeypatch, isolated_record):
    monkeypatch.setenv("PMESOCIAL_LRS_LAUNCH", "http://livre.local/?endpoint=http://x/&auth=a")
    store = RecordStore(isolated_record)
    record = store.save_attempt("m1-autoevaluation", "m1-q1", "a", 1, 1)
    assert record["exercises"]["m1-autoevaluation"]["first"]["m1-q1"]["score"] == 1
    assert any("lien de lancement est incomplet" in n for n in store.notices)


def test_settings_from_a_file_next_to_the_record(monkeypatch, isolated_record, lrs):
    monkeypatch.delenv("PMESOCIAL_LRS_LAUNCH", raising=False)
    (isolated_record.parent / "lrs.json").write_text(json.dumps(
        {"endpoint": lrs.endpoint, "auth": lrs.auth("s-file"), "account": "s-file"}), "utf-8")
    assert sender.settings() == {"endpoint": lrs.endpoint, "auth": lrs.auth("s-file"), "account": "s-file",
                                 "registration": ""}
    (isolated_record.parent / "lrs.json").write_text("{pas du json", "utf-8")
    with pytest.raises(xapi.LaunchError, match="illisible"):
        sender.settings()


def test_a_damaged_queue_is_set_aside_not_lost(isolated_record):
    queue = sender.StatementQueue(isolated_record)
    queue.path.write_text("[{tronqué", "utf-8")
    assert queue.pending() == []
    queue.path.write_text("[{encore", "utf-8")
    assert queue.pending() == []  # a second damaged queue does not replace the first one set aside
    aside = sorted(p.read_text("utf-8") for p in queue.path.parent.glob(queue.path.name + ".illisible-*"))
    assert aside == ["[{encore", "[{tronqué"]


def test_the_kernel_notice_shows_the_profile_text_until_acknowledged(launched):
    from pmesocial.kernel.notices import lrs_notice

    (box,) = lrs_notice()
    html = box.children[0].value
    assert launched["account"] in html and "Ni votre nom ni votre entreprise" in html
    assert "sur cet ordinateur" in html
    box.children[1].click()
    assert lrs_notice() == []

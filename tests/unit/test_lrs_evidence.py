"""Evidence a trainee cannot forge, through a real Ralph (the `lrs` fixture): each launch
link carries a credential of its own trainee, Ralph writes that credential's agent into
`authority`, and the group view counts a statement only when its authority is the trainee
it speaks of, in the order Ralph stored them. Each test is a hostile trainee holding
their own, genuine launch link."""
from __future__ import annotations

import base64
import json
import uuid
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qsl, urlsplit

import requests

from pmesocial import lrs as sender
from pmesocial.data.group_lrs import load_group_from_lrs
from pmesocial.rules import xapi
from pmesocial.tools import launch_links
from pmesocial.tools.lrs import TRAINER_USER

BANK, QUESTIONS = "m1-autoevaluation", ("m1-q1", "m1-q2")


def _conf(lrs, account: str, registration: str) -> dict:
    """What the trainee's book or kernel takes from their launch link."""
    return xapi.parse_launch(lrs.launch_query(account, registration))


def _answer(conf: dict, question: str, score: int, at: str, account: str | None = None) -> dict:
    """An « answered » statement as the course makes it, with a new id; `account` puts
    another trainee's name as its actor."""
    prof = sender.course_profile()
    who = {**conf, "account": account or conf["account"]}
    event = {"type": "attempt", "bank": BANK, "question": question, "score": score, "max": 1}
    (made,) = xapi.statements(event, {}, {}, prof, who, at, "livre")
    return {**made, "id": str(uuid.uuid4())}


def _form(conf: dict, comment: str, at: str) -> dict:
    prof = sender.course_profile()
    after = {"forms": {"satisfaction": {"values": {"commentaire": comment}}}}
    (made,) = xapi.statements({"type": "form", "form": "satisfaction", "submitted": True}, {}, after, prof, conf, at, "livre")
    return {**made, "id": str(uuid.uuid4())}


def _void(conf: dict, target: str, account: str | None = None) -> dict:
    prof = sender.course_profile()
    return {"id": str(uuid.uuid4()), "version": xapi.VERSION,
            "actor": {"objectType": "Agent", "account": {"homePage": prof["home_page"], "name": account or conf["account"]}},
            "verb": {"id": "http://adlnet.gov/expapi/verbs/voided", "display": {"en-US": "voided"}},
            "object": {"objectType": "StatementRef", "id": target},
            "context": {"registration": conf["registration"]}}


def _send(conf: dict, statements: list[dict]) -> int:
    return sender._post(conf, statements).status_code


def _now(shift_days: float = 0) -> str:
    return (datetime.now(UTC) + timedelta(days=shift_days)).isoformat(timespec="milliseconds")


def _first_marks(records: list[dict], account: str) -> tuple[float, float]:
    record = next(r for r in records if r["_source"] == account)
    first = record["exercises"].get(BANK, {}).get("first", {})
    return sum(first[q]["score"] for q in QUESTIONS if q in first), sum(first[q]["max"] for q in QUESTIONS if q in first)


def test_ralph_names_the_sending_trainee_as_authority_whatever_the_statement_says(lrs):
    registration = str(uuid.uuid4())
    victim, forger = f"a-{uuid.uuid4().hex[:6]}", f"b-{uuid.uuid4().hex[:6]}"
    forger_conf = _conf(lrs, forger, registration)
    forged = _answer(forger_conf, QUESTIONS[0], 1, _now(), account=victim)
    forged["authority"] = forged["actor"]  # claims to be vouched for by the victim
    assert _send(forger_conf, [forged]) in (200, 204)
    (stored,) = sender.read_statements(lrs.endpoint, lrs.auth(TRAINER_USER), registration)
    assert stored["actor"]["account"]["name"] == victim
    assert stored["authority"]["account"]["name"] == forger


def test_a_back_dated_first_attempt_in_another_trainee_s_name_is_not_counted(lrs):
    registration = str(uuid.uuid4())
    victim, forger = f"a-{uuid.uuid4().hex[:6]}", f"b-{uuid.uuid4().hex[:6]}"
    victim_conf, forger_conf = _conf(lrs, victim, registration), _conf(lrs, forger, registration)
    # the victim's real first attempts: both wrong
    assert _send(victim_conf, [_answer(victim_conf, q, 0, _now()) for q in QUESTIONS]) in (200, 204)
    # the forger, with their own link, sends full marks « first » attempts in the victim's
    # name, dated the day before
    forged = [_answer(forger_conf, q, 1, _now(-1), account=victim) for q in QUESTIONS]
    assert _send(forger_conf, forged) in (200, 204)
    records, rejected = load_group_from_lrs(lrs.endpoint, lrs.auth(TRAINER_USER), registration)
    assert _first_marks(records, victim) == (0, 2)
    assert [r["_source"] for r in records] == [victim]  # the forger sent nothing of their own
    assert any("2 déclaration(s) ignorée(s)" in reason and "autre compte" in reason for _, reason in rejected), rejected


def test_a_trainee_s_own_back_dated_answer_does_not_replace_their_first_attempt(lrs):
    registration, account = str(uuid.uuid4()), f"c-{uuid.uuid4().hex[:6]}"
    conf = _conf(lrs, account, registration)
    assert _send(conf, [_answer(conf, q, 0, _now()) for q in QUESTIONS]) in (200, 204)
    assert _send(conf, [_answer(conf, q, 1, _now(-1)) for q in QUESTIONS]) in (200, 204)  # « first », dated earlier
    records, _ = load_group_from_lrs(lrs.endpoint, lrs.auth(TRAINER_USER), registration)
    assert _first_marks(records, account) == (0, 2)  # the first Ralph stored


def test_only_a_trainee_may_void_their_own_statements(lrs):
    registration = str(uuid.uuid4())
    victim, forger = f"d-{uuid.uuid4().hex[:6]}", f"e-{uuid.uuid4().hex[:6]}"
    victim_conf, forger_conf = _conf(lrs, victim, registration), _conf(lrs, forger, registration)
    answer, form = _answer(victim_conf, QUESTIONS[0], 0, _now()), _form(victim_conf, "à retirer", _now())
    assert _send(victim_conf, [answer, form]) in (200, 204)
    # the victim takes back their own form; the forger tries to take back the victim's
    # answer, in their own name and in the victim's: Ralph takes all three
    assert _send(victim_conf, [_void(victim_conf, form["id"])]) in (200, 204)
    assert _send(forger_conf, [_void(forger_conf, answer["id"])]) in (200, 204)
    assert _send(forger_conf, [_void(forger_conf, answer["id"], account=victim)]) in (200, 204)
    records, rejected = load_group_from_lrs(lrs.endpoint, lrs.auth(TRAINER_USER), registration)
    (record,) = records
    assert record["_source"] == victim
    assert record["exercises"][BANK]["first"][QUESTIONS[0]]["score"] == 0  # still there
    assert "satisfaction" not in record.get("forms", {})  # taken back by its author
    assert any("2 annulation(s) ignorée(s)" in reason for _, reason in rejected), rejected


def test_a_trainee_cannot_take_back_their_own_first_attempt_to_send_a_better_one(lrs):
    registration, account = str(uuid.uuid4()), f"f-{uuid.uuid4().hex[:6]}"
    conf = _conf(lrs, account, registration)
    wrong = [_answer(conf, q, 0, _now()) for q in QUESTIONS]
    assert _send(conf, wrong) in (200, 204)
    assert _send(conf, [_void(conf, st["id"]) for st in wrong]) in (200, 204)
    assert _send(conf, [_answer(conf, q, 1, _now()) for q in QUESTIONS]) in (200, 204)  # full marks, « first »
    records, rejected = load_group_from_lrs(lrs.endpoint, lrs.auth(TRAINER_USER), registration)
    assert _first_marks(records, account) == (0, 2)
    assert any(reason.startswith("2 annulation(s) de première tentative") for _, reason in rejected), rejected


def _auth_of(link: str) -> tuple[str, str]:
    auth = dict(parse_qsl(urlsplit(link).query))["auth"]
    user, _, password = base64.b64decode(auth.removeprefix("Basic ")).decode().partition(":")
    return user, password


def test_launch_links_give_each_trainee_a_credential_of_their_own(lrs, tmp_path):
    from pmesocial.data.roster import read_roster, write_roster

    roster = tmp_path / "liste.csv"
    names = [f"f-{uuid.uuid4().hex[:6]}", f"g-{uuid.uuid4().hex[:6]}", ""]
    write_roster(roster, [{"identifiant": a, "nom": f"Nom {n}", "entreprise": ""} for n, a in enumerate(names)])
    assert launch_links.main([str(roster), "--lrs", str(lrs.directory), "--port", str(lrs.port)]) == 0
    people = read_roster(roster)
    credentials = [_auth_of(p["lien"]) for p in people]
    assert [user for user, _ in credentials] == [p["identifiant"] for p in people]
    assert len({password for _, password in credentials}) == 3
    entries = {e["username"]: e for e in json.loads((lrs.directory / "auth.json").read_text("utf-8"))}
    for person in people:
        entry = entries[person["identifiant"]]
        assert entry["scopes"] == ["statements/write"]
        assert entry["agent"]["account"]["name"] == person["identifiant"]
    # a link sends as its own trainee, at once (Ralph reads its accounts again), and cannot read
    registration = dict(parse_qsl(urlsplit(people[0]["lien"]).query))["registration"]
    conf = xapi.parse_launch(urlsplit(people[0]["lien"]).query)
    assert _send(conf, [_answer(conf, QUESTIONS[0], 1, _now())]) in (200, 204)
    (stored,) = sender.read_statements(lrs.endpoint, lrs.auth(TRAINER_USER), registration)
    assert stored["authority"]["account"]["name"] == people[0]["identifiant"]
    read = requests.get(lrs.endpoint + "statements", headers={"Authorization": conf["auth"],
                                                              "X-Experience-API-Version": xapi.VERSION}, timeout=10)
    assert read.status_code in (401, 403)
    # new links for a new session keep each trainee's password
    assert launch_links.main([str(roster), "--lrs", str(lrs.directory), "--port", str(lrs.port)]) == 0
    assert [_auth_of(p["lien"]) for p in read_roster(roster)] == credentials


def _ralph_reads(path, tmp_path) -> None:
    """Ralph's own model of its auth file accepts it (in a process of its own: importing
    Ralph's API sets it up)."""
    import os
    import subprocess
    import sys

    code = ("import sys, pathlib; from ralph.api.auth.basic import ServerUsersCredentials as S; "
            "S.model_validate_json(pathlib.Path(sys.argv[1]).read_text('utf-8'))")
    env = {**os.environ, "RALPH_RUNSERVER_BACKEND": "fs", "RALPH_APP_DIR": str(tmp_path / "ralph"),
           "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(tmp_path / "ralph")}
    checked = subprocess.run([sys.executable, "-c", code, str(path)], env=env, capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr[-2000:]


def test_launch_links_for_a_training_body_s_ralph_give_the_accounts_to_add(tmp_path):
    import bcrypt

    from pmesocial.data.organisme import load_organisme
    from pmesocial.data.roster import read_roster, write_roster

    roster, ralph_auth = tmp_path / "liste.csv", tmp_path / "auth.json"
    ralph_auth.write_text(json.dumps([{"username": "formateur", "hash": "x", "scopes": ["statements/read"],
                                       "agent": {"mbox": "mailto:formateur@of.example"}}]), "utf-8")
    write_roster(roster, [{"identifiant": "s-1", "nom": "Un"}, {"identifiant": "s-2", "nom": "Deux"}])
    endpoint = "https://lrs.of.example/xAPI/"
    assert launch_links.main([str(roster), "--endpoint", endpoint, "--ralph-auth", str(ralph_auth)]) == 0
    people = read_roster(roster)
    for path in (tmp_path / "liste.comptes-ralph.json", ralph_auth):
        _ralph_reads(path, tmp_path)
    merged = {e["username"]: e for e in json.loads(ralph_auth.read_text("utf-8"))}
    assert sorted(merged) == ["formateur", "s-1", "s-2"]
    for person in people:
        user, password = _auth_of(person["lien"])
        entry = merged[user]
        assert bcrypt.checkpw(password.encode(), entry["hash"].encode())
        assert entry["scopes"] == ["statements/write"]
        assert entry["agent"] == {"objectType": "Agent",
                                  "account": {"name": user, "homePage": load_organisme()["xapi"]["comptes"]}}
    # run again (a new session): same passwords, same accounts, nothing doubled
    assert launch_links.main([str(roster), "--endpoint", endpoint, "--ralph-auth", str(ralph_auth)]) == 0
    assert [_auth_of(p["lien"]) for p in read_roster(roster)] == [_auth_of(p["lien"]) for p in people]
    assert len(json.loads(ralph_auth.read_text("utf-8"))) == 3


def test_an_id_that_cannot_be_an_account_is_named_in_french(tmp_path, capsys):
    from pmesocial.data.roster import write_roster

    roster = tmp_path / "liste.csv"
    write_roster(roster, [{"identifiant": "a:b", "nom": "Deux points"}])
    assert launch_links.main([str(roster), "--lrs", str(tmp_path / "lrs")]) == 1
    assert "liste.csv" in capsys.readouterr().err


def test_a_store_made_with_the_shared_credential_loses_it_and_keeps_the_trainer(tmp_path):
    from pmesocial.tools import lrs as local

    (tmp_path / "identifiants.json").write_text(json.dumps({"stagiaires": "commun", "formateur": "secret"}), "utf-8")
    local.prepare(tmp_path)
    entries = {e["username"]: e for e in json.loads((tmp_path / "auth.json").read_text("utf-8"))}
    assert sorted(entries) == ["formateur"]
    assert local._credentials(tmp_path) == {"formateur": "secret", "stagiaires": {}}
    local.register_trainees(tmp_path, ["s-1"], "https://of.example")
    entries = {e["username"]: e for e in json.loads((tmp_path / "auth.json").read_text("utf-8"))}
    assert sorted(entries) == ["formateur", "s-1"]
    assert entries["s-1"]["agent"] == {"objectType": "Agent", "account": {"name": "s-1", "homePage": "https://of.example"}}
    assert oct((tmp_path / "auth.json").stat().st_mode & 0o777) == "0o600"

"""The static book sends a trainee's results to a real LRS (Ralph, started by the `lrs`
fixture on localhost), as a trainee opening the trainer's launch link would: the notice,
the statements read back with their verbs, results and registration and nothing
personal, an LRS that goes away mid-session and comes back with every statement
arriving once, and a trainee credential that cannot read."""
from __future__ import annotations

import json
import re
import uuid

from playwright.sync_api import expect

from pmesocial import lrs as sender
from pmesocial.data.group_lrs import load_group_from_lrs
from pmesocial.data.roster import write_roster
from pmesocial.kernel.group_view import GroupView
from pmesocial.rules import xapi
from pmesocial.tools.lrs import TRAINER_USER

from .helpers import answer_correctly, exercise_payloads, open_page

MODULE_1 = "/notebooks/01_medias_ou_reseaux.html"
MODULE_2 = "/notebooks/02_en_ligne_et_face_a_face.html"
HOSTILE = "<img src=x onerror=alert(1)>"


def _read(lrs, registration):
    return sender.read_statements(lrs.endpoint, lrs.auth(TRAINER_USER), registration)


def _check_all(page, exercises, index):
    """Answer every question of an exercise right, one « Vérifier » at a time."""
    bank = exercise_payloads(page)[index]["bank"]
    exercise = exercises.nth(index)
    for n, question in enumerate(bank["questions"]):
        node = exercise.locator(".pmes-question").nth(n)
        answer_correctly(node, question)
        node.get_by_role("button", name="Vérifier").click()
        expect(node.locator(".pmes-feedback")).to_contain_text("Bonne réponse")
    return bank


def _wait_sent(page, seconds=15):
    page.wait_for_function("() => PmesLrs.pending().length === 0", timeout=seconds * 1000)


def _self_check_index(page) -> int:
    return next(i for i, p in enumerate(exercise_payloads(page)) if p["bank"]["id"].endswith("-autoevaluation"))


def test_a_trainee_through_a_launch_link_reaches_ralph(page, book_url, lrs):
    registration, account = str(uuid.uuid4()), f"stagiaire-{uuid.uuid4().hex[:6]}"
    exercises = open_page(page, book_url + MODULE_1 + lrs.launch_query(account, registration))
    assert "auth=" not in page.url and "endpoint=" not in page.url  # the credential left the address bar
    notice = page.locator(".pmes-lrs-notice")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text(account)
    expect(notice).to_contain_text("Ni votre nom ni votre entreprise")
    notice.get_by_role("button", name=re.compile("ai compris")).click()
    expect(notice).to_have_count(0)
    page.evaluate("([n, c]) => PmesRecord.setTrainee(n, c)", ["<script>alert('Dupont')</script>", "Menuiserie Dupont"])
    bank = _check_all(page, exercises, _self_check_index(page))
    _wait_sent(page)
    statements = _read(lrs, registration)
    base = sender.course_profile()["base"]
    answered = [s for s in statements if s["verb"]["id"] == xapi.VERBS["answered"]["id"]]
    assert sorted(s["object"]["id"] for s in answered) == sorted(
        f"{base}/bank/{bank['id']}/question/{q['id']}" for q in bank["questions"])
    assert all(s["result"]["success"] and s["result"]["extensions"][f"{base}/extensions/first-attempt"] for s in answered)
    assert all(s["result"]["score"]["raw"] == s["result"]["score"]["max"] for s in answered)
    assert all(s["result"]["duration"].startswith("PT") for s in answered)
    completed = [s["object"]["id"] for s in statements if s["verb"]["id"] == xapi.VERBS["completed"]["id"]]
    assert completed == [f"{base}/module/module-1"]
    assert {s["context"]["registration"] for s in statements} == {registration}
    assert {s["context"]["platform"] for s in statements} == {"livre"}
    text = json.dumps(statements, ensure_ascii=False)
    assert "Dupont" not in text and "script" not in text
    # the notice is not shown again on the next page of the same session
    open_page(page, book_url + MODULE_2)
    expect(page.locator(".pmes-lrs-notice")).to_have_count(0)


def test_the_lrs_stops_mid_session_and_every_statement_arrives_once(page, book_url, lrs):
    registration, account = str(uuid.uuid4()), f"stagiaire-{uuid.uuid4().hex[:6]}"
    exercises = open_page(page, book_url + MODULE_2 + lrs.launch_query(account, registration))
    index = _self_check_index(page)
    bank = exercise_payloads(page)[index]["bank"]
    exercise = exercises.nth(index)
    half = len(bank["questions"]) // 2
    lrs.stop()
    try:
        for n, question in enumerate(bank["questions"][:half]):
            node = exercise.locator(".pmes-question").nth(n)
            answer_correctly(node, question)
            node.get_by_role("button", name="Vérifier").click()
            expect(node.locator(".pmes-feedback")).to_contain_text("Bonne réponse")  # answers go on
        waiting = page.evaluate("() => PmesLrs.pending()")
        assert [w["statement"]["object"]["id"].rsplit("/", 1)[1] for w in waiting] == [q["id"] for q in bank["questions"][:half]]
    finally:
        lrs.start()
    exercises = open_page(page, book_url + MODULE_2)  # the next page sends what waited, in order
    _wait_sent(page)
    for n, question in enumerate(bank["questions"][half:], half):
        node = exercises.nth(index).locator(".pmes-question").nth(n)
        answer_correctly(node, question)
        node.get_by_role("button", name="Vérifier").click()
    _wait_sent(page)
    statements = _read(lrs, registration)
    ids = [s["id"] for s in statements]
    assert len(ids) == len(set(ids))
    assert {w["statement"]["id"] for w in waiting} <= set(ids)
    answered = [s for s in statements if s["verb"]["id"] == xapi.VERBS["answered"]["id"]]
    assert len(answered) == len(bank["questions"])
    assert sum(s["verb"]["id"] == xapi.VERBS["completed"]["id"] for s in statements) == 1


def test_a_trainee_credential_cannot_read_from_the_book(page, book_url, lrs):
    open_page(page, book_url + "/index.html")
    status = page.evaluate("""async ([url, auth]) => (await fetch(url + 'statements',
        {headers: {Authorization: auth, 'X-Experience-API-Version': '1.0.3'}})).status""",
                           [lrs.endpoint, lrs.auth(f"lecteur-{uuid.uuid4().hex[:6]}")])
    assert status in (401, 403)


def test_a_broken_launch_link_is_said_in_french(page, book_url):
    open_page(page, book_url + MODULE_1 + "?endpoint=http://127.0.0.1:9/&auth=Basic%20x")
    expect(page.locator(".pmes-lrs-problem")).to_contain_text("lien de lancement est incomplet")


def test_hostile_names_reach_the_lrs_as_data_and_the_group_view_escapes_them(page, book_url, lrs, tmp_path):
    registration, account = str(uuid.uuid4()), HOSTILE
    exercises = open_page(page, book_url + MODULE_1 + lrs.launch_query(account, registration))
    _check_all(page, exercises, _self_check_index(page))
    _wait_sent(page)
    assert {s["actor"]["account"]["name"] for s in _read(lrs, registration)} == {HOSTILE}
    roster = tmp_path / "liste.csv"
    write_roster(roster, [{"identifiant": HOSTILE, "nom": "<script>alert(2)</script>", "entreprise": "A & B"}])
    records, rejected = load_group_from_lrs(lrs.endpoint, lrs.auth(TRAINER_USER), registration, roster)
    assert [r["trainee"]["name"] for r in records] == ["<script>alert(2)</script>"]
    html = GroupView.from_records(records, rejected, anonymous=False)._repr_html_()
    assert "<script>alert(2)" not in html and "&lt;script&gt;alert(2)" in html
    assert "<img src=x" not in html
    anonymous = GroupView.from_records(records, rejected)._repr_html_()
    assert "alert(2)" not in anonymous and "Stagiaire 1" in anonymous


def test_the_book_sends_through_the_readme_s_nginx_and_sets_aside_what_it_refuses(page, book_url, lrs, tmp_path):
    """The book as a trainee uses it in production: through nginx with the README's
    configuration (CORS for the book's origin, body and rate limits)."""
    from pmesocial.tools.launch_links import launch_link
    from pmesocial.tools.lrs import trainees_home_page
    from pmesocial.tools.lrs_proxy import LocalProxy

    registration, account = str(uuid.uuid4()), f"stagiaire-{uuid.uuid4().hex[:6]}"
    with LocalProxy(tmp_path / "nginx", lrs.port, [book_url]) as proxy:
        query = launch_link("", proxy.endpoint, lrs.auth(account), account, registration, trainees_home_page())
        exercises = open_page(page, book_url + MODULE_1 + query)
        bank = _check_all(page, exercises, _self_check_index(page))
        _wait_sent(page)
        # a statement above nginx's limit (a plan of 300 000 characters): refused (413),
        # set aside in this browser, never dropped, and the next answers still go
        page.evaluate("""() => PmesLrs.emit({type: 'form', form: 'plan', submitted: true}, {},
                                            {forms: {plan: {values: {objectif: 'x'.repeat(300000)}}}})""")
        _wait_sent(page)
        refused = page.evaluate("() => PmesLrs.setAside()")
        assert [r["statement"]["object"]["id"].rsplit("/", 1)[1] for r in refused] == ["plan"]
        page.evaluate("""() => PmesLrs.emit({type: 'form', form: 'plan', submitted: true}, {},
                                            {forms: {plan: {values: {objectif: '5 devis'}}}})""")
        _wait_sent(page)
    statements = _read(lrs, registration)
    answered = [s for s in statements if s["verb"]["id"] == xapi.VERBS["answered"]["id"]]
    assert len(answered) == len(bank["questions"])
    plans = [s for s in statements if s["object"]["id"].endswith("/form/plan")]
    assert [p["result"]["extensions"][f"{sender.course_profile()['base']}/extensions/values"] for p in plans] == [
        {"objectif": "5 devis"}]
    assert {s["authority"]["account"]["name"] for s in statements} == {account}

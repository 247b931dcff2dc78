"""The SCORM 1.2 package in Chromium under a real SCORM 1.2 runtime acting as the LMS
(npm scorm-again): lesson status, score and suspend data set, the session closed, and a
second launch in a fresh browser restoring the progress from the suspend data."""
from __future__ import annotations

import json
import re
import shutil
import zipfile

import pytest
from playwright.sync_api import expect

from pmesocial.data.banks import load_bank
from pmesocial.rules import scoring
from pmesocial.rules.scorm import report
from pmesocial.tools.browser import serve
from pmesocial.tools.make_scorm import build, course_data

from .conftest import BOOK, REPO
from .helpers import answer_correctly

LMS_PAGE = """<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>LMS d'essai</title>
<script src="scorm12.min.js"></script></head><body>
<script>
  window.API = new Scorm12API({ autocommit: false, logLevel: 5 });
  window.lmsLog = { finished: false, commits: 0 };
  API.on("LMSFinish", function () { lmsLog.finished = true; });
  API.on("LMSCommit", function () { lmsLog.commits += 1; });
  API.on("LMSSetValue.cmi.core.session_time", function (element, value) { lmsLog.sessionTime = value; });
  API.on("LMSSetValue.cmi.core.exit", function (element, value) { lmsLog.exit = value; });
  window.launch = function (saved) {
    if (saved) API.loadFromJSON(saved);
    var frame = document.createElement("iframe");
    frame.id = "sco"; frame.style.width = "100%"; frame.style.height = "95vh";
    frame.src = "paquet/scorm/index.html";
    document.body.appendChild(frame);
  };
</script></body></html>"""
MODULE_1 = "../notebooks/01_medias_ou_reseaux.html"


@pytest.fixture(scope="module")
def lms_url(tmp_path_factory):
    root = tmp_path_factory.mktemp("lms")
    package = build(BOOK, root / "paquet.zip")
    with zipfile.ZipFile(package) as archive:
        archive.extractall(root / "paquet")
    shutil.copyfile(REPO / "node_modules" / "scorm-again" / "dist" / "scorm12.min.js", root / "scorm12.min.js")
    (root / "lms.html").write_text(LMS_PAGE, "utf-8")
    server = serve(root)
    yield f"http://127.0.0.1:{server.server_address[1]}/lms.html"
    server.shutdown()


def _frames(page):
    sco = page.frame_locator("#sco")
    return sco, sco.frame_locator("#pmes-scorm-book")


def _cmi(page, element):
    return page.evaluate(f"() => API.LMSGetValue({json.dumps(element)})")


def _complete_record(course: dict) -> dict:
    """Every sequence done: all first attempts right, both tests handed in."""
    at = "2026-12-01T09:00:00+00:00"
    exercises = {}
    for bank in course["banks"]:
        exercises[bank["id"]] = {"first": {q: {"score": m, "max": m, "at": at} for q, m in zip(bank["questions"], bank["max"])}}
    for seq in course["sequences"]:
        if seq.get("test"):
            exercises[seq["test"]]["submitted"] = at
    # one wrong first attempt on the exit test, so that its score is not a round 100
    exit_bank = next(b for b in course["banks"] if b["id"] == course["exit_test"])
    exercises[exit_bank["id"]]["first"][exit_bank["questions"][0]]["score"] = 0
    return {"format": "pmesocial-record", "version": 2, "trainee": {"name": "", "company": ""},
            "started": at, "updated": at, "exercises": exercises}


def test_the_package_reports_to_a_scorm_12_runtime_and_resumes(browser, lms_url, requests_log):
    course = course_data()
    first = browser.new_context(viewport={"width": 390, "height": 844}, locale="fr-FR")
    page = first.new_page()
    page.on("request", lambda r: requests_log.urls.append(r.url))
    page.goto(lms_url)
    page.evaluate("() => launch(null)")
    sco, book = _frames(page)
    expect(book.locator("article h1").first).to_be_visible()
    page.wait_for_function("() => API.LMSGetValue('cmi.core.lesson_status') === 'incomplete'")
    page.screenshot(path=str(REPO / "_build" / "scorm-phone.png"))

    # the trainee answers a question of module 1 through the book
    sco.locator("body").evaluate(f"() => document.getElementById('pmes-scorm-book').src = {json.dumps(MODULE_1)}")
    bank = load_bank("m1-autoevaluation")
    exercise = book.locator(".pmes-exercise[data-pmes-exercise]").filter(has_text=bank["title"])
    question = bank["questions"][0]
    node = exercise.locator(".pmes-question").first
    answer_correctly(node, question)
    node.get_by_role("button", name="Vérifier").click()
    expect(node.locator(".pmes-feedback")).to_contain_text("Bonne réponse")
    page.wait_for_function("() => API.LMSGetValue('cmi.suspend_data').indexOf('\"e\"') >= 0")
    saved = json.loads(_cmi(page, "cmi.suspend_data"))
    assert saved["v"] == 1 and len(_cmi(page, "cmi.suspend_data")) <= 4096
    assert _cmi(page, "cmi.core.lesson_status") == "incomplete"
    assert _cmi(page, "cmi.core.score.raw") == ""  # no exit test yet

    # everything done (the rest of the course seeded as this browser's record)
    record = _complete_record(course)
    record["exercises"]["m1-autoevaluation"]["first"][question["id"]]["score"] = scoring.max_score(question)
    book.locator("body").evaluate("(_, r) => localStorage.setItem('pmesocial-record', JSON.stringify(r))", record)
    expected = report(record, course)
    assert expected["lesson_status"] == "completed" and 0 < expected["score"] < 100
    page.wait_for_function("() => API.LMSGetValue('cmi.core.lesson_status') === 'completed'")
    assert _cmi(page, "cmi.core.score.raw") == str(expected["score"])
    assert _cmi(page, "cmi.core.score.max") == "100"

    # the visit ends: the SCO's frame goes away, as when the LMS closes it
    page.evaluate("() => document.getElementById('sco').remove()")
    page.wait_for_function("() => lmsLog.finished")
    session_time = page.evaluate("() => lmsLog.sessionTime")
    assert re.fullmatch(r"\d{4}:\d{2}:\d{2}\.\d{2}", session_time) and session_time != "0000:00:00.00"
    assert page.evaluate("() => lmsLog.exit") == ""  # completed: nothing to resume
    assert page.evaluate("() => lmsLog.commits") >= 2
    kept = page.evaluate("() => API.cmi.suspend_data")
    first.close()

    # a second launch, another browser: the progress comes back from the suspend data
    second = browser.new_context(locale="fr-FR")
    page = second.new_page()
    page.on("request", lambda r: requests_log.urls.append(r.url))
    page.goto(lms_url)
    page.evaluate("(data) => launch({core: {lesson_status: 'completed'}, suspend_data: data})", kept)
    sco, book = _frames(page)
    expect(book.locator("article h1").first).to_be_visible()
    sco.locator("body").evaluate(f"() => document.getElementById('pmes-scorm-book').src = {json.dumps(MODULE_1)}")
    exercise = book.locator(".pmes-exercise[data-pmes-exercise]").filter(has_text=bank["title"])
    note = exercise.locator(".pmes-question").first.locator(".pmes-first-note")
    expect(note).to_contain_text("première réponse")
    restored = json.loads(book.locator("body").evaluate("() => localStorage.getItem('pmesocial-record')"))
    assert report(restored, course) == expected
    second.close()
    assert requests_log.foreign() == []


def test_outside_an_lms_the_book_still_opens_and_says_so(page, book_url, tmp_path):
    package = build(BOOK, tmp_path / "paquet.zip")
    with zipfile.ZipFile(package) as archive:
        archive.extractall(tmp_path / "paquet")
    server = serve(tmp_path / "paquet")
    try:
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/scorm/index.html")
        expect(page.locator("#pmes-scorm-status")).to_contain_text("Aucune plateforme de formation")
        expect(page.frame_locator("#pmes-scorm-book").locator("article h1").first).to_be_visible()
    finally:
        server.shutdown()

"""Both SCORM packages in Chromium, each under a real runtime acting as the LMS (npm
scorm-again: Scorm12API, Scorm2004API): status, score and suspend data set, the session
closed, and a second launch in a fresh browser (empty localStorage) bringing the
trainee's work back from the suspend data.

The resume cases take a whole course's record (make_sample_records.whole_course_record:
every question answered, every form and the 90-day plan, the whole self-diagnostic) and
count, kind by kind, what comes back: SCORM 2004 must bring back all of it; SCORM 1.2
(4,096 characters) the trainee's own work, with what it cannot keep told on the launch
page and « Exporter mon dossier » offered."""
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
from pmesocial.tools.make_sample_records import whole_course_record
from pmesocial.tools.make_scorm import build, course_data
from tests.support.browser import serve

from .conftest import BOOK, REPO, plain
from .helpers import answer_correctly

LMS_PAGE = """<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>LMS d'essai</title>
<script src="scorm12.min.js"></script><script src="scorm2004.min.js"></script></head><body>
<script>
  window.lmsLog = { finished: false, commits: 0 };
  // SCORM 1.2 (window.API) or 2004 (window.API_1484_11), as an LMS would offer one of them
  window.launch = function (version, saved) {
    var v2004 = version === "2004";
    var api = v2004 ? new Scorm2004API({ autocommit: false, logLevel: 5 }) : new Scorm12API({ autocommit: false, logLevel: 5 });
    if (v2004) window.API_1484_11 = api; else window.API = api;
    window.lms = {
      api: api,
      get: function (e) { return v2004 ? api.GetValue(e) : api.LMSGetValue(e); }
    };
    api.on(v2004 ? "Terminate" : "LMSFinish", function () { lmsLog.finished = true; });
    api.on(v2004 ? "Commit" : "LMSCommit", function () { lmsLog.commits += 1; });
    var time = v2004 ? "cmi.session_time" : "cmi.core.session_time", exit = v2004 ? "cmi.exit" : "cmi.core.exit";
    api.on((v2004 ? "SetValue." : "LMSSetValue.") + time, function (element, value) { lmsLog.sessionTime = value; });
    api.on((v2004 ? "SetValue." : "LMSSetValue.") + exit, function (element, value) { lmsLog.exit = value; });
    if (saved) api.loadFromJSON(saved);
    var frame = document.createElement("iframe");
    frame.id = "sco"; frame.style.width = "100%"; frame.style.height = "95vh";
    frame.src = "paquet-" + version + "/scorm/index.html";
    document.body.appendChild(frame);
  };
</script></body></html>"""
MODULE_1 = "../notebooks/01_medias_ou_reseaux.html"
VERSIONS = ("1.2", "2004")


@pytest.fixture(scope="module")
def lms_url(tmp_path_factory):
    root = tmp_path_factory.mktemp("lms")
    for version in VERSIONS:
        package = build(BOOK, root / f"paquet-{version}.zip", version) if version != "1.2" else build(BOOK, root / "paquet-1.2.zip")
        with zipfile.ZipFile(package) as archive:
            archive.extractall(root / f"paquet-{version}")
    for name in ("scorm12.min.js", "scorm2004.min.js"):
        shutil.copyfile(REPO / "node_modules" / "scorm-again" / "dist" / name, root / name)
    (root / "lms.html").write_text(LMS_PAGE, "utf-8")
    server = serve(root)
    yield f"http://127.0.0.1:{server.server_address[1]}/lms.html"
    server.shutdown()


def _frames(page):
    sco = page.frame_locator("#sco")
    return sco, sco.frame_locator("#pmes-scorm-book")


def _cmi(page, element):
    return page.evaluate(f"() => lms.get({json.dumps(element)})")


def _launch(browser, lms_url, requests_log, version, saved=None, width=390):
    context = browser.new_context(viewport={"width": width, "height": 844}, locale="fr-FR", accept_downloads=True)
    page = context.new_page()
    page.on("request", lambda r: requests_log.urls.append(r.url))
    page.goto(lms_url)
    page.evaluate("([v, s]) => launch(v, s)", [version, saved])
    sco, book = _frames(page)
    expect(book.locator("article h1").first).to_be_visible()
    return context, page, sco, book


def _close_sco(page):
    """The visit ends: the SCO's frame goes away, as when the LMS closes it."""
    page.evaluate("() => document.getElementById('sco').remove()")
    page.wait_for_function("() => lmsLog.finished")


def _stored_record(book) -> dict | None:
    text = book.locator("body").evaluate("() => localStorage.getItem('pmesocial-record')")
    return json.loads(text) if text else None


def _seed(book, record):
    book.locator("body").evaluate("(_, r) => localStorage.setItem('pmesocial-record', JSON.stringify(r))", record)


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


def tally(original: dict, restored: dict | None) -> dict[str, list[int]]:
    """[kept, total] for each kind of the trainee's work: what came back equal."""
    restored = restored or {}
    out = {}

    def count(name, pairs):
        pairs = list(pairs)
        out[name] = [sum(1 for mine, back in pairs if mine == back), len(pairs)]

    ex, back_ex = original.get("exercises", {}), restored.get("exercises", {})
    count("premières réponses", ((a, back_ex.get(b, {}).get("first", {}).get(q))
                                 for b, e in ex.items() for q, a in e.get("first", {}).items()))
    count("tests remis", ((e["submitted"], back_ex.get(b, {}).get("submitted")) for b, e in ex.items() if "submitted" in e))
    count("dernières réponses", (((a, e.get("results", {}).get(q)),
                                  (back_ex.get(b, {}).get("answers", {}).get(q), back_ex.get(b, {}).get("results", {}).get(q)))
                                 for b, e in ex.items() for q, a in e.get("answers", {}).items()))
    forms, back_forms = original.get("forms", {}), restored.get("forms", {})
    count("plan à 90 jours", [(forms.get("plan"), back_forms.get("plan"))] if "plan" in forms else [])
    count("valeurs des questionnaires", ((v, back_forms.get(f, {}).get("values", {}).get(k))
                                         for f, form in forms.items() for k, v in form["values"].items()))
    diag, back_diag = original.get("diagnostic", {}), restored.get("diagnostic", {})
    count("autodiagnostic", [(v, back_diag.get("answers", {}).get(k)) for k, v in diag.get("answers", {}).items()]
          + [(v, back_diag.get("importance", {}).get(k)) for k, v in diag.get("importance", {}).items()])
    count("autopositionnement", [(original.get("self_positioning"), restored.get("self_positioning"))])
    count("stagiaire", [(original.get("trainee"), restored.get("trainee"))])
    return out


def _resume(browser, lms_url, requests_log, version):
    """A whole course done in one browser, suspended, then resumed in a new browser:
    (the record, the suspend data, what came back, the second visit's page and frames)."""
    course = course_data()
    record = whole_course_record()
    assert report(record, course)["lesson_status"] == "completed"
    first, page, sco, book = _launch(browser, lms_url, requests_log, version)
    status = "cmi.core.lesson_status" if version == "1.2" else "cmi.completion_status"
    _seed(book, record)
    page.wait_for_function(f"() => lms.get({json.dumps(status)}) === 'completed'")
    _close_sco(page)
    kept = page.evaluate("() => lms.api.cmi.suspend_data")
    first.close()
    saved = {"core": {"lesson_status": "completed"}, "suspend_data": kept} if version == "1.2" else \
        {"completion_status": "completed", "suspend_data": kept}
    second, page, sco, book = _launch(browser, lms_url, requests_log, version, saved)
    return record, kept, _stored_record(book), (second, page, sco, book)


def test_scorm_2004_resume_brings_back_the_whole_record(browser, lms_url, requests_log):
    record, kept, restored, (context, page, sco, book) = _resume(browser, lms_url, requests_log, "2004")
    counts = tally(record, restored)
    print(f"SCORM 2004, kept/total after resume: {counts} ({len(kept)} characters)")
    lost = {k: v for k, v in counts.items() if v[0] != v[1]}
    assert not lost, f"SCORM 2004 : perdu à la reprise {lost} (suspend_data : {len(kept)} caractères)"
    assert restored == record  # everything the trainee did, not only what tally counts
    assert len(kept) <= 64000
    expect(sco.locator("#pmes-scorm-notice")).to_be_hidden()
    context.close()
    assert requests_log.foreign() == []


def test_scorm_12_resume_keeps_the_trainees_own_work_and_says_what_it_cannot(browser, lms_url, requests_log):
    record, kept, restored, (context, page, sco, book) = _resume(browser, lms_url, requests_log, "1.2")
    counts = tally(record, restored)
    print(f"SCORM 1.2, kept/total after resume: {counts} ({len(kept)} characters)")
    own = ("plan à 90 jours", "valeurs des questionnaires", "autodiagnostic", "autopositionnement", "stagiaire", "tests remis")
    lost = {k: counts[k] for k in own if counts[k][0] != counts[k][1]}
    assert not lost, f"SCORM 1.2 : le travail du stagiaire perdu à la reprise {lost} ; en tout {counts} ({len(kept)} caractères)"
    assert len(kept) <= 4096
    assert counts["premières réponses"][0] == counts["premières réponses"][1], counts
    # what did not fit is told on the launch page of the visit that resumes, with the export
    notice = sco.locator("#pmes-scorm-notice")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("dernières réponses")
    page.screenshot(path=str(REPO / "_build" / "scorm12-notice-phone.png"))
    with page.expect_download() as download:
        notice.get_by_role("button", name="Exporter mon dossier").click()
    assert json.loads(open(download.value.path(), encoding="utf-8").read()) == restored
    context.close()
    assert requests_log.foreign() == []


def test_scorm_12_tells_at_once_what_the_platform_will_not_keep(browser, lms_url, requests_log):
    """The visit where the record outgrows 4,096 characters says so, lastingly, and the
    export gives the whole record."""
    record = whole_course_record()
    context, page, sco, book = _launch(browser, lms_url, requests_log, "1.2")
    _seed(book, record)
    notice = sco.locator("#pmes-scorm-notice")
    expect(notice).to_be_visible()
    text = plain(notice.inner_text())
    assert "ne gardera pas" in text and "dernières réponses" in text, text
    with page.expect_download() as download:
        notice.get_by_role("button", name="Exporter mon dossier").click()
    assert json.loads(open(download.value.path(), encoding="utf-8").read()) == record
    page.wait_for_timeout(1500)
    expect(notice).to_be_visible()  # lasting: it stays until the record fits again
    context.close()


@pytest.mark.parametrize("version", VERSIONS)
def test_the_package_reports_to_a_scorm_runtime_and_resumes(browser, lms_url, requests_log, version):
    course = course_data()
    first, page, sco, book = _launch(browser, lms_url, requests_log, version)
    v2004 = version == "2004"
    status = "cmi.completion_status" if v2004 else "cmi.core.lesson_status"
    page.wait_for_function(f"() => lms.get({json.dumps(status)}) === 'incomplete'")
    page.screenshot(path=str(REPO / "_build" / f"scorm{version.replace('.', '')}-phone.png"))

    # the trainee answers a question of module 1 through the book
    sco.locator("body").evaluate(f"() => document.getElementById('pmes-scorm-book').src = {json.dumps(MODULE_1)}")
    bank = load_bank("m1-autoevaluation")
    exercise = book.locator(".pmes-exercise[data-pmes-exercise]").filter(has_text=bank["title"])
    question = bank["questions"][0]
    node = exercise.locator(".pmes-question").first
    answer_correctly(node, question)
    node.get_by_role("button", name="Vérifier").click()
    expect(node.locator(".pmes-feedback")).to_contain_text("Bonne réponse")
    page.wait_for_function("() => (lms.api.cmi.suspend_data || '').length > 0")
    assert len(_cmi(page, "cmi.suspend_data")) <= (64000 if v2004 else 4096)
    assert _cmi(page, status) == "incomplete"
    assert _cmi(page, "cmi.score.raw" if v2004 else "cmi.core.score.raw") == ""  # no exit test yet
    if v2004:
        assert _cmi(page, "cmi.success_status") == "unknown"

    # everything done (the rest of the course seeded as this browser's record)
    record = _complete_record(course)
    record["exercises"]["m1-autoevaluation"]["first"][question["id"]]["score"] = scoring.max_score(question)
    _seed(book, record)
    expected = report(record, course)
    assert expected["lesson_status"] == "completed" and 0 < expected["score"] < 100
    page.wait_for_function(f"() => lms.get({json.dumps(status)}) === 'completed'")
    if v2004:
        assert _cmi(page, "cmi.score.raw") == str(expected["score"])
        assert float(_cmi(page, "cmi.score.scaled")) == pytest.approx(expected["score"] / 100)
        assert _cmi(page, "cmi.score.max") == "100" and _cmi(page, "cmi.score.min") == "0"
        assert float(_cmi(page, "cmi.progress_measure")) == 1
        assert _cmi(page, "cmi.success_status") == "unknown"  # no passing score given by this LMS
    else:
        assert _cmi(page, "cmi.core.score.raw") == str(expected["score"])
        assert _cmi(page, "cmi.core.score.max") == "100"

    _close_sco(page)
    session_time = page.evaluate("() => lmsLog.sessionTime")
    if v2004:
        assert re.fullmatch(r"PT(\d+H)?(\d+M)?\d+(\.\d{1,2})?S", session_time) and session_time != "PT0S", session_time
    else:
        assert re.fullmatch(r"\d{4}:\d{2}:\d{2}\.\d{2}", session_time) and session_time != "0000:00:00.00"
    # the trainee comes back to the plan and documents after the end: the data is kept
    assert page.evaluate("() => lmsLog.exit") == "suspend"
    assert page.evaluate("() => lmsLog.commits") >= 2
    kept = page.evaluate("() => lms.api.cmi.suspend_data")
    first.close()

    # a second launch, another browser: the progress comes back from the suspend data
    saved = {"completion_status": "completed", "suspend_data": kept} if v2004 else \
        {"core": {"lesson_status": "completed"}, "suspend_data": kept}
    second, page, sco, book = _launch(browser, lms_url, requests_log, version, saved, width=1280)
    sco.locator("body").evaluate(f"() => document.getElementById('pmes-scorm-book').src = {json.dumps(MODULE_1)}")
    exercise = book.locator(".pmes-exercise[data-pmes-exercise]").filter(has_text=bank["title"])
    note = exercise.locator(".pmes-question").first.locator(".pmes-first-note")
    expect(note).to_contain_text("première réponse")
    assert report(_stored_record(book), course) == expected
    second.close()
    assert requests_log.foreign() == []


def test_scorm_2004_success_follows_the_passing_score_the_lms_gives(browser, lms_url, requests_log):
    course = course_data()
    record = _complete_record(course)
    score = report(record, course)["score"]
    context, page, sco, book = _launch(browser, lms_url, requests_log, "2004", {"scaled_passing_score": "0.5"})
    _seed(book, record)
    page.wait_for_function("() => lms.get('cmi.completion_status') === 'completed'")
    assert _cmi(page, "cmi.success_status") == ("passed" if score >= 50 else "failed")
    context.close()


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

"""The trainee's record in the static book: kept across reloads, exported, imported,
corrupt data set aside, hostile names shown as text everywhere."""
import json

import pytest

from pmesocial.data.diagnostic import load_diagnostic
from pmesocial.record import RecordStore
from pmesocial.rules import diagnostic

from .helpers import open_page, page_path

DIAG = page_path("outils/autodiagnostic")
DOSSIER = page_path("outils/mon_dossier")
BILAN = page_path("outils/bilan_sortie")
MODULE_1 = page_path("notebooks/01_medias_ou_reseaux")
SPEC = load_diagnostic()
HOSTILE = "<script>window.__pwned = 1</script><img src=x onerror='window.__pwned=2'> « O'Brien » 🪵 " + "N" * 440


def fill_diagnostic(page, values):
    host = page.locator(".pmes-diagnostic-host[data-pmes-ready='true']")
    host.wait_for()
    for item_id, value in values.items():
        host.locator(f"select[data-item='{item_id}']").select_option(str(value))
    return host


def some_answers():
    items = [i["id"] for d in SPEC["dimensions"] for i in d["items"]]
    return {item: (n * 3) % 5 for n, item in enumerate(items[:12])}


def test_diagnostic_answers_survive_a_reload(page, book_url):
    open_page(page, book_url + DIAG)
    answers = some_answers()
    host = fill_diagnostic(page, answers)
    overall = host.get_attribute("data-pmes-overall")
    assert overall == str(diagnostic.compute(SPEC, answers, {})["overall"])
    assert "Score global" in host.inner_text() and host.locator("svg.pmes-radar").count() == 1
    page.reload()
    host = page.locator(".pmes-diagnostic-host[data-pmes-ready='true']")
    host.wait_for()
    for item_id, value in answers.items():
        assert host.locator(f"select[data-item='{item_id}']").input_value() == str(value)
    assert host.get_attribute("data-pmes-overall") == overall


def test_export_from_the_book_gives_the_same_scores_in_python(page, book_url, tmp_path):
    open_page(page, book_url + DIAG)
    answers = some_answers()
    dim = SPEC["dimensions"][3]["id"]
    host = fill_diagnostic(page, answers)
    host.locator(f"select[data-dimension='{dim}']").select_option("3")
    shown = host.get_attribute("data-pmes-overall")
    open_page(page, book_url + DOSSIER)
    with page.expect_download() as info:
        page.locator("button.pmes-export").click()
    exported = tmp_path / "dossier.json"
    info.value.save_as(exported)
    store = RecordStore(tmp_path / "kernel" / "dossier.json")
    record = store.import_text(exported.read_text("utf-8"))
    result = diagnostic.compute(SPEC, record["diagnostic"]["answers"], record["diagnostic"]["importance"])
    assert str(result["overall"]) == shown
    assert result == diagnostic.compute(SPEC, answers, {dim: 3})


def test_exercise_answer_comes_back_after_reload(page, book_url):
    open_page(page, book_url + MODULE_1)
    question = page.locator(".pmes-exercise").last.locator("fieldset.pmes-question").first
    question.locator("input").first.check()
    question.locator("button.pmes-check").click()
    before = question.locator(".pmes-feedback").inner_text()
    assert before
    page.reload()
    open_page(page, book_url + MODULE_1)
    question = page.locator(".pmes-exercise").last.locator("fieldset.pmes-question").first
    assert question.locator("input").first.is_checked()
    assert question.locator(".pmes-feedback").inner_text() == before


def test_corrupt_storage_is_reported_and_kept_aside(page, book_url):
    open_page(page, book_url + DIAG)
    page.evaluate("localStorage.setItem('pmesocial-record', '{\"format\": \"pmesocial-record\", \"vers')")
    page.reload()
    alert = page.locator(".pmes-record-notice[role=alert]")
    alert.wait_for()
    assert "n'a pas pu être lu" in alert.inner_text() and "rien n'a été effacé" in alert.inner_text()
    kept = page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('pmesocial-record.illisible-'))"
                         ".map(k => localStorage.getItem(k))")
    assert kept == ['{"format": "pmesocial-record", "vers']


@pytest.mark.parametrize("content, message", [('{"format": "autre"}', "n'est pas un dossier du cours"),
                                              ("pas du json", "incomplet ou abîmé")])
def test_import_of_a_foreign_file_is_refused_in_french(page, book_url, tmp_path, content, message):
    open_page(page, book_url + DOSSIER)
    page.locator("#pmes-trainee-name").fill("Claire")
    page.locator(".pmes-panel button.pmes-check").click()
    bad = tmp_path / "autre.json"
    bad.write_text(content, encoding="utf-8")
    page.locator("input.pmes-import").set_input_files(str(bad))
    page.locator(".pmes-panel .pmes-ko").wait_for()
    assert message in page.locator(".pmes-panel .pmes-ko").inner_text()
    assert json.loads(page.evaluate("localStorage.getItem('pmesocial-record')"))["trainee"]["name"] == "Claire"


def test_hostile_name_in_every_view_and_export(page, book_url, tmp_path):
    open_page(page, book_url + DOSSIER)
    page.locator("#pmes-trainee-name").fill(HOSTILE)
    page.locator("#pmes-trainee-company").fill(HOSTILE)
    page.locator(".pmes-panel button.pmes-check").click()
    page.reload()
    open_page(page, book_url + DOSSIER)
    assert page.locator("#pmes-trainee-name").input_value() == HOSTILE
    with page.expect_download() as info:
        page.locator("button.pmes-export").click()
    info.value.save_as(tmp_path / "d.json")
    assert json.loads((tmp_path / "d.json").read_text("utf-8"))["trainee"]["name"] == HOSTILE

    open_page(page, book_url + DIAG)
    fill_diagnostic(page, some_answers())
    with page.expect_download() as info:
        page.get_by_role("button", name="Télécharger le rapport (HTML)").click()
    info.value.save_as(tmp_path / "rapport.html")
    report = (tmp_path / "rapport.html").read_text("utf-8")
    assert "<script>window.__pwned" not in report and "&lt;script&gt;window.__pwned" in report
    assert "N" * 440 in report and "🪵" in report

    open_page(page, book_url + BILAN)
    with page.expect_download() as info:
        page.locator("button.pmes-attestation").click()
    info.value.save_as(tmp_path / "attestation.html")
    attestation = (tmp_path / "attestation.html").read_text("utf-8")
    assert "<script>window.__pwned" not in attestation and "&lt;script&gt;window.__pwned" in attestation
    assert "N" * 440 in attestation

    for name in ("rapport.html", "attestation.html"):  # open the files themselves: nothing runs
        page.goto((tmp_path / name).as_uri())
        assert HOSTILE[:40] in page.locator("body").inner_text()
    assert page.evaluate("window.__pwned") is None

"""The trainer edition's group-view page, with no kernel: exported files picked or
dropped, damaged ones set aside with their French reason, the same view as the kernel's
(the same rules and template), anonymous until the trainer asks, hostile names as text;
the same page reading a group's session from Ralph; axe-core on a phone."""
from __future__ import annotations

import json
import re
import uuid
from pathlib import Path

import pytest
from playwright.sync_api import expect

from pmesocial.data.group_folder import load_group
from pmesocial.kernel.group_view import GroupView
from pmesocial.lrs_accounts import TRAINER_USER
from pmesocial.tools.make_sample_records import HOSTILE_COMPANY
from pmesocial.tools.make_sample_records import main as make_sample
from tests.support.browser import serve

from .conftest import REPO
from .helpers import open_page
from .test_accessibility import AXE
from .test_lrs_book import MODULE_1, _check_all, _self_check_index, _wait_sent

TRAINER_BOOK = REPO / "_build" / "formateur" / "_build" / "html"
PAGE = "/formateur/vue_de_groupe_sans_code.html"


@pytest.fixture(scope="module")
def trainer_url():
    if not (TRAINER_BOOK / "index.html").exists():
        pytest.fail("L'édition formateur n'est pas construite : lancez « make book-formateur ».")
    server = serve(TRAINER_BOOK)
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("groupe")
    assert make_sample([str(folder), "--count", "12", "--malformed", "2", "--seed", "7"]) == 0
    (folder / "notes.txt").write_text("pas un dossier", "utf-8")
    return folder


def _text(page, selector: str) -> str:
    return re.sub(r"\s+", " ", page.locator(selector).inner_text()).strip()


def _kernel_text(page, html: str) -> str:
    """The kernel's HTML of the same group, as the browser shows it (in a hidden box)."""
    return re.sub(r"\s+", " ", page.evaluate("""(html) => {
        const box = document.createElement('div'); box.innerHTML = html;
        return box.querySelector('.pmes-group').textContent; }""", html)).strip()



def _read_group_from_lrs(page, trainer_url, lrs, registration):
    """The no-code group page, filled in as the trainer does, reading one session."""
    page.goto(trainer_url + PAGE)
    page.get_by_label(re.compile("Adresse de l.entrepôt")).fill(lrs.endpoint)
    page.get_by_label("Compte du formateur").fill(TRAINER_USER)
    page.get_by_label("Mot de passe").fill(lrs.creds[TRAINER_USER])
    page.get_by_label("Session du groupe (registration)").fill(registration)
    page.get_by_role("button", name=re.compile("Lire le groupe")).click()

def test_dropped_files_give_the_kernel_s_view_anonymous_then_named(page, trainer_url, folder):
    page.goto(trainer_url + PAGE)
    picker = page.get_by_label(re.compile("Choisir les dossiers des stagiaires"))
    picker.set_input_files(sorted(str(p) for p in folder.iterdir()))
    status = page.locator(".pmes-group-status")
    expect(status).to_contain_text("12 dossiers lus, 3 fichiers ignorés")
    view = page.locator(".pmes-group-files-view .pmes-group")
    expect(view).to_contain_text("Stagiaire 12")
    # every damaged file is named, with the kernel's French reason; the rest are read
    rejected = page.locator(".pmes-group-rejected li").all_inner_texts()
    assert any("notes.txt" in r and "fichier .json" in r for r in rejected)
    assert any(re.search("tronqu", r) for r in rejected)
    names = [json.loads(p.read_text("utf-8"))["trainee"]["name"] for p in sorted(folder.glob("dossier-*.json"))
             if p.read_text("utf-8").rstrip().endswith("}") and '"trainee"' in p.read_text("utf-8")]
    shown = view.inner_text()
    assert HOSTILE_COMPANY not in shown and not [n for n in names if n and n in shown]
    # the same view as the kernel's, word for word (the .txt is set aside in the book only:
    # a folder is read as its *.json files)
    records, rejected_py = load_group(folder)
    rejected_py = sorted(rejected_py + [("notes.txt", "Ce fichier n’est pas un dossier exporté par le cours "
                                                      "(il faut un fichier .json).")])
    for anonymous in (True, False):
        if not anonymous:
            page.get_by_label(re.compile("Afficher les noms")).check()
            expect(view).to_contain_text(HOSTILE_COMPANY)  # as text: the page's view shows the tag itself
        kernel = GroupView.from_records(records, rejected_py, anonymous, "fichiers déposés")
        # read unpatched (the fixtures' readers straighten the typography): exact text
        got = re.sub(r"\s+", " ", view.evaluate("(el) => el.textContent")).strip()
        expected = _kernel_text(page, kernel._repr_html_())
        first = next((i for i, (a, b) in enumerate(zip(got, expected)) if a != b), min(len(got), len(expected)))
        assert got == expected, f"anonymous={anonymous}: …{got[first - 80:first + 80]}… ≠ …{expected[first - 80:first + 80]}…"
        # the trainees' table exported as the kernel exports it: pseudonymous until names are shown
        with page.expect_download() as saved:
            page.locator(".pmes-group-files-view .pmes-group-export").click()
        assert Path(saved.value.path()).read_bytes().decode("utf-8") == kernel.export_csv()
        assert saved.value.suggested_filename == "resultats-du-groupe.csv"
    assert page.locator(".pmes-group-files-view script").count() == 0
    assert page.evaluate("() => !!window.pwned") is False


def test_a_file_dropped_on_the_zone_is_read(page, trainer_url, folder):
    page.goto(trainer_url + PAGE)
    text = (folder / "dossier-01.json").read_text("utf-8")
    page.locator(".pmes-group-drop").wait_for()
    page.evaluate("""(text) => {
        const data = new DataTransfer();
        data.items.add(new File([text], 'dossier-01.json', {type: 'application/json'}));
        data.items.add(new File(['{"format": "pmesocial-record", "version": 99}'], 'futur.json'));
        document.querySelector('.pmes-group-drop').dispatchEvent(new DragEvent('drop', {dataTransfer: data, bubbles: true}));
    }""", text)
    expect(page.locator(".pmes-group-status")).to_contain_text("1 dossier lu, 1 fichier ignoré")
    expect(page.locator(".pmes-group-rejected")).to_contain_text("version plus récente du cours")
    expect(page.locator(".pmes-group-files-view")).to_contain_text("Stagiaire 1")


def test_the_page_reads_a_session_from_ralph(page, book_url, trainer_url, lrs):
    registration, account = str(uuid.uuid4()), f"stagiaire-{uuid.uuid4().hex[:6]}"
    exercises = open_page(page, book_url + MODULE_1 + lrs.launch_query(account, registration))
    _check_all(page, exercises, _self_check_index(page))
    _wait_sent(page)
    _read_group_from_lrs(page, trainer_url, lrs, registration)
    view = page.locator(".pmes-group-lrs-view .pmes-group")
    expect(view).to_contain_text("1 dossier lu")
    expect(view).to_contain_text("Stagiaire 1")
    assert account not in view.inner_text()  # anonymous: not even the pseudonymous id
    assert "100 %" in view.inner_text().replace("\u202f", " ")
    # a trainee's write-only credential is refused, in French
    page.get_by_label("Compte du formateur").fill(account)
    page.get_by_label("Mot de passe").fill(lrs.register(account))
    page.get_by_role("button", name=re.compile("Lire le groupe")).click()
    expect(page.locator(".pmes-group-lrs-view [role=alert]")).to_contain_text("refuse la lecture")


def test_the_page_counts_only_what_ralph_vouches_for_and_hostile_names_stay_data(page, trainer_url, lrs):
    """Statements through Ralph, each trainee with their own link: a forger's back-dated
    full marks in the victim's name, and trainees whose account is « __proto__ » or
    « constructor » (with answers in a bank « __proto__ »). The page shows what the kernel
    shows, word for word: the victim's real 0 of 2, each comment once, nothing polluted."""
    from pmesocial.lrs_group import load_group_from_lrs

    from ..unit.test_lrs_evidence import QUESTIONS, _answer, _conf, _form, _now, _send

    registration = str(uuid.uuid4())
    victim, forger = f"a-{uuid.uuid4().hex[:6]}", f"b-{uuid.uuid4().hex[:6]}"
    victim_conf, forger_conf = _conf(lrs, victim, registration), _conf(lrs, forger, registration)
    assert _send(victim_conf, [_answer(victim_conf, q, 0, _now()) for q in QUESTIONS]) in (200, 204)
    assert _send(forger_conf, [_answer(forger_conf, q, 1, _now(-1), account=victim) for q in QUESTIONS]) in (200, 204)
    for account in ("__proto__", "constructor"):
        conf = _conf(lrs, account, registration)
        odd = _answer(conf, QUESTIONS[0], 1, _now())
        odd["object"]["id"] = odd["object"]["id"].replace("/bank/m1-autoevaluation/", "/bank/__proto__/")
        assert _send(conf, [_form(conf, f"avis de {account}", _now()), odd]) in (200, 204)

    _read_group_from_lrs(page, trainer_url, lrs, registration)
    expect(page.locator(".pmes-group-lrs-status")).to_contain_text("3 stagiaire(s)")
    view = page.locator(".pmes-group-lrs-view .pmes-group")
    expect(view).to_contain_text("Stagiaire 3")
    assert page.evaluate("() => Object.getOwnPropertyNames(Object.prototype).filter((k) => "
                         "['forms', 'exercises', 'results', 'first', 'updated', 'submitted'].includes(k))") == []
    shown = view.evaluate("(el) => el.textContent")
    assert shown.count("avis de __proto__") == 1 and shown.count("avis de constructor") == 1
    assert "autre compte" in page.locator(".pmes-group-lrs-view .pmes-group-rejected").inner_text()
    records, rejected = load_group_from_lrs(lrs.endpoint, lrs.auth(TRAINER_USER), registration)
    first = next(r for r in records if r["_source"] == victim)["exercises"]["m1-autoevaluation"]["first"]
    assert [first[q]["score"] for q in QUESTIONS] == [0, 0]  # not the forger's 2 of 2
    kernel = GroupView.from_records(records, rejected, True, "entrepôt d'apprentissage")
    assert re.sub(r"\s+", " ", shown).strip() == _kernel_text(page, kernel._repr_html_())


def test_the_page_on_a_phone_is_accessible(browser, trainer_url, folder):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="fr-FR")
    page = context.new_page()
    page.goto(trainer_url + PAGE)
    page.get_by_label(re.compile("Choisir les dossiers")).set_input_files(sorted(str(p) for p in folder.glob("*.json")))
    expect(page.locator(".pmes-group-status")).to_contain_text("dossiers lus")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390 + 1
    page.add_script_tag(content=AXE.read_text("utf-8"))
    violations = page.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ['violations']});
        return r.violations.filter(v => ['serious', 'critical'].includes(v.impact) || v.id === 'heading-order')
            .map(v => ({id: v.id, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
    }""")
    page.screenshot(path=str(REPO / "_build" / "groupe-390.png"), full_page=False)
    context.close()
    assert violations == [], violations

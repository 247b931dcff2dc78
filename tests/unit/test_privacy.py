"""The trainee's data under the RGPD: the first-use notice (one text, filled from
organisme.yaml), « Effacer mon dossier » in the kernel (every copy on this computer, and
nothing else), the registre des traitements entry, and a trainee's statements erased from
a real Ralph (started by the `lrs` fixture) while the others stay."""
from __future__ import annotations

import json
import uuid

import pytest
import yaml

from pmesocial import lrs as sender
from pmesocial.data.organisme import OrganismeError, load_organisme
from pmesocial.lrs_accounts import TRAINER_USER
from pmesocial.record import RecordStore
from pmesocial.rules import privacy
from pmesocial.rules.typography import typo
from pmesocial.tools import lrs_erase


# -- the notice ----------------------------------------------------------------------------
def test_the_notice_says_what_where_why_how_long_and_how_to_erase():
    org = load_organisme()
    text = " ".join(privacy.notice(org)["paragraphs"])
    for words in ("Ce qui est enregistré", "Où", "Pourquoi", "Combien de temps", "Effacer mon dossier",
                  org["donnees_personnelles"]["conservation"], org["donnees_personnelles"]["contact"]["courriel"],
                  org["nom"], "CNIL"):
        assert words in text
    assert all("{ici}" not in privacy.fill(p, "kernel") for p in privacy.notice(org)["paragraphs"])


def test_a_missing_privacy_section_is_named(tmp_path):
    data = yaml.safe_load(load_organisme.__globals__["ORGANISME_FILE"].read_text("utf-8"))
    del data["donnees_personnelles"]["conservation"]
    path = tmp_path / "organisme.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    with pytest.raises(OrganismeError, match="donnees_personnelles"):
        load_organisme(path)


def test_the_kernel_notice_shows_once_until_acknowledged(monkeypatch, isolated_record):
    from pmesocial.kernel import notices

    monkeypatch.setattr(notices, "_shown", [])
    (box,) = notices.privacy_notice()
    html = box.children[0].value
    assert typo("Vos données dans ce cours") in html and "sur cet ordinateur" in html
    assert notices.privacy_notice() == []  # one per kernel, not one per exercise
    monkeypatch.setattr(notices, "_shown", [])
    assert len(notices.privacy_notice()) == 1  # a new kernel shows it again: not acknowledged
    box.children[1].click()
    monkeypatch.setattr(notices, "_shown", [])
    assert notices.privacy_notice() == []
    assert json.loads((isolated_record.parent / "avis-donnees.json").read_text("utf-8")) == privacy.NOTICE_VERSION


def test_the_trainee_guide_carries_the_notice_word_for_word():
    from pmesocial.book import substitutions

    guide = substitutions()["avis_donnees"]
    for paragraph in privacy.notice(load_organisme())["paragraphs"]:
        assert privacy.fill(paragraph, "guide").replace("*", "\\*") in guide


def test_the_register_entry_is_filled_from_organisme_yaml():
    org = load_organisme()
    entry = dict(privacy.register_entry(org))
    for heading in ("Responsable du traitement", "Finalités", "Catégories de données", "Destinataires",
                    "Durées de conservation", "Mesures de sécurité"):
        assert entry[heading]
    assert org["nom"] in entry["Responsable du traitement"] and org["siret"] in entry["Responsable du traitement"]
    assert org["donnees_personnelles"]["conservation"] in entry["Durées de conservation"]
    assert entry["Lieu de conservation et transferts hors de l'Union européenne"] == org["donnees_personnelles"]["hebergement"]


# -- « Effacer mon dossier » in the kernel ---------------------------------------------------
def test_erasing_removes_every_copy_of_the_record_and_nothing_else(isolated_record, monkeypatch):
    for name in ("PMESOCIAL_LRS_LAUNCH", "PMESOCIAL_LRS_ENDPOINT", "PMESOCIAL_LRS_CONFIG"):
        monkeypatch.delenv(name, raising=False)
    folder = isolated_record.parent
    store = RecordStore(isolated_record)
    store.set_trainee("Claire Morel", "Menuiserie Morel")
    isolated_record.write_text("{abîmé", "utf-8")
    store.load()  # set aside as unreadable
    store.set_trainee("Claire Morel", "Menuiserie Morel")
    store.import_text(store.export_text())  # the one before the import is kept aside
    queue = sender.StatementQueue(isolated_record)
    queue.add([{"verb": {"id": "x"}}])
    queue.refused_path.write_text("[]", "utf-8")
    (folder / "lrs-avis.json").write_text('"x"', "utf-8")
    (folder / "avis-donnees.json").write_text("1", "utf-8")
    mine = {"notes-de-claire.txt": "à garder", "dossier-test.pdf": "%PDF", "lrs.json": "{}"}
    for name, text in mine.items():
        (folder / name).write_text(text, "utf-8")
    before = {p.name for p in folder.iterdir()}
    assert any(".illisible-" in n for n in before) and any(".avant-import-" in n for n in before)

    gone = store.erase()

    assert {p.name for p in folder.iterdir()} == set(mine)  # the trainee's own files, the training body's settings
    assert {p.name for p in gone} == before - set(mine) - {p for p in before if p.endswith(".lock")}
    assert store.load()["trainee"] == {} or store.load()["trainee"].get("name", "") == ""


def test_the_kernel_panel_asks_before_erasing(isolated_record):
    from pmesocial.kernel.panels import mon_dossier

    store = RecordStore(isolated_record)
    store.set_trainee("Claire Morel", "Menuiserie Morel")
    box = mon_dossier().build_widget()
    buttons = {getattr(w, "description", ""): w for w in _walk(box)}
    erase, no, yes = buttons["Effacer mon dossier"], buttons["Annuler"], buttons["Oui, effacer mon dossier"]
    erase.click()
    no.click()
    assert isolated_record.exists()
    erase.click()
    yes.click()
    assert not isolated_record.exists()  # emptying the name fields wrote nothing back
    said = " ".join(getattr(w, "value", "") for w in _walk(box) if isinstance(getattr(w, "value", None), str))
    assert typo("Votre dossier a été effacé sur cet ordinateur.") in said
    assert load_organisme()["donnees_personnelles"]["contact"]["courriel"] in said


def _walk(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _walk(child)


# -- a trainee's statements erased from Ralph ------------------------------------------------
def _answer(lrs, monkeypatch, folder, account, registration):
    monkeypatch.setenv("PMESOCIAL_LRS_LAUNCH", "http://livre.local/index.html" + lrs.launch_query(account, registration))
    store = RecordStore(folder / f"{account}.json")
    for n in range(1, 4):
        store.save_attempt("m1-autoevaluation", f"m1-q{n}", "a", 1, 1)
    store.save_form("satisfaction", {"note": 4}, submitted=True)
    sender.flush(store.path)


def test_one_trainees_statements_are_erased_from_ralph_and_the_others_kept(lrs, monkeypatch, tmp_path, capsys):
    registration = str(uuid.uuid4())
    leaving, staying = f"part-{uuid.uuid4().hex[:6]}", f"reste-{uuid.uuid4().hex[:6]}"
    for account in (leaving, staying):
        _answer(lrs, monkeypatch, tmp_path, account, registration)
    before = sender.read_statements(lrs.endpoint, lrs.auth(TRAINER_USER), registration)
    theirs = {s["id"] for s in before if s["actor"]["account"]["name"] == leaving}
    others = {s["id"]: s for s in before if s["actor"]["account"]["name"] != leaving}
    assert theirs and others

    # any backend: the trainee's statements listed with the trainer's account, and only theirs
    listed = tmp_path / "releves.jsonl"
    lrs_erase.main(["--account", leaving, "--endpoint", lrs.endpoint, "--registration", registration,
                    "--auth", lrs.auth(TRAINER_USER), "--out", str(listed)])
    assert {json.loads(line)["id"] for line in listed.read_text("utf-8").splitlines()} == theirs
    with pytest.raises(sender.LrsError, match="refuse la lecture"):
        lrs_erase.list_from_lrs(lrs.endpoint, lrs.auth(leaving), leaving, load_organisme()["xapi"]["comptes"])

    # the file backend: erased in Ralph's store, Ralph stopped meanwhile
    lrs.stop()
    try:
        lrs_erase.main(["--account", leaving, "--dir", str(lrs.directory)])
    finally:
        lrs.start()
    assert f"{len(theirs)} relevé(s)" in capsys.readouterr().out
    after = sender.read_statements(lrs.endpoint, lrs.auth(TRAINER_USER), registration)
    assert {s["id"]: s for s in after} == others
    assert leaving not in (lrs.directory / lrs_erase.FS_STORE).read_text("utf-8")

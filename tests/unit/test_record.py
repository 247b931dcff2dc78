"""The trainee record: round trip, corrupt and foreign files, concurrent writers, hostile names."""
import json
import multiprocessing

import pytest

from pmesocial.record import RecordError, RecordStore, parse_record

HOSTILE = ["<script>alert(1)</script>", "O'Brien & \"Fils\"", "Menuiserie 🪵 Morel", "N" * 500]


@pytest.fixture
def store(tmp_path):
    return RecordStore(tmp_path / "dossier.json")


def test_round_trip_export_import(store, tmp_path):
    store.set_trainee("Claire Morel", "Menuiserie Morel")
    store.save_attempt("m1-autoevaluation", "m1-q1", "b", 1, 1)
    store.save_section("diagnostic", {"answers": {"communication-ligne": 3}, "importance": {"communication": 3}})
    text = store.export_text()
    other = RecordStore(tmp_path / "ailleurs" / "dossier.json")
    other.import_text(text)
    again = other.load()
    assert again["trainee"] == {"name": "Claire Morel", "company": "Menuiserie Morel"}
    assert again["exercises"]["m1-autoevaluation"]["answers"]["m1-q1"] == "b"
    assert again["exercises"]["m1-autoevaluation"]["results"]["m1-q1"] == {"score": 1, "max": 1}
    assert again["exercises"]["m1-autoevaluation"]["first"]["m1-q1"]["score"] == 1
    assert again["diagnostic"]["answers"] == {"communication-ligne": 3}


def test_file_is_valid_json_after_every_write(store):
    for n in range(5):
        store.save_attempt("b", f"q{n}", "a", 0, 1)
        assert json.loads(store.path.read_text("utf-8"))["exercises"]["b"]["answers"][f"q{n}"] == "a"
    assert not list(store.path.parent.glob("*.tmp"))


@pytest.mark.parametrize("content", ['{"format": "pmesocial-record", "version": 1, "trai', "\x00\x01 pas du json",
                                     '{"format": "autre-chose"}', '[1, 2, 3]'])
def test_corrupt_or_foreign_file_is_set_aside_never_overwritten(store, content):
    store.path.write_text(content, encoding="utf-8")
    record = store.load()
    assert record["exercises"] == {}
    aside = list(store.path.parent.glob("dossier.illisible-*.json"))
    assert len(aside) == 1 and aside[0].read_text("utf-8") == content
    assert "mis de côté" in store.notices[0] and "rien n'a été effacé" in store.notices[0]


def test_import_refuses_foreign_and_newer_files_in_french(store):
    with pytest.raises(RecordError, match="n'est pas un dossier du cours"):
        store.import_text('{"format": "nbgrader"}')
    with pytest.raises(RecordError, match="version plus récente"):
        store.import_text('{"format": "pmesocial-record", "version": 9}')
    with pytest.raises(RecordError, match="incomplet ou abîmé"):
        store.import_text("{")
    bad_scale = {"format": "pmesocial-record", "version": 2, "trainee": {}, "started": "2026-01-01",
                 "updated": "2026-01-01", "diagnostic": {"answers": {"x": 9}}}
    with pytest.raises(RecordError, match="endommagé"):
        parse_record(json.dumps(bad_scale))


def test_import_keeps_the_previous_record_aside(store):
    store.save_attempt("b", "q1", "a", 1, 1)
    other = RecordStore(store.path.with_name("autre.json"))
    store.import_text(other.export_text())
    assert store.load()["exercises"] == {}
    kept = list(store.path.parent.glob("dossier.avant-import-*.json"))
    assert len(kept) == 1 and json.loads(kept[0].read_text("utf-8"))["exercises"]["b"]["answers"] == {"q1": "a"}


def _writer(path, prefix, count):
    store = RecordStore(path)
    for n in range(count):
        store.save_attempt(f"bank-{prefix}", f"q{n}", "a", 1, 1)


def test_two_notebooks_saving_at_once_lose_nothing(tmp_path):
    path = tmp_path / "dossier.json"
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_writer, args=(path, p, 40)) for p in ("a", "b")]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    record = RecordStore(path).load()
    assert len(record["exercises"]["bank-a"]["answers"]) == 40
    assert len(record["exercises"]["bank-b"]["answers"]) == 40


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_names_are_kept_exactly(store, name):
    store.set_trainee(name, name)
    text = store.export_text()
    assert parse_record(text)["trainee"] == {"name": name, "company": name}


def test_a_version_1_record_is_migrated_and_counts_for_nothing(store):
    old = {"format": "pmesocial-record", "version": 1, "trainee": {"name": "A", "company": "B"},
           "started": "2026-03-02T08:30:00+00:00", "updated": "2026-03-02T09:30:00+00:00",
           "exercises": {"m1-autoevaluation": {"answers": {"m1-q1": "a"}, "results": {"m1-q1": {"score": 1, "max": 1}}}},
           "satisfaction": {"ratings": {"outils": 4}, "comment": "Bien", "updated": "2026-03-02T09:30:00+00:00"}}
    record = store.import_text(json.dumps(old))
    assert record["version"] == 2 and "first" not in record["exercises"]["m1-autoevaluation"]
    assert record["forms"]["satisfaction"]["values"] == {"outils": 4, "commentaire": "Bien"}
    assert store.load() == record


def test_a_record_read_again_unchanged_is_not_checked_again(store, monkeypatch):
    """The widgets of a notebook read the record again and again: the same text, checked
    once; a changed file is checked again (and set aside when damaged)."""
    import pmesocial.record as record_module

    store.set_trainee("Claire Morel", "Menuiserie Morel")
    checked = []
    real = record_module.fast_check  # the first check every record goes through
    monkeypatch.setattr(record_module, "fast_check", lambda name: checked.append(name) or real(name))
    first = store.load()
    assert store.load() == store.load() == first and len(checked) == 1
    store.path.write_text(store.path.read_text("utf-8").replace("Claire", "Claude"), encoding="utf-8")
    assert store.load()["trainee"]["name"] == "Claude Morel" and len(checked) == 2
    store.path.write_text('{"format": "pmesocial-record", "version": 2}', encoding="utf-8")
    assert store.load()["exercises"] == {} and "mis de côté" in store.notices[0]


def test_a_store_announces_its_changes_and_erases_its_listeners_files(tmp_path):
    """The record store knows no LRS: it tells its listeners what changed (pmesocial/lrs.py
    listens), and « Effacer mon dossier » erases the files they name."""
    from pmesocial.record import RecordListener, RecordStore

    heard = []

    class Listener(RecordListener):
        def changed(self, event, before, after, record_path):
            heard.append((event["type"], "m1-q1" in after["exercises"].get("b", {}).get("answers", {})))
            return "Un avis du listener."

        def own_files(self, record_path):
            return [f"{record_path.stem}.a-moi.json"]

    store = RecordStore(tmp_path / "dossier.json")
    store.listeners = [Listener()]
    store.save_draft("b", "m1-q1", "a")  # no event: nothing announced
    store.save_attempt("b", "m1-q1", "a", 1, 1)
    assert heard == [("attempt", True)]
    assert "Un avis du listener." in store.notices
    (tmp_path / "dossier.a-moi.json").write_text("{}")
    (tmp_path / "autre.json").write_text("{}")
    assert {p.name for p in store.erase()} == {"dossier.json", "dossier.a-moi.json"}
    assert (tmp_path / "autre.json").exists()

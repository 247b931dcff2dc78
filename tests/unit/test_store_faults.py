"""The kernel's store on real file systems (issue 22, « Kernel record » and « Notices »).

Every odd path is made in a temporary folder: a directory, a FIFO, a character device
(os.mknod, root only), a read-only folder and a full disk (a small tmpfs mounted there,
root only). Without the right to mount, the read-only folder and the full disk are
injected at the os level (os.open and friends raise EROFS or ENOSPC), which reaches the
same code. A FIFO is read in a child process killed after a timeout: a hang fails the
test instead of stopping the suite.
"""
import errno
import json
import os
import shutil
import stat
import subprocess
from contextlib import contextmanager
from pathlib import Path

import pytest

from pmesocial.record import RecordError, RecordStore, new_record
from pmesocial.rules.typography import typo
from tests.support.child import run_in_child

AT = "2026-03-02T09:00:00+00:00"
BANK = "m1-autoevaluation"


def _saved_record(path: Path, **answers) -> dict:
    """A record with these answers written at `path` by the store itself."""
    store = RecordStore(path)
    for qid, answer in answers.items():
        store.save_attempt(BANK, qid, answer, 1, 1)
    return json.loads(path.read_text("utf-8"))


def _texts(widget) -> str:
    """Every text a widget tree shows (HTML values and descriptions)."""
    found = []

    def walk(w):
        for attr in ("value", "description"):
            value = getattr(w, attr, None)
            if isinstance(value, str):
                found.append(value)
        for child in getattr(w, "children", ()):
            walk(child)
    walk(widget)
    return "\n".join(found)


# -- mounts (root) or injected faults ----------------------------------------------------

def _can_mount() -> bool:
    return os.geteuid() == 0 and shutil.which("mount") is not None


@contextmanager
def _tmpfs(folder: Path, size: str = "64k"):
    folder.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(folder)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise OSError(done.stderr)
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def _inject(monkeypatch, folder: Path, code: int) -> None:
    """Every write under `folder` fails with `code`, at the os level (no mount allowed)."""
    folder = str(folder)
    real_open, real_replace, real_rename = os.open, os.replace, os.rename
    writes = os.O_WRONLY | os.O_RDWR | os.O_CREAT

    def refuse(path):
        raise OSError(code, os.strerror(code), str(path))

    def fake_open(path, flags, *args, **kwargs):
        if str(path).startswith(folder) and flags & writes:
            refuse(path)
        return real_open(path, flags, *args, **kwargs)

    def guard(real):
        def call(src, dst, *args, **kwargs):
            if str(src).startswith(folder) or str(dst).startswith(folder):
                refuse(dst)
            return real(src, dst, *args, **kwargs)
        return call
    monkeypatch.setattr(os, "open", fake_open)
    monkeypatch.setattr(os, "replace", guard(real_replace))
    monkeypatch.setattr(os, "rename", guard(real_rename))


@pytest.fixture
def full_disk(tmp_path, monkeypatch):
    """A folder holding a saved record (one answer), on a disk that is then full."""
    folder = tmp_path / "petit-disque"
    if _can_mount():
        with _tmpfs(folder, "64k"):
            _saved_record(folder / "dossier.json", **{"m1-q1": "a"})
            with open(folder / "remplissage", "wb", buffering=0) as filler:  # fill what is left
                try:
                    while True:
                        filler.write(b"\0" * 1024)
                except OSError as exc:
                    assert exc.errno == errno.ENOSPC
            yield folder
        return
    folder.mkdir()
    _saved_record(folder / "dossier.json", **{"m1-q1": "a"})
    _inject(monkeypatch, folder, errno.ENOSPC)
    yield folder


@pytest.fixture
def read_only_folder(tmp_path, monkeypatch):
    """A folder holding a saved record (one answer), then made read-only."""
    folder = tmp_path / "lecture-seule"
    if _can_mount():
        with _tmpfs(folder, "1m"):
            _saved_record(folder / "dossier.json", **{"m1-q1": "a"})
            subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
            yield folder
        return
    folder.mkdir()
    _saved_record(folder / "dossier.json", **{"m1-q1": "a"})
    _inject(monkeypatch, folder, errno.EROFS)
    yield folder


# -- a child process for what may hang ----------------------------------------------------

def _child_load_and_save(path: str, out: str) -> None:
    store = RecordStore(Path(path))
    outcome = {}
    try:
        store.load()
        store.save_attempt(BANK, "m1-q1", "a", 1, 1)
        outcome = {"raised": None, "notices": store.notices, "export": store.export_text()}
    except Exception as exc:  # noqa: BLE001 - what escapes is what the test measures
        outcome = {"raised": f"{type(exc).__name__}: {exc}", "notices": store.notices}
    Path(out).write_text(json.dumps(outcome, ensure_ascii=False), "utf-8")


# -- the import (« Importer un dossier ») -------------------------------------------------

def test_an_import_with_a_lone_surrogate_keeps_the_current_record(tmp_path):
    """Before: the current record was moved aside, then writing the imported one failed on
    the lone surrogate (UnicodeEncodeError): dossier.json was gone."""
    path = tmp_path / "dossier.json"
    mine = _saved_record(path, **{"m1-q1": "a", "m1-q2": "b"})
    imported = new_record(AT)
    text = json.dumps(imported).replace('"name": ""', '"name": "Claire \\ud83d Morel"')
    store, escaped = RecordStore(path), None
    try:
        store.import_text(text)
    except RecordError:
        pass  # refused in French: then the current record must be exactly where it was
    except Exception as exc:  # noqa: BLE001 - measured below
        escaped = f"{type(exc).__name__}: {exc}"
    assert path.is_file(), f"dossier.json a disparu ({escaped})"
    assert escaped is None, escaped
    now = json.loads(path.read_text("utf-8"))
    if now["started"] == mine["started"]:
        assert now == mine
    else:  # imported, the lone half of a character neutralised, the rest kept
        assert now["trainee"]["name"] == "Claire \ufffd Morel"
        kept = [json.loads(p.read_text("utf-8")) for p in tmp_path.glob("dossier.avant-import-*.json")]
        assert kept == [mine]


def test_an_import_on_a_full_disk_keeps_the_current_record(full_disk):
    """Before: the current record was renamed aside, then the new one could not be
    written: the trainee's dossier.json was gone."""
    path = full_disk / "dossier.json"
    before = path.read_bytes()
    store = RecordStore(path)
    with pytest.raises(RecordError) as refused:
        store.import_text(json.dumps(new_record(AT)))
    assert "plein" in str(refused.value) and str(path.parent) in str(refused.value)
    assert path.read_bytes() == before
    assert store.load()["exercises"][BANK]["answers"] == {"m1-q1": "a"}


def test_an_import_keeps_a_copy_and_never_overwrites_an_earlier_one(tmp_path, monkeypatch):
    """The previous record is copied (not moved) before the new one replaces it; two
    imports in the same instant keep both copies."""
    import pmesocial.record as record_module

    path = tmp_path / "dossier.json"
    _saved_record(path, **{"m1-q1": "a"})
    store = RecordStore(path)
    class Frozen(record_module.datetime):  # every stamp the same instant
        @classmethod
        def now(cls, tz=None):
            return record_module.datetime(2026, 3, 2, 9, 0, 0, tzinfo=tz)
    monkeypatch.setattr(record_module, "datetime", Frozen)
    first = new_record(AT)
    store.import_text(json.dumps(first))
    store.save_attempt(BANK, "m1-q9", "c", 1, 1)
    store.import_text(json.dumps(new_record("2026-03-03T09:00:00+00:00")))
    kept = sorted(json.loads(p.read_text("utf-8"))["exercises"].get(BANK, {}).get("answers", {}).get("m1-q9", "-")
                  for p in tmp_path.glob("dossier.avant-import-*.json"))
    assert kept == ["-", "c"]


# -- odd paths -----------------------------------------------------------------------------

def test_a_record_path_that_is_a_directory_gets_a_french_notice(tmp_path):
    """Before: IsADirectoryError (English) escaped from every load."""
    path = tmp_path / "dossier.json"
    path.mkdir()
    (path / "a-moi.txt").write_text("garde", "utf-8")
    store = RecordStore(path)
    try:
        store.load()
        store.save_attempt(BANK, "m1-q1", "a", 1, 1)
    except Exception as exc:  # noqa: BLE001
        pytest.fail(f"exception : {type(exc).__name__}: {exc}")
    assert path.is_dir() and (path / "a-moi.txt").read_text("utf-8") == "garde"
    assert any(str(path) in n and "dossier" in n and "n'est pas un fichier" in n for n in store.notices), store.notices
    assert json.loads(store.export_text())["exercises"][BANK]["answers"] == {"m1-q1": "a"}


def test_a_record_path_that_is_a_fifo_does_not_hang(tmp_path):
    """Before: reading it waited for a writer forever (the child was killed)."""
    path = tmp_path / "dossier.json"
    os.mkfifo(path)
    outcome = run_in_child(_child_load_and_save, str(path))
    assert not outcome.get("hung"), "le cours attend indéfiniment sur un tube (FIFO)"
    assert outcome["raised"] is None, outcome["raised"]
    assert stat.S_ISFIFO(os.lstat(path).st_mode)
    assert any(str(path) in n and "tube" in n for n in outcome["notices"]), outcome["notices"]
    assert json.loads(outcome["export"])["exercises"][BANK]["answers"] == {"m1-q1": "a"}


def test_a_record_path_that_is_a_device_is_left_alone(tmp_path):
    """Before: the device (here the numbers of /dev/null) was renamed aside and a regular
    file written in its place. As root the device is made in the folder (os.mknod);
    otherwise the record path is a link to /dev/null, which is only read."""
    path = tmp_path / "dossier.json"
    if os.geteuid() == 0:
        os.mknod(path, stat.S_IFCHR | 0o600, os.makedev(1, 3))
    else:
        path.symlink_to("/dev/null")
    store = RecordStore(path)
    store.load()
    store.save_attempt(BANK, "m1-q1", "a", 1, 1)
    assert stat.S_ISCHR(os.stat(path).st_mode), "le périphérique a été remplacé par un fichier"
    assert not list(tmp_path.glob("dossier.illisible-*")), "le périphérique a été renommé"
    assert any(str(path) in n and "périphérique" in n for n in store.notices), store.notices


def test_a_read_only_folder_keeps_the_answer_and_says_so(read_only_folder):
    """Before: saving raised OSError (read-only file system, in English)."""
    path = read_only_folder / "dossier.json"
    before = path.read_bytes()
    store = RecordStore(path)
    try:
        store.save_attempt(BANK, "m1-q2", "b", 1, 1)
    except Exception as exc:  # noqa: BLE001
        pytest.fail(f"exception : {type(exc).__name__}: {exc}")
    assert path.read_bytes() == before
    assert any(str(read_only_folder) in n and "lecture seule" in n and "pas été enregistr" in n
               for n in store.notices), store.notices
    # reads follow writes: the answer is still shown, and exported
    assert store.load()["exercises"][BANK]["answers"] == {"m1-q1": "a", "m1-q2": "b"}
    assert json.loads(store.export_text())["exercises"][BANK]["answers"] == {"m1-q1": "a", "m1-q2": "b"}


def test_a_full_disk_keeps_every_answer_and_writes_them_once_there_is_room(full_disk):
    """Before: OSError (No space left on device) escaped; the answer was lost."""
    path = full_disk / "dossier.json"
    before = path.read_bytes()
    store = RecordStore(path)
    try:
        store.save_attempt(BANK, "m1-q2", "b", 1, 1)
        store.save_attempt(BANK, "m1-q3", "c", 0, 1)
    except Exception as exc:  # noqa: BLE001
        pytest.fail(f"exception : {type(exc).__name__}: {exc}")
    assert path.read_bytes() == before, "le dossier enregistré a changé"
    assert not list(full_disk.glob(".dossier.json.*.tmp")), "un fichier temporaire est resté"
    assert any("disque est plein" in n and str(full_disk) in n for n in store.notices), store.notices
    assert store.load()["exercises"][BANK]["answers"] == {"m1-q1": "a", "m1-q2": "b", "m1-q3": "c"}
    filler = full_disk / "remplissage"
    if filler.exists():  # a real disk: room is made, and the next save writes everything
        filler.unlink()
        store.save_attempt(BANK, "m1-q4", "d", 1, 1)
        on_disk = json.loads(path.read_text("utf-8"))["exercises"][BANK]
        assert on_disk["answers"] == {"m1-q1": "a", "m1-q2": "b", "m1-q3": "c", "m1-q4": "d"}
        assert set(on_disk["first"]) == {"m1-q1", "m1-q2", "m1-q3", "m1-q4"}
        assert not any("disque est plein" in n for n in store.notices)


def _view(store, bank_id: str = BANK):
    """The front end's view of an exercise in a kernel (kernel/host.py), on `store`."""
    from pmesocial.data.banks import display_order, load_bank
    from pmesocial.front_end import EXERCISE_CLASS, HOSTS
    from pmesocial.kernel.exercise import Exercise
    from pmesocial.kernel.host import CourseView

    payload = Exercise(display_order(load_bank(bank_id))).payload()
    return CourseView(EXERCISE_CLASS, HOSTS["exercise"][:2], payload, store)


def test_a_full_disk_is_said_in_the_exercise_with_the_export(full_disk):
    """Before: OSError escaped the « Vérifier » button; the trainee saw nothing."""
    store = RecordStore(full_disk / "dossier.json")
    view = _view(store)
    try:  # what ui/kernel_store.js sends for « Vérifier »
        view._event(view, {"event": "saveAttempt", "args": [BANK, "m1-q2", "b", 1, 1, 3.5], "n": 1}, [])
    except Exception as exc:  # noqa: BLE001
        pytest.fail(f"exception sortie de la vue : {type(exc).__name__}: {exc}")
    shown = " ".join(view.notices)
    assert "disque est plein" in shown and "pas été enregistr" in shown
    assert json.loads(view.export_text)["exercises"][BANK]["answers"]["m1-q2"] == "b"  # offered for export
    assert view.record["exercises"][BANK]["answers"]["m1-q2"] == "b"


def test_a_form_saved_on_a_full_disk_does_not_say_enregistre(full_disk):
    """Before: « Enregistré. » under the button while the values were only in memory."""
    from pmesocial.kernel.form_view import Form
    from pmesocial.record import apply_form

    from .kernel_views import send, view_of

    store = RecordStore(full_disk / "dossier.json")
    values = {"objectif": "5 devis", "point_etape": "2027-01-15",
              "actions": [{"action": f"A{n}", "responsable": "Moi", "heures": 1, "indicateur": "i",
                           "echeance": "2027-02-01"} for n in range(3)]}
    store.update(lambda r: apply_form(r, "plan", values, False, "2026-11-20T09:00:00+00:00"))
    view = view_of(Form("plan"), store)
    send(view, "saveFormChanges", "plan", {}, True)  # « Enregistrer »
    assert store.load()["forms"]["plan"]["submitted"]  # kept, in memory
    # what ui/kernel_store.js savedStatus gives the button instead of « Enregistré. »
    assert view.not_saved.startswith("Pas enregistré sur le disque") and "Enregistré." not in view.not_saved
    assert json.loads(view.export_text)["forms"]["plan"]["submitted"]  # « Exporter mon dossier », with the form


def test_a_corrupt_record_is_said_on_a_module_page(tmp_path):
    """Before: the exercise set the record aside and showed nothing."""
    path = tmp_path / "dossier.json"
    path.write_text('{"format": "pmesocial-record", "vers', "utf-8")
    shown = " ".join(_view(RecordStore(path)).notices)
    assert typo("n'a pas pu être lu") in shown and typo("mis de côté") in shown


def test_a_save_is_durable_before_it_replaces_the_record(tmp_path, monkeypatch):
    """The new text is flushed to the disk (fsync) before it replaces the record, and the
    folder after (the rename itself). Before: no fsync at all."""
    path = tmp_path / "dossier.json"
    store = RecordStore(path)
    store.load()
    calls = []
    real_fsync, real_replace = os.fsync, os.replace
    monkeypatch.setattr(os, "fsync", lambda fd: calls.append(("fsync", stat.S_ISDIR(os.fstat(fd).st_mode)))
                        or real_fsync(fd))
    monkeypatch.setattr(os, "replace", lambda a, b: calls.append(("replace", Path(b).name)) or real_replace(a, b))
    store.save_attempt(BANK, "m1-q1", "a", 1, 1)
    assert ("replace", "dossier.json") in calls
    at = calls.index(("replace", "dossier.json"))
    assert ("fsync", False) in calls[:at], calls  # the file's data
    assert ("fsync", True) in calls[at:], calls   # the folder's entry


# -- the LRS queue next to the record --------------------------------------------------------

def _child_save_with_lrs(path: str, out: str) -> None:
    os.environ.update({"PMESOCIAL_LRS_ENDPOINT": "http://127.0.0.1:9/xapi/", "PMESOCIAL_LRS_AUTH": "Basic eDp5",
                       "PMESOCIAL_LRS_ACCOUNT": "stagiaire-1", "PMESOCIAL_RECORD": path})
    import pmesocial.lrs  # noqa: F401 - as a kernel does: every store now announces its changes to the LRS sender
    _child_load_and_save(path, out)


def test_a_statement_queue_that_is_a_fifo_does_not_hang(tmp_path):
    """Before: queuing the statement of an answer read the FIFO and waited forever."""
    path = tmp_path / "dossier.json"
    os.mkfifo(tmp_path / "dossier.xapi-attente.json")
    outcome = run_in_child(_child_save_with_lrs, str(path))
    assert not outcome.get("hung"), "le cours attend indéfiniment sur la file des déclarations"
    assert outcome["raised"] is None, outcome["raised"]
    assert json.loads(path.read_text("utf-8"))["exercises"][BANK]["answers"] == {"m1-q1": "a"}
    assert any("dossier.xapi-attente.json" in n and "tube" in n for n in outcome["notices"]), outcome["notices"]


def _child_notices_seen(record: str, out: str) -> None:
    os.environ.update({"PMESOCIAL_RECORD": record, "PMESOCIAL_LRS_ENDPOINT": "http://127.0.0.1:9/xapi/",
                       "PMESOCIAL_LRS_AUTH": "Basic eDp5", "PMESOCIAL_LRS_ACCOUNT": "stagiaire-1"})
    from pmesocial import lrs
    from pmesocial.kernel.notices import privacy_notice_seen

    Path(out).write_text(json.dumps({"privacy": privacy_notice_seen(), "lrs": lrs.notice_seen(lrs.settings())}), "utf-8")


def test_the_notices_seen_files_as_fifos_do_not_hang(tmp_path):
    """Before: asking whether the first-use notices were read waited on the FIFO forever."""
    from pmesocial.lrs import LRS_NOTICE_FILE
    from pmesocial.record import PRIVACY_NOTICE_FILE

    for name in (PRIVACY_NOTICE_FILE, LRS_NOTICE_FILE):
        os.mkfifo(tmp_path / name)
    outcome = run_in_child(_child_notices_seen, str(tmp_path / "dossier.json"))
    assert outcome == {"privacy": False, "lrs": False}


def test_erasing_in_a_read_only_folder_says_what_was_not_erased(read_only_folder, monkeypatch):
    """Before: OSError (read-only file system) escaped the « Oui, effacer » button."""
    from pmesocial.kernel.panels import mon_dossier

    path = read_only_folder / "dossier.json"
    monkeypatch.setenv("PMESOCIAL_RECORD", str(path))
    box = mon_dossier().build_widget()

    def walk(w):
        yield w
        for child in getattr(w, "children", ()):
            yield from walk(child)
    buttons = {getattr(w, "description", ""): w for w in walk(box)}
    buttons["Effacer mon dossier"].click()
    try:
        buttons["Oui, effacer mon dossier"].click()
    except Exception as exc:  # noqa: BLE001
        pytest.fail(f"exception sortie du widget : {type(exc).__name__}: {exc}")
    assert path.is_file()
    shown = _texts(box)
    assert typo("n'a pas pu être effacé") in shown and "lecture seule" in shown, shown[-400:]


def test_a_lone_surrogate_typed_in_a_view_is_saved_with_the_rest(tmp_path):
    """A front end may send half of an emoji (a text cut in the middle). Before: writing
    the record raised UnicodeEncodeError and the change was lost."""
    path = tmp_path / "dossier.json"
    store = RecordStore(path)
    store.save_attempt(BANK, "m1-q1", "a", 1, 1)
    try:
        store.set_trainee("Claire \ud83d", "Menuiserie Morel")
    except Exception as exc:  # noqa: BLE001
        pytest.fail(f"{type(exc).__name__}: {exc}")
    saved = json.loads(path.read_text("utf-8"))
    assert saved["trainee"] == {"name": "Claire \ufffd", "company": "Menuiserie Morel"}
    assert saved["exercises"][BANK]["answers"] == {"m1-q1": "a"}


def test_the_privacy_notice_closes_on_a_full_disk(full_disk, monkeypatch):
    """Before: « J'ai compris » raised OSError (swallowed by the button): the notice stayed."""
    from pmesocial.kernel import notices

    monkeypatch.setenv("PMESOCIAL_RECORD", str(full_disk / "dossier.json"))
    monkeypatch.setattr(notices, "_shown", [])
    (box,) = notices.privacy_notice()
    ok = next(w for w in box.children if getattr(w, "description", "").startswith("J"))
    ok.click()
    assert box.layout.display == "none"

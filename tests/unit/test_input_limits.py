"""One set of input limits for what the course reads (issue 22, « Kernel record » and
« Group views »): nesting depth, number size, finite numbers, score within its maximum,
string and file sizes, encodings. The same verdicts and French messages in JavaScript are
checked by tests/js/vectors.test.cjs on tests/vectors/limits.json."""
import json
import os
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest

from pmesocial.kernel.group_view import group_view
from pmesocial.record import RecordError, RecordStore, apply_attempt, new_record, parse_import, parse_record
from pmesocial.tools.make_sample_records import generate
from tests.support.child import run_in_child

AT = "2026-03-02T09:00:00+00:00"


def _scored(score_token: str, max_token: str = "1") -> str:
    """A valid record's text whose one score (latest and first) is written as these tokens."""
    record = apply_attempt(new_record(AT), "m1-autoevaluation", "m1-q1", "a", 7, 8, AT)
    return json.dumps(record).replace('"score": 7', f'"score": {score_token}').replace('"max": 8', f'"max": {max_token}')


# what a record file may hold and must not: each is refused with a French reason
BAD_CONTENTS = {
    "5 000 niveaux d'imbrication": '{"format": "pmesocial-record", "x": ' + "[" * 5000 + "]" * 5000 + "}",
    "entier de 5 000 chiffres": _scored("1" * 5000, "1" * 5000),
    "score 1e999": _scored("1e999", "1e999"),
    "score NaN": _scored("NaN", "1"),
    "score Infinity": _scored("Infinity", "Infinity"),
    "100 000 %": _scored("1000", "1"),
    "texte de 100 000 caractères": _scored("1").replace('"name": ""', '"name": "' + "a" * 100_000 + '"'),
}


def _french(message: str) -> bool:
    english = ("Errno", "Exceeds", "recursion", "codec", "Expecting", "decode", "line ", "directory", "denied")
    return message.startswith(("Ce ", "Cette ")) and not any(word in message for word in english)


@pytest.mark.parametrize("name", BAD_CONTENTS)
def test_a_bad_content_is_refused_in_french(name):
    """Before: 5 000 levels raised RecursionError, 5 000 digits ValueError (English), and
    1e999, NaN, Infinity and 100 000 % were accepted as scores."""
    text = BAD_CONTENTS[name]
    for parse in (parse_record, parse_import):
        try:
            parse(text)
        except RecordError as exc:
            assert _french(str(exc)), str(exc)
        except Exception as exc:  # noqa: BLE001 - what escapes is what the test measures
            pytest.fail(f"{parse.__name__} : {type(exc).__name__}: {str(exc)[:100]}")
        else:
            pytest.fail(f"{parse.__name__} a accepté le dossier")


@pytest.mark.parametrize("name", BAD_CONTENTS)
def test_every_load_still_works_with_a_bad_record(tmp_path, name):
    """The trainee's own record holding it: set aside with a French reason, nothing lost,
    and the next answer is saved. Before: every load raised, or the record was kept."""
    path = tmp_path / "dossier.json"
    path.write_text(BAD_CONTENTS[name], "utf-8")
    store = RecordStore(path)
    try:
        record = store.load()
        store.save_attempt("m1-autoevaluation", "m1-q2", "b", 1, 1)
    except Exception as exc:  # noqa: BLE001
        pytest.fail(f"{type(exc).__name__}: {str(exc)[:100]}")
    assert record["exercises"] == {}, "le dossier abîmé a été gardé tel quel"
    aside = list(tmp_path.glob("dossier.illisible-*.json"))
    assert len(aside) == 1 and aside[0].read_text("utf-8") == BAD_CONTENTS[name]
    assert "mis de côté" in store.notices[0]
    assert json.loads(path.read_text("utf-8"))["exercises"]["m1-autoevaluation"]["answers"] == {"m1-q2": "b"}


@pytest.mark.parametrize("name", BAD_CONTENTS)
def test_a_bad_import_leaves_the_record_as_it_was(tmp_path, name):
    path = tmp_path / "dossier.json"
    store = RecordStore(path)
    store.save_attempt("m1-autoevaluation", "m1-q1", "a", 1, 1)
    before = path.read_bytes()
    with pytest.raises(RecordError):
        store.import_file(BAD_CONTENTS[name])
    assert path.read_bytes() == before


def test_a_score_within_its_maximum_and_big_numbers_within_the_limit_pass():
    assert parse_record(_scored("8", "8"))["exercises"]["m1-autoevaluation"]["first"]["m1-q1"]["score"] == 8
    assert parse_record(_scored("0.5", "1"))["exercises"]["m1-autoevaluation"]["results"]["m1-q1"] == {"score": 0.5,
                                                                                                        "max": 1}
    deep_enough = apply_attempt(new_record(AT), "b", "q", {"x": "y"}, 1, 1, AT)
    assert parse_record(json.dumps(deep_enough)) == deep_enough


# -- encodings ---------------------------------------------------------------------------

def test_a_bom_is_accepted_and_invalid_utf8_refused_in_french():
    from pmesocial.limits import LIMITS, decode_file

    text = json.dumps(new_record(AT))
    assert decode_file(b"\xef\xbb\xbf" + text.encode()) == text
    with pytest.raises(RecordError, match="UTF-8"):
        decode_file("é".encode("latin-1") + text.encode())
    with pytest.raises(RecordError, match="trop gros"):
        decode_file(b" " * (LIMITS["file_bytes"] + 1))


def test_the_kernel_reads_its_own_record_with_a_bom(tmp_path):
    """Before: a record saved with a BOM (a Windows editor) was set aside as unreadable."""
    path = tmp_path / "dossier.json"
    record = apply_attempt(new_record(AT), "m1-autoevaluation", "m1-q1", "a", 1, 1, AT)
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(record).encode())
    store = RecordStore(path)
    assert store.load()["exercises"] == record["exercises"] and not store.notices


def _upload(widget, name: str, data: bytes):
    import ipywidgets as w

    def walk(x):
        yield x
        for child in getattr(x, "children", ()):
            yield from walk(child)
    upload = next(x for x in walk(widget) if isinstance(x, w.FileUpload))
    upload.value = ({"name": name, "type": "application/json", "size": len(data), "content": memoryview(data),
                     "last_modified": datetime.now(UTC)},)
    return " ".join(x.value for x in walk(widget) if isinstance(x, w.HTML))


def test_the_kernel_import_takes_a_bom_and_refuses_invalid_utf8_in_french(isolated_record):
    """Before: a BOM the book accepts was refused (« JSON invalide »), and invalid UTF-8
    was answered with Python's English message."""
    from pmesocial.kernel.panels import mon_dossier

    RecordStore(isolated_record).set_trainee("Ancien", "")
    imported = {**new_record(AT), "trainee": {"name": "Claire", "company": ""}}
    box = mon_dossier().build_widget()
    said = _upload(box, "dossier.json", "é".encode("latin-1") + json.dumps(imported).encode())
    assert "UTF-8" in said and "codec" not in said
    assert RecordStore(isolated_record).load()["trainee"]["name"] == "Ancien"
    said = _upload(box, "dossier.json", b"\xef\xbb\xbf" + json.dumps(imported).encode())
    assert "Dossier importé" in said
    assert RecordStore(isolated_record).load()["trainee"]["name"] == "Claire"


# -- group views: one bad file among twenty good ones --------------------------------------

BAD_FILES = {**{f"{n}.json": text.encode() for n, text in (("profond", BAD_CONTENTS["5 000 niveaux d'imbrication"]),
                                                          ("chiffres", BAD_CONTENTS["entier de 5 000 chiffres"]),
                                                          ("infini", BAD_CONTENTS["score 1e999"]),
                                                          ("pas-un-nombre", BAD_CONTENTS["score NaN"]),
                                                          ("cent-mille", BAD_CONTENTS["100 000 %"]))},
             "latin1.json": "é".encode("latin-1") + BAD_CONTENTS["100 000 %"].encode(),
             "trop-gros.json": b" " * (5_000_001) + _scored("1").encode()}
ODD_FILES = ("un-dossier.json", "un-tube.json", "un-peripherique.json")


def _make_odd(path: Path) -> None:
    if path.name == "un-dossier.json":
        path.mkdir()
    elif path.name == "un-tube.json":
        os.mkfifo(path)
    elif os.geteuid() == 0:
        os.mknod(path, stat.S_IFCHR | 0o600, os.makedev(1, 3))
    else:
        path.symlink_to("/dev/null")


def _child_group(folder: str, out: str) -> None:
    try:
        view = group_view(folder)
        html = view._repr_html_()
        result = {"records": len(view.records), "rejected": view.rejected,
                  "named": all(name in html for name, _ in view.rejected)}
    except Exception as exc:  # noqa: BLE001 - what escapes is what the test measures
        result = {"raised": f"{type(exc).__name__}: {str(exc)[:100]}"}
    Path(out).write_text(json.dumps(result, ensure_ascii=False), "utf-8")


@pytest.fixture(scope="module")
def twenty(tmp_path_factory):
    folder = tmp_path_factory.mktemp("vingt")
    generate(folder, count=20, malformed=0, seed=22)
    return {p.name: p.read_bytes() for p in folder.glob("*.json")}


@pytest.mark.parametrize("bad", [*BAD_FILES, *ODD_FILES])
def test_one_bad_file_among_twenty_is_set_aside_with_its_reason(tmp_path, twenty, bad):
    """Before: a deep file or a long integer stopped the whole view (RecursionError,
    ValueError), a FIFO hung it, a directory's reason was English, and the out-of-range
    scores were counted."""
    folder = tmp_path / "groupe"
    folder.mkdir()
    for name, data in twenty.items():
        (folder / name).write_bytes(data)
    if bad in BAD_FILES:
        (folder / bad).write_bytes(BAD_FILES[bad])
    else:
        _make_odd(folder / bad)
    result = run_in_child(_child_group, str(folder), timeout=60)
    assert not result.get("hung"), "la vue de groupe attend indéfiniment"
    assert "raised" not in result, result.get("raised")
    assert result["records"] == 20
    assert [name for name, _ in result["rejected"]] == [bad] and result["named"]
    reason = result["rejected"][0][1]
    assert _french(reason), reason
    if bad in ODD_FILES:  # said for what it is, not read
        assert "n'est pas un fichier" in reason, reason

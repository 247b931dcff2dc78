"""The SCORM rules in Python (pmesocial/rules/scorm.py) and the packages make_scorm builds.

The vectors (tests/vectors/scorm.json) are Python's; node --test checks the JavaScript
against them and reads Python's stored texts. Here the other direction: the JavaScript
writes, Python reads. The packages themselves need the built book: they are checked in
tests/packages/test_scorm_packages.py."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from pmesocial.rules import scorm
from pmesocial.tools import make_scorm
from pmesocial.tools.make_sample_records import whole_course_record

REPO = Path(__file__).resolve().parents[2]
VECTORS = json.loads((REPO / "tests" / "vectors" / "scorm.json").read_text("utf-8"))
ENCODE_IN_JS = """
const S = require(process.argv[1]);
const v = JSON.parse(require("fs").readFileSync(process.argv[2], "utf-8"));
process.stdout.write(JSON.stringify(v.cases.map((c) => S.encode(c.record, v.course, c.limit, c.earlier))));
"""


def _node():
    if not shutil.which("node") or not (REPO / "node_modules" / "pako").exists():
        pytest.fail("node et les paquets npm sont nécessaires : lancez « make js ».")


def test_python_reads_what_the_javascript_writes():
    _node()
    out = subprocess.run(["node", "-e", ENCODE_IN_JS, str(REPO / "pmesocial" / "static" / "pmesocial" / "rules" / "scorm.js"),
                          str(REPO / "tests" / "vectors" / "scorm.json")], capture_output=True, text=True, check=True, cwd=REPO)
    written = json.loads(out.stdout)
    assert len(written) == len(VECTORS["cases"])
    for case, packed in zip(VECTORS["cases"], written):
        assert len(packed["text"]) <= case["limit"], case["name"]
        back = scorm.decode(packed["text"], VECTORS["course"])
        assert json.loads(scorm.unpack(packed["text"])) == json.loads(packed["json"]), case["name"]
        if packed["whole"]:
            assert back["record"] == scorm.portable(case["record"]), case["name"]
        else:  # the same choice gives the same text in Python, to the character
            assert scorm.compact_json(case["record"], VECTORS["course"], packed["kept"],
                                      json.loads(packed["json"]).get("x", [])) == packed["json"], case["name"]
        if packed["kept"] == case["kept"]:
            assert back["record"] == case["restored"], case["name"]


def test_the_whole_course_fits_in_2004_and_its_own_work_in_12():
    course = make_scorm.course_data()
    record = whole_course_record()
    whole = scorm.encode(record, course, scorm.LIMITS["2004"])
    assert whole["whole"] and scorm.decode(whole["text"], course)["record"] == record
    packed = scorm.encode(record, course, scorm.LIMITS["1.2"])
    assert len(packed["text"]) <= 4096 and packed["text"].isascii()
    back = scorm.decode(packed["text"], course)["record"]
    assert back["forms"] == record["forms"] and back["diagnostic"] == record["diagnostic"]
    assert back["trainee"] == record["trainee"] and back["self_positioning"] == record["self_positioning"]
    assert all(code.startswith("r:") for code in packed["dropped"]), packed["dropped"]  # only latest answers give way
    assert scorm.lost_text(packed["dropped"], course) == [f"vos dernières réponses à {len(packed['dropped'])} séries de questions"]


def test_damaged_suspend_data_is_refused_in_french():
    course = VECTORS["course"]
    for case in VECTORS["broken"]:
        with pytest.raises(scorm.ScormDataError, match=re.escape(case["error"])):
            scorm.decode(case["text"], course)
    text = VECTORS["cases"][0]["text"]
    with pytest.raises(scorm.ScormDataError, match="pas lisibles"):
        scorm.decode(text[: len(text) // 2], course)  # cut by an LMS


def test_javascript_numbers():
    assert [scorm.js_json(x) for x in (2.0, 0.5, 1e-7, 1.5e-5, 1e21, 123456789012345680000.0, -0.0)] == \
        ["2", "0.5", "1e-7", "0.000015", "1e+21", "123456789012345680000", "0"]

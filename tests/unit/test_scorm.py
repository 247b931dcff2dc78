"""The SCORM rules in Python (pmesocial/rules/scorm.py) and the packages make_scorm builds.

The vectors (tests/vectors/scorm.json) are Python's; node --test checks the JavaScript
against them and reads Python's stored texts. Here the other direction: the JavaScript
writes, Python reads. Then the two packages: their manifests, the 2004 one validated
against the schema files the package ships."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
import xmlschema

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
            assert back["record"] == case["record"], case["name"]
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


@pytest.fixture(scope="module")
def packages(tmp_path_factory):
    book = REPO / "_build" / "html"
    if not (book / "index.html").exists():
        pytest.fail("Le livre n'est pas construit : lancez « make book ».")
    out = tmp_path_factory.mktemp("scorm")
    assert make_scorm.main(["--book", str(book), "--out-dir", str(out)]) == 0
    return {v: zipfile.ZipFile(out / name) for v, name in make_scorm.OUT_NAMES.items()}


def _schema_files(manifest: str) -> list[str]:
    location = re.search(r'xsi:schemaLocation="([^"]+)"', manifest).group(1).split()
    return location[1::2]


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_each_package_carries_what_its_manifest_names(packages, version):
    archive = packages[version]
    names = set(archive.namelist())
    manifest = archive.read("imsmanifest.xml").decode("utf-8")
    for schema in _schema_files(manifest):
        assert schema in names, f"{schema} manque dans le paquet {version}"
    listed = re.findall(r'<file href="([^"]+)"', manifest)
    assert set(listed) <= names and "scorm/index.html" in listed and "scorm/pako.min.js" in listed
    course = archive.read("scorm/course.js").decode("utf-8")
    assert f'"scorm":"{version}"' in course
    assert ("<schemaversion>2004 4th Edition</schemaversion>" in manifest) == (version == "2004")
    assert ('adlcp:scormType="sco"' in manifest) == (version == "2004")  # 1.2 spells it scormtype


def test_the_2004_manifest_is_valid_against_the_schemas_it_ships(packages, tmp_path):
    archive = packages["2004"]
    for name in archive.namelist():
        if "/" not in name and name.endswith((".xml", ".xsd", ".dtd")):
            archive.extract(name, tmp_path)
    schema = xmlschema.XMLSchema(str(tmp_path / "imscp_v1p1.xsd"), locations=[
        ("http://www.adlnet.org/xsd/adlcp_v1p3", str(tmp_path / "adlcp_v1p3.xsd")),
        ("http://www.adlnet.org/xsd/adlseq_v1p3", str(tmp_path / "adlseq_v1p3.xsd")),
        ("http://www.adlnet.org/xsd/adlnav_v1p3", str(tmp_path / "adlnav_v1p3.xsd")),
        ("http://www.imsglobal.org/xsd/imsss", str(tmp_path / "imsss_v1p0.xsd"))])
    schema.validate(str(tmp_path / "imsmanifest.xml"))
    broken = (tmp_path / "imsmanifest.xml").read_text("utf-8").replace('completionSetByContent="true"', 'completionSetByContent="oui"')
    assert not schema.is_valid(broken)  # the check can fail

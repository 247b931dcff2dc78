"""The two SCORM packages make_scorm builds from the built book: their manifests, and the
2004 one validated against the schema files the package ships. They run after « make book »
(Makefile, test-packages); the unit SCORM rules are in tests/unit/test_scorm.py."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
import xmlschema

from pmesocial.tools import make_scorm

REPO = Path(__file__).resolve().parents[2]


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

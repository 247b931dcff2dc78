"""The RGAA 4.1 audit (data/accessibility/rgaa-4.1.yaml): complete, valid, its axe-core
rules real, its rate computed by the RGAA's method, and the book's pages drawn from it."""
import json
import shutil
import subprocess

import pytest
import yaml

from pmesocial.data import accessibility as a11y
from pmesocial.paths import REPO_DIR


@pytest.fixture(scope="module")
def audit():
    return a11y.load_audit()


@pytest.fixture(scope="module")
def axe_rules():
    node = shutil.which("node")
    if not node or not (REPO_DIR / "node_modules" / "axe-core").exists():
        pytest.fail("axe-core manque : lancez « make js ».")
    out = subprocess.run([node, "-e", "const a = require('axe-core'); console.log(JSON.stringify("
                          "{version: a.version, rules: a.getRules().map(r => ({id: r.ruleId, tags: r.tags}))}))"],
                         cwd=REPO_DIR, capture_output=True, text=True, check=True).stdout
    return json.loads(out)


def test_every_criterion_once_in_order(audit):
    assert len(audit["criteres"]) == 106 == sum(a11y.CRITERIA_PER_THEME.values())
    assert [c["numero"] for c in audit["criteres"]][:3] == ["1.1", "1.2", "1.3"]


def test_every_auto_rule_exists_and_is_not_deprecated(audit, axe_rules):
    installed = {r["id"]: r["tags"] for r in axe_rules["rules"]}
    for rule, criteria in a11y.auto_rules(audit).items():
        assert rule in installed, f"critère {criteria} : règle axe-core inconnue « {rule} »"
        assert "deprecated" not in installed[rule], f"critère {criteria} : règle dépréciée « {rule} »"


def test_every_installed_rule_is_mapped_or_set_aside(audit, axe_rules):
    mapped, aside = set(a11y.auto_rules(audit)), set(audit["regles_non_retenues"])
    assert not mapped & aside
    missing = [r["id"] for r in axe_rules["rules"] if r["id"] not in mapped | aside]
    assert missing == [], f"règles d'axe-core ni associées à un critère ni écartées : {missing}"


def test_audit_names_the_installed_axe_core(audit, axe_rules):
    assert audit["versions"]["axe_core"] == axe_rules["version"], "axe-core a changé : refaire l'audit"


def test_statuses_are_consistent(audit):
    for c in audit["criteres"]:
        if c["statut"] == "NC":
            assert c["non_conformite"].strip()
        for rule in c.get("regles_en_echec", []):
            assert rule in c["verification"].get("auto", []), f"{c['numero']} : {rule}"


def test_rate_and_state_by_the_rgaa_method(audit):
    n = a11y.counts(audit)
    assert sum(n.values()) == 106
    assert a11y.conformity_rate(audit) == pytest.approx(100 * n["C"] / (n["C"] + n["NC"]))
    assert a11y.conformity_state(100) == "totalement conforme"
    assert a11y.conformity_state(50) == a11y.conformity_state(99.9) == "partiellement conforme"
    assert a11y.conformity_state(49.9) == a11y.conformity_state(100, audited=False) == "non conforme"


def test_a_broken_audit_names_file_and_field(tmp_path):
    data = yaml.safe_load(a11y.AUDIT_FILE.read_text("utf-8"))
    nc = next(c for c in data["criteres"] if c["statut"] == "NC")
    del nc["non_conformite"]
    data["criteres"][0]["statut"] = "OK"
    path = tmp_path / "rgaa-4.1.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    with pytest.raises(a11y.AuditError) as err:
        a11y.load_audit(path)
    message = str(err.value)
    assert "rgaa-4.1.yaml : champ « criteres[0].statut »" in message
    assert "« non_conformite »" in message


def test_the_pages_come_from_the_audit(audit):
    from pmesocial.book import substitutions

    rgaa = substitutions()["rgaa"]
    n = a11y.counts(audit)
    assert (rgaa["conformes"], rgaa["non_conformes"], rgaa["non_applicables"]) == (str(n["C"]), str(n["NC"]), str(n["NA"]))
    assert rgaa["etat"] == a11y.conformity_state(a11y.conformity_rate(audit))
    assert rgaa["non_conformites"].count("**Critère ") == n["NC"]
    assert sum(t.count("\n| ") for t in rgaa["tableau"].values()) == 106
    for page in ("declaration-accessibilite", "audit-accessibilite"):
        text = (REPO_DIR / "book" / f"{page}.md").read_text("utf-8")
        assert "%" not in text.replace("{{ rgaa.taux }}", ""), f"{page} : un taux tapé à la main"
    assert "{{ rgaa.mention }}" in (REPO_DIR / "book" / "intro.md").read_text("utf-8")

"""The RGAA 4.1 audit of the online book (data/accessibility/rgaa-4.1.yaml): every
criterion of the reference with its status, how it was checked and the result, checked
against rgaa_audit.schema.json. The conformity rate is computed here, by the RGAA's
method: criteria met over applicable criteria, C / (C + NC); the statement and the audit
page of the book read it from here, so they cannot drift from the audit."""
from __future__ import annotations

from pathlib import Path

from pmesocial.data.validation import DataFileError, field_path, read_yaml, schema_errors
from pmesocial.paths import DATA_DIR

AUDIT_FILE = DATA_DIR / "accessibility" / "rgaa-4.1.yaml"
# RGAA 4.1: 106 criteria in 13 themes; how many each theme has
CRITERIA_PER_THEME = {1: 9, 2: 2, 3: 3, 4: 13, 5: 8, 6: 2, 7: 5, 8: 10, 9: 4, 10: 14, 11: 13, 12: 11, 13: 12}
STATUS_LABEL = {"C": "conforme", "NC": "non conforme", "NA": "non applicable"}


class AuditError(DataFileError):
    """The audit file is missing, unreadable or incomplete; the message names the field."""


def _key(numero: str) -> tuple[int, int]:
    theme, criterion = numero.split(".")
    return int(theme), int(criterion)


def load_audit(path=None) -> dict:
    path = Path(path) if path else AUDIT_FILE
    try:
        data = read_yaml(path)
    except DataFileError as exc:
        raise AuditError(f"L'audit d'accessibilité est introuvable ou illisible : {exc}") from None
    messages = schema_errors(data, "rgaa_audit.schema.json", lambda p: f"{path.name} : champ « {field_path(p)} »")
    if not messages:
        messages = _coverage_errors(data, path.name)
    if messages:
        raise AuditError("L'audit d'accessibilité est incomplet : " + " ; ".join(messages))
    for criterion in data["criteres"]:
        criterion.setdefault("date", data["date"])
    return data


def _coverage_errors(data: dict, name: str) -> list[str]:
    """Every criterion of RGAA 4.1 once, in order, and the 13 themes."""
    expected = [f"{t}.{c}" for t, n in CRITERIA_PER_THEME.items() for c in range(1, n + 1)]
    found = [c["numero"] for c in data["criteres"]]
    errors = []
    for i, (want, got) in enumerate(zip(expected, found)):
        if want != got:
            errors.append(f"{name} : champ « criteres[{i}].numero » : {got} trouvé, {want} attendu (ordre du RGAA)")
            break
    if sorted(map(int, data["themes"])) != list(CRITERIA_PER_THEME):
        errors.append(f"{name} : champ « themes » : les thématiques 1 à 13 sont attendues")
    return errors


def counts(audit: dict) -> dict[str, int]:
    found = {"C": 0, "NC": 0, "NA": 0}
    for criterion in audit["criteres"]:
        found[criterion["statut"]] += 1
    return found


def conformity_rate(audit: dict) -> float:
    """Criteria met over applicable ones (RGAA: « critères validés / critères applicables »), in %."""
    n = counts(audit)
    applicable = n["C"] + n["NC"]
    return 100.0 * n["C"] / applicable if applicable else 0.0


def conformity_state(rate: float, audited: bool = True) -> str:
    """The RGAA's three states: totally (100 %), partially (at least 50 %), not compliant
    (below 50 %, or no valid audit)."""
    if not audited or rate < 50:
        return "non conforme"
    return "totalement conforme" if rate >= 100 else "partiellement conforme"


def auto_rules(audit: dict) -> dict[str, list[str]]:
    """axe-core rule -> the criteria it checks."""
    rules: dict[str, list[str]] = {}
    for criterion in audit["criteres"]:
        for rule in criterion["verification"].get("auto", []):
            rules.setdefault(rule, []).append(criterion["numero"])
    return rules


def theme_of(criterion: dict) -> int:
    return _key(criterion["numero"])[0]

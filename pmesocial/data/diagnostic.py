"""The self-diagnostic questionnaire (data/diagnostic/<id>.yaml): loaded and checked."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

from pmesocial.data.checked_cache import checked
from pmesocial.data.validation import DataFileError, field_path, read_yaml, schema_errors
from pmesocial.paths import DATA_DIR
from pmesocial.rules.typography import typo_all

DIAGNOSTIC_DIR = DATA_DIR / "diagnostic"


def load_diagnostic(diagnostic_id: str = "diagnostic-pme", directory: Path = DIAGNOSTIC_DIR) -> dict:
    path = Path(directory) / f"{diagnostic_id}.yaml"
    return checked("diagnostic", path, lambda: _check_diagnostic(path))


def _check_diagnostic(path: Path) -> dict:
    spec = read_yaml(path)
    errors = schema_errors(spec, "diagnostic.schema.json", lambda p: f"{path} : champ « {field_path(p)} »")
    if not errors:
        ids = [d["id"] for d in spec["dimensions"]] + [i["id"] for d in spec["dimensions"] for i in d["items"]]
        errors += [f"{path} : identifiant « {i} » en double" for i, n in Counter(ids).items() if n > 1]
        mins = [level["min"] for level in spec["levels"]]
        if mins[0] != 0 or mins != sorted(mins):
            errors.append(f"{path} : champ « levels » : les seuils « min » doivent partir de 0 et croître")
    if errors:
        raise DataFileError("\n".join(errors))
    return typo_all(spec, frozenset({"id", "min", "module", "up_to"}))

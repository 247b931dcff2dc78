"""The time budget of module 6 (data/budget/<id>.yaml): loaded and checked, naming file
and field in French."""
from __future__ import annotations

from pathlib import Path

from pmesocial.data.checked_cache import checked
from pmesocial.data.validation import DataFileError, field_path, read_yaml, schema_errors
from pmesocial.paths import DATA_DIR
from pmesocial.rules.typography import typo_all

BUDGET_DIR = DATA_DIR / "budget"


def load_budget(budget_id: str, directory: Path = BUDGET_DIR) -> dict:
    path = Path(directory) / f"{budget_id}.yaml"
    return checked("budget", path, lambda: _check_budget(path))


def _check_budget(path: Path) -> dict:
    spec = read_yaml(path)
    errors = schema_errors(spec, "time_budget.schema.json", lambda p: f"{path} : champ « {field_path(p)} »")
    if not errors:
        cost = spec["hourly_cost"]
        if not cost["min"] <= cost["default"] <= cost["max"]:
            errors.append(f"{path} : champ « hourly_cost.default » : hors de [min, max]")
        errors += [f"{path} : champ « activities[{i}].default » : {a['default']} dépasse max ({a['max']})"
                   for i, a in enumerate(spec["activities"]) if a["default"] > a["max"]]
    if errors:
        raise DataFileError("\n".join(errors))
    return typo_all(spec, frozenset({"id", "min", "max", "step", "default", "monthly_cost", "weeks_per_month"}))



"""The rubrics of the course's productions (data/rubrics/<id>.yaml, schema
rubric.schema.json): loaded and checked against the form each one judges, naming file and
field."""
from __future__ import annotations

from functools import cache

from pmesocial.data.checked_cache import checked
from pmesocial.data.forms import FORMS_DIR, load_form
from pmesocial.data.validation import DataFileError, field_path, read_yaml, schema_errors
from pmesocial.paths import DATA_DIR
from pmesocial.rules.typography import typo_all

RUBRICS_DIR = DATA_DIR / "rubrics"
NOT_TEXT = frozenset({"id", "form", "objective", "fields", "check"})


class RubricError(DataFileError):
    """A rubric that cannot be used; the message names file and field."""


def _check(path, rubric_id: str) -> dict:
    data = read_yaml(path)
    messages = schema_errors(data, "rubric.schema.json", lambda p: f"{path} : champ « {field_path(p)} »")
    if not messages:
        if data["id"] != rubric_id:
            messages.append(f"{path} : champ « id » : « {data['id']} » ne correspond pas au nom du fichier")
        ids = [c["id"] for c in data["criteria"]]
        messages += [f"{path} : critère « {i} » : identifiant en double" for i in sorted(set(ids)) if ids.count(i) > 1]
        try:
            fields = {f["id"]: f for f in load_form(data["form"])["fields"]}
        except (DataFileError, FileNotFoundError) as exc:
            raise RubricError(f"{path} : champ « form » : {exc}") from None
        for name in data.get("fields", []):
            if name not in fields:
                messages.append(f"{path} : champ « fields » : pas de champ « {name} » dans data/forms/{data['form']}.yaml")
        for c in data["criteria"]:
            rule = c.get("check")
            if not rule:
                continue
            where = f"{path} : critère « {c['id']} »"
            for key in ("field", "or_field"):
                if key in rule and rule[key] not in fields:
                    messages.append(f"{where}, champ « check.{key} » : pas de champ « {rule[key]} » "
                                    f"dans data/forms/{data['form']}.yaml")
            table = fields.get(rule["field"], {})
            columns = {col["id"] for col in table.get("columns", [])}
            for column in rule.get("columns", []) + ([rule["column"]] if "column" in rule else []):
                if column not in columns:
                    messages.append(f"{where}, champ « check.columns » : pas de colonne « {column} » dans « {rule['field']} »")
            needs = {"min_length": "min", "min_items": "min", "min_rows": "min", "min_choices": "min",
                     "min_choices_or": "min", "contains_any": "words", "rows_complete": "columns",
                     "dates_within": "days", "date_within": "days", "choices_include": "options"}.get(rule["rule"])
            if needs and needs not in rule:
                messages.append(f"{where}, champ « check.{needs} » : obligatoire pour la règle « {rule['rule']} »")
    if messages:
        raise RubricError("\n".join(messages))
    return typo_all(data, NOT_TEXT)


@cache
def load_rubric(rubric_id: str) -> dict:
    path = RUBRICS_DIR / f"{rubric_id}.yaml"
    return checked("rubric", path, lambda: _check(path, rubric_id), also=FORMS_DIR.glob("*.yaml"))


def all_rubrics() -> list[dict]:
    return [load_rubric(p.stem) for p in sorted(RUBRICS_DIR.glob("*.yaml"))]


def rubrics_for(form_id: str) -> list[dict]:
    return [r for r in all_rubrics() if r["form"] == form_id]

"""The questionnaires (data/forms/<id>.yaml, schema form.schema.json): loaded and checked,
naming file and field; a `review` field gets the labels of the choices it reviews."""
from __future__ import annotations

from functools import cache

from pmesocial.data.checked_cache import checked
from pmesocial.data.validation import DataFileError, field_path, read_yaml, schema_errors
from pmesocial.paths import DATA_DIR
from pmesocial.rules.typography import typo_all

FORMS_DIR = DATA_DIR / "forms"
NOT_TEXT = frozenset({"id", "type", "rule", "inputs", "of", "required", "min", "max", "step", "max_choices",
                      "lines", "max_length", "min_rows", "max_rows"})


class FormError(DataFileError):
    """A form spec that cannot be used; the message names file and field."""


@cache
def load_form(form_id: str) -> dict:
    path = FORMS_DIR / f"{form_id}.yaml"
    # a `review` field reads another form: every form is part of the cache key
    return checked("form", path, lambda: _check_form(path, form_id), also=FORMS_DIR.glob("*.yaml"))


def _check_form(path, form_id: str) -> dict:
    data = read_yaml(path)
    messages = schema_errors(data, "form.schema.json", lambda p: f"{path} : champ « {field_path(p)} »")
    if not messages:
        ids = [f["id"] for f in data["fields"]]
        messages += [f"{path} : champ « {i} » : identifiant en double" for i in set(ids) if ids.count(i) > 1]
        if data["id"] != form_id:
            messages.append(f"{path} : champ « id » : « {data['id']} » ne correspond pas au nom du fichier")
    if messages:
        raise FormError("\n".join(messages))
    for field in data["fields"]:
        if field["type"] == "review":
            source = next((f for f in load_form(field["of"]["form"])["fields"] if f["id"] == field["of"]["field"]), None)
            if source is None or source["type"] not in ("choice", "choices"):
                raise FormError(f"{path} : champ « {field['id']}.of » : pas de liste de choix "
                                f"« {field['of']['field']} » dans {field['of']['form']}")
            field["of_options"] = source["options"]  # labels of the goals to review, for both front ends
    return typo_all(data, NOT_TEXT)

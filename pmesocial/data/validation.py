"""Schema validation shared by every data file of the course (question banks,
diagnostic, time budget, trainee records), with messages that name file and field."""
from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import yaml
from jsonschema import Draft202012Validator

from pmesocial.paths import SCHEMA_DIR


class DataFileError(ValueError):
    """A data file that cannot be used; the message names the file and the field."""


@cache
def validator(schema_name: str) -> Draft202012Validator:
    return Draft202012Validator(json.loads((SCHEMA_DIR / schema_name).read_text("utf-8")))


def field_path(path) -> str:
    """['options', 2, 'feedback'] -> 'options[2].feedback'."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(racine)"


def explain(error) -> str:
    """One jsonschema error, in French."""
    v, val = error.validator, error.validator_value
    if v == "required":
        missing = [name for name in val if isinstance(error.instance, dict) and name not in error.instance]
        return f"champ obligatoire manquant : « {', '.join(missing)} »"
    if v == "additionalProperties":
        allowed = set(error.schema.get("properties", {}))
        extra = sorted(k for k in error.instance if k not in allowed)
        return f"champ inconnu : « {', '.join(extra)} »"
    if v == "type":
        return f"doit être de type {val}, trouvé : {error.instance!r}"
    if v in ("enum", "const"):
        expected = val if isinstance(val, list) else [val]
        return f"valeur {error.instance!r} non permise (attendu : {', '.join(map(str, expected))})"
    if v == "minLength":
        return "ne doit pas être vide"
    if v == "maxLength":
        return f"trop long (au plus {val} caractères)"
    if v == "minItems":
        return f"il faut au moins {val} élément(s)"
    if v == "maxItems":
        return f"il faut au plus {val} élément(s)"
    if v == "pattern":
        return f"identifiant {error.instance!r} invalide (minuscules, chiffres et tirets)"
    if v in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        return f"valeur {error.instance!r} hors limites ({v} {val})"
    return error.message


def schema_errors(data, schema_name: str, where) -> list[str]:
    """`where(path)` turns an error's path into "file : field" text."""
    errors = sorted(validator(schema_name).iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    return list(dict.fromkeys(f"{where(e.absolute_path)} : {explain(e)}" for e in errors))


def read_yaml(path: Path):
    path = Path(path)
    try:
        return yaml.safe_load(path.read_text("utf-8"))
    except FileNotFoundError:
        raise DataFileError(f"{path} : fichier introuvable") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f", ligne {mark.line + 1}" if mark else ""
        raise DataFileError(f"{path}{line} : YAML illisible ({getattr(exc, 'problem', exc)})") from None

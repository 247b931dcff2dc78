"""Schema validation shared by every data file of the course (question banks,
diagnostic, forms, time budget, trainee records), with messages in French that name the
file and the field.

static/pmesocial/rules/validation.js turns the errors of the book's compiled validators
(Ajv, the same schema files) into the same messages, in the same order; both are checked
against tests/vectors/validation.json. So: one message per missing or unknown field,
values shown as « texte » or as JSON, messages sorted by field then text.
"""
from __future__ import annotations

import json
import sys
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from pmesocial.paths import SCHEMA_DIR

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator

# What jsonschema imports only for its format checkers, when installed (Jupyter's own
# dependencies install them): the « iri » grammar alone (rfc3987_syntax) compiles for about
# 2 s, the others (isoduration and arrow, fqdn, idna…) cost about 60 ms more. The course's
# schemas check no format, so jsonschema is imported without those it has not loaded yet.
FORMAT_ONLY = ("rfc3987_syntax", "rfc3987", "rfc3986_validator", "rfc3339_validator", "isoduration",
               "fqdn", "idna", "jsonpointer", "uri_template", "webcolors")


def _import_jsonschema():
    """jsonschema without its optional format checkers: each package is absent while
    jsonschema is imported (ImportError is what it expects then), and importable again
    afterwards by whoever needs it."""
    if "jsonschema" in sys.modules:
        return sys.modules["jsonschema"]
    blocked = [name for name in FORMAT_ONLY if name not in sys.modules]
    for name in blocked:
        sys.modules[name] = None
    try:
        import jsonschema
    finally:
        for name in blocked:
            if sys.modules.get(name, False) is None:
                del sys.modules[name]
    return jsonschema


class DataFileError(ValueError):
    """A data file that cannot be used; the message names the file and the field."""


@cache
def validator(schema_name: str) -> Draft202012Validator:
    schema = json.loads((SCHEMA_DIR / schema_name).read_text("utf-8"))
    return _import_jsonschema().Draft202012Validator(schema)


@cache
def fast_check(schema_name: str):
    """The schema compiled to Python by fastjsonschema (it comes with nbformat): a yes or
    no about eight times faster than jsonschema's, for a trainer's folder of thousands of
    records. jsonschema stays the reference: it alone names what is wrong."""
    import fastjsonschema

    check = fastjsonschema.compile(json.loads((SCHEMA_DIR / schema_name).read_text("utf-8")))

    def is_valid(data) -> bool:
        try:
            check(data)
            return True
        except fastjsonschema.JsonSchemaException:
            return False
    return is_valid


def field_path(path) -> str:
    """['options', 2, 'feedback'] -> 'options[2].feedback'."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(racine)"


def show(value) -> str:
    """A value in a message: « texte » for a string, JSON otherwise."""
    if isinstance(value, str):
        return f"« {value} »"
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # 3.0 and 3 are the same JSON number, shown the same in the book
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


def explain(error) -> list[tuple[list, str]]:
    """One jsonschema error as (path, message in French) pairs: one per missing or
    unknown field, so that the book's validator says exactly the same."""
    v, val, path = error.validator, error.validator_value, list(error.absolute_path)
    if v == "required":
        missing = [name for name in val if isinstance(error.instance, dict) and name not in error.instance]
        return [(path, f"champ obligatoire manquant : « {name} »") for name in missing]
    if v == "additionalProperties":
        allowed = set(error.schema.get("properties", {}))
        return [(path, f"champ inconnu : « {name} »") for name in sorted(k for k in error.instance if k not in allowed)]
    if v == "type":
        expected = " ou ".join(val) if isinstance(val, list) else val
        return [(path, f"doit être de type {expected}, trouvé : {show(error.instance)}")]
    if v in ("enum", "const"):
        expected = val if isinstance(val, list) else [val]
        return [(path, f"valeur {show(error.instance)} non permise (attendu : {', '.join(map(show, expected))})")]
    if v == "minLength":
        return [(path, "ne doit pas être vide" if val == 1 else f"trop court (au moins {val} caractères)")]
    if v == "maxLength":
        return [(path, f"trop long (au plus {val} caractères)")]
    if v == "minItems":
        return [(path, f"il faut au moins {val} élément(s)")]
    if v == "maxItems":
        return [(path, f"il faut au plus {val} élément(s)")]
    if v == "maxProperties":
        return [(path, f"il faut au plus {val} champ(s)")]
    if v == "pattern":
        return [(path, f"valeur {show(error.instance)} mal formée")]
    if v in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        words = {"minimum": "au moins", "maximum": "au plus", "exclusiveMinimum": "plus de",
                 "exclusiveMaximum": "moins de"}[v]
        return [(path, f"valeur {show(error.instance)} hors limites ({words} {show(val)})")]
    if v in ("anyOf", "oneOf"):
        return [(path, "valeur non valide : elle ne correspond à aucune des formes permises")]
    return [(path, f"valeur non valide ({v})")]


def schema_messages(data, schema_name: str) -> list[tuple[list, str]]:
    """Every (path, message) for `data`, sorted by field then text, without repeats."""
    pairs = [pair for error in validator(schema_name).iter_errors(data) for pair in explain(error)]
    pairs.sort(key=lambda p: ([str(x) for x in p[0]], p[1]))
    unique, seen = [], set()
    for path, message in pairs:
        key = (tuple(map(str, path)), message)
        if key not in seen:
            seen.add(key)
            unique.append((path, message))
    return unique


def schema_errors(data, schema_name: str, where) -> list[str]:
    """`where(path)` turns an error's path into "file : field" text."""
    return [f"{where(path)} : {message}" for path, message in schema_messages(data, schema_name)]


def trailing_comments(text: str) -> list[int]:
    """Lines (1-based) where a comment follows unquoted text of several words. In YAML,
    `text: Le mot-clé « #sponso » parmi…` keeps only « Le mot-clé « »: the rest of a course
    text is silently cut. A comment after a quoted value or a single word (`modalite: mixte
    # distance | …`) is left alone."""
    import yaml

    last_plain: dict[int, tuple[int, str]] = {}  # line -> (end column, value) of a plain scalar ending there
    for token in yaml.scan(text, Loader=yaml.SafeLoader):
        if isinstance(token, yaml.ScalarToken) and token.plain:
            last_plain[token.end_mark.line] = (token.end_mark.column, token.value)
    found = []
    for n, line in enumerate(text.splitlines()):
        if n not in last_plain:
            continue
        end, value = last_plain[n]
        rest = line[end:]
        if rest.lstrip().startswith("#") and len(value.split()) > 1:
            found.append(n + 1)
    return found


def read_yaml(path: Path):
    import yaml  # the C parser when PyYAML has it: ten times faster than the Python one

    path = Path(path)
    try:
        text = path.read_text("utf-8")
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        cut = trailing_comments(text)
    except FileNotFoundError:
        raise DataFileError(f"{path} : fichier introuvable") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f", ligne {mark.line + 1}" if mark else ""
        raise DataFileError(f"{path}{line} : YAML illisible ({getattr(exc, 'problem', exc)})") from None
    if cut:
        raise DataFileError(f"{path}, ligne {cut[0]} : un « # » précédé d'une espace commence un commentaire "
                            "et coupe le texte : mettez la valeur entre guillemets")
    return data

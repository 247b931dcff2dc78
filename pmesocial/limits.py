"""What the course accepts to read: a trainee's record, an import, a trainer's group files.

One set of limits (schemas/limits.json), the same in the book (rules/limits.js, checked on
tests/vectors/limits.json): a file's size, its encoding (UTF-8, a BOM dropped), how deep
its JSON nests, how big its numbers are (finite, within ±limit), how long its strings
are, and scores within their maximum. Each check gives the same verdict and the same
French message in both languages, whatever their JSON parsers do past the limits
(Python's raises RecursionError on deep nesting and ValueError past 4,300 digits, and
reads NaN; JavaScript's turns 1e999 into Infinity). A lone half of a UTF-16 pair in a
string (a surrogate, which UTF-8 cannot hold) is replaced by U+FFFD, the rest kept.
"""
from __future__ import annotations

import json
import math
import re

from pmesocial.paths import SCHEMA_DIR

LIMITS: dict = {k: v for k, v in json.loads((SCHEMA_DIR / "limits.json").read_text("utf-8")).items()
                if not k.startswith("$")}


class RecordError(ValueError):
    """A record (or a file given as one) that cannot be read; the message is for the
    trainee or the trainer, in French."""


TOO_BIG = (f"Ce fichier est trop gros (plus de {LIMITS['file_bytes'] // 1_000_000} Mo) : "
           "ce n'est pas un dossier exporté par le cours.")
NOT_UTF8 = "Ce fichier n'est pas un texte lisible (il n'est pas en UTF-8) : ce n'est pas un dossier exporté par le cours."
NOT_JSON = "Ce fichier n'est pas un dossier lisible : il est incomplet ou abîmé."
TOO_DEEP = (f"Ce fichier a trop de niveaux imbriqués (plus de {LIMITS['depth']}) : "
            "ce n'est pas un dossier exporté par le cours.")
BAD_NUMBER = "Ce fichier contient un nombre trop grand ou invalide (partie « {where} ») : il ne peut pas être utilisé."
LONG_TEXT = "Ce fichier contient un texte trop long (partie « {where} ») : il ne peut pas être utilisé."
DAMAGED = "Ce dossier est endommagé (partie « {where} ») et ne peut pas être utilisé."

# a JSON string (escapes included) or a bracket: the nesting is counted outside strings
_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]', re.DOTALL)
_SURROGATE = re.compile("[\ud800-\udfff]")  # in a Python str, only lone halves remain
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def decode_file(data: bytes) -> str:
    """A file's bytes -> its text: UTF-8, with or without a BOM (Windows editors add one)."""
    if len(data) > LIMITS["file_bytes"]:
        raise RecordError(TOO_BIG)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise RecordError(NOT_UTF8) from None


def too_deep(text: str) -> bool:
    depth = 0
    for token in _TOKENS.finditer(text):
        mark = token.group()
        if mark in "[{":
            depth += 1
            if depth > LIMITS["depth"]:
                return True
        elif mark in "]}":
            depth -= 1
    return False


def _refuse_constant(name: str):
    raise ValueError(name)  # NaN, Infinity: not JSON (the book's parser refuses them too)


def _int(token: str):
    # past 18 characters, as the book reads it (a double): int() would refuse 4,300 digits
    return int(token) if len(token) <= 18 else float(token)


def where(path: list) -> str:
    return "/".join(map(str, path)) or "racine"


def _checked(value, path: list):
    """The value with its lone surrogates replaced; RecordError for the first number or
    string past the limits, keys visited in code-point order (the book's order too)."""
    if isinstance(value, str):
        if _SURROGATE.search(value):
            value = _SURROGATE.sub("\ufffd", value)
        if len(value) > LIMITS["string"]:
            raise RecordError(LONG_TEXT.format(where=where(path)))
        return value
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int | float):
        if not math.isfinite(value) or abs(value) > LIMITS["number"]:
            raise RecordError(BAD_NUMBER.format(where=where(path)))
        return value + 0  # -0.0 is 0.0, as the book writes it
    if isinstance(value, list):
        return [_checked(item, [*path, n]) for n, item in enumerate(value)]
    cleaned = {}
    for key, item in value.items():  # last one wins, as for a key written twice
        cleaned[_SURROGATE.sub("\ufffd", key)] = item
    for key in sorted(cleaned):
        if len(key) > LIMITS["string"]:
            raise RecordError(LONG_TEXT.format(where=where([*path, key])))
        cleaned[key] = _checked(cleaned[key], [*path, key])
    return cleaned


def load_json(text: str):
    """JSON text -> value within the limits, or RecordError in French."""
    if too_deep(text):
        raise RecordError(TOO_DEEP)
    try:
        data = json.loads(text, parse_int=_int, parse_constant=_refuse_constant)
    except (ValueError, TypeError):
        raise RecordError(NOT_JSON) from None
    return _checked(data, [])


def plain_json_agrees(text: str) -> bool:
    """json.loads gives what load_json gives for this accepted text (no surrogate written
    as an escape to replace): a text read again unchanged may skip the checks."""
    return not _SURROGATE_ESCAPE.search(text)


def points_problem(record: dict) -> list | None:
    """The first score past its maximum, or maximum past the limit (a record already
    checked by its schema): its path, or None."""
    for key in sorted(record.get("exercises", {})):
        entry = record["exercises"][key]
        for part in ("first", "results"):
            for qid in sorted(entry.get(part, {})):
                points = entry[part][qid]
                if "score" in points and (points["score"] > points["max"] or points["max"] > LIMITS["points"]):
                    return ["exercises", key, part, qid]
    return None


def well_formed(value):
    """The same value with every lone surrogate replaced (what UTF-8 can hold), nothing else changed."""
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value)
    if isinstance(value, list):
        return [well_formed(v) for v in value]
    if isinstance(value, dict):
        return {well_formed(k): well_formed(v) for k, v in value.items()}
    return value

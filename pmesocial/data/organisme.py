"""The training body that delivers the course (organisme.yaml at the root of the
repository): identity, contacts and terms, checked against organisme.schema.json. A
missing field is named, in French, wherever the file is read (book, documents)."""
from __future__ import annotations

from pathlib import Path

from pmesocial.data.checked_cache import checked
from pmesocial.data.validation import DataFileError, field_path, read_yaml, schema_errors
from pmesocial.paths import ORGANISME_FILE


class OrganismeError(DataFileError):
    """organisme.yaml is missing or incomplete; the message names the field, in French."""


def load_organisme(path=None) -> dict:
    path = Path(path) if path else ORGANISME_FILE
    return checked("organisme", path, lambda: _check_organisme(path))


def _check_organisme(path: Path) -> dict:
    try:
        data = read_yaml(path)
    except DataFileError as exc:
        raise OrganismeError(f"Le fichier de l'organisme de formation est introuvable ou illisible : {exc}") from None
    messages = schema_errors(data, "organisme.schema.json",
                             lambda p: f"{path.name} : champ « {field_path(p)} »")
    if messages:
        raise OrganismeError("Le fichier de l'organisme de formation est incomplet : " + " ; ".join(messages))
    return data


def organisme_or_error(path=None) -> tuple[dict | None, str | None]:
    try:
        return load_organisme(path), None
    except OrganismeError as exc:
        return None, str(exc)

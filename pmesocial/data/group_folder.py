"""A trainer's folder of exported records (« Mon dossier », from the book or JupyterLab):
every *.json file read; a file that is not a readable record is set aside with a French
reason, never fatal."""
from __future__ import annotations

from pathlib import Path

from pmesocial.limits import LIMITS, decode_file
from pmesocial.record import RecordError, parse_import
from pmesocial.rules.group import SOURCE
from pmesocial.store_files import StoreError, read_regular

NOT_JSON = "Ce fichier n'est pas un dossier exporté par le cours (il faut un fichier .json)."


def read_group_file(name: str, data: bytes) -> tuple[str, dict]:
    """One file of a trainer's folder -> ("record", the record with its file name) or
    ("validation", a trainer's validation file), or RecordError in French."""
    if not name.lower().endswith(".json"):
        raise RecordError(NOT_JSON)
    kind, found = parse_import(decode_file(data))  # size, UTF-8 (a BOM dropped), then limits (pmesocial/limits.py)
    if kind == "record":
        found[SOURCE] = name
    return kind, found


def read_record_file(name: str, data: bytes) -> dict:
    """One exported file -> its record (with its file name), or RecordError in French."""
    kind, found = read_group_file(name, data)
    if kind != "record":
        raise RecordError("Ce fichier est une validation du formateur, pas le dossier d'un stagiaire.")
    return found


def apply_validation_files(records: list[dict], validations: list[tuple[str, dict]]) -> list[tuple[str, str]]:
    """The trainer's validation files found with the records: each one added to the
    record it names (its `started` stamp); (file name, French reason) for one that names
    no record here."""
    by_start = {r.get("started"): r for r in records}
    unmatched = []
    for name, found in validations:
        record = by_start.get(found["record_started"])
        if record is None:
            unmatched.append((name, UNMATCHED_VALIDATION))
        else:
            record.setdefault("validations", {}).update(found["productions"])
    return unmatched


UNMATCHED_VALIDATION = ("Cette validation concerne un dossier qui n'est pas dans ce groupe : "
                        "ajoutez le dossier du stagiaire, ou retirez ce fichier.")


def records_from_files(files) -> tuple[list[dict], list[tuple[str, str]]]:
    """(file name, bytes) pairs, in file-name order -> the records (with the trainer's
    validation files among them added to the record each names), and the files set aside
    as (file name, reason in French)."""
    records, rejected, validations = [], [], []
    for name, data in sorted(files, key=lambda f: f[0]):
        try:
            kind, found = read_group_file(name, data)
        except RecordError as exc:
            rejected.append((name, str(exc)))
            continue
        (records.append(found) if kind == "record" else validations.append((name, found)))
    rejected += apply_validation_files(records, validations)
    return records, sorted(rejected)


def load_group(folder) -> tuple[list[dict], list[tuple[str, str]]]:
    """Every *.json record in `folder`, and the files set aside as (file name, reason in French)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"Le dossier « {folder} » n'existe pas : indiquez le dossier "
                                f"où vous avez rassemblé les fichiers des stagiaires.")
    files, unreadable = [], []
    for path in sorted(folder.glob("*.json"), key=lambda p: p.name):
        try:
            # only regular files are read (a FIFO would block the view), never past the size limit
            files.append((path.name, read_regular(path, LIMITS["file_bytes"]) or b""))
        except StoreError as exc:
            unreadable.append((path.name, f"Ce fichier n'est pas un fichier ordinaire ({exc.kind}) : il n'a pas été lu." if exc.kind
                               else f"Ce fichier n'a pas pu être ouvert : {exc.why or 'erreur de lecture'}."))
    records, rejected = records_from_files(files)
    return records, sorted(rejected + unreadable)

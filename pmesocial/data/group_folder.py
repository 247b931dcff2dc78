"""A trainer's folder of exported records (« Mon dossier », from the book or JupyterLab):
every *.json file read; a file that is not a readable record is set aside with a French
reason, never fatal."""
from __future__ import annotations

from pathlib import Path

from pmesocial.record import RecordError, parse_record

SOURCE = "_source"  # file a record was read from (kept in memory only, never written)


NOT_UTF8 = ("Ce fichier n'est pas un texte lisible (encodage autre que UTF-8) : "
            "ce n'est pas un dossier exporté par le cours.")
NOT_JSON = "Ce fichier n'est pas un dossier exporté par le cours (il faut un fichier .json)."


def read_record_file(name: str, data: bytes) -> dict:
    """One exported file -> its record (with its file name), or RecordError in French."""
    if not name.lower().endswith(".json"):
        raise RecordError(NOT_JSON)
    try:
        record = parse_record(data.decode("utf-8-sig"))  # a BOM (Windows editors) is dropped
    except UnicodeDecodeError:
        raise RecordError(NOT_UTF8) from None
    record[SOURCE] = name
    return record


def records_from_files(files) -> tuple[list[dict], list[tuple[str, str]]]:
    """(file name, bytes) pairs, in file-name order -> the records, and the files set
    aside as (file name, reason in French)."""
    records, rejected = [], []
    for name, data in sorted(files, key=lambda f: f[0]):
        try:
            records.append(read_record_file(name, data))
        except RecordError as exc:
            rejected.append((name, str(exc)))
    return records, rejected


def load_group(folder) -> tuple[list[dict], list[tuple[str, str]]]:
    """Every *.json record in `folder`, and the files set aside as (file name, reason in French)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"Le dossier « {folder} » n'existe pas : indiquez le dossier "
                                f"où vous avez rassemblé les fichiers des stagiaires.")
    files, unreadable = [], []
    for path in sorted(folder.glob("*.json"), key=lambda p: p.name):
        try:
            files.append((path.name, path.read_bytes()))
        except OSError as exc:
            unreadable.append((path.name, f"Ce fichier n'a pas pu être ouvert ({exc.strerror or 'erreur de lecture'})."))
    records, rejected = records_from_files(files)
    return records, sorted(rejected + unreadable)

"""A trainer's folder of exported records (« Mon dossier », from the book or JupyterLab):
every *.json file read; a file that is not a readable record is set aside with a French
reason, never fatal."""
from __future__ import annotations

from pathlib import Path

from pmesocial.record import RecordError, parse_record

SOURCE = "_source"  # file a record was read from (kept in memory only, never written)


def load_group(folder) -> tuple[list[dict], list[tuple[str, str]]]:
    """Every *.json record in `folder`, and the files set aside as (file name, reason in French)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"Le dossier « {folder} » n'existe pas : indiquez le dossier "
                                f"où vous avez rassemblé les fichiers des stagiaires.")
    records, rejected = [], []
    for path in sorted(folder.glob("*.json"), key=lambda p: p.name):
        try:
            record = parse_record(path.read_text("utf-8"))
        except RecordError as exc:
            rejected.append((path.name, str(exc)))
            continue
        except UnicodeDecodeError:
            rejected.append((path.name, "Ce fichier n'est pas un texte lisible (encodage autre que UTF-8) : "
                                        "ce n'est pas un dossier exporté par le cours."))
            continue
        except OSError as exc:
            rejected.append((path.name, f"Ce fichier n'a pas pu être ouvert ({exc.strerror or 'erreur de lecture'})."))
            continue
        record[SOURCE] = path.name
        records.append(record)
    return records, rejected

"""The legal statements of the course (data/law/*.csv): each row is one rule a PME must
know, with the text it comes from (code and article, law or decree, and its date), what it
requires in plain French, the source read, its date, a confidence and a caveat (« à
vérifier » where the source is thin). Like the figures, a lesson states nothing of the law
that is not a row here. None of it is legal advice."""
from __future__ import annotations

import csv
import re
from functools import cache

from pmesocial.data.validation import DataFileError
from pmesocial.paths import DATA_DIR

LAW_DIR = DATA_DIR / "law"
COLUMNS = ["id", "title", "text", "date", "requires", "applies_to", "source", "source_date", "confidence", "caveat"]
CONFIDENCE = ["élevée", "moyenne", "faible"]
ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@cache
def load_law(theme: str) -> dict[str, dict]:
    """{id: row} of data/law/<theme>.csv; LawDataError names file, line and field."""
    path = LAW_DIR / f"{theme}.csv"
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except FileNotFoundError:
        raise DataFileError(f"{path} : fichier introuvable") from None
    found = {}
    header = list(rows[0].keys()) if rows else []
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise DataFileError(f"{path} : colonnes manquantes : {', '.join(missing)}")
    for n, row in enumerate(rows, 2):
        where = f"{path}, ligne {n} (« {row['id']} »)"
        if not ID.match(row["id"] or ""):
            raise DataFileError(f"{where}, champ « id » : identifiant mal formé")
        for field in ("title", "text", "date", "requires", "source", "source_date"):
            if not (row[field] or "").strip():
                raise DataFileError(f"{where}, champ « {field} » : vide")
        for field in ("date", "source_date"):
            if not DATE.match(row[field]):
                raise DataFileError(f"{where}, champ « {field} » : date attendue (AAAA, AAAA-MM ou AAAA-MM-JJ)")
        if row["confidence"] not in CONFIDENCE:
            raise DataFileError(f"{where}, champ « confidence » : {row['confidence']!r} (attendu : {', '.join(CONFIDENCE)})")
        if row["confidence"] == "faible" and "à vérifier" not in row["caveat"]:
            raise DataFileError(f"{where}, champ « caveat » : une confiance faible dit « à vérifier »")
        if row["id"] in found:
            raise DataFileError(f"{where}, champ « id » : identifiant en double")
        found[row["id"]] = {**row, "theme": theme}
    return found


def all_law() -> dict[str, dict]:
    """Every legal row of data/law, by id (ids are unique across themes)."""
    rows: dict[str, dict] = {}
    for path in sorted(LAW_DIR.glob("*.csv")):
        for key, row in load_law(path.stem).items():
            if key in rows:
                raise DataFileError(f"{path} : identifiant « {key} » déjà dans data/law/{rows[key]['theme']}.csv")
            rows[key] = row
    return rows

"""The legal statements of the course (data/law/*.csv): each row is one rule a PME must
know, with

- `primary_text`: the text it comes from (code and article, law, decree or decision, and
  its number), `version_date`: the date of the version read (or of the decision);
- `requires`: what it asks, in plain French, for a trainee; `applies_to`: to whom;
- `source`: the source read (official text where we could), `source_date`: its date, and
  `verifie_le`: the day we read it; `confidence`;
- `caveat`: what a trainee should know of its limits (learner-facing text), and
  `author_note`: what an author or trainer needs (what could not be read, where else it
  was found), shown on the sources page, never in a lesson.

A lesson or a question states nothing of the law that is not a row here
(tests/unit/test_law.py), and a row checked more than 12 months ago fails the tests.
None of it is legal advice.
"""
from __future__ import annotations

import csv
import re
from datetime import date
from functools import cache

from pmesocial.data.provenance import claims_second_hand, is_stale, research_notes_in
from pmesocial.data.validation import DataFileError
from pmesocial.paths import DATA_DIR

LAW_DIR = DATA_DIR / "law"
COLUMNS = ["id", "title", "primary_text", "version_date", "requires", "applies_to", "source", "source_date",
           "verifie_le", "confidence", "caveat", "author_note"]
REQUIRED = ("title", "primary_text", "version_date", "requires", "applies_to", "source", "source_date",
            "verifie_le")
CONFIDENCE = ["élevée", "moyenne", "faible"]
LEARNER_FACING = ("title", "requires", "applies_to", "caveat")
ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _check_row(where: str, row: dict) -> None:
    if not ID.match(row["id"] or ""):
        raise DataFileError(f"{where}, champ « id » : identifiant mal formé")
    for field in REQUIRED:
        if not (row[field] or "").strip():
            raise DataFileError(f"{where}, champ « {field} » : vide")
    for field in ("version_date", "source_date"):
        if not DATE.match(row[field]):
            raise DataFileError(f"{where}, champ « {field} » : date attendue (AAAA, AAAA-MM ou AAAA-MM-JJ)")
    if not DAY.match(row["verifie_le"]):
        raise DataFileError(f"{where}, champ « verifie_le » : le jour de la vérification (AAAA-MM-JJ)")
    try:
        checked = date.fromisoformat(row["verifie_le"])
    except ValueError:
        raise DataFileError(f"{where}, champ « verifie_le » : date impossible") from None
    if checked > date.today():
        raise DataFileError(f"{where}, champ « verifie_le » : date dans le futur")
    if row["confidence"] not in CONFIDENCE:
        raise DataFileError(f"{where}, champ « confidence » : {row['confidence']!r} (attendu : {', '.join(CONFIDENCE)})")
    if row["confidence"] == "faible" and not row["caveat"].strip():
        raise DataFileError(f"{where}, champ « caveat » : une confiance faible dit au stagiaire pourquoi")
    if row["confidence"] == "élevée" and claims_second_hand(row["source"], row["caveat"], row["author_note"]):
        raise DataFileError(f"{where}, champ « confidence » : « élevée » alors que les notes disent la source "
                            "lue de seconde main ou à vérifier")
    for field in LEARNER_FACING:
        notes = research_notes_in(row[field], addresses=True)
        if notes:
            raise DataFileError(f"{where}, champ « {field} » : note d'auteur dans un texte pour le stagiaire "
                                f"({', '.join(notes)}) : à mettre dans « author_note »")


@cache
def load_law(theme: str) -> dict[str, dict]:
    """{id: row} of data/law/<theme>.csv; DataFileError names file, line and field."""
    path = LAW_DIR / f"{theme}.csv"
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            rows = list(reader)
            header = reader.fieldnames or []
    except FileNotFoundError:
        raise DataFileError(f"{path} : fichier introuvable") from None
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise DataFileError(f"{path} : colonnes manquantes : {', '.join(missing)}")
    found = {}
    for n, row in enumerate(rows, 2):
        if None in row or any(v is None for v in row.values()):
            raise DataFileError(f"{path}, ligne {n} : nombre de colonnes différent de l'en-tête")
        where = f"{path}, ligne {n} (« {row['id']} »)"
        _check_row(where, row)
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


def stale_rows(today: date, rows: dict[str, dict] | None = None) -> list[str]:
    """« data/law/<theme>.csv : <id> (vérifiée le …) » for every row checked more than 12
    months before `today`."""
    rows = all_law() if rows is None else rows
    return [f"data/law/{r['theme']}.csv : {key} (vérifiée le {r['verifie_le']})"
            for key, r in rows.items() if is_stale(date.fromisoformat(r["verifie_le"]), today)]


def checked_on(rows: dict[str, dict] | None = None) -> date:
    """The oldest `verifie_le` of the rows: « Règles vérifiées le … » means every one was."""
    rows = all_law() if rows is None else rows
    return min(date.fromisoformat(r["verifie_le"]) for r in rows.values())

"""Load the course's figures (data/figures/*.csv), each row with its provenance: what the
article says, the source, its date, the confidence, a caveat for the trainee and an
`author_note` for authors (data/provenance.py says what each may hold).

Two readers of the same files, with the same checks and messages: `load_figures`, a pandas
table for the charts and provenance tables, and `figure_rows`, plain Python values for the
question banks, so that loading an estimate does not import pandas (about 0.5 s of a
kernel's time).
"""
from __future__ import annotations

import csv
from typing import TYPE_CHECKING

from pmesocial.data.provenance import claims_second_hand, research_notes_in
from pmesocial.paths import DATA_DIR

if TYPE_CHECKING:
    import pandas as pd

FIGURES_DIR = DATA_DIR / "figures"
COLUMNS = ["id", "indicator", "value", "unit", "year", "article_wording", "source",
           "source_date", "confidence", "caveat", "author_note"]
CONFIDENCE = ["élevée", "moyenne", "faible", "non sourcée"]


class FigureDataError(ValueError):
    """A figures table that breaks the provenance rules; the message names file, row and field."""


def _check(path, columns, rows) -> None:
    """The provenance rules over (line number in the file, row) pairs."""
    missing = [c for c in COLUMNS if c not in columns]
    if missing:
        raise FigureDataError(f"{path} : colonnes manquantes : {', '.join(missing)}")
    ids = []
    for line, row in rows:
        where = f"{path}, ligne {line} (« {row['id']} »)"
        if row["confidence"] not in CONFIDENCE:
            raise FigureDataError(f"{where}, champ « confidence » : {row['confidence']!r} "
                                  f"(attendu : {', '.join(CONFIDENCE)})")
        if row["confidence"] != "non sourcée" and not row["source"]:
            raise FigureDataError(f"{where}, champ « source » : vide alors que la confiance "
                                  f"n'est pas « non sourcée »")
        if row["confidence"] == "élevée" and claims_second_hand(row["source"], row["caveat"], row["author_note"]):
            raise FigureDataError(f"{where}, champ « confidence » : « élevée » alors que les notes disent la source "
                                  "lue de seconde main ou à vérifier")
        notes = research_notes_in(row["caveat"], addresses=True) + research_notes_in(row["indicator"], addresses=True)
        if notes:
            raise FigureDataError(f"{where}, champ « caveat » : note d'auteur dans un texte pour le stagiaire "
                                  f"({', '.join(notes)}) : à mettre dans « author_note »")
        ids.append(row["id"])
    seen, twice = set(), []
    for fig_id in ids:
        if fig_id in seen:
            twice.append(fig_id)
        seen.add(fig_id)
    if twice:
        raise FigureDataError(f"{path} : identifiants en double : {', '.join(twice)}")


def load_figures(theme: str) -> pd.DataFrame:
    import pandas as pd

    path = FIGURES_DIR / f"{theme}.csv"
    table = pd.read_csv(path, dtype={"id": str, "year": "Int64"}, keep_default_na=False,
                        na_values={"value": [""]})
    _check(path, table.columns, ((n + 2, row) for n, row in table.iterrows()))
    return table.set_index("id", drop=False)


def _numbers(texts: list[str]):
    """A column as pandas' read_csv types it: all integers, else all numbers, else text."""
    for kind in (int, float):
        try:
            return [kind(t) for t in texts]
        except ValueError:
            pass
    return texts


def figure_rows(theme: str) -> dict[str, dict]:
    """Every row of data/figures/<theme>.csv by id, as plain Python values (missing ones
    None), with the same types and checks as load_figures."""
    path = FIGURES_DIR / f"{theme}.csv"
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
        columns = reader.fieldnames or []
    _check(path, columns, ((n + 2, row) for n, row in enumerate(rows)))
    typed = {c: _numbers([row[c] for row in rows]) for c in columns if c not in ("id", "value", "year")}
    # `value`: empty means missing (then the column is made of floats, as in pandas); `year`: integer or missing
    present = [row["value"] for row in rows if row["value"] != ""]
    values = iter(_numbers(present) if len(present) == len(rows) else [float(v) for v in present])
    out = {}
    for n, row in enumerate(rows):
        out[row["id"]] = {**{c: typed[c][n] for c in typed}, "id": row["id"],
                          "value": next(values) if row["value"] != "" else None,
                          "year": int(row["year"]) if row["year"] != "" else None}
    return out


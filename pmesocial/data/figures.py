"""Load the course's figures (data/figures/*.csv), each row with its provenance."""
from __future__ import annotations

import pandas as pd

from pmesocial.paths import DATA_DIR

FIGURES_DIR = DATA_DIR / "figures"
COLUMNS = ["id", "indicator", "value", "unit", "year", "article_wording", "source",
           "source_date", "confidence", "caveat"]
CONFIDENCE = ["élevée", "moyenne", "faible", "non sourcée"]


class FigureDataError(ValueError):
    """A figures table that breaks the provenance rules; the message names file, row and field."""


def load_figures(theme: str) -> pd.DataFrame:
    path = FIGURES_DIR / f"{theme}.csv"
    table = pd.read_csv(path, dtype={"id": str, "year": "Int64"}, keep_default_na=False,
                        na_values={"value": [""]})
    missing = [c for c in COLUMNS if c not in table.columns]
    if missing:
        raise FigureDataError(f"{path} : colonnes manquantes : {', '.join(missing)}")
    for n, row in table.iterrows():
        where = f"{path}, ligne {n + 2} (« {row['id']} »)"
        if row["confidence"] not in CONFIDENCE:
            raise FigureDataError(f"{where}, champ « confidence » : {row['confidence']!r} "
                                  f"(attendu : {', '.join(CONFIDENCE)})")
        if row["confidence"] != "non sourcée" and not row["source"]:
            raise FigureDataError(f"{where}, champ « source » : vide alors que la confiance "
                                  f"n'est pas « non sourcée »")
    if table["id"].duplicated().any():
        raise FigureDataError(f"{path} : identifiants en double : "
                              f"{', '.join(table.loc[table['id'].duplicated(), 'id'])}")
    return table.set_index("id", drop=False)

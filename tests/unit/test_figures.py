"""Every figure the article cites is in data/figures with its provenance."""
import pytest
import yaml

from pmesocial.data.figures import CONFIDENCE, FIGURES_DIR, FigureDataError, load_figures
from pmesocial.rules.formatting import number, percent

THEMES = sorted(p.stem for p in FIGURES_DIR.glob("*.csv"))
CLAIMS = yaml.safe_load((FIGURES_DIR / "article_claims.yaml").read_text("utf-8"))


def test_claims_cover_the_eight_figures_of_the_article():
    assert len(CLAIMS) >= 8
    assert all(claim["figures"] for claim in CLAIMS)


@pytest.mark.parametrize("claim", CLAIMS, ids=lambda c: c["claim"][:40])
def test_each_claim_is_documented(claim):
    with_wording = 0
    for ref in claim["figures"]:
        theme, fig_id = ref.split("/")
        table = load_figures(theme)
        assert fig_id in table.index, f"{ref} absent de data/figures/{theme}.csv"
        row = table.loc[fig_id]
        assert row["confidence"] in CONFIDENCE
        assert row["source"] or row["confidence"] == "non sourcée", f"{ref} : ni source ni « non sourcée »"
        assert str(row["source_date"]) or row["confidence"] == "non sourcée"
        with_wording += bool(row["article_wording"])
    assert with_wording >= 1, f"« {claim['claim']} » : aucune ligne ne cite l'article"


@pytest.mark.parametrize("theme", THEMES)
def test_theme_loads_with_values(theme):
    table = load_figures(theme)
    assert len(table) > 0 and table["value"].notna().all()


def test_bad_confidence_names_file_row_and_field(tmp_path, monkeypatch):
    import pmesocial.data.figures as figures

    (tmp_path / "x.csv").write_text(
        "id,indicator,value,unit,year,article_wording,source,source_date,confidence,caveat,author_note\n"
        "a,Un chiffre,3,%,2010,,Source,2010,sûre,,\n", encoding="utf-8")
    monkeypatch.setattr(figures, "FIGURES_DIR", tmp_path)
    with pytest.raises(FigureDataError, match=r"x\.csv, ligne 2 \(« a »\), champ « confidence »"):
        figures.load_figures("x")


@pytest.mark.parametrize("source, caveat, note, message", [
    ("Rapport", "", "Lu en copie sur un blog.", "seconde main"),
    ("Rapport, selon les reprises", "", "", "seconde main"),
    ("Rapport", "Tranche d'âge : voir le rapport complet.", "", "note d'auteur"),
    ("Rapport", "Voir https://exemple.fr", "", "note d'auteur"),
])
def test_provenance_rules_name_file_row_and_field(tmp_path, monkeypatch, source, caveat, note, message):
    """« élevée » only for a source read first-hand; the caveat is for the trainee."""
    import csv

    import pmesocial.data.figures as figures

    with (tmp_path / "x.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(figures.COLUMNS)
        writer.writerow(["a", "Un chiffre", "3", "%", "2010", "", source, "2010", "élevée", caveat, note])
    monkeypatch.setattr(figures, "FIGURES_DIR", tmp_path)
    for read in (figures.load_figures, figures.figure_rows):
        with pytest.raises(FigureDataError, match=rf"x\.csv, ligne 2 \(« a »\).*{message}"):
            read("x")


def test_french_number_format():
    assert number(1234.5, 1) == "1\u202f234,5"
    assert percent(78) == "78\u202f%"


def test_each_current_usage_figure_has_its_source_and_is_shown():
    """The 2025–2026 usage figures: a source and its date on every row, and every row shown
    with its provenance in a lesson (provenance_table), where the trainee reads it."""
    import re
    from pathlib import Path

    import nbformat

    table = load_figures("usage-2026")
    assert len(table) >= 10
    for fig_id, row in table.iterrows():
        assert row["source"].strip(), f"usage-2026/{fig_id} : pas de source"
        assert str(row["source_date"])[:4] >= "2023", f"usage-2026/{fig_id} : source datée de {row['source_date']}"
    repo = Path(__file__).resolve().parents[2]
    shown = {ref for p in repo.glob("notebooks/*.ipynb") for c in nbformat.read(p, 4).cells
             if c.cell_type == "code" for ref in re.findall(r"\"usage-2026/([a-z0-9-]+)\"", c.source)}
    assert not shown - set(table.index), f"lignes inconnues : {sorted(shown - set(table.index))}"
    assert set(table.index) <= shown, f"lignes jamais montrées : {sorted(set(table.index) - shown)}"


@pytest.mark.parametrize("theme", THEMES)
def test_plain_rows_are_the_pandas_rows(theme):
    """The banks read the figures without pandas: the same values, of the same types."""
    import pandas as pd

    from pmesocial.data.figures import figure_rows

    table, rows = load_figures(theme), figure_rows(theme)
    assert list(rows) == list(table.index)
    for fig_id, row in table.iterrows():
        expected = {k: None if pd.isna(v) else (v.item() if hasattr(v, "item") else v) for k, v in row.items()}
        assert rows[fig_id] == expected
        assert {k: type(v) for k, v in rows[fig_id].items()} == {k: type(v) for k, v in expected.items()}, fig_id


def test_plain_rows_name_file_row_and_field(tmp_path, monkeypatch):
    import pmesocial.data.figures as figures

    (tmp_path / "x.csv").write_text(
        "id,indicator,value,unit,year,article_wording,source,source_date,confidence,caveat,author_note\n"
        "a,Un chiffre,3,%,2010,,,2010,élevée,,\n", encoding="utf-8")
    monkeypatch.setattr(figures, "FIGURES_DIR", tmp_path)
    for read in (figures.load_figures, figures.figure_rows):
        with pytest.raises(FigureDataError, match=r"x\.csv, ligne 2 \(« a »\), champ « source » : vide"):
            read("x")

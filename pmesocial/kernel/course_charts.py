"""The charts and tables the modules show, each built from data/figures with its sources.

Rows are read as plain values (figure_rows), not through pandas: a module's first chart
costs no 0.4 s pandas import."""
from __future__ import annotations

from pmesocial.data.figures import figure_rows
from pmesocial.kernel.charts import Chart, bar_chart
from pmesocial.kernel.markup import escape
from pmesocial.rules.formatting import NNBSP, date_fr, number, percent, with_unit

NO_SOURCE = "aucune source retrouvée"


def audience_then_and_now() -> Chart:
    """Facebook in 2010 (the article) against Facebook and all social media today."""
    table = figure_rows("audience")
    rows = [table[i] for i in ("facebook-members-2010", "facebook-mau-2023", "social-identities-2026")]
    labels = ["Facebook, 2010<br>(membres)", "Facebook, 2023<br>(actifs mensuels)",
              f"Tous médias sociaux,<br>{rows[2]['year']} (identités)"]
    values = [r["value"] / 1000 for r in rows]
    sources = " ; ".join(f"{r['source']} ({r['source_date'][:4]})" for r in rows)
    fb_2010, fb_2023, all_2025 = (number(v, 2) for v in values)
    alt = (f"Diagramme en barres. Facebook : {fb_2010} milliard de membres en 2010, "
           f"{fb_2023} milliards d'utilisateurs actifs mensuels en 2023. Ensemble des médias "
           f"sociaux : {all_2025} milliards d'identités en {date_fr(rows[2]['source_date'])}. Les unités diffèrent "
           f"(membres, actifs mensuels, identités).")
    return bar_chart(labels, values, title="L'échelle du phénomène, de 2010 à aujourd'hui",
                     y_title="Milliards", source=sources, alt=alt,
                     value_format=",.2f", value_suffix=" Md")


# --- helpers ---------------------------------------------------------------------------

def _row(ref: str) -> dict:
    """One row of data/figures from "theme/id"."""
    theme, fig_id = ref.split("/")
    return figure_rows(theme)[fig_id]


def _cite(row: dict, names: dict) -> str:
    if row["confidence"] == "non sourcée" or not row["source"]:
        return f"{names.get(row['id'], row['indicator'])} : {NO_SOURCE}"
    return f"{row['source']} ({date_fr(row['source_date'])})"


def _sources(rows, names: dict | None = None) -> str:
    """The chart's source line: each distinct source once, with its date; `names` gives
    short labels for unsourced rows ("Twitter : aucune source retrouvée")."""
    return " ; ".join(dict.fromkeys(_cite(r, names or {}) for r in rows))


# --- module 3 and 4 charts -------------------------------------------------------------

def years_to_50_million(show_ipod: bool = False) -> Chart:
    """Years to reach 50 million users, as the article says; Twitter flagged as unsourced.

    With show_ipod=True, adds what the source the article drew on really said (iPod)."""
    refs = ["croissance/radio-years-50m", "croissance/tv-years-50m",
            "croissance/internet-years-50m", "croissance/twitter-years-50m"]
    labels = ["Radio", "Télévision", "Internet", "Twitter<br>(non sourcé)"]
    if show_ipod:
        refs.append("croissance/ipod-years-50m")
        labels.append("iPod<br>(la source d'origine)")
    rows = [_row(r) for r in refs]
    values = [r["value"] for r in rows]
    radio, tv, net, twitter = (with_unit(v, "années") for v in values[:4])
    alt = (f"Diagramme en barres des années nécessaires pour atteindre 50 millions "
           f"d'utilisateurs, selon l'article de 2010 : radio {radio}, télévision {tv}, "
           f"internet {net}, Twitter {twitter}. Le chiffre de Twitter n'a aucune source connue.")
    if show_ipod:
        alt += (f" La source reprise par l'article donnait en réalité {with_unit(values[4], 'années')} "
                f"pour l'iPod, et non pour Twitter.")
    source = ("Chiffres cités par Yanis (2010), d'après : "
              + _sources(rows, {"twitter-years-50m": "Twitter"}))
    return bar_chart(
        labels, values, title="Années pour atteindre 50 millions d'utilisateurs, selon l'article",
        y_title="Années", source=source, alt=alt, value_suffix=" ans")


def us_visits_share_2010(with_all_google_sites: bool = True) -> Chart:
    """Share of US website visits, week ending 13 March 2010 (Hitwise)."""
    refs = ["audience/facebook-share-us-visits-2010", "audience/google-share-us-visits-2010"]
    labels = ["facebook.com", "google.com<br>(page d'accueil)"]
    if with_all_google_sites:
        refs.append("audience/google-sites-share-us-visits-2010")
        labels.append("Tous les sites<br>Google")
    rows = [_row(r) for r in refs]
    values = [r["value"] for r in rows]
    shares = [percent(v, 2) for v in values]
    alt = (f"Diagramme en barres des parts des visites de sites aux États-Unis, semaine du "
           f"7 au 13 mars 2010 : facebook.com {shares[0]}, page d'accueil google.com {shares[1]}.")
    if with_all_google_sites:
        alt += f" L'ensemble des sites Google (Gmail, YouTube, Maps…) totalise {shares[2]}."
    return bar_chart(
        labels, values, title="Part des visites de sites aux États-Unis, du 7 au 13 mars 2010",
        y_title="Part des visites (%)", source=_sources(rows), alt=alt,
        value_format=",.2f", value_suffix=f"{NNBSP}%")


def trust_consumers_vs_ads() -> Chart:
    """Trust in other consumers and in advertising: the article against Nielsen (2007)."""
    refs = ["confiance/trust-consumers-2007", "confiance/trust-advertising-article",
            "confiance/trust-newspaper-ads-2007", "confiance/trust-tv-ads-2007",
            "confiance/trust-mobile-text-ads-2007"]
    labels = ["Recommandations<br>de consommateurs<br>(article et Nielsen)",
              "« La publicité »<br>(article,<br>non sourcé)", "Publicités<br>dans la presse<br>(Nielsen)",
              "Publicités<br>à la télévision<br>(Nielsen)", "SMS<br>publicitaires<br>(Nielsen)"]
    rows = [_row(r) for r in refs]
    values = [r["value"] for r in rows]
    consumers, ads, press, tv, sms = (percent(v) for v in values)
    alt = (f"Diagramme en barres de la part des internautes qui font confiance à chaque source. "
           f"Recommandations d'autres consommateurs : {consumers}, chiffre de l'article confirmé par "
           f"l'enquête Nielsen de 2007. Publicité en général : {ads} selon l'article, chiffre sans "
           f"source connue. Dans l'enquête Nielsen de 2007 : publicités dans la presse {press}, "
           f"à la télévision {tv}, SMS publicitaires {sms}, le format le moins cru.")
    return bar_chart(
        labels, values, title="Confiance des internautes : l'article face à Nielsen (2007)",
        y_title="Internautes qui font confiance (%)", alt=alt,
        source=_sources(rows, {"trust-advertising-article": "14 % pour la publicité"}),
        value_suffix=f"{NNBSP}%")


def then_and_now() -> Chart:
    """Module 4, « Que sont-ils devenus ? »: the article's 2010 audiences against the latest figures."""
    refs = ["audience/facebook-members-2010", "audience/facebook-mau-2023",
            "recrutement/linkedin-members-2010", "devenir/linkedin-members-2024",
            "audience/social-identities-2026"]
    rows = [_row(r) for r in refs]
    labels = ["Facebook 2010<br>(membres)", "Facebook 2023<br>(actifs mensuels)",
              "LinkedIn 2010<br>(membres)", "LinkedIn 2024<br>(membres)",
              f"Tous médias<br>sociaux {rows[4]['year']}<br>(identités)"]
    values = [r["value"] for r in rows]
    fb10, fb23, li10, li24, all25 = (number(v) for v in values)
    alt = (f"Diagramme en barres, en millions. Facebook : {fb10} millions de membres en 2010, "
           f"{fb23} millions d'utilisateurs actifs mensuels fin 2023. LinkedIn : {li10} millions "
           f"de membres en 2010 selon l'article, {li24} millions en janvier 2024. Ensemble des "
           f"médias sociaux : {all25} millions d'identités d'utilisateurs en {date_fr(rows[4]['source_date'])}. "
           f"Les unités diffèrent (membres, actifs mensuels, identités).")
    return bar_chart(labels, values, title="Que sont-ils devenus ? Audiences de 2010 et d'aujourd'hui",
                     y_title="Millions", source=_sources(rows), alt=alt)


# --- provenance tables -----------------------------------------------------------------

PROVENANCE_COLUMNS = ["Indicateur", "Ce que dit l'article", "Source d'origine", "Date",
                      "Confiance", "Réserve"]


class ProvenanceTable:
    """A provenance table: French headers, escaped HTML, deterministic text and HTML."""

    def __init__(self, records: list[dict]):
        self.records = records

    def to_html(self) -> str:
        head = "".join(f"<th>{escape(col)}</th>" for col in PROVENANCE_COLUMNS)
        body = "".join("<tr>" + "".join(f"<td>{escape(record[col])}</td>" for col in PROVENANCE_COLUMNS) + "</tr>"
                       for record in self.records)
        table = f'<table class="pmes-provenance"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
        # tabindex: a table wider than a phone scrolls, and a keyboard must be able to scroll it
        return f'<div class="pmes-provenance-wrap" tabindex="0" role="region" aria-label="Sources des chiffres">{table}</div>'

    def _repr_html_(self) -> str:
        return self.to_html()

    def __repr__(self) -> str:
        blocks = []
        for record in self.records:
            blocks.append("\n".join(f"{col} : {record[col]}" for col in PROVENANCE_COLUMNS))
        return "\n\n".join(blocks)


def _refs(theme_or_ids) -> list[str]:
    if isinstance(theme_or_ids, str):
        if "/" in theme_or_ids:
            return [theme_or_ids]
        return [f"{theme_or_ids}/{i}" for i in figure_rows(theme_or_ids)]
    return list(theme_or_ids)


def provenance_table(theme_or_ids) -> ProvenanceTable:
    """What the article says, the original source, its date, the confidence and the caveat.

    `theme_or_ids`: a theme ("confiance": all its rows), one "theme/id" or a list of them."""
    records = []
    for ref in _refs(theme_or_ids):
        row = _row(ref)
        unsourced = row["confidence"] == "non sourcée" or not row["source"]
        records.append({
            "Indicateur": f"{row['indicator']} : {with_unit(row['value'], row['unit'])}",
            "Ce que dit l'article": row["article_wording"] or "(pas dans l'article)",
            "Source d'origine": "Aucune source retrouvée" if unsourced else row["source"],
            "Date": date_fr(row["source_date"]) or "—",
            "Confiance": row["confidence"],
            "Réserve": row["caveat"] or "—",
        })
    return ProvenanceTable(records)

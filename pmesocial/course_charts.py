"""The charts the modules show, each built from data/figures with its sources."""
from __future__ import annotations

from .charts import Chart, bar_chart
from .figures import load_figures
from .formatting import number


def audience_then_and_now() -> Chart:
    """Facebook in 2010 (the article) against Facebook and all social media today."""
    table = load_figures("audience")
    rows = table.loc[["facebook-members-2010", "facebook-mau-2023", "social-identities-2025"]]
    labels = ["Facebook, 2010<br>(membres)", "Facebook, 2023<br>(actifs mensuels)",
              "Tous médias sociaux,<br>2025 (identités)"]
    values = (rows["value"] / 1000).tolist()
    sources = " ; ".join(f"{r.source} ({r.source_date[:4]})" for r in rows.itertuples())
    fb_2010, fb_2023, all_2025 = (number(v, 2) for v in values)
    alt = (f"Diagramme en barres. Facebook : {fb_2010} milliard de membres en 2010, "
           f"{fb_2023} milliards d'utilisateurs actifs mensuels en 2023. Ensemble des médias "
           f"sociaux : {all_2025} milliards d'identités en 2025. Les unités diffèrent "
           f"(membres, actifs mensuels, identités).")
    return bar_chart(labels, values, title="L'échelle du phénomène, de 2010 à aujourd'hui",
                     x_title="", y_title="Milliards", source=sources, alt=alt,
                     value_format=",.2f", value_suffix=" Md")

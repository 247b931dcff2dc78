"""A lesson's legal rows as a table: the rule, the text it comes from and its date, what it
requires, the source read and its date, the confidence and the caveat. Each row carries
the anchor `loi-<id>` that the lesson's links point to ([L34-5 CPCE](#loi-prospection-b2c))."""
from __future__ import annotations

from pmesocial.data.law import all_law
from pmesocial.kernel.markup import escape
from pmesocial.rules.formatting import date_fr

HEADERS = ["Règle", "Texte et date", "Ce qu'il demande", "Source et date", "Confiance", "Réserve"]
NOT_ADVICE = ("Ce tableau résume des règles pour se repérer ; ce n'est pas un conseil juridique. Pour un cas "
              "précis : la CNIL (données, prospection), la DGCCRF (pratiques commerciales, avis, influence), "
              "votre CCI ou votre CMA.")


class LawTable:
    def __init__(self, ids: list[str]):
        rows = all_law()
        unknown = [i for i in ids if i not in rows]
        if unknown:
            raise KeyError(f"pas de ligne « {', '.join(unknown)} » dans data/law/")
        self.rows = [rows[i] for i in ids]

    def _repr_html_(self) -> str:
        head = "".join(f"<th scope='col'>{h}</th>" for h in HEADERS)
        def cell(header: str, text: str) -> str:
            # data-label: the column's name, shown before each value when a phone stacks the rows
            return f"<td data-label='{escape(header)}'>{escape(text)}</td>"

        body = "".join(
            f"<tr id='loi-{escape(r['id'])}'><th scope='row'>{escape(r['title'])}</th>"
            + cell(HEADERS[1], f"{r['text']} ({date_fr(r['date'])})") + cell(HEADERS[2], r["requires"])
            + cell(HEADERS[3], f"{r['source']} ({date_fr(r['source_date'])})") + cell(HEADERS[4], r["confidence"])
            + cell(HEADERS[5], r["caveat"] or "—") + "</tr>" for r in self.rows)
        return (f"<div class='pmes-provenance-wrap' tabindex='0' role='region' aria-label='Règles de droit citées'><table class='pmes-provenance pmes-law'><thead><tr>{head}</tr></thead>"
                f"<tbody>{body}</tbody></table><p class='pmes-chart-source'>{escape(NOT_ADVICE)}</p></div>")

    def __repr__(self) -> str:
        return "\n".join(f"{r['title']} — {r['text']} ({r['date']}) : {r['requires']}" for r in self.rows)


def law_table(ids) -> LawTable:
    """The rows `ids` of data/law (one id or a list), in that order."""
    return LawTable([ids] if isinstance(ids, str) else list(ids))

"""A lesson's legal rows as a table a trainee reads: the rule, what it asks, the text it
comes from and its version, the day it was checked (with the confidence) and its caveat.
The source read and the authors' notes are on the sources page (book/sources.md, from the
same rows). Each row carries the anchor `loi-<id>` the lesson's links point to
([L34-5 CPCE](#loi-prospection-b2c))."""
from __future__ import annotations

from datetime import date

from pmesocial.data.law import all_law, checked_on
from pmesocial.kernel.markup import escape
from pmesocial.rules.formatting import date_fr

HEADERS = ["Règle", "Ce qu'elle demande", "Texte et version", "Vérifiée le", "Réserve"]
NOT_ADVICE = ("Un repère, pas un conseil juridique : pour un cas précis, la CNIL, la DGCCRF, votre CCI ou votre "
              "CMA. Les sources lues sont sur la page « Sources ».")


def checked_sentence(day: date | None = None) -> str:
    """« Règles vérifiées le 7 décembre 2026. »: the oldest check of every rule of the course."""
    return f"Règles vérifiées le {date_fr((day or checked_on()).isoformat())}."


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
            + cell(HEADERS[1], r["requires"]) + cell(HEADERS[2], f"{r['primary_text']} ({date_fr(r['version_date'])})")
            + cell(HEADERS[3], f"{date_fr(r['verifie_le'])} (confiance {r['confidence']})")
            + cell(HEADERS[4], r["caveat"] or "—") + "</tr>" for r in self.rows)
        # folded: the lesson's text says the rule, the box holds its text, version and day checked;
        # a link to a row opens it (browsers open a <details> on fragment navigation; ui/anchors.js
        # does it where they do not)
        count = len(self.rows)
        summary = "La règle citée : texte, version, vérification" if count == 1 else \
            f"Les {count} règles citées : texte, version, vérification"
        return (f"<details class='pmes-law-box'><summary>{escape(summary)}</summary>"
                f"<div class='pmes-provenance-wrap' tabindex='0' role='region' aria-label='Règles de droit citées'>"
                f"<table class='pmes-provenance pmes-law'><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
                f"<p class='pmes-chart-source'>{escape(NOT_ADVICE)}</p></div></details>")

    def __repr__(self) -> str:
        return "\n".join(f"{r['title']} — {r['primary_text']} ({r['version_date']}), vérifiée le {r['verifie_le']} : "
                         f"{r['requires']}" for r in self.rows)


def law_table(ids) -> LawTable:
    """The rows `ids` of data/law (one id or a list), in that order."""
    return LawTable([ids] if isinstance(ids, str) else list(ids))


class LawChecked:
    """The day the course's rules were last checked, as a lesson shows it (module 8)."""

    def _repr_html_(self) -> str:
        return f"<p class='pmes-law-checked'><strong>{escape(checked_sentence())}</strong></p>"

    def __repr__(self) -> str:
        return checked_sentence()


def law_checked() -> LawChecked:
    return LawChecked()

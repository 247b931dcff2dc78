"""Optional code path of the practice notebooks: check an answer written in Python.

The widget exercises are the main path; this lets a curious trainee write the same
answer as a dictionary and get the same feedback, from the same rules.
"""
from __future__ import annotations

from html import escape

from IPython.display import HTML

from pmesocial.data.banks import load_bank
from pmesocial.rules import scoring


def _question(bank_id: str, question_id: str) -> dict:
    bank = load_bank(bank_id)
    for q in bank["questions"]:
        if q["id"] == question_id:
            return q
    raise KeyError(f"{bank_id}: pas de question « {question_id} »")


def check_in_code(answer, bank_id: str, question_id: str) -> HTML:
    """Feedback, in French, for an answer given in code (`...` means not filled in yet)."""
    question = _question(bank_id, question_id)
    if answer is Ellipsis or (isinstance(answer, dict) and Ellipsis in answer.values()):
        return HTML("<p class='pmes-info'>Complétez d'abord la cellule ci-dessus "
                    "(remplacez les <code>...</code>), puis relancez-la.</p>")
    result = scoring.check(question, answer)
    if not result.answered:
        return HTML("<p class='pmes-info'>Aucune réponse reconnue : vérifiez l'orthographe des choix.</p>")
    labels = {x["id"]: x["text"] for x in question.get("items", question.get("options", []))}
    rows = "".join(f"<li>{'✔' if f.correct else '✘'} {escape(labels.get(f.ref, ''))} : {escape(f.text)}</li>"
                   for f in result.feedback)
    return HTML(f"<div class='pmes-feedback'><strong>{scoring.score_label(result.score, result.max_score)}"
                f"</strong><ul>{rows}</ul></div>")

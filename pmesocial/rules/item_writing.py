"""Item-writing rules for the question banks: the cues that let a test-wise reader find
the right option without knowing the answer (Haladyna, Downing & Rodriguez, 2002).

Checked over every bank in `make test` (tests/unit/test_item_writing.py) and by
`python -m pmesocial.tools.check_items`, which names the bank and the questions that
break a rule. The rules:

- in single-choice questions, the right option is the strictly longest in at most a
  third of a bank's questions, and of all questions;
- no catch-all option (« toutes les réponses », « aucune de ces réponses », « a et b »);
- the right option is not the only one that is qualified (« souvent », « en partie »…),
  nor the only one without an absolute (« toujours », « jamais »…) when every other
  option has one.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

LONGEST_SHARE = 1 / 3

CATCH_ALL = re.compile(
    r"\b(toutes?|aucune?)\s+(les|des|de\s+ces|ces)\s+(réponses|propositions|options|affirmations)\b"
    r"|\b(réponses?|propositions?)\s+[a-e]\s+et\s+[a-e]\b"
    r"|\btout\s+ce\s+qui\s+précède\b|\bci-dessus\b",
    re.IGNORECASE)
# Hedges a test-wise reader learns to pick; « pas toujours » is a hedge, not an absolute.
QUALIFIERS = re.compile(
    r"\b(souvent|généralement|en\s+général|parfois|peut|peuvent|pourrait|pourraient|plutôt"
    r"|en\s+partie|à\s+condition|dépend|dépendent|la\s+plupart|sans\s+doute|probablement"
    r"|en\s+moyenne|environ|selon\s+les\s+cas|le\s+plus\s+souvent|pas\s+toujours|pas\s+forcément)\b",
    re.IGNORECASE)
ABSOLUTES = re.compile(
    r"\b(toujours|jamais|forcément|uniquement|systématiquement|obligatoirement|seule?s?"
    r"|aucune?|rien|tous|toutes|totalement|entièrement|exclusivement)\b",
    re.IGNORECASE)
NOT_ABSOLUTE = re.compile(r"\bpas\s+(toujours|forcément)\b|\bne\s+\w+\s+(jamais|rien)\s+que\b", re.IGNORECASE)


@dataclass(frozen=True)
class Finding:
    source: str
    question: str
    message: str

    def __str__(self) -> str:
        where = f"question « {self.question} »" if self.question else "banque"
        return f"{self.source} : {where} : {self.message}"


def correct_is_strictly_longest(question: dict) -> bool:
    lengths = [len(o["text"]) for o in question["options"]]
    right = next(len(o["text"]) for o in question["options"] if o.get("correct"))
    return right == max(lengths) and lengths.count(right) == 1


def _qualified(text: str) -> bool:
    return bool(QUALIFIERS.search(text))


def _absolute(text: str) -> bool:
    return bool(ABSOLUTES.search(NOT_ABSOLUTE.sub(" ", text)))


def question_findings(question: dict, source: str) -> list[Finding]:
    if question["type"] not in ("single", "multiple"):
        return []
    found = []
    qid = question["id"]
    for option in question["options"]:
        if CATCH_ALL.search(option["text"]):
            found.append(Finding(source, qid, f"option « {option['id']} » : pas d'option fourre-tout "
                                              f"(« toutes les réponses », « aucune de ces réponses »…)"))
    if question["type"] == "single":
        right = next(o for o in question["options"] if o.get("correct"))
        others = [o for o in question["options"] if not o.get("correct")]
        if _qualified(right["text"]) and not any(_qualified(o["text"]) for o in others):
            found.append(Finding(source, qid, f"seule la bonne réponse (« {right['id']} ») est nuancée "
                                              "(souvent, en partie, peut…) : nuancez aussi un distracteur"))
        if len(others) >= 2 and not _absolute(right["text"]) and all(_absolute(o["text"]) for o in others):
            found.append(Finding(source, qid, "tous les distracteurs sont absolus (toujours, jamais, seul…) "
                                              "et pas la bonne réponse : c'est un indice"))
    return found


def longest_findings(banks: list[tuple[str, dict]]) -> list[Finding]:
    """The share of single-choice questions whose right option is the strictly longest."""
    found, total, longest = [], 0, 0
    for source, bank in banks:
        singles = [q for q in bank["questions"] if q["type"] == "single"]
        cued = [q["id"] for q in singles if correct_is_strictly_longest(q)]
        total, longest = total + len(singles), longest + len(cued)
        if len(cued) > LONGEST_SHARE * len(singles):
            found.append(Finding(source, "", f"la bonne réponse est la plus longue dans {len(cued)} questions "
                                             f"à choix unique sur {len(singles)} (au plus un tiers) : "
                                             + ", ".join(cued)))
    if total and longest > LONGEST_SHARE * total:
        found.append(Finding("data/quiz", "", f"la bonne réponse est la plus longue dans {longest} questions "
                                              f"à choix unique sur {total} (au plus un tiers)"))
    return found


def check_banks(banks: list[tuple[str, dict]]) -> list[Finding]:
    """Every finding over `banks`, a list of (source file, loaded bank)."""
    found = [f for source, bank in banks for q in bank["questions"] for f in question_findings(q, source)]
    return found + longest_findings(banks)


def longest_guess(question: dict):
    """What a reader answers who picks the longest option everywhere without reading."""
    kind = question["type"]
    if kind in ("single", "multiple"):
        best = max(question["options"], key=lambda o: len(o["text"]))["id"]
        return best if kind == "single" else [best]
    if kind == "classify":
        best = max(question["categories"], key=lambda c: len(c["label"]))["id"]
        return {item["id"]: best for item in question["items"]}
    return question["max"]  # an estimate: the slider pushed to one end


def stats(banks: list[tuple[str, dict]]) -> dict:
    singles = [q for _, bank in banks for q in bank["questions"] if q["type"] == "single"]
    cued = sum(correct_is_strictly_longest(q) for q in singles)
    return {"single": len(singles), "longest": cued, "share": cued / len(singles) if singles else 0.0}

"""What a sourced row (a figure, a legal rule) may claim about its own source, and what
learner-facing text may not carry.

- A row whose notes say the source was read second-hand, or still has to be checked,
  cannot be rated « élevée »: high confidence means the primary text or the official
  publication was read.
- Learner-facing text (a caveat, a lesson, a question) is written for a trainee: web
  addresses, « lu en copie », « rapport complet » and other authoring notes belong in
  the row's `author_note`, shown on the sources page and in the trainer notes.

Both readers (data/figures.py, data/law.py) and the lesson checks (tests/unit/test_learner_text.py)
use these two patterns, so the rule is written once.
"""
from __future__ import annotations

import re
from datetime import date

# Words by which a note admits the source was not the primary one, or not read at all.
SECOND_HAND = re.compile(
    r"\blue?s? en copie\b|\bde seconde main\b|\bsources? secondaires?\b|\b(?:cité|rapporté)e?s? par\b|\bselon (?:les|des) reprises\b"
    r"|\blue?s? dans (?:des|une|les) reprises?\b|\blue?s? (?:dans la presse|via)\b|\bà vérifier\b|\bà confirmer\b"
    r"|\bnon lue?s?\b|\bn'a pas été lue?\b|\bn'ont pas été lue?s\b|\bpas pu (?:lire|consulter)\b", re.IGNORECASE)

# Authoring notes that must not reach a trainee (they go to `author_note`); a copied
# address with a trailing dot after the host (https://cnil.fr./…) is one.
RESEARCH_NOTE = re.compile(
    r"https?://[^\s/]+\./|\blue? en copie\b|\brapport complet\b|\bpoint à vérifier\b|\bà vérifier dans\b"
    r"|\bsources? secondaires?\b|\bn'a pas été lue?\b|\bnon lue?\b|\bTODO\b|\bFIXME\b", re.IGNORECASE)



def claims_second_hand(*notes: str) -> bool:
    return any(SECOND_HAND.search(n or "") for n in notes)


# A web address: a lesson may show one (a tracked link is taught in module 7), a caveat
# under a figure or a rule may not (the source's address is in `source`).
ADDRESS = re.compile(r"https?://|\bwww\.")


def research_notes_in(text: str, addresses: bool = False) -> list[str]:
    """The authoring notes found in a learner-facing text (empty: none); with `addresses`,
    any web address counts as one (a row's caveat)."""
    found = [m.group(0) for m in RESEARCH_NOTE.finditer(text or "")]
    return found + ([m.group(0) for m in ADDRESS.finditer(text or "")] if addresses else [])


def year_before(today: date) -> date:
    """The same day twelve months earlier (28 February for a 29 February)."""
    return today.replace(year=today.year - 1, day=min(today.day, 28) if today.month == 2 else today.day)


def is_stale(checked_on: date, today: date) -> bool:
    """Checked more than 12 months before `today`: a law course must not go stale silently."""
    return checked_on < year_before(today)

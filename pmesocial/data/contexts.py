"""The course data the pure rules are given, loaded here once: the objectives, which
questions assess them (rules/evidence.py), and the contexts of the group view
(rules/group.py) and of « Mon carnet » (rules/carnet.py), which the book carries as JSON.
The rules open no file: their callers pass what these functions return."""
from __future__ import annotations

from functools import lru_cache

from pmesocial.rules import carnet, evidence, group


def objectives() -> list[dict]:
    from pmesocial.data.course import modules

    return evidence.objectives(modules())


def objective_map(purposes=evidence.EVIDENCE_PURPOSES) -> dict:
    """{bank id: {question id: objective id}} over the course's banks of these purposes."""
    from pmesocial.data.banks import all_banks  # every bank: not what a module's exercise needs

    return evidence.objective_map(list(all_banks()), purposes)


@lru_cache(maxsize=1)
def group_context() -> dict:
    from pmesocial.data.banks import all_banks
    from pmesocial.data.course import modules
    from pmesocial.data.diagnostic import load_diagnostic
    from pmesocial.data.forms import load_form
    from pmesocial.data.rubrics import all_rubrics

    return group.context(list(all_banks()), load_diagnostic(), {f: load_form(f) for f in group.FORMS},
                         all_rubrics(), modules())


@lru_cache(maxsize=1)
def carnet_context() -> dict:
    from pmesocial.data.banks import all_banks
    from pmesocial.data.course import modules
    from pmesocial.data.rubrics import all_rubrics

    return carnet.context(group_context(), list(all_banks()), modules(), all_rubrics())

"""A group read from the training body's LRS: its session's statements (by registration)
rebuilt into records (rules/xapi.records_from_statements), for the same group view as a
folder of exported records. Names come only from the trainer's own list (data/roster.py)."""
from __future__ import annotations


def load_group_from_lrs(endpoint: str, auth: str, registration: str, roster=None) -> tuple[list[dict], list]:
    """(records, rejected); rejected lists statements that could not be used, as
    (what, reason in French). LrsError when the LRS cannot be read."""
    from pmesocial.data.roster import names_by_account, read_roster
    from pmesocial.lrs import course_profile, read_statements
    from pmesocial.rules.xapi import records_from_statements

    statements = read_statements(endpoint, auth, registration)
    records = records_from_statements(statements, course_profile())
    names = names_by_account(read_roster(roster)) if roster else {}
    for record in records:
        if record["_source"] in names:
            record["trainee"] = dict(names[record["_source"]])
    foreign = sum(1 for s in statements if not (s.get("object") or {}).get("id", "").startswith(course_profile()["base"]))
    rejected = [("entrepôt d'apprentissage", f"{foreign} déclaration(s) d'un autre cours ignorée(s).")] if foreign else []
    return records, rejected

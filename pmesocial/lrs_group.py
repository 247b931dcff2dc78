"""A group read from the training body's LRS: its session's statements (by registration)
rebuilt into records (rules/xapi.group_from_statements: only what the LRS vouches for, in
the order it stored it), for the same group view as a folder of exported records. Names
come only from the trainer's own list (data/roster.py). Network code: it lives beside
the sender (lrs.py), not in data/, which reads only files."""
from __future__ import annotations


def load_group_from_lrs(endpoint: str, auth: str, registration: str, roster=None) -> tuple[list[dict], list]:
    """(records, rejected); rejected lists statements that could not be used, as
    (what, reason in French). LrsError when the LRS cannot be read."""
    from pmesocial.data.roster import names_by_account, read_roster
    from pmesocial.lrs import course_profile, read_statements
    from pmesocial.rules.group import SOURCE
    from pmesocial.rules.xapi import group_from_statements

    statements = read_statements(endpoint, auth, registration)
    group = group_from_statements(statements, course_profile())
    records = group["records"]
    names = names_by_account(read_roster(roster)) if roster else {}
    for record in records:
        if record[SOURCE] in names:
            record["trainee"] = dict(names[record[SOURCE]])
    return records, [tuple(pair) for pair in group["rejected"]]

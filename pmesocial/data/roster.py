"""The trainer's own list of a group (CSV): who is behind each pseudonymous account.
It stays with the trainer; the LRS only ever sees the accounts. Columns, in any order,
separated by « ; » or « , »: `identifiant` (the account), `nom`, `entreprise`, and `lien`
(the launch link, written by tools/launch_links.py). A bad file is named with its line."""
from __future__ import annotations

import csv
from pathlib import Path

COLUMNS = ("identifiant", "nom", "entreprise", "lien")


class RosterError(ValueError):
    """The trainer's list cannot be read; the message names the file and line, in French."""


def read_roster(path) -> list[dict]:
    path = Path(path)
    try:
        text = path.read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise RosterError(f"La liste du groupe « {path.name} » est introuvable ou illisible (UTF-8 attendu) : {exc}") from None
    delimiter = ";" if text.split("\n", 1)[0].count(";") >= text.split("\n", 1)[0].count(",") else ","
    rows = list(csv.DictReader(text.splitlines(), delimiter=delimiter))
    if rows and "nom" not in rows[0]:
        raise RosterError(f"{path.name} : la première ligne doit nommer les colonnes (au moins « nom »).")
    people = []
    for number, row in enumerate(rows, 2):
        person = {k: (row.get(k) or "").strip() for k in COLUMNS}
        if not person["nom"] and not person["identifiant"]:
            continue
        if not person["nom"]:
            raise RosterError(f"{path.name}, ligne {number} : le champ « nom » est vide.")
        people.append(person)
    accounts = [p["identifiant"] for p in people if p["identifiant"]]
    if len(accounts) != len(set(accounts)):
        twice = sorted({a for a in accounts if accounts.count(a) > 1})
        raise RosterError(f"{path.name} : identifiant(s) en double : {', '.join(twice)}.")
    return people


def write_roster(path, people: list[dict]) -> None:
    with Path(path).open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=COLUMNS, delimiter=";")
        writer.writeheader()
        writer.writerows({k: p.get(k, "") for k in COLUMNS} for p in people)


def names_by_account(people: list[dict]) -> dict[str, dict]:
    return {p["identifiant"]: {"name": p["nom"], "company": p["entreprise"]} for p in people if p["identifiant"]}

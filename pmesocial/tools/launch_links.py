"""Launch links for a group: one per trainee, carrying the LRS, a write-only credential
of that trainee's own, the trainee's pseudonymous account and the group session (xAPI
launch convention).

    # the local Ralph (make lrs): the trainees' accounts are written into its auth file
    python -m pmesocial.tools.launch_links liste.csv --lrs _build/lrs [--port 8100] --book https://cours.example.fr/

    # the training body's own Ralph: the accounts to add to its auth file are written
    # to liste.comptes-ralph.json (or merged into --ralph-auth, on Ralph's server)
    python -m pmesocial.tools.launch_links liste.csv --endpoint https://lrs.example.fr/xAPI/ \
        --book https://cours.example.fr/ [--ralph-auth /etc/ralph/auth.json] [--registration UUID]

liste.csv is the trainer's list (data/roster.py: at least a `nom` column); trainees
without an `identifiant` get a random one. Each trainee's account in Ralph is named by
that id, may only write, and has as its agent the trainee's xAPI account: Ralph writes
that agent into each statement's `authority`, and the group views count a statement
only when its authority is the trainee it speaks of (rules/xapi.py). A trainee already
in the list keeps their password (a link given before still works). The list is written
back with the links: it is the only place where an account meets a name, and it stays
with the trainer.
"""
from __future__ import annotations

import argparse
import base64
import secrets
import sys
import uuid
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

from pmesocial.data.roster import RosterError, read_roster, write_roster
from pmesocial.lrs_accounts import (
    AccountError,
    basic_auth,
    check_account,
    read_json,
    register_trainees,
    trainee_entry,
    write_private,
)
from pmesocial.rules.xapi import launch_link


def password_in_link(link: str, endpoint: str, account: str) -> str | None:
    """The password of a link made before for this account and this LRS, so that giving
    the group new links (a new session) keeps the accounts Ralph already has."""
    params = dict(parse_qsl(urlsplit(link).query))
    if params.get("endpoint") != endpoint or not params.get("auth", "").startswith("Basic "):
        return None
    try:
        user, _, password = base64.b64decode(params["auth"][6:]).decode("utf-8").partition(":")
    except (ValueError, UnicodeDecodeError):
        return None
    return password if user == account and password else None


def merge_auth_file(path: Path, entries: list[dict]) -> None:
    """Add the entries to Ralph's auth file (an account of the same name is replaced, the
    others are kept), atomically. Ralph reads the file when it starts: restart it."""
    names = {e["username"] for e in entries}
    write_private(path, [e for e in read_json(path, []) if e.get("username") not in names] + entries)


def main(argv=None) -> int:
    from pmesocial.data.organisme import load_organisme

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("roster", type=Path)
    parser.add_argument("--book", default="http://127.0.0.1:8000/index.html", help="address of the book's home page")
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--lrs", type=Path, help="folder of the local Ralph (make lrs): its accounts are made there")
    where.add_argument("--endpoint", help="the xAPI address of the training body's own Ralph")
    parser.add_argument("--port", type=int, default=8100, help="port of the local Ralph")
    parser.add_argument("--ralph-auth", type=Path, help="with --endpoint: Ralph's auth file, to add the accounts to")
    parser.add_argument("--comptes", type=Path, help="with --endpoint: where to write the accounts to add to Ralph "
                                                     "(default: next to the list, <liste>.comptes-ralph.json)")
    parser.add_argument("--registration", default="", help="the group session (a new one by default)")
    args = parser.parse_args(argv)
    registration = args.registration or str(uuid.uuid4())
    try:
        people = read_roster(args.roster)
    except RosterError as exc:
        print(exc, file=sys.stderr)
        return 1
    home_page = load_organisme()["xapi"]["comptes"]
    for person in people:
        person["identifiant"] = person["identifiant"] or f"stagiaire-{secrets.token_hex(4)}"
    accounts = [p["identifiant"] for p in people]
    try:
        for account in accounts:
            check_account(account)
        if args.lrs:
            endpoint = f"http://127.0.0.1:{args.port}/xAPI/"
            passwords = register_trainees(args.lrs, accounts, home_page)
        else:
            endpoint = args.endpoint if args.endpoint.endswith("/") else args.endpoint + "/"
            passwords = {p["identifiant"]: password_in_link(p["lien"], endpoint, p["identifiant"])
                         or secrets.token_urlsafe(18) for p in people}
    except AccountError as exc:
        print(f"{args.roster.name} : {exc}", file=sys.stderr)
        return 1
    for person in people:
        account = person["identifiant"]
        person["lien"] = launch_link(args.book, endpoint, basic_auth(account, passwords[account]), account,
                                     registration, home_page)
    write_roster(args.roster, people)
    print(f"Session {registration} : {len(people)} lien(s) écrits dans {args.roster}, un compte par stagiaire.")
    if args.endpoint:
        entries = [trainee_entry(account, passwords[account], home_page) for account in accounts]
        out = args.comptes or args.roster.with_name(f"{args.roster.stem}.comptes-ralph.json")
        merge_auth_file(out, entries)
        print(f"Comptes des stagiaires pour Ralph (écriture seule) : {out}.")
        if args.ralph_auth:
            merge_auth_file(args.ralph_auth, entries)
            print(f"Ajoutés au fichier d'authentification de Ralph {args.ralph_auth} : redémarrez Ralph.")
        else:
            print("Ajoutez-les au fichier d'authentification de Ralph (RALPH_AUTH_FILE) puis redémarrez Ralph, "
                  "ou relancez cette commande sur le serveur de Ralph avec --ralph-auth (README).")
    return 0


if __name__ == "__main__":
    sys.exit(main())

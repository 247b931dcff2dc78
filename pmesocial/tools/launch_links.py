"""Launch links for a group: one per trainee, carrying the LRS, a write-only credential,
the trainee's pseudonymous account and the group session (xAPI launch convention).

    python -m pmesocial.tools.launch_links liste.csv --book https://cours.example.fr/ \
        [--lrs _build/lrs | --endpoint URL --auth "Basic …"] [--registration UUID]

liste.csv is the trainer's list (data/roster.py: at least a `nom` column); trainees
without an `identifiant` get a random one. The list is written back with the links: it
is the only place where an account meets a name, and it stays with the trainer.
"""
from __future__ import annotations

import argparse
import json
import secrets
import sys
import uuid
from pathlib import Path
from urllib.parse import urlencode

from pmesocial.data.roster import RosterError, read_roster, write_roster


def launch_link(book: str, endpoint: str, auth: str, account: str, registration: str, home_page: str) -> str:
    actor = json.dumps({"objectType": "Agent", "account": {"homePage": home_page, "name": account}},
                       ensure_ascii=False, separators=(",", ":"))
    query = urlencode({"endpoint": endpoint, "auth": auth, "actor": actor, "registration": registration})
    return f"{book}{'&' if '?' in book else '?'}{query}"


def main(argv=None) -> int:
    from pmesocial.data.organisme import load_organisme
    from pmesocial.tools.lrs import TRAINEE_USER, _credentials, basic_auth

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("roster", type=Path)
    parser.add_argument("--book", default="http://127.0.0.1:8000/index.html", help="address of the book's home page")
    parser.add_argument("--lrs", type=Path, help="folder of the local Ralph (make lrs)")
    parser.add_argument("--endpoint")
    parser.add_argument("--auth", help="the trainees' write-only credential, « Basic … »")
    parser.add_argument("--port", type=int, default=8100, help="port of the local Ralph")
    parser.add_argument("--registration", default="", help="the group session (a new one by default)")
    args = parser.parse_args(argv)
    if args.lrs:
        endpoint = f"http://127.0.0.1:{args.port}/xAPI/"
        auth = basic_auth(TRAINEE_USER, _credentials(args.lrs)[TRAINEE_USER])
    elif args.endpoint and args.auth:
        endpoint, auth = args.endpoint, args.auth
    else:
        parser.error("indiquez --lrs (le Ralph local) ou --endpoint et --auth")
    registration = args.registration or str(uuid.uuid4())
    try:
        people = read_roster(args.roster)
    except RosterError as exc:
        print(exc, file=sys.stderr)
        return 1
    home_page = load_organisme()["xapi"]["comptes"]
    for person in people:
        person["identifiant"] = person["identifiant"] or f"stagiaire-{secrets.token_hex(4)}"
        person["lien"] = launch_link(args.book, endpoint, auth, person["identifiant"], registration, home_page)
    write_roster(args.roster, people)
    print(f"Session {registration} : {len(people)} lien(s) écrits dans {args.roster}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())

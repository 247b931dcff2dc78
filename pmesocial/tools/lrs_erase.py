"""Erase one trainee's statements from the training body's learning record store, when
they ask for it (RGPD, article 17) or when the retention period is over.

xAPI statements cannot be deleted through the xAPI API (a statement can only be
« voided », and a voided statement stays stored; Ralph 5.1 does not even hide it), so
erasing is done in Ralph's storage:

    # Ralph's file backend (make lrs): stop Ralph first, then
    python -m pmesocial.tools.lrs_erase --account ID --dir _build/lrs

    # any Ralph backend: list the trainee's statements, one JSON per line, to delete them
    # in Elasticsearch, MongoDB or ClickHouse (README, « Effacer les relevés d'un stagiaire »)
    python -m pmesocial.tools.lrs_erase --account ID --endpoint URL --auth "Basic …" \
        [--registration SESSION] --out relevés.jsonl

The account is the pseudonymous id of the trainee's launch link; its home page is
organisme.yaml's `xapi.comptes` unless --home-page says otherwise.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

FS_STORE = "fs_lrs.jsonl"  # the file Ralph's file backend writes statements into


def is_of(statement: dict, account: str, home_page: str | None) -> bool:
    found = (statement.get("actor") or {}).get("account") or {}
    return found.get("name") == account and (home_page is None or found.get("homePage", "").rstrip("/") == home_page.rstrip("/"))


def erase_from_fs(directory: Path, account: str, home_page: str | None = None) -> tuple[int, int]:
    """Rewrite the file store without the account's statements (atomically: a crash leaves
    the old file or the new one, never half of it); (erased, kept)."""
    store = Path(directory) / FS_STORE
    if not store.is_file():
        raise FileNotFoundError(f"Pas de relevés dans {directory} (fichier {FS_STORE} absent).")
    kept, erased = [], 0
    for number, line in enumerate(store.read_text("utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            statement = json.loads(line)
        except ValueError:
            kept.append(line)  # not ours to judge: left as it is
            print(f"{store.name}, ligne {number} : illisible, laissée telle quelle.", file=sys.stderr)
            continue
        if is_of(statement, account, home_page):
            erased += 1
        else:
            kept.append(line)
    tmp = store.with_name(f".{store.name}.{os.getpid()}.tmp")
    tmp.write_text("".join(line + "\n" for line in kept), "utf-8")
    os.replace(tmp, store)
    return erased, len(kept)


def list_from_lrs(endpoint: str, auth: str, account: str, home_page: str, registration: str | None = None) -> list[dict]:
    """The account's statements, read with the trainer's credential and picked here: Ralph
    5.1's `agent` filter never matches an account (it compares the home page as an IRI
    object with a string), so the session (registration), when known, narrows the read."""
    from pmesocial.lrs import read_statements

    return [s for s in read_statements(endpoint, auth, registration) if is_of(s, account, home_page)]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--account", required=True, help="the trainee's pseudonymous id (launch link)")
    parser.add_argument("--home-page", help="the accounts' home page (default: organisme.yaml xapi.comptes)")
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--dir", type=Path, help="Ralph's file store (make lrs): erase there")
    where.add_argument("--endpoint", help="the LRS's xAPI address: list the statements to --out")
    parser.add_argument("--auth", help="with --endpoint: the trainer's (reading) credential")
    parser.add_argument("--out", type=Path, help="with --endpoint: where to write the statements, one per line")
    parser.add_argument("--registration", help="with --endpoint: the trainee's session, to read only that one")
    args = parser.parse_args(argv)
    home_page = args.home_page
    if home_page is None:
        from pmesocial.data.organisme import load_organisme

        home_page = load_organisme()["xapi"]["comptes"]
    if args.dir:
        erased, kept = erase_from_fs(args.dir, args.account, home_page)
        print(f"{erased} relevé(s) du compte « {args.account} » effacé(s) ; {kept} autre(s) conservé(s).")
        return 0
    if not (args.auth and args.out):
        parser.error("--endpoint demande --auth (le compte du formateur) et --out (le fichier à écrire)")
    found = list_from_lrs(args.endpoint, args.auth, args.account, home_page, args.registration)
    args.out.write_text("".join(json.dumps(s, ensure_ascii=False) + "\n" for s in found), "utf-8")
    print(f"{len(found)} relevé(s) du compte « {args.account} » écrit(s) dans {args.out} : effacez-les dans "
          f"la base de l'entrepôt (README, « Effacer les relevés d'un stagiaire »), puis supprimez ce fichier.")
    return 0


if __name__ == "__main__":
    sys.exit(main())

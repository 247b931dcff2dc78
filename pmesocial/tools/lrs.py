"""The course's embedded learning record store: Ralph (PyPI ralph-malph, the LRS of France
Université Numérique) with its file backend, on localhost, for a trainer's laptop, a
demo or the tests. `make lrs` runs it:

    python -m pmesocial.tools.lrs [--dir _build/lrs] [--port 8100]

What this adds to `ralph runserver -b fs`, and why:
- accounts in Ralph's own auth file: `formateur`, which reads statements (the group
  view), and one account per trainee, which may only write them, whose agent is that
  trainee's xAPI account: Ralph writes that agent into every statement's `authority`
  (ralph/api/routers/statements.py, _enrich_statement_with_authority: a credential without
  the `authority/write` scope cannot choose it), so the group views know who really sent
  a statement. The trainees' accounts are made by the launch-link tool
  (tools/launch_links.py, with lrs_accounts.register_trainees); Ralph scopes them
  (RALPH_LRS_RESTRICT_BY_SCOPES);
- the auth file read again when it changes (Ralph reads it once per process), so a
  trainee registered while Ralph runs can send at once;
- CORS headers, because the static book calls the LRS from the browser, from another
  origin; Ralph's own server sends none (in production, nginx in front of Ralph adds
  them: deploy/nginx/pmesocial-lrs.conf, README);
- statements appended to the store's file (Ralph 5.1's file backend refuses a second
  write otherwise, see `app`);
- no auto-reload, so a test can start and stop it.
Passwords are drawn once and kept in <dir>/identifiants.json (pmesocial/lrs_accounts.py;
a local store, for a demo: a training body's production LRS has its own accounts, README).
The tests and the benchmark start this command in a subprocess (tests/support/local_lrs.py).
"""
from __future__ import annotations

import argparse
import os
from pathlib import Path

from pmesocial.lrs_accounts import TRAINER_USER, credentials, prepare
from pmesocial.paths import REPO_DIR


class ReloadAccounts:
    """ASGI middleware: Ralph reads its auth file once per process (an lru_cache); when
    the file changes (a trainee registered), forget it before the next request."""

    def __init__(self, app, auth_file: str):
        self.app, self.auth_file, self.seen = app, auth_file, None

    async def __call__(self, scope, receive, send):
        try:
            stat = os.stat(self.auth_file)
            mark = (stat.st_mtime_ns, stat.st_size, stat.st_ino)
        except OSError:
            mark = None
        if mark != self.seen:
            from ralph.api.auth.basic import get_stored_credentials

            get_stored_credentials.cache_clear()
            self.seen = mark
        await self.app(scope, receive, send)


def app(origins: list[str]):
    """Ralph's ASGI app with CORS for the book's origins (call after `prepare`'s settings
    are in the environment: Ralph reads them when imported)."""
    from ralph.api import app as ralph_app
    from ralph.backends.data.base import BaseOperationType
    from ralph.backends.lrs.fs import FSLRSBackend
    from starlette.middleware.cors import CORSMiddleware

    # Ralph 5.1's file backend writes with its default operation, CREATE, which refuses a
    # file that exists: every POST after the first fails (500). Appending is what an LRS
    # of statements means; the production backends (Elasticsearch, MongoDB, ClickHouse)
    # have no such limit.
    FSLRSBackend.default_operation_type = BaseOperationType.APPEND

    accounts = ReloadAccounts(ralph_app, os.environ["RALPH_AUTH_FILE"])
    return CORSMiddleware(accounts, allow_origins=origins, allow_methods=["GET", "POST", "PUT", "OPTIONS"],
                          allow_headers=["Authorization", "Content-Type", "X-Experience-API-Version"],
                          expose_headers=["X-Experience-API-Version"], max_age=600)


def serve(directory: Path, port: int, origins: list[str], quiet: bool = False) -> None:
    os.environ.update(prepare(directory))
    import uvicorn

    creds = credentials(directory)
    endpoint = f"http://127.0.0.1:{port}/xAPI/"
    if not quiet:
        print(f"Entrepôt d'apprentissage (Ralph, fichiers dans {directory}) : {endpoint}\n"
              f"  compte du formateur (lecture) : {TRAINER_USER} / {creds[TRAINER_USER]}\n"
              f"  comptes des stagiaires (écriture seule, un par stagiaire) : {len(creds['stagiaires'])}\n"
              f"Liens de lancement pour un groupe (ils créent le compte de chaque stagiaire) :\n"
              f"  .venv/bin/python -m pmesocial.tools.launch_links --lrs {directory} liste.csv\n"
              f"Arrêt : Ctrl+C.", flush=True)
    uvicorn.run(app(origins), host="127.0.0.1", port=port, log_level="warning")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dir", type=Path, default=REPO_DIR / "_build" / "lrs", help="where Ralph keeps its files")
    parser.add_argument("--port", type=int, default=8100)
    parser.add_argument("--origin", action="append", default=None,
                        help="origin of the book allowed to send (default: any, fine on localhost)")
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args(argv)
    serve(args.dir.resolve(), args.port, args.origin or ["*"], args.quiet)


if __name__ == "__main__":
    main()

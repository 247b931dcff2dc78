"""The course's embedded learning record store: Ralph (PyPI ralph-malph, the LRS of France
Université Numérique) with its file backend, on localhost, for a trainer's laptop, a
demo or the tests. `make lrs` runs it:

    python -m pmesocial.tools.lrs [--dir _build/lrs] [--port 8100]

What this adds to `ralph runserver -b fs`, and why:
- two accounts in Ralph's own auth file: `stagiaires`, which may only write statements
  (its password travels in the trainees' launch links, so it must read nothing), and
  `formateur`, which reads them (the group view); Ralph enforces the scopes
  (RALPH_LRS_RESTRICT_BY_SCOPES);
- CORS headers, because the static book calls the LRS from the browser, from another
  origin; Ralph's own server sends none (in production, the reverse proxy in front of
  Ralph adds them, see the README);
- statements appended to the store's file (Ralph 5.1's file backend refuses a second
  write otherwise, see `app`);
- no auto-reload, so a test can start and stop it.
Passwords are drawn once and kept in <dir>/identifiants.json (a local store, for a demo:
a training body's production LRS has its own accounts).
"""
from __future__ import annotations

import argparse
import base64
import json
import os
import secrets
from pathlib import Path

from pmesocial.paths import REPO_DIR
from pmesocial.tools.browser import free_port

TRAINEE_USER, TRAINER_USER = "stagiaires", "formateur"
WRITE_ONLY, READ_WRITE = ["statements/write"], ["statements/write", "statements/read"]
HOME_PAGE = "https://lrs.localhost"  # the authority's account home page in Ralph's auth file


def basic_auth(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode("ascii")


def _credentials(directory: Path) -> dict:
    """{user: password}, drawn the first time and kept."""
    path = directory / "identifiants.json"
    if path.exists():
        return json.loads(path.read_text("utf-8"))
    creds = {TRAINEE_USER: secrets.token_urlsafe(18), TRAINER_USER: secrets.token_urlsafe(18)}
    path.write_text(json.dumps(creds, indent=1), "utf-8")
    path.chmod(0o600)
    return creds


def _auth_file(directory: Path, creds: dict) -> Path:
    import bcrypt

    users = [(TRAINEE_USER, WRITE_ONLY), (TRAINER_USER, READ_WRITE)]
    entries = [{"username": user, "hash": bcrypt.hashpw(creds[user].encode(), bcrypt.gensalt(rounds=6)).decode(),
                "scopes": scopes, "agent": {"objectType": "Agent", "account": {"name": user, "homePage": HOME_PAGE}}}
               for user, scopes in users]
    path = directory / "auth.json"
    path.write_text(json.dumps(entries, indent=1), "utf-8")
    path.chmod(0o600)
    return path


def prepare(directory: Path) -> dict:
    """Ralph's settings (environment variables) for a file store in `directory`."""
    directory.mkdir(parents=True, exist_ok=True)
    creds = _credentials(directory)
    return {
        "RALPH_APP_DIR": str(directory),
        "RALPH_AUTH_FILE": str(_auth_file(directory, creds)),
        "RALPH_RUNSERVER_BACKEND": "fs",
        "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(directory),
        "RALPH_LRS_RESTRICT_BY_SCOPES": "true",
        "RALPH_LRS_RESTRICT_BY_AUTHORITY": "true",
        # the group view reads a registration's statements in pages of this many
        "RALPH_RUNSERVER_MAX_SEARCH_HITS_COUNT": "5000",
    }


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

    return CORSMiddleware(ralph_app, allow_origins=origins, allow_methods=["GET", "POST", "PUT", "OPTIONS"],
                          allow_headers=["Authorization", "Content-Type", "X-Experience-API-Version"],
                          expose_headers=["X-Experience-API-Version"], max_age=600)


def serve(directory: Path, port: int, origins: list[str], quiet: bool = False) -> None:
    os.environ.update(prepare(directory))
    import uvicorn

    creds = _credentials(directory)
    endpoint = f"http://127.0.0.1:{port}/xAPI/"
    if not quiet:
        print(f"Entrepôt d'apprentissage (Ralph, fichiers dans {directory}) : {endpoint}\n"
              f"  compte des stagiaires (écriture seule) : {TRAINEE_USER} / {creds[TRAINEE_USER]}\n"
              f"  compte du formateur (lecture)         : {TRAINER_USER} / {creds[TRAINER_USER]}\n"
              f"Liens de lancement pour un groupe :\n"
              f"  .venv/bin/python -m pmesocial.tools.launch_links --lrs {directory} liste.csv\n"
              f"Arrêt : Ctrl+C.", flush=True)
    uvicorn.run(app(origins), host="127.0.0.1", port=port, log_level="warning")


class LocalLrs:
    """Ralph in a subprocess, for the tests and the benchmark: started and stopped at
    will (to play an LRS that goes away mid-session), on a free port of localhost."""

    def __init__(self, directory: Path, port: int | None = None):
        self.directory = Path(directory)
        self.port = port or free_port()
        self.process = None
        self.creds = None

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}/xAPI/"

    def auth(self, user: str) -> str:
        return basic_auth(user, self.creds[user])

    def start(self) -> LocalLrs:
        import subprocess
        import sys
        import time
        import urllib.request

        self.directory.mkdir(parents=True, exist_ok=True)
        self.creds = _credentials(self.directory)
        self.process = subprocess.Popen([sys.executable, "-m", "pmesocial.tools.lrs", "--dir", str(self.directory),
                                         "--port", str(self.port), "--quiet"])
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"Ralph s'est arrêté au démarrage (code {self.process.returncode}).")
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/__heartbeat__", timeout=2)
                return self
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("Ralph n'a pas répondu à temps.")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=20)
        self.process = None

    def launch_query(self, account: str, registration: str = "") -> str:
        from pmesocial.tools.launch_links import launch_link

        return launch_link("", self.endpoint, self.auth(TRAINEE_USER), account, registration, HOME_PAGE)

    def __enter__(self) -> LocalLrs:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


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

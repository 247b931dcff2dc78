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
  (tools/launch_links.py, register_trainees here); Ralph scopes them
  (RALPH_LRS_RESTRICT_BY_SCOPES);
- the auth file read again when it changes (Ralph reads it once per process), so a
  trainee registered while Ralph runs can send at once;
- CORS headers, because the static book calls the LRS from the browser, from another
  origin; Ralph's own server sends none (in production, nginx in front of Ralph adds
  them: deploy/nginx/pmesocial-lrs.conf, README);
- statements appended to the store's file (Ralph 5.1's file backend refuses a second
  write otherwise, see `app`);
- no auto-reload, so a test can start and stop it.
Passwords are drawn once and kept in <dir>/identifiants.json (a local store, for a demo:
a training body's production LRS has its own accounts, README).
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

TRAINER_USER = "formateur"
WRITE_ONLY, READ_WRITE = ["statements/write"], ["statements/write", "statements/read"]
HOME_PAGE = "https://lrs.localhost"  # the trainer's account home page in Ralph's auth file
CREDENTIALS, AUTH_FILE = "identifiants.json", "auth.json"


class AccountError(ValueError):
    """A trainee's id that cannot be an LRS account; the message is for the trainer, in French."""


def basic_auth(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode("ascii")


def agent(account: str, home_page: str) -> dict:
    return {"objectType": "Agent", "account": {"name": account, "homePage": home_page}}


def check_account(account: str) -> None:
    """An id usable as a user name of HTTP Basic authentication and as an xAPI account."""
    if not account.strip() or len(account) > 200 or ":" in account or any(ord(c) < 32 or ord(c) == 127 for c in account):
        raise AccountError(f"L'identifiant « {account} » ne peut pas servir de compte dans l'entrepôt : pas de « : », "
                           f"pas de caractère de contrôle, 200 caractères au plus (colonne « identifiant » de la liste).")
    if account == TRAINER_USER:
        raise AccountError(f"L'identifiant « {account} » est celui du compte du formateur : choisissez-en un autre "
                           f"(colonne « identifiant » de la liste).")


def _hash(password: str) -> str:
    import bcrypt

    return bcrypt.hashpw(password.encode(), bcrypt.gensalt(rounds=6)).decode()


def auth_entry(user: str, password: str, scopes: list[str], who: dict) -> dict:
    """One account of Ralph's auth file (the format `ralph auth` writes)."""
    return {"username": user, "hash": _hash(password), "scopes": scopes, "agent": who}


def trainee_entry(account: str, password: str, home_page: str) -> dict:
    """A trainee's account: writes only, and its agent is the trainee's own xAPI account,
    the actor of every statement they send (rules/xapi.actor)."""
    return auth_entry(account, password, WRITE_ONLY, agent(account, home_page))


def _read_json(path: Path, default):
    try:
        return json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        return default


def _write_private(path: Path, data) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(data, indent=1, ensure_ascii=False), "utf-8")
    tmp.chmod(0o600)
    os.replace(tmp, path)


def _credentials(directory: Path) -> dict:
    """{"formateur": password, "stagiaires": {account: password}}, drawn the first time and
    kept. A store made before the trainees had accounts of their own (one shared
    `stagiaires` password) loses that shared account: its links no longer send."""
    path = directory / CREDENTIALS
    creds = _read_json(path, {})
    changed = not isinstance(creds.get(TRAINER_USER), str) or not isinstance(creds.get("stagiaires"), dict)
    if changed:
        creds = {TRAINER_USER: creds.get(TRAINER_USER) if isinstance(creds.get(TRAINER_USER), str)
                 else secrets.token_urlsafe(18), "stagiaires": {}}
        _write_private(path, creds)
    return creds


def _lock(directory: Path):
    from filelock import FileLock

    return FileLock(str(directory / ".comptes.lock"), timeout=30)


def _write_auth_file(directory: Path, creds: dict, home_page: str) -> Path:
    """Ralph's auth file for every account of the store; the hashes of accounts already
    there are kept (bcrypt is slow on purpose)."""
    path = directory / AUTH_FILE
    known = {e.get("username"): e for e in _read_json(path, []) if isinstance(e, dict)}
    wanted = [(TRAINER_USER, creds[TRAINER_USER], READ_WRITE, agent(TRAINER_USER, HOME_PAGE))]
    wanted += [(account, password, WRITE_ONLY, agent(account, home_page)) for account, password in creds["stagiaires"].items()]
    entries = []
    for user, password, scopes, who in wanted:
        entry = known.get(user)
        if entry and entry.get("scopes") == scopes and entry.get("agent") == who and _matches(password, entry.get("hash")):
            entries.append(entry)
        else:
            entries.append(auth_entry(user, password, scopes, who))
    _write_private(path, entries)
    return path


def _matches(password: str, hashed) -> bool:
    import bcrypt

    try:
        return isinstance(hashed, str) and bcrypt.checkpw(password.encode(), hashed.encode())
    except ValueError:
        return False


def trainees_home_page() -> str:
    """The home page of the trainees' xAPI accounts: organisme.yaml's `xapi.comptes`, the
    one their statements' actor carries."""
    from pmesocial.data.organisme import load_organisme

    return load_organisme()["xapi"]["comptes"]


def register_trainees(directory: Path, accounts: list[str], home_page: str | None = None) -> dict[str, str]:
    """{account: password} for these trainees in the local Ralph of `directory`: an account
    already there keeps its password (its link stays good), a new one gets its own; the
    auth file is rewritten (a running Ralph of tools/lrs.py reads it again). AccountError
    (French) for an id that cannot be an account."""
    for account in accounts:
        check_account(account)
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    with _lock(directory):
        creds = _credentials(directory)
        for account in accounts:
            creds["stagiaires"].setdefault(account, secrets.token_urlsafe(18))
        _write_private(directory / CREDENTIALS, creds)
        _write_auth_file(directory, creds, home_page or trainees_home_page())
    return {account: creds["stagiaires"][account] for account in accounts}


def prepare(directory: Path) -> dict:
    """Ralph's settings (environment variables) for a file store in `directory`."""
    directory.mkdir(parents=True, exist_ok=True)
    with _lock(directory):
        auth_file = _write_auth_file(directory, _credentials(directory), trainees_home_page())
    return {
        "RALPH_APP_DIR": str(directory),
        "RALPH_AUTH_FILE": str(auth_file),
        "RALPH_RUNSERVER_BACKEND": "fs",
        "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(directory),
        "RALPH_LRS_RESTRICT_BY_SCOPES": "true",
        "RALPH_LRS_RESTRICT_BY_AUTHORITY": "true",
        # the group view reads a registration's statements in pages of this many
        "RALPH_RUNSERVER_MAX_SEARCH_HITS_COUNT": "5000",
    }


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

    creds = _credentials(directory)
    endpoint = f"http://127.0.0.1:{port}/xAPI/"
    if not quiet:
        print(f"Entrepôt d'apprentissage (Ralph, fichiers dans {directory}) : {endpoint}\n"
              f"  compte du formateur (lecture) : {TRAINER_USER} / {creds[TRAINER_USER]}\n"
              f"  comptes des stagiaires (écriture seule, un par stagiaire) : {len(creds['stagiaires'])}\n"
              f"Liens de lancement pour un groupe (ils créent le compte de chaque stagiaire) :\n"
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
        """The credential of the trainer (`formateur`) or of a trainee's account (made if new)."""
        if user == TRAINER_USER:
            return basic_auth(user, self.creds[user])
        return basic_auth(user, self.register(user))

    def register(self, account: str) -> str:
        """A trainee's own account in this Ralph (as the launch-link tool makes it); its password."""
        return register_trainees(self.directory, [account])[account]

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
        """A trainee's launch link (its query), with a credential of that trainee's own."""
        from pmesocial.tools.launch_links import launch_link

        return launch_link("", self.endpoint, self.auth(account), account, registration, trainees_home_page())

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

"""The accounts of Ralph, the course's learning record store: its auth file (one entry an
account, the format `ralph auth` writes), the passwords kept for a local store, and the
trainees' own write-only accounts. Shared by the operator's commands that run Ralph
(tools/lrs.py) and make a group's launch links (tools/launch_links.py).

Each trainee's account may only write, and its agent is the trainee's xAPI account: Ralph
writes that agent into every statement's `authority` (a credential without the
`authority/write` scope cannot choose it), so the group views know who really sent a
statement (rules/xapi.py)."""
from __future__ import annotations

import base64
import json
import os
import secrets
from pathlib import Path

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


def read_json(path: Path, default):
    try:
        return json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        return default


def write_private(path: Path, data) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(data, indent=1, ensure_ascii=False), "utf-8")
    tmp.chmod(0o600)
    os.replace(tmp, path)


def credentials(directory: Path) -> dict:
    """{"formateur": password, "stagiaires": {account: password}}, drawn the first time and
    kept. A store made before the trainees had accounts of their own (one shared
    `stagiaires` password) loses that shared account: its links no longer send."""
    path = directory / CREDENTIALS
    creds = read_json(path, {})
    changed = not isinstance(creds.get(TRAINER_USER), str) or not isinstance(creds.get("stagiaires"), dict)
    if changed:
        creds = {TRAINER_USER: creds.get(TRAINER_USER) if isinstance(creds.get(TRAINER_USER), str)
                 else secrets.token_urlsafe(18), "stagiaires": {}}
        write_private(path, creds)
    return creds


def _lock(directory: Path):
    from filelock import FileLock

    return FileLock(str(directory / ".comptes.lock"), timeout=30)


def _write_auth_file(directory: Path, creds: dict, home_page: str) -> Path:
    """Ralph's auth file for every account of the store; the hashes of accounts already
    there are kept (bcrypt is slow on purpose)."""
    path = directory / AUTH_FILE
    known = {e.get("username"): e for e in read_json(path, []) if isinstance(e, dict)}
    wanted = [(TRAINER_USER, creds[TRAINER_USER], READ_WRITE, agent(TRAINER_USER, HOME_PAGE))]
    wanted += [(account, password, WRITE_ONLY, agent(account, home_page)) for account, password in creds["stagiaires"].items()]
    entries = []
    for user, password, scopes, who in wanted:
        entry = known.get(user)
        if entry and entry.get("scopes") == scopes and entry.get("agent") == who and _matches(password, entry.get("hash")):
            entries.append(entry)
        else:
            entries.append(auth_entry(user, password, scopes, who))
    write_private(path, entries)
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
        creds = credentials(directory)
        for account in accounts:
            creds["stagiaires"].setdefault(account, secrets.token_urlsafe(18))
        write_private(directory / CREDENTIALS, creds)
        _write_auth_file(directory, creds, home_page or trainees_home_page())
    return {account: creds["stagiaires"][account] for account in accounts}


def prepare(directory: Path) -> dict:
    """Ralph's settings (environment variables) for a file store in `directory`."""
    directory.mkdir(parents=True, exist_ok=True)
    with _lock(directory):
        auth_file = _write_auth_file(directory, credentials(directory), trainees_home_page())
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

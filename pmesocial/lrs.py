"""Results to the training body's learning record store (LRS), from a kernel.

Where the settings come from, first found wins:
- PMESOCIAL_LRS_LAUNCH: the launch link the trainer gave (the book's link works here too);
- PMESOCIAL_LRS_ENDPOINT, PMESOCIAL_LRS_AUTH, PMESOCIAL_LRS_ACCOUNT and optionally
  PMESOCIAL_LRS_REGISTRATION;
- a file lrs.json next to the record (or PMESOCIAL_LRS_CONFIG), holding {"launch": "…"}
  or the same four fields in lower case.
With none of them, nothing is sent and nothing changes.

Statements (rules/xapi.py) are queued in a file next to the record (dossier.json ->
dossier.xapi-attente.json), each with its id drawn once, then sent in order in the
background. An unreachable LRS leaves them queued for the next change or the next
`flush()`; a resend after a lost answer is harmless, since the LRS keeps one statement
per id. Statements the LRS refuses as malformed, or too big for its proxy (413), are
moved to dossier.xapi-refusees.json, never dropped; a refused batch is first sent again
one statement at a time, so one statement never holds the others back.
"""
from __future__ import annotations

import json
import os
import threading
import uuid
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from pmesocial.record import RecordListener, default_path, listen_to_every_store
from pmesocial.rules import xapi

BATCH = 100
QUEUE_BYTES = 200_000_000  # a queue is read whole: past this, something else is at its path
# the LRS's answers that refuse a statement itself (malformed, conflicting, too big for
# the proxy's body limit): resending it unchanged cannot help
REFUSED = (400, 409, 413)
# the first-use notice acknowledged, kept next to the record (kernel/notices.py shows it)
LRS_NOTICE_FILE = "lrs-avis.json"
NOT_QUEUED = "Vos résultats n'ont pas pu être mis en attente pour l'entrepôt d'apprentissage : {why}"
TIMEOUT = 5  # seconds: a trainee's widget never waits on a slow LRS (the send runs aside)
HEADERS = {"X-Experience-API-Version": xapi.VERSION, "Content-Type": "application/json"}


class LrsError(RuntimeError):
    """The LRS could not be reached or refused a request; the message is in French."""


# -- settings ------------------------------------------------------------------------

def _record_dir() -> Path:
    return default_path().parent


def settings() -> dict | None:
    """{endpoint, auth, account, registration}, or None when no LRS is configured.
    LaunchError (French) when the configuration is there but unusable."""
    env = os.environ
    if env.get("PMESOCIAL_LRS_LAUNCH"):
        link = env["PMESOCIAL_LRS_LAUNCH"]
        return xapi.parse_launch(link.split("?", 1)[1] if "?" in link else "")
    fields = {k: env.get(f"PMESOCIAL_LRS_{k.upper()}", "") for k in ("endpoint", "auth", "account", "registration")}
    if not fields["endpoint"]:
        path = Path(env.get("PMESOCIAL_LRS_CONFIG") or _record_dir() / "lrs.json")
        if not path.is_file():
            return None
        try:
            data = json.loads(path.read_text("utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError):
            raise xapi.LaunchError(f"Le fichier de réglages « {path.name} » de l'entrepôt d'apprentissage est illisible : "
                                   "demandez-en un nouveau à votre formateur.") from None
        if not isinstance(data, dict):
            data = {}
        if data.get("launch"):
            link = str(data["launch"])
            return xapi.parse_launch(link.split("?", 1)[1] if "?" in link else "")
        fields = {k: str(data.get(k, "")) for k in fields}
    actor = json.dumps({"objectType": "Agent", "account": {"name": fields["account"]}})
    return xapi.parse_launch(urlencode({"endpoint": fields["endpoint"], "auth": fields["auth"], "actor": actor,
                                        "registration": fields["registration"]}))


@lru_cache(maxsize=1)
def course_profile() -> dict:
    """The course as statements see it (the book carries the same JSON)."""
    from pmesocial.data.course import course_info
    from pmesocial.data.diagnostic import load_diagnostic
    from pmesocial.data.organisme import load_organisme

    dims = [d["id"] for d in load_diagnostic()["dimensions"]]
    return xapi.profile(course_info(), load_organisme()["xapi"], dims)


# -- the queue -------------------------------------------------------------------------

class StatementQueue:
    """Statements waiting for the LRS, in a JSON file next to the record, changed under a
    file lock and replaced atomically like the record itself."""

    def __init__(self, record_path: Path):
        from filelock import FileLock

        record_path = Path(record_path)
        self.path = record_path.with_name(f"{record_path.stem}.xapi-attente.json")
        self.refused_path = record_path.with_name(f"{record_path.stem}.xapi-refusees.json")
        self.lock = FileLock(str(self.path) + ".lock", timeout=10)

    def _read(self, path: Path) -> list[dict]:
        """The queued statements; StoreError (French) when the path is not a regular file
        (a FIFO there must not block the trainee's widget)."""
        from datetime import datetime

        from pmesocial.store_files import read_regular, set_aside

        data = read_regular(path, QUEUE_BYTES)
        if data is None:
            return []
        try:
            items = json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            # a damaged queue is set aside, not overwritten: its statements are not lost
            set_aside(path, path.with_name(f"{path.name}.illisible-{datetime.now().strftime('%Y%m%d-%H%M%S-%f')}"))
            return []
        return items if isinstance(items, list) else []

    def _write(self, path: Path, items: list[dict]) -> None:
        from pmesocial.store_files import replace_durably

        replace_durably(path, json.dumps(items).encode("ascii"))  # ASCII: any text, even a lone surrogate

    def add(self, statements: list[dict]) -> list[str]:
        """Queue statements, each with a new id; returns the ids."""
        stamped = [{**s, "id": str(uuid.uuid4())} for s in statements]
        with self.lock:
            self._write(self.path, self._read(self.path) + stamped)
        return [s["id"] for s in stamped]

    def pending(self) -> list[dict]:
        with self.lock:
            return self._read(self.path)

    def remove(self, ids: set[str], refused: bool = False) -> None:
        with self.lock:
            items = self._read(self.path)
            gone = [s for s in items if s.get("id") in ids]
            self._write(self.path, [s for s in items if s.get("id") not in ids])
            if refused and gone:
                self._write(self.refused_path, self._read(self.refused_path) + gone)


# -- sending ---------------------------------------------------------------------------

_sending = threading.Lock()


def _post(conf: dict, batch: list[dict]):
    import requests

    try:
        return requests.post(conf["endpoint"] + "statements", json=batch, timeout=TIMEOUT,
                             headers={**HEADERS, "Authorization": conf["auth"]})
    except requests.RequestException as exc:
        raise LrsError(f"L'entrepôt d'apprentissage ({conf['endpoint']}) ne répond pas : vos résultats restent "
                       f"en attente et partiront au prochain envoi.") from exc


def flush(record_path: Path | None = None, conf: dict | None = None) -> int:
    """Send every queued statement, in order, in batches; returns how many the LRS took.
    LrsError (French) when it cannot be reached or refuses the account; the rest stays queued."""
    conf = conf or settings()
    if conf is None:
        return 0
    queue = StatementQueue(record_path or default_path())
    sent = 0
    with _sending:
        while True:
            batch = queue.pending()[:BATCH]
            if not batch:
                return sent
            response = _post(conf, batch)
            if response.status_code in (200, 204):
                queue.remove({s["id"] for s in batch})
                sent += len(batch)
            elif response.status_code in (401, 403):
                raise LrsError("L'entrepôt d'apprentissage refuse l'identifiant du lien de lancement : "
                               "demandez un nouveau lien à votre formateur (vos résultats restent en attente).")
            elif response.status_code in REFUSED and len(batch) > 1:
                # one malformed statement must not hold the others back: send them one by one
                for statement in batch:
                    one = _post(conf, [statement])
                    if one.status_code in (200, 204):
                        queue.remove({statement["id"]})
                        sent += 1
                    elif one.status_code in REFUSED:
                        queue.remove({statement["id"]}, refused=True)
                    else:
                        raise LrsError(f"L'entrepôt d'apprentissage a répondu {one.status_code} : "
                                       "vos résultats restent en attente.")
            elif response.status_code in REFUSED:
                queue.remove({batch[0]["id"]}, refused=True)
            else:
                raise LrsError(f"L'entrepôt d'apprentissage a répondu {response.status_code} : "
                               "vos résultats restent en attente.")


def read_statements(endpoint: str, auth: str, registration: str | None = None) -> list[dict]:
    """Every statement the account may read (of one registration, a group's session),
    following the LRS's pages. LrsError (French) when it cannot."""
    import requests

    endpoint = endpoint if endpoint.endswith("/") else endpoint + "/"
    url = endpoint + "statements" + (f"?{urlencode({'registration': registration})}" if registration else "")
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(endpoint))
    found = []
    while url:
        try:
            response = requests.get(url, timeout=60, headers={"X-Experience-API-Version": xapi.VERSION,
                                                               "Authorization": auth})
        except requests.RequestException as exc:
            raise LrsError(f"L'entrepôt d'apprentissage ({endpoint}) ne répond pas.") from exc
        if response.status_code in (401, 403):
            raise LrsError("L'entrepôt d'apprentissage refuse la lecture à cet identifiant : il faut le compte "
                           "du formateur (lecture), pas celui d'un stagiaire (écriture seule).")
        if response.status_code != 200:
            raise LrsError(f"L'entrepôt d'apprentissage a répondu {response.status_code} à la lecture.")
        page = response.json()
        found += page.get("statements", [])
        more = page.get("more") or ""
        url = (origin + more if more.startswith("/") else more) if more else ""
    return found


def _flush_quietly(record_path: Path, conf: dict) -> None:
    from pmesocial.store_files import StoreError

    try:
        flush(record_path, conf)
    except (LrsError, StoreError):
        pass  # stays queued; the next change or flush() tries again (the widget told the trainee)


def emit(event: dict, before: dict, after: dict, record_path: Path, wait: bool = False) -> list[str]:
    """Queue the statements of one change and send them aside (ids of the queued ones)."""
    conf = settings()
    if conf is None:
        return []
    from datetime import UTC, datetime

    at = datetime.now(UTC).isoformat(timespec="milliseconds")  # statements of one second keep their order
    made = xapi.statements(event, before, after, course_profile(), conf, at, "JupyterLab")
    if not made:
        return []
    ids = StatementQueue(record_path).add(made)
    worker = threading.Thread(target=_flush_quietly, args=(Path(record_path), conf), daemon=True)
    worker.start()
    if wait:
        worker.join()
    return ids


def _seen_path() -> Path:
    return _record_dir() / LRS_NOTICE_FILE


def notice_seen(conf: dict) -> bool:
    from pmesocial.store_files import StoreError, read_regular

    try:  # a regular file only: a FIFO there would block the view
        return json.loads(read_regular(_seen_path(), 10_000) or b"null") == f"{conf['endpoint']}|{conf['account']}"
    except (StoreError, ValueError):
        return False


def acknowledge(conf: dict) -> None:
    """StoreError (French) when it cannot be kept (full disk, read-only folder)."""
    from pmesocial.store_files import replace_durably

    replace_durably(_seen_path(), json.dumps(f"{conf['endpoint']}|{conf['account']}").encode())


def notice_paragraphs(conf: dict) -> list[str]:
    """The first-use notice (rules/xapi.notice, the book shows the same), for this kernel."""
    paragraphs = course_profile()["notice"]["paragraphs"]
    return [xapi.fill_notice(p, conf, "sur cet ordinateur") for p in paragraphs]


# -- the record store's listener ---------------------------------------------------------

class XapiListener(RecordListener):
    """Turns the events a record store announces into queued xAPI statements, and names
    the files it keeps beside the record (erased with it: « Effacer mon dossier »)."""

    def changed(self, event: dict, before: dict, after: dict, record_path: Path) -> str | None:
        from pmesocial.store_files import StoreError

        try:
            emit(event, before, after, record_path)
        except xapi.LaunchError as exc:
            return str(exc)
        except StoreError as exc:
            return NOT_QUEUED.format(why=exc)
        return None

    def own_files(self, record_path: Path) -> list[str]:
        stem = Path(record_path).stem
        return [f"{stem}.xapi-attente.json*", f"{stem}.xapi-refusees.json*", LRS_NOTICE_FILE]

    def holding(self, record_path: Path):
        return StatementQueue(record_path).lock


listen_to_every_store(XapiListener())

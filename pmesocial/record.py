"""The trainee's record: answers, scores, diagnostic, satisfaction, as versioned JSON.

In a kernel it is one file (default ~/.pmesocial/dossier.json, or $PMESOCIAL_RECORD):
every change is a read-modify-write under a file lock (filelock), written to a temporary
file and moved into place (os.replace), so two notebooks saving at once lose nothing and
the file is never half-written. A corrupt or foreign file is never overwritten: it is
moved aside, reported in French, and a new record starts. The book keeps the same JSON in
localStorage (static/pmesocial/record.js), so a trainer can gather records from either.
"""
from __future__ import annotations

import copy
import json
import os
from datetime import datetime, timezone
from pathlib import Path

from filelock import FileLock

from .validation import validator

FORMAT, VERSION = "pmesocial-record", 1


class RecordError(ValueError):
    """A record that cannot be read; the message is for the trainee, in French."""


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def new_record() -> dict:
    stamp = now()
    return {"format": FORMAT, "version": VERSION, "trainee": {"name": "", "company": ""},
            "started": stamp, "updated": stamp, "exercises": {}}


def parse_record(text: str) -> dict:
    """JSON text -> record, or RecordError saying in French what is wrong with it."""
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, TypeError):
        raise RecordError("Ce fichier n'est pas un dossier lisible (JSON invalide ou tronqué).") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise RecordError("Ce fichier n'est pas un dossier du cours « Médias sociaux et PME ».")
    if isinstance(data.get("version"), int) and data["version"] > VERSION:
        raise RecordError("Ce dossier vient d'une version plus récente du cours : mettez le cours à jour.")
    problems = list(validator("record.schema.json").iter_errors(data))
    if problems:
        where = "/".join(map(str, problems[0].absolute_path)) or "racine"
        raise RecordError(f"Ce dossier est endommagé (partie « {where} ») et ne peut pas être utilisé.")
    return data


def default_path() -> Path:
    return Path(os.environ.get("PMESOCIAL_RECORD") or Path.home() / ".pmesocial" / "dossier.json")


class RecordStore:
    def __init__(self, path: Path | None = None):
        self.path = Path(path) if path else default_path()
        self.lock = FileLock(str(self.path) + ".lock", timeout=10)
        self.notices: list[str] = []

    def _set_aside(self, reason: str) -> None:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        aside = self.path.with_name(f"{self.path.stem}.illisible-{stamp}{self.path.suffix}")
        self.path.replace(aside)
        self.notices.append(f"{reason} Il a été mis de côté sous le nom « {aside.name} » "
                            f"(rien n'a été effacé) ; un nouveau dossier commence.")

    def _read(self) -> dict:
        if not self.path.exists():
            return new_record()
        try:
            return parse_record(self.path.read_text("utf-8"))
        except (RecordError, UnicodeDecodeError) as exc:
            self._set_aside(f"Votre dossier ({self.path.name}) n'a pas pu être lu : {exc}")
            return new_record()

    def _write(self, record: dict) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(record, ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(tmp, self.path)

    def load(self) -> dict:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.lock:
            return self._read()

    def update(self, change) -> dict:
        """Apply `change(record)` to the latest record on disk, under the lock."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.lock:
            record = self._read()
            change(record)
            record["updated"] = now()
            self._write(record)
            return copy.deepcopy(record)

    # -- what the front ends save ---------------------------------------------------
    def save_exercise(self, bank_id: str, question_id: str, answer, score: int, top: int) -> dict:
        def change(record):
            entry = record.setdefault("exercises", {}).setdefault(bank_id, {"answers": {}, "results": {}})
            entry.setdefault("answers", {})[question_id] = answer
            entry.setdefault("results", {})[question_id] = {"score": score, "max": top}
            entry["updated"] = now()
        return self.update(change)

    def forget_exercise(self, bank_id: str, question_id: str) -> dict:
        def change(record):
            entry = record.get("exercises", {}).get(bank_id, {})
            entry.get("answers", {}).pop(question_id, None)
            entry.get("results", {}).pop(question_id, None)
        return self.update(change)

    def save_section(self, section: str, value: dict) -> dict:
        def change(record):
            record[section] = {**value, "updated": now()}
        return self.update(change)

    def set_trainee(self, name: str, company: str) -> dict:
        def change(record):
            record["trainee"] = {"name": name[:1000], "company": company[:1000]}
        return self.update(change)

    # -- export / import ------------------------------------------------------------
    def export_text(self) -> str:
        return json.dumps(self.load(), ensure_ascii=False, indent=1)

    def import_text(self, text: str) -> dict:
        """Replace the record by an imported one; the current one is kept aside first."""
        record = parse_record(text)
        with self.lock:
            if self.path.exists():
                stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
                self.path.replace(self.path.with_name(f"{self.path.stem}.avant-import-{stamp}{self.path.suffix}"))
            self._write(record)
        return record


_store: RecordStore | None = None


def default_store() -> RecordStore:
    global _store
    if _store is None or _store.path != default_path():
        _store = RecordStore()
    return _store

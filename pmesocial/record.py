"""The trainee's record: answers, first attempts, drafts, forms, diagnostic, as versioned JSON.

Two layers. The *changes* (an attempt, a draft, a solution seen, a form saved) are pure
functions of a record, mirrored one to one by static/pmesocial/record.js and checked
against the same vectors (tests/vectors/record.json). The *store* keeps the record: in a
kernel one file (default ~/.pmesocial/dossier.json, or $PMESOCIAL_RECORD), where every
change is a read-modify-write under a file lock (filelock), written to a temporary file
and moved into place (os.replace), so two notebooks saving at once lose nothing and the
file is never half-written. A corrupt or foreign file is never overwritten: it is moved
aside, reported in French, and a new record starts. The book keeps the same JSON in
localStorage, so a trainer can gather records from either.

Practice and proof: `answers`/`results` hold the latest checked answer (what a page shows
again); `first` holds each question's first checked attempt, never overwritten, which is
what the evaluation counts; a solution shown before any attempt leaves
`{"solution_first": true}` there instead. `drafts` hold choices not yet checked.
"""
from __future__ import annotations

import copy
import json
import os
from datetime import UTC, datetime
from pathlib import Path

from pmesocial.data.validation import fast_check, validator

FORMAT, VERSION = "pmesocial-record", 2
# The trainer's judgement of a trainee's productions, a small file the trainee imports
# (« Mon dossier »): it adds to the record, it never replaces it.
VALIDATION_FORMAT, VALIDATION_VERSION = "pmesocial-validation", 1
VALIDATION_IMPORTED = ("Validation de votre formateur ajoutée à votre dossier : votre bilan, votre attestation et votre "
                       "carnet la montrent. Vos réponses n'ont pas changé.")  # record.js says the same (vectors)
TEXT_LIMIT = 1000


class RecordError(ValueError):
    """A record that cannot be read; the message is for the trainee, in French."""


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def new_record(at: str | None = None) -> dict:
    stamp = at or now()
    return {"format": FORMAT, "version": VERSION, "trainee": {"name": "", "company": ""},
            "started": stamp, "updated": stamp, "exercises": {}}


# -- pure changes (mirrored by record.js) -------------------------------------------
def _entry(record: dict, key: str) -> dict:
    return record.setdefault("exercises", {}).setdefault(key, {})


def apply_attempt(record: dict, key: str, qid: str, answer, score: int, top: int, at: str) -> dict:
    """A checked answer: shown again next time; the first one is kept as evidence."""
    entry = _entry(record, key)
    entry.setdefault("answers", {})[qid] = answer
    entry.setdefault("results", {})[qid] = {"score": score, "max": top}
    entry.setdefault("first", {}).setdefault(qid, {"score": score, "max": top, "at": at})
    entry.get("drafts", {}).pop(qid, None)
    entry["updated"] = at
    return record


def apply_draft(record: dict, key: str, qid: str, answer, at: str) -> dict:
    """A choice made but not checked: kept across reloads, counted for nothing."""
    entry = _entry(record, key)
    drafts = entry.setdefault("drafts", {})
    if answer is None or answer == "" or answer == [] or answer == {}:
        drafts.pop(qid, None)
    else:
        drafts[qid] = answer
    entry["updated"] = at
    return record


def apply_solution_seen(record: dict, key: str, qid: str, at: str) -> dict:
    """Seeing the solution before any attempt: the question will not be evaluated."""
    entry = _entry(record, key)
    entry.setdefault("first", {}).setdefault(qid, {"solution_first": True, "at": at})
    entry["updated"] = at
    return record


def apply_reset(record: dict, key: str, qid: str, at: str) -> dict:
    """« Recommencer »: the question is blank again; its first attempt stays."""
    entry = _entry(record, key)
    for part in ("answers", "results", "drafts"):
        entry.get(part, {}).pop(qid, None)
    entry["updated"] = at
    return record


def apply_submit(record: dict, key: str, attempts: dict, at: str) -> dict:
    """A test handed in at once: {question id: [answer, score, max]}; an unanswered
    question (answer None) counts as a first attempt with no point."""
    entry = _entry(record, key)
    for qid, (answer, score, top) in attempts.items():
        if answer is None:
            entry.setdefault("first", {}).setdefault(qid, {"score": 0, "max": top, "at": at})
        else:
            apply_attempt(record, key, qid, answer, score, top, at)
    entry.setdefault("submitted", at)
    entry["drafts"] = {}
    entry["updated"] = at
    return record


def apply_form(record: dict, form_id: str, values: dict, submitted: bool, at: str) -> dict:
    """A questionnaire's values (needs, satisfaction, plan, cold evaluation); `submitted`
    when the trainee pressed « Enregistrer », otherwise a draft."""
    form = record.setdefault("forms", {}).setdefault(form_id, {})
    form["values"] = copy.deepcopy(values)
    if submitted:
        form["submitted"] = at
    form["updated"] = at
    return record


def apply_form_changes(record: dict, form_id: str, changes: dict, submitted: bool, at: str) -> dict:
    """The fields a trainee changed in one view of a questionnaire ({field id: value}, None
    for a field emptied), merged into the latest saved values: the fields another view (a
    tab, a notebook) saved meanwhile are kept. `submitted` as in apply_form."""
    form = record.setdefault("forms", {}).setdefault(form_id, {})
    values = form.setdefault("values", {})
    for field, value in changes.items():
        if value is None:
            values.pop(field, None)
        else:
            values[field] = copy.deepcopy(value)
    if submitted:
        form["submitted"] = at
    form["updated"] = at
    return record


def apply_diagnostic(record: dict, part: str, key: str, value, at: str) -> dict:
    """One answer of the self-diagnostic: an item's level (part "answers") or a
    dimension's importance (part "importance"); None clears it. The other answers, maybe
    given in another view, stay."""
    diag = record.setdefault("diagnostic", {})
    diag.setdefault("answers", {})
    diag.setdefault("importance", {})
    if value is None:
        diag[part].pop(key, None)
    else:
        diag[part][key] = value
    diag["updated"] = at
    return record


def apply_self_positioning(record: dict, phase: str, module: str, value) -> dict:
    """Where the trainee places themself on one module (0 to 4; None clears it), at entry
    or exit; the other modules stay."""
    positions = record.setdefault("self_positioning", {}).setdefault(phase, {})
    if value is None:
        positions.pop(module, None)
    else:
        positions[module] = value
    return record


def apply_attestation(record: dict, statuses: dict, at: str) -> dict:
    """An attestation issued: the objectives' statuses it showed ({objective id: status}),
    kept once per change of them (the training body is told once per attestation)."""
    if record.get("attestation", {}).get("statuses") != statuses:
        record["attestation"] = {"statuses": copy.deepcopy(statuses), "issued": at}
    return record


def apply_validations(record: dict, productions: dict) -> dict:
    """The trainer's judgement of productions ({rubric id: validation}), as their
    validation file brings it: each production's latest judgement replaces the earlier one;
    the trainee's own work is not touched."""
    record.setdefault("validations", {}).update(copy.deepcopy(productions))
    return record


def apply_trainee(record: dict, name: str, company: str) -> dict:
    record["trainee"] = {**record.get("trainee", {}), "name": str(name)[:TEXT_LIMIT],
                         "company": str(company)[:TEXT_LIMIT]}
    return record


def migrate(data: dict) -> dict:
    """Version 1 records (before first attempts were kept): their answers stay, but none
    counts as evidence; their satisfaction becomes a form."""
    if data.get("version") != 1:
        return data
    data = copy.deepcopy(data)
    data["version"] = VERSION
    old = data.pop("satisfaction", None)
    if old:
        values = {**old.get("ratings", {}), **({"commentaire": old["comment"]} if old.get("comment") else {})}
        data.setdefault("forms", {})["satisfaction"] = {"values": values, "submitted": old.get("updated", data["updated"]),
                                                       "updated": old.get("updated", data["updated"])}
    return data


def parse_record(text: str) -> dict:
    """JSON text -> record (migrated to the current version), or RecordError saying in
    French what is wrong with it."""
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, TypeError):
        raise RecordError("Ce fichier n'est pas un dossier lisible (JSON invalide ou tronqué).") from None
    return check_record(data)


def parse_validation(data) -> dict:
    """A trainer's validation file (already parsed JSON) -> {"record_started", "trainee",
    "productions"}, or RecordError. `record_started` names the record it judges (its
    `started` stamp), so that a group view puts it on the right trainee."""
    if not isinstance(data, dict) or data.get("format") != VALIDATION_FORMAT:
        raise RecordError("Ce fichier n'est pas une validation du cours « Médias sociaux et PME ».")
    if data.get("version") != VALIDATION_VERSION:
        raise RecordError("Cette validation vient d'une autre version du cours : mettez le cours à jour.")
    productions, started = data.get("productions"), data.get("record_started", "")
    probe = {**new_record("2026-01-01T00:00:00+00:00"), "validations": productions}
    if (not isinstance(productions, dict) or not productions or not fast_check("record.schema.json")(probe)
            or not isinstance(started, str) or len(started) > 40):
        raise RecordError("Cette validation est endommagée et ne peut pas être utilisée.")
    name = data.get("trainee", {}).get("name", "") if isinstance(data.get("trainee"), dict) else ""
    return {"record_started": started, "trainee": {"name": str(name)[:TEXT_LIMIT]}, "productions": productions}


def check_validation_for(record: dict, validation: dict) -> dict:
    """A validation may only be added to the record it judges (same `started` stamp): the
    productions to add, or RecordError saying in French whose record it is."""
    from pmesocial.rules.formatting import date_fr

    started = validation.get("record_started") or ""
    if not started:
        raise RecordError("Cette validation ne dit pas quel dossier elle concerne : demandez-en une autre à votre "
                          "formateur.")
    if started != record.get("started"):
        raise RecordError(f"Cette validation concerne un autre dossier (commencé le {date_fr(started[:10])}) que "
                          f"celui de ce poste (commencé le {date_fr(str(record.get('started', ''))[:10])}) : rien "
                          "n'a été ajouté. Demandez à votre formateur la validation de votre dossier.")
    return validation["productions"]


def carry_validations(current: dict | None, imported: dict) -> dict:
    """A record imported over the same record (same `started`) keeps the trainer's
    validations the current one holds, unless it brings newer ones for the same production."""
    if current and current.get("started") == imported.get("started") and current.get("validations"):
        imported = copy.deepcopy(imported)
        imported["validations"] = {**current["validations"], **imported.get("validations", {})}
    return imported


def validation_file(record: dict, productions: dict, label: str, at: str) -> dict:
    """The file a trainer gives a trainee: their productions' judgement, naming the record."""
    return {"format": VALIDATION_FORMAT, "version": VALIDATION_VERSION, "issued": at,
            "trainee": {"name": str(label)[:TEXT_LIMIT]}, "record_started": record.get("started", ""),
            "productions": copy.deepcopy(productions)}


def parse_import(text: str) -> tuple[str, dict]:
    """What a trainee imports: ("record", record) or ("validation", the parsed validation)."""
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, TypeError):
        raise RecordError("Ce fichier n'est pas un dossier lisible (JSON invalide ou tronqué).") from None
    if isinstance(data, dict) and data.get("format") == VALIDATION_FORMAT:
        return "validation", parse_validation(data)
    return "record", check_record(data)


def check_record(data) -> dict:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise RecordError("Ce fichier n'est pas un dossier du cours « Médias sociaux et PME ».")
    if isinstance(data.get("version"), int) and data["version"] > VERSION:
        raise RecordError("Ce dossier vient d'une version plus récente du cours : mettez le cours à jour.")
    data = migrate(data)
    if fast_check("record.schema.json")(data):
        return data
    problems = sorted(validator("record.schema.json").iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    if problems:
        where = "/".join(map(str, problems[0].absolute_path)) or "racine"
        raise RecordError(f"Ce dossier est endommagé (partie « {where} ») et ne peut pas être utilisé.")
    return data


# -- the store (kernel side) -----------------------------------------------------------
def default_path() -> Path:
    return Path(os.environ.get("PMESOCIAL_RECORD") or Path.home() / ".pmesocial" / "dossier.json")


class RecordStore:
    def __init__(self, path: Path | None = None):
        from filelock import FileLock  # a store is opened by the widgets, not by a module's first cell

        self.path = Path(path) if path else default_path()
        self.lock = FileLock(str(self.path) + ".lock", timeout=10)
        self.notices: list[str] = []
        # the last text that passed check_record: the widgets of a notebook read the same
        # record again and again, and checking a full one against the schema takes ~75 ms
        self._checked_text: str | None = None

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
            text = self.path.read_text("utf-8")
            if text == self._checked_text:  # the same text passes the same checks
                return migrate(json.loads(text))
            record = parse_record(text)
            self._checked_text = text
            return record
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

    def update(self, change, event: dict | None = None) -> dict:
        """Apply `change(record)` to the latest record on disk, under the lock; an `event`
        (what the trainee did) also goes to the training body's LRS when one is configured."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.lock:
            record = self._read()
            before = copy.deepcopy(record) if event else None
            change(record)
            record["updated"] = now()
            self._write(record)
            after = copy.deepcopy(record)
        if event:
            self._emit(event, before, after)
        return after

    def _emit(self, event: dict, before: dict, after: dict) -> None:
        from pmesocial import lrs  # stdlib only until something is sent
        from pmesocial.rules.xapi import LaunchError

        try:
            lrs.emit(event, before, after, self.path)
        except LaunchError as exc:
            if str(exc) not in self.notices:
                self.notices.append(str(exc))


    # -- what the front ends save ---------------------------------------------------
    # each change that means something to the training body names its xAPI event
    def save_attempt(self, key: str, qid: str, answer, score: int, top: int, seconds: float | None = None) -> dict:
        event = {"type": "attempt", "bank": key, "question": qid, "score": score, "max": top, "duration": seconds}
        return self.update(lambda r: apply_attempt(r, key, qid, answer, score, top, now()), event)

    def save_draft(self, key: str, qid: str, answer) -> dict:
        return self.update(lambda r: apply_draft(r, key, qid, answer, now()))

    def solution_seen(self, key: str, qid: str) -> dict:
        return self.update(lambda r: apply_solution_seen(r, key, qid, now()),
                           {"type": "solution", "bank": key, "question": qid})

    def reset_question(self, key: str, qid: str) -> dict:
        return self.update(lambda r: apply_reset(r, key, qid, now()))

    def submit_test(self, key: str, attempts: dict, seconds: float | None = None) -> dict:
        event = {"type": "submit", "bank": key, "attempts": attempts, "duration": seconds}
        return self.update(lambda r: apply_submit(r, key, attempts, now()), event)

    def save_form(self, form_id: str, values: dict, submitted: bool) -> dict:
        return self.update(lambda r: apply_form(r, form_id, values, submitted, now()),
                           {"type": "form", "form": form_id, "submitted": submitted})

    def save_form_changes(self, form_id: str, changes: dict, submitted: bool) -> dict:
        """Only the fields changed in a view, applied to the latest record under the lock."""
        return self.update(lambda r: apply_form_changes(r, form_id, changes, submitted, now()),
                           {"type": "form", "form": form_id, "submitted": submitted})

    def save_diagnostic(self, part: str, key: str, value) -> dict:
        return self.update(lambda r: apply_diagnostic(r, part, key, value, now()), {"type": "diagnostic"})

    def save_self_positioning(self, phase: str, module: str, value) -> dict:
        return self.update(lambda r: apply_self_positioning(r, phase, module, value))

    def save_section(self, section: str, value: dict) -> dict:
        def change(record):
            record[section] = {**value, "updated": now()}
        return self.update(change, {"type": section} if section == "diagnostic" else None)

    def attestation_issued(self, statuses: dict) -> dict:
        return self.update(lambda r: apply_attestation(r, statuses, now()), {"type": "attestation"})

    def set_trainee(self, name: str, company: str) -> dict:
        return self.update(lambda r: apply_trainee(r, name, company))

    # -- export / import ------------------------------------------------------------
    def export_text(self) -> str:
        return json.dumps(self.load(), ensure_ascii=False, indent=1)

    def import_file(self, text: str) -> tuple[str, dict]:
        """A file the trainee imports: a record replaces theirs (kept aside first); a
        trainer's validation is added to theirs. ("record" | "validation", the record now)."""
        kind, data = parse_import(text)
        if kind == "validation":
            return kind, self.update(lambda r: apply_validations(r, check_validation_for(r, data)))
        return kind, self.import_text(text)

    def import_text(self, text: str) -> dict:
        """Replace the record by an imported one; the current one is kept aside first (and
        its trainer's validations carried over when it is the same record)."""
        record = parse_record(text)
        with self.lock:
            if self.path.exists():
                try:
                    record = carry_validations(self._read(), record)
                except RecordError:
                    pass
                stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
                if self.path.exists():
                    self.path.replace(self.path.with_name(f"{self.path.stem}.avant-import-{stamp}{self.path.suffix}"))
            self._write(record)
        return record

    # -- erasure (« Effacer mon dossier ») ------------------------------------------
    def own_files(self) -> list[Path]:
        """Every file this store wrote next to the record: the record, its set-aside copies
        (unreadable, before an import), the statements not yet sent or refused by the LRS,
        the notices seen. Named one by one: the folder may hold the trainee's own files."""
        stem, suffix, folder = self.path.stem, self.path.suffix, self.path.parent
        patterns = [self.path.name, f"{stem}.illisible-*{suffix}", f"{stem}.avant-import-*{suffix}",
                    f"{stem}.xapi-attente.json*", f"{stem}.xapi-refusees.json*", f".{self.path.name}.*.tmp",
                    *OWN_NOTICE_FILES]
        return sorted({p for pattern in patterns for p in folder.glob(pattern) if p.is_file()})

    def erase(self) -> list[Path]:
        """Delete the record and every copy of it on this computer; what was erased. The
        LRS settings (lrs.json) stay: they are the training body's, not the trainee's."""
        from pmesocial.lrs import StatementQueue  # its sender may be writing the queue

        with self.lock, StatementQueue(self.path).lock:
            gone = self.own_files()
            for path in gone:
                path.unlink(missing_ok=True)
            self._checked_text = None
            self.notices.clear()
        Path(self.lock.lock_file).unlink(missing_ok=True)
        return [p for p in gone if not p.name.endswith(".lock")]


# the first-use notices acknowledged, kept next to the record (pmesocial.lrs, kernel/notices.py)
LRS_NOTICE_FILE, PRIVACY_NOTICE_FILE = "lrs-avis.json", "avis-donnees.json"
OWN_NOTICE_FILES = (LRS_NOTICE_FILE, PRIVACY_NOTICE_FILE)

_store: RecordStore | None = None


def default_store() -> RecordStore:
    global _store
    if _store is None or _store.path != default_path():
        _store = RecordStore()
    return _store

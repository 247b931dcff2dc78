"""The trainee's record: answers, first attempts, drafts, forms, diagnostic, as versioned JSON.

Two layers. The *changes* (an attempt, a draft, a solution seen, a form saved) are pure
functions of a record, mirrored one to one by static/pmesocial/rules/record.js and checked
against the same vectors (tests/vectors/record.json). The *store* keeps the record: in a
kernel one file (default ~/.pmesocial/dossier.json, or $PMESOCIAL_RECORD), where every
change is a read-modify-write under a file lock (filelock), written whole to a temporary
file, flushed to the disk and moved into place (store_files.py), so two notebooks saving
at once lose nothing and the file is never half-written. Only a regular file is read,
replaced or set aside. A corrupt or foreign file is never overwritten: it is moved aside,
reported in French, and a new record starts. A change the disk refuses (full, read-only,
an odd path) stays in memory, is shown and exported, and is written with the next change
that can be; the trainee is told in every view. What a file may hold (size, encoding,
depth, numbers, scores) is limits.py's, the same as the book's. The book keeps the same
JSON in localStorage, so a trainer can gather records from either.

Practice and proof: `answers`/`results` hold the latest checked answer (what a page shows
again); `first` holds each question's first checked attempt, never overwritten, which is
what the evaluation counts; a solution shown before any attempt leaves
`{"solution_first": true}` there instead. `drafts` hold choices not yet checked.
"""
from __future__ import annotations

import copy
import json
import os
from contextlib import ExitStack, contextmanager, nullcontext
from datetime import UTC, datetime
from pathlib import Path

from pmesocial.data.validation import fast_check, validator
from pmesocial.limits import (
    DAMAGED,
    LIMITS,
    RecordError,
    decode_file,
    load_json,
    plain_json_agrees,
    points_problem,
    well_formed,
    where,
)
from pmesocial.store_files import StoreError, read_regular, replace_durably, set_aside, write_new

FORMAT, VERSION = "pmesocial-record", 2
# The trainer's judgement of a trainee's productions, a small file the trainee imports
# (« Mon dossier »): it adds to the record, it never replaces it.
VALIDATION_FORMAT, VALIDATION_VERSION = "pmesocial-validation", 1
VALIDATION_IMPORTED = ("Validation de votre formateur ajoutée à votre dossier : votre bilan, votre attestation et votre "
                       "carnet la montrent. Vos réponses n'ont pas changé.")  # record.js says the same (vectors)
TEXT_LIMIT = 1000


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


def apply_trainee(record: dict, name: str | None, company: str | None) -> dict:
    """The trainee's name and company; None leaves a field as it is, so that a view changes
    only what its trainee typed (another tab or notebook may have set the other one)."""
    trainee = {**record.get("trainee", {})}
    for key, value in (("name", name), ("company", company)):
        if value is not None:
            trainee[key] = str(value)[:TEXT_LIMIT]
    trainee.setdefault("name", "")
    trainee.setdefault("company", "")
    record["trainee"] = trainee
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
    French what is wrong with it (pmesocial/limits.py: what a file may hold)."""
    return check_record(load_json(text))


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
    data = load_json(text)
    if isinstance(data, dict) and data.get("format") == VALIDATION_FORMAT:
        return "validation", parse_validation(data)
    return "record", check_record(data)


def check_record(data) -> dict:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise RecordError("Ce fichier n'est pas un dossier du cours « Médias sociaux et PME ».")
    if isinstance(data.get("version"), int) and data["version"] > VERSION:
        raise RecordError("Ce dossier vient d'une version plus récente du cours : mettez le cours à jour.")
    data = migrate(data)
    if not fast_check("record.schema.json")(data):
        problems = sorted(validator("record.schema.json").iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
        if problems:
            raise RecordError(DAMAGED.format(where=where(list(problems[0].absolute_path))))
    wrong = points_problem(data)  # what the schema cannot say: a score within its maximum
    if wrong:
        raise RecordError(DAMAGED.format(where=where(wrong)))
    return data


# -- the store (kernel side) -----------------------------------------------------------
def default_path() -> Path:
    return Path(os.environ.get("PMESOCIAL_RECORD") or Path.home() / ".pmesocial" / "dossier.json")


def encode(record: dict) -> bytes:
    """The record's file: UTF-8 JSON, any lone surrogate (which UTF-8 cannot hold)
    replaced first, so that writing it never fails half-way."""
    try:
        return json.dumps(record, ensure_ascii=False, indent=1, allow_nan=False).encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(well_formed(record), ensure_ascii=False, indent=1, allow_nan=False).encode("utf-8")


# What the trainee reads when their record cannot be kept on the disk.
UNUSABLE = ("Votre dossier ne peut être ni lu ni enregistré : {why} Vos réponses restent dans ce notebook tant "
            "qu'il est ouvert. Exportez votre dossier (lien ci-dessous) pour les garder.")
NOT_SAVED = ("Vos dernières réponses n'ont pas été enregistrées : {why} Elles restent dans ce notebook tant qu'il est "
             "ouvert. Exportez votre dossier (lien ci-dessous) pour les garder ; elles seront enregistrées à votre "
             "prochaine réponse si le problème est réglé.")
BUSY = "votre dossier est occupé par un autre notebook depuis plus de 10 secondes."


class RecordListener:
    """What a store tells of itself: each change the trainee makes (an *event*, with the
    record before and after it), the files the listener keeps beside the record (erased
    with it), and the lock it holds on them. The xAPI sender (pmesocial/lrs.py) is one;
    the store knows nothing of what a listener does, so record.py imports none of them."""

    def changed(self, event: dict, before: dict, after: dict, record_path: Path) -> str | None:
        """Called after a change is applied; a French notice for the trainee, or None."""
        return None

    def own_files(self, record_path: Path) -> list[str]:
        """Glob patterns, beside the record, of the files this listener writes."""
        return []

    def holding(self, record_path: Path):
        """A context held while the store erases the record (the listener's own lock)."""
        return nullcontext()


_EVERY_STORE: list[RecordListener] = []


def listen_to_every_store(listener: RecordListener) -> None:
    """Give `listener` to every store made from now on (pmesocial/lrs.py does it for the LRS)."""
    if listener not in _EVERY_STORE:
        _EVERY_STORE.append(listener)


class RecordStore:
    """The trainee's record in one file, changed under a lock. A change that cannot reach
    the disk (full disk, read-only folder, odd path) is kept in memory and replayed on
    every read, so the notebook goes on showing it and exports it; it is written with the
    next change that can be. The trainee is told, in French, in every view (store.notices,
    kernel/store_notices.py)."""

    def __init__(self, path: Path | None = None):
        from filelock import FileLock  # a store is opened by the widgets, not by a module's first cell

        self.path = Path(path) if path else default_path()
        self.lock = FileLock(str(self.path) + ".lock", timeout=10)
        self.notices: list[str] = []
        # the last text that passed check_record: the widgets of a notebook read the same
        # record again and again, and checking a full one against the schema takes ~75 ms
        self._checked_text: str | None = None
        self._pending: list = []  # changes not on the disk yet, in order
        self._fresh: dict | None = None  # the new record of this session while the disk has none
        self._not_saved: str | None = None  # the notice of `_pending`, replaced as it changes
        self._watchers: list = []
        self.listeners: list[RecordListener] = list(_EVERY_STORE)

    # -- notices -------------------------------------------------------------------------
    @property
    def unsaved(self) -> bool:
        """Some changes are only in this kernel's memory (the views offer the export)."""
        return bool(self._pending)

    def watch(self, callback) -> None:
        """Call `callback()` whenever the notices or the unsaved changes change."""
        self._watchers.append(callback)

    def _changed(self) -> None:
        for callback in list(self._watchers):
            callback()

    def _tell(self, text: str) -> None:
        if text not in self.notices:
            self.notices.append(text)
            self._changed()

    def _tell_not_saved(self, why: str) -> None:
        if self._not_saved in self.notices:
            self.notices.remove(self._not_saved)
        self._not_saved = NOT_SAVED.format(why=why)
        self.notices.append(self._not_saved)
        self._changed()

    def _saved(self) -> None:
        self._pending.clear()
        if self._not_saved in self.notices:
            self.notices.remove(self._not_saved)
            self._changed()
        self._not_saved = None

    # -- reading -------------------------------------------------------------------------
    @contextmanager
    def _locked(self):
        """The lock, or (when it cannot be taken: read-only folder, full disk, another
        notebook holding it) none, and why in French. Reading needs no lock: the record is
        only ever replaced whole."""
        from filelock import Timeout

        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.lock.acquire()
        except Timeout:
            yield BUSY
            return
        except OSError as exc:
            from pmesocial.store_files import reason

            yield f"« {self.path.parent} » ne peut pas recevoir votre dossier : {reason(exc)}."
            return
        try:
            yield None
        finally:
            self.lock.release()

    def _set_aside(self, reason: str) -> None:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        aside = self.path.with_name(f"{self.path.stem}.illisible-{stamp}{self.path.suffix}")
        set_aside(self.path, aside)
        self._tell(f"{reason} Il a été mis de côté sous le nom « {aside.name} » "
                   f"(rien n'a été effacé) ; un nouveau dossier commence.")

    def _read_disk(self) -> tuple[dict | None, bool]:
        """The record on the disk (None when there is none yet), and whether the course
        may replace what is at its path."""
        try:
            data = read_regular(self.path, LIMITS["file_bytes"])
        except StoreError as exc:
            self._tell(UNUSABLE.format(why=exc))
            return None, False
        if data is None:
            return None, True
        try:
            text = decode_file(data)
            if text == self._checked_text:  # the same text passes the same checks
                return migrate(json.loads(text)), True
            record = parse_record(text)
            self._checked_text = text if plain_json_agrees(text) else None
            return record, True
        except RecordError as exc:
            problem = f"Votre dossier ({self.path.name}) n'a pas pu être lu : {exc}"
            try:
                self._set_aside(problem)
            except StoreError as stuck:  # it stays where it is, and nothing is written over it
                self._tell(UNUSABLE.format(why=f"{problem} Il n'a pas pu être mis de côté : {stuck}"))
                return None, False
            return None, True

    def _read(self) -> tuple[dict, bool]:
        """The latest record with the changes not yet on the disk, and whether it may be written."""
        record, writable = self._read_disk()
        if record is None:
            if self._fresh is None:
                self._fresh = new_record()
            record = copy.deepcopy(self._fresh)
        for change in self._pending:
            change(record)
        return record, writable

    def load(self) -> dict:
        with self._locked():
            return self._read()[0]

    def update(self, change, event: dict | None = None) -> dict:
        """Apply `change(record)` to the latest record on disk, under the lock; an `event`
        (what the trainee did) is then announced to the listeners (the LRS sender).
        When the record cannot be written, the change is kept and replayed (see the class)."""
        with self._locked() as busy:
            record, writable = self._read()
            before = copy.deepcopy(record) if event else None
            change(record)
            record["updated"] = now()
            self._pending.append(change)
            if busy:
                self._tell_not_saved(busy)
            elif writable:
                try:
                    replace_durably(self.path, encode(record))
                    self._saved()
                except (StoreError, ValueError) as exc:  # ValueError: a number JSON cannot hold
                    self._tell_not_saved(str(exc) if isinstance(exc, StoreError) else "un nombre invalide.")
            else:
                self._changed()  # the notice is there; the export it offers has changed
            after = copy.deepcopy(record)
        if event:
            self._emit(event, before, after)
        return after

    def _emit(self, event: dict, before: dict, after: dict) -> None:
        for listener in self.listeners:
            notice = listener.changed(event, before, after, self.path)
            if notice:
                self._tell(notice)

    # -- what the front ends save ---------------------------------------------------
    # each change that means something to the training body names its event (the LRS
    # sender turns them into xAPI statements: rules/xapi.py)
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
        return json.dumps(well_formed(self.load()), ensure_ascii=False, indent=1)

    def import_file(self, text: str) -> tuple[str, dict]:
        """A file the trainee imports: a record replaces theirs (kept aside first); a
        trainer's validation is added to theirs. ("record" | "validation", the record now)."""
        kind, data = parse_import(text)
        if kind == "validation":
            return kind, self.update(lambda r: apply_validations(r, check_validation_for(r, data)))
        return kind, self.import_text(text)

    def import_text(self, text: str) -> dict:
        """Replace the record by an imported one. The new record is read and encoded in full
        first; then a copy of the current one is written beside it (and its trainer's
        validations carried over when it is the same record); only then is it replaced.
        RecordError (French) when any step fails: the current record is then unchanged."""
        record = parse_record(text)
        encode(record)  # what cannot be written is known before anything is touched
        with self._locked() as busy:
            if busy:
                raise RecordError(f"Rien n'a été importé : {busy}")
            try:
                current_bytes = read_regular(self.path, LIMITS["file_bytes"] * 2)
            except StoreError as exc:
                raise RecordError(f"Rien n'a été importé : {exc}") from None
            current = None
            if self._pending:  # the changes only this notebook holds are kept too
                current = self._read()[0]
                current_bytes = encode(current)
            elif current_bytes is not None:
                try:
                    current = parse_record(decode_file(current_bytes))
                except RecordError:
                    pass  # kept as it is, unread
            record = carry_validations(current, record)
            if current_bytes is not None:
                self._keep_copy(current_bytes)
            try:
                replace_durably(self.path, encode(record))
            except StoreError as exc:
                raise RecordError(f"Rien n'a été importé : {exc} Votre dossier est resté tel qu'il était.") from None
            self._fresh = None
            self._saved()
        return record

    def _keep_copy(self, data: bytes) -> Path:
        """A copy of the record before an import, under a name no other copy has."""
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        for n in range(1, 1000):
            copy_path = self.path.with_name(f"{self.path.stem}.avant-import-{stamp}{'' if n == 1 else f'-{n}'}"
                                            f"{self.path.suffix}")
            try:
                write_new(copy_path, data)
                return copy_path
            except FileExistsError:
                continue
            except StoreError as exc:
                raise RecordError(f"Rien n'a été importé : votre dossier actuel n'a pas pu être gardé de côté. {exc}") from None
        raise RecordError("Rien n'a été importé : trop de copies de votre dossier portent déjà ce nom.")

    # -- erasure (« Effacer mon dossier ») ------------------------------------------
    def own_files(self) -> list[Path]:
        """Every file this store wrote next to the record: the record, its set-aside copies
        (unreadable, before an import), the notice seen, and the listeners' files (the
        statements not yet sent or refused by the LRS, its notice). Named one by one: the folder may hold the trainee's own files."""
        stem, suffix, folder = self.path.stem, self.path.suffix, self.path.parent
        patterns = [self.path.name, f"{stem}.illisible-*{suffix}", f"{stem}.avant-import-*{suffix}",
                    f".{self.path.name}.*.tmp", PRIVACY_NOTICE_FILE,
                    *(p for listener in self.listeners for p in listener.own_files(self.path))]
        return sorted({p for pattern in patterns for p in folder.glob(pattern) if p.is_file()})

    def erase(self) -> list[Path]:
        """Delete the record and every copy of it on this computer; what was erased. The
        LRS settings (lrs.json) stay: they are the training body's, not the trainee's."""
        from pmesocial.store_files import reason

        gone: list[Path] = []
        try:
            with self.lock, ExitStack() as held:
                for listener in self.listeners:  # the LRS sender may be writing its queue
                    held.enter_context(listener.holding(self.path))
                for path in self.own_files():
                    path.unlink(missing_ok=True)
                    gone.append(path)
                self._checked_text = None
                self._pending.clear()
                self._fresh = self._not_saved = None
                self.notices.clear()
            Path(self.lock.lock_file).unlink(missing_ok=True)
        except OSError as exc:  # a read-only folder, another notebook holding the lock
            why = BUSY if isinstance(exc, TimeoutError) else f"{reason(exc)}."
            left = len(self.own_files())
            raise StoreError(f"Votre dossier n'a pas pu être effacé dans « {self.path.parent} » : {why} "
                             f"{left} fichier(s) du cours y restent.") from None
        finally:
            self._changed()
        return [p for p in gone if not p.name.endswith(".lock")]


# the privacy notice acknowledged, kept next to the record (kernel/notices.py)
PRIVACY_NOTICE_FILE = "avis-donnees.json"

_store: RecordStore | None = None


def default_store() -> RecordStore:
    global _store
    if _store is None or _store.path != default_path():
        _store = RecordStore()
    return _store

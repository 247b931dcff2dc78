"""The course's xAPI 1.0.3 profile: which statements a change of the trainee's record
produces, how a launch link is read, and how a trainer's view rebuilds records from a
group's statements. Pure rules over plain data; static/pmesocial/rules/xapi.js mirrors
them one to one, checked against tests/vectors/xapi.json.

A change is an *event* (what the trainee did) with the record before and after it:

| event                     | verb (ADL)  | object                                   |
|---------------------------|-------------|------------------------------------------|
| an answer checked         | answered    | <base>/bank/<bank>/question/<question>   |
| a test handed in          | answered    | each of its questions                    |
| a sequence now done       | completed   | <base>/module/<sequence> (module, practice, test) |
| a form submitted          | responded   | <base>/form/<form>                       |
| the diagnostic answered   | completed   | <base>/diagnostic                        |
| the attestation issued    | satisfied   | <base> (the course)                      |

`result` carries the score (raw, min, max, scaled), success (full marks), duration, and
for answers the first-attempt flag (the evidence counts first attempts only). The actor
is a pseudonymous account given by the training body (launch link); its name and
company are added only when organisme.yaml says `identite: true`. Statement ids are not
made here: the sender gives each statement a random UUID when it queues it, and keeps it
for every resend, so the LRS stores it once.
"""
from __future__ import annotations

import json
import math
import re
from datetime import datetime, timedelta
from urllib.parse import parse_qsl, urlsplit

VERSION = "1.0.3"
ADL = "http://adlnet.gov/expapi/verbs/"
VERBS = {name: {"id": ADL + name, "display": {"fr-FR": label}} for name, label in
         (("answered", "a répondu"), ("completed", "a terminé"), ("responded", "a répondu au questionnaire"),
          ("satisfied", "a satisfait aux conditions"))}
TYPES = {"course": "http://adlnet.gov/expapi/activities/course",
         "module": "http://adlnet.gov/expapi/activities/module",
         "assessment": "http://adlnet.gov/expapi/activities/assessment",
         "question": "http://adlnet.gov/expapi/activities/cmi.interaction",
         "survey": "http://id.tincanapi.com/activitytype/survey"}
# the forms whose values the trainer's group view sums up; the others are sent without them
FORMS_WITH_VALUES = ("besoins", "satisfaction", "evaluation-a-froid", "plan")


class LaunchError(ValueError):
    """A launch link that cannot be used; the message is for the trainee, in French."""


# -- the profile: what the course is, for statements ----------------------------------

def notice(identity: bool) -> dict:
    """The first-use notice, one text for both front ends: what is sent, to whom, why.
    {entrepot}, {compte} and {ici} are filled by each front end (fill_notice)."""
    return {"title": "Vos résultats sont transmis à votre organisme de formation",
            "paragraphs": [
                "Votre organisme de formation a relié ce cours à son entrepôt d'apprentissage ({entrepot}) : vos "
                "résultats y sont transmis sous l'identifiant « {compte} » qu'il vous a attribué.",
                "Ce qui est envoyé : vos réponses vérifiées (justes ou non, et si c'était un premier essai), les "
                "modules terminés, les tests, l'autodiagnostic, les questionnaires et l'attestation. "
                + ("Votre nom et votre entreprise sont aussi envoyés, comme votre organisme l'a choisi." if identity
                   else "Ni votre nom ni votre entreprise ne sont envoyés."),
                "Pourquoi : suivre votre progression et prouver la formation suivie (Qualiopi). Sans connexion, "
                "les envois attendent {ici} et partent plus tard."]}


def fill_notice(paragraph: str, conf: dict, here: str) -> str:
    host = urlsplit(conf["endpoint"]).netloc or conf["endpoint"]
    return paragraph.replace("{entrepot}", host).replace("{compte}", conf["account"]).replace("{ici}", here)


def profile(course: dict, org_xapi: dict, dimensions: list[str]) -> dict:
    """Everything statements need to know of the course, as plain JSON (the book carries
    it as data): `course` is the documents' course info (its sequences and their banks)."""
    return {"base": org_xapi["activites"], "home_page": org_xapi["comptes"], "identity": bool(org_xapi["identite"]),
            "title": course["title"], "forms_with_values": list(FORMS_WITH_VALUES), "dimensions": list(dimensions),
            "notice": notice(bool(org_xapi["identite"])),
            "sequences": [{"id": s["id"], "title": s["title"], "banks": s["banks"], "test": s.get("test")}
                          for s in course["sequences"]]}


# -- small shared helpers ----------------------------------------------------------------

def duration(seconds) -> str | None:
    """ISO 8601 duration in seconds, to the tenth: « PT12.3S » (None when unknown)."""
    if seconds is None or not isinstance(seconds, (int, float)) or seconds < 0 or math.isnan(seconds):
        return None
    tenths = math.floor(seconds * 10 + 0.5)
    return f"PT{tenths // 10}S" if tenths % 10 == 0 else f"PT{tenths // 10}.{tenths % 10}S"


def _score(raw, top) -> dict:
    score = {"raw": raw, "min": 0, "max": top}
    if top > 0:
        score["scaled"] = math.floor(min(max(raw / top, 0), 1) * 10000 + 0.5) / 10000  # half up, as in JS
    return score


def _activity(activity_id: str, kind: str, title: str | None = None) -> dict:
    out = {"objectType": "Activity", "id": activity_id, "definition": {"type": TYPES[kind]}}
    if title:
        out["definition"]["name"] = {"fr-FR": title}
    return out


def ids(base: str) -> dict:
    return {"course": base, "bank": base + "/bank/", "module": base + "/module/", "form": base + "/form/",
            "diagnostic": base + "/diagnostic", "first_attempt": base + "/extensions/first-attempt",
            "values": base + "/extensions/values", "objectives": base + "/extensions/objectives",
            "diagnostic_answers": base + "/extensions/diagnostic"}


def actor(prof: dict, who: dict, record: dict) -> dict:
    agent = {"objectType": "Agent", "account": {"homePage": prof["home_page"], "name": who["account"]}}
    if prof["identity"]:
        trainee = record.get("trainee", {})
        name, company = trainee.get("name", "").strip(), trainee.get("company", "").strip()
        if name or company:
            agent["name"] = f"{name} ({company})" if name and company else name or company
    return agent


def _statement(prof, who, record, verb, obj, at, result=None, parents=(), platform="") -> dict:
    iri = ids(prof["base"])
    context = {"platform": platform, "language": "fr-FR",
               "contextActivities": {"grouping": [_activity(iri["course"], "course", prof["title"])]}}
    if parents:
        context["contextActivities"]["parent"] = list(parents)
    if who.get("registration"):
        context["registration"] = who["registration"]
    statement = {"actor": actor(prof, who, record), "verb": VERBS[verb], "object": obj, "context": context,
                 "timestamp": at, "version": VERSION}
    if result is not None:
        statement["result"] = result
    return statement


def _entry(record: dict, bank: str) -> dict:
    return record.get("exercises", {}).get(bank, {})


def _sequence_done(record: dict, sequence: dict) -> bool:
    """The same rule as documents.completed: every question of its banks has a first
    attempt, or its test is handed in."""
    if sequence.get("test"):
        return bool(_entry(record, sequence["test"]).get("submitted"))
    banks = sequence["banks"]
    return bool(banks) and all(qids and all(q in _entry(record, b).get("first", {}) for q in qids)
                               for b, qids in banks.items())


def _sequence_score(record: dict, sequence: dict) -> tuple[float, float]:
    banks = {sequence["test"]: None} if sequence.get("test") else sequence["banks"]
    raw = top = 0
    for bank in banks:
        for first in _entry(record, bank).get("first", {}).values():
            if "score" in first:
                raw, top = raw + first["score"], top + first["max"]
    return raw, top


def _diagnostic_complete(record: dict, dimensions: list[str]) -> bool:
    answers = (record.get("diagnostic") or {}).get("answers") or {}
    return bool(dimensions) and all(answers.get(d) is not None for d in dimensions)


def _diagnostic_part(record: dict) -> dict:
    diag = record.get("diagnostic") or {}
    return {"answers": diag.get("answers") or {}, "importance": diag.get("importance") or {}}


# -- events -> statements -----------------------------------------------------------------

def statements(event: dict, before: dict, after: dict, prof: dict, who: dict, at: str,
               platform: str = "") -> list[dict]:
    """The statements one change of the record produces (none for drafts, a solution
    seen, a name typed)."""
    iri = ids(prof["base"])
    out = []

    def answered(bank, qid, score, top, seconds):
        first = qid not in _entry(before, bank).get("first", {})
        result = {"score": _score(score, top), "success": top > 0 and score >= top, "completion": True,
                  "extensions": {iri["first_attempt"]: first}}
        if duration(seconds):
            result["duration"] = duration(seconds)
        obj = _activity(f"{iri['bank']}{bank}/question/{qid}", "question")
        parent = _activity(iri["bank"] + bank, "assessment")
        out.append(_statement(prof, who, after, "answered", obj, at, result, [parent], platform))

    kind = event.get("type")
    if kind == "attempt":
        answered(event["bank"], event["question"], event["score"], event["max"], event.get("duration"))
    elif kind == "submit":
        for qid, (answer, score, top) in event["attempts"].items():
            if answer is None:
                continue  # unanswered: counted with no point in the record, nothing was answered
            answered(event["bank"], qid, score, top, event.get("duration"))
    elif kind == "form" and event.get("submitted"):
        form_id = event["form"]
        result = {"completion": True}
        if form_id in prof["forms_with_values"]:
            result["extensions"] = {iri["values"]: after.get("forms", {}).get(form_id, {}).get("values", {})}
        out.append(_statement(prof, who, after, "responded", _activity(iri["form"] + form_id, "survey"), at,
                              result, platform=platform))
    elif kind == "diagnostic":
        dims = prof["dimensions"]
        if _diagnostic_complete(after, dims) and (not _diagnostic_complete(before, dims)
                                                  or _diagnostic_part(before) != _diagnostic_part(after)):
            result = {"completion": True, "extensions": {iri["diagnostic_answers"]: _diagnostic_part(after)}}
            out.append(_statement(prof, who, after, "completed", _activity(iri["diagnostic"], "assessment"), at,
                                  result, platform=platform))
    elif kind == "attestation" and (after.get("attestation") or {}).get("statuses") != \
            (before.get("attestation") or {}).get("statuses"):
        statuses = after["attestation"]["statuses"]
        acquired = sum(1 for s in statuses.values() if s == "acquis")
        result = {"score": _score(acquired, len(statuses)), "completion": True,
                  "extensions": {iri["objectives"]: statuses}}
        out.append(_statement(prof, who, after, "satisfied", _activity(iri["course"], "course", prof["title"]), at,
                              result, platform=platform))

    if kind in ("attempt", "submit", "solution"):  # a solution seen also ends a sequence
        for sequence in prof["sequences"]:
            if _sequence_done(after, sequence) and not _sequence_done(before, sequence):
                raw, top = _sequence_score(after, sequence)
                result = {"completion": True, "score": _score(raw, top)}
                obj = _activity(iri["module"] + sequence["id"], "assessment" if sequence.get("test") else "module",
                                sequence["title"])
                out.append(_statement(prof, who, after, "completed", obj, at, result, platform=platform))
    return out


# -- launch links ----------------------------------------------------------------------------

LAUNCH_KEYS = ("endpoint", "auth", "actor", "registration")
_UUID_HEX = set("0123456789abcdef")


def _is_uuid(text: str) -> bool:
    parts = text.split("-")
    return [len(p) for p in parts] == [8, 4, 4, 4, 12] and set(text.lower()) - {"-"} <= _UUID_HEX


def parse_launch(query: str) -> dict | None:
    """The xAPI launch parameters of a link's query string (the convention of the « Tin
    Can / xAPI launch » and cmi5: endpoint, auth, actor as JSON, registration) ->
    {endpoint, auth, account, registration}; None when the link carries none of them.
    LaunchError (French) when they are there but unusable."""
    params = dict(parse_qsl(query.lstrip("?"), keep_blank_values=True))
    if not any(k in params for k in LAUNCH_KEYS):
        return None
    missing = [k for k in ("endpoint", "auth", "actor") if not params.get(k)]
    if missing:
        raise LaunchError("Le lien de lancement est incomplet (il manque : " + ", ".join(missing) +
                          ") : demandez un nouveau lien à votre formateur.")
    endpoint = params["endpoint"]
    parts = urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise LaunchError("L'adresse de l'entrepôt d'apprentissage du lien n'est pas valide : "
                          "demandez un nouveau lien à votre formateur.")
    try:
        agent = json.loads(params["actor"])
    except json.JSONDecodeError:
        agent = None
    account = agent.get("account") if isinstance(agent, dict) else None
    name = account.get("name") if isinstance(account, dict) else None
    if not isinstance(name, str) or not name.strip() or len(name) > 200:
        raise LaunchError("Le lien de lancement ne dit pas qui vous êtes (identifiant de compte) : "
                          "demandez un nouveau lien à votre formateur.")
    registration = params.get("registration", "")
    if registration and not _is_uuid(registration):
        raise LaunchError("Le numéro de session du lien de lancement n'est pas valide : "
                          "demandez un nouveau lien à votre formateur.")
    return {"endpoint": endpoint if endpoint.endswith("/") else endpoint + "/", "auth": params["auth"],
            "account": name.strip(), "registration": registration.lower()}


# -- a group's statements -> records (the trainer's view) --------------------------------------
#
# The evidence is what the LRS vouches for, not what a statement says of itself. Each trainee
# sends with a credential of their own, and the LRS writes that credential's agent into
# `authority` (Ralph overrides whatever the sender put there); so a statement counts only
# when its authority is the trainee it speaks of (its actor). Attempts are ordered by the
# LRS's `stored` time: a sender chooses `timestamp`, not `stored`.

VOIDED = ADL + "voided"
FOREIGN = "déclaration(s) d'un autre cours ignorée(s)."
NOT_THEIRS = ("déclaration(s) ignorée(s) : envoyée(s) avec l'identifiant d'un autre compte que celui du stagiaire "
              "dont elle(s) parle(nt).")
VOID_REFUSED = "annulation(s) ignorée(s) : seul le stagiaire concerné peut annuler ses déclarations."
# a trainee who could take back a first attempt would make the next one « first »: first
# attempts stay; erasing a trainee's data is the training body's (tools/lrs_erase.py)
FIRST_KEPT = ("annulation(s) de première tentative ignorée(s) : une première tentative reste dans la preuve "
              "(pour effacer ses données, le stagiaire s'adresse à l'organisme).")
REASONS = {"foreign": FOREIGN, "not_theirs": NOT_THEIRS, "void_refused": VOID_REFUSED, "first_kept": FIRST_KEPT}


def _text(value) -> str:
    return value if isinstance(value, str) else ""


def _account(agent) -> tuple[str, str] | None:
    """(name, home page) of an agent identified by an account; None for anything else."""
    account = agent.get("account") if isinstance(agent, dict) else None
    if not isinstance(account, dict) or not _text(account.get("name")):
        return None
    return account["name"], _text(account.get("homePage")).rstrip("/")


def vouched(statement: dict) -> bool:
    """The LRS's authority is the statement's own actor (same account, same home page)."""
    mine = _account(statement.get("actor"))
    return mine is not None and mine == _account(statement.get("authority"))


_ISO = re.compile(r"^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:[.,](\d+))?(Z|[+-]\d\d:?\d\d)?$")


def stored_key(text) -> str:
    """A sortable UTC form of an ISO 8601 time (« 2026-01-01T09:00:00.000000 »), to the
    microsecond whatever the LRS's own format (« Z », « +01:00 », no fraction); « ~ »
    (after every time) when missing or unreadable, so such a statement never comes first."""
    found = _ISO.match(text) if isinstance(text, str) else None
    if not found:
        return "~"
    year, month, day, hour, minute, second = (int(g) for g in found.groups()[:6])
    micro = int(((found.group(7) or "") + "000000")[:6])
    zone = found.group(8) or "Z"
    offset = 0 if zone == "Z" else (1 if zone[0] == "+" else -1) * (int(zone[1:3]) * 60 + int(zone[-2:]))
    try:
        moment = datetime(year, month, day, hour, minute, second, micro) - timedelta(minutes=offset)
    except (ValueError, OverflowError):
        return "~"
    return (f"{moment.year:04d}-{moment.month:02d}-{moment.day:02d}T{moment.hour:02d}:{moment.minute:02d}:"
            f"{moment.second:02d}.{moment.microsecond:06d}")


def screen_statements(statements_list: list, prof: dict) -> tuple[list[dict], dict]:
    """The statements the evidence may use, in the LRS's order (`stored`, then id), voided
    ones taken out, and how many were set aside, by reason: {foreign, not_theirs,
    void_refused, first_kept}. A voiding statement is applied only when it is vouched for
    and speaks of the voided statement's trainee; a voiding statement cannot itself be
    voided, nor can a first attempt."""
    counts = {key: 0 for key in REASONS}
    first_flag = ids(prof["base"])["first_attempt"]
    usable, voids = [], []
    for st in statements_list:
        if not isinstance(st, dict):
            counts["foreign"] += 1
            continue
        verb = _text((st.get("verb") or {}).get("id") if isinstance(st.get("verb"), dict) else None)
        obj = st.get("object") if isinstance(st.get("object"), dict) else {}
        if verb == VOIDED:
            if vouched(st) and obj.get("objectType") == "StatementRef" and _text(obj.get("id")):
                voids.append(st)
            else:
                counts["void_refused"] += 1
        elif not _text(obj.get("id")).startswith(prof["base"]):
            counts["foreign"] += 1
        elif not vouched(st):
            counts["not_theirs"] += 1
        else:
            usable.append(st)
    by_id = {st["id"]: st for st in usable if _text(st.get("id"))}
    voided = set()
    for void in voids:
        target = by_id.get(void["object"]["id"])
        if target is None:
            continue  # a statement of another session, or none: nothing to take out
        if _account(target.get("actor")) != _account(void.get("actor")):
            counts["void_refused"] += 1
        elif _is_first_attempt(target, first_flag):
            counts["first_kept"] += 1
        else:
            voided.add(target["id"])
    kept = [st for st in usable if _text(st.get("id")) not in voided]
    kept.sort(key=lambda s: (stored_key(s.get("stored")), _text(s.get("id"))))
    return kept, counts


def _is_first_attempt(statement: dict, first_flag: str) -> bool:
    result = statement.get("result") if isinstance(statement.get("result"), dict) else {}
    extensions = result.get("extensions") if isinstance(result.get("extensions"), dict) else {}
    return extensions.get(first_flag) is True


def rejected_reasons(counts: dict) -> list[list[str]]:
    """[what, reason in French] for the group view, one per kind of statement set aside."""
    return [["entrepôt d'apprentissage", f"{counts[k]} {text}"] for k, text in REASONS.items() if counts.get(k)]


def _records(kept: list[dict], prof: dict) -> list[dict]:
    iri = ids(prof["base"])
    tests = {s["id"]: s["test"] for s in prof["sequences"] if s.get("test")}
    records: dict[str, dict] = {}
    for st in kept:
        account = st["actor"]["account"]["name"]
        obj_id = st["object"]["id"]
        verb = _text(st["verb"].get("id")) if isinstance(st.get("verb"), dict) else ""
        at = _text(st.get("timestamp"))
        result = st.get("result") if isinstance(st.get("result"), dict) else {}
        record = records.get(account)
        if record is None:
            name = st["actor"].get("name")
            record = records[account] = {"format": "pmesocial-record", "version": 2,
                                         "trainee": {"name": _text(name), "company": ""},
                                         "started": at, "updated": at, "exercises": {}, "_source": account}
        record["updated"] = at
        extensions = result.get("extensions") if isinstance(result.get("extensions"), dict) else {}
        if verb == VERBS["answered"]["id"] and obj_id.startswith(iri["bank"]) and "/question/" in obj_id:
            bank, qid = obj_id[len(iri["bank"]):].split("/question/", 1)
            score = result.get("score") if isinstance(result.get("score"), dict) else {}
            entry = record["exercises"].setdefault(bank, {})
            mark = {"score": score.get("raw", 0), "max": score.get("max", 0)}
            entry.setdefault("results", {})[qid] = mark
            if extensions.get(iri["first_attempt"]) is True:
                entry.setdefault("first", {}).setdefault(qid, {**mark, "at": at})
        elif verb == VERBS["completed"]["id"] and obj_id.startswith(iri["module"]):
            test = tests.get(obj_id[len(iri["module"]):])
            if test:
                record["exercises"].setdefault(test, {}).setdefault("submitted", at)
        elif verb == VERBS["responded"]["id"] and obj_id.startswith(iri["form"]):
            values = extensions.get(iri["values"])
            record.setdefault("forms", {})[obj_id[len(iri["form"]):]] = {
                "values": values if isinstance(values, dict) else {}, "submitted": at, "updated": at}
        elif verb == VERBS["completed"]["id"] and obj_id == iri["diagnostic"]:
            part = extensions.get(iri["diagnostic_answers"])
            part = part if isinstance(part, dict) else {}
            record["diagnostic"] = {"answers": part.get("answers") or {}, "importance": part.get("importance") or {},
                                    "updated": at}
    return list(records.values())


def group_from_statements(statements_list: list, prof: dict) -> dict:
    """{records, rejected}: one record per trainee rebuilt from the statements the evidence
    may use (screen_statements), and what was set aside, with its French reason."""
    kept, counts = screen_statements(statements_list, prof)
    return {"records": _records(kept, prof), "rejected": rejected_reasons(counts)}


def records_from_statements(statements_list: list, prof: dict) -> list[dict]:
    """One record per actor account, rebuilt from its vouched statements in the LRS's
    order: first attempts (the evidence), tests handed in, forms, diagnostic. Statements
    of other courses are ignored. Each record's `_source` is its account name."""
    return group_from_statements(statements_list, prof)["records"]

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

def records_from_statements(statements_list: list[dict], prof: dict) -> list[dict]:
    """One record per actor account, rebuilt from its statements in time order: first
    attempts (the evidence), tests handed in, forms, diagnostic. Statements of other
    courses are ignored. Each record's `_source` is its account name."""
    iri = ids(prof["base"])
    tests = {s["id"]: s["test"] for s in prof["sequences"] if s.get("test")}
    records: dict[str, dict] = {}
    for st in sorted(statements_list, key=lambda s: (s.get("timestamp", ""), s.get("id", ""))):
        account = ((st.get("actor") or {}).get("account") or {}).get("name")
        obj_id = (st.get("object") or {}).get("id", "")
        if not account or not obj_id.startswith(prof["base"]):
            continue
        at, verb, result = st.get("timestamp", ""), (st.get("verb") or {}).get("id", ""), st.get("result") or {}
        record = records.get(account)
        if record is None:
            record = records[account] = {"format": "pmesocial-record", "version": 2,
                                         "trainee": {"name": (st.get("actor") or {}).get("name", ""), "company": ""},
                                         "started": at, "updated": at, "exercises": {}, "_source": account}
        record["updated"] = at
        extensions = result.get("extensions") or {}
        if verb == VERBS["answered"]["id"] and obj_id.startswith(iri["bank"]) and "/question/" in obj_id:
            bank, qid = obj_id[len(iri["bank"]):].split("/question/", 1)
            score = result.get("score") or {}
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
            part = extensions.get(iri["diagnostic_answers"]) or {}
            record["diagnostic"] = {"answers": part.get("answers") or {}, "importance": part.get("importance") or {},
                                    "updated": at}
    return list(records.values())

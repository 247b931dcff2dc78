"""What the SCORM packages (1.2 and 2004 4th edition) report to an LMS and keep in its
cmi.suspend_data, as pure rules over a trainee record; the mirror of
static/pmesocial/rules/scorm.js, which the launch page (scorm/host.js) runs. Both are
checked on shared vectors (tests/vectors/scorm.json): the same report and session times,
the same compact form to the character before compression, the same parts kept, and each
side reads what the other wrote. The JavaScript file's header says what is kept, in which
order and why; this file follows it function by function.

`course` is what tools/make_scorm.py writes into the package: course_info() plus every
bank's question ids, points, title and hash, the forms' titles and the self-diagnostic's
item and dimension ids.

Compression: raw DEFLATE, level 9 (zlib here, pako in the browser; RFC 1951, so each
reads the other's), then base64. zlib and pako may pick different but equally valid
encodings of the same text, up to about 1 % apart on large texts: which parts fit is
decided by the side that writes. The vectors check that the same choice of parts gives
the same text to the character (`compact_json`), that each side reads the other's, and
that both choose the same parts whenever no trial came within 2 % of the limit.
"""
from __future__ import annotations

import base64
import copy
import json
import math
import re
import zlib
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from pmesocial.record import RecordError, check_record, new_record
from pmesocial.rules.documents import completed

LIMITS = {"1.2": 4096, "2004": 64000}
FORMAT = 2
PREFIX = "pmes2:"
TEST_FIRST = {"exit-test": 0, "entry-test": 1, "self-check": 2}


class ScormDataError(ValueError):
    """Suspend data that cannot be read; the message is French, for the trainee."""


# ---------- what is reported ----------
def exit_score(record: dict, course: dict) -> int | None:
    entry = record.get("exercises", {}).get(course["exit_test"], {})
    bank = next((b for b in course["banks"] if b["id"] == course["exit_test"]), None)
    if not entry.get("submitted") or bank is None:
        return None
    first = entry.get("first", {})
    top = sum(bank["max"])
    score = sum(first[q]["score"] for q in bank["questions"] if q in first and not first[q].get("solution_first"))
    return math.floor(100 * score / top + 0.5) if top > 0 else None


def report(record: dict, course: dict) -> dict:
    rows = completed(record, course)
    done = sum(r["done"] for r in rows)
    score = exit_score(record, course)
    return {"lesson_status": "completed" if done == len(rows) else "incomplete", "done": done, "count": len(rows),
            "progress": math.floor(10000 * done / len(rows) + 0.5) / 10000 if rows else 0,
            "score": score, "scaled": None if score is None else score / 100}


def success(rep: dict, passing) -> str:
    """cmi.success_status from the report and the LMS's cmi.scaled_passing_score (text):
    the course itself sets no pass mark."""
    bar = float(passing) if isinstance(passing, str) and re.fullmatch(r"-?\d+(\.\d+)?", passing) else None
    if rep["scaled"] is None or bar is None:
        return "unknown"
    return "passed" if rep["scaled"] >= bar else "failed"


def _centiseconds(ms) -> int:
    return max(0, math.floor((ms or 0) / 10 + 0.5))  # Math.round


def session_time(ms) -> str:
    cs = _centiseconds(ms)
    hours = min(9999, cs // 360000)
    if hours == 9999:
        cs = min(cs, 9999 * 360000 + 359999)
    return f"{hours:04d}:{cs // 6000 % 60:02d}:{cs // 100 % 60:02d}.{cs % 100:02d}"


def session_time_2004(ms) -> str:
    cs = _centiseconds(ms)
    hours, minutes, seconds, hundredths = cs // 360000, cs // 6000 % 60, cs // 100 % 60, cs % 100
    fraction = "." + f"{hundredths:02d}".removesuffix("0") if hundredths else ""
    return "PT" + (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "") + f"{seconds}{fraction}S"


# ---------- JSON as JavaScript writes it ----------
def _js_number(x) -> str:
    """Number.prototype.toString: the shortest digits that read back, positional from
    1e-6 to 1e21, an exponent outside."""
    if isinstance(x, bool) or not isinstance(x, (int, float)):
        raise TypeError(x)
    if isinstance(x, int):
        return str(x)
    if not math.isfinite(x):
        return "null"
    if x == 0:
        return "0"
    text = repr(x)
    if 1e-6 <= abs(x) < 1e21:
        plain = format(Decimal(text), "f")
        return plain[:-2] if plain.endswith(".0") else plain
    mantissa, exponent = text.split("e")  # repr writes an exponent out of that range too
    return f"{mantissa}e{'-' if int(exponent) < 0 else '+'}{abs(int(exponent))}"


def js_json(value) -> str:
    """JSON.stringify(value): no spaces, keys in their order, numbers as JavaScript prints them."""
    if value is None or isinstance(value, bool):
        return json.dumps(value)
    if isinstance(value, (int, float)):
        return _js_number(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(js_json(v) for v in value) + "]"
    return "{" + ",".join(json.dumps(str(k), ensure_ascii=False) + ":" + js_json(v) for k, v in value.items()) + "}"


# ---------- the stored text ----------
def pack(text: str) -> str:
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15, 8, zlib.Z_DEFAULT_STRATEGY)
    return PREFIX + base64.b64encode(deflate.compress(text.encode("utf-8")) + deflate.flush()).decode("ascii")


def unpack(text: str) -> str:
    try:
        return zlib.decompress(base64.b64decode(text[len(PREFIX):], validate=True), -15).decode("utf-8")
    except (ValueError, zlib.error, UnicodeDecodeError) as exc:
        raise ScormDataError("les données de reprise ne sont pas lisibles (tronquées ou abîmées).") from exc


# ---------- times ----------
def _time_of(stamp):
    if not isinstance(stamp, str):
        return None
    try:
        moment = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _base36(n: int) -> str:
    digits, sign, n = "", "-" if n < 0 else "", abs(n)
    while True:
        n, r = divmod(n, 36)
        digits = "0123456789abcdefghijklmnopqrstuvwxyz"[r] + digits
        if not n:
            return sign + digits


def _bad(what: str) -> ScormDataError:
    return ScormDataError(f"les données de reprise sont abîmées ({what}).")


class _Clock:
    def __init__(self, started):
        self.started, self.base = started, _time_of(started)

    def seconds(self, stamp) -> int:
        t = _time_of(stamp)
        if self.base is None or t is None:
            return 0
        return math.floor((t - self.base).total_seconds() + 0.5)

    def since(self, stamp) -> str:
        return _base36(self.seconds(stamp))

    def after(self, previous: int, text, what: str) -> tuple[int, str]:
        if not isinstance(text, str) or not re.fullmatch(r"-?[0-9a-z]{1,8}", text):
            raise _bad(what)
        seconds = previous + int(text, 36)
        if self.base is None:
            return seconds, self.started
        return seconds, (self.base + timedelta(seconds=seconds)).astimezone(UTC).isoformat(timespec="seconds")

    def at(self, text, what: str) -> str:
        return self.after(0, text, what)[1]


# ---------- the compact form's parts ----------
def _evidence_order(course: dict) -> list[dict]:
    ranked = sorted(enumerate(course["banks"]), key=lambda p: (TEST_FIRST.get(p[1]["purpose"], 3), p[0]))
    return [b for _, b in ranked]


def _firsts_text(entry: dict, bank: dict, c: _Clock) -> str:
    first, previous, tokens = entry.get("first", {}), 0, []
    for i, qid in enumerate(bank["questions"]):
        if qid not in first:
            continue
        a, seconds = first[qid], c.seconds(first[qid].get("at"))
        points = "!" if a.get("solution_first") else _js_number(a["score"]) + (
            "" if a["max"] == bank["max"][i] else "/" + _js_number(a["max"]))
        tokens.append(f"{_base36(i)}:{points}:{_base36(seconds - previous)}")
        previous = seconds
    return ",".join(tokens)


def _latest(entry: dict, bank: dict) -> list:
    answers, results, rows = entry.get("answers", {}), entry.get("results", {}), []
    for i, qid in enumerate(bank["questions"]):
        if qid not in answers:
            continue
        r = results.get(qid)
        row = [i, answers[qid], r["score"] if r else None]
        if r and r["max"] != bank["max"][i]:
            row.append(r["max"])
        rows.append(row)
    return rows


def _drafts(entry: dict, bank: dict) -> dict:
    d = entry.get("drafts", {})
    return {_base36(i): d[qid] for i, qid in enumerate(bank["questions"]) if qid in d}


def _diagnostic_form(diagnostic: dict, course: dict, c: _Clock):
    spec = course.get("diagnostic") or {"items": [], "dimensions": []}
    answers, importance = diagnostic.get("answers", {}), diagnostic.get("importance", {})
    known = (set(diagnostic) <= {"answers", "importance", "updated"} and "answers" in diagnostic and "importance" in diagnostic
             and all(k in spec["items"] and re.fullmatch(r"[0-4]", js_json(v)) for k, v in answers.items())
             and all(k in spec["dimensions"] and re.fullmatch(r"[1-3]", js_json(v)) for k, v in importance.items()))
    if not known:
        return diagnostic

    def digits(ids, values):
        return "".join(js_json(values[i]) if i in values else "-" for i in ids)
    return [digits(spec["items"], answers), digits(spec["dimensions"], importance),
            c.since(diagnostic["updated"]) if "updated" in diagnostic else None]


def _form_ids(record: dict) -> list[str]:
    ids = sorted(record.get("forms", {}))
    return ["plan"] + [i for i in ids if i != "plan"] if "plan" in ids else ids


def _form_title(course: dict, form_id: str) -> str:
    return (course.get("forms") or {}).get(form_id, form_id)


def _bank_slot(out: dict, bank: dict) -> dict:
    return out.setdefault("e", {}).setdefault(bank["hash"], {})


def _parts(record: dict, course: dict, c: _Clock) -> list[tuple[str, object]]:
    """(code, apply) for each part of the compact form, in the order they are kept."""
    parts, exercises, forms = [], record.get("exercises", {}), record.get("forms", {})
    t = record.get("trainee", {})
    if t.get("name") or t.get("company"):
        parts.append(("t", lambda o: o.__setitem__("t", [t.get("name") or "", t.get("company") or ""])))
    for form_id in _form_ids(record):
        def put_form(o, form_id=form_id, form=forms[form_id]):
            o.setdefault("o", {})[form_id] = [c.since(form["submitted"]) if form.get("submitted") else None,
                                              c.since(form["updated"]) if form.get("updated") else None,
                                              form.get("values", {})]
        parts.append((f"o:{form_id}", put_form))
    if record.get("diagnostic"):
        parts.append(("d", lambda o: o.__setitem__("d", _diagnostic_form(record["diagnostic"], course, c))))
    if record.get("self_positioning"):
        parts.append(("p", lambda o: o.__setitem__("p", record["self_positioning"])))
    if record.get("validations"):
        parts.append(("l", lambda o: o.__setitem__("l", record["validations"])))
    if record.get("attestation"):
        parts.append(("a", lambda o: o.__setitem__("a", record["attestation"])))
    order = _evidence_order(course)
    for bank in order:
        f = _firsts_text(exercises[bank["id"]], bank, c) if bank["id"] in exercises else ""
        if f:
            parts.append((f"f:{bank['hash']}", lambda o, bank=bank, f=f: _bank_slot(o, bank).__setitem__("f", f)))
    for bank in order:
        rows = _latest(exercises[bank["id"]], bank) if bank["id"] in exercises else []
        if rows:
            parts.append((f"r:{bank['hash']}", lambda o, bank=bank, rows=rows: _bank_slot(o, bank).__setitem__("a", rows)))
    for bank in order:
        d = _drafts(exercises[bank["id"]], bank) if bank["id"] in exercises else {}
        if d:
            parts.append((f"b:{bank['hash']}", lambda o, bank=bank, d=d: _bank_slot(o, bank).__setitem__("b", d)))
    return parts


def _head(record: dict, course: dict, c: _Clock) -> dict:
    out = {"v": FORMAT, "s": record["started"], "u": c.since(record.get("updated"))}
    handed = {b["hash"]: c.since(record["exercises"][b["id"]]["submitted"]) for b in course["banks"]
              if record.get("exercises", {}).get(b["id"], {}).get("submitted")}
    if handed:
        out["h"] = handed
    return out


def _bank_by_hash(course: dict, key: str) -> dict | None:
    return next((b for b in course["banks"] if b["hash"] == key), None)


def _holds(record: dict, code: str, course: dict) -> bool:
    kind, _, key = code.partition(":")
    t = record.get("trainee", {})
    simple = {"t": lambda: bool(t.get("name") or t.get("company")), "o": lambda: key in record.get("forms", {}),
              "d": lambda: bool(record.get("diagnostic")), "p": lambda: bool(record.get("self_positioning")),
              "l": lambda: bool(record.get("validations")), "a": lambda: bool(record.get("attestation"))}
    if kind in simple:
        return simple[kind]()
    bank = _bank_by_hash(course, key)
    entry = record.get("exercises", {}).get(bank["id"], {}) if bank else {}
    part = {"f": "first", "r": "answers", "b": "drafts"}.get(kind)
    return bool(part) and bool(entry.get(part))


KINDS = {"t": "trainee", "o": "form", "d": "diagnostic", "p": "self_positioning", "l": "validations", "a": "attestation",
         "f": "first", "r": "latest", "b": "draft"}


def _code_item(code: str, course: dict) -> dict | None:
    kind, _, key = code.partition(":")
    if kind not in KINDS:
        return None
    title = ""
    if kind == "o":
        title = _form_title(course, key)
    if kind in ("f", "r", "b"):
        bank = _bank_by_hash(course, key)
        if bank is None:
            return None  # a bank this version of the course no longer has
        title = bank.get("title") or bank["id"]
    return {"code": code, "kind": KINDS[kind], "title": title}


def portable(record: dict) -> dict:
    """The record without the book's bookkeeping of this browser's tabs (`tabs`, ui/store.js),
    which means nothing in another browser (scorm.js `portable`)."""
    return {k: v for k, v in record.items() if k != "tabs"}


def encode(record: dict, course: dict, limit: int, earlier: list[str] | None = None) -> dict:
    """The record in cmi.suspend_data: {text, json, whole, kept, dropped} (scorm.js `encode`)."""
    record = portable(record)
    whole = js_json({"v": FORMAT, "w": record})
    text = pack(whole)
    if len(text) <= limit:
        return {"text": text, "json": whole, "whole": True, "kept": ["w"], "dropped": []}
    c = _Clock(record["started"])
    base, parts = _head(record, course, c), _parts(record, course, c)

    def build(chosen, lost):
        out = copy.deepcopy(base)
        for _, apply in chosen:
            apply(out)
        if lost:
            out["x"] = lost
        return out

    kept, dropped, trials = [], [], []
    json_text = js_json(base)
    text = pack(json_text)
    for part in parts:
        trial_json = js_json(build(kept + [part], []))
        trial = pack(trial_json)
        trials.append(len(trial))
        if len(trial) <= limit:
            kept.append(part)
            json_text, text = trial_json, trial
        else:
            dropped.append(part)
    still = [code for code in (earlier or []) if not _holds(record, code, course) and _code_item(code, course)]
    while True:  # the list of what is left out must fit too: the last parts kept give way to it
        lost = [code for code, _ in dropped]
        lost += [code for code in still if code not in lost]
        if not lost:
            break
        json_text = js_json(build(kept, lost))
        text = pack(json_text)
        trials.append(len(text))
        if len(text) <= limit or not kept:
            break
        dropped.insert(0, kept.pop())
    dropped_codes = [code for code, _ in dropped]
    return {"text": text, "json": json_text, "whole": False, "kept": [code for code, _ in kept],
            "dropped": dropped_codes + [code for code in still if code not in dropped_codes], "trials": trials}


def compact_json(record: dict, course: dict, kept_codes: list[str], lost_codes: list[str]) -> str:
    """The compact form's JSON text for a given choice of parts (scorm.js `compactJson`)."""
    c = _Clock(record["started"])
    out = _head(record, course, c)
    for code, apply in _parts(record, course, c):
        if code in kept_codes:
            apply(out)
    if lost_codes:
        out["x"] = lost_codes
    return js_json(out)


KIND_TEXT = {"trainee": "votre nom et votre entreprise", "diagnostic": "votre autodiagnostic",
             "self_positioning": "votre autopositionnement", "validations": "les validations de votre formateur",
             "attestation": "la date de votre attestation", "form": "vos questionnaires", "first": "vos premières réponses",
             "latest": "vos dernières réponses", "draft": "vos réponses pas encore vérifiées"}
KIND_ORDER = ["trainee", "form", "diagnostic", "self_positioning", "validations", "attestation", "first", "latest", "draft"]


def lost_text(codes: list[str], course: dict) -> list[str]:
    by_kind: dict[str, list[str]] = {}
    for code in codes or []:
        item = _code_item(code, course)
        if item:
            by_kind.setdefault(item["kind"], []).append(item["title"])
    out = []
    for kind in KIND_ORDER:
        if kind not in by_kind:
            continue
        titles = [t for t in by_kind[kind] if t]
        if kind != "form" and len(titles) > 3:
            out.append(f"{KIND_TEXT[kind]} à {len(titles)} séries de questions")
        else:
            out.append(KIND_TEXT[kind] + (" (" + ", ".join(f"« {t} »" for t in titles) + ")" if titles else ""))
    return out


# ---------- decode ----------
GONE_BANK = ("Une série de questions enregistrée par la plateforme n'existe plus sous cette forme dans cette version "
             "du cours : ses réponses ne peuvent pas être reprises.")
FOREIGN = "les données de reprise ne viennent pas de ce cours, ou d'une version qu'il ne connaît pas."


def _number(text: str, what: str):
    if not re.fullmatch(r"\d+(\.\d+)?(e-?\d+)?", text):
        raise _bad(what)
    value = float(text)
    return int(value) if value.is_integer() and re.fullmatch(r"\d+", text) else value


def _decode_firsts(text, bank: dict, c: _Clock, where: str) -> dict:
    if not isinstance(text, str):
        raise _bad(where)
    first, previous = {}, 0
    for token in text.split(","):
        bits = token.split(":")
        if len(bits) != 3 or not re.fullmatch(r"[0-9a-z]{1,2}", bits[0]):
            raise _bad(where)
        i = int(bits[0], 36)
        if i >= len(bank["questions"]):
            raise _bad(where)
        previous, at = c.after(previous, bits[2], where)
        if bits[1] == "!":
            first[bank["questions"][i]] = {"solution_first": True, "at": at}
            continue
        points = bits[1].split("/")
        if len(points) > 2:
            raise _bad(where)
        first[bank["questions"][i]] = {"score": _number(points[0], where),
                                       "max": _number(points[1], where) if len(points) == 2 else bank["max"][i], "at": at}
    return first


def _decode_latest(rows, bank: dict, entry: dict, where: str) -> None:
    if not isinstance(rows, list):
        raise _bad(where)
    for row in rows:
        if (not isinstance(row, list) or not 3 <= len(row) <= 4 or not isinstance(row[0], int) or isinstance(row[0], bool)
                or not 0 <= row[0] < len(bank["questions"])):
            raise _bad(where)
        qid = bank["questions"][row[0]]
        entry.setdefault("answers", {})[qid] = row[1]
        if row[2] is not None:
            if isinstance(row[2], bool) or not isinstance(row[2], (int, float)):
                raise _bad(where)
            entry.setdefault("results", {})[qid] = {"score": row[2], "max": row[3] if len(row) == 4 else bank["max"][row[0]]}


def _decode_drafts(mapping, bank: dict, entry: dict, where: str) -> None:
    if not isinstance(mapping, dict):
        raise _bad(where)
    entry["drafts"] = {}
    for key, value in mapping.items():
        i = int(key, 36) if re.fullmatch(r"[0-9a-z]{1,2}", key) else -1
        if not 0 <= i < len(bank["questions"]):
            raise _bad(where)
        entry["drafts"][bank["questions"][i]] = value


def _decode_diagnostic(d: list, course: dict, c: _Clock) -> dict:
    spec = course.get("diagnostic") or {"items": [], "dimensions": []}
    if (len(d) != 3 or not isinstance(d[0], str) or not isinstance(d[1], str) or len(d[0]) != len(spec["items"])
            or len(d[1]) != len(spec["dimensions"])):
        raise _bad("autodiagnostic")

    def values(ids, text):
        return {i: _number(ch, "autodiagnostic") for i, ch in zip(ids, text) if ch != "-"}
    out = {"answers": values(spec["items"], d[0]), "importance": values(spec["dimensions"], d[1])}
    if d[2] is not None:
        out["updated"] = c.at(d[2], "autodiagnostic")
    return out


def _checked(record: dict) -> dict:
    try:
        return check_record(record)
    except RecordError as exc:
        raise ScormDataError(f"les données de reprise ne forment pas un dossier valide : {exc}") from exc


def _decode_compact(data: dict, course: dict) -> dict:
    c = _Clock(data["s"])
    record = new_record(data["s"])
    record["updated"] = c.at(data.get("u"), "date de mise à jour")
    by_hash = {b["hash"]: b for b in course["banks"]}
    gone = False

    def entry_of(key):
        nonlocal gone
        bank = by_hash.get(key)
        if bank is None:
            gone = True
            return None
        return record["exercises"].setdefault(bank["id"], {})
    if "h" in data:
        if not isinstance(data["h"], dict):
            raise _bad("tests remis")
        for key, when in data["h"].items():
            entry = entry_of(key)
            if entry is not None:
                entry["submitted"] = c.at(when, "test remis")
    if "t" in data:
        t = data["t"]
        if not isinstance(t, list) or len(t) != 2 or not all(isinstance(x, str) for x in t):
            raise _bad("stagiaire")
        record["trainee"] = {"name": t[0], "company": t[1]}
    if "o" in data:
        if not isinstance(data["o"], dict):
            raise _bad("questionnaires")
        record["forms"] = {}
        for form_id, slot in data["o"].items():
            where = f"questionnaire « {form_id} »"
            if not isinstance(slot, list) or len(slot) != 3 or not isinstance(slot[2], dict):
                raise _bad(where)
            form = {"values": slot[2]}
            if slot[0] is not None:
                form["submitted"] = c.at(slot[0], where)
            if slot[1] is not None:
                form["updated"] = c.at(slot[1], where)
            record["forms"][form_id] = form
    if "d" in data:
        record["diagnostic"] = _decode_diagnostic(data["d"], course, c) if isinstance(data["d"], list) else data["d"]
    for key, part in (("p", "self_positioning"), ("l", "validations"), ("a", "attestation")):
        if key in data:
            record[part] = data[key]
    if "e" in data:
        if not isinstance(data["e"], dict):
            raise _bad("exercices")
        for key, slot in data["e"].items():
            if not isinstance(slot, dict):
                raise _bad("exercices")
            entry = entry_of(key)
            if entry is None:
                continue
            bank = by_hash[key]
            where = f"exercice « {bank['id']} »"
            if "f" in slot:
                entry["first"] = _decode_firsts(slot["f"], bank, c, where)
            if "a" in slot:
                _decode_latest(slot["a"], bank, entry, where)
            if "b" in slot:
                _decode_drafts(slot["b"], bank, entry, where)
    lost = []
    if "x" in data:
        if not isinstance(data["x"], list) or not all(isinstance(code, str) for code in data["x"]):
            raise _bad("parties non gardées")
        lost = [code for code in data["x"] if _code_item(code, course)]
    return {"record": _checked(record), "notices": [GONE_BANK] if gone else [], "lost": lost}


def decode(text: str | None, course: dict) -> dict | None:
    """{record, notices, lost} from cmi.suspend_data written by this format; None when empty.
    The first format (plain JSON) is read by scorm.js only."""
    if not text:
        return None
    if not text.startswith(PREFIX):
        raise ScormDataError(FOREIGN)
    try:
        data = json.loads(unpack(text))
    except json.JSONDecodeError as exc:
        raise ScormDataError("les données de reprise ne sont pas lisibles (JSON invalide ou tronqué).") from exc
    if isinstance(data, dict) and data.get("v") == FORMAT and "w" in data:
        return {"record": _checked(data["w"]), "notices": [], "lost": []}
    if isinstance(data, dict) and data.get("v") == FORMAT and isinstance(data.get("s"), str):
        return _decode_compact(data, course)
    raise ScormDataError(FOREIGN)

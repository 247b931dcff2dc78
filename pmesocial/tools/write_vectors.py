"""Write the shared test vectors: inputs and the Python rules' outputs, for every rule
that also exists in JavaScript. pytest checks that Python still gives these outputs
(tests/unit/test_vectors.py) and `node --test tests/js/` checks the JavaScript against
the same files, with no browser.

    python -m pmesocial.tools.write_vectors            rewrite tests/vectors/*.json
    python -m pmesocial.tools.write_vectors --check    fail if they are not current
"""
from __future__ import annotations

import argparse
import copy
import dataclasses
import json
import random
import sys

from pmesocial.data.banks import all_banks, load_bank, load_bank_file
from pmesocial.data.course import course_info
from pmesocial.data.forms import FORMS_DIR, load_form
from pmesocial.kernel import documents as kernel_documents
from pmesocial.paths import QUIZ_DIR, REPO_DIR
from pmesocial.record import (
    RecordError,
    apply_attempt,
    apply_attestation,
    apply_diagnostic,
    apply_draft,
    apply_form,
    apply_form_changes,
    apply_reset,
    apply_self_positioning,
    apply_solution_seen,
    apply_submit,
    apply_trainee,
    apply_validations,
    check_record,
    new_record,
    parse_import,
)
from pmesocial.rules import evidence, formatting, forms, scoring

VECTORS = REPO_DIR / "tests" / "vectors"
FIXTURES = REPO_DIR / "tests" / "fixtures"
AT = "2026-11-20T09:00:00+00:00"
LATER = "2026-11-20T10:30:00+00:00"


def _answer_sets(question: dict) -> list:
    """Every answer worth trying: none, each option, subsets, partial classifications."""
    if question["type"] == "estimate":
        lo, hi, value = question["min"], question["max"], question["figure_data"]["value"]
        inside = [v for v in (value, value * 1.1, value * 0.7, value * 1.3, value + 0.5) if lo <= v <= hi]
        return [None, "3", lo - 1, hi + 1, lo, hi] + inside
    if question["type"] == "single":
        return [None, "", "inconnue"] + [o["id"] for o in question["options"]]
    if question["type"] == "multiple":
        ids = [o["id"] for o in question["options"]]
        return [[], ids, scoring.correct_answer(question), ["inconnue"]] + [[i] for i in ids] + [ids[:2]]
    items = [i["id"] for i in question["items"]]
    cats = [c["id"] for c in question["categories"]]
    sets = [{}, scoring.correct_answer(question), {items[0]: cats[0]}]
    sets += [{i: c for i in items} for c in cats]
    sets += [{i: cats[k % len(cats)] for k, i in enumerate(items)}]
    return sets


def _banks() -> list[dict]:
    banks = [load_bank(p.stem) for p in sorted(QUIZ_DIR.glob("*.yaml"))]
    return banks + [load_bank_file(FIXTURES / "sample_bank.yaml"), load_bank_file(FIXTURES / "estimate_bank.yaml")]


def scoring_vectors() -> dict:
    questions, checks, bank_max = [], [], []
    for bank in _banks():
        first = len(questions)
        questions += bank["questions"]
        for n, q in enumerate(bank["questions"], first):
            for answer in _answer_sets(q):
                checks.append({"question": n, "answer": answer, "result": dataclasses.asdict(scoring.check(q, answer))})
        bank_max.append({"questions": list(range(first, len(questions))), "max": scoring.bank_max_score(bank)})
    numbers = [{"value": v, "unit": u, "text": formatting.with_unit(v, u)}
               for v in (0, 1, 2, 7.07, 38, 1234.5, 1000000, 0.25, 78, 2016)
               for u in ("", "%", "rang", "année", "années", "millions", "ans")]
    return {"questions": questions, "checks": checks, "bank_max": bank_max, "numbers": numbers}


def _record_cases() -> list[dict]:
    """(name, steps) where each step is [change, args]; the expected record follows."""
    return [
        ("attempt then retry: the first attempt stays", [["attempt", ["b", "q1", "a", 0, 1, AT]],
                                                       ["attempt", ["b", "q1", "c", 1, 1, LATER]]]),
        ("draft then attempt: the draft goes", [["draft", ["b", "q1", "a", AT]], ["attempt", ["b", "q1", "a", 1, 1, LATER]]]),
        ("blank draft removes the draft", [["draft", ["b", "q1", ["x"], AT]], ["draft", ["b", "q1", [], LATER]]]),
        ("solution first: not evaluated, and stays so", [["solution", ["b", "q2", AT]],
                                                         ["attempt", ["b", "q2", "a", 1, 1, LATER]]]),
        ("solution after an attempt changes nothing", [["attempt", ["b", "q2", "d", 0, 1, AT]], ["solution", ["b", "q2", LATER]]]),
        ("reset keeps the first attempt", [["attempt", ["b", "q3", {"i1": "c1"}, 1, 2, AT]], ["reset", ["b", "q3", LATER]]]),
        ("a test handed in; unanswered counts 0", [["draft", ["t", "q1", "a", AT]],
                                                   ["submit", ["t", {"q1": ["a", 1, 1], "q2": [None, 0, 1]}, LATER]],
                                                   ["submit", ["t", {"q1": ["b", 0, 1]}, "2026-11-21T08:00:00+00:00"]]]),
        ("a form draft, then submitted", [["form", ["plan", {"objectif": "5 devis", "actions": [{"action": "x", "heures": 2}]},
                                                    False, AT]],
                                          ["form", ["plan", {"objectif": "5 devis par mois"}, True, LATER]]]),
        ("a form's changed fields merged into the saved ones, an emptied one removed", [
            ["form", ["besoins", {"taille": "1-9", "secteur": "commerce", "attentes": "Des avis"}, False, AT]],
            ["form_changes", ["besoins", {"taille": "10-49", "attentes": None, "objectifs": ["clients"]}, True, LATER]]]),
        ("two views of one form, each saving its own field", [
            ["form_changes", ["besoins", {"taille": "1-9"}, False, AT]],
            ["form_changes", ["besoins", {"secteur": "commerce"}, False, LATER]]]),
        ("self-diagnostic answers given one by one, one cleared", [
            ["diagnostic", ["answers", "presence", 3, AT]], ["diagnostic", ["importance", "presence", 2, AT]],
            ["diagnostic", ["answers", "avis", 1, LATER]], ["diagnostic", ["answers", "presence", None, LATER]]]),
        ("self-positioning module by module", [["self_positioning", ["entree", "1", 2]],
                                               ["self_positioning", ["entree", "2", 4]],
                                               ["self_positioning", ["sortie", "1", 3]],
                                               ["self_positioning", ["entree", "1", None]]]),
        ("an attestation kept once per change of its statuses", [["attestation", [{"o1": "acquis"}, AT]],
                                                                  ["attestation", [{"o1": "acquis"}, LATER]],
                                                                  ["attestation", [{"o1": "en-cours"}, LATER]]]),
        ("trainee names are clipped, never interpreted", [["trainee", ["<script>alert(1)</script>", "N" * 1200]]]),
        ("a trainer's validations: the latest judgement of each production", [
            ["validations", [{"plan": {"decision": "a-reprendre", "comment": "Indicateurs ?", "at": AT}}]],
            ["validations", [{"plan": {"decision": "validee", "criteria": {"ordre": True}, "by": "F", "at": LATER},
                              "video": {"decision": "validee", "at": LATER}}]]]),
    ]


CHANGES = {"attempt": apply_attempt, "draft": apply_draft, "solution": apply_solution_seen, "reset": apply_reset,
           "submit": apply_submit, "form": apply_form, "form_changes": apply_form_changes, "diagnostic": apply_diagnostic,
           "self_positioning": apply_self_positioning, "trainee": apply_trainee, "attestation": apply_attestation,
           "validations": apply_validations}


def _v1_record() -> dict:
    return {"format": "pmesocial-record", "version": 1, "trainee": {"name": "A", "company": "B"},
            "started": AT, "updated": AT, "exercises": {"m1-autoevaluation": {"answers": {"m1-q1": "a"},
                                                                             "results": {"m1-q1": {"score": 1, "max": 1}}}},
            "satisfaction": {"ratings": {"outils": 4}, "comment": "Bien", "updated": LATER}}


def _damaged_records() -> list[tuple[str, object]]:
    base = new_record(AT)
    apply_attempt(base, "m1-autoevaluation", "m1-q1", "a", 1, 1, AT)

    def but(change):
        r = copy.deepcopy(base)
        change(r)
        return r
    return [
        ("valid", base),
        ("version 1 is migrated", _v1_record()),
        ("extra key", but(lambda r: r.__setitem__("extra", 1))),
        ("missing updated", but(lambda r: r.pop("updated"))),
        ("satisfaction rating of 9", but(lambda r: r.setdefault("forms", {}).__setitem__(
            "satisfaction", {"values": {"outils": 9}, "submitted": AT}) or r.__setitem__("version", 2))),
        ("negative score", but(lambda r: r["exercises"]["m1-autoevaluation"]["results"]["m1-q1"].__setitem__("score", -1))),
        ("negative first score", but(lambda r: r["exercises"]["m1-autoevaluation"]["first"]["m1-q1"].__setitem__("score", -2))),
        ("diagnostic answer of 5", but(lambda r: r.__setitem__("diagnostic", {"answers": {"x": 5}}))),
        ("foreign format", {"format": "autre-chose"}),
        ("newer version", {**base, "version": 99}),
        ("not an object", [1, 2, 3]),
        ("name too long", but(lambda r: r["trainee"].__setitem__("name", "x" * 1001))),
        ("an answer that is not an answer", but(lambda r: r["exercises"]["m1-autoevaluation"]["answers"]
                                                .__setitem__("m1-q1", {"nested": {"deep": 1}}))),
        ("solution_first must be true", but(lambda r: r["exercises"]["m1-autoevaluation"]["first"]
                                           .__setitem__("m1-q2", {"solution_first": False, "at": AT}))),
        ("a form without values", but(lambda r: r.__setitem__("forms", {"plan": {"submitted": AT}}))),
        ("the book's count of each tab's writes is kept", but(lambda r: r.__setitem__(
            "tabs", {"k3x9a-1": {"n": 12, "at": 1795000000000}}))),
        ("a tab's count is a whole number", but(lambda r: r.__setitem__("tabs", {"k3x9a-1": {"n": 1.5, "at": 1}}))),
    ]


def record_vectors() -> dict:
    sequences = []
    for name, steps in _record_cases():
        record = new_record(AT)
        for change, args in steps:
            CHANGES[change](record, *copy.deepcopy(args))
        sequences.append({"name": name, "steps": steps, "record": record})
    checks = []
    for name, data in _damaged_records():
        try:
            checks.append({"name": name, "input": data, "accepted": True, "record": check_record(copy.deepcopy(data))})
        except RecordError as exc:
            checks.append({"name": name, "input": data, "accepted": False, "message": str(exc)})
    imports = []
    valid = {"format": "pmesocial-validation", "version": 1, "trainee": {"name": "A"}, "record_started": AT,
             "productions": {"plan": {"decision": "validee", "criteria": {"ordre": True}, "at": AT}}}
    for name, text in (("a record", json.dumps(_damaged_records()[0][1])), ("a validation", json.dumps(valid)),
                       ("a validation of another version", json.dumps({**valid, "version": 2})),
                       ("a validation with an unknown decision", json.dumps(
                           {**valid, "productions": {"plan": {"decision": "bof", "at": AT}}})),
                       ("a validation of nothing", json.dumps({**valid, "productions": {}})),
                       ("a validation that is not an object", json.dumps({**valid, "productions": [1]})),
                       ("a validation without its record", json.dumps({k: v for k, v in valid.items() if k != "record_started"})),
                       ("a validation naming a record by a number", json.dumps({**valid, "record_started": 5})),
                       ("not JSON", "{pas du json")):
        try:
            kind, data = parse_import(text)
            imports.append({"name": name, "text": text, "kind": kind, "data": data})
        except RecordError as exc:
            imports.append({"name": name, "text": text, "message": str(exc)})
    from pmesocial.record import VALIDATION_IMPORTED, carry_validations, check_validation_for

    mine, other = new_record(AT), new_record(LATER)
    apply_validations(mine, {"video": {"decision": "validee", "at": AT}})
    judged = parse_import(json.dumps(valid))[1]
    acceptance = []
    for name, record, validation in (("the same record", mine, judged), ("another record", other, judged),
                                     ("a validation naming no record", mine, {**judged, "record_started": ""})):
        try:
            acceptance.append({"name": name, "record": record, "validation": validation,
                               "productions": check_validation_for(record, validation)})
        except RecordError as exc:
            acceptance.append({"name": name, "record": record, "validation": validation, "message": str(exc)})
    carried = [{"current": c, "imported": i, "result": carry_validations(c, i)}
               for c, i in ((mine, new_record(AT)), (mine, other), (None, other),
                            (mine, {**new_record(AT), "validations": {"video": {"decision": "a-reprendre", "at": LATER}}}))]
    return {"start": new_record(AT), "sequences": sequences, "checks": checks, "imports": imports,
            "acceptance": acceptance, "carried": carried,
            "messages": {"validation_imported": VALIDATION_IMPORTED}}


def _form_values(spec: dict, rng: random.Random) -> list[dict]:
    """Empty, full and broken values for a form."""
    def good(field):
        kind = field["type"]
        if kind == "choice":
            return field["options"][0]["id"]
        if kind == "choices":
            return [o["id"] for o in field["options"][: field.get("max_choices", 2)]]
        if kind == "text":
            return "Texte « libre » <b>gras</b> 😀"
        if kind == "number":
            return field["max"]
        if kind == "date":
            return "2027-02-28"
        if kind == "scale":
            return len(field["scale"])
        if kind == "review":
            return {o["id"]: field["options"][0]["id"] for o in field["of_options"][:2]}
        return [{c["id"]: good(c) for c in field["columns"]} for _ in range(field.get("min_rows", 1))]

    def bad(field):
        kind = field["type"]
        if kind == "table":
            return [{c["id"]: bad(c) for c in field["columns"]}, {}, {field["columns"][0]["id"]: "seul"}]
        if kind in ("choices",):
            return [o["id"] for o in field["options"]] + ["x"]
        return {"choice": "inconnue", "text": "y" * 6000, "number": field.get("max", 0) + 1, "date": "2026-02-30",
                "scale": 0, "review": {"x": "peut-etre"}}[kind]
    fields = [f for f in spec["fields"] if f["type"] != "output"]  # computed, never stored
    full = {f["id"]: good(f) for f in fields}
    sets = [{}, full, {f["id"]: bad(f) for f in fields}]
    for _ in range(6):
        sets.append({f["id"]: rng.choice([good(f), bad(f), None, "", []]) for f in fields})
    sets.append({f["id"]: "   " for f in fields})
    sets.append({f["id"]: 3.0 for f in fields})
    return sets


def forms_vectors() -> dict:
    rng = random.Random(2026)
    cases = []
    for form_id in sorted(p.stem for p in FORMS_DIR.glob("*.yaml")):
        spec = load_form(form_id)
        for values in _form_values(spec, rng):
            cases.append({"form": form_id, "values": values, "errors": forms.validate(spec, values),
                          "advice": forms.advice(spec, values)})
    numbers = [{"text": t, "value": forms.parse_number(t)}
               for t in ("2,5", "2.5", "3", " 12 ", "1 000", "1\u202f000", "abc", "", "-1", "3,", ",5", "1e3", "٣")]
    utm = {"id": "lien", "type": "output", "rule": "utm_link",
           "inputs": {"url": "u", "source": "s", "medium": "m", "campaign": "c"}}
    cost = {"id": "cout", "type": "output", "rule": "cost_per_request",
            "inputs": {"hours": "h", "hourly_cost": "t", "spend": "d", "requests": "r"}}
    outputs = [(utm, {"u": "https://menuiserie-morel.fr/cuisines", "s": "Flyer salon", "m": "QR code", "c": "Printemps 2026"}),
               (utm, {"u": "https://exemple.fr/page?ref=1", "s": "Facebook", "m": "réseau social", "c": "Fête & portes"}),
               (utm, {"u": "exemple.fr", "s": "a", "m": "b", "c": "c"}),
               (utm, {"u": "https://exemple.fr/#devis", "s": "a", "m": "b", "c": "c"}),
               (utm, {"u": "https://exemple.fr", "s": "  ", "m": "b", "c": "c"}),
               (utm, {"u": None, "s": None, "m": None, "c": None}),
               (cost, {"h": 4, "t": 35, "d": 150, "r": 9}),
               (cost, {"h": 2.5, "t": 41.3, "d": 0, "r": 3}),
               (cost, {"h": 1, "t": 30, "d": 20, "r": 0}),
               (cost, {"h": -1, "t": 30, "d": 20, "r": 2}),
               (cost, {"h": "deux", "t": 30, "d": 20, "r": 2}),
               (cost, {"h": None, "t": None, "d": None, "r": None})]
    output_cases = [{"field": f, "values": v, "text": forms.output_text(f, v)} for f, v in outputs]
    return {"numbers": numbers, "specs": {p.stem: load_form(p.stem) for p in sorted(FORMS_DIR.glob("*.yaml"))},
            "cases": cases, "outputs": output_cases, "advice_title": forms.ADVICE_TITLE}


def _evidence_records(mapping: dict, rng: random.Random) -> list[dict]:
    questions = [(key, qid) for key, qs in mapping.items() for qid in qs]
    records = [{"exercises": {}}]
    for skill in (0.0, 0.3, 0.6, 0.9, 1.0):
        exercises = {}
        for key, qid in questions:
            if rng.random() < 0.85:
                first = ({"solution_first": True, "at": AT} if rng.random() < 0.08 else
                         {"score": int(rng.random() < skill), "max": 1, "at": AT})
                exercises.setdefault(key, {"first": {}})["first"][qid] = first
        records.append({"exercises": exercises})
    return records


def evidence_vectors() -> dict:
    rng = random.Random(2026)
    objective_list = evidence.objectives()
    mapping = evidence.objective_map()
    entry_map = evidence.objective_map(("entry-test",))
    exit_map = evidence.objective_map(("exit-test",))
    entry_map, exit_map = entry_map.get(evidence.ENTRY_TEST, {}), exit_map.get(evidence.EXIT_TEST, {})
    cases = []
    for record in _evidence_records({**mapping, evidence.ENTRY_TEST: entry_map}, rng):
        cases.append({"record": record,
                      "statuses": evidence.objective_status(record, mapping, objective_list),
                      "progression": evidence.progression(record, entry_map, exit_map, objective_list)})
    profiles = []
    for bank in [b for b in all_banks() if b["purpose"] in evidence.TEST_PURPOSES]:
        for record in _evidence_records({bank["id"]: {q["id"]: q["objective"] for q in bank["questions"]}}, rng)[:4]:
            first = evidence.first_attempts(record, bank["id"])
            profiles.append({"bank": bank, "first": first, "profile": evidence.test_profile(bank, first)})
    return {"objectives": objective_list, "mapping": mapping, "entry_map": entry_map, "exit_map": exit_map,
            "cases": cases, "profiles": profiles,
            "status_for": [{"args": a, "status": evidence.status_for(*a)}
                           for a in ([0, 0, 0], [3, 4, 3], [3, 4, 2], [2, 4, 4], [1, 4, 4], [3, 3, 3], [0, 3, 3])]}


def formatting_vectors() -> dict:
    rng = random.Random(2026)
    values = [0, 1, -1, 0.5, 1.5, 2.5, -2.5, 0.125, 1.005, 7.07, 38, 999.995, 1234.5, 1e6, 123456789.25, -0.001]
    values += [round(rng.uniform(-1e6, 1e6), rng.randint(0, 4)) for _ in range(60)]
    return {
        "number": [{"value": v, "decimals": d, "text": formatting.number(v, d)} for v in values for d in (0, 1, 2)],
        "plain_number": [{"value": v, "text": formatting.plain_number(v)} for v in values],
        "decimal": [{"value": v, "most": m, "text": formatting.decimal(v, m)} for v in values for m in (0, 1, 2)],
        "percent": [{"value": v, "text": formatting.percent(v)} for v in (0, 7, 78.5, 100)],
        "duration": [{"minutes": m, "text": formatting.duration(m)} for m in (0, 5, 45, 60, 65, 125, 530, 600)],
        "date": [{"iso": d, "text": formatting.date_fr(d)} for d in
                 ("2026-11-20", "2026-12-01", "2027-01-31T23:59:59+00:00", "2024-02-29", "2026-02-30", "", "n'importe",
                  "2010-07", "2010", "2010-13", "août 2010", None)],
    }


def _document_records() -> list[dict]:
    empty = new_record(AT)
    full = new_record(AT)
    apply_trainee(full, "Claire <script>alert(1)</script> O'Brien & \"Fils\"", "Menuiserie 🪵 Morel")
    apply_form(full, "plan", {"objectif": "5 demandes de devis par mois", "point_etape": "2027-01-15",
                              "actions": [{"action": "Fiche d'établissement", "responsable": "Claire", "heures": 1.5,
                                           "indicateur": "Appels", "echeance": "2026-12-15"},
                                          {"action": "Photos de chantier", "responsable": "Paul", "heures": 2,
                                           "indicateur": "Demandes", "echeance": "2027-01-10"},
                                          {"action": "<b>Avis</b>", "responsable": "Claire", "heures": "deux",
                                           "indicateur": "", "echeance": "2027-02-30"}]}, True, LATER)
    for sequence in course_info()["sequences"][:5]:
        for bank_id, questions in sequence["banks"].items():
            for n, qid in enumerate(questions):
                apply_attempt(full, bank_id, qid, "a", n % 2, 1, LATER)
    apply_submit(full, evidence.ENTRY_TEST, {}, LATER)
    apply_validations(full, {"plan": {"decision": "a-reprendre", "criteria": {"ordre-des-etapes": False},
                                      "comment": "Un indicateur par action, <s.v.p.>", "by": "M. Formateur", "at": LATER},
                             "video": {"decision": "validee", "at": LATER}})
    return [empty, full]


def documents_vectors() -> dict:
    payload = kernel_documents.document_payload("plan", "attestation", "certificat")
    cases = []
    for record in _document_records():
        for name in payload["names"]:
            view = kernel_documents.view_for(name, record, "2026-12-03")
            cases.append({"name": name, "record": record, "view": view, "html": kernel_documents.render(name, view)})
    from pmesocial.rules.documents import planned_duration

    durations = [{"modality": m, "text": planned_duration(payload["course"], m)} for m in ("distance", "presentiel", "mixte")]
    from pmesocial.rules.documents import NAME_MISSING

    return {"payload": payload, "today": "2026-12-03", "cases": cases, "durations": durations,
            "name_missing": NAME_MISSING}


def _diagnostic_answer_sets(spec: dict) -> list[tuple[dict, dict]]:
    rng = random.Random(2026)
    items = [i["id"] for d in spec["dimensions"] for i in d["items"]]
    dims = [d["id"] for d in spec["dimensions"]]
    sets = [({i: 0 for i in items}, {}), ({i: 4 for i in items}, {}), ({}, {}),
            ({i: 2 for i in items}, {d: 3 for d in dims[::2]}),  # ties broken by order
            ({i: 1 for i in items[:5]}, {dims[0]: 1}),  # partial
            ({items[0]: 9, items[1]: "3", items[2]: 2.5}, {dims[0]: 0, dims[1]: True})]  # bad values
    for _ in range(30):
        sets.append(({i: rng.randint(0, 4) for i in items if rng.random() > 0.15},
                     {d: rng.randint(1, 3) for d in dims if rng.random() > 0.3}))
    return sets


def diagnostic_vectors() -> dict:
    from ..data.diagnostic import load_diagnostic
    from ..kernel.diagnostic_view import module_titles, report_html
    from ..rules import diagnostic

    spec = load_diagnostic()
    cases = []
    for n, (answers, importance) in enumerate(_diagnostic_answer_sets(spec)):
        result = diagnostic.compute(spec, answers, importance)
        case = {"answers": answers, "importance": importance, "result": result}
        if n < 6:  # the report, for the first cases: its view and the HTML of its one template
            trainee = {"name": "Claire <b>Morel</b>", "company": "Menuiserie « Morel » & Fils"}
            case.update(trainee=trainee, view=diagnostic.report_view(spec, result, trainee, module_titles(), AT[:10]),
                        html=report_html(spec, result, trainee, AT[:10]))
        cases.append(case)
    return {"spec": spec, "modules": module_titles(), "date": AT[:10], "cases": cases}


def radar_vectors() -> dict:
    from ..kernel.documents import radar_svg
    from ..rules.radar import radar_view

    cases = []
    for labels, scores, band in (
            (["Communication", "Veille <&>", "Temps"], [40, None, 87], None),
            (["A", "B", "C", "D", "E", "F", "G", "H"], [0, 25, 50, 75, 100, 12, 63, 99], None),
            (["A", "B", "C", "D", "E"], [50, 50, 50, 50, 50], ([30, 0, 70, None, 12.5], [55, 10, 95.5, 60, 80])),
            (["Un seul axe"], [33], None)):
        view = radar_view(labels, scores, "Profil « test »", "pmes-radar-test", band)
        cases.append({"labels": labels, "scores": scores, "band": band, "view": view,
                      "svg": radar_svg(labels, scores, "Profil « test »", "pmes-radar-test", band)})
    return {"title": "Profil « test »", "id": "pmes-radar-test", "cases": cases}


def budget_vectors() -> dict:
    from ..data.budget import load_budget
    from ..rules.budget import charts, compute, summary_text

    specs = {"m6-budget": load_budget("m6-budget"), "budget-exemple": load_budget("budget-exemple", FIXTURES / "budget")}
    cases = []
    for name, spec in specs.items():
        ids = [a["id"] for a in spec["activities"]]
        trials = [({}, spec["hourly_cost"]["default"]), ({i: 0 for i in ids}, spec["hourly_cost"]["min"]),
                  ({i: a["max"] for i, a in zip(ids, spec["activities"])}, spec["hourly_cost"]["max"]),
                  ({ids[0]: 7.5, ids[-1]: 0.5}, 55), ({ids[0]: 999, ids[-1]: -1}, 35), ({ids[0]: "2"}, 35),
                  ({ids[0]: 1}, 5000), ({ids[0]: 2.25}, 33.33)]
        for hours, cost in trials:
            result = compute(spec, hours, cost)
            cases.append({"spec": name, "hours": hours, "cost": cost, "result": result, "summary": summary_text(result),
                          "charts": charts(spec, result)})
    return {"specs": specs, "cases": cases}


def _broken(base: dict, changes) -> list[tuple[str, dict]]:
    out = []
    for name, change in changes:
        data = copy.deepcopy(base)
        change(data)
        out.append((name, data))
    return out


def validation_vectors() -> dict:
    """The French messages of every schema error, as the book must say them too."""
    import yaml

    from ..data.banks import _where
    from ..data.diagnostic import load_diagnostic
    from ..data.validation import field_path, schema_errors

    bank = yaml.safe_load((FIXTURES / "sample_bank.yaml").read_text("utf-8"))
    banks = _broken(bank, [
        ("valid", lambda b: None),
        ("missing feedback and id", lambda b: (b["questions"][0]["options"][1].pop("feedback"),
                                               b["questions"][1].pop("id"))),
        ("unknown type", lambda b: b["questions"][1].__setitem__("type", "ouverte")),
        ("unknown fields", lambda b: (b["questions"][0].update(feedbak="x", zzz=1), b.update(auteur="moi"))),
        ("bad id and empty prompt", lambda b: b["questions"][0].update(id="Q 1", prompt="")),
        ("wrong types", lambda b: (b["questions"][0].__setitem__("points", "deux"), b.__setitem__("questions", b["questions"][:2]),
                                   b["questions"][1]["options"].__setitem__(0, "texte"))),
        ("too few options", lambda b: b["questions"][0].__setitem__("options", b["questions"][0]["options"][:1])),
        ("points out of range", lambda b: b["questions"][0].__setitem__("points", 99)),
        ("not a list", lambda b: b.__setitem__("questions", {"q": 1})),
        ("a question that is not an object", lambda b: b["questions"].append(3)),
        ("purpose unknown", lambda b: b.__setitem__("purpose", "examen")),
    ])
    spec = load_diagnostic()
    diagnostics = _broken(spec, [
        ("valid", lambda d: None),
        ("a level without label", lambda d: d["levels"][0].pop("label")),
        ("an item with 3 levels", lambda d: d["dimensions"][0]["items"][0].__setitem__("levels", ["a", "b", "c"])),
        ("importance of 4 labels", lambda d: d.__setitem__("importance", ["a", "b", "c", "d"])),
    ])
    form = {"id": "f", "title": "Formulaire", "fields": [
        {"id": "a", "type": "choice", "label": "A", "options": [{"id": "x", "label": "X"}, {"id": "y", "label": "Y"}]},
        {"id": "b", "type": "number", "label": "B", "min": 0, "max": 5}]}
    forms_ = _broken(form, [
        ("valid", lambda f: None),
        ("a choice without options", lambda f: f["fields"][0].pop("options")),
        ("a number without bounds", lambda f: (f["fields"][1].pop("min"), f["fields"][1].pop("max"))),
        ("an unknown type", lambda f: f["fields"][1].__setitem__("type", "slider")),
        ("no fields", lambda f: f.__setitem__("fields", [])),
    ])
    cases = []
    for schema, items, where in (
            ("question_bank.schema.json", banks, lambda data: lambda p: _where("banque.yaml", data, p)),
            ("diagnostic.schema.json", diagnostics, lambda data: lambda p: f"diagnostic.yaml : champ « {field_path(p)} »"),
            ("form.schema.json", forms_, lambda data: lambda p: f"form.yaml : champ « {field_path(p)} »")):
        for name, data in items:
            cases.append({"schema": schema, "name": name, "data": data, "messages": schema_errors(data, schema, where(data))})
    for name, data in _damaged_records():
        cases.append({"schema": "record.schema.json", "name": name, "data": data,
                      "messages": schema_errors(data, "record.schema.json", lambda p: f"dossier : champ « {field_path(p)} »")})
    return {"cases": cases}


def typography_vectors() -> dict:
    from ..rules.typography import typo, typo_all, typo_html

    texts = ["Quoi ? Il faut 78 % des « bons » avis : 1 234 567 clients; bien!", "Le XXe siècle, le 3e pays, le 1er mai",
             "la 1re fois, la 1ère, le 2ème, le 10eme", "https://a.b/?q=1 et 10:30 ou 16:9", "l'article d'aujourd'hui...",
             "En 2010 la page", "30 min, 8 h, 12 €, 500 millions, 3 k€", "Note: voir", "«sans espace»", "« déjà »",
             "deux  :  espaces", "Oui ?!", "(entre parenthèses) ;", "l'été 2026 : 51,5 millions", "x != y", "Un 1e6 de trop",
             "Ve République", "", "Élan : école ; Œuvre !", "Prix : 1 200 € HT, soit 12 000 € par an",
             "« Il faudrait qu'on soit sur les réseaux sociaux. » La phrase"]
    for bank in all_banks()[:8]:
        for q in bank["questions"][:3]:
            texts.append(q["prompt"])
            texts += [o.get("feedback", "") for o in q.get("options", [])][:2]
    html = ["<p class=\"a:b\">Bonjour : &amp; le <code>x ; y</code> fin !</p>",
            "<td>7,07 %</td><script>var a = {b: 1};</script><td>« x »</td>",
            "<pre>un : deux</pre>texte : suite<br/>et ? <img alt='a : b'/>"]
    values = [{"id": "q-1", "text": "Quoi ? oui", "nested": [{"label": "a : b", "type": "single"}]}]
    return {"texts": [{"text": t, "typo": typo(t)} for t in texts],
            "html": [{"html": h, "typo": typo_html(h)} for h in html],
            "all": [{"value": v, "skip": ["id", "type"], "typo": typo_all(v, frozenset({"id", "type"}))} for v in values]}


XAPI_PROFILE = {"base": "https://of.example/xapi/cours", "home_page": "https://of.example", "identity": False,
                "title": "Cours « essai »", "forms_with_values": ["satisfaction", "plan"], "dimensions": ["a", "b"],
                "sequences": [{"id": "positionnement", "title": "Positionnement", "banks": {}, "test": "t-entree"},
                              {"id": "module-1", "title": "Module 1", "banks": {"m1": ["q1", "q2"]}, "test": None}]}
XAPI_WHO = {"account": "stagiaire-07", "registration": "6a3b8f8e-2c3d-4f5e-8a9b-123456789abc"}


def _xapi_steps() -> list[tuple[str, list, dict, dict]]:
    """(change, args, event, who): a trainee's course, step by step."""
    hostile = {**XAPI_WHO, "identity": True}
    return [
        ("attempt", ["m1", "q1", "a", 0, 1, AT], {"type": "attempt", "bank": "m1", "question": "q1", "score": 0, "max": 1,
                                                 "duration": 41.25}, XAPI_WHO),
        ("attempt", ["m1", "q1", "b", 1, 1, AT], {"type": "attempt", "bank": "m1", "question": "q1", "score": 1, "max": 1,
                                                 "duration": 3.04}, XAPI_WHO),
        ("solution", ["m1", "q2", AT], {"type": "solution", "bank": "m1", "question": "q2"}, XAPI_WHO),
        ("attempt", ["m1", "q2", ["x", "y"], 1.5, 2, LATER], {"type": "attempt", "bank": "m1", "question": "q2",
                                                             "score": 1.5, "max": 2}, XAPI_WHO),
        ("submit", ["t-entree", {"qa": ["a", 1, 1], "qb": [None, 0, 1], "qc": ["c", 0, 2]}, LATER],
         {"type": "submit", "bank": "t-entree", "attempts": {"qa": ["a", 1, 1], "qb": [None, 0, 1], "qc": ["c", 0, 2]},
          "duration": 600}, {"account": "stagiaire-07", "registration": ""}),
        ("form", ["plan", {"objectif": "5 devis"}, False, LATER], {"type": "form", "form": "plan", "submitted": False}, XAPI_WHO),
        ("form", ["plan", {"objectif": "5 devis", "actions": [{"action": "fiche", "heures": 2}]}, True, LATER],
         {"type": "form", "form": "plan", "submitted": True}, XAPI_WHO),
        ("form", ["ma-video", {"idee": "visite d'atelier"}, True, LATER], {"type": "form", "form": "ma-video", "submitted": True},
         XAPI_WHO),
        ("diagnostic", [{"answers": {"a": 3}, "importance": {}}], {"type": "diagnostic"}, XAPI_WHO),
        ("diagnostic", [{"answers": {"a": 3, "b": 1}, "importance": {"a": 2}}], {"type": "diagnostic"}, XAPI_WHO),
        ("diagnostic", [{"answers": {"a": 3, "b": 1}, "importance": {"a": 2}}], {"type": "diagnostic"}, XAPI_WHO),
        ("diagnostic", [{"answers": {"a": 3, "b": 2}, "importance": {"a": 2}}], {"type": "diagnostic"}, XAPI_WHO),
        ("trainee", ["<script>alert(1)</script>", "Menuiserie & fils"], {"type": "trainee"}, hostile),
        ("attestation", [{"m1-o1": "acquis", "m1-o2": "en-cours"}, LATER], {"type": "attestation"}, hostile),
        ("attestation", [{"m1-o1": "acquis", "m1-o2": "en-cours"}, LATER], {"type": "attestation"}, hostile),
        ("attestation", [{"m1-o1": "acquis", "m1-o2": "acquis"}, LATER], {"type": "attestation"}, XAPI_WHO),
    ]


def xapi_vectors() -> dict:
    from pmesocial.rules import xapi

    record, steps, stream = new_record(AT), [], []
    for number, (change, args, event, who) in enumerate(_xapi_steps(), 1):
        before = copy.deepcopy(record)
        if change == "diagnostic":
            record["diagnostic"] = {**args[0], "updated": LATER}
        elif change != "none":
            CHANGES[change](record, *copy.deepcopy(args))
        prof = {**XAPI_PROFILE, "identity": who.get("identity", False)}
        who_ = {k: v for k, v in who.items() if k != "identity"}
        made = xapi.statements(event, before, record, prof, who_, LATER, "livre")
        steps.append({"event": event, "before": before, "after": copy.deepcopy(record), "identity": prof["identity"],
                      "who": who_, "statements": made})
        stream += [{**st, "id": f"00000000-0000-4000-8000-{number:06d}{i:06d}"} for i, st in enumerate(made)]
    # as Ralph keeps them: each with the time it arrived (`stored`) and, as `authority`, the
    # agent of the credential that sent it (a trainee's own, the same as the actor)
    stream = [_as_stored(st, f"2026-11-20T10:30:{n:02d}.{n * 1000:06d}+00:00") for n, st in enumerate(stream)]
    other = copy.deepcopy(stream[0])
    other["object"]["id"] = "https://ailleurs.example/q/1"
    nobody = copy.deepcopy(stream[0])
    nobody.pop("actor")
    second = _as_stored({**copy.deepcopy(stream[2]), "actor": _agent("stagiaire-08")}, "2026-11-20T11:00:00Z")
    second["timestamp"] = AT
    group = list(reversed(stream)) + [other, nobody, second] + _hostile_statements(stream)
    launches = ["", "?page=2",
                "?endpoint=http%3A%2F%2F127.0.0.1%3A8100%2FxAPI&auth=Basic%20c3RhZ2lhaXJlczpwdw%3D%3D"
                "&actor=%7B%22account%22%3A%7B%22homePage%22%3A%22https%3A%2F%2Fof.example%22%2C%22name%22%3A%22s-1%22%7D%7D"
                "&registration=6A3B8F8E-2C3D-4F5E-8A9B-123456789ABC",
                "?endpoint=https://lrs.of.example/xapi/&auth=Basic+abc&actor={\"account\":{\"name\":\"  s 2 \"}}",
                "?endpoint=http://x/&auth=Basic%20a",
                "?endpoint=ftp://x/&auth=a&actor={}",
                "?endpoint=http://x/&auth=a&actor=pas-du-json",
                "?endpoint=http://x/&auth=a&actor={\"account\":{\"name\":\"<img src=x onerror=alert(1)>\"}}",
                "?endpoint=http://x/&auth=a&actor={\"account\":{\"name\":\"s\"}}&registration=123"]
    parsed = []
    for query in launches:
        try:
            parsed.append({"query": query, "launch": xapi.parse_launch(query)})
        except xapi.LaunchError as exc:
            parsed.append({"query": query, "error": str(exc)})
    return {"profile": XAPI_PROFILE, "steps": steps, "durations": [{"seconds": s, "text": xapi.duration(s)}
                                                                    for s in (0, 0.04, 0.05, 1, 12.34, 59.96, 3600, -1, None)],
            "launches": parsed, "group": group, "records": xapi.records_from_statements(group, XAPI_PROFILE),
            "rejected": xapi.group_from_statements(group, XAPI_PROFILE)["rejected"],
            "stored_keys": [{"text": t, "key": xapi.stored_key(t)} for t in STORED_TIMES]}


STORED_TIMES = ["2026-11-20T10:30:00+00:00", "2026-11-20T10:30:00.5+00:00", "2026-11-20T10:30:00.123456789Z",
                "2026-11-20T11:30:00+01:00", "2026-11-20T05:00:00-0530", "2026-11-20T10:30:00", "2026-02-30T10:00:00Z",
                "2026-13-01T10:00:00Z", "2026-11-20T24:00:00Z", "0001-01-01T00:30:00+01:00", "9999-12-31T23:30:00-01:00",
                "0000-01-01T00:00:00Z", "0099-03-01T00:00:00Z", "2026-11-20 10:30:00Z", "", None, 1763634600, "hier"]


def _agent(account: str, home_page: str = "https://of.example") -> dict:
    return {"objectType": "Agent", "account": {"homePage": home_page, "name": account}}


def _as_stored(statement: dict, stored: str, authority: dict | None = None) -> dict:
    return {**statement, "stored": stored, "authority": authority or _agent(statement["actor"]["account"]["name"])}


def _hostile_statements(stream: list[dict]) -> list[dict]:
    """What a trainee with a credential of their own can still send: statements about
    another account (the LRS names the sender in `authority`), back-dated ones, voidings,
    and names that are keys of every JavaScript object."""
    from pmesocial.rules import xapi

    iri = xapi.ids(XAPI_PROFILE["base"])
    answered = next(s for s in stream if s["verb"]["id"] == xapi.VERBS["answered"]["id"])
    form = next(s for s in stream if s["verb"]["id"] == xapi.VERBS["responded"]["id"])

    def attempt(account, question, raw, first, stored, timestamp, sender=None, bank="m1", sid=None):
        st = copy.deepcopy(answered)
        st.update(actor=_agent(account), id=sid or f"00000000-0000-4000-9000-{len(made):012d}", timestamp=timestamp)
        st["object"]["id"] = f"{iri['bank']}{bank}/question/{question}"
        st["result"]["score"] = {"raw": raw, "min": 0, "max": 1, "scaled": raw}
        st["result"]["extensions"] = {iri["first_attempt"]: first}
        return _as_stored(st, stored, _agent(sender) if sender else None)

    def responded(account, form_id, comment, stored, sid):
        st = copy.deepcopy(form)
        st.update(actor=_agent(account), id=sid, timestamp=LATER)
        st["object"]["id"] = iri["form"] + form_id
        st["result"] = {"completion": True, "extensions": {iri["values"]: {"commentaire": comment}}}
        return _as_stored(st, stored)

    def void(account, target, stored, sender=None, sid=None):
        st = {"id": sid, "actor": _agent(account), "verb": {"id": xapi.VOIDED, "display": {"en-US": "voided"}},
              "object": {"objectType": "StatementRef", "id": target}, "timestamp": stored, "version": xapi.VERSION}
        return _as_stored(st, stored, _agent(sender) if sender else None)

    made: list[dict] = []
    # stagiaire-08 forges a back-dated, full-marks first attempt in stagiaire-07's name
    made.append(attempt("stagiaire-07", "q2", 1, True, "2026-11-20T09:59:00Z", "2020-01-01T00:00:00Z", sender="stagiaire-08"))
    # stagiaire-09's own: a wrong first attempt, then a back-dated « first » one with full marks
    made.append(attempt("stagiaire-09", "q1", 0, True, "2026-11-21T08:00:00Z", "2026-11-21T08:00:00Z"))
    made.append(attempt("stagiaire-09", "q1", 1, True, "2026-11-21T08:05:00Z", "2026-11-01T08:00:00Z"))
    # voidings: stagiaire-09 takes back its own satisfaction form; stagiaire-08 tries to
    # take back stagiaire-07's first answer, in its own name and in stagiaire-07's
    made.append(responded("stagiaire-09", "satisfaction", "à retirer", "2026-11-21T08:10:00Z",
                          "00000000-0000-4000-9000-00000000aaaa"))
    made.append(void("stagiaire-09", "00000000-0000-4000-9000-00000000aaaa", "2026-11-21T08:11:00Z",
                     sid="00000000-0000-4000-9000-00000000bbbb"))
    made.append(void("stagiaire-08", stream[0]["id"], "2026-11-21T08:12:00Z", sid="00000000-0000-4000-9000-00000000cccc"))
    made.append(void("stagiaire-07", stream[0]["id"], "2026-11-21T08:13:00Z", sender="stagiaire-08",
                     sid="00000000-0000-4000-9000-00000000dddd"))
    made.append(void("stagiaire-09", "00000000-0000-4000-9000-00000000bbbb", "2026-11-21T08:14:00Z",
                     sid="00000000-0000-4000-9000-00000000eeee"))  # a voiding cannot be voided
    # stagiaire-09 takes back its own wrong first attempt, to make the full-marks one « first »
    made.append(void("stagiaire-09", made[1]["id"], "2026-11-21T08:15:00Z", sid="00000000-0000-4000-9000-00000000ffff"))
    # names that are keys of every JavaScript object, as accounts, banks, questions, forms
    for n, account in enumerate(("__proto__", "constructor", "hasOwnProperty")):
        made.append(responded(account, "satisfaction", f"avis de {account}", f"2026-11-22T08:0{n}:00Z",
                              f"00000000-0000-4000-9000-0000000001{n:02d}"))
        made.append(attempt(account, "constructor", 1, True, f"2026-11-22T08:1{n}:00Z", LATER, bank="__proto__"))
    made.append(responded("stagiaire-07", "__proto__", "forme", "2026-11-22T09:00:00Z", "00000000-0000-4000-9000-000000000200"))
    # an account with another home page than its authority's: someone else
    made.append(attempt("stagiaire-10", "q1", 1, True, "2026-11-22T09:10:00Z", LATER))
    made[-1]["authority"]["account"]["homePage"] = "https://autre.example"
    # no `stored` (not from an LRS): after every stored one
    made.append(attempt("stagiaire-10", "q2", 0, True, None, "2000-01-01T00:00:00Z"))
    made[-1].pop("stored")
    return made


def _group_records() -> list[dict]:
    """Sample trainees (make_sample_records) and hand-made edge cases: a hostile name, a
    plan with blank, boolean and text hours, a comment over two lines, a bank the course
    no longer has, a solution seen before answering."""
    from pmesocial.data.diagnostic import load_diagnostic
    from pmesocial.tools.make_sample_records import HOSTILE_COMPANY, make_record

    rng, banks, spec = random.Random(2026), all_banks(), load_diagnostic()
    records = [make_record(rng, i, banks, spec, f"Stagiaire{i} Nom", "Menuiserie Morel") for i in range(1, 5)]
    odd = new_record(AT)
    apply_trainee(odd, "Claire <script>alert(1)</script> O'Brien & \"Fils\"", HOSTILE_COMPANY)
    apply_form(odd, "plan", {"objectif": "<b>Plus</b> de devis", "actions": [
        {"action": "Fiche", "responsable": None, "heures": None, "indicateur": "Appels", "echeance": "2026-12-15"},
        {"action": "Avis", "responsable": "Paul", "heures": "deux", "indicateur": "", "echeance": None}]}, False, LATER)
    apply_form(odd, "satisfaction", {"commentaire": "Très bien.\nMerci <i>beaucoup</i> !", "clarte-contenus": 5, "outils": 2}, True, LATER)
    apply_attempt(odd, "banque-disparue", "q-perdue", "a", 1, 4, LATER)
    apply_solution_seen(odd, "m1-autoevaluation", load_bank("m1-autoevaluation")["questions"][0]["id"], LATER)
    apply_validations(odd, {"plan": {"decision": "a-reprendre", "at": LATER, "comment": "<b>Chiffrez</b> l'objectif"},
                            "video": {"decision": "validee", "criteria": {"tournable": True}, "at": LATER}})
    # what a spreadsheet would run, or split, in the CSV export of the trainees' table
    spread_sheet = new_record(LATER)
    apply_trainee(spread_sheet, '=HYPERLINK("http://x";"clic")', "Dupont; Fils\n+33 « SARL »")
    # choices that are keys of every JavaScript object, beside real ones (rules/group.js counts in maps)
    apply_form(spread_sheet, "besoins", {"taille": "__proto__", "usage": "regulier",
                                         "objectifs": ["constructor", "hasOwnProperty", "toString"]}, True, LATER)
    empty = new_record(LATER)
    for n, record in enumerate(records + [odd, spread_sheet, empty]):
        record["_source"] = f"dossier-{n:02d}.json"
    return records + [odd, spread_sheet, empty]


def group_vectors() -> dict:
    """The group view: the course context the book's page carries, groups of records, the
    page view (formatted strings) and the HTML of its template."""
    from pmesocial.kernel.group_view import render_group_view
    from pmesocial.rules import group
    from pmesocial.rules.group_page import export_label, page_view, results_csv

    ctx, records = group.context(), _group_records()
    rejected = [["dossier-tronque.json", "Ce fichier n'est pas un dossier lisible (JSON invalide ou tronqué)."]]
    cases = []
    for name, chosen, anonymous in (("anonyme", records, True), ("noms", records, False),
                                    ("vide", [], True), ("un seul", records[-3:-2], False)):
        summary = group.summaries(chosen, anonymous, ctx)
        view = page_view(summary, rejected, "dossier « groupe »", anonymous)
        cases.append({"name": name, "records": chosen, "rejected": rejected, "anonymous": anonymous,
                      "source": "dossier « groupe »", "view": view, "html": render_group_view(view),
                      "csv": results_csv(view), "export_label": export_label(anonymous)})
    spreads = [{"values": v, "spread": group.spread(v)} for v in ([], [50], [25, 100], [25, 100, 50], [0, 25, 25, 50, 75, 100, 100])]
    return {"context": ctx, "cases": cases, "spreads": spreads, "files": _group_files(records[0]),
            "validation_files": _validation_files(records)}


def _group_files(record: dict) -> list[dict]:
    """Exported files as a trainer drops them (bytes in base64): read, or set aside and why."""
    import base64

    from pmesocial.data.group_folder import read_group_file
    from pmesocial.record import RecordError, validation_file

    good = json.dumps({k: v for k, v in record.items() if k != "_source"}, ensure_ascii=False).encode()
    judged = validation_file(record, {"plan": {"decision": "validee", "at": LATER}}, "Stagiaire 1", LATER)
    files = [("bon.json", good), ("bom.JSON", b"\xef\xbb\xbf" + good), ("latin1.json", "{\"é\": 1}".encode("latin-1")),
             ("tronque.json", good[:200]), ("autre.json", b'{"format": "autre"}'), ("notes.txt", good),
             ("futur.json", json.dumps({"format": "pmesocial-record", "version": 99}).encode()),
             ("abime.json", json.dumps({**json.loads(good), "exercises": []}).encode()),
             ("validation-stagiaire-1.json", json.dumps(judged, ensure_ascii=False).encode()),
             ("validation-abimee.json", json.dumps({**judged, "productions": {"plan": {"decision": "?"}}}).encode())]
    out = []
    for name, data in files:
        case = {"name": name, "data": base64.b64encode(data).decode()}
        try:
            kind, found = read_group_file(name, data)
            if kind == "record":
                case["source"] = found["_source"]
            else:
                case["validation"] = found
        except RecordError as exc:
            case["reason"] = str(exc)
        out.append(case)
    return out


def _validation_files(records: list[dict]) -> dict:
    """The trainer's validation files read with the records: added to the record each one
    names, or set aside."""
    from pmesocial.data.group_folder import apply_validation_files
    from pmesocial.record import validation_file

    chosen = copy.deepcopy(records[:2])
    validations = [("validation-1.json", validation_file(chosen[0], {"video": {"decision": "a-reprendre", "at": LATER,
                                                                               "comment": "Trop long"}}, "S 1", LATER)),
                   ("validation-2.json", validation_file({"started": "2020-01-01T00:00:00+00:00"},
                                                         {"plan": {"decision": "validee", "at": LATER}}, "X", LATER))]
    for _, v in validations:
        v.pop("issued")
        v.pop("format"), v.pop("version")
    before = copy.deepcopy(chosen)
    unmatched = apply_validation_files(chosen, validations)
    return {"records": before, "validations": validations, "result": chosen, "unmatched": unmatched}


def _limit_files() -> list[tuple[str, bytes]]:
    """Files at and past each limit of pmesocial/limits.py (what the book reads the same way)."""
    record = apply_attempt(new_record(AT), "m1-autoevaluation", "m1-q1", "a", 7, 8, AT)
    text = json.dumps(record)

    def scored(score: str, top: str = "8") -> bytes:
        return text.replace('"score": 7', f'"score": {score}').replace('"max": 8', f'"max": {top}').encode()

    def named(name_json: str) -> bytes:  # the trainee's name as written in the JSON text
        return text.replace('"name": ""', f'"name": {name_json}').encode()

    judged = {"format": "pmesocial-validation", "version": 1, "trainee": {"name": "A"}, "record_started": AT,
              "productions": {"plan": {"decision": "validee", "at": AT, "comment": "Bien \ud83d vu"}}}
    deep = lambda n: ("[" * n + "]" * n).encode()  # noqa: E731
    return [
        ("a record", text.encode()), ("a record with a BOM", b"\xef\xbb\xbf" + text.encode()),
        ("two BOMs", b"\xef\xbb\xbf" * 2 + text.encode()), ("latin-1", "é".encode("latin-1") + text.encode()),
        ("a surrogate encoded in UTF-8", text.encode().replace(b'"name": ""', b'"name": "\xed\xa0\x80"')),
        ("an overlong encoding", text.encode().replace(b'"name": ""', b'"name": "\xc0\xaf"')),
        ("UTF-16", text.encode("utf-16")),
        ("20 levels", deep(20)), ("21 levels", deep(21)), ("5,000 levels", deep(5000)),
        ("5,000 levels in a record", text.replace('"exercises"', '"x": ' + "[" * 5000 + "]" * 5000 + ', "exercises"').encode()),
        ("brackets in strings do not nest", json.dumps({"a": "[" * 30, "b": '\\"[[[' * 10}).encode()),
        ("an unterminated string", b'{"a": "' + b"[" * 30),
        ("a score of 1e999", scored("1e999", "1e999")), ("a score of -1e999", scored("-1e999")),
        ("a score of NaN", scored("NaN")), ("a score of Infinity", scored("Infinity", "Infinity")),
        ("a 5,000-digit score", scored("1" * 5000, "1" * 5000)), ("a 19-digit score", scored("1" * 19, "1" * 19)),
        ("a score at the number limit", scored("1000000000000000", "1000000000000000")),
        ("a score past the number limit", scored("1000000000000000.5", "1000000000000001")),
        ("a tiny score", scored("1e-999")), ("a negative zero", scored("-0")), ("a negative zero as a decimal", scored("-0.0")),
        ("100 000 %", scored("1000", "1")), ("a score within its maximum", scored("8")),
        ("a maximum past the points limit", scored("0", "1001")), ("a decimal score", scored("0.5", "1")),
        ("a bare number past the limit", b"1e999"), ("a bare NaN", b"NaN"),
        ("bad numbers: the first key in code-point order", ("{" + ", ".join(
            f"{json.dumps(k, ensure_ascii=False)}: 1e999" for k in ("b", "\U0001f600", "\ue000", "a", "10", "9")) + "}").encode()),
        ("bad numbers: astral before U+E000 in UTF-16, after it in code points",
         ("{" + ", ".join(f"{json.dumps(k, ensure_ascii=False)}: 1e999" for k in ("\U0001f600", "\ue000")) + "}").encode()),
        ("an answer at the number limit", text.replace('"a"', "1000000000000000").encode()),
        ("an answer past the number limit", text.replace('"a"', "-1000000000000001").encode()),
        ("a name of 1,000 characters", named(json.dumps("n" * 1000))),
        ("a name of 1,001 characters", named(json.dumps("n" * 1001))),
        ("a text of 5,001 characters", named(json.dumps("n" * 5001))),
        ("5,000 emoji are 5,000 characters", json.dumps(["\U0001f600" * 5000]).encode()),
        ("5,000 emoji written as escapes", json.dumps(["\U0001f600" * 5000], ensure_ascii=True).encode()),
        ("a key of 5,001 characters", json.dumps({"k" * 5001: 1}).encode()),
        ("a lone surrogate in a name", named('"Claire \\ud83d Morel"')),
        ("a low surrogate then a high one", named('"\\ude00\\ud83d"')),
        ("an escaped pair is one character", named('"\\ud83d\\ude00"')),
        ("a lone surrogate in a key", text.replace('"m1-q1"', '"m1-\\udc00"').encode()),
        ("a lone surrogate in a validation", json.dumps(judged).replace("\\\\ud83d", "\\ud83d").encode()),
        ("a __proto__ key", json.dumps({"__proto__": 1}).replace("1", "1e999").encode()),
        ("a record with a __proto__ part", text.replace('"exercises"', '"__proto__": {"a": 1}, "exercises"').encode()),
    ]


def _read_as(parse, data: bytes) -> dict:
    from pmesocial.limits import decode_file

    try:
        found = parse(decode_file(data))
    except RecordError as exc:
        return {"message": str(exc)}
    if isinstance(found, tuple):
        return {"kind": found[0], "data": found[1]}
    return {"kind": "record", "data": found}


def limits_vectors() -> dict:
    """Files read by both front ends (bytes in base64): what the import and the record's
    reader give, or their French message; file sizes at and past the limit; names cut at
    TEXT_LIMIT characters as Python counts them (code points)."""
    import base64

    from pmesocial.limits import LIMITS, decode_file
    from pmesocial.record import parse_record

    files = [{"name": name, "data": base64.b64encode(data).decode(), "import": _read_as(parse_import, data),
              "record": _read_as(parse_record, data)} for name, data in _limit_files()]
    sizes = []
    for size in (LIMITS["file_bytes"], LIMITS["file_bytes"] + 1):
        try:
            decode_file(b" " * size)
            sizes.append({"bytes": size, "accepted": True})
        except RecordError as exc:
            sizes.append({"bytes": size, "message": str(exc)})
    cuts = [{"name": n, "trainee": apply_trainee(new_record(AT), n, n)["trainee"]}
            for n in ("n" * 999 + "\U0001f600" * 2, "\U0001f600" * 1001, "é" * 1000)]
    return {"limits": LIMITS, "files": files, "sizes": sizes, "cuts": cuts}


def carnet_records() -> list[tuple[str, dict]]:
    """A sample trainee (make_sample_records), one with a hostile name and company whose
    record also holds what a course that changed leaves behind (a bank and a question it
    no longer has, an option it no longer offers, a solution seen first), and an empty one."""
    from pmesocial.data.diagnostic import load_diagnostic
    from pmesocial.tools.make_sample_records import HOSTILE_COMPANY, make_record

    rng, banks, spec = random.Random(2026), all_banks(), load_diagnostic()
    full = make_record(rng, 1, banks, spec, "Claire Morel", "Menuiserie Morel")
    hostile = make_record(rng, 2, banks, spec, "Claire <script>alert(1)</script> O'Brien & \"Fils\"", HOSTILE_COMPANY)
    bank = load_bank("m1-autoevaluation")
    apply_attempt(hostile, "banque-disparue", "q-perdue", "a", 1, 4, LATER)
    apply_attempt(hostile, bank["id"], "question-retiree", "a", 0, 1, LATER)
    apply_solution_seen(hostile, "m2-autoevaluation", load_bank("m2-autoevaluation")["questions"][0]["id"], AT)
    hostile["exercises"][bank["id"]]["answers"][bank["questions"][0]["id"]] = "option-retiree"
    hostile["forms"]["besoins"]["values"]["attentes"] = "Répondre à un avis <b>injuste</b> & « faux »"
    return [("sample", full), ("hostile", hostile), ("empty", new_record(AT))]


def carnet_vectors() -> dict:
    """« Mon carnet »: the course context the book loads, records, their view and HTML."""
    from pmesocial.rules import carnet

    ctx, today = carnet.context(), "2026-04-01"
    cases = []
    for name, record in carnet_records():
        view = carnet.carnet_view(record, ctx, today)
        cases.append({"name": name, "record": record, "view": view, "html": kernel_documents.render_carnet(view)})
    return {"context": ctx, "today": today, "cases": cases}


def rubric_vectors() -> dict:
    """Productions on their rubric: every automatic rule met and not met, the trainer's
    criteria and decisions, each status (from tests/fixtures/rubric.yaml)."""
    from pmesocial.data.validation import read_yaml
    from pmesocial.rules import rubric

    spec = read_yaml(FIXTURES / "rubric.yaml")
    full = {"objectif": "Cinq demandes de devis par mois", "etat": "a-jour",
            "texte": "Merci de votre avis.\n1. Nous avons revu nos délais ;\n2. Nous appelons avant ;\n3. À bientôt.",
            "actions": [{"qui": "Claire", "heures": 1.5, "quand": "2027-01-15"},
                        {"qui": "Inès", "heures": 0.5, "quand": "2027-03-07"}, {}],
            "etape": "2027-01-20", "choix": ["a", "b"]}
    variants = [
        ("rien", {}),
        ("complet", full),
        ("sans chiffre", {**full, "objectif": "Être plus visible"}),
        ("une année n'est pas un chiffre à atteindre", {**full, "objectif": "Être plus visible en 2027"}),
        ("un chiffre et une année", {**full, "objectif": "12 devis par mois en 2027"}),
        ("court", {**full, "texte": "Merci."}),
        ("sans merci, accents", {**full, "texte": "REMERCIÉS pour tout.\n- un\n- deux\n- trois"}),
        ("téléphone", {**full, "texte": "Merci, appelez le 06 12 34 56 78.\n1. a\n2. b\n3. c"}),
        ("téléphone international", {**full, "texte": "Merci : +33 6 12 34 56 78 ; 1. a ; 2. b ; 3. c"}),
        ("courriel", {**full, "texte": "Merci ! Écrivez à jean.dupont@exemple.fr\n1. a\n2. b\n3. c"}),
        ("adresse", {**full, "texte": "Merci pour le chantier du 12 bis, allée des Chênes.\n1. a\n2. b\n3. c"}),
        ("un nombre qui n'est pas une adresse", {**full, "texte": "Merci : 12 ans de métier.\n1. a\n2. b\n3. c"}),
        ("une ligne", {**full, "actions": full["actions"][:1]}),
        ("heures nulles", {**full, "actions": [{**full["actions"][0], "heures": 0}, full["actions"][1]]}),
        ("échéance trop tard", {**full, "actions": [full["actions"][0], {**full["actions"][1], "quand": "2027-03-09"}]}),
        ("échéance passée", {**full, "actions": [{**full["actions"][0], "quand": "2026-12-06"}, full["actions"][1]]}),
        ("date impossible", {**full, "etape": "2027-02-30"}),
        ("aucun choix, fiche à jour", {**full, "choix": []}),
        ("aucun choix, fiche ancienne", {**full, "choix": [], "etat": "ancienne"}),
        ("un seul choix", {**full, "choix": ["a"]}),
        ("valeurs d'un autre type", {"objectif": 5, "texte": ["a"], "actions": "x", "choix": "a", "etape": 20270120}),
    ]
    entries = []
    for name, values in variants:
        for submitted in (None, "2026-12-07T10:00:00+01:00"):
            entry = {"values": values, **({"submitted": submitted} if submitted else {})}
            entries.append((f"{name}{' (enregistré)' if submitted else ''}", entry))
    validations = [("aucune", None), ("validée", {"decision": "validee", "criteria": {"juge-1": True, "juge-2": False},
                                                   "comment": "Bon plan.", "by": "Mme Formatrice", "at": "2026-12-10T09:00:00Z"}),
                   ("à reprendre", {"decision": "a-reprendre", "criteria": {"juge-1": False}, "comment": "",
                                    "by": "", "at": "2026-12-10"}),
                   ("critères seuls", {"criteria": {"juge-1": True, "juge-2": "oui"}})]
    cases = []
    for name, entry in entries:
        for v_name, validation in validations:
            if v_name != "aucune" and not name.startswith("complet"):
                continue
            cases.append({"name": f"{name} / {v_name}", "entry": entry, "validation": validation, "today": "2026-12-07",
                          "result": rubric.evaluate(spec, entry, validation, "2026-12-07")})
    record = {"forms": {"essai": entries[3][1]}, "validations": {"fixture": validations[1][1]}}
    for case in cases:
        case["view"] = rubric.production_view(case["result"])
    return {"rubric": spec, "cases": cases, "intro": rubric.RUBRIC_INTRO,
            "productions": {"record": record, "today": "2026-12-07",
                            "result": rubric.productions(record, [spec], "2026-12-07")}}



def _scorm_records(course: dict) -> list[tuple[str, dict, int, list]]:
    """(name, record, limit, codes lost earlier): a whole course in both limits and a
    tight one, nothing yet, a sample trainee, and a small record with every part (drafts,
    a solution seen first, another maximum, validations, attestation, an unknown diagnostic item)."""
    from pmesocial.tools.make_sample_records import make_record, whole_course_record

    whole = whole_course_record()
    rng = random.Random(7)
    sample = make_record(rng, 1, all_banks(), __import__("pmesocial.data.diagnostic", fromlist=["x"]).load_diagnostic(),
                         "Léa Perrin", "Fleurs de Saison")
    small = new_record(AT)
    self_check = next(b for b in course["banks"] if b["purpose"] == "self-check")
    exit_bank = next(b for b in course["banks"] if b["id"] == course["exit_test"])
    apply_attempt(small, self_check["id"], self_check["questions"][0], "a", 0, 1, AT)
    apply_attempt(small, self_check["id"], self_check["questions"][0], "b", 2, 3, LATER)
    apply_solution_seen(small, self_check["id"], self_check["questions"][1], LATER)
    apply_draft(small, self_check["id"], self_check["questions"][2], ["x", "y"], LATER)
    apply_submit(small, exit_bank["id"], {q: [None, 0, 1] for q in exit_bank["questions"]}, LATER)
    apply_trainee(small, "<script>x</script>", "A & B « Ω »")
    apply_form(small, "plan", {"objectif": "Cinq devis\n« par mois »", "actions": []}, False, LATER)
    apply_validations(small, {"video": {"decision": "a-reprendre", "at": LATER}})
    small["attestation"] = {"statuses": {"m1-o1": "acquis"}, "issued": LATER}
    small["diagnostic"] = {"answers": {"inconnu": 2}, "importance": {}, "updated": LATER}
    small["self_positioning"] = {"entree": {"1": 0}}
    small["tabs"] = {"onglet-a": {"n": 2, "at": 1765000000000}}  # this browser's only: not carried
    small["updated"] = LATER
    partial = copy.deepcopy(whole)
    for entry in partial["exercises"].values():
        entry.pop("answers", None)
        entry.pop("results", None)
    lost = [f"r:{b['hash']}" for b in course["banks"][:3]] + ["o:plan", "r:zzzzzzzz"]
    return [("whole course, SCORM 1.2", whole, 4096, []), ("whole course, SCORM 2004", whole, 64000, []),
            ("whole course, 1,500 characters", whole, 1500, []), ("nothing yet", new_record(AT), 4096, []),
            ("a sample trainee", sample, 4096, []), ("every part, small", small, 4096, []),
            ("every part, 300 characters", small, 300, []),
            ("came back without latest answers", partial, 4096, lost)]


def scorm_vectors() -> dict:
    from pmesocial.rules import scorm
    from pmesocial.tools.make_scorm import course_data

    course = course_data()
    cases = []
    for name, rec, limit, earlier in _scorm_records(course):
        rec = json.loads(json.dumps(rec, sort_keys=True))  # its keys in the order the vector file gives them
        packed = scorm.encode(rec, course, limit, earlier)
        back = scorm.decode(packed["text"], course)
        # the choice is compared across languages only away from the limit (zlib and pako differ slightly)
        clear = all(abs(n - limit) > 0.02 * limit for n in packed.get("trials", []))
        cases.append({"name": name, "record": rec, "limit": limit, "earlier": earlier, "json": packed["json"], "clear": clear,
                      "text": packed["text"], "whole": packed["whole"], "kept": packed["kept"], "dropped": packed["dropped"],
                      "restored": back["record"], "notices": back["notices"], "lost": back["lost"],
                      "lost_text": scorm.lost_text(packed["dropped"], course), "report": scorm.report(rec, course)})
    passing = [{"report": {"scaled": s}, "passing": p, "success": scorm.success({"scaled": s}, p)}
               for s in (None, 0.49, 0.5, 0.73, 1) for p in (None, "", "0.5", "0.8", "x", "-1")]
    times = [{"ms": ms, "scorm12": scorm.session_time(ms), "scorm2004": scorm.session_time_2004(ms)}
             for ms in (0, 4, 5, 990, 1000, 3723456, 3723400, 3720000, 60000, 86400000 * 3, 9999 * 3600000 + 10**9, -5)]
    return {"course": course, "limits": scorm.LIMITS, "cases": cases, "success": passing, "times": times,
            "broken": [{"text": t, "error": _scorm_error(t, course)} for t in
                       ("pmes2:%%%", scorm.pack("{"), "autre chose",
                        scorm.pack('{"v":9}'), scorm.pack('{"v":2,"s":"2026-11-20T09:00:00+00:00","u":"0","o":[]}'))]}


def _scorm_error(text: str, course: dict) -> str:
    from pmesocial.rules import scorm
    try:
        scorm.decode(text, course)
    except scorm.ScormDataError as exc:
        return str(exc)
    return ""

WRITERS = {"limits": limits_vectors, "rubric": rubric_vectors, "carnet": carnet_vectors, "group": group_vectors, "typography": typography_vectors, "validation": validation_vectors, "diagnostic": diagnostic_vectors, "radar": radar_vectors, "budget": budget_vectors,
           "formatting": formatting_vectors, "documents": documents_vectors, "scoring": scoring_vectors, "record": record_vectors, "forms": forms_vectors, "evidence": evidence_vectors, "xapi": xapi_vectors,
           "scorm": scorm_vectors}


def render(name: str) -> str:
    # scoring, group and carnet carry every bank's texts: compact; the others stay readable in a diff
    indent = None if name in ("scoring", "group", "carnet", "scorm") else 1
    return json.dumps(WRITERS[name](), ensure_ascii=False, indent=indent, sort_keys=True) + "\n"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if a vector file is not current")
    args = parser.parse_args(argv)
    VECTORS.mkdir(parents=True, exist_ok=True)
    stale = []
    for name in WRITERS:
        path, text = VECTORS / f"{name}.json", render(name)
        if args.check:
            if not path.exists() or path.read_text("utf-8") != text:
                stale.append(str(path.relative_to(REPO_DIR)))
        else:
            path.write_text(text, encoding="utf-8")
    if stale:
        print("Vecteurs de test à régénérer (python -m pmesocial.tools.write_vectors) : " + ", ".join(stale),
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Check every question bank against the item-writing rules, and the evidence design.

    python -m pmesocial.tools.check_items            problems, then exit 1 if any
    python -m pmesocial.tools.check_items --report   also the figures per objective

Beyond the rules of item_writing.py, it checks that the entry and exit tests are
parallel (same objectives, types and shape, different questions) and cover every
objective, and simulates a reader who picks the longest option everywhere: the
evaluation may grant them at most MAX_GUESSED objectives « acquis ». And, so that the
evidence means something:
- every objective has at least MIN_COUNTED counted questions (self-checks and exit test),
  and every part of it (data/programme.yaml, `objective_parts`) at least one;
- no exit question re-uses the situation or the wrong options of a question the trainee
  practised (rules/item_similarity.py; thresholds below).
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from pmesocial.data import contexts
from pmesocial.data.banks import BankError, load_bank_file
from pmesocial.paths import QUIZ_DIR, REPO_DIR
from pmesocial.rules import evidence, scoring
from pmesocial.rules import item_similarity as similarity
from pmesocial.rules.item_writing import Finding, check_banks, correct_is_strictly_longest, longest_guess, stats

MAX_GUESSED = 2
LENGTH_RATIO = 1.6  # parallel items: prompts and options of comparable length
# One slip among four questions still leaves 75 %: an objective is not lost on one answer.
MIN_COUNTED = 4
# Transfer (rules/item_similarity.py). On the December 2026 banks, the exit items a review
# found to be self-check items with names and numbers swapped scored 0.46 to 0.93 on
# situation or 0.49 to 1.0 on distractors; pairs of different questions on the same
# objective scored a median of about 0.2 on both. The thresholds sit between the two.
SITUATION_MAX = 0.35
DISTRACTORS_MAX = 0.40
PRACTISED = ("self-check", "practice")


def load_all(paths) -> tuple[list[tuple[str, dict]], list[Finding]]:
    """The banks that load, and a finding for each one that does not."""
    banks, broken = [], []
    for path in paths:
        path = Path(path).resolve()
        source = str(path.relative_to(REPO_DIR)) if path.is_relative_to(REPO_DIR) else str(path)
        try:
            banks.append((source, load_bank_file(path)))
        except BankError as exc:
            broken.append(Finding(source, "", f"banque illisible : {exc}"))
    return banks, broken


def module_paths(number: int) -> list[Path]:
    """One module's banks, and its entry and exit items while they are drafted in _staging/."""
    staging = REPO_DIR / "_staging" / "positionnement"
    return sorted(QUIZ_DIR.glob(f"m{number}-*.yaml")) + sorted(staging.glob(f"m{number}-*.yaml"))


def _shape(q: dict) -> tuple:
    if q["type"] in ("single", "multiple"):
        return q["type"], len(q["options"]), sum(bool(o.get("correct")) for o in q["options"])
    if q["type"] == "classify":
        return q["type"], len(q["categories"]), len(q["items"])
    return (q["type"],)


def _mean_option_length(q: dict) -> float:
    texts = [o["text"] for o in q.get("options", [])] or [i["text"] for i in q.get("items", [])] or [q["prompt"]]
    return sum(map(len, texts)) / len(texts)


def _far(a: float, b: float) -> bool:
    return max(a, b) > LENGTH_RATIO * min(a, b)


def parallel_findings(banks: list[tuple[str, dict]], objective_ids: list[str]) -> list[Finding]:
    found = []
    entry = next(((s, b) for s, b in banks if b["purpose"] == "entry-test"), None)
    exit_ = next(((s, b) for s, b in banks if b["purpose"] == "exit-test"), None)
    if entry is None or exit_ is None:
        return [Finding("data/quiz", "", "il faut un test d'entrée (purpose: entry-test) et un test de sortie "
                                         "(purpose: exit-test)")]
    (entry_src, entry_bank), (exit_src, exit_bank) = entry, exit_
    by_id = {q["id"]: q for q in entry_bank["questions"]}
    paired = Counter()
    for q in exit_bank["questions"]:
        twin = by_id.get(q.get("parallel", ""))
        if twin is None:
            found.append(Finding(exit_src, q["id"], f"champ « parallel » : il doit nommer une question de "
                                                    f"{entry_src} (trouvé : {q.get('parallel')!r})"))
            continue
        paired[twin["id"]] += 1
        if twin.get("objective") != q.get("objective"):
            found.append(Finding(exit_src, q["id"], f"pas le même objectif que « {twin['id']} »"))
        if _shape(twin) != _shape(q):
            found.append(Finding(exit_src, q["id"], f"pas la même forme que « {twin['id']} » "
                                                    f"(type, nombre d'options, de bonnes réponses)"))
        if twin["prompt"].strip() == q["prompt"].strip():
            found.append(Finding(exit_src, q["id"], f"même énoncé que « {twin['id']} » : le test de sortie "
                                                    "doit poser une autre question"))
        if _far(len(twin["prompt"]), len(q["prompt"])) or _far(_mean_option_length(twin), _mean_option_length(q)):
            found.append(Finding(exit_src, q["id"], f"longueur trop différente de « {twin['id']} » "
                                                    f"(énoncé ou options : au plus ×{LENGTH_RATIO})"))
        if q["type"] == "single" and correct_is_strictly_longest(q) != correct_is_strictly_longest(twin):
            found.append(Finding(exit_src, q["id"], f"la bonne réponse est la plus longue dans l'une des deux "
                                                    f"questions parallèles seulement (« {twin['id']} »)"))
    found += [Finding(entry_src, qid, "aucune question parallèle dans le test de sortie")
              for qid in by_id if paired[qid] == 0]
    for source, bank in (entry, exit_):
        covered = {q.get("objective") for q in bank["questions"]}
        missing = [o for o in objective_ids if o not in covered]
        if missing:
            found.append(Finding(source, "", "objectifs non évalués : " + ", ".join(missing)))
    return found


def objective_findings(banks: list[tuple[str, dict]], objective_ids: list[str]) -> list[Finding]:
    found = []
    known = set(objective_ids)
    for source, bank in banks:
        for q in bank["questions"]:
            if bank["purpose"] != "practice" and not q.get("objective"):
                found.append(Finding(source, q["id"], "champ « objective » obligatoire dans une banque "
                                                      "d'évaluation ou de positionnement"))
            if q.get("objective") and q["objective"] not in known:
                found.append(Finding(source, q["id"], f"objectif « {q['objective']} » inconnu"))
    return found


def counted_findings(banks: list[tuple[str, dict]], objective_list: list[dict],
                     parts: dict[str, list[str]]) -> list[Finding]:
    """Each objective: MIN_COUNTED counted questions, each of its parts assessed, parts named."""
    found = []
    count, covered = Counter(), {}
    for source, bank in banks:
        for q in bank["questions"]:
            objective = q.get("objective")
            named = q.get("parts", [])
            declared = parts.get(objective, [])
            unknown = [p for p in named if p not in declared]
            if unknown:
                found.append(Finding(source, q["id"], f"partie(s) {', '.join(unknown)} inconnue(s) pour « {objective} » "
                                                      f"(data/programme.yaml, objective_parts : {declared})"))
            if bank["purpose"] in evidence.EVIDENCE_PURPOSES and objective:
                count[objective] += 1
                if len(declared) > 1 and not named:
                    found.append(Finding(source, q["id"], f"« {objective} » a plusieurs parties ({', '.join(declared)}) : "
                                                          "nommez celle(s) que la question évalue (champ « parts »)"))
                covered.setdefault(objective, set()).update(named or declared[:1])
    for o in objective_list:
        if count[o["id"]] < MIN_COUNTED:
            found.append(Finding("data/quiz", "", f"objectif « {o['id']} » : {count[o['id']]} question(s) comptée(s) "
                                                  f"(autoévaluation et test de sortie), au moins {MIN_COUNTED}"))
        missing = [p for p in parts.get(o["id"], []) if p not in covered.get(o["id"], set())]
        if missing:
            found.append(Finding("data/quiz", "", f"objectif « {o['id']} » : partie(s) jamais évaluée(s) : "
                                                  + ", ".join(missing)))
    return found


def transfer_pairs(banks: list[tuple[str, dict]]) -> list[dict]:
    """For each exit question, the practised question closest in situation and in wrong options."""
    exit_questions = [q for _, b in banks if b["purpose"] == "exit-test" for q in b["questions"]]
    practised = [(b["id"], q) for _, b in banks if b["purpose"] in PRACTISED for q in b["questions"]
                 if q["type"] != "estimate"]
    entry_questions = [q for _, b in banks if b["purpose"] == "entry-test" for q in b["questions"]]
    vectors = similarity.Vectors(similarity.corpus(exit_questions + entry_questions + [q for _, q in practised]))
    rows = []
    for q in exit_questions:
        if not practised:
            break
        situation = max(((similarity.situation(vectors, q, p), bank, p["id"]) for bank, p in practised))
        wrong = max(((similarity.distractors(vectors, q, p), bank, p["id"]) for bank, p in practised))
        rows.append({"id": q["id"], "situation": situation, "distractors": wrong})
    return rows


def transfer_findings(banks: list[tuple[str, dict]]) -> list[Finding]:
    source = next((s for s, b in banks if b["purpose"] == "exit-test"), "data/quiz")
    found = []
    for row in transfer_pairs(banks):
        (s, s_bank, s_id), (d, d_bank, d_id) = row["situation"], row["distractors"]
        if s > SITUATION_MAX:
            found.append(Finding(source, row["id"], f"même situation que « {s_id} » ({s_bank}) : similarité "
                                                    f"{s:.2f} (au plus {SITUATION_MAX}) ; une question de sortie "
                                                    "pose une situation que le cours n'a pas montrée"))
        if d > DISTRACTORS_MAX:
            found.append(Finding(source, row["id"], f"mêmes mauvaises réponses que « {d_id} » ({d_bank}) : "
                                                    f"similarité {d:.2f} (au plus {DISTRACTORS_MAX})"))
    return found


def longest_reader_record(banks: list[tuple[str, dict]]) -> dict:
    """The record of a reader who picks the longest option everywhere, first try."""
    exercises = {}
    for _, bank in banks:
        first = {}
        for q in bank["questions"]:
            result = scoring.check(q, longest_guess(q))
            first[q["id"]] = {"score": result.score, "max": result.max_score, "at": "2026-01-01T00:00:00+00:00"}
        exercises[bank["id"]] = {"answers": {}, "results": {}, "first": first}
    return {"exercises": exercises}


def guessing_findings(banks: list[tuple[str, dict]], objective_list: list[dict],
                      max_guessed: int = MAX_GUESSED) -> tuple[list[Finding], list[dict]]:
    mapping = evidence.objective_map([b for _, b in banks])
    statuses = evidence.objective_status(longest_reader_record(banks), mapping, objective_list)
    acquired = [s["id"] for s in statuses if s["status"] == "acquis"]
    found = []
    if len(acquired) > max_guessed:
        found.append(Finding("data/quiz", "", f"un lecteur qui choisit partout l'option la plus longue obtient "
                                              f"{len(acquired)} objectifs « acquis » (au plus {max_guessed}) : "
                                              + ", ".join(acquired)))
    return found, statuses


def all_findings(banks, objective_list, max_guessed: int = MAX_GUESSED) -> tuple[list[Finding], list[dict]]:
    ids = [o["id"] for o in objective_list]
    guessed, statuses = guessing_findings(banks, objective_list, max_guessed)
    parts = objective_parts()
    return (check_banks(banks) + objective_findings(banks, ids) + parallel_findings(banks, ids) + guessed
            + counted_findings(banks, objective_list, parts) + transfer_findings(banks), statuses)


def objective_parts() -> dict[str, list[str]]:
    from pmesocial.data.course import programme

    return programme().get("objective_parts", {})


def report(banks, objective_list, statuses) -> str:
    mapping = evidence.objective_map([b for _, b in banks])
    per_objective = Counter(obj for questions in mapping.values() for obj in questions.values())
    s = stats(banks)
    lines = [f"Choix unique : la bonne réponse est la plus longue dans {s['longest']} questions sur "
             f"{s['single']} ({s['share']:.0%}).", "",
             "objectif | questions d'évaluation | lecteur « option la plus longue »"]
    for o, st in zip(objective_list, statuses):
        lines.append(f"{o['id']} | {per_objective[o['id']]} | {st['score']}/{st['max']} {st['status']}")
    lines += ["", "question de sortie | situation la plus proche | mauvaises réponses les plus proches"]
    for row in transfer_pairs(banks):
        (s_, _, s_id), (d, _, d_id) = row["situation"], row["distractors"]
        lines.append(f"{row['id']} | {s_:.2f} ({s_id}) | {d:.2f} ({d_id})")
    lines.append("")
    for source, bank in banks:
        singles = [q for q in bank["questions"] if q["type"] == "single"]
        cued = sum(correct_is_strictly_longest(q) for q in singles)
        lines.append(f"{source} | {bank['purpose']} | {len(bank['questions'])} questions | "
                     f"plus longue juste : {cued}/{len(singles)}")
    lines.append("")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--report", action="store_true", help="figures per objective and per bank")
    parser.add_argument("--dir", type=Path, default=QUIZ_DIR, help="folder of banks (default data/quiz)")
    parser.add_argument("--module", type=int, help="only this module's banks and objectives (while drafting)")
    args = parser.parse_args(argv)
    objective_list = contexts.objectives()
    if args.module:
        paths = module_paths(args.module)
        objective_list = [o for o in objective_list if o["module"] == args.module]
    else:
        paths = sorted(Path(args.dir).glob("*.yaml"))
    banks, broken = load_all(paths)
    # while drafting one module, no objective at all may be granted to the longest-option reader
    findings, statuses = all_findings(banks, objective_list, 0 if args.module else MAX_GUESSED)
    findings = broken + findings
    if args.report:
        print(report(banks, objective_list, statuses))
    for f in findings:
        print(f, file=sys.stderr)
    if findings:
        print(f"{len(findings)} problème(s) de rédaction des questions.", file=sys.stderr)
        return 1
    print("Rédaction des questions : toutes les règles sont respectées.")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Check every question bank against the item-writing rules, and the evidence design.

    python -m pmesocial.tools.check_items            problems, then exit 1 if any
    python -m pmesocial.tools.check_items --report   also the figures per objective

Beyond the rules of item_writing.py, it checks that the entry and exit tests are
parallel (same objectives, types and shape, different questions) and cover every
objective, and simulates a reader who picks the longest option everywhere: the
evaluation may grant them at most MAX_GUESSED objectives « acquis ».
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from pmesocial.data.banks import BankError, load_bank_file
from pmesocial.paths import QUIZ_DIR, REPO_DIR
from pmesocial.rules import evidence, scoring
from pmesocial.rules.item_writing import Finding, check_banks, correct_is_strictly_longest, longest_guess, stats

MAX_GUESSED = 2
LENGTH_RATIO = 1.6  # parallel items: prompts and options of comparable length


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
    mapping = evidence.objective_map(banks=[b for _, b in banks])
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
    return (check_banks(banks) + objective_findings(banks, ids) + parallel_findings(banks, ids) + guessed,
            statuses)


def report(banks, objective_list, statuses) -> str:
    mapping = evidence.objective_map(banks=[b for _, b in banks])
    per_objective = Counter(obj for questions in mapping.values() for obj in questions.values())
    s = stats(banks)
    lines = [f"Choix unique : la bonne réponse est la plus longue dans {s['longest']} questions sur "
             f"{s['single']} ({s['share']:.0%}).", "",
             "objectif | questions d'évaluation | lecteur « option la plus longue »"]
    for o, st in zip(objective_list, statuses):
        lines.append(f"{o['id']} | {per_objective[o['id']]} | {st['score']}/{st['max']} {st['status']}")
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
    objective_list = evidence.objectives()
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

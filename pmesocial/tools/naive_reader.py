"""Do the entry and exit tests need the course? Give their questions to a reader who has
not followed it, and score the answers against chance.

    python -m pmesocial.tools.naive_reader sheet positionnement-sortie --out sheet.md
    python -m pmesocial.tools.naive_reader score positionnement-sortie answers.txt

`sheet` writes the questions as a trainee sees them (options in the display order, with
letters), without feedback, explanations, objectives or module names. `score` reads one
answer per line (« 12: C ») and prints the share of right answers, chance (the mean of 1
over the number of options) and the questions answered right. The target (issue 21): no
more than chance + 15 points on each test.
"""
from __future__ import annotations

import argparse
import re
import string
import sys
from pathlib import Path

from pmesocial.data.banks import display_order, load_bank

MARGIN = 0.15


def questions(bank_id: str, modules: set[int] | None = None) -> list[dict]:
    return [q for q in display_order(load_bank(bank_id))["questions"] if q["type"] == "single"
            and (not modules or int(q.get("objective", "m0").split("-")[0][1:]) in modules)]


def sheet(bank_id: str, modules: set[int] | None = None) -> str:
    lines = ["Répondez à chaque question par une lettre, une ligne par question, sous la forme « 1: B ».",
             "Choisissez toujours une réponse, même au hasard.", ""]
    for n, q in enumerate(questions(bank_id, modules), 1):
        lines.append(f"{n}. {' '.join(q['prompt'].split())}")
        for letter, option in zip(string.ascii_uppercase, q["options"]):
            lines.append(f"   {letter}. {' '.join(option['text'].split())}")
        lines.append("")
    return "\n".join(lines)


ANSWER = re.compile(r"^\s*(\d+)\s*[:.)-]\s*([A-Za-z])\b")


def score(bank_id: str, text: str, modules: set[int] | None = None) -> dict:
    """The reader's share of right answers, chance, and which questions they got right."""
    found = {int(m.group(1)): m.group(2).upper() for m in map(ANSWER.match, text.splitlines()) if m}
    rows = []
    for n, q in enumerate(questions(bank_id, modules), 1):
        letters = dict(zip(string.ascii_uppercase, q["options"]))
        chosen = letters.get(found.get(n, ""))
        rows.append({"number": n, "id": q["id"], "objective": q.get("objective"), "options": len(q["options"]),
                     "right": bool(chosen and chosen.get("correct")), "answered": chosen is not None})
    share = sum(r["right"] for r in rows) / len(rows)
    chance = sum(1 / r["options"] for r in rows) / len(rows)
    return {"bank": bank_id, "questions": len(rows), "answered": sum(r["answered"] for r in rows),
            "right": sum(r["right"] for r in rows), "share": share, "chance": chance,
            "within_target": share <= chance + MARGIN, "rows": rows}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    s = sub.add_parser("sheet", help="the questions, as a sheet for a reader")
    s.add_argument("bank")
    s.add_argument("--out", type=Path)
    c = sub.add_parser("score", help="score a reader's answers")
    c.add_argument("bank")
    c.add_argument("answers", type=Path)
    for p in (s, c):
        p.add_argument("--modules", help="only these modules' questions, e.g. 5,6,7,9")
    args = parser.parse_args(argv)
    modules = {int(m) for m in args.modules.split(",")} if args.modules else None
    if args.command == "sheet":
        text = sheet(args.bank, modules)
        if args.out:
            args.out.write_text(text, encoding="utf-8")
        else:
            print(text)
        return 0
    result = score(args.bank, args.answers.read_text("utf-8"), modules)
    print(f"{result['bank']} : {result['right']} / {result['questions']} justes ({result['share']:.0%}), "
          f"hasard {result['chance']:.0%}, cible au plus {result['chance'] + MARGIN:.0%} ; "
          f"{result['answered']} réponses lues.")
    print("justes : " + ", ".join(r["id"] for r in result["rows"] if r["right"]))
    return 0 if result["within_target"] else 1


if __name__ == "__main__":
    sys.exit(main())

"""Generate exercises/ from solutions/: the practice work has a single source.

As strict as nbgrader's ClearSolutions preprocessor:
- in any cell, the lines between `### BEGIN SOLUTION` and `### END SOLUTION` become one
  line at the same indentation: `# À compléter` in code, an invitation to answer in Markdown;
- a cell tagged `solution` is replaced whatever its type (code, Markdown, raw), with its
  outputs and attachments;
- a marker out of place (unbalanced, nested, with other text on its line, in a differently
  written form) is an error naming the notebook and the cell, and nothing is written.
Outputs are cleared: the book executes the exercises when it is built.

    python -m pmesocial.tools.make_exercises           # write exercises/
    python -m pmesocial.tools.make_exercises --check   # fail if exercises/ is stale
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import nbformat

from pmesocial import notebook_io
from pmesocial.paths import REPO_DIR

BEGIN = re.compile(r"^(\s*)### BEGIN SOLUTION\s*$")
END = re.compile(r"^\s*### END SOLUTION\s*$")
ANY_MARKER = re.compile(r"(BEGIN|END)[\s_-]*SOLUTION", re.IGNORECASE)
TODO_LINE = "# À compléter"
YOUR_ANSWER = "**À vous :** écrivez ici votre réponse (double-cliquez sur cette cellule pour la modifier)."
PLACEHOLDER = {"code": TODO_LINE, "markdown": YOUR_ANSWER, "raw": "À compléter."}


class MarkerError(ValueError):
    """A solution marker out of place; the message names the notebook, the cell and the line."""


def strip_solution(source: str, where: str, placeholder: str = TODO_LINE) -> str:
    out, inside = [], False
    for number, line in enumerate(source.splitlines(), 1):
        begin = BEGIN.match(line)
        if begin:
            if inside:
                raise MarkerError(f"{where}, ligne {number} : BEGIN SOLUTION imbriqué")
            inside = True
            out.append(begin.group(1) + placeholder)
        elif END.match(line):
            if not inside:
                raise MarkerError(f"{where}, ligne {number} : END SOLUTION sans BEGIN SOLUTION")
            inside = False
        elif ANY_MARKER.search(line):
            raise MarkerError(f"{where}, ligne {number} : marqueur mal placé ou mal écrit (« {line.strip()} ») : "
                              "écrivez « ### BEGIN SOLUTION » ou « ### END SOLUTION » seul sur sa ligne")
        elif not inside:
            out.append(line)
    if inside:
        raise MarkerError(f"{where} : BEGIN SOLUTION sans END SOLUTION")
    return "\n".join(out)


def make_exercise(solution: nbformat.NotebookNode, name: str) -> nbformat.NotebookNode:
    exercise = nbformat.from_dict(solution)
    for index, cell in enumerate(exercise.cells):
        where = f"{name}, cellule {index + 1}"
        tags = cell.metadata.get("tags", [])
        if "solution" in tags:  # the whole cell is the answer, whatever its type
            cell.source = PLACEHOLDER[cell.cell_type]
            cell.metadata["tags"] = [t for t in tags if t != "solution"]
            cell.pop("attachments", None)
        else:
            cell.source = strip_solution(cell.source, where, PLACEHOLDER[cell.cell_type])
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    return exercise


def expected_files(solutions: Path) -> dict[str, str]:
    return {p.name: notebook_io.dumps(make_exercise(notebook_io.read(p), p.name))
            for p in sorted(solutions.glob("*.ipynb"))}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="ne rien écrire, échouer si exercises/ est périmé")
    parser.add_argument("--root", type=Path, default=REPO_DIR)
    args = parser.parse_args(argv)
    solutions, exercises = args.root / "solutions", args.root / "exercises"
    try:
        expected = expected_files(solutions)
    except MarkerError as exc:  # nothing is written
        print(f"solutions/{exc}", file=sys.stderr)
        return 1
    present = {p.name for p in exercises.glob("*.ipynb")}
    if args.check:
        problems = [f"exercises/{n} : absent (lancez « make exercises »)" for n in expected if n not in present]
        problems += [f"exercises/{n} : périmé, différent de ce que donne solutions/{n} (lancez « make exercises »)"
                     for n in expected if n in present and (exercises / n).read_text("utf-8") != expected[n]]
        problems += [f"exercises/{n} : aucun notebook correspondant dans solutions/" for n in sorted(present - set(expected))]
        for line in problems:
            print(line, file=sys.stderr)
        if not problems:
            print(f"exercises/ est à jour ({len(expected)} notebook(s)).")
        return 1 if problems else 0
    exercises.mkdir(exist_ok=True)
    for name, text in expected.items():
        (exercises / name).write_text(text, encoding="utf-8")
    for orphan in sorted(present - set(expected)):
        (exercises / orphan).unlink()
    print(f"{len(expected)} exercice(s) généré(s) dans exercises/.")
    return 0


if __name__ == "__main__":
    sys.exit(main())

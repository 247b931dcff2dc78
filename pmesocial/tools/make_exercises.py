"""Generate exercises/ from solutions/: the practice work has a single source.

In code cells, the lines between `### BEGIN SOLUTION` and `### END SOLUTION` (nbgrader's
markers) become one `# À compléter` line at the same indentation. Markdown cells tagged
`solution` become an invitation to write one's own answer. Outputs are cleared: the book
executes the exercises when it is built.

    python -m pmesocial.tools.make_exercises           # write exercises/
    python -m pmesocial.tools.make_exercises --check   # fail if exercises/ is stale
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import nbformat

from pmesocial.paths import REPO_DIR
from pmesocial.tools import notebook_io

BEGIN = re.compile(r"^(\s*)### BEGIN SOLUTION\s*$")
END = re.compile(r"^\s*### END SOLUTION\s*$")
TODO_LINE = "# À compléter"
YOUR_ANSWER = "**À vous :** écrivez ici votre réponse (double-cliquez sur cette cellule pour la modifier)."


class MarkerError(ValueError):
    pass


def strip_solution(source: str, where: str) -> str:
    out, inside = [], False
    for number, line in enumerate(source.splitlines(), 1):
        begin = BEGIN.match(line)
        if begin:
            if inside:
                raise MarkerError(f"{where}, ligne {number} : BEGIN SOLUTION imbriqué")
            inside = True
            out.append(begin.group(1) + TODO_LINE)
        elif END.match(line):
            if not inside:
                raise MarkerError(f"{where}, ligne {number} : END SOLUTION sans BEGIN SOLUTION")
            inside = False
        elif not inside:
            out.append(line)
    if inside:
        raise MarkerError(f"{where} : BEGIN SOLUTION sans END SOLUTION")
    return "\n".join(out)


def make_exercise(solution: nbformat.NotebookNode, name: str) -> nbformat.NotebookNode:
    exercise = nbformat.from_dict(solution)
    for index, cell in enumerate(exercise.cells):
        where = f"{name}, cellule {index + 1}"
        if cell.cell_type == "code":
            cell.source = strip_solution(cell.source, where)
            cell.outputs, cell.execution_count = [], None
        elif "solution" in cell.metadata.get("tags", []):
            cell.source = YOUR_ANSWER
            cell.metadata["tags"] = [t for t in cell.metadata["tags"] if t != "solution"]
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
    expected = expected_files(solutions)
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

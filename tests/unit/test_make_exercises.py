"""exercises/ is generated from solutions/: markers, solution cells, drift check."""
import nbformat
import pytest

from pmesocial.tools import make_exercises as gen


def _notebook(tmp_path, name="p.ipynb"):
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Pratique"),
        nbformat.v4.new_code_cell("x = {\n    ### BEGIN SOLUTION\n    'a': 'contenu',\n    ### END SOLUTION\n}\nprint(x)"),
        nbformat.v4.new_markdown_cell("Corrigé : commencer par le blog.", metadata={"tags": ["solution"]}),
    ]
    nb.cells[1].outputs = [nbformat.v4.new_output("stream", text="{'a': 'contenu'}")]
    (tmp_path / "solutions").mkdir(exist_ok=True)
    nbformat.write(nb, tmp_path / "solutions" / name)
    return nb


def test_solution_lines_become_a_todo(tmp_path):
    exercise = gen.make_exercise(_notebook(tmp_path), "p.ipynb")
    code = exercise.cells[1]
    assert code.source == "x = {\n    # À compléter\n}\nprint(x)"
    assert code.outputs == []
    assert "contenu" not in code.source
    assert exercise.cells[2].source == gen.YOUR_ANSWER
    assert "blog" not in nbformat.writes(exercise)


@pytest.mark.parametrize("source", ["### BEGIN SOLUTION\nx = 1", "x = 1\n### END SOLUTION",
                                    "### BEGIN SOLUTION\n### BEGIN SOLUTION\n### END SOLUTION"])
def test_unbalanced_markers_are_errors(source):
    with pytest.raises(gen.MarkerError):
        gen.strip_solution(source, "p.ipynb, cellule 2")


def test_check_fails_when_stale_missing_or_orphan(tmp_path, capsys):
    _notebook(tmp_path)
    assert gen.main(["--root", str(tmp_path), "--check"]) == 1
    assert "absent" in capsys.readouterr().err
    assert gen.main(["--root", str(tmp_path)]) == 0
    assert gen.main(["--root", str(tmp_path), "--check"]) == 0
    target = tmp_path / "exercises" / "p.ipynb"
    target.write_text(target.read_text("utf-8").replace("À compléter", "réponse"), "utf-8")
    assert gen.main(["--root", str(tmp_path), "--check"]) == 1
    assert "périmé" in capsys.readouterr().err
    gen.main(["--root", str(tmp_path)])
    (tmp_path / "exercises" / "orphelin.ipynb").write_text("{}", "utf-8")
    assert gen.main(["--root", str(tmp_path), "--check"]) == 1
    assert "aucun notebook correspondant" in capsys.readouterr().err

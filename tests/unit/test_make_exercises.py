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


# -- the three ways an answer used to reach exercises/, and markers out of place ------------

def _one_cell_notebook(cell):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# Pratique"), cell]
    return nb


def test_a_code_cell_tagged_solution_is_replaced_without_markers():
    cell = nbformat.v4.new_code_cell("reponse = 'le blog'", metadata={"tags": ["solution", "hide-input"]})
    cell.outputs = [nbformat.v4.new_output("stream", text="le blog")]
    out = gen.make_exercise(_one_cell_notebook(cell), "p.ipynb").cells[1]
    assert out.source == gen.TODO_LINE and out.outputs == [] and out.metadata["tags"] == ["hide-input"]
    assert "blog" not in nbformat.writes(gen.make_exercise(_one_cell_notebook(cell), "p.ipynb"))


def test_solution_markers_in_a_markdown_cell_are_cleared():
    cell = nbformat.v4.new_markdown_cell("Votre plan :\n\n### BEGIN SOLUTION\nD'abord le blog, puis LinkedIn.\n"
                                         "### END SOLUTION\n\nPuis comparez.")
    out = gen.make_exercise(_one_cell_notebook(cell), "p.ipynb").cells[1]
    assert out.source == f"Votre plan :\n\n{gen.YOUR_ANSWER}\n\nPuis comparez."
    assert "blog" not in out.source


def test_a_raw_cell_tagged_solution_and_its_attachments_go():
    md = nbformat.v4.new_markdown_cell("![schéma](attachment:s.png)", metadata={"tags": ["solution"]})
    md["attachments"] = {"s.png": {"image/png": "iVBORw0KGgo="}}
    raw = nbformat.v4.new_raw_cell("réponse brute", metadata={"tags": ["solution"]})
    nb = _one_cell_notebook(md)
    nb.cells.append(raw)
    out = gen.make_exercise(nb, "p.ipynb")
    assert "attachments" not in out.cells[1] and out.cells[1].source == gen.YOUR_ANSWER
    assert out.cells[2].source == "À compléter." and "brute" not in nbformat.writes(out)


@pytest.mark.parametrize("source, expected", [
    ("x = 1  ### BEGIN SOLUTION\ny = 2\n### END SOLUTION", "marqueur mal placé"),
    ("### begin solution\nx = 1\n### END SOLUTION", "marqueur mal placé"),
    ("## BEGIN SOLUTION\nx = 1", "marqueur mal placé"),
    ("# END_SOLUTION", "marqueur mal placé"),
])
def test_a_marker_out_of_place_names_notebook_cell_and_line(source, expected):
    with pytest.raises(gen.MarkerError) as info:
        gen.make_exercise(_one_cell_notebook(nbformat.v4.new_code_cell(source)), "07_pratique.ipynb")
    assert expected in str(info.value) and "07_pratique.ipynb, cellule 2, ligne 1" in str(info.value)


def test_every_exercise_of_the_course_is_free_of_answers():
    from pmesocial.paths import REPO_DIR

    for path in sorted((REPO_DIR / "exercises").glob("*.ipynb")):
        text = path.read_text("utf-8")
        assert not gen.ANY_MARKER.search(text), path
        nb = nbformat.read(path, 4)
        assert not any("solution" in c.metadata.get("tags", []) for c in nb.cells), path
        assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code"), path


def test_the_command_stops_on_a_misplaced_marker_and_writes_nothing(tmp_path, capsys):
    nb = _one_cell_notebook(nbformat.v4.new_code_cell("x = 1  ### BEGIN SOLUTION"))
    (tmp_path / "solutions").mkdir()
    nbformat.write(nb, tmp_path / "solutions" / "p.ipynb")
    assert gen.main(["--root", str(tmp_path)]) == 1
    assert "solutions/p.ipynb, cellule 2, ligne 1 : marqueur mal placé" in capsys.readouterr().err
    assert not (tmp_path / "exercises").exists()

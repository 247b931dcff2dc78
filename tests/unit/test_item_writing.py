"""Item-writing rules: every bank of the course passes, a badly written bank fails,
and the check names the bank and the questions."""
from pathlib import Path

from pmesocial.data import contexts
from pmesocial.data.banks import load_bank_file
from pmesocial.paths import QUIZ_DIR
from pmesocial.rules import item_writing
from pmesocial.tools import check_items

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def test_every_bank_of_the_course_passes():
    banks, broken = check_items.load_all(sorted(QUIZ_DIR.glob("*.yaml")))
    findings, _ = check_items.all_findings(banks, contexts.objectives())
    assert broken == [] and [str(f) for f in findings] == []
    assert item_writing.stats(banks)["share"] <= item_writing.LONGEST_SHARE


def test_a_badly_written_bank_fails_naming_bank_and_questions():
    source = "tests/fixtures/cued_bank.yaml"
    bank = load_bank_file(FIXTURES / "cued_bank.yaml")
    messages = [str(f) for f in item_writing.check_banks([(source, bank)])]
    assert any("question « fourre-tout »" in m and "fourre-tout" in m for m in messages)
    assert any("question « nuance »" in m and "nuancée" in m for m in messages)
    assert any("question « absolus »" in m and "absolus" in m for m in messages)
    assert any(m.startswith(source) and "plus longue dans 2 questions" in m and "longue" in m for m in messages)


def test_the_command_exits_1_on_a_bad_folder_and_0_on_the_course(tmp_path, capsys):
    (tmp_path / "cued.yaml").write_text((FIXTURES / "cued_bank.yaml").read_text("utf-8"), encoding="utf-8")
    assert check_items.main(["--dir", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "cued.yaml" in err and "problème(s)" in err
    assert check_items.main([]) == 0


def test_parallel_items_must_share_objective_and_shape():
    entry = {"id": "e", "purpose": "entry-test", "questions": [
        {"id": "pe-1", "type": "single", "objective": "m1-o1", "prompt": "Une question d'entrée assez longue ?",
         "options": [{"id": "a", "text": "Réponse A", "correct": True}, {"id": "b", "text": "Réponse B"}]}]}
    exit_ = {"id": "s", "purpose": "exit-test", "questions": [
        {"id": "ps-1", "type": "single", "objective": "m1-o2", "parallel": "pe-1",
         "prompt": "Une question d'entrée assez longue ?",
         "options": [{"id": "a", "text": "Réponse A", "correct": True}, {"id": "b", "text": "Réponse B"},
                     {"id": "c", "text": "Réponse C"}]}]}
    messages = [str(f) for f in check_items.parallel_findings([("e.yaml", entry), ("s.yaml", exit_)], ["m1-o1"])]
    assert any("pas le même objectif" in m for m in messages)
    assert any("pas la même forme" in m for m in messages)
    assert any("même énoncé" in m for m in messages)
    assert any("s.yaml" in m and "objectifs non évalués : m1-o1" in m for m in messages)


def test_the_longest_option_reader_is_simulated_on_every_type():
    single = {"type": "single", "options": [{"id": "a", "text": "court"}, {"id": "b", "text": "bien plus long"}]}
    assert item_writing.longest_guess(single) == "b"
    assert item_writing.longest_guess({**single, "type": "multiple"}) == ["b"]
    classify = {"type": "classify", "categories": [{"id": "x", "label": "Un"}, {"id": "y", "label": "Les deux"}],
                "items": [{"id": "i1"}, {"id": "i2"}]}
    assert item_writing.longest_guess(classify) == {"i1": "y", "i2": "y"}

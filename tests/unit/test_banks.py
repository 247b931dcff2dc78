"""Question banks: the real ones load; broken ones fail naming file, question and field."""
import copy

import pytest
import yaml

from pmesocial.data.banks import BankError, load_bank, load_bank_file, validate_bank
from pmesocial.paths import QUIZ_DIR

REAL_BANKS = sorted(p.stem for p in QUIZ_DIR.glob("*.yaml"))


def test_there_are_banks():
    assert REAL_BANKS, "data/quiz/ ne contient aucune banque"


@pytest.mark.parametrize("bank_id", REAL_BANKS)
def test_real_bank_is_valid(bank_id):
    bank = load_bank(bank_id)
    assert bank["id"] == bank_id
    assert all(q["explanation"].strip() for q in bank["questions"])


def _error(bank) -> str:
    with pytest.raises(BankError) as info:
        validate_bank(bank, source="data/quiz/x.yaml")
    return str(info.value)


def test_valid_sample(sample_bank):
    assert validate_bank(sample_bank) == sample_bank


def test_missing_feedback_names_file_question_and_field(sample_bank):
    bank = copy.deepcopy(sample_bank)
    del bank["questions"][0]["options"][1]["feedback"]
    message = _error(bank)
    assert "data/quiz/x.yaml" in message
    assert "question « q-single »" in message
    assert "options[1]" in message and "feedback" in message


def test_unknown_type(sample_bank):
    bank = copy.deepcopy(sample_bank)
    bank["questions"][1]["type"] = "ouverte"
    message = _error(bank)
    assert "question « q-multiple », champ « type »" in message
    assert "« ouverte »" in message


def test_unknown_field_is_reported(sample_bank):
    bank = copy.deepcopy(sample_bank)
    bank["questions"][0]["feedbak"] = "faute de frappe"
    assert "champ inconnu : « feedbak »" in _error(bank)


def test_single_needs_exactly_one_correct(sample_bank):
    bank = copy.deepcopy(sample_bank)
    bank["questions"][0]["options"][1]["correct"] = True
    assert "exactement une bonne réponse (trouvé : 2)" in _error(bank)


def test_classify_answer_must_be_a_category(sample_bank):
    bank = copy.deepcopy(sample_bank)
    bank["questions"][2]["items"][0]["answer"] = "video"
    message = _error(bank)
    assert "question « q-classify », champ « items[0].answer »" in message
    assert "« video » inconnue" in message


def test_duplicate_question_ids(sample_bank):
    bank = copy.deepcopy(sample_bank)
    bank["questions"][1]["id"] = "q-single"
    assert "identifiant en double" in _error(bank)


def test_empty_prompt(sample_bank):
    bank = copy.deepcopy(sample_bank)
    bank["questions"][0]["prompt"] = ""
    assert "champ « prompt » : ne doit pas être vide" in _error(bank)


def test_unreadable_yaml_names_the_line(tmp_path):
    path = tmp_path / "cassé.yaml"
    path.write_text("id: x\nquestions: [\n  - : :\n", encoding="utf-8")
    with pytest.raises(BankError, match=r"cassé\.yaml, ligne \d+ : YAML illisible"):
        load_bank_file(path)


def test_id_must_match_file_name(tmp_path, sample_bank):
    (tmp_path / "autre.yaml").write_text(yaml.safe_dump(sample_bank, allow_unicode=True), encoding="utf-8")
    with pytest.raises(BankError, match="ne correspond pas au nom du fichier"):
        load_bank("autre", directory=tmp_path)


def test_missing_file(tmp_path):
    with pytest.raises(BankError, match="fichier introuvable"):
        load_bank("absent", directory=tmp_path)


def test_estimate_figure_must_exist(estimate_bank):
    bank = copy.deepcopy(estimate_bank)
    bank["questions"][0]["figure"] = "audience/inexistant"
    assert "question « e-members », champ « figure » : « inexistant » introuvable" in _error(bank)
    bank["questions"][0]["figure"] = "inconnu/x"
    assert "pas de fichier data/figures/inconnu.csv" in _error(bank)


def test_estimate_range_must_contain_the_value(estimate_bank):
    bank = copy.deepcopy(estimate_bank)
    bank["questions"][0]["max"] = 100
    assert "la valeur 500" in _error(bank)


def test_display_order_is_shuffled_stable_and_complete():
    from pmesocial.data.banks import display_order

    firsts = []
    for bank_id in REAL_BANKS:
        bank = load_bank(bank_id)
        shown = display_order(bank)
        assert display_order(bank) == shown
        for original, q in zip(bank["questions"], shown["questions"]):
            if q["type"] in ("single", "multiple"):
                assert sorted(o["id"] for o in q["options"]) == sorted(o["id"] for o in original["options"])
                firsts.append(bool(q["options"][0].get("correct")))
    assert 0.1 < sum(firsts) / len(firsts) < 0.6  # the right answer is no longer always first

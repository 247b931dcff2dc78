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


def test_valid_sample_gives_a_checked_copy(sample_bank):
    checked = validate_bank(sample_bank)
    assert checked == sample_bank and checked is not sample_bank


def _set(path, value):
    """A change to a bank: set the value at `path` (keys and indexes)."""
    def change(bank):
        target = bank
        for key in path[:-1]:
            target = target[key]
        if value is DELETE:
            del target[path[-1]]
        else:
            target[path[-1]] = value
    return change


DELETE = object()
BROKEN = [  # (what is wrong, the change, what the message must say)
    ("missing feedback", _set(["questions", 0, "options", 1, "feedback"], DELETE),
     "data/quiz/x.yaml : question « q-single », champ « options[1] » : champ obligatoire manquant : « feedback »"),
    ("unknown type", _set(["questions", 1, "type"], "ouverte"), "question « q-multiple », champ « type » : valeur « ouverte »"),
    ("unknown field", _set(["questions", 0, "feedbak"], "faute de frappe"), "champ inconnu : « feedbak »"),
    ("two right answers", _set(["questions", 0, "options", 1, "correct"], True),
     "exactement une bonne réponse (trouvé : 2)"),
    ("answer not a category", _set(["questions", 2, "items", 0, "answer"], "video"),
     "question « q-classify », champ « items[0].answer » : catégorie « video » inconnue"),
    ("duplicate ids", _set(["questions", 1, "id"], "q-single"), "identifiant en double"),
    ("empty prompt", _set(["questions", 0, "prompt"], ""), "champ « prompt » : ne doit pas être vide"),
    ("no purpose", _set(["purpose"], DELETE), "champ obligatoire manquant : « purpose »"),
]


@pytest.mark.parametrize("what, change, expected", BROKEN, ids=[b[0] for b in BROKEN])
def test_a_broken_bank_names_file_question_and_field(sample_bank, what, change, expected):
    bank = copy.deepcopy(sample_bank)
    change(bank)
    assert expected in _error(bank)


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


def test_loading_a_bank_leaves_out_the_iri_grammar():
    """jsonschema's optional « iri » checker compiles a grammar for about 2 s at import
    (issue 11); the course checks no format, so a fresh kernel must not load it."""
    import subprocess
    import sys

    code = ("import sys; from pmesocial.data.banks import load_bank; load_bank('m1-autoevaluation'); "
            "print(sys.modules.get('rfc3987_syntax') is None)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "True"

"""Time budget (module 6): totals, costs, out-of-range values, malformed specs."""
import pytest

from pmesocial.data.budget import load_budget
from pmesocial.data.validation import DataFileError
from pmesocial.rules.budget import compute, summary_text

from ..conftest import FIXTURES


@pytest.fixture
def spec():
    return load_budget("budget-exemple", directory=FIXTURES / "budget")


def test_totals_and_cost(spec):
    result = compute(spec, {"publier": 2, "repondre": 1}, 35)
    assert result["weekly_hours"] == 3
    assert result["monthly_hours"] == pytest.approx(12.99)
    assert result["monthly_cost"] == pytest.approx(454.65)
    assert [a["monthly_cost"] for a in result["activities"]] == [pytest.approx(303.1), pytest.approx(151.55)]
    assert result["errors"] == []
    assert summary_text(result) == ("Temps consacré : 3,0 h par semaine, soit 13,0 h par mois, "
                                    "pour un coût d'environ 455 € par mois.")


def test_out_of_range_is_reported_in_french_and_ignored(spec):
    result = compute(spec, {"publier": 50, "repondre": -1}, 500)
    assert result["weekly_hours"] == 0
    assert result["errors"][0] == "« Publier du contenu » : indiquez un nombre d'heures entre 0 et 10."
    assert "Coût horaire : indiquez une valeur entre 15 et 100 €." in result["errors"]


def test_malformed_spec_names_file_and_field(tmp_path, spec):
    bad = tmp_path / "cassé.yaml"
    bad.write_text("id: cassé\ntitle: x\nhourly_cost: {default: 35}\nactivities: []\nalternatives: []\n", "utf-8")
    with pytest.raises(DataFileError) as info:
        load_budget("cassé", directory=tmp_path)
    message = str(info.value)
    assert "cassé.yaml" in message and "champ « hourly_cost »" in message and "champ « activities »" in message


def test_the_calculator_is_the_books_view_and_keeps_nothing(spec, tmp_path):
    """In a kernel the calculator is ui/budget.js (kernel/host.py), without the record's store."""
    from pmesocial.front_end import BUDGET_CLASS, KERNEL_STORE, kernel_scripts
    from pmesocial.kernel.budget_view import TimeBudget
    from pmesocial.kernel.host import bundle
    from pmesocial.record import RecordStore
    from pmesocial.rules.typography import typo

    from .kernel_views import view_of

    assert "ui/budget.js" in kernel_scripts(BUDGET_CLASS) and KERNEL_STORE not in kernel_scripts(BUDGET_CLASS)
    assert "root.PmesKernelStore ? root.PmesKernelStore(model) : undefined" in bundle(BUDGET_CLASS)
    view = view_of(TimeBudget(spec), RecordStore(tmp_path / "d.json"))
    assert view.payload["budget"]["id"] == "budget-exemple"
    assert TimeBudget(spec)._repr_mimebundle_()["text/plain"] == typo(
        "Exécutez la cellule (Maj + Entrée) pour afficher le calculateur.")

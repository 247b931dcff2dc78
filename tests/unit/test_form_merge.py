"""The same form open in two notebooks (two kernels on one record file): each view loaded
the form before the other saved, and each saves only the fields its trainee changed, so
both fields are kept. Two stores in one process, then two processes."""
import multiprocessing

from pmesocial.data import forms as data_forms
from pmesocial.kernel.form_view import FormWidget
from pmesocial.record import RecordStore


def _plan_fields(widget):
    fields = [c for c in widget.children if "pmes-form-field" in c._dom_classes]
    spec = data_forms.load_form("plan")
    return dict(zip([f["id"] for f in spec["fields"]], fields, strict=True))


def test_two_notebooks_on_the_plan_keep_both_fields(tmp_path):
    path = tmp_path / "dossier.json"
    spec = data_forms.load_form("plan")
    one = FormWidget(spec, RecordStore(path))
    two = FormWidget(spec, RecordStore(path))  # loaded before the first one saved
    _plan_fields(one)["objectif"].children[1].value = "Cinq demandes de devis par mois"
    conformite = _plan_fields(two)["conformite"].children[1].children
    conformite[0].value = True
    values = RecordStore(path).load()["forms"]["plan"]["values"]
    assert values.get("objectif") == "Cinq demandes de devis par mois", f"champs gardés : {sorted(values)}"
    assert values.get("conformite") == ["prospection"]


def _one_kernel(path, field, barrier):
    spec = data_forms.load_form("besoins")
    widget = FormWidget(spec, RecordStore(path))
    barrier.wait()  # both views are built before either saves
    fields = [c for c in widget.children if "pmes-form-field" in c._dom_classes]
    ids = [f["id"] for f in spec["fields"]]
    dropdown = fields[ids.index(field)].children[1]
    dropdown.value = dropdown.options[2][1]


def test_two_kernels_on_the_needs_form_keep_both_fields(tmp_path):
    path = tmp_path / "dossier.json"
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(2)
    kernels = [ctx.Process(target=_one_kernel, args=(path, field, barrier)) for field in ("taille", "secteur")]
    for k in kernels:
        k.start()
    for k in kernels:
        k.join(60)
        assert k.exitcode == 0
    values = RecordStore(path).load()["forms"]["besoins"]["values"]
    assert values.get("taille") == "1-9" and values.get("secteur") == "commerce", f"champs gardés : {values}"


def test_two_notebooks_on_the_self_diagnostic_keep_both_answers(tmp_path):
    from pmesocial.data.diagnostic import load_diagnostic
    from pmesocial.kernel.diagnostic_view import DiagnosticWidget

    path = tmp_path / "dossier.json"
    spec = load_diagnostic()
    one, two = DiagnosticWidget(spec, RecordStore(path)), DiagnosticWidget(spec, RecordStore(path))

    def selects(widget):
        return [c for box in widget.children if hasattr(box, "children") for c in box.children
                if type(c).__name__ == "Dropdown"]
    selects(one)[0].value = 3
    selects(two)[1].value = 2  # this view loaded the diagnostic before the other saved
    first, second = spec["dimensions"][0]["items"][0]["id"], spec["dimensions"][0]["items"][1]["id"]
    answers = RecordStore(path).load()["diagnostic"]["answers"]
    assert answers == {first: 3, second: 2}, f"réponses gardées : {answers}"


def test_two_notebooks_on_self_positioning_keep_both_modules(tmp_path):
    from pmesocial.kernel.panels import autopositionnement

    path = tmp_path / "dossier.json"
    one = autopositionnement("entree")
    one.store = RecordStore(path)
    two = autopositionnement("entree")
    two.store = RecordStore(path)
    first, second = one.build_widget(), two.build_widget()

    def dropdowns(widget):
        found, todo = [], [widget]
        while todo:
            w = todo.pop(0)
            if type(w).__name__ == "Dropdown":
                found.append(w)
            todo.extend(getattr(w, "children", ()))
        return found
    dropdowns(first)[0].value = 1
    dropdowns(second)[1].value = 4
    kept = RecordStore(path).load()["self_positioning"]["entree"]
    assert kept == {"1": 1, "2": 4}, f"modules gardés : {kept}"


def _texts_of(box):
    """The Text widgets of a panel, by their label."""
    out, todo = {}, [box]
    while todo:
        widget = todo.pop()
        todo.extend(getattr(widget, "children", ()))
        if type(widget).__name__ == "Text":
            out[widget.description] = widget
    return out


def test_two_notebooks_on_the_name_box_keep_both_fields(tmp_path):
    """Before: the company typed in one notebook wrote the other notebook's stale, empty
    name over the name saved there."""
    from pmesocial.kernel.panels import _dossier

    path = tmp_path / "dossier.json"
    one, two = _texts_of(_dossier(None, RecordStore(path))), _texts_of(_dossier(None, RecordStore(path)))
    one["Votre nom"].value = "Martine Dupré"
    two["Votre entreprise"].value = "Boulangerie Dupré"
    trainee = RecordStore(path).load()["trainee"]
    assert (trainee["name"], trainee["company"]) == ("Martine Dupré", "Boulangerie Dupré"), trainee

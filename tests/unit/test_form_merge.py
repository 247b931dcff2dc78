"""The same form open in two notebooks (two kernels on one record file): each view loaded
the form before the other saved, and each sends only the fields its trainee changed
(ui/form.js `saveFormChanges`, through kernel/host.py), so both fields are kept. Two stores
in one process, then two processes."""
import multiprocessing

from pmesocial.kernel.form_view import Form
from pmesocial.record import RecordStore

from .kernel_views import send, view_of


def test_two_notebooks_on_the_plan_keep_both_fields(tmp_path):
    path = tmp_path / "dossier.json"
    one = view_of(Form("plan"), RecordStore(path))
    two = view_of(Form("plan"), RecordStore(path))  # loaded before the first one saved
    send(one, "saveFormChanges", "plan", {"objectif": "Cinq demandes de devis par mois"}, False)
    send(two, "saveFormChanges", "plan", {"conformite": ["prospection"]}, False)
    values = RecordStore(path).load()["forms"]["plan"]["values"]
    assert values.get("objectif") == "Cinq demandes de devis par mois", f"champs gardés : {sorted(values)}"
    assert values.get("conformite") == ["prospection"]
    assert two.record["forms"]["plan"]["values"] == values  # the second view is answered with both


def _one_kernel(path, field, value, barrier):
    from tests.unit.kernel_views import send, view_of

    view = view_of(Form("besoins"), RecordStore(path))
    barrier.wait()  # both views are built before either saves
    send(view, "saveFormChanges", "besoins", {field: value}, False)


def test_two_kernels_on_the_needs_form_keep_both_fields(tmp_path):
    path = tmp_path / "dossier.json"
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(2)
    kernels = [ctx.Process(target=_one_kernel, args=(path, field, value, barrier))
               for field, value in (("taille", "1-9"), ("secteur", "commerce"))]
    for k in kernels:
        k.start()
    for k in kernels:
        k.join(60)
        assert k.exitcode == 0
    values = RecordStore(path).load()["forms"]["besoins"]["values"]
    assert values.get("taille") == "1-9" and values.get("secteur") == "commerce", f"champs gardés : {values}"


def test_two_notebooks_on_the_self_diagnostic_keep_both_answers(tmp_path):
    from pmesocial.data.diagnostic import load_diagnostic
    from pmesocial.kernel.diagnostic_view import Diagnostic

    path = tmp_path / "dossier.json"
    spec = load_diagnostic()
    one, two = view_of(Diagnostic(spec), RecordStore(path)), view_of(Diagnostic(spec), RecordStore(path))
    first, second = spec["dimensions"][0]["items"][0]["id"], spec["dimensions"][0]["items"][1]["id"]
    send(one, "saveDiagnostic", "answers", first, 3)
    send(two, "saveDiagnostic", "answers", second, 2)  # this view loaded the diagnostic before the other saved
    answers = RecordStore(path).load()["diagnostic"]["answers"]
    assert answers == {first: 3, second: 2}, f"réponses gardées : {answers}"
    assert two.record["diagnostic"]["answers"] == answers


def test_two_notebooks_on_self_positioning_keep_both_modules(tmp_path):
    from pmesocial.kernel.panels import autopositionnement

    path = tmp_path / "dossier.json"
    one = view_of(autopositionnement("entree"), RecordStore(path))
    two = view_of(autopositionnement("entree"), RecordStore(path))  # loaded before the first one saved
    send(one, "saveSelfPositioning", "entree", "1", 1)
    send(two, "saveSelfPositioning", "entree", "2", 4)
    kept = RecordStore(path).load()["self_positioning"]["entree"]
    assert kept == {"1": 1, "2": 4}, f"modules gardés : {kept}"


def test_the_review_reads_the_record_again_when_asked(tmp_path):
    """« Actualiser le bilan » in a notebook: what another notebook saved since is shown
    (ui/kernel_store.js reload)."""
    from pmesocial.kernel.panels import autopositionnement, bilan

    path = tmp_path / "dossier.json"
    review = view_of(bilan(), RecordStore(path))
    send(view_of(autopositionnement("sortie"), RecordStore(path)), "saveSelfPositioning", "sortie", "3", 2)
    assert "self_positioning" not in review.record or not review.record["self_positioning"].get("sortie")
    assert send(review, "reload")["self_positioning"]["sortie"] == {"3": 2}
    send(review, "attestationIssued", {"m1-o1": "acquis"})  # « Télécharger mon attestation »
    assert RecordStore(path).load()["attestation"]


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

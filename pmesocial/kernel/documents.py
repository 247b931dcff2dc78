"""The documents rendered in a kernel: the view of rules/documents.py filled into the
document's Jinja template (autoescape); and what the book needs to fill the same
templates itself (`document_payload`)."""
from __future__ import annotations

from pmesocial.data import contexts
from pmesocial.data.course import course_info
from pmesocial.data.forms import load_form
from pmesocial.data.organisme import load_organisme, organisme_or_error
from pmesocial.kernel.markup import templates
from pmesocial.record import now
from pmesocial.rules import evidence
from pmesocial.rules.documents import attestation_view, certificat_view, plan_view
from pmesocial.rules.radar import radar_view
from pmesocial.rules.typography import typo_all, typo_html


def _course() -> dict:
    """The course as documents show it. A document is typographed as a whole when rendered
    (render() here, ui/documents.js in the book); its data are typographed as well because
    the book's page carries them as JSON, which the build's typography pass cannot reach."""
    return typo_all(course_info(), skip={"id", "banks", "test"})


def view_for(name: str, record: dict, today: str | None = None) -> dict:
    today = today or now()[:10]
    if name == "carnet":
        from pmesocial.rules import carnet

        return carnet.carnet_view(record, contexts.carnet_context(), today)
    info = _course()
    if name == "plan":
        return plan_view(record, load_form("plan"), today)
    org = typo_all(load_organisme())
    if name == "attestation":
        statuses = evidence.objective_status(record, contexts.objective_map(), contexts.objectives())
        return attestation_view(record, statuses, org, info, today, production_views(record, None, today))
    return certificat_view(record, org, info, today)


def render(name: str, view: dict) -> str:
    """The document's template filled with its view, then French typography on its text
    (ui/documents.js does the same in the book)."""
    return typo_html(templates().get_template(f"{name}.html.j2").render(**view))


def render_carnet(view: dict) -> str:
    """The carnet's template, its view typographed before it is escaped (an escaped
    apostrophe, &#39;, is out of typography's reach), as the group view does."""
    from pmesocial.rules.carnet import RAW_KEYS

    return render("carnet", typo_all(view, skip=RAW_KEYS))


def radar_svg(labels: list[str], scores: list, title: str, svg_id: str = "pmes-radar",
              band: tuple[list, list] | None = None) -> str:
    """The radar's one template (radar.svg.j2) filled with its view (rules/radar.py)."""
    return typo_html(templates().get_template("radar.svg.j2").render(radar=radar_view(labels, scores, title, svg_id, band)))


def production_views(record: dict, rubrics: list[dict] | None = None, today: str | None = None) -> list[dict]:
    """The trainee's productions on their rubrics (all of the course's by default)."""
    from pmesocial.data.rubrics import all_rubrics
    from pmesocial.rules.rubric import production_view, productions

    chosen = all_rubrics() if rubrics is None else rubrics
    return [production_view(p) for p in productions(record, chosen, today or now()[:10])]


def render_document(name: str, record: dict, today: str | None = None) -> str:
    """The document as one self-contained HTML file; OrganismeError if organisme.yaml is
    incomplete (attestation, certificat)."""
    view = view_for(name, record, today)
    return render_carnet(view) if name == "carnet" else render(name, view)


def mon_carnet(today: str | None = None) -> str:
    """« Mon carnet » of the record on this computer, as one self-contained HTML file to
    print to PDF (the « Mon dossier » panel offers it as a download)."""
    from pmesocial.record import default_store

    return render_document("carnet", default_store().load(), today)


def document_payload(*names: str) -> dict:
    """What the book needs to fill the same templates: the course, the training body (or
    why it cannot), and, for the attestation, the objectives and their questions."""
    org, error = organisme_or_error()
    data = {"course": _course(), "organisme": typo_all(org) if org else org,
            "organisme_error": error, "names": list(names)}
    if "plan" in names:
        data["plan_form"] = load_form("plan")
    if "attestation" in names:
        from pmesocial.data.rubrics import all_rubrics

        data.update(objectives=contexts.objectives(), objective_map=contexts.objective_map(), rubrics=all_rubrics())
    return data

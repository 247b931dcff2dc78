"""The self-diagnostic on screen (ipywidgets) and as a report file a PME can keep.

Answers are saved to the trainee record as they change and restored on reopening;
the book shows the same questionnaire with static/pmesocial/ui/diagnostic.js.
"""
from __future__ import annotations

from pmesocial.data.course import module
from pmesocial.data.course import modules as all_modules
from pmesocial.data.diagnostic import load_diagnostic
from pmesocial.kernel.display import CourseOutput
from pmesocial.kernel.documents import radar_svg, render
from pmesocial.kernel.markup import download_link, escape
from pmesocial.kernel.notices import first_use_notices
from pmesocial.kernel.store_notices import store_notices
from pmesocial.record import default_store
from pmesocial.rules import diagnostic

PLACEHOLDER = "— choisir —"


def radar_for(result: dict) -> str:
    return radar_svg([d["label"] for d in result["dimensions"]], [d["score"] for d in result["dimensions"]],
                     diagnostic.REPORT_RADAR_TITLE)


def results_html(spec: dict, result: dict) -> str:
    """Scores, levels, weakest link and priorities, as HTML (every text escaped)."""
    if result["overall"] is None:
        return "<p class='pmes-info'>Répondez à au moins une question pour voir votre diagnostic.</p>"
    rows = "".join(
        f"<tr><th scope='row'>{escape(d['label'])}{' <strong>⚠ maillon faible</strong>' if d['id'] in result['weakest'] else ''}</th>"
        f"<td>{'—' if d['score'] is None else d['score']}</td>"
        f"<td>{escape(d['level']['label']) if d['level'] else 'non renseigné'}</td>"
        f"<td>{escape(spec.get('importance', ['1', '2', '3'])[d['importance'] - 1])}</td>"
        f"<td>{d['answered']} / {d['items']}</td></tr>" for d in result["dimensions"])
    priorities = "".join(
        f"<li><strong>{escape(p['label'])}</strong> (score {p['score']}, importance {p['importance']}) : <ul>"
        + "".join(f"<li>{escape(r['text'])} <em>→ module {r['module']} : {escape(module(r['module'])['title'])}</em></li>"
                  for r in p["recommendations"]) + "</ul></li>" for p in result["priorities"])
    partial = "" if result["complete"] else ("<p class='pmes-info'>Diagnostic partiel : certaines questions "
                                             "n'ont pas encore de réponse.</p>")
    return (f"<div class='pmes-diagnostic-results' role='status' aria-live='polite'>{partial}"
            f"<p class='pmes-score'>Score global : {result['overall']} sur 100 — niveau "
            f"« {escape(result['overall_level']['label'])} »</p>"
            f"<table class='pmes-provenance'><thead><tr><th>Dimension</th><th>Score</th><th>Niveau</th>"
            f"<th>Importance</th><th>Réponses</th></tr></thead><tbody>{rows}</tbody></table>"
            f"<h5>Vos trois priorités</h5>"
            + (f"<ol>{priorities}</ol>" if priorities else "<p>Aucune priorité : toutes les dimensions sont au maximum.</p>")
            + "</div>")


def module_titles() -> dict[str, str]:
    from pmesocial.data.course import modules

    return {str(m["number"]): m["title"] for m in modules()}


def report_html(spec: dict, result: dict, trainee: dict, date: str) -> str:
    """One self-contained HTML file, the one template the book fills too: nothing is loaded."""
    return render("diagnostic_report", diagnostic.report_view(spec, result, trainee, module_titles(), date))


class Diagnostic(CourseOutput):
    def __init__(self, spec: dict, store=None):
        self.spec, self.store = spec, store

    def __repr__(self) -> str:
        n = sum(len(d["items"]) for d in self.spec["dimensions"])
        return f"Autodiagnostic « {self.spec['title']} » : {len(self.spec['dimensions'])} dimensions, {n} questions"

    def payload(self) -> dict:
        modules = {m["number"]: {"title": m["title"], "page": m["notebook"]} for m in all_modules()}
        return {"kind": "diagnostic", "version": 1, "diagnostic": self.spec, "modules": modules}

    def build_widget(self):
        return DiagnosticWidget(self.spec, self.store or default_store())


def DiagnosticWidget(spec: dict, store):
    import ipywidgets as w

    from pmesocial.kernel.widget_kit import STYLE, Kit
    from pmesocial.record import now

    kit = Kit()
    saved = store.load().get("diagnostic", {})
    answers, importance = dict(saved.get("answers", {})), dict(saved.get("importance", {}))
    results, report = kit.html(), kit.html()
    children = [kit.html(STYLE + f"<h4 class='pmes-title'>{escape(spec['title'])}</h4>"
                       + (f"<p>{escape(spec['intro'])}</p>" if spec.get("intro") else ""))]
    children.append(store_notices(store, kit))  # kept up to date: a save that fails says so here
    children += first_use_notices()

    def save(part: str, key: str, value) -> None:
        """Only the answer just given, on the latest record: another notebook's answers
        stay, and what is shown is the record as it is now."""
        saved = store.save_diagnostic(part, key, value).get("diagnostic", {})
        answers.clear()
        answers.update(saved.get("answers", {}))
        importance.clear()
        importance.update(saved.get("importance", {}))
        refresh()

    def refresh():
        result = diagnostic.compute(spec, answers, importance)
        results.value = results_html(spec, result) + radar_for(result)
        trainee = store.load()["trainee"]
        company = trainee.get("company") or "votre-pme"
        report.value = download_link(report_html(spec, result, trainee, now()[:10]),
                                     f"diagnostic-{company[:40]}.html", "Télécharger le rapport (HTML)")

    def on_item(item_id):
        return lambda change: save("answers", item_id, change["new"])

    def on_importance(dim_id):
        return lambda change: save("importance", dim_id, change["new"])

    labels = spec.get("importance", ["Secondaire", "Utile", "Essentielle"])
    for dim in spec["dimensions"]:
        box = [kit.html(f"<h5>{escape(dim['label'])}</h5>" + (f"<p>{escape(dim['description'])}</p>" if dim.get("description") else ""))]
        weight = kit(w.ToggleButtons, options=[(label, i + 1) for i, label in enumerate(labels)],
                     value=importance.get(dim["id"], diagnostic.DEFAULT_IMPORTANCE),
                     description="Importance pour vous :", style={"description_width": "initial"})
        weight.observe(on_importance(dim["id"]), names="value")
        box.append(weight)
        for item in dim["items"]:
            options = [(PLACEHOLDER, None)] + [(f"{v} — {spec['scale'][v]} : {text}", v) for v, text in enumerate(item["levels"])]
            select = kit(w.Dropdown, options=options, value=answers.get(item["id"]), description=item["text"],
                         style={"description_width": "40%"}, layout={"width": "98%"})
            select.observe(on_item(item["id"]), names="value")
            box.append(select)
        children.append(kit.vbox(box, layout={"margin": "0 0 1em 0"}))
    refresh()
    out = kit.vbox(children + [results, report])
    out.add_class("pmes-exercise")
    out.add_class("pmes-diagnostic")
    return out


def autodiagnostic(diagnostic_id: str = "diagnostic-pme") -> Diagnostic:
    return Diagnostic(load_diagnostic(diagnostic_id))

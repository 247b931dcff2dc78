"""The trainee's own pages: my record (identity, export, import), self-positioning,
satisfaction, and the end-of-course review with the attestation.

Each is a displayed object: ipywidgets in a kernel, and the same data under the course
mime type for the book, where static/pmesocial/panel.js draws it.
"""
from __future__ import annotations

from . import evidence
from .course import modules
from .display import CourseOutput
from .markup import download_link, escape
from .record import RecordError, default_store, now

SELF_SCALE = ["Je ne saurais pas", "J'en ai une idée vague", "Je pourrais l'expliquer en partie",
              "Je pourrais l'expliquer clairement", "Je pourrais l'appliquer dans mon entreprise"]


def status_table_html(statuses: list[dict]) -> str:
    rows = "".join(f"<tr><td>{s['module']}</td><td>{escape(s['text'])}</td><td>{s['score']} / {s['max']}</td>"
                   f"<td>{escape(evidence.STATUS_LABELS[s['status']])}{'' if s['answered'] else ' (non évalué)'}</td></tr>"
                   for s in statuses)
    return ("<table class='pmes-provenance'><thead><tr><th>Module</th><th>Objectif</th><th>Points</th>"
            f"<th>Résultat</th></tr></thead><tbody>{rows}</tbody></table>")


def progression_html(rows: list[dict], record: dict) -> str:
    def cell(value):
        return "—" if value is None else f"{value['score']} / {value['max']}"
    body = "".join(f"<tr><td>{r['module']}</td><td>{escape(r['text'])}</td><td>{cell(r['entree'])}</td>"
                   f"<td>{cell(r['sortie'])}</td></tr>" for r in rows)
    selfpos = record.get("self_positioning", {})
    body2 = "".join(
        f"<tr><td>{m['number']}</td><td>{escape(m['title'])}</td>"
        f"<td>{selfpos.get('entree', {}).get(str(m['number']), '—')}</td>"
        f"<td>{selfpos.get('sortie', {}).get(str(m['number']), '—')}</td></tr>" for m in modules())
    return ("<h5>Test de positionnement : points par objectif</h5><table class='pmes-provenance'><thead><tr>"
            "<th>Module</th><th>Objectif</th><th>Entrée</th><th>Sortie</th></tr></thead>"
            f"<tbody>{body}</tbody></table><h5>Autopositionnement (0 à 4)</h5><table class='pmes-provenance'>"
            "<thead><tr><th>Module</th><th>Titre</th><th>Entrée</th><th>Sortie</th></tr></thead>"
            f"<tbody>{body2}</tbody></table>")


class Panel(CourseOutput):
    def __init__(self, kind: str, phase: str | None = None, store=None):
        self.kind, self.phase, self.store = kind, phase, store

    def __repr__(self) -> str:
        names = {"dossier": "Mon dossier de formation", "autopositionnement": "Autopositionnement",
                 "satisfaction": "Questionnaire de satisfaction", "bilan": "Bilan de fin de formation"}
        return f"{names[self.kind]}{' (' + evidence.PHASES[self.phase] + ')' if self.phase else ''}"

    def payload(self) -> dict:
        data = {"version": 1, "panel": self.kind, "phase": self.phase,
                "modules": [{"number": m["number"], "title": m["title"]} for m in modules()]}
        if self.kind == "autopositionnement":
            data["scale"] = SELF_SCALE
        if self.kind == "satisfaction":
            data["satisfaction"] = evidence.satisfaction_spec()
        if self.kind == "bilan":
            data.update(objectives=evidence.objectives(), objective_map=evidence.objective_map(),
                        positioning=evidence.objective_map().get(evidence.record_key(evidence.POSITIONING, "sortie"), {}),
                        duration_min=evidence.total_duration_min())
        return data

    def build_widget(self):
        return BUILDERS[self.kind](self, self.store or default_store())


def _frame(title: str, children: list, store):
    import ipywidgets as w

    from .widgets import STYLE

    head = [w.HTML(STYLE + f"<h4 class='pmes-title'>{escape(title)}</h4>")]
    head += [w.HTML(f"<p class='pmes-feedback pmes-ko' role='alert'>{escape(n)}</p>") for n in store.notices]
    box = w.VBox(head + children)
    box.add_class("pmes-exercise")
    return box


def _dossier(panel, store):
    import ipywidgets as w

    record = store.load()
    name = w.Text(value=record["trainee"].get("name", ""), description="Votre nom", style={"description_width": "10em"},
                  layout=w.Layout(width="95%"))
    company = w.Text(value=record["trainee"].get("company", ""), description="Votre entreprise",
                     style={"description_width": "10em"}, layout=w.Layout(width="95%"))
    save = w.Button(description="Enregistrer", button_style="primary")
    upload = w.FileUpload(accept=".json", multiple=False, description="Importer un dossier")
    status, export = w.HTML(), w.HTML()

    def refresh_export():
        text = store.export_text()
        export.value = download_link(text, "dossier-medias-sociaux-pme.json", "Exporter mon dossier (JSON)",
                                     mime="application/json")

    def on_save(_):
        store.set_trainee(name.value, company.value)
        status.value = "<p class='pmes-feedback pmes-ok' role='status'>Enregistré.</p>"
        refresh_export()

    def on_upload(change):
        files = change["new"]
        if not files:
            return
        try:
            content = bytes(files[0]["content"]).decode("utf-8")
            imported = store.import_text(content)
        except (RecordError, UnicodeDecodeError) as exc:
            status.value = f"<p class='pmes-feedback pmes-ko' role='alert'>{escape(exc)}</p>"
            return
        name.value, company.value = imported["trainee"].get("name", ""), imported["trainee"].get("company", "")
        status.value = ("<p class='pmes-feedback pmes-ok' role='status'>Dossier importé. Relancez les modules "
                        "(Run All) pour y retrouver vos réponses ; l'ancien dossier a été gardé de côté.</p>")
        refresh_export()

    save.on_click(on_save)
    upload.observe(on_upload, names="value")
    refresh_export()
    info = w.HTML(f"<p>Vos réponses sont enregistrées dans <code>{escape(store.path)}</code>. Exportez-les pour "
                  "les transmettre à votre formateur ou les reprendre ailleurs.</p>")
    return _frame("Mon dossier de formation", [info, name, company, save, status, export, upload], store)


def _autopositionnement(panel, store):
    import ipywidgets as w

    saved = store.load().get("self_positioning", {}).get(panel.phase, {})
    values = dict(saved)
    rows = []

    def changed(number):
        def handler(change):
            values[str(number)] = change["new"]
            store.update(lambda r: r.setdefault("self_positioning", {}).__setitem__(panel.phase, dict(values)))
        return handler

    for m in modules():
        choice = w.Dropdown(options=[("— choisir —", None)] + [(f"{i} — {t}", i) for i, t in enumerate(SELF_SCALE)],
                            value=saved.get(str(m["number"])),
                            description=f"Module {m['number']} — {m['title']}",
                            style={"description_width": "45%"}, layout=w.Layout(width="98%"))
        choice.observe(changed(m["number"]), names="value")
        rows.append(choice)
    intro = w.HTML("<p>Pour chaque module, où vous situez-vous aujourd'hui ? Il n'y a pas de bonne réponse.</p>")
    return _frame(f"Autopositionnement — {evidence.PHASES[panel.phase].lower()}", [intro, *rows], store)


def _satisfaction(panel, store):
    import ipywidgets as w

    spec = evidence.satisfaction_spec()
    saved = store.load().get("satisfaction", {})
    ratings = {}
    for c in spec["criteria"]:
        ratings[c["id"]] = w.Dropdown(options=[("— choisir —", None)] + [(f"{i + 1} — {t}", i + 1) for i, t in enumerate(spec["scale"])],
                                      value=saved.get("ratings", {}).get(c["id"]), description=c["text"],
                                      style={"description_width": "45%"}, layout=w.Layout(width="98%"))
    comment = w.Textarea(value=saved.get("comment", ""), placeholder=spec["comment_prompt"],
                         layout=w.Layout(width="95%", height="6em"))
    send, status = w.Button(description="Enregistrer mes réponses", button_style="primary"), w.HTML()

    def on_send(_):
        given = {k: d.value for k, d in ratings.items() if d.value is not None}
        store.save_section("satisfaction", {"ratings": given, "comment": comment.value[:5000]})
        status.value = "<p class='pmes-feedback pmes-ok' role='status'>Merci, vos réponses sont enregistrées.</p>"

    send.on_click(on_send)
    return _frame(spec["title"], [w.HTML(f"<p>{escape(spec['intro'])}</p>"), *ratings.values(),
                                  w.HTML(f"<p>{escape(spec['comment_prompt'])}</p>"), comment, send, status], store)


def _bilan(panel, store):
    import ipywidgets as w

    out, refresh_btn = w.HTML(), w.Button(description="Actualiser le bilan")

    def refresh(_=None):
        record = store.load()
        objective_list = evidence.objectives()
        statuses = evidence.objective_status(record, evidence.objective_map(), objective_list)
        rows = evidence.progression(record, panel.payload()["positioning"], objective_list)
        attestation = evidence.attestation_html(record, statuses, now()[:10])
        out.value = (progression_html(rows, record) + "<h5>Évaluation des objectifs</h5>" + status_table_html(statuses)
                     + "<p>" + download_link(attestation, "attestation-fin-de-formation.html",
                                             "Télécharger mon attestation (HTML, à imprimer en PDF)") + "</p>")

    refresh_btn.on_click(refresh)
    refresh()
    return _frame("Bilan de fin de formation", [refresh_btn, out], store)


BUILDERS = {"dossier": _dossier, "autopositionnement": _autopositionnement,
            "satisfaction": _satisfaction, "bilan": _bilan}


def mon_dossier() -> Panel:
    return Panel("dossier")


def autopositionnement(phase: str) -> Panel:
    if phase not in evidence.PHASES:
        raise ValueError(f"phase « {phase} » inconnue : « entree » ou « sortie »")
    return Panel("autopositionnement", phase)


def satisfaction() -> Panel:
    return Panel("satisfaction")


def bilan() -> Panel:
    return Panel("bilan")

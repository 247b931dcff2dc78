"""The trainee's own pages: my record (identity, export, import), self-positioning,
satisfaction, and the end-of-course review with the attestation.

Each is a displayed object: ipywidgets in a kernel, and the same data under the course
mime type for the book, where static/pmesocial/panel.js draws it.
"""
from __future__ import annotations

from pmesocial import record as record_rules
from pmesocial.data.course import modules
from pmesocial.data.organisme import OrganismeError
from pmesocial.kernel.display import CourseOutput
from pmesocial.kernel.documents import document_payload, productions_html, render_document
from pmesocial.kernel.markup import download_link, escape
from pmesocial.kernel.notices import first_use_notices
from pmesocial.kernel.store_notices import saved_status, store_notices
from pmesocial.limits import decode_file
from pmesocial.record import RecordError, default_store
from pmesocial.rules import documents as documents_rules
from pmesocial.rules import evidence
from pmesocial.rules.typography import typo

SELF_SCALE = ["Je ne saurais pas", "J'en ai une idée vague", "Je pourrais l'expliquer en partie",
              "Je pourrais l'expliquer clairement", "Je pourrais l'appliquer dans mon entreprise"]


def status_table_html(statuses: list[dict]) -> str:
    def points(s):
        shown = f"{s['score']} / {s['max']}" if s["evaluated"] else "—"
        return shown + (f" ({s['skipped']} non comptée(s))" if s["skipped"] else "")
    rows = "".join(f"<tr><td>{s['module']}</td><td>{escape(s['text'])}</td><td>{points(s)}</td>"
                   f"<td>{escape(evidence.STATUS_LABELS[s['status']])}</td></tr>" for s in statuses)
    return ("<div class='pmes-provenance-wrap'><table class='pmes-provenance'><thead><tr><th>Module</th><th>Objectif</th>"
            f"<th>Points (premières réponses)</th><th>Résultat</th></tr></thead><tbody>{rows}</tbody></table></div>")


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
    return ("<h5>Tests d'entrée et de sortie : points par objectif</h5><div class='pmes-provenance-wrap'>"
            "<table class='pmes-provenance'><thead><tr><th>Module</th><th>Objectif</th><th>Entrée</th><th>Sortie</th>"
            f"</tr></thead><tbody>{body}</tbody></table></div><h5>Autopositionnement (0 à 4)</h5>"
            "<div class='pmes-provenance-wrap'><table class='pmes-provenance'>"
            "<thead><tr><th>Module</th><th>Titre</th><th>Entrée</th><th>Sortie</th></tr></thead>"
            f"<tbody>{body2}</tbody></table></div>")


PHASES = {"entree": "À l'entrée", "sortie": "À la sortie"}
NAMES = {"dossier": "Mon dossier de formation", "autopositionnement": "Autopositionnement",
         "bilan": "Bilan de fin de formation"}
FIRST_ATTEMPT_RULE = (
    "Seule compte, pour chaque question, votre première réponse vérifiée : vous pouvez recommencer et consulter "
    "les solutions autant que vous voulez, cela ne change pas votre évaluation. Une question dont vous avez vu la "
    "solution avant de répondre n'est pas comptée. Un objectif est acquis à partir de 75 % des points sur au moins "
    "trois questions (autoévaluations des modules et test de sortie), en cours d'acquisition à partir de 40 %.")


class Panel(CourseOutput):
    kind = "panel"

    def __init__(self, panel: str, phase: str | None = None, store=None):
        self.panel, self.phase, self.store = panel, phase, store

    def __repr__(self) -> str:
        return f"{NAMES[self.panel]}{' (' + PHASES[self.phase] + ')' if self.phase else ''}"

    def payload(self) -> dict:
        data = {"kind": self.kind, "version": 2, "panel": self.panel, "phase": self.phase,
                "modules": [{"number": m["number"], "title": m["title"]} for m in modules()]}
        if self.panel == "autopositionnement":
            data["scale"] = SELF_SCALE
        if self.panel == "bilan":
            entry = evidence.objective_map(("entry-test",)).get(evidence.ENTRY_TEST, {})
            exit_ = evidence.objective_map(("exit-test",)).get(evidence.EXIT_TEST, {})
            data.update(entry_map=entry, exit_map=exit_, rule=typo(FIRST_ATTEMPT_RULE),  # JSON in the book page: typographed at its source
                        document=document_payload("attestation", "certificat"))
        return data

    def build_widget(self):
        return BUILDERS[self.panel](self, self.store or default_store())


def _frame(title: str, children: list, store):
    import ipywidgets as w

    from pmesocial.kernel.widgets import STYLE

    head = [w.HTML(STYLE + f"<h4 class='pmes-title'>{escape(title)}</h4>")]
    head.append(store_notices(store))  # kept up to date: a save that fails says so here
    head += first_use_notices()
    box = w.VBox(head + children)
    box.add_class("pmes-exercise")
    return box


def _dossier(panel, store):
    import ipywidgets as w

    record = store.load()
    name = w.Text(value=record["trainee"].get("name", ""), description="Votre nom", style={"description_width": "10em"},
                  layout=w.Layout(width="95%"), continuous_update=False)
    company = w.Text(value=record["trainee"].get("company", ""), description="Votre entreprise",
                     style={"description_width": "10em"}, layout=w.Layout(width="95%"), continuous_update=False)
    # kept as typed, so that nothing is lost (observed below)
    save = w.Button(description="Enregistrer", button_style="primary")
    upload = w.FileUpload(accept=".json", multiple=False, description="Importer un dossier")
    status, export = w.HTML(), w.HTML()

    def refresh_export():
        text = store.export_text()
        export.value = (download_link(text, "dossier-medias-sociaux-pme.json", "Exporter mon dossier (JSON)",
                                      mime="application/json") + " "
                        + download_link(render_document("carnet", store.load()), CARNET_FILE, CARNET_LABEL))

    def on_save(_):
        store.set_trainee(name.value, company.value)
        status.value = saved_status(store, "Enregistré.")
        refresh_export()

    def on_upload(change):
        files = change["new"]
        if not files:
            return
        try:  # the same limits as the book's import: size, UTF-8 with or without a BOM (pmesocial/limits.py)
            kind, imported = store.import_file(decode_file(bytes(files[0]["content"])))
        except RecordError as exc:
            status.value = f"<p class='pmes-feedback pmes-ko' role='alert'>{escape(exc)}</p>"
            return
        name.value, company.value = imported["trainee"].get("name", ""), imported["trainee"].get("company", "")
        text = record_rules.VALIDATION_IMPORTED if kind == "validation" else (
            "Dossier importé. Relancez les modules (Run All) pour y retrouver vos réponses ; l'ancien dossier a été "
            "gardé de côté.")
        status.value = f"<p class='pmes-feedback pmes-ok' role='status'>{escape(text)}</p>"
        refresh_export()

    def cleared():
        erasing.append(True)  # emptying the fields must not write a new record
        name.value = company.value = ""
        erasing.clear()
        refresh_export()

    erasing: list = []
    for field in (name, company):
        field.observe(lambda _c: None if erasing else store.set_trainee(name.value, company.value), names="value")
    save.on_click(on_save)
    upload.observe(on_upload, names="value")
    refresh_export()
    info = w.HTML(f"<p>Vos réponses sont enregistrées dans <code>{escape(store.path)}</code>. Exportez-les pour "
                  "les transmettre à votre formateur ou les reprendre ailleurs.</p>")
    return _frame("Mon dossier de formation", [info, name, company, save, status, export, upload,
                                               *_eraser(store, status, cleared)], store)


def _eraser(store, status, cleared) -> list:
    """« Effacer mon dossier »: asks first, then erases every copy on this computer and says
    what it could not erase (rules/privacy.py, the book says the same)."""
    import ipywidgets as w

    from pmesocial.data.organisme import load_organisme
    from pmesocial.rules import privacy

    texts = privacy.erase_texts(load_organisme())
    start = w.Button(description=typo(texts["button"]), button_style="danger")
    question = w.HTML(f"<p>{escape(typo(privacy.fill(texts['confirm'], 'kernel')))}</p>")
    yes, no = w.Button(description=typo(texts["yes"]), button_style="danger"), w.Button(description=typo(texts["no"]))
    ask = w.VBox([question, w.HBox([yes, no])], layout=w.Layout(display="none"))

    def asking(show: bool):
        ask.layout.display = None if show else "none"
        start.layout.display = "none" if show else None

    def on_yes(_):
        from pmesocial.store_files import StoreError

        try:
            store.erase()
        except StoreError as exc:
            asking(False)
            status.value = f"<p class='pmes-feedback pmes-ko' role='alert'>{escape(typo(str(exc)))}</p>"
            return
        cleared()
        asking(False)
        status.value = (f"<p class='pmes-feedback pmes-ok' role='status'><strong>"
                        f"{escape(typo(privacy.fill(texts['done'], 'kernel')))}</strong> {escape(typo(texts['left']))}</p>")

    def on_no(_):
        asking(False)
        status.value = f"<p class='pmes-feedback pmes-ok' role='status'>{escape(typo(texts['cancelled']))}</p>"

    start.on_click(lambda _: asking(True))
    yes.on_click(on_yes)
    no.on_click(on_no)
    return [w.HTML(f"<h5>{escape(typo(texts['button']))}</h5>"), start, ask]


def _autopositionnement(panel, store):
    import ipywidgets as w

    saved = store.load().get("self_positioning", {}).get(panel.phase, {})
    rows = []

    def changed(number):  # only this module, on the latest record: another notebook's modules stay
        return lambda change: store.save_self_positioning(panel.phase, str(number), change["new"])

    for m in modules():
        choice = w.Dropdown(options=[("— choisir —", None)] + [(f"{i} — {t}", i) for i, t in enumerate(SELF_SCALE)],
                            value=saved.get(str(m["number"])),
                            description=f"Module {m['number']} — {m['title']}",
                            style={"description_width": "45%"}, layout=w.Layout(width="98%"))
        choice.observe(changed(m["number"]), names="value")
        rows.append(choice)
    intro = w.HTML("<p>Pour chaque module, où vous situez-vous aujourd'hui ? Il n'y a pas de bonne réponse.</p>")
    return _frame(f"Autopositionnement — {PHASES[panel.phase].lower()}", [intro, *rows], store)


def _bilan(panel, store):
    import ipywidgets as w

    out, documents_box, refresh_btn = w.HTML(), w.HTML(), w.Button(description="Actualiser le bilan")
    data = panel.payload()

    def refresh(_=None):
        record = store.load()
        objective_list = evidence.objectives()
        statuses = evidence.objective_status(record, evidence.objective_map(), objective_list)
        rows = evidence.progression(record, data["entry_map"], data["exit_map"], objective_list)
        out.value = (progression_html(rows, record) + "<h5>Évaluation des objectifs</h5>"
                     f"<p>{escape(FIRST_ATTEMPT_RULE)}</p><p><strong>{evidence.count_acquired(statuses)} objectif(s) "
                     f"acquis sur {len(statuses)}.</strong></p>" + status_table_html(statuses)
                     + "<h5>Vos productions, sur leur grille</h5>" + productions_html(record, intro=True, heading="h6"))
        links = [] if record.get("trainee", {}).get("name", "").strip() else [
            f"<p class='pmes-feedback pmes-info'>{escape(documents_rules.NAME_MISSING)}</p>"]
        for name, label, filename in DOCUMENTS:
            try:
                links.append(download_link(render_document(name, record), filename, label))
            except OrganismeError as exc:
                links = [f"<p class='pmes-feedback pmes-ko' role='alert'>{escape(exc)}</p>"]
                break
        else:  # the attestation is offered: issued, as far as the record (and the LRS) know
            store.attestation_issued({s["id"]: s["status"] for s in statuses})
        documents_box.value = "<div>" + " ".join(links) + "</div>"

    refresh_btn.on_click(refresh)
    refresh()
    return _frame("Bilan de fin de formation", [refresh_btn, out, documents_box], store)


CARNET_FILE, CARNET_LABEL = "mon-carnet-medias-sociaux-pme.html", "Télécharger mon carnet (HTML, à imprimer en PDF)"
DOCUMENTS = [("attestation", "Télécharger mon attestation (HTML, à imprimer en PDF)", "attestation-fin-de-formation.html"),
             ("certificat", "Télécharger le certificat de réalisation (HTML)", "certificat-de-realisation.html")]


BUILDERS = {"dossier": _dossier, "autopositionnement": _autopositionnement, "bilan": _bilan}


def mon_dossier() -> Panel:
    return Panel("dossier")


def autopositionnement(phase: str) -> Panel:
    if phase not in PHASES:
        raise ValueError(f"phase « {phase} » inconnue : « entree » ou « sortie »")
    return Panel("autopositionnement", phase)


def bilan() -> Panel:
    return Panel("bilan")

"""The trainee's own pages: my record (identity, export, import), self-positioning,
and the end-of-course review with the attestation.

Each is a displayed object whose data go under the course mime type. Self-positioning and
the review are drawn by the book's static/pmesocial/ui/panel.js in every host (kernel/host.py);
« Mon dossier » is still ipywidgets in a kernel.
"""
from __future__ import annotations

from pmesocial import record as record_rules
from pmesocial.data import contexts
from pmesocial.data.course import modules
from pmesocial.front_end import PANEL_CLASS
from pmesocial.kernel.display import CourseOutput
from pmesocial.kernel.documents import document_payload, render_document
from pmesocial.kernel.markup import download_link, escape
from pmesocial.kernel.notices import first_use_notices
from pmesocial.kernel.store_notices import saved_status, store_notices
from pmesocial.limits import decode_file
from pmesocial.record import RecordError, default_store
from pmesocial.rules import evidence
from pmesocial.rules.typography import typo

SELF_SCALE = ["Je ne saurais pas", "J'en ai une idée vague", "Je pourrais l'expliquer en partie",
              "Je pourrais l'expliquer clairement", "Je pourrais l'appliquer dans mon entreprise"]


PHASES = {"entree": "À l'entrée", "sortie": "À la sortie"}
NAMES = {"dossier": "Mon dossier de formation", "autopositionnement": "Autopositionnement",
         "bilan": "Bilan de fin de formation"}
FIRST_ATTEMPT_RULE = (
    "Seule compte, pour chaque question, votre première réponse vérifiée : vous pouvez recommencer et consulter "
    "les solutions autant que vous voulez, cela ne change pas votre évaluation. Une question dont vous avez vu la "
    "solution avant de répondre n'est pas comptée. Un objectif est acquis à partir de 75 % des points sur au moins "
    "trois questions (autoévaluations des modules et test de sortie), en cours d'acquisition à partir de 40 %.")


# the panels whose view is the book's ui/panel.js in every host (kernel/host.py); « Mon
# dossier » is still drawn with ipywidgets below
FRONT_END = {"autopositionnement": "l'autopositionnement", "bilan": "le bilan"}


class Panel(CourseOutput):
    kind = "panel"

    def __init__(self, panel: str, phase: str | None = None, store=None):
        self.panel, self.phase, self.store = panel, phase, store
        if panel in FRONT_END:
            self.css_class, self.shows = PANEL_CLASS, FRONT_END[panel]

    def __repr__(self) -> str:
        return f"{NAMES[self.panel]}{' (' + PHASES[self.phase] + ')' if self.phase else ''}"

    def payload(self) -> dict:
        data = {"kind": self.kind, "version": 2, "panel": self.panel, "phase": self.phase,
                "modules": [{"number": m["number"], "title": m["title"]} for m in modules()]}
        if self.panel == "autopositionnement":
            data["scale"] = SELF_SCALE
        if self.panel == "bilan":
            entry = contexts.objective_map(("entry-test",)).get(evidence.ENTRY_TEST, {})
            exit_ = contexts.objective_map(("exit-test",)).get(evidence.EXIT_TEST, {})
            data.update(entry_map=entry, exit_map=exit_, rule=typo(FIRST_ATTEMPT_RULE),  # JSON in the book page: typographed at its source
                        document=document_payload("attestation", "certificat"))
        return data

    def build_widget(self):
        return BUILDERS[self.panel](self, self.store or default_store())


def _frame(title: str, children: list, store):
    import ipywidgets as w

    from pmesocial.kernel.widget_kit import STYLE

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

    # only the fields typed here are saved: another notebook may have set the other one
    shown = {"name": name.value, "company": company.value}

    def save_typed():
        store.set_trainee(*(field.value if field.value != shown[key] else None
                            for field, key in ((name, "name"), (company, "company"))))
        shown.update(name=name.value, company=company.value)

    def on_save(_):
        save_typed()
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
        erasing.append(True)  # showing the imported names must not write them back
        name.value, company.value = imported["trainee"].get("name", ""), imported["trainee"].get("company", "")
        erasing.clear()
        shown.update(name=name.value, company=company.value)
        text = record_rules.VALIDATION_IMPORTED if kind == "validation" else (
            "Dossier importé. Relancez les modules (Run All) pour y retrouver vos réponses ; l'ancien dossier a été "
            "gardé de côté.")
        status.value = f"<p class='pmes-feedback pmes-ok' role='status'>{escape(text)}</p>"
        refresh_export()

    def cleared():
        erasing.append(True)  # emptying the fields must not write a new record
        name.value = company.value = ""
        erasing.clear()
        shown.update(name="", company="")
        refresh_export()

    erasing: list = []
    for field in (name, company):
        field.observe(lambda _c: None if erasing else save_typed(), names="value")
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


CARNET_FILE, CARNET_LABEL = "mon-carnet-medias-sociaux-pme.html", "Télécharger mon carnet (HTML, à imprimer en PDF)"
BUILDERS = {"dossier": _dossier}


def mon_dossier() -> Panel:
    return Panel("dossier")


def autopositionnement(phase: str) -> Panel:
    if phase not in PHASES:
        raise ValueError(f"phase « {phase} » inconnue : « entree » ou « sortie »")
    return Panel("autopositionnement", phase)


def bilan() -> Panel:
    return Panel("bilan")

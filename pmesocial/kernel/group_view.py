"""The trainer's group view: every exported record of a folder, summed up in one page.

Plain HTML, no widgets: the same output in JupyterLab, Voilà and the book, and the same
for the same files (nbval compares it). Trainees are anonymised unless the trainer asks
otherwise, and everything a trainee typed is escaped.
"""
from __future__ import annotations

from pmesocial.data import contexts
from pmesocial.data.group_folder import load_group, records_from_files
from pmesocial.kernel.display import CourseOutput
from pmesocial.kernel.markup import download_link, templates
from pmesocial.paths import STATIC_DIR
from pmesocial.rules import group
from pmesocial.rules.group_page import export_label, page_view, plural, results_csv
from pmesocial.rules.radar import typo_view
from pmesocial.rules.typography import typo, typo_html


def _table_style() -> str:
    """The book's rules for tables and the radar (exercise.css), so JupyterLab shows the same."""
    css = (STATIC_DIR / "pmesocial" / "exercise.css").read_text("utf-8")
    rules = [line.strip() for line in css.splitlines() if line.lstrip().startswith(("table.pmes-provenance",
                                                                                      ".pmes-provenance-wrap", ".pmes-radar-box"))]
    return "<style>" + "".join(rules) + "</style>"


def render_group_view(view: dict) -> str:
    """The group view's one template (group_view.html.j2) filled with its page view, in
    French typography (the book's page does the same with nunjucks). The view's texts are
    typographed before they are escaped: an escaped apostrophe (&#39;) is out of reach."""
    return typo_html(templates().get_template("group_view.html.j2").render(**typo_view(view)))


class GroupView:
    def __init__(self, folder, anonymous: bool = True, loaded: tuple[list, list] | None = None):
        self.folder, self.anonymous = str(folder), anonymous
        self.records, self.rejected = loaded if loaded is not None else load_group(folder)
        summary = group.summaries(self.records, anonymous, contexts.group_context())
        self.labelled, self.diagnostic, self.questions = summary["labelled"], summary["diagnostic"], summary["questions"]
        self.progression, self.acquired, self.needs = summary["progression"], summary["acquired"], summary["needs"]
        self.plans, self.satisfaction, self.cold = summary["plans"], summary["satisfaction"], summary["cold"]
        self.page = page_view(summary, self.rejected, self.folder, anonymous)

    @classmethod
    def from_records(cls, records: list[dict], rejected: list, anonymous: bool = True,
                     source: str = "l'entrepôt d'apprentissage") -> GroupView:
        """The same view of records read elsewhere (the LRS); `source` names where."""
        return cls(source, anonymous, loaded=(records, rejected))

    def __repr__(self) -> str:
        text = f"Vue de groupe de « {self.folder} » : {plural(len(self.records), 'dossier lu', 'dossiers lus')}"
        if self.rejected:
            text += f", {plural(len(self.rejected), 'fichier ignoré', 'fichiers ignorés')}"
        return text + (" (stagiaires anonymisés)." if self.anonymous else " (noms affichés).")

    def export_csv(self) -> str:
        """The trainees' table for a spreadsheet: pseudonymous unless names were asked for."""
        return results_csv(self.page)

    def _repr_html_(self) -> str:
        link = download_link(self.export_csv(), "resultats-du-groupe.csv", typo(export_label(self.anonymous)),
                             mime="text/csv") if self.records else ""
        return _table_style() + render_group_view(self.page) + (f"<p>{link}</p>" if link else "")


def group_view(folder, anonymous: bool = True) -> GroupView:
    """Summarise every record exported into `folder` (anonymised unless anonymous=False)."""
    return GroupView(folder, anonymous)


def group_view_lrs(registration: str, endpoint: str | None = None, auth: str | None = None, roster=None,
                   anonymous: bool = True) -> GroupView:
    """Summarise a group's session read from the training body's LRS (its statements of
    `registration`), with the trainer's reading account: `auth` is « Basic … », or
    PMESOCIAL_LRS_TRAINER_AUTH, and `endpoint` PMESOCIAL_LRS_ENDPOINT. Names come only
    from the trainer's own list `roster` (CSV), and only with anonymous=False."""
    import os

    from pmesocial.lrs_group import load_group_from_lrs

    endpoint = endpoint or os.environ.get("PMESOCIAL_LRS_ENDPOINT", "")
    auth = auth or os.environ.get("PMESOCIAL_LRS_TRAINER_AUTH", "")
    if not endpoint or not auth:
        raise ValueError("Indiquez l'adresse de l'entrepôt (endpoint) et le compte du formateur (auth), ou "
                         "PMESOCIAL_LRS_ENDPOINT et PMESOCIAL_LRS_TRAINER_AUTH.")
    records, rejected = load_group_from_lrs(endpoint, auth, registration, roster)
    return GroupView.from_records(records, rejected, anonymous, source=f"l'entrepôt {endpoint}, session {registration}")


class GroupFiles(CourseOutput):
    """The group view of files the trainer picks, with no folder to name: an upload in
    JupyterLab; in the book, a page that reads dropped files (ui/group_view.js) and the
    LRS (ui/group_lrs.js) with the same rules and template, and no kernel."""
    kind = "group"

    def __repr__(self) -> str:
        return "Vue de groupe : déposez les dossiers exportés par vos stagiaires."

    def payload(self) -> dict:
        # raw texts: the page typographs the view it fills, as render_group_view does
        return {"kind": self.kind, "version": 1, "context": contexts.group_context()}

    def build_widget(self):
        import ipywidgets as w
        from IPython.display import HTML, display

        upload = w.FileUpload(accept=".json", multiple=True, description="Dossiers des stagiaires")
        names = w.Checkbox(value=False, description="Afficher les noms (pour votre seul usage)", indent=False)
        out = w.Output()

        def show(_=None):
            records, rejected = records_from_files([(f["name"], bytes(f["content"])) for f in upload.value])
            out.clear_output()
            with out:
                if upload.value:
                    display(HTML(GroupView.from_records(records, rejected, not names.value, "fichiers déposés")._repr_html_()))

        upload.observe(show, "value")
        names.observe(show, "value")
        return w.VBox([upload, names, out])



def group_files() -> GroupFiles:
    """Drop exported records and see the group view (JupyterLab, or the book with no kernel)."""
    return GroupFiles()

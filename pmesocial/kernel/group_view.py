"""The trainer's group view: every exported record of a folder, summed up in one page.

Plain HTML, no widgets: the same output in JupyterLab, Voilà and the book, and the same
for the same files (nbval compares it). Trainees are anonymised unless the trainer asks
otherwise, and everything a trainee typed is escaped.
"""
from __future__ import annotations

from pmesocial.data.diagnostic import load_diagnostic
from pmesocial.data.group_folder import load_group
from pmesocial.kernel.documents import radar_svg
from pmesocial.kernel.markup import escape
from pmesocial.paths import STATIC_DIR
from pmesocial.rules import evidence, group
from pmesocial.rules.formatting import date_fr, decimal, number, percent
from pmesocial.rules.scoring import round_half_up
from pmesocial.rules.typography import typo_html

TOP_QUESTIONS = 10
RADAR_ID = "pmes-radar-groupe"


def _table_style() -> str:
    """The book's rules for tables and the radar (exercise.css), so JupyterLab shows the same."""
    css = (STATIC_DIR / "pmesocial" / "exercise.css").read_text("utf-8")
    rules = [line.strip() for line in css.splitlines() if line.lstrip().startswith(("table.pmes-provenance",
                                                                                      ".pmes-provenance-wrap", ".pmes-radar-box"))]
    return "<style>" + "".join(rules) + "</style>"


def _plain(value) -> str:
    return "—" if value is None else decimal(value, 1)


def _pct(ratio) -> str:
    return "—" if ratio is None else percent(ratio * 100)


def _plural(count: int, one: str, many: str) -> str:
    return f"{number(count)} {one if count < 2 else many}"  # French: 0 and 1 take the singular


def _table(headers: list[str], rows: list[list[str]]) -> str:
    """Cells are HTML already (escape before calling)."""
    head = "".join(f"<th scope='col'>{h}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return (f"<div class='pmes-provenance-wrap'><table class='pmes-provenance'><thead><tr>{head}</tr></thead>"
            f"<tbody>{body}</tbody></table></div>")


def _date(stamp: str) -> str:
    return date_fr(stamp) or "—"


class GroupView:
    def __init__(self, folder, anonymous: bool = True, loaded: tuple[list, list] | None = None):
        self.folder, self.anonymous = str(folder), anonymous
        self.records, self.rejected = loaded if loaded is not None else load_group(folder)
        self.labelled = group.label_trainees(self.records, anonymous)
        self.spec = load_diagnostic()
        self.diagnostic = group.diagnostic_summary(self.records, self.spec)
        self.questions = group.question_success(self.records)
        self.progression = group.progression_summary(self.records)
        self.acquired = group.acquired_summary(self.records)
        self.needs = group.needs_summary(self.records)
        self.plans = group.plans(self.labelled)
        self.satisfaction = group.satisfaction_summary(self.records)
        self.cold = group.cold_summary(self.records)

    @classmethod
    def from_records(cls, records: list[dict], rejected: list, anonymous: bool = True,
                     source: str = "l'entrepôt d'apprentissage") -> GroupView:
        """The same view of records read elsewhere (the LRS); `source` names where."""
        return cls(source, anonymous, loaded=(records, rejected))

    # -- text ------------------------------------------------------------------------
    def __repr__(self) -> str:
        text = f"Vue de groupe de « {self.folder} » : {_plural(len(self.records), 'dossier lu', 'dossiers lus')}"
        if self.rejected:
            text += f", {_plural(len(self.rejected), 'fichier ignoré', 'fichiers ignorés')}"
        return text + (" (stagiaires anonymisés)." if self.anonymous else " (noms affichés).")

    # -- HTML ------------------------------------------------------------------------
    def _repr_html_(self) -> str:
        parts = [_table_style(), "<div class='pmes-group'>", self._files_html()]
        if self.records:
            parts += [self._trainees_html(), self._needs_html(), self._diagnostic_html(), self._questions_html(),
                      self._progression_html(), self._plans_html(), self._satisfaction_html(), self._cold_html()]
        parts.append("</div>")
        return typo_html("".join(parts))

    def _files_html(self) -> str:
        html = (f"<p><strong>{_plural(len(self.records), 'dossier lu', 'dossiers lus')}</strong> dans "
                f"« {escape(self.folder)} »"
                + (" ; les stagiaires sont anonymisés." if self.anonymous else " ; noms affichés, "
                   "pour votre seul usage.") + "</p>")
        if not self.records:
            html += "<p class='pmes-info'>Aucun dossier lisible : rien à résumer pour l'instant.</p>"
        if self.rejected:
            items = "".join(f"<li><code>{escape(name)}</code> : {escape(reason)}</li>" for name, reason in self.rejected)
            html += (f"<p>{_plural(len(self.rejected), 'fichier ignoré', 'fichiers ignorés')} :</p>"
                     f"<ul class='pmes-group-rejected'>{items}</ul>")
        return html

    def _trainees_html(self) -> str:
        rows = []
        forms_done = lambda r, f: "oui" if r.get("forms", {}).get(f, {}).get("submitted") else "non"  # noqa: E731
        for (label, record), acquired in zip(self.labelled, self.acquired):
            exercises = record.get("exercises", {})
            answered = sum(len(entry.get("first", {})) for key, entry in exercises.items()
                           if key not in (evidence.ENTRY_TEST, evidence.EXIT_TEST))
            tests = " / ".join("oui" if exercises.get(key, {}).get("submitted") else "non"
                               for key in (evidence.ENTRY_TEST, evidence.EXIT_TEST))
            rows.append([escape(label), _date(record.get("started", "")), forms_done(record, "besoins"), number(answered),
                         tests, f"{number(acquired['acquired'])} / {number(acquired['objectives'])}",
                         "oui" if record.get("diagnostic", {}).get("answers") else "non", forms_done(record, "plan"),
                         forms_done(record, "satisfaction"), forms_done(record, "evaluation-a-froid")])
        return ("<h4>Les stagiaires</h4>"
                + _table(["Stagiaire", "Commencé le", "Besoins", "Questions répondues (modules)",
                          "Test d'entrée / de sortie", "Objectifs acquis", "Autodiagnostic", "Plan à 90 jours",
                          "Satisfaction", "Évaluation à froid"], rows))

    def _counts(self, items: list[dict]) -> str:
        return " · ".join(f"{escape(i['label'])} : {number(i['count'])}" for i in items if i["count"]) or "—"

    def _texts(self, title: str, items: list[str]) -> str:
        if not items:
            return ""
        lis = "".join(f"<li>{escape(t).replace(chr(10), '<br>')}</li>" for t in items)
        return f"<h5>{escape(title)} ({number(len(items))})</h5><ul class='pmes-group-comments'>{lis}</ul>"

    def _needs_html(self) -> str:
        n = self.needs
        html = (f"<h4>Besoins à l'entrée</h4><p>{_plural(n['respondents'], 'stagiaire a', 'stagiaires ont')} "
                "enregistré leurs besoins.</p>")
        html += _table(["Question", "Réponses"], [["Taille de l'entreprise", self._counts(n["taille"])],
                                                  ["Secteur", self._counts(n["secteur"])],
                                                  ["Usage actuel", self._counts(n["usage"])],
                                                  ["Objectifs", self._counts(n["objectifs"])]])
        html += self._texts("Situations à traiter", n["attentes"])
        if n["adaptation"]:
            html += ("<p><strong>Demandes d'adaptation</strong> : transmettez-les au référent handicap, sans les "
                     "diffuser au groupe.</p>" + self._texts("Adaptations demandées", n["adaptation"]))
        return html

    def _plans_html(self) -> str:
        html = "<h4>Les plans à 90 jours</h4>"
        if not self.plans:
            return html + "<p class='pmes-info'>Aucun stagiaire n'a encore écrit son plan (module 9).</p>"
        html += f"<p>{_plural(len(self.plans), 'plan commencé', 'plans commencés')}.</p>"
        for plan in self.plans:
            state = "complet" if plan["complete"] else "incomplet"
            rows = [[escape(str(r.get("action", ""))), escape(str(r.get("responsable", ""))),
                     _plain(r["heures"]) if isinstance(r.get("heures"), (int, float)) else escape(str(r.get("heures", ""))),
                     escape(str(r.get("indicateur", ""))),
                     escape(_date(r["echeance"]) if isinstance(r.get("echeance"), str) else "—")] for r in plan["actions"]]
            html += (f"<h5>{escape(plan['label'])} — plan {state}, {_plain(plan['hours'])} h par semaine</h5>"
                     f"<p>Objectif : {escape(plan['objectif']) or '—'}</p>"
                     + _table(["Action", "Qui", "Heures par semaine", "Indicateur", "Échéance"], rows))
        return html

    def _cold_html(self) -> str:
        c = self.cold
        html = (f"<h4>Évaluation à froid</h4><p>{_plural(c['respondents'], 'stagiaire a', 'stagiaires ont')} "
                "répondu, quelques semaines après la formation.</p>")
        if not c["respondents"]:
            return html
        u = c["usefulness"]
        html += _table(["Question", "Réponses"], [["Plan mis en œuvre", self._counts(c["plan"])],
                                                  ["Effets observés", self._counts(c["effets"])],
                                                  ["Freins", self._counts(c["obstacles"])],
                                                  ["Utilité, de 1 à 5", "—" if u["mean"] is None else
                                                   f"{number(u['mean'], 1)} en moyenne ({_plural(u['count'], 'réponse', 'réponses')})"]])
        return html + self._texts("Actions menées", c["actions"]) + self._texts("Besoins pour la suite", c["suite"])

    def _diagnostic_html(self) -> str:
        html = "<h4>Autodiagnostic du groupe</h4>"
        done = max((d["count"] for d in self.diagnostic), default=0)
        if not done:
            return html + "<p class='pmes-info'>Aucun stagiaire n'a encore rempli l'autodiagnostic.</p>"
        medians = [None if d["median"] is None else round_half_up(d["median"]) for d in self.diagnostic]
        svg = radar_svg([d["label"] for d in self.diagnostic], medians,
                        "Autodiagnostic du groupe : médiane de chaque dimension (sur 100), et bande du "
                        "premier au troisième quartile", svg_id=RADAR_ID,
                        band=([d["q1"] for d in self.diagnostic], [d["q3"] for d in self.diagnostic]))
        rows = [[escape(d["label"]), number(d["count"]), _plain(d["median"]),
                 f"{_plain(d['q1'])} – {_plain(d['q3'])}", f"{_plain(d['min'])} – {_plain(d['max'])}",
                 escape(d["level"]["label"]) if d["level"] else "—"] for d in self.diagnostic]
        return (html + f"<p>{_plural(done, 'stagiaire a', 'stagiaires ont')} rempli l'autodiagnostic. "
                "Trait foncé : la médiane du groupe (la moitié des stagiaires est au-dessus, la moitié "
                "au-dessous) ; bande claire : la moitié centrale du groupe, du premier au troisième "
                f"quartile. Scores sur 100.</p><div class='pmes-radar-box'>{svg}</div>"
                + _table(["Dimension", "Réponses", "Médiane", "Q1 – Q3", "Min – max", "Niveau de la médiane"], rows))

    def _questions_html(self) -> str:
        html = "<h4>Questions les plus manquées</h4>"
        if not self.questions:
            return html + "<p class='pmes-info'>Aucune réponse aux exercices pour l'instant.</p>"
        # the entry test measures where trainees start, not what they missed in the course
        missed = [q for q in self.questions if q["purpose"] != "entry-test"]
        rows = []
        for q in missed[:TOP_QUESTIONS]:
            prompt = escape(q["prompt"]) if q["prompt"] else f"<code>{escape(q['question'])}</code>"
            where = escape(q["bank_title"] or q["bank"])
            rows.append([prompt, f"{where}<br><small><code>{escape(q['bank'])} · {escape(q['question'])}</code></small>",
                         number(q["answered"]), _pct(q["rate"])])
        shown = min(TOP_QUESTIONS, len(missed))
        return (html + f"<p>Les {number(shown)} questions au taux de réussite le plus bas, sur "
                f"{_plural(len(self.questions), 'question répondue', 'questions répondues')} : des points "
                "à reprendre avec le groupe. Le taux de réussite est la moyenne des points obtenus à la "
                "première réponse, rapportés aux points possibles.</p>"
                + _table(["Question", "Exercice", "Réponses", "Taux de réussite"], rows))

    def _progression_html(self) -> str:
        rows = [[number(p["module"]), escape(p["text"]), _pct(p["entree"]), _pct(p["sortie"]),
                 f"{number(p['entree_count'])} / {number(p['sortie_count'])}"] for p in self.progression]
        return ("<h4>Progression : tests d'entrée et de sortie</h4><p>Part moyenne des points obtenus aux "
                "questions qui évaluent chaque objectif, au test d'entrée puis au test de sortie (des questions "
                "différentes, de même difficulté ; moyenne sur les stagiaires qui ont passé chaque test).</p>"
                + _table(["Module", "Objectif", "Entrée", "Sortie", "Stagiaires (entrée / sortie)"], rows))

    def _satisfaction_html(self) -> str:
        sat = self.satisfaction
        html = (f"<h4>Satisfaction</h4><p>{_plural(sat['respondents'], 'stagiaire a', 'stagiaires ont')} "
                "répondu au questionnaire. Notes de 1 (" + escape(sat["scale"][0].lower()) + ") à 5 ("
                + escape(sat["scale"][-1].lower()) + ").</p>")
        rows = [[escape(c["text"]), number(c["count"]), "—" if c["mean"] is None else number(c["mean"], 1),
                 " · ".join(f"{level} : {number(n)}" for level, n in c["distribution"].items())]
                for c in sat["criteria"]]
        html += _table(["Critère", "Réponses", "Moyenne sur 5", "Répartition (note : nombre)"], rows)
        if sat["goals"]:
            labels = [o["label"] for o in sat["goal_options"]]
            html += ("<h5>Objectifs de départ atteints ?</h5>"
                     + _table(["Objectif fixé à l'entrée", *map(escape, labels)],
                              [[escape(g["label"]), *[number(g[o["id"]]) for o in sat["goal_options"]]] for g in sat["goals"]]))
        if sat["comments"]:
            items = "".join(f"<li>{escape(c).replace(chr(10), '<br>')}</li>" for c in sat["comments"])
            html += (f"<h5>Commentaires ({number(len(sat['comments']))})</h5><p>Dans l'ordre du groupe, "
                     f"sans le nom de leur auteur.</p><ul class='pmes-group-comments'>{items}</ul>")
        else:
            html += "<p>Aucun commentaire libre.</p>"
        return html


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

    from pmesocial.data.group_lrs import load_group_from_lrs

    endpoint = endpoint or os.environ.get("PMESOCIAL_LRS_ENDPOINT", "")
    auth = auth or os.environ.get("PMESOCIAL_LRS_TRAINER_AUTH", "")
    if not endpoint or not auth:
        raise ValueError("Indiquez l'adresse de l'entrepôt (endpoint) et le compte du formateur (auth), ou "
                         "PMESOCIAL_LRS_ENDPOINT et PMESOCIAL_LRS_TRAINER_AUTH.")
    records, rejected = load_group_from_lrs(endpoint, auth, registration, roster)
    return GroupView.from_records(records, rejected, anonymous, source=f"l'entrepôt {endpoint}, session {registration}")

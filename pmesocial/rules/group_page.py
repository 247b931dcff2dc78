"""The trainer's group view as a page: every number formatted, every text raw (the
template, pmesocial/templates/group_view.html.j2, escapes it). The kernel
(kernel/group_view.py) and the book's group-view page (static/pmesocial/rules/group.js,
checked against tests/vectors/group.json) fill the same template with the same view.
"""
from __future__ import annotations

from pmesocial.rules import evidence
from pmesocial.rules.formatting import date_fr, decimal, number, percent
from pmesocial.rules.radar import radar_view
from pmesocial.rules.scoring import round_half_up

TOP_QUESTIONS = 10
RADAR_ID = "pmes-radar-groupe"
RADAR_TITLE = ("Autodiagnostic du groupe : médiane de chaque dimension (sur 100), et bande du "
               "premier au troisième quartile")


def plain(value) -> str:
    return "—" if value is None else decimal(value, 1)


def pct(ratio) -> str:
    return "—" if ratio is None else percent(ratio * 100)


def plural(count: int, one: str, many: str) -> str:
    return f"{number(count)} {one if count < 2 else many}"  # French: 0 and 1 take the singular


def day(stamp: str) -> str:
    return date_fr(stamp) or "—"


def lines(text: str) -> list[str]:
    """A trainee's text as its lines (the template puts a line break between them)."""
    return text.split("\n")


def counts(items: list[dict]) -> str:
    return " · ".join(f"{i['label']} : {number(i['count'])}" for i in items if i["count"]) or "—"


def texts(title: str, items: list[str]) -> dict | None:
    return {"title": f"{title} ({number(len(items))})", "entries": [lines(t) for t in items]} if items else None


def _yes(flag) -> str:
    return "oui" if flag else "non"


def _trainees(labelled: list, acquired: list) -> list[list[str]]:
    rows = []
    for (label, record), got in zip(labelled, acquired):
        exercises, done = record.get("exercises", {}), record.get("forms", {})
        answered = sum(len(entry.get("first", {})) for key, entry in exercises.items()
                       if key not in (evidence.ENTRY_TEST, evidence.EXIT_TEST))
        tests = " / ".join(_yes(exercises.get(key, {}).get("submitted")) for key in (evidence.ENTRY_TEST, evidence.EXIT_TEST))
        rows.append([label, day(record.get("started", "")), _yes(done.get("besoins", {}).get("submitted")),
                     number(answered), tests, f"{number(got['acquired'])} / {number(got['objectives'])}",
                     _yes(record.get("diagnostic", {}).get("answers")), _yes(done.get("plan", {}).get("submitted")),
                     _yes(done.get("satisfaction", {}).get("submitted")),
                     _yes(done.get("evaluation-a-froid", {}).get("submitted"))])
    return rows


def _needs(n: dict) -> dict:
    return {"respondents": plural(n["respondents"], "stagiaire a", "stagiaires ont"),
            "rows": [["Taille de l'entreprise", counts(n["taille"])], ["Secteur", counts(n["secteur"])],
                     ["Usage actuel", counts(n["usage"])], ["Objectifs", counts(n["objectifs"])]],
            "attentes": texts("Situations à traiter", n["attentes"]),
            "adaptation": texts("Adaptations demandées", n["adaptation"])}


def _diagnostic(rows: list[dict]) -> tuple[dict, dict | None]:
    done = max((d["count"] for d in rows), default=0)
    if not done:
        return {"done": ""}, None
    medians = [None if d["median"] is None else round_half_up(d["median"]) for d in rows]
    radar = radar_view([d["label"] for d in rows], medians, RADAR_TITLE, RADAR_ID,
                       ([d["q1"] for d in rows], [d["q3"] for d in rows]))
    return {"done": plural(done, "stagiaire a", "stagiaires ont"),
            "rows": [[d["label"], number(d["count"]), plain(d["median"]), f"{plain(d['q1'])} – {plain(d['q3'])}",
                      f"{plain(d['min'])} – {plain(d['max'])}", d["level"]["label"] if d["level"] else "—"]
                     for d in rows]}, radar


def _questions(questions: list[dict]) -> dict:
    # the entry test measures where trainees start, not what they missed in the course
    missed = [q for q in questions if q["purpose"] != "entry-test"][:TOP_QUESTIONS]
    return {"answered": plural(len(questions), "question répondue", "questions répondues") if questions else "",
            "shown": number(len(missed)),
            "rows": [{"prompt": q["prompt"] or "", "question": q["question"], "bank": q["bank"],
                      "where": q["bank_title"] or q["bank"], "answered": number(q["answered"]), "rate": pct(q["rate"])}
                     for q in missed]}


def cell(value) -> str:
    """A value a trainee typed, as text: nothing for a blank, figures in French."""
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return plain(value)
    return value if isinstance(value, str) else "oui" if value is True else "non" if value is False else ""


def _plans(plans: list[dict]) -> list[dict]:
    return [{"title": f"{p['label']} — plan {'complet' if p['complete'] else 'incomplet'}"
                      f"{'' if p['submitted'] else ', pas encore enregistré'}, {plain(p['hours'])} h par semaine",
             "objectif": cell(p["objectif"]) or "—",
             "rows": [[cell(r.get("action")), cell(r.get("responsable")), cell(r.get("heures")), cell(r.get("indicateur")),
                       day(r["echeance"]) if isinstance(r.get("echeance"), str) else "—"]
                      for r in p["actions"]]} for p in plans]


def _satisfaction(sat: dict) -> dict:
    options = sat["goal_options"]
    return {"respondents": plural(sat["respondents"], "stagiaire a", "stagiaires ont"),
            "low": sat["scale"][0].lower(), "high": sat["scale"][-1].lower(),
            "rows": [[c["text"], number(c["count"]), "—" if c["mean"] is None else number(c["mean"], 1),
                      " · ".join(f"{level} : {number(n)}" for level, n in c["distribution"].items())]
                     for c in sat["criteria"]],
            "goal_headers": ["Objectif fixé à l'entrée", *[o["label"] for o in options]] if sat["goals"] else [],
            "goals": [[g["label"], *[number(g[o["id"]]) for o in options]] for g in sat["goals"]],
            "comments": [lines(c) for c in sat["comments"]], "comment_count": number(len(sat["comments"]))}


def _cold(c: dict) -> dict:
    u = c["usefulness"]
    usefulness = "—" if u["mean"] is None else f"{number(u['mean'], 1)} en moyenne ({plural(u['count'], 'réponse', 'réponses')})"
    return {"respondents": plural(c["respondents"], "stagiaire a", "stagiaires ont"), "any": bool(c["respondents"]),
            "rows": [["Plan mis en œuvre", counts(c["plan"])], ["Effets observés", counts(c["effets"])],
                     ["Freins", counts(c["obstacles"])], ["Utilité, de 1 à 5", usefulness]],
            "actions": texts("Actions menées", c["actions"]), "suite": texts("Besoins pour la suite", c["suite"])}


def _productions(items: list[dict]) -> dict:
    """One row per trainee, one column per production: its status on its rubric, and how
    many of the course's criteria it meets."""
    if not items or not items[0]["productions"]:
        return {"headers": [], "rows": [], "validated": ""}
    headers = ["Stagiaire", *[p["title"] for p in items[0]["productions"]]]
    rows = [[item["label"], *[f"{p['label']} ({number(p['auto_met'])} / {number(p['auto_total'])})"
                               if p["status"] != "a-faire" else p["label"] for p in item["productions"]]]
            for item in items]
    validated = sum(p["status"] == "validee" for item in items for p in item["productions"])
    waiting = sum(p["status"] == "a-valider" for item in items for p in item["productions"])
    return {"headers": headers, "rows": rows,
            "validated": f"{plural(validated, 'production validée', 'productions validées')}, "
                         f"{plural(waiting, 'production complète attend', 'productions complètes attendent')} "
                         "votre avis."}


TRAINEE_HEADERS = ["Stagiaire", "Commencé le", "Besoins", "Questions répondues (modules)", "Test d'entrée / de sortie",
                   "Objectifs acquis", "Autodiagnostic", "Plan à 90 jours", "Satisfaction", "Évaluation à froid"]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_field(text: str) -> str:
    # a cell a spreadsheet would run as a formula (a trainee may type « =HYPERLINK(…) »)
    # is kept as text; a cell holding ; " or a line break is quoted (RFC 4180)
    text = "'" + text if text.startswith(FORMULA_START) else text
    return '"' + text.replace('"', '""') + '"' if any(c in text for c in ';"\r\n') else text


def results_csv(view: dict) -> str:
    """The trainees' table of the page view as CSV for a spreadsheet (« ; », UTF-8 with a
    BOM, as French spreadsheets expect): pseudonymous (« Stagiaire 1 »…) unless the view
    shows names."""
    rows = [view["trainee_headers"], *view.get("trainees", [])]
    return "\ufeff" + "".join(";".join(_csv_field(str(c)) for c in row) + "\r\n" for row in rows)


def export_label(anonymous: bool) -> str:
    return "Exporter le tableau des stagiaires (CSV, " + ("anonyme)" if anonymous else "avec les noms)")


def page_view(summary: dict, rejected: list, source: str, anonymous: bool = True) -> dict:
    """Everything the group-view template shows: the group's summaries (group.summaries)
    of records read from `source` (a folder, the LRS, dropped files), and the files set
    aside as (name, French reason)."""
    records = summary["records"]
    view = {"source": source, "anonymous": anonymous, "read": plural(len(records), "dossier lu", "dossiers lus"),
            "records": bool(records), "rejected_count": plural(len(rejected), "fichier ignoré", "fichiers ignorés"),
            "rejected": [{"name": name, "reason": reason} for name, reason in rejected], "radar": None,
            "trainee_headers": list(TRAINEE_HEADERS)}
    if not records:
        return view
    view["diagnostic"], view["radar"] = _diagnostic(summary["diagnostic"])
    plans = _plans(summary["plans"])
    view.update(
        trainees=_trainees(summary["labelled"], summary["acquired"]), needs=_needs(summary["needs"]),
        questions=_questions(summary["questions"]),
        progression=[[number(p["module"]), p["text"], pct(p["entree"]), pct(p["sortie"]),
                      f"{number(p['entree_count'])} / {number(p['sortie_count'])}"] for p in summary["progression"]],
        plans=plans, plan_count=plural(len(plans), "plan commencé", "plans commencés") if plans else "",
        satisfaction=_satisfaction(summary["satisfaction"]), cold=_cold(summary["cold"]),
        productions=_productions(summary["productions"]))
    return view

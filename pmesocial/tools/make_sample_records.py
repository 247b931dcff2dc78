"""Write synthetic trainee records, to try the trainer's group view without real trainees.

The records are fictional but realistic and valid: needs at entry; answers to the real
question banks of data/quiz, scored by pmesocial.rules.scoring.check, with their first attempts
(sometimes a solution seen first) and, now and then, a second try; a self-diagnostic; the
entry test and (usually) the exit test, better at exit; self-positioning; a 90-day plan;
satisfaction; for some, a cold evaluation. One company
name is hostile markup, to show that every view escapes what trainees type. A few broken
files come along (truncated JSON, another program's JSON…), as a real folder would have.
The same seed always writes the same files.

    python -m pmesocial.tools.make_sample_records DIR [--count 20] [--malformed 2] [--seed 2026]
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from pmesocial.data.banks import all_banks
from pmesocial.data.course import modules
from pmesocial.data.diagnostic import load_diagnostic
from pmesocial.data.forms import load_form
from pmesocial.record import FORMAT, VERSION, apply_attempt, apply_form, apply_solution_seen, apply_submit, parse_record
from pmesocial.rules.evidence import ENTRY_TEST, EXIT_TEST
from pmesocial.rules.scoring import check

HOSTILE_COMPANY = "<script>alert(1)</script>"
FIRST_NAMES = ["Claire", "Julien", "Sophie", "Karim", "Nathalie", "Thomas", "Amélie", "Yann", "Fatima",
               "Pierre", "Léa", "Mathieu", "Chantal", "Olivier", "Inès", "Bruno", "Élodie", "Sébastien",
               "Maëlle", "Rachid", "Isabelle", "François", "Camille", "Hervé"]
LAST_NAMES = ["Morel", "Lefèvre", "Garnier", "Benali", "Roux", "Fournier", "Le Goff", "Marchand",
              "Chevalier", "Nguyen", "Perrin", "Bonnet", "Da Silva", "Lambert", "Faure", "Rousseau",
              "Girard", "Mercier", "Boyer", "Haddad", "Blanc", "Guérin", "Muller", "Colin"]
COMPANIES = ["Menuiserie des Trois Chênes", "Boulangerie L'Épi d'Or", "Garage Central & Fils",
             "Atelier Céramique du Port", "Cabinet Comptable Vidal", "Fleurs de Saison",
             "Imprimerie Moderne de l'Ouest", "Transports Rapides du Centre", "Domaine de la Colline",
             "Plomberie Chauffage Services", "Salon Coiffure Émeraude", "Librairie Le Marque-Page",
             "Brasserie Artisanale La Mousse", "Agence Immobilière du Lac", "Optique Vision Plus",
             "Ferme Auberge des Prés", "Électricité Générale Berthier", "Traiteur Saveurs d'Ici",
             "Camping Les Pins", "Cordonnerie Express", "Couverture Zinguerie Tardieu",
             "Institut Beauté Nature", "Quincaillerie Pasquier", "Ébénisterie Rivière"]
COMMENTS = [
    "Très concret : les exercices sur la Menuiserie Morel ressemblent à ce que nous vivons.",
    "J'aurais aimé plus de temps sur le plan d'action du module 9.",
    "Les estimations du module 3 m'ont surpris, je ne pensais pas être aussi loin des vrais chiffres.",
    "Un peu long par moments, mais le diagnostic final m'a donné des priorités claires.",
    "Merci ! Le module « Mythes ou réalités » m'a ouvert les yeux <3",
    "Le livre en ligne est pratique ; JupyterLab m'a un peu dérouté au début.",
    "Il manquait des exemples sur les commerces de proximité.",
    "Bonne animation, des échanges utiles entre participants.",
]
# Ratings 1..5: mostly 3 to 5.
RATING_WEIGHTS = [2, 5, 20, 43, 30]


def _stamp(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def answer_question(rng: random.Random, question: dict, skill: float):
    """A plausible answer: right with probability `skill`, otherwise a random wrong-ish one."""
    kind = question["type"]
    right = rng.random() < skill
    if kind == "single":
        options = [o["id"] for o in question["options"]]
        correct = next(o["id"] for o in question["options"] if o.get("correct"))
        return correct if right else rng.choice([o for o in options if o != correct] or options)
    if kind == "multiple":
        options = [o["id"] for o in question["options"]]
        if right:
            return [o["id"] for o in question["options"] if o.get("correct")]
        return sorted(rng.sample(options, rng.randint(1, len(options))), key=options.index)
    if kind == "classify":
        categories = [c["id"] for c in question["categories"]]
        return {item["id"]: item["answer"] if rng.random() < skill + (1 - skill) / 2 else rng.choice(categories)
                for item in question["items"]}
    # estimate: close to the figure when right, anywhere on the slider otherwise
    low, high, step = question["min"], question["max"], question.get("step", 1)
    if right:
        value = question["figure_data"]["value"] * (1 + rng.uniform(-0.8, 0.8) * question.get("tolerance", 0.25))
    else:
        value = rng.uniform(low, high)
    value = min(max(round(round(value / step) * step, 6), low), high)
    return int(value) if float(value).is_integer() else value


def _take_bank(rng, record: dict, bank: dict, skill: float, when: datetime, share: float = 0.95) -> None:
    """Answer a bank as a trainee would: a first try, sometimes a solution seen first,
    sometimes a second try after a miss (it does not change the first attempt)."""
    for question in bank["questions"]:
        if rng.random() > share:
            continue
        if rng.random() < 0.04:
            apply_solution_seen(record, bank["id"], question["id"], _stamp(when))
        answer = answer_question(rng, question, skill)
        result = check(question, answer)
        if not result.answered:
            continue
        apply_attempt(record, bank["id"], question["id"], answer, result.score, result.max_score, _stamp(when))
        if not result.correct and rng.random() < 0.5:
            again = answer_question(rng, question, 0.9)
            second = check(question, again)
            if second.answered:
                apply_attempt(record, bank["id"], question["id"], again, second.score, second.max_score, _stamp(when))


def _hand_in(rng, record: dict, bank: dict, skill: float, when: datetime) -> None:
    attempts = {}
    for question in bank["questions"]:
        answer = answer_question(rng, question, skill) if rng.random() < 0.93 else None
        result = check(question, answer) if answer is not None else None
        attempts[question["id"]] = ([answer, result.score, result.max_score] if result and result.answered
                                    else [None, 0, 1])
    apply_submit(record, bank["id"], attempts, _stamp(when))


PLAN_ACTIONS = [("Compléter la fiche d'établissement", 1), ("Publier une réalisation par semaine", 2),
                ("Répondre à chaque avis sous 48 heures", 0.5), ("Relancer les anciens clients par courriel", 1),
                ("Ouvrir la page entreprise LinkedIn", 1.5), ("Filmer un chantier en vidéo courte", 1)]
INDICATORS = ["Demandes de devis par mois", "Appels venus de la fiche", "Avis reçus", "Candidatures", "Rendez-vous"]


def _needs(rng) -> dict:
    spec = load_form("besoins")
    pick = {f["id"]: f for f in spec["fields"]}
    values = {"taille": rng.choice(pick["taille"]["options"][:3])["id"],
              "secteur": rng.choice(pick["secteur"]["options"])["id"],
              "usage": rng.choice(pick["usage"]["options"])["id"],
              "objectifs": [o["id"] for o in rng.sample(pick["objectifs"]["options"], rng.randint(1, 3))],
              "heures": rng.choice([1, 1.5, 2, 3, 4])}
    if rng.random() < 0.4:
        values["attentes"] = rng.choice(["Savoir quoi publier sur nos chantiers.", "Répondre à un avis injuste.",
                                         "Trouver des apprentis.", "Savoir si LinkedIn vaut la peine pour nous."])
    return values


def _plan(rng, start: datetime) -> dict:
    rows = []
    for action, hours in rng.sample(PLAN_ACTIONS, rng.randint(3, 5)):
        rows.append({"action": action, "responsable": rng.choice(["Moi", "Mon associé", "L'assistante", "Le chef d'atelier"]),
                     "heures": hours, "indicateur": rng.choice(INDICATORS),
                     "echeance": (start + timedelta(days=rng.randint(20, 90))).date().isoformat()})
    if rng.random() < 0.2:
        rows[-1].pop("indicateur")  # an incomplete plan, as some are
    return {"objectif": f"{rng.randint(3, 10)} demandes de devis par mois", "actions": rows,
            "point_etape": (start + timedelta(days=45)).date().isoformat()}


def _diagnostic(rng, spec: dict, when: datetime) -> dict:
    maturity = rng.uniform(0.6, 3.2)
    answers, importance = {}, {}
    for dim in spec["dimensions"]:
        bias = rng.uniform(-1.0, 1.0)
        for item in dim["items"]:
            answers[item["id"]] = min(4, max(0, round(maturity + bias + rng.uniform(-0.9, 0.9))))
        importance[dim["id"]] = rng.choices([1, 2, 3], weights=[2, 5, 3])[0]
    return {"answers": answers, "importance": importance, "updated": _stamp(when)}


def make_record(rng: random.Random, index: int, banks, diag_spec: dict, name: str, company: str) -> dict:
    start = datetime(2026, 3, 2, 8, 30, tzinfo=UTC) + timedelta(
        days=rng.randint(0, 4), minutes=rng.randint(0, 240) + index)
    clock = start
    skill = rng.uniform(0.45, 0.9)
    record = {"format": FORMAT, "version": VERSION, "trainee": {"name": name, "company": company},
              "started": _stamp(start), "updated": _stamp(start), "exercises": {}}

    def tick() -> datetime:
        nonlocal clock
        clock += timedelta(minutes=rng.randint(3, 40))
        return clock

    needs = _needs(rng)
    apply_form(record, "besoins", needs, True, _stamp(tick()))
    numbers = [str(m["number"]) for m in modules()]
    entry_self = {n: rng.choices(range(5), weights=[30, 35, 20, 10, 5])[0] for n in numbers}
    record["self_positioning"] = {"entree": entry_self}
    by_id = {b["id"]: b for b in banks}
    _hand_in(rng, record, by_id[ENTRY_TEST], skill * 0.5, tick())
    finished = rng.random() < 0.85
    for bank in banks:
        if bank["purpose"] in ("entry-test", "exit-test") or rng.random() > (0.92 if finished else 0.5):
            continue
        _take_bank(rng, record, bank, skill, tick())
    if rng.random() < 0.9:
        record["diagnostic"] = _diagnostic(rng, diag_spec, tick())
    if finished:
        apply_form(record, "plan", _plan(rng, clock), rng.random() < 0.8, _stamp(tick()))
        _hand_in(rng, record, by_id[EXIT_TEST], min(0.95, skill + 0.15), tick())
        record["self_positioning"]["sortie"] = {n: min(4, v + rng.choices([0, 1, 2], weights=[2, 5, 3])[0])
                                                for n, v in entry_self.items()}
        sat = load_form("satisfaction")
        values = {f["id"]: rng.choices(range(1, 6), weights=RATING_WEIGHTS)[0] for f in sat["fields"]
                  if f["type"] == "scale" and rng.random() < 0.95}
        values["objectifs"] = {g: rng.choices(["atteint", "en-partie", "non-atteint"], weights=[5, 4, 1])[0]
                               for g in needs["objectifs"]}
        if rng.random() < 0.35:
            values["commentaire"] = rng.choice(COMMENTS)
        apply_form(record, "satisfaction", values, True, _stamp(tick()))
        if rng.random() < 0.6:
            later = clock + timedelta(weeks=6)
            cold = {"plan": rng.choice(["entierement", "en-partie", "en-partie", "pas-encore"]),
                    "effets": rng.choice(["nets", "quelques", "aucun", "trop-tot"]),
                    "utilite": rng.choices(range(1, 6), weights=[1, 2, 5, 9, 6])[0],
                    "heures": rng.choice([0.5, 1, 2, 3]),
                    "obstacles": [o for o in ("temps", "idees", "resultats") if rng.random() < 0.4]}
            apply_form(record, "evaluation-a-froid", {k: v for k, v in cold.items() if v != []}, True, _stamp(later))
            clock = later
    if finished:  # drawn last, so the draws above stay those of earlier versions
        _productions(rng, record, tick)
    record["updated"] = _stamp(clock)
    return record


REPLIES = ["Merci pour votre avis. Vous avez raison : la pose a pris du retard et nous ne vous avons pas prévenu. "
           "Depuis, nous appelons chaque client la veille. Je vous propose d'en parler de vive voix : appelez l'atelier "
           "quand vous le souhaitez.",
           "Merci de votre retour. Nous sommes désolés.",
           "Merci pour ce message. Nous avons revu notre façon de confirmer les rendez-vous, et je serais heureux "
           "d'échanger avec vous pour comprendre ce qui s'est passé ce jour-là. Vous pouvez nous contacter à l'atelier."]


def _productions(rng, record: dict, tick) -> None:
    """The module 7 productions (Google profile, reply to a review, video) and the plan's
    compliance checklist, more or less complete, as trainees leave them."""
    plan = record.get("forms", {}).get("plan")
    if plan and rng.random() < 0.8:
        plan["values"]["conformite"] = rng.sample(["prospection", "avis", "images", "site", "ia"], rng.randint(1, 3))
    if rng.random() < 0.85:
        values = {"etat": rng.choice(["incomplete", "compte-personnel", "a-jour"]),
                  "a_corriger": rng.sample(["nom", "horaires", "photos", "description", "services"], rng.randint(0, 3)),
                  "demande_avis": "À la fin de chaque chantier, à tous nos clients, avec le lien court de la fiche.",
                  "reponse_critique": rng.choice(REPLIES), "responsable": "Inès, chaque lundi matin"}
        apply_form(record, "ma-fiche-google", values, rng.random() < 0.85, _stamp(tick()))
    if rng.random() < 0.7:
        values = {"sujet": rng.choice(["avant-apres", "geste", "conseil"]),
                  "plans": rng.choice(["1. la pièce avant\n2. un geste en gros plan\n3. le résultat", "Le résultat final."]),
                  "texte_ecran": "Une cuisine en chêne, posée en trois jours",
                  "verifications": rng.sample(["vertical", "sous-titres", "accord", "discret"], rng.randint(1, 4))}
        apply_form(record, "ma-video", values, True, _stamp(tick()))


def malformed_files(rng: random.Random, valid_text: str, count: int) -> dict[str, bytes]:
    """Broken files a trainer may find in the folder, one of each kind in turn."""
    kinds = [
        ("dossier-tronque", lambda: valid_text[: len(valid_text) // 2].encode("utf-8")),
        ("export-autre-logiciel", lambda: json.dumps(
            {"type": "sondage", "reponses": [{"question": 1, "valeur": "oui"}]},
            ensure_ascii=False, indent=1).encode("utf-8")),
        ("dossier-abime", lambda: valid_text.replace('"version": 2', '"version": 2, "note": 20', 1).encode("utf-8")),
        ("dossier-mauvais-encodage", lambda: valid_text.encode("utf-8")[:40] + b"\xff\xfe\x00" + b"}"),
    ]
    files = {}
    for i in range(count):
        stem, build = kinds[i % len(kinds)]
        suffix = f"-{i // len(kinds) + 1}" if i >= len(kinds) else ""
        files[f"{stem}{suffix}.json"] = build()
    return files


# What a trainee types in free-text fields: plain sentences about their own company.
OWN_WORDS = ["Nous publions surtout des photos de chantiers terminés, une ou deux fois par mois.",
             "Inès répond aux avis chaque lundi matin ; les avis négatifs passent d'abord par moi.",
             "Le site date de 2019 : les horaires et les services ne sont plus à jour.",
             "Nos clients viennent surtout du bouche-à-oreille et de la fiche Google.",
             "Nous voulons deux demandes de devis de plus par mois, venues de la fiche et du site.",
             "Chaque photo d'un client ou d'un salarié reconnaissable a une autorisation écrite, rangée au bureau.",
             "Le compte Facebook est encore au nom de l'ancien gérant : il faut le récupérer avant l'été.",
             "Pas de publicité payante cette année ; nous mesurons d'abord ce que donnent les publications.",
             "Les vidéos courtes se tournent en fin de chantier, au téléphone, sans musique protégée.",
             "Nous notons l'origine de chaque demande de devis dans le tableau de suivi partagé."]


def _typed_text(rng, field: dict) -> str:
    """One to three of the trainee's sentences, within the field's length limit."""
    count = 1 if field.get("lines", 1) <= 1 else rng.randint(2, 3)
    text = " ".join(rng.sample(OWN_WORDS, count))
    return text[: field.get("max_length", 5000)].rstrip()


def _field_value(rng, field: dict, start: datetime):
    kind = field["type"]
    if kind == "choice":
        return rng.choice(field["options"])["id"]
    if kind == "choices":
        ids = [o["id"] for o in field["options"]]
        return sorted(rng.sample(ids, rng.randint(1, min(len(ids), field.get("max_choices", 3)))), key=ids.index)
    if kind == "text":
        return _typed_text(rng, field)
    if kind == "number":
        step = field.get("step", 1)
        steps = int((field["max"] - field["min"]) / step)
        value = field["min"] + step * rng.randint(0, min(steps, 40))
        return int(value) if float(value).is_integer() else value
    if kind == "date":
        return (start + timedelta(days=rng.randint(20, 90))).date().isoformat()
    if kind == "scale":
        return rng.choices(range(1, len(field["scale"]) + 1), weights=RATING_WEIGHTS[: len(field["scale"])])[0]
    if kind == "review":
        return {o["id"]: rng.choice(field["options"])["id"] for o in field.get("of_options", [])}
    rows = rng.randint(field.get("min_rows", 1), min(field["max_rows"], field.get("min_rows", 1) + 3))
    return [{c["id"]: _field_value(rng, c, start) for c in field["columns"]} for _ in range(rows)]


def whole_course_record(seed: int = 2026) -> dict:
    """One trainee who did the whole course, every part of it: every question of every
    bank answered (some twice), the entry and exit tests handed in, every form filled in
    and submitted (the 90-day plan with six actions), the whole self-diagnostic, the
    self-positioning at entry and exit. The largest record a real trainee leaves (what
    the SCORM packages must keep: tests/browser/test_scorm.py)."""
    from pmesocial.data.course import course_info
    from pmesocial.data.forms import FORMS_DIR
    from pmesocial.rules.forms import validate

    rng = random.Random(seed)
    start = datetime(2026, 3, 2, 8, 30, tzinfo=UTC)
    clock = start

    def tick() -> datetime:
        nonlocal clock
        clock += timedelta(minutes=rng.randint(2, 25))
        return clock

    record = {"format": FORMAT, "version": VERSION, "trainee": {"name": "Claire Morel", "company": "Menuiserie des Trois Chênes"},
              "started": _stamp(start), "updated": _stamp(start), "exercises": {}}
    info = course_info()
    by_id = {b["id"]: b for b in all_banks()}
    course_banks = list(dict.fromkeys([b for s in info["sequences"] for b in s["banks"]]))
    numbers = [str(m["number"]) for m in modules()]
    record["self_positioning"] = {"entree": {n: rng.randint(0, 2) for n in numbers}}
    _hand_in(rng, record, by_id[ENTRY_TEST], 0.5, tick())
    for bank_id in course_banks:  # one question after another, a minute or two each
        for question in by_id[bank_id]["questions"]:
            clock += timedelta(seconds=rng.randint(20, 150))
            if rng.random() < 0.04:
                apply_solution_seen(record, bank_id, question["id"], _stamp(clock))
            for skill in (0.75, 0.9):  # a second try after a miss, now and then
                result = check(question, answer := answer_question(rng, question, skill))
                if result.answered:
                    apply_attempt(record, bank_id, question["id"], answer, result.score, result.max_score, _stamp(clock))
                if result.correct or rng.random() < 0.5:
                    break
                clock += timedelta(seconds=rng.randint(10, 60))
    record["diagnostic"] = _diagnostic(rng, load_diagnostic(), tick())
    for form_id in sorted(p.stem for p in FORMS_DIR.glob("*.yaml")):
        spec = load_form(form_id)
        values = {f["id"]: _field_value(rng, f, clock) for f in spec["fields"] if f["type"] != "output"}
        if form_id == "plan":
            values["actions"] = [{"action": a, "responsable": rng.choice(["Moi", "Inès", "Le chef d'atelier"]),
                                  "heures": h, "indicateur": rng.choice(INDICATORS),
                                  "echeance": (clock + timedelta(days=15 * (i + 1))).date().isoformat()}
                                 for i, (a, h) in enumerate(PLAN_ACTIONS)]
            values["objectif"] = "Cinq demandes de devis de particuliers par mois, venues de la fiche Google et du site."
        if form_id == "satisfaction":
            values["objectifs"] = {g: rng.choice(["atteint", "en-partie"])
                                   for g in record["forms"]["besoins"]["values"]["objectifs"]}
        errors = validate(spec, values)
        if errors:
            raise ValueError(f"data/forms/{form_id}.yaml : la valeur d'essai ne passe pas ({errors})")
        apply_form(record, form_id, values, True, _stamp(tick()))
    _hand_in(rng, record, by_id[EXIT_TEST], 0.85, tick())
    record["self_positioning"]["sortie"] = {n: min(4, v + rng.randint(1, 2)) for n, v in record["self_positioning"]["entree"].items()}
    record["updated"] = _stamp(clock)
    return parse_record(json.dumps(record, ensure_ascii=False))


def generate(folder: Path, count: int = 20, malformed: int = 2, seed: int = 2026) -> list[Path]:
    rng = random.Random(seed)
    banks, diag_spec = all_banks(), load_diagnostic()
    pairs = [(first, last) for first in FIRST_NAMES for last in LAST_NAMES]
    # past the distinct names (a group of thousands, for the benchmark), names come round again
    people = rng.sample(pairs, count) if count <= len(pairs) else [rng.choice(pairs) for _ in range(count)]
    companies = [rng.choice(COMPANIES) for _ in range(count)]
    if count:
        companies[rng.randrange(count)] = HOSTILE_COMPANY
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written, texts = [], []
    for index, ((first, last), company) in enumerate(zip(people, companies), 1):
        record = make_record(rng, index, banks, diag_spec, f"{first} {last}", company)
        text = json.dumps(record, ensure_ascii=False, indent=1) + "\n"
        parse_record(text)  # never write a record the course would refuse
        path = folder / f"dossier-{index:02d}.json"
        path.write_text(text, encoding="utf-8")
        written.append(path)
        texts.append(text)
    sample = texts[0] if texts else json.dumps({"format": FORMAT, "version": VERSION}, indent=1)
    for name, data in malformed_files(rng, sample, malformed).items():
        path = folder / name
        path.write_bytes(data)
        written.append(path)
    return written


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Écrit des dossiers de stagiaires fictifs (vue de groupe).")
    parser.add_argument("folder", type=Path, help="dossier où écrire les fichiers JSON")
    parser.add_argument("--count", type=int, default=20, help="nombre de dossiers valides (20)")
    parser.add_argument("--malformed", type=int, default=2, help="nombre de fichiers abîmés (2)")
    parser.add_argument("--seed", type=int, default=2026, help="graine du hasard (2026)")
    args = parser.parse_args(argv)
    if args.count < 0 or args.malformed < 0:
        parser.error("--count et --malformed doivent être positifs ou nuls")
    written = generate(args.folder, args.count, args.malformed, args.seed)
    print(f"{len(written)} fichiers écrits dans {args.folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

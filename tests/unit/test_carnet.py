"""« Mon carnet »: the view of a trainee's record (answers as text, first attempts,
feedback, estimates against the sourced figures, diagnostic, goals, plan, statuses), and
one self-contained HTML file in which whatever a trainee typed stays text."""
import re
from html.parser import HTMLParser

import pytest

from pmesocial.data import contexts
from pmesocial.kernel.documents import render_carnet
from pmesocial.record import apply_attempt, apply_form, apply_solution_seen, apply_trainee, new_record
from pmesocial.rules import carnet, evidence, scoring
from pmesocial.tools.make_sample_records import HOSTILE_COMPANY
from tests.support.write_vectors import carnet_records

AT, TODAY = "2026-03-02T09:00:00+00:00", "2026-04-01"


@pytest.fixture(scope="module")
def ctx():
    return contexts.carnet_context()


def _bank(ctx, bank_id):
    return next(b for b in ctx["banks"] if b["id"] == bank_id)


def _question_view(view, bank_title, number):
    bank = next(b for s in view["sections"] for b in s["banks"] if b["title"] == bank_title)
    return bank["questions"][number - 1]


def _record(ctx):
    """A record made by hand: a wrong then right answer, a solution seen first, an
    estimate, a classification, goals, a plan and a diagnostic."""
    record = new_record(AT)
    apply_trainee(record, "Claire Morel", "Menuiserie Morel")
    bank = _bank(ctx, "m1-autoevaluation")
    single = next(q for q in bank["questions"] if q["type"] == "single")
    wrong = next(o for o in single["options"] if not o.get("correct"))
    right = next(o for o in single["options"] if o.get("correct"))
    apply_attempt(record, bank["id"], single["id"], wrong["id"], 0, 1, AT)
    apply_attempt(record, bank["id"], single["id"], right["id"], 1, 1, AT)
    other = next(q for q in bank["questions"] if q["id"] != single["id"])
    apply_solution_seen(record, bank["id"], other["id"], AT)
    estimate_bank = _bank(ctx, "m3-estimation-audience")
    estimate = estimate_bank["questions"][0]
    apply_attempt(record, estimate_bank["id"], estimate["id"], 5, 0, 1, AT)
    classify_bank = _bank(ctx, "m1-classement")
    classify = classify_bank["questions"][0]
    placed = {i["id"]: i["answer"] for i in classify["items"]}
    apply_attempt(record, classify_bank["id"], classify["id"], placed, len(placed), len(placed), AT)
    apply_form(record, "besoins", {"objectifs": ["clients", "recruter"], "attentes": "Répondre aux avis"}, True, AT)
    apply_form(record, "satisfaction", {"objectifs": {"clients": "atteint"}}, True, AT)
    apply_form(record, "plan", {"objectif": "5 devis par mois", "point_etape": "2026-05-15", "actions": [
        {"action": "Fiche Google", "responsable": "Claire", "heures": 1, "indicateur": "Appels", "echeance": "2026-04-30"}]},
        False, AT)
    spec = ctx["diagnostic"]
    record["diagnostic"] = {"answers": {i["id"]: 4 if n else 1 for n, d in enumerate(spec["dimensions"]) for i in d["items"]},
                            "importance": {}, "updated": AT}
    return record, single, wrong, right, other, estimate, classify


def test_the_view_of_a_record(ctx):
    record, single, wrong, right, other, estimate, classify = _record(ctx)
    view = carnet.carnet_view(record, ctx, TODAY)
    titles = [s["title"] for s in view["sections"]]
    assert titles[0] == "Positionnement d'entrée" and titles[-1] == "Bilan de fin de formation"
    assert titles[1].startswith("Module 1 — ") and len(titles) == len(ctx["modules"]) + 2

    self_check = _bank(ctx, "m1-autoevaluation")["title"]
    q = _question_view(view, self_check, next(n for n, x in enumerate(_bank(ctx, "m1-autoevaluation")["questions"], 1)
                                              if x["id"] == single["id"]))
    assert q["answer"] == [right["text"]]  # the last answer, as text
    assert q["first"] == {"state": "wrong", "text": "0 / 1 : à revoir"}  # the first attempt is what counts
    assert q["verdict"] == "Bonne réponse !" and q["feedback"][0]["text"] == right["feedback"]
    seen = _question_view(view, self_check, next(n for n, x in enumerate(_bank(ctx, "m1-autoevaluation")["questions"], 1)
                                                 if x["id"] == other["id"]))
    assert seen["first"]["text"] == carnet.NOT_COUNTED and seen["answer"] == [carnet.NONE] and seen["feedback"] == []
    unanswered = [x for s in view["sections"] for b in s["banks"] if b["title"] == self_check for x in b["questions"]
                  if x["first"]["state"] == "none"]
    assert unanswered and all(x["first"]["text"] == "pas encore répondu" for x in unanswered)

    module_3 = view["sections"][3]
    row = next(e for e in module_3["estimates"] if e["indicator"] == estimate["figure_data"]["indicator"])
    fig = estimate["figure_data"]
    assert row == {"indicator": fig["indicator"], "yours": scoring.with_unit(5, fig["unit"]),
                   "value": scoring.with_unit(fig["value"], fig["unit"]), "source": fig["source"], "year": str(fig["year"])}
    guess = _question_view(view, _bank(ctx, "m3-estimation-audience")["title"], 1)
    assert guess["feedback"][0]["text"].startswith("Votre estimation") and guess["first"]["state"] == "wrong"

    sorted_ = _question_view(view, _bank(ctx, "m1-classement")["title"], 1)
    labels = {c["id"]: c["label"] for c in classify["categories"]}
    assert sorted_["answer"] == [f"{i['text']} → {labels[i['answer']]}" for i in classify["items"]]
    assert sorted_["first"]["state"] == "right" and not sorted_["inline"]

    untouched = [b for s in view["sections"] for b in s["banks"] if not b["started"]]
    assert untouched and all(b["questions"] == [] for b in untouched)

    goals = view["goals"]
    assert [g["label"] for g in goals["goals"]] == ["Trouver de nouveaux clients", "Recruter"]
    assert goals["goals"][0]["met"] == "Atteint" and goals["goals"][1]["met"] == ""
    assert goals["attentes"] == "Répondre aux avis" and goals["objectif"] == "5 devis par mois"

    diag = view["diagnostic"]
    first_dimension = ctx["diagnostic"]["dimensions"][0]["label"]
    assert diag["answered"] and diag["priorities"][0]["label"] == first_dimension
    assert view["radar"] == diag["radar"]
    assert view["has_plan"] and view["plan"]["rows"][0]["action"] == "Fiche Google" and not view["plan"]["complete"]

    statuses = evidence.objective_status(record, ctx["objective_map"], ctx["objectives"])
    assert [s["label"] for s in view["statuses"]] == [evidence.STATUS_LABELS[s["status"]] for s in statuses]
    assert view["sections"][1]["objectives"] == [s for s in view["statuses"] if s["module"] == 1]


def test_the_entry_test_shows_no_correction_and_the_context_carries_none(ctx):
    entry = _bank(ctx, evidence.ENTRY_TEST)
    assert all("feedback" not in o and "correct" not in o for q in entry["questions"] for o in q.get("options", []))
    record = new_record(AT)
    q = entry["questions"][0]
    apply_attempt(record, entry["id"], q["id"], q["options"][0]["id"], 0, 1, AT)
    bank = carnet.carnet_view(record, ctx, TODAY)["sections"][0]["banks"][0]
    assert bank["note"] == carnet.NO_CORRECTION
    assert bank["questions"][0]["answer"] == [q["options"][0]["text"]] and bank["questions"][0]["feedback"] == []


def test_a_record_missing_its_sections_or_holding_what_the_course_lost_does_not_crash(ctx):
    empty = {"format": "pmesocial-record", "version": 2, "trainee": {}, "started": AT, "updated": AT, "exercises": {}}
    view = carnet.carnet_view(empty, ctx, TODAY)
    assert not view["diagnostic"]["answered"] and not view["has_plan"] and not view["goals"]["any"] and view["lost"] == ""
    html = render_carnet(view)
    assert "Autodiagnostic pas encore fait" in html and "Plan pas encore écrit" in html

    _, hostile, _ = (r for _, r in carnet_records())
    view = carnet.carnet_view(hostile, ctx, TODAY)
    assert view["lost"].startswith("Votre dossier garde 2 réponse(s)")
    stale = view["sections"][1]["banks"][1]["questions"][0]  # m1-autoevaluation after m1-classement
    assert stale["answer"] == [carnet.STALE] and stale["feedback"] == []


def _tags(html: str) -> list[tuple[str, set]]:
    found = []

    class Tags(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, {name for name, _ in attrs}))
    Tags().feed(html)
    return found


def test_hostile_text_stays_text_and_the_file_loads_nothing(ctx):
    record = new_record(AT)
    apply_trainee(record, "<img src=x onerror=alert(1)>", HOSTILE_COMPANY)
    apply_form(record, "plan", {"objectif": "<b>Plus</b> de devis"}, False, AT)
    html = render_carnet(carnet.carnet_view(record, ctx, TODAY))
    assert "<script" not in html.lower() and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img" not in html and "&lt;img src=x" in html and "&lt;b&gt;Plus&lt;/b&gt;" in html
    # nothing to fetch: no script, no src or href at all, no CSS url() or @import, no other host
    tags = _tags(html)
    assert "script" not in {t for t, _ in tags} and not {a for _, attrs in tags for a in attrs} & {"src", "href", "srcset"}
    assert "url(" not in html and "@import" not in html
    assert set(re.findall(r"https?://[^\s\"'<>]+", html)) <= {"http://www.w3.org/2000/svg"}  # the SVG namespace only
    assert "@page { size: A4;" in html


def test_the_carnet_is_typographed_like_every_document(ctx):
    record = new_record(AT)
    apply_trainee(record, "Claire O'Brien", "Atelier")
    html = render_carnet(carnet.carnet_view(record, ctx, TODAY))
    assert "O\u2019Brien" in html and "&#39;" not in html  # typographed before it is escaped
    assert "Positionnement d\u2019entrée" in html and "Mes objectifs" in html
    assert "\u202f:" in html  # the narrow no-break space before a colon


def test_the_dossier_panel_offers_the_carnet_in_a_kernel():
    import base64

    from pmesocial import mon_dossier

    links = [c.value for c in mon_dossier().build_widget().children
             if isinstance(getattr(c, "value", None), str) and "mon-carnet-medias-sociaux-pme.html" in c.value]
    assert len(links) == 1 and "Télécharger mon carnet (HTML, à imprimer en PDF)" in links[0]
    data = re.search(r"base64,([A-Za-z0-9+/=]+)", links[0].split("mon-carnet")[1]).group(1)
    assert "<h1>Mon carnet de formation</h1>" in base64.b64decode(data).decode("utf-8")

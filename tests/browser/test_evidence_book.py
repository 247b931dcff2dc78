"""Evidence in the static book, as a reader produces it: a reader who guesses is not
certified, retrying after the solution changes nothing, the entry test teaches no answer,
nothing chosen or typed is lost on reload, and the documents carry the training body."""
import json

from pmesocial.data import course, organisme
from pmesocial.data.contexts import objectives as evidence_objectives
from pmesocial.kernel.group_view import group_view
from pmesocial.record import RecordStore
from pmesocial.rules import documents, scoring
from pmesocial.rules.item_writing import longest_guess

from .conftest import plain
from .helpers import answer_correctly, exercise_payloads, open_page, page_path, toc_files

MODULES = toc_files("notebooks/")
ENTRY = page_path("outils/positionnement_entree")
BILAN = page_path("outils/bilan_sortie")
MODULE_7 = page_path("notebooks/09_passer_a_l_action")
DOSSIER = page_path("outils/mon_dossier")
COLD = page_path("outils/evaluation_a_froid")


def set_answer(question_node, question: dict, answer) -> None:
    """Put `answer` in the page's inputs, as a reader's clicks would."""
    kind = question["type"]
    if kind == "single":
        question_node.locator(f"input[value='{answer}']").check()
    elif kind == "multiple":
        for o in question["options"]:
            box = question_node.locator(f"input[value='{o['id']}']")
            box.check() if o["id"] in answer else box.uncheck()
    elif kind == "classify":
        for item_id, category in answer.items():
            question_node.locator(f"select[data-ref='{item_id}']").select_option(category)
    else:
        question_node.locator("input[type=range]").fill(str(answer))


def evidence_banks(page):
    """(exercise node, bank) for every self-check and exit test of the page."""
    nodes = page.locator(".pmes-exercise[data-pmes-exercise]")
    return [(nodes.nth(i), p["bank"]) for i, p in enumerate(exercise_payloads(page))
            if p["bank"]["purpose"] in ("self-check", "exit-test")]


def statuses(page, url: str) -> list[str]:
    """The « Résultat » column of the review, objective by objective."""
    open_page(page, url)
    panel = page.locator(".pmes-panel-host[data-pmes-ready='true']").last  # the review, after self-positioning
    panel.wait_for()
    table = panel.locator("table").last
    return table.locator("tbody tr td:last-child").all_inner_texts()


def test_a_reader_who_picks_the_longest_option_is_not_certified_and_retries_change_nothing(page, book_url):
    for module in MODULES:  # first attempts: the longest option, without reading
        open_page(page, book_url + page_path(module))
        for node, bank in evidence_banks(page):
            for j, question in enumerate(bank["questions"]):
                q_node = node.locator("fieldset.pmes-question").nth(j)
                set_answer(q_node, question, longest_guess(question))
                q_node.locator("button.pmes-check").click()
    open_page(page, book_url + BILAN)
    node, bank = evidence_banks(page)[0]
    for j, question in enumerate(bank["questions"]):
        set_answer(node.locator("fieldset.pmes-question").nth(j), question, longest_guess(question))
    node.locator("button.pmes-submit").click()
    guessed = statuses(page, book_url + BILAN)
    assert len(guessed) == len(evidence_objectives()) and guessed.count("Acquis") <= 2, guessed

    for module in MODULES:  # then every answer again, right, after « Voir la solution »
        open_page(page, book_url + page_path(module))
        for node, bank in evidence_banks(page):
            for j, question in enumerate(bank["questions"]):
                q_node = node.locator("fieldset.pmes-question").nth(j)
                q_node.locator("button.pmes-show-solution").click()
                assert q_node.locator(".pmes-solution:not([hidden])").count() == 1  # after an attempt: no question asked
                q_node.locator("button.pmes-reset").click()
                answer_correctly(q_node, question)
                q_node.locator("button.pmes-check").click()
                assert "Bonne réponse" in q_node.locator(".pmes-feedback").inner_text()
    assert statuses(page, book_url + BILAN) == guessed


def test_a_solution_seen_before_answering_is_not_evaluated(page, book_url):
    open_page(page, book_url + page_path(MODULES[0]))
    node, bank = evidence_banks(page)[0]
    q_node, question = node.locator("fieldset.pmes-question").first, bank["questions"][0]
    q_node.locator("button.pmes-show-solution").click()
    confirm = q_node.locator(".pmes-confirm")
    assert confirm.is_visible() and "ne comptera pas" in confirm.inner_text()
    assert q_node.locator(".pmes-solution:not([hidden])").count() == 0
    q_node.locator("button.pmes-confirm-solution").click()
    assert plain(question["explanation"]) in q_node.locator(".pmes-solution").inner_text()
    assert "non comptée" in q_node.locator(".pmes-first-note").inner_text()
    answer_correctly(q_node, question)
    q_node.locator("button.pmes-check").click()
    record = json.loads(page.evaluate("localStorage.getItem('pmesocial-record')"))
    assert record["exercises"][bank["id"]]["first"][question["id"]]["solution_first"] is True


def test_the_entry_test_shows_no_correction_and_keeps_choices(page, book_url):
    open_page(page, book_url + ENTRY)
    node = page.locator(".pmes-exercise[data-pmes-exercise]").last
    bank = exercise_payloads(page)[-1]["bank"]
    assert bank["purpose"] == "entry-test" and node.locator("fieldset button.pmes-check").count() == 0
    first, question = node.locator("fieldset.pmes-question").first, bank["questions"][0]
    answer_correctly(first, question)
    page.reload()
    open_page(page, book_url + ENTRY)
    node = page.locator(".pmes-exercise[data-pmes-exercise]").last
    first = node.locator("fieldset.pmes-question").first
    right = next(o["id"] for o in question["options"] if o.get("correct"))
    assert first.locator(f"input[value='{right}']").is_checked()  # a draft, kept
    node.locator("button.pmes-submit").click()
    assert node.locator(".pmes-solution:not([hidden])").count() == 0
    assert all(t.strip() == "" for t in node.locator("fieldset .pmes-feedback").all_inner_texts())
    profile = node.locator(".pmes-profile")
    assert "n'est pas noté" in node.locator(".pmes-test-status").inner_text()
    assert profile.locator("tbody tr").first.inner_text().endswith("1 sur 4")
    page.reload()
    open_page(page, book_url + ENTRY)
    node = page.locator(".pmes-exercise[data-pmes-exercise]").last
    assert node.locator("button.pmes-submit").is_disabled() and node.locator("input").first.is_disabled()
    assert node.locator(".pmes-solution:not([hidden])").count() == 0


def test_every_choice_and_text_of_module_7_survives_a_reload(page, book_url):
    open_page(page, book_url + MODULE_7)
    chosen = {}
    for i, payload in enumerate(exercise_payloads(page)):
        node = page.locator(".pmes-exercise[data-pmes-exercise]").nth(i)
        for j, question in enumerate(payload["bank"]["questions"]):
            answer = scoring.correct_answer(question)
            set_answer(node.locator("fieldset.pmes-question").nth(j), question, answer)
            chosen[(i, j)] = (question, answer)
    plan = page.locator(".pmes-form-host[data-pmes-ready='true']")
    plan.locator("[data-field='objectif'] textarea").fill("Cinq demandes de devis « pros » par mois")
    plan.locator("[data-field='action'] input").first.fill("Compléter la fiche d'établissement")
    plan.locator("[data-field='heures'] input").first.fill("1,5")
    plan.locator("[data-field='heures'] input").first.blur()
    page.wait_for_timeout(400)
    page.reload()
    open_page(page, book_url + MODULE_7)
    restored = 0
    for (i, j), (question, answer) in chosen.items():
        q_node = page.locator(".pmes-exercise[data-pmes-exercise]").nth(i).locator("fieldset.pmes-question").nth(j)
        if question["type"] == "single":
            restored += q_node.locator(f"input[value='{answer}']").is_checked()
        elif question["type"] == "multiple":
            restored += all(q_node.locator(f"input[value='{a}']").is_checked() for a in answer)
        else:
            restored += all(q_node.locator(f"select[data-ref='{k}']").input_value() == v for k, v in answer.items())
        assert q_node.locator(".pmes-feedback").inner_text() == ""  # not checked: no feedback, no attempt
    assert restored == len(chosen) >= 15
    plan = page.locator(".pmes-form-host[data-pmes-ready='true']")
    assert plan.locator("[data-field='objectif'] textarea").input_value() == "Cinq demandes de devis « pros » par mois"
    assert plan.locator("[data-field='heures'] input").first.input_value() == "1,5"
    record = json.loads(page.evaluate("localStorage.getItem('pmesocial-record')"))
    assert all(not e.get("first") for e in record["exercises"].values())  # drafts count for nothing


def _fill_plan(plan, rows):
    for n, row in enumerate(rows):
        if n >= plan.locator(".pmes-form-row").count():
            plan.locator("button.pmes-add-row").click()
        box = plan.locator(".pmes-form-row").nth(n)
        for field, value in row.items():
            target = box.locator(f"[data-field='{field}'] input")
            target.fill(value)


def test_plan_needs_and_cold_evaluation_round_trip_to_the_group_view(page, book_url, tmp_path):
    open_page(page, book_url + ENTRY)
    needs = page.locator(".pmes-form-host[data-pmes-ready='true']").first
    needs.locator("[data-field='taille'] select").select_option("10-49")
    needs.locator("[data-field='secteur'] select").select_option("artisanat-batiment")
    needs.locator("[data-field='usage'] select").select_option("peu-tenu")
    needs.locator("[data-field='objectifs'] input[value='clients']").check()
    needs.locator("[data-field='objectifs'] input[value='recruter']").check()
    needs.locator("button.pmes-form-submit").click()
    assert "enregistrés" in needs.locator(".pmes-form-status").inner_text()

    open_page(page, book_url + MODULE_7)
    plan = page.locator(".pmes-form-host[data-pmes-ready='true']")
    plan.locator("[data-field='objectif'] textarea").fill("5 demandes de devis <b>pros</b> par mois")
    _fill_plan(plan, [{"action": "Fiche d'établissement", "responsable": "Claire", "heures": "25",
                       "indicateur": "Appels", "echeance": "2027-01-15"}])
    plan.locator("button.pmes-form-submit").click()
    status = plan.locator(".pmes-form-status").inner_text()
    assert "restent à compléter" in status and "Indiquez un nombre entre 0 et 20 h par semaine" in status
    assert "Remplissez au moins 3 lignes" in status
    _fill_plan(plan, [{"heures": "1,5"}, {"action": "Photos de chantier", "responsable": "Paul", "heures": "2",
                                          "indicateur": "Demandes", "echeance": "2027-02-01"},
                      {"action": "Répondre aux avis", "responsable": "Claire", "heures": "0,5",
                       "indicateur": "Avis", "echeance": "2027-02-15"}])
    plan.locator("[data-field='point_etape'] input").fill("2027-01-20")
    plan.locator("button.pmes-form-submit").click()
    assert "plan est enregistré" in plan.locator(".pmes-form-status").inner_text()
    with page.expect_download() as info:
        plan.locator("button.pmes-download-plan").click()
    info.value.save_as(tmp_path / "plan.html")
    printed = plain((tmp_path / "plan.html").read_text("utf-8"))
    assert "&lt;b&gt;pros&lt;/b&gt;" in printed and "Photos de chantier" in printed and "4 h" in printed

    open_page(page, book_url + BILAN)
    sat = page.locator(".pmes-form-host[data-pmes-ready='true']")
    sat.locator("select[data-goal='clients']").select_option("atteint")
    sat.locator("select[data-goal='recruter']").select_option("en-partie")
    sat.locator("[data-field='outils'] select").select_option("4")
    sat.locator("button.pmes-form-submit").click()
    open_page(page, book_url + COLD)
    cold = page.locator(".pmes-form-host[data-pmes-ready='true']")
    cold.locator("[data-field='plan'] select").select_option("en-partie")
    cold.locator("[data-field='effets'] select").select_option("quelques")
    cold.locator("[data-field='utilite'] select").select_option("4")
    cold.locator("button.pmes-form-submit").click()
    assert "enregistrée" in cold.locator(".pmes-form-status").inner_text()

    open_page(page, book_url + DOSSIER)
    with page.expect_download() as info:
        page.locator("button.pmes-export").click()
    folder = tmp_path / "groupe"
    folder.mkdir()
    info.value.save_as(folder / "dossier.json")
    record = RecordStore(tmp_path / "kernel.json").import_text((folder / "dossier.json").read_text("utf-8"))
    assert record["forms"]["plan"]["values"]["actions"][0]["heures"] == 1.5
    view = group_view(folder)
    assert view.plans[0]["complete"] and view.plans[0]["hours"] == 4
    assert {g["id"]: g["atteint"] for g in view.satisfaction["goals"]} == {"clients": 1, "recruter": 0}
    assert view.cold["respondents"] == 1 and view.needs["respondents"] == 1
    html = plain(view._repr_html_())
    assert "Photos de chantier" in html and "5 demandes de devis &lt;b&gt;pros&lt;/b&gt; par mois" in html


def test_the_documents_carry_the_training_body_and_the_real_duration(page, book_url, tmp_path):
    org, info = organisme.load_organisme(), course.course_info()
    open_page(page, book_url + page_path(MODULES[0]))
    node, bank = evidence_banks(page)[0]
    for j, question in enumerate(bank["questions"]):
        q_node = node.locator("fieldset.pmes-question").nth(j)
        answer_correctly(q_node, question)
        q_node.locator("button.pmes-check").click()
    open_page(page, book_url + BILAN)
    for button, name in (("button.pmes-attestation", "attestation"), ("button.pmes-certificat", "certificat")):
        with page.expect_download() as download:
            page.locator(button).click()
        download.value.save_as(tmp_path / f"{name}.html")
    attestation = plain((tmp_path / "attestation.html").read_text("utf-8"))
    certificat = plain((tmp_path / "certificat.html").read_text("utf-8"))
    for html in (attestation, certificat):
        assert org["nom"] in html and org["siret"] in html and org["nda"] in html
    # the planned duration of the modality organisme.yaml declares (data/programme.yaml, group)
    assert plain(documents.planned_duration(info, org["modalite"])) in attestation
    assert documents.MODALITIES[org["modalite"]] in attestation
    module_1 = next(s for s in info["sequences"] if s["id"] == "module-1")
    assert plain(f"durée réalisée de <strong>{documents.duration(module_1['minutes'])}</strong>") in certificat

"""ipywidgets front end of an exercise (JupyterLab, Voilà).

Only layout and events live here; every decision comes from scoring.py.
Texts are escaped (markup.escape) before they reach an HTML widget.
"""
from __future__ import annotations

import time

import ipywidgets as w

from pmesocial.kernel.markup import escape
from pmesocial.kernel.notices import first_use_notices
from pmesocial.kernel.store_notices import store_notices
from pmesocial.kernel.widget_kit import Kit
from pmesocial.paths import STATIC_DIR
from pmesocial.rules import scoring
from pmesocial.rules.evidence import EVIDENCE_PURPOSES, TEST_PURPOSES, test_profile

# The book's stylesheet, also used in JupyterLab and Voilà so both look alike.
STYLE = "<style>" + (STATIC_DIR / "pmesocial" / "exercise.css").read_text("utf-8") + "</style>"

PLACEHOLDER = "— choisir —"


def _feedback_html(result: scoring.Result, question: dict) -> str:
    if not result.answered:
        return _status(scoring.not_answered_message(question), None)
    labels = _ref_labels(question)
    verdict = "Bonne réponse !" if result.correct else "Ce n'est pas tout à fait ça."
    lines = "".join(
        f"<li class='pmes-info-line'>{escape(f.text)}</li>" if f.ref == scoring.INFO else
        f"<li class='pmes-{'ok' if f.correct else 'ko'}'>"
        f"<span aria-hidden='true'>{'✔' if f.correct else '✘'}</span> "
        f"{'<strong>' + escape(labels[f.ref]) + '</strong> : ' if f.ref in labels else ''}{escape(f.text)}</li>"
        for f in result.feedback)
    return _status(f"<strong>{verdict}</strong> ({scoring.score_label(result.score, result.max_score)})"
                   f"<ul>{lines}</ul>", result.correct, raw=True)


def _status(body: str, correct, raw: bool = False) -> str:
    cls = {True: "pmes-ok", False: "pmes-ko", None: "pmes-info"}[correct]
    return (f"<div class='pmes-feedback {cls}' role='status' aria-live='polite'>"
            f"{body if raw else escape(body)}</div>")


def _ref_labels(question: dict) -> dict[str, str]:
    if question["type"] == "estimate":
        return {}
    key = "items" if question["type"] == "classify" else "options"
    return {x["id"]: x["text"] for x in question[key]}


def _solution_html(question: dict) -> str:
    answer = scoring.correct_answer(question)
    if question["type"] == "estimate":
        fig = question["figure_data"]
        listing = f"<li>{escape(fig['indicator'])} : {escape(scoring.with_unit(answer, fig['unit']))}</li>"
    elif question["type"] == "classify":
        cats = {c["id"]: c["label"] for c in question["categories"]}
        listing = "".join(f"<li>{escape(i['text'])} → {escape(cats[answer[i['id']]])}</li>"
                          for i in question["items"])
    else:
        ids = answer if isinstance(answer, list) else [answer]
        listing = "".join(f"<li>{escape(o['text'])}</li>" for o in question["options"] if o["id"] in ids)
    return (f"<div class='pmes-solution'><strong>Solution</strong><ul>{listing}</ul>"
            f"<p>{escape(question['explanation'])}</p></div>")


SOLUTION_FIRST_WARNING = ("Si vous voyez la solution avant de répondre, cette question ne comptera pas "
                          "dans votre évaluation.")
SOLUTION_FIRST_NOTE = "Question non comptée dans votre évaluation : vous avez vu la solution avant de répondre."


def first_attempt_note(attempt: dict | None) -> str:
    """What an evidence question says of the first attempt, the one that counts."""
    if not attempt:
        return ""
    if attempt.get("solution_first"):
        return SOLUTION_FIRST_NOTE
    return (f"Pour l'évaluation, seule compte votre première réponse : "
            f"{attempt['score']} sur {attempt['max']}.")


class QuestionView:
    """One question: its input widgets and, in practice mode, three buttons and a live
    feedback area. Every change of an input is kept as a draft through `owner`."""

    def __init__(self, question: dict, number: int, owner, test_mode: bool = False, kit: Kit | None = None):
        self.question, self.owner, self.test_mode = question, owner, test_mode
        kit = kit or Kit()
        self.result: scoring.Result | None = None
        self._quiet = False  # no draft while the view itself sets its inputs
        kind = question["type"]
        if kind == "single":
            self.input = kit(w.RadioButtons, options=[(o["text"], o["id"]) for o in question["options"]],
                             value=None, layout={"width": "auto"})
            controls = [self.input]
            watched = [self.input]
        elif kind == "multiple":
            self.boxes = {o["id"]: kit(w.Checkbox, description=o["text"], indent=False, value=False,
                                       layout={"width": "auto"})
                          for o in question["options"]}
            controls = watched = list(self.boxes.values())
        elif kind == "estimate":
            step = question.get("step", 1)
            self.input = kit(w.FloatSlider, value=question["min"], min=question["min"], max=question["max"],
                             step=step, description="Votre estimation", continuous_update=False,
                             readout_format=".0f" if float(step).is_integer() else ".2f",
                             style={"description_width": "initial"}, layout={"width": "90%"})
            controls = [self.input, kit.html(f"<span>Unité : {escape(question['figure_data']['unit'])}</span>")]
            watched = [self.input]
        else:
            options = [(PLACEHOLDER, "")] + [(c["label"], c["id"]) for c in question["categories"]]
            self.selects = {i["id"]: kit(w.Dropdown, options=options, value="", description=i["text"],
                                         style={"description_width": "40%"}, layout={"width": "95%"})
                            for i in question["items"]}
            controls = watched = list(self.selects.values())
        for widget in watched:
            widget.observe(self._changed, names="value")
        hint = " (plusieurs réponses possibles)" if kind == "multiple" else ""
        self.prompt = kit.html(f"<p class='pmes-prompt'><strong>Question {number}.</strong> "
                               f"{escape(question['prompt'])}{hint}</p>")
        self.feedback = kit.html()
        self.solution = kit.html()
        self.note = kit.html()
        self.check_btn = kit.button("Vérifier", button_style="primary")
        self.reset_btn = kit.button("Recommencer")
        self.solution_btn = kit.button("Voir la solution")
        self.confirm_btn = kit.button("Voir quand même")
        # its own layout: shown and hidden (layout.display)
        self.confirm = w.HBox([kit.html(f"<p class='pmes-info'>{escape(SOLUTION_FIRST_WARNING)}</p>"),
                               self.confirm_btn], layout=w.Layout(display="none"))
        self.check_btn.on_click(lambda _: self.check())
        self.reset_btn.on_click(lambda _: self.reset())
        self.solution_btn.on_click(lambda _: self.ask_solution())
        self.confirm_btn.on_click(lambda _: self.show_solution(confirmed=True))
        buttons = [] if test_mode else [kit.hbox([self.check_btn, self.reset_btn, self.solution_btn]), self.confirm]
        self.box = kit.vbox([self.prompt, *controls, *buttons, self.feedback, self.note, self.solution],
                            layout={"margin": "0 0 1.5em 0"})
        self.box.add_class("pmes-question")
        self.controls = watched

    def _changed(self, _change) -> None:
        if not self._quiet:
            self.owner.draft(self)

    def answer(self):
        kind = self.question["type"]
        if kind in ("single", "estimate"):
            return self.input.value
        if kind == "multiple":
            return [oid for oid, box in self.boxes.items() if box.value]
        return {iid: sel.value for iid, sel in self.selects.items() if sel.value}

    def draft_answer(self):
        """The answer as a draft: an untouched slider is no answer yet."""
        if self.question["type"] == "estimate" and self.input.value == self.question["min"]:
            return None
        return self.answer()

    def set_answer(self, answer) -> None:
        self._quiet = True
        try:
            kind = self.question["type"]
            if kind == "estimate":
                self.input.value = self.question["min"] if answer is None else answer
            elif kind == "single":
                self.input.value = answer
            elif kind == "multiple":
                for oid, box in self.boxes.items():
                    box.value = oid in (answer or [])
            else:
                for iid, sel in self.selects.items():
                    sel.value = (answer or {}).get(iid, "")
        finally:
            self._quiet = False

    def lock(self) -> None:
        for widget in self.controls:
            widget.disabled = True

    def show_result(self, result: scoring.Result) -> None:
        self.feedback.value = _feedback_html(result, self.question)

    def check(self, save: bool = True) -> scoring.Result:
        result = scoring.check(self.question, self.answer())
        self.show_result(result)
        if result.answered:
            self.result = result
            if save:
                self.owner.checked(self, result)
        return result

    def reset(self) -> None:
        self.set_answer(None)
        self.result = None
        self.feedback.value = self.solution.value = ""
        self.confirm.layout.display = "none"
        self.owner.reset(self)

    def ask_solution(self) -> None:
        if self.owner.needs_confirmation(self):
            self.confirm.layout.display = ""
        else:
            self.show_solution()

    def show_solution(self, confirmed: bool = False) -> None:
        self.confirm.layout.display = "none"
        if confirmed:
            self.owner.solution_seen(self)
        self.solution.value = _solution_html(self.question)


class ExerciseWidget(w.VBox):
    """A whole question bank. Practice banks and self-checks: each question is checked
    on its own, with the running score « x sur y ». Entry and exit tests: answers are
    handed in at once; the entry test then shows a profile by module and no correction."""

    def __init__(self, bank: dict, store=None, record_key: str | None = None, modules: dict | None = None):
        self.bank, self.store, self.key = bank, store, record_key or bank["id"]
        self.test_mode = bank.get("purpose") in TEST_PURPOSES
        self.evidence = bank.get("purpose") in EVIDENCE_PURPOSES
        self.module_titles = modules or {}
        self.first: dict = {}
        self.submitted = False
        # the time a question took (xAPI result.duration): since it was shown or last checked
        self.shown_at = time.monotonic()
        self.clock: dict[str, float] = {}
        kit = Kit()
        self.views = [QuestionView(q, n, self, self.test_mode, kit) for n, q in enumerate(bank["questions"], 1)]
        self.score = kit.html()
        self.status = kit.html()
        self.submit_btn = kit.button("Remettre mes réponses", button_style="primary")
        self.submit_btn.on_click(lambda _: self.submit())
        header = kit.html(STYLE + f"<h4 class='pmes-title'>{escape(bank['title'])}</h4>"
                          + (f"<p>{escape(bank['intro'])}</p>" if bank.get("intro") else ""))
        footer = [self.submit_btn, self.status] if self.test_mode else [self.score]
        notice = [store_notices(store, kit), *first_use_notices()] if store is not None else []
        super().__init__([*notice, header, *[v.box for v in self.views], *footer], layout=kit.layout())
        self.add_class("pmes-exercise")
        self._restore()
        self._update_score()

    # -- record ---------------------------------------------------------------------
    def _restore(self) -> None:
        """Checked answers come back with their feedback, drafts come back as choices."""
        if self.store is None:
            return
        entry = self.store.load().get("exercises", {}).get(self.key, {})
        self.first = dict(entry.get("first", {}))
        answers, drafts = entry.get("answers", {}), entry.get("drafts", {})
        for view in self.views:
            qid = view.question["id"]
            try:
                if qid in answers:
                    view.set_answer(answers[qid])
                    if not self.test_mode:
                        view.check(save=False)
                elif qid in drafts:
                    view.set_answer(drafts[qid])
            except Exception:  # an answer from an older version of the bank: leave it
                view.set_answer(None)
            self._show_note(view)
        if self.test_mode and entry.get("submitted"):
            self._after_submit()

    def _show_note(self, view: QuestionView) -> None:
        if self.evidence and not self.test_mode:
            note = first_attempt_note(self.first.get(view.question["id"]))
            view.note.value = f"<p class='pmes-first-note'>{escape(note)}</p>" if note else ""

    def draft(self, view: QuestionView) -> None:
        if self.store is not None and not self.submitted:
            self.store.save_draft(self.key, view.question["id"], view.draft_answer())

    def checked(self, view: QuestionView, result: scoring.Result) -> None:
        qid = view.question["id"]
        if self.store is not None:
            started = self.clock.get(qid, self.shown_at)
            self.clock[qid] = time.monotonic()
            record = self.store.save_attempt(self.key, qid, view.answer(), result.score, result.max_score,
                                             seconds=self.clock[qid] - started)
            self.first = dict(record["exercises"][self.key].get("first", {}))
        else:
            self.first.setdefault(qid, {"score": result.score, "max": result.max_score})
        self._show_note(view)
        self._update_score()

    def reset(self, view: QuestionView) -> None:
        if self.store is not None:
            self.store.reset_question(self.key, view.question["id"])
        self._update_score()

    def needs_confirmation(self, view: QuestionView) -> bool:
        return self.evidence and view.question["id"] not in self.first

    def solution_seen(self, view: QuestionView) -> None:
        qid = view.question["id"]
        if self.store is not None:
            record = self.store.solution_seen(self.key, qid)
            self.first = dict(record["exercises"][self.key].get("first", {}))
        else:
            self.first.setdefault(qid, {"solution_first": True})
        self._show_note(view)

    # -- tests handed in at once ----------------------------------------------------------
    def submit(self) -> None:
        if self.submitted:
            return
        attempts = {}
        for view in self.views:
            result = scoring.check(view.question, view.answer())
            attempts[view.question["id"]] = ([view.answer(), result.score, result.max_score] if result.answered
                                             else [None, 0, result.max_score])
        if self.store is not None:
            record = self.store.submit_test(self.key, attempts, seconds=time.monotonic() - self.shown_at)
            self.first = dict(record["exercises"][self.key].get("first", {}))
        else:
            self.first = {q: {"score": a[1], "max": a[2]} for q, a in attempts.items()}
        self._after_submit()

    def _after_submit(self) -> None:
        self.submitted = True
        self.submit_btn.disabled = True
        for view in self.views:
            view.lock()
        rows = test_profile(self.bank, self.first)
        self.status.value = profile_html(rows, self.module_titles, self.bank["purpose"])
        if self.bank["purpose"] == "exit-test":  # corrections after the evidence is in
            for view in self.views:
                result = scoring.check(view.question, view.answer())
                if result.answered:
                    view.show_result(result)
                view.solution.value = _solution_html(view.question)

    def current_score(self) -> tuple[int, int]:
        done = [v.result for v in self.views if v.result is not None]
        return sum(r.score for r in done), scoring.bank_max_score(self.bank)

    def _update_score(self) -> None:
        score, top = self.current_score()
        self.score.value = (f"<p class='pmes-score' role='status' aria-live='polite'>"
                            f"<strong>{scoring.score_label(score, top)}</strong></p>")


PROFILE_INTRO = {
    "entry-test": ("Vos réponses sont enregistrées. Ce test n'est pas noté : il situe votre point de départ, "
                   "module par module. Les corrections ne sont pas montrées, pour que le test de sortie "
                   "mesure vraiment ce que vous aurez appris."),
    "exit-test": ("Vos réponses sont enregistrées : ce sont elles qui comptent pour votre bilan. "
                  "Les corrections sont affichées sous chaque question."),
}


def profile_html(rows: list[dict], titles: dict, purpose: str) -> str:
    body = "".join(f"<tr><td>Module {r['module']}{' — ' + escape(titles[r['module']]) if r['module'] in titles else ''}"
                   f"</td><td>{r['score']} sur {r['max']}</td></tr>" for r in rows)
    return (f"<div class='pmes-feedback pmes-info' role='status' aria-live='polite'>"
            f"<p>{escape(PROFILE_INTRO[purpose])}</p><table class='pmes-provenance pmes-profile'><thead><tr>"
            f"<th>Module</th><th>Points</th></tr></thead><tbody>{body}</tbody></table></div>")

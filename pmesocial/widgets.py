"""ipywidgets front end of an exercise (JupyterLab, Voilà).

Only layout and events live here; every decision comes from scoring.py.
Texts are escaped (markup.escape) before they reach an HTML widget.
"""
from __future__ import annotations

import ipywidgets as w

from . import scoring
from .markup import escape
from .paths import STATIC_DIR

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


class QuestionView:
    """One question: its input widgets, three buttons and a live feedback area."""

    def __init__(self, question: dict, number: int, on_checked):
        """`on_checked(view, saved)` runs after each check or reset."""
        self.question, self.on_checked = question, on_checked
        self.result: scoring.Result | None = None
        kind = question["type"]
        if kind == "single":
            self.input = w.RadioButtons(options=[(o["text"], o["id"]) for o in question["options"]],
                                        value=None, layout=w.Layout(width="auto"))
            controls = [self.input]
        elif kind == "multiple":
            self.boxes = {o["id"]: w.Checkbox(description=o["text"], indent=False, value=False,
                                              layout=w.Layout(width="auto"))
                          for o in question["options"]}
            controls = list(self.boxes.values())
        elif kind == "estimate":
            step = question.get("step", 1)
            self.input = w.FloatSlider(value=question["min"], min=question["min"], max=question["max"],
                                       step=step, description="Votre estimation",
                                       readout_format=".0f" if float(step).is_integer() else ".2f",
                                       style={"description_width": "initial"},
                                       layout=w.Layout(width="90%"))
            controls = [self.input, w.HTML(f"<span>Unité : {escape(question['figure_data']['unit'])}</span>")]
        else:
            options = [(PLACEHOLDER, "")] + [(c["label"], c["id"]) for c in question["categories"]]
            self.selects = {i["id"]: w.Dropdown(options=options, value="", description=i["text"],
                                                style={"description_width": "40%"},
                                                layout=w.Layout(width="95%"))
                            for i in question["items"]}
            controls = list(self.selects.values())
        hint = " (plusieurs réponses possibles)" if kind == "multiple" else ""
        self.prompt = w.HTML(f"<p class='pmes-prompt'><strong>Question {number}.</strong> "
                             f"{escape(question['prompt'])}{hint}</p>")
        self.check_btn = w.Button(description="Vérifier", button_style="primary")
        self.reset_btn = w.Button(description="Recommencer")
        self.solution_btn = w.Button(description="Voir la solution", disabled=True,
                                     tooltip="Disponible après une première tentative")
        self.feedback = w.HTML("")
        self.solution = w.HTML("")
        self.check_btn.on_click(lambda _: self.check())
        self.reset_btn.on_click(lambda _: self.reset())
        self.solution_btn.on_click(lambda _: self.show_solution())
        self.box = w.VBox([self.prompt, *controls,
                           w.HBox([self.check_btn, self.reset_btn, self.solution_btn]),
                           self.feedback, self.solution],
                          layout=w.Layout(margin="0 0 1.5em 0"))
        self.box.add_class("pmes-question")

    def answer(self):
        kind = self.question["type"]
        if kind in ("single", "estimate"):
            return self.input.value
        if kind == "multiple":
            return [oid for oid, box in self.boxes.items() if box.value]
        return {iid: sel.value for iid, sel in self.selects.items() if sel.value}

    def set_answer(self, answer) -> None:
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

    def check(self, save: bool = True) -> scoring.Result:
        result = scoring.check(self.question, self.answer())
        self.feedback.value = _feedback_html(result, self.question)
        if result.answered:
            self.result = result
            self.solution_btn.disabled = False
            self.on_checked(self, save)
        return result

    def reset(self) -> None:
        self.set_answer(None)
        self.result = None
        self.feedback.value = self.solution.value = ""
        self.solution_btn.disabled = True
        self.on_checked(self, True)

    def show_solution(self) -> None:
        if self.result is not None:
            self.solution.value = _solution_html(self.question)


class ExerciseWidget(w.VBox):
    """A whole question bank, with the running score « x sur y »."""

    def __init__(self, bank: dict, store=None, record_key: str | None = None):
        self.bank, self.store, self.key = bank, store, record_key or bank["id"]
        self.views = [QuestionView(q, n, self._checked) for n, q in enumerate(bank["questions"], 1)]
        self.score = w.HTML()
        header = w.HTML(STYLE + f"<h4 class='pmes-title'>{escape(bank['title'])}</h4>"
                        + (f"<p>{escape(bank['intro'])}</p>" if bank.get("intro") else ""))
        super().__init__([header, *[v.box for v in self.views], self.score])
        self.add_class("pmes-exercise")
        self._restore()
        self._update_score()

    def _restore(self) -> None:
        """Answers saved in the record come back, with their feedback."""
        if self.store is None:
            return
        saved = self.store.load().get("exercises", {}).get(self.key, {}).get("answers", {})
        for view in self.views:
            if view.question["id"] in saved:
                try:
                    view.set_answer(saved[view.question["id"]])
                    view.check(save=False)
                except Exception:  # an answer from an older version of the bank: leave it
                    view.set_answer(None)

    def _checked(self, view: QuestionView, save: bool) -> None:
        if save and self.store is not None:
            qid = view.question["id"]
            if view.result is None:
                self.store.forget_exercise(self.key, qid)
            else:
                answer = view.answer()
                self.store.save_exercise(self.key, qid, answer, view.result.score, view.result.max_score)
        self._update_score()

    def current_score(self) -> tuple[int, int]:
        done = [v.result for v in self.views if v.result is not None]
        return sum(r.score for r in done), scoring.bank_max_score(self.bank)

    def _update_score(self) -> None:
        score, top = self.current_score()
        self.score.value = (f"<p class='pmes-score' role='status' aria-live='polite'>"
                            f"<strong>{scoring.score_label(score, top)}</strong></p>")

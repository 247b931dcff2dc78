"""A questionnaire in a notebook (needs, 90-day plan, satisfaction, cold evaluation): its
payload. The view is the book's static/pmesocial/ui/form.js in every host (kernel/host.py):
every change kept as a draft, « Enregistrer » checks the values with rules/forms and says
in French what is missing, and a view sends only the fields its trainee changed
(`saveFormChanges`), merged into the latest record under the store's lock
(record.apply_form_changes): the same form open in two notebooks keeps both notebooks' fields.
"""
from __future__ import annotations

from pmesocial.data.forms import load_form
from pmesocial.front_end import FORM_CLASS
from pmesocial.kernel.display import CourseOutput


class Form(CourseOutput):
    kind = "form"
    css_class = FORM_CLASS
    shows = "le questionnaire"

    def __init__(self, form_id: str):
        self.spec = load_form(form_id)

    def __repr__(self) -> str:
        return f"Questionnaire « {self.spec['title']} » : {len(self.spec['fields'])} questions"

    def payload(self) -> dict:
        from pmesocial.data.rubrics import rubrics_for

        data = {"kind": self.kind, "version": 1, "form": self.spec, "rubrics": rubrics_for(self.spec["id"])}
        if self.spec["id"] == "plan":
            from pmesocial.kernel.documents import document_payload
            data["document"] = document_payload("plan")
        return data


def form(form_id: str) -> Form:
    return Form(form_id)

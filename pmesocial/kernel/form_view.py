"""A questionnaire on screen (ipywidgets): needs, 90-day plan, satisfaction, cold evaluation.

Every change is kept in the record as a draft (nothing typed is lost on reload);
« Enregistrer » checks the values with forms.validate and says in French what is
missing. A view saves only the fields its trainee changed, merged into the latest record
under the store's lock (record.apply_form_changes): the same form open in two notebooks
keeps both notebooks' fields. The book draws the same form with static/pmesocial/form.js.
"""
from __future__ import annotations

import datetime

from pmesocial.data.forms import load_form
from pmesocial.kernel.display import CourseOutput
from pmesocial.kernel.markup import download_link, escape
from pmesocial.kernel.notices import first_use_notices
from pmesocial.kernel.store_notices import saved_status, store_notices
from pmesocial.record import default_store
from pmesocial.rules import forms
from pmesocial.rules.typography import typo

PLACEHOLDER = "— choisir —"


class Form(CourseOutput):
    kind = "form"

    def __init__(self, form_id: str, store=None):
        self.spec, self.store = load_form(form_id), store

    def __repr__(self) -> str:
        return f"Questionnaire « {self.spec['title']} » : {len(self.spec['fields'])} questions"

    def payload(self) -> dict:
        from pmesocial.data.rubrics import rubrics_for

        data = {"kind": self.kind, "version": 1, "form": self.spec, "rubrics": rubrics_for(self.spec["id"])}
        if self.spec["id"] == "plan":
            from pmesocial.kernel.documents import document_payload
            data["document"] = document_payload("plan")
        return data

    def build_widget(self):
        return FormWidget(self.spec, self.store or default_store())


class _Field:
    """One field: its widget(s), how to read and set its value."""

    def __init__(self, field: dict, value, on_change, record: dict, kit=None):
        import ipywidgets as w

        from pmesocial.kernel.widget_kit import Kit

        self.field, self.on_change = field, on_change
        self.kit = kit = kit or Kit()
        kind = field["type"]
        label = field["label"] + (" *" if field.get("required") else "")
        layout = {"width": "98%"}
        self.rows: list[dict] = []
        if kind in ("choice", "scale"):
            options = ([(o["label"], o["id"]) for o in field["options"]] if kind == "choice"
                       else [(f"{i + 1} — {t}", i + 1) for i, t in enumerate(field["scale"])])
            self.widget = kit(w.Dropdown, options=[(PLACEHOLDER, None)] + options, layout=layout)
            self.widget.value = value if value in [v for _, v in options] else None
        elif kind == "choices":
            self.boxes = {o["id"]: kit(w.Checkbox, description=o["label"], indent=False,
                                       value=o["id"] in (value or []), layout={"width": "auto"})
                          for o in field["options"]}
            self.widget = kit.vbox(list(self.boxes.values()))
        elif kind == "text":
            cls = w.Textarea if field.get("lines", 1) > 1 else w.Text
            self.widget = kit(cls, value=value if isinstance(value, str) else "", continuous_update=False, layout=layout)
            if cls is w.Textarea:
                self.widget.rows = field.get("lines", 3)
        elif kind == "number":
            self.widget = kit(w.Text, value="" if value is None else str(value).replace(".", ","),
                              continuous_update=False, placeholder=f"de {field['min']} à {field['max']}",
                              layout={"width": "12em"})
        elif kind == "date":
            try:
                when = datetime.date.fromisoformat(value) if value else None
            except (TypeError, ValueError):
                when = None
            self.widget = kit(w.DatePicker, value=when)
        elif kind == "output":  # computed from the other fields, never stored
            self.widget = kit.html()
        elif kind == "review":
            source = record.get("forms", {}).get(field["of"]["form"], {}).get("values", {}).get(field["of"]["field"]) or []
            source = [source] if isinstance(source, str) else source
            labels = {o["id"]: o["label"] for o in field["of_options"]}
            self.selects = {g: kit(w.Dropdown, options=[(PLACEHOLDER, None)] + [(o["label"], o["id"]) for o in field["options"]],
                                   value=(value or {}).get(g) if (value or {}).get(g) in [o["id"] for o in field["options"]] else None,
                                   description=labels.get(g, g), style={"description_width": "45%"}, layout=layout)
                            for g in source if g in labels}
            self.widget = (kit.vbox(list(self.selects.values())) if self.selects
                           else kit.html(f"<p class='pmes-info'>{escape(field.get('empty', ''))}</p>"))
        else:  # table
            self.table_box = kit.vbox([])
            add = kit.button(f"Ajouter une ligne ({field.get('row_label', 'ligne').lower()})")
            remove = kit.button("Retirer la dernière ligne")
            add.on_click(lambda _: self._add_row({}, notify=True))
            remove.on_click(lambda _: self._remove_row())
            self.widget = kit.vbox([self.table_box, kit.hbox([add, remove])])
            saved = value if isinstance(value, list) else []
            for row in saved[: field["max_rows"]]:
                self._add_row(row if isinstance(row, dict) else {})
            while len(self.rows) < field.get("min_rows", 1):
                self._add_row({})
        self.error = kit.html()
        head = kit.html(f"<p class='pmes-form-label'><strong>{escape(label)}</strong>"
                      + (f"<br><span class='pmes-help'>{escape(field['help'])}</span>" if field.get("help") else "")
                      + "</p>")
        self.box = kit.vbox([head, self.widget, self.error])
        self.box.add_class("pmes-form-field")
        for widget in self._watched():
            widget.observe(lambda _c: self.on_change(), names="value")

    def _watched(self) -> list:
        kind = self.field["type"]
        if kind == "choices":
            return list(self.boxes.values())
        if kind == "review":
            return list(self.selects.values())
        if kind == "table":
            return []  # each cell observes itself (rows come and go)
        return [self.widget]

    def _add_row(self, row: dict, notify: bool = False) -> None:
        if len(self.rows) >= self.field["max_rows"]:
            return
        cells = {}
        for column in self.field["columns"]:
            cell = _Field(column, row.get(column["id"]), self.on_change, {}, self.kit)
            cells[column["id"]] = cell
        number = len(self.rows) + 1
        title = self.kit.html(f"<p><strong>{escape(self.field.get('row_label', 'Ligne'))} {number}</strong></p>")
        self.rows.append(cells)
        box = self.kit.vbox([title, *[c.box for c in cells.values()]])
        box.add_class("pmes-form-row")
        self.table_box.children = (*self.table_box.children, box)
        if notify:
            self.on_change()

    def _remove_row(self) -> None:
        if len(self.rows) > self.field.get("min_rows", 1):
            self.rows.pop()
            self.table_box.children = self.table_box.children[:-1]
            self.on_change()

    def show_output(self, values: dict) -> None:
        text = forms.output_text(self.field, values)
        self.widget.value = f"<p class='pmes-form-output' role='status'><strong>{escape(text)}</strong></p>"

    def value(self):
        kind = self.field["type"]
        if kind == "choices":
            return [oid for oid, box in self.boxes.items() if box.value]
        if kind == "text":
            return self.widget.value[: self.field.get("max_length", 5000)]  # as the book's maxlength
        if kind == "number":
            return forms.parse_number(self.widget.value)
        if kind == "date":
            return self.widget.value.isoformat() if self.widget.value else None
        if kind == "review":
            return {g: sel.value for g, sel in self.selects.items() if sel.value}
        if kind == "table":
            return [{cid: cell.value() for cid, cell in cells.items()} for cells in self.rows]
        return self.widget.value

    def show_errors(self, errors: dict) -> None:
        fid = self.field["id"]
        own = errors.get(fid)
        self.error.value = (f"<p class='pmes-feedback pmes-ko' role='alert'>{escape(own)}</p>" if own else "")
        for i, cells in enumerate(self.rows):
            for cid, cell in cells.items():
                message = errors.get(f"{fid}[{i}].{cid}")
                cell.error.value = f"<p class='pmes-feedback pmes-ko'>{escape(message)}</p>" if message else ""


def _clean(values: dict) -> dict:
    """Values as the record keeps them: no None, no blank row at the end of a table."""
    out = {}
    for key, value in values.items():
        if value is None:
            continue
        if isinstance(value, list) and value and isinstance(value[0], dict):
            value = [{k: v for k, v in row.items() if v is not None} for row in value]
            while value and forms.row_is_blank(value[-1]):
                value.pop()
        out[key] = value
    return out


def _blank(value) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _changes(shown: dict, now: dict) -> dict:
    """The fields whose value differs from what the view last showed or saved: {field:
    value}, None for a field emptied. A field left as it was shown is not written, so a
    stale view never writes back a value another view has changed since."""
    out = {}
    for field in set(shown) | set(now):
        before, after = shown.get(field), now.get(field)
        if _blank(before) and _blank(after):
            continue
        if before != after:
            out[field] = None if _blank(after) else after
    return out


def FormWidget(spec: dict, store):
    from pmesocial.kernel.widget_kit import Kit
    from pmesocial.kernel.widgets import STYLE

    kit = Kit()
    record = store.load()
    saved = record.get("forms", {}).get(spec["id"], {})
    values = saved.get("values", {})
    status, document, judged = kit.html(), kit.html(), kit.html()
    fields: list[_Field] = []

    def current() -> dict:
        return _clean({f.field["id"]: f.value() for f in fields if f.field["type"] != "output"})

    def refresh_outputs():
        values_now = current()
        for f in fields:
            if f.field["type"] == "output":
                f.show_output(values_now)

    shown: dict = {}  # the values as this view last showed or saved them

    def save_changes(submitted: bool) -> dict:
        values_now = current()
        delta = _changes(shown, values_now)
        record = store.save_form_changes(spec["id"], delta, submitted) if delta or submitted else store.load()
        shown.clear()
        shown.update(values_now)
        return record

    def changed():
        save_changes(False)
        refresh_outputs()
        refresh_document()

    def refresh_rubric():
        # a production judged on its rubric (data/rubrics): shown once it has been saved
        from pmesocial.data.rubrics import rubrics_for
        from pmesocial.kernel.documents import productions_html

        latest = store.load()
        entry = latest.get("forms", {}).get(spec["id"], {})
        done = entry.get("submitted")
        todo = forms.advice(spec, entry.get("values", {})) if done else []
        advice_html = (f"<div class='pmes-advice'><p><strong>{escape(forms.ADVICE_TITLE)}</strong></p><ul>"
                       + "".join(f"<li>{escape(a)}</li>" for a in todo) + "</ul></div>") if todo else ""
        judged.value = advice_html + (productions_html(latest, rubrics_for(spec["id"]), intro=True) if done else "")

    def refresh_document():
        if spec["id"] != "plan":
            return
        from pmesocial.kernel.documents import render_document

        latest = store.load()
        document.value = download_link(render_document("plan", latest), "mon-plan-90-jours.html",
                                       "Télécharger mon plan (HTML, à imprimer)")

    for field in spec["fields"]:
        fields.append(_Field(field, values.get(field["id"]), changed, record, kit))

    submit = kit.button(spec.get("submit_label", "Enregistrer"), button_style="primary")

    def on_submit(_):
        # what « Enregistrer » checks: this view's changes on the latest saved values
        values_now = {**store.load().get("forms", {}).get(spec["id"], {}).get("values", {}),
                      **_changes(shown, current())}
        values_now = {k: v for k, v in values_now.items() if v is not None}
        errors = forms.validate(spec, values_now)
        for f in fields:
            f.show_errors(errors)
        save_changes(submitted=not errors)
        if errors:
            status.value = (f"<div class='pmes-feedback pmes-ko' role='alert'><p>Votre saisie est gardée, mais "
                            f"{len(errors)} point(s) restent à compléter avant l'enregistrement :</p><ul>"
                            + "".join(f"<li>{escape(_label(spec, path) + ' : ' + message)}</li>"
                                      for path, message in errors.items()) + "</ul></div>")
            return
        status.value = saved_status(store, spec.get("saved_message", "Enregistré."))
        refresh_document()
        refresh_rubric()

    submit.on_click(on_submit)
    shown.update(current())
    refresh_outputs()
    head = [kit.html(STYLE + f"<h4 class='pmes-title'>{escape(spec['title'])}</h4>"
                   + (f"<p>{escape(spec['intro'])}</p>" if spec.get("intro") else "")
                   + "<p class='pmes-help'>Les champs marqués * sont à remplir.</p>")]
    head.append(store_notices(store, kit))  # kept up to date: a save that fails says so here
    head += first_use_notices()
    if saved.get("submitted"):
        status.value = saved_status(store, spec.get("saved_message", "Enregistré."))
    refresh_document()
    refresh_rubric()
    box = kit.vbox(head + [f.box for f in fields] + [submit, status, judged, document])
    box.add_class("pmes-exercise")
    box.add_class("pmes-form")
    return box


def _label(spec: dict, path: str) -> str:
    """« actions[2].heures » -> « Vos actions, ligne 3 : Temps par semaine »."""
    top, _, rest = path.partition("[")
    field = next(f for f in spec["fields"] if f["id"] == top)
    if not rest:
        return field["label"]
    index, _, column = rest.partition("].")
    col = next(c for c in field["columns"] if c["id"] == column)
    return typo(f"{field.get('row_label', 'Ligne')} {int(index) + 1} : {col['label']}")


def form(form_id: str) -> Form:
    return Form(form_id)

"""What every course object shown in a notebook has in common.

Its mime bundle carries its data under the course mime type, which the book's Sphinx
extension (book/mime.py) mounts with the JavaScript front end; the anywidget that
mounts the same front end in JupyterLab and Voilà (kernel/host.py); and, as text/plain,
what a trainee must do to see it: JupyterLab shows it before the cell has run, and nbval
compares it.
"""
from __future__ import annotations

MIME_TYPE = "application/vnd.pmesocial.exercise+json"
RUN_HINT = "Exécutez la cellule (Maj + Entrée) pour afficher {what}."


class CourseOutput:
    _widget = None
    kind = ""
    css_class = ""  # the book's output class (front_end.py): mounted by the front end
    shows = "l'exercice"  # what the hint names

    def build_widget(self):
        # views not yet served by the front end (ipywidgets, to be removed)
        raise NotImplementedError

    def payload(self) -> dict:
        raise NotImplementedError

    @property
    def widget(self):
        if self._widget is None:
            if self.css_class:
                from pmesocial.front_end import HOSTS
                from pmesocial.kernel.host import CourseView
                from pmesocial.record import default_store

                payload = self.payload()
                self._widget = CourseView(self.css_class, HOSTS[self.kind][:2], payload, default_store())
            else:
                self._widget = self.build_widget()
        return self._widget

    def _repr_mimebundle_(self, include=None, exclude=None):
        from pmesocial.rules.typography import typo

        shown = self.widget._repr_mimebundle_() or {}
        bundle = dict(shown[0] if isinstance(shown, tuple) else shown)  # anywidget: (data, metadata)
        bundle["text/plain"] = typo(RUN_HINT.format(what=self.shows)) if self.css_class else repr(self)
        bundle[MIME_TYPE] = self.payload()
        return bundle

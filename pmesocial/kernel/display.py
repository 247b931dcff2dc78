"""What every course object shown in a notebook has in common.

Its mime bundle carries the ipywidgets view (JupyterLab, Voilà), a short French
text/plain, and its data under the course mime type, which the book's Sphinx
extension (book/mime.py) renders with the kernel-free JavaScript front end.
"""
from __future__ import annotations

MIME_TYPE = "application/vnd.pmesocial.exercise+json"


class CourseOutput:
    _widget = None

    def build_widget(self):
        raise NotImplementedError

    def payload(self) -> dict:
        raise NotImplementedError

    @property
    def widget(self):
        if self._widget is None:
            self._widget = self.build_widget()
        return self._widget

    def _repr_mimebundle_(self, include=None, exclude=None):
        bundle = dict(self.widget._repr_mimebundle_() or {})
        bundle["text/plain"] = repr(self)
        bundle[MIME_TYPE] = self.payload()
        return bundle

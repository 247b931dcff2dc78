"""ipywidgets whose layouts and styles are shared within one view.

By default ipywidgets gives every widget its own Layout and its own Style: two more
models, each opened in the front end by a message of its own. An exercise of ten
questions thus opened about 400 models, most of the time a module took to run. The
widgets of one view (an exercise, a form) share one Layout and one Style per distinct
value instead. A widget whose layout the view changes later (`layout.display`) keeps
its own: pass it a `w.Layout(...)` of its own, or build it without the kit.
"""
from __future__ import annotations

import ipywidgets as w

from pmesocial.paths import STATIC_DIR

# The book's stylesheet, for the views still drawn with ipywidgets (forms, diagnostic,
# budget, panels, group view: kernel/host.py mounts the others with the book's own front end).
STYLE = "<style>" + (STATIC_DIR / "pmesocial" / "exercise.css").read_text("utf-8") + "</style>"


class Kit:
    """`kit(w.Button, description="Vérifier")` is `w.Button(description="Vérifier")` with the
    view's shared layout and style; `layout=` and `style=` take a dict of their values."""

    def __init__(self):
        self._shared: dict = {}

    def _model(self, cls, values: dict):
        key = (cls, tuple(sorted(values.items())))
        if key not in self._shared:
            self._shared[key] = cls(**values)
        return self._shared[key]

    def layout(self, **values) -> w.Layout:
        """The shared layout with these values (for a widget built without the kit)."""
        return self._model(w.Layout, values)

    def __call__(self, cls, *args, layout=None, style=None, **kwargs):
        kwargs["layout"] = layout if isinstance(layout, w.Layout) else self.layout(**(layout or {}))
        style_trait = cls.class_traits().get("style")
        if style_trait is not None:
            kwargs["style"] = self._model(style_trait.klass, style or {})
        return cls(*args, **kwargs)

    def html(self, value: str = "", **kwargs) -> w.HTML:
        return self(w.HTML, value, **kwargs)

    def button(self, description: str, **kwargs) -> w.Button:
        return self(w.Button, description=description, **kwargs)

    def vbox(self, children, **kwargs) -> w.VBox:
        return self(w.VBox, children, **kwargs)

    def hbox(self, children, **kwargs) -> w.HBox:
        return self(w.HBox, children, **kwargs)

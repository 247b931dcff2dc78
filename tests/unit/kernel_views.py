"""Drive a course output's view in a kernel as its JavaScript does: the anywidget
(kernel/host.py) receives the events ui/kernel_store.js sends, the kernel's RecordStore
saves them, and the view's traits carry back the record, the notices and the export."""
from __future__ import annotations

import itertools

from pmesocial.front_end import HOSTS
from pmesocial.kernel.host import CourseView

_sent = itertools.count(1)


def view_of(output, store) -> CourseView:
    """The view `output` shows in a notebook, on `store` rather than the default record."""
    return CourseView(output.css_class, HOSTS[output.kind][:2], output.payload(), store)


def send(view: CourseView, event: str, *args) -> dict:
    """One event as ui/kernel_store.js sends it; the record the kernel answers with."""
    replies = []
    view.send = replies.append  # what the browser would receive
    n = next(_sent)
    view._event(view, {"event": event, "args": list(args), "n": n}, [])
    assert replies == [{"saved": n}]
    return view.record

"""The first-use notice in JupyterLab when results go to the training body's LRS (the
book shows the same in ui/lrs.js): what is sent, to whom, why, until « J'ai compris »."""
from __future__ import annotations

from pmesocial.kernel.markup import escape
from pmesocial.rules.typography import typo
from pmesocial.rules.xapi import LaunchError


def lrs_notice() -> list:
    """Widgets to put at the top of a view: none when no LRS is configured or the notice
    was acknowledged; an alert when the settings cannot be used."""
    import ipywidgets as w

    from pmesocial import lrs

    try:
        conf = lrs.settings()
    except LaunchError as exc:
        return [w.HTML(f"<p class='pmes-feedback pmes-ko' role='alert'>{escape(typo(str(exc)))}</p>")]
    if conf is None or lrs.notice_seen(conf):
        return []
    title = escape(typo(lrs.course_profile()["notice"]["title"]))
    body = "".join(f"<p>{escape(typo(p))}</p>" for p in lrs.notice_paragraphs(conf))
    text = w.HTML(f"<section class='pmes-lrs-notice' aria-label='{title}'><p><strong>{title}</strong></p>{body}</section>")
    ok = w.Button(description=typo("J'ai compris"))
    box = w.VBox([text, ok], layout=w.Layout(border="2px solid #1a6fb0", padding="0.5rem", margin="0 0 1rem"))

    def acknowledged(_):
        lrs.acknowledge(conf)
        box.layout.display = "none"

    ok.on_click(acknowledged)
    return [box]

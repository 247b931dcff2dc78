"""The first-use notices in JupyterLab, at the top of every view until « J'ai compris »
(the book shows the same texts in ui/privacy.js and ui/lrs.js): what the course keeps on
this computer and how to erase it (rules/privacy.py), and, when results go to the
training body's LRS, what is sent, to whom and why (rules/xapi.py notice)."""
from __future__ import annotations

import json

from pmesocial.kernel.markup import escape
from pmesocial.rules import privacy
from pmesocial.rules.typography import typo
from pmesocial.rules.xapi import LaunchError


def _box(css_class: str, title: str, paragraphs: list[str], ok_label: str, on_ok):
    import ipywidgets as w

    title = escape(typo(title))
    body = "".join(f"<p>{escape(typo(p))}</p>" for p in paragraphs)
    text = w.HTML(f"<section class='{css_class}' aria-label='{title}'><p><strong>{title}</strong></p>{body}</section>")
    ok = w.Button(description=typo(ok_label))
    box = w.VBox([text, ok], layout=w.Layout(border="2px solid #1a6fb0", padding="0.5rem", margin="0 0 1rem"))

    def acknowledged(_):
        from pmesocial.store_files import StoreError

        try:
            on_ok()
        except StoreError:
            pass  # not kept on this disk (full, read-only): closed for now, shown again next time
        box.layout.display = "none"

    ok.on_click(acknowledged)
    return box


# -- what the course keeps (RGPD) --------------------------------------------------------
def _privacy_seen_path():
    from pmesocial.record import PRIVACY_NOTICE_FILE, default_path

    return default_path().parent / PRIVACY_NOTICE_FILE


def privacy_notice_seen() -> bool:
    from pmesocial.store_files import StoreError, read_regular

    try:  # a regular file only: a FIFO there would block the view
        return json.loads(read_regular(_privacy_seen_path(), 10_000) or b"null") == privacy.NOTICE_VERSION
    except (StoreError, ValueError):
        return False


def acknowledge_privacy() -> None:
    from pmesocial.store_files import replace_durably

    replace_durably(_privacy_seen_path(), json.dumps(privacy.NOTICE_VERSION).encode())


_shown = []  # once per kernel: a module's dozen exercises do not each repeat it


def privacy_notice() -> list:
    """The privacy notice, until acknowledged, in the first view of this kernel; none if
    organisme.yaml cannot be read (the views that need it say so)."""
    from pmesocial.data.organisme import OrganismeError, load_organisme

    if _shown or privacy_notice_seen():
        return []
    try:
        text = privacy.notice(load_organisme())
    except OrganismeError:
        return []
    paragraphs = [privacy.fill(p, "kernel") for p in text["paragraphs"]]
    _shown.append(True)
    return [_box("pmes-privacy-notice", text["title"], paragraphs, text["ok"], acknowledge_privacy)]


# -- results sent to the LRS -------------------------------------------------------------
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
    return [_box("pmes-lrs-notice", lrs.course_profile()["notice"]["title"], lrs.notice_paragraphs(conf),
                 "J'ai compris", lambda: lrs.acknowledge(conf))]


def first_use_notices() -> list:
    return privacy_notice() + lrs_notice()

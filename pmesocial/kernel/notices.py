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


def _box(notice: dict, on_ok):
    import ipywidgets as w

    title = escape(notice["title"])
    body = "".join(f"<p>{escape(p)}</p>" for p in notice["paragraphs"])
    text = w.HTML(f"<section class='{notice['css_class']}' aria-label='{title}'><p><strong>{title}</strong></p>"
                  f"{body}</section>")
    ok = w.Button(description=notice["ok"])
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


def privacy_notice_data() -> dict | None:
    """The privacy notice, until acknowledged, for the first view of this kernel; None if
    organisme.yaml cannot be read (the views that need it say so)."""
    from pmesocial.data.organisme import OrganismeError, load_organisme

    if _shown or privacy_notice_seen():
        return None
    try:
        text = privacy.notice(load_organisme())
    except OrganismeError:
        return None
    _shown.append(True)
    return {"kind": "privacy", "css_class": "pmes-privacy-notice", "title": typo(text["title"]),
            "paragraphs": [typo(privacy.fill(p, "kernel")) for p in text["paragraphs"]], "ok": typo(text["ok"])}


def privacy_notice() -> list:
    notice = privacy_notice_data()
    return [_box(notice, acknowledge_privacy)] if notice else []


# -- results sent to the LRS -------------------------------------------------------------
def lrs_notice_data() -> dict | None:
    """The LRS notice, or None when no LRS is configured or it was acknowledged; raises
    LaunchError when the settings cannot be used."""
    from pmesocial import lrs

    conf = lrs.settings()
    if conf is None or lrs.notice_seen(conf):
        return None
    return {"kind": "lrs", "css_class": "pmes-lrs-notice", "title": typo(lrs.course_profile()["notice"]["title"]),
            "paragraphs": [typo(p) for p in lrs.notice_paragraphs(conf)], "ok": typo("J'ai compris")}


def lrs_notice() -> list:
    """Widgets to put at the top of a view: none when no LRS is configured or the notice
    was acknowledged; an alert when the settings cannot be used."""
    import ipywidgets as w

    from pmesocial import lrs

    try:
        notice = lrs_notice_data()
    except LaunchError as exc:
        return [w.HTML(f"<p class='pmes-feedback pmes-ko' role='alert'>{escape(typo(str(exc)))}</p>")]
    return [_box(notice, lambda: lrs.acknowledge(lrs.settings()))] if notice else []


def first_use_notices() -> list:
    return privacy_notice() + lrs_notice()


def first_use_data() -> tuple[list[dict], list[str]]:
    """The first-use notices of a view mounted by the front end (kernel/host.py), and the
    alerts to show instead when the LRS settings cannot be used."""
    notices = [privacy_notice_data()]
    try:
        notices.append(lrs_notice_data())
    except LaunchError as exc:
        return [n for n in notices if n], [typo(str(exc))]
    return [n for n in notices if n], []


def acknowledge(kind: str) -> None:
    """« J'ai compris » in a view of the front end: not kept on this disk (full, read-only),
    it is shown again next time."""
    from pmesocial import lrs
    from pmesocial.store_files import StoreError

    try:
        if kind == "privacy":
            acknowledge_privacy()
        elif kind == "lrs" and lrs.settings() is not None:
            lrs.acknowledge(lrs.settings())
    except StoreError:
        pass

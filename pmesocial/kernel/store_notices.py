"""What a trainee must know about their record, at the top of every view of a notebook,
kept up to date while they work: a record set aside, a record path the course cannot use,
changes not saved (full disk, read-only folder). While some changes are only in this
kernel's memory, « Exporter mon dossier » is offered right there, with those changes."""
from __future__ import annotations

from pmesocial.kernel.markup import download_link, escape

EXPORT_FILE, EXPORT_LABEL = "dossier-medias-sociaux-pme.json", "Exporter mon dossier (JSON)"


def notices_html(store) -> str:
    html = "".join(f"<p class='pmes-feedback pmes-ko' role='alert'>{escape(n)}</p>" for n in store.notices)
    if store.unsaved:
        html += (f"<p class='pmes-store-export'>"
                 f"{download_link(store.export_text(), EXPORT_FILE, EXPORT_LABEL, mime='application/json')}</p>")
    return html


def saved_status(store, done: str) -> str:
    """What an « Enregistrer » button says once it has saved: `done` when the record reached
    the disk, else that it did not and what to do (the notice above says why)."""
    if not store.unsaved:
        return f"<p class='pmes-feedback pmes-ok' role='status'>{escape(done)}</p>"
    return ("<p class='pmes-feedback pmes-ko' role='alert'>Pas enregistré sur le disque : votre saisie reste dans "
            "ce notebook tant qu'il est ouvert. Exportez votre dossier (lien en haut de cet exercice).</p>")


def store_notices(store, kit=None):
    """An HTML widget showing the store's notices, redrawn whenever they change."""
    import ipywidgets as w

    box = kit.html() if kit is not None else w.HTML()

    def show():
        box.value = notices_html(store)
    show()
    store.watch(show)
    return box

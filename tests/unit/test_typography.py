"""French typography: the rules themselves, and every text of the banks and forms as the
front ends receive them (no breakable space before ; : ! ? % » or after «)."""
import re

import pytest

from pmesocial.data.banks import all_banks
from pmesocial.data.forms import FORMS_DIR, load_form
from pmesocial.rules.typography import NBSP, NNBSP, typo, typo_html

BREAKABLE = re.compile(r" [;:!?%»]|« ")  # a space before « is ordinary French


@pytest.mark.parametrize("raw, expected", [
    ("Quoi ? Oui !", f"Quoi{NNBSP}? Oui{NNBSP}!"),
    ("78 % et 78%", f"78{NNBSP}% et 78{NNBSP}%"),
    ("« oui »", f"«{NNBSP}oui{NNBSP}»"),
    ("Note : 1 234 567 clients", f"Note{NNBSP}: 1{NNBSP}234{NNBSP}567{NBSP}clients"),
    ("l'article du XXe siècle, le 3e, le 1er", "l’article du XXᵉ siècle, le 3ᵉ, le 1ᵉʳ"),
    ("https://exemple.fr/?q=1 à 10:30", f"https://exemple.fr/?q=1{NBSP}à 10:30"),
])
def test_rules(raw, expected):
    assert typo(raw) == expected and typo(expected) == expected


def test_html_keeps_tags_entities_and_code():
    html = "<p title='a : b'>Voir : <code>a ; b</code> &amp; fin !</p>"
    assert typo_html(html) == f"<p title='a : b'>Voir{NNBSP}: <code>a ; b</code> &amp; fin{NNBSP}!</p>"


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def test_every_bank_and_form_text_is_typographed():
    texts = [t for bank in all_banks() for t in _strings(bank)]
    texts += [t for path in FORMS_DIR.glob("*.yaml") for t in _strings(load_form(path.stem))]
    bad = [t for t in texts if BREAKABLE.search(t)]
    assert len(texts) > 2000 and bad == []

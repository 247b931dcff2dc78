"""French typography, applied by the build and never typed by hand: one function for the
book's pages, the exercises' texts (both front ends), the documents and the charts.
static/pmesocial/rules/typography.js mirrors it (tests/vectors/typography.json).

- a narrow no-break space (U+202F) before ; : ! ? and %, and inside « »;
- a narrow no-break space between groups of thousands: 1 234 567;
- a no-break space (U+00A0) between a number and the unit or noun that follows (30 min,
  8 h, 12 €, 500 millions, 3 modules);
- curly apostrophes (l’article), ordinals in superscript (3ᵉ, XXᵉ, 1ᵉʳ, 1ʳᵉ), an ellipsis (…).

A « : » between digits (9:30, 16:9) or before « // » (https://) is left alone, and so is a
« ? » or « ! » glued to what follows (a web address, !=). `typo` is idempotent.
"""
from __future__ import annotations

import re

NNBSP, NBSP = "\u202f", "\u00a0"
SPACES = " \u00a0\u202f"

# Character classes written out, so that typography.js can say exactly the same with \p{…}.
W = r"[^\W]"            # a letter, a digit or _ (Unicode), as JavaScript's [\p{L}\p{N}_]
L = r"[^\W\d_]"         # a letter
NOT_W_BEFORE, NOT_W_AFTER = r"(?<![^\W])", r"(?![^\W])"
SP = "[ \u00a0\u202f]"

_RULES = [
    (re.compile(r"\.\.\.(?!\.)"), "…"),
    (re.compile(rf"(?<={W})'(?={W})"), "’"),
    # ordinals: 3e, 3ème, 3eme -> 3ᵉ; 1er -> 1ᵉʳ; 1re, 1ère -> 1ʳᵉ; XXe, XIXe -> XXᵉ
    (re.compile(rf"{NOT_W_BEFORE}1er{NOT_W_AFTER}"), "1ᵉʳ"),
    (re.compile(rf"{NOT_W_BEFORE}1(?:re|ère){NOT_W_AFTER}"), "1ʳᵉ"),
    (re.compile(rf"{NOT_W_BEFORE}([0-9]+)(?:e|ème|eme){NOT_W_AFTER}"), r"\1ᵉ"),
    (re.compile(rf"{NOT_W_BEFORE}([IVXL]{{2,}})e{NOT_W_AFTER}"), r"\1ᵉ"),
    # guillemets: a narrow no-break space inside, whatever was there
    (re.compile(f"«{SP}*"), "«" + NNBSP),
    (re.compile(f"{SP}*»"), NNBSP + "»"),
    # high punctuation: replace the space before it, or add one after a word
    (re.compile(f"{SP}+([;!?])"), NNBSP + r"\1"),
    (re.compile(r"(?<=[^\W]|[)\]’…])([;!?])(?=[ \u00a0\u202f\n]|$)"), NNBSP + r"\1"),
    (re.compile(f"{SP}+:(?!//)"), NNBSP + ":"),
    (re.compile(rf"(?<={L})(:)(?=[ \u00a0\u202f\n]|$)"), NNBSP + ":"),
    # percent
    (re.compile(f"(?<=[0-9]){SP}*%"), NNBSP + "%"),
]
_THOUSANDS = re.compile(r"(?<![0-9,.])([0-9]{1,3})[ \u00a0](?=[0-9]{3}(?![0-9]))")
_UNITS = re.compile(rf"(?<=[0-9]) (?=€|k€|M€|{L})")


def typo(text: str) -> str:
    """The same text, with French typography."""
    if not text:
        return text
    for pattern, replacement in _RULES:
        text = pattern.sub(replacement, text)
    previous = None
    while previous != text:  # 1 234 567: each group in turn
        previous, text = text, _THOUSANDS.sub(r"\1" + NNBSP, text)
    return _UNITS.sub(NBSP, text)


_ENTITY_OR_TAG = re.compile(r"(<[^>]*>|&[#\w]+;)")
_SKIP = re.compile(r"<(script|style|code|pre|kbd|samp|textarea)\b", re.IGNORECASE)


def typo_html(html: str) -> str:
    """`typo` on the text of an HTML fragment, leaving tags, entities and the content of
    script, style, code and pre alone."""
    out, skip_until = [], None
    for part in _ENTITY_OR_TAG.split(html):
        if not part:
            continue
        if part.startswith("<"):
            if skip_until and re.match(rf"</{skip_until}\s*>", part, re.IGNORECASE):
                skip_until = None
            elif not skip_until:
                opening = _SKIP.match(part)
                if opening and not part.endswith("/>"):
                    skip_until = opening.group(1)
            out.append(part)
        elif part.startswith("&") or skip_until:
            out.append(part)
        else:
            out.append(typo(part))
    return "".join(out)


def typo_all(value, skip=frozenset()):
    """`typo` on every string of a JSON-like value, except under the keys in `skip`
    (ids, types, formats)."""
    if isinstance(value, str):
        return typo(value)
    if isinstance(value, list):
        return [typo_all(v, skip) for v in value]
    if isinstance(value, dict):
        return {k: v if k in skip else typo_all(v, skip) for k, v in value.items()}
    return value

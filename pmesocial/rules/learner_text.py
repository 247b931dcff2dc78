"""What a trainee reads, measured and checked: sentences and their length, legal
sentences (each must point to a row of data/law), words the course has chosen one term
for (data/terminology.yaml).

Pure functions over text; tests/unit/test_learner_text.py and test_law.py walk the
lessons and banks with them, and `python -m pmesocial.tools.check_text` reports the
figures per module for authors.
"""
from __future__ import annotations

import re
from statistics import mean

# Lessons are written for non-experts: short sentences (the targets, and the
# « Lisibilité » advice of the French administration's writing guides).
MEAN_WORDS_MAX = 20
SENTENCE_WORDS_MAX = 40

# What MyST and Markdown add around the words: removed before sentences are cut.
FENCE = re.compile(r"^(```|~~~)\{?(\w[\w-]*)?\}?.*$")
DIRECTIVE_OPTION = re.compile(r"^:[\w-]+:.*$")
LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
ROLE = re.compile(r"\{[\w-]+\}`([^`]*)`")
CODE = re.compile(r"`([^`]*)`")
TAG = re.compile(r"<[^>]+>")
EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")
# Abbreviations after which a full stop does not end a sentence.
ABBREVIATIONS = ("art", "n", "M", "Mme", "etc", "p", "ex", "cf", "av", "env", "min", "max", "J.-C", "al", "Cass",
                 "soc", "civ", "éd", "vol", "ch", "chap", "HT", "TTC")
SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[«\"(\[]?\s?[A-ZÀÂÇÉÈÊËÎÏÔÛÙÜŸŒ0-9])")
WORD = re.compile(r"[\wÀ-ÿŒœ’'-]*[\w]", re.UNICODE)


def _blocks(markdown: str) -> list[str]:
    """Prose blocks of a Markdown cell: paragraphs and list items, without code, tables,
    headings and directive options (a directive's body, an admonition's, is prose)."""
    blocks, current, fences = [], [], []  # fences: the open ``` blocks, "code" or "directive"

    def close():
        if current:
            blocks.append(" ".join(current))
            current.clear()

    for raw in markdown.splitlines():
        line = raw.strip()
        fence = FENCE.match(line)
        if fence:
            close()
            name = fence.group(2) or ""
            if line in ("```", "~~~") and fences:
                fences.pop()
            elif line.startswith(("```{", "~~~{")) and name not in ("code", "code-block", "code-cell"):
                fences.append("directive")
            else:
                fences.append("code")
            continue
        if "code" in fences or DIRECTIVE_OPTION.match(line) or line.startswith(("|", "#", "<!--")) or not line:
            close()
            continue
        line = re.sub(r"^(>\s?)+", "", line)  # a quotation's lines are prose too
        item = re.match(r"^([-*+]|\d+[.)])\s+(.*)$", line)
        if item:
            close()
            current.append(item.group(2))
        elif line:
            current.append(line)
        else:
            close()
    close()
    return blocks


def plain(text: str) -> str:
    """A block's words without Markdown: links keep their text, roles and code their content."""
    text = LINK.sub(r"\1", text)
    text = ROLE.sub(r"\1", text)
    text = CODE.sub(r"\1", text)
    text = TAG.sub("", text)
    text = EMPHASIS.sub(r"\2", text)
    return " ".join(text.split())


def _protect(text: str) -> str:
    for abbr in ABBREVIATIONS:
        text = re.sub(rf"(?<![\wÀ-ÿ]){re.escape(abbr)}\.(?=\s)", abbr + "\u2024", text)
    text = re.sub(r"(?<![\wÀ-ÿ])([A-ZÉ])\.(?=\s?[A-ZÉ])", "\\1\u2024", text)  # initials: É. Freyssinet
    return text


def split_sentences(text: str) -> list[str]:
    """A prose block cut into sentences (French punctuation, common abbreviations kept)."""
    protected = _protect(text)
    return [s.replace("\u2024", ".").strip() for s in SENTENCE_END.split(protected) if s.strip()]


def sentences(markdown: str, keep_links: bool = False) -> list[str]:
    """Every sentence of a Markdown cell, in order; with keep_links, in its Markdown form
    (to see which link a sentence carries), otherwise as plain words."""
    out = []
    for block in _blocks(markdown):
        for sentence in split_sentences(block if keep_links else plain(block)):
            out.append(sentence)
    return out


def word_count(sentence: str) -> int:
    return len(WORD.findall(plain(sentence)))


def length_report(markdown_cells: list[str]) -> dict:
    """Sentence figures of a lesson: how many, mean words, longest, and those over the limit."""
    counted = [(word_count(s), s) for cell in markdown_cells for s in sentences(cell)]
    counted = [(n, s) for n, s in counted if n > 0]
    if not counted:
        return {"sentences": 0, "mean": 0.0, "max": 0, "over": []}
    return {"sentences": len(counted), "mean": round(mean(n for n, _ in counted), 1),
            "max": max(n for n, _ in counted),
            "over": [s for n, s in counted if n > SENTENCE_WORDS_MAX]}


# A sentence that states what the law (or a platform's binding rule) asks: it names a
# legal text, or says what is required, forbidden or punished.
LEGAL = re.compile(
    r"\barticles? [LRD]\.? ?\d|\bart\. \d|\bloi n°|\bloi du \d|\bdécret\b|\bordonnance n°|\brèglement (?:européen|\(UE\))"
    r"|\bCPCE\b|\bRGPD\b|\bAI Act\b|\bDSA\b|\bLCEN\b|\bcode (?:de la consommation|civil|du travail|pénal|de la propriété)"
    r"|\bla loi\b|\billégale?s?\b|\binterdite?s?\b|\binterdi(?:t|sent|re)\b|\bobligatoires?\b|\bamendes?\b|\bprison\b"
    r"|\bemprisonnement\b|\bpunie?s?\b|\bsanctionn|\bl'accord (?:écrit|préalable)\b|\baccord préalable\b"
    r"|\bconsentement\b|\bcontrefaçon\b|\bpratiques? commerciales? trompeuses?\b|\bmentions légales\b"
    r"|\bdroit de rétractation\b|\bdroit d'auteur\b|\b(?:son|leur|votre) accord\b|\bdémarchage\b|\bfaux avis\b"
    r"|\bla mention «|\bautorisation écrite\b|\bcontrat écrit\b|\bnon-conformité\b", re.IGNORECASE)
LAW_LINK = re.compile(r"\]\(#loi-([a-z0-9-]+)\)")


# A module's or a practice's summary box (« Le module en bref »): objectives and
# prerequisites name what will be learned, they state no rule.
SUMMARY_BOX = re.compile(r"^```\{admonition\}[^\n]*en bref\n.*?^```$", re.MULTILINE | re.DOTALL)


def legal_sentences_without_row(markdown: str) -> list[str]:
    """The sentences of a cell that state a rule and link to no row of data/law."""
    text = SUMMARY_BOX.sub("", markdown)
    return [plain(s) for s in sentences(text, keep_links=True) if LEGAL.search(plain(s)) and not LAW_LINK.search(s)]


def is_legal(text: str) -> bool:
    return bool(LEGAL.search(text or ""))


def variants_used(text: str, terminology: dict[str, list[str]]) -> list[tuple[str, str]]:
    """(variant found, term to use) for each word the course has replaced by one term.
    Quoted titles and quotations (« … ») are left alone: they are someone else's words."""
    unquoted = re.sub(r"«[^»]*»", " ", text or "")
    found = []
    for term, variants in terminology.items():
        for variant in variants:
            if re.search(rf"(?<![\w-]){re.escape(variant)}(?![\w-])", unquoted, re.IGNORECASE):
                found.append((variant, term))
    return found


# « Voir le module 6, « Combien coûte votre temps ? » » sends the trainee to a place: the
# title must be a heading or a box title of that module (m6-16 sent trainees to module 9
# for what module 7 teaches).
SECTION_REF = re.compile(r"module (\d+)\s*,\s*(?:la section |l['’]exercice |l['’]encadré )?«\s*([^»]+?)\s*»")
HEADING = re.compile(r"^#+ (.+)$|^```\{(?:admonition|note|tip|important|warning)\}\s*(.+)$", re.MULTILINE)
QUOTES = re.compile(r"[«»“”\"]")


def _title_key(title: str) -> str:
    return " ".join(QUOTES.sub(" ", title.replace("’", "'")).lower().split())


def section_titles(markdown: str) -> list[str]:
    """The headings and box titles of a module's text: the places a reference may name."""
    return [(m.group(1) or m.group(2)).strip() for m in HEADING.finditer(markdown)]


def broken_section_refs(text: str, titles: dict[int, list[str]]) -> list[str]:
    """« module N, « Titre » » references whose title is not a heading of module N (a title
    may be cited shortened: « Combien coûte votre temps ? » for « Exercice : combien… »)."""
    flat = " ".join(text.split())
    broken = []
    for match in SECTION_REF.finditer(flat):
        module, title = int(match.group(1)), _title_key(match.group(2))
        if not any(title in _title_key(t) for t in titles.get(module, [])):
            broken.append(match.group(0))
    return broken

"""Check what a trainee reads, and report its figures per module.

    python -m pmesocial.tools.check_text            problems, then exit 1 if any
    python -m pmesocial.tools.check_text --report   also sentence figures per module

The checks (rules/learner_text.py, data/provenance.py, data/terminology.yaml):
- no authoring note (web address, « lu en copie », « rapport complet »…) in learner text;
- one word for one thing: no variant of a term the course has chosen;
- lessons (notebooks/): at most 20 words a sentence on average, none over 40;
- every legal sentence of a lesson or a practice notebook links to a row of data/law, and
  every question that speaks of the law names its rows (`law:`);
- every « module N, « Titre » » names a heading or a box of module N.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pmesocial.data.provenance import research_notes_in
from pmesocial.data.validation import read_yaml
from pmesocial.paths import DATA_DIR, REPO_DIR
from pmesocial.rules import learner_text

# Pages of the trainees' book (the sources page and the trainer's pages may hold notes).
TRAINEE_PAGES = ["book/intro.md", "book/programme.md", "book/guide-stagiaire.md", "book/glossaire.md",
                 "book/accessibilite.md"]
NOTEBOOK_FOLDERS = {"notebooks": "lesson", "solutions": "practice", "outils": "tool"}
# Keys of data files that hold no reader text.
NOT_TEXT = {"id", "type", "purpose", "objective", "figure", "parallel", "answer", "correct", "points", "min", "max",
            "step", "tolerance", "value", "year", "confidence", "source_date", "law", "page", "module", "dimension",
            "bank", "banks", "test", "minutes", "weeks", "field", "fields_from", "from", "review", "required", "lines",
            "max_length", "min_rows", "max_rows", "weight", "part", "parts", "criterion", "check"}
# A glossary entry may name the words it replaces.
VARIANTS_ALLOWED = {"book/glossaire.md"}


@dataclass(frozen=True)
class Text:
    where: str  # file, and cell or question
    kind: str  # lesson, practice, tool, question, form, page, data
    text: str
    module: int | None = None


@cache
def terminology() -> dict[str, list[str]]:
    return read_yaml(DATA_DIR / "terminology.yaml")


def _module_of(path: Path) -> int | None:
    head = path.stem.split("_")[0]
    if head.isdigit():
        return int(head)
    if path.stem.startswith("m") and path.stem[1:2].isdigit():
        return int(path.stem[1:].split("-")[0])
    return None


def _strings(value, where: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, dict):
        for key, item in value.items():
            if key not in NOT_TEXT:
                label = value.get("id", "")
                yield from _strings(item, f"{where}/{label}" if label and isinstance(item, (dict, list)) else where)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item, where)
    elif isinstance(value, str):
        yield where, value


def notebook_texts() -> Iterator[Text]:
    for folder, kind in NOTEBOOK_FOLDERS.items():
        for path in sorted((REPO_DIR / folder).glob("*.ipynb")):
            cells = json.loads(path.read_text("utf-8"))["cells"]
            for n, cell in enumerate(cells):
                if cell["cell_type"] == "markdown":
                    yield Text(f"{folder}/{path.name}, cellule {n}", kind, "".join(cell["source"]), _module_of(path))


def bank_texts() -> Iterator[Text]:
    for path in sorted((DATA_DIR / "quiz").glob("*.yaml")):
        bank = read_yaml(path)
        yield Text(f"data/quiz/{path.name}", "question", " ".join(t for _, t in _strings(
            {k: v for k, v in bank.items() if k != "questions"}, "")), _module_of(path))
        for q in bank.get("questions", []):
            yield Text(f"data/quiz/{path.name}, question « {q.get('id')} »", "question",
                       "\n".join(t for _, t in _strings(q, "")), _module_of(path))


def data_texts() -> Iterator[Text]:
    for folder in ("forms", "diagnostic", "budget"):
        for path in sorted((DATA_DIR / folder).glob("*.yaml")):
            for where, text in _strings(read_yaml(path), ""):
                yield Text(f"data/{folder}/{path.name}{where}", "form", text)


def row_texts() -> Iterator[Text]:
    """What a trainee reads of the legal rows and the figures (tables under the lessons)."""
    from pmesocial.data.figures import FIGURES_DIR, figure_rows
    from pmesocial.data.law import LEARNER_FACING, all_law

    for key, row in all_law().items():
        yield Text(f"data/law/{row['theme']}.csv, ligne « {key} »", "row",
                   "\n\n".join(str(row[f]) for f in LEARNER_FACING if row[f]))
    for path in sorted(FIGURES_DIR.glob("*.csv")):
        for key, row in figure_rows(path.stem).items():
            yield Text(f"data/figures/{path.name}, ligne « {key} »", "row",
                       "\n\n".join(str(row[f]) for f in ("indicator", "caveat") if row[f]))


def page_texts() -> Iterator[Text]:
    for page in TRAINEE_PAGES:
        yield Text(page, "page", (REPO_DIR / page).read_text("utf-8"))


def all_texts() -> list[Text]:
    return [*notebook_texts(), *bank_texts(), *data_texts(), *row_texts(), *page_texts()]


WORDS = {"deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8, "neuf": 9, "dix": 10,
         "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15, "seize": 16, "dix-sept": 17,
         "dix-huit": 18, "dix-neuf": 19, "vingt": 20}
# « Douze questions pour faire le point… »: a count that opens a sentence announces the exercise
# below (« la méthode en six questions » names something else).
ANNOUNCED = re.compile(r"(?:^|\n|[.:!?] )(" + "|".join(w.capitalize() for w in sorted(WORDS, key=len, reverse=True))
                       + r"|\d+) (?:questions|situations)\b")
EXERCISE = re.compile(r"exercise\(\s*\"([a-z0-9-]+)\"")
COUNTED = re.compile(r"\b(?:les|ses|sur|des|en) (" + "|".join(WORDS) + r"|\d+) (modules|dimensions)\b", re.IGNORECASE)


def actual_counts() -> dict[str, int]:
    """What a text may count: the course's modules and the self-diagnostic's dimensions."""
    from pmesocial.data.course import modules
    from pmesocial.data.diagnostic import load_diagnostic

    return {"modules": len(modules()), "dimensions": len(load_diagnostic()["dimensions"])}


def count_findings(texts: list[Text]) -> list[str]:
    """« les sept modules » when there are nine: a count written in a text must be the real one."""
    actual, found = actual_counts(), []
    for t in texts:
        for match in COUNTED.finditer(t.text):
            number = match.group(1)
            said = int(number) if number.isdigit() else WORDS[number.lower()]
            if said != actual[match.group(2).lower()]:
                found.append(f"{t.where} : « {match.group(0)} » : le cours en compte {actual[match.group(2).lower()]}")
    return found


def announced_findings() -> list[str]:
    """« Douze questions » just above an exercise that has seventeen: the text announcing an
    exercise says how many questions it has."""
    from pmesocial.data.banks import load_bank

    found = []
    for folder in NOTEBOOK_FOLDERS:
        for path in sorted((REPO_DIR / folder).glob("*.ipynb")):
            cells = json.loads(path.read_text("utf-8"))["cells"]
            for n, cell in enumerate(cells):
                bank = EXERCISE.search("".join(cell["source"])) if cell["cell_type"] == "code" else None
                before = next((c for c in reversed(cells[:n]) if c["cell_type"] == "markdown"), None)
                if not bank or before is None:
                    continue
                count = len(load_bank(bank.group(1))["questions"])
                for match in ANNOUNCED.finditer("".join(before["source"])):
                    number = match.group(1).lower()
                    said = int(number) if number.isdigit() else WORDS[number]
                    if said != count:
                        said_text = match.group(0).strip("\n.:!? ")
                        found.append(f"{folder}/{path.name}, cellule {n - 1} : « {said_text} » annoncées, "
                                     f"l'exercice « {bank.group(1)} » en a {count}")
    return found


def question_law_findings() -> list[str]:
    """Questions that speak of the law without naming their rows of data/law."""
    found = []
    for path in sorted((DATA_DIR / "quiz").glob("*.yaml")):
        for q in read_yaml(path).get("questions", []):
            text = "\n".join(t for _, t in _strings(q, ""))
            if learner_text.is_legal(text) and not q.get("law"):
                found.append(f"data/quiz/{path.name} : question « {q['id']} » : elle parle de droit ; "
                             "nommez ses règles dans « law: [identifiants de data/law] »")
    return found


def findings(texts: list[Text] | None = None) -> list[str]:
    texts = all_texts() if texts is None else texts
    found = []
    terms = terminology()
    for t in texts:
        for note in research_notes_in(t.text):
            found.append(f"{t.where} : note d'auteur dans un texte pour le stagiaire : « {note} »")
        if t.where.split(",")[0] not in VARIANTS_ALLOWED:
            for variant, term in learner_text.variants_used(t.text, terms):
                found.append(f"{t.where} : « {variant} » : le cours dit « {term} »")
        if t.kind in ("lesson", "practice"):
            for sentence in learner_text.legal_sentences_without_row(t.text):
                found.append(f"{t.where} : phrase de droit sans lien vers data/law : « {sentence[:90]}… »")
    for module, report in lesson_reports(texts).items():
        if report["mean"] > learner_text.MEAN_WORDS_MAX:
            found.append(f"module {module} : {report['mean']} mots par phrase en moyenne "
                         f"(au plus {learner_text.MEAN_WORDS_MAX})")
        for sentence in report["over"]:
            found.append(f"module {module} : phrase de plus de {learner_text.SENTENCE_WORDS_MAX} mots : "
                         f"« {sentence[:90]}… »")
    return found + count_findings(texts) + announced_findings() + question_law_findings() + section_ref_findings(texts)


def module_titles() -> dict[int, list[str]]:
    """Headings and box titles of each module's lesson notebook."""
    titles: dict[int, list[str]] = {}
    for path in sorted((REPO_DIR / "notebooks").glob("*.ipynb")):
        cells = json.loads(path.read_text("utf-8"))["cells"]
        text = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
        titles.setdefault(_module_of(path), []).extend(learner_text.section_titles(text))
    return titles


def section_ref_findings(texts: list[Text], titles: dict[int, list[str]] | None = None) -> list[str]:
    """References to a section of a module that has no such section."""
    titles = module_titles() if titles is None else titles
    return [f"{t.where} : « {ref} » : le module {ref.split()[1].rstrip(',')} n'a pas de section de ce titre"
            for t in texts for ref in learner_text.broken_section_refs(t.text, titles)]


def lesson_reports(texts: list[Text] | None = None) -> dict[int, dict]:
    texts = all_texts() if texts is None else texts
    by_module: dict[int, list[str]] = {}
    for t in texts:
        if t.kind == "lesson" and t.module is not None:
            by_module.setdefault(t.module, []).append(t.text)
    return {m: learner_text.length_report(cells) for m, cells in sorted(by_module.items())}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Vérifie les textes lus par le stagiaire.")
    parser.add_argument("--report", action="store_true", help="affiche aussi les longueurs de phrases par module")
    args = parser.parse_args(argv)
    texts = all_texts()
    if args.report:
        print("module | phrases | mots par phrase (moyenne) | plus longue | au-delà de 40 mots")
        for module, r in lesson_reports(texts).items():
            print(f"{module} | {r['sentences']} | {r['mean']} | {r['max']} | {len(r['over'])}")
    found = findings(texts)
    for line in found:
        print(line)
    print(f"{len(found)} problème(s) dans les textes du stagiaire." if found else "Textes du stagiaire : rien à signaler.")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())

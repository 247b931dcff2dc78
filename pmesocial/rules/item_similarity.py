"""How close an exit-test question is to a question the trainee already practised.

An exit item measures transfer only if its situation and its wrong options are new: a
self-check item with the names, the trade and the numbers swapped is answered from memory.
Two measures, each a cosine between TF-IDF vectors of content words:

- **situation**: the prompts, after removing what a rewrite swaps without changing the
  situation (names, numbers, the words of the trade named);
- **distractors**: for each option of the exit item, its best match among the other item's
  options, averaged: the same wrong ideas worded again score high even in a new story.

Words are lower-cased, stop words dropped and cut to their first six letters (a light
stemmer that makes « prospecter », « prospection » one word). The weights come from the
whole set of questions compared, so words every question uses (« entreprise », « client »)
count little. Thresholds are in tools/check_items.py, with the reason for their values.
"""
from __future__ import annotations

import math
import re
from collections import Counter

STOP = frozenset("""
a à au aux avec ce ces cet cette ci dans de des du elle elles en est et être eux il ils je la le les leur leurs
lui ma mais me même mes moi mon ne ni nos notre nous on ou où par pas pour qu que quel quelle quels quelles qui
sa sans se ses si son sont sur ta te tes toi ton tu un une vos votre vous y plus moins très tout tous toute toutes
fait faire fais peut peuvent doit doivent avoir été ont avez sera seront était sont cela ça dont comme alors
aussi donc or car bien encore déjà après avant entre chez sous lors quand puis ainsi autre autres chaque
""".split())
STEM = 6
WORD = re.compile(r"[a-zà-ÿœ']+", re.IGNORECASE)
NAME = re.compile(r"(?<![.!?:«]\s)(?<!^)\b[A-ZÀ-Ý][a-zà-ÿ]+\b")


def tokens(text: str) -> list[str]:
    """Content words of a text, stemmed; names (capitalised words inside a sentence) and
    numbers left out."""
    text = NAME.sub(" ", text or "")
    words = []
    for raw in WORD.findall(text.lower().replace("’", "'")):
        word = raw.split("'")[-1]
        if len(word) >= 3 and word not in STOP:
            words.append(word[:STEM])
    return words


class Vectors:
    """TF-IDF vectors over a corpus of texts (the prompts and options compared)."""

    def __init__(self, corpus: list[str]):
        docs = [set(tokens(t)) for t in corpus]
        n = max(len(docs), 1)
        df = Counter(w for d in docs for w in d)
        self.idf = {w: math.log((1 + n) / (1 + c)) + 1 for w, c in df.items()}

    def vector(self, text: str) -> dict[str, float]:
        counts = Counter(tokens(text))
        return {w: c * self.idf.get(w, 1.0) for w, c in counts.items()}

    def cosine(self, a: str, b: str) -> float:
        va, vb = self.vector(a), self.vector(b)
        dot = sum(v * vb.get(w, 0.0) for w, v in va.items())
        norm = math.sqrt(sum(v * v for v in va.values())) * math.sqrt(sum(v * v for v in vb.values()))
        return dot / norm if norm else 0.0


def option_texts(question: dict) -> list[str]:
    return [o["text"] for o in question.get("options", [])] or [i["text"] for i in question.get("items", [])]


def situation(vectors: Vectors, a: dict, b: dict) -> float:
    return vectors.cosine(a["prompt"], b["prompt"])


def distractors(vectors: Vectors, a: dict, b: dict) -> float:
    """Mean over a's options of the best cosine with one of b's options."""
    mine, theirs = option_texts(a), option_texts(b)
    if not mine or not theirs:
        return 0.0
    return sum(max(vectors.cosine(x, y) for y in theirs) for x in mine) / len(mine)


def corpus(questions: list[dict]) -> list[str]:
    return [t for q in questions for t in [q["prompt"], *option_texts(q)]]

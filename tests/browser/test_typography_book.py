"""French typography in the built book (no browser needed, the built pages are read):
at least 99 % of ; : ! ? % « » in page text and in the exercises' data have their
no-break space, and none has a breakable one."""
import json
import re
from html.parser import HTMLParser

from .conftest import BOOK

SPACES = "\u00a0\u202f"
HIGH = re.compile(r"[;:!?](?=\s|$)")  # in French position: followed by a space or the end


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.texts, self.payloads, self._skip, self._json = [], [], 0, False

    def handle_starttag(self, tag, attrs):
        if tag in ("style", "code", "pre", "kbd", "samp", "textarea"):
            self._skip += 1
        if tag == "script":
            self._skip += 1
            self._json = ("type", "application/json") in attrs

    def handle_endtag(self, tag):
        if tag in ("style", "code", "pre", "kbd", "samp", "textarea", "script"):
            self._skip = max(0, self._skip - 1)
            self._json = False

    def handle_data(self, data):
        if self._json:
            self.payloads.append(data)
        elif not self._skip:
            self.texts.append(data)


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            if k not in ("id", "type", "purpose", "objective", "figure", "kind", "record_key", "answer"):
                yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def _count(text: str) -> tuple[int, int, list[str]]:
    total = ok = 0
    bad = []
    for match in HIGH.finditer(text):
        i = match.start()
        if text[i] == ":" and i and text[i - 1].isdigit():
            continue
        total += 1
        if i and text[i - 1] in SPACES:
            ok += 1
        else:
            bad.append(text[max(0, i - 25):i + 5])
    for match in re.finditer("[%»]", text):
        i = match.start()
        if text[i] == "%" and not (i and (text[i - 1].isdigit() or text[i - 1] in " " + SPACES)):
            continue
        if text[i] == "%" and text[i + 1:i + 2] == "{":  # a plotly placeholder, not a percent sign
            continue
        total += 1
        ok += bool(i and text[i - 1] in SPACES)
        if not (i and text[i - 1] in SPACES):
            bad.append(text[max(0, i - 25):i + 5])
    for match in re.finditer("«", text):
        i = match.start()
        total += 1
        ok += i + 1 < len(text) and text[i + 1] in SPACES
        if not (i + 1 < len(text) and text[i + 1] in SPACES):
            bad.append(text[i:i + 25])
    return total, ok, bad


def test_the_built_book_has_french_typography():
    totals = {"page": [0, 0], "exercises": [0, 0]}
    breakable, examples = [], []
    for path in sorted(BOOK.rglob("*.html")):
        if "_static" in path.parts or path.name in ("search.html", "genindex.html"):
            continue
        parser = _Text()
        parser.feed(path.read_text("utf-8"))
        page_text = "".join(parser.texts)
        data_text = "\n".join(s for p in parser.payloads for s in _strings(json.loads(p)))
        for kind, text in (("page", page_text), ("exercises", data_text)):
            total, ok, bad = _count(text)
            totals[kind][0] += total
            totals[kind][1] += ok
            examples += [f"{path.name}: {b!r}" for b in bad[:2]]
            # « %{y} » is a plotly placeholder, not a percent sign
            breakable += [f"{path.name}: {m.group(0)!r}" for m in re.finditer(r"\S{0,15} ([;:!?»]|%(?!\{))|« ", text)][:3]
    for kind, (total, ok) in totals.items():
        assert total > 300 and ok / total >= 0.99, (kind, ok, total, examples[:10])
    assert breakable == [], breakable[:10]


# -- never inside an attribute (issue 23: a U+202F in the group radar's viewBox clipped it) --
# attributes that are text for a reader (a screen reader speaks them, or a chart's bar is
# named by its label): French typography belongs there
READ_ALOUD = frozenset({"aria-label", "alt", "title", "placeholder", "content", "aria-description", "data-label"})


class _Attributes(HTMLParser):
    def __init__(self):
        super().__init__()
        self.spaced: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.spaced += [f"<{tag} {name}={value!r}>" for name, value in attrs
                        if name not in READ_ALOUD and value and any(s in value for s in SPACES)]

    handle_startendtag = handle_starttag


def spaced_attributes(html: str) -> list[str]:
    """Every attribute of `html` holding a no-break or narrow no-break space."""
    parser = _Attributes()
    parser.feed(html)
    return parser.spaced


TRAINER_BOOK = BOOK.parent / "formateur" / "_build" / "html"


def test_no_typographic_space_in_any_attribute_of_either_edition():
    pages = [p for root in (BOOK, TRAINER_BOOK) for p in root.rglob("*.html") if "_static" not in p.parts]
    assert len([p for p in pages if TRAINER_BOOK in p.parents]) > 10 and len(pages) > 40
    found = {str(p): bad for p in pages if (bad := spaced_attributes(p.read_text("utf-8")))}
    assert found == {}


"""A cache of the course's data files once checked (question banks, forms, time budget,
diagnostic, programme, training body), so that a kernel does not parse, validate and
typograph again a file already checked: an exercise's bank then loads in about a
millisecond, without importing PyYAML and jsonschema (about 100 ms in a kernel) nor
checking every question against the schema.

An entry is the JSON of what the loader returned, under a key that hashes all that the
result depends on: the file's bytes, the other files its loader reads (figures, other
forms), and the code and schemas that check and shape it (pmesocial/data/*.py,
rules/typography.py, schemas/*.json). Change any of them and the file is checked again.
Only what passed its checks is kept: a broken file is checked, and its problems named,
every time.

Where: $PMESOCIAL_CACHE when set (empty: no cache), else the user's cache folder
(~/.cache/pmesocial on Linux), never among the course's files. The entries hold course
content only, nothing a trainee typed. Each is written whole or not at all (a temporary
file, then a rename, as two kernels may write at once); an entry that cannot be read, or
a folder that cannot be written, only means that the file is checked as without a cache.
"""
from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import TypeVar

from pmesocial.paths import PACKAGE_DIR

ENV = "PMESOCIAL_CACHE"
FORMAT = b"pmesocial-checked-1"
# the code and schemas that check and shape a data file, relative to the package
CODE = ("data/*.py", "rules/typography.py", "schemas/*.json")

T = TypeVar("T")


def cache_dir() -> Path | None:
    """The cache folder, or None when the cache is off (PMESOCIAL_CACHE set but empty)."""
    chosen = os.environ.get(ENV)
    if chosen is not None:
        return Path(chosen) if chosen else None
    try:
        from platformdirs import user_cache_dir  # Jupyter's own dependency; already loaded in a kernel
    except ImportError:
        return Path.home() / ".cache" / "pmesocial"
    return Path(user_cache_dir("pmesocial", appauthor=False))


@cache
def _code_digest() -> bytes:
    digest = hashlib.sha256(FORMAT)
    for pattern in CODE:
        for path in sorted(PACKAGE_DIR.glob(pattern)):
            digest.update(f"\0{path.relative_to(PACKAGE_DIR).as_posix()}\0".encode())
            digest.update(path.read_bytes())
    return digest.digest()


def _key(path: Path, also: Iterable[Path]) -> str | None:
    digest = hashlib.sha256(_code_digest())
    own = [] if path.is_dir() else [path]  # a folder: what counts of it is in `also`
    for part in (*own, *sorted(set(also) - {path})):
        try:
            content = part.read_bytes()
        except OSError:
            return None  # the loader says what is missing
        digest.update(f"\0{part.name}\0{len(content)}\0".encode())
        digest.update(content)
    return digest.hexdigest()


def checked(kind: str, path: Path, load: Callable[[], T], also: Iterable[Path] = ()) -> T:
    """What `load()` returns for the data file `path` (or for the files of `also` in the
    folder `path`), from the cache when neither the file, nor the files in `also`, nor the
    course's checking code have changed since."""
    folder = cache_dir()
    path = Path(path)
    key = _key(path, also) if folder is not None else None
    if key is None:
        return load()
    entry = folder / "checked" / f"{kind}-{hashlib.sha256(str(path.resolve()).encode()).hexdigest()[:32]}.json"
    try:
        stored = json.loads(entry.read_text("utf-8"))
        if stored.get("key") == key:
            return stored["value"]
    except (OSError, ValueError, AttributeError, KeyError):
        pass
    value = load()  # raises, naming the problem, for a file that fails its checks: nothing is kept
    try:
        text = json.dumps({"key": key, "source": str(path), "value": value}, ensure_ascii=False)
    except (TypeError, ValueError):
        return value
    if json.loads(text)["value"] != value:  # not plain JSON (a YAML date, a tuple…): not kept
        return value
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        temporary = entry.with_name(f".{entry.name}.{os.getpid()}.tmp")
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, entry)
    except OSError:
        pass
    return value

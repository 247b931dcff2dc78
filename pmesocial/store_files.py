"""The files the kernel keeps next to the trainee's record, on real file systems.

Only regular files are read, replaced or set aside: a directory, a FIFO (reading one waits
for a writer forever), a device or a socket at a record's path is left alone and named in
French. A file is replaced only by a complete copy already on the disk: written to a
temporary file in the same folder, flushed (fsync), moved into place (os.replace, atomic),
then the folder's entry flushed too; a failure (full disk, read-only folder) leaves the
old file as it was and says so in French, naming the path.
"""
from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path


class StoreError(Exception):
    """A file of the store that cannot be read or written; the message is for the trainee,
    in French, and names the path. `kind` says what is there instead of a regular file
    (« c'est un dossier »…), `why` what the system refused (« le disque est plein »…)."""

    def __init__(self, message: str, kind: str = "", why: str = ""):
        super().__init__(message)
        self.kind, self.why = kind, why


KINDS = [(stat.S_ISDIR, "c'est un dossier"), (stat.S_ISFIFO, "c'est un tube (FIFO)"),
         (stat.S_ISCHR, "c'est un périphérique"), (stat.S_ISBLK, "c'est un périphérique"),
         (stat.S_ISSOCK, "c'est une prise réseau (socket)")]
REASONS = {errno.ENOSPC: "le disque est plein", errno.EDQUOT: "votre quota de disque est atteint",
           errno.EROFS: "le dossier est en lecture seule", errno.EACCES: "vous n'avez pas le droit d'y écrire",
           errno.EPERM: "vous n'avez pas le droit d'y écrire", errno.ENOENT: "le dossier n'existe plus",
           errno.ENOTDIR: "un élément du chemin n'est pas un dossier", errno.EIO: "erreur du disque",
           errno.ENAMETOOLONG: "le chemin est trop long", errno.ELOOP: "le chemin tourne en rond (liens)"}


def reason(exc: OSError) -> str:
    """A system error in plain French words (its code when it has none)."""
    return REASONS.get(exc.errno, f"erreur du système ({errno.errorcode.get(exc.errno, exc.errno)})")


def not_a_file(path: Path, mode: int) -> StoreError:
    kind = next((text for test, text in KINDS if test(mode)), "ce n'est pas un fichier ordinaire")
    return StoreError(f"« {path} » n'est pas un fichier ({kind}) : le cours ne le lit pas et n'y écrit rien.", kind=kind)


def failed(path: Path, what: str, exc: OSError) -> StoreError:
    """« <path> n'a pas pu être <what> : <reason>. »"""
    return StoreError(f"« {path} » n'a pas pu être {what} : {reason(exc)}.", why=reason(exc))


def _check_regular(path: Path) -> bool:
    """True when `path` is a regular file (a link to one counts), False when absent;
    StoreError for anything else."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise failed(path, "lu", exc) from None
    if not stat.S_ISREG(mode):
        raise not_a_file(path, mode)
    return True


def read_regular(path: Path, most: int) -> bytes | None:
    """The bytes of a regular file (at most `most` + 1 of them: enough to tell it is too
    big), or None when there is none; StoreError for anything else at that path."""
    path = Path(path)
    if not _check_regular(path):
        return None
    try:
        # O_NONBLOCK: were a FIFO put there since the check, opening it does not wait
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise failed(path, "lu", exc) from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise not_a_file(path, mode)
        chunks, size = [], 0
        while size <= most:
            chunk = os.read(fd, min(1 << 20, most + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        return b"".join(chunks)
    except OSError as exc:
        raise failed(path, "lu", exc) from None
    finally:
        os.close(fd)


def _sync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return  # a system that cannot open a folder (Windows) has nothing to flush here
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems refuse fsync on a folder: the rename is done all the same
    finally:
        os.close(fd)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]
    os.fsync(fd)


def _fill(fd: int, data: bytes, written: Path, path: Path, done: str) -> None:
    """Write all of `data` to the open file `fd` (then closed) and flush it to the disk;
    on failure `written` is removed and StoreError names `path`."""
    try:
        try:
            _write_all(fd, data)
        finally:
            os.close(fd)
    except OSError as exc:
        written.unlink(missing_ok=True)
        raise failed(path, done, exc) from None


def replace_durably(path: Path, data: bytes) -> None:
    """`path` now holds `data`, or, on StoreError (French, names the path), is unchanged."""
    path = Path(path)
    _check_regular(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise failed(path, "enregistré", exc) from None
    _fill(fd, data, Path(tmp), path, "enregistré")
    try:
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise failed(path, "enregistré", exc) from None
    _sync_folder(path.parent)


def write_new(path: Path, data: bytes) -> None:
    """A new file holding `data`, never over an existing one (FileExistsError then);
    StoreError (French) when it cannot be written whole, and nothing left behind."""
    path = Path(path)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o600)
    except FileExistsError:
        raise
    except OSError as exc:
        raise failed(path, "écrit", exc) from None
    _fill(fd, data, path, path, "écrit")
    _sync_folder(path.parent)


def set_aside(path: Path, aside: Path) -> None:
    """Rename a regular file out of the way (its bytes stay on the disk); StoreError when
    it cannot be, and then nothing changed."""
    path = Path(path)
    _check_regular(path)
    if os.path.lexists(aside):
        raise StoreError(f"« {aside} » existe déjà : « {path} » n'a pas été déplacé.")
    try:
        os.rename(path, aside)
    except OSError as exc:
        raise failed(path, "mis de côté", exc) from None
    _sync_folder(path.parent)

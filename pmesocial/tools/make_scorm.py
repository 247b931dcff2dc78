"""The static book as a SCORM 1.2 package for a training body's LMS (Moodle and others).

    python -m pmesocial.tools.make_scorm [--book _build/html] [--out _build/…zip]

**One SCO for the whole course**, not one per module: the book moves freely between
its pages (sidebar, previous/next, links from one module to another), while SCORM 1.2
lets only the LMS move between SCOs; one SCO keeps the book's navigation and the
trainee's single record whole. Its launch page (pmesocial/scorm/index.html) holds the
LMS session and shows the book in a frame; it reports cmi.core.lesson_status,
cmi.core.score.raw (the exit test, first attempts, in percent) and cmi.core.session_time,
and keeps the record's progress in cmi.suspend_data (rules/scorm.js: 4,096 characters
at most, evidence first). The package holds every file of the built book except source
maps, and nothing is loaded from another host.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from pmesocial.paths import REPO_DIR

PACKAGE_DIR = Path(__file__).resolve().parents[1] / "scorm"
LAUNCH = "scorm/index.html"
SKIPPED_SUFFIXES = (".map",)
SKIPPED_NAMES = {".buildinfo"}
IDENTIFIER = "pmesocial-medias-sociaux-pme"


def course_data() -> dict:
    """The course as the launch page needs it: the documents' course info (sequences and
    their banks), each bank's question ids, points and purpose, and a short hash of the
    bank's questions (a saved progress is not restored into a bank that changed since)."""
    from pmesocial.data.banks import load_bank
    from pmesocial.data.course import course_info
    from pmesocial.rules import evidence, scoring

    info = course_info()
    bank_ids = [b for s in info["sequences"] for b in s["banks"]] + [s["test"] for s in info["sequences"] if s.get("test")]
    banks = []
    for bank_id in dict.fromkeys(bank_ids):
        bank = load_bank(bank_id)
        qids = [q["id"] for q in bank["questions"]]
        banks.append({"id": bank_id, "purpose": bank["purpose"], "questions": qids,
                      "max": [scoring.max_score(q) for q in bank["questions"]],
                      "hash": hashlib.sha256(f"{bank_id}:{','.join(qids)}".encode()).hexdigest()[:8]})
    return {**info, "banks": banks, "exit_test": evidence.EXIT_TEST}


def host_scripts() -> list[str]:
    """What the launch page loads: the rules the book's record and documents pages use
    (book/__init__.py's lists, in their order), the package's own rule, its course, itself."""
    from pmesocial.book import DOCUMENTS, STORE

    rules = [s for s in dict.fromkeys(STORE + DOCUMENTS) if s.startswith(("rules/", "schemas/"))]
    return [f"../_static/pmesocial/{s}" for s in rules + ["rules/scorm.js"]] + ["course.js", "host.js"]


def launch_page() -> bytes:
    tags = "\n".join(f'<script src="{src}"></script>' for src in host_scripts())
    return (PACKAGE_DIR / "index.html").read_text("utf-8").replace("<!-- scripts -->", tags).encode("utf-8")


def manifest(title: str, files: list[str]) -> str:
    listed = "\n".join(f"      <file href={quoteattr(name)}/>" for name in files)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="{IDENTIFIER}" version="1.2"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd
                      http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd
                      http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="{IDENTIFIER}-org">
    <organization identifier="{IDENTIFIER}-org">
      <title>{escape(title)}</title>
      <item identifier="{IDENTIFIER}-item" identifierref="{IDENTIFIER}-sco" isvisible="true">
        <title>{escape(title)}</title>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="{IDENTIFIER}-sco" type="webcontent" adlcp:scormtype="sco" href="{LAUNCH}">
{listed}
    </resource>
  </resources>
</manifest>
"""


def build(book: Path, out: Path) -> Path:
    if not (book / "index.html").is_file():
        raise FileNotFoundError(f"Le livre n'est pas construit dans {book} : lancez d'abord « make book ».")
    course = course_data()
    extra = {LAUNCH: launch_page(),
             "scorm/host.js": (PACKAGE_DIR / "host.js").read_bytes(),
             "scorm/course.js": ("window.PmesScormCourse = " + json.dumps(course, ensure_ascii=False, separators=(",", ":"))
                                 + ";\n").encode("utf-8")}
    files = sorted(p.relative_to(book).as_posix() for p in book.rglob("*")
                   if p.is_file() and p.name not in SKIPPED_NAMES and not p.name.endswith(SKIPPED_SUFFIXES))
    names = sorted(set(files) | set(extra))
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("imsmanifest.xml", manifest(course["title"], names))
        for name in names:
            if name in extra:
                archive.writestr(name, extra[name])
            else:
                archive.write(book / name, name)
    tmp.replace(out)
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--book", type=Path, default=REPO_DIR / "_build" / "html")
    parser.add_argument("--out", type=Path, default=REPO_DIR / "_build" / "medias-sociaux-pme-scorm12.zip")
    args = parser.parse_args(argv)
    try:
        out = build(args.book, args.out)
    except FileNotFoundError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"Paquet SCORM 1.2 : {out} ({out.stat().st_size / 1e6:.1f} Mo).")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The static book as SCORM packages for a training body's LMS: SCORM 1.2 (Moodle and
most LMSs) and SCORM 2004 4th edition (LMSs that take only 2004, such as Digiforma).

    python -m pmesocial.tools.make_scorm [--book _build/html] [--version 1.2|2004|both] [--out-dir _build]

**One SCO for the whole course**, not one per module: the book moves freely between
its pages (sidebar, previous/next, links from one module to another), while SCORM lets
only the LMS move between SCOs; one SCO keeps the book's navigation and the trainee's
single record whole. Its launch page (pmesocial/scorm/index.html, host.js) holds the LMS
session and shows the book in a frame; it reports the status, the score (the exit test,
first attempts, in percent), the session time, and keeps the record in cmi.suspend_data
(rules/scorm.js: the whole record when it fits; SCORM 1.2's 4,096 characters keep the
trainee's own work first and the launch page says what they cannot keep). Each package
holds every file of the built book except source maps, the schema files its manifest
names (pmesocial/scorm/schemas/), pako (npm) to compress the suspend data, and nothing is
loaded from another host.
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
SCHEMAS = {"1.2": PACKAGE_DIR / "schemas" / "scorm12", "2004": PACKAGE_DIR / "schemas" / "scorm2004-4th"}
PAKO = REPO_DIR / "node_modules" / "pako"
LAUNCH = "scorm/index.html"
OUT_NAMES = {"1.2": "medias-sociaux-pme-scorm12.zip", "2004": "medias-sociaux-pme-scorm2004.zip"}
SKIPPED_SUFFIXES = (".map",)
SKIPPED_NAMES = {".buildinfo"}
IDENTIFIER = "pmesocial-medias-sociaux-pme"


def course_data() -> dict:
    """The course as the launch page needs it: the documents' course info (sequences and
    their banks), each bank's question ids, points, purpose and title, and a short hash of
    the bank's questions (a saved progress is not restored into a bank that changed since);
    the forms' titles and the self-diagnostic's item and dimension ids (rules/scorm.js)."""
    from pmesocial.data.banks import load_bank
    from pmesocial.data.course import course_info
    from pmesocial.data.diagnostic import load_diagnostic
    from pmesocial.data.forms import FORMS_DIR, load_form
    from pmesocial.rules import evidence, scoring

    info = course_info()
    bank_ids = [b for s in info["sequences"] for b in s["banks"]] + [s["test"] for s in info["sequences"] if s.get("test")]
    banks = []
    for bank_id in dict.fromkeys(bank_ids):
        bank = load_bank(bank_id)
        qids = [q["id"] for q in bank["questions"]]
        banks.append({"id": bank_id, "purpose": bank["purpose"], "questions": qids, "title": bank["title"],
                      "max": [scoring.max_score(q) for q in bank["questions"]],
                      "hash": hashlib.sha256(f"{bank_id}:{','.join(qids)}".encode()).hexdigest()[:8]})
    diagnostic = load_diagnostic()
    return {**info, "banks": banks, "exit_test": evidence.EXIT_TEST,
            "forms": {p.stem: load_form(p.stem)["title"] for p in sorted(FORMS_DIR.glob("*.yaml"))},
            "diagnostic": {"items": [i["id"] for d in diagnostic["dimensions"] for i in d["items"]],
                           "dimensions": [d["id"] for d in diagnostic["dimensions"]]}}


def host_scripts() -> list[str]:
    """What the launch page loads: the rules the book's record and documents pages use
    (book/__init__.py's lists, in their order), pako, the package's own rule, its course,
    itself."""
    from pmesocial.front_end import DOCUMENTS, STORE

    rules = [s for s in dict.fromkeys(STORE + DOCUMENTS) if s.startswith(("rules/", "schemas/"))]
    return [f"../_static/pmesocial/{s}" for s in rules] + ["pako.min.js", "../_static/pmesocial/rules/scorm.js",
                                                         "course.js", "host.js"]


def launch_page() -> bytes:
    tags = "\n".join(f'<script src="{src}"></script>' for src in host_scripts())
    return (PACKAGE_DIR / "index.html").read_text("utf-8").replace("<!-- scripts -->", tags).encode("utf-8")


def manifest(title: str, files: list[str]) -> str:
    """SCORM 1.2: IMS CP 1.1.2 with ADL's adlcp_rootv1p2 extension."""
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


def manifest_2004(title: str, files: list[str]) -> str:
    """SCORM 2004 4th edition: IMS CP 1.1.4 with ADL's v1p3 extensions and IMS Simple
    Sequencing. The one item tells the LMS that the content sets completion and success
    itself (deliveryControls), so that an LMS never marks it completed on launch."""
    listed = "\n".join(f"      <file href={quoteattr(name)}/>" for name in files)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="{IDENTIFIER}" version="2"
  xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
  xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3"
  xmlns:adlnav="http://www.adlnet.org/xsd/adlnav_v1p3"
  xmlns:imsss="http://www.imsglobal.org/xsd/imsss"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd
                      http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd
                      http://www.adlnet.org/xsd/adlseq_v1p3 adlseq_v1p3.xsd
                      http://www.adlnet.org/xsd/adlnav_v1p3 adlnav_v1p3.xsd
                      http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>2004 4th Edition</schemaversion>
  </metadata>
  <organizations default="{IDENTIFIER}-org">
    <organization identifier="{IDENTIFIER}-org">
      <title>{escape(title)}</title>
      <item identifier="{IDENTIFIER}-item" identifierref="{IDENTIFIER}-sco" isvisible="true">
        <title>{escape(title)}</title>
        <imsss:sequencing>
          <imsss:deliveryControls completionSetByContent="true" objectiveSetByContent="true"/>
        </imsss:sequencing>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="{IDENTIFIER}-sco" type="webcontent" adlcp:scormType="sco" href="{LAUNCH}">
{listed}
    </resource>
  </resources>
</manifest>
"""


MANIFESTS = {"1.2": manifest, "2004": manifest_2004}


def build(book: Path, out: Path, version: str = "1.2") -> Path:
    if version not in MANIFESTS:
        raise ValueError(f"version SCORM inconnue : {version} (1.2 ou 2004)")
    if not (book / "index.html").is_file():
        raise FileNotFoundError(f"Le livre n'est pas construit dans {book} : lancez d'abord « make book ».")
    pako = PAKO / "dist" / "browser" / "pako.umd.min.js"
    if not pako.is_file():
        raise FileNotFoundError(f"pako manque ({pako}) : lancez d'abord « make js ».")
    course = {**course_data(), "scorm": version}
    extra = {LAUNCH: launch_page(),
             "scorm/host.js": (PACKAGE_DIR / "host.js").read_bytes(),
             "scorm/pako.min.js": pako.read_bytes(),
             "scorm/pako-LICENSE.txt": (PAKO / "LICENSE").read_bytes(),
             "scorm/course.js": ("window.PmesScormCourse = " + json.dumps(course, ensure_ascii=False, separators=(",", ":"))
                                 + ";\n").encode("utf-8")}
    schemas = {p.name: p.read_bytes() for p in sorted(SCHEMAS[version].iterdir()) if p.suffix in (".xsd", ".dtd")}
    files = sorted(p.relative_to(book).as_posix() for p in book.rglob("*")
                   if p.is_file() and p.name not in SKIPPED_NAMES and not p.name.endswith(SKIPPED_SUFFIXES))
    names = sorted(set(files) | set(extra))
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("imsmanifest.xml", MANIFESTS[version](course["title"], names))
        for name, data in schemas.items():
            archive.writestr(name, data)
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
    parser.add_argument("--version", choices=["1.2", "2004", "both"], default="both")
    parser.add_argument("--out-dir", type=Path, default=REPO_DIR / "_build")
    args = parser.parse_args(argv)
    try:
        for version in (["1.2", "2004"] if args.version == "both" else [args.version]):
            out = build(args.book, args.out_dir / OUT_NAMES[version], version)
            print(f"Paquet SCORM {version} : {out} ({out.stat().st_size / 1e6:.1f} Mo).")
    except FileNotFoundError as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

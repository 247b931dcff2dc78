"""The group view's part of `make bench` (scripts/bench.py calls it): how long the
trainer's group view takes for 20, 2,000 and 20,000 exported records, in a kernel
(`group_view(folder)`, files read and HTML made) and on the trainer edition's page with
no kernel (files picked, read and shown in Chromium); and the SCORM package's size.

The records are make_sample_records' synthetic trainees, each of whom has done the whole
course (every exercise, both tests, every form): the heaviest group a trainer can get.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from pmesocial.kernel.group_view import group_view
from pmesocial.tools.make_sample_records import generate
from tests.support.browser import CHROMIUM, CHROMIUM_ARGS, serve

REPO = Path(__file__).resolve().parents[1]
TRAINER_BOOK = REPO / "_build" / "formateur" / "_build" / "html"
PAGE = "/formateur/vue_de_groupe_sans_code.html"
SCORM_ZIP = REPO / "_build" / "medias-sociaux-pme-scorm12.zip"
GROUP_SIZES = (20, 2000, 20000)
TARGET_PAGE_S = {20: 2.0, 2000: 30.0}  # a trainer waits for a group (20 000: measured, no target)


@dataclass
class GroupBench:
    sizes: dict = field(default_factory=dict)  # size -> {"megabytes", "kernel", "page"} (seconds or reason)
    scorm: tuple | None = None                 # (bytes, files) or None


def _page_seconds(url: str, files: list[str]) -> float | str:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(url + PAGE)
            picker = page.locator("#pmes-group-files")
            picker.wait_for(state="attached")
            start = time.perf_counter()
            picker.set_input_files(files)
            page.locator(".pmes-group-files-view .pmes-group").wait_for(state="attached", timeout=30 * 60 * 1000)
            return time.perf_counter() - start
        except Exception as exc:  # a page that gives up is a result too
            return f"non mesuré : {str(exc).splitlines()[0][:120]}"
        finally:
            browser.close()


def _trainer_book() -> None:
    subprocess.run([str(Path(sys.executable).parent / "jupyter-book"), "build", ".", "-W", "-n", "--keep-going",
                    "--toc", "_toc_formateur.yml", "--path-output", "_build/formateur"],
                   cwd=REPO, check=True, stdout=subprocess.DEVNULL)


def measure() -> GroupBench:
    result = GroupBench()
    print("  édition formateur…", flush=True)
    _trainer_book()
    server = serve(TRAINER_BOOK)
    url = f"http://127.0.0.1:{server.server_address[1]}"
    work = Path(tempfile.mkdtemp(prefix="bench-groupe-"))
    try:
        for size in GROUP_SIZES:
            print(f"  vue de groupe, {size} dossiers…", flush=True)
            folder = work / f"groupe-{size}"
            files = [str(p) for p in generate(folder, count=size, malformed=2)]
            row = {"megabytes": sum(Path(f).stat().st_size for f in files) / 1e6}
            start = time.perf_counter()
            group_view(folder)._repr_html_()
            row["kernel"] = time.perf_counter() - start
            row["page"] = _page_seconds(url, files)
            result.sizes[size] = row
            shutil.rmtree(folder)
    finally:
        server.shutdown()
        shutil.rmtree(work, ignore_errors=True)
    print("  paquet SCORM…", flush=True)
    subprocess.run([sys.executable, "-m", "pmesocial.tools.make_scorm"], cwd=REPO, check=True, stdout=subprocess.DEVNULL)
    with zipfile.ZipFile(SCORM_ZIP) as package:
        result.scorm = (SCORM_ZIP.stat().st_size, len(package.namelist()))
    return result


def section(bench: GroupBench, fr, sec, check) -> list[str]:
    """The README lines (fr, sec: bench.py's French formats; check(label, ok) its targets)."""
    out = ["\n### Vue de groupe (dossiers exportés) et paquet SCORM\n",
           "Dossiers de `make_sample_records` (chaque stagiaire a tout fait : exercices, tests, questionnaires), "
           "plus 2 fichiers abîmés. Noyau : `group_view(dossier)._repr_html_()`, lecture comprise. Page : "
           f"`{PAGE.lstrip('/')}` de l'édition formateur dans Chromium, du choix des fichiers à la vue affichée.\n",
           "| dossiers | taille | noyau | page, sans noyau | objectif (page) |", "|---|---|---|---|---|"]
    for size, row in bench.sizes.items():
        page = row["page"]
        goal = "—"
        if size in TARGET_PAGE_S and not isinstance(page, str):
            goal = f"≤ {sec(TARGET_PAGE_S[size], 0)} " + check(
                f"vue de groupe, {size} dossiers : page {sec(page, 1)} > {sec(TARGET_PAGE_S[size], 0)}",
                page <= TARGET_PAGE_S[size])
        out.append(f"| {fr(size, 0)} | {fr(row['megabytes'], 0)} Mo | {sec(row['kernel'], 2)} | "
                   f"{page if isinstance(page, str) else sec(page, 2)} | {goal} |")
    if bench.scorm:
        size, files = bench.scorm
        out.append(f"\nPaquet SCORM 1.2 (`make scorm`) : {fr(size / 1e6, 1)} Mo, {fr(files, 0)} fichiers.")
    return out


if __name__ == "__main__":  # alone: python scripts/bench_group.py
    bench = measure()
    print("\n".join(section(bench, lambda x, d: f"{x:,.{d}f}".replace(",", " ").replace(".", ","),
                            lambda s, d: f"{s:.{d}f} s".replace(".", ","), lambda label, ok: "✔" if ok else "✘")))

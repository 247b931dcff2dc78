#!/usr/bin/env python3
"""Benchmark of the course (a measurement, not a test): it prints Markdown tables and
never fails because a target is missed, only when something it measures breaks.

    make bench                                  # measure and print
    .venv/bin/python scripts/bench.py --readme  # ... and rewrite the README section
                                                #     between <!-- bench:start/end -->

What it measures:
1. book build time, full (caches deleted) then cached (same build again, nothing changed);
2. every book page of _toc.yml in Debian's Chromium (Playwright), served from _build/html
   on 127.0.0.1 like tests/browser/conftest.py: first visit with a cold cache, then the
   module pages visited one after the other after the home page (warm cache);
3. « Run All » of every notebook of notebooks/, solutions/ and outils/ in a fresh kernel,
   with an empty cache of checked data files (pmesocial/data/checked_cache.py) at the
   start, as for a trainee who follows the course in order; and, for each module, what its
   first code cell costs to import: in a fresh Python that has imported what a kernel
   imports itself, the cell's time and its longest import (`python -X importtime`);
4. Lighthouse (npm `lighthouse`, pinned in package.json; 12.x runs on Node 20) on every
   page, mobile profile, the book served gzip-compressed on 127.0.0.1 as a host would:
   the four scores, LCP, TBT and the bytes transferred;
5. the targets below, one ✔/✘ per row and a summary.
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlparse

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import bench_group  # noqa: E402  (scripts/, next to this file)
import bench_lrs  # noqa: E402

from tests.support.browser import CHROMIUM, LOCAL_HOSTS, NO_OTHER_HOST, NOT_NETWORK, toc_pages  # noqa: E402
from tests.support.browser import CHROMIUM_ARGS as BROWSER_ARGS  # noqa: E402
from tests.support.browser import serve as shared_serve  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
BUILD = REPO / "_build"
BOOK = BUILD / "html"
README = REPO / "README.md"
NOTEBOOK_DIRS = ("notebooks", "solutions", "outils")
MODULE_DIR = "notebooks"  # the course modules; the per-module targets apply to them

# Same browser as the browser tests (tests/support/browser.py), plus a resolver rule that
# makes every other host unreachable without routing (routes would turn the HTTP cache off).
CHROMIUM_ARGS = BROWSER_ARGS + [NO_OTHER_HOST]

SETTLE_MS = 1000          # after the load event, so that deferred scripts (plotly) arrive
IN_FLIGHT_MAX_S = 10.0    # then wait (at most this long) for requests still in flight
GZIP_LEVEL = 6
EMPTY_RUNS = 3            # empty-notebook runs to estimate kernel start-up and shutdown
IMPORT_RUNS = 3           # runs of a module's first cell; the fastest counts (the least disturbed)
# what a kernel has imported before a notebook's first cell, so that only the course's imports count
KERNEL_IMPORTS = "import ipykernel.kernelapp, ipykernel.ipkernel, ipykernel.zmqshell"

# Targets. Sizes in bytes, KB = 1000 bytes (written « Ko » in the tables).
KB = 1000
TARGET_MODULE_HTML = 300 * KB       # HTML of a module page
TARGET_FIRST_VISIT_GZ = 250 * KB    # a first visit (cold cache), gzip-compressed, everything included
TARGET_LATER_PAGE_GZ = 40 * KB      # a module page after others, transferred, gzip-compressed
TARGET_RUN_ALL_S = 1.0              # Run All of a module, kernel start-up excluded
TARGET_IMPORT_MS = 50.0             # no import on the path of a module's first cell takes longer
TARGET_CACHED_BUILD_S = 20.0        # rebuild with nothing changed
# full build: no slower than before issue 11. The issue says 28 s, measured on the seven-module
# book; the same nine-module book built in 36,5 s just before issue 11 (commit 085344d).
TARGET_FULL_BUILD_S = 36.5
# Lighthouse, mobile profile (simulated slow 4G, 4× CPU slowdown), book served with gzip
TARGET_SCORES = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
TARGET_LCP_MS = 2500
TARGET_TBT_MS = 150
LIGHTHOUSE = REPO / "node_modules" / "lighthouse" / "cli" / "index.js"

OK, KO = "✔", "✘"


# ---------------------------------------------------------------- French number format

def fr(value: float, decimals: int = 1) -> str:
    """1234.5 -> « 1 234,5 » (no-break space between thousands, decimal comma)."""
    return f"{value:,.{decimals}f}".replace(",", "\u00a0").replace(".", ",")


def ko(size: int, decimals: int = 1) -> str:
    return f"{fr(size / KB, decimals)}\u00a0Ko"


def sec(seconds: float, decimals: int = 1) -> str:
    return f"{fr(seconds, decimals)}\u00a0s"


def ms(milliseconds: float, decimals: int = 0) -> str:
    return f"{fr(milliseconds, decimals)}\u00a0ms"


def mark(ok: bool) -> str:
    return OK if ok else KO


class Targets:
    """Every target checked, for the summary."""

    def __init__(self):
        self.checked: list[tuple[str, bool]] = []

    def check(self, label: str, ok: bool) -> str:
        self.checked.append((label, ok))
        return mark(ok)

    @property
    def missed(self) -> list[str]:
        return [label for label, ok in self.checked if not ok]


def table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


# ---------------------------------------------------------------- 1. book builds

def jupyter_book() -> str:
    local = Path(sys.executable).parent / "jupyter-book"
    return str(local) if local.exists() else (shutil.which("jupyter-book") or "jupyter-book")


def build_book(env: dict[str, str]) -> float:
    command = [jupyter_book(), "build", ".", "-W", "-n", "--keep-going"]
    started = time.perf_counter()
    done = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        tail = "\n".join((done.stdout + done.stderr).splitlines()[-60:])
        sys.stderr.write(tail + "\n")
        raise SystemExit(f"ÉCHEC : « {' '.join(command)} » a échoué (code {done.returncode}), "
                         "voir la fin de sa sortie ci-dessus.")
    return elapsed


def measure_builds(env: dict[str, str]) -> tuple[float, float]:
    for cached in (BOOK, BUILD / ".doctrees", BUILD / ".jupyter_cache"):
        shutil.rmtree(cached, ignore_errors=True)
    print("Construction complète du livre…", flush=True)
    full = build_book(env)
    print("Reconstruction sans changement…", flush=True)
    cached = build_book(env)
    return full, cached


# ---------------------------------------------------------------- 2. pages in the browser

def is_module(page: str) -> bool:
    return page.startswith(MODULE_DIR + "/")


class _LoggingHandler(SimpleHTTPRequestHandler):
    """Quiet, and keeps (path, status) of every answer: a server-side cross-check of what
    the browser says it fetched."""
    answers: list[tuple[str, int]] = []
    lock = threading.Lock()

    def log_request(self, code="-", size="-"):
        status = int(code) if isinstance(code, int) or str(code).isdigit() else 0  # HTTPStatus is an int
        with self.lock:
            self.answers.append((self.path, status))

    def log_message(self, *args):
        pass


def serve(directory: Path) -> ThreadingHTTPServer:
    return shared_serve(directory, _LoggingHandler)


_gzip_sizes: dict[bytes, int] = {}


def gzip_size(body: bytes) -> int:
    """Size of the body compressed as a server with gzip would send it (level 6)."""
    key = hashlib.sha1(body).digest()
    if key not in _gzip_sizes:
        _gzip_sizes[key] = len(gzip.compress(body, GZIP_LEVEL))
    return _gzip_sizes[key]


@dataclass
class Visit:
    requests: int = 0
    foreign: list[str] = field(default_factory=list)
    html: int = 0
    total: int = 0             # body bytes of every response (cached ones included)
    total_gz: int = 0
    transferred: int = 0       # body bytes the server actually sent
    transferred_gz: int = 0
    sent: int = 0              # responses 200 sent by the server
    revalidated: int = 0       # responses 304
    from_cache: int = 0        # responses the browser took from its cache, without asking
    plotly: bool = False
    server_200: int = 0        # the server's own count of its 200 answers, to cross-check
    unreadable: int = 0        # bodies Chromium would not give back


def visit(context, url: str) -> Visit:
    """Open url in the context's page, wait for load + SETTLE_MS and for no request in
    flight, then account for every response.

    Cache decision: a 304 (python's http.server answers revalidations with it) counts as 0
    body bytes; a 200 counts as transferred unless request.sizes()["responseBodySize"] is
    negative: for a response taken from the browser cache Chromium reports 0 bytes
    received, which Playwright turns into 0 - (header size). The server's log of its 200
    answers is kept as a cross-check of that decision."""
    page = context.pages[0] if context.pages else context.new_page()
    requests, responses, in_flight = [], [], set()

    def on_request(request):
        if urlparse(request.url).scheme not in NOT_NETWORK:
            requests.append(request.url)
            in_flight.add(request)

    def on_done(request):
        in_flight.discard(request)

    def on_response(response):
        if urlparse(response.url).scheme not in NOT_NETWORK:
            responses.append(response)

    context.on("request", on_request)
    context.on("requestfinished", on_done)
    context.on("requestfailed", on_done)
    context.on("response", on_response)
    with _LoggingHandler.lock:
        _LoggingHandler.answers.clear()
    try:
        main = page.goto(url, wait_until="load")
        page.wait_for_timeout(SETTLE_MS)
        deadline = time.monotonic() + IN_FLIGHT_MAX_S
        while in_flight and time.monotonic() < deadline:
            page.wait_for_timeout(100)
        result = Visit(requests=len(requests))
        result.foreign = [u for u in requests if urlparse(u).hostname not in LOCAL_HOSTS]
        if main is None or main.status != 200:
            raise SystemExit(f"ÉCHEC : {url} répond {main and main.status}")
        # Bodies are read now: Chromium drops them once the page navigates away.
        for response in responses:
            if "/plotly.min." in urlparse(response.url).path:  # plotly.js itself (hashed name), not ui/plotly.js
                result.plotly = True
            if response.status == 304:
                result.revalidated += 1
                continue
            if not 200 <= response.status < 300:
                continue
            try:
                cached = response.request.sizes()["responseBodySize"] < 0
            except Exception:
                cached = False
            try:
                body = response.body()
            except Exception:
                body = None
            if cached:
                result.from_cache += 1
            else:
                result.sent += 1
            if body is None:
                result.unreadable += 1
                continue
            size, size_gz = len(body), gzip_size(body)
            result.total += size
            result.total_gz += size_gz
            if not cached:
                result.transferred += size
                result.transferred_gz += size_gz
        result.html = len(main.body())
        with _LoggingHandler.lock:
            result.server_200 = sum(1 for _, status in _LoggingHandler.answers if status == 200)
        return result
    finally:
        context.remove_listener("request", on_request)
        context.remove_listener("requestfinished", on_done)
        context.remove_listener("requestfailed", on_done)
        context.remove_listener("response", on_response)


def measure_pages(pages: list[str]) -> tuple[dict[str, Visit], dict[str, Visit], str]:
    from playwright.sync_api import sync_playwright

    if not (BOOK / "index.html").exists():
        raise SystemExit("ÉCHEC : le livre n'est pas construit (_build/html/index.html absent).")
    server = serve(BOOK)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    context_options = {"viewport": {"width": 1280, "height": 900}, "locale": "fr-FR"}
    cold: dict[str, Visit] = {}
    later: dict[str, Visit] = {}
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            version = browser.version
            for page in pages:
                print(f"  première visite : {page}", flush=True)
                context = browser.new_context(**context_options)  # fresh: empty cache
                try:
                    cold[page] = visit(context, f"{base}/{page}.html")
                finally:
                    context.close()
            context = browser.new_context(**context_options)
            try:
                print(f"  visite suivie : {pages[0]} puis les modules", flush=True)
                visit(context, f"{base}/{pages[0]}.html")
                for page in (p for p in pages if is_module(p)):
                    later[page] = visit(context, f"{base}/{page}.html")
            finally:
                context.close()
            browser.close()
    finally:
        server.shutdown()
    return cold, later, version


@dataclass
class Audit:
    scores: dict[str, int]
    lcp_ms: float
    tbt_ms: float
    transferred: int   # what Lighthouse counts: every response, compressed as served, headers included


def lighthouse_version() -> str:
    import json

    return json.loads((LIGHTHOUSE.parents[1] / "package.json").read_text("utf-8"))["version"]


def audit_page(url: str) -> Audit:
    """One Lighthouse run (npm `lighthouse`, package-lock.json) on Debian's Chromium."""
    import json

    flags = " ".join(BROWSER_ARGS)
    command = ["node", str(LIGHTHOUSE), url, "--quiet", "--output=json", "--output-path=stdout",
               f"--chrome-flags={flags}", "--only-categories=performance,accessibility,best-practices,seo",
               "--form-factor=mobile", "--throttling-method=simulate"]
    done = subprocess.run(command, capture_output=True, text=True, env={**os.environ, "CHROME_PATH": CHROMIUM},
                          timeout=240)
    if done.returncode != 0:
        raise SystemExit(f"ÉCHEC : Lighthouse sur {url} : {done.stderr.strip()[-600:]}")
    result = json.loads(done.stdout)
    audits = result["audits"]
    return Audit({k: round(v["score"] * 100) for k, v in result["categories"].items()},
                 audits["largest-contentful-paint"]["numericValue"], audits["total-blocking-time"]["numericValue"],
                 int(audits["total-byte-weight"]["numericValue"]))


def measure_lighthouse(pages: list[str]) -> dict[str, Audit]:
    """Every page, the book served with gzip as a host would (tests.support.browser.GzipHandler)."""
    from tests.support.browser import GzipHandler

    if not LIGHTHOUSE.exists():
        raise SystemExit("ÉCHEC : Lighthouse manque (node_modules/lighthouse) : lancez « make js » (npm ci).")
    server = shared_serve(BOOK, GzipHandler)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    audits = {}
    try:
        for page in pages:
            print(f"  Lighthouse : {page}", flush=True)
            audits[page] = audit_page(f"{base}/{page}.html")
    finally:
        server.shutdown()
    return audits


# ---------------------------------------------------------------- 3. notebooks

@dataclass
class Run:
    code_cells: int
    total: float      # kernel start, every cell, kernel shutdown (what NotebookClient.execute() costs)
    run_all: float    # kernel ready -> last cell done
    slowest: tuple[int, float] = (0, 0.0)  # (cell number from 1, seconds)
    error: str = ""


def run_notebook(path: Path, record: Path) -> Run:
    from nbclient import NotebookClient

    os.environ["PMESOCIAL_RECORD"] = str(record)  # the kernel inherits it
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    code_cells = sum(1 for cell in nb.cells if cell.cell_type == "code")
    run_all, error, slowest = 0.0, "", (0, 0.0)
    started = time.perf_counter()
    client.reset_execution_trackers()
    # The same steps as NotebookClient.execute(), with clocks around the cells.
    with client.setup_kernel(stderr=subprocess.DEVNULL):  # no kernel start-up chatter
        client.wait_for_reply(client.kc.kernel_info())  # the kernel answers: it is ready
        ready = time.perf_counter()
        try:
            for index, cell in enumerate(nb.cells):
                cell_started = time.perf_counter()
                client.execute_cell(cell, index, execution_count=client.code_cells_executed + 1)
                cell_time = time.perf_counter() - cell_started
                if cell_time > slowest[1]:
                    slowest = (index + 1, cell_time)
        except Exception as exc:  # a broken notebook is reported, the others still run
            lines = str(exc).strip().splitlines()
            error = f"{type(exc).__name__}: {lines[-1] if lines else ''}"
        run_all = time.perf_counter() - ready
    return Run(code_cells, time.perf_counter() - started, run_all, slowest, error)


@dataclass
class FirstCell:
    seconds: float    # the first code cell, after what a kernel imports itself
    slowest: tuple[str, float] = ("", 0.0)  # its longest import (cumulative time, ms) and its name


IMPORT_MARK = "--- première cellule ---"


def first_code_cell(path: Path) -> str:
    return next((cell.source for cell in nbformat.read(path, as_version=4).cells if cell.cell_type == "code"), "")


def import_times(stderr: str) -> list[tuple[str, float]]:
    """(module, cumulative ms) of each line of `python -X importtime` after IMPORT_MARK."""
    out = []
    for line in stderr.split(IMPORT_MARK, 1)[-1].splitlines():
        parts = line.removeprefix("import time:").split("|")
        if line.startswith("import time:") and len(parts) == 3 and parts[1].strip().isdigit():
            out.append((parts[2].strip(), int(parts[1]) / 1000))
    return out


def measure_first_cell(path: Path) -> FirstCell:
    """The module's first code cell in a fresh Python, after the kernel's own imports,
    IMPORT_RUNS times: the fastest run (its time and its longest import)."""
    script = (f"{KERNEL_IMPORTS}\nimport sys, time\nprint({IMPORT_MARK!r}, file=sys.stderr, flush=True)\n"
              f"_started = time.perf_counter()\nexec(compile({first_code_cell(path)!r}, 'cellule-1', 'exec'))\n"
              "print(time.perf_counter() - _started)\n")
    best = None
    for _ in range(IMPORT_RUNS):
        done = subprocess.run([sys.executable, "-X", "importtime", "-c", script], cwd=path.parent,
                              capture_output=True, text=True)
        if done.returncode != 0:
            lines = done.stderr.strip().splitlines()
            raise SystemExit(f"ÉCHEC : la première cellule de {path.relative_to(REPO)} échoue : "
                             f"{lines[-1] if lines else done.returncode}")
        run = FirstCell(float(done.stdout.split()[-1]),
                        max(import_times(done.stderr), key=lambda item: item[1], default=("", 0.0)))
        if best is None or run.seconds < best.seconds:
            best = run
    return best


def measure_notebooks() -> tuple[dict[str, Run], float, dict[str, FirstCell]]:
    from nbclient import NotebookClient

    saved = {name: os.environ.get(name) for name in ("PMESOCIAL_RECORD", "PMESOCIAL_CACHE")}
    runs: dict[str, Run] = {}
    first_cells: dict[str, FirstCell] = {}
    try:
        with tempfile.TemporaryDirectory(prefix="pmesocial-bench-") as tmp:
            # the kernels inherit both: a record and a cache of checked data files that start empty
            os.environ["PMESOCIAL_CACHE"] = str(Path(tmp) / "cache")
            empty = []
            for i in range(EMPTY_RUNS):
                os.environ["PMESOCIAL_RECORD"] = str(Path(tmp) / f"vide-{i}.json")
                started = time.perf_counter()
                NotebookClient(nbformat.v4.new_notebook(), timeout=60, kernel_name="python3",
                               resources={"metadata": {"path": tmp}}).execute(stderr=subprocess.DEVNULL)
                empty.append(time.perf_counter() - started)
            for folder in NOTEBOOK_DIRS:
                for path in sorted((REPO / folder).glob("*.ipynb")):
                    name = f"{folder}/{path.stem}"
                    print(f"  Run All : {name}", flush=True)
                    # a fresh record per notebook: each run starts from the same state
                    runs[name] = run_notebook(path, Path(tmp) / f"{path.stem}.json")
            for path in sorted((REPO / MODULE_DIR).glob("*.ipynb")):
                print(f"  imports de la première cellule : {MODULE_DIR}/{path.stem}", flush=True)
                os.environ["PMESOCIAL_RECORD"] = str(Path(tmp) / f"import-{path.stem}.json")
                first_cells[f"{MODULE_DIR}/{path.stem}"] = measure_first_cell(path)
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    return runs, statistics.median(empty), first_cells


# ---------------------------------------------------------------- report

def load_average() -> str:
    try:
        return fr(os.getloadavg()[0], 1)
    except OSError:
        return "?"


def lighthouse_section(audits: dict[str, Audit], targets: Targets) -> list[str]:
    out = [f"\n### Lighthouse {lighthouse_version()}, profil mobile (4G lente simulée, processeur ralenti 4×), "
           "livre servi compressé (gzip)\n",
           "Objectifs : performance ≥ 95, accessibilité 100, bonnes pratiques 100, SEO 100 ; "
           f"LCP ≤ {sec(TARGET_LCP_MS / 1000, 1)} ; TBT ≤ {fr(TARGET_TBT_MS, 0)} ms. « Transféré » : ce que "
           "Lighthouse compte (réponses compressées, en-têtes compris).\n"]
    rows = []
    for page, a in audits.items():
        cells = [f"`{page}`"]
        for key, goal in TARGET_SCORES.items():
            score = a.scores.get(key, 0)
            cells.append(f"{score} " + targets.check(f"{page} : Lighthouse {key} {score} < {goal}", score >= goal))
        cells.append(f"{sec(a.lcp_ms / 1000, 2)} " + targets.check(
            f"{page} : LCP {sec(a.lcp_ms / 1000, 2)} > {sec(TARGET_LCP_MS / 1000, 1)}", a.lcp_ms <= TARGET_LCP_MS))
        cells.append(f"{fr(a.tbt_ms, 0)} ms " + targets.check(
            f"{page} : TBT {fr(a.tbt_ms, 0)} ms > {fr(TARGET_TBT_MS, 0)} ms", a.tbt_ms <= TARGET_TBT_MS))
        cells.append(ko(a.transferred))
        rows.append(cells)
    out.append(table(["page", "performance", "accessibilité", "bonnes pratiques", "SEO", "LCP", "TBT",
                      "transféré"], rows))
    return out


def report(builds, cold, later, runs, startup, chromium_version, load_start, first_cells=None,
           audits=None, lrs=None, groups=None) -> str:
    targets = Targets()
    out = [f"Mesuré le {datetime.now():%d/%m/%Y à %H:%M} ({os.cpu_count()} processeurs, charge "
           f"moyenne sur 1 min {load_start} au début et {load_average()} à la fin ; "
           f"Python {platform.python_version()}, Chromium {chromium_version}). "
           "Tailles en Ko, 1 Ko = 1 000 octets ; « gzip » : chaque réponse compressée "
           f"avec gzip niveau {GZIP_LEVEL}, comme l'enverrait un serveur qui compresse "
           "(le serveur de test, `http.server`, ne compresse pas)."]

    out.append("\n### Construction du livre (`jupyter-book build . -W -n --keep-going`)\n")
    if builds is None:
        out.append("Non mesurée (`--skip-build`).")
    else:
        full, cached = builds
        out.append(table(["construction", "durée", "objectif", ""], [
            ["complète (`_build/html`, `.doctrees`, `.jupyter_cache` supprimés)", sec(full),
             f"≤ {sec(TARGET_FULL_BUILD_S, 1)}",
             targets.check(f"construction complète {sec(full)} > {sec(TARGET_FULL_BUILD_S, 1)}",
                           full <= TARGET_FULL_BUILD_S)],
            ["en cache (relancée aussitôt, rien de changé)", sec(cached),
             f"≤ {sec(TARGET_CACHED_BUILD_S, 0)}",
             targets.check(f"reconstruction en cache {sec(cached)} > {sec(TARGET_CACHED_BUILD_S, 0)}",
                           cached <= TARGET_CACHED_BUILD_S)],
        ]))

    if audits:
        out += lighthouse_section(audits, targets)

    out.append("\n### Pages du livre, première visite (cache vide, 1 Ko = 1 000 octets)\n")
    out.append(f"Chaque page dans un contexte neuf de Chromium ; mesure au chargement + "
               f"{fr(SETTLE_MS / 1000, 0)} s. Objectifs : HTML d'un module ≤ {ko(TARGET_MODULE_HTML, 0)}, "
               f"première visite ≤ {ko(TARGET_FIRST_VISIT_GZ, 0)} compressée, tout compris, aucune "
               "requête vers un autre hôte ; plotly.js ne se charge que si le lecteur le demande "
               "(colonne « plotly » vide).\n")
    rows = []
    for page, v in cold.items():
        checks = [targets.check(f"{page} : {len(v.foreign)} requête(s) vers d'autres hôtes",
                                not v.foreign)]
        html_cell = ko(v.html)
        if is_module(page):
            html_cell += " " + targets.check(f"{page} : HTML {ko(v.html)} > {ko(TARGET_MODULE_HTML, 0)}",
                                             v.html <= TARGET_MODULE_HTML)
        gz_mark = targets.check(f"{page} : première visite {ko(v.total_gz)} compressée > "
                                f"{ko(TARGET_FIRST_VISIT_GZ, 0)}", v.total_gz <= TARGET_FIRST_VISIT_GZ)
        rows.append([f"`{page}`", "oui" if v.plotly else "", str(v.requests),
                     f"{len(v.foreign)} {checks[0]}", html_cell, ko(v.total),
                     f"{ko(v.total_gz)} {gz_mark}"])
    out.append(table(["page", "plotly", "requêtes", "autres hôtes", "HTML",
                      "total", "total gzip"], rows))
    unreadable = sum(v.unreadable for v in cold.values())
    if unreadable:
        out.append(f"\n{unreadable} corps de réponse illisibles (non comptés).")

    out.append("\n### Pages suivantes (1 Ko = 1 000 octets)\n")
    out.append(f"Un seul contexte : `{next(iter(cold))}`, puis chaque module dans l'ordre. "
               "Transféré : réponses 200 envoyées par le serveur (hors cache du navigateur ; "
               f"une 304 compte 0 octet). Objectif : ≤ {ko(TARGET_LATER_PAGE_GZ, 0)} compressés.\n")
    rows, mismatch = [], []
    for page, v in later.items():
        if v.server_200 != v.sent:
            mismatch.append(f"{page} (navigateur {v.sent}, serveur {v.server_200})")
        foreign_mark = targets.check(f"{page} (visite suivie) : {len(v.foreign)} requête(s) vers "
                                     "d'autres hôtes", not v.foreign)
        rows.append([f"`{page}`", str(v.requests), str(v.sent), str(v.revalidated),
                     str(v.from_cache), f"{len(v.foreign)} {foreign_mark}", ko(v.transferred),
                     f"{ko(v.transferred_gz)} " + targets.check(
                         f"{page} après les autres : {ko(v.transferred_gz)} compressés > "
                         f"{ko(TARGET_LATER_PAGE_GZ, 0)}", v.transferred_gz <= TARGET_LATER_PAGE_GZ)])
    out.append(table(["page", "requêtes", "200 envoyées", "304", "cache", "autres hôtes",
                      "transféré", "transféré gzip"], rows))
    if mismatch:
        out.append("\nAttention, le navigateur et le serveur ne comptent pas les mêmes réponses 200 : "
                   + ", ".join(mismatch) + ".")

    out.append("\n### Notebooks, « Run All » dans un noyau neuf\n")
    if runs is None:
        out.append("Non mesurés (`--skip-notebooks`).")
    else:
        first_cells = first_cells or {}
        out.append(f"Noyau `python3`, dossier du notebook, `PMESOCIAL_RECORD` temporaire, cache des données "
                   f"vérifiées (`PMESOCIAL_CACHE`) vide au départ, les notebooks dans l'ordre. « Run All » : "
                   f"du noyau prêt à la fin de la dernière cellule ; « total » : démarrage et arrêt du "
                   f"noyau compris (un notebook vide coûte {sec(startup, 2)}, médiane de {EMPTY_RUNS}). "
                   f"« Imports, 1re cellule » : la première cellule de code d'un module dans un Python neuf "
                   f"qui a déjà importé ce qu'importe un noyau (`{KERNEL_IMPORTS}`), la plus rapide de "
                   f"{IMPORT_RUNS} exécutions, et son import le plus long selon `python -X importtime` "
                   f"(temps cumulé). Objectifs pour un module : Run All ≤ {sec(TARGET_RUN_ALL_S, 0)}, "
                   f"aucun import de la première cellule au-delà de {ms(TARGET_IMPORT_MS)}.\n")
        rows = []
        for name, run in runs.items():
            if run.error:
                targets.check(f"{name} : erreur ({run.error})", False)
                goal = f"{KO} erreur : {run.error}"
            elif name.startswith(MODULE_DIR + "/"):
                goal = f"≤ {sec(TARGET_RUN_ALL_S, 0)} " + targets.check(
                    f"{name} : Run All {sec(run.run_all, 2)} > {sec(TARGET_RUN_ALL_S, 0)}",
                    run.run_all <= TARGET_RUN_ALL_S)
            else:
                goal = "—"
            imports = "—"
            if name in first_cells:
                first = first_cells[name]
                slow_name, slow_ms = first.slowest
                imports = (f"{ms(first.seconds * 1000)} ; le plus long : `{slow_name}` {ms(slow_ms)} "
                           + targets.check(f"{name} : import de `{slow_name}` en {ms(slow_ms)} > "
                                           f"{ms(TARGET_IMPORT_MS)} (première cellule)", slow_ms <= TARGET_IMPORT_MS))
            rows.append([f"`{name}`", str(run.code_cells), sec(run.total, 2),
                         sec(max(run.total - startup, 0), 2), sec(run.run_all, 2),
                         f"n° {run.slowest[0]} : {sec(run.slowest[1], 2)}", imports, goal])
        out.append(table(["notebook", "cellules de code", "total", "total − notebook vide",
                          "Run All", "cellule la plus lente", "imports, 1re cellule", "objectif"], rows))

    if lrs is not None:
        out += bench_lrs.section(lrs, fr, sec)
    if groups is not None:
        out += bench_group.section(groups, fr, sec, targets.check)

    missed = targets.missed
    out.append(f"\n### Bilan : {len(targets.checked) - len(missed)} objectifs atteints "
               f"sur {len(targets.checked)}\n")
    out.append("\n".join(f"- {KO} {label}" for label in missed) if missed
               else f"{OK} Tous les objectifs sont atteints.")
    return "\n".join(out) + "\n"


START, END = "<!-- bench:start -->", "<!-- bench:end -->"


def rewrite_readme(section: str) -> None:
    text = README.read_text(encoding="utf-8")
    if START not in text or END not in text:
        text = text.rstrip("\n") + f"\n\n## Mesures (make bench)\n\n{START}\n{END}\n"
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    README.write_text(f"{head}{START}\n{section.strip()}\n{END}{tail}", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--readme", action="store_true",
                        help="réécrit la section <!-- bench:start/end --> du README")
    parser.add_argument("--skip-build", action="store_true",
                        help="garde le livre déjà construit (mise au point du script)")
    parser.add_argument("--skip-notebooks", action="store_true",
                        help="ne mesure pas les notebooks (mise au point du script)")
    parser.add_argument("--skip-lighthouse", action="store_true",
                        help="ne lance pas Lighthouse (mise au point du script)")
    parser.add_argument("--skip-lrs", action="store_true",
                        help="ne mesure pas l'entrepôt d'apprentissage (mise au point du script)")
    parser.add_argument("--skip-group", action="store_true",
                        help="ne mesure pas la vue de groupe ni le paquet SCORM (mise au point du script)")
    args = parser.parse_args(argv)
    if args.readme and (args.skip_build or args.skip_notebooks or args.skip_lighthouse or args.skip_lrs
                        or args.skip_group):
        parser.error("--readme demande une mesure complète")

    load_start = load_average()
    env = dict(os.environ)
    # Like the Makefile: a build never touches a trainee's real record (~/.pmesocial).
    env.setdefault("PMESOCIAL_RECORD", str(BUILD / "dossier-outils.json"))
    builds = None if args.skip_build else measure_builds(env)
    pages = toc_pages()
    print("Pages dans Chromium…", flush=True)
    cold, later, version = measure_pages(pages)
    audits = None
    if not args.skip_lighthouse:
        print("Lighthouse…", flush=True)
        audits = measure_lighthouse(pages)
    lrs = None
    if not args.skip_lrs:
        print("Entrepôt d'apprentissage (Ralph)…", flush=True)
        lrs = bench_lrs.measure(BOOK)
    groups = None
    if not args.skip_group:
        print("Vue de groupe et paquet SCORM…", flush=True)
        groups = bench_group.measure()
    runs, startup, first_cells = (None, 0.0, {})
    if not args.skip_notebooks:
        print("Notebooks…", flush=True)
        runs, startup, first_cells = measure_notebooks()
    section = report(builds, cold, later, runs, startup, version, load_start, first_cells, audits, lrs, groups)
    print("\n" + section)
    if args.readme:
        rewrite_readme(section)
        print(f"README.md mis à jour (entre {START} et {END}).")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The learning record store's part of `make bench` (scripts/bench.py calls it): how many
statements per second the kernel and the book send to the local Ralph, and how long the
trainer's group view takes to read a group of 20, 2,000 or 20,000 trainees from it.

The groups are the synthetic records of pmesocial.tools.make_sample_records, turned into
the statements their trainees would have sent, written straight into Ralph's file store
(sending 440,000 statements through the API would measure the file backend's duplicate
check, which rereads the whole file on every request, not the group view).
"""
from __future__ import annotations

import json
import shutil
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from pmesocial.data.group_folder import load_group
from pmesocial.lrs import StatementQueue, course_profile, flush
from pmesocial.lrs_accounts import TRAINER_USER, agent
from pmesocial.lrs_group import load_group_from_lrs
from pmesocial.rules import xapi
from pmesocial.tools.make_sample_records import generate
from tests.support.browser import CHROMIUM, CHROMIUM_ARGS, serve
from tests.support.local_lrs import LocalLrs

GROUP_SIZES = (20, 2000, 20000)
# Ralph's file backend rereads its whole file for every page of a query: beyond this many
# statements a read takes hours; the production backends (Elasticsearch, MongoDB,
# ClickHouse) are made for it, and none can be installed on this offline machine.
FILE_BACKEND_LIMIT = 1_000_000
KERNEL_BACKLOG, KERNEL_ONE_BY_ONE, BOOK_ANSWERS = 2000, 200, 500


@dataclass
class LrsBench:
    kernel_batch: float = 0.0        # statements/s, a backlog sent in batches of 100
    kernel_single: float = 0.0       # statements/s, one answer, one request
    book: float = 0.0                # statements/s, answers checked one after another in the book
    groups: dict = field(default_factory=dict)  # size -> (statements, seconds read+view, file MB) or reason


def record_statements(record: dict, account: str, registration: str, prof: dict) -> list[dict]:
    """The statements a record's trainee sent (first attempts, tests handed in, forms,
    diagnostic), each at the time the record says."""
    iri, who = xapi.ids(prof["base"]), {"account": account, "registration": registration}
    out = []

    def add(verb, obj, at, result):
        st = xapi._statement(prof, who, record, verb, obj, at, result, platform="livre")
        out.append({**st, "id": str(uuid.uuid4()), "stored": at,
                    # as Ralph stores it: the agent of the trainee's own credential
                    "authority": agent(account, prof["home_page"])})

    tests = {s["test"]: s for s in prof["sequences"] if s.get("test")}
    for bank, entry in record.get("exercises", {}).items():
        for qid, first in entry.get("first", {}).items():
            if "score" in first:
                add("answered", xapi._activity(f"{iri['bank']}{bank}/question/{qid}", "question"), first["at"],
                    {"score": xapi._score(first["score"], first["max"]), "success": first["score"] >= first["max"],
                     "completion": True, "extensions": {iri["first_attempt"]: True}})
        if entry.get("submitted") and bank in tests:
            seq = tests[bank]
            add("completed", xapi._activity(iri["module"] + seq["id"], "assessment", seq["title"]), entry["submitted"],
                {"completion": True})
    for form_id, form in record.get("forms", {}).items():
        if form.get("submitted"):
            result = {"completion": True}
            if form_id in prof["forms_with_values"]:
                result["extensions"] = {iri["values"]: form.get("values", {})}
            add("responded", xapi._activity(iri["form"] + form_id, "survey"), form["submitted"], result)
    if record.get("diagnostic"):
        diag = record["diagnostic"]
        add("completed", xapi._activity(iri["diagnostic"], "assessment"), diag.get("updated", record["started"]),
            {"completion": True, "extensions": {iri["diagnostic_answers"]: {"answers": diag.get("answers", {}),
                                                                            "importance": diag.get("importance", {})}}})
    return out


def _kernel_throughput(lrs: LocalLrs, work: Path) -> tuple[float, float]:
    conf = {"endpoint": lrs.endpoint, "auth": lrs.auth("bench"), "account": "bench", "registration": str(uuid.uuid4())}
    prof = course_profile()
    record = {"trainee": {}, "exercises": {}}
    one = [xapi._statement(prof, conf, record, "answered",
                           xapi._activity(f"{prof['base']}/bank/bench/question/q{i}", "question"),
                           datetime.now(UTC).isoformat(), {"completion": True}) for i in range(KERNEL_BACKLOG)]
    queue = StatementQueue(work / "noyau.json")
    queue.add(one)
    start = time.perf_counter()
    sent = flush(work / "noyau.json", conf)
    batch = sent / (time.perf_counter() - start)
    start = time.perf_counter()
    for statement in one[:KERNEL_ONE_BY_ONE]:
        queue.add([statement])
        flush(work / "noyau.json", conf)
    single = KERNEL_ONE_BY_ONE / (time.perf_counter() - start)
    return batch, single


def _book_throughput(lrs: LocalLrs, book_dir: Path) -> float:
    from playwright.sync_api import sync_playwright

    server = serve(book_dir)
    url = f"http://127.0.0.1:{server.server_address[1]}/notebooks/01_medias_ou_reseaux.html"
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.goto(url + lrs.launch_query("bench-livre", str(uuid.uuid4())))
            page.wait_for_load_state("load")
            seconds = page.evaluate("""async (n) => {
                const start = performance.now();
                for (let i = 0; i < n; i++) PmesRecord.saveAttempt('bench', 'q' + i, 'a', 1, 1, 1);
                while (PmesLrs.pending().length) await new Promise(r => setTimeout(r, 20));
                return (performance.now() - start) / 1000; }""", BOOK_ANSWERS)
            browser.close()
    finally:
        server.shutdown()
    return BOOK_ANSWERS / seconds


def _group_from_lrs(size: int, work: Path, per_trainee: float | None) -> tuple[int, float, float] | str:
    if per_trainee and size * per_trainee > FILE_BACKEND_LIMIT:
        return (f"non mesuré : environ {size * per_trainee / 1e6:.1f} millions de déclarations ({per_trainee:.0f} par "
                f"stagiaire) ; le stockage fichier de Ralph relit tout son fichier à chaque page d'une lecture").replace(".", ",")
    folder = work / f"groupe-{size}"
    generate(folder, count=size, malformed=0)
    records, _ = load_group(folder)
    prof, registration = course_profile(), str(uuid.uuid4())
    store = work / f"ralph-{size}"
    store.mkdir()
    count = 0
    with (store / "fs_lrs.jsonl").open("w", encoding="utf-8") as out:
        for n, record in enumerate(records):
            for st in record_statements(record, f"stagiaire-{n:05d}", registration, prof):
                out.write(json.dumps(st, ensure_ascii=False) + "\n")
                count += 1
                if count > FILE_BACKEND_LIMIT:
                    return (f"non mesuré : plus de {FILE_BACKEND_LIMIT:,} déclarations".replace(",", " ")
                            + " ; le stockage fichier de Ralph relit tout le fichier à chaque page de la lecture")
    megabytes = (store / "fs_lrs.jsonl").stat().st_size / 1e6
    from pmesocial.kernel.group_view import GroupView

    with LocalLrs(store) as lrs:
        start = time.perf_counter()
        got, rejected = load_group_from_lrs(lrs.endpoint, lrs.auth(TRAINER_USER), registration)
        GroupView.from_records(got, rejected)._repr_html_()
        seconds = time.perf_counter() - start
    if len(got) != len(records):
        return f"erreur : {len(got)} stagiaires relus sur {len(records)}"
    return count, seconds, megabytes


def measure(book_dir: Path) -> LrsBench:
    result = LrsBench()
    work = Path(tempfile.mkdtemp(prefix="bench-lrs-"))
    try:
        with LocalLrs(work / "ralph-debit") as lrs:
            print("  débit du noyau…", flush=True)
            result.kernel_batch, result.kernel_single = _kernel_throughput(lrs, work)
        with LocalLrs(work / "ralph-livre") as lrs:
            print("  débit du livre…", flush=True)
            result.book = _book_throughput(lrs, book_dir)
        per_trainee = None
        for size in GROUP_SIZES:
            print(f"  vue de groupe depuis l'entrepôt, {size} stagiaires…", flush=True)
            result.groups[size] = _group_from_lrs(size, work, per_trainee)
            if not isinstance(result.groups[size], str):
                per_trainee = result.groups[size][0] / size
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return result


def section(bench: LrsBench, fr, sec) -> list[str]:
    """The README lines (fr, sec: bench.py's French number and duration formats)."""
    out = ["\n### Entrepôt d'apprentissage (Ralph local, stockage fichier)\n",
           "Ralph 5.1 lancé par `pmesocial.tools.lrs` sur 127.0.0.1, magasin neuf pour chaque mesure.\n",
           "| mesure | résultat |", "|---|---|",
           f"| noyau : {fr(KERNEL_BACKLOG, 0)} déclarations en attente, envoyées par lots de 100 | "
           f"{fr(bench.kernel_batch, 0)} déclarations/s |",
           f"| noyau : une réponse, une requête ({KERNEL_ONE_BY_ONE} réponses) | {fr(bench.kernel_single, 0)} déclarations/s |",
           f"| livre (Chromium) : {BOOK_ANSWERS} réponses vérifiées à la suite | {fr(bench.book, 0)} déclarations/s |"]
    def grouped(n: int) -> str:
        return f"{n:,}".replace(",", "\u202f")

    for size, value in bench.groups.items():
        label = f"vue de groupe lue dans l'entrepôt, {grouped(size)} stagiaires"
        if isinstance(value, str):
            out.append(f"| {label} | {value} |")
        else:
            count, seconds, megabytes = value
            out.append(f"| {label} ({grouped(count)} déclarations, {fr(megabytes, 0)} Mo) | {sec(seconds, 2)} |")
    return out

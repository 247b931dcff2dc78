"""Run a test's target in a spawned child process with a time limit, so that a read that
hangs (a FIFO as the record, tests/unit/test_store_faults.py and test_input_limits.py)
fails the test instead of stopping the suite."""
from __future__ import annotations

import json
import multiprocessing
from pathlib import Path


def run_in_child(target, *args, timeout: float = 20) -> dict:
    """target(*args, out) writes its result as JSON to `out` (beside args[0]); that result,
    or {"hung": True} when the child did not end in time."""
    out = Path(args[0]).parent / "resultat-enfant.json"
    process = multiprocessing.get_context("spawn").Process(target=target, args=(*args, str(out)))
    process.start()
    process.join(timeout)
    if process.is_alive():
        process.kill()
        process.join()
        return {"hung": True}
    return json.loads(out.read_text("utf-8"))

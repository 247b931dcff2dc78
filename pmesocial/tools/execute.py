"""Execute notebooks in place in a fresh kernel, and store them in canonical form.

    python -m pmesocial.tools.execute notebooks/*.ipynb solutions/*.ipynb

Widget state is dropped before saving (the book renders exercises from their own JSON), so the
committed outputs stay small and the same from one run to the next.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

from nbclient import NotebookClient

from pmesocial import notebook_io


def execute(path: Path, timeout: int = 300) -> float:
    nb = notebook_io.read(path)
    started = time.perf_counter()
    NotebookClient(nb, timeout=timeout, kernel_name="python3", store_widget_state=True,
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    elapsed = time.perf_counter() - started
    notebook_io.write(nb, path)
    return elapsed


def main(argv: list[str]) -> int:
    for name in argv:
        seconds = execute(Path(name))
        print(f"{name}: exécuté en {seconds:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

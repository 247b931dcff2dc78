"""What the README promises of `make lab` and `make demo` (« installe tout »): the
notebooks' views need the npm packages (nunjucks for the documents, pmesocial/front_end.py),
so both targets install them first. Before: module 7's forms raised FileNotFoundError on a
fresh clone."""
import re
from pathlib import Path

MAKEFILE = (Path(__file__).resolve().parents[2] / "Makefile").read_text("utf-8")


def prerequisites(target: str) -> list[str]:
    found = re.search(rf"^{re.escape(target)}:([^=\n]*)$", MAKEFILE, re.MULTILINE)
    assert found, f"la cible « {target} » manque au Makefile"
    return found.group(1).split()


def test_the_kernel_hosts_install_the_npm_packages_first():
    for target in ("lab", "demo"):
        assert {"install", "js"} <= set(prerequisites(target)), (target, prerequisites(target))

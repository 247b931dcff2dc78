"""The package's tree, read from its files: no import cycle, no rule that opens a file,
only commands in pmesocial/tools/, and no comment pointing to a file that is not there."""
import ast
import io
import re
import subprocess
import tokenize
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PACKAGE = REPO / "pmesocial"


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(REPO).with_suffix("").parts)
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def _imports(name: str, path: Path, modules) -> set[str]:
    """The package's modules `name` imports, at any depth of its code (a deferred import
    is still a dependency); a package's own parents are left out (Python runs them first)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[:len(parts) - node.level + 1] + ([node.module] if node.module else []))
            targets = [base] + [f"{base}.{a.name}" for a in node.names]
        else:
            continue
        for target in targets:
            while target and target not in modules:
                target = target.rpartition(".")[0]
            if target and target != name and not name.startswith(target + "."):
                out.add(target)
    return out


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index, low, stack, on, found, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))
    for v in graph:
        if v not in index:
            visit(v)
    return found


def test_no_import_cycle():
    modules = _modules()
    graph = {name: _imports(name, path, modules) for name, path in modules.items()}
    assert graph["pmesocial.lrs"] >= {"pmesocial.record"}, "the import reader finds nothing"
    assert _cycles(graph) == []


def test_a_cycle_is_found():
    assert _cycles({"a": {"b"}, "b": {"a"}, "c": {"a"}}) == [["a", "b"]]


FILE_ACCESS = {"open", "read_text", "read_bytes", "glob", "rglob", "iterdir", "exists", "is_file"}
DATA_MODULES = ("pmesocial.data", "pmesocial.paths", "pmesocial.store_files", "pathlib", "os", "io", "shutil")


def test_rules_open_no_file():
    """Pure rules receive their data as arguments; data/ loads it (data/contexts.py)."""
    modules = _modules()
    rules = {n: p for n, p in modules.items() if n.startswith("pmesocial.rules.")}
    assert len(rules) > 15
    for name, path in rules.items():
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                imported = [node.module or ""] if isinstance(node, ast.ImportFrom) else [a.name for a in node.names]
                assert not [m for m in imported if m.startswith(DATA_MODULES)], f"{name} importe {imported}"
            if isinstance(node, ast.Call):
                called = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
                assert called not in FILE_ACCESS, f"{name}:{node.lineno} : {called}()"


def test_tools_hold_only_commands():
    """pmesocial/tools/: what an author, a trainer or an operator runs (python -m …);
    the test harness lives in tests/support/."""
    tools = sorted(p for p in (PACKAGE / "tools").glob("*.py") if p.name != "__init__.py")
    assert tools
    for path in tools:
        text = path.read_text("utf-8")
        assert "def main(" in text and 'if __name__ == "__main__":' in text, path.name


# -- comments that point to files ---------------------------------------------------------
EXT = r"(?:py|js|cjs|json|ya?ml|j2|css|md|html|svg|sh|conf|csv|txt|ipynb|toml|cfg)"
REF = re.compile(r"(?<![\w./<{*-])((?:[\w.-]+/)*[\w-]+(?:\.[\w-]+)*\." + EXT + r")(?![\w/])")
# paths in other projects, and files named but not kept here (libraries, what a build or a
# trainee's computer holds)
ELSEWHERE = ("ralph/", "ajv/", "nunjucks/", "../_static/")
NOT_HERE = {"plotly.py", "plotly.min.js", "x.js", "documentation_options.js", "carnet-context.js"}


def _comments(path: str, text: str):
    """(line, text) of each comment and docstring."""
    if path.endswith(".py"):
        previous = None
        for tok in tokenize.generate_tokens(io.StringIO(text).readline):
            if tok.type == tokenize.COMMENT:
                yield tok.start[0], tok.string
            elif (tok.type == tokenize.STRING and tok.string.lstrip("rbuRBU").startswith(('"""', "'''"))
                  and (previous is None or previous.type in (tokenize.INDENT, tokenize.DEDENT, tokenize.NEWLINE))):
                yield tok.start[0], tok.string
            if tok.type not in (tokenize.NL, tokenize.COMMENT):
                previous = tok
        return
    for match in re.finditer(r"/\*.*?\*/|//[^\n]*", text, re.S):
        yield text[:match.start()].count("\n") + 1, match.group(0)


def stale_pointers(files: list[str], tracked: set[str], root: Path = REPO) -> list[str]:
    """A path in a comment must be a file of the repository (by its full path or its last
    parts: « rules/xapi.py »); a bare name of code (« radar.js ») must be some file's name."""
    names = {t.rpartition("/")[2] for t in tracked}
    stale = []
    for path in files:
        text = (root / path).read_text("utf-8")
        for line, comment in _comments(path, text):
            for match in REF.finditer(comment):
                ref = match.group(1)
                if ref in NOT_HERE or ref.startswith(ELSEWHERE) or "://" in comment[max(0, match.start() - 80):match.start()]:
                    continue
                if "/" in ref:
                    ok = ref in tracked or any(t.endswith("/" + ref) for t in tracked)
                else:
                    ok = not ref.endswith((".py", ".js", ".cjs", ".j2")) or ref in names
                if not ok:
                    stale.append(f"{path}:{line + comment[:match.start()].count(chr(10))} : {ref}")
    return stale


def _tracked() -> list[str]:
    listed = subprocess.run(["git", "ls-files"], cwd=REPO, capture_output=True, text=True, check=True).stdout.split()
    return [p for p in listed if (REPO / p).is_file()]


def test_comments_point_to_files_that_exist():
    tracked = _tracked()
    files = [p for p in tracked if p.startswith(("pmesocial/", "scripts/", "tests/")) and p.endswith((".py", ".js", ".cjs"))
             and not p.startswith("pmesocial/static/pmesocial/schemas/") and p != "pmesocial/static/pmesocial/templates.js"]
    assert len(files) > 100
    assert stale_pointers(files, set(tracked)) == []


def test_a_stale_pointer_is_found(tmp_path):
    (tmp_path / "a.py").write_text('"""Mirrored by static/pmesocial/evidence.js and radar.js."""\n# see rules/b.py\n')
    assert stale_pointers(["a.py"], {"a.py", "static/pmesocial/rules/evidence.js", "x/rules/b.py"}, tmp_path) == \
        ["a.py:1 : static/pmesocial/evidence.js", "a.py:1 : radar.js"]

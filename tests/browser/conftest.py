"""Browser fixtures: the built book served on localhost, Debian's Chromium driven by
Playwright, and a guard that fails any test whose page asks another host for anything."""
from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Locator, Page, sync_playwright

from tests.support.browser import CHROMIUM, CHROMIUM_ARGS, LOCAL_HOSTS, free_port, is_foreign, serve

REPO = Path(__file__).resolve().parents[2]

# These tests check what a page does; test_typography_book.py checks its typography. So the
# texts they read are compared with no-break spaces as spaces and curly apostrophes as
# straight ones, and an expectation reads as plain French (« Score : 3 sur 4 »).
_PLAIN = str.maketrans({"\u202f": " ", "\u00a0": " ", "\u2019": "'"})


def plain(value):
    if isinstance(value, str):
        return value.translate(_PLAIN)
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def _reading_plain(method):
    def read(self, *args, **kwargs):
        return plain(method(self, *args, **kwargs))
    return read


for _cls, _name in ((Locator, "inner_text"), (Locator, "text_content"), (Locator, "all_inner_texts"),
                    (Locator, "all_text_contents"), (Locator, "inner_html"), (Page, "inner_text"),
                    (Page, "text_content"), (Page, "inner_html"), (Page, "content")):
    setattr(_cls, _name, _reading_plain(getattr(_cls, _name)))
BOOK = Path(os.environ.get("PMESOCIAL_BOOK_DIR") or REPO / "_build" / "html")


@pytest.fixture(scope="session")
def book_url():
    if not (BOOK / "index.html").exists():
        pytest.fail("Le livre n'est pas construit : lancez « make book » avant les tests du navigateur.")
    server = serve(BOOK)
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class RequestLog:
    def __init__(self):
        self.urls: list[str] = []

    def foreign(self) -> list[str]:
        return [u for u in self.urls if is_foreign(u)]


@pytest.fixture
def requests_log():
    return RequestLog()


# A trainee who has read the privacy notice, once per tab: its floating box would cover
# what a test clicks. Erasing the record in a test is not undone by a reload.
NOTICE_READ = """if (!sessionStorage.getItem('pmes-test-notice')) {
    sessionStorage.setItem('pmes-test-notice', '1'); localStorage.setItem('pmesocial-avis-donnees', '1'); }"""


def _guarded_page(browser, requests_log, check_js_errors: bool, notice_read: bool = True):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    if notice_read:
        context.add_init_script(NOTICE_READ)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))

    def route(route_obj):
        url = route_obj.request.url
        requests_log.urls.append(url)
        if urlparse(url).hostname in LOCAL_HOSTS or urlparse(url).scheme in ("data", "blob", "file"):
            route_obj.continue_()
        else:
            route_obj.abort()

    context.route("**/*", route)
    yield page
    context.close()
    assert requests_log.foreign() == [], f"requêtes vers d'autres hôtes : {requests_log.foreign()}"
    if check_js_errors:
        assert errors == [], f"erreurs JavaScript : {errors}"


@pytest.fixture
def page(browser, requests_log):
    """A fresh page; every request is logged, foreign ones are blocked and fail the test,
    and so does any JavaScript error of the page."""
    yield from _guarded_page(browser, requests_log, check_js_errors=True)


@pytest.fixture
def first_visit_page(browser, requests_log):
    """A page as a trainee's very first visit finds it: the privacy notice not yet read."""
    yield from _guarded_page(browser, requests_log, check_js_errors=True, notice_read=False)


@pytest.fixture
def app_page(browser, requests_log):
    """The same for JupyterLab and Voilà, whose own scripts log errors we do not own."""
    yield from _guarded_page(browser, requests_log, check_js_errors=False)


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """JupyterLab on a copy of the course notebooks, so a test never rewrites them; the
    record in the copy's dossier.json."""
    from .helpers import TOKEN, start_server

    root = tmp_path_factory.mktemp("lab")
    for folder in ("notebooks", "outils"):
        shutil.copytree(REPO / folder, root / folder)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    proc = start_server(
        [sys.executable, "-m", "jupyterlab", "--no-browser", f"--port={port}", "--ip=127.0.0.1",
         "--allow-root", f"--IdentityProvider.token={TOKEN}", f"--ServerApp.root_dir={root}",
         f"--LabApp.workspaces_dir={root / '.workspaces'}",
         "--LabApp.news_url=", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"],
        {"PMESOCIAL_RECORD": str(root / "dossier.json")}, f"{url}/api/status?token={TOKEN}")
    yield url, root
    proc.terminate()
    proc.wait(timeout=30)


@pytest.fixture(scope="module")
def voila(tmp_path_factory):
    """Voilà on the course's modules, as a trainer projects them; the record in `record`."""
    from .helpers import start_server

    record = tmp_path_factory.mktemp("voila") / "dossier.json"
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    proc = start_server([sys.executable, "-m", "voila", "--no-browser", f"--port={port}", "--Voila.ip=127.0.0.1",
                         # the Makefile's « make demo »: the same configuration file (jupyter/voila.py)
                         f"--Voila.config_file_paths={REPO / 'jupyter'}", str(REPO / "notebooks")],
                        {"JUPYTER_PATH": str(REPO / "jupyter"), "PMESOCIAL_RECORD": str(record)}, url + "/")
    yield url, record
    proc.terminate()
    proc.wait(timeout=30)

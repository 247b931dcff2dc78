"""The README's nginx (deploy/nginx/pmesocial-lrs.conf, Debian's package) in front of a
real Ralph on localhost: a statement of 1 MB or more is refused (413), one trainee's flood
is throttled (429) while another trainee's statements pass, the book's origin alone gets
CORS headers, even on a refusal, and the kernel sets aside a statement too big for the
proxy while the others go through. nginx runs as a plain process, on a free port, with
its files in a temporary folder (tests/support/lrs_proxy.py)."""
from __future__ import annotations

import re
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from pmesocial import lrs as sender
from pmesocial.lrs_accounts import TRAINER_USER
from pmesocial.paths import REPO_DIR
from pmesocial.rules import xapi
from tests.support.lrs_proxy import CONFIG, LocalProxy, site_config

BOOK = "http://livre.example"
HEADERS = {"X-Experience-API-Version": xapi.VERSION, "Content-Type": "application/json"}


@pytest.fixture(scope="module")
def proxy(lrs, tmp_path_factory):
    with LocalProxy(tmp_path_factory.mktemp("nginx"), lrs.port, [BOOK]) as running:
        yield running


def _trainee(lrs, proxy, registration: str) -> dict:
    """A trainee's launch settings, their own credential, sending through nginx."""
    account = f"p-{uuid.uuid4().hex[:6]}"
    return {"endpoint": proxy.endpoint, "auth": lrs.auth(account), "account": account, "registration": registration}


def _statement(conf: dict, comment: str = "bien") -> dict:
    after = {"forms": {"satisfaction": {"values": {"commentaire": comment}}}}
    (made,) = xapi.statements({"type": "form", "form": "satisfaction", "submitted": True}, {}, after,
                              sender.course_profile(), conf, "2026-11-20T10:00:00+00:00", "livre")
    return {**made, "id": str(uuid.uuid4())}


def _post(conf: dict, statements: list[dict], origin: str | None = None) -> requests.Response:
    headers = {**HEADERS, "Authorization": conf["auth"], **({"Origin": origin} if origin else {})}
    return requests.post(conf["endpoint"] + "statements", json=statements, headers=headers, timeout=30)


def _stored(lrs, registration: str) -> list[dict]:
    return sender.read_statements(lrs.endpoint, lrs.auth(TRAINER_USER), registration)


def test_the_readme_shows_the_config_the_test_runs():
    readme = (REPO_DIR / "README.md").read_text("utf-8")
    shown = re.search(r"```nginx\n(.*?)```", readme, re.S)
    assert shown and shown.group(1) == CONFIG.read_text("utf-8")
    # only the lines marked « à adapter » are changed for this machine
    text = CONFIG.read_text("utf-8")
    ran = site_config(text, "127.0.0.1:1", "127.0.0.1:2", [BOOK]).splitlines()
    kept = [line for line in text.splitlines() if "à adapter" not in line]
    assert [line for line in ran if line in kept] == kept


def test_statements_of_a_megabyte_or_more_are_refused_and_a_normal_one_passes(lrs, proxy):
    registration = str(uuid.uuid4())
    conf = _trainee(lrs, proxy, registration)
    for megabytes in (1, 10):
        response = _post(conf, [_statement(conf, "x" * (megabytes * 1_000_000))], origin=BOOK)
        assert response.status_code == 413, megabytes
        assert response.headers.get("Access-Control-Allow-Origin") == BOOK  # the book can read the refusal
    assert _post(conf, [_statement(conf)], origin=BOOK).status_code == 200
    assert [s["result"]["extensions"] for s in _stored(lrs, registration)] == [
        {f"{sender.course_profile()['base']}/extensions/values": {"commentaire": "bien"}}]


def test_one_trainee_s_flood_is_throttled_while_another_s_statements_pass(lrs, proxy):
    registration = str(uuid.uuid4())
    flooder, other = _trainee(lrs, proxy, registration), _trainee(lrs, proxy, registration)
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=16) as pool:
        flood = pool.map(lambda _: _post(flooder, [_statement(flooder)]).status_code, range(300))
        normal = []
        for _ in range(5):  # a trainee checking answers meanwhile
            normal.append(_post(other, [_statement(other)]).status_code)
            time.sleep(0.3)
        flood = list(flood)
    elapsed = time.monotonic() - started
    taken = flood.count(200)
    assert normal == [200] * 5
    assert set(flood) <= {200, 429} and flood.count(429) > 0
    assert taken <= 20 + 2 * elapsed + 2  # the burst, then 2 per second, however slow the machine
    stored = _stored(lrs, registration)
    assert sum(s["actor"]["account"]["name"] == flooder["account"] for s in stored) == taken
    assert sum(s["actor"]["account"]["name"] == other["account"] for s in stored) == 5


def test_the_book_s_origin_alone_gets_cors_headers(lrs, proxy):
    preflight = {"Origin": BOOK, "Access-Control-Request-Method": "POST",
                 "Access-Control-Request-Headers": "authorization,content-type,x-experience-api-version"}
    response = requests.options(proxy.endpoint + "statements", headers=preflight, timeout=10)
    assert response.status_code == 204
    assert response.headers["Access-Control-Allow-Origin"] == BOOK
    assert "POST" in response.headers["Access-Control-Allow-Methods"]
    assert "Authorization" in response.headers["Access-Control-Allow-Headers"]
    elsewhere = requests.options(proxy.endpoint + "statements", headers={**preflight, "Origin": "https://pirate.example"},
                                 timeout=10)
    assert "Access-Control-Allow-Origin" not in elsewhere.headers
    conf = _trainee(lrs, proxy, str(uuid.uuid4()))
    assert _post(conf, [_statement(conf)], origin=BOOK).headers["Access-Control-Allow-Origin"] == BOOK


def test_the_kernel_sets_aside_a_statement_too_big_for_the_proxy_and_sends_the_others(lrs, proxy, isolated_record):
    registration = str(uuid.uuid4())
    conf = _trainee(lrs, proxy, registration)
    queue = sender.StatementQueue(isolated_record)
    big = _statement(conf, "y" * 400_000)
    queue.add([_statement(conf, "avant"), big, _statement(conf, "après")])
    assert sender.flush(isolated_record, conf) == 2
    assert queue.pending() == []
    refused = queue._read(queue.refused_path)  # set aside, not lost
    assert [s["result"] for s in refused] == [big["result"]]
    values = f"{sender.course_profile()['base']}/extensions/values"
    assert sorted(s["result"]["extensions"][values]["commentaire"] for s in _stored(lrs, registration)) == ["après", "avant"]

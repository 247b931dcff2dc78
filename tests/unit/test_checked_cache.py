"""The cache of checked data files: what it gives is what checking gives; a file, a
figure or the checking code that changes is checked again; a broken file is never kept
and is reported as without a cache; a cache that cannot be used only costs time."""
import copy

import pytest
import yaml

from pmesocial.data import banks, checked_cache, course, figures
from pmesocial.data.banks import BankError, load_bank, load_bank_file

BANK_IDS = ("m1-classement", "m3-estimation-audience", "m9-autoevaluation")


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("PMESOCIAL_CACHE", str(folder))
    return folder


def _entries(folder):
    return sorted((folder / "checked").glob("*.json")) if (folder / "checked").exists() else []


@pytest.mark.parametrize("bank_id", BANK_IDS)
def test_a_cached_bank_is_the_checked_bank(bank_id, cache, monkeypatch):
    first = load_bank(bank_id)
    assert len(_entries(cache)) == 1
    monkeypatch.setenv("PMESOCIAL_CACHE", "")
    assert load_bank(bank_id) == first  # checked without the cache
    monkeypatch.setenv("PMESOCIAL_CACHE", str(cache))
    monkeypatch.setattr(banks, "_check_bank_file", lambda path: pytest.fail("vérifiée au lieu d'être lue du cache"))
    assert load_bank(bank_id) == first


def test_a_changed_bank_is_checked_again(tmp_path, cache, sample_bank):
    path = tmp_path / "x.yaml"
    path.write_text(yaml.safe_dump(sample_bank, allow_unicode=True), encoding="utf-8")
    assert load_bank_file(path)["id"] == sample_bank["id"]
    broken = copy.deepcopy(sample_bank)
    del broken["questions"][0]["options"][1]["feedback"]
    path.write_text(yaml.safe_dump(broken, allow_unicode=True), encoding="utf-8")
    for _ in range(2):  # a broken file is not kept: its problems are named each time
        with pytest.raises(BankError, match=r"x\.yaml : question « q-single », champ « options\[1\] » : "
                                            r"champ obligatoire manquant : « feedback »"):
            load_bank_file(path)
    assert len(_entries(cache)) == 1


def test_a_changed_figure_is_quoted_again(tmp_path, cache, monkeypatch):
    from tests.conftest import FIXTURES

    themes = tmp_path / "figures"
    themes.mkdir()
    for csv in figures.FIGURES_DIR.glob("*.csv"):
        (themes / csv.name).write_bytes(csv.read_bytes())
    monkeypatch.setattr(figures, "FIGURES_DIR", themes)
    bank = FIXTURES / "estimate_bank.yaml"
    before = load_bank_file(bank)["questions"][0]["figure_data"]
    audience = themes / "audience.csv"
    audience.write_text(audience.read_text("utf-8").replace("Membres de Facebook", "Comptes Facebook"), "utf-8")
    after = load_bank_file(bank)["questions"][0]["figure_data"]
    assert before["indicator"] == "Membres de Facebook" and after["indicator"] == "Comptes Facebook"


def test_changed_checking_code_checks_again(cache, monkeypatch):
    load_bank("m1-classement")
    entry = _entries(cache)[0]
    stored = entry.read_text("utf-8")
    monkeypatch.setattr(checked_cache, "_code_digest", lambda: b"another version of the course")
    load_bank("m1-classement")
    assert entry.read_text("utf-8") != stored  # another key: checked and written again


def test_no_cache_when_turned_off(tmp_path, monkeypatch):
    monkeypatch.setenv("PMESOCIAL_CACHE", "")
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    load_bank("m1-classement")
    assert not list(tmp_path.rglob("*.json"))


def test_an_unusable_cache_only_costs_time(tmp_path, monkeypatch):
    blocker = tmp_path / "fichier"
    blocker.write_text("pas un dossier", encoding="utf-8")
    monkeypatch.setenv("PMESOCIAL_CACHE", str(blocker / "cache"))  # cannot be created
    assert load_bank("m1-classement")["id"] == "m1-classement"


def test_a_damaged_entry_is_checked_again(cache):
    expected = load_bank("m1-classement")
    for damage in ("{pas du JSON", "[]", '{"key": 3}'):
        _entries(cache)[0].write_text(damage, encoding="utf-8")
        assert load_bank("m1-classement") == expected


def test_what_json_cannot_keep_is_not_kept(tmp_path, cache):
    import datetime

    value = {"quand": datetime.date(2026, 1, 1)}
    path = tmp_path / "x.yaml"
    path.write_text("quand: 2026-01-01\n", encoding="utf-8")
    assert checked_cache.checked("essai", path, lambda: value) is value
    assert checked_cache.checked("essai", path, lambda: {"n": (1, 2)}) == {"n": (1, 2)}  # a tuple is no list
    assert not _entries(cache)


def test_the_modules_and_practices_come_back_the_same(cache, monkeypatch):
    for cached in (course.programme, course.modules, course.practices):
        cached.cache_clear()
    try:
        checked = course.modules(), course.practices()
        for cached in (course.programme, course.modules, course.practices):
            cached.cache_clear()
        monkeypatch.setattr(course, "_heading", lambda *a: pytest.fail("relu au lieu d'être lu du cache"))
        assert (course.modules(), course.practices()) == checked
        assert isinstance(course.modules(), tuple) and all(isinstance(n, int) for n in course.practices())
    finally:
        for cached in (course.programme, course.modules, course.practices):
            cached.cache_clear()

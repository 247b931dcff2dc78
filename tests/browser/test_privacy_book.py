"""The trainee's data in the static book: the privacy notice on the first page, word for
word the text of rules/privacy.py, until acknowledged; « Effacer mon dossier » asks first,
then leaves nothing of the course in this browser's storage and says what it could not
erase."""
import json
import re

from playwright.sync_api import expect

from pmesocial.data.organisme import load_organisme
from pmesocial.record import new_record
from pmesocial.rules import privacy
from pmesocial.rules.typography import typo

from .helpers import open_page, page_path
from .test_accessibility import axe_source  # noqa: F401 (a fixture)

HOME = page_path("book/intro")
DOSSIER = page_path("outils/mon_dossier")
ORG = load_organisme()


def _course_keys(page) -> list[str]:
    return page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('pmesocial'))")


def test_the_first_page_shows_the_privacy_notice_until_acknowledged(first_visit_page, book_url, axe_source):  # noqa: F811
    page = first_visit_page
    open_page(page, book_url + HOME)
    notice = page.locator(".pmes-privacy-notice")
    expect(notice).to_be_visible()
    expected = privacy.notice(ORG)
    assert notice.locator(".pmes-notice-summary").evaluate("n => n.textContent") == typo(privacy.fill(expected["summary"], "book"))
    notice.locator("summary").click()  # the full text, one tap away
    paragraphs = notice.locator("details p").evaluate_all("ps => ps.map(p => p.textContent)")
    assert paragraphs == [typo(privacy.fill(p, "book")) for p in expected["paragraphs"]]
    assert notice.locator("h2").evaluate("h => h.textContent") == typo(expected["title"])
    # after the page's title, so that headings keep their order
    assert page.evaluate("document.querySelector('.pmes-privacy-notice').previousElementSibling.tagName") == "H1"
    # drawn after the page, it floats at the bottom of the screen: nothing moves (layout shift)
    assert notice.evaluate("n => getComputedStyle(n).position") == "fixed"
    page.add_script_tag(content=axe_source)
    violations = page.evaluate("""async () => (await axe.run('.pmes-privacy-notice')).violations.map(v => v.id)""")
    assert violations == []
    notice.get_by_role("button", name=re.compile("ai compris")).click()
    expect(notice).to_have_count(0)
    open_page(page, book_url + DOSSIER)
    expect(page.locator(".pmes-privacy-notice")).to_have_count(0)


def _seed(page, book_url):
    """A trainee's full set of keys: the record, its set-aside copies, statements waiting."""
    record = new_record()
    record["trainee"] = {"name": "<b>Claire</b> Morel", "company": "Menuiserie Morel"}
    open_page(page, book_url + HOME)
    page.evaluate("""(record) => {
        localStorage.setItem('pmesocial-record', JSON.stringify(record));
        localStorage.setItem('pmesocial-record.illisible-2026-12-01T10:00:00+00:00', '{abîmé');
        localStorage.setItem('pmesocial-record.avant-import-2026-12-02T10:00:00+00:00', JSON.stringify(record));
        const waiting = JSON.stringify({ endpoint: 'http://127.0.0.1:1/xapi/', statement: { id: 'a' } });
        localStorage.setItem('pmesocial-xapi-attente|000001764000000000-000001|a', waiting);
        localStorage.setItem('pmesocial-xapi-refusees|000001764000000000-000002|a', waiting);
        localStorage.setItem('pmesocial-lrs-avis', '"x"');
        localStorage.setItem('pmesocial-avis-donnees', '1');
        localStorage.setItem('autre-site', 'pas à nous');
    }""", record)
    open_page(page, book_url + DOSSIER)
    expect(page.locator("#pmes-trainee-name")).to_have_value("<b>Claire</b> Morel")


def test_erasing_the_record_asks_first_then_leaves_nothing_in_the_browser(page, book_url):
    _seed(page, book_url)
    seeded = _course_keys(page)
    assert len(seeded) == 7  # with the notice read
    texts = privacy.erase_texts(ORG)
    box = page.locator(".pmes-erase-box")
    box.get_by_role("button", name=typo(texts["button"])).click()
    question = box.locator("#pmes-erase-question")
    expect(question).to_be_visible()
    assert question.evaluate("p => p.textContent") == typo(privacy.fill(texts["confirm"], "book"))
    box.get_by_role("button", name=texts["no"]).click()
    expect(box.locator(".pmes-erase-status")).to_have_text(typo(texts["cancelled"]))
    assert sorted(_course_keys(page)) == sorted(seeded)

    box.get_by_role("button", name=typo(texts["button"])).click()
    box.get_by_role("button", name=typo(texts["yes"])).click()
    said = box.locator(".pmes-erase-status").evaluate("s => s.textContent")
    assert said == typo(privacy.fill(texts["done"], "book")) + " " + typo(texts["left"])
    assert ORG["donnees_personnelles"]["contact"]["courriel"] in said
    assert _course_keys(page) == []
    assert page.evaluate("localStorage.getItem('autre-site')") == "pas à nous"  # only the course's own keys
    expect(page.locator("#pmes-trainee-name")).to_have_value("")
    page.wait_for_timeout(500)  # a name typed just before must not come back (debounced save)
    assert _course_keys(page) == []
    page.reload()
    expect(page.locator("#pmes-trainee-name")).to_have_value("")
    assert json.loads(page.evaluate("PmesRecord.exportText()"))["trainee"] in ({}, {"name": "", "company": ""})


def _box(locator) -> dict:
    return locator.evaluate("n => { const r = n.getBoundingClientRect(); return {top: r.top, bottom: r.bottom, "
                            "width: r.width, height: r.height}; }")


def test_on_a_phone_the_notice_informs_without_hiding_the_page(browser, book_url):
    """Before: 380 of 844 px, and « J'ai compris » (109 × 32 px) reachable only by
    scrolling inside the box."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, locale="fr-FR")
    page = context.new_page()
    open_page(page, book_url + HOME)
    notice = page.locator(".pmes-privacy-notice")
    expect(notice).to_be_visible()
    ok = notice.get_by_role("button", name=re.compile("ai compris"))
    for opened in (False, True):  # before and after « Tout savoir sur vos données »
        box, button = _box(notice), _box(ok)
        assert box["height"] <= 844 / 3, f"l'avis prend {box['height']:.0f} px sur 844"
        assert button["top"] >= box["top"] and button["bottom"] <= min(box["bottom"], 844), "bouton hors de vue"
        assert button["width"] >= 44 and button["height"] >= 44, button
        if not opened:
            notice.locator("summary").click()
            expect(notice.locator("details p").first).to_be_visible()
    ok.click()
    expect(notice).to_have_count(0)
    context.close()


def test_one_notice_at_a_time_on_a_launch_link_s_first_page(first_visit_page, book_url, lrs):
    """Before: the privacy notice sat over the LRS notice."""
    page = first_visit_page
    open_page(page, book_url + HOME + lrs.launch_query("stagiaire-avis", "00000000-0000-4000-8000-000000000001"))
    shown = []
    for _ in range(2):  # whichever comes first, the other waits for its « J'ai compris »
        notice = page.locator(".pmes-notice")
        expect(notice).to_have_count(1)
        shown.append(notice.get_attribute("class"))
        notice.get_by_role("button", name=re.compile("ai compris")).click()
    expect(page.locator(".pmes-notice")).to_have_count(0)
    assert sorted("privacy" in c for c in shown) == [False, True], shown

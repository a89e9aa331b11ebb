"""The triage console in headless Chromium: the privacy officer's day, roles and CSRF.

Screenshots of the main pages go to ``AUDITOR_CONSOLE_SHOTS`` when set (docs/img/*.png were
made with ``AUDITOR_CONSOLE_SHOTS=docs/img``, on the synthetic hospital of ``conftest``).
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from auditor.store.case_models import FindingCase
from auditor.store.models import AuditTrail, Finding, FindingStatus
from tests.console.conftest import Console

pytestmark = pytest.mark.browser


def _shot(driver: Any, name: str, *, height: int = 900) -> None:
    """Save the page (the top ``height`` pixels of it) as a small PNG, if asked to."""
    folder = os.environ.get("AUDITOR_CONSOLE_SHOTS")
    if folder:
        from PIL import Image

        path = Path(folder) / f"{name}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        driver.set_window_size(1280, height)
        try:
            driver.save_screenshot(str(path))
        finally:
            driver.set_window_size(1280, 900)
        with Image.open(path) as img:  # a 64-colour palette keeps each shot well under 150 KB
            small = img.convert("RGB").quantize(colors=64)
        small.save(path, optimize=True)


def _go(driver: Any, element: Any, url_part: str) -> None:
    """Click and wait for the next page: elements of the old page must not be read."""
    from selenium.webdriver.support.ui import WebDriverWait

    element.click()
    WebDriverWait(driver, 15).until(
        lambda d: (
            url_part in d.current_url
            and d.execute_script("return document.readyState") == "complete"
        )
    )


def _login(driver: Any, console: Console, role: str) -> None:
    from selenium.webdriver.common.by import By

    driver.get(console.url + "/console/")
    assert "/console/login" in driver.current_url
    driver.find_element(By.ID, "token").send_keys(console.tokens[role])
    _go(driver, driver.find_element(By.ID, "login"), "/console/queue")
    assert driver.find_element(By.ID, "logout")


def test_privacy_officer_day(console: Console, browser: Any) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    driver = browser
    driver.get(console.url + "/console/login")
    _shot(driver, "login")
    _login(driver, console, "privacy_officer")
    assert "/console/queue" in driver.current_url
    _shot(driver, "queue")

    # Filter the queue: one category, sorted by severity.
    Select(driver.find_element(By.ID, "f-category")).select_by_visible_text("terminated_user")
    _go(driver, driver.find_element(By.ID, "apply"), "category=terminated_user")
    rows = driver.find_elements(By.CSS_SELECTOR, "tr.finding-row")
    assert rows and {r.get_attribute("data-category") for r in rows} == {"terminated_user"}
    assert "category=terminated_user" in driver.current_url

    # Open a case (one user, one day), then a finding in it.
    driver.get(console.url + "/console/cases")
    _shot(driver, "cases")
    _go(driver, driver.find_element(By.CSS_SELECTOR, "a.case-link"), "/console/case?")
    assert "/console/case?" in driver.current_url
    _go(driver, driver.find_element(By.CSS_SELECTOR, "a.finding-link"), "/console/findings/")
    finding_id = int(driver.current_url.rstrip("/").split("/")[-1])
    with console.actx.transaction() as s:
        finding = s.get(Finding, finding_id)
        assert finding is not None
        patient, user = finding.patient_id, finding.user_id
    assert console.patient_names[patient] in driver.find_element(By.ID, "patient").text
    assert console.user_names[user] in driver.find_element(By.ID, "user").text

    # Set a disposition; it shows in the finding's audit trail and the store.
    Select(driver.find_element(By.ID, "c-status")).select_by_visible_text("confirmed")
    Select(driver.find_element(By.ID, "c-disposition")).select_by_value("inappropriate")
    Select(driver.find_element(By.ID, "c-education")).select_by_value("assigned")
    Select(driver.find_element(By.ID, "c-breach_assessment")).select_by_value("in_progress")
    driver.find_element(By.ID, "c-assignee").send_keys("po-jane")
    driver.find_element(By.ID, "c-due").send_keys("2024-03-29")
    driver.find_element(By.ID, "c-note").send_keys("Called the manager; no shift that day.")
    _go(driver, driver.find_element(By.ID, "save"), "#saved")
    audit = driver.find_element(By.ID, "audit").text
    assert "console.case.update" in audit
    assert re.search(r"disposition: - . inappropriate", audit)
    assert "confirmed" in driver.find_element(By.ID, "history").text
    _shot(driver, "finding", height=1250)
    with console.actx.transaction() as s:
        case = s.get(FindingCase, finding_id)
        assert case is not None and case.disposition == "inappropriate"
        assert case.assignee == "po-jane" and case.updated_by == "token:t-privacy_officer"
        assert s.get(Finding, finding_id).status == FindingStatus.CONFIRMED  # type: ignore[union-attr]

    # The assignee filter finds it; the audit page lists the change.
    driver.get(console.url + "/console/queue?status=any&assignee=po-jane")
    rows = driver.find_elements(By.CSS_SELECTOR, "tr.finding-row")
    assert [r.find_element(By.TAG_NAME, "a").text for r in rows] == [str(finding_id)]
    driver.get(console.url + "/console/audit")
    assert "console.case.update" in driver.find_element(By.ID, "audit").text
    driver.get(console.url + "/console/reports")
    archive = driver.find_element(By.ID, "reports").text
    assert "weekly-2024-W10" in archive and "verified" in archive
    assert "NOT verified" not in archive
    _shot(driver, "reports")

    # Log out: the session is over, pages send the browser back to the login.
    _go(driver, driver.find_element(By.ID, "logout"), "/console/login")
    driver.get(console.url + "/console/queue")
    assert "/console/login" in driver.current_url
    with console.actx.transaction() as s:
        actions = set(s.scalars(select(AuditTrail.action)))
    assert {"console.login", "console.logout", "console.findings.list"} <= actions


def _quiet_finding(console: Console) -> tuple[int, str, str, int]:
    """A finding whose user made other accesses that day that produced no finding:
    (finding id, user id, day, that user's indexed accesses that day)."""
    from datetime import UTC, datetime, timedelta

    from auditor.store import event_index

    names = event_index.Pseudonyms(console.actx.fingerprinter)
    with console.actx.transaction() as s:
        for f in s.scalars(select(Finding).where(Finding.patient_id != "").order_by(Finding.id)):
            assert f.event_time is not None
            day = f.event_time.date().isoformat()
            begin = datetime.fromisoformat(day).replace(tzinfo=UTC)
            end = begin + timedelta(days=1) - timedelta(microseconds=1)
            accesses = event_index.user_events(s, names.user(f.user_id), begin, end)
            flagged = s.scalars(
                select(Finding.event_time)
                .where(Finding.user_id == f.user_id)
                .where(Finding.event_time >= begin, Finding.event_time <= end)
                .distinct()
            ).all()
            if len(accesses) > len(flagged) + 1:
                return f.id, f.user_id, day, len(accesses)
    raise AssertionError("the synthetic week has no user with unflagged accesses")


def test_case_pages_show_accesses_that_made_no_finding(console: Console, browser: Any) -> None:
    """The event index on the finding and case pages: the user's whole day, and the chart's
    other readers, including accesses no rule flagged (they never became findings)."""
    from selenium.webdriver.common.by import By

    fid, user, day, day_accesses = _quiet_finding(console)
    browser.delete_all_cookies()
    _login(browser, console, "privacy_officer")
    browser.get(f"{console.url}/console/findings/{fid}")
    events = browser.find_elements(By.CSS_SELECTOR, "#around-events tr.event-row")
    quiet = [e for e in events if not e.get_attribute("data-finding")]
    flagged = [e for e in events if e.get_attribute("data-finding")]
    assert quiet and flagged, "the index shows unflagged accesses beside the findings"
    assert str(fid) in {e.get_attribute("data-finding") for e in flagged}
    assert all("none" in e.text for e in quiet)
    openers = browser.find_elements(By.CSS_SELECTOR, "#openers tr.opener-row")
    assert openers and any(console.user_names[user] in o.text for o in openers)
    _shot(browser, "finding-activity", height=1250)
    assert "console.events.read" in browser.find_element(By.ID, "audit").text

    browser.get(f"{console.url}/console/case?user={user}&day={day}")
    title = browser.find_element(By.ID, "case-title").text
    assert user in title and console.user_names[user] in title
    rows = browser.find_elements(By.CSS_SELECTOR, "#day-events tr.event-row")
    assert len(rows) == day_accesses
    assert any(not r.get_attribute("data-finding") for r in rows)
    _shot(browser, "case")
    _go(browser, browser.find_element(By.ID, "logout"), "/console/login")


def test_security_role_sees_no_names(console: Console, browser: Any) -> None:
    from selenium.webdriver.common.by import By

    with console.actx.transaction() as s:
        finding = s.scalars(
            select(Finding).where(Finding.patient_id != "").order_by(Finding.id)
        ).first()
        assert finding is not None
        fid, patient, user = finding.id, finding.patient_id, finding.user_id
    browser.delete_all_cookies()
    _login(browser, console, "security")
    browser.get(f"{console.url}/console/findings/{fid}")
    page = browser.page_source
    assert patient in page and user in page  # ids, yes
    assert console.patient_names[patient] not in page
    assert console.user_names[user] not in page
    assert not browser.find_elements(By.ID, "case-form")  # may read, not triage
    assert browser.find_elements(By.CSS_SELECTOR, "#around-events tr.event-row")  # ids, no names
    browser.get(f"{console.url}/console/queue?status=any")
    page = browser.page_source
    assert not any(name in page for name in console.patient_names.values())
    browser.get(f"{console.url}/console/audit")
    assert "may not open this page" in browser.find_element(By.ID, "error").text
    _go(browser, browser.find_element(By.ID, "logout"), "/console/login")


def test_post_without_csrf_token_is_refused(console: Console) -> None:
    with httpx.Client(base_url=console.url, follow_redirects=False) as client:
        login = client.get("/console/login")
        token = re.search(r'name="csrf" value="([^"]+)"', login.text)
        assert token
        # The login form itself needs its token.
        bare = client.post("/console/login", data={"token": console.tokens["privacy_officer"]})
        assert bare.status_code == 403
        ok = client.post(
            "/console/login",
            data={"token": console.tokens["privacy_officer"], "csrf": token.group(1)},
        )
        assert ok.status_code == 303
        cookie = ok.headers["set-cookie"].lower()
        assert "httponly" in cookie and "samesite=strict" in cookie and "path=/console" in cookie
        with console.actx.transaction() as s:
            fid = s.scalars(select(Finding.id).order_by(Finding.id)).first()
            before = s.get(FindingCase, fid)
            before_disposition = before.disposition if before else ""
        refused = client.post(
            f"/console/findings/{fid}", data={"disposition": "appropriate", "status": "dismissed"}
        )
        assert refused.status_code == 403
        wrong = client.post(
            f"/console/findings/{fid}",
            data={"disposition": "appropriate", "csrf": token.group(1)},  # the login's, not ours
        )
        assert wrong.status_code == 403
        with console.actx.transaction() as s:
            after = s.get(FindingCase, fid)
            assert (after.disposition if after else "") == before_disposition
            assert s.get(Finding, fid).status != FindingStatus.DISMISSED  # type: ignore[union-attr]
        # Without a session at all, a POST goes to the login page and changes nothing.
        client.cookies.clear()
        assert client.post(f"/console/findings/{fid}", data={}).status_code == 303


def ids(page: str) -> list[str]:
    return re.findall(r'<tr class="finding-row"[^>]*>\s*<td><a [^>]*>(\d+)<', page)


def test_queue_longer_than_a_page_links_the_next(
    console: Console, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A queue with more findings than a page (the demo's) renders, with a working next link
    that keeps the filters as typed."""
    from auditor.console import queries

    monkeypatch.setattr(queries, "PAGE", 5)
    with httpx.Client(base_url=console.url) as client:
        _client_login(client, console.tokens["privacy_officer"])
        first = client.get("/console/queue", params={"status": "any", "severity": "high"})
        assert first.status_code == 200, first.text[:300]
        link = re.search(r'href="\?([^"]+)">Next 5', first.text)
        assert link and "severity=high" in link.group(1) and "offset=5" in link.group(1)
        second = client.get("/console/queue?" + link.group(1).replace("&amp;", "&"))
        assert second.status_code == 200
        assert ids(first.text) and ids(second.text)
        assert not set(ids(first.text)) & set(ids(second.text))


def _client_login(client: httpx.Client, token: str) -> None:
    login = client.get("/console/login")
    csrf = re.search(r'name="csrf" value="([^"]+)"', login.text)
    assert csrf
    done = client.post("/console/login", data={"token": token, "csrf": csrf.group(1)})
    assert done.status_code == 303


def test_archive_shows_a_tampered_report(console: Console) -> None:
    """Runs last: it edits the module's report. The admin also sees the certificates table."""
    report = console.actx.settings.home / "reports" / "weekly-2024-W10" / "report.json"
    with httpx.Client(base_url=console.url) as client:
        _client_login(client, console.tokens["admin"])
        page = client.get("/console/reports").text
        assert 'id="certificates"' in page and "NOT verified" not in page
        report.write_text(report.read_text() + " ")
        page = client.get("/console/reports").text
        assert "NOT verified" in page and "report.json" in page

"""Logging a TestClient into the console: the login form's CSRF token, then the token."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient


def login(client: TestClient, token: str) -> None:
    page = client.get("/console/login")
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert csrf
    done = client.post(
        "/console/login", data={"token": token, "csrf": csrf.group(1)}, follow_redirects=False
    )
    assert done.status_code == 303, done.text

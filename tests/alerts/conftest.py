"""Real local servers for the alert tests: SMTP (aiosmtpd) and a TCP syslog listener."""

from __future__ import annotations

import socket
import socketserver
import threading
from collections.abc import Iterator
from datetime import date

import pytest

from auditor.synth.hospital import HospitalPaths, build_hospital

aiosmtpd_controller = pytest.importorskip("aiosmtpd.controller")


class Inbox:
    """What the SMTP server received: (recipients, message text)."""

    def __init__(self) -> None:
        self.messages: list[tuple[list[str], str]] = []

    async def handle_DATA(self, server: object, session: object, envelope: object) -> str:
        data = envelope.content  # type: ignore[attr-defined]
        text = data.decode("utf-8") if isinstance(data, bytes) else str(data)
        self.messages.append((list(envelope.rcpt_tos), text))  # type: ignore[attr-defined]
        return "250 OK"


class _SyslogHandler(socketserver.StreamRequestHandler):
    def handle(self) -> None:
        data = self.rfile.read()
        self.server.frames.append(data)  # type: ignore[attr-defined]


@pytest.fixture()
def smtp() -> Iterator[tuple[Inbox, int]]:
    inbox = Inbox()
    with socket.socket() as probe:  # aiosmtpd's own readiness check cannot use port 0
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = aiosmtpd_controller.Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


@pytest.fixture()
def syslog() -> Iterator[tuple[list[bytes], int]]:
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _SyslogHandler)
    server.frames = []  # type: ignore[attr-defined]
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.frames, server.server_address[1]  # type: ignore[attr-defined]
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def hospital(tmp_path_factory: pytest.TempPathFactory) -> HospitalPaths:
    return build_hospital(
        tmp_path_factory.mktemp("hospital"),
        week_start=date(2024, 3, 4),
        n_users=60,
        n_patients=200,
        events_per_patient=3,
    )

"""``auditor serve``: the HTTP API under uvicorn (loopback by default)."""

from __future__ import annotations

import contextlib
import signal
from collections.abc import Iterator
from types import FrameType

import typer

from auditor.cli.common import err_console, sighup_says_restart, state

STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)


def register(app: typer.Typer) -> None:
    @app.command("serve")
    def serve(
        ctx: typer.Context,
        host: str | None = typer.Option(None, "--host", help="Bind address (default api.host)."),
        port: int | None = typer.Option(None, "--port", help="Port (default api.port)."),
    ) -> None:
        """Serve the API. It only queues scans: run `auditor daemon` to execute them.

        Binds 127.0.0.1 unless told otherwise; put a TLS reverse proxy in front for remote use.
        auditor.toml is read at start-up: restart after editing it (SIGHUP says so and goes on).
        """
        import uvicorn

        from auditor.api.app import create_app
        from auditor.config import CONFIG_FILE, load_settings
        from auditor.daemon.logs import configure
        from auditor.daemon.status import daemon_status

        settings = load_settings(state(ctx).home)
        log = configure(settings.daemon.json_logs)
        # Honest and minimal (no reload): say when the config is read; SIGHUP repeats it.
        log.info(
            "config read at start-up from %s; restart `auditor serve` after editing it",
            settings.home / CONFIG_FILE,
        )
        application = create_app(settings, status=daemon_status)
        bind_host = host or settings.api.host
        bind_port = settings.api.port if port is None else port
        # No access log: query strings may carry patient or user ids; the audit trail records
        # who read what instead.
        config = uvicorn.Config(
            application,
            host=bind_host,
            port=bind_port,
            access_log=False,
            log_level="warning",
            server_header=False,
        )
        # The SIGHUP handler is in place before the line that says the API is up: a SIGHUP
        # sent on seeing that line (a supervisor, a test under load) killed the process.
        with sighup_says_restart("serve", settings.home / CONFIG_FILE, log):
            err_console.print(f"serving the auditor API on http://{bind_host}:{bind_port}/api/v1")
            _Server(config).run()
        err_console.print("API server stopped")


class _Server:
    """uvicorn's server with SIGTERM/SIGINT ending in exit code 0 (uvicorn re-raises them)."""

    def __init__(self, config: object) -> None:
        import uvicorn

        class Server(uvicorn.Server):
            @contextlib.contextmanager
            def capture_signals(self) -> Iterator[None]:
                def stop(_signum: int, _frame: FrameType | None) -> None:
                    if self.should_exit:
                        self.force_exit = True
                    self.should_exit = True

                previous = {sig: signal.signal(sig, stop) for sig in STOP_SIGNALS}
                try:
                    yield
                finally:
                    for sig, old in previous.items():
                        signal.signal(sig, old)

        assert isinstance(config, uvicorn.Config)
        self._server = Server(config)

    def run(self) -> None:
        self._server.run()

"""The triage console: server-rendered pages under ``/console`` on the API's tokens and roles."""

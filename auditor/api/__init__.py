"""The HTTP API: ``auditor.api.app.create_app(settings)`` builds it; ``auditor serve`` runs it.

Nothing is imported here, so ``auditor.console`` (which the app mounts, and which uses the
API's auth) can be imported first without a loop through this package.
"""

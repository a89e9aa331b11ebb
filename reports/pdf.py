"""The PDF report: WeasyPrint renders the same HTML (print CSS: Letter pages, page numbers).

WeasyPrint needs Pango; ``scripts/system-deps.sh`` installs it where missing. The HTML is
self-contained: only ``data:`` URLs may be fetched while rendering, never the network or disk.
"""

from __future__ import annotations

import logging

from auditor.errors import AuditorError

# Screen-only CSS (horizontal scrolling on phones) means nothing on paper; WeasyPrint says so
# at WARNING for every render. Its errors still show.
logging.getLogger("weasyprint").setLevel(logging.ERROR)


def render_pdf(html: str) -> bytes:
    try:
        from weasyprint import HTML
        from weasyprint.urls import URLFetcher
    except OSError as exc:  # Pango/cairo libraries missing
        raise AuditorError(
            f"WeasyPrint cannot load its system libraries ({exc}); run scripts/system-deps.sh"
        ) from exc
    fetcher = URLFetcher(allowed_protocols=["data"])
    pdf = HTML(string=html, url_fetcher=fetcher).write_pdf()
    if not pdf:
        raise AuditorError("WeasyPrint produced an empty PDF")
    return bytes(pdf)

"""PHI detection. Presidio is registered lazily here, before any recognizer imports it."""

from auditor.phi.lazy_presidio import install

install()

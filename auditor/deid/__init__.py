"""De-identification (HIPAA Safe Harbor): operators, profiles, shape-preserving format writers.

``auditor.services.deid.run_deid`` is the entry point; this package holds the parts.
"""

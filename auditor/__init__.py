"""hipaa-auditor: privacy and HIPAA compliance auditing."""

__version__ = "0.1.0"

"""Offset-keeping readers, one per text format: scanners read, ``deid/formats`` writes over them.

The document extractors (``scanners/documents``) and the de-identification writers
(``auditor/deid/formats``) read HL7 v2, delimited and JSON files through these modules, so a
file splits the same way when it is scanned and when it is de-identified.
"""

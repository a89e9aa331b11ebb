"""The commented ``auditor.toml`` that ``auditor init`` writes into a new home.

Kept apart from the settings models it documents; ``tests/test_config.py`` holds the two to the
same keys and defaults.
"""

import json

DEFAULT_CONFIG_TEXT = """\
# hipaa-auditor configuration. Every key is optional; the values shown are the defaults.
# Environment variables override this file: AUDITOR_TIMEZONE, AUDITOR_PHI__MODEL, ...

# Database: SQLite under this home by default; PostgreSQL in production, e.g.
# database_url = "postgresql+psycopg://auditor@127.0.0.1:5432/auditor"
database_url = ""

# Site timezone: shifts, after-hours rules, report weeks and context-file times use it.
timezone = "UTC"

# Policy pack folder (empty = the shipped default pack) and context folder (docs/context-files.md).
policies_dir = ""
context_dir = ""

[phi]
# spaCy model package; a site with en_core_web_lg installed sets it here.
model = "en_core_web_sm"
# Site dictionaries (TSV: TYPE<TAB>term); files in HOME/dictionaries/ are always loaded.
dictionaries = []
workers = 1
batch_size = 64
# Site MRN formats (regexes) in addition to the built-in ones.
mrn_patterns = []
# spaCy NER on top of the recognizer pack: no recall gain on clinical notes, ~10x slower.
ner = false
# Per-entity score thresholds overriding the engine's, e.g. {PERSON = 0.6}.
thresholds = {}

[explain]
# An access is explained by a relationship from start - before_days to end + after_days.
before_days = 7
after_days = 30

[access]
high_volume_threshold = 30
high_volume_window_minutes = 60
placeholder_reasons = ["", "n/a", "na", ".", "-", "none", "test"]
# Streaming bounds: input is evaluated in segments; findings are stored in batches.
segment_mb = 64
events_per_segment = 500000
finding_batch = 5000
duckdb_memory_limit = "1GB"
duckdb_threads = 0        # 0 = one per core
# Policy engine: "duckdb" or "spark" (docs/scale-out.md); Spark's master URL and settings.
engine = "duckdb"
spark_master = "local[*]"
spark_conf = {}
# Seconds one policy rule may run on one segment before it is stopped and named in the report.
rule_time_limit_seconds = 300
# Days the console's pseudonymised event index keeps every audited access (0 = no index).
event_index_days = 180
# Plausible event instants: at most this many hours after the scan's clock, not before this
# date; an event outside is quarantined (a clock reset to 1970, a 9999 placeholder).
future_tolerance_hours = 24
earliest_event = 2000-01-01

[report]
# Names and other PHI stay out of reports unless this is turned on.
include_names = false
pdf = true
pades = true
site_name = "Example Health"
# PAdES certificate and key for the PDF signature (empty = a local CA under keys/pades/).
pades_cert = ""
pades_key = ""
# HTML/PDF tables stop after this many rows per group; report.json always has every row.
max_table_rows = 50

[daemon]
access_log_sources = []   # files, folders or globs
access_log_format = "auto"
export_dirs = []
access_scan_minutes = 15
export_scan_minutes = 60
weekly_report_day = "mon"
weekly_report_time = "06:00"
misfire_grace_hours = 12   # a run missed longer ago than this is recorded, not replayed
queue_poll_seconds = 2.0   # how often the daemon picks up API scan requests
heartbeat_seconds = 30
weekly_report = true
json_logs = false

[api]
host = "127.0.0.1"
port = 8765
# Scan requests may only name paths under these folders.
allowed_roots = []
rate_limit_per_minute = 600
max_page_size = 500
max_body_bytes = 65536
docs = true

[deid]
date_shift_days = 365
profile = "safe-harbor"
# Where files are de-identified: "local" or "spark" (docs/scale-out.md); Spark's master URL
# and settings, e.g. {"spark.executor.memory" = "4g"}.
engine = "local"
spark_master = "local[*]"
spark_conf = {}

[documents]
# Where `scan documents` runs the PHI engine: "local" (this process, or [phi] workers
# processes) or "spark" (docs/scale-out.md); Spark's master URL and settings.
engine = "local"
spark_master = "local[*]"
spark_conf = {}

[alerts]
# A critical finding (these severities, or these categories) is alerted once per channel,
# right after the scan stores it; a channel with no target is off.
severities = ["critical"]
categories = ["terminated_user", "vip_access", "self_access", "family_access", "high_volume"]
console_url = ""            # e.g. "https://auditor.example.org": links to /console/findings/ID
smtp_host = ""              # e-mail to the privacy office
smtp_port = 25
smtp_starttls = false
smtp_user = ""
smtp_password = ""
mail_from = "hipaa-auditor@localhost"
privacy_office = []         # addresses
staff_note = false          # also ask the staff member to confirm the reason (names no patient)
staff_email_domain = ""     # the staff member's address is USER_ID@this domain
webhook_url = ""            # JSON POST
syslog_host = ""            # CEF over syslog (RFC 5424) for the SIEM, TCP or TLS
syslog_port = 6514
syslog_tls = false
syslog_ca_file = ""
max_attempts = 5            # per alert, with exponential backoff
backoff_seconds = 2.0
timeout_seconds = 10.0
"""


def set_values(text: str, values: dict[tuple[str, str], str]) -> str:
    """``text`` (an auditor.toml) with ``{(section, key): value}`` set on the key's own line,
    comments and every other line kept; ``section`` is ``""`` for a top-level key.

    Raises ``KeyError`` naming a key that has no line of its own to set (a site that removed it
    edits the file by hand).
    """
    lines = text.splitlines(keepends=True)
    section = ""
    todo = dict(values)
    for i, line in enumerate(lines):
        stripped = line.strip()
        if stripped.startswith("[") and stripped.endswith("]"):
            section = stripped.strip("[]").strip()
            continue
        key = stripped.split("=", 1)[0].strip() if "=" in stripped else ""
        if (section, key) in todo and not stripped.startswith("#"):
            value = todo.pop((section, key))
            lines[i] = f"{key} = {json.dumps(value, ensure_ascii=False)}\n"  # a TOML string
    if todo:
        section, key = next(iter(todo))
        raise KeyError(f"[{section}] {key}" if section else key)
    return "".join(lines)

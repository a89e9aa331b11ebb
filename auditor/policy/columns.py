"""The joined access view that rules see: its columns and which context file each needs.

A rule names ``event.x``, ``user.x``, ``patient.x`` or a derived column (``explained``,
``local_hour``, ...). In DuckDB the view is flat (``user__last_name``); the compiler rewrites
names. A rule whose columns need a missing context file is disabled, and the run says so.
"""

from __future__ import annotations

from auditor.event_columns import CANONICAL_COLUMNS

WORKFORCE = "workforce.csv"
PATIENTS = "patients.csv"
RELATIONSHIPS = "relationships.csv"
CONTACTS = "contacts.csv"

EVENT_COLUMNS = CANONICAL_COLUMNS
# A CSV's columns beyond the canonical ones (docs/formats.md: "kept as attributes"),
# as a map rules read with ``event.attributes['name']`` (NULL when the column is absent).
ATTRIBUTES = "attributes"

# The context files' columns, in docs/context-files.md order: the contract that readers
# validate against and that the synthetic hospital writes.
CONTEXT_COLUMNS: dict[str, tuple[str, ...]] = {
    WORKFORCE: (
        "user_id",
        "first_name",
        "last_name",
        "role",
        "department",
        "address",
        "zip",
        "status",
        "termination_date",
        "shift_start",
        "shift_end",
    ),
    PATIENTS: (
        "patient_id",
        "first_name",
        "last_name",
        "birth_date",
        "address",
        "zip",
        "vip",
        "deceased_date",
        "sensitive",
        "employee_user_id",
    ),
    RELATIONSHIPS: ("patient_id", "user_id", "department", "kind", "start", "end"),
    CONTACTS: ("patient_id", "first_name", "last_name", "relationship", "address"),
}
# Optional workforce columns that turn rows into a user's history (docs/context-files.md).
WORKFORCE_PERIOD = ("effective_from", "effective_to")


def _struct(columns: tuple[str, ...], derived: dict[str, str]) -> tuple[str, ...]:
    """A context file's columns as the view's struct holds them.

    ``known`` (a row matched) comes first, and each derived column sits right after the column
    it is computed from (``derived`` maps source -> derived).
    """
    out = ["known"]
    for column in columns:
        out.append(column)
        if column in derived:
            out.append(derived[column])
    return tuple(out)


USER_COLUMNS = _struct(CONTEXT_COLUMNS[WORKFORCE], {"address": "street"})
PATIENT_COLUMNS = _struct(
    CONTEXT_COLUMNS[PATIENTS],
    {
        "address": "street",
        "sensitive": "is_sensitive",
        "employee_user_id": "employee_department",
    },
)
# Derived columns and the context files they need (in addition to none).
DERIVED: dict[str, tuple[str, ...]] = {
    "explained": (RELATIONSHIPS,),
    "explanations": (RELATIONSHIPS,),
    "local_time": (),
    "local_date": (),
    "local_hour": (),
    "local_minute": (),
    "off_shift": (WORKFORCE,),
    "contact_match": (WORKFORCE, CONTACTS),
    "role_permitted": (WORKFORCE,),
    "reason_is_placeholder": (),
}
QUALIFIED: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "event": ((*EVENT_COLUMNS, ATTRIBUTES), ()),
    "user": (USER_COLUMNS, (WORKFORCE,)),
    "patient": (PATIENT_COLUMNS, (PATIENTS,)),
}
EXTRA_NEEDS = {"patient.employee_department": (WORKFORCE,)}


def flat_name(table: str | None, column: str) -> str:
    return f"{table}__{column}" if table else column


def needs(flat: str) -> tuple[str, ...]:
    """Context files a view column depends on."""
    if "__" in flat:
        table, col = flat.split("__", 1)
        return QUALIFIED[table][1] + EXTRA_NEEDS.get(f"{table}.{col}", ())
    return DERIVED.get(flat, ())


def all_flat_names() -> set[str]:
    names = set(DERIVED)
    for table, (cols, _) in QUALIFIED.items():
        names.update(flat_name(table, c) for c in cols)
    return names


def display_names() -> list[str]:
    """Rule-facing names, for error messages and docs."""
    out = [f"{t}.{c}" for t, (cols, _) in QUALIFIED.items() for c in cols]
    out = [f"{n}['name']" if n == f"event.{ATTRIBUTES}" else n for n in out]
    return out + sorted(DERIVED)

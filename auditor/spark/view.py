"""The access view in Spark SQL, built from the DuckDB engine's own column and join text.

``policy.view`` holds the view's columns and joins as DuckDB SQL; here the same text is
transpiled (``dialect.to_spark``), so a column added there appears on Spark too, or is
refused by name. Events arrive with ``k`` (their row id in the segment) instead of DuckDB's
``rowid``, already without quarantined rows.
"""

from __future__ import annotations

from collections.abc import Mapping

from auditor.policy import view
from auditor.spark.dialect import to_spark
from auditor.sql import quote_str

TABLES = ("events", "wf", "pt", "rel", "ct", "roles", "ex", "cm")

#: ``policy.engine.EKEY`` in Spark SQL (an event's identity over view column names): the same
#: MD5 text, so keys stored by either engine match.
EKEY = (
    "md5(concat_ws(char(31), coalesce(event__event_id, ''), coalesce(event__user_id, ''), "
    "coalesce(event__patient_id, ''), CAST(unix_micros(event__timestamp) AS STRING)))"
)


def _rowid(sql: str) -> str:
    return sql.replace("e.rowid", "e.k")


def av_sql(columns: list[str], placeholders: tuple[str, ...], names: Mapping[str, str]) -> str:
    """``av``: events joined to what ``columns`` need (as ``policy.view.create_view``)."""
    marks = ", ".join(quote_str(p.strip().lower()) for p in placeholders)
    joins: list[str] = []
    select = ["e.k AS k", "e.line AS line"]
    for name in columns:
        expr, needs = view.VIEW_COLUMNS[name]
        joins.extend(a for a in needs if a not in joins)
        select.append(f"{expr.format(tz=quote_str('UTC'), placeholders=marks)} AS {name}")
    order = [a for a in view._JOINS if a in joins]
    duck = f"SELECT {', '.join(select)} FROM events e {' '.join(view._JOINS[a] for a in order)}"
    return to_spark(_rowid(duck), names)


def ev_sql(names: Mapping[str, str]) -> str:
    """The events alone (window rules that need no context)."""
    plain = [
        f"{view.VIEW_COLUMNS[n][0]} AS {n}" for n in view.VIEW_COLUMNS if n.startswith("event__")
    ]
    return to_spark(f"SELECT e.k AS k, {', '.join(plain)} FROM events e", names)


def ex_sql(before_days: int, after_days: int, names: Mapping[str, str]) -> str:
    """Per event, how many relationship rows explain it (``policy.view._explanations``)."""
    window = (
        f"e.ts BETWEEN r.start_ts - INTERVAL {int(before_days)} DAY "
        f"AND coalesce(r.end_ts, r.start_ts) + INTERVAL {int(after_days)} DAY"
    )
    duck = f"""
        SELECT k, count(*) AS n FROM (
            SELECT e.k AS k FROM events e
            JOIN rel r ON r.patient_id = e.patient_id AND r.user_id = e.user_id
            WHERE {window}
            UNION ALL
            SELECT e.k AS k FROM events e
            LEFT JOIN wf u ON u.user_id = e.user_id AND {view.wf_at("u")}
            JOIN rel r ON r.patient_id = e.patient_id AND r.user_id IS NULL
                AND r.department = coalesce(u.department, nullif(e.department, ''))
            WHERE {window}
        ) AS m GROUP BY k
    """
    return to_spark(duck, names)


def cm_sql(names: Mapping[str, str]) -> str:
    """Events whose user is one of the patient's contacts, by name."""
    duck = f"""
        SELECT DISTINCT e.k AS k FROM events e
        JOIN wf u ON u.user_id = e.user_id AND {view.wf_at("u")}
        JOIN ct c ON c.patient_id = e.patient_id AND c.first_name = u.first_name
            AND c.last_name = u.last_name
    """
    return to_spark(duck, names)


def needs_joins(columns: list[str]) -> set[str]:
    """The join aliases the columns need (``x`` explanations, ``c`` contact matches, ...)."""
    return {a for name in columns for a in view.VIEW_COLUMNS[name][1]}


#: Per distinct event: its key, site-local day, whether explained, and how many rows (and
#: explained rows) it has in the segment (an event delivered twice is one key, two rows).
KEYS_SQL = (
    f"SELECT {EKEY} AS key, min(date_format(CAST(local_ts AS DATE), 'yyyy-MM-dd')) AS day, "
    "bool_or(explained) AS x, count(*) AS n, count_if(explained) AS nx FROM {av} GROUP BY 1"
)

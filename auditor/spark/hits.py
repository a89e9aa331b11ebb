"""Rule hits on Spark, finished into the rows the DuckDB engine yields (``hits.HIT_COLUMNS``).

Row rules run in one pass over the view (one flag per rule, exploded to one row per hit);
explanations are each rule's template compiled by ``policy.hits.template_sql`` and
transpiled, so the text is byte-for-byte the DuckDB engine's.
"""

from __future__ import annotations

from auditor.policy import hits as duck_hits
from auditor.policy.engine import ActiveRule
from auditor.spark.dialect import to_spark

# ``policy.hits._INNER`` in Spark SQL; ``{source}`` is the segment's ``label:line`` or, for
# a burst read from segment and carry events, the stored ``source``.
INNER = (
    "k, {source} AS source, event__event_id AS event_id, event__user_id AS user_id, "
    "event__patient_id AS patient_id, event__timestamp AS ts, explained, explanations, "
    "user__role AS user_role, user__department AS user_department, "
    "event__department AS department, event__action AS action, "
    "event__record_type AS record_type, date_format(local_ts, 'yyyy-MM-dd HH:mm') AS local_ts"
)
NAMES = (
    "k, source, event_id, user_id, patient_id, ts, explained, explanations, user_role, "
    "user_department, department, action, record_type, local_ts"
)
# ``policy.hits._ISO``: Python's isoformat of the UTC instant, microseconds only when set.
ISO = (
    "concat(date_format(ts, \"yyyy-MM-dd'T'HH:mm:ss\"), CASE WHEN unix_micros(ts) % 1000000 <> 0 "
    "THEN concat('.', lpad(CAST(unix_micros(ts) % 1000000 AS STRING), 6, '0')) ELSE '' END, "
    "'+00:00')"
)


def spark_literal(text: str) -> str:
    """A Spark SQL string literal (backslashes and quotes escaped as Spark reads them)."""
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def source_sql(label: str) -> str:
    return f"{spark_literal(label)} || ':' || line"


def _by_rule(active: list[ActiveRule], arms: dict[int, str]) -> str:
    return "CASE r " + " ".join(f"WHEN {a.index} THEN {arms[a.index]}" for a in active) + " END"


def _explanation(active: list[ActiveRule], timezone: str) -> str:
    arms = {}
    for a in active:
        fields = duck_hits._fields(a, timezone)  # the DuckDB engine's own placeholder SQL
        arms[a.index] = to_spark(duck_hits.template_sql(a.rule.explain, fields))
    return _by_rule(active, arms)


def finish_sql(inner: str, active: list[ActiveRule], timezone: str, with_json: bool) -> str:
    """The outer projection shared by row and window queries: ``HIT_COLUMNS``."""
    json = "CAST(NULL AS STRING)"
    if with_json:
        consts = {
            name: _by_rule(active, {a.index: spark_literal(value(a)) for a in active})
            for name, value in (
                ("category", lambda a: a.rule.category),
                ("rule_id", lambda a: a.rule.id),
                ("severity", lambda a: str(a.rule.severity)),
            )
        }
        json = (
            f"to_json(named_struct('category', {consts['category']}, 'event_id', event_id, "
            "'explanation', explanation, 'kind', 'access', 'patient_id', patient_id, "
            f"'rule_id', {consts['rule_id']}, 'severity', {consts['severity']}, "
            "'timestamp', replace(ts_iso, '+00:00', 'Z'), 'user_id', user_id), "
            "map('ignoreNullFields', 'false'))"
        )
    return f"""
        SELECT r, source, event_id, user_id, patient_id, ts_iso, explained, explanation,
            {json} AS json
        FROM (
            SELECT *, {_explanation(active, timezone)} AS explanation
            FROM (SELECT *, {ISO} AS ts_iso FROM ({inner}) AS q0) AS q1
        ) AS q2
    """


def row_hits_sql(rules: list[ActiveRule], av: str, label: str) -> str:
    """All row rules in one pass over ``av``: one row per (rule, event) hit."""
    flags = [f"coalesce(({to_spark(a.rule.compiled)}), false) AS f{i}" for i, a in enumerate(rules)]
    which = ", ".join(f"CASE WHEN f{i} THEN {a.index} END" for i, a in enumerate(rules))
    where = " OR ".join(f"f{i}" for i in range(len(rules)))
    inner = INNER.format(source=source_sql(label))
    return f"""
        SELECT r, {NAMES}, CAST(NULL AS BIGINT) AS n FROM (
            SELECT explode(filter(array({which}), x -> x IS NOT NULL)) AS r, *
            FROM (SELECT {inner}, {", ".join(flags)} FROM {av}) AS f WHERE {where}
        ) AS h
    """

"""Window rules (volume bursts) on Spark, over the segment's events and the carried ones.

The same query as ``policy.engine.window_query``, step for step, in Spark SQL: adjacent-bucket
pruning, a sliding count of distinct values (``size(collect_set())`` over a range frame in
microseconds: Spark has no ``count(DISTINCT)`` window), bursts split where the gap exceeds
the window, each shown by its first event, and only bursts this segment takes part in.
"""

from __future__ import annotations

from auditor.policy.engine import ActiveRule
from auditor.policy.loader import WINDOW_DISTINCT, WINDOW_PER
from auditor.spark.dialect import to_spark
from auditor.spark.hits import INNER
from auditor.spark.view import EKEY


def window_sql(active: ActiveRule, source: str, carry: str, allv: str) -> str:
    """One row per burst this segment's events take part in (``hits.NAMES`` and ``n``)."""
    spec = active.rule.window
    assert spec is not None
    grp, val = WINDOW_PER[spec.per], WINDOW_DISTINCT[spec.count_distinct]
    cond = f"({to_spark(active.rule.compiled)})" if active.rule.compiled else "true"
    over_us = active.over_minutes * 60_000_000
    ms = active.over_minutes * 60_000
    bucket = f"CAST(floor(unix_millis(event__timestamp) / {ms}) AS BIGINT)"
    names = f"k, event__timestamp, {grp} AS grp, {val} AS val"
    return f"""
        WITH cur AS (SELECT {names}, {EKEY} AS ekey FROM {source} WHERE {cond}),
        cur_grp AS (SELECT DISTINCT grp FROM cur),
        src AS (
            SELECT k, event__timestamp, grp, val FROM cur
            UNION ALL
            SELECT {names} FROM (
                SELECT c.* FROM {carry} c
                LEFT SEMI JOIN cur_grp g ON c.{grp} = g.grp
                LEFT ANTI JOIN cur x ON c.ekey = x.ekey
            ) AS cc WHERE {cond}
        ),
        timed AS (SELECT *, unix_micros(event__timestamp) AS tu, {bucket} AS b FROM src),
        buckets AS (SELECT grp, b, count(*) AS c FROM timed GROUP BY grp, b),
        hot_buckets AS (
            SELECT a.grp, a.b FROM buckets a LEFT JOIN buckets n ON n.grp = a.grp AND n.b = a.b + 1
            WHERE a.c + coalesce(n.c, 0) > {active.threshold}
        ),
        keep AS (SELECT grp, b FROM hot_buckets UNION SELECT grp, b + 1 FROM hot_buckets),
        counted AS (
            SELECT k, tu, grp, size(collect_set(val) OVER (
                PARTITION BY grp ORDER BY tu RANGE BETWEEN {over_us} PRECEDING AND CURRENT ROW
            )) AS n
            FROM timed t LEFT SEMI JOIN keep ON keep.grp = t.grp AND keep.b = t.b
        ),
        hot AS (
            SELECT *, lag(tu) OVER (PARTITION BY grp ORDER BY tu, k) AS prev
            FROM counted WHERE n > {active.threshold}
        ),
        bursts AS (
            SELECT *, sum(CASE WHEN prev IS NULL OR tu - prev > {over_us} THEN 1 ELSE 0 END)
                OVER (PARTITION BY grp ORDER BY tu, k ROWS UNBOUNDED PRECEDING) AS burst
            FROM hot
        ),
        spans AS (
            SELECT grp, min(struct(tu, k)).k AS first_k, max(n) AS n, min(tu) AS t0, max(tu) AS t1
            FROM bursts GROUP BY grp, burst
        ),
        firsts AS (
            SELECT s.first_k, s.n FROM spans s LEFT SEMI JOIN timed t
                ON t.k >= 0 AND t.grp = s.grp AND t.tu BETWEEN s.t0 - {over_us} AND s.t1
        )
        SELECT {active.index} AS r, {INNER.format(source="source")}, f.n
        FROM firsts f JOIN {allv} a ON a.k = f.first_k
    """

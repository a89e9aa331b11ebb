"""Window rules (volume bursts) on Spark, over the segment's events and the carried ones.

The same query as ``policy.engine.window_query``, step for step, in Spark SQL, and the same
pruning: the carry's per-(group, bucket) counts (``policy.engine.keep_sql``) pick the
buckets whose carried events can take part in a burst this segment is in (``keep_sql``);
only carried events in those buckets are read (``cand``: bounded by the hot buckets, not by
the carry). Then a sliding count of distinct values (``size(collect_set())`` over a range
frame in microseconds: Spark has no ``count(DISTINCT)`` window), bursts split where the gap
exceeds the window, each shown by its first event, and only bursts this segment takes part
in.
"""

from __future__ import annotations

from auditor.policy import engine
from auditor.policy.engine import ActiveRule
from auditor.policy.loader import WINDOW_DISTINCT, WINDOW_PER
from auditor.policy.view import ALWAYS
from auditor.spark.dialect import to_spark
from auditor.spark.hits import INNER
from auditor.spark.view import EKEY


def parts(active: ActiveRule) -> tuple[str, str, str, int]:
    """(group SQL, distinct-value SQL, condition SQL, bucket width in ms) of a window rule."""
    spec = active.rule.window
    assert spec is not None
    cond = f"({to_spark(active.rule.compiled)})" if active.rule.compiled else "true"
    grp, val = WINDOW_PER[spec.per], WINDOW_DISTINCT[spec.count_distinct]
    return grp, val, cond, active.over_minutes * 60_000


def bucket_of(ms: int) -> str:
    """An instant's bucket number (``policy.engine._bucket_of``)."""
    return f"CAST(floor(unix_millis(event__timestamp) / {ms}) AS BIGINT)"


def counts_sql(active: ActiveRule, rows: str) -> str:
    """Carry-shaped ``rows`` counted per (group, bucket), the rule's condition not applied (a
    count may run high, never low: it only picks the buckets worth a closer look)."""
    grp, _, _, ms = parts(active)
    return f"SELECT {grp} AS grp, {bucket_of(ms)} AS b, count(*) AS c FROM {rows} GROUP BY 1, 2"


def cur_sql(active: ActiveRule, source: str) -> str:
    """The segment's events the rule counts: key, time, group, value, bucket, event key."""
    grp, val, cond, ms = parts(active)
    return (
        f"SELECT k, event__timestamp, {grp} AS grp, {val} AS val, {bucket_of(ms)} AS b, "
        f"{EKEY} AS ekey FROM {source} WHERE {cond}"
    )


def keep_sql(active: ActiveRule, cur: str, counts: str) -> str:
    """The (group, bucket) pairs whose carried events the window query must read: the
    islands of hot bucket pairs (segment counts plus the carry's ``counts``) that the
    segment has an event in, each with the bucket after it. The DuckDB engine's own query
    (``policy.engine.keep_sql``) transpiled by sqlglot, as the rules' predicates are: one
    source, so the two engines cannot drift apart."""
    return to_spark(engine.keep_sql(active, cur, counts))


def cand_sql(
    active: ActiveRule, carry: str, keep: str, span: tuple[int, int], cur: str, dups: str | None
) -> str:
    """Carried events in ``keep``'s buckets (``span``: their instants [from, to) in ms), but
    not the carry's copies of the segment's own events (``dups``: the segment's event keys
    the carry holds, when there are any)."""
    grp, _, _, ms = parts(active)
    lo, hi = span
    rows = (
        f"SELECT /*+ BROADCAST(w) */ c.* FROM {carry} c LEFT SEMI JOIN {keep} w "
        f"ON w.grp = c.{grp} AND w.b = CAST(floor(unix_millis(c.event__timestamp) / {ms}) "
        f"AS BIGINT) WHERE c.event__timestamp >= timestamp_millis({lo}) "
        f"AND c.event__timestamp < timestamp_millis({hi})"
    )
    if dups is None:
        return rows
    return (
        f"SELECT /*+ BROADCAST(x) */ r.* FROM ({rows}) AS r LEFT ANTI JOIN ("
        f"SELECT /*+ BROADCAST(d) */ s.ekey FROM {cur} s LEFT SEMI JOIN {dups} d "
        f"ON s.ekey = d.ekey) AS x ON r.ekey = x.ekey"
    )


def window_sql(active: ActiveRule, cur: str, cand: str, seg: str, label_source: str) -> str:
    """One row per burst this segment's events take part in (``hits.NAMES`` and ``n``): over
    the segment's counted events ``cur`` and the carried candidates ``cand``; a burst's first
    event is shown from ``seg`` (the segment's view, its source ``label_source``) or
    ``cand``."""
    grp, val, cond, _ = parts(active)
    over_us = active.over_minutes * 60_000_000
    always = ", ".join(ALWAYS)
    return f"""
        WITH src AS (
            SELECT k, event__timestamp, grp, val FROM {cur}
            UNION ALL
            SELECT k, event__timestamp, {grp} AS grp, {val} AS val FROM {cand} WHERE {cond}
        ),
        timed AS (
            SELECT *, unix_micros(event__timestamp) AS tu,
                CAST(floor(unix_millis(event__timestamp) / {over_us // 1000}) AS BIGINT) AS b
            FROM src
        ),
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
        ),
        shown AS (
            SELECT k, {label_source} AS source, {always} FROM {seg}
            UNION ALL SELECT k, source, {always} FROM {cand}
        )
        SELECT {active.index} AS r, {INNER.format(source="source")}, f.n
        FROM firsts f JOIN shown a ON a.k = f.first_k
    """

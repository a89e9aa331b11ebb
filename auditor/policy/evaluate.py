"""The policy engine's per-scan sequence, in one place: context, view, rules, window carry.

A scan opens one DuckDB connection (``engine.connect``) and hands it here. ``prepare`` loads
the context files and the role matrix and decides which rules can run; then, per segment of
events already loaded into ``events``, ``evaluate`` (re)defines the access view, counts the
segment's days, and yields the rule hits, advancing the window carry once they are all read.
The service above only loops over files, segments, checkpoints and the store writer, and
never drives the engine's state machine step by step.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from auditor.policy import carry_parts, engine, hits, view
from auditor.policy.context import ContextInfo, RejectSink, prepare_context
from auditor.policy.guard import RuleGuard
from auditor.policy.model import PolicyPack

HitChunk = list[tuple[Any, ...]]  # rows shaped as ``hits.HIT_COLUMNS``


@dataclass
class Evaluation:
    """One segment: its counts (known at once) and its hits (read them all, in order).

    ``chunks`` is lazy: the rules run as it is read, and the window carry moves on to this
    segment only once it is exhausted, so read it to the end before the next ``evaluate``.
    """

    processed: int
    explained: int
    days: list[tuple[str, int, int]]  # (site-local day, audited, explained)
    # Distinct events for ``store.audited``: its JSON text from DuckDB; (key, "YYYY-MM-DD",
    # explained) tuples from an engine that keeps the readable form.
    events: str | Sequence[tuple[str, str, bool]]
    chunks: Iterator[HitChunk] = field(repr=False)


class SegmentEvaluator:
    """Evaluates the policy pack over each loaded segment of one scan's connection."""

    def __init__(
        self,
        con: duckdb.DuckDBPyConnection,
        pack: PolicyPack,
        cfg: engine.EngineConfig,
        *,
        chunk: int = 20000,
        with_json: bool = False,
        carry_from: carry_parts.Manifest | None = None,
    ) -> None:
        """``carry_from``: the window events earlier scans persisted, as parts
        (``checkpoint_part``) or the single file of a version before them (``legacy``)."""
        self.con, self.pack, self.cfg = con, pack, cfg
        self.chunk, self.with_json = chunk, with_json
        self.carry_parts: carry_parts.Manifest | None = carry_from
        self.active: list[engine.ActiveRule] = []
        self.disabled: dict[str, str] = {}
        self._columns: list[str] = []
        self._carry_ready = False
        self._merged: dict[str, int] = {}  # the window bucket counts' rows at their last merge
        self.guard = RuleGuard(con, cfg.rule_time_limit, cfg.memory_limit)
        self._line_sql = "e.line"
        # The row rules whose verdicts the segment's table holds (``engine.segment_rows``).
        self._flagged: list[engine.ActiveRule] | None = None
        # The segment read to its end whose events the carry has not taken yet: taken when
        # the next segment is evaluated, or written straight to a part by
        # ``checkpoint_part`` (the scan's last segment is never inserted into the carry).
        self._pending: str | None = None
        # The carried events not in a persisted part yet are those with keys below this
        # (None: all of them); the lowest key given so far (new keys go below it).
        self._below: int | None = None
        self._floor = 0
        # The carry's newest instant and a bound on its oldest, kept here (not read from it).
        self._marks = engine.CarryMarks()

    def prepare(self, context_dir: Path | None, rejects: RejectSink) -> ContextInfo:
        """Load context and roles; keep the rules the context allows (``disabled`` says why not)."""
        context = prepare_context(self.con, context_dir, self.cfg.timezone, rejects)
        engine.load_roles(self.con, self.pack)
        self.active, self.disabled = engine.split_rules(self.pack, context, self.cfg)
        self._columns = view.view_columns([a.rule for a in self.active])
        return context

    def evaluate(self, label: str, line_sql: str) -> Evaluation:
        """The access view over the loaded ``events``; hits tagged ``label:line``."""
        cfg = self.cfg
        self._advance()  # the previous segment's events, before ``seg`` is replaced
        processed, explained = view.create_view(
            self.con,
            timezone=cfg.timezone,
            before_days=cfg.before_days,
            after_days=cfg.after_days,
            placeholder_reasons=cfg.placeholder_reasons,
            columns=self._columns,
            line_sql=line_sql,
            segment_columns=engine.stored_columns(self.active),
        )
        flagged = self._flaggable()
        made = engine.segment_rows(
            self.con,
            self.active,
            lambda sql: self.guard.attempt(sql)[0],
            hits.row_flags_sql(flagged) if flagged else None,
            events=processed,
        )
        self._flagged = flagged if made else None
        days = view.daily_counts(self.con)
        if not self._carry_ready:  # the first segment's view defines the carry's columns
            self._init_carry()
            self._carry_ready = True
        if any(a.rule.window for a in self.active):  # for the window rules and the carry
            engine.segment_copies(self.con)
        events = view.event_keys(self.con)
        self._line_sql = line_sql  # for naming the segment's lines if a rule fails
        return Evaluation(processed, explained, days, events, self._hits(label))

    def _flaggable(self) -> list[engine.ActiveRule]:
        """The row rules to run with the segment's table (``engine.segment_rows``): all of
        this segment's, when none has failed yet (a rule that failed runs alone, under the
        guard, as does every rule once only their combination failed); else none."""
        guard = self.guard
        rows = [a for a in self.active if a.rule.window is None]
        if guard.isolate or any(guard.failed(a.rule.id) for a in rows):
            return []
        return rows if len(rows) <= hits.MAX_FLAGS else []

    def _hits(self, label: str) -> Iterator[HitChunk]:
        yield from hits.iter_hits(
            self.con,
            self.active,
            label,
            timezone=self.cfg.timezone,
            guard=self.guard,
            where=functools.partial(self._where, label, self._line_sql),
            chunk=self.chunk,
            with_json=self.with_json,
            segment=view.SEGMENT,
            flagged=self._flagged,
        )
        self._pending = label

    def _init_carry(self) -> None:
        """The carry from the persisted parts (or file), and which of its events are in one."""
        parts = self.carry_parts
        if parts is None:
            engine.init_carry(self.con, self.active)
        else:
            loaded = engine.init_carry(self.con, self.active, parts.files(), parts.cutoff)
            if loaded and parts.legacy is None and parts.parts:
                self._below = parts.floor  # the parts hold every carried event
            else:  # an old single file, or the window afresh: the next part holds it all
                self.carry_parts = carry_parts.Manifest(parts.folder)
        self._floor = min(engine.lowest_key(self.con), self._below or 0)
        self._marks = engine.carry_marks(self.con)

    def _advance(self) -> None:
        """Move the carry on to the last segment read to its end, if it has not yet."""
        if self._pending is not None:
            label, self._pending = self._pending, None
            self._floor = engine.advance_carry(
                self.con,
                self.active,
                label,
                self.cfg.carry_hours,
                self._merged,
                self._floor,
                self._marks,
            )

    def _where(self, label: str, line_sql: str) -> str:
        """The segment as a failure names it: the file and its line range."""
        span = self.con.execute(f"SELECT min({line_sql}), max({line_sql}) FROM events e").fetchone()
        return f"{label} lines {span[0]}-{span[1]}" if span and span[0] is not None else label

    @property
    def failed(self) -> dict[str, str]:
        """{rule id: its scan-time failure}: rules stopped by the time limit or failing on the
        data (``policy.guard``); the other rules' findings are complete. One live dict: it
        fills as the scan goes."""
        return self.guard.described

    @property
    def has_carry(self) -> bool:
        """Whether a segment was evaluated (the carry exists once the first one is)."""
        return self._carry_ready

    def checkpoint_part(self, folder: Path) -> carry_parts.Manifest:
        """Write the carried events no part holds yet (as of the last segment read to its
        end) as a new part in ``folder`` (made durable), and return the manifest with it,
        which the caller commits (``carry_parts``). Costs what the carry took since the
        last part, not what it holds."""
        path = carry_parts.new_part_path(folder)
        whole = self._compacting()
        part, newest = engine.save_carry_part(
            self.con,
            self.active,
            path,
            below=None if whole else self._below,
            pending=self._pending,
            hours=self.cfg.carry_hours,
            floor=self._floor,
            marks=self._marks,
        )
        return self._added(part, newest, folder, whole)

    def _compacting(self) -> bool:
        """Whether the next part is the whole carry (``carry_parts.MAX_PARTS``)."""
        return self.carry_parts is not None and len(self.carry_parts.parts) >= (
            carry_parts.MAX_PARTS
        )

    def _added(
        self, part: carry_parts.Part | None, newest: int | None, folder: Path, whole: bool
    ) -> carry_parts.Manifest:
        """The manifest with ``part`` (written by this engine), which holds every carried
        event with a key from its lowest up (``whole``: every carried event)."""
        if part is not None:
            carry_parts.sync(folder / part.name)
            self._below = part.low
        base = self.carry_parts or carry_parts.Manifest(folder)
        if whole:
            base = carry_parts.Manifest(folder)
        self.carry_parts = base.adding(part, newest, self.cfg.carry_hours)
        return self.carry_parts

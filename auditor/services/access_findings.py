"""Rule hits to stored findings: keyed fingerprints, identities, batches, the caller's hook.

DuckDB has already formatted each hit (``policy.hits``, run by ``policy.evaluate``); what is
left per finding is the keyed HMAC (whose secret never goes into SQL) and the identity hash,
in one tight loop over plain tuples. Batches go to the store writer as they arrive; the
segment's checkpoint rides in the same transaction as its last batch, so a kill between
batches re-does, never skips.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from auditor.context import AppContext
from auditor.findings import AccessFinding, AccessRow, access_identity
from auditor.fingerprint import Fingerprinter
from auditor.policy.engine import ActiveRule
from auditor.services.access_writer import Checkpoint, StoreWriter


@dataclass(frozen=True)
class AccessBatch:
    """One store batch of findings as a caller (the CLI) sees it."""

    rows: list[AccessRow]
    jsonl: list[str] = field(default_factory=list)  # the findings JSONL line (docs/formats.md)

    def findings(self) -> list[AccessFinding]:
        return [row.finding() for row in self.rows]


OnBatch = Callable[[AccessBatch], None]


@dataclass
class Emitted:
    count: int = 0
    by_category: Counter[str] = field(default_factory=Counter)
    by_rule: Counter[str] = field(default_factory=Counter)


def to_rows(
    batch: Iterable[tuple[Any, ...]], by_index: dict[int, ActiveRule], fp: Fingerprinter
) -> list[AccessRow]:
    """Hit rows (``hits.HIT_COLUMNS``) to store rows."""
    out: list[AccessRow] = []
    of = fp.of
    for r, source, event_id, user_id, patient_id, iso, explained, explanation, _ in batch:
        rule = by_index[r].rule
        fingerprint = of(f"{user_id}\x1f{patient_id}\x1f{iso}")
        out.append(
            AccessRow(
                access_identity(rule.id, event_id, fingerprint),
                rule.id,
                rule.category,
                str(rule.severity),
                source,
                event_id,
                user_id,
                patient_id,
                datetime.fromisoformat(iso),
                fingerprint,
                explanation,
                bool(explained),
            )
        )
    return out


def emit(
    actx: AppContext,
    chunks: Iterator[list[tuple[Any, ...]]],
    active: list[ActiveRule],
    writer: StoreWriter,
    checkpoint: Checkpoint | None,
    on_batch: OnBatch | None,
    reported: set[str] | None = None,
) -> Emitted:
    """Queue the segment's hit ``chunks`` (all of them, in order); the checkpoint goes last.

    ``reported``: identities this run has already emitted; a hit whose finding is among them
    (the same event delivered again) is dropped from the store batch, the hook and the counts.
    """
    by_index = {a.index: a for a in active}
    out = Emitted()
    pending: list[AccessRow] | None = None
    while True:
        raw = next(chunks, None)
        batch = to_rows(raw, by_index, actx.fingerprinter) if raw else []
        if raw and reported is not None:
            keep = []
            for i, row in enumerate(batch):
                if row.identity not in reported:
                    reported.add(row.identity)
                    keep.append(i)
            if len(keep) < len(batch):
                batch, raw = [batch[i] for i in keep], [raw[i] for i in keep]
            if not batch:
                continue
        if pending is not None:
            writer.put(pending, checkpoint if not batch else None)
        if not batch:
            break
        for row in batch:
            out.by_category[row.category] += 1
            out.by_rule[row.rule_id] += 1
        if on_batch is not None:
            on_batch(AccessBatch(batch, [hit[-1] for hit in raw or ()]))
        out.count += len(batch)
        pending = batch
    if pending is None and checkpoint is not None:
        writer.put([], checkpoint)
    return out

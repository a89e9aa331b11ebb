"""Rule hits to stored findings: keyed fingerprints, identities, batches, the caller's hook.

DuckDB has already formatted each hit (``policy.hits``, run by ``policy.evaluate``); what is
left per finding is the keyed HMAC (whose secret never goes into SQL) and the identity hash,
in one tight loop over plain tuples. Batches go to the store writer as they arrive; the
segment's checkpoint rides in the same transaction as its last batch, so a kill between
batches re-does, never skips.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
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
    """Hit rows (``hits.HIT_COLUMNS``) to store rows. Each rule's id, category and severity
    text are looked up once a batch, not once a row."""
    out: list[AccessRow] = []
    # ``_make``: the tuple made in C (the named tuple's ``__new__`` is a Python function).
    append, of, parse, make = out.append, fp.of, datetime.fromisoformat, AccessRow._make
    rules = {i: (a.rule.id, a.rule.category, str(a.rule.severity)) for i, a in by_index.items()}
    for r, source, event_id, user_id, patient_id, iso, explained, explanation, _ in batch:
        rule_id, category, severity = rules[r]
        fingerprint = of(f"{user_id}\x1f{patient_id}\x1f{iso}")
        append(
            make(
                (
                    access_identity(rule_id, event_id, fingerprint),
                    rule_id,
                    category,
                    severity,
                    source,
                    event_id,
                    user_id,
                    patient_id,
                    parse(iso),
                    fingerprint,
                    explanation,
                    bool(explained),
                )
            )
        )
    return out


class ReportedIdentities:
    """The identities of the findings a run has reported (``emit``), 16 bytes each.

    A run drops a finding it reported already (an event delivered twice: the same week as
    CSV and NDJSON, a re-sent file), so it remembers every identity it reported. As a set of
    the 64-digit hex texts that cost ~170 bytes a finding, and it was what grew the scan's
    memory beyond its DuckDB limit: 271 MiB at 1.68M findings (30M events of the bench's
    time-ordered input), 945 MiB at 5.6M (100M). Here an identity is kept as its first 128
    bits (a SHA-256's: two findings' prefixes agree with a probability of ~n^2 / 2^129, 1e-25
    at 10M findings), the newest in a set of up to ``spill`` of them and the rest in sorted
    NumPy arrays, each at least twice the next (merged as they fill: log-many arrays, each
    identity moved log-many times), looked up a batch at a time. NumPy is imported only
    once the set first spills: a scan of fewer findings never loads it.
    """

    SPILL = 1 << 18

    def __init__(self, spill: int = SPILL) -> None:
        self._recent: set[bytes] = set()
        self._sorted: list[Any] = []  # numpy arrays of dtype S16, sorted, sizes falling
        self._spill = spill

    def __len__(self) -> int:
        return len(self._recent) + sum(len(a) for a in self._sorted)

    def fresh(self, identities: Sequence[str]) -> list[int]:
        """The indices of ``identities`` not reported before (of repeats among them, the
        first), which are reported from now on."""
        keys = [bytes.fromhex(identity[:32]) for identity in identities]
        older = self._in_sorted(keys)
        recent, keep = self._recent, []
        for i, key in enumerate(keys):
            if key in recent or (older is not None and older[i]):
                continue
            recent.add(key)
            keep.append(i)
        if len(recent) >= self._spill:
            self._spill_recent()
        return keep

    def _in_sorted(self, keys: list[bytes]) -> Any:
        """Which ``keys`` the sorted arrays hold (a boolean array), None while there are none."""
        if not self._sorted:
            return None
        import numpy as np

        wanted = np.array(keys, dtype="S16")
        found = np.zeros(len(keys), dtype=bool)
        for level in self._sorted:
            at = np.minimum(np.searchsorted(level, wanted), len(level) - 1)
            found |= level[at] == wanted
        return found

    def _spill_recent(self) -> None:
        import numpy as np

        level = np.sort(np.array(list(self._recent), dtype="S16"))
        self._recent = set()
        levels = self._sorted
        levels.append(level)
        while len(levels) > 1 and len(levels[-2]) <= 2 * len(levels[-1]):
            last = levels.pop()
            levels[-1] = np.sort(np.concatenate((levels[-1], last)))


def emit(
    actx: AppContext,
    chunks: Iterator[list[tuple[Any, ...]]],
    active: list[ActiveRule],
    writer: StoreWriter,
    checkpoint: Checkpoint | None,
    on_batch: OnBatch | None,
    reported: ReportedIdentities | None = None,
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
            keep = reported.fresh([row.identity for row in batch])
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

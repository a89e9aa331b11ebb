"""``auditor deid --engine spark``: the same run as on one machine, its files done on Spark.

``services.deid.run_deid`` orders the run (plan, recorded run, path names, certificate) for
both engines; with ``[deid] engine = "spark"`` (or ``--engine spark``) it hands the two
per-file steps to :class:`SparkDeid`: the files are de-identified on executors, one task per
file, by this module's caller's own functions (``_transform_one``, ``residual_scan``), and
the driver adds up what each file reports in input order, so the certificate lists the same
files, counts and residual detections as a run on one machine.

Refused before the run starts (exit 2, one line): DOCX and PDF inputs (binary output formats
not done on executors) and ``--reid-map`` (the originals would travel through Spark's shuffle
and result files unencrypted).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from auditor.deid import certificate as cert
from auditor.deid.formats import format_for
from auditor.deid.formats.base import copy_unchanged
from auditor.errors import InputError
from auditor.spark.deid import (
    NOT_ON_SPARK,
    DeidSpec,
    ledger_from_json,
    merge_residual,
    residual_frame,
    transform_frame,
)
from auditor.spark.phi import EngineSpec, spark_failure
from auditor.spark.session import spark_session

if TYPE_CHECKING:
    from auditor.context import AppContext
    from auditor.services.deid import DeidPlan, DeidRequest, _Work

Progress = Callable[[int, int, str], None]


def refusals(p: DeidPlan, request: DeidRequest) -> None:
    """Refuse, before anything runs, what the Spark engine does not do (one line, exit 2)."""
    if request.reid_map is not None:
        raise InputError(
            "the spark engine does not write a re-identification map (the originals would "
            "pass through Spark unencrypted); run it with --engine local",
            field="--reid-map",
        )
    kinds: Counter[str] = Counter()
    for job in p.jobs:
        try:
            fmt, _ = format_for(job.src, request.zip_limits)
        except OSError:
            continue  # refused per file in the run, as on one machine
        if fmt is not None and fmt.name in NOT_ON_SPARK:
            kinds[fmt.name] += 1
    if kinds:
        what = ", ".join(f"{n} {kind.upper()}" for kind, n in sorted(kinds.items()))
        raise InputError(
            f"the spark engine does not de-identify DOCX or PDF files ({what} in the input); "
            "de-identify them with --engine local",
            field="--engine",
        )


class SparkDeid:
    """The two per-file steps of a de-id run, on Spark (see the module docstring)."""

    def __init__(
        self,
        actx: AppContext,
        request: DeidRequest,
        p: DeidPlan,
        transform: Any,
        residual: Any,
    ) -> None:
        refusals(p, request)
        settings = actx.settings
        self.request = request
        self.spark = spark_session(
            request.master or settings.deid.spark_master, dict(settings.deid.spark_conf)
        )
        self.engine = EngineSpec.from_settings(
            settings, dictionaries=request.dictionaries, context_dir=request.context_dir
        )
        self._transform = transform
        self._residual = residual
        self._spec: DeidSpec | None = None
        self._written: dict[str, dict[str, Any]] = {}

    def transform_files(
        self,
        actx: AppContext,
        p: DeidPlan,
        work: _Work,
        on_progress: Progress | None = None,
        request: DeidRequest | None = None,
    ) -> None:
        """What ``services.deid.transform_files`` does, each file's work on an executor."""
        request = request or self.request
        spec = self._spec = DeidSpec(
            engine=self.engine,
            key=p.key,
            profile=p.profile,
            shift_days=p.shift_days,
            reference=work.deid.reference,
            batch_size=actx.settings.phi.batch_size,
            zip_limits=request.zip_limits,
            redact_unparsable=request.redact_unparsable,
            transform=self._transform,
            residual=self._residual,
        )
        outcomes: list[tuple[str, str, str]] = []  # (rel, "spark" | "skipped" | "copied", why)
        tasks: list[dict[str, Any]] = []
        taken: set[str] = set()
        for idx, job in enumerate(p.jobs):
            rel = work.namer.path(job.rel).as_posix()
            if rel in taken:
                # Two names de-identified alike (note_00001/note_00002 -> note_000): executors
                # would race on one output file; the later input is refused, not lost unseen.
                outcomes.append((rel, "skipped", "its de-identified name is another file's"))
                continue
            taken.add(rel)
            try:
                fmt, reason = format_for(job.src, request.zip_limits)
            except OSError as exc:
                outcomes.append((rel, "skipped", f"cannot read ({exc.__class__.__name__})"))
                continue
            if fmt is None and request.copy_unsupported:
                copy_unchanged(job.src, work.target / rel)
                outcomes.append((rel, "copied", ""))
            elif fmt is None:
                why = f"{reason}; not copied (--copy-unsupported copies it)"
                outcomes.append((rel, "skipped", why))
            else:
                tasks.append({"idx": idx, "src": str(job.src), "dst": str(work.target / rel)})
                tasks[-1]["rel"] = rel
                outcomes.append((rel, "spark", str(idx)))
        if on_progress is not None:
            on_progress(0, len(p.jobs), "spark")
        results = {}
        if tasks:
            try:
                frame = transform_frame(self.spark, spec, tasks)
            except Exception as exc:  # per-file errors are caught on the executor: this is Spark
                raise spark_failure("de-identification", exc) from None
            results = {int(r["idx"]): r for r in frame.to_dict("records")}
        by_idx = {t["idx"]: t for t in tasks}
        for rel, kind, why in outcomes:
            if kind == "skipped":
                work.skipped.append((rel, why))
                continue
            if kind == "copied":
                work.copied.append(rel)
                continue
            row = results[int(why)]
            work.deid.ledger.merge(ledger_from_json(row["ledger"]))
            dst = Path(by_idx[int(why)]["dst"])
            fmt, _ = (
                format_for(dst, request.zip_limits) if row["status"] != "refused" else (None, "")
            )
            if row["status"] == "redacted":
                work.redacted.append((rel, row["reason"]))
            elif row["status"] == "refused":
                work.skipped.append((rel, row["reason"]))
                continue
            else:
                entry: dict[str, Any] = {"path": rel, "format": row["format"]}
                entry.update(records=int(row["records"]), sha256=row["sha256"])
                notes = json.loads(row["notes"])
                if notes:
                    entry["notes"] = notes
                work.processed.append(entry)
            assert fmt is not None
            work.written.append((dst, fmt, rel))
            self._written[rel] = by_idx[int(why)]

    def residual_scan(self, analyzer: Any, work: _Work) -> cert.Residual:
        """What ``services.deid.residual_scan`` does, each written file read on an executor."""
        residual = cert.Residual()
        tasks = [self._written[rel] for _, _, rel in work.written]
        if not tasks or self._spec is None:
            return residual
        try:
            parts = residual_frame(self.spark, self._spec, tasks, work.deid.ledger.produced)
        except Exception as exc:
            raise spark_failure("the residual scan", exc) from None
        for task in tasks:
            merge_residual(residual, parts[int(task["idx"])])
        return residual

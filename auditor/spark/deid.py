"""De-identification on Spark executors: one task per file, the single-node code inside it.

A task is one input file. The executor runs the very format module ``auditor deid`` runs on
one machine (text, CSV/TSV, JSON, JSONL, HL7, Parquet) with a :class:`Deidentifier` built
from the same key, profile, shift range and run date, so every surrogate, token and date
shift is the keyed HMAC of the value (and of the patient, for shifts) whichever executor or
partition meets it: the output is byte for byte what one machine writes. Each file's ledger (counts
and the surrogate words produced) comes back to the driver, which adds them up and then
sends the merged word list out again for the residual scan, so "a surrogate we wrote" means
the same as on one machine.

Parquet files go through the same format module as on one machine
(``auditor.deid.formats.parquet``: row batches, a row that cannot be de-identified
quarantined with its row and reason, the others written), so they too come out byte for
byte the same.

The engine and the operators are built once per executor Python worker and kept in a
module-level cache (``auditor.spark.phi.worker_engine``). The service that orders a run
(``auditor.services.deid_spark``) hands in its own per-file functions (transform, residual
scan), so there is one implementation of each whichever engine runs it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import pickle
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from auditor.deid import certificate as cert
from auditor.deid.formats import format_for, redact_whole
from auditor.deid.formats.base import FileContext, Format
from auditor.deid.operators import Deidentifier, Ledger
from auditor.deid.profiles import Profile
from auditor.deid.sweep import sweep_for
from auditor.filehash import sha256_file
from auditor.scanners.documents.docx import ZipLimits
from auditor.spark.phi import EngineSpec, worker_engine

if TYPE_CHECKING:
    import pandas as pd
    from pyspark.sql import SparkSession

    from auditor.deid.formats.base import TextAnalyzer

# What a worker cannot do: binary output formats need their libraries on every executor and
# write containers the byte-level parity does not cover.
NOT_ON_SPARK = frozenset({"docx", "pdf"})

TASK_SCHEMA = "idx long, src string, dst string, rel string"
RESULT_SCHEMA = (
    "idx long, status string, reason string, format string, records long, sha256 string,"
    " notes string, ledger string"
)
RESULT_COLUMNS = [part.split()[0] for part in RESULT_SCHEMA.split(",")]
RESIDUAL_SCHEMA = "idx long, residual string"

# (format, src, dst, file context) -> (why not written, whether a parse failure)
Transform = Callable[[Format, Path, Path, FileContext], tuple[str, bool]]
# (analyzer, an object with .written and .deid.ledger) -> Residual of those files
ResidualScan = Callable[[Any, Any], cert.Residual]


@dataclass(frozen=True)
class DeidSpec:
    """What every executor needs to de-identify as the driver would (the key included:
    surrogates are computed where the values are; see docs/scale-out.md on securing it)."""

    engine: EngineSpec
    key: bytes = field(repr=False)
    profile: Profile
    shift_days: int
    reference: dt.date
    batch_size: int
    zip_limits: ZipLimits
    redact_unparsable: bool
    transform: Transform
    residual: ResidualScan

    @property
    def cache_key(self) -> str:
        parts = (self.key, self.profile, self.shift_days, self.reference, self.engine.key)
        return hashlib.sha256(pickle.dumps(parts)).hexdigest()[:24]


_DEIDS: dict[str, Deidentifier] = {}


def worker_deid(spec: DeidSpec) -> Deidentifier:
    """This worker's operators (their memo kept across tasks); the ledger is per file."""
    deid = _DEIDS.get(spec.cache_key)
    if deid is None:
        _DEIDS.clear()
        lexicon = getattr(worker_engine(spec.engine), "lexicon", None)
        deid = _DEIDS[spec.cache_key] = Deidentifier(
            spec.key,
            spec.profile,
            shift_days=spec.shift_days,
            reference=spec.reference,
            ambiguous=getattr(lexicon, "is_ambiguous", None),
            sweep=sweep_for(spec.profile.sweep, lexicon),
        )
    return deid


# -- the ledger on the wire ------------------------------------------------------------------
def ledger_json(ledger: Ledger) -> str:
    counts = [[e, op, n] for (e, op), n in sorted(ledger.counts.items())]
    return json.dumps({"counts": counts, "produced": sorted(ledger.produced)})


def ledger_from_json(text: str) -> Ledger:
    data = json.loads(text)
    ledger = Ledger()
    ledger.counts = Counter({(e, op): int(n) for e, op, n in data["counts"]})
    ledger.produced = set(data["produced"])
    return ledger


# -- the tasks -------------------------------------------------------------------------------
def _one_file(spec: DeidSpec, src: Path, dst: Path, rel: str) -> dict[str, Any]:
    engine = worker_engine(spec.engine)
    deid = worker_deid(spec)
    deid.ledger = Ledger()
    fmt, reason = format_for(src, spec.zip_limits)
    out: dict[str, Any] = {"status": "refused", "reason": reason, "format": "", "records": 0}
    out.update(sha256="", notes="[]", ledger=ledger_json(deid.ledger))
    if fmt is None:
        return out
    fc = FileContext(
        deid=deid, analyzer=engine, profile=spec.profile, source=rel, batch_size=spec.batch_size
    )
    try:
        failed, parse_error = spec.transform(fmt, src, dst, fc)
    except Exception as exc:  # one bad file must not fail the job: refused, by class only
        failed, parse_error = f"cannot de-identify ({type(exc).__name__})", False
    out["format"] = fmt.name
    if failed and parse_error and spec.redact_unparsable:
        redact_whole(dst, fmt.name, spec.profile.redaction_for("UNPARSABLE_FILE"))
        out.update(status="redacted", reason=failed, ledger=ledger_json(deid.ledger))
        return out
    if failed:
        out.update(reason=failed, ledger=ledger_json(deid.ledger))
        return out
    out.update(status="ok", records=fc.units, sha256=sha256_file(dst), notes=json.dumps(fc.notes))
    out["ledger"] = ledger_json(deid.ledger)
    return out


def transform_frame(
    spark: SparkSession, spec: DeidSpec, tasks: list[dict[str, Any]]
) -> pd.DataFrame:
    """De-identify each task's file on an executor; one result row per task, any order."""
    import pandas as pd

    def run(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        for batch in batches:
            rows = []
            for idx, src, dst, rel in batch.itertuples(index=False, name=None):
                rows.append({"idx": idx, **_one_file(spec, Path(src), Path(dst), rel)})
            yield pd.DataFrame(rows, columns=RESULT_COLUMNS)

    frame = _task_frame(spark, tasks)
    return frame.mapInPandas(run, RESULT_SCHEMA).toPandas()


def _task_frame(spark: SparkSession, tasks: list[dict[str, Any]]) -> Any:
    """One partition per file up to the cluster's parallelism x 4 (files differ in size)."""
    import pandas as pd

    parallel = max(1, int(spark.sparkContext.defaultParallelism))
    frame = spark.createDataFrame(
        pd.DataFrame(tasks, columns=["idx", "src", "dst", "rel"]), TASK_SCHEMA
    )
    return frame.repartition(max(1, min(len(tasks), 4 * parallel)), "idx")


def residual_frame(
    spark: SparkSession,
    spec: DeidSpec,
    tasks: list[dict[str, Any]],
    produced: set[str],
) -> dict[int, cert.Residual]:
    """The residual scan of each written file on an executor, against every surrogate word
    the run produced (merged on the driver, broadcast once)."""
    import pandas as pd

    words = spark.sparkContext.broadcast(produced)

    def run(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        engine: TextAnalyzer = worker_engine(spec.engine)
        ledger = Ledger()
        ledger.produced = words.value
        for batch in batches:
            rows = []
            for idx, _src, dst, rel in batch.itertuples(index=False, name=None):
                fmt, _ = format_for(Path(dst), spec.zip_limits)
                written = [(Path(dst), fmt, rel)] if fmt is not None else []
                work = SimpleNamespace(written=written, deid=SimpleNamespace(ledger=ledger))
                rows.append({"idx": idx, "residual": residual_json(spec.residual(engine, work))})
            yield pd.DataFrame(rows, columns=["idx", "residual"])

    frame = _task_frame(spark, tasks).mapInPandas(run, RESIDUAL_SCHEMA).toPandas()
    words.unpersist()
    return {int(i): residual_from_json(r) for i, r in frame.itertuples(index=False, name=None)}


def residual_json(residual: cert.Residual) -> str:
    return json.dumps(
        {
            "found": dict(residual.found),
            "surrogate": dict(residual.surrogate),
            "texts": residual.texts,
            "by_file": residual.by_file,
            "locations": residual.locations,
        }
    )


def residual_from_json(text: str) -> cert.Residual:
    data = json.loads(text)
    return cert.Residual(
        found=Counter(data["found"]),
        surrogate=Counter(data["surrogate"]),
        texts=int(data["texts"]),
        by_file=dict(data["by_file"]),
        locations=list(data["locations"]),
    )


def merge_residual(total: cert.Residual, part: cert.Residual) -> None:
    """Add one file's residual scan to the run's (locations capped as on one machine)."""
    total.found.update(part.found)
    total.surrogate.update(part.surrogate)
    total.texts += part.texts
    total.by_file.update(part.by_file)
    for loc in part.locations:
        total.locate(loc["file"], loc["location"], loc["type"])

"""The PHI engine on Spark executors: one engine per Python worker, texts analysed in batches.

The driver ships an :class:`EngineSpec` (model name, the site dictionary already built from
its files, MRN formats, thresholds) instead of a loaded engine: a spaCy pipeline does not
travel well, and executors may not see the driver's dictionary files. Each executor Python
worker builds the engine once and keeps it in a module-level cache for as long as Spark reuses
the worker (``spark.python.worker.reuse``, on by default), so a model is loaded once per
worker, not once per task or batch.

:class:`SparkAnalyzer` is the document scan's analyzer seam (``submit(texts) -> future``) on
Spark: the scan loop extracts text units on the driver as it always does, the batches it
submits are gathered into one Spark job (``mapInPandas``), and the spans come back to the
driver, which turns them into findings and keyed fingerprints exactly as on one machine.
Texts travel to executors; matched values are never collected and nothing here logs text.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from auditor import __version__
from auditor.config import Settings
from auditor.errors import ScanError
from auditor.phi.dictionaries import SiteDictionary
from auditor.phi.engine import PhiEngine, PhiSpan, site_dictionary
from auditor.spark.session import spark_session

if TYPE_CHECKING:
    import pandas as pd
    from pyspark.sql import DataFrame, SparkSession

# One row per span; a text without spans has no row (the driver knows every id it sent).
SPAN_SCHEMA = "id long, entity_type string, start int, end int, score double"
TEXT_SCHEMA = "id long, text string"
# Raised on an executor whose installed project differs from the driver's: surrogates and
# spans would differ from one machine's without a sound.
VERSION_MISMATCH = "executors run another hipaa-auditor version than the driver"


def spark_failure(what: str, exc: BaseException) -> ScanError:
    """A Spark job's failure as one line: the exception class (its text may quote data)."""
    why = VERSION_MISMATCH if VERSION_MISMATCH in str(exc) else type(exc).__name__
    return ScanError(f"{what} on Spark failed ({why})")


@dataclass(frozen=True)
class EngineSpec:
    """Everything an executor needs to build the driver's engine, and a key for its cache."""

    model: str
    dictionary: SiteDictionary
    mrn_patterns: tuple[str, ...]
    use_ner: bool
    batch_size: int
    thresholds: tuple[tuple[str, float], ...]
    key: str
    version: str = __version__

    @classmethod
    def from_settings(
        cls,
        settings: Settings,
        *,
        dictionaries: Sequence[Path] = (),
        context_dir: Path | None = None,
    ) -> EngineSpec:
        """The engine ``PhiEngine.from_settings`` builds, described for executors."""
        phi = settings.phi
        dictionary = site_dictionary(settings, dictionaries=dictionaries, context_dir=context_dir)
        thresholds = tuple(sorted(phi.thresholds.items()))
        parts = (phi.model, tuple(phi.mrn_patterns), phi.ner, phi.batch_size, thresholds)
        digest = hashlib.sha256(pickle.dumps((parts, dictionary.root, dictionary.size)))
        return cls(
            model=phi.model,
            dictionary=dictionary,
            mrn_patterns=tuple(phi.mrn_patterns),
            use_ner=phi.ner,
            batch_size=phi.batch_size,
            thresholds=thresholds,
            key=digest.hexdigest()[:24],
        )

    def build(self) -> PhiEngine:
        return PhiEngine(
            model=self.model,
            dictionary=self.dictionary,
            mrn_patterns=self.mrn_patterns,
            use_ner=self.use_ner,
            batch_size=self.batch_size,
            thresholds=dict(self.thresholds),
        )


# The engine of this Python worker (an executor's, or the driver's in local mode), by spec key.
_ENGINES: dict[str, PhiEngine] = {}


def worker_engine(spec: EngineSpec) -> PhiEngine:
    """This worker's engine for ``spec``: built on first use, then reused by every task."""
    engine = _ENGINES.get(spec.key)
    if engine is None:
        if spec.version != __version__:
            raise RuntimeError(f"{VERSION_MISMATCH} ({__version__}, driver {spec.version})")
        _ENGINES.clear()  # another configuration's engine: one spaCy model per worker
        engine = _ENGINES[spec.key] = spec.build()
    return engine


def span_rows(ids: Sequence[int], texts: Sequence[str], engine: PhiEngine) -> pd.DataFrame:
    """The engine's spans over ``texts`` as ``SPAN_SCHEMA`` rows (offsets, never values)."""
    import pandas as pd

    out: dict[str, list[Any]] = {"id": [], "entity_type": [], "start": [], "end": [], "score": []}
    for i, spans in zip(ids, engine.analyze_many(texts), strict=True):
        for sp in spans:
            out["id"].append(int(i))
            out["entity_type"].append(sp.entity_type)
            out["start"].append(sp.start)
            out["end"].append(sp.end)
            out["score"].append(sp.score)
    return pd.DataFrame(out).astype({"id": "int64", "start": "int32", "end": "int32"})


def analyse_frame(texts: DataFrame, spec: EngineSpec) -> DataFrame:
    """``texts`` (``TEXT_SCHEMA``) analysed on the executors: ``SPAN_SCHEMA`` rows."""

    def run(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        engine = worker_engine(spec)
        for batch in batches:
            values = ["" if t is None else str(t) for t in batch["text"].tolist()]
            yield span_rows(batch["id"].tolist(), values, engine)

    return texts.mapInPandas(run, SPAN_SCHEMA)


def analyse_texts(
    spark: SparkSession, spec: EngineSpec, texts: Sequence[str], partitions: int | None = None
) -> list[list[PhiSpan]]:
    """Spans per text, in input order (the engine's own order within a text)."""
    import pandas as pd

    frame = spark.createDataFrame(
        pd.DataFrame({"id": range(len(texts)), "text": list(texts)}), TEXT_SCHEMA
    )
    if partitions:
        frame = frame.repartition(partitions)
    found: list[list[PhiSpan]] = [[] for _ in texts]
    rows: Any = analyse_frame(frame, spec).toPandas()
    for i, etype, start, end, score in rows.itertuples(index=False, name=None):
        found[int(i)].append(PhiSpan(str(etype), int(start), int(end), float(score)))
    for spans in found:
        spans.sort(key=lambda s: (s.start, s.end, s.entity_type))
    return found


class _SparkFuture(Future[list[list[PhiSpan]]]):
    """A batch's result: asking for it sends the batches still gathered to Spark first."""

    def __init__(self, owner: SparkAnalyzer) -> None:
        super().__init__()
        self._owner = owner

    def result(self, timeout: float | None = None) -> list[list[PhiSpan]]:
        self._owner.dispatch()
        return super().result(timeout)


class SparkAnalyzer:
    """The scan loop's analyzer on Spark: submitted batches are analysed in one job per
    ``workers`` x 2 batches (the loop's window), one job at a time beside the extraction."""

    def __init__(
        self, spec: EngineSpec, master: str | None = None, conf: dict[str, str] | None = None
    ) -> None:
        self.spec = spec
        self.spark = spark_session(master, conf)
        cores = max(1, int(self.spark.sparkContext.defaultParallelism))
        # The scan loop keeps 2 x workers batches in flight: a few batches per core per job.
        self.workers = 4 * cores
        self._dispatch_at = self.workers
        self._pending: list[tuple[_SparkFuture, list[str]]] = []
        self._jobs = ThreadPoolExecutor(max_workers=1, thread_name_prefix="spark-phi")

    @classmethod
    def from_settings(
        cls,
        settings: Settings,
        dictionaries: Sequence[Path],
        context_dir: Path | None,
        master: str | None = None,
    ) -> SparkAnalyzer:
        docs = settings.documents
        spec = EngineSpec.from_settings(
            settings, dictionaries=dictionaries, context_dir=context_dir
        )
        return cls(spec, master or docs.spark_master, dict(docs.spark_conf))

    def submit(self, texts: list[str]) -> Future[list[list[PhiSpan]]]:
        future = _SparkFuture(self)
        self._pending.append((future, texts))
        if len(self._pending) >= self._dispatch_at:
            self.dispatch()
        return future

    def dispatch(self) -> None:
        """Send every gathered batch to Spark as one job (in the background)."""
        if not self._pending:
            return
        pending, self._pending = self._pending, []
        self._jobs.submit(self._run, pending)

    def _run(self, pending: list[tuple[_SparkFuture, list[str]]]) -> None:
        texts = [t for _, batch in pending for t in batch]
        try:
            found = analyse_texts(self.spark, self.spec, texts)
        except Exception as exc:  # a JVM or worker failure: its class only, never its text
            error = spark_failure("PHI analysis", exc)
            for future, _ in pending:
                future.set_exception(error)
            return
        pos = 0
        for future, batch in pending:
            future.set_result(found[pos : pos + len(batch)])
            pos += len(batch)

    def close(self) -> None:
        self.dispatch()
        self._jobs.shutdown(wait=True, cancel_futures=False)

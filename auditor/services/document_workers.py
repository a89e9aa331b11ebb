"""Where PHI analysis runs: in the scanning process, or in worker processes for big jobs.

Both expose ``submit(texts) -> future of list[list[PhiSpan]]`` so the scan loop pipelines
batches the same way either way. Each worker holds one engine for its lifetime (built once in
the parent and inherited where the platform forks); the parent keeps at most a few batches in
flight, which bounds memory on a 200 MB file as much as on a folder of notes.
"""

from __future__ import annotations

import multiprocessing as mp
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from auditor.config import Settings

if TYPE_CHECKING:
    from auditor.phi.engine import PhiEngine, PhiSpan


class Analyzer(Protocol):
    workers: int

    def submit(self, texts: list[str]) -> Future[list[list[PhiSpan]]]: ...

    def close(self) -> None: ...


def load_engine(
    settings: Settings, dictionaries: Sequence[Path], context_dir: Path | None
) -> PhiEngine:
    from auditor.phi.engine import PhiEngine

    return PhiEngine.from_settings(
        settings, dictionaries=tuple(dictionaries), context_dir=context_dir
    )


class InlineAnalyzer:
    """Analyse in this process; the returned future is already done."""

    workers = 1

    def __init__(self, engine: PhiEngine) -> None:
        self.engine = engine

    def submit(self, texts: list[str]) -> Future[list[list[PhiSpan]]]:
        fut: Future[list[list[PhiSpan]]] = Future()
        try:
            fut.set_result(list(self.engine.analyze_many(texts)))
        except BaseException as exc:
            fut.set_exception(exc)
        return fut

    def close(self) -> None:
        pass


# The engine of a worker process, set once by its initializer (one per process, by design).
_worker_engine: Any = None


def _init_worker(
    engine: PhiEngine | None,
    settings: Settings,
    dictionaries: Sequence[Path],
    context_dir: Path | None,
) -> None:
    global _worker_engine
    if engine is None:
        engine = load_engine(settings, dictionaries, context_dir)
    _worker_engine = engine


def _analyze(texts: list[str]) -> list[list[PhiSpan]]:
    return list(_worker_engine.analyze_many(texts))


class PoolAnalyzer:
    """Analyse in ``workers`` processes, each with its own engine.

    With ``fork`` the engine is built once here and inherited by the workers (never pickled);
    elsewhere (``spawn``) each worker builds its own in its initializer.
    """

    def __init__(
        self,
        workers: int,
        settings: Settings,
        dictionaries: Sequence[Path],
        context_dir: Path | None,
        engine: PhiEngine | None = None,
    ) -> None:
        fork = "fork" in mp.get_all_start_methods()
        ctx = mp.get_context("fork" if fork else "spawn")
        if fork and engine is None:
            engine = load_engine(settings, dictionaries, context_dir)
        self.workers = workers
        self._pool = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=ctx,
            initializer=_init_worker,
            initargs=(engine if fork else None, settings, tuple(dictionaries), context_dir),
        )

    def submit(self, texts: list[str]) -> Future[list[list[PhiSpan]]]:
        return self._pool.submit(_analyze, texts)

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

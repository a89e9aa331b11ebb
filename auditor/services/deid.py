"""``auditor deid``: de-identify files and folders into a mirror tree, with a signed certificate.

One code path for the CLI, the daemon and the API. Inputs are never written to: the output
folder may not be inside an input (nor an input inside it), a non-empty output folder needs
``force``, and every output file is written beside its final name and renamed when complete.
Every input file is de-identified, or refused with a reason (never written, never certified:
binaries, malformed or truncated files, HL7 whose segments ran together, zip bombs), or, on
request, redacted whole (``redact_unparsable``) or copied unchanged (``copy_unsupported``).
File and folder names are de-identified too, since exports name files after patients. The
residual scan reads the whole text of every written file.

A run is four steps, each its own function: ``plan`` (checks, walk, profile, key),
``transform_files``, ``residual_scan`` and ``certify``; ``run_deid`` only orders them inside
one recorded run.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC
from pathlib import Path
from typing import Any

from auditor.context import AppContext
from auditor.deid import certificate as cert
from auditor.deid.formats import format_for, redact_whole
from auditor.deid.formats.base import FileContext, Format, TextAnalyzer, copy_unchanged
from auditor.deid.keys import load_deid_key
from auditor.deid.layout import Job, check_paths, walk_inputs
from auditor.deid.operators import Deidentifier
from auditor.deid.pathnames import PathNamer
from auditor.deid.profiles import Profile, load_profile
from auditor.deid.regulation import method_for
from auditor.deid.reidmap import ReidMapWriter
from auditor.deid.residual import Unit, text_units
from auditor.deid.sweep import sweep_for
from auditor.errors import AuditorError, InputError
from auditor.filehash import sha256_file
from auditor.scanners.documents.docx import ZipLimits
from auditor.scanners.documents.encoding import BinaryContentError
from auditor.services.runs import RunTotals, recorded_run
from auditor.store.models import RunKind
from auditor.timefmt import iso_z

log = logging.getLogger(__name__)

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class DeidRequest:
    """What to de-identify and how: the CLI's options, or a queued request's parameters."""

    inputs: Sequence[Path]
    out: Path
    profile: str = "safe-harbor"
    dry_run: bool = False
    key_file: Path | None = None
    dictionaries: Sequence[Path] = ()
    context_dir: Path | None = None
    reid_map: Path | None = None
    trigger: str = "cli"
    run_id: str | None = None
    force: bool = False  # write into a non-empty output folder
    redact_unparsable: bool = False  # a file we cannot fully parse is written redacted whole
    copy_unsupported: bool = False  # a file of an unsupported type is copied unchanged
    zip_limits: ZipLimits = field(default_factory=ZipLimits)
    engine: str | None = None  # "local" | "spark"; None: ``[deid] engine``
    master: str | None = None  # Spark master URL; None: ``[deid] spark_master``


@dataclass
class DeidResult:
    certificate_path: Path | None
    files_processed: int
    files_skipped: list[tuple[str, str]]
    counts: dict[str, dict[str, int]]
    residual: dict[str, Any]
    run_id: str = ""
    out: Path | None = None
    dry_run: bool = False
    reid_map: Path | None = None
    processed: list[dict[str, Any]] = field(default_factory=list)
    redacted: list[tuple[str, str]] = field(default_factory=list)
    copied: list[str] = field(default_factory=list)
    regulation: str = ""

    def summary(self) -> dict[str, Any]:
        return {
            "run_id": self.run_id,
            "dry_run": self.dry_run,
            "files_processed": self.files_processed,
            "files_skipped": len(self.files_skipped),
            "files_redacted_whole": len(self.redacted),
            "files_copied_unchanged": len(self.copied),
            "regulation": self.regulation,
            "transformed": sum(
                n for ops in self.counts.values() for op, n in ops.items() if op != "keep"
            ),
            "counts": self.counts,
            "residual_unexplained": self.residual.get("unexplained_total", 0),
            "certificate": str(self.certificate_path) if self.certificate_path else None,
            "reid_map": str(self.reid_map) if self.reid_map else None,
        }


@dataclass
class DeidPlan:
    """Everything checked and loaded before a run starts (a bad request fails here)."""

    inputs: list[Path]
    out: Path
    reid_path: Path | None
    profile: Profile
    shift_days: int
    key: bytes
    jobs: list[Job]
    skipped: list[tuple[str, str]]
    analyzer: TextAnalyzer


@dataclass
class _Work:
    """A run in progress: the engine, where it writes, and what it has done so far."""

    deid: Deidentifier
    namer: PathNamer
    target: Path
    skipped: list[tuple[str, str]]
    processed: list[dict[str, Any]] = field(default_factory=list)
    written: list[tuple[Path, Format, str]] = field(default_factory=list)
    redacted: list[tuple[str, str]] = field(default_factory=list)
    copied: list[str] = field(default_factory=list)


def _key_id(key: bytes) -> str:
    return hashlib.sha256(b"hipaa-auditor deid key id\x00" + key).hexdigest()[:16]


def plan(actx: AppContext, request: DeidRequest, engine: TextAnalyzer | None = None) -> DeidPlan:
    """Check the layout, load profile and key, walk the inputs and load the engine."""
    settings = actx.settings
    inputs = [Path(p).expanduser().resolve() for p in request.inputs]
    out = Path(request.out).expanduser().resolve()
    reid = request.reid_map
    reid_path = Path(reid).expanduser().resolve() if reid is not None else None
    check_paths(inputs, out, reid_path)
    if not request.dry_run and not request.force and out.is_dir() and any(out.iterdir()):
        raise InputError(
            "output folder is not empty; choose an empty one or pass --force to write into it",
            file=str(out),
        )
    prof = load_profile(request.profile or settings.deid.profile)
    shift_days = prof.date_shift_days or settings.deid.date_shift_days
    if shift_days < 1:
        raise InputError("date shift range must be at least 1 day", field="deid.date_shift_days")
    key, _ = load_deid_key(settings, request.key_file)
    jobs, skipped = walk_inputs(inputs)
    analyzer: TextAnalyzer
    if engine is None:
        from auditor.phi.engine import PhiEngine

        analyzer = PhiEngine.from_settings(
            settings, dictionaries=request.dictionaries, context_dir=request.context_dir
        )
    else:
        analyzer = engine
    return DeidPlan(inputs, out, reid_path, prof, shift_days, key, jobs, skipped, analyzer)


def _start(actx: AppContext, p: DeidPlan, reid: ReidMapWriter | None, target: Path) -> _Work:
    lexicon = getattr(p.analyzer, "lexicon", None)
    deid = Deidentifier(
        p.key,
        p.profile,
        shift_days=p.shift_days,
        reference=actx.clock().date(),
        reid=reid,
        ambiguous=getattr(lexicon, "is_ambiguous", None),
        sweep=sweep_for(p.profile.sweep, lexicon),
    )
    namer = PathNamer(deid, p.analyzer)
    skipped = [(namer.path(Path(path)).as_posix(), r) for path, r in p.skipped]
    return _Work(deid=deid, namer=namer, target=target, skipped=skipped)


def transform_files(
    actx: AppContext,
    p: DeidPlan,
    work: _Work,
    on_progress: Progress | None = None,
    request: DeidRequest | None = None,
) -> None:
    """Write each file's de-identified copy; a file that cannot be done is refused, with why."""
    request = request or DeidRequest(p.inputs, p.out)
    for done, job in enumerate(p.jobs):
        rel = work.namer.path(job.rel).as_posix()
        if on_progress is not None:
            on_progress(done, len(p.jobs), rel)
        try:
            fmt, reason = format_for(job.src, request.zip_limits)
        except OSError as exc:
            work.skipped.append((rel, f"cannot read ({exc.__class__.__name__})"))
            continue
        dst = work.target / rel
        if fmt is None:
            if request.copy_unsupported:
                copy_unchanged(job.src, dst)
                work.copied.append(rel)
            else:
                work.skipped.append((rel, f"{reason}; not copied (--copy-unsupported copies it)"))
            continue
        fc = FileContext(
            deid=work.deid,
            analyzer=p.analyzer,
            profile=p.profile,
            source=rel,
            batch_size=actx.settings.phi.batch_size,
        )
        failed, parse_error = _transform_one(fmt, job.src, dst, fc)
        if failed and parse_error and request.redact_unparsable:
            redact_whole(dst, fmt.name, p.profile.redaction_for("UNPARSABLE_FILE"))
            work.redacted.append((rel, failed))
            work.written.append((dst, fmt, rel))
            continue
        if failed:
            work.skipped.append((rel, failed))
            continue
        entry = {"path": rel, "format": fmt.name, "records": fc.units, "sha256": sha256_file(dst)}
        if fc.notes:
            entry["notes"] = fc.notes
        work.processed.append(entry)
        work.written.append((dst, fmt, rel))


def _transform_one(fmt: Format, src: Path, dst: Path, fc: FileContext) -> tuple[str, bool]:
    """De-identify one file: ("", False) when written, else (why not, whether it is a parse
    failure that ``redact_unparsable`` may cover rather than a read error)."""
    try:
        fmt.deidentify(src, dst, fc)
    except AuditorError as exc:
        return exc.message + (f" (line {exc.line})" if exc.line else ""), True
    except (BinaryContentError, UnicodeError) as exc:
        return f"cannot decode ({exc.__class__.__name__})", True
    except RecursionError:
        return "structure nested too deeply", True
    except OSError as exc:  # unreadable input (permissions, vanished file)
        return f"cannot read ({exc.__class__.__name__})", False
    return "", False


def _units(fmt: Format, dst: Path) -> Iterator[Unit]:
    """The whole output: a binary format's extracted text, else every character of the file."""
    extract = getattr(fmt, "residual_units", None)
    if callable(extract):
        yield from extract(dst)
    else:
        yield from text_units(dst)


def residual_scan(analyzer: TextAnalyzer, work: _Work) -> cert.Residual:
    """Run the engine over ALL the output text: what it still finds, where, and whether we
    wrote it (a surrogate) or not (to review)."""
    residual = cert.Residual()
    for dst, fmt, rel_name in work.written:
        units = [u for u in _units(fmt, dst) if u.text.strip()]
        residual.texts += len(units)
        unexplained = 0
        spans_per_unit = analyzer.analyze_many([u.text for u in units])
        for unit, spans in zip(units, spans_per_unit, strict=True):
            for sp in spans:
                if residual.add(sp.entity_type, unit.text[sp.start : sp.end], work.deid.ledger):
                    unexplained += 1
                    residual.locate(rel_name, unit.location(sp.start), sp.entity_type)
        residual.by_file[rel_name] = unexplained
    return residual


def certify(
    actx: AppContext,
    p: DeidPlan,
    work: _Work,
    residual: cert.Residual,
    run_id: str,
    *,
    dry_run: bool,
    reid_map: bool,
) -> Path | None:
    """Build the certificate; write and sign it unless this is a dry run (its path, or None)."""
    created = actx.clock().astimezone(UTC)
    describe = getattr(p.analyzer, "describe", None)
    certificate = cert.build_certificate(
        run_id=run_id,
        created=iso_z(created),
        profile=p.profile.to_json(p.shift_days),
        method=method_for(p.profile),
        key_id=_key_id(p.key),
        inputs=[str(i) for i in p.inputs],
        out=str(p.out),
        ledger=work.deid.ledger,
        processed=work.processed,
        skipped=work.skipped,
        residual=residual,
        engine=describe() if callable(describe) else {},
        reid_map=reid_map,
        redacted=work.redacted,
        copied=work.copied,
    )
    if dry_run:
        return None
    folder = actx.settings.certificates_dir / f"{created:%Y%m%dT%H%M%SZ}-{run_id[:8]}"
    return cert.write_certificate(actx, folder, certificate) / cert.CERT_FILE


@contextlib.contextmanager
def _target(dry_run: bool, out: Path) -> Iterator[Path]:
    """Where files are written: the output folder, or a scratch folder on dry runs."""
    if not dry_run:
        yield out
        return
    with tempfile.TemporaryDirectory(prefix="auditor-deid-") as tmp:
        yield Path(tmp)


def run_deid(
    actx: AppContext,
    request: DeidRequest,
    *,
    engine: TextAnalyzer | None = None,
    on_progress: Progress | None = None,
) -> DeidResult:
    """De-identify ``request.inputs`` into ``request.out``; certify it (not on dry runs)."""
    p = plan(actx, request, engine)
    dry_run = request.dry_run
    params: dict[str, Any] = {"profile": p.profile.name, "dry_run": dry_run}
    transform, residual_of = transform_files, residual_scan
    if (request.engine or actx.settings.deid.engine) == "spark":  # docs/scale-out.md
        from auditor.services.deid_spark import SparkDeid

        spark = SparkDeid(actx, request, p, _transform_one, residual_scan)
        transform, residual_of = spark.transform_files, spark.residual_scan
        params["engine"] = "spark"
    with recorded_run(
        actx, RunKind.DEID, p.inputs, trigger=request.trigger, run_id=request.run_id, params=params
    ) as run:
        reid = (
            ReidMapWriter(p.reid_path, p.key) if p.reid_path is not None and not dry_run else None
        )
        try:
            with _target(dry_run, p.out) as target:
                work = _start(actx, p, reid, target)
                transform(actx, p, work, on_progress, request)
                if on_progress is not None:
                    on_progress(len(p.jobs), len(p.jobs), "residual scan")
                residual = residual_of(p.analyzer, work)
                if reid is not None:
                    reid.close()
                cert_path = certify(
                    actx, p, work, residual, run.id, dry_run=dry_run, reid_map=reid is not None
                )
        except BaseException:
            if reid is not None:
                reid.abort()
            raise
        result = DeidResult(
            certificate_path=cert_path,
            files_processed=len(work.processed),
            files_skipped=work.skipped,
            counts=work.deid.ledger.by_type(),
            residual=residual.to_json(),
            run_id=run.id,
            out=None if dry_run else p.out,
            dry_run=dry_run,
            reid_map=p.reid_path if reid is not None else None,
            processed=work.processed,
            redacted=work.redacted,
            copied=work.copied,
            regulation=method_for(p.profile).regulation,
        )
        run.totals = _totals(result)
        run.audit = {
            "files": result.files_processed,
            "skipped": len(result.files_skipped),
            "dry_run": dry_run,
            "certificate": str(cert_path) if cert_path else "",
        }
    log.info(
        "deid run %s: %d files processed, %d skipped",
        run.id,
        result.files_processed,
        len(result.files_skipped),
    )
    return result


def _totals(result: DeidResult) -> RunTotals:
    processed, skipped = result.files_processed, len(result.files_skipped)
    return RunTotals(
        records_read=processed + skipped,
        records_processed=processed,
        records_quarantined=skipped,
        findings_count=int(result.residual["unexplained_total"]),
        details=result.summary(),
    )

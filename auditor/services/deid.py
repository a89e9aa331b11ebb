"""``auditor deid``: de-identify files and folders into a mirror tree, with a signed certificate.

One code path for the CLI, the daemon and the API. Inputs are never written to: the output
folder may not be inside an input (nor an input inside it), and every output file is written
beside its final name and renamed when complete. Files we cannot de-identify (PDF, DOCX,
binaries, malformed structured files) are skipped with a reason and never copied. File and
folder names are de-identified too, since exports name files after patients.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC
from pathlib import Path
from typing import Any

from auditor.context import AppContext
from auditor.deid import certificate as cert
from auditor.deid.formats import format_for
from auditor.deid.formats.base import FileContext, TextAnalyzer
from auditor.deid.keys import load_deid_key
from auditor.deid.operators import Deidentifier
from auditor.deid.profiles import load_profile
from auditor.deid.reidmap import ReidMapWriter
from auditor.errors import AuditorError, InputError
from auditor.scanners.documents.encoding import BinaryContentError
from auditor.store import repo
from auditor.store.models import RunStatus

log = logging.getLogger(__name__)

Progress = Callable[[int, int, str], None]
RUN_KIND = "deid"


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

    def summary(self) -> dict[str, Any]:
        return {
            "run_id": self.run_id,
            "dry_run": self.dry_run,
            "files_processed": self.files_processed,
            "files_skipped": len(self.files_skipped),
            "transformed": sum(
                n for ops in self.counts.values() for op, n in ops.items() if op != "keep"
            ),
            "counts": self.counts,
            "residual_unexplained": self.residual.get("unexplained_total", 0),
            "certificate": str(self.certificate_path) if self.certificate_path else None,
            "reid_map": str(self.reid_map) if self.reid_map else None,
        }


@dataclass(frozen=True)
class _Job:
    src: Path
    rel: Path  # relative output path (names de-identified later)


def _inside(child: Path, parent: Path) -> bool:
    return child == parent or parent in child.parents


def check_paths(inputs: Sequence[Path], out: Path, reid_map: Path | None) -> None:
    """Refuse any layout where writing the output could touch an input (fail before work)."""
    if not inputs:
        raise InputError("no input files or folders given")
    if out.exists() and not out.is_dir():
        raise InputError("output exists and is not a folder", file=str(out))
    for inp in inputs:
        if not inp.exists():
            raise InputError("input does not exist", file=str(inp))
        if _inside(out, inp):
            raise InputError(
                "output folder is inside the input (or is the input); choose a folder outside it",
                file=str(out),
            )
        if _inside(inp, out):
            raise InputError("input is inside the output folder", file=str(inp))
    if reid_map is not None:
        if _inside(reid_map, out):
            raise InputError(
                "the re-identification map must not be inside the output folder "
                "(it would travel with the data)",
                file=str(reid_map),
            )
        for inp in inputs:
            if _inside(reid_map, inp):
                raise InputError(
                    "the re-identification map must not be inside an input", file=str(reid_map)
                )


def _walk(inputs: Sequence[Path]) -> tuple[list[_Job], list[tuple[str, str]]]:
    """Files in a deterministic order; one folder input mirrors its contents at the top."""
    jobs: list[_Job] = []
    skipped: list[tuple[str, str]] = []
    names: set[Path] = set()
    single_dir = len(inputs) == 1 and inputs[0].is_dir()
    for inp in inputs:
        base = Path() if single_dir else Path(inp.name)
        if inp.is_file():
            jobs.append(_Job(inp, Path(inp.name)))
            continue
        for root, dirs, files in os.walk(inp, followlinks=False):
            dirs.sort()
            for name in sorted(files):
                path = Path(root) / name
                rel = base / path.relative_to(inp)
                if path.is_symlink() or not path.is_file():
                    skipped.append((rel.as_posix(), "not a regular file (link, fifo, device)"))
                    continue
                jobs.append(_Job(path, rel))
    for job in jobs:
        if job.rel in names:
            raise InputError("two inputs map to the same output path", file=str(job.src))
        names.add(job.rel)
    return jobs, skipped


class _Namer:
    """De-identified relative paths: each file/folder name stem goes through the engine."""

    def __init__(self, deid: Deidentifier, analyzer: TextAnalyzer) -> None:
        self.deid = deid
        self.analyzer = analyzer
        self._cache: dict[str, str] = {}

    def part(self, name: str) -> str:
        if name in self._cache:
            return self._cache[name]
        stem, dot, suffix = name.partition(".") if not name.startswith(".") else (name, "", "")
        spaced = stem.replace("_", " ")
        spans = [
            sp
            for sp in next(iter(self.analyzer.analyze_many([spaced])))
            if not (sp.entity_type == "PERSON" and _acronyms(spaced[sp.start : sp.end]))
        ]
        new = self.deid.text(stem, spans, patient=stem) if spans else stem
        new = new.replace("/", "-").replace("\\", "-").replace(" ", "_")
        new = new.replace("[", "").replace("]", "") or "file"
        out = new + dot + suffix
        self._cache[name] = out
        return out

    def path(self, rel: Path) -> Path:
        return Path(*(self.part(p) for p in rel.parts))


def _acronyms(text: str) -> bool:
    """``SIU``, ``ADT A01``: message types and units in file names, not people."""
    words = text.split()
    return bool(words) and all(w.isupper() and len(w) <= 3 for w in words)


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


def _key_id(key: bytes) -> str:
    return hashlib.sha256(b"hipaa-auditor deid key id\x00" + key).hexdigest()[:16]


def run_deid(
    actx: AppContext,
    inputs: Sequence[Path],
    out: Path,
    *,
    profile: str = "safe-harbor",
    dry_run: bool = False,
    key_file: Path | None = None,
    dictionaries: Sequence[Path] = (),
    context_dir: Path | None = None,
    reid_map: Path | None = None,
    engine: TextAnalyzer | None = None,
    trigger: str = "cli",
    run_id: str | None = None,
    on_progress: Progress | None = None,
) -> DeidResult:
    """De-identify ``inputs`` into ``out``; write and sign the certificate (not on dry runs)."""
    settings = actx.settings
    inputs = [Path(p).expanduser().resolve() for p in inputs]
    out = Path(out).expanduser().resolve()
    reid_path = Path(reid_map).expanduser().resolve() if reid_map is not None else None
    check_paths(inputs, out, reid_path)
    prof = load_profile(profile or settings.deid.profile)
    shift_days = prof.date_shift_days or settings.deid.date_shift_days
    if shift_days < 1:
        raise InputError("date shift range must be at least 1 day", field="deid.date_shift_days")
    key, _ = load_deid_key(settings, key_file)
    jobs, skipped = _walk(inputs)

    analyzer: TextAnalyzer
    if engine is None:
        from auditor.phi.engine import PhiEngine

        analyzer = PhiEngine.from_settings(
            settings, dictionaries=dictionaries, context_dir=context_dir
        )
    else:
        analyzer = engine
    with actx.transaction() as session:
        run_id = repo.start_run(
            session,
            run_id,
            RUN_KIND,
            inputs,
            trigger=trigger,
            requested_by=actx.actor,
            params={"profile": prof.name, "dry_run": dry_run},
        )
    reid = ReidMapWriter(reid_path, key) if reid_path is not None and not dry_run else None
    lexicon = getattr(analyzer, "lexicon", None)
    deid = Deidentifier(
        key,
        prof,
        shift_days=shift_days,
        reference=actx.clock().date(),
        reid=reid,
        ambiguous=getattr(lexicon, "is_ambiguous", None),
    )
    namer = _Namer(deid, analyzer)
    tmp = tempfile.TemporaryDirectory(prefix="auditor-deid-") if dry_run else None
    target = Path(tmp.name) if tmp is not None else out
    processed: list[dict[str, Any]] = []
    written: list[tuple[Path, Any, str]] = []
    skipped = [(namer.path(Path(p)).as_posix(), r) for p, r in skipped]
    try:
        for done, job in enumerate(jobs):
            rel = namer.path(job.rel)
            if on_progress is not None:
                on_progress(done, len(jobs), rel.as_posix())
            try:
                fmt, reason = format_for(job.src)
            except OSError as exc:
                skipped.append((rel.as_posix(), f"cannot read ({exc.__class__.__name__})"))
                continue
            if fmt is None:
                skipped.append((rel.as_posix(), reason))
                continue
            dst = target / rel
            fc = FileContext(
                deid=deid,
                analyzer=analyzer,
                profile=prof,
                source=rel.as_posix(),
                batch_size=settings.phi.batch_size,
            )
            try:
                fmt.deidentify(job.src, dst, fc)
            except AuditorError as exc:
                skipped.append(
                    (rel.as_posix(), exc.message + (f" (line {exc.line})" if exc.line else ""))
                )
                continue
            except (BinaryContentError, UnicodeError) as exc:
                skipped.append((rel.as_posix(), f"cannot decode ({exc.__class__.__name__})"))
                continue
            except RecursionError:
                skipped.append((rel.as_posix(), "structure nested too deeply"))
                continue
            except OSError as exc:  # unreadable input (permissions, vanished file)
                skipped.append((rel.as_posix(), f"cannot read ({exc.__class__.__name__})"))
                continue
            entry = {
                "path": rel.as_posix(),
                "format": fmt.name,
                "records": fc.units,
                "sha256": _sha256(dst),
            }
            if fc.notes:
                entry["notes"] = fc.notes
            processed.append(entry)
            written.append((dst, fmt, rel.as_posix()))
        if on_progress is not None:
            on_progress(len(jobs), len(jobs), "residual scan")
        residual = cert.Residual()
        for dst, fmt, rel_name in written:
            texts = list(fmt.residual_texts(dst))
            residual.texts += len(texts)
            unexplained = 0
            for text, spans in zip(texts, analyzer.analyze_many(texts), strict=True):
                for sp in spans:
                    if residual.add(sp.entity_type, text[sp.start : sp.end], deid.ledger):
                        unexplained += 1
            residual.by_file[rel_name] = unexplained
        if reid is not None:
            reid.close()
        created = actx.clock().astimezone(UTC)
        describe = getattr(analyzer, "describe", None)
        certificate = cert.build_certificate(
            run_id=run_id,
            created=created.isoformat().replace("+00:00", "Z"),
            profile=prof.to_json(shift_days),
            key_id=_key_id(key),
            inputs=[str(p) for p in inputs],
            out=str(out),
            ledger=deid.ledger,
            processed=processed,
            skipped=skipped,
            residual=residual,
            engine=describe() if callable(describe) else {},
            reid_map=reid is not None,
        )
        cert_path: Path | None = None
        if not dry_run:
            folder = settings.certificates_dir / f"{created:%Y%m%dT%H%M%SZ}-{run_id[:8]}"
            cert_path = cert.write_certificate(actx, folder, certificate) / cert.CERT_FILE
    except BaseException as exc:
        if reid is not None:
            reid.abort()
        with actx.transaction() as session:
            repo.finish_run(session, run_id, status=RunStatus.FAILED, error=exc.__class__.__name__)
        raise
    finally:
        if tmp is not None:
            tmp.cleanup()

    result = DeidResult(
        certificate_path=cert_path,
        files_processed=len(processed),
        files_skipped=skipped,
        counts=deid.ledger.by_type(),
        residual=residual.to_json(),
        run_id=run_id,
        out=None if dry_run else out,
        dry_run=dry_run,
        reid_map=reid_path if reid is not None else None,
        processed=processed,
    )
    with actx.transaction() as session:
        repo.finish_run(
            session,
            run_id,
            status=RunStatus.DONE,
            records_read=len(processed) + len(skipped),
            records_processed=len(processed),
            records_quarantined=len(skipped),
            findings_count=int(residual.to_json()["unexplained_total"]),
            summary=result.summary(),
        )
        repo.audit(
            session,
            actx.actor,
            "deid",
            run_id,
            files=len(processed),
            skipped=len(skipped),
            dry_run=dry_run,
            certificate=str(cert_path) if cert_path else "",
        )
    log.info("deid run %s: %d files processed, %d skipped", run_id, len(processed), len(skipped))
    return result

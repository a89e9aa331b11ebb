"""What the de-identifier's recall sweep costs: the operators with and without it, same spans.

The PHI engine runs once over the synthetic ICU notes (dev split); then the Safe Harbor
operators apply its spans with the sweep off and on, alternating, ``--repeats`` times (CPU
seconds, medians). The sweep's one-off start-up (drug list, abbreviation set) is printed
apart: a de-id run pays it once per process (and per Spark worker).

    .venv/bin/python bench/deid_sweep_speed.py [--notes 150] [--repeats 5]

Measured 2026-12-04 (2 shared cores): 150 notes (174,527 characters), engine 5.84 s CPU,
operators 0.160 s without the sweep and 0.359 s with it: 1.3 ms per note, 3.3% of engine
plus operators; start-up 0.83 s.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench" / "phi_corpora"))

import generate  # noqa: E402

from auditor.deid.operators import Deidentifier  # noqa: E402
from auditor.deid.profiles import load_profile  # noqa: E402
from auditor.deid.sweep import Sweep, sweep_for  # noqa: E402
from auditor.phi.engine import PhiEngine  # noqa: E402


def _operators(engine: PhiEngine, sweep: Sweep | None) -> Deidentifier:
    return Deidentifier(
        b"bench-key-0123456789abcdef",
        load_profile("safe-harbor"),
        shift_days=365,
        reference=date(2026, 6, 1),
        ambiguous=engine.lexicon.is_ambiguous,
        sweep=sweep,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--notes", type=int, default=150)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        notes, _ = generate.split_docs(generate.build(Path(tmp)), "dev", args.notes)
    texts = [d["text"] for d in notes]
    engine = PhiEngine()
    t0 = time.process_time()
    spans = list(engine.analyze_many(texts))
    engine_s = time.process_time() - t0
    t0 = time.process_time()
    sweep = sweep_for(True, engine.lexicon)
    start_s = time.process_time() - t0
    runs: dict[str, list[float]] = {"without sweep": [], "with sweep": []}
    for _ in range(args.repeats):
        for name, chosen in (("without sweep", None), ("with sweep", sweep)):
            deid = _operators(engine, chosen)
            t0 = time.process_time()
            for text, found in zip(texts, spans, strict=True):
                deid.text(text, found)
            runs[name].append(time.process_time() - t0)
    off, on = (statistics.median(runs[k]) for k in ("without sweep", "with sweep"))
    chars = sum(map(len, texts))
    print(f"{len(texts)} notes, {chars:,} characters; engine {engine_s:.2f} s CPU")
    print(f"sweep start-up (once per process): {start_s:.2f} s CPU")
    for name, values in runs.items():
        print(f"operators {name:14} median {statistics.median(values):.3f} s CPU")
    extra = on - off
    print(
        f"sweep: {extra / len(texts) * 1000:.2f} ms per note, "
        f"{extra / (engine_s + off) * 100:.1f}% of engine + operators"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

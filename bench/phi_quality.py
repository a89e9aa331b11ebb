"""PHI detection quality: token-level recall/precision, ours vs vanilla Presidio, same run.

Tiers (issue 6): ICU notes with the site's dictionaries, the same notes with no site
dictionary, and short synthetic PHI sentences. A gold PHI token counts as found when a
predicted span covers it; a predicted token is any token a predicted span touches.
Type-blind overall figures plus per-type recall. Reports the frozen ``test`` split unless
``--split dev`` is given (development only). ``--realistic`` scores instead the small
hand-written held-out notes (``phi_corpora/realistic_notes.jsonl``, a different style from
the templates) with and without their site dictionary; it has no targets, it is for finding
systematic error classes (``--show-misses`` is allowed there).

    .venv/bin/python bench/phi_quality.py [--split test|dev] [--limit N] [--json OUT]
    .venv/bin/python bench/phi_quality.py --realistic [icu|letters|forms|clinical-dev|
        clinical-test|round2-dev|round2-test|round4-dev|round4-test|round5-dev|round5-test|
        round6-dev|round6-test|round7-dev|round7-test|round8-dev|round8-test|bait-dev|
        bait-test] [--show-misses N]
        # --show-misses is refused on *-test
    .venv/bin/python bench/phi_quality.py --corpus generic [--split dev|test]
    .venv/bin/python bench/phi_quality.py --corpus round3 [--split dev|test]
    .venv/bin/python bench/phi_quality.py --corpus round4gen [--split dev|test]

``--corpus generic`` scores Faker-style generic PII sentences built from presidio-evaluator's
templates in five locales (``phi_corpora/generic_pii.py``; ``en_IN`` and a third of the
templates exist only in ``test``). Every table shows, per gold type, recall, and per predicted
type, precision (share of the tokens a system labelled that type which are gold PHI of any
type), for us and vanilla Presidio side by side. Gold spans typed ``IGNORE`` (countries,
states, nationalities, titles) count neither way. ``--corpus round3`` scores templated
documents in note styles no earlier corpus used (``phi_corpora/round3.py``), read from the
frozen JSONL files so a Faker upgrade cannot change them. Every system's block ends with its
false alarms (non-PHI tokens a predicted span touches) per 1,000 scored tokens: on a corpus
with few gold spans, such as ``bait-dev``/``bait-test``, precision alone says little.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench" / "phi_corpora"))

import conventions  # noqa: E402
import generate  # noqa: E402
import generic_pii  # noqa: E402
import realistic  # noqa: E402
import round3  # noqa: E402
import round4_gen  # noqa: E402

from auditor.phi.dictionaries import build_dictionary  # noqa: E402
from auditor.phi.engine import PhiEngine  # noqa: E402
from auditor.phi.model_package import resolve_model  # noqa: E402

TOKEN = re.compile(r"[^\W_]+")
TARGETS = {
    "notes+dict": (0.98, 0.80),
    "notes": (0.90, 0.70),
    "sentences": (0.95, 0.85),
    "generic": (0.90, 0.85),
    "round3": (0.95, 0.85),
}
NO_TARGET = (0.0, 0.0)

Spans = list[tuple[int, int, str]]
IGNORE = "IGNORE"


def tokens(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in TOKEN.finditer(text)]


def score(docs: Sequence[dict], predicted: Sequence[Spans]) -> dict[str, object]:
    tp = fn = fp = n_scored = 0
    by_type: Counter[str] = Counter()
    found_type: Counter[str] = Counter()
    pred_tokens: Counter[str] = Counter()
    pred_right: Counter[str] = Counter()
    for doc, pred in zip(docs, predicted, strict=True):
        gold = doc["spans"]
        for start, end in tokens(doc["text"]):
            gold_type = next((t for s, e, t in gold if s <= start and end <= e), None)
            if gold_type == IGNORE:
                continue
            n_scored += 1
            covered = any(s <= start and end <= e for s, e, _ in pred)
            touching = [t for s, e, t in pred if s < end and start < e]
            for t in set(touching):
                pred_tokens[t] += 1
                pred_right[t] += gold_type is not None
            if gold_type is not None:
                by_type[gold_type] += 1
                if covered:
                    tp += 1
                    found_type[gold_type] += 1
                else:
                    fn += 1
            elif touching:
                fp += 1
    recall = tp / (tp + fn) if tp + fn else 1.0
    precision = tp / (tp + fp) if tp + fp else 1.0
    per_type = {t: round(found_type[t] / n, 3) for t, n in sorted(by_type.items())}
    per_pred = {t: round(pred_right[t] / n, 3) for t, n in sorted(pred_tokens.items())}
    return {
        "recall": round(recall, 4),
        "precision": round(precision, 4),
        "tokens": tp + fn,
        "per_type_recall": per_type,
        "per_type_tokens": dict(sorted(by_type.items())),
        "per_type_precision": per_pred,
        "per_type_predicted": dict(sorted(pred_tokens.items())),
        "false_alarms": fp,
        "scored_tokens": n_scored,
    }


def ours(engine: PhiEngine) -> Callable[[list[str]], list[Spans]]:
    def run(texts: list[str]) -> list[Spans]:
        found = engine.analyze_many(texts)
        return [[(s.start, s.end, s.entity_type) for s in spans] for spans in found]

    return run


def vanilla() -> Callable[[list[str]], list[Spans]]:
    """Presidio defaults with the same spaCy model (full pipeline, default recognizers)."""
    import tldextract
    from presidio_analyzer import AnalyzerEngine, BatchAnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    # Keep the baseline offline: its email recognizer would fetch the suffix list.
    offline = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
    tldextract.extract = offline  # type: ignore[assignment]
    import presidio_analyzer.predefined_recognizers.generic.email_recognizer as em

    em.tldextract.extract = offline  # type: ignore[attr-defined]
    model = resolve_model("en_core_web_sm")
    provider = NlpEngineProvider(
        nlp_configuration={
            "nlp_engine_name": "spacy",
            "models": [{"lang_code": "en", "model_name": model}],
        }
    )
    analyzer = AnalyzerEngine(nlp_engine=provider.create_engine())
    batch = BatchAnalyzerEngine(analyzer_engine=analyzer)

    def run(texts: list[str]) -> list[Spans]:
        results = batch.analyze_iterator(texts, language="en")
        return [[(r.start, r.end, r.entity_type) for r in rs] for rs in results]

    return run


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=["test", "dev"], default="test")
    parser.add_argument("--limit", type=int, default=0, help="documents per tier (0 = all)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--no-vanilla", action="store_true", help="skip the baseline")
    parser.add_argument("--ner", action="store_true", help="our engine with spaCy NER too")
    parser.add_argument("--show-misses", type=int, default=0, help="dev only: print N misses")
    parser.add_argument(
        "--realistic",
        nargs="?",
        const="icu",
        choices=sorted(realistic.CORPORA),
        help="score a hand-written corpus instead (icu, the default, letters, forms, or an "
        "issue-14 batch such as round5-dev; the *-test batches are frozen)",
    )
    parser.add_argument(
        "--judged-units",
        action="store_true",
        help="hand-written corpora: score a unit named by its kind alone (MICU, Ward 23) as "
        "neither PHI nor not, as the issue's independent check did; a title or a calling code "
        "inside a span too (conventions.judged)",
    )
    parser.add_argument(
        "--corpus",
        choices=["clinical", "generic", "round3", "round4gen"],
        default="clinical",
        help="generic: Faker-style PII sentences from presidio-evaluator templates; round3: "
        "templated documents in new note styles, five Faker locales (frozen JSONL); "
        "round4gen: round-4 styles, en_IE/en_NZ/en_PH (+en_PK in test) (frozen JSONL)",
    )
    args = parser.parse_args(argv)
    generated = ("generic", "round3", "round4gen")
    split_read = args.corpus in generated or not args.realistic
    if split_read and args.show_misses and args.split == "test":
        parser.error("--show-misses is for the dev split; the test split stays unseen")
    if args.show_misses and (args.realistic or "").endswith("-test"):
        parser.error("--show-misses: the frozen hand-written batches stay unseen")
    if args.corpus in generated:
        return _generic(args)
    if args.realistic:
        return _realistic(args)

    with tempfile.TemporaryDirectory() as tmp:
        data = generate.build(Path(tmp))
        notes, sentences = generate.split_docs(data, args.split, args.limit)
        t0 = time.perf_counter()
        plain = PhiEngine(use_ner=args.ner)
        site = PhiEngine(
            dictionary=build_dictionary([data["dictionary"]], data["context_dir"]),
            use_ner=args.ner,
        )
        load_s = time.perf_counter() - t0
        systems: dict[str, dict[str, Callable[[list[str]], list[Spans]]]] = {
            "notes+dict": {"ours": ours(site)},
            "notes": {"ours": ours(plain)},
            "sentences": {"ours": ours(plain)},
        }
        if not args.no_vanilla:
            base = vanilla()
            for tier in systems.values():
                tier["vanilla"] = base
        corpora = {"notes+dict": notes, "notes": notes, "sentences": sentences}
        report: dict[str, dict[str, object]] = {}
        for tier, runs in systems.items():
            docs = corpora[tier]
            texts = [d["text"] for d in docs]
            for name, run in runs.items():
                if name == "vanilla" and tier == "notes+dict":
                    report.setdefault(tier, {})[name] = report.get("notes", {}).get(name)
                    if report[tier][name] is not None:
                        continue
                _run_scored(report, tier, name, run, docs, texts, args)
    return _finish(report, args.split, load_s, args)


def _realistic(args: argparse.Namespace) -> int:
    docs = realistic.load(args.realistic)
    if args.judged_units:
        docs = conventions.judged(docs)
    if args.limit:
        docs = docs[: args.limit]
    t0 = time.perf_counter()
    site_tsv = realistic.CORPORA[args.realistic][2]
    site = PhiEngine(dictionary=build_dictionary([site_tsv]), use_ner=args.ner)
    plain = PhiEngine(use_ner=args.ner)
    load_s = time.perf_counter() - t0
    runs: dict[str, dict[str, Callable[[list[str]], list[Spans]]]] = {
        "real+dict": {"ours": ours(site)},
        "real": {"ours": ours(plain)},
    }
    if not args.no_vanilla:
        runs["real"]["vanilla"] = vanilla()
    texts = [d["text"] for d in docs]
    report: dict[str, dict[str, object]] = {}
    for tier, systems in runs.items():
        for name, run in systems.items():
            _run_scored(report, tier, name, run, docs, texts, args)
    return _finish(report, f"realistic:{args.realistic}", load_s, args)


def _generic(args: argparse.Namespace) -> int:
    """Generated corpora scored without a site dictionary: generic PII or round 3."""
    build = {"round3": round3.load, "round4gen": round4_gen.load}.get(
        args.corpus, generic_pii.build
    )
    docs = build(args.split)
    if args.limit:
        docs = docs[: args.limit]
    t0 = time.perf_counter()
    runs: dict[str, Callable[[list[str]], list[Spans]]] = {
        "ours": ours(PhiEngine(use_ner=args.ner))
    }
    if not args.no_vanilla:
        runs["vanilla"] = vanilla()
    load_s = time.perf_counter() - t0
    texts = [d["text"] for d in docs]
    report: dict[str, dict[str, object]] = {}
    for name, run in runs.items():
        _run_scored(report, args.corpus, name, run, docs, texts, args)
    return _finish(report, f"{args.corpus}:{args.split}", load_s, args)


def _run_scored(
    report: dict[str, dict[str, object]],
    tier: str,
    name: str,
    run: Callable[[list[str]], list[Spans]],
    docs: Sequence[dict],
    texts: list[str],
    args: argparse.Namespace,
) -> None:
    """Time one system on one tier, score it into ``report`` and show its misses if asked."""
    t = time.perf_counter()
    predicted = run(texts)
    elapsed = time.perf_counter() - t
    figures = score(docs, predicted)
    figures["seconds"] = round(elapsed, 2)
    report.setdefault(tier, {})[name] = figures
    if args.show_misses and name == "ours":
        _show_misses(docs, predicted, args.show_misses, tier)


def _finish(
    report: dict[str, dict[str, object]], label: str, load_s: float, args: argparse.Namespace
) -> int:
    """Print the report and write it as JSON where asked: the end of every corpus run."""
    _print(report, label, load_s)
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, sort_keys=True) + "\n")
    return 0


def _show_misses(docs: Sequence[dict], predicted: Sequence[Spans], n: int, tier: str) -> None:
    misses: Counter[str] = Counter()
    false: Counter[str] = Counter()
    for doc, pred in zip(docs, predicted, strict=True):
        text = doc["text"]
        for start, end in tokens(text):
            gold = next((t for s, e, t in doc["spans"] if s <= start and end <= e), None)
            if gold == IGNORE:
                continue
            covered = any(s <= start and end <= e for s, e, _ in pred)
            touched = [t for s, e, t in pred if s < end and start < e]
            ctx = text[max(0, start - 25) : end + 15].replace("\n", " ")
            if gold and not covered:
                misses[f"{gold}: {text[start:end]!r}  ..{ctx}.."] += 1
            if not gold and touched:
                false[f"{touched[0]}: {text[start:end]!r}  ..{ctx}.."] += 1
    print(f"--- {tier}: misses")
    for k, v in misses.most_common(n):
        print(f"{v:4d} {k}")
    print(f"--- {tier}: false positives")
    for k, v in false.most_common(n):
        print(f"{v:4d} {k}")


def _print(report: dict[str, dict[str, object]], split: str, load_s: float) -> None:
    print(f"PHI quality, split={split} (engine load {load_s:.1f}s for two engines)")
    print(f"{'tier':<12}{'system':<9}{'recall':>8}{'prec':>8}{'target':>14}{'secs':>7}")
    for tier, runs in report.items():
        r_t, p_t = TARGETS.get(tier, NO_TARGET)
        for name, fig in runs.items():
            if not isinstance(fig, dict):
                continue
            ok = name == "ours" and fig["recall"] >= r_t and fig["precision"] >= p_t
            mark = "met" if ok else ("" if name != "ours" else "MISSED")
            print(
                f"{tier:<12}{name:<9}{fig['recall']:>8.3f}{fig['precision']:>8.3f}"
                f"{f'>={r_t}/{p_t} {mark}':>14}{fig['seconds']:>7}"
            )
        _print_types(runs)


def _print_types(runs: dict[str, object]) -> None:
    """Per-type recall (gold types) and precision (predicted types), systems side by side."""
    figs = {n: f for n, f in runs.items() if isinstance(f, dict)}
    names = list(figs)
    gold_types = sorted({t for f in figs.values() for t in f["per_type_recall"]})
    if gold_types:
        head = "".join(f"{n + ' rec':>14}" for n in names)
        print(f"    {'gold type':<24}{'tokens':>7}{head}")
        for t in gold_types:
            n_tok = next(f["per_type_tokens"].get(t, 0) for f in figs.values())
            cells = "".join(f"{figs[n]['per_type_recall'].get(t, 0.0):>14.3f}" for n in names)
            print(f"    {t:<24}{n_tok:>7}{cells}")
    for n in names:
        pred = figs[n]["per_type_precision"]
        counts = figs[n]["per_type_predicted"]
        cells = ", ".join(f"{t} {p:.3f} ({counts[t]})" for t, p in pred.items())
        print(f"    {n} precision by predicted type (tokens): {cells}")
    for n in names:
        fp, total = figs[n]["false_alarms"], figs[n]["scored_tokens"]
        rate = 1000 * fp / total if total else 0.0
        print(f"    {n} false alarms: {fp} of {total} scored tokens, {rate:.1f} per 1,000")


if __name__ == "__main__":
    raise SystemExit(main())

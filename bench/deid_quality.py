"""De-identification quality: how many PHI tokens survive, how much non-PHI text changes.

Corpora: the PHI-engine helper's synthetic ICU notes (with the synthetic site's dictionary
and context folder, and without) and short synthetic PHI sentences, all with gold character
spans (``bench/phi_corpora/generate.py``; frozen ``test`` split unless ``--split dev``).
Each document goes through the PHI engine and the Safe Harbor operators exactly as
``auditor deid`` runs them on a text file. Then, per gold token:

- a PHI token SURVIVES when no replacement covers it, or the operator left its value as it
  was (a state name, a bare year, an age under 90: kept on purpose);
- a non-PHI token is CHANGED when a replacement covers it and no longer contains it.

``survival`` counts every gold PHI token; ``survival (SH)`` leaves out what Safe Harbor lets
stay (four-digit years, state names and abbreviations, ages under 90), which the operators
keep on purpose. ``reappears`` is stricter still: a token also counts when its string shows up
in its own replacement by coincidence (a shifted 4/6 -> 4/19 keeps the "4"; a surrogate email
at example.com when the original was at example.com).
``aligned`` is the measure an outside reviewer can take without our edit list: the input's
tokens are aligned with the output's (``difflib`` on the token sequences), and a gold PHI
token survives when it is aligned with an identical output token (a replaced token counts
as removed, a surrogate equal to the original by chance counts as surviving); tokens Safe
Harbor lets stay (as for ``survival (SH)``) are left out. It is the figure the per-type
table shows, for us and for the baseline.
Targets (issue 14): aligned survival <= 2% overall and no type above 5%, on frozen splits;
non-PHI changed < 5%. A baseline (``--baseline``) runs Presidio's default analyzer, and its
spans go through our operators (the edit columns) and through Presidio's own anonymizer with
its default operator (``<ENTITY_TYPE>``; the aligned column), in the same invocation.
``--unseen`` adds the frozen test splits of styles nobody developed on: ``round3`` and
``round4gen`` (templated documents in new note styles), ``generic`` (Faker-style PII
sentences, five locales) and the hand-written ``clinical-test``, ``round2-test``,
``round4-test``, ``round5-test``, ``round6-test``, ``round7-test``, ``round8-test``,
``round9-test``, ``round11-test`` and ``round12-test`` batches (with and without their site
list).
Gold spans typed ``IGNORE`` (countries, titles, ages under 90) count neither way.

    .venv/bin/python bench/deid_quality.py [--split test|dev] [--limit N] [--baseline]
        [--unseen]      # also the frozen corpora in styles not developed on
        [--realistic [NAME ...]]  # also the hand-written corpora (all, or those named)
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench" / "phi_corpora"))

import conventions  # noqa: E402
import generate  # noqa: E402
import generic_pii  # noqa: E402
import realistic  # noqa: E402
import round3  # noqa: E402
import round4_gen  # noqa: E402

from auditor.deid.operators import Deidentifier  # noqa: E402
from auditor.deid.profiles import load_profile  # noqa: E402
from auditor.deid.sweep import sweep_for  # noqa: E402
from auditor.phi.dictionaries import build_dictionary  # noqa: E402
from auditor.phi.engine import PhiEngine, PhiSpan  # noqa: E402

TOKEN = re.compile(r"[^\W_]+")
STATES = {s.lower() for pair in generate.STATES for s in pair} | {"us", "usa"}
SURVIVAL_TARGET = 0.02
TYPE_TARGET = 0.05
CHANGED_TARGET = 0.05
IGNORE = "IGNORE"
UNSEEN_HAND = (
    "clinical-test",
    "round2-test",
    "round4-test",
    "round5-test",
    "round6-test",
    "round7-test",
    "round8-test",
    "round9-test",
    "round11-test",
    "round12-test",
    "round13-test",
    "round14-test",
    "round15-test",
    "round16-test",
    "round17-test",
    "round18-test",
    "round19-test",
    "round20-test",
    "round21-test",
    "round22-test",
    "round23-test",
    "round24-test",
    "round25-test",
    "round26-test",
    "round27-test",
    "round28-test",
    "round29-test",
    "round32-test",
    "round33-test",
    "round34-test",
    "round35-test",
    "round36-test",
    "round37-test",
    "round38-test",
    "round39-test",
    "round40-test",
    "round41-test",
    "round42-test",
    "round43-test",
    "round44-test",
    "round45-test",
    "round46-test",
    "round47-test",
    "round48-test",
    "round49-test",
    "round50-test",
    "round51-test",
    "round52-test",
    "round53-test",
    "round54-test",
    "round55-test",
    "round56-test",
    "round57-test",
    "round58-test",
    "round59-test",
    "round60-test",
    "round61-test",
    "round62-test",
    "round63-test",
    "round64-test",
    "round65-test",
    "round66-test",
    "round67-test",
    "round68-test",
    "round69-test",
    "round70-test",
    "round71-test",
    "round72-test",
    "round73-test",
    "round74-test",
    "round75-test",
    "round76-test",
    "round77-test",
    "round78-test",
    "round79-test",
    "round80-test",
    "round81-test",
    "round82-test",
    "round83-test",
    "round84-test",
    "round85-test",
    "round86-test",
    "round87-test",
    "round88-test",
    "round89-test",
    "round90-test",
    "round91-test",
    "round92-test",
    "round93-test",
    "round94-test",
    "round95-test",
    "round96-test",
    "round97-test",
    "round98-test",
    "round99-test",
    "round100-test",
    "round101-test",
    "round102-test",
    "round103-test",
    "round104-test",
    "round105-test",
    "round106-test",
    "round107-test",
    "round108-test",
    "round109-test",
    "round110-test",
    "round111-test",
    "round112-test",
    "round113-test",
    "round114-test",
    "round115-test",
    "round116-test",
    "round117-test",
    "round118-test",
    "round119-test",
    "round120-test",
    "round121-test",
    "round122-test",
    "round123-test",
    "round124-test",
    "round125-test",
    "round126-test",
    "round127-test",
    "round128-test",
    "round129-test",
    "round130-test",
    "round132-test",
    "round133-test",
    "round131-test",
    "round134-test",
    "round135-test",
    "round136-test",
    "round137-test",
    "round138-test",
    "round139-test",
    "round140-test",
    "round141-test",
    "round142-test",
    "round143-test",
    "round144-test",
    "round145-test",
    "round146-test",
    "round147-test",
    "round148-test",
    "round149-test",
    "round150-test",
    "round151-test",
    "round152-test",
    "round153-test",
    "round154-test",
    "round155-test",
    "round156-test",
    "round157-test",
    "round158-test",
    "round159-test",
    "round160-test",
    "round161-test",
    "round162-test",
    "round163-test",
    "round164-test",
    "round165-test",
)

Analyze = Callable[[list[str]], list[list[PhiSpan]]]
# The text a system writes for one document (None: our operators, from the edits).
Render = Callable[[str, list[PhiSpan]], str]


@dataclass
class Tally:
    phi: int = 0
    survived: int = 0
    allowed: int = 0  # survived, but Safe Harbor lets it stay
    strict: int = 0  # survived, or the token string reappears in its replacement
    other: int = 0
    changed: int = 0

    def figures(self) -> dict[str, Any]:
        sh_total = self.phi - self.allowed
        return {
            "phi_tokens": self.phi,
            "survival": round(self.survived / self.phi, 4) if self.phi else 0.0,
            "survival_sh": round((self.survived - self.allowed) / sh_total, 4) if sh_total else 0,
            "reappears": round(self.strict / self.phi, 4) if self.phi else 0.0,
            "non_phi_tokens": self.other,
            "non_phi_changed": round(self.changed / self.other, 4) if self.other else 0.0,
        }


def allowed_by_safe_harbor(token: str, gold_type: str) -> bool:
    low = token.lower()
    if gold_type == "DATE_TIME" and re.fullmatch(r"(19|20)\d\d", token):
        return True
    if gold_type == "LOCATION" and low in STATES:
        return True
    return gold_type == "AGE" and token.isdigit() and int(token) < 90


def apply_edits(text: str, edits: list[tuple[int, int, str]]) -> str:
    out, pos = [], 0
    for start, end, new in edits:
        out += [text[pos:start], new]
        pos = end
    return "".join([*out, text[pos:]])


def aligned_survivors(text: str, out: str) -> dict[int, int]:
    """The input's tokens aligned with an identical output token: input index -> the
    output's character offset just after that token."""
    ins = [m.group() for m in TOKEN.finditer(text)]
    out_tokens = list(TOKEN.finditer(out))
    outs = [m.group() for m in out_tokens]
    matcher = difflib.SequenceMatcher(None, ins, outs, autojunk=False)
    return {
        a + k: out_tokens[b + k].end()
        for a, b, size in matcher.get_matching_blocks()
        for k in range(size)
    }


def score_aligned(
    doc: dict, out: str, per_type: dict[str, Counter[str]], misses: Counter[str]
) -> None:
    """Aligned survival of the gold tokens Safe Harbor does not let stay (a year does)."""
    text = doc["text"]
    kept = aligned_survivors(text, out)
    for index, m in enumerate(TOKEN.finditer(text)):
        gold = next((t for s, e, t in doc["spans"] if s <= m.start() and m.end() <= e), None)
        if gold is None or gold == IGNORE or allowed_by_safe_harbor(m.group(), gold):
            continue
        per_type[gold]["aligned_total"] += 1
        if index in kept and gold == "AGE" and out[kept[index] : kept[index] + 1] == "+":
            continue  # "90" written as the category "90+": what Safe Harbor lets stay
        if index in kept:
            per_type[gold]["aligned"] += 1
            misses[f"{gold}: {text[max(0, m.start() - 25) : m.end() + 10]!r}"] += 1


def score_doc(
    doc: dict,
    edits: list[tuple[int, int, str]],
    tally: Tally,
    per_type: dict[str, Counter[str]],
    misses: Counter[str],
) -> None:
    text = doc["text"]
    for start, end in (m.span() for m in TOKEN.finditer(text)):
        token = text[start:end]
        gold = next((t for s, e, t in doc["spans"] if s <= start and end <= e), None)
        if gold == IGNORE:
            continue
        edit = next((ed for ed in edits if ed[0] <= start and end <= ed[1]), None)
        partial = edit is None and any(s < end and start < e for s, e, _ in edits)
        unchanged = edit is not None and text[edit[0] : edit[1]] == edit[2]
        reappears = edit is not None and re.search(
            rf"(?<![^\W_]){re.escape(token.lower())}(?![^\W_])", edit[2].lower()
        )
        if gold is not None:
            tally.phi += 1
            per_type[gold]["total"] += 1
            survived = (edit is None and not partial) or unchanged
            if survived or reappears:
                tally.strict += 1
            if survived:
                tally.survived += 1
                per_type[gold]["survived"] += 1
                if allowed_by_safe_harbor(token, gold):
                    tally.allowed += 1
                    per_type[gold]["allowed"] += 1
                else:
                    misses[f"{gold}: {text[max(0, start - 20) : end + 10]!r}"] += 1
        else:
            tally.other += 1
            if partial or (edit is not None and not unchanged and not reappears):
                tally.changed += 1


def run_tier(
    docs: Sequence[dict], analyze: Analyze, deid: Deidentifier, render: Render | None = None
) -> dict[str, Any]:
    tally = Tally()
    per_type: dict[str, Counter[str]] = {}
    misses: Counter[str] = Counter()
    aligned_misses: Counter[str] = Counter()
    t0 = time.perf_counter()
    predicted = analyze([d["text"] for d in docs])
    for doc, spans in zip(docs, predicted, strict=True):
        for _, _, t in doc["spans"]:
            per_type.setdefault(t, Counter())
        edits = deid.edits(doc["text"], spans, patient=doc["id"])
        score_doc(doc, edits, tally, per_type, misses)
        out = apply_edits(doc["text"], edits) if render is None else render(doc["text"], spans)
        score_aligned(doc, out, per_type, aligned_misses)
    figures = tally.figures()
    figures["seconds"] = round(time.perf_counter() - t0, 2)
    aligned = sum(c["aligned"] for c in per_type.values())
    aligned_total = sum(c["aligned_total"] for c in per_type.values())
    figures["aligned"] = round(aligned / aligned_total, 4) if aligned_total else 0.0
    figures["per_type_survival"] = {
        t: {
            "tokens": c["total"],
            "survived": round(c["survived"] / c["total"], 3),
            "survived_sh": round(
                (c["survived"] - c["allowed"]) / max(1, c["total"] - c["allowed"]), 3
            ),
            "aligned": round(c["aligned"] / max(1, c["aligned_total"]), 3),
        }
        for t, c in sorted(per_type.items())
        if c["total"]
    }
    figures["aligned_misses"] = aligned_misses.most_common(40)
    figures["top_misses"] = misses.most_common(8)
    return figures


def ours(engine: PhiEngine) -> Analyze:
    return lambda texts: list(engine.analyze_many(texts))


def presidio_anonymizer() -> Render:
    """Presidio's anonymizer with its default operator (``<ENTITY_TYPE>`` for every span)."""
    from presidio_anonymizer import AnonymizerEngine
    from presidio_anonymizer.entities import RecognizerResult as Found

    engine = AnonymizerEngine()

    def render(text: str, spans: list[PhiSpan]) -> str:
        found = [Found(s.entity_type, s.start, s.end, s.score) for s in spans]
        return str(engine.anonymize(text=text, analyzer_results=found).text)

    return render


def presidio_default() -> Analyze:
    """Presidio's default analyzer and recognizers, same spaCy model (offline)."""
    import tldextract
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    from auditor.phi.model_package import resolve_model

    offline = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
    tldextract.extract = offline  # type: ignore[assignment]
    import presidio_analyzer.predefined_recognizers.generic.email_recognizer as em

    em.tldextract.extract = offline  # type: ignore[attr-defined]
    provider = NlpEngineProvider(
        nlp_configuration={
            "nlp_engine_name": "spacy",
            "models": [{"lang_code": "en", "model_name": resolve_model("en_core_web_sm")}],
        }
    )
    analyzer = AnalyzerEngine(nlp_engine=provider.create_engine())

    def run(texts: list[str]) -> list[list[PhiSpan]]:
        return [
            [
                PhiSpan(r.entity_type, r.start, r.end, r.score)
                for r in analyzer.analyze(text=t, language="en")
                if r.score >= 0.5
            ]
            for t in texts
        ]

    return run


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--split", choices=["test", "dev"], default="test")
    parser.add_argument("--limit", type=int, default=0, help="documents per tier (0 = all)")
    parser.add_argument("--baseline", action="store_true", help="also run Presidio defaults")
    parser.add_argument("--show-misses", action="store_true", help="dev split only")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument(
        "--profile",
        default="safe-harbor",
        help="de-identification profile (built-in name or YAML path; default safe-harbor)",
    )
    parser.add_argument(
        "--no-sweep", action="store_true", help="without the profile's recall sweep (to compare)"
    )
    parser.add_argument(
        "--realistic",
        nargs="*",
        metavar="NAME",
        choices=sorted(realistic.CORPORA),
        help="also the hand-written corpora, with and without their site lists (all, or the "
        "ones named, e.g. round4-dev)",
    )
    parser.add_argument(
        "--judged-units",
        action="store_true",
        help="hand-written corpora: a unit named by its kind alone (MICU, Ward 23) counts "
        "neither way, as in the issue's independent check; a title or a calling code inside a "
        "span too (conventions.judged)",
    )
    parser.add_argument(
        "--unseen",
        action="store_true",
        help="also round3, generic PII and the hand-written test batches (frozen splits)",
    )
    args = parser.parse_args(argv)
    if args.show_misses and args.split == "test":
        parser.error("--show-misses is for the dev split; the test split stays unseen")
    named = set(args.realistic or realistic.CORPORA) if args.realistic is not None else set()
    if args.show_misses and named & set(UNSEEN_HAND):
        parser.error("--show-misses: the frozen hand-written batches stay unseen")
    with tempfile.TemporaryDirectory() as tmp:
        data = generate.build(Path(tmp))
        notes, sentences = generate.split_docs(data, args.split, args.limit)
        t0 = time.perf_counter()
        plain = PhiEngine()
        site = PhiEngine(dictionary=build_dictionary([data["dictionary"]], data["context_dir"]))
        load_s = time.perf_counter() - t0
        systems: dict[str, dict[str, System]] = {
            "notes+dict": {"ours": System(ours(site), site.lexicon)},
            "notes": {"ours": System(ours(plain), plain.lexicon)},
            "sentences": {"ours": System(ours(plain), plain.lexicon)},
        }
        corpora = {"notes+dict": notes, "notes": notes, "sentences": sentences}
        chosen = args.realistic
        hand_names = (chosen or list(realistic.CORPORA)) if chosen is not None else []
        if args.unseen:
            cut = slice(0, args.limit or None)
            corpora["round3"] = round3.load(args.split)[cut]
            corpora["round4gen"] = round4_gen.load(args.split)[cut]
            corpora["generic"] = generic_pii.build(args.split)[cut]
            for name in ("round3", "round4gen", "generic"):
                systems[name] = {"ours": System(ours(plain), plain.lexicon)}
            if args.split == "test":
                hand_names += [n for n in UNSEEN_HAND if n not in hand_names]
        for name in hand_names:
            hand = PhiEngine(dictionary=build_dictionary([realistic.CORPORA[name][2]]))
            hand_docs = realistic.load(name)
            if args.judged_units:
                hand_docs = conventions.judged(hand_docs)
            corpora[f"{name}+dict"] = corpora[name] = hand_docs
            systems[f"{name}+dict"] = {"ours": System(ours(hand), hand.lexicon)}
            systems[name] = {"ours": System(ours(plain), plain.lexicon)}
        if args.baseline:
            base = System(presidio_default(), None, presidio_anonymizer())
            for tier, runs in systems.items():
                if not tier.endswith("+dict"):
                    runs["presidio"] = base
        report: dict[str, dict[str, Any]] = {}
        for tier, runs in systems.items():
            for name, system in runs.items():
                profile = load_profile(args.profile)
                deid = Deidentifier(
                    b"bench-key-0123456789abcdef",
                    profile,
                    shift_days=365,
                    reference=date(2026, 6, 1),
                    ambiguous=getattr(system.lexicon, "is_ambiguous", None),
                    sweep=sweep_for(profile.sweep and not args.no_sweep, system.lexicon),
                )
                report.setdefault(tier, {})[name] = run_tier(
                    corpora[tier], system.analyze, deid, system.render
                )
    _print(report, args.split, load_s, args.show_misses)
    if args.json:
        for tier, by_system in report.items():
            if _frozen(tier, args.split):  # figures only: frozen text never leaves the run
                for figures in by_system.values():
                    figures.pop("aligned_misses", None)
                    figures.pop("top_misses", None)
        args.json.write_text(json.dumps(report, indent=2, sort_keys=True) + "\n")
    return 0


def _frozen(tier: str, split: str) -> bool:
    """A frozen tier: a generated tier's test split or a hand-written test batch."""
    name = tier.removesuffix("+dict")
    if name in realistic.CORPORA:
        return name in UNSEEN_HAND or name.endswith("-test")
    return split == "test"


@dataclass(frozen=True)
class System:
    analyze: Analyze
    lexicon: Any  # our engine's word lists (ambiguity, recall sweep), None for the baseline
    render: Render | None = None  # None: our operators write the output


def _met(f: dict[str, Any]) -> bool:
    worst = max((c["aligned"] for c in f["per_type_survival"].values()), default=0.0)
    return (
        f["aligned"] <= SURVIVAL_TARGET
        and worst <= TYPE_TARGET
        and f["non_phi_changed"] < CHANGED_TARGET
    )


def _print(report: dict[str, dict[str, Any]], split: str, load_s: float, misses: bool) -> None:
    print(f"De-identification quality, split={split} (engines loaded in {load_s:.1f}s)")
    print(
        f"{'tier':<19}{'system':<9}{'PHI tok':>8}{'aligned':>9}{'survival':>10}{'surv(SH)':>10}"
        f"{'reappear':>10}{'non-PHI':>9}{'changed':>9}{'secs':>7}  target"
    )
    for tier, runs in report.items():
        for name, f in runs.items():
            mark = ("met" if _met(f) else "MISSED") if name == "ours" else ""
            print(
                f"{tier:<19}{name:<9}{f['phi_tokens']:>8}{f['aligned']:>9.2%}{f['survival']:>10.2%}"
                f"{f['survival_sh']:>10.2%}{f['reappears']:>10.2%}{f['non_phi_tokens']:>9}"
                f"{f['non_phi_changed']:>9.2%}{f['seconds']:>7.1f}  {mark}"
            )
    print(
        "(aligned: gold PHI tokens still in place in the output, by token alignment; "
        "presidio's aligned column is its own anonymizer, its other columns our operators)"
    )
    print("\nPer-type aligned survival, ours / presidio (gold tokens):")
    types = sorted({t for runs in report.values() for t in runs["ours"]["per_type_survival"]})
    width = 22
    for first in range(0, len(report), 5):
        tiers = list(report)[first : first + 5]
        print(f"{'type':<24}" + "".join(f"{tier:>{width}}" for tier in tiers))
        for t in types:
            cells = []
            for tier in tiers:
                c = report[tier]["ours"]["per_type_survival"].get(t)
                b = report[tier].get("presidio", {}).get("per_type_survival", {}).get(t)
                if c is None:
                    cells.append("-")
                    continue
                base = f"{b['aligned']:.1%}" if b else "-"
                cells.append(f"{c['aligned']:.1%} / {base} ({c['tokens']})")
            print(f"{t:<24}" + "".join(f"{c:>{width}}" for c in cells))
        print()
    if misses:
        for tier, runs in report.items():
            print(f"--- {tier}: surviving PHI (dev split)")
            for text, n in runs["ours"]["aligned_misses"]:
                print(f"{n:4d} {text}")


if __name__ == "__main__":
    sys.exit(main())

"""Site-dictionary cost against list size: 1k vs 100k terms, side by side in one run.

The trie walks the note's words, so matching should cost the same whatever the list's size,
and building should grow linearly with it. Prints medians over repeats and the ratios.

    .venv/bin/python bench/dictionary_bench.py [--repeats 5]
"""

from __future__ import annotations

import argparse
import random
import statistics
import string
import time

from auditor.phi.dictionaries import SiteDictionary
from auditor.phi.entities import Entity
from auditor.phi.recognizers.tokens import TokenView

TEXT = ("pt resting comfortably, moved from eastham commons today. " * 2000).upper()


def build(terms: int) -> tuple[SiteDictionary, float]:
    rng = random.Random(7)
    t0 = time.perf_counter()
    d = SiteDictionary()
    for i in range(terms):
        word = "".join(rng.choices(string.ascii_lowercase, k=9))
        d.add(Entity.PERSON if i % 2 else Entity.LOCATION, f"{word} {i % 97}" if i % 3 else word)
    d.add(Entity.LOCATION, "Eastham Commons")
    return d, time.perf_counter() - t0


def match_seconds(d: SiteDictionary, view: TokenView) -> float:
    t0 = time.perf_counter()
    hits = sum(1 for _ in d.match(view))
    assert hits == 2000, hits
    return time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    view = TokenView.of(TEXT)
    sizes = (1_000, 100_000)
    builds: dict[int, list[float]] = {n: [] for n in sizes}
    matches: dict[int, list[float]] = {n: [] for n in sizes}
    for _ in range(args.repeats):
        for n in sizes:  # alternate, so machine load hits both sizes alike
            d, seconds = build(n)
            builds[n].append(seconds)
            matches[n].append(match_seconds(d, view))
    small, big = sizes
    print(f"{'terms':>8} {'build s':>9} {'match s':>9}   (medians of {args.repeats})")
    for n in sizes:
        print(f"{n:>8,} {statistics.median(builds[n]):>9.3f} {statistics.median(matches[n]):>9.4f}")
    b = statistics.median(builds[big]) / statistics.median(builds[small])
    m = statistics.median(matches[big]) / statistics.median(matches[small])
    print(f"ratio 100k/1k: build {b:.1f}x (100x terms), match {m:.2f}x (flat is the goal)")


if __name__ == "__main__":
    main()

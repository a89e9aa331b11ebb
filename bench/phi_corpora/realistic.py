"""Held-out realistic ICU notes: free-written (not templated), for finding systematic errors.

``realistic_notes.src.txt`` holds ~40 hand-written fictional notes with PHI marked
``<<T|text>>``; ``build()`` strips the markup into the scorer's JSONL shape (``text`` and
character ``spans`` ``[start, end, ENTITY]``) and ``realistic_site.tsv`` is a small site
dictionary (facilities, wards, towns) for the ``+dict`` tier. Names are not in it, on purpose.

    python bench/phi_corpora/realistic.py   # rewrite realistic_notes.jsonl from the source
"""

from __future__ import annotations

import json
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "realistic_notes.src.txt"
JSONL = HERE / "realistic_notes.jsonl"
SITE = HERE / "realistic_site.tsv"
TYPES = {
    "P": "PERSON", "H": "HOSPITAL", "L": "LOCATION", "D": "DATE_TIME", "T": "PHONE_NUMBER",
    "A": "AGE", "M": "MEDICAL_RECORD_NUMBER", "S": "STREET_ADDRESS", "Z": "ZIP_CODE",
}  # fmt: skip
_MARK = re.compile(r"<<([A-Z])\|([^>]+)>>")


def parse(block: str) -> tuple[str, list[tuple[int, int, str]]]:
    out: list[str] = []
    spans: list[tuple[int, int, str]] = []
    pos = length = 0
    for m in _MARK.finditer(block):
        out.append(block[pos : m.start()])
        length += m.start() - pos
        spans.append((length, length + len(m.group(2)), TYPES[m.group(1)]))
        out.append(m.group(2))
        length += len(m.group(2))
        pos = m.end()
    out.append(block[pos:])
    return "".join(out), spans


def build() -> list[dict]:
    lines = [ln for ln in SOURCE.read_text().splitlines() if not ln.startswith("#")]
    blocks = [b.strip() for b in "\n".join(lines).split("\n\n") if b.strip()]
    docs = []
    for n, block in enumerate(blocks):
        text, spans = parse(block)
        docs.append({"id": f"real-{n}", "text": text, "spans": spans})
    return docs


def load() -> list[dict]:
    return [json.loads(ln) for ln in JSONL.read_text().splitlines() if ln.strip()]


if __name__ == "__main__":
    docs = build()
    JSONL.write_text("".join(json.dumps(d) + "\n" for d in docs))
    print(f"{len(docs)} notes, {sum(len(d['spans']) for d in docs)} PHI spans -> {JSONL}")

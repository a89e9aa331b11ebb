"""Property tests of the one CSV record rule (``formats.csv_records``): the records put back
together are the input; where reads are cut never matters; text and bytes agree; the fast
line counter counts what the splitter splits."""

from __future__ import annotations

import io

from hypothesis import given
from hypothesis import strategies as st

from auditor.scanners.formats.csv_records import count_lines, split_records, split_runs
from tests.property.access_records import QUICK

inputs = st.text(alphabet=st.sampled_from(list('ab,"\r\n é')), max_size=80)
cuts = st.lists(st.integers(1, 7), max_size=20)


def _pieces(data: bytes, sizes: list[int]) -> list[bytes]:
    out, pos = [], 0
    for size in sizes:
        out.append(data[pos : pos + size])
        pos += size
    return [*out, data[pos:]]


@QUICK
@given(inputs, cuts)
def test_records_rebuild_the_input_whatever_the_reads(text: str, sizes: list[int]) -> None:
    data = text.encode("utf-8")
    whole = list(split_records([data], b'"'))
    cut = list(split_records(_pieces(data, sizes), b'"'))
    assert cut == whole
    if not any(r.refused for r in whole):
        assert b"".join(r.text + r.end for r in whole) == data
        assert sum(r.size for r in whole) == len(data)
        lines = [r.line for r in whole]
        assert lines == sorted(lines) and (not lines or lines[0] == 1)
        physical = count_lines(io.BytesIO(data), 0, len(data))
        assert sum(r.lines for r in whole) == physical


@QUICK
@given(inputs)
def test_text_and_bytes_split_alike(text: str) -> None:
    as_text = [(r.line, r.lines, r.text, r.end) for r in split_records([text], '"')]
    as_bytes = [(r.line, r.lines, r.text, r.end) for r in split_records([text.encode()], b'"')]
    assert as_text == [(a, b, c.decode(), d.decode()) for a, b, c, d in as_bytes]


@QUICK
@given(inputs, cuts, st.integers(2, 12), st.integers(1, 4))
def test_runs_are_the_same_records(text: str, sizes: list[int], size: int, lines: int) -> None:
    data = text.encode("utf-8")
    kw = {"max_size": size, "max_lines": lines}
    records = [(r.line, r.text, r.end, r.refused) for r in split_records([data], b'"', **kw)]
    flat = []
    for item in split_runs(_pieces(data, sizes), b'"', **kw):
        if hasattr(item, "texts"):
            flat += [
                (item.line + k, t, e, "")
                for k, (t, e) in enumerate(zip(item.texts, item.ends, strict=True))
            ]
        else:
            flat.append((item.line, item.text, item.end, item.refused))
    assert flat == records

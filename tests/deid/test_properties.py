"""Property tests: date shifts keep intervals in every format; CSV round trips byte for byte."""

from __future__ import annotations

import csv
import io
import re
from datetime import date, timedelta
from pathlib import Path
from typing import Literal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.deid import dates
from auditor.deid.formats.delimited import write_record
from auditor.scanners.formats.delimited import read_records

FORMATS = {
    "iso": lambda d: d.isoformat(),
    "us": lambda d: f"{d.month}/{d.day}/{d.year}",
    "us_padded": lambda d: f"{d.month:02d}/{d.day:02d}/{d.year}",
    "us_short": lambda d: f"{d.month}-{d.day}-{d.year % 100:02d}",
    "month_name": lambda d: d.strftime("%b %d %Y").replace(" 0", " "),
    "long": lambda d: f"{d:%B} {d.day}, {d.year}",
    "hl7": lambda d: d.strftime("%Y%m%d") + "1030",
}
PARSE = {
    "iso": lambda s: date.fromisoformat(s),
    "hl7": lambda s: date(int(s[:4]), int(s[4:6]), int(s[6:8])),
}

days = st.dates(min_value=date(1931, 1, 1), max_value=date(2030, 12, 31))


@settings(max_examples=150, deadline=None)
@given(a=days, gap=st.integers(0, 400), offset=st.integers(-365, 365), fmt=st.sampled_from(
    sorted(FORMATS)))  # fmt: skip
def test_shift_keeps_intervals_and_format(a: date, gap: int, offset: int, fmt: str) -> None:
    b = a + timedelta(days=gap)
    if offset == 0 or b.year > 2030:
        return
    render = FORMATS[fmt]
    out_a = dates.transform(render(a), offset_days=offset,
                            ref_year=2026)  # fmt: skip
    out_b = dates.transform(render(b), offset_days=offset,
                            ref_year=2026)  # fmt: skip
    assert out_a is not None and out_b is not None
    if fmt == "us_short":  # two-digit years are read in the century the pivot says
        return
    found_a = dates.find_dates(out_a, 2026)[0].value
    found_b = dates.find_dates(out_b, 2026)[0].value
    assert found_a == a + timedelta(days=offset)
    assert (found_b - found_a).days == gap
    # Same style, re-rendered, where the original shows its style: "10/31" does not say
    # whether "9" would be written "09"; "May" is both the full and the short month name.
    shows_padding = a.day < 10 or (a.month < 10 and fmt not in {"month_name", "long"})
    if shows_padding and a.month != 5:
        assert render(found_a) == out_a


# csv.writer's quoting argument, as typeshed spells it
Quoting = Literal[0, 1, 2, 3]
cells = st.text(alphabet=st.sampled_from(list('ab ,"\n\r;é1')), max_size=8)


@settings(max_examples=150, deadline=None)
@given(rows=st.lists(st.lists(cells, min_size=3, max_size=3), min_size=1, max_size=6),
       quoting=st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL, csv.QUOTE_NONNUMERIC]),
       terminator=st.sampled_from(["\n", "\r\n"]))  # fmt: skip
def test_csv_records_round_trip(
    tmp_path_factory: pytest.TempPathFactory,
    rows: list[list[str]],
    quoting: Quoting,
    terminator: str,
) -> None:
    buf = io.StringIO()
    csv.writer(buf, quoting=quoting, lineterminator=terminator).writerows(rows)
    text = buf.getvalue()
    path: Path = tmp_path_factory.mktemp("csv") / "x.csv"
    path.write_bytes(text.encode("utf-8"))
    records = list(read_records(path, "utf-8", ","))
    expected = list(csv.reader(io.StringIO(text, newline="")))  # what the csv module reads
    got = [[c.value for c in r.cells] for r in records]
    assert [[] if g == [""] else g for g in got] == expected  # a blank line reads as []
    assert "".join(write_record(r, [c.value for c in r.cells], ",") for r in records) == text


@settings(max_examples=300, deadline=None)
@given(
    st.from_regex(
        r"[A-Z]{1,3}(?:-[0-9]{1,4}){1,3}|[a-z]{2,6}[0-9]{1,3}|[0-9a-f]{4,12}", fullmatch=True
    )
)
def test_no_run_of_an_identifier_survives_its_surrogate(value: str) -> None:
    """Each run of letters or digits differs in the surrogate: a chance draw of the same
    group ("26" of "QX-26-4410", one in a hundred) would leave a piece of the original."""
    from auditor.deid.surrogates import Keyed, shape_token

    for hex_safe in (False, True):
        token = shape_token(Keyed(b"property-key-0123456789"), "id", value, hex_safe=hex_safe)
        assert len(token) == len(value)
        for m in re.finditer(r"[A-Za-z]+|\d+", value):
            assert token[m.start() : m.end()] != m.group(), (value, token)


@settings(max_examples=300, deadline=None)
@given(
    st.from_regex(r"\([2-9][0-9]{2}\) [2-9][0-9]{2}-[0-9]{4}", fullmatch=True),
    st.sampled_from(["", "1-", "+1 "]),
)
def test_a_phone_surrogate_keeps_no_group_and_reads_as_north_american(
    number: str, trunk: str
) -> None:
    from auditor.deid.surrogates import Keyed, phone_token

    value = trunk + number
    token = phone_token(Keyed(b"property-key-0123456789"), value)
    skip = 1 if trunk else 0
    original, surrogate = re.findall(r"\d+", value), re.findall(r"\d+", token)
    assert surrogate[:skip] == original[:skip]  # the country code 1 stays
    for a, b in zip(original[skip:], surrogate[skip:], strict=True):
        assert a != b, (value, token)
    assert surrogate[skip][0] not in "01" and surrogate[skip + 1][0] not in "01", token

"""M6: long runs of punctuation and huge cells are cut into units with every offset kept,
and URLs and e-mail addresses stay whole, so de-identification still removes all of them."""

from __future__ import annotations

import csv
import io
import time

import pytest

from auditor.deid.formats.delimited import DelimitedFormat
from auditor.deid.formats.text import TextFormat
from auditor.phi.engine import MAX_RUN, break_long_runs
from tests.deid.conftest import write
from tests.deid.test_formats import run

URL = (
    "https://portal.example.org/records/view?mrn=12345678&name=John.Smith"
    "&dob=1950-03-04&session=" + "a7f3" * 30
)


def test_long_runs_are_cut_but_urls_and_emails_stay_whole() -> None:
    text = "[" * 400 + URL + "]" * 400 + " " + "x" * 150 + " (" * 3 + "mail" + "<" * 300
    text += "john.smith@example.org" + ">" * 300
    broken = break_long_runs(text)
    assert len(broken) == len(text)
    assert URL in broken and "john.smith@example.org" in broken
    changed = [i for i, (a, b) in enumerate(zip(text, broken, strict=True)) if a != b]
    assert changed and all(broken[i] == " " for i in changed)
    url_at = text.index(URL)
    assert not any(url_at <= i < url_at + len(URL) for i in changed)
    assert all(len(run) <= MAX_RUN for run in broken.split() if URL not in run)


def test_a_long_url_is_replaced_whole(tmp_path, make_deid, phi_engine) -> None:
    src = write(tmp_path / "portal.txt", f"Portal link: {URL} reviewed with the patient.\n")
    dst, _ = run(TextFormat(), src, make_deid, phi_engine)
    out = dst.read_text(encoding="utf-8")
    assert "reviewed with the patient." in out
    for value in ("John.Smith", "12345678", "1950-03-04", "portal.example.org", "a7f3a7f3"):
        assert value not in out, value


def test_a_huge_csv_cell_is_deidentified_whole_in_bounded_time(
    tmp_path, make_deid, phi_engine
) -> None:
    filler = "Vitals stable, plan unchanged. " * 6_000  # about 190 KB of prose
    cell = (
        "Seen by Dr. John Smith, call 617-555-0199. "
        + "[" * 60_000
        + filler
        + " SSN 078-05-1120 noted at the end."
    )
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows([["row", "note"], ["1", cell], ["2", "ok"]])
    src = write(tmp_path / "cell.csv", buf.getvalue())
    t0 = time.monotonic()
    dst, _ = run(DelimitedFormat(), src, make_deid, phi_engine)
    assert time.monotonic() - t0 < 60  # a few seconds; quadratic cutting took minutes
    previous = csv.field_size_limit(1 << 24)  # the reader's default limit is 128 KB
    try:
        rows = list(csv.reader(io.StringIO(dst.read_text(encoding="utf-8"))))
    finally:
        csv.field_size_limit(previous)
    assert [r[0] for r in rows] == ["row", "1", "2"] and rows[2][1] == "ok"
    note = rows[1][1]
    for value in ("Smith", "617-555-0199", "078-05-1120"):
        assert value not in note, value
    assert note.count("Vitals stable, plan unchanged.") == 6_000
    assert "[" * 60_000 in note  # the brackets were only cut for the engine, never written so


@pytest.mark.parametrize(
    "shape",
    [
        "Employer{}Harbor Light",  # a cue word, then blanks, then a name
        "Pharmacy on file{}x",  # a form label with no colon yet
        "a.{}Employer: Harbor Light",  # a form's gap before its label
        "Pinecrest Family Oncology{}x\n",  # a letterhead-shaped line that never ends
    ],
)
def test_blanks_after_a_label_or_a_name_are_read_once(phi_engine, shape: str) -> None:
    """Blanks before or after a label were matched by two quantifiers at once (cubic and
    quadratic regexes: 500 blanks took 17 s); a hostile file must not stall an audit."""
    text = shape.format(" " * 20_000)
    t0 = time.process_time()
    phi_engine.analyze(text)
    assert time.process_time() - t0 < 5


def test_a_long_blank_run_is_linear(phi_engine) -> None:
    """The residual scan turns brackets into blanks: 20,000 blanks after a name field label
    took minutes (a cubic regex); now a fraction of a second."""
    text = "Seen by Dr. John Smith, call 617-555-0199" + " " * 20_000 + "Patient: Mary Jones"
    t0 = time.process_time()
    spans = phi_engine.analyze(text)
    assert time.process_time() - t0 < 5
    assert any(text[s.start : s.end] == "Mary Jones" for s in spans)

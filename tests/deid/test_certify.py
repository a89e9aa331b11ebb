"""Certify only what was checked; Safe Harbor that is Safe Harbor (issue 14 items 3-4, probe H1)."""

from __future__ import annotations

import json
import re

import pytest

from auditor.cli.main import main
from auditor.deid.regulation import SAFE_HARBOR
from auditor.errors import ConfigError, InputError
from auditor.services.deid import DeidRequest, run_deid
from auditor.signing.attest import verify_folder
from tests.deid.conftest import write

# Probe H1: segments separated by a space (and by nothing), so the message reads as one MSH.
H1_SPACE = (
    "MSH|^~\\&|EPIC|HOSP|||20261116100000||ADT^A01|MSG0001|P|2.5 PID|1||7734219^^^HOSP^MR||"
    "Quackenbush^Zelda||19700101|F|||12 Elm St^^Boston^MA^02118||617-555-0199\r"
)
H1_GLUED = H1_SPACE.replace("2.5 PID", "2.5PID")
H1_VALUES = ["Quackenbush", "Zelda", "7734219", "12 Elm St", "617-555-0199"]


def cert_of(result) -> dict:
    assert result.certificate_path is not None
    return json.loads(result.certificate_path.read_text())


@pytest.mark.parametrize("message", [H1_SPACE, H1_GLUED])
def test_hl7_without_segment_separators_is_refused_not_certified(
    actx, tmp_path, site_engine, message
):
    src = tmp_path / "in"
    write(src / "msg.hl7", message, newline="")
    write(src / "ok.txt", "Nothing to see.\n")
    out = tmp_path / "out"
    result = run_deid(actx, DeidRequest([src], out), engine=site_engine)
    assert not (out / "msg.hl7").exists()
    assert [p for p, _ in result.files_skipped] == ["msg.hl7"]
    assert "not separated by CR/LF" in result.files_skipped[0][1]
    cert = cert_of(result)
    assert [f["path"] for f in cert["files"]["processed_files"]] == ["ok.txt"]
    assert cert["files"]["skipped_files"][0]["path"] == "msg.hl7"
    assert [v for v in H1_VALUES if v in result.certificate_path.read_text()] == []


def test_redact_unparsable_writes_the_file_redacted_whole(actx, tmp_path, site_engine):
    src = tmp_path / "in"
    write(src / "msg.hl7", H1_SPACE, newline="")
    out = tmp_path / "out"
    request = DeidRequest([src], out, redact_unparsable=True)
    result = run_deid(actx, request, engine=site_engine)
    text = (out / "msg.hl7").read_text()
    assert [v for v in H1_VALUES if v in text] == []
    assert result.files_skipped == [] and [p for p, _ in result.redacted] == ["msg.hl7"]
    cert = cert_of(result)
    assert cert["files"]["redacted_whole_files"][0]["path"] == "msg.hl7"
    assert cert["files"]["processed"] == 0


def test_residual_scan_reads_the_whole_output_with_locations(actx, tmp_path, site_engine):
    """MSH-4 is not a field the HL7 model transforms: the residual scan still reads it."""
    msg = (
        "MSH|^~\\&|APP|Zebulon Quartermaine|||20140214||ADT^A01|1|P|2.5\r"
        "PID|1||00482913^^^H^MR||Doe^Jane||19750601|F\r"
    )
    src = write(tmp_path / "in" / "m.hl7", msg, newline="")
    result = run_deid(actx, DeidRequest([src], tmp_path / "out"), engine=site_engine)
    residual = result.residual
    assert residual["unexplained_total"] >= 1
    hits = residual["unexplained_at"]
    assert any(h["file"] == "m.hl7" and h["location"] == "line 1" for h in hits)
    assert all(set(h) == {"file", "location", "type"} for h in hits)  # never the value
    assert cert_of(result)["residual_scan"]["unexplained_at"] == hits


def test_cli_lists_residuals_and_fails_on_residual(home, tmp_path, capfd, site_dictionary):
    msg = "MSH|^~\\&|APP|Zebulon Quartermaine|||20140214||ADT^A01|1|P|2.5\rPID|1||1^^^H^MR\r"
    src = write(tmp_path / "in" / "m.hl7", msg, newline="")
    args = ["deid", str(src), "--dictionary", str(site_dictionary), "--fail-on-residual"]
    rc = main([*args, "--out", str(tmp_path / "out")])
    err = capfd.readouterr().err
    assert rc == 1
    assert re.search(r"residual m\.hl7:line 1: PERSON", err)
    assert "Quartermaine" not in err


def test_non_empty_output_needs_force(actx, tmp_path, site_engine):
    src = write(tmp_path / "in" / "a.txt", "Nothing.\n")
    out = tmp_path / "out"
    write(out / "old.txt", "x")
    with pytest.raises(InputError, match="not empty"):
        run_deid(actx, DeidRequest([src], out), engine=site_engine)
    result = run_deid(actx, DeidRequest([src], out, force=True), engine=site_engine)
    assert result.files_processed == 1 and (out / "a.txt").is_file()


def test_unsupported_files_are_refused_or_copied_on_request(actx, tmp_path, site_engine):
    src = tmp_path / "in"
    (src / "img").mkdir(parents=True)
    (src / "img" / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    write(src / "a.txt", "Nothing.\n")
    result = run_deid(actx, DeidRequest([src], tmp_path / "o1"), engine=site_engine)
    assert [p for p, _ in result.files_skipped] == ["img/photo.png"]
    assert "--copy-unsupported" in result.files_skipped[0][1]
    assert not (tmp_path / "o1" / "img" / "photo.png").exists()
    request = DeidRequest([src], tmp_path / "o2", copy_unsupported=True)
    result = run_deid(actx, request, engine=site_engine)
    assert result.files_skipped == [] and result.copied == ["img/photo.png"]
    assert (tmp_path / "o2" / "img" / "photo.png").read_bytes() == b"\x89PNG\r\n\x1a\n\x00\x00"
    assert cert_of(result)["files"]["copied_unchanged_files"] == ["img/photo.png"]


NOTE = "Admitted 02/14/2014 and discharged March 3rd, 2015. Seen 7/22. Born 05/15/1944.\n"


def test_safe_harbor_leaves_no_month_or_day(actx, tmp_path, site_engine):
    src = tmp_path / "in"
    write(src / "note.txt", NOTE)
    write(src / "t.csv", "mrn,dob,admit_date\n00482913,1975-06-01,2014-02-14\n")
    out = tmp_path / "out"
    result = run_deid(actx, DeidRequest([src], out), engine=site_engine)
    note = (out / "note.txt").read_text()
    for gone in ("02/14", "March", "3rd", "7/22", "05/15"):
        assert gone not in note, gone
    assert "2014" in note and "2015" in note
    row = (out / "t.csv").read_text().splitlines()[1].split(",")
    assert row[1:] == ["1975", "2014"]
    cert = cert_of(result)
    assert cert["regulation"] == SAFE_HARBOR and cert["method"]["safe_harbor"] is True
    assert cert["profile"]["operators"]["DATE_TIME"] == "year"
    verify_folder(actx.settings, result.certificate_path.parent)


def test_shifted_dates_certificate_never_cites_safe_harbor(actx, tmp_path, site_engine):
    src = write(tmp_path / "in" / "note.txt", NOTE)
    request = DeidRequest([src], tmp_path / "out", profile="shifted-dates")
    result = run_deid(actx, request, engine=site_engine)
    cert = cert_of(result)
    assert "164.514(b)(2)" not in cert["regulation"]
    assert "164.514(e)" in cert["regulation"] and "164.514(b)(1)" in cert["regulation"]
    assert cert["method"] == {"safe_harbor": False, "not_safe_harbor": ["DATE_TIME: shift"]}
    assert "02/14/2014" not in (tmp_path / "out" / "note.txt").read_text()
    verify_folder(actx.settings, result.certificate_path.parent)


def test_site_profile_that_keeps_an_identifier_is_not_safe_harbor(actx, tmp_path, site_engine):
    prof = write(tmp_path / "site.yaml", "name: site\noperators:\n  US_SSN: keep\n")
    src = write(tmp_path / "in" / "a.txt", "Nothing.\n")
    request = DeidRequest([src], tmp_path / "out", profile=str(prof))
    cert = cert_of(run_deid(actx, request, engine=site_engine))
    assert "Not Safe Harbor" in cert["regulation"]
    assert cert["method"]["not_safe_harbor"] == ["US_SSN: keep"]


def test_wrong_profile_name_lists_the_valid_ones(home, tmp_path, capfd):
    src = write(tmp_path / "in" / "a.txt", "Nothing.\n")
    rc = main(["deid", str(src), "--out", str(tmp_path / "out"), "--profile", "safe_harbor"])
    err = capfd.readouterr().err
    assert rc == 2
    assert "safe-harbor, shifted-dates" in err


def test_former_strict_name_is_safe_harbor() -> None:
    from auditor.deid.profiles import load_profile

    assert load_profile("safe-harbor-strict").name == "safe-harbor"
    with pytest.raises(ConfigError, match="valid: safe-harbor, shifted-dates"):
        load_profile("safe_harbor_strict")

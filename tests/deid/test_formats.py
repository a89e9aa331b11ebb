"""Each format writes its de-identified twin with exactly the input's shape."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from auditor.deid.formats import format_for
from auditor.deid.formats.base import FileContext
from auditor.deid.formats.delimited import DelimitedFormat
from auditor.deid.formats.hl7 import Hl7Format
from auditor.deid.formats.jsondoc import JsonFormat, JsonlFormat
from auditor.deid.formats.text import TextFormat
from auditor.deid.profiles import load_profile
from tests.deid.conftest import write

# "John" is not listed: a surrogate may legitimately be another real first name.
PHI = [
    "SMITH",
    "Smith",
    "00482913",
    "123-45-6789",
    "555-1234",
    "john@x.org",
    "02139",
    "1931",
    "Boston",
    "12 Main",
]


def run(fmt: Any, src: Path, make_deid, engine, profile: str = "shifted-dates") -> tuple[Path, Any]:
    dst = src.parent / "out" / src.name
    deid = make_deid(profile=load_profile(profile))
    fc = FileContext(deid=deid, analyzer=engine, profile=deid.profile, source=src.name)
    fmt.deidentify(src, dst, fc)
    return dst, fc


def no_phi(text: str, values: list[str] = PHI) -> None:
    leaked = [v for v in values if v in text]
    assert not leaked, leaked


# -- plain text ---------------------------------------------------------------------------
def test_text_streams_in_blocks_and_keeps_everything_else(tmp_path, make_deid, phi_engine):
    para = (
        "Patient John Smith (MRN 00482913) was seen on 02/14/2014 in Boston.\r\n"
        "Troponin negative; aspirin 81 mg daily.\r\n\r\n"
    )
    src = write(tmp_path / "note.txt", para * 40, newline="")
    dst, fc = run(TextFormat(block_chars=700), src, make_deid, phi_engine)
    out = dst.read_bytes().decode("utf-8")
    assert fc.units > 5  # really streamed in several blocks
    assert out.count("\r\n") == para.count("\r\n") * 40
    assert out.count("Troponin negative; aspirin 81 mg daily.") == 40
    no_phi(out)
    # One patient per note: every mention maps to the same surrogate and shifted date.
    assert len(set(re.findall(r"seen on (\S+)", out))) == 1


def test_text_keeps_encoding_and_bom(tmp_path, make_deid, phi_engine):
    src = tmp_path / "latin.txt"
    src.write_bytes("Café visit for John Smith on 02/14/2014.\n".encode("cp1252"))
    dst, _ = run(TextFormat(), src, make_deid, phi_engine)
    out = dst.read_bytes()
    assert "Café".encode("cp1252") in out and b"Smith" not in out
    bom = tmp_path / "bom.txt"
    bom.write_bytes(b"\xef\xbb\xbfSeen by Dr. John Smith.\n")
    dst, _ = run(TextFormat(), bom, make_deid, phi_engine)
    assert dst.read_bytes().startswith(b"\xef\xbb\xbf")


# -- CSV / TSV ----------------------------------------------------------------------------
CSV = (
    "patient_id,first_name,last_name,dob,zip,phone,email,ssn,admit_date,discharge_date,age,"
    "diagnosis_code,note\r\n"
    "P001,John,SMITH,1931-03-04,02139,(617) 555-1234,john@x.org,123-45-6789,2014-02-14,"
    '2014-02-20,95,I21.9,"Seen by Dr. Wong, doing well"\r\n'
    "P002,Mary,Jones,1980-07-22,03601,617.555.9876,mary@y.com,987-65-4321,2015-06-01,"
    '2015-06-03,45,E11.9,"Follow up in Boston,\r\ncall ""soon"""\r\n'
    "P001,John,SMITH,1931-03-04,02139,(617) 555-1234,john@x.org,123-45-6789,2014-03-01,"
    "2014-03-05,95,I10,\r\n"
)


def test_csv_shape_quoting_and_line_endings(tmp_path, make_deid, phi_engine):
    src = write(tmp_path / "patients.csv", CSV, newline="")
    dst, fc = run(DelimitedFormat(), src, make_deid, phi_engine)
    raw = dst.read_bytes().decode("utf-8")
    rows_in = list(csv.reader(io.StringIO(CSV, newline="")))
    rows_out = list(csv.reader(io.StringIO(raw, newline="")))
    assert fc.units == 3
    assert len(rows_out) == len(rows_in)
    assert [len(r) for r in rows_out] == [len(r) for r in rows_in]
    assert rows_out[0] == rows_in[0]  # header untouched
    assert raw.count("\r\n") == CSV.count("\r\n")  # including the one inside a quoted cell
    no_phi(raw)
    h = rows_in[0]
    out = [dict(zip(h, r, strict=True)) for r in rows_out[1:]]
    assert [r["diagnosis_code"] for r in out] == ["I21.9", "E11.9", "I10"]
    assert out[0]["first_name"] != "John" and out[1]["first_name"] != "Mary"
    assert out[0]["zip"] == "021" and out[1]["zip"] == "000"
    assert out[0]["age"] == "90+" and out[1]["age"] == "45"
    assert re.fullmatch(r"\d{2}-\d{2}", out[0]["dob"])  # over 89: year dropped
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", out[1]["dob"])
    # Same patient (P001) twice: same token, same surrogate, intervals kept.
    assert out[0]["patient_id"] == out[2]["patient_id"] != "P001"
    assert out[0]["last_name"] == out[2]["last_name"] and out[0]["last_name"].isupper()
    from datetime import date

    def days(r: dict[str, str], a: str, b: str) -> int:
        return (date.fromisoformat(r[b]) - date.fromisoformat(r[a])).days

    assert days(out[0], "admit_date", "discharge_date") == 6
    assert (
        date.fromisoformat(out[2]["admit_date"]) - date.fromisoformat(out[0]["admit_date"])
    ).days == 15
    # Quoting kept: the quoted note stays quoted, the empty note stays bare.
    assert raw.splitlines()[1].endswith('"') and raw.endswith(",\r\n")


def test_csv_without_phi_is_byte_identical(tmp_path, make_deid, phi_engine):
    text = 'code,count,"label"\nI10,3,"hypertension, essential"\nE11.9,"7",diabetes\n'
    src = write(tmp_path / "codes.csv", text, newline="")
    dst, _ = run(DelimitedFormat(), src, make_deid, phi_engine)
    assert dst.read_bytes().decode("utf-8") == text


def test_tsv(tmp_path, make_deid, phi_engine):
    text = "mrn\tname\tcomment\n00482913\tJohn Smith\tno change\n"
    src = write(tmp_path / "x.tsv", text)
    dst, _ = run(DelimitedFormat(), src, make_deid, phi_engine)
    lines = dst.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "mrn\tname\tcomment" and len(lines[1].split("\t")) == 3
    no_phi(lines[1])


# -- JSON / JSONL -------------------------------------------------------------------------
def skeleton(node: Any) -> Any:
    """Structure without values: key order, types, list lengths."""
    if isinstance(node, dict):
        return [(k, skeleton(v)) for k, v in node.items()]
    if isinstance(node, list):
        return [skeleton(v) for v in node]
    return type(node).__name__


def test_json_structure_preserved(tmp_path, make_deid, phi_engine):
    doc = {
        "patients": [
            {
                "mrn": "00482913",
                "name": "John Smith",
                "dob": "1980-02-14",
                "age": 95,
                "visits": [{"date": "2014-02-14", "notes": "Seen in Boston by Dr. Wong."}],
                "active": True,
                "score": 1.5,
                "missing": None,
            },
        ],
        "generated": "2024-01-01",
    }
    src = write(tmp_path / "export.json", json.dumps(doc, indent=2) + "\n")
    dst, _ = run(JsonFormat(), src, make_deid, phi_engine)
    text = dst.read_text(encoding="utf-8")
    out = json.loads(text)
    assert skeleton(out) == skeleton(doc)
    assert text.endswith("}\n") and text.startswith('{\n  "patients"')
    p = out["patients"][0]
    assert p["age"] == 90 and p["active"] is True and p["score"] == 1.5
    no_phi(text)


def test_jsonl_lines_and_bad_line_kept_as_text(tmp_path, make_deid, phi_engine):
    lines = [
        json.dumps({"patient_id": "P1", "note": "John Smith seen 02/14/2014"}),
        "",
        "not json: call John Smith at (617) 555-1234",
        json.dumps({"patient_id": "P1", "email": "john@x.org"}),
    ]
    src = write(tmp_path / "x.jsonl", "\n".join(lines) + "\n")
    dst, fc = run(JsonlFormat(), src, make_deid, phi_engine)
    out = dst.read_text(encoding="utf-8").split("\n")
    assert len(out) == len(lines) + 1 and out[1] == ""
    assert json.loads(out[0]).keys() == {"patient_id", "note"}
    assert fc.notes and "line 3" in fc.notes[0]
    no_phi("\n".join(out))


# -- FHIR ---------------------------------------------------------------------------------
FHIR_DATE = re.compile(
    r"-?\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01])(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?"
    r"(Z|[+-]\d{2}:\d{2})?)?)?)?"
)


def bundle() -> dict[str, Any]:
    return {
        "resourceType": "Bundle",
        "type": "collection",
        "timestamp": "2014-02-14T10:00:00Z",
        "entry": [
            {
                "fullUrl": "urn:uuid:3f2c8e0a-1b2c-4d5e-8f90-a1b2c3d4e5f6",
                "resource": {
                    "resourceType": "Patient",
                    "id": "3f2c8e0a-1b2c-4d5e-8f90-a1b2c3d4e5f6",
                    "text": {
                        "status": "generated",
                        "div": '<div xmlns="http://www.w3.org/1999/xhtml"><p>John <b>Smith</b>'
                        ", MRN 00482913 &amp; lives in Boston</p></div>",
                    },
                    "identifier": [{"system": "urn:oid:1.2.3", "value": "00482913"}],
                    "name": [{"use": "official", "family": "Smith", "given": ["John", "A"]}],
                    "telecom": [
                        {"system": "phone", "value": "(617) 555-1234"},
                        {"system": "email", "value": "john@x.org"},
                    ],
                    "gender": "male",
                    "birthDate": "1931-03-04",
                    "address": [
                        {
                            "line": ["12 Main St"],
                            "city": "Boston",
                            "state": "MA",
                            "postalCode": "02139",
                            "country": "US",
                        }
                    ],
                },
            },
            {
                "fullUrl": "urn:uuid:0a0b0c0d-1111-2222-3333-444455556666",
                "resource": {
                    "resourceType": "Encounter",
                    "id": "0a0b0c0d-1111-2222-3333-444455556666",
                    "status": "finished",
                    "class": {
                        "system": "http://terminology.hl7.org/CodeSystem/v3-ActCode",
                        "code": "AMB",
                    },
                    "subject": {
                        "reference": "urn:uuid:3f2c8e0a-1b2c-4d5e-8f90-a1b2c3d4e5f6",
                        "display": "John Smith",
                    },
                    "period": {"start": "2014-02-14T10:00:00-05:00", "end": "2014-02-20"},
                },
            },
            {
                "resource": {
                    "resourceType": "Observation",
                    "id": "obs-1",
                    "status": "final",
                    "code": {
                        "coding": [{"system": "http://loinc.org", "code": "8867-4"}],
                        "text": "Heart rate",
                    },
                    "subject": {"reference": "Patient/3f2c8e0a-1b2c-4d5e-8f90-a1b2c3d4e5f6"},
                    "effectiveDateTime": "2014-02-15",
                    "issued": "2014-02-15T11:00:00Z",
                    "valueQuantity": {"value": 72, "unit": "/min"},
                    "note": [{"text": "Patient John Smith was calm."}],
                }
            },
        ],
    }


def all_strings(node: Any, key: str = "") -> list[tuple[str, str]]:
    if isinstance(node, dict):
        return [p for k, v in node.items() for p in all_strings(v, k)]
    if isinstance(node, list):
        return [p for v in node for p in all_strings(v, key)]
    return [(key, node)] if isinstance(node, str) else []


@pytest.mark.parametrize("profile", ["shifted-dates", "safe-harbor"])
def test_fhir_bundle_stays_valid_fhir(tmp_path, make_deid, phi_engine, profile):
    src = write(tmp_path / "bundle.json", json.dumps(bundle(), indent=2))
    assert format_for(src)[0].name == "json"
    dst, _ = run(JsonFormat(), src, make_deid, phi_engine, profile)
    text = dst.read_text(encoding="utf-8")
    out = json.loads(text)
    no_phi(text)
    pat, enc, obs = (e["resource"] for e in out["entry"])
    # Dates are still FHIR dates; the over-89 birth date is masked with data-absent-reason.
    for key, value in all_strings(out):
        if key in {"timestamp", "start", "end", "effectiveDateTime", "issued"}:
            assert FHIR_DATE.fullmatch(value), (key, value)
    assert "birthDate" not in pat
    assert pat["_birthDate"]["extension"][0]["valueCode"] == "masked"
    # References still resolve to the (tokenised) ids.
    assert out["entry"][0]["fullUrl"] == "urn:uuid:" + pat["id"]
    assert enc["subject"]["reference"] == "urn:uuid:" + pat["id"]
    assert obs["subject"]["reference"] == "Patient/" + pat["id"]
    assert re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", pat["id"])
    # Codes, systems and states untouched; narrative is well-formed XHTML.
    assert obs["code"]["coding"][0] == {"system": "http://loinc.org", "code": "8867-4"}
    assert pat["address"][0]["state"] == "MA" and pat["address"][0]["postalCode"] == "021"
    root = ET.fromstring(pat["text"]["div"])
    assert root.tag == "{http://www.w3.org/1999/xhtml}div"
    if profile == "safe-harbor":  # the year only
        assert obs["effectiveDateTime"] == "2014" and obs["issued"] == "2014-01-01T00:00:00Z"
    else:
        assert obs["effectiveDateTime"] != "2014-02-15"


# -- HL7 v2 -------------------------------------------------------------------------------
HL7 = (
    "MSH|^~\\&|ADT|HOSP|EHR|HOSP|20140214103000||ADT^A01|MSG1|P|2.5\r"
    "EVN|A01|20140214103000\r"
    "PID|1||00482913^^^HOSP^MR~123456789^^^USSSA^SS||SMITH^JOHN^A^^MR||19310304|M|||"
    "12 Main St^Apt 4^Boston^MA^02139^USA||(617)555-1234^PRN^PH^john@x.org|||||ACC123|"
    "123-45-6789\r"
    "NK1|1|SMITH^MARY|SPO|12 Main St^^Boston^MA^02139\r"
    "PV1|1|I|W^389^1|||||004777^WONG^ALICE^^^DR|||||||||||V123456|||||||||||||||||||||||||"
    "20140214103000|20140220\r"
    "OBX|1|TX|NOTE||Patient John Smith seen in Boston \\T\\ stable||||||F\r"
    "NTE|1||Call John at (617) 555-1234\r"
    "ROL|1|AD|PP^Primary Care Provider^HL70443|12377H87^WONG^ALICE^A^III^DR\r"
    "OBX|2|NM|8867-4^heartrate^LN||60|beats/min\r"
)


def test_hl7_segments_and_field_counts_preserved(tmp_path, make_deid, phi_engine):
    src = write(tmp_path / "adt.hl7", HL7 + HL7.replace("MSG1", "MSG2"), newline="")
    dst, fc = run(Hl7Format(), src, make_deid, phi_engine)
    out = dst.read_bytes().decode("utf-8")
    assert fc.units == 2
    segs_in = [s for s in (HL7 * 2).split("\r") if s]
    segs_out = [s for s in out.split("\r") if s]
    assert [s[:3] for s in segs_out] == [s[:3] for s in segs_in]
    assert [s.count("|") for s in segs_out] == [s.count("|") for s in segs_in]
    assert [s.count("^") for s in segs_out] == [s.count("^") for s in segs_in]
    assert [s.count("~") for s in segs_out] == [s.count("~") for s in segs_in]
    no_phi(out, [*PHI, "WONG", "ALICE", "V123456", "123456789"])
    pid = segs_out[2].split("|")
    assert pid[7] == ""  # born 1931: over 89, a DTM cannot drop only the year
    assert pid[11].split("^")[4] == "021" and pid[11].split("^")[3] == "MA"
    msh = segs_out[0].split("|")
    assert re.fullmatch(r"\d{14}", msh[6]) and msh[1] == "^~\\&"
    assert "\\T\\" in segs_out[5]  # escapes kept escaped
    # A person in a segment we do not map is still found; a coded field is left alone.
    assert segs_out[7].split("|")[4].split("^")[5] == "DR"
    assert segs_out[8] == "OBX|2|NM|8867-4^heartrate^LN||60|beats/min"


def test_hl7_custom_encoding_characters(tmp_path, make_deid, phi_engine):
    msg = "MSH#!@\\%#A#B#C#D#20140214##ADT!A01#1#P#2.5\rPID#1##00482913!!!H!MR##SMITH!JOHN\r"
    src = write(tmp_path / "custom.hl7", msg, newline="")
    dst, _ = run(Hl7Format(), src, make_deid, phi_engine)
    out = dst.read_bytes().decode("utf-8")
    pid = out.split("\r")[1].split("#")
    assert len(pid) == 6 and pid[5].count("!") == 1 and "SMITH" not in out
    assert pid[3].split("!")[3:] == ["H", "MR"]


def test_format_registry(tmp_path):
    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(b"%PDF-1.4 John Smith")
    assert format_for(pdf)[0].name == "pdf"  # PyMuPDF redaction (a damaged one is refused)
    png = tmp_path / "scan.png"
    png.write_bytes(b"\x89PNG\r\n")
    assert format_for(png)[0] is None and "unsupported" in format_for(png)[1]
    blob = tmp_path / "blob.dat"
    blob.write_bytes(b"\x00\x01\x02abc")
    assert format_for(blob)[0] is None
    hl7 = write(tmp_path / "msg.txt", "MSH|^~\\&|A\r")
    assert format_for(hl7)[0].name == "hl7"
    assert format_for(write(tmp_path / "n.md", "hello"))[0].name == "text"


# -- streaming ----------------------------------------------------------------------------
@pytest.mark.slow
def test_large_csv_streams_with_bounded_memory(tmp_path, make_deid, phi_engine):
    """Peak memory does not follow the file: 4x the rows cost far less than 4x the memory."""
    import tracemalloc

    def peak_for(rows: int) -> tuple[int, int]:
        src = tmp_path / f"big{rows}.csv"
        with src.open("w", encoding="utf-8", newline="") as fh:
            fh.write("mrn,admit_date,icd_code,count\n")
            codes = ";".join(f"I{n}.{n % 9}" for n in range(20))
            for i in range(rows):
                fh.write(f"{100000 + i % 50},2014-02-{1 + i % 28:02d},{codes}{i % 7},{i}\n")
        deid = make_deid()
        fc = FileContext(deid=deid, analyzer=phi_engine, profile=deid.profile, source=src.name)
        tracemalloc.start()
        DelimitedFormat().deidentify(src, tmp_path / "out" / src.name, fc)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        assert fc.units == rows
        return peak, src.stat().st_size

    small, small_size = peak_for(16_000)
    large, size = peak_for(64_000)
    assert large - small < (size - small_size) / 2, (small, large)
    assert large < size, (large, size)


def test_ndjson_saved_as_json_is_handled_line_by_line(tmp_path, make_deid, phi_engine):
    lines = [
        json.dumps(
            {
                "resourceType": "Patient",
                "id": f"p{i}",
                "birthDate": "1980-02-14",
                "name": [{"family": "Smith", "given": ["John"]}],
            }
        )
        for i in range(3)
    ]
    src = write(tmp_path / "patients.json", "\n".join(lines) + "\n")
    dst, fc = run(JsonFormat(), src, make_deid, phi_engine)
    out = dst.read_text(encoding="utf-8").splitlines()
    assert len(out) == 3 and fc.units == 3 and fc.notes
    assert all(json.loads(line)["resourceType"] == "Patient" for line in out)
    no_phi("\n".join(out))


def test_fhir_transaction_urls_and_extensions(tmp_path, make_deid, phi_engine):
    ext = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-birthsex"
    doc = {
        "resourceType": "Bundle", "type": "transaction",
        "entry": [{
            "fullUrl": "https://ehr.example.org/fhir/Patient/00482913",
            "resource": {"resourceType": "Patient", "id": "00482913",
                         "extension": [{"url": ext, "valueCode": "M"}],
                         "contained": [{"resourceType": "Organization", "id": "org1",
                                        "name": "Boston Family Clinic"}],
                         "managingOrganization": {"reference": "#org1"}},
            "request": {"method": "PUT", "url": "Patient/00482913"},
        }],
    }  # fmt: skip
    src = write(tmp_path / "tx.json", json.dumps(doc))
    dst, _ = run(JsonFormat(), src, make_deid, phi_engine)
    text = dst.read_text(encoding="utf-8")
    out = json.loads(text)
    entry = out["entry"][0]
    pat = entry["resource"]
    assert "00482913" not in text
    assert entry["request"]["url"] == f"Patient/{pat['id']}"
    assert entry["fullUrl"] == f"https://ehr.example.org/fhir/Patient/{pat['id']}"
    assert pat["extension"][0]["url"] == ext
    assert pat["managingOrganization"]["reference"] == "#" + pat["contained"][0]["id"]

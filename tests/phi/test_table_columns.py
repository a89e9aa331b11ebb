"""Values under a column label that names their kind: registers, census lists, tent logs.

Every value is invented. Each layout comes with look-alikes that must stay untouched: a
column of clinical values, prose with a wide gap, a row that does not fit the header.
"""

from __future__ import annotations

from auditor.phi.engine import PhiEngine
from auditor.phi.entities import Entity
from tests.phi.conftest import found

PIPES = (
    "BIB | NAME | AGE | COMPLAINT | OUT\n"
    "5120 | Tremaine, Odalys | 34 | cramp | 1125\n"
    "7781 | quenby ashworth | 93 | syncope | EMS\n"
)


def test_pipe_table_cells_take_their_column_kind(engine: PhiEngine) -> None:
    got = found(engine, PIPES)
    assert (Entity.ID_NUMBER.value, "5120") in got, got
    assert (Entity.ID_NUMBER.value, "7781") in got, got
    assert (Entity.PERSON.value, "quenby ashworth") in got, got
    assert (Entity.AGE.value, "93") in got, got
    # an age under 90 is no identifier; the clinical columns stay
    assert not any(value in ("34", "cramp", "syncope", "1125") for _, value in got), got


def test_tab_and_blank_aligned_tables(engine: PhiEngine) -> None:
    tabs = "Name\tRelationship\tAge\tPhone\nOrsolya Drăgan\tmother\t91\t0413 555 207\n"
    got = found(engine, tabs)
    assert (Entity.AGE.value, "91") in got, got
    assert (Entity.PHONE_NUMBER.value, "0413 555 207") in got, got
    blanks = (
        "RESIDENT          ROOM   AGE   VILLAGE          TEL\n"
        "Pellow, Tamsin    214    96    Porthkerris      555-0148\n"
    )
    got = found(engine, blanks)
    assert (Entity.AGE.value, "96") in got, got
    assert any(kind == Entity.LOCATION.value and "Porthkerris" in v for kind, v in got), got
    assert not any(v == "214" for _, v in got), got


def test_clinical_tables_and_prose_are_left_alone(engine: PhiEngine) -> None:
    labs = "TEST | RESULT | UNITS | RANGE\nSodium | 138 | mmol/L | 135-145\nAge-adj D-dimer | 0.4 |"
    assert found(engine, labs) == []
    prose = "Seen today.  Name and age confirmed  with the patient at  the desk."
    assert found(engine, prose) == []
    # a row whose cells do not line up with the header is not read as that table
    ragged = "NAME | AGE\nplease see the attached list | of names | 95 | here\n"
    assert not any(kind == Entity.AGE.value for kind, _ in found(engine, ragged))
    placeholders = "Name | Phone | MRN\nn/a | unknown | -\n"
    assert found(engine, placeholders) == []


def test_csv_rows_under_a_header_of_labels(engine: PhiEngine) -> None:
    text = (
        "event_time,unit,user_id,patient_name,acct,reason\n"
        '2026-02-11,5 East,qlindqvist2,"MARWOOD, Eulalie",QX0084412,"pain, 8/10"\n'
    )
    got = found(engine, text)
    assert (Entity.HOSPITAL.value, "5 East") in got, got
    assert (Entity.ID_NUMBER.value, "qlindqvist2") in got, got
    assert (Entity.PERSON.value, "MARWOOD, Eulalie") in got, got
    assert not any("pain" in v or "8/10" in v for _, v in got), got
    # prose with commas has no header of labels (a lower-case wing: "5 East" names a unit
    # in prose too, see test_after_round12_classes)
    prose = "The patient, aged 93, lives alone, and her unit, 5 east, is aware."
    assert not any(kind == Entity.HOSPITAL.value for kind, _ in found(engine, prose))


def test_key_value_pairs_of_a_log(engine: PhiEngine) -> None:
    text = (
        "ts=2026-03-02T08:11:40 step=auth dob_entered=09141948 patient_id=QX55120 "
        'agent=ops_mfairweather agent_name="Mirela Fairweather" dose=5 unit=mg age=94'
    )
    got = found(engine, text)
    assert (Entity.DATE_TIME.value, "09141948") in got, got
    assert (Entity.ID_NUMBER.value, "QX55120") in got, got
    assert (Entity.PERSON.value, "Mirela Fairweather") in got, got
    assert (Entity.AGE.value, "94") in got, got
    assert not any(v in ("5", "mg", "auth") for _, v in got), got


def test_a_title_before_a_name_in_a_cell_stays_outside(engine: PhiEngine) -> None:
    text = "Date  | Complaint     | Seen by\n05/11 | fever 2 d     | Dr. Quennell Rafiq\n"
    got = found(engine, text)
    assert (Entity.PERSON.value, "Quennell Rafiq") in got, got


FIXED_WIDTH = (
    "REQ#        RECV DT   PATIENT                  MRN        REQUESTOR        CLERK\n"
    "ROI2612-0078 12/01/26  SAMPLES, TINA R         K0993317   SSA DDS          QWHITT\n"
    "ROI2612-0081 12/04/26  Delgado-Fitch, Amparo (ICU) K1123009 SELF           QROUCH\n"
)


def test_a_fixed_width_row_is_cut_under_its_header(engine: PhiEngine) -> None:
    """A legacy printout leaves one blank between two values under two labels."""
    got = found(engine, FIXED_WIDTH)
    assert (Entity.PERSON.value, "SAMPLES, TINA R") in got, got
    assert (Entity.MEDICAL_RECORD_NUMBER.value, "K0993317") in got or (
        Entity.ID_NUMBER.value,
        "K0993317",
    ) in got, got
    assert (Entity.PERSON.value, "QWHITT") in got, got


def test_a_remark_in_brackets_is_no_part_of_a_name_cell(engine: PhiEngine) -> None:
    text = (
        "PATIENT                      ROOM    NURSE\nDelgado-Fitch, Amparo (ICU)  12      Okafor\n"
    )
    got = found(engine, text)
    assert all("(ICU)" not in value for _, value in got), got

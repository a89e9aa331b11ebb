"""Error classes fixed after round 10 (issue 14), by kind, developed on round10-dev only: an
e-mail address on a reserved or internal domain, a place after its unit's word, a clinical
data export's variable names, people under a staff or reviewer label.

Every value here is invented; none comes from a corpus. Each class comes with look-alikes
that must stay untouched.
"""

from __future__ import annotations

from auditor.phi.engine import PhiEngine
from auditor.phi.entities import Entity
from tests.phi.conftest import found


def test_an_email_address_on_a_reserved_or_internal_domain(engine: PhiEngine) -> None:
    text = "From: <tkalani@reefclinic.example> Cc: ops@ehr.local; FiO2@0.5 on the vent"
    got = found(engine, text)
    assert (Entity.EMAIL_ADDRESS.value, "tkalani@reefclinic.example") in got, got
    assert (Entity.EMAIL_ADDRESS.value, "ops@ehr.local") in got, got
    assert not any("FiO2" in v for _, v in got), got


def test_a_place_after_its_units_word(engine: PhiEngine) -> None:
    got = found(engine, "seen at home (village Nyamirembe, sector Gashora); HOME COMMUNITY: ARVIAT")
    for place in ("Nyamirembe", "Gashora", "ARVIAT"):
        assert any(kind == Entity.LOCATION.value and v == place for kind, v in got), got
    got = found(engine, "Our village health worker visited; island hopping is planned.")
    assert not any("health" in v or "hopping" in v for _, v in got), got


def test_a_clinical_data_exports_variables(engine: PhiEngine) -> None:
    text = (
        "STUDYID,SITEID,SUBJID,INIT,SEX,BRTHDTC,VISIT,HB_GDL,INVNAM\n"
        'RX-114,KE02,KE02-0031,P-W-N,M,2020-05-17,DOSE2,10.8,"Odhiambo, T."\n'
    )
    got = found(engine, text)
    assert (Entity.ID_NUMBER.value, "KE02-0031") in got, got
    assert (Entity.PERSON.value, "P-W-N") in got, got
    assert (Entity.PERSON.value, "Odhiambo, T.") in got, got
    assert not any(v in ("RX-114", "DOSE2", "10.8", "M") for _, v in got), got


def test_people_under_a_staff_or_reviewer_label(engine: PhiEngine) -> None:
    got = found(engine, "present\nstaff: r. quennell rn\nREVIEWED: T. IKKIDLUAK, OHN")
    assert any(kind == Entity.PERSON.value and "quennell" in v for kind, v in got), got
    assert any(kind == Entity.PERSON.value and "IKKIDLUAK" in v for kind, v in got), got
    assert found(engine, "Reviewed: yes, chart complete.\nStaff: aware") == []


def test_a_day_and_month_joined_by_a_hyphen(engine: PhiEngine) -> None:
    got = found(engine, "Onset 11-Oct; admitted 13-Oct-2026; seen 2-Oct-41")
    for value in ("11-Oct", "13-Oct-2026", "2-Oct-41"):
        assert (Entity.DATE_TIME.value, value) in got, got
    assert found(engine, "ROTHERHAM HEALTH VILLAGE OOH 04:10") == [
        (Entity.HOSPITAL.value, "ROTHERHAM HEALTH VILLAGE")
    ]


def test_a_vehicles_registration_near_a_word_for_it(engine: PhiEngine) -> None:
    got = found(engine, "transport: boda boda (driver, UBK 772Q); Ambulance unit WY 3-55120B")
    assert any(v == "UBK 772Q" for _, v in got), got
    assert any(v == "WY 3-55120B" for _, v in got), got
    vitals = "ambulance arrived: BP 120/80, HR 88 RR 16, CT 2 views; car park level 2"
    assert found(engine, vitals) == [], found(engine, vitals)


def test_lettered_registers_and_long_identity_numbers(engine: PhiEngine) -> None:
    text = (
        "contacts: EVX-S-KAN-0917; ref REF-QWB-2026-0112; file KTH/OB/26/0457; (GH 25-00318)\n"
        "| 02 | 20405007719    | seen |"
    )
    got = found(engine, text)
    for value in ("EVX-S-KAN-0917", "REF-QWB-2026-0112", "KTH/OB/26/0457", "GH 25-00318"):
        assert any(v == value for _, v in got), (value, got)
    assert any(v == "20405007719" for _, v in got), got
    assert found(engine, "COVID-19, SARS-CoV-2 and ICD-10 noted") == []

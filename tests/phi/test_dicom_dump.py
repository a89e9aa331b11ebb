"""PHI in DICOM header dumps: dcmdump and pydicom print styles.

Every value is invented. Look-alikes stay untouched: UIDs, VR codes, modality, times,
station names and AE titles, sex, an age under 90, a procedure description.
"""

from __future__ import annotations

from auditor.phi.engine import PhiEngine
from auditor.phi.entities import Entity
from auditor.phi.recognizers.dicom_dump import DicomDumpRecognizer
from tests.phi.conftest import covered, found, touched

DCMDUMP = (  # dcmdump pads to a column; the comments are shortened here
    "# Dicom-Data-Set\n"
    "(0008,0018) UI [1.2.826.0.1.3680043.8.498.77120044]     #  32, 1 SOPInstanceUID\n"
    "(0008,0020) DA [20240917]                               #   8, 1 StudyDate\n"
    "(0008,0030) TM [143205]                                 #   6, 1 StudyTime\n"
    "(0008,0050) SH [ACC77120Q]                              #  10, 1 AccessionNumber\n"
    "(0008,0060) CS [MR]                                     #   2, 1 Modality\n"
    "(0008,0080) LO [Kestrelmoor Imaging Centre]             #  26, 1 InstitutionName\n"
    "(0008,0090) PN [Achterberg^Rosalind^M^Dr]               #  24, 1 ReferringPhysicianName\n"
    "(0008,1010) SH [MRSCAN02]                               #   8, 1 StationName\n"
    "(0008,1070) PN [Tiwari^Neel\\Oyelaran^Funmi]            #  24, 2 OperatorsName\n"
    "(0010,0010) PN [PELLINGHAM-ROSS^HUGO^A^^III]            #  28, 1 PatientName\n"
    "(0010,0020) LO [KIC-4471205]                            #  12, 1 PatientID\n"
    "(0010,0030) DA [19300211]                               #   8, 1 PatientBirthDate\n"
    "(0010,0040) CS [M]                                      #   2, 1 PatientSex\n"
    "(0010,1010) AS [094Y]                                   #   4, 1 PatientAge\n"
    "(0010,1040) LO [17 Quarry Bank Close]                   #  20, 1 PatientAddress\n"
    "(0018,1000) LO [SN-4417206]                             #  10, 1 DeviceSerialNumber\n"
    "(0020,000d) UI [1.2.826.0.1.3680043.8.498.55120]        #  30, 1 StudyInstanceUID\n"
    "(0020,0010) SH [ST9912]                                 #   6, 1 StudyID\n"
    "(0040,0100) SQ (Sequence with explicit length #=1)      # 118, 1 SPSSequence\n"
    "  (0040,0001) AE [MRSCAN02]                             #   8, 1 ScheduledStationAETitle\n"
    "  (0040,0002) DA [20240918]                             #   8, 1 SPSStartDate\n"
    "  (0040,0006) PN [Lindqvist^Maja]                       #  14, 1 SPSPhysician\n"
    "(0032,1060) LO [MRI KNEE LEFT W/O]                      #  18, 1 RequestedProcedureDesc\n"
)


def _kinds(text: str) -> set[tuple[str, str]]:
    rec = DicomDumpRecognizer()
    return {(r.entity_type, text[r.start : r.end]) for r in rec.analyze(text, [])}


def test_dcmdump_tags_and_name_components() -> None:
    got = _kinds(DCMDUMP)
    expected = {
        (Entity.DATE_TIME, "20240917"),
        (Entity.ID_NUMBER, "ACC77120Q"),
        (Entity.HOSPITAL, "Kestrelmoor Imaging Centre"),
        (Entity.PERSON, "Achterberg"),
        (Entity.PERSON, "Rosalind"),
        (Entity.PERSON, "M"),
        (Entity.PERSON, "Tiwari"),
        (Entity.PERSON, "Funmi"),
        (Entity.PERSON, "PELLINGHAM-ROSS"),
        (Entity.PERSON, "HUGO"),
        (Entity.MEDICAL_RECORD_NUMBER, "KIC-4471205"),
        (Entity.DATE_TIME, "19300211"),
        (Entity.AGE, "094Y"),
        (Entity.STREET_ADDRESS, "17 Quarry Bank Close"),
        (Entity.DEVICE_ID, "SN-4417206"),
        (Entity.ID_NUMBER, "ST9912"),
        (Entity.DATE_TIME, "20240918"),
        (Entity.PERSON, "Lindqvist"),
    }
    assert expected <= got, expected - got
    values = {v for _, v in got}
    # title and suffix components, UIDs, times, codes, station and AE titles stay
    for bait in ("Dr", "III", "143205", "MR", "M]", "MRSCAN02", "MRI KNEE LEFT W/O"):
        assert bait not in values, bait
    assert not any("1.2.826" in v for v in values), values


def test_pydicom_print_style() -> None:
    text = (
        "(0008, 0020) Study Date                          DA: '20230405'\n"
        "(0008, 0080) Institution Name                    LO: 'Harrowgate Diagnostic Unit'\n"
        "(0008, 1010) Station Name                        SH: 'CTWS-3'\n"
        "(0010, 0010) Patient's Name                      PN: 'Castellanos Rue^Ynez'\n"
        "(0010, 0020) Patient ID                          LO: 'HDU0098812'\n"
        "(0010, 1001) Other Patient Names                 PN: ['Rue^Ynez', 'Castellanos^Y']\n"
        "(0010, 1010) Patient's Age                       AS: '067Y'\n"
        "(0020, 000E) Series Instance UID                 UI: 1.3.6.1.4.1.9590.100.1.2.71\n"
        "(0028, 0010) Rows                                US: 512\n"
    )
    got = _kinds(text)
    assert {
        (Entity.DATE_TIME, "20230405"),
        (Entity.HOSPITAL, "Harrowgate Diagnostic Unit"),
        (Entity.PERSON, "Castellanos Rue"),
        (Entity.PERSON, "Ynez"),
        (Entity.MEDICAL_RECORD_NUMBER, "HDU0098812"),
        (Entity.PERSON, "Rue"),
        (Entity.PERSON, "Castellanos"),
    } <= got, got
    values = {v for _, v in got}
    assert not values & {"CTWS-3", "067Y", "512"}, values  # an age under 90 is kept
    assert not any("1.3.6" in v for v in values), values


def test_dump_through_the_engine(engine: PhiEngine) -> None:
    got = found(engine, DCMDUMP)
    for value in ("Rosalind", "PELLINGHAM-ROSS", "KIC-4471205", "19300211", "Funmi"):
        assert covered(engine, DCMDUMP, value), (value, got)
    assert (Entity.AGE.value, "094Y") in got, got
    for bait in ("1.2.826.0.1.3680043.8.498.55120", "[MR]", "MRSCAN02"):
        assert not touched(engine, DCMDUMP, bait), bait


def test_text_without_tags_is_not_read() -> None:
    assert _kinds("Smith^John seen on 20240101 (age 94Y) at the desk") == set()
    assert _kinds("(0010,0010) PN (no value available)   #   0, 0 PatientName") == set()


def test_dcm4che_json_and_xml_dumps() -> None:
    dcm4che = "(0010,0010) PN #16 [Vasquez-Thorne^Odile]\n(0010,0040) CS #2 [F]\n"
    assert _kinds(dcm4che) == {(Entity.PERSON, "Vasquez-Thorne"), (Entity.PERSON, "Odile")}
    dicom_json = """{
  "00080020": {"vr": "DA", "Value": ["20220811"]},
  "00080060": {"vr": "CS", "Value": ["CT"]},
  "00100010": {
    "vr": "PN",
    "Value": [{"Alphabetic": "Ekwueme^Chidera^Ngozi"}]
  },
  "00100020": {"vr": "LO", "Value": ["QX-2209174"]},
  "0020000D": {"vr": "UI", "Value": ["1.2.840.113619.2.55.3.77120"]}
}"""
    got = _kinds(dicom_json)
    assert got == {
        (Entity.DATE_TIME, "20220811"),
        (Entity.PERSON, "Ekwueme"),
        (Entity.PERSON, "Chidera"),
        (Entity.PERSON, "Ngozi"),
        (Entity.MEDICAL_RECORD_NUMBER, "QX-2209174"),
    }, got
    dcm2xml = (
        '<element tag="0010,0010" vr="PN" vm="1" len="14" name="PatientName">Brannagh^Tobin'
        '</element>\n<element tag="0008,1010" vr="SH" vm="1" len="6" name="StationName">'
        "US-RM4</element>\n"
        '<element tag="0010,1010" vr="AS" vm="1" len="4" name="PatientAge">101Y</element>\n'
    )
    got = _kinds(dcm2xml)
    assert got == {
        (Entity.PERSON, "Brannagh"),
        (Entity.PERSON, "Tobin"),
        (Entity.AGE, "101Y"),
    }, got
    native = (
        '<DicomAttribute tag="00100010" vr="PN" keyword="PatientName"><PersonName number="1">'
        "<Alphabetic><FamilyName>Szczepańska</FamilyName><GivenName>Wiola</GivenName>"
        "<NamePrefix>Mrs</NamePrefix></Alphabetic></PersonName></DicomAttribute>\n"
        '<DicomAttribute tag="00100030" vr="DA" keyword="PatientBirthDate">'
        '<Value number="1">19470302</Value></DicomAttribute>\n'
        '<DicomAttribute tag="00080060" vr="CS" keyword="Modality">'
        '<Value number="1">MG</Value></DicomAttribute>\n'
    )
    got = _kinds(native)
    assert got == {
        (Entity.PERSON, "Szczepańska"),
        (Entity.PERSON, "Wiola"),
        (Entity.DATE_TIME, "19470302"),
    }, got


def test_keyword_dumps() -> None:
    lines = (
        "PatientName: Fairclough^Wendeline^R\n"
        "PatientID=WX-55102 PatientSex=F PatientAge=092Y\n"
        "StudyDate: 20211130   StudyTime: 081500   Modality: CR\n"
        "StationName: XR-ROOM-2\n"
    )
    got = _kinds(lines)
    assert got == {
        (Entity.PERSON, "Fairclough"),
        (Entity.PERSON, "Wendeline"),
        (Entity.PERSON, "R"),
        (Entity.MEDICAL_RECORD_NUMBER, "WX-55102"),
        (Entity.AGE, "092Y"),
        (Entity.DATE_TIME, "20211130"),
    }, got
    orthanc = (
        '"0010,0010" : {\n "Name" : "PatientName",\n "Type" : "String",\n'
        ' "Value" : "Abernethy^Corliss"\n},\n'
        '"0008,0060" : { "Name" : "Modality", "Type" : "String", "Value" : "US" }\n'
    )
    assert _kinds(orthanc) == {(Entity.PERSON, "Abernethy"), (Entity.PERSON, "Corliss")}
    dcmjs = '{"PatientName": [{"Alphabetic": "Toivonen^Aune"}], "StudyDescription": "CT"}'
    assert _kinds(dcmjs) == {(Entity.PERSON, "Toivonen"), (Entity.PERSON, "Aune")}


def test_departments_named_only_by_kind_stay() -> None:
    text = (
        "(0008,1040) LO [RADIOLOGY]\n"
        "(0040,0011) SH [CT Room]\n"
        "(0038,0300) LO [Kittiwake Ward 3]\n"
        "(0032,1033) LO [Harebell Unit]\n"
    )
    assert _kinds(text) == {
        (Entity.HOSPITAL, "Kittiwake Ward 3"),
        (Entity.HOSPITAL, "Harebell Unit"),
    }

"""PHI in DICOM header dumps pasted into text (dcmdump, gdcmdump and pydicom print styles).

A dump prints one attribute a line: ``(0010,0010) PN [Surname^Given]`` (dcmdump) or
``(0010, 0010) Patient's Name   PN: 'Surname^Given'`` (pydicom). The tag says what the value
is, whatever its words: a name is ``^``-separated components with no title or cue beside it,
a birth date eight bare digits. The attributes read here are those the Basic
Application Level Confidentiality Profile (DICOM PS3.15 Annex E) removes or replaces, mapped
to this engine's entity types; three kinds of value are left alone on purpose:

- UIDs (study, series, SOP instance): generated numbers the corpus conventions leave unmarked;
- times (``TM``), station names and AE titles: no Safe Harbor identifier;
- a patient's age (``AS``) under 90 years, which Safe Harbor keeps.

Every ``PN`` value is a person's name, whatever its tag (its VR says so): family, given and
middle components are separate spans, prefix and suffix (``Dr``, ``Jr``) stay out. Every ``DA``
value is a date, and a ``DT`` value's date part too. A device serial number is marked
(Safe Harbor (M) names device serial numbers) though the corpus conventions leave a scanner's
unmarked.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from presidio_analyzer import RecognizerResult

from auditor.phi.entities import Entity
from auditor.phi.recognizers.base import LocalRecognizer
from auditor.phi.recognizers.patterns import make_result
from auditor.phi.recognizers.regex_start import accelerated

if TYPE_CHECKING:
    from presidio_analyzer.nlp_engine import NlpArtifacts

SCORE = 0.9

# Attributes by (group, element), for values whose VR does not already say their kind.
_TAGS: dict[tuple[str, str], Entity] = {
    ("0010", "0020"): Entity.MEDICAL_RECORD_NUMBER,  # PatientID
    ("0010", "1000"): Entity.MEDICAL_RECORD_NUMBER,  # OtherPatientIDs
    ("0010", "1090"): Entity.MEDICAL_RECORD_NUMBER,  # MedicalRecordLocator
    ("0010", "0021"): Entity.ORGANIZATION,  # IssuerOfPatientID
    ("0010", "1040"): Entity.STREET_ADDRESS,  # PatientAddress
    ("0010", "2154"): Entity.PHONE_NUMBER,  # PatientTelephoneNumbers
    ("0010", "1050"): Entity.HEALTH_PLAN_NUMBER,  # InsurancePlanIdentification
    ("0010", "2299"): Entity.ORGANIZATION,  # ResponsibleOrganization
    ("0008", "0050"): Entity.ID_NUMBER,  # AccessionNumber
    ("0008", "0080"): Entity.HOSPITAL,  # InstitutionName
    ("0008", "0081"): Entity.STREET_ADDRESS,  # InstitutionAddress
    ("0008", "1040"): Entity.HOSPITAL,  # InstitutionalDepartmentName
    ("0008", "0092"): Entity.STREET_ADDRESS,  # ReferringPhysicianAddress
    ("0008", "0094"): Entity.PHONE_NUMBER,  # ReferringPhysicianTelephoneNumbers
    ("0020", "0010"): Entity.ID_NUMBER,  # StudyID
    ("0038", "0010"): Entity.ID_NUMBER,  # AdmissionID
    ("0038", "0300"): Entity.HOSPITAL,  # CurrentPatientLocation
    ("0038", "0400"): Entity.HOSPITAL,  # PatientInstitutionResidence
    ("0040", "1001"): Entity.ID_NUMBER,  # RequestedProcedureID
    ("0040", "0009"): Entity.ID_NUMBER,  # ScheduledProcedureStepID
    ("0040", "0253"): Entity.ID_NUMBER,  # PerformedProcedureStepID
    ("0040", "2016"): Entity.ID_NUMBER,  # PlacerOrderNumberImagingServiceRequest
    ("0040", "2017"): Entity.ID_NUMBER,  # FillerOrderNumberImagingServiceRequest
    ("0032", "1020"): Entity.HOSPITAL,  # ScheduledStudyLocation
    ("0032", "1033"): Entity.HOSPITAL,  # RequestingService
    ("0040", "0011"): Entity.HOSPITAL,  # ScheduledProcedureStepLocation
    ("0040", "0243"): Entity.HOSPITAL,  # PerformedLocation
    ("0040", "A027"): Entity.HOSPITAL,  # VerifyingOrganization
    ("0018", "1000"): Entity.DEVICE_ID,  # DeviceSerialNumber
    ("0018", "700A"): Entity.DEVICE_ID,  # DetectorID
}


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Departments and locations inside a facility: marked only when named beyond their kind.
_UNITS = frozenset(
    {("0008", "1040"), ("0032", "1020"), ("0032", "1033"), ("0038", "0300"), ("0038", "0400"),
     ("0040", "0011"), ("0040", "0243")}
)  # fmt: skip
_GENERIC_UNIT_WORDS = _words(
    """
    radiology imaging diagnostic diagnostics department dept service services unit units
    emergency ed er ae icu ccu nicu picu hdu or theatre theatres opd outpatient outpatients
    inpatient inpatients cardiology neurology oncology orthopaedics orthopedics surgery
    surgical medicine medical nuclear mri mr ct us ultrasound xray x ray mammography breast
    interventional pediatrics paediatrics obstetrics maternity women womens health main
    general the and of de la del sala servicio radiologia radiologie room scanner suite
    """
)
# DICOM keywords (PS3.6) of the attributes above and of the PN, DA, DT and AS attributes the
# Basic Profile removes, with their tag and VR: dumps that print keywords instead of tags
# ("PatientName: A^B", Orthanc's and dcmjs's JSON) are read by the same rules.
_KEYWORDS: dict[str, tuple[tuple[str, str], str]] = {
    **{
        keyword: ((tag[:4], tag[5:]), "PN")
        for keyword, tag in (
            ("PatientName", "0010,0010"),
            ("OtherPatientNames", "0010,1001"),
            ("PatientBirthName", "0010,1005"),
            ("PatientMotherBirthName", "0010,1060"),
            ("ReferringPhysicianName", "0008,0090"),
            ("ConsultingPhysicianName", "0008,009C"),
            ("PhysiciansOfRecord", "0008,1048"),
            ("PerformingPhysicianName", "0008,1050"),
            ("NameOfPhysiciansReadingStudy", "0008,1060"),
            ("OperatorsName", "0008,1070"),
            ("ResponsiblePerson", "0010,2297"),
            ("RequestingPhysician", "0032,1032"),
            ("ScheduledPerformingPhysicianName", "0040,0006"),
            ("NamesOfIntendedRecipientsOfResults", "0040,1010"),
            ("OrderEnteredBy", "0040,2008"),
            ("VerifyingObserverName", "0040,A075"),
            ("ContentCreatorName", "0070,0084"),
        )
    },
    **{
        keyword: ((tag[:4], tag[5:]), vr)
        for keyword, tag, vr in (
            ("InstanceCreationDate", "0008,0012", "DA"),
            ("StudyDate", "0008,0020", "DA"),
            ("SeriesDate", "0008,0021", "DA"),
            ("AcquisitionDate", "0008,0022", "DA"),
            ("ContentDate", "0008,0023", "DA"),
            ("AcquisitionDateTime", "0008,002A", "DT"),
            ("PatientBirthDate", "0010,0030", "DA"),
            ("PatientAge", "0010,1010", "AS"),
            ("ScheduledProcedureStepStartDate", "0040,0002", "DA"),
            ("PerformedProcedureStepStartDate", "0040,0244", "DA"),
        )
    },
    **{
        keyword: ((tag[:4], tag[5:]), "LO")
        for keyword, tag in (
            ("PatientID", "0010,0020"),
            ("OtherPatientIDs", "0010,1000"),
            ("MedicalRecordLocator", "0010,1090"),
            ("IssuerOfPatientID", "0010,0021"),
            ("PatientAddress", "0010,1040"),
            ("PatientTelephoneNumbers", "0010,2154"),
            ("InsurancePlanIdentification", "0010,1050"),
            ("ResponsibleOrganization", "0010,2299"),
            ("AccessionNumber", "0008,0050"),
            ("InstitutionName", "0008,0080"),
            ("InstitutionAddress", "0008,0081"),
            ("InstitutionalDepartmentName", "0008,1040"),
            ("ReferringPhysicianAddress", "0008,0092"),
            ("ReferringPhysicianTelephoneNumbers", "0008,0094"),
            ("StudyID", "0020,0010"),
            ("AdmissionID", "0038,0010"),
            ("CurrentPatientLocation", "0038,0300"),
            ("PatientInstitutionResidence", "0038,0400"),
            ("RequestedProcedureID", "0040,1001"),
            ("ScheduledProcedureStepID", "0040,0009"),
            ("PerformedProcedureStepID", "0040,0253"),
            ("PlacerOrderNumberImagingServiceRequest", "0040,2016"),
            ("FillerOrderNumberImagingServiceRequest", "0040,2017"),
            ("ScheduledStudyLocation", "0032,1020"),
            ("RequestingService", "0032,1033"),
            ("ScheduledProcedureStepLocation", "0040,0011"),
            ("PerformedLocation", "0040,0243"),
            ("VerifyingOrganization", "0040,A027"),
            ("DeviceSerialNumber", "0018,1000"),
            ("DetectorID", "0018,700A"),
        )
    },
}
_KEYWORD_ALT = "|".join(sorted(_KEYWORDS, key=len, reverse=True))
# "PatientName: A^B", "PatientName = A^B", '"PatientName": "A^B"' or '... [{"Alphabetic": ..}]',
# and Orthanc's '"Name" : "PatientName", "Type" : "String", "Value" : "A^B"'.
_KEYWORD_LINE = accelerated(
    re.compile(
        rf"""(?:"Name"\s*:\s*"(?P<kw2>{_KEYWORD_ALT})"\s*,\s*"Type"\s*:\s*"String"\s*,\s*"Value"\s*:\s*"""
        rf"""|\b(?P<kw>{_KEYWORD_ALT})\b["']?[ \t]*[:=][ \t]*)"""
        r"""(?:"(?P<dq>[^"\n]{0,200})"|'(?P<sq>[^'\n]{0,200})'|\[(?P<arr>[^\]]{0,400})\]"""
        r"""|(?P<bare>[^\s"'\[{][^\n|;]{0,200}?)"""
        r"""(?=[ \t]{2,}|[ \t]*[,|;\n]|[ \t]*$|[ \t]+[A-Za-z]\w*[ \t]*[:=]))""",
        re.M,
    )
)

# dcmdump / gdcmdump: "(0010,0010) PN [Value]"; dcm4che: "(0010,0010) PN #8 [Value]";
# pydicom: "(0010, 0010) Name   PN: 'Value'".
_TAG = r"\((?P<g>[0-9A-Fa-f]{4}),[ ]?(?P<e>[0-9A-Fa-f]{4})\)"
_LINE = re.compile(
    _TAG + r"[ \t]+(?:"
    r"(?P<vr1>[A-Z]{2})[ \t]+(?:#\d+[ \t]+)?\[(?P<v1>[^\]\n]*)\]"
    r"|[^\n]{0,80}?[ \t](?P<vr2>[A-Z]{2}):[ \t]+(?P<v2>'[^'\n]*'|\"[^\"\n]*\"|\[[^\]\n]*\])"
    r")"
)
# DICOM JSON (PS3.18 F.2): "00100010": {"vr": "PN", "Value": [{"Alphabetic": "A^B"}]}.
_JSON = re.compile(
    r'"(?P<g>[0-9A-Fa-f]{4})(?P<e>[0-9A-Fa-f]{4})"\s*:\s*\{\s*"vr"\s*:\s*"(?P<vr>[A-Z]{2})"\s*,'
    r'\s*"Value"\s*:\s*\[(?P<v>[^\[\]]{0,2000})\]'
)
_JSON_STRING = re.compile(r'"((?:[^"\\\n]|\\.){0,200})"')
_JSON_NAME = re.compile(r'"(?:Alphabetic|Ideographic|Phonetic)"\s*:\s*"([^"\\\n]{0,200})"')
# dcm2xml: <element tag="0010,0010" vr="PN" ...>A^B</element>; the native DICOM model
# (PS3.19): <DicomAttribute tag="00100010" vr="PN"> with <Value> or <PersonName> inside.
_XML = re.compile(
    r'<(?:element|DicomAttribute)\b[^>]{0,200}?\btag="(?P<g>[0-9A-Fa-f]{4}),?(?P<e>[0-9A-Fa-f]{4})"'
    r'[^>]{0,200}?\bvr="(?P<vr>[A-Z]{2})"[^>]{0,200}>'
)
_XML_VALUE = re.compile(r"<(Value|FamilyName|GivenName|MiddleName)\b[^>]{0,40}>([^<]{0,200})</\1>")
_CUES = (
    "(0008,", "(0010,", "(0020,", "(0040,", '"0008', '"0010', '"0020', '"0040', "Patient",
    "Physician", "StudyDate", "AccessionNumber", "InstitutionName", "OperatorsName",
)  # fmt: skip
_OVER_89 = re.compile(r"0*(\d{2,3})Y")
_DATE = re.compile(r"(?:1[89]|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])")
# Values that stand for no value.
_EMPTY = frozenset({"", "(no value available)", "unknown", "anonymous", "n/a", "none"})


def _parts(text: str, start: int, end: int, pydicom: bool) -> Iterator[tuple[int, int]]:
    """Each value of a multi-valued element, blanks and quotes trimmed."""
    raw = text[start:end]
    if pydicom and raw.startswith("["):  # ['A', 'B']
        for m in re.finditer(r"'([^'\n]*)'|\"([^\"\n]*)\"", raw):
            group = 1 if m.group(1) is not None else 2
            yield start + m.start(group), start + m.end(group)
        return
    if pydicom:  # 'A' or "A"
        start, end = start + 1, end - 1
    pos = start
    while pos <= end:
        cut = text.find("\\", pos, end)
        cut = end if cut < 0 else cut
        yield pos, cut
        pos = cut + 1


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _name_parts(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Family, given and middle components of a PN value (each of its =-separated groups)."""
    for group_start, group_end in _split(text, start, end, "="):
        for i, (a, b) in enumerate(_split(text, group_start, group_end, "^")):
            if i < 3:  # prefix (Dr) and suffix (Jr) are no one's name
                yield _trim(text, a, b)


def _split(text: str, start: int, end: int, sep: str) -> Iterator[tuple[int, int]]:
    pos = start
    while pos <= end:
        cut = text.find(sep, pos, end)
        cut = end if cut < 0 else cut
        yield pos, cut
        pos = cut + 1


class DicomDumpRecognizer(LocalRecognizer):
    """Names, dates, identifiers, places and ages over 89 of a DICOM header dump's lines."""

    def __init__(self) -> None:
        kinds = set(_TAGS.values()) | {Entity.PERSON, Entity.DATE_TIME, Entity.AGE}
        super().__init__("AuditorDicomDumpRecognizer", sorted(k.value for k in kinds))

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        if not any(cue in text for cue in _CUES):
            return []
        out = []
        for tag, vr, a, b in _values(text):
            a, b = _trim(text, a, b)
            if text[a:b].lower() in _EMPTY:
                continue
            for kind, (s, e) in _phi(text, tag, vr, a, b):
                if s < e:
                    out.append(make_result(self, kind, s, e, SCORE))
        return out


def _values(text: str) -> Iterator[tuple[tuple[str, str], str, int, int]]:
    """(tag, VR, start, end) of every value of every attribute, in any of the dump formats."""
    for m in _LINE.finditer(text):
        pydicom = m.group("vr1") is None
        vr = m.group("vr2") if pydicom else m.group("vr1")
        value = "v2" if pydicom else "v1"
        tag = (m.group("g").upper(), m.group("e").upper())
        for a, b in _parts(text, m.start(value), m.end(value), pydicom):
            yield tag, vr, a, b
    for m in _KEYWORD_LINE.finditer(text):
        tag, vr = _KEYWORDS[m.group("kw") or m.group("kw2")]
        if m.group("arr") is not None:  # ["A", "B"] or [{"Alphabetic": "A^B"}]
            strings = _JSON_NAME if vr == "PN" and "{" in m.group("arr") else _JSON_STRING
            for v in strings.finditer(text, m.start("arr"), m.end("arr")):
                yield tag, vr, v.start(1), v.end(1)
            continue
        group = next(g for g in ("dq", "sq", "bare") if m.group(g) is not None)
        for a, b in _split(text, m.start(group), m.end(group), "\\"):
            yield tag, vr, a, b
    if '"vr"' in text:
        for m in _JSON.finditer(text):
            tag, vr = (m.group("g").upper(), m.group("e").upper()), m.group("vr")
            strings = _JSON_NAME if vr == "PN" else _JSON_STRING
            for s in strings.finditer(text, m.start("v"), m.end("v")):
                yield tag, vr, s.start(1), s.end(1)
    if 'vr="' in text:
        for m in _XML.finditer(text):
            tag, vr = (m.group("g").upper(), m.group("e").upper()), m.group("vr")
            close = text.find("</", m.end(), m.end() + 4000)
            close = m.end() + 4000 if close < 0 else close
            if text.startswith("</element", close):  # dcm2xml: the value is the text
                for a, b in _split(text, m.end(), close, "\\"):
                    yield tag, vr, a, b
                continue
            nested = text.find("<DicomAttribute", m.end(), m.end() + 4000)
            end = nested if nested >= 0 else m.end() + 4000
            end = text.find("</DicomAttribute", m.end(), end) if vr != "SQ" else m.end()
            for v in _XML_VALUE.finditer(text, m.end(), max(end, m.end())):
                yield tag, vr, v.start(2), v.end(2)


def _phi(
    text: str, tag: tuple[str, str], vr: str, a: int, b: int
) -> Iterator[tuple[Entity, tuple[int, int]]]:
    """(kind, span) of the PHI in one value of an attribute."""
    value = text[a:b]
    if vr == "PN":
        for s, e in _name_parts(text, a, b):
            if any(c.isalpha() for c in text[s:e]):
                yield Entity.PERSON, (s, e)
    elif vr in ("DA", "DT"):
        for m in _DATE.finditer(value):  # a DA range "20260101-20260131" holds two
            yield Entity.DATE_TIME, (a + m.start(), a + m.end())
    elif vr == "AS":
        age = _OVER_89.fullmatch(value)
        if age and int(age.group(1)) > 89:
            yield Entity.AGE, (a, b)
    elif tag in _TAGS and any(c.isalnum() for c in value):
        if tag in _UNITS and _generic_unit(value):
            return
        yield _TAGS[tag], (a, b)


def _generic_unit(value: str) -> bool:
    """A department or location named only by its kind ("RADIOLOGY", "CT"), which locates no
    one: any other word or a digit ("Elmwood Ward", "Sala 2B") names a place that does."""
    words = re.findall(r"\w+", value.lower())
    return not any(c.isdigit() for c in value) and all(w in _GENERIC_UNIT_WORDS for w in words)

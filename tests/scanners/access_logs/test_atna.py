"""IHE ATNA / DICOM audit messages: both spellings, bare XML and RFC 5424 syslog framing."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.scanners.access_logs import atna
from auditor.scanners.access_logs.event import AccessEvent, Rejected

RFC3881 = """<?xml version="1.0" encoding="UTF-8"?>
<AuditMessage>
  <EventIdentification EventDateTime="2024-03-04T10:00:00.250-06:00"
      EventOutcomeIndicator="0" EventActionCode="R">
    <EventID code="110110" codeSystemName="DCM" displayName="Patient Record"/>
  </EventIdentification>
  <ActiveParticipant UserID="10.0.0.7" UserIsRequestor="true"
      NetworkAccessPointTypeCode="2" NetworkAccessPointID="10.0.0.7">
    <RoleIDCode code="110153" codeSystemName="DCM" displayName="Source"/>
  </ActiveParticipant>
  <ActiveParticipant UserID="U0042" UserIsRequestor="true"/>
  <AuditSourceIdentification AuditSourceID="ehr"/>
  <ParticipantObjectIdentification
      ParticipantObjectID="P77^^^&amp;1.2.3&amp;ISO"
          ParticipantObjectTypeCode="1" ParticipantObjectTypeCodeRole="1">
    <ParticipantObjectIDTypeCode code="2" displayName="PatientNumber" codeSystemName="RFC-3881"/>
  </ParticipantObjectIdentification>
  <ParticipantObjectIdentification ParticipantObjectID="doc-1"
      ParticipantObjectTypeCode="2" ParticipantObjectTypeCodeRole="3">
    <ParticipantObjectIDTypeCode code="9" displayName="Report Number"/>
  </ParticipantObjectIdentification>
</AuditMessage>"""

DICOM = """<?xml version="1.0" encoding="UTF-8"?>
<AuditMessage>
   <EventIdentification EventDateTime="2024-03-04T11:00:00Z"
       EventOutcomeIndicator="0" EventActionCode="R">
      <EventID csd-code="110103" codeSystemName="DCM" originalText="DICOM Instances Accessed"/>
      <PurposeOfUse csd-code="BTG" codeSystemName="v3-ActReason" originalText="Break the glass"/>
      <EventOutcomeDescription>n/a</EventOutcomeDescription>
   </EventIdentification>
   <ActiveParticipant UserID="U0099" UserIsRequestor="true"
       NetworkAccessPointTypeCode="1" NetworkAccessPointID="rad-ws-3">
      <RoleIDCode csd-code="110152" codeSystemName="DCM" originalText="Destination"/>
   </ActiveParticipant>
   <AuditSourceIdentification code="1" AuditSourceID="pacs"/>
   <ParticipantObjectIdentification ParticipantObjectID="P88"
       ParticipantObjectTypeCode="1" ParticipantObjectTypeCodeRole="1"/>
   <ParticipantObjectIdentification ParticipantObjectID="1.2.840.1"
       ParticipantObjectTypeCode="2" ParticipantObjectTypeCodeRole="3">
      <ParticipantObjectIDTypeCode csd-code="110180" originalText="Study Instance UID"/>
   </ParticipantObjectIdentification>
</AuditMessage>"""

LOGIN = """<AuditMessage><EventIdentification
    EventDateTime="2024-03-04T09:00:00Z" EventActionCode="E">
<EventID csd-code="110114" originalText="UserAuthenticated"/></EventIdentification>
<ActiveParticipant UserID="U0001" UserIsRequestor="true"/></AuditMessage>"""


def _syslog(xml: str, app: str = "IHE+RFC-3881") -> str:
    return f"<85>1 2024-03-04T10:00:00.300-06:00 ehr-host ehr 521 {app} - {xml}"


def _records(tmp_path: Path, text: str) -> list[AccessEvent | Rejected]:
    path = tmp_path / "audit.log"
    path.write_text(text, encoding="utf-8")
    return list(atna.iter_records(path, 0))


def test_rfc3881_spelling_inside_multiline_syslog(tmp_path: Path) -> None:
    (event,) = _records(tmp_path, _syslog(RFC3881) + "\n")
    assert isinstance(event, AccessEvent)
    assert (event.user_id, event.patient_id) == ("U0042", "P77")  # the person, not the machine
    assert (event.action, event.record_type, event.workstation) == ("view", "note", "10.0.0.7")
    assert event.timestamp.isoformat() == "2024-03-04T16:00:00.250000+00:00"
    assert event.line == 1 and event.event_id.startswith("atna-")


def test_dicom_spelling_with_break_glass(tmp_path: Path) -> None:
    (event,) = _records(tmp_path, _syslog(DICOM, "IHE+DICOM") + "\n")
    assert isinstance(event, AccessEvent)
    assert (event.user_id, event.patient_id, event.record_type) == ("U0099", "P88", "imaging")
    assert event.break_glass and event.reason == "n/a"


def test_bare_xml_and_several_messages_per_file(tmp_path: Path) -> None:
    text = RFC3881 + "\n" + _syslog(DICOM) + "\n" + "\ufeff"[:0] + RFC3881 + "\n"
    records = _records(tmp_path, text)
    assert [type(r).__name__ for r in records] == ["AccessEvent"] * 3
    lines = [r.line for r in records]
    assert lines[0] == 1 and lines[1] > lines[0] and lines[2] > lines[1]
    assert records[0].event_id == records[2].event_id  # same message, same id (idempotent)


def test_octet_counted_framing(tmp_path: Path) -> None:
    msg = _syslog(DICOM)
    (event,) = _records(tmp_path, f"{len(msg.encode())} {msg}\n")
    assert isinstance(event, AccessEvent) and event.patient_id == "P88"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (_syslog(LOGIN) + "\n", "missing patient id"),
        ("just some noise\n", "no audit message on line"),
        ("<!DOCTYPE x [<!ENTITY a 'b'>]>\n" + RFC3881 + "\n", "no audit message on line"),
        (_syslog(RFC3881.replace("</AuditMessage>", "")) + "\n", "truncated audit message"),
        (_syslog(RFC3881.replace("<ActiveParticipant UserID", "<Active UserID", 1)), "invalid XML"),
        (_syslog(RFC3881.replace("-06:00", "")), "bad timestamp"),
    ],
)
def test_bad_messages_are_rejected(tmp_path: Path, text: str, reason: str) -> None:
    records = _records(tmp_path, text)
    rejected = [r for r in records if isinstance(r, Rejected)]
    assert rejected and rejected[0].reason.startswith(reason)


def test_entity_declarations_are_refused(tmp_path: Path) -> None:
    xml = RFC3881.replace(
        "<AuditMessage>", "<!DOCTYPE AuditMessage [<!ENTITY x 'y'>]>\n<AuditMessage>"
    )
    records = _records(tmp_path, _syslog(xml) + "\n")
    assert isinstance(records[0], Rejected)
    assert records[0].reason == "DTD not allowed in audit message"


def test_resume_from_offset(tmp_path: Path) -> None:
    path = tmp_path / "audit.log"
    path.write_text(_syslog(RFC3881) + "\n" + _syslog(DICOM) + "\n")
    first = list(atna.iter_records(path, 0))
    resumed = list(atna.iter_records(path, first[0].end_offset))
    assert len(resumed) == 1 and isinstance(resumed[0], AccessEvent)
    assert resumed[0].patient_id == "P88" and resumed[0].line == first[1].line

"""IHE ATNA audit messages: RFC 3881 and DICOM PS3.15 A.5 spellings, bare or in syslog.

The two schemas spell coded values differently (RFC 3881 ``code``/``displayName``, DICOM
``csd-code``/``originalText``); both are read. A message may follow an RFC 5424 header
(``<85>1 2013-10-17T15:12:04Z host app pid msgid - <?xml ...``, optionally octet-counted)
and may span several lines; messages are cut at ``</AuditMessage>`` so memory stays bounded
by the size of one message.
"""

from __future__ import annotations

import hashlib
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

from auditor.scanners.access_logs.event import (
    AccessEvent,
    BadValue,
    Rejected,
    make_event,
    parse_timestamp,
)
from auditor.scanners.formats.csv_records import count_lines, iter_lines

name = "atna"

SYSLOG_HEADER = re.compile(rb"^(\d+ )?<\d{1,3}>1 ")
MESSAGE_START = re.compile(rb"<(\?xml|AuditMessage)")
MESSAGE_END = b"</AuditMessage>"
MAX_MESSAGE = 1 << 20

ACTION_CODES = {"C": "create", "R": "view", "U": "update", "D": "delete", "E": "query"}
EVENT_ACTIONS = {
    "110106": "export",
    "110107": "create",  # Import
    "110112": "query",
    "110114": "login",
    "110122": "login",
    "110110": "",  # Patient Record: use EventActionCode
    "110103": "view",  # DICOM Instances Accessed
}
# ParticipantObjectTypeCodeRole -> record type (RFC 3881 5.5.2).
ROLE_RECORD_TYPES = {"3": "note", "9": "insurance", "10": "billing", "18": "scheduling"}
MACHINE_ROLES = {"110150", "110151", "110152", "110153", "110154", "110155"}


def sniff(head: str) -> bool:
    return "<AuditMessage" in head


def iter_records(path: Path, start_offset: int = 0) -> Iterator[AccessEvent | Rejected]:
    label = str(path)
    buf: list[bytes] = []
    buf_line = 0
    head = b""  # what precedes the message on its first line (a syslog header)
    offset = 0
    with path.open("rb") as fh:
        if start_offset:
            fh.seek(start_offset)
            offset = start_offset
        line_no = 0 if not start_offset else _count_lines(path, start_offset)
        for raw in iter_lines(fh):  # CRLF, LF or a lone CR: physical lines as in CSV
            line_no += 1
            offset += len(raw)
            if line_no == 1:
                raw = raw.removeprefix(b"\xef\xbb\xbf")
            if not buf:
                if not raw.strip():
                    continue
                start = _message_start(raw)
                if start is None:
                    yield Rejected(
                        line=line_no,
                        reason="no audit message on line",
                        raw=raw.decode("utf-8", "replace").rstrip("\r\n"),
                        end_offset=offset,
                    )
                    continue
                buf, buf_line, head = [raw[start:]], line_no, raw[:start]
            else:
                buf.append(raw)
            if MESSAGE_END in raw:
                yield _convert(b"".join(buf), label, buf_line, offset, head)
                buf = []
            elif sum(len(b) for b in buf) > MAX_MESSAGE:
                yield Rejected(line=buf_line, reason="audit message too large", end_offset=offset)
                buf = []
    if buf:
        yield Rejected(line=buf_line, reason="truncated audit message", end_offset=offset)


def _count_lines(path: Path, upto: int) -> int:
    """Line breaks before ``upto`` (a checkpoint sits at a line's start), counted as CSV does."""
    with path.open("rb") as fh:
        return count_lines(fh, 0, upto) if upto else 0


def _message_start(raw: bytes) -> int | None:
    match = MESSAGE_START.search(raw)
    if match is None:
        return None
    if match.start() > 0 and not SYSLOG_HEADER.match(raw):
        return None
    return match.start()


def _convert(
    blob: bytes, label: str, line: int, end_offset: int, head: bytes = b""
) -> AccessEvent | Rejected:
    text = blob.decode("utf-8", errors="replace")
    # A quarantined message keeps its lines as they stand in the file (header included).
    raw = (head + blob).decode("utf-8", errors="replace").rstrip("\r\n")
    if "<!DOCTYPE" in text or "<!ENTITY" in text:
        return Rejected(line=line, reason="DTD not allowed in audit message", end_offset=end_offset)
    end = text.find("</AuditMessage>") + len("</AuditMessage>")
    try:
        root = ET.fromstring(text[:end].encode("utf-8"))
    except ET.ParseError:
        return Rejected(line=line, reason="invalid XML", raw=raw, end_offset=end_offset)
    _strip_namespaces(root)
    try:
        return _to_event(root, text[:end], f"{label}:{line}", line, end_offset)
    except BadValue as exc:
        return Rejected(
            line=line, reason=exc.reason, raw=raw, field=exc.field, end_offset=end_offset
        )


def _strip_namespaces(root: ET.Element) -> None:
    for el in root.iter():
        if "}" in el.tag:
            el.tag = el.tag.split("}", 1)[1]


def _code(el: ET.Element | None) -> tuple[str, str]:
    """(code, display) in either spelling."""
    if el is None:
        return "", ""
    code = el.get("csd-code") or el.get("code") or ""
    display = el.get("originalText") or el.get("displayName") or ""
    return code, display


def _to_event(root: ET.Element, xml_text: str, source: str, line: int, end: int) -> AccessEvent:
    ident = root.find("EventIdentification")
    if ident is None:
        raise BadValue("EventIdentification", "missing element")
    timestamp = parse_timestamp(ident.get("EventDateTime"), "EventDateTime")
    event_code, _ = _code(ident.find("EventID"))
    action = EVENT_ACTIONS.get(event_code) or ACTION_CODES.get(
        (ident.get("EventActionCode") or "R").upper(), "view"
    )
    participants = root.findall("ActiveParticipant")
    requestors = [p for p in participants if (p.get("UserIsRequestor") or "").lower() == "true"]
    human = [p for p in requestors if _code(p.find("RoleIDCode"))[0] not in MACHINE_ROLES]
    chosen = human or requestors
    user = chosen[0] if chosen else None
    workstation = next(
        (p.get("NetworkAccessPointID") or "" for p in requestors if p.get("NetworkAccessPointID")),
        "",
    )
    objects = root.findall("ParticipantObjectIdentification")
    patient = next(
        (
            o
            for o in objects
            if o.get("ParticipantObjectTypeCode") == "1"
            and o.get("ParticipantObjectTypeCodeRole") == "1"
        ),
        None,
    )
    patient_id = (
        (patient.get("ParticipantObjectID") or "").split("^", 1)[0] if patient is not None else ""
    )
    record_type = _record_type([o for o in objects if o is not patient], patient is not None)
    btg, reason = False, (ident.findtext("EventOutcomeDescription") or "").strip()
    for purpose in ident.findall("PurposeOfUse"):
        if _code(purpose)[0].upper() == "BTG":
            btg = True
    digest = hashlib.sha256(xml_text.encode("utf-8")).hexdigest()[:24]
    return make_event(
        event_id=f"atna-{digest}",
        timestamp=timestamp,
        user_id=user.get("UserID") if user is not None else "",
        patient_id=patient_id,
        action=action,
        record_type=record_type,
        workstation=workstation,
        break_glass=btg,
        reason=reason,
        source=source,
        line=line,
        end_offset=end,
    )


def _record_type(objects: list[ET.Element], has_patient: bool) -> str:
    for obj in objects:
        role = obj.get("ParticipantObjectTypeCodeRole") or ""
        code, display = _code(obj.find("ParticipantObjectIDTypeCode"))
        if code in {"110180", "110181"}:  # Study Instance UID, SOP Class UID
            return "imaging"
        if role in ROLE_RECORD_TYPES:
            return ROLE_RECORD_TYPES[role]
        if display and role != "24":
            return display.strip().lower()
    return "demographics" if has_patient else ""

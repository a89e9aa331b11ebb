"""HL7 v2 messages: the same segments, fields, repetitions and components; values replaced.

Segments, separators (from each MSH: a feed that uses ``#`` or ``!`` works too) and escapes
come from ``scanners.formats.hl7``, the tokenizer the document scanner reads with. Fields whose
datatype is known (PID-5 XPN, PID-11 XAD, PID-13 XTN, PID-3 CX, ...) get typed operators;
timestamps anywhere are shifted per patient (PID-3) and stay valid DTM; free text (NTE-3,
OBX-5 of type TX/ST/FT) and other text-like components go to the PHI engine, unescaped
before and escaped after. A message is buffered whole (messages are small); files stream.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from auditor.deid.formats.base import FileContext, atomic_output, output_encoding
from auditor.deid.profiles import Operator
from auditor.errors import InputError
from auditor.phi.entities import Entity
from auditor.scanners.documents.encoding import detect_encoding, iter_decoded
from auditor.scanners.formats.hl7 import SEGMENT_ID, Separators, iter_lines

XPN, XCN, CX, XAD, XTN, DOB, SSN, ID, TEXT, XON, CITY = (
    "XPN", "XCN", "CX", "XAD", "XTN", "DOB", "SSN", "ID", "TEXT", "XON", "CITY",
)  # fmt: skip
# (segment, field number) -> datatype handled here. Field numbers as in the standard.
FIELDS: dict[tuple[str, int], str] = {
    ("MSH", 10): ID,
    ("PID", 2): CX, ("PID", 3): CX, ("PID", 4): CX, ("PID", 5): XPN, ("PID", 6): XPN,
    ("PID", 7): DOB, ("PID", 9): XPN, ("PID", 11): XAD, ("PID", 12): ID, ("PID", 13): XTN,
    ("PID", 14): XTN, ("PID", 18): CX, ("PID", 19): SSN, ("PID", 20): CX, ("PID", 21): CX,
    ("PID", 23): CITY,
    ("PD1", 3): XON, ("PD1", 4): XCN,
    ("NK1", 2): XPN, ("NK1", 4): XAD, ("NK1", 5): XTN, ("NK1", 6): XTN, ("NK1", 12): CX,
    ("NK1", 13): XON, ("NK1", 16): DOB, ("NK1", 30): XPN, ("NK1", 31): XTN, ("NK1", 32): XAD,
    ("NK1", 33): CX, ("NK1", 37): SSN,
    ("GT1", 2): CX, ("GT1", 3): XPN, ("GT1", 4): XPN, ("GT1", 5): XAD, ("GT1", 6): XTN,
    ("GT1", 7): XTN, ("GT1", 8): DOB, ("GT1", 12): SSN, ("GT1", 16): XPN, ("GT1", 17): XAD,
    ("GT1", 18): XTN, ("GT1", 19): CX, ("GT1", 21): XON,
    ("IN1", 16): XPN, ("IN1", 18): DOB, ("IN1", 19): XAD, ("IN1", 36): ID, ("IN1", 49): CX,
    ("IN2", 1): CX, ("IN2", 2): SSN,
    ("PV1", 7): XCN, ("PV1", 8): XCN, ("PV1", 9): XCN, ("PV1", 17): XCN, ("PV1", 19): CX,
    ("PV1", 50): CX, ("PV1", 52): XCN,
    ("MRG", 1): CX, ("MRG", 2): CX, ("MRG", 3): CX, ("MRG", 5): CX, ("MRG", 7): XPN,
    ("EVN", 5): XCN, ("ORC", 2): CX, ("ORC", 3): CX, ("ORC", 10): XCN, ("ORC", 11): XCN,
    ("ORC", 12): XCN, ("OBR", 2): CX, ("OBR", 3): CX, ("OBR", 16): XCN, ("OBR", 28): XCN,
    ("OBX", 16): XCN, ("NTE", 3): TEXT, ("AIP", 3): XCN, ("SCH", 1): CX, ("SCH", 2): CX,
    ("TXA", 5): XCN, ("TXA", 9): XCN, ("TXA", 12): CX,
    ("ROL", 4): XCN, ("ROL", 11): XAD, ("ROL", 12): XTN, ("PRT", 5): XCN, ("PRT", 14): XAD,
    ("PRT", 15): XTN, ("PV2", 13): XCN, ("ORC", 21): XON, ("ORC", 22): XAD, ("ORC", 23): XTN,
    ("ORC", 24): XAD, ("OBR", 10): XCN, ("OBR", 32): XCN, ("OBR", 33): XCN, ("OBR", 34): XCN,
    ("OBR", 35): XCN, ("IN1", 3): CX, ("IN1", 4): XON, ("IN1", 5): XAD, ("IN1", 6): XPN,
    ("IN1", 7): XTN, ("IN1", 11): XON, ("IN1", 44): XAD, ("IN2", 8): CX, ("STF", 2): CX,
    ("STF", 3): XPN, ("STF", 10): XTN, ("STF", 11): XAD, ("CON", 24): XPN, ("CON", 26): XPN,
    ("ACC", 3): TEXT, ("DG1", 16): XCN, ("PR1", 11): XCN, ("PR1", 12): XCN, ("RXE", 13): XCN,
    ("RXO", 14): XCN, ("SPM", 2): CX, ("SPM", 3): CX, ("IN2", 6): ID, ("IN2", 7): XPN,
}  # fmt: skip
# Address (XAD) and telecom (XTN) component number -> the entity it holds.
_COMPONENT_ENTITY: dict[str, dict[int, Entity]] = {
    XAD: {1: Entity.STREET_ADDRESS, 2: Entity.STREET_ADDRESS, 3: Entity.LOCATION,
          5: Entity.ZIP_CODE, 8: Entity.LOCATION, 9: Entity.LOCATION},
    XTN: {1: Entity.PHONE_NUMBER, 4: Entity.EMAIL_ADDRESS, 6: Entity.PHONE_NUMBER,
          7: Entity.PHONE_NUMBER, 8: Entity.PHONE_NUMBER, 12: Entity.PHONE_NUMBER},
}  # fmt: skip
# Coded fields: never guessed to be a person, whatever their components look like.
CODED = {("OBX", 3), ("OBX", 5), ("OBX", 6), ("OBR", 4), ("DG1", 3), ("PR1", 3), ("AL1", 3),
         ("RXE", 2), ("RXO", 1), ("RXA", 5), ("ORC", 16), ("PV2", 3), ("MSH", 9)}  # fmt: skip
_TEXT_TYPES = {"TX", "ST", "FT", "CF"}
# Fields the MSH segment defines, by version (MSH-12); more means segments ran together.
MSH_FIELDS = {"2.1": 19, "2.2": 19, "2.3": 19, "2.3.1": 19, "2.4": 21, "2.5": 21,
              "2.5.1": 21, "2.6": 25, "2.7": 25, "2.7.1": 25, "2.8": 25, "2.8.1": 25,
              "2.8.2": 25, "2.9": 28}  # fmt: skip
MSH_FIELDS_MAX = max(MSH_FIELDS.values())
MAX_SEGMENT_CHARS = 1 << 20
MAX_COMPONENTS = 10_000
_KNOWN_SEGMENTS = {seg for seg, _ in FIELDS} | {seg for seg, _ in CODED} | {
    "MSH", "EVN", "PID", "PD1", "PV1", "PV2", "NK1", "OBR", "OBX", "ORC", "NTE", "AL1", "DG1",
    "PR1", "GT1", "IN1", "IN2", "IN3", "MRG", "SCH", "TXA", "ROL", "PRT", "SPM", "RXE", "RXO",
    "RXA", "RXR", "ACC", "CON", "STF", "AIP", "AIG", "AIL", "AIS", "RGS", "FT1", "MSA", "ERR",
    "QRD", "QRF", "QPD", "RCP", "DSP", "TQ1", "TQ2", "CTI", "SFT", "UAC", "ARV", "DB1", "DRG",
    "UB1", "UB2", "ZPD", "BHS", "BTS", "FHS", "FTS", "MFI", "MFE", "ORG", "LAN", "EDU", "PRA",
}  # fmt: skip
_VERSION = re.compile(r"\d\.\d(?:\.\d)?")
_DTM = re.compile(r"\d{8}(\d{2}(\d{2}(\d{2}(\.\d{1,4})?)?)?)?([+-]\d{4})?")


class _Message:
    """One message's segments, rewritten in place; the patient comes from PID-3 (or PID-2)."""

    def __init__(self, segments: list[str], fc: FileContext) -> None:
        self.fc = fc
        self.enc = _separators(segments[0]) if segments else Separators()
        self.segments = segments
        self.slots: list[tuple[int, int, int, int, int, str]] = []
        self.fields = [self._split(s) for s in segments]
        self.patient = self._patient()

    def _split(self, segment: str) -> list[list[list[list[str]]]]:
        e = self.enc
        parts = segment.split(e.field)
        out = []
        for n, field in enumerate(parts):
            if parts[0] == "MSH" and n == 1:
                out.append([[[field]]])  # MSH-2 holds the encoding characters themselves
                continue
            out.append(
                [
                    [c.split(e.subcomponent) for c in r.split(e.component)]
                    for r in field.split(e.repetition)
                ]
            )
        return out

    def _patient(self) -> str:
        for fields in self.fields:
            if fields and fields[0][0][0][0] == "PID":
                for n in (3, 2, 4):
                    if n < len(fields) and fields[n][0][0][0].strip():
                        return self.enc.unescape(fields[n][0][0][0])
        return self.fc.source

    def _field_number(self, seg: str, index: int) -> int:
        return index + 1 if seg == "MSH" else index

    def run(self) -> list[str]:
        for s, fields in enumerate(self.fields):
            seg = fields[0][0][0][0] if fields else ""
            if not SEGMENT_ID.fullmatch(seg):
                continue
            obx_type = fields[2][0][0][0] if seg == "OBX" and len(fields) > 2 else ""
            for f in range(1, len(fields)):
                if seg == "MSH" and f == 1:
                    continue
                number = self._field_number(seg, f)
                kind = FIELDS.get((seg, number))
                if seg == "OBX" and number == 5 and obx_type in _TEXT_TYPES:
                    kind = TEXT
                if kind is None and seg != "MSH" and (seg, number) not in CODED:
                    # A person in a field we do not map: id^Family^Given or Family^Given^M.
                    if any(_looks_like_xcn(r) for r in fields[f]):
                        kind = XCN
                    elif any(_looks_like_xpn(r) for r in fields[f]):
                        kind = XPN
                for r, rep in enumerate(fields[f]):
                    for c, comp in enumerate(rep):
                        for sc, value in enumerate(comp):
                            if value:
                                self._value(s, f, r, c, sc, value, kind, seg)
        self._analyse()
        e = self.enc
        out = []
        for seg, fields in zip(self.segments, self.fields, strict=True):
            if not fields or not SEGMENT_ID.fullmatch(fields[0][0][0][0]):
                out.append(seg)
                continue
            rendered = []
            for f, field in enumerate(fields):
                if fields[0][0][0][0] == "MSH" and f == 1:
                    rendered.append(field[0][0][0])
                    continue
                rendered.append(
                    e.repetition.join(
                        e.component.join(e.subcomponent.join(comp) for comp in rep) for rep in field
                    )
                )
            out.append(e.field.join(rendered))
        return out

    def _set(self, s: int, f: int, r: int, c: int, sc: int, value: str) -> None:
        self.fields[s][f][r][c][sc] = value

    def _value(
        self, s: int, f: int, r: int, c: int, sc: int, raw: str, kind: str | None, seg: str
    ) -> None:
        deid, p, e = self.fc.deid, self.patient, self.enc
        value = e.unescape(raw)
        comp = c + 1  # HL7 component numbers are 1-based
        entity: Entity | None = None
        if _DTM.fullmatch(value) and not (kind in (CX, SSN, ID, XTN) and comp == 1):
            self._set(s, f, r, c, sc, e.escape_text(self._date(value, birth=kind == DOB)))
            return
        if kind in (XPN, XCN):
            name_comps = (1, 2, 3) if kind == XPN else (2, 3, 4)
            if comp in name_comps:
                entity = Entity.PERSON
            elif kind == XCN and comp == 1:
                entity = Entity.ID_NUMBER
        elif (kind == CX and comp == 1) or (kind == ID and comp == 1):
            entity = Entity.ID_NUMBER
        elif kind == SSN and comp == 1:
            entity = Entity.US_SSN
        elif kind in (XAD, XTN):
            entity = _COMPONENT_ENTITY[kind].get(comp)
            if kind == XAD and comp == 1 and sc > 0:
                entity = Entity.STREET_ADDRESS
        elif kind == XON and comp == 1:
            entity = Entity.ORGANIZATION
        elif kind == CITY and comp == 1:
            entity = Entity.LOCATION
        if entity is not None:
            new = deid.replace(entity.value, value, patient=p)
            self._set(s, f, r, c, sc, e.escape_text(new))
        elif kind == TEXT or (seg != "MSH" and _text_like(value)):
            self.slots.append((s, f, r, c, sc, value))

    def _date(self, value: str, *, birth: bool) -> str:
        deid = self.fc.deid
        if birth and deid.over_89(value):
            deid.ledger.add(Entity.DATE_TIME.value, "drop_year", "")
            return ""  # DTM cannot lose its year: the component is emptied
        op = self.fc.profile.operator_for(Entity.DATE_TIME.value)
        if op is Operator.YEAR:
            deid.ledger.add(Entity.DATE_TIME.value, "year", value[:4])
            return value[:4]
        if op is Operator.SHIFT:
            return deid.replace(Entity.DATE_TIME.value, value, patient=self.patient)
        if op is Operator.KEEP:
            return value
        deid.ledger.add(Entity.DATE_TIME.value, op.value, "")
        return ""

    def _analyse(self) -> None:
        if not self.slots:
            return
        texts = self.fc.analyse([v for *_, v in self.slots], [self.patient] * len(self.slots))
        for (s, f, r, c, sc, _), text in zip(self.slots, texts, strict=True):
            self._set(s, f, r, c, sc, self.enc.escape_text(text))


_NAME_WORD = re.compile(r"[A-Z][A-Za-z'\-]+")


def _name_word(value: str) -> bool:
    """``Smith``, ``SMITH``, ``O'Neil``: capitalised; an all-caps word needs 3+ letters."""
    return bool(_NAME_WORD.fullmatch(value)) and (not value.isupper() or len(value) >= 3)


def _looks_like_xcn(rep: list[list[str]]) -> bool:
    """``id^Family^Given^...``: an identifier (or nothing), then two name-like words."""
    if len(rep) < 3:
        return False
    first, family, given = rep[0][0], rep[1][0], rep[2][0]
    return (
        (not first or any(ch.isdigit() for ch in first))
        and _name_word(family)
        and (_name_word(given))
    )


def _looks_like_xpn(rep: list[list[str]]) -> bool:
    """``Family^Given^M^...``: two name-like words, then an initial, a name or nothing."""
    if len(rep) < 3:
        return False
    family, given, middle = rep[0][0], rep[1][0], rep[2][0]
    return (
        _name_word(family)
        and _name_word(given)
        and (not middle or len(middle) == 1 or _name_word(middle))
    )


def _text_like(value: str) -> bool:
    """Words, not codes: two letters-words or a capitalised word (``Ann Arbor``, ``Smith``)."""
    words = re.findall(r"[A-Za-z][A-Za-z'.-]+", value)
    return len(words) >= 2 or (
        len(words) == 1 and value.strip()[:1].isupper() and not value.isupper() and len(value) > 2
    )


def _separators(segment: str) -> Separators:
    """The message's separators; the defaults when it does not start with a usable MSH."""
    if not segment.startswith("MSH"):
        return Separators()
    return Separators.from_header(segment) or Separators()


def check_segments(segments: list[str], where: str) -> None:
    """Refuse a message the model cannot read whole: one we would certify half-read.

    Segments not separated by CR/LF read as one long MSH (only its fields get transformed);
    a segment id glued to the value before it (``2.5 PID|``, ``2.5PID|``) or an MSH with more
    fields than its version defines is that case. Oversized segments and component runs are
    refused before they are split (memory).
    """
    if not segments:
        return
    enc = _separators(segments[0].lstrip("\x0b"))
    seps = re.escape(enc.field + enc.component + enc.repetition + enc.subcomponent + enc.escape)
    glued = re.compile(rf"(?<=[^{seps}\r\n])\s*[A-Z][A-Z0-9]{{2}}{re.escape(enc.field)}")
    for n, seg in enumerate(segments, start=1):
        seg = seg.lstrip("\x0b")
        if len(seg) > MAX_SEGMENT_CHARS:
            raise InputError(
                f"HL7 segment {n} longer than {MAX_SEGMENT_CHARS:,} characters", file=where
            )
        if seg.count(enc.component) + seg.count(enc.subcomponent) > MAX_COMPONENTS:
            raise InputError(
                f"HL7 segment {n} has more than {MAX_COMPONENTS:,} components", file=where
            )
        if not SEGMENT_ID.fullmatch(seg[:3]):
            continue
        body = seg[4:] if not seg.startswith("MSH") else seg[9:]
        for m in glued.finditer(body):
            word = m.group(0).strip()[:3]
            if word in _KNOWN_SEGMENTS or word.startswith("Z"):
                raise InputError(
                    f"HL7 segment {n} ({seg[:3]}) holds a {word} segment id mid-segment: "
                    "segments are not separated by CR/LF",
                    file=where,
                )
        if seg.startswith("MSH"):
            fields = seg.rstrip(enc.field + " ").split(enc.field)  # padding is not a field
            version = fields[11].split(enc.component)[0].strip() if len(fields) > 11 else ""
            limit = MSH_FIELDS.get(version, MSH_FIELDS_MAX)
            if len(fields) > limit or (version and not _VERSION.fullmatch(version)):
                raise InputError(
                    f"HL7 MSH has {len(fields)} fields (version {version[:10]!r} defines "
                    f"{limit}): segments are not separated by CR/LF",
                    file=where,
                )


def messages(path: Path, encoding: str) -> Iterator[tuple[list[str], list[str], str]]:
    """(segments, line ending after each segment, leading text) per message, streamed."""
    segs: list[str] = []
    seps: list[str] = []
    for line in iter_lines(iter_decoded(path, encoding)):
        if line.text.lstrip("\x0b").startswith("MSH") and segs:
            yield segs, seps, ""
            segs, seps = [], []
        segs.append(line.text)
        seps.append(line.end)
    if segs:
        yield segs, seps, ""


class Hl7Format:
    name = "hl7"

    def deidentify(self, src: Path, dst: Path, fc: FileContext) -> None:
        encoding = detect_encoding(src)
        with atomic_output(dst, output_encoding(src, encoding)) as out:
            for segs, seps, _ in messages(src, encoding):
                lead = ""
                if segs and segs[0].startswith("\x0b"):  # MLLP start block
                    lead, segs[0] = "\x0b", segs[0][1:]
                check_segments(segs, fc.source)
                new = _Message(segs, fc).run()
                out.write(lead + "".join(s + sep for s, sep in zip(new, seps, strict=True)))
                fc.units += 1

    def residual_texts(self, path: Path) -> Iterator[str]:
        encoding = detect_encoding(path)
        for segs, _, _ in messages(path, encoding):
            enc = _separators(segs[0].lstrip("\x0b"))
            lines = []
            seps = re.escape(enc.component + enc.subcomponent + enc.repetition)
            for seg in segs:
                if seg.startswith("MSH"):
                    continue
                # One line per field, so a detection never joins two fields' values.
                for field in seg.split(enc.field)[1:]:
                    text = re.sub(f"[{seps}]+", " ", field).strip()
                    if text:
                        lines.append(enc.unescape(text))
            yield "\n".join(lines)

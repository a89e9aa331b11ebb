"""PHI at the element positions of ASC X12 EDI pasted into text (837, 270/271, 835, 834).

An X12 interchange is segments (``NM1*IL*1*DOE*JANE****MI*W123~``) whose elements carry no
words that a prose rule could read: a surname stands between asterisks, a birth date is eight
bare digits, a city has no street before it. The standard fixes what each position holds, so
the position is the cue: ``NM103`` is a last or organisation name, ``DMG02`` a birth date,
``N403`` a postal code. Code values (qualifiers, CPT/ICD codes in ``SV1``/``HI``, amounts,
eligibility codes in ``EB``) sit at other positions and stay untouched, and so do control
numbers (``ISA13``, ``ST02``, ``BHT03``), which identify a transmission, not a person.

Separators come from the ``ISA`` header when there is one (the element separator is its fourth
character, the segment terminator the character after ``ISA16``); otherwise ``*`` and ``~``.
A newline also ends a segment (pasted files often put one per line), and so does a blank
before a known segment id: the engine breaks very long runs of non-blank characters with a
blank, which may land on a terminator. A text counts as X12 only with an ``ISA`` header or
at least two segments of known ids, so an asterisk in prose is never read as a separator.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from presidio_analyzer import RecognizerResult

from auditor.phi.entities import Entity
from auditor.phi.recognizers.base import LocalRecognizer
from auditor.phi.recognizers.patterns import make_result

if TYPE_CHECKING:
    from presidio_analyzer.nlp_engine import NlpArtifacts

SCORE = 0.9

# Segment ids of the health-care transaction sets (enough to tell X12 from prose).
SEGMENT_IDS = frozenset(
    {
        "ISA", "GS", "ST", "BHT", "NM1", "N1", "N2", "N3", "N4", "REF", "PER", "DMG", "DTP",
        "DTM", "TRN", "CLM", "CLP", "SBR", "PAT", "HL", "PRV", "SE", "GE", "IEA", "HI", "SV1",
        "SV2", "SV3", "SVC", "SVD", "LX", "EB", "EQ", "AAA", "INS", "CAS", "AMT", "BPR", "PLB",
        "LQ", "MSG", "NTE", "CUR", "QTY", "HCP", "PWK", "CN1", "K3", "CR1", "CR2", "CRC",
        "MEA", "LS", "LE", "III", "MPI", "MIA", "MOA", "RDM", "ENT", "DSB", "HD", "COB", "OI",
        "PS1", "HSD", "CL1", "TOO", "LIN", "CTP", "BGN", "QUE", "STC"
    }
)  # fmt: skip

# NM101/N101 codes of a provider or facility: an organisation name there is a HOSPITAL.
_FACILITY_CODES = frozenset(
    {
        "85", "82", "77", "FA", "1P", "DN", "DK", "DQ", "71", "72", "73", "87", "80", "QB",
        "PE", "P3", "SJ", "DD", "TT", "45", "PW"
    }
)  # fmt: skip
# NM109/N104 id qualifiers whose id has a Safe Harbor kind of its own.
_ID_KIND = {
    "XX": Entity.US_NPI,
    "HPI": Entity.US_NPI,
    "34": Entity.US_SSN,
    "MI": Entity.HEALTH_PLAN_NUMBER,
    "II": Entity.HEALTH_PLAN_NUMBER,
    "MR": Entity.HEALTH_PLAN_NUMBER,
}
_REF_KIND = {
    "EA": Entity.MEDICAL_RECORD_NUMBER,
    "EJ": Entity.ACCOUNT_NUMBER,
    "0F": Entity.HEALTH_PLAN_NUMBER,
    "HJ": Entity.HEALTH_PLAN_NUMBER,
    "SY": Entity.US_SSN,
    "HPI": Entity.US_NPI,
    "0B": Entity.LICENSE_NUMBER,
    "1W": Entity.HEALTH_PLAN_NUMBER,
    "6P": Entity.HEALTH_PLAN_NUMBER,
    "1L": Entity.HEALTH_PLAN_NUMBER,
    "IG": Entity.HEALTH_PLAN_NUMBER,
    "3H": Entity.HEALTH_PLAN_NUMBER,
    "23": Entity.HEALTH_PLAN_NUMBER,
}
# REF qualifiers whose REF02 is a code, not an identifier (taxonomy, contract class).
_REF_CODES = frozenset({"PXC", "CE", "ZH", "LX", "14", "AY", "NF"})
# REF qualifiers whose REF03 describes the group or policy: its name (an employer, a plan).
_REF_GROUP_NAME = frozenset({"6P", "1L", "IG"})
# PER communication qualifiers.
_COMM_KIND = {
    "TE": Entity.PHONE_NUMBER,
    "HP": Entity.PHONE_NUMBER,
    "WP": Entity.PHONE_NUMBER,
    "CP": Entity.PHONE_NUMBER,
    "BN": Entity.PHONE_NUMBER,
    "EX": Entity.PHONE_NUMBER,
    "FX": Entity.FAX_NUMBER,
    "EM": Entity.EMAIL_ADDRESS,
    "UR": Entity.URL,
}
# PER02 words that name a desk, not a person ("BILLING DEPT", "PROVIDER SERVICES").
_DESK_WORDS = frozenset(
    {
        "billing", "dept", "department", "services", "service", "office", "claims", "desk",
        "customer", "provider", "center", "centre", "unit", "team", "support", "help",
        "eligibility", "enrollment", "enrolment", "edi"
    }
)  # fmt: skip

# A cheap test before any regex: texts with none of these hold no X12.
_CUES = (
    "ISA",
    "NM1*",
    "N1*",
    "N3*",
    "DMG*",
    "DTP*",
    "REF*",
    "PER*",
    "TRN*",
    "CLM*",
    "CLP*",
    "SBR*",
)
_ISA = re.compile(r"ISA([^\w\s])")
_DATE8 = re.compile(r"(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])")
# A D8 or RD8 format qualifier and its date, as components of a composite element.
_COMPONENT_DATE = re.compile(r"(?<![A-Z0-9])R?D8[^\w\s](\d{8}(?:-\d{8})?)")
_DATE6 = re.compile(r"\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])")

Element = tuple[int, int]  # the (start, end) of one element's value, blanks trimmed


def _separators(text: str) -> set[tuple[str, str, bool]]:
    """(element separator, segment terminator, wrapped) of every ISA header.

    The terminator is "\\n" when lines end segments. ``wrapped`` says the lines are a viewer's
    fixed-width wrap of one long stream (the ISA's line ends before its terminator, or mid-way
    through a segment): newlines then end nothing and may fall inside a value.
    """
    found = set()
    for m in _ISA.finditer(text):
        sep = m.group(1)
        pos = m.end()
        for _ in range(15):  # ISA02..ISA16 follow fifteen more separators
            pos = text.find(sep, pos, pos + 120)
            if pos < 0:
                break
            pos += 1
        else:
            term = text[pos + 1 : pos + 2]  # after ISA16, one character
            if term in ("\r", "\n"):
                found.add((sep, "\n", False))
            elif term and not term.isalnum() and not term.isspace():
                line_end = text.find("\n", m.start())
                wrapped = line_end >= 0 and not text[m.start() : line_end].rstrip().endswith(term)
                found.add((sep, term, wrapped))
    return found


_IDS = "|".join(sorted(SEGMENT_IDS, key=len, reverse=True))


@functools.lru_cache(maxsize=16)
def _segment_starts(sep: str, term: str, wrapped: bool) -> re.Pattern[str]:
    """Where a segment starts: after a terminator, at a line start unless the lines are a
    wrap, or after a blank before a known segment id."""
    if wrapped:
        return re.compile(
            rf"(?:\A|(?<={re.escape(term)}))\s*([A-Z][A-Z0-9]{{1,2}}){re.escape(sep)}"
        )
    ends = "\n" + ("" if term == "\n" else term)
    return re.compile(
        rf"(?:^|(?<=[{re.escape(ends)}])|(?<=[ \t])(?=(?:{_IDS}){re.escape(sep)}))"
        rf"[ \t>]*([A-Z][A-Z0-9]{{1,2}}){re.escape(sep)}",
        re.M,
    )


def _segments(
    text: str, sep: str, term: str, wrapped: bool = False
) -> Iterator[tuple[str, list[Element]]]:
    """Each segment's id and its elements' trimmed spans (index 0 is element 01)."""
    starts = _segment_starts(sep, term, wrapped)
    if wrapped:
        stop = re.compile(re.escape(term))
    else:
        stop = re.compile(rf"[\n{re.escape(term)}]" if term != "\n" else r"\n")
    for m in starts.finditer(text):
        seg_id = m.group(1)
        if seg_id not in SEGMENT_IDS:
            continue
        end_m = stop.search(text, m.end())
        end = end_m.start() if end_m else len(text)
        if not wrapped:
            # A blank before a known segment id also ends this one (see module doc).
            nxt = starts.search(text, m.end(), end)
            if nxt is not None and nxt.group(1) in SEGMENT_IDS:
                end = nxt.start()
        elements: list[Element] = []
        pos = m.end()
        while pos <= end:
            cut = text.find(sep, pos, end)
            cut = end if cut < 0 else cut
            a, b = pos, cut
            while a < b and text[a].isspace():
                a += 1
            while b > a and text[b - 1].isspace():
                b -= 1
            elements.append((a, b))
            pos = cut + 1
        yield seg_id, elements


def _value(text: str, elements: list[Element], n: int) -> str:
    """Element ``n`` (1-based, as the standard numbers them), or "" when absent."""
    if n > len(elements):
        return ""
    a, b = elements[n - 1]
    return text[a:b]


class X12Recognizer(LocalRecognizer):
    """Names, places, dates, numbers and identifiers at their X12 element positions."""

    def __init__(self) -> None:
        kinds = {Entity.PERSON, Entity.HOSPITAL, Entity.ORGANIZATION, Entity.STREET_ADDRESS}
        kinds |= {Entity.LOCATION, Entity.ZIP_CODE, Entity.DATE_TIME, Entity.ID_NUMBER}
        kinds |= set(_ID_KIND.values()) | set(_REF_KIND.values()) | set(_COMM_KIND.values())
        kinds |= {Entity.ACCOUNT_NUMBER}
        super().__init__("AuditorX12Recognizer", sorted(k.value for k in kinds))

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        if not any(cue in text for cue in _CUES):
            return []
        configs = _separators(text)
        if not any(sep == "*" and term == "~" for sep, term, _ in configs):
            configs.add(("*", "~", False))
        out: list[RecognizerResult] = []
        seen: set[tuple[int, int]] = set()
        for sep, term, wrapped in sorted(configs):
            segments = list(_segments(text, sep, term, wrapped))
            if len(segments) < 2 and not any(seg == "ISA" for seg, _ in segments):
                continue
            for seg_id, elements in segments:
                for kind, (a, b) in self._phi(text, seg_id, elements):
                    if (a, b) not in seen and a < b:
                        seen.add((a, b))
                        out.append(make_result(self, kind, a, b, SCORE))
        return out

    def _phi(self, text: str, seg: str, els: list[Element]) -> Iterator[tuple[Entity, Element]]:
        """(kind, span) of each PHI element of one segment."""

        def value(n: int) -> str:
            return _value(text, els, n)

        def at(n: int) -> Element:
            return els[n - 1]

        def ident(n: int, kind: Entity = Entity.ID_NUMBER) -> Iterator[tuple[Entity, Element]]:
            v = value(n)
            if any(c.isalnum() for c in v):
                yield kind, at(n)

        def date(n: int, fmt: str = "D8") -> Iterator[tuple[Entity, Element]]:
            v = value(n)
            if not v:
                return
            a = at(n)[0]
            pattern = _DATE6 if fmt == "D6" else _DATE8
            for m in pattern.finditer(v):
                # whole eight-digit runs only: a date range is two, a DT value starts with one
                before = v[m.start() - 1] if m.start() else ""
                if not before.isdigit():
                    yield Entity.DATE_TIME, (a + m.start(), a + m.end())

        def name(n: int, kind: Entity) -> Iterator[tuple[Entity, Element]]:
            v = value(n)
            if any(c.isalpha() for c in v):
                yield kind, at(n)

        if seg == "ISA":
            yield from ident(6)
            yield from ident(8)
            yield from date(9, "D6")
        elif seg == "GS":
            yield from ident(2)
            yield from ident(3)
            yield from date(4)
        elif seg == "BHT":
            yield from date(4)
        elif seg == "BGN":  # 834 and others: the transaction's date, like BHT04
            yield from date(3)
        elif seg in ("NM1", "N1"):
            code = value(1)
            if seg == "NM1" and value(2) == "1":
                for n in (3, 4, 5):  # last, first, middle; prefix and suffix stay
                    yield from name(n, Entity.PERSON)
            else:
                kind = Entity.HOSPITAL if code in _FACILITY_CODES else Entity.ORGANIZATION
                yield from name(3 if seg == "NM1" else 2, kind)
            qualifier, id_at = (value(8), 9) if seg == "NM1" else (value(3), 4)
            yield from ident(id_at, _ID_KIND.get(qualifier, Entity.ID_NUMBER))
        elif seg == "N2":
            yield from name(1, Entity.ORGANIZATION)
            yield from name(2, Entity.ORGANIZATION)
        elif seg == "N3":
            yield from name(1, Entity.STREET_ADDRESS)
            yield from ident(2, Entity.STREET_ADDRESS)
        elif seg == "N4":
            yield from name(1, Entity.LOCATION)
            yield from ident(3, Entity.ZIP_CODE)
        elif seg == "DMG":
            yield from date(2)
        elif seg == "DTP":
            yield from date(3)
        elif seg in ("DTM", "STC"):  # a date; a claim status's effective date
            yield from date(2)
        elif seg == "HI":  # occurrence and span codes carry a date: "BH:A1:D8:20250101"
            for n in range(1, len(els) + 1):
                a = at(n)[0]
                for m in _COMPONENT_DATE.finditer(value(n)):
                    for d in _DATE8.finditer(m.group(1)):
                        yield (
                            Entity.DATE_TIME,
                            (a + m.start(1) + d.start(), a + m.start(1) + d.end()),
                        )
        elif seg == "PAT":
            yield from date(6)
        elif seg == "BPR":
            yield from date(16)
        elif seg == "REF":
            qualifier = value(1)
            if qualifier not in _REF_CODES:
                yield from ident(2, _REF_KIND.get(qualifier, Entity.ID_NUMBER))
            if qualifier in _REF_GROUP_NAME:
                yield from name(3, Entity.ORGANIZATION)
        elif seg == "PER":
            contact = value(2)
            words = re.findall(r"[^\W\d_]+", contact.lower())
            if words and not any(w in _DESK_WORDS for w in words):
                yield Entity.PERSON, at(2)
            for q in (3, 5, 7):
                comm = _COMM_KIND.get(value(q))
                if comm is not None:
                    yield from ident(q + 1, comm)
        elif seg == "TRN":
            yield from ident(2)
        elif seg == "CLM":
            yield from ident(1, Entity.ACCOUNT_NUMBER)
        elif seg == "CLP":
            yield from ident(1, Entity.ACCOUNT_NUMBER)
            yield from ident(7)
        elif seg == "SBR":
            yield from ident(3, Entity.HEALTH_PLAN_NUMBER)
            yield from name(4, Entity.ORGANIZATION)

"""Addresses in labelled fields: "Address: LP 12 Hope Estate Rd, Belle Garden", "Accommodation:".

The address grammar reads a house number, a street type and a town it knows; a form's label
says what follows is an address whatever its layout: a Caribbean light-pole number, a labour
camp's block and room, a rural route, a compound in a village. The value runs from the label
to the line's end, a wide gap or the next label, and must read as an address (a digit or a
comma, two words at least), never a placeholder ("same as above", "no fixed abode"); one that
opens with a house number is left to the address grammar, which types its town and code.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from presidio_analyzer import RecognizerResult

from auditor.phi.entities import Entity
from auditor.phi.recognizers.addresses import ROMANCE_TYPE, STREET_TYPES
from auditor.phi.recognizers.base import LocalRecognizer
from auditor.phi.recognizers.patterns import make_result

if TYPE_CHECKING:
    from presidio_analyzer.nlp_engine import NlpArtifacts

SCORE = 0.75
_MAX_VALUE = 120
# A label at a line's start, after a field separator or a wide gap; its colon is required.
_LABEL = re.compile(
    r"(?im)(?:^|[|;]|(?<!\s)[ \t]{3,}+)[ \t]*+"
    r"(?:(?:home|postal|mailing|residential|current|permanent|usual|street|local|temporary|"
    r"patient'?s?|pt'?s?|client'?s?|next\s+of\s+kin|nok)[ \t]+)?"
    # a bilingual form's first label in a script of its own: "地址 Morada:", "住所 Address:"
    r"(?:(?:地址|住所|주소|عنوان|آدرس|Адрес|Адреса)[ \t]*+(?:/[ \t]*+)?)?"
    r"(?:address|addr\.?|residence|accommodation|abode|domicile|lives[ \t]+at|resides[ \t]+at|"
    r"residing[ \t]+at|dirección|direccion|endereço|adresse|tirahan|"
    # "address" and "residence" in the languages of Europe and Latin America (a form's label
    # after a patient from abroad: "Adresa: Ilica 214, 10000 Zagreb")
    r"adresa|adrese|adresas|aadress|adres|adress|adressi|anschrift|wohnadresse|wohnort|"
    r"indirizzo|residenza|domicilio|domicílio|domiciliu|residencia|residência|morada|"
    r"lakcím|cím|osoite|naslov|bydliště|bydlisko|prebivališče|prebivalište|bopæl|bosted|"
    r"heimilisfang|διεύθυνση|адрес|адреса|адреса проживания|"
    # ... and of Asia, Africa and the Middle East ("Alamat:", "Суроға:", "Хаяг:", "Հասցե՝")
    r"alamat|suroğa|суроға|manzil|манзил|мекенжай|дарек|хаяг|ünvan|địa[ \t]+chỉ|anwani|"
    r"cinwaanka|adiresy|enderesu|მისამართი|հասցե|عنوان|العنوان|آدرس|نشانی|پتہ|ที่อยู่|住所|"
    r"地址|주소)"
    # a bilingual label: "Alamat / Address :", "Tirahan/Address:"
    r"(?:[ \t]*/[ \t]*(?:address|addr\.?|адрес|adresse|dirección|endereço))?"
    r"[ \t]*+[:#՝：][ \t]*+"
)
# Where the value stops: the line's end, a gap of three blanks, a ';' or '|', or a label
# ("Tel:", "Phone:", "DOB:") after a blank.
_STOP = re.compile(
    r"\n|[ \t]{3,}|[;|]|(?<=[ \t])[A-Za-z][A-Za-z .'/]{1,20}:(?=[ \t]|$)"
    # a phone's label in any language: "тел. +992 ...", "Tél. 06 ...", ", cel. 099 ...",
    # "هاتف +968 ..." (after an Arabic comma too)
    r"|[,،]?[ \t]+(?i:tel|тел|tél|telp|tlf|phone|ph|mob|mobile|cel|celular|telefone|telefon|"
    r"телефон|тел\.|móvil|هاتف|جوال|تلفون|موبايل)\.?[ \t]*+(?:[:.][ \t]*+)?(?=[+(\d])"
)
_PLACEHOLDER = re.compile(
    r"(?i)(?:n/?a|none|unknown|unk|not\s+(?:known|given|provided|recorded|stated)|same(?:\s+as\s+"
    r"(?:above|patient|pt))?|as\s+above|see\s+(?:above|below|registration|chart)|"
    r"no\s+fixed\s+(?:abode|address)|nfa|homeless|declined|withheld|redacted|tbc|-+)\.?"
)


_TYPE_FIRST = re.compile(ROMANCE_TYPE + r"[ \t]")
_HOUSE_FIRST = re.compile(r"\d{1,6}[A-Za-z]?,?[ \t]+[^\W\d_]")
_STREET_END = re.compile(r",|[ \t]{2}")  # the street's own part ends at a comma or a gap


class AddressFieldRecognizer(LocalRecognizer):
    """STREET_ADDRESS for the value of an address field (module docstring)."""

    def __init__(self) -> None:
        super().__init__("AuditorAddressFieldRecognizer", [Entity.STREET_ADDRESS.value])

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        if not any(c in text for c in ":#՝："):
            return []
        out = []
        for label in _LABEL.finditer(text):
            start = label.end()
            stop = _STOP.search(text, start, min(len(text), start + _MAX_VALUE))
            end = stop.start() if stop else min(len(text), start + _MAX_VALUE)
            value = text[start:end].rstrip(" \t,.")
            if _reads_as_address(value):
                out.append(
                    make_result(self, Entity.STREET_ADDRESS, start, start + len(value), SCORE)
                )
            elif house := _HOUSE_FIRST.match(value):
                # the grammar types its town and code; the street up to its comma is the
                # field's whatever its language ("142 Đường Trần Hưng Đạo", "23, rue Ibn
                # Batouta"), joined with the grammar's street when it read one
                cut = _STREET_END.search(value, house.end())
                street = cut.start() if cut else len(value)
                # an English street type ends it ("123 Main St Apt 4 Springfield MA": the
                # grammar reads the unit and types the town)
                for w in re.finditer(r"[A-Za-z]+", value[house.end() - 1 : street]):
                    if w.group().lower() in STREET_TYPES:
                        street = house.end() - 1 + w.end()
                        break
                out.append(make_result(self, Entity.STREET_ADDRESS, start, start + street, 0.6))
        return out


def _reads_as_address(value: str) -> bool:
    if not value or _PLACEHOLDER.fullmatch(value.strip()):
        return False
    if re.match(r"\d{1,6}[A-Za-z]?[ \t]+[^\W\d_]", value) or _TYPE_FIRST.match(value):
        # "12 Oak St, Springfield", "ul. Długa 17/4, 31-146 Kraków": the address grammar
        # reads it, and types its town and code
        return False
    words = re.findall(r"[^\W\d_]{2,}", value)
    if not words:
        return False
    return any(c.isdigit() for c in value) or ("," in value and len(words) >= 2)

"""The armed forces' units and ships, as military and veterans' hospitals name a patient's
command: a battalion of a regiment with its branch ("2-9 IN", "B Co, 2-3 IN", "1-82 FA",
"2/7 Marines"), a numbered formation ("82nd Airborne Division", "3rd Bn, 5th Marines"), a
commissioned ship ("USS Makin Island", "HMAS Canberra") and a VA region ("VISN 10"); and, as
the service records and rolls of family histories name them, a unit by its number and its
abbreviated kind with its force's letters ("165th Bn CEF", "14th Light Horse AIF") and a
nation's army, navy or expeditionary force ("Indian Army", "Royal Flying Corps").

A soldier's unit is their employer and their address at once: it names who they are to the
command that is told of the admission. Its shapes are the forces' own and nothing else's:
numbers joined by a dash or a slash before a branch's capitals or a formation's word, and a
navy's prefix before a ship's name. "2-9" alone is a range and "2/7" a date; the branch after
them is what tells, and "IN" in capitals only (not "2-3 in the morning").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from presidio_analyzer import RecognizerResult

from auditor.phi.entities import Entity
from auditor.phi.recognizers.base import LocalRecognizer
from auditor.phi.recognizers.patterns import make_result

if TYPE_CHECKING:
    from presidio_analyzer.nlp_engine import NlpArtifacts

_ORDINAL = r"\d{1,3}(?:st|nd|rd|th|d)?"
_BRANCHES = (
    r"IN|INF|FA|AR|CAV|AVN|EN|BSB|ADA|MI|SF|MP|SIG|Marines|Infantry|Cavalry|Armor|Aviation|"
    r"Field[ \t]+Artillery|Engineers"
)
_SUBUNIT = r"(?:[A-H]|HHC|HHB|HHD|HHT|HSC)[ \t]+(?:Co\.?|Company|Btry|Battery|Trp|Troop),?[ \t]+"
# A battalion and its regiment with the branch: "2-9 IN", "B Co, 2-3 IN", "1-502nd INF".
_BATTALION = re.compile(
    rf"(?<![\w/.-])(?:{_SUBUNIT})?{_ORDINAL}[-/]{_ORDINAL}[ \t]+(?:{_BRANCHES})"
    r"(?![\w-])(?![ \t]+[A-Z]{2})"  # (not a line in capitals going on: "2-3 IN AM")
)
# The expeditionary forces' and medical corps' letters a unit's number is followed by in
# service records ("24th Battalion AIF", "165th Bn CEF", "1st Field Ambulance NZMC").
_FORCE_LETTERS = (
    r"(?:,?[ \t]+(?:AIF|2nd[ \t]+AIF|CEF|NZEF|2NZEF|BEF|AEF|RFA|RGA|RE|RAMC|AAMC|CAMC|NZMC|USMC|"
    r"RAF|RAAF|RCAF|RNZAF|RFC|RNVR|RNR))?(?![\w-])"
)
# A numbered formation: "82nd Airborne Division", "3rd Bn, 5th Marines", "1st Marine Division";
# and the units of the World Wars' and earlier service records and regimental histories, by
# their number and their kind, abbreviated as attestation papers and rolls write them ("165th
# Bn", "2d Bn", "14th Light Horse", "3rd Field Ambulance", "44th Regiment of Foot"), with their
# force's letters after them.
_FORMATION = re.compile(
    rf"(?<![\w/.-])(?:{_ORDINAL}[ \t]+(?:Bn|Battalion|Bde|Brigade),?[ \t]+)?"
    r"\d{1,3}(?:st|nd|rd|th|d)[ \t]+"
    r"(?:(?:Airborne|Infantry|Armored|Armoured|Marine|Cavalry|Mountain|Special[ \t]+Forces|"
    r"Air[ \t]+Assault|Sustainment|Medical|Signal|Military[ \t]+Police)[ \t]+)?"
    r"(?:Division|Brigade|Regiment(?:[ \t]+of[ \t]+Foot)?|Battalion|BCT|Marines|"
    r"Fighter[ \t]+Wing|Airlift[ \t]+Wing|Air[ \t]+Base[ \t]+Wing|Medical[ \t]+Group|Squadron|"
    r"Company|Battery|Field[ \t]+(?:Ambulance|Company|Artillery|Hospital)|Light[ \t]+Horse|"
    r"General[ \t]+Hospital|Casualty[ \t]+Clearing[ \t]+Station|Rifles|Fusiliers|Lancers|"
    r"Hussars|Dragoons|Dragoon[ \t]+Guards|Highlanders|Pioneers|"
    r"(?:Bn|Bde|Regt|Coy|Bty|Sqn|Div)\.?)" + _FORCE_LETTERS
)
# A nation's army, navy or expeditionary force, a soldier's or a sailor's employer in the
# record that names them ("serving in the Indian Army", "Branch: U.S. Army", "Royal Flying
# Corps", "Canadian Expeditionary Force").
_NATIONAL_FORCE = re.compile(
    r"(?<![\w-])(?:Royal|Indian|British|Canadian|Australian|Imperial|Confederate|Continental|"
    r"Union|U\.?S\.?|United[ \t]+States|American|Irish|New[ \t]+Zealand|South[ \t]+African|"
    r"Pakistan|Bangladesh|Nepal(?:ese)?|Gurkha)[ \t]+(?:Army(?:[ \t]+Medical[ \t]+Corps)?|Navy|"
    r"Naval[ \t]+Reserve|Air[ \t]+Force|Flying[ \t]+Corps|Marine[ \t]+Corps|Marines|"
    r"Expeditionary[ \t]+Force|Imperial[ \t]+Force|National[ \t]+Guard|Coast[ \t]+Guard|"
    r"Engineers|Artillery|Militia)(?![\w-])"
)
_NATIONAL_FORCE_WORDS = ("Army", "Navy", "Naval", "Air Force", "Corps", "Marines", "Force",
                         "Guard", "Engineers", "Artillery", "Militia")  # fmt: skip
# A navy's or a coast guard's ship: "USS Makin Island", "USNS Comfort", "HMAS Canberra".
_SHIP = re.compile(
    r"(?<![\w-])(?:USS|USNS|USCGC|HMS|HMAS|HMCS|HMNZS)[ \t]+"
    r"(?:[A-Z][A-Za-z'’.-]+|[A-Z]{2,})(?:[ \t]+(?:[A-Z][A-Za-z'’-]+|[A-Z]{2,})){0,2}"
    r"(?:[ \t]+\([A-Z]{2,4}[ -]?\d{1,3}\))?"
)
# The VA's regions ("Veterans Integrated Service Network"): "VISN 10", "VISN-21".
_VISN = re.compile(r"(?<![\w-])VISN[ -]?\d{1,2}(?!\d)")
# Plain tests first, one per shape (most notes hold dates and ranges, none a unit): a branch's
# letters or word after a number, an ordinal before a capitalised word (every formation's
# number is one), a navy's prefix, the VA's region.
_BRANCH_AFTER_NUMBER = re.compile(rf"\d(?:st|nd|rd|th|d)?[ \t]+(?:{_BRANCHES})(?![\w-])")
_ORDINAL_WORD = re.compile(r"\d(?:st|nd|rd|th|d)[ \t]+[A-Z]")
_SHIP_PREFIXES = ("USS ", "USNS ", "USCGC ", "HMS ", "HMAS ", "HMCS ", "HMNZS ")


class ForcesRecognizer(LocalRecognizer):
    """ORGANIZATION for a military unit, a ship or a VA region (module doc)."""

    def __init__(self) -> None:
        super().__init__("AuditorForcesRecognizer", [Entity.ORGANIZATION.value])

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        patterns = []
        if _BRANCH_AFTER_NUMBER.search(text):
            patterns.append(_BATTALION)
        if _ORDINAL_WORD.search(text):
            patterns.append(_FORMATION)
        if any(p in text for p in _SHIP_PREFIXES):
            patterns.append(_SHIP)
        if "VISN" in text:
            patterns.append(_VISN)
        if any(w in text for w in _NATIONAL_FORCE_WORDS):
            patterns.append(_NATIONAL_FORCE)
        return [
            make_result(self, Entity.ORGANIZATION, m.start(), m.end(), 0.75)
            for pattern in patterns
            for m in pattern.finditer(text)
        ]

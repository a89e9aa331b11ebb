"""Shops, couriers and marketplaces named where buying, selling and delivery name them.

An order, a return or a courier's log names the firms that handled a person's parcel: "Your
Copperquill order CQ-1182", "Marketplace: Kiranmart", "delivery by Ekart", "Collect at:
ParcelNook Station". Such a name is often one invented word with no head ("Ltd", "Store")
for the organisation rules to read, and no list can hold every small seller. The place the
name stands says what it is: a commerce label before it, a word of sending or selling and
"by"/"via" before it, "your ... order" around it, or a chat's speaker answering for it
("Aroha (Kōwhai Kitchenware): ..."). The name itself must still hold a word
only a name explains (no English, clinical or place word, no common given name or surname)
or a brand's inner capital ("ParcelNook"), so "delivered by hand" and "your Medicare card"
stay what they are.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from presidio_analyzer import RecognizerResult

from auditor.phi.calendar import MONTHS, WEEKDAY_SHORT, WEEKDAYS
from auditor.phi.entities import Entity
from auditor.phi.recognizers.base import LocalRecognizer
from auditor.phi.recognizers.lexicon import Lexicon
from auditor.phi.recognizers.patterns import make_result
from auditor.phi.stop_words import STOP_WORDS

if TYPE_CHECKING:
    from presidio_analyzer.nlp_engine import NlpArtifacts

SCORE = 0.65
# A brand's word: Title case with any letters after ("Kōwhai", "ParcelNook"), or capitals.
_WORD = r"(?:[A-Z][^\W\d_]*(?:['’][a-z]{1,2})?|[A-Z]{2,6})"
_NAME = rf"(?P<name>{_WORD}(?:(?:[ ]&[ ]|[ ]){_WORD}){{0,2}})"  # one blank apart
# A label of the firm that sells, carries or hands over ("Marketplace:", "Courier (UK):",
# "Collect at:"), its colon or bracket required.
_LABEL = (
    r"(?i:courier|carrier|shipping(?:[ \t]+(?:carrier|method|partner|company))?|shipper|"
    r"postage|marketplace|merchant|seller|retailer|store|shop|vendor|supplier|brand|"
    r"collect(?:ion)?[ \t]+(?:at|point|from)|pick-?up[ \t]+(?:at|point|location|from)|"
    r"parcel[ \t]+(?:locker|shop|point))[ \t]*(?:\([^()\n]{0,20}\)[ \t]*)?[:(][ \t]*"
)
# A word of selling or sending, then "by"/"via": "sold by", "delivery via", "send it with".
_BY = (
    r"(?i:sold|shipped|ship|shipping|shipment|fulfil+ed|dispatch(?:ed)?|deliver(?:ed|y)|"
    r"couriered|courier|posted|post|sen[dt]|supplied|carried|returned|return|collection)"
    r"[ \t]+(?:(?i:it|them)[ \t]+)?(?i:by|via|with|through)[ \t]+"
)
_CUED = re.compile(rf"(?<![\w-])(?:{_LABEL}|{_BY}){_NAME}(?![\w'’-])")
# "your Copperquill order", "my Kiranmart account": the firm between a possessive and what a
# customer has of it.
_HELD = re.compile(
    rf"(?<![\w-])(?i:your|my|our)[ \t]+{_NAME}[ \t]+"
    r"(?i:order|orders|account|rewards|points|membership|gift[ \t]+card|store[ \t]+card|"
    r"subscription|purchase|basket|cart|delivery|parcel|seller|customer[ \t]+(?:service|care)|"
    r"refund|return|driver|courier|tracking)(?![\w-])"
)
# A chat transcript's speaker and the firm they answer for: "Aroha (Kōwhai Kitchenware): Kia
# ora", "[19:02] Dev (Brindle & Co): ..." (the speaker a given name or a word only a name
# explains, the firm in brackets before the colon that opens the message).
_SPEAKER_FIRM = re.compile(
    r"^[ \t]*+(?:\[[^\]\n]{1,40}\][ \t]*+)?(?P<speaker>[A-Z][a-z]+)[ \t]*\(" + _NAME + r"\)[ \t]*:",
    re.M,
)
_GATE = (
    "courier", "carrier", "shipp", "postage", "marketplace", "merchant", "seller", "retailer",
    "store", "shop", "vendor", "supplier", "brand", "collect", "pick", "parcel", "sold",
    "ship ", "shipment", "dispatch", "deliver", "post", "sent", "send", "carried", "return",
    "your ", "my ", "our ",
)  # fmt: skip
_CALENDAR = frozenset(MONTHS) | frozenset(WEEKDAYS) | frozenset(WEEKDAY_SHORT)
# A given name or surname this common is a person's more often than a brand's.
_COMMON_SURNAME_RANK = 5000


class CommerceRecognizer(LocalRecognizer):
    """ORGANIZATION: a seller, courier or marketplace where commerce names it (module doc);
    PERSON: a chat's speaker answering for one."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        super().__init__(
            "AuditorCommerceRecognizer", [Entity.ORGANIZATION.value, Entity.PERSON.value]
        )

    def _names_a_firm(self, name: str) -> bool:
        """One word that only a name explains (or a brand's inner capital), and no word a
        person, a place, a date or a clinical term."""
        lex = self.lexicon
        named = False
        for word in re.findall(r"[^\W_]+(?:['’][a-z]{1,2})?", name):
            key = (word[:-2] if word.endswith(("'s", "’s")) else word).lower()  # (a possessive)
            if key in STOP_WORDS or key in _CALENDAR or key in lex.stoplist:
                return False
            if lex.is_first(key) or lex.surname_rank.get(key, _COMMON_SURNAME_RANK) < (
                _COMMON_SURNAME_RANK
            ):
                return False
            if key in lex.places or key in lex.states or key in lex.counties:
                return False
            inner_capital = any(c.isupper() for c in word[1:]) and not word.isupper()
            named = named or inner_capital or lex.is_unknown_proper(key)
        return named

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        out = []
        for m in _SPEAKER_FIRM.finditer(text) if "):" in text else ():
            speaker = m.group("speaker").lower()
            lex = self.lexicon
            if (lex.is_first(speaker) or lex.is_unknown_proper(speaker)) and self._names_a_firm(
                m.group("name")
            ):
                out.append(make_result(self, Entity.ORGANIZATION, *m.span("name"), SCORE))
                out.append(make_result(self, Entity.PERSON, *m.span("speaker"), SCORE))
        lower = text.lower()
        if not any(g in lower for g in _GATE):
            return out
        for pattern in (_CUED, _HELD):
            for m in pattern.finditer(text):
                if self._names_a_firm(m.group("name")):
                    start, end = m.span("name")
                    out.append(make_result(self, Entity.ORGANIZATION, start, end, SCORE))
        return out

"""The words at a found organisation's edges that belong to its name: a congregation's
denomination and its town ("Zion Mennonite of Harper", "Bethany Pines Lutheran of Pelican
Lake", "Greater Shiloh Light Missionary Baptist of Blackshear"), a capital "The" that
opens a venue's name mid-sentence ("celebrating at The Lotus Room"), and whom a home is for
("Ferriera Home for the Aged"), a state's name before its department ("Michigan Department
of Corrections"); a hospital's last word after its town ("Rapid City
Regional"), and a body's or a works' ("Blue Ridge Poultry Processing").

The name rules find the distinctive words ("Bethany Pines", "Zion Mennonite" read as a
person, "Lotus Room"); the edge left beside the replaced part keeps what a reader needs to find
the place again (a church of one denomination in one town). Found after the engine, from its
spans: a span followed by denomination words and "of" and a capitalised town grows over them
and becomes an ORGANIZATION; an ORGANIZATION or HOSPITAL after a capital "The" that starts
no sentence takes it in, and an ORGANIZATION opening with a department's word the state's name
before it; a LOCATION followed by a hospital's last word becomes the HOSPITAL, and followed by
a body's or a works' last word the ORGANIZATION.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TypeVar

from auditor.phi.entities import Entity, TypedSpan
from auditor.phi.recognizers.lexicon import US_STATE_NAMES
from auditor.phi.recognizers.organizations import DENOMINATIONS
from auditor.phi.recognizers.place_named_bodies import BODY_HEADS

S = TypeVar("S", bound=TypedSpan)

_HOUSE = r"(?:Church|Chapel|Parish|Congregation|Tabernacle|Assembly|Fellowship)"
# A national church's own name after its house word ("Church of God in Christ").
_CHURCH_OF = r"(?:[ \t]+of[ \t]+(?:God(?:[ \t]+in[ \t]+Christ)?|Christ|the[ \t]+Nazarene))"
_IN_CHRIST = re.compile(r"[ \t]+in[ \t]+Christ(?![\w'’-])")
_DENOMINATION_END = re.compile(rf"(?:{DENOMINATIONS}|{_HOUSE}){_CHURCH_OF}?\Z")
# What may follow the found words: more denomination words, a house word, then the town.
_TOWN_TAIL = re.compile(
    rf"((?:[ \t]+{DENOMINATIONS})*(?:[ \t]+{_HOUSE}{_CHURCH_OF}?)?)"
    r"[ \t]+of[ \t]+[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+)?(?![\w'’-])"
)
# Whom a home is for, after its name ("Ferriera Home for the Aged", "HOME FOR THE ELDERLY").
_HOME_FOR = re.compile(
    r"[ \t]+(?i:for[ \t]+(?:the[ \t]+)?"
    r"(?:aged|elderly|infirm|incurables|aged[ \t]+poor|blind|deaf))"
    r"(?![\w'’-])"
)
# A hospital's short name: its town and the last word of its name ("Rapid City Regional",
# "Lexington Baptist", "Prairie View Regional"), as transfer lines write it; the found town
# grows into the hospital, unless a church's or a body's word goes on ("Lexington Baptist
# Church", "Texas Baptist Convention").
HOSPITAL_SHORT_HEADS = (
    "Regional", "Memorial", "General", "Methodist", "Baptist", "Presbyterian", "Lutheran",
    "Adventist",
)  # fmt: skip
HOSPITAL_AFTER_TOWN = re.compile(
    rf"[ ](?:{'|'.join(HOSPITAL_SHORT_HEADS)})"
    r"(?![\w'’-])(?![ \t]+(?:Church|Chapel|Tabernacle|Cathedral|Mission|School|University|"
    r"College|Seminary|Conference|Convention|Association|Synod|Parish|Fellowship|Camp|"
    r"Assembly|Home|Homes|Village|Manor|Center|Centre|Foundation)\b)"
)
# An employer or a body named for its town, the found town first and a body's or a works'
# last word after up to three words ("Blue Ridge Poultry Processing", "CLINCHFIELD NO. 9
# MINE", "Dandenong Family Resource Network"): the town grows into the organisation. The
# words in the town's case (Title case after a Title-case town, capitals after capitals).
_WORKS = (
    "Mine", "Mines", "Colliery", "Quarry", "Mill", "Mills", "Plant", "Company", "Corporation",
    "Industries", "Farms", "Dairy", "Foods", "Manufacturing", "Lumber", "Trucking",
    "Logistics", "Bank", "Cooperative",
)  # fmt: skip
_BODY_WORDS = "|".join((*BODY_HEADS, *_WORKS))
_BODY_AFTER_TOWN = re.compile(
    rf"(?:[ ][A-Z][a-z'’]+){{0,3}}(?:[ ]No\.?[ ]\d{{1,3}})?[ ](?:{_BODY_WORDS})(?![\w'’-])"
)
_BODY_AFTER_CAPS_TOWN = re.compile(
    rf"(?:[ ][A-Z]{{2,}}){{0,3}}(?:[ ]NO\.?[ ]\d{{1,3}})?[ ](?:{_BODY_WORDS.upper()})(?![\w'’-])"
)
# A capital "The" right before, after a lower-case word or a comma: no sentence opens there.
_THE_BEFORE = re.compile(r"(?<=[a-z,][ \t])The[ \t]+\Z")
_NAMED = frozenset({Entity.PERSON.value, Entity.ORGANIZATION.value, Entity.HOSPITAL.value})
_VENUES = frozenset({Entity.ORGANIZATION.value, Entity.HOSPITAL.value})


# A state's name before its department, bureau or board ("Michigan Department of Corrections",
# "Texas Board of Nursing"): the state's own body, whose found words start at the kind.
_STATE_BODY_KIND = re.compile(
    r"(?:Department|Dept\.?|Bureau|Office|Division|Board|Commission|Agency|Administration)"
    r"(?![\w'’-])"
)
_STATE_BEFORE = re.compile(rf"(?<![\w'’-])(?i:{US_STATE_NAMES})[ \t]\Z")


def org_edge_bounds(text: str, spans: Iterable[S]) -> Iterator[tuple[S, str, int, int]]:
    """Each span whose organisation's name goes on beside it, its type and its new bounds."""
    for span in spans:
        kind, start, end = span.entity_type, span.start, span.end
        if kind == Entity.LOCATION.value:
            if short := HOSPITAL_AFTER_TOWN.match(text, end):
                yield span, Entity.HOSPITAL.value, start, short.end()
            elif body := (
                _BODY_AFTER_CAPS_TOWN if text[start:end].isupper() else _BODY_AFTER_TOWN
            ).match(text, end):
                yield span, Entity.ORGANIZATION.value, start, body.end()
            continue
        if kind not in _NAMED:
            continue
        tail = _TOWN_TAIL.match(text, end)
        # (a one-word span ending in a denomination is a name, not a church: "Christian of")
        if tail is not None and (
            tail.group(1) or (" " in text[start:end] and _DENOMINATION_END.search(text, start, end))
        ):
            kind, end = Entity.ORGANIZATION.value, tail.end()
        # (the town rule reads "of God" as a town's place: the national church's name goes on)
        if text.endswith("of God", start, end) and (more := _IN_CHRIST.match(text, end)):
            end = more.end()
        if (
            kind in _VENUES
            and text[start:end].lower().endswith("home")
            and (home_for := _HOME_FOR.match(text, end))
        ):
            end = home_for.end()
        if kind in _VENUES and (the := _THE_BEFORE.search(text, max(0, start - 6), start)):
            start = the.start()
        elif (
            kind == Entity.ORGANIZATION.value
            and _STATE_BODY_KIND.match(text, start)
            and (state := _STATE_BEFORE.search(text, max(0, start - 24), start))
            and text[state.start()].isupper()
        ):
            start = state.start()
        if (kind, start, end) != (span.entity_type, span.start, span.end):
            if kind == span.entity_type == Entity.PERSON.value:
                continue  # (only "of God in Christ" grew a person: no church without its house)
            yield span, kind, start, end

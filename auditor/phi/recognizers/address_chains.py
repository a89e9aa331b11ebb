"""An address written as a chain of parts around its street.

Most of the world does not write an address as one "number, name, street type" line. Before
or after the street come the unit, floor, block, tower, building, site and box that the mail
needs: "Unit 12B, Tower 2, Calloway Residences, 34th St", "3rd Floor, 101 Florida Road",
"Apt 4, The Maltings, Church Road", "RR 3, Site 12, Box 7", "No. 42, 3rd Cross, 6th Main, HSR
Layout Sector 2", "Blk 823 Tampines Street 81 #07-214". The street rules find the street (or
nothing); the parts around it name the same home just as well, and a de-identifier that keeps
"Tower 2, Calloway Residences" has kept the address.

A chain is a run of comma-separated parts on one line, each a unit part (a designator and
its number), a street (found by the street rules, or a capitalised name ending in a street
type next to a unit part), a locality part of a planned town ("HSR Layout Sector 2"), or a
building's name between two of those. It needs a unit part and a street or locality, or two
unit parts one of which only a home has (an apartment, a flat, a rural route's box: "Level 2,
Block C" is a hospital's floor). Names at either end are left to the town and name rules.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from auditor.phi.recognizers.regex_start import accelerated

# A designator and its number or letter: "Unit 12B", "Apt. 4", "Flat No. 7", "Blk 823",
# "House No. 14", "Site 12", "Box 7", "RR 3", "#07-214", "3rd Floor", "Sector 2".
# (a lot is also a drug's batch: "Lot 4471A, Exp 2027")
_HOME = (
    r"Apt|Apartment|Flat|Blk|House|Villa|Plot|Site|Box|PO[ \t]Box|P\.O\.[ \t]?Box|RR|R\.R\.|"
    r"Erf|Stand|Door|No|"
    # the French, Spanish, Portuguese and German apartment ("app. 3", "apto 603", "Whg. 4")
    r"App|Appt|Appartement|Apto|Depto|Dpto|Wohnung|Whg|app|appt|apto|depto|dpto|"
    # Australia's rural boxes (roadside mail box, roadside delivery), Mexico's interior number,
    # and the designators in lower case ("unit 1407, 88 Spadina Quay W")
    r"RMB|RSD|CMB|Int|int|apt|flat"
)
_OTHER = (
    r"Unit|Suite|Ste|Shop|Office|Level|Lvl|Tower|Block|Bldg|Building|Floor|Fl|Room|Rm|Wing|Lot|"
    r"unit|suite"
)
_NUMBER = (
    r"(?:No\.?[ \t]?)?#?[ \t]?"
    # (or a block's letter before the flat: "Flat C-1104")
    r"(?:\d{1,5}[A-Za-z]?(?:[/-]\d{1,5}[A-Za-z]?)?|\d{1,2}F\d{1,2}|[A-Z]-\d{1,5}|[A-Z])(?![\w/-])"
)
_UNIT_TEXT = (
    rf"(?:(?P<home>{_HOME})|{_OTHER})\.?[ \t]?{_NUMBER}"
    r"|\d{1,2}(?:st|nd|rd|th)[ \t]+(?:Floor|Fl\.?|Block|Stage|Phase|Sector)"
    # a Danish floor and side ("3. tv.", "2. th.", "st. mf.")
    r"|\d{1,2}\.[ \t]?(?:tv|th|mf)\."
    r"|(?:Ground|Upper|Lower|First|Second|Third)[ \t]+Floor"
    r"|#\d{1,3}-\d{1,5}|#\d{1,5}[A-Za-z]?"
    r"|(?:Sector|Phase|Stage|Pocket|Zone)[ \t-]?\d{1,3}[A-Z]?"
    # a Portuguese or Spanish floor and side ("1.º Esq.", "3º Dto", "2ª Izda.")
    r"|\d{1,2}\.?[º°ª](?:[ \t]*(?i:Esq|Dto|Dir|Frente|Izq|Izda|Dcha|Drcha|Esquerdo|Direito)\.?)?"
)
_UNIT = re.compile(_UNIT_TEXT)
# A chain's first unit part at the end of a sentence's words ("will visit RR 3, Site 12").
_UNIT_LAST = re.compile(rf"(?<=[ \t])(?:{_UNIT_TEXT})$")
# A planned town's locality: "HSR Layout", "Anna Nagar", "Vasant Vihar Sector 2".
_LOCALITY = re.compile(
    r"(?:[A-Z][\w'-]*[ \t]+){1,2}(?:Layout|Nagar|Colony|Vihar|Enclave|Extension|Puram|Bagh)"
    r"(?:[ \t]+(?:Sector|Phase|Stage|Block)[ \t-]?\d{1,3}[A-Z]?"
    r"|[ \t]+\d{1,2}(?:st|nd|rd|th)[ \t]+(?:Sector|Phase|Stage|Block))?"
)
# Streets the street rules leave to their context: Bengaluru's numbered crosses and mains
# ("3rd Cross", "6th Main Road") and a capitalised name ending in a street type ("Church
# Road").
_STREET_LIKE = re.compile(
    r"\d{1,2}(?:st|nd|rd|th)[ \t]+(?:Cross|Main)(?:[ \t]+(?:Road|Rd\.?))?"
    # the street's word first, as Malay, Portuguese, French, Spanish, Italian, Catalan,
    # Polish and Albanian write it ("Jalan Datuk Tawi Sli", "Rua do Castanheiro")
    r"|(?:Jalan|Jln\.?|Lorong|Persiaran|Lebuh|Rua|Rue|Calle|Avenida|Av\.|Via|Viale|Carrer|"
    r"Strada|Ulica|ul\.|Rruga)(?:[ \t]+(?:de|do|da|dos|das|del|de[ \t]la|des|du|di|della))?"
    r"(?:[ \t]+[A-Z][\w'’-]*){1,4}"
    r"|(?:[A-Z][\w'’-]*[ \t]+){1,3}(?:Road|Rd\.?|Street|St\.?|Avenue|Ave\.?|Lane|Drive|Way|"
    r"Close|Crescent|Terrace|Place|Parade|Court)"
)
# A name with its number after it, as much of the world writes a street ("Godena Harnet
# 171"); also a bed ("Bed 12"): only beside a home's unit part.
_NAME_NUMBER = re.compile(r"(?:[A-Z][\w'’-]*[ \t]+){1,3}\d{1,4}[A-Za-z]?")
# A vital sign, a ventilator setting or a common lab with its value ("HR 124", "SpO2 90",
# "PEEP 8"): an observation, never a name with its number, so no chain's part; the rural
# route's "RR 32" beside one is a respiratory rate ("RR 32, HR 124, SpO2 90").
_MEASURE = re.compile(
    r"(?i:hr|bp|rr|resp|spo2|sao2|sats?|temp|t|gcs|map|cvp|etco2|fio2|peep|pip|ps|vt|rass|uo|"
    r"icp|cpp|pulse|p|bgl|bsl|bm|cbg|rbs|glucose|wt|weight|news2?|mews|pews|pain|hb|cr|"
    r"pao2|paco2|lactate|lac)[ \t]*+(?:[:=][ \t]*+)?\d"
)
# A building's or an estate's name: capitalised words, "at" or "of" between ("Calloway
# Residences", "The Maltings", "The Residences at Sierra Madre Tower").
_NAMED = re.compile(
    r"(?:The[ \t]+)?[A-Z][\w'’-]*(?:[ \t]+(?:(?:at|of|on|de|la)[ \t]+)?[A-Z][\w'’-]*){0,4}"
)
# Joined with a space, not a comma: the block or unit word before a street's house number
# ("Blk 823 Tampines Street", "Unit 6/21 Marine Parade"), and the number of a numbered street
# and its unit after it ("Tampines Street 81 #07-214", "Bukit Batok West Ave 6 #11-302").
_LEAD = re.compile(
    r"(?:Blk|Block|Unit|Apt|Apartment|Flat|No|House[ \t]No|Lot|Plot|Villa|Suite|Shop)\.?[ \t]+$"
)
_TAIL = accelerated(
    re.compile(
        r"[ \t]+\d{1,3}(?=[ \t]*(?:#|,|\n|$|\.(?!\w)))(?:[ \t]*#\d{1,3}-\d{1,5})?"
        r"|[ \t]*#\d{1,3}-\d{1,5}"
    )
)
_PARTS = re.compile(r"[^,\n]+")


def chains(text: str, streets: Sequence[tuple[int, int, float]]) -> list[tuple[int, int, float]]:
    """Address spans made of the parts around the streets found (and of unit parts alone)."""
    out: list[tuple[int, int, float]] = []
    for start, end, score in streets:
        lead = _LEAD.search(text, max(0, start - 12), start)
        tail = _TAIL.match(text, end)
        if (lead and text[start : start + 1].isdigit()) or tail:
            out.append((lead.start() if lead else start, tail.end() if tail else end, score))
    grown = sorted({*streets, *out})
    line_start = 0
    for line in text.split("\n"):
        if "," in line:
            out += _line_chains(line, line_start, grown)
        line_start += len(line) + 1
    best: dict[tuple[int, int], float] = {}
    for start, end, score in out:
        best[start, end] = max(score, best.get((start, end), 0.0))
    return [(start, end, score) for (start, end), score in sorted(best.items())]


def _line_chains(
    line: str, offset: int, streets: Sequence[tuple[int, int, float]]
) -> list[tuple[int, int, float]]:
    parts = [_part(line, offset, m, streets) for m in _PARTS.finditer(line) if m.group().strip()]
    kinds = "".join(p.kind or " " for p in parts)
    for i, part in enumerate(parts):  # a name and a number only beside a home's part
        if part.kind == "N" and "H" not in kinds[max(0, i - 1) : i + 2]:
            parts[i] = _Part(part.start, part.end, "")
    out: list[tuple[int, int, float]] = []
    run: list[_Part] = []
    ends: list[_Part | None] = [*parts, None]  # None closes the last run
    for item in ends:
        if (
            item is not None
            and item.kind
            and (not run or (run[-1].whole_right and item.whole_left))
        ):
            run.append(item)
            continue
        lo, hi = 0, len(run)
        while lo < hi and run[lo].kind == "B":  # names at the ends: the addressee, the town
            lo += 1
        while lo < hi and run[hi - 1].kind == "B":
            hi -= 1
        kinds = "".join(p.kind for p in run[lo:hi])
        units = kinds.count("U") + kinds.count("H")
        if hi - lo > 1 and (
            (units and any(k in kinds for k in "SLTN")) or (units > 1 and "H" in kinds)
        ):
            out.append((run[lo].start, run[hi - 1].end, 0.75))
        run = [item] if item is not None and item.kind else []
    return out


@dataclass(frozen=True)
class _Part:
    start: int
    end: int
    kind: str  # see _part
    whole_left: bool = True  # begins where its comma-separated part begins
    whole_right: bool = True  # ends where it ends


def _part(
    line: str, offset: int, m: re.Match[str], streets: Sequence[tuple[int, int, float]]
) -> _Part:
    """One comma-separated part: H a home's unit part, U another unit part, S a street
    found, T a street by its shape, N a name and a number, L a locality, B a name, "" none.
    A unit or street at the end of a longer part can only open a chain ("will visit RR 3"),
    a street ending early can only close one."""
    text = m.group()
    s = offset + m.start() + len(text) - len(text.lstrip())
    e = offset + m.start() + len(text.rstrip())
    part = line[s - offset : e - offset]
    unit = _UNIT.fullmatch(part)
    if unit:
        return _Part(s, e, "H" if unit.group("home") else "U")
    inside = [(a, b) for a, b, _ in streets if a < e and s < b]
    a, b = min((a for a, _ in inside), default=e), max((b for _, b in inside), default=s)
    if a <= s and b >= e:
        return _Part(s, e, "S")
    for kind, shape in (("L", _LOCALITY), ("T", _STREET_LIKE)):
        if shape.fullmatch(part):
            return _Part(s, e, kind)
    if _MEASURE.match(part):
        return _Part(s, e, "")
    last = _UNIT_LAST.search(line, s - offset, e - offset)
    if last:
        return _Part(offset + last.start(), e, "H" if last.group("home") else "U", False)
    if _NAME_NUMBER.fullmatch(part):
        return _Part(s, e, "N")
    if _NAMED.fullmatch(part):  # a building's name a street rule read a type in ("The Towers
        return _Part(s, e, "B")  # at Marina Point")
    if inside:
        return _Part(max(a, s), min(b, e), "S", a <= s, b >= e)
    return _Part(s, e, "")

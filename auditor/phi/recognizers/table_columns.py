"""Cells of a table column whose header names the kind ("| NAME | AGE | PHONE |", CSV, TSV,
aligned columns), and a log's values whose key names it ("agent_name=...", "dob=...").

Registers, census lists, marathon-tent logs, household registers and audit exports print PHI
in columns with no cue beside each value: the header says it once ("BIB", "Name", "Age",
"Tel", "Village"). A value in such a column is the header's kind whatever its words (a
lower-case name, a bare four-digit bib number, an age of 92 with no "y/o"). Tables here are
blocks of consecutive lines split the same way (pipes, tabs, or runs of two or more blanks),
the first line a header of short labels, at least one a known column label; a row counts only
when it has as many cells as the header, so prose with an odd pipe or a wide gap is left alone.
Each value must still have its kind's shape (digits in a number, letters in a name, an age
over 89); placeholders ("n/a", "unknown", "-") are no one.
"""

from __future__ import annotations

import itertools
import re
from typing import TYPE_CHECKING

from presidio_analyzer import RecognizerResult

from auditor.phi.entities import Entity
from auditor.phi.recognizers.base import LocalRecognizer
from auditor.phi.recognizers.lexicon import HONORIFICS, PERSON_LABELS, POST_TITLES, Lexicon
from auditor.phi.recognizers.patterns import make_result
from auditor.phi.recognizers.tokens import normalize

if TYPE_CHECKING:
    from presidio_analyzer.nlp_engine import NlpArtifacts

SCORE = 0.8
_MAX_CELL = 60
_MAX_HEADER_CELL = 30

# Column labels by the kind of their values (matched against the whole normalised header cell).
_ROLE = (
    PERSON_LABELS + r"|"
    r"(?:signed|checked|prepared|seen|entered|collected|requested|reviewed|verified|taken|"
    r"drawn|given|administered|recorded|completed|issued|returned|received|released|"
    r"[a-z]{3,}ed) by|by|"
    r"full name|surname|last name|family name|first name|given names?|forenames?|names?|"
    r"maiden name|alias|aka|nickname|"
    # a manifest's or a mailing list's addressee, the address after the name in one cell
    r"ship to|deliver to|mail to|send to|bill to|addressee"
)
_LABELS: tuple[tuple[Entity, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(rf"(?:{pattern})"))
    for kind, pattern in (
        (
            Entity.PERSON,
            rf"(?:{_ROLE})(?: name| names| initials)?|(?:{_ROLE}) \(name\)|"
            # a name's parts as exports head them ("patient_last", "pt first name", "LNAME")
            rf"(?:(?:{PERSON_LABELS}) )?(?:last|first|middle|given|family) ?(?:name|nm)|"
            rf"(?:{PERSON_LABELS}) (?:last|first|middle|given|family)|[lfm] ?name|"
            # who ordered, attended or referred, headed by the role alone
            r"(?:ordering|attending|referring|authori[sz]ing)(?: (?:provider|physician|md|dr))?",
        ),
        (Entity.AGE, r"age|age y|age yrs|age years|aged|yrs|years|age at death|age at dx"),
        (
            Entity.DATE_TIME,
            r"dob|date of birth|birth ?date|born|d ?o ?b|dod|date of death|died|"
            r"(?:visit|admission|admit|discharge|service|appt|appointment|event|incident|"
            r"collection|referral|report|exam|death|injury|arrival|onset) date|date|"
            r"admitted|discharged|dos|date seen",
        ),
        (
            Entity.ID_NUMBER,
            r"mrn|mr no|mr number|id|ids|id no|id number|identifier|hospital (?:no|number)|"
            r"record (?:no|number)|chart (?:no|number)|nhs (?:no|number)|chi(?: no| number)?|"
            r"nhi|nric|ssn|sin|phn|medicare(?: no| number)?|medicaid(?: no| number)?|"
            r"member (?:id|no|number)|policy(?: no| number)?|claim(?: no| number)?|"
            r"account(?: no| number)?|acct(?: no)?|fin|csn|encounter(?: no| number)?|"
            r"case (?:no|number|id)|file (?:no|number)|folder(?: no| number)?|"
            r"register (?:no|number)|reg no|bib(?: no| number)?|badge(?: no| number)?|"
            r"(?:employee|staff|patient|client|member|donor|student|national) (?:id|no|number)|"
            r"licen[cs]e(?: no| number)?|serial(?: no| number)?|sn|s n|plate|rego|vin|"
            r"card (?:no|number)|passport(?: no| number)?|kit(?: no| number| id)?|"
            r"sample (?:id|no)|specimen (?:id|no)|accession(?: no| number)?|tag(?: no| number)?|"
            r"login|user|user ?id|user ?name|username|device (?:id|no|serial)|nin|cnic|nic|"
            r"aadhaar|emirates id|hkid|ppsn|pps(?: no)?|tfn|ird(?: no)?|ihi|nhs|mykad|"
            r"ticket(?: no| number)?|voucher(?: no| number)?|booking(?: ref| reference)?|ref|"
            r"reference|ref no|"
            # a study's subject or participant, as research logs and eCRF exports head it
            r"subj|subject(?: id| no| number)?|participant(?: id| no| number)?|ptid|"
            r"screening (?:id|no|number)|enrol?lment (?:id|no|number)|"
            r"randomi[sz]ation (?:id|no|number)|study id|record id",
        ),
        (
            Entity.PHONE_NUMBER,
            r"phone|tel|telephone|mobile|mob|cell|cellphone|contact (?:no|number|phone|tel)|"
            r"fax|pager|bleep|ext|home phone|work phone|phone (?:no|number)|ph|callback|"
            r"call ?back|cb|whatsapp|landline",
        ),
        (Entity.EMAIL_ADDRESS, r"e ?mail|email address"),
        (
            Entity.STREET_ADDRESS,
            r"address|addr|home address|street|street address|residence|residential address|"
            r"postal address|house no|unit address",
        ),
        (
            Entity.LOCATION,
            r"town|city|village|suburb|district|locality|parish|county|municipality|community|"
            r"settlement|hometown|home town|barangay|taluk|tehsil|township|borough|"
            r"neighbourhood|neighborhood|place of birth|birthplace",
        ),
        (Entity.ZIP_CODE, r"zip|zip code|zipcode|postcode|post code|postal code|eircode|pin code"),
        (
            Entity.ORGANIZATION,
            r"employer|school|company|workplace|business|pharmacy|practice|gp practice|"
            r"gp surgery|surgery name|care home|nursing home|facility|hospital|clinic|"
            r"referring (?:hospital|facility|practice|clinic)|transferred (?:from|to)|"
            r"agency|church|congregation|unit name",
        ),
        (
            Entity.HOSPITAL,
            r"ward|unit|nursing unit|dept|department|location|site|floor|service location",
        ),
    )
)
_BRACKETED_NOTE = re.compile(r"[ \t]*\([^()\n]{1,40}\)")
_HOSPITAL_LABELS = re.compile(r"hospital|facility|clinic|care home|nursing home|referring .*")
_PLACEHOLDERS = frozenset(
    {"", "-", "--", "—", "–", "?", "n/a", "na", "nil", "none", "unknown", "unk", "not known",
     "declined", "refused", "self", "same", "yes", "no", "y", "n", "x", "tbc", "tbd", "pending",
     "not given", "not recorded", "not applicable", "nk", "ns", "see above", "as above", "ditto",
     "\"", "''", "redacted", "withheld", "anonymous", "staff", "team", "none known", "nkda"}
)  # fmt: skip
# A line that only draws the table: "|---|:--|", "-----+-----", "=====".
_RULE_LINE = re.compile(r"[\s|+:=\-—–_.*]*")
_BLANKS = re.compile(r"[ \t]{2,}+")
# a remark in brackets ending a name's cell, in capitals or lower case: "(ICU)", "(deceased)"
_REMARK_AFTER = re.compile(r"[ \t]*\((?:[A-Z0-9/&-]{2,6}|[a-z][a-z .,/-]*)\)[ \t]*$")
_LABEL_CELL = re.compile(r"[^\W\d_][^\d\n]{0,29}")
_AGE_VALUE = re.compile(r"(\d{2,3})\s*(?:y|yo|y/o|yrs?|years?)?\.?", re.I)
_INITIALS = re.compile(r"[A-Z](?:[-.][A-Z-]?){1,4}\.?")
# A header's first cell: a short label, then its separator (checked before any split).
_FIRST_LABEL = {
    "|": re.compile(r"[ \t|]*+[^\W\d_][^\d\n|]{0,29}\|"),
    "\t": re.compile(r"[ \t]*+[^\W\d_][^\d\n\t]{0,29}\t"),
    ",": re.compile(r"[ \t]*+\"?[^\W\d_][^\d\n,\"]{0,29}\"?[ \t]*,"),
    " ": re.compile(r"[ \t]*+[^\W\d_][^\d\n]{0,29}?[ \t]{2}"),
}
# A title before a name in a cell ("Dr. Rafiq", "Dre Annick Pelletier", "Sr M. Okafor",
# "Sister Ann").
_TITLE_LEAD = re.compile(
    r"(?i:" + "|".join(sorted(HONORIFICS | {"sister", "nurse"}, key=len, reverse=True)) + r")"
    r"\.?[ \t]+"
)
_NAME_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")


# Clinical-data variable names (CDISC SDTM/CDASH and the like): a subject's id, initials,
# an investigator's name, and any date-time variable ("BRTHDTC", "VISDAT", "RFSTDTC").
_VARIABLES: tuple[tuple[Entity, re.Pattern[str]], ...] = (
    (Entity.ID_NUMBER, re.compile(r"u?subjid|patid|ptid|pid|scrnum|randnum|randno|enrolid")),
    (Entity.PERSON, re.compile(r"init|inits|initials|invnam|invname|ptinit|subjinit")),
    (Entity.DATE_TIME, re.compile(r"brthdtc|brthdat|[a-z]{2,8}(?:dtc|dat)")),
)


def _label_kind(cell: str) -> Entity | None:
    key = " ".join(re.sub(r"[^a-z0-9]+", " ", cell.lower()).split())
    if not key or len(key) > _MAX_HEADER_CELL:
        return None
    for kind, pattern in _VARIABLES:
        if pattern.fullmatch(key):
            return kind
    for kind, pattern in _LABELS:
        if pattern.fullmatch(key):
            if kind is Entity.ORGANIZATION and _HOSPITAL_LABELS.fullmatch(key):
                return Entity.HOSPITAL
            return kind
    return None


def _split(line: str, sep: str) -> list[tuple[int, int]]:
    """Character spans of the stripped cells of ``line`` under separator kind ``sep``."""
    if sep == ",":
        return _csv_cells(line)
    if sep == "|":
        bounds = [-1, *(i for i, c in enumerate(line) if c == "|"), len(line)]
    elif sep == "\t":
        bounds = [-1, *(i for i, c in enumerate(line) if c == "\t"), len(line)]
    else:
        cells, start = [], 0
        for m in _BLANKS.finditer(line):
            cells.append((start, m.start()))
            start = m.end()
        cells.append((start, len(line)))
        return [_strip(line, a, b) for a, b in cells if line[a:b].strip()]
    cells = [_strip(line, a + 1, b) for a, b in itertools.pairwise(bounds)]
    if sep == "|":
        # "| a | b |": the empty cells outside the outer pipes are no columns
        if cells and cells[0][0] == cells[0][1]:
            cells = cells[1:]
        if cells and cells[-1][0] == cells[-1][1]:
            cells = cells[:-1]
    return cells


def _fixed_cells(line: str, starts: list[int]) -> list[tuple[int, int]]:
    """The cells of a fixed-width row under a header whose cells start at ``starts``: a
    legacy printout leaves one blank between values ("ROI2612-0077 12/01/26"), so the row is
    cut at a blank within two characters of each header cell's start; no blank there, no row
    (an empty cell stays a cell)."""
    cuts = [0]
    for s in starts[1:]:
        cut = next(
            (j for j in (s - 1, s, s - 2, s + 1, s + 2) if 0 < j < len(line) and line[j] == " "),
            None,
        )
        if cut is None and s < len(line):
            return []
        cuts.append(min(cut if cut is not None else len(line), len(line)))
    cuts.append(len(line))
    if cuts != sorted(cuts):
        return []
    return [_strip(line, a, b) for a, b in itertools.pairwise(cuts)]


def _csv_cells(line: str) -> list[tuple[int, int]]:
    """Cells of a comma-separated line, a quoted cell's quotes left out ("Okoro, Ada")."""
    cells = []
    start, quoted = 0, False
    for i, c in enumerate(line):
        if c == '"':
            quoted = not quoted
        elif c == "," and not quoted:
            cells.append(_unquote(line, start, i))
            start = i + 1
    cells.append(_unquote(line, start, len(line)))
    return cells


def _unquote(line: str, a: int, b: int) -> tuple[int, int]:
    a, b = _strip(line, a, b)
    if b - a >= 2 and line[a] == '"' and line[b - 1] == '"':
        return _strip(line, a + 1, b - 1)
    return a, b


def _strip(line: str, a: int, b: int) -> tuple[int, int]:
    while a < b and line[a].isspace():
        a += 1
    while b > a and line[b - 1].isspace():
        b -= 1
    return a, b


def _separator(line: str) -> str | None:
    if line.count("|") >= 2 or (line.count("|") == 1 and not line.strip().startswith("|")):
        return "|"
    if "\t" in line.strip():
        return "\t"
    if line.count(",") >= 2:
        return ","
    if _BLANKS.search(line.strip()):
        return " "
    return None


# A log's key=value pair ("agent_name=\"R. Kowal\"", "dob_entered=04221951", "?patient=..."):
# the key is the label, read like a column's.
_KEY_VALUE = re.compile(
    r"(?<![\w.-])([A-Za-z][A-Za-z0-9_.-]{1,30})=(?:\"([^\"\n]{1,60})\"|([^\s&;,|\"'<>]{1,60}))"
)


def _key_kind(key: str) -> Entity | None:
    """A machine key's kind: the whole key, else its leading words ("dob_entered")."""
    words = re.sub(r"[^a-z0-9]+", " ", key.lower()).split()
    for n in range(len(words), 0, -1):
        kind = _label_kind(" ".join(words[:n]))
        if kind is not None:
            return kind
    return None


def header_rows(text: str) -> list[tuple[int, int]]:
    """Character spans of the lines that head a table, in whatever language: three or more
    short cells of letters split by pipes, tabs or wide gaps, over a row split the same way
    into as many cells with a digit in it ("Cliente   Edad   Teléfono" over "Reyes Ochoa,
    Filiberto   67   956-555-0112"). Its words name columns, not people; the de-identifier's
    sweep leaves them (the engine's own findings still go)."""
    if "|" not in text and "\t" not in text and "  " not in text:
        return []
    rows: list[tuple[int, int]] = []
    lines = text.split("\n")
    offset = 0
    for i, line in enumerate(lines):
        start, offset = offset, offset + len(line) + 1
        sep = _separator(line)
        if sep not in ("|", "\t", " ") or len(line) > 400 or not _FIRST_LABEL[sep].match(line):
            continue
        cells = _split(line, sep)
        if len(cells) < 3 or not all(_LABEL_CELL.fullmatch(line[a:b]) for a, b in cells):
            continue
        below = next((x for x in lines[i + 1 : i + 3] if not _RULE_LINE.fullmatch(x)), "")
        # the row's own separator may read otherwise ("Ochoa, Filiberto" has commas)
        if len(_split(below, sep)) == len(cells) and any(c.isdigit() for c in below):
            rows.append((start, start + len(line)))
    return rows


class TableColumnRecognizer(LocalRecognizer):
    """Values under a column label that names their kind (module docstring)."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        super().__init__(
            "AuditorTableColumnRecognizer",
            [kind.value for kind, _ in _LABELS] + [Entity.HOSPITAL.value],
        )

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        results: list[RecognizerResult] = []
        if "=" in text:
            results += self._key_values(text)
        if "|" not in text and "\t" not in text and "  " not in text and "," not in text:
            return results
        lines: list[tuple[int, str]] = []
        pos = 0
        for line in text.split("\n"):
            lines.append((pos, line))
            pos += len(line) + 1
        i = 0
        while i < len(lines):
            header = self._header(lines[i][1])
            if header is None:
                i += 1
                continue
            sep, kinds = header
            starts = [a for a, _ in _split(lines[i][1], sep)] if sep == " " else []
            i += 1
            while i < len(lines):
                offset, line = lines[i]
                if not line.strip() or _separator(line) != sep:
                    if line.strip() and _RULE_LINE.fullmatch(line):
                        i += 1
                        continue
                    break
                cells = _split(line, sep)
                if self._header(line) is not None:
                    break  # a new table starts
                if len(cells) != len(kinds) and starts:
                    cells = _fixed_cells(line, starts) or cells
                if len(cells) == len(kinds):
                    for (a, b), kind in zip(cells, kinds, strict=True):
                        if kind is not None:
                            span = self._value(line, a, b, kind)
                            if span is not None:
                                s, e, entity = span
                                results.append(
                                    make_result(self, entity, offset + s, offset + e, SCORE)
                                )
                i += 1
        return results

    def _key_values(self, text: str) -> list[RecognizerResult]:
        out = []
        for m in _KEY_VALUE.finditer(text):
            kind = _key_kind(m.group(1))
            if kind is None:
                continue
            g = 2 if m.group(2) is not None else 3
            span = self._value(text, m.start(g), m.end(g), kind)
            if span is not None:
                out.append(make_result(self, span[2], span[0], span[1], SCORE))
        return out

    def _header(self, line: str) -> tuple[str, list[Entity | None]] | None:
        """The separator and each column's kind, when ``line`` is a table's header."""
        sep = _separator(line)
        if sep is None or len(line) > 400 or not _FIRST_LABEL[sep].match(line):
            return None  # most lines fail on their first cell: no split, no per-cell test
        cells = _split(line, sep)
        if len(cells) < 2:
            return None
        # a note in brackets after a label says how to fill it in: "recipient (first name ok)"
        texts = [_BRACKETED_NOTE.sub("", line[a:b]).strip() for a, b in cells]
        if not all(_LABEL_CELL.fullmatch(t) for t in texts):
            return None
        kinds = [_label_kind(t) for t in texts]
        known = sum(k is not None for k in kinds)
        # Blank- and comma-separated columns are easy to fake in prose: two known labels.
        if known == 0 or (sep in " ," and (known < 2 or len(cells) < 3)):
            return None
        return sep, kinds

    def _value(self, line: str, a: int, b: int, kind: Entity) -> tuple[int, int, str] | None:
        value = line[a:b]
        if len(value) > _MAX_CELL or value.strip().lower().strip(".") in _PLACEHOLDERS:
            return None
        digits = sum(c.isdigit() for c in value)
        if kind is Entity.AGE:
            m = _AGE_VALUE.fullmatch(value)
            if m and 90 <= int(m.group(1)) <= 130:
                return a + m.start(1), a + m.end(1), kind.value
            return None
        if kind in (Entity.ID_NUMBER, Entity.ZIP_CODE):
            if kind is Entity.ID_NUMBER and digits == 0:
                return self._login(value, a, b)
            if digits == 0 or len(value.replace(" ", "")) < 3 or " " in value.strip()[:1]:
                return None
            if len(value.split()) > 4:
                return None
            return a, b, kind.value
        if kind is Entity.PHONE_NUMBER:
            return (a, b, kind.value) if digits >= 6 else None
        if kind is Entity.DATE_TIME:
            return (a, b, kind.value) if digits and len(value) <= 30 else None
        if kind is Entity.EMAIL_ADDRESS:
            return (a, b, kind.value) if "@" in value else None
        if digits and kind is Entity.PERSON:
            # an addressee's cell, the address after the name ("Lundgren, Eskil, 402 N Walnut
            # St, ..."): the name is the parts before the first with a digit in it
            parts = value.split(",")
            lead = list(itertools.takewhile(lambda p: not any(c.isdigit() for c in p), parts))
            if len(lead) < 2 or len(lead) == len(parts):
                return None  # "Family, Given" first; "Float, 4N" is a cell, not an addressee
            b = a + len(",".join(lead).rstrip())
            value = line[a:b]
        elif digits and kind is Entity.LOCATION:
            return None
        if kind is Entity.HOSPITAL and not (
            digits or (len(value.split()) >= 2 and any(c.isupper() for c in value))
        ):
            return None  # "ED", "Oncology", "mg": a unit's kind or a unit of measure
        if kind is Entity.PERSON:
            if _INITIALS.fullmatch(value):
                return a, b, kind.value  # "H-J-M", "A.R.K.": a subject's initials
            b = a + self._without_credentials(value)
            remark = _REMARK_AFTER.search(line, a, b)
            if remark:
                b = remark.start()  # "Delgado-Fitch, Amparo (ICU)": where, not who
            title = _TITLE_LEAD.match(line, a, b)
            if title and title.end() < b:
                a = title.end()  # "Dr. Rafiq": the title is no part of the name
            value = line[a:b]
        words = _NAME_WORD.findall(value)
        if not words or len(words) > 6:
            return None
        if kind is Entity.PERSON and not any(self._name_like(w) for w in words):
            return None
        return a, b, kind.value

    def _without_credentials(self, value: str) -> int:
        """Length of ``value`` before a trailing ", RN" or ", charge RN": the signer's
        credential or role is no part of the name."""
        comma = value.rfind(",")
        if comma <= 0:
            return len(value)
        tail = _NAME_WORD.findall(value[comma + 1 :].replace(".", ""))
        lex = self.lexicon
        if (
            tail
            and any(normalize(w) in POST_TITLES for w in tail)
            and all(
                normalize(w) in POST_TITLES or (w.islower() and lex.is_english(w)) for w in tail
            )
        ):
            return len(value[:comma].rstrip())
        return len(value)

    def _name_like(self, word: str) -> bool:
        """A word that may be a name: capitalised, a listed name, or no English word."""
        key = normalize(word)
        lex = self.lexicon
        if key in lex.stoplist or len(key) < 2:
            return False
        return word[:1].isupper() or lex.is_name(key) or not lex.is_english(key)

    def _login(self, value: str, a: int, b: int) -> tuple[int, int, str] | None:
        token = value.strip()
        if re.fullmatch(r"[a-z][a-z0-9._]{3,19}", token) and not self.lexicon.is_english(
            token.rstrip("0123456789")
        ):
            return a, b, Entity.ID_NUMBER.value
        return None

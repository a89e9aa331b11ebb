"""Safe Harbor operators: one call turns a detected value into its de-identified form.

``Deidentifier.replace(entity_type, value, patient=...)`` applies the profile's operator for
that entity type: surrogate, keyed token, redaction, per-patient date shift or year, ZIP3,
age cap. ``Deidentifier.text`` applies a list of PHI-engine spans to free text. Every
replacement is counted (by entity type and operator) and, on request, written to the
encrypted re-identification map; nothing is logged.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Protocol

from auditor.deid import dates
from auditor.deid.edges import widen
from auditor.deid.profiles import Operator, Profile
from auditor.deid.surrogates import Keyed, Surrogates, phone_token, shape_token
from auditor.deid.sweep import Covered
from auditor.deid.zip3 import generalise_zip
from auditor.fingerprint import normalise
from auditor.phi.calendar import AGE_OVER_89, AGE_OVER_89_ROMANCE, HOLIDAY
from auditor.phi.entities import IDENTIFIER_TYPES, Entity, TypedSpan
from auditor.phi.recognizers.headed_names import GENERIC

if TYPE_CHECKING:
    from auditor.deid.sweep import Sweep

# States the operators keep when a recognizer called them a place (Safe Harbor allows a
# state). "New York" and "Washington" are not here: each is as often the city ("New York,
# NY 10031", "Washington, DC"), and a de-identifier removes what it cannot tell apart.
_STATES = {
    "alabama", "alaska", "arizona", "arkansas", "california", "colorado", "connecticut",
    "delaware", "district of columbia", "florida", "georgia", "hawaii", "idaho", "illinois",
    "indiana", "iowa", "kansas", "kentucky", "louisiana", "maine", "maryland", "massachusetts",
    "michigan", "minnesota", "mississippi", "missouri", "montana", "nebraska", "nevada",
    "new hampshire", "new jersey", "new mexico", "north carolina", "north dakota",
    "ohio", "oklahoma", "oregon", "pennsylvania", "rhode island", "south carolina",
    "south dakota", "tennessee", "texas", "utah", "vermont", "virginia", "west virginia",
    "wisconsin", "wyoming", "puerto rico", "guam",
    "al", "ak", "az", "ar", "ca", "co", "ct", "de", "dc", "fl", "ga", "hi", "id", "il", "in",
    "ia", "ks", "ky", "la", "me", "md", "ma", "mi", "mn", "ms", "mo", "mt", "ne", "nv", "nh",
    "nj", "nm", "ny", "nc", "nd", "oh", "ok", "or", "pa", "ri", "sc", "sd", "tn", "tx", "ut",
    "vt", "va", "wa", "wv", "wi", "wy", "pr",
    "usa", "us", "u.s.", "u.s.a.", "united states", "united states of america", "america",
}  # fmt: skip
_BIRTH_CONTEXT = re.compile(
    r"(\bdob\b|\bd\.o\.b\.?|date of birth|\bborn\b|birth\s*date|birthday|\bb\.?\s*d\.?\s*:|"
    r"year of birth|birth\s*year|\byob\b)"
    r"[\s:=\-,]*((?:on|in)\s+)?$",
    re.IGNORECASE,
)
_NUMBER = re.compile(r"\d+")
_AGE_NUMBER = re.compile(r"\d+(?:st|nd|rd|th)?")
_AGE_WORDS_90 = re.compile(rf"\b(?:{AGE_OVER_89}|nineties|{AGE_OVER_89_ROMANCE})\b", re.I)
_IPV4 = re.compile(r"(\d{1,3}\.){3}\d{1,3}")
_KEEP_VALUE = "keep"
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
# The trailing words of a facility's or a firm's name that say its kind, not which one.
_PLACE_HEADS = GENERIC
_TITLE_WORDS = {"dr", "mr", "mrs", "ms", "miss", "prof", "md", "rn", "np", "pa", "jr", "sr",
                "ii", "iii", "iv", "phd", "do", "dds", "st"}  # fmt: skip
MEMO_LIMIT = 100_000


class Span(TypedSpan, Protocol):
    """What the operators need of a PHI-engine span (``auditor.phi.engine.PhiSpan``)."""

    @property
    def score(self) -> float: ...


@dataclass
class Ledger:
    """Counts by entity type and operator, plus what the output may legitimately contain.

    ``produced`` holds normalised replacement words, so the residual scan can tell a
    surrogate (``Mark Jones``: expected, it looks like a name) from a missed original.
    """

    counts: Counter[tuple[str, str]] = field(default_factory=Counter)
    produced: set[str] = field(default_factory=set)
    limit: int = 500_000

    def add(self, entity_type: str, operator: str, replacement: str) -> None:
        self.counts[(entity_type, operator)] += 1
        if operator != _KEEP_VALUE and len(self.produced) < self.limit:
            self.produced.add(normalise(replacement))
            self.produced.update(w for w in re.split(r"\W+", replacement.casefold()) if w)

    def merge(self, other: Ledger) -> None:
        self.counts.update(other.counts)
        self.produced |= other.produced

    def by_type(self) -> dict[str, dict[str, int]]:
        out: dict[str, dict[str, int]] = {}
        for (entity, op), n in sorted(self.counts.items()):
            out.setdefault(entity, {})[op] = n
        return out


class ReidSink(Protocol):
    def add(self, entity_type: str, original: str, replacement: str) -> None: ...


@dataclass
class HeldPairs:
    """A row's re-identification pairs, held until the row is written: a quarantined row's
    originals must not reach the map (nothing of it left the building)."""

    pairs: list[tuple[str, str, str]] = field(default_factory=list)

    def add(self, entity_type: str, original: str, replacement: str) -> None:
        self.pairs.append((entity_type, original, replacement))

    def release(self, sink: ReidSink) -> None:
        for entity_type, original, replacement in self.pairs:
            sink.add(entity_type, original, replacement)


# Values that name a day without a form the shifter reads: holidays, de-id brackets, "3-3".
_UNREADABLE_DATE = re.compile(
    r"\[\*\*[^\]]*\d[^\]]*\*\*\]|(?<![\d:])\d{1,2}-\d{1,2}(?![\d:])" + rf"|\b(?:{HOLIDAY})",
    re.I,
)

# What a date span may be and still name no day: a bare year, a clock time, a relative
# phrase ("two weeks ago", "last night", "3 days"). Anything else without a readable year is
# redacted ("twelve five nineteen forty nine", dictated).
_NO_DAY = re.compile(
    r"\s*(?:(?:19|20)\d{2}s?|\d{1,2}(?::\d{2}){1,2}(?:[.,]\d+)?(?:\s*[ap]\.?m\.?)?|\d{1,2}\s*[ap]\.?m\.?|"
    r"today|tonight|yesterday|tomorrow|overnight|now|recently|"
    r"(?:this|last|next|that|the\s+same|the\s+previous|the\s+following)\s+"
    r"(?:morning|afternoon|evening|night|day|week|weekend|month|year)|"
    r"(?:(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|few|couple|\d{1,3})\s+)?"
    r"(?:of\s+)?(?:hours?|days?|weeks?|months?|years?|nights?|decades?)(?:\s+(?:ago|later|earlier|"
    r"before|after|prior))?)\s*",
    re.I,
)
# Years a date span can hold outside a form the date grammar reads: "Christmas 2019",
# "Apr '88" ("'88": two digits after an apostrophe).
_LOOSE_YEAR = re.compile(r"(?<![\d.,:/-])(?:(?:18|19|20)\d{2}|['’]\d{2})(?![\d:/-]|s\b)")


def _whole_years(days: int) -> bool:
    """Whether ``days`` can span a whole number of years: 365k plus up to one leap day
    per four years (731 = 2 years with a 29 February)."""
    years, rest = divmod(days, 365)
    return years >= 1 and rest <= (years + 3) // 4


class Deidentifier:
    """The operators of one profile under one key; ``reference`` dates ages (run date)."""

    def __init__(
        self,
        key: bytes,
        profile: Profile,
        *,
        shift_days: int,
        reference: date,
        reid: ReidSink | None = None,
        ambiguous: Callable[[str], bool] | None = None,
        sweep: Sweep | None = None,
    ) -> None:
        if shift_days < 1:
            raise ValueError("shift_days must be at least 1")
        self.profile = profile
        self.shift_days = shift_days
        self.reference = reference
        self.ledger = Ledger()
        self._keyed = Keyed(key)
        self._surrogates = Surrogates(self._keyed)
        # Where original -> replacement pairs go (``--reid-map``); Parquet swaps in a
        # ``HeldPairs`` per row, as it does the ledger.
        self.reid = reid
        # Tells a name word that is also an ordinary word ("Will", "Porter"): such words are
        # not propagated through a note. Without it only whole multi-word names propagate.
        self._ambiguous = ambiguous
        # What the engine left that may still identify (the profile's recall sweep).
        self._sweep = sweep
        self._memo: dict[tuple[str, str, str, bool], tuple[str, str]] = {}
        self._last: tuple[str, str] | None = None

    def __repr__(self) -> str:
        return f"Deidentifier(profile={self.profile.name}, shift=±{self.shift_days})"

    # -- building blocks ------------------------------------------------------------------
    def shift_for(self, patient: str) -> int:
        """Per-patient offset in [-N, -1] ∪ [1, N] days: never 0 nor a whole number of
        years, stable for the key."""
        n = self.shift_days
        r = self._keyed.number("date-shift", normalise(patient)) % (2 * n)
        offset = r - n if r < n else r - n + 1
        while _whole_years(abs(offset)):
            # A whole number of years would write "7/22" (no year shown) back as it was.
            offset += -1 if offset > 0 else 1
        return offset

    def token(self, value: str, *, hex_safe: bool = False) -> str:
        return shape_token(self._keyed, "id", value, hex_safe=hex_safe)

    def _done(self, entity: str, op: str, original: str, replacement: str) -> str:
        self._last = (op, replacement)
        self.ledger.add(entity, op, replacement)
        if self.reid is not None and op != _KEEP_VALUE and replacement != original:
            self.reid.add(entity, original, replacement)
        return replacement

    # -- the operators ------------------------------------------------------------------
    def replace(
        self, entity_type: str, value: str, *, patient: str = "", birth: bool = False
    ) -> str:
        """The de-identified form of ``value`` (a whole cell or a detected span)."""
        if not value.strip():
            return value
        # Exports repeat values (the same MRN, name, date on every row): memoise the result.
        key = (entity_type, value, patient if entity_type == Entity.DATE_TIME else "", birth)
        hit = self._memo.get(key)
        if hit is not None:
            return self._done(entity_type, hit[0], value, hit[1])
        self._last = None
        out = self._replace(entity_type, value, patient=patient, birth=birth)
        if self._last is not None and len(self._memo) < MEMO_LIMIT:
            self._memo[key] = self._last
        return out

    def _replace(self, entity_type: str, value: str, *, patient: str, birth: bool) -> str:
        op = self.profile.operator_for(entity_type)
        if op is Operator.KEEP:
            return self._done(entity_type, op.value, value, value)
        if op is Operator.REDACT:
            return self._done(entity_type, op.value, value, self.profile.redaction_for(entity_type))
        if op is Operator.HMAC:
            return self._done(entity_type, op.value, value, self.token(value))
        if op in (Operator.SHIFT, Operator.YEAR):
            return self._date(entity_type, value, op, patient=patient, birth=birth)
        if op is Operator.ZIP3:
            out = generalise_zip(value)
            if out is None:
                return self._done(
                    entity_type, "redact", value, self.profile.redaction_for(entity_type)
                )
            return self._done(entity_type, op.value, value, out)
        if op is Operator.AGE:
            return self._age(entity_type, value)
        return self._surrogate(entity_type, value, patient=patient)

    def _surrogate(self, entity: str, value: str, *, patient: str) -> str:
        s = self._surrogates
        e = entity
        if e == Entity.PERSON:
            out = s.person(value)
        elif e == Entity.LOCATION:
            if normalise(value).strip(" .,") in _STATES:
                return self._done(e, _KEEP_VALUE, value, value)
            out = s.street(value) if value.strip()[:1].isdigit() else s.city(value)
        elif e == Entity.STREET_ADDRESS:
            out = s.street(value)
        elif e == Entity.HOSPITAL:
            out = s.hospital(value)
        elif e == Entity.ORGANIZATION:
            out = s.organisation(value)
        elif e == Entity.EMAIL_ADDRESS:
            out = s.email(value)
        elif e == Entity.IP_ADDRESS:
            if not _IPV4.fullmatch(value.strip()):
                return self._done(e, "redact", value, self.profile.redaction_for(e))
            out = s.ipv4(value)
        elif e == Entity.URL:
            out = "https://example.org/" + self._keyed.digest("url", normalise(value)).hex()[:12]
        elif e == Entity.AGE:
            return self._age(e, value)
        elif e == Entity.DATE_TIME:
            return self._date(e, value, Operator.SHIFT, patient=patient, birth=False)
        elif e == Entity.ZIP_CODE:
            out = generalise_zip(value) or self.profile.redaction_for(e)
        elif e in (Entity.PHONE_NUMBER, Entity.FAX_NUMBER):
            out = phone_token(self._keyed, value)
        else:  # identifiers: same-shape keyed digits and letters
            out = self.token(value)
        return self._done(e, Operator.SURROGATE.value, value, out)

    def _age(self, entity: str, value: str) -> str:
        def cap(m: re.Match[str]) -> str:
            return "90+" if int(m.group(0).rstrip("stndrh")) > 89 else m.group(0)

        out = _AGE_NUMBER.sub(cap, value)  # "100th" (birthday) -> "90+"
        out = _AGE_WORDS_90.sub("90+", out)  # "ninety-two", "a hundred", "nineties"
        op = Operator.AGE.value if out != value else _KEEP_VALUE
        return self._done(entity, op, value, out)

    def over_89(self, value: str) -> bool:
        """A birth date that says its person is, or may be, over 89 at the reference date.

        A year alone ("1931", a FHIR birthDate may be one) or a month and year count from
        their first day: when unsure, the year goes (Safe Harbor removes every date element,
        the year included, indicative of an age over 89)."""
        born = dates.first_full_date(value, self.reference.year) or _earliest_birth(
            value, self.reference.year
        )
        return born is not None and dates.age_on(born, self.reference) > 89

    def _date(self, entity: str, value: str, op: Operator, *, patient: str, birth: bool) -> str:
        ref_year = self.reference.year
        found = dates.find_dates(value, ref_year)
        drop_year = birth and self.over_89(value)
        if op is Operator.YEAR:
            return self._year_only(entity, value, found, drop_year=drop_year)
        if drop_year and not any(fd.has_day for fd in found):
            # "born in 1931", "DOB: March 1931": nothing left once the year goes
            return self._done(entity, "drop_year", value, self.profile.redaction_for(entity))
        if not found:
            if _UNREADABLE_DATE.search(value):
                # "Christmas", "[**3-3**]": a date the shifter cannot read is removed, not kept.
                return self._done(entity, "redact", value, self.profile.redaction_for(entity))
            # "2014", "10:30", "two weeks ago", "Monday": no date element but the year.
            return self._done(entity, _KEEP_VALUE, value, value)
        try:
            out = dates.transform(
                value,
                offset_days=self.shift_for(patient),
                ref_year=ref_year,
                drop_year=drop_year,
                found=found,
            )
        except OverflowError:  # 0001-01-01 / 9999-12-31 placeholders shifted off the calendar
            out = None
        if out is None:
            return self._done(entity, "redact", value, self.profile.redaction_for(entity))
        label = "drop_year" if drop_year else op.value
        return self._done(entity, label, value, out)

    def _year_only(
        self, entity: str, value: str, found: list[dates.FoundDate], *, drop_year: bool
    ) -> str:
        """Safe Harbor: of a date related to the individual only the year may stay.

        The span is rewritten as its year(s) alone, so a clock time, weekday, ordinal day or
        month next to the date goes with it ("Tue 3 Feb 2014 10:30" -> "2014"); a span with
        a day or month and no year is redacted whole. Only a span that names no day at all (a
        bare year, "10:30", "two weeks ago") is kept; what cannot be read is redacted.
        """
        years: list[str] = []
        rest = value
        for fd in reversed(found):
            if fd.has_year:
                years.insert(0, f"{fd.value.year:04d}")
            rest = rest[: fd.start] + " " + rest[fd.end :]
        if _NO_DAY.fullmatch(value) and not drop_year:
            return self._done(entity, _KEEP_VALUE, value, value)
        years += [
            str(dates.year_of(m.group(), self.reference.year)) for m in _LOOSE_YEAR.finditer(rest)
        ]
        if drop_year or not years:
            return self._done(entity, "redact", value, self.profile.redaction_for(entity))
        out = " ".join(dict.fromkeys(years))
        return self._done(entity, Operator.YEAR.value, value, out)

    # -- free text -----------------------------------------------------------------------
    def edits(
        self, text: str, spans: Iterable[Span], *, patient: str = ""
    ) -> list[tuple[int, int, str]]:
        """(start, end, replacement) per applied span; overlaps resolve to the longest."""
        chosen = select_spans(spans, self.profile.min_score)
        if self._sweep is not None:
            chosen = sorted([*chosen, *self._sweep.spans(text, chosen)], key=lambda s: s.start)
            chosen = widen(text, chosen, self._sweep.lexicon)
        if not patient:
            patient = patient_from_spans(text, chosen)
        out = []
        names: set[str] = set()
        places: dict[str, str] = {}
        for sp in chosen:
            start, end = _trim(text, sp.start, sp.end)
            if end <= start:
                continue
            value = text[start:end]
            birth = bool(_BIRTH_CONTEXT.search(text[max(0, start - 30) : start]))
            new = self.replace(sp.entity_type, value, patient=patient, birth=birth)
            out.append((start, end, new))
            if sp.entity_type == Entity.PERSON:
                names.update(self._name_keys(value))
                names.update(_initials_given(text, end, value))
            elif sp.entity_type in (Entity.HOSPITAL, Entity.ORGANIZATION):
                short = _short_name(value, self._ambiguous)
                if short:
                    places.setdefault(short.lower(), str(sp.entity_type))
        if names:
            out = self._propagate(text, out, names, patient)
        if places:
            out = self._propagate_places(text, out, places, patient)
        return out

    def _propagate_places(
        self, text: str, edits: list[tuple[int, int, str]], places: dict[str, str], patient: str
    ) -> list[tuple[int, int, str]]:
        """Replace a facility's or a firm's name said again without its head word ("seen at
        Harbor Lights Behavioral Health ... back to Harbor Lights"; "rankin crossing clinic
        ... event was at rankin crossing"): two words or more, in any case."""
        pattern = re.compile(
            r"(?<![^\W_])(" + "|".join(re.escape(n) for n in sorted(places, key=len, reverse=True))
            + r")(?![^\W_])",
            re.IGNORECASE,
        )  # fmt: skip
        out = list(edits)
        for m in pattern.finditer(text):
            one_word = " " not in m.group(0)
            if one_word and not m.group(0)[0].isupper():
                continue  # a one-word name again only as a name is written: "Penfallow"
            inside = [x for x in out if x[0] < m.end() and m.start() < x[1]]
            if one_word and inside:
                continue  # replaced already as what it is there ("Wodonga" the town)
            if any(s < m.start() or e > m.end() for s, e, _ in inside):
                continue  # a wider span holds part of it
            # a part replaced already ("rankin" as a place) goes with the whole
            out = [x for x in out if x not in inside]
            kind = places[m.group(0).lower()]
            out.append((m.start(), m.end(), self.replace(kind, m.group(0), patient=patient)))
        return sorted(out)

    def _name_keys(self, value: str) -> list[str]:
        """Name words (and the whole name) worth finding again elsewhere in the same text."""
        words = [w for w in _WORD.findall(value) if w.lower() not in _TITLE_WORDS]
        keys = [" ".join(words)] if len(words) > 1 else []
        if self._ambiguous is not None:
            keys += [w for w in words if len(w) >= 3 and not self._ambiguous(w.lower())]
        return keys

    def _propagate(
        self, text: str, edits: list[tuple[int, int, str]], names: set[str], patient: str
    ) -> list[tuple[int, int, str]]:
        """Replace further mentions of a name the engine found once in this text (a note says
        "Mr. Blake" after "Peter Blake"): document-level consistency, as PhysioNet deid does."""
        pattern = re.compile(
            r"(?<![^\W_])(" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
            + r")(?![^\W_])",
            re.IGNORECASE,
        )  # fmt: skip
        # (the matches come in order and do not overlap: the edits alone can hold one)
        covered = Covered([(s, e) for s, e, _ in edits])
        extra = []
        for m in pattern.finditer(text):
            if not m.group(0)[:1].isupper():
                continue  # "will" the verb, not "Will" the name
            if not covered.free(m.start(), m.end()):
                continue
            new = self.replace(Entity.PERSON.value, m.group(0), patient=patient)
            extra.append((m.start(), m.end(), new))
        return sorted(edits + extra) if extra else edits

    def text(self, text: str, spans: Iterable[Span], *, patient: str = "") -> str:
        """Apply engine spans to ``text``; the rest of the text is left exactly as it was."""
        out = []
        pos = 0
        for start, end, new in self.edits(text, spans, patient=patient):
            out.append(text[pos:start])
            out.append(new)
            pos = end
        out.append(text[pos:])
        return "".join(out)


# Initials a text gives a name once, in brackets right after it: "Kendra Moe (KM)".
_INITIALS_AFTER = re.compile(r"[ \t]*\(([A-Z]{2,3})\)")


def _initials_given(text: str, end: int, value: str) -> list[str]:
    """The initials a text defines for a name just after it ("Kendra Moe (KM)", "Tyler Rask
    (TR)"), when they are the name's: logs and tables then write the person as "KM / TR",
    which no name list can read."""
    m = _INITIALS_AFTER.match(text, end)
    if m is None:
        return []
    words = [w for w in _WORD.findall(value) if w.lower() not in _TITLE_WORDS]
    initials = "".join(w[0] for w in words).upper()
    given = m.group(1)
    return [given] if initials == given or initials[:1] + initials[-1:] == given else []


def _short_name(value: str, ambiguous: Callable[[str], bool] | None = None) -> str | None:
    """A facility's or a firm's name without its head word, when two words or more are left
    that are not all generic ("Harbor Lights" of "Harbor Lights Behavioral Health"), or one
    capitalised word of five letters or more that is no word ("Penfallow" of "Penfallow Manor
    nursing home"; with ``ambiguous``, the lexicon's test for a word that needs a cue)."""
    words = _WORD.findall(value)
    while words and words[-1].lower() in _PLACE_HEADS:
        words.pop()
    if len(words) == 1 and len(words) < len(_WORD.findall(value)) and ambiguous is not None:
        word = words[0]
        if (
            len(word) >= 5
            and word[0].isupper()
            and word[1:].islower()
            and not ambiguous(word.lower())
        ):
            return word if word in value else None
        return None
    if len(words) < 2 or len(words) == len(_WORD.findall(value)):
        return None
    if all(w.lower() in _PLACE_HEADS or w.lower() in _TITLE_WORDS for w in words):
        return None
    return " ".join(words) if " ".join(words) in value else None


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Leave surrounding blanks and sentence punctuation (``Main Street.``) in place."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    if end > start + 1 and text[end - 1] == "." and not text[end - 2].isupper():
        end -= 1  # a sentence full stop, not the dot of an initial ("J.") or "Jr."
    return start, end


@dataclass(frozen=True)
class _Region:
    entity_type: str
    start: int
    end: int
    score: float


# A year alone, or an HL7 DTM's year and month ("193106").
_BARE_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(0[1-9]|1[0-2])?(?!\d)")


def _earliest_birth(value: str, ref_year: int) -> date | None:
    """The first day a partial birth date may mean: "1931" -> 1931-01-01, "Mar 1931" ->
    1931-03-01."""
    for fd in dates.find_dates(value, ref_year):
        if fd.has_year:
            return date(fd.value.year, fd.value.month if fd.has_month else 1, 1)
    m = _BARE_YEAR.search(value)
    return date(int(m.group(1)), int(m.group(2) or 1), 1) if m else None


_PLACE_TYPES = frozenset({Entity.HOSPITAL, Entity.ORGANIZATION, Entity.LOCATION})


def select_spans(spans: Iterable[Span], min_score: float = 0.0) -> list[Span]:
    """Non-overlapping regions, in order. Overlapping spans merge into their union (nothing
    any of them covered is left behind), typed by the longest of them (then the best score).
    """
    ordered = sorted(
        (s for s in spans if s.score >= min_score and s.end > s.start),
        key=lambda s: (s.start, -s.end),
    )
    out: list[Span] = []
    group: list[Span] = []
    end = -1
    for s in [*ordered, None]:
        if s is not None and group and s.start < end:
            group.append(s)
            end = max(end, s.end)
            continue
        if group:
            best = max(group, key=lambda g: (g.end - g.start, g.score))
            ids = [g for g in group if g.entity_type in IDENTIFIER_TYPES]
            if ids and best.entity_type not in IDENTIFIER_TYPES:
                # A name joined to a number ("MICGP, IMC 301882"): a name surrogate keeps
                # what is no name word, digits included; the identifier's keyed token of the
                # same shape replaces every letter and digit of the union.
                best = max(ids, key=lambda g: (g.end - g.start, g.score))
            elif best.entity_type != Entity.DATE_TIME and any(
                g.entity_type == Entity.DATE_TIME and g.end > best.end for g in group
            ):
                # A name run into a date ("Septra Dec" of "Septra Dec 1"): a name surrogate
                # keeps the day's digits; the date operator removes the whole union.
                best = max(
                    (g for g in group if g.entity_type == Entity.DATE_TIME),
                    key=lambda g: (g.end - g.start, g.score),
                )
            elif best.entity_type == Entity.PERSON and any(
                g.entity_type in _PLACE_TYPES and g.start < best.start for g in group
            ):
                # A person read inside a place's name ("Eadburga Parish" of "St. Eadburga
                # Parish"): a name surrogate keeps the words it takes for no name ("St."),
                # so the place's type, which starts the union, replaces it whole.
                best = max(
                    (g for g in group if g.entity_type in _PLACE_TYPES),
                    key=lambda g: (g.end - g.start, g.score),
                )
            if len(group) == 1:
                out.append(best)
            else:
                out.append(_Region(best.entity_type, group[0].start, end, best.score))
        if s is not None:
            group, end = [s], s.end
    return out


def patient_from_spans(text: str, spans: Sequence[Span]) -> str:
    """A note's patient, for its date shift: the first MRN it mentions, if any."""
    for s in spans:
        if s.entity_type == Entity.MEDICAL_RECORD_NUMBER:
            return text[s.start : s.end]
    return ""

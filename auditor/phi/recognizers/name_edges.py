"""The small parts at a found name's edges: initials ("R. Mbappé", "N. G. Sithole",
"Teagan M.", "Mwakyusa, G.", "kimberly t."), a given name written short ("Md. Saiful
Munshi"), a surname's particle ("Ó Broin", "Pádraig Ó
Gallchóir", "P. van Wyk", "Mr ap Rhys"), a hyphenated given name's short part ("Jong-ho"),
such a given name before a surname ("Ji-woo Park"), the other half of a double-barrelled
surname ("McCRAE-" of "McCRAE-BOONE"); and what lies beside a name without being
part of it, which a rule may have taken in: a form of address before it ("Puan Noraini", "Frau
Keller") and a generation after it ("Hebert JR", "Carl Mann III"): both name no one
(``bare_bounds``). After a surname alone and its comma, the engine adds the given name when no
list explains the word otherwise (in capitals after capitals too); before a given name's comma
where a field, a line or a chat stamp's bracket opens, the surname ("Meadowcraft, Harold J
DOB ...", "[7:02 PM] Zborowski, Holly"), a surname in capitals with a name's letters after
any word ("Applicant UWAMAHORO, SOLANGE"), and one in Title case after a word where the age or
sex follows ("Assumed care of Dewbre, Harlan, 62 M"); a nickname in quotes after a name, or in
quotes or brackets before the surname ('Alvarado, Jesús "Chuy"', "Margaret (Peg) Whoriskey").
After a found name and "is", alone after its comma where the line ends, or between a list's
slashes, an age over 89 is the person's (``ages_after_names``: "Mr Dunmorvane is 94", "W12 /
Margery Bradshaw-Kent / 96 /").

Signatures, worklists, sign-offs and captions write a name with its small parts, and the name
rules find the written-out words; a part left beside a replaced name keeps a piece of it (the
initial a name began with, the surname after "Ó"). Found after the engine, from the PERSON
spans (and the de-identifier's swept names): the parts right before or after a span join it.
Not an initial followed by a lower-case word ("Smith E. coli" is an organism), a degree
("Ostrowski, M.D.") nor more than three; a particle only with a capitalised word after it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

from auditor.phi.calendar import MONTH, WEEKDAY
from auditor.phi.entities import TypedSpan
from auditor.phi.recognizers.cues import dotted_credential
from auditor.phi.recognizers.languages import language_of
from auditor.phi.recognizers.lexicon import HONORIFICS, POST_TITLES
from auditor.phi.recognizers.name_joins import PARTICLES

# (\Z, not $: "Section B.\nCarmelita" has no initial before the name; nor has "took vit. d.
# pettigrew" after an abbreviation's dot)
_BEFORE = re.compile(
    r"(?<![^\s(\"'|,;:])(?<![^\W\d_]{2}\.[ \t])((?:[^\W\d_]\.[ \t]?){1,3})[ \t]?\Z"
)
# Initials without dots before a surname on a dash's signature line ("-RJ Pankratz RN", "— KT
# Oyelaran"): there nothing else stands before a name.
_SIGNED_BEFORE = re.compile(r"(?m)^[ \t]*[-–—~][ \t]?([A-Z]{1,3})[ \t]\Z")
# A given name written short before the rest of the name: South Asia's "Md."/"Mohd." for
# Muhammad and "Mst." for Mosammat, the Philippines' "Ma." for Maria, and the old English
# "Wm.", "Chas.", "Thos.", "Jas.", "Geo." ("Md. Saiful Munshi", "Ma. Theresa Lagdameo"); with
# its dot, as they are written; not in capitals where a state or a time zone is the same
# letters ("Boston, MA. Joan Reyes", "MD", "0900 MST.").
_SHORT_GIVEN_BEFORE = re.compile(
    r"(?<![\w.])((?:Md|Mohd|MOHD|Muhd|MUHD|Mst|Ma|Wm|Chas|Thos|Jas|Geo)\.)[ \t]?\Z"
)
# An initial without its dot before a one-word name where a name opens a field or a bracket,
# as South Indian names are written ("(K Yadagiri)", "Name: R Subramaniam"); not "A" or "I".
_BARE_INITIAL_BEFORE = re.compile(r"(?:^|(?<=[(:\n])|(?<=[(:][ \t]))([B-HJ-Z])[ \t]\Z", re.M)
# Latin abbreviations that look like initials before a name ("e.g. Kittredge", "i.e. Ruiz").
_LATIN = re.compile(r"(?i:e\.[ \t]?g|i\.[ \t]?e|c\.[ \t]?f|a\.[ \t]?k\.[ \t]?a|n\.[ \t]?b)\.[ \t]?")
_AFTER = re.compile(r",?[ \t]{1,2}((?:[^\W\d_]\.[ \t]?){0,2}[^\W\d_]\.)(?![ \t]*[a-z])(?!\w)")
# An initial without its dot after a name in capitals where a record's field ends ("ECHANDIA,
# ARIADNE J | Lic# ...").
_AFTER_BARE = re.compile(r"[ \t]([A-Z])(?=[ \t]*(?:\||;|$))", re.M)
# Surname particles before a capitalised word: the Gaelic ones written capitalised ("Pádraig Ó
# Gallchóir", "Aoife Ní Bhriain") and the lower-case ones names share ("P. van Wyk", "Ahmad bin
# Ismail"); not "St" ("Dr Jones St Mary's" is a place).
_GAELIC = ("Ó", "O'", "Ní", "Nic", "Mac", "Mhic", "Uí")
_PARTICLE = "(?:" + "|".join((*_GAELIC, *sorted(PARTICLES - {"st"}, key=len, reverse=True))) + ")"
_PARTICLE_AFTER = re.compile(rf"[ \t]({_PARTICLE}(?:[ \t]+(?:der|den|la|de))?[ \t]+[A-Z][^\W\d_]+)")
_PARTICLE_BEFORE = re.compile(rf"(?<![\w'’-])({_PARTICLE}(?:[ \t]+(?:der|den|la|de))?)[ \t]+\Z")
# The short second part of a hyphenated given name ("Jong-ho", "Min-ji"), left by the name
# rules, which split at the hyphen.
_HYPHEN_TAIL = re.compile(r"-[a-z]{1,3}(?![\w'’-])")
# A hyphenated given name of two short syllables before a surname the rules found ("Ji-woo
# Park", "Xiao-ling Chen"): the capitalised first syllable keeps the hyphen from the rules.
_HYPHEN_HEAD = re.compile(r"(?<![\w'’-])([A-Z][a-z]{1,3}-[a-z]{2,4})[ \t]\Z")
# The other half of a double-barrelled surname the rules cut at its hyphen ("McCRAE-" of
# "McCRAE-BOONE, Talmadge", "-Okafor" of "Smith-Okafor" when only "Smith" was read).
_BARREL_BEFORE = re.compile(r"(?<![\w'’.-])([A-Z][A-Za-z'’]{1,20})-\Z")
_BARREL_AFTER = re.compile(r"-([A-Z][A-Za-z'’]{1,20})(?![\w'’-])")

S = TypeVar("S", bound=TypedSpan)


# The given name after a surname and its comma, as lists and worklists write a person
# ("Kapoor, Nalini (LAS-22103)", "Nakamura, Hideo MC-6590012"): a capitalised word and
# perhaps an initial, then no more words of a name; not the pronoun of a message's first line
# ("Pieter, I've spoken to ...").
_GIVEN_AFTER = re.compile(
    r",[ \t]?(?!I['’])([A-ZÀ-Þ][a-zß-ÿ'’]{1,20}(?:-[A-ZÀ-Þ][a-zß-ÿ]{1,12})?)(?:[ \t][A-Z]\.?)?"
    r"(?![\w'’-]|[ \t]+[A-Z][a-z])"
)
# The same after a surname in capitals, the given name in capitals too ("MACLACHLAN-ROSS,
# ELSPETH (K6603124)"): a record's line writes the whole name so.
_CAPS_GIVEN_AFTER = re.compile(
    r",[ \t]?([A-ZÀ-Þ]{2,20}(?:-[A-ZÀ-Þ]{2,12})?)(?:[ \t][A-Z]\.?)?(?![\w'’-]|[ \t]+[A-Z])"
)


# The surname before its comma where a field or a line opens with "Surname, Given" ("Pt:
# KOZLOWICZ, ZENON J", "Meadowcraft, Harold J  DOB ..."): one capitalised word, alone there.
# A surname's particle before it, the Gaelic ones in Title case or capitals, the others in any
# case ("Ó DUIBHIR, Séamus", "VAN DER WESTHUIZEN, ..."): the particles of ``_PARTICLE``.
_SURNAME_PARTICLE = (
    r"(?P<p>(?:"
    + "|".join(sorted({*_GAELIC, *(g.upper() for g in _GAELIC)}, key=len, reverse=True))
    + "|(?i:"
    + "|".join(sorted(PARTICLES - {"st", "y"}, key=len, reverse=True))
    + r"))(?:[ \t]+(?i:der|den|la|de))?[ \t])?"
)
_SURNAME_BEFORE = re.compile(
    r"(?:^|(?<=[\n|:>])|(?<=[|:\]][ \t])|(?<=[-–—][ \t]))[ \t]*"
    + _SURNAME_PARTICLE
    + r"([A-ZÀ-Þ][A-Za-zß-ÿ'’]{1,20}(?:-[A-ZÀ-Þ][A-Za-zß-ÿ'’]{1,20})?),[ \t]?\Z"
)
# The same in capitals after another field's comma, as a registry or a transfer note lists a
# patient in running text ("58 yo M, MOSSBRUGGER, Darrell L, MRN ..."): the capitals say it is
# the surname, where a capitalised word there may be anything.
_CAPS_SURNAME_BEFORE = re.compile(
    r"(?<=[,;(][ \t])" + _SURNAME_PARTICLE + r"([A-ZÀ-Þ]{3,20}(?:-[A-ZÀ-Þ]{2,20})?),[ \t]?\Z"
)
# And after a word ("Applicant UWAMAHORO, SOLANGE"), where an acronym is as likely ("CFO,
# Miriam ...", "MRICS, Fenwick"): five letters or more, two of them vowels, as names have.
_CAPS_SURNAME_AFTER_WORD = re.compile(
    r"(?<=[^\W\d_][ \t])" + _SURNAME_PARTICLE + r"([A-ZÀ-Þ]{5,20}(?:-[A-ZÀ-Þ]{2,20})?),[ \t]?\Z"
)
_VOWELS = re.compile(r"[AEIOUYÀ-ÆÈ-ÏÒ-ÖÙ-Ü]")
# And in Title case after a word where the person's age or sex follows the given name, as a
# handoff writes whom it takes over ("Assumed care of Dewbre, Harlan, 62 M"): the age says the
# words before it are a patient's name, where "Surname," after a word may be anything.
_TITLE_SURNAME_AFTER_WORD = re.compile(
    r"(?<=[^\W\d_][ \t])"
    + _SURNAME_PARTICLE
    + r"([A-ZÀ-Þ][a-zß-ÿ'’]{2,20}(?:-[A-ZÀ-Þ][a-zß-ÿ'’]{2,20})?),[ \t]?\Z"
)
_AGE_OR_SEX_AFTER = re.compile(r",[ \t]?\(?\d{1,3}[ \t]?(?:y/o|yo|yrs?|y|[MF])(?![\w/])")
# A nickname in quotes or brackets after a found name, and the surname after it ("Alvarado,
# Jesús "Chuy"", "Margaret (Peg) Whoriskey"): the nickname is one capitalised word; it joins
# when a surname follows it, or in quotes when the given-name test takes it.
_CALENDAR = re.compile(rf"(?i:{MONTH}|{WEEKDAY})\.?")
_NICKNAME_AFTER = re.compile(
    r"[ \t]?(?:\"(?P<q>[A-ZÀ-Þ][a-zß-ÿ]{2,14})\"|“(?P<c>[A-ZÀ-Þ][a-zß-ÿ]{2,14})”"
    r"|\((?P<b>[A-ZÀ-Þ][a-zß-ÿ]{2,14})\))"
    r"(?:[ \t]+(?P<s>[A-ZÀ-Þ][A-Za-zß-ÿ'’]{1,20}(?:-[A-ZÀ-Þ][A-Za-zß-ÿ'’]{1,20})?)(?![\w'’-]))?"
)


def edge_bounds(
    text: str,
    spans: Iterable[S],
    kind: str = "PERSON",
    given: Callable[[str], bool] | None = None,
    surname: Callable[[str], bool] | None = None,
) -> Iterator[tuple[S, int, int]]:
    """Each ``kind`` span with small parts beside it, and its bounds with them; with
    ``given`` (whether a word may be a given name), a one-word span's given name after its
    comma too; with ``surname`` (whether a word may be a surname), the surname before a
    given name's comma where a field or a line opens."""
    for span in spans:
        if span.entity_type != kind:
            continue
        start, end = span.start, span.end
        if given is not None and " " not in text[start:end].strip() and "," not in text[start:end]:
            after_comma = _GIVEN_AFTER.match(text, end)
            if after_comma is None and text[start:end].isupper():
                after_comma = _CAPS_GIVEN_AFTER.match(text, end)
            if after_comma is not None and given(after_comma.group(1)):
                end = after_comma.end()
        if surname is not None and text[start - 2 : start].strip() == ",":
            family = (
                _SURNAME_BEFORE.search(text, max(0, start - 48), start)
                or _CAPS_SURNAME_BEFORE.search(text, max(0, start - 48), start)
                or _capitals_after_word(text, start)
                or (
                    _AGE_OR_SEX_AFTER.match(text, end)
                    and _TITLE_SURNAME_AFTER_WORD.search(text, max(0, start - 48), start)
                )
            )
            if (
                family is not None
                and family.group(2).lower() not in POST_TITLES  # "RN, ...", "IBCLC, ..."
                and surname(family.group(2))
            ):
                start = family.start("p") if family.group("p") else family.start(2)
        particle = _PARTICLE_AFTER.match(text, end)
        if particle is not None:
            end = particle.end(1)
        if given is not None and surname is not None:
            end = _nickname_end(text, end, given, surname)
        tail = _HYPHEN_TAIL.match(text, end) or _BARREL_AFTER.match(text, end)
        if tail is not None:
            end = tail.end()
        barrel = _BARREL_BEFORE.search(text, max(0, start - 23), start)
        if barrel is not None:
            start = barrel.start(1)
        head = _HYPHEN_HEAD.search(text, max(0, start - 12), start)
        if head is not None:
            start = head.start(1)
        particle = _PARTICLE_BEFORE.search(text, max(0, start - 12), start)
        if particle is not None and not _preposition(text, particle.start(1)):
            start = particle.start(1)
        short = _SHORT_GIVEN_BEFORE.search(text, max(0, start - 8), start)
        if short is not None:
            start = short.start(1)
        bare = _BARE_INITIAL_BEFORE.search(text, max(0, start - 4), start)
        if bare is not None and " " not in text[start:end].strip():
            start = bare.start(1)
        before = _BEFORE.search(text, max(0, start - 12), start)
        if before is not None and not _LATIN.fullmatch(before.group(1)):
            start = before.start(1)
        elif (signed := _SIGNED_BEFORE.search(text, max(0, start - 8), start)) is not None:
            start = signed.start(1)
        after = _AFTER.match(text, end)
        # a degree or a licence after a name is no initial: "Samuel Ostrowski, M.D."; nor a
        # lower-case letter after a capitalised name: "Harold Dufty, b. 1921" (born), "m."
        if (
            after is not None
            and not dotted_credential(text, after.start(1))
            and (text[start:end].islower() or not after.group(1).islower())
        ):
            end = after.end(1)
        elif text[start:end].isupper() and (bare := _AFTER_BARE.match(text, end)) is not None:
            end = bare.end(1)
        if (start, end) != (span.start, span.end):
            yield span, start, end


def _nickname_end(
    text: str, end: int, given: Callable[[str], bool], surname: Callable[[str], bool]
) -> int:
    """Where a found name ends with the nickname after it, and the surname after that (see
    ``_NICKNAME_AFTER``)."""
    nick = _NICKNAME_AFTER.match(text, end)
    if nick is None:
        return end
    if nick.group("s") and surname(nick.group("s")):
        return nick.end("s")
    # a bracket alone after a name holds a role, a service or a pet as often ("Dr Kupu
    # (Paediatrics)", "Max (Labrador)"): only a quoted word without a surname after it
    word = nick.group("q") or nick.group("c")
    if not word or _CALENDAR.fullmatch(word) or not given(word):
        return end
    return nick.end("q" if nick.group("q") else "c") + 1


def _capitals_after_word(text: str, start: int) -> re.Match[str] | None:
    """A surname in capitals after a word, before the found given name's comma: a name's
    letters (see ``_CAPS_SURNAME_AFTER_WORD``)."""
    family = _CAPS_SURNAME_AFTER_WORD.search(text, max(0, start - 48), start)
    if family is None or len(_VOWELS.findall(family.group(2))) < 2:
        return None
    return family


_LOWER_WORD_BEFORE = re.compile(r"(?<![\w'’-])[a-zß-ÿ]+[ \t]+\Z")


def _preposition(text: str, at: int) -> bool:
    """The particle at ``at`` follows a word in lower case in a text partly in Spanish,
    Portuguese or French: a preposition there ("pastor de la Iglesia Bautista", "llamó de
    Carolina"), not a surname's particle ("seen by de Vries")."""
    return (
        _LOWER_WORD_BEFORE.search(text, max(0, at - 24), at) is not None
        and language_of(text) is not None
    )


# A form of address at a name's start ("Sra. Vega", "Puan Noraini"), a generation at its end.
# Also a nurse's or a medic's credential written first ("RN L. Oakes", in capitals only) and a
# newborn's placeholder before the surname ("BABY GIRL OKONJO", "Twin B Haddad").
_LEADING_FORM = re.compile(
    r"(?:(?i:" + "|".join(sorted(map(re.escape, HONORIFICS), key=len, reverse=True)) + r")\.?"
    r"|RN|LPN|CNA|EMT|NP|(?i:baby|infant)[ \t]+(?i:boy|girl)|(?i:twin)[ \t]+[AB12]"
    # (the placeholder's second word alone, when the rules took in only that much)
    r"|(?:(?<=[Bb]aby[ \t])|(?<=BABY[ \t])|(?<=[Ii]nfant[ \t])|(?<=INFANT[ \t]))(?i:boy|girl)"
    r"|(?:(?<=[Tt]win[ \t])|(?<=TWIN[ \t]))[AB12]"
    # the deceased, as Indian forms write a relation ("W/o Late Dulal Bhowmick")
    r"|Late|LATE)[ \t]+"
    r"(?=[A-ZÀ-Þ])"
)
_GENERATION = re.compile(r",?[ \t]+(?:Jr|JR|Sr|SR|II|III|IV)\.?\Z")


def bare_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """A PERSON span's bounds with its form of address and its generation left outside."""
    form = _LEADING_FORM.match(text, start, end)
    begin = form.end() if form is not None else start
    generation = _GENERATION.search(text, begin, end)
    stop = generation.start() if generation is not None else end
    return (begin, stop) if stop - begin >= 2 else (start, end)


# A person's age over 89 after the name and "is" or "turns" ("Mr Dunmorvane is 94 and came in",
# "his wife Mabel is 95"), or set off after the name's comma ("Mrs Sallowes, now 94, ..."): the
# found name says whose number it is (a lab's "Glucose is 98" has no name before it).
_AGE_AFTER_NAME = re.compile(
    r"(?:,?[ \t]+(?:is|was|turns|turned)[ \t]+(?:now[ \t]+)?|,[ \t]*(?:now|aged)[ \t]+)"
    r"(9\d|1[01]\d)"
    r"(?![\w.,%/°-]\d|[\w%/°-])(?![ \t]*(?i:kg|lbs?|mg|mcg|ml|cm|mm|bpm|percent|degrees)\b)"
    # or alone after the name's comma where the field or the line ends ("Resident: Mrs
    # Philomena Crehan-Noone, 99"), and between a list's slashes or bars ("W12 / Margery
    # Bradshaw-Kent / 96 / K0917421")
    r"|,[ \t]*(9\d|1[01]\d)(?=[ \t]*(?:$|[|;)]))"
    r"|[ \t]*([/|])[ \t]*(9\d|1[01]\d)[ \t]*(?=\3)",
    re.M,
)


def ages_after_names(text: str, spans: Iterable[TypedSpan]) -> Iterator[tuple[int, int]]:
    """The bounds of an age over 89 right after a PERSON span: after "is", alone after its
    comma where the line ends, or between a list's slashes or bars (see _AGE_AFTER_NAME)."""
    for span in spans:
        if span.entity_type == "PERSON" and (m := _AGE_AFTER_NAME.match(text, span.end)):
            group = next(g for g in (1, 2, 4) if m.group(g) is not None)
            yield m.start(group), m.end(group)

"""Phone numbers in any layout: national, international, dotted, spaced, with extensions.

A de-identifier must prefer removing a phone-shaped string to proving it is a real phone, so
the grammar here is lenient: digit groups joined by one kind of separator, an optional ``+``
country code, a ``(0)`` trunk prefix, an area code in brackets and an extension. A shape with
no cue nearby is kept when ``phonenumbers`` finds it a *possible* number in one of several
regions (length rules only: toll-free, 555 and unassigned area codes pass); a cue (``tel``,
``call``, ``mobile``, ``fax`` ...) keeps any shape. Pager numbers (short runs after
pager/PG/beeper/bleep, two digits after "bleep") need their cue, or a line that lists whom to
page ("Bleeps: med SpR 1402, surg SpR 1455": ``PagingListRecognizer``). Dates, ratios and
decimals never match: slashes are not separators and a group after a dot must be two or more
digits.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

import phonenumbers
from presidio_analyzer import RecognizerResult

from auditor.phi.calendar import MONTH
from auditor.phi.entities import Entity
from auditor.phi.measures import PRODUCT_CODE_LABELS
from auditor.phi.recognizers.base import LocalRecognizer
from auditor.phi.recognizers.lexicon import RELATIVES
from auditor.phi.recognizers.patterns import (
    RegexRecognizer,
    Rule,
    context_regex,
    make_result,
    near,
)

if TYPE_CHECKING:
    from presidio_analyzer.nlp_engine import NlpArtifacts

I = re.IGNORECASE  # noqa: E741

REGIONS = ("US", "GB", "CA", "AU", "IN", "IE", "NZ", "DE", "FR", "CH", "ZA")
PHONE_CUES = context_regex(
    ["phone", "tel", "tel.", "telephone", "call", "called", "calling", "cell", "mobile", "mob",
     "contact", "reached", "reach", "dial", "number", "ph", "office", "desk", "home", "work",
     "hm", "wk", "direct", "landline", "whatsapp", "sms", "fax", "pager",
     # the words for it on forms from patients' home countries
     "tlf", "tlf.", "telefon", "telefoon", "teléfono", "telefono", "telefone", "tél", "tél.",
     "mobil", "mobiel", "móvil", "celular", "handy", "portable", "puh", "puh.", "gsm", "telp",
     "telp.", "hp", "ring", "cel", "cel.", "tālr", "tālr.", "tel.nr", "tfn", "puhelin",
     "telefonas", "telefonszám", "τηλ", "τηλ.", "тел", "тел.", "телефон", "утас", "тел:",
     "điện", "đt", "sđt", "هاتف", "تلفن", "טלפון"]
)  # fmt: skip
_FAX_CUES = context_regex(["fax", "facsimile", "fx", "faxed", "fax#", "fax no"])

# An extension after a number (an extension glued on may be short: "617-555-0142x12"), written
# once for every shape below and for stripping it before a number is checked.
# (The blanks before the extension are taken once, never given back: both branches after them
# start with something other than a blank, and a run of blanks after a number cost quadratic
# time when each branch re-read it.)
_EXTENSION = (
    r"(?:x\d{1,2}(?!\d)|\s*+(?:x\s*\d{3,5}|[/,]?\s*(?:ext\.?|extn\.?|extension)\s*\d{1,5}))"
)
_EXT = _EXTENSION + "?"
# +CC, optional (0), optional (area), then 2-5 groups of digits with one separator kind.
_SHAPE = re.compile(
    # (a dot after a word may touch the "+": "tel.+44 ...")
    r"(?<![\w/+-])(?<!\d\.)(?<![^\w]\.)"
    # (groups on one line, joined by a space, a dot or a dash: a tab or a line break between
    # digits parts a table's columns, "7250<TAB>03 7010 4418" is a postcode then a number)
    r"(?:(?:\+|00)\d{1,3}[ .-]?(?:\(0\) ?)?|1[ .-]?(?=\())?"
    r"(?:\(\d{1,5}\)[ .-]?)?"
    r"\d{1,5}(?:([ .-])\d{2,8})(?:\1\d{2,5}){0,3}" + _EXT + r"(?![\w/]|[.-]\d)",
    I,
)
# 10-11 digits in one run, national form with a trunk 0 (UK, AU, IN) or 1 + area code.
# (or an area code in brackets glued to the rest: "(555)0104477")
_BARE = re.compile(
    r"(?<![\w/.+-])(?:0\d{9,10}|\+\d{10,13}|\(\d{2,5}\)\d{6,8})" + _EXT + r"(?![\w/]|[.-]\d)", I
)
# A second number written as its last four digits after the first: "555-010-4477 or 4478".
_ALTERNATE_FOUR = re.compile(
    r"(?:(?<![\d.])\d{3}[ .-]\d{3}[ .-]\d{4}|(?<![\d.-])\d{3}-\d{4})"
    r"[ \t]*(?:or|/|&)[ \t]*(\d{4})(?![\w/-]|[.:]\d)",
    I,
)
# A national number with a trunk 0 whose groups are joined by two kinds of separator, as New
# Zealand and Irish numbers are written.
_TRUNK_MIXED = re.compile(
    # "03-868 2242" (two-digit trunk and area, dash, then space) or "021 555-0199" (three
    # digits, space, then dash). Not four-digit groups: "0400 1200-1600" is a clock and a
    # range of hours.
    # "074104 10123", "074104-10123": an Indian number's trunk 0, five digits, then five.
    # "08-555 123 45", "070-123 45 67": a Swedish area code, a dash, then groups of two and
    # three
    # "01-4-412345", "011-2 691111": Kathmandu's and Colombo's area code, then the subscriber's
    # first digit apart (the exchange)
    r"(?<![\w/.+-])0(?:\d{1,2}-[ ]?\d{3,4}[ ]\d{4}|\d{2}[ ]\d{3}-\d{4}|\d{5}[ .-]\d{5}|"
    r"\d{1,3}-\d{2,3}[ ]\d{2,3}[ ]\d{2}(?:[ ]\d{2})?|\d{1,2}-\d[- ]\d{6})"
    + _EXT
    + r"(?![\w/]|[.-]\d)",
    I,
)
# The strict North American shapes, with their own (wider) cue list: a 10-digit number with
# valid area and exchange codes, bare or grouped, and a 7-digit local number.
_US_CUES = context_regex(
    ["phone", "tel", "telephone", "call", "called", "cell", "mobile", "home", "work", "pager",
     "beeper", "contact", "number", "no", "#", "ph", "reached at", "at", "office", "hm", "wk",
     "c", "h", "w", "p"]
)  # fmt: skip
_PHONE_10 = re.compile(
    r"(?<![\w/.-])(?:(?:\+?1|001)[\s.-]?)?(?:\(\s*[2-9]\d{2}\s*\)\s*|[2-9]\d{2}[\s./-])[2-9]\d{2}[\s.-]\d{4}"
    + _EXT
    + r"(?![\w/-]|\.\d)",
    I,
)
_PHONE_10_BARE = re.compile(r"(?<![\w/.-])[2-9]\d{2}[2-9]\d{6}(?![\w/-]|\.\d)")
_PHONE_INTL = re.compile(
    r"(?<![\w/.-])(?:\+[1-9]\d{0,2}[\s.-]?(?:\(0?\d{1,4}\)[\s.-]?)?\d{2,4}(?:[\s.-]?\d{2,4}){1,4}"
    r"|\(0\d{2,4}\)\s?\d{3,4}\s?\d{3,4}|\(0\d{1,4}\)\s?\d{5,8})(?![\w/-]|\.\d)"
)
# After a country calling code, groups joined by any mix of blanks, dashes, dots and a
# bracketed area code ("+60 3-2385 6789", "+254 (0) 712-345 678"): the "+" alone says phone.
# (the calling code may stand in brackets: "(+977) 1 4412345", "(+91) 98765 43210")
_INTL_MIXED = re.compile(
    r"(?<![\w/.+-])(?:\(\+[1-9]\d{0,2}\)|(?:\+|00)[1-9]\d{0,2})"
    r"(?:[ \t.-]{1,2}(?:\(0?\d{1,5}\)|\d{1,8})){2,6}" + _EXT + r"(?![\w/]|[.-]\d)",
    I,
)
# A number and its alternate after a slash, as South Asian letterheads and forms write the
# lines of one office or a family's two mobiles: "0222-2871234/35", "2431122/2431133",
# "9876543210/9123456789" (the whole, after a phone's word: no date or ratio has seven
# digits before its slash).
_SLASH_ALTERNATE = re.compile(
    r"(?<![\w/.+-])(?:\+\d{1,3}[ -]?)?\d(?:[ -]?\d){6,13}(?:/\d{2,12}|[ ]?/[ ]\d(?:[ -]?\d){6,13})"
    r"(?![\w/]|[.-]\d)"
)
# A number glued to its label by a colon and a dash, a dot or a dash, as South Asian forms and
# letterheads write it ("Contact:-9876543210", "MOB NO:-98290 45123", "mob.9829045123",
# "Ph-0141 2305578"): the label just before it says phone.
_GLUED = re.compile(
    r"(?:(?<=[A-Za-z]:-)|(?<=[A-Za-z]\.)|(?<=[A-Za-z]-)|(?<=[A-Za-z]:-[ ]))"
    r"(\+?\d(?:[ -]?\d){6,13})(?![\w/]|[.-]\d)"
)
_PHONE_7 = re.compile(r"(?<![\w/.-])[2-9]\d{2}-\d{4}(?![\w/-]|\.\d)")
# The wireless handsets a ward's staff carry, by their makers' names ("Vocera 6642").
HANDSETS = ("vocera", "spectralink", "ascom")
# Internal extensions written "4-1234" after a paging cue, a word of calling back or a
# handset's name ("callback 5-2241", "nurse line 4-7710", "Spectralink 4-4471"; not a round
# dilution, "1-2000").
_EXTENSION_DASHED = re.compile(r"(?<![\w/.-])\d-(?!\d000)\d{4}(?![\w/-]|\.\d)")
_PAGE_CUES = context_regex(
    ["page", "paged", "pager", "beeper", "beep", "pgr", "bpr", "ext", "x", "call", "called",
     "phone", "tel", "#", "callback", "call back", "line", "extn", *HANDSETS]
)  # fmt: skip
_PAGER = re.compile(
    # blanks read once (possessive): three optional runs of them were cubic on a long gap
    # (and a wireless handset's extension: "Vocera 6642")
    r"\b(?:pager|pgr|pg|beeper|beep|bleep|bpr|page|paged|" + "|".join(HANDSETS) + r")\.?\s*+"
    r"(?:#|no\.?|number)?\s*+:?\s*+"
    r"(\d{3,5}(?:-\d{3,4})?)(?![\w/]|[.-]\d)",
    I,
)
# A UK bleep of two digits ("surg SHO bleep 33 - A&E"): only after "bleep" itself, which
# names nothing else; not a count after it ("bleeped 10 times", "bleep 2 x").
_BLEEP_SHORT = re.compile(
    r"\bbleep[ \t]*+(?:#|no\.?)?[ \t]*+:?[ \t]*+(\d{2})(?![\w/]|[.-]\d|[ \t]*(?:x\b|times))", I
)
# Australia's six-digit numbers of "13" (a service's one national number: "Call 13 61 50",
# "Queries: 131 500"), in the two ways they are printed; only after a word of calling, where a
# score or a reading of three two-digit groups is as likely ("GCS 13 15 14").
_AU_THIRTEEN = re.compile(
    r"\b(?:call|ring|phone|tel|telephone|queries|enquiries|inquiries|contact)\b\.?[ \t]*+:?"
    r"[ \t]*+(?:(?:us[ \t]+)?on[ \t]+)?(13[ ]\d{2}[ ]\d{2}|13\d[ ]\d{3})"
    r"(?![\w/]|[.,-]\d|[ ]\d|[ \t]*(?:mg|mcg|ml|units?|x)\b)",
    I,
)
# A line that lists whom to page, each role with its number ("Bleeps: med SpR 1402, surg SpR
# 1455, H@N coordinator 1300", "Extensions: pharmacy 2291, switch 0"): each number of two to
# five digits after the list's word and its colon, where only such items stand before it
# (a role's words and a number, parted by commas or semicolons): where a sentence, a bracket
# or a reading comes between, the list has ended ("Bleeps: ortho 4411. K 3.4, Na 135").
_PAGING_LIST_ITEM = re.compile(r"(?<=[^\W\d_][ \t])\d{2,5}(?![\w/:]|[.-]\d)")
_ROLE_WORDS = r"(?:[^\W\d_][\w@&'’/-]*[ \t]+){1,4}"
_PAGING_LIST_HEAD = re.compile(
    r"(?i)[^\n]*?\b(?:bleeps|pagers|bleep[ \t]+numbers|pager[ \t]+numbers|extensions|"
    r"exts|ext[ \t]+numbers)[ \t]*:[ \t]*"
    rf"(?:{_ROLE_WORDS}\d{{1,5}}[ \t]*[,;][ \t]*)*{_ROLE_WORDS}\Z"
)
_LIST_WORDS = ("bleep", "pager", "ext")


def paging_list_numbers(text: str) -> list[tuple[int, int]]:
    """The numbers of the lines that list whom to page (see above); each number's list head
    within 240 characters before it (a line's whole length, read again for each number,
    would make a long line quadratic)."""
    if ":" not in text or not any(word in text.lower() for word in _LIST_WORDS):
        return []
    out = []
    for m in _PAGING_LIST_ITEM.finditer(text):
        start = m.start()
        line = max(text.rfind("\n", max(0, start - 240), start) + 1, start - 240)
        if _PAGING_LIST_HEAD.match(text, line, start) is not None:
            out.append(m.span())
    return out


class PagingListRecognizer(LocalRecognizer):
    """PHONE_NUMBER for each number of a line that lists whom to page (``paging_list_numbers``):
    the numbers hold none of the list's words, so no regex rule's word test can gate them."""

    def __init__(self) -> None:
        super().__init__("AuditorPagingListRecognizer", [Entity.PHONE_NUMBER.value])

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        return [
            make_result(self, Entity.PHONE_NUMBER, start, end, 0.7)
            for start, end in paging_list_numbers(text)
        ]


# "x 4417" after a number or a name: an extension (four or five digits: "2 x 120" is a dose).
_X_EXTENSION = re.compile(r"\bx\.?\s*+(?:#|no\.?)?\s*+:?\s*+(\d{4,5})(?![\w/-]|\.\d)", I)
# Paging a person or team names them first: "paging dr Bautista on 4275", "page ortho 3390".
# Three digits only after "on"/"at"/"#" ("paged HO for HR 130" is a heart rate).
_PAGE_WHOM = re.compile(
    r"\b(?:paging|paged|page|bleep(?:ed|ing)?)\s+(?:(?:dr\.?|the|on-?call|[a-z]+)\s+){1,3}"
    r"(?:(?:on|at|via|#|:)\s*|(?=\d{4}))(\d{3,5})(?![\w/]|[.-]\d)",
    I,
)
_VITAL_BEFORE = re.compile(
    r"\b(?:hr|rr|bp|sbp|dbp|map|sats?|spo2|o2|temp|t|glucose|bs|bg|fsbs|uo|cvp|pap|icp|cpp|k|na|"
    r"hgb|hct|plt|wbc|inr|ptt|lactate|peep|fio2|tv|vt|ps|rate|pulse|pain|gcs|ph|pco2|po2)[\s:=]*$",
    I,
)


# "see page 234", "on page 112 of 400": a page of a document, not a pager. "page 4275 with
# questions" (an order) keeps its number.
_DOCUMENT_PAGE = re.compile(
    r"\b(?:see|on|at|from|of|to|in|the|this|next|last|same|cover|per|cont(?:inued)?(?: on)?)\s+"
    r"page\s*+(?:#|no\.?)?\s*+$",
    I,
)
_PAGE_OF = re.compile(r"\s*(?:of|/)\s*\d", I)


def _document_page(text: str, start: int, end: int) -> bool:
    """A page number in a document: its cue reads as a noun, or "N of M" follows."""
    before = text[max(0, start - 24) : start]
    return bool(_DOCUMENT_PAGE.search(before)) or bool(
        before.rstrip().lower().endswith("page") and _PAGE_OF.match(text, end)
    )


_AT_CLOCK = re.compile(r"(?i:\b(?:paged|page|paging|bleeped)[ \t]+at)[ \t]+\Z")


def _vital_page(text: str, start: int, end: int) -> bool:
    """ "paged HO for HR 130": a measurement, not a pager number; "paged at 0230": the time
    it was paged."""
    if _VITAL_BEFORE.search(text[max(0, start - 10) : start]):
        return True
    value = text[start:end]
    return (
        len(value) == 4
        and int(value[:2]) < 24
        and int(value[2:]) < 60
        and _AT_CLOCK.search(text, max(0, start - 16), start) is not None
    )


# An extension written alone after its cue ("ext 855", "extn. 2210"): a direct line.
_EXT_ALONE = re.compile(
    r"\b(?:ext|extn|extension|poste)\.?\s*+(?:#|no\.?)?\s*+:?\s*+(\d{2,5})(?![\w/]|[.-]\d)", I
)
# Seven or eight digits in one run right after a phone cue: local numbers ("ph 85152564").
_LOCAL_RUN = re.compile(r"(?<![\w/.+-])\d{7,8}(?![\w/]|[.-]\d)")
_CLOSE_CUES = context_regex(["ph", "phone", "tel", "tel.", "telephone", "mobile", "mob", "cell",
                             "call", "ring", "rang", "on", "landline", "home", "work"])  # fmt: skip
# Seven or eight digits in two groups ("7656 2349", "539 3515", "4510-3152"): a local number
# when a phone cue or a contact list (an e-mail address just before) says so.
_LOCAL_GROUPED = re.compile(r"(?<![\w/.+-])\d{3,4}[ -]\d{4}(?![\w/]|[.-]\d)")
_AFTER_EMAIL = re.compile(r"@[\w-]+(?:\.[\w-]+)+\s*+(?:,|/|;|\bor\b|\band\b)?\s*+$", I)
_SENT_TO = context_regex(["sent to", "text", "texted", "sms", "reminder to", "ring", "rang"])
# A call told around the number: "phoned ICU (9487 2106)", "(6194 3382) phoned", "rang back
# on 6268 4417"; and a person's title just before, as a contact list names them ("Ms. Ngeow
# 6268 4417", "Mdm Tan 9123 4867").
_CALLED = context_regex(["phoned", "called", "rang", "texted", "messaged", "phone", "call"])
_TITLE_CUES = context_regex(["mr", "mrs", "ms", "mdm", "miss", "dr"])
# ... never a dose or an amount ("ordered 500 1000 mg").
_AMOUNT_AFTER = re.compile(r"[ \t]*(?:mg|mcg|µg|ug|g|kg|ml|l|units?|iu|mmol|meq|cc|%)\b", I)


# A relative just before, perhaps with their name ("her son Rayner 9123 4867"): how a note
# lists whom to call.
_RELATIVE_CUES = context_regex(sorted(RELATIVES))
# ... never two years or two clock times ("married 1998 2001", "feeds 1200 2400")
_TWO_YEARS = re.compile(
    r"(?:19|20)\d\d[ -](?:19|20)\d\d|(?:[01]\d|2[0-4])[0-5]\d[ -](?:[01]\d|2[0-4])[0-5]\d"
)


def _not_contact(text: str, start: int, end: int) -> bool:
    """Kept only after a phone cue, an e-mail address (a list of ways to reach someone) or a
    relative (not two years or two clock times there)."""
    if near(text, start, end, PHONE_CUES, 24, 0) or near(text, start, end, _SENT_TO, 16, 0):
        return False
    if near(text, start, end, _RELATIVE_CUES, 24, 0) and not _TWO_YEARS.fullmatch(text[start:end]):
        return False
    if (
        (near(text, start, end, _CALLED, 20, 12) or near(text, start, end, _TITLE_CUES, 20, 0))
        and not _TWO_YEARS.fullmatch(text[start:end])
        and not _AMOUNT_AFTER.match(text, end)
    ):
        return False
    return not _AFTER_EMAIL.search(text[max(0, start - 60) : start])


_DIGITS = re.compile(r"\d")
_EXT_TAIL = re.compile(_EXTENSION + "$", I)


# Digits written with blanks, dots, dashes and brackets only. phonenumbers reads ten of them
# opening with 2-9 as a North American number (no international or national prefix to strip,
# not the country code 1) and nine opening with 2-9 but not 44 as a British one (not its
# prefix 0 or 180020, nor its country code 44): ten digits are a possible length for US and
# nine for GB. Those shapes, nine in ten phone-shaped strings, are answered without parsing
# (issue 14: CPU a note; tests/phi/test_speed_phones.py compares the two on random numbers).
_PLAIN_DIGITS = re.compile(r"[0-9 ().-]+")
_NON_DIGITS = re.compile(r"[^0-9]+")


def _plainly_possible(core: str) -> bool:
    """True where :func:`_possible` is sure to be; False where it must parse."""
    if not _PLAIN_DIGITS.fullmatch(core):
        return False
    digits = _NON_DIGITS.sub("", core)
    if not digits or digits[0] in "01":
        return False
    return len(digits) == 10 or (len(digits) == 9 and not digits.startswith("44"))


@lru_cache(maxsize=4096)
def _possible(value: str) -> bool:
    """Possible (by length) in any of :data:`REGIONS`; fast, no network, no metadata fetch."""
    core = _EXT_TAIL.sub("", value)
    return _plainly_possible(core) or parsed_possible(core)


def parsed_possible(core: str) -> bool:
    """What ``phonenumbers`` answers: a parse in one of :data:`REGIONS` of a possible length
    (the check ``_plainly_possible`` answers without it, for the plain shapes)."""
    for region in REGIONS:
        try:
            number = phonenumbers.parse(core, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_possible_number(number):
            return True
    return False


def _digit_count(value: str) -> int:
    return len(_DIGITS.findall(_EXT_TAIL.sub("", value)))


def _shape_ok(value: str) -> bool:
    n = _digit_count(value)
    return 9 <= n <= 15 and _possible(value)


def _bare_ok(value: str) -> bool:
    return _possible(value)


def _intl_ok(value: str) -> bool:
    """A possible number for the country its calling code names."""
    core = _EXT_TAIL.sub("", value)
    core = "+" + core[2:] if core.startswith("00") else core
    if core.startswith("(+"):
        core = core[1:].replace(")", "", 1)
    try:
        return phonenumbers.is_possible_number(phonenumbers.parse(core, None))
    except phonenumbers.NumberParseException:
        return False


def _cued_ok(value: str) -> bool:
    return 7 <= _digit_count(value) <= 15


def _is_fax(text: str, start: int, end: int) -> bool:
    return near(text, start, end, _FAX_CUES, 16, 0)


# A month's name right before the digits: "Oct 2 2020 1645" is a date and a clock, not a
# number that starts with the day.
_MONTH_BEFORE = re.compile(rf"\b{MONTH}\.?[ \t]+\Z", I)


# A product's code under its label, the shape of a phone number: a drug's NDC or DIN, a
# barcode, a lot or batch, a catalogue or model number ("NDC 00093-5058-98").
_CODE_LABEL = re.compile(
    r"(?<![\w-])(?i:" + "|".join(PRODUCT_CODE_LABELS) + r"|cat(?:alog(?:ue)?)?\.?[ \t]*(?:no|#))"
    r"\.?[ \t]*+(?:[:#][ \t]*+)?$"
)


def _product_code(text: str, start: int) -> bool:
    return _CODE_LABEL.search(text, max(0, start - 16), start) is not None


def _fax_or_dated(text: str, start: int, end: int) -> bool:
    return (
        _is_fax(text, start, end)
        or _MONTH_BEFORE.search(text, max(0, start - 12), start) is not None
        or _product_code(text, start)
    )


def _fax_or_code(text: str, start: int, end: int) -> bool:
    return _is_fax(text, start, end) or _product_code(text, start)


def _near_fax(text: str, start: int, end: int) -> bool:
    return near(text, start, end, _FAX_CUES, 20, 0)


_PERCENT_AFTER = re.compile(r"[ \t]*%")


def _not_intl(text: str, start: int, end: int) -> bool:
    """Near a fax cue, or too short for a number with its calling code (seven digits at
    least) and a setting's range ("CPAP +5 21-25%": pressure and oxygen), not a phone."""
    if _PERCENT_AFTER.match(text, end):
        return True
    return sum(c.isdigit() for c in text[start:end]) < 7 or _near_fax(text, start, end)


def phone_rules() -> list[Rule]:
    """Every phone, fax and pager rule: the strict North American shapes, then the lenient ones."""
    e = Entity
    return [
        Rule("fax", e.FAX_NUMBER, _PHONE_10, 0.0, _FAX_CUES, 0.9, window=24),
        Rule("phone", e.PHONE_NUMBER, _PHONE_10, 0.75, _US_CUES, 0.9, reject=_near_fax),
        Rule("phone-bare", e.PHONE_NUMBER, _PHONE_10_BARE, 0.5, _US_CUES, 0.75, reject=_near_fax),
        Rule("phone-intl", e.PHONE_NUMBER, _PHONE_INTL, 0.7, _US_CUES, 0.85, reject=_not_intl),
        Rule("fax-bare", e.FAX_NUMBER, _PHONE_10_BARE, 0.0, _FAX_CUES, 0.8, window=24),
        Rule("phone-7", e.PHONE_NUMBER, _PHONE_7, 0.55, _US_CUES, 0.8, reject=_near_fax),
        Rule("fax-7", e.FAX_NUMBER, _PHONE_7, 0.0, _FAX_CUES, 0.8, window=24),
        Rule(
            "extension-dashed", e.PHONE_NUMBER, _EXTENSION_DASHED, 0.0, _PAGE_CUES, 0.75, window=16
        ),
        Rule("x-extension", e.PHONE_NUMBER, _X_EXTENSION, 0.8, group=1),
        Rule("alternate-four", e.PHONE_NUMBER, _ALTERNATE_FOUR, 0.6, group=1),
        Rule(
            "phone-shape",
            e.PHONE_NUMBER,
            _SHAPE,
            0.6,
            PHONE_CUES,
            0.8,
            window=24,
            validate=_shape_ok,
            reject=_fax_or_dated,
        ),
        Rule(
            "phone-shape-cued",
            e.PHONE_NUMBER,
            _SHAPE,
            0.0,
            PHONE_CUES,
            0.7,
            window=24,
            validate=_cued_ok,
            reject=_is_fax,
        ),
        Rule(
            "phone-intl-mixed",
            e.PHONE_NUMBER,
            _INTL_MIXED,
            0.7,
            PHONE_CUES,
            0.8,
            window=24,
            validate=_intl_ok,
            reject=_fax_or_code,
        ),
        Rule("fax-shape", e.FAX_NUMBER, _SHAPE, 0.0, _FAX_CUES, 0.85, window=16, validate=_cued_ok),
        Rule(
            "phone-bare",
            e.PHONE_NUMBER,
            _BARE,
            0.55,
            PHONE_CUES,
            0.8,
            window=24,
            validate=_bare_ok,
            reject=_fax_or_code,
        ),
        Rule(
            "phone-trunk-mixed",
            e.PHONE_NUMBER,
            _TRUNK_MIXED,
            0.6,
            PHONE_CUES,
            0.8,
            window=24,
            validate=_shape_ok,
            reject=_fax_or_code,
        ),
        Rule(
            "pager-short",
            e.PHONE_NUMBER,
            _PAGER,
            0.8,
            group=1,
            reject=_document_page,
            words=("pg", "page", "beep", "bleep", "bpr", *HANDSETS),
        ),
        Rule("au-thirteen", e.PHONE_NUMBER, _AU_THIRTEEN, 0.7, group=1, trigger=("13",)),
        Rule(
            "bleep-short",
            e.PHONE_NUMBER,
            _BLEEP_SHORT,
            0.75,
            group=1,
            words=("bleep",),
        ),
        Rule(
            "page-whom",
            e.PHONE_NUMBER,
            _PAGE_WHOM,
            0.75,
            group=1,
            trigger=("pag", "bleep"),
            reject=_vital_page,
        ),
        Rule(
            "extension-alone", e.PHONE_NUMBER, _EXT_ALONE, 0.75, group=1, trigger=("ext", "poste")
        ),
        Rule("local-run", e.PHONE_NUMBER, _LOCAL_RUN, 0.0, _CLOSE_CUES, 0.65, window=8),
        Rule(
            "glued-to-label",
            e.PHONE_NUMBER,
            _GLUED,
            0.0,
            PHONE_CUES,
            0.75,
            group=1,
            window=12,
            validate=_cued_ok,
            reject=_is_fax,
        ),
        Rule(
            "slash-alternate",
            e.PHONE_NUMBER,
            _SLASH_ALTERNATE,
            0.0,
            PHONE_CUES,
            0.75,
            window=16,
            reject=_is_fax,
        ),
        Rule("local-grouped", e.PHONE_NUMBER, _LOCAL_GROUPED, 0.65, reject=_not_contact),
    ]


def phone_recognizer() -> RegexRecognizer:
    return RegexRecognizer("AuditorPhoneRecognizer", phone_rules())

"""Clinical dates: ``7/22``, ``[**2/14**]``, ``2-14-92``, ``Jan 5``, ISO dates, years in context.

Short numeric dates collide with clinical fractions, so each match is checked against its
surroundings: blood pressure ``120/80`` fails the month/day ranges, and ``pain 4/10``,
``PS 5/5``, ``strength 5/5``, ``2/6 murmur``, ``1/2 tab`` are rejected by negative context.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING

from auditor.phi.calendar import (
    HOLIDAY,
    HOLIDAY_STARTS,
    MONTH,
    MONTH_STARTS,
    MONTHS,
    MONTHS_ALSO_NAMES,
    WEEKDAY,
    WEEKDAY_SHORT,
    WEEKDAY_STARTS,
    misspelt_names,
    month_kind,
    month_with_day,
    month_with_year,
    weekday_names,
)
from auditor.phi.entities import Entity
from auditor.phi.measures import DOSE_FORMS, DOSE_UNITS, TIME_UNITS
from auditor.phi.recognizers.patterns import (
    RegexRecognizer,
    Rule,
    context_regex,
    make_result,
    near,
)
from auditor.phi.recognizers.regex_start import accelerated
from auditor.phi.recognizers.timed_entries import entry_times

if TYPE_CHECKING:
    from presidio_analyzer import RecognizerResult
    from presidio_analyzer.nlp_engine import NlpArtifacts

I = re.IGNORECASE  # noqa: E741

_MONTHS = MONTH
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
# A year beside a month's name: from 1600, as registers, censuses and family papers date
# births and deaths (a date of birth before 1900 is an age over 89, which Safe Harbor removes
# with its year); a year alone keeps to 1900-2099, the hours of a clock being 0000-2359.
_LONG_YEAR = r"(?:1[6-9]|20)\d{2}"
_YEAR = rf"(?:{_LONG_YEAR}|['’]\d{{2}})"
_MODERN_YEAR = r"(?:(?:19|20)\d{2}|['’]\d{2})"
# Spelled-out days of the month, as dictated: "November fourth", "the twenty-first".
_UNIT_ORD = r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)"
# (what every spelled day begins with: the rule's prefilter)
_SPELLED_DAY_WORDS = (
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
    "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
    "seventeenth", "eighteenth", "nineteenth", "twent", "thirt",
)  # fmt: skip
_SPELLED_DAY = (
    r"(?:(?:twenty|thirty)[- ]" + _UNIT_ORD + r"|" + _UNIT_ORD + r"|tenth|eleventh|twelfth|"
    r"thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|"
    r"twentieth|thirtieth)"
)

# [**...**] de-identification brackets around a date-like body.
_BRACKET = re.compile(r"\[\*\*[^\]\n]{0,40}?\d[^\]\n]{0,40}?\*\*\]")
# A date whose day and month are masked and whose year is not ("DOB: XX/XX/1987",
# "**/**/1962"): the year is still a date of the person's.
_MASKED_DATE = re.compile(
    r"(?<![\w/])(?:XX|xx|\*\*|##|__)([/.-])(?:XX|xx|\*\*|##|__)\1(?:19|20)\d{2}(?![\w/-])"
)
# m/d/y, m-d-y, m.d.y with 2- or 4-digit years.
_MDY = re.compile(
    r"(?<![\w/.-])(0?[1-9]|1[0-2])([/.-])(0?[1-9]|[12]\d|3[01])\2((?:19|20)?\d{2})(?![\w/-]|\.\d)"
)
# d/m/y and d.m.y where the day cannot be a month (13-31): "23/06/87", "18.09.2087".
_DMY = re.compile(
    r"(?<![\w/.-])(1[3-9]|2\d|3[01])([/.-])(0?[1-9]|1[0-2])\2((?:19|20)?\d{2})(?![\w/-]|\.\d)"
)
# The same with a blank after each dot, as Czech, Slovak, Slovene and Croatian write a date
# (CLDR "d. M. y": "3. 12. 2026"), and year first as Hungarian and Korean do ("y. MM. dd.":
# "2026. 12. 03."); a four-digit year either way.
_DMY_SPACED = re.compile(
    r"(?<![\w/.,-])(?:[12]\d|3[01]|0?[1-9])\.[ \t](?:0?[1-9]|1[0-2])\.[ \t]?(?:19|20)\d{2}"
    r"(?![\w/-]|\.\d)"
)
_YMD_SPACED = re.compile(
    r"(?<![\w/.,-])(?:19|20)\d{2}\.[ \t](?:0?[1-9]|1[0-2])\.[ \t](?:[12]\d|3[01]|0?[1-9])\.?"
    r"(?![\w/-]|\d)"
)
# Chinese, Japanese and Korean dates (CLDR "y年M月d日", "y년 M월 d일"), with or without the year.
_CJK_DATE = re.compile(
    r"(?<!\d)(?:(?:19|20)\d{2}[ \t]?[年년][ \t]?)?(?:1[0-2]|0?[1-9])[ \t]?[月월][ \t]?"
    r"(?:[12]\d|3[01]|0?[1-9])[ \t]?[日일号]"
    r"|(?<!\d)(?:19|20)\d{2}[ \t]?[年년][ \t]?(?:1[0-2]|0?[1-9])[ \t]?[月월]"
)
# A machine timestamp (seconds, fractions) after a space is part of the date; a bare clock
# time ("2087-09-30 07:45") is not.
_YMD = re.compile(r"(?<![\w/.-])(?:19|20)\d{2}([/.-])(?:0?[1-9]|1[0-2])\1(?:0?[1-9]|[12]\d|3[01])"
                  r"(?:T\d{1,2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?"
                  r"| \d{1,2}:\d{2}:\d{2}(?:\.\d{1,6})?)?"
                  r"(?![\w/-]|\.\d)")  # fmt: skip
# A weekday written just before a date by month name: "Sat September 1937", "Tue 3 Feb".
_WEEKDAY_BEFORE_MONTH = re.compile(
    rf"\b((?i:{WEEKDAY}))\.?,?\s+(?=(?i:{_MONTHS})\b|(?:[12]\d|3[01]|0?[1-9])(?i:st|nd|rd|th)?\s+(?i:{_MONTHS})\b)"
)
# m/d without a year: the ambiguous one.
_MD = re.compile(r"(?<![\w/.+-])(0?[1-9]|1[0-2])/(0?[1-9]|[12]\d|3[01])(?![\w/+-]|\.\d)")
# "Thursday 6/5", "Mon 6/2/87", "Wed 14/6", "Sat 28.11.2026", "Sun 20.03.11": a weekday just
# before a numeric date is part of it.
_WEEKDAY_NUMERIC = re.compile(
    rf"\b(?i:{WEEKDAY})\.?,?\s+"
    r"(?:(?:0?[1-9]|[12]\d|3[01])/(?:0?[1-9]|[12]\d|3[01])(?:/(?:19|20)?\d{2})?"
    # dotted only with its year: "Sat 28.11.2026", "Sun 20.03.11", never "sat 9.5"
    r"|(?:0?[1-9]|[12]\d|3[01])\.(?:0?[1-9]|[12]\d|3[01])\.(?:19|20)?\d{2})(?![\w/+-]|\.\d)"
)
# m/yy with a year no day can be (32-99): "1st was 6/98", "since 11/89"; with a date cue.
_MONTH_SHORT_YEAR = re.compile(r"(?<![\w/.+-])(0?[1-9]|1[0-2])/(3[2-9]|[4-9]\d)(?![\w/+-]|\.\d)")
_MONTH_YEAR_CTX = context_regex(
    [
        "was",
        "were",
        "dx",
        "dx'd",
        "hx",
        "s/p",
        "since",
        "in",
        "from",
        "until",
        "dated",
        "last",
        "diagnosed",
        "born",
        "died",
    ]
)
# ... never weeks as UK notes write them ("6/52" post-op), nor a titer or a dilution ("1/80").
_NOT_MONTH_YEAR = frozenset({"52"})
_TITERS = frozenset({"40", "50", "64", "80"})
# d/m without a year, day 13-31 (day-first locales): "admitted 20/11".
_DM = re.compile(r"(?<![\w/.+-])(1[3-9]|2\d|3[01])/(0?[1-9]|1[0-2])(?![\w/+-]|\.\d)")
# A day of the month alone, as an ordinal after "the" or a weekday: "on the 3rd",
# "Thursday 17th", "wed the 12th". Not "the 3rd dose", "the 2nd time" (counts, not days).
_ORDINAL_DAY_NUM = r"(?:(?:[12]\d|3[01]|0?[1-9])(?i:st|nd|rd|th)|(?i:" + _SPELLED_DAY + r"))"
# ...unless a count noun follows: "the 3rd dose", "the 2nd time", "the 4th of 6 cycles".
_COUNT_AFTER = (
    r"(?!\w|\s+(?i:of\s+(?:the\b|\d|[a-z]+\s+(?:doses?|cycles?|times?))|doses?|cycles?|"
    r"times?|days?|weeks?|months?|years?|trimester|percentile|degree|lines?|rounds?|"
    r"attempts?|floor|ribs?|ics|intercostal|digits?|fingers?|toes?|generation|grade|"
    r"sessions?|visits?|episodes?|admissions?|stage|decade|position|ones?|child|pregnancy|"
    r"try|place|pt|patient|person|nerve|ventricle|heart|sound|metatarsal|branch|division|"
    r"molar|premolar|cranial|opinion|shift|call|page|set|step|part|half|quarter|option|"
    r"choice|most|highest|lowest|largest|smallest)\b)"
)
# A day of the month alone, as an ordinal after "the" or "on": "on the 3rd", "wed the 12th",
# "discussed with his wife on 12th".
_ORDINAL_DAY = re.compile(r"\b(?i:the|on)\s+(?P<day>" + _ORDINAL_DAY_NUM + r")" + _COUNT_AFTER)
# A month's name joined to its year by a dash or an apostrophe, as spreadsheets and notes
# write them: "repeat echo Mar-25", "Jun-2025", "Sept '24", "DEC-19".
_MONTH_DASH_YEAR = re.compile(
    rf"(?<![\w'’-])(?i:{MONTH})\.?(?:-|[ \t]?['’])({_LONG_YEAR}|\d{{2}})(?![\w'’-]|\.\d)"
)
# ...or after a weekday, which is part of the date: "Thursday 17th".
_WEEKDAY_ORDINAL = re.compile(rf"\b(?i:{WEEKDAY})\.?,?\s+" + _ORDINAL_DAY_NUM + _COUNT_AFTER)
_MD_DASH = re.compile(r"(?<![\w/.+-])(0?[1-9]|1[0-2])-(0?[1-9]|[12]\d|3[01])(?![\w/+-]|\.\d)")
# Two month/day dates joined as a range: "valid 3/3-6/1", "away 12/20 – 1/3", "3/14-3/18"
# (the first half ends at the dash, so the plain m/d pattern never sees it).
_MD_RANGE = re.compile(
    r"(?<![\w/.+-])(0?[1-9]|1[0-2])/(0?[1-9]|[12]\d|3[01])(?:/(?:19|20)?\d{2})?"
    r"[ \t]?[-–—][ \t]?"
    r"(0?[1-9]|1[0-2])/(0?[1-9]|[12]\d|3[01])(?:/(?:19|20)?\d{2})?(?![\w/+-]|\.\d)"
)
# Two whole numeric dates joined as a range, day or month first, each with its year:
# "02/02/24-09/02/24", "01.05.23 - 30.05.23" (no score or dose has three parts each side).
_FULL_DATE_RANGE = re.compile(
    r"(?<![\w/.+-])(?P<a>\d{1,2})([/.])(?P<b>\d{1,2})\2(?:19|20)?\d{2}[ \t]?[-–—][ \t]?"
    r"(?P<c>\d{1,2})([/.])(?P<d>\d{1,2})\5(?:19|20)?\d{2}(?![\w/+-]|\.\d)"
)
# The month in Roman numerals, as European registers, archives and older letters date them:
# "4.ii.1884", "12-IV-1999", "21 VII 1968" (day, numeral and year, one separator).
_ROMAN_MONTH_DATE = re.compile(
    r"(?<![\w./-])(?:[12]\d|3[01]|0?[1-9])([./ -])(?i:xi{0,2}|ix|iv|vi{0,3}|i{1,3})\1"
    + _LONG_YEAR
    + r"(?![\w/]|[.-]\d)"
)
_ROMAN_LETTERS = ("i", "v", "x", "I", "V", "X")
_MONTH_YEAR = re.compile(r"(?<![\w/])(0?[1-9]|1[0-2])/((?:19|20)\d{2})(?![\w/]|\.\d)")
# A night's two days before one month and year, as Commonwealth shift notes head them:
# "night 8-9/4/02", "3-4/11/2019".
_NIGHT_RANGE = re.compile(
    r"(?<![\w/.-])(?:[12]\d|3[01]|0?[1-9])-(?:[12]\d|3[01]|0?[1-9])/(?:0?[1-9]|1[0-2])/"
    r"(?:(?:19|20)\d{2}|\d{2})(?![\w/]|\.\d)"
)
_WEEKDAY = rf"(?:{WEEKDAY}\.?,?\s+)?"
# The military and lab style "23 MAR 26": two digits after a day and a month are its year,
# unless a unit or a clock follows ("12 Jan 10 mg", "3 Mar 45 min", "5 May 12:30").
_YY = (
    r"|\d{2}(?![\w:/%]|\.\d|\s*(?i:mg|mcg|ml|g|kg|units?|u|min|mins|minutes|hrs?|hours?|yo|y/o|"
    r"years?|days?|weeks?|patients?|pts?|tabs?|tablets?|doses?|times?)\b)"
)
_TEXT_DATE = re.compile(
    # (a register's or a family Bible's "the" between month and day: "Feby the 9th 1841")
    r"\b" + _WEEKDAY + _MONTHS + r"\.?\s+(?:the\s+)?(?:" + _DAY + "|" + _SPELLED_DAY + r")"
    # (Canadian charts write the year after a slash: "Mar 3/15", "Jan 18/2005")
    r"(?:,?\s+" + _YEAR + r"|/(?:(?:19|20)\d{2}|\d{2})(?![\w/]|\.\d))?(?![\w/])"
    # (a night's two days: "3rd/4th December 2026"; not a clock's minutes: "01:15 Nov 4")
    r"|(?<!:)\b(?:"
    + _DAY
    + r"[ \t]*[/&][ \t]*)?"
    + _DAY
    # (the formula of certificates and affidavits: "issued this 2nd day of May 2024")
    + r"\s+(?:(?:day\s+)?of\s+)?"
    + _MONTHS
    + r"\.?(?:,?\s+(?:"
    + _YEAR
    + _YY
    + r"))?\b"
    r"|\b" + _MONTHS + r"\.?,?\s+(?:" + _LONG_YEAR + r"\b|['’]\d{2}(?![\w/%'’]))"
    # "04-Apr-2069", "4-APR-69": day, month name and year joined by hyphens (lab systems);
    # without the year too ("Onset 14-Nov"), as British and Caribbean notes write it
    r"|\b(?:[12]\d|3[01]|0?[1-9])-" + _MONTHS + r"(?:-(?:(?:19|20)\d{2}|\d{2}))?\b(?![-/]\d)",
    I,
)
# A clock's date as ``date``, ``ctime`` and mail headers print it: the year after the time
# ("Thu Dec 3 17:42:10 2026", "Mon Nov 30 09:15:02 UTC 2026").
_CLOCK_DATE = re.compile(
    r"\b" + _WEEKDAY + _MONTHS + r"\.?\s+" + _DAY + r"\s+\d{1,2}:\d{2}(?::\d{2})?"
    r"(?:\s+(?:[A-Z]{2,5}|[+-]\d{4}))?\s+((?:19|20)\d{2})(?![\w/])",
    I,
)  # the year (group 1): the date before the time is text-date's, the time no PHI
# The second day of a range after a month and day: the "3" of "Dec 2-3", "Nov 14–15" (the
# month's day is text-date's), unless a count follows ("May 2-3 times"). Matched from the
# dash (cheap: few places hold a digit, a dash and a day) and checked for the month before.
_DAY_RANGE_TAIL = re.compile(
    r"(?<=\d)[ \t]*[-–—][ \t]*(?P<tail>(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?)"
    r"(?![\w/:%]|\.\d|\s*(?:x\b|times|tabs?|tablets?|doses?|mg|ml|days?|weeks?|hours?|hrs?|"
    r"min))",
    I,
)
_MONTH_DAY_BEFORE = re.compile(
    r"\b(?-i:(?!may\b))"
    + _MONTHS
    + r"\.?\s+(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?[ \t]*[-–—][ \t]*$",
    I,
)


def _no_month_before(text: str, start: int, end: int) -> bool:
    return _MONTH_DAY_BEFORE.search(text, max(0, start - 20), start) is None


# A weekday before a day and month name: "Mon 14 Apr" (its own pass: cheaper than an
# optional prefix on every word boundary of the text-date pattern).
_WEEKDAY_DAY_MONTH = re.compile(
    rf"\b(?:{WEEKDAY})\.?,?\s+" + _DAY + r"\s+(?:of\s+)?" + _MONTHS + r"\b", I
)
# Dictated "(the) ninth of March (2087)": a spelled day, "of", a full month name.
# ...or with no "of" where its year follows, as Irish and British civil registers write the
# date of a birth or a death: "Third January 1895", "Twenty-first March 1902".
_SPELLED_DAY_OF_MONTH = re.compile(
    r"\b(?:the\s+)?(?:" + _SPELLED_DAY + r")\s+(?:of\s+" + _MONTHS + r"\b(?:,?\s+" + _YEAR + r")?"
    r"|" + _MONTHS + r",?\s+" + _LONG_YEAR + r"\b)",
    I,
)
# with the days the holiday names ("Easter weekend", "Labor Day weekend", "Thanksgiving
# break", "Mardi Gras day", "the Christmas holidays") and the year it fell in ("Christmas Eve
# 1915", "Hogmanay 2022"): no clock time reads "Hogmanay 2022" where no colon, no "hrs" and no
# further digit follows
_HOLIDAY = re.compile(
    rf"\b(?:{HOLIDAY})(?:[ \t]+(?:long[ \t]+)?(?:weekend|break|holidays|vacation|week|day|eve))?\b"
    r"(?:,?[ \t]+(?:1[6-9]|20)\d{2}(?![\w:/-]|\.\d|[ \t]*+(?i:hrs?|hours|h\b)))?",
    I,
)
# The first day of a range whose month is written once, at its end: "Wed 18 – Fri 20
# November", "3-5 June" (the second day and the month are a text date of their own).
_DAY_RANGE_HEAD = re.compile(
    rf"\b(?:(?:{WEEKDAY})\.?,?\s+)?(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
    # (a list of days before the last one's month: "3, 4 and 5 May", "between 9 and 22 April")
    r"(?=(?:[ \t]*,[ \t]*(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?)*"
    rf"\s*+,?\s*(?:[-–—]|to|until|through|thru|and|&|or)\s*(?:(?:{WEEKDAY})\.?,?\s+)?"
    r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\s+(?:of\s+)?(?-i:(?!may\b))" + _MONTHS + r"\b)",
    I,
)
# Dates with a month of the Hijri calendar, as Gulf documents print them beside the Gregorian
# date ("14 Jumada al-Akhirah 1448"), and Vietnamese dates ("ngày 03 tháng 12 năm 2026"); the
# Gregorian months of other languages are the CLDR's (the named-month rules below).
_FOREIGN_MONTH = (
    r"(?:muharram|safar|rabi['’ ]?\s?al[- ](?:awwal|thani|akhir)|jumada\s?al[- ](?:ula|awwal|"
    r"akhirah|thani|akhir)|rajab|sha['’]?ban|ramadan|shawwal|dhu\s?al[- ](?:qa['’]?dah|"
    r"hijjah))"
)
# The months' stems, one of which the lowered text must hold before the pattern runs.
_FOREIGN_STEMS = ("muharr", "safar", "rabi", "jumad", "rajab", "shab", "sha'b", "sha’b", "ramad",
                  "shaww", "dhu")  # fmt: skip
_FOREIGN_DATE = re.compile(
    rf"\b(?:[12]\d|3[01]|0?[1-9])(?:º|°|er|\.)?\s+(?:de\s+)?{_FOREIGN_MONTH}\s+(?:de\s+|del\s+)?"
    # a Gregorian year, or a Hijri one (14xx)
    r"(?:(?:19|20)\d{2}|14\d{2})\b"
    # Vietnamese: "ngày 03 tháng 12 năm 2026"
    r"|\b(?i:ngày)\s+(?:[12]\d|3[01]|0?[1-9])\s+(?i:tháng)\s+(?:1[0-2]|0?[1-9])\s+(?i:năm)\s+"
    r"(?:19|20)\d{2}\b"
    rf"|\b{_FOREIGN_MONTH}\s+(?:[12]\d|3[01]|0?[1-9]),?\s+(?:19|20)\d{{2}}\b",
    I,
)
# Dates with a month named in any language the Unicode CLDR knows (calendar.month_names):
# day first ("9. prosinca 2026", "3 Δεκεμβρίου 2026", "14. listopadu", "3 de diciembre de
# 2026"), month first ("Hunyo 3, 2026"), year first ("2026. december 3.", "2026. gada 24.
# decembris"). The shape is read here and the word decides (_named_month_reject): a name is a
# month in some language and, if short or also an English word, has a year beside it.
_N_DAY = r"(?:[12]\d|3[01]|0?[1-9])"
_N_LINK = r"(?:(?:de|del|di|ng|gada|den)[ \t]+)?"
# (the dot of an abbreviation, five letters at most: "dets.", not a sentence's end)
_N_MONTH = r"(?P<m>[^\W\d_]{3,})(?:(?<![^\W\d_]{6})\.)?"
_N_YEAR = rf"(?P<y>{_LONG_YEAR})(?!\d)"
_NAMED_DAY_FIRST = accelerated(
    re.compile(
        # (either end of a range: "30. november-3. december 2026")
        rf"(?:(?<![\w.,/:-])|(?<=[^\W\d_]-)){_N_DAY}(?:\.|º|°|er)?[ \t]+{_N_LINK}{_N_MONTH}"
        rf"(?:,?[ \t]+{_N_LINK}{_N_YEAR}(?:[ \t]*(?:г|m|r|ж|y)\.)?)?(?!\w|-(?!\d))"
    )
)
_NAMED_MONTH_FIRST = accelerated(
    re.compile(rf"(?<![\w-]){_N_MONTH}[ \t]+{_N_DAY}(?:\.|,)?[ \t]+{_N_YEAR}(?![\w-])")
)
_NAMED_YEAR_FIRST = accelerated(
    re.compile(
        rf"(?<![\w.,/:-]){_N_YEAR}\.?[ \t]+{_N_LINK}(?:{_N_DAY}\.[ \t]+)?{_N_MONTH}"
        rf"(?:[ \t]+{_N_DAY}\.?)?(?![\w-])"
    )
)

# A month named in another language with its year and no day ("diciembre 2026", "diciembre
# de 2026", "grudzień 2026 r."): the month is an element of the date Safe Harbor removes.
# (found from the year back: a pattern opening with any word would be tried at every word)
_YEAR_AFTER_WORD = re.compile(rf"(?<=[ \t]){_LONG_YEAR}(?!\d)(?:[ \t]*(?:г|m|r|ж|y)\.)?(?![\w-])")
_MONTH_BEFORE_YEAR = re.compile(
    rf"(?<![\w.-])(?P<m>[^\W\d_]{{3,}}+)(?:(?<![^\W\d_]{{6}})\.)?[ \t]++{_N_LINK}\Z"
)


def named_months_with_year(text: str) -> list[tuple[int, int]]:
    """Spans of a month named in another language with its year and no day."""
    out = []
    for year in _YEAR_AFTER_WORD.finditer(text):
        m = _MONTH_BEFORE_YEAR.search(text, max(0, year.start() - 32), year.start())
        if m is not None and month_with_year(m.group("m")):
            out.append((m.start(), year.end()))
    return out


_RANGE_WITH_YEAR = re.compile(
    r"[ \t]*(?:-|–|—|au|al|a|to|until|bis|až|do|до|ile|tot)[ \t]*"
    r"(?:[12]\d|3[01]|0?[1-9])\.?[ \t]+[^\W\d_]{3,}\.?,?[ \t]+(?:19|20)\d{2}(?!\d)"
)


# The article or preposition before a day that the Romance and Germanic languages write before
# a day and its month ("le 3 mars", "el 3 de mayo", "am 3. Mai", "dal 3 mar"): with it a short
# month name or one that is also an English word makes a date without its year.
_DAY_ARTICLE = re.compile(
    r"(?<![\w'’])(?i:le|du|au|dès|des|depuis|el|del|al|desde|hasta|il|dal|am|vom|bis|zum|seit|"
    r"em|op|dia|dne)[ \t]+\Z"
)
# ... or the day's weekday written out ("viernes 25 de julio", "samedi 3 mars"): the calendar's
# weekday names, and the spellings it leaves out because they are also words or given names.
_WEEKDAYS_BEFORE_DAY = frozenset(
    {"miercoles", "sabado", "domingo", "domenica", "segunda", "terça", "terca", "quarta",
     "quinta", "sexta"}
)  # fmt: skip
_WORD_BEFORE = re.compile(r"([^\W\d_][\w-]*),?[ \t]+\Z")


def _dated_by_word(text: str, start: int) -> bool:
    """An article, a preposition or a weekday before the day (see ``_DAY_ARTICLE``)."""
    if _DAY_ARTICLE.search(text, max(0, start - 16), start):
        return True
    m = _WORD_BEFORE.search(text, max(0, start - 16), start)
    word = m.group(1).lower() if m else ""
    return word in _weekdays() or word in _WEEKDAYS_BEFORE_DAY


def _named_month_reject(pattern: re.Pattern[str]) -> Callable[[str, int, int], bool]:
    def reject(text: str, start: int, end: int) -> bool:
        m = pattern.fullmatch(text, start, end)
        if m is None:
            return True
        needs_year = month_kind(m.group("m"))
        if needs_year is None:
            return True
        if m.group("y") is None:
            # the first end of a range takes the year the second has: "du 26 novembre au 3
            # décembre 2026", "30. november-3. december 2026"
            if needs_year and month_with_day(m.group("m")):
                return False  # "le 30 novembre": a full name, also a surname, with its day
            if needs_year and _dated_by_word(text, start):
                return False  # "le 3 mars": the article says a day and its month
            return needs_year and not _RANGE_WITH_YEAR.match(text, end)
        # A year and a month with no day is a date only for a month that is no English word
        # ("in 2026 lab values").
        dayless = not any(c.isdigit() for c in text[m.end("y") : end] + text[start : m.start("y")])
        return dayless and not month_with_year(m.group("m"))

    return reject


# A weekday named in another language, as the Unicode CLDR writes it in full
# (calendar.weekday_names: "Senin, 30 November", "zaterdag 28/11", "giovedì 17 dicembre"),
# and those it leaves out as listed surnames, which a form means as days ("Montag",
# "Freitag", "Sonntag", "martes", "viernes", "lundi", "dimanche").
_WEEKDAYS_NAMED_TOO = frozenset(
    {"montag", "freitag", "sonntag", "martes", "viernes", "lundi", "dimanche"}
)
# A weekday named in full ("seen Thursday", "every Monday"): with the note's own date it pins
# the day, so it is a date element ("Monday's clinic" too; "Sunday School" is no day). Full
# names only: "Sat" and "Mon" are saturation and monitor.
_WEEKDAY_NAME = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?\b"
    r"(?!-\w|['’](?!s\b)\w|\s+school\b)",
    I,
)
# A weekday's abbreviation that no clinical word or name shares, capitalised and alone
# ("reassess Fri.", "seen Thurs by PT", "dialysis Tue/Thu"); not "Mon", "Sat", "Sun"
# (monitor, saturation, sun) nor "Wed" before a word in lower case ("Wed in 1970") nor "Thu"
# before a capitalised one (a Vietnamese given name: "daughter Thu Tran").
_WEEKDAY_SHORT = re.compile(
    r"(?<![\w'’-])(?:Tues?|Thurs?|Thu(?![ \t]+[A-Z][a-z])|Fri|Weds?(?![ \t]+[a-z]))(?![\w'’-])"
)
# "in September", "since May", "early March": a capitalised month name after a time word.
_MONTH_ALONE = re.compile(
    r"\b(?i:in|since|until|till|during|by|early|late|mid|last|next|through|from|of|at|the|"
    r"this|that|each|every|before|after|around|over|to|between|end\s+of|start\s+of)[ -]"
    r"(?P<month>(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December)|(?i:january|february|april|june|july|september|october|november|"
    r"december)|(?:JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|"
    r"NOVEMBER|DECEMBER)|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?)"
    r"(?![\w/'’-])"
)
# A month whose name is no word, name or abbreviation of anything else is a date element
# wherever it stands ("due September", "last level Oct.", "RENT JULY"); March, May, April,
# June and August (a verb, a modal, given names) need the time word above, and so do "Jan"
# (a name), "Mar", "Dec" (decreased) and abbreviations in capitals or lower case ("OCT" is
# the scan, "nov" a word in other languages).
_MONTHS_ALSO_WORDS = frozenset((*MONTHS_ALSO_NAMES, "march"))  # (and a verb)
_MONTH_ONLY_A_MONTH = re.compile(
    r"(?<![\w'’-])(?:(?i:"
    + "|".join(m for m in MONTHS if m not in _MONTHS_ALSO_WORDS)
    + r")|(?:Feb|Sept|Oct|Nov)\.?)(?![\w/'’-])"
)
# A season is a date element too: with a year ("spring 2025", "winter of '19"), or alone after
# a time word ("since summer", "until the autumn"); "fall" alone is also the event.
_SEASONS = ("spring", "summer", "fall", "autumn", "winter")
_SEASON_YEAR = re.compile(
    # (from 1900 only: "fall 1745" is a fall at a quarter to six)
    r"\b(?i:spring|summer|fall|autumn|winter)(?:[ \t]+of)?[ \t]+" + _MODERN_YEAR + r"(?![\w/%'’-])"
)
_SEASON_ALONE = re.compile(
    r"\b(?i:since|until|till|during|by|early|late|mid|last|next|this|that|through|over|"
    r"throughout|all)[ \t-](?:(?i:the)[ \t]+)?(?P<season>(?i:spring|summer|autumn|winter))"
    r"(?![\w/'’-])"
)
# A weekday's short form ("sat", "Tues", "thurs") is a day only where the words around it
# say so: "sat" and "sun" are also saturation and sunlight, "mon" a monitor, "wed" married.
# A day word before it ("on", "next", "by", "repeat labs") or a time of day after it
# ("fri am"), or a range of days ("mon-fri"); the ambiguous stems also need to end their
# phrase or be followed by a time word ("on sat." but not "from sun exposure", "sat 97%").
_SHORT_DAY = "(?:" + "|".join(sorted(WEEKDAY_SHORT, key=len, reverse=True)) + ")"
_SHORT_DAY_WORD = accelerated(re.compile(rf"(?<![\w.'’]){_SHORT_DAY}(?![\w'’])", I))
_DAY_LEAD = re.compile(
    r"(?:^|[^\w/-])(?:(?:on|next|this|last|every|each|by|until|till|til|since|from|before|"
    r"after|thru|through|over|labs?|appt|f/u|fu|rtc|due|starting|started|home|d/c|dc|"
    r"discharge|visit|clinic|surgery|"
    # an event dated by its day: "epidural removed Sun.", "extubated thurs"
    r"removed|placed|changed|inserted|intubated|extubated|pulled|discontinued|stopped|admitted|"
    r"discharged|arrived|"
    # a visitor's or a traveller's day: "family arriving Sat.", "flying back Sun."
    r"arriving|arrives|coming|comes|leaving|leaves|returning|returns|back|visiting|flying|"
    r"driving|travelling|traveling|"
    # a test or a procedure booked for the day: "CATH MON.", "echo thurs"
    r"cath|ct|mri|echo|tee|egd|eeg|emg|bronch|colonoscopy|hd|dialysis|scan|or)"
    # a plan verb and its object: "repeat cbc sat", "recheck k+ mon"
    r"|(?:repeat|recheck|redraw|draw|check|rpt)(?:[ \t]+[\w+/-]+)?)[ \t]+$",
    I,
)
_DAY_TAIL = (
    r"(?:a\.m\.?|p\.m\.?|am|pm|morning|night|evening|afternoon|eve|overnight|appt|visit|"
    r"clinic|labs?|f/u|(?:at[ \t]+)?\d{1,2}(?::[0-5]\d)?[ \t]?(?:am|pm|a\.m\.|p\.m\.))(?!\w)"
)
_DAY_AFTER = re.compile(rf"[ \t]+{_DAY_TAIL}", I)
# A range or list of days: "mon-fri", "M/W/F" spelled "mon/wed/fri", "sat & sun".
_DAY_JOIN = r"(?:[ \t]?[-–/&][ \t]?|[ \t]+(?:and|or|to|thru|through)[ \t]+)"
_DAY_NEXT = re.compile(rf"{_DAY_JOIN}{_SHORT_DAY}(?![\w'’])", I)
_DAY_PREV = re.compile(rf"(?<![\w.'’]){_SHORT_DAY}{_DAY_JOIN}$", I)
_AMBIGUOUS_DAY = frozenset({"mon", "wed", "sat", "sun"})
# The word before an ambiguous short form that makes it a measurement or a device:
# "o2 sat", "pulse ox sat", "cardiac mon".
_NOT_DAY_BEFORE = re.compile(r"(?:o2|02|spo2|sao2|svo2|ox|pulse|tele|cardiac|holter)[ \t]+$", I)
# What may follow an ambiguous short form after a day word: the phrase's end, a joining
# word or a time of day ("repeat labs sat.", "on sun at 10", "by mon or tues"), never a
# number or another noun ("on sat 97%", "from sun exposure").
_SHORT_DAY_END = re.compile(
    rf"\.(?:\s|$)|\.?(?:[ \t]*(?:[,;:)!?\n]|$)|[ \t]+(?:at|and|or|to|{_DAY_TAIL}))", I
)
# ... and, after a capitalised form, what its day is for ("back to OR Sat for re-look",
# "Admitted Sat with DKA"; not "from sun for hours", written small)
_TITLED_DAY_GOES_ON = re.compile(r"[ \t]+(?:for|with)\b")


# The further places a short form is a day (short_weekdays: a title-case form inside a lower-
# case sentence, a form that is nothing but a day, after an hour, after a place, in brackets
# after a date).
_TITLED_DAYS = frozenset({"Mon", "Wed"})
_DATE_THEN = re.compile(r"\d[ \t]*\($")
_PLACE_WORD_BEFORE = re.compile(r"\b(?:from|to|in|at)[ \t]+[A-Z][a-z]+(?:[ \t][A-Z][a-z]+)?[ \t]+$")
_PHRASE_END = re.compile(r"\.?[ \t]*(?:[.,;!?)]|\n|$)")
_HOUR_BEFORE = re.compile(r"(?<![\d/.:-])(?:[01]\d|2[0-3])[0-5]\d[ \t]+$")
_ONLY_DAYS = frozenset({"tue", "tues", "weds", "thu", "thur", "thurs", "fri"})
_TITLE_BEFORE = re.compile(r"(?i:\b(?:dr|mr|mrs|ms|prof)\.?[ \t]+)$")
_MID_SENTENCE = re.compile(r"[a-z][a-z,]*[ \t]+$")
_NUMBER_OR_NAME_AFTER = re.compile(r"[ \t:=]*\d|[ \t]+[A-Z][a-z]")
# A shift's hours after the day it is worked: "Sat 0700-1900", "Sun 7p-7a" (no reading of a
# saturation or a monitor is a range of clock times).
_CLOCK = r"(?:(?:[01]\d|2[0-3])[0-5]\d|(?:1[0-2]|0?[1-9])[ap]m?)"
_SHIFT_AFTER = re.compile(rf"[ \t]+{_CLOCK}[ \t]?[-–][ \t]?{_CLOCK}(?!\w|:\d)", I)


def short_weekdays(text: str) -> list[tuple[int, int]]:
    """Spans of short weekday forms that the words around them make days (see above)."""
    out = []
    for m in _SHORT_DAY_WORD.finditer(text):
        start, end = m.span()
        in_range = _DAY_NEXT.match(text, end) or _DAY_PREV.search(text[max(0, start - 14) : start])
        before = text[max(0, start - 24) : start]
        ambiguous = m.group().lower() in _AMBIGUOUS_DAY
        cued = _DAY_LEAD.search(before) and (
            not ambiguous
            or (
                (
                    _SHORT_DAY_END.match(text, end)
                    or (m.group().istitle() and _TITLED_DAY_GOES_ON.match(text, end))
                )
                and not _NOT_DAY_BEFORE.search(before)
            )
        )
        # "CT head Wed showed", "seen by ortho Mon.": a capital inside a lower-case sentence
        # is the day's (the verb "wed" and a monitor are written small), when no number or
        # name follows it ("Mon 3", "Wed Ceremony"); not "Sat" and "Sun", which also open a
        # sentence's verb or a room's name ("pt Sat up", "the Sun Room")
        titled = (
            m.group() in _TITLED_DAYS
            and _MID_SENTENCE.search(before)
            and not _NUMBER_OR_NAME_AFTER.match(text, end)
            and not _NOT_DAY_BEFORE.search(before)
        )
        # the short forms that are nothing but a day ("plan back there fri", "FLY UP THURS.")
        plain_day = m.group().lower() in _ONLY_DAYS and not _TITLE_BEFORE.search(before)
        # a day after the hour it names: "last seen normal 2300 Sat by husband"
        after_hour = (
            ambiguous and _HOUR_BEFORE.search(before) and not _NUMBER_OR_NAME_AFTER.match(text, end)
        )
        # a day closing its phrase after a place: "flying in from Tucson Sat."
        after_place = (
            ambiguous
            and _PLACE_WORD_BEFORE.search(before)
            and not _NOT_DAY_BEFORE.search(before)
            and _PHRASE_END.match(text, end)
        )
        # the day of a date in brackets after it: "Oct 31 (Sun) 1600"
        bracketed = before.endswith("(") and text.startswith(")", end) and _DATE_THEN.search(before)
        if (
            in_range
            or cued
            or titled
            or plain_day
            or bracketed
            or after_hour
            or after_place
            or _DAY_AFTER.match(text, end)
            or (_SHIFT_AFTER.match(text, end) and not _NOT_DAY_BEFORE.search(before))
        ):
            out.append((start, end))
    return out


# A schedule of weekdays by their letters, as dialysis, therapy and home-care rotas write
# them: "HD M/W/F", "aide Tu/Th/Sa", "MWF", "TTS" (three days or more, in the week's order,
# so "M/F" for sex and "S/P" are no schedule). "TTS" is also a transdermal patch's name, so
# it wants a schedule's words near it; the other compact forms are nothing else.
_LETTER_DAY = {
    "m": 0, "t": 1, "tu": 1, "w": 2, "th": 3, "r": 3, "f": 4, "sa": 5, "sat": 5, "s": 5, "su": 6,
    "sun": 6,
}  # fmt: skip
_LETTERS = r"(?:M|Tu|T|W|Th|R|F|Sat|Sa|Sun|Su|S)"
_LETTER_DAYS = re.compile(
    rf"(?<![\w/.-]){_LETTERS}(?P<sep>[/-]){_LETTERS}(?:(?P=sep){_LETTERS}){{1,5}}(?![\w/]|-\w)",
    I,
)
_COMPACT_DAYS = re.compile(r"(?<![\w/.-])(?:MWF|MTWTHF|MTWRF|TTHSA?|TuThSa?|TTS|TRS)(?![\w/-])")
_SCHEDULE_CTX = context_regex(
    ["hd", "dialysis", "schedule", "scheduled", "sched", "q", "every", "days", "on", "rx",
     "runs", "goes"]
)  # fmt: skip


# (a plain scan for two joined day letters first: most notes hold no schedule, and the
# schedule pattern, case-insensitive after a look-behind, is tried at every letter)
_LETTER_GATE = re.compile(r"[/-][MTWRFSmtwrfs][A-Za-z]{0,2}[/-][MTWRFSmtwrfs]")
_COMPACT_HINTS = ("MWF", "TTS", "TTH", "TuTh", "MTW", "TRS")


def letter_weekdays(text: str) -> list[tuple[int, int]]:
    """Spans of weekday schedules written by letters (see above)."""
    out = []
    for m in _LETTER_DAYS.finditer(text) if _LETTER_GATE.search(text) else ():
        days = [_LETTER_DAY[p.lower()] for p in re.split(r"[/-]", m.group())]
        if all(a < b for a, b in itertools.pairwise(days)):
            out.append(m.span())
    for m in _COMPACT_DAYS.finditer(text) if any(h in text for h in _COMPACT_HINTS) else ():
        if m.group().upper() != "TTS" or near(text, m.start(), m.end(), _SCHEDULE_CTX, 16, 12):
            out.append(m.span())
    return out


_YEAR_ONLY = re.compile(r"(?<![\w/.$#-])((?:19|20)\d{2})(?![\w/%-]|\.\d)")
# A year closing a capitalised name of an event or cohort: "the Civil Rights Act of 2015",
# "Class of 2019", "Summer of 1969" (a clock time never follows "<Name> of").
_NAMED_YEAR = re.compile(r"\b[A-Z][a-z]+\s+of\s+((?:19|20)\d{2})(?![\w/%-]|\.\d)")
_APOS_YEAR = re.compile(r"(?<![\w'’])['’]\d{2}(?![\w/%'’])")
# Four digits that cannot be a clock time (minutes 60-99): "1987", "2072". Others ("2016",
# "2100") need a cue, since ICU notes are full of military times.
_YEAR_NOT_TIME = re.compile(r"(?<![\w/.$#-])((?:19|20)[6-9]\d)(?![\w/%-]|\.\d)")
# ...and from the centuries before, the four digits no clock reads (minutes 60-99: "1863",
# "1788"), after a year's cue as a family history writes them ("in 1863", "(1866)", "around
# 1875"); an older year whose digits a clock may read ("1845") needs a life's word (_LIFE_YEAR)
# or a month's name beside it.
_OLD_YEAR_NOT_TIME = re.compile(r"(?<![\w/.$#-])(1[6-8][6-9]\d)(?![\w/%+-]|\.\d)")
# Years in a list or range, each its own span: "2085 and 2086", "2019-2021", "1998 to 2003".
_YEAR_JOIN = r"\s*(?:,|and|or|to|through|-|–|&)\s*"
_YEAR_BEFORE_YEAR = re.compile(
    r"(?<![\w/.$#-])(?:19|20)\d{2}(?=" + _YEAR_JOIN + r"(?:19|20)\d{2}(?![\w/%-]|\.\d))"
)
_YEAR_AFTER_YEAR = re.compile(
    r"(?<![\w/.$#-])(?:19|20)\d{2}" + _YEAR_JOIN + r"(?P<year>(?:19|20)\d{2})(?![\w/%-]|\.\d)"
)
# A year of a life as family histories, obituaries and registers write it, back to the 1500s:
# after born, died, baptised, buried or married, or their abbreviations with their dot ("b.
# 1944", "d. 1987", "bapt. 1838", "m. 1968", "c. 1748", "b. c. 1838"), and the two years of a
# life span in brackets ("(1843-1917)"). The dot is required of the one-letter forms.
_LIFE_YEAR = re.compile(
    # (a dotted abbreviation may touch its year: "c.1860", "b.1902"; "imm." and "nat.", a
    # census's years of immigration and naturalisation)
    r"(?<![\w.])(?:(?:b|d|m|c|ca|bapt|bap|bur|fl|imm|emig|nat)\.[ \t]*|(?:born|died|baptised|"
    r"baptized|christened|buried|married|circa|abt\.?|emigrated|immigrated|naturali[sz]ed)"
    r"[ \t]+)(?:(?:c|ca|abt)\.[ \t]*+)?"
    r"((?:1[5-9]|20)\d{2})(?![\w/%-]|\.\d|:)",
    I,
)
_LIFE_SPAN = re.compile(r"\(((?:1[5-9]|20)\d{2})[ \t]*[-–—][ \t]*((?:1[5-9]|20)\d{2})\)")
# The quarter hours a shift's range in brackets runs by ("(1500-1600)", "(0730-0815)").
_ROUND_MINUTES = frozenset({0, 15, 30, 45})


def _life_span(text: str, start: int, end: int) -> bool:
    """Not a life's span in brackets: ten to 110 years, not two quarter hours of a shift."""
    m = _LIFE_SPAN.search(text, max(0, start - 6), end + 6)
    if m is None:
        return True
    born, died = int(m.group(1)), int(m.group(2))
    shift = born % 100 in _ROUND_MINUTES and died % 100 in _ROUND_MINUTES
    return not (10 <= died - born <= 110) or shift


_YEAR_CTX = context_regex(
    ["in", "since", "from", "until", "till", "year", "yr", "born", "dob", "circa", "early",
     "late", "mid", "summer", "winter", "spring", "fall", "autumn", "during", "back in", "dx",
     "quit", "stopped", "quit in",
     "diagnosed", "hx", "s/p", "status post", "admitted", "admission", "surgery", "cabg", "mi",
     "cva", "pci", "stent", "repair", "replacement", "resection", "transplant", "ago", "last",
     "before", "after", "prior", "around", "by", "(", "-", "class of", "graduated", "retired",
     "married", "died", "passed", "comparison", "compared", "study", "studies", "exam",
     "imaging", "mammogram", "mammograms", "scan", "dated", "dob", "d.o.b", "date of birth",
     "yob", "birth", "vs", "versus",
     # a labelled year: "Date: 2011", "expires 2027", "founded 2015" (not "on": "given on 2000")
     "date", "expires", "expiry", "exp", "valid", "established", "est", "founded",
     "year of", "fy",
     # a tax authority's periods ("Tax year 2023", "GST return for Q3 2023")
     "tax year", "assessment year", "financial year", "fiscal year", "q1", "q2", "q3", "q4"]
)  # fmt: skip
_YEAR_NOT = re.compile(
    r"^\s*(?:cc|ml|mls|mg|mcg|g|gm|kcal|cal|units?|u\b|hrs?\b|h\b|hours|mins?|minutes|sec|"
    r"iu|meq|mmol|mm|cm|kg|lbs?|feet|ft|ms|x|/|:\d|-\s?\d|pm|am|steps|calories|mosm|hz|mhz)",
    I,
)
_YEAR_TIME_CTX = context_regex(
    ["at", "@", "by", "until", "till", "since", "from", "around", "~", "approx", "after",
     "before", "shift", "hrs", "hours", "time", "med", "meds", "given", "dose", "due", "q",
     "total", "intake", "output", "i/o", "uo", "bolus", "ns", "lr", "infused", "drip", "volume",
     "tv", "vt", "goal", "neg", "pos", "even", "net", "+", "fluid", "ivf", "kcal", "weight",
     "wbc", "plt", "hct", "total"]
)  # fmt: skip

# Cues of a pair of readings written n/n in either order: pressures, ventilator and BiPAP
# settings, gases, drips ("BP 120/80", "PS 12/5", "BiPAP 14/8", "PA 45/20").
_PAIR_LEFT = context_regex(
    ["bp", "b/p", "abg", "vbg", "gas", "nbp", "nibp", "abp", "art", "sbp", "map", "ps",
     "peep", "cpap",
     "bipap", "nippv", "niv", "ippv", "ipap", "epap", "bilevel", "pip", "pcv", "prvc", "hfnc",
     "vent", "psv", "imv", "simv", "ac", "tv", "ie", "i:e", "pupils", "perrl",
     "o2", "fio2", "sat", "sats", "spo2", "ratio", "nc", "lpm",
     "mm", "rr", "hr", "cvp", "pap", "pa", "wedge", "pcwp",
     "ci", "co", "svr", "ett", "dilated", "cm", "ph", "gtt", "drip", "insulin", "ss",
     "riss", "fs", "bs", "i/o", "io", "uo", "ins", "outs", "settings", "setting", "rate",
     "volume", "pressure", "pressures", "vs", "vitals", "tmax", "temp", "hr/bp",
     "lytes", "glucose"]
)  # fmt: skip
# Cues of a part out of a small whole: scores and scales, strength, grades, bottles, tablets,
# portions ("pain 4/10", "strength 5/5", "2/6 murmur", "cx 2/4", "ate 1/2 tray").
_PART_LEFT = context_regex(
    ["pain", "strength", "motor", "grip", "grips", "power", "ue", "le", "bue", "ble", "mae",
     "rated", "rates", "rating", "score", "scale", "level", "grade", "murmur", "sem", "gcs",
     "sets", "cultures", "cx", "bottles", "tab", "tabs", "dose", "doses", "apgar", "apgars",
     "reflexes", "dtr", "dtrs", "edema", "pulses", "pulse", "weakness",
     "sensation", "deltoids", "biceps", "triceps", "quads", "hips", "ankles", "wrists",
     "fingers", "fraction", "portions", "portion", "eat", "ate", "meal", "meals", "tray",
     "tolerated"]
)  # fmt: skip
# The wholes a part is counted out of: scales to 10, the Glasgow scale's 15.
_WHOLES = frozenset({15})


# A number with a leading zero: only dates are written so ("01/12", "10/02").
_ZERO_PADDED = re.compile(r"(?<!\d)0\d")


def _part_of_whole(value: str) -> bool:
    """Whether n/m can be a part out of a whole: a small whole, the part not above it (a
    pain scale's "11/10" too). "level 12/5", "cx 12/1", "bottles 12/28" cannot."""
    num, _, den = value.partition("/")
    if not (num.isdigit() and den.isdigit()):
        return True
    top, whole = int(num), int(den)
    return (whole <= 10 or whole in _WHOLES) and (top <= whole or whole == 10)


_FRACTION_RIGHT = re.compile(
    r"^\s*+(?:strength|str\b|pain|scale|murmur|sem\b|hsm\b|systolic|diastolic|mmhg|mm\b|"
    r"bilat|bilaterally|throughout|in all|ue\b|le\b|bue\b|ble\b|grips?|tab|tabs|cc|ml|mg|"
    r"units|ns\b|nss\b|strength|bottles?|sets?|cultures?|of\b|x\b|peep|ps\b|cpap|"
    r"breaths?|%|l\b|lpm|nc\b|positive|negative|pos\b|neg\b|\+|portions?|meals?|of the|"
    # (a gestational age's days: "29 3/7 wks")
    r"power|reflexes|dtrs?|pulses?|edema|hrs?\b|h\b|days?\b|wks?\b|weeks?\b|times|doses?|"
    r"drops?|vials?|"
    r"puffs?|mcg|inch|cm\b|(?:\)\s*+)?=)",
    I,
)
_DATE_CTX = context_regex(
    ["on", "since", "dated", "date", "npn", "note", "notes", "admitted", "admission", "adm",
     "discharged", "d/c", "transferred", "seen", "until", "from", "through", "thru", "starting",
     "started", "due", "dos", "dob", "pod", "hd", "hod", "sched", "scheduled", "appt", "visit",
     "f/u", "follow", "last", "next", "surgery", "cabg", "cath", "op", "or", "ercp", "done",
     "placed", "removed", "changed", "inserted", "repeat", "as of", "effective", "expires",
     "exp", "in", "before", "after", "by", "day", "night", "eve", "morning",
     # the events a line, a tube or a stay dates ("ins 14/6", "intubated at OSH 1/4")
     "ins", "intubated", "extubated", "reintubated", "trached", "arrived", "onset", "diagnosed",
     "hospitalized", "hospitalised", "born", "died", "expired", "pulled", "discontinued", "xfer"]
)  # fmt: skip


# Compact YYYYMMDD (HL7 DT/DTM, exports), optionally with a time: only with a date cue or
# between HL7 delimiters, because eight digits alone are as often an MRN or an account.
_COMPACT = re.compile(
    r"(?<![\w.+-])((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])"
    r"(?:[0-2]\d[0-5]\d(?:[0-5]\d(?:\.\d{1,4})?)?)?(?:[+-]\d{4})?(?![\w-]|\.\w)"
)
# A compact date and a 24-hour time, as a signature's or a log line's stamp ("20260410
# 0900"): the time after it says it is a date, no cue needed (the date is the span; a
# clock time alone identifies no one). Joined by "T" they are one token, and the span
# ("20140611T0915": a time left beside a replaced date would keep part of the token).
_COMPACT_STAMP = re.compile(
    r"(?<![\w.+-])(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?:(?=[ ](?:[01]\d|2[0-3])"
    r"[0-5]\d(?:[0-5]\d)?(?![\w-]|[.:/]\d))|T(?:[01]\d|2[0-3])[0-5]\d(?:[0-5]\d)?(?![\w-]|[.:/]\d))"
)
# An e-mail header's or a log's date with a machine time (seconds) and a zone after it:
# "Sun, 19 Jul 2026 02:41:09 +0000"; the time and zone are part of the stamp. A bare clock
# time after a date ("3 Feb 2087 07:45") is not.
_MAIL_DATE = re.compile(
    rf"(?<![\w/.-])(?:[12]\d|3[01]|0?[1-9])\s+(?i:{MONTH})\.?,?\s+(?:19|20)\d{{2}},?\s+"
    r"(?:[01]?\d|2[0-3]):[0-5]\d:[0-5]\d(?:\s+(?:[+-](?:0\d|1[0-4])[0-5]\d|UTC|GMT|Z)\b)?"
)
# Eight digits as MMDDYYYY or DDMMYYYY after a birth cue ("dob_entered=04221951", "DOB
# 22041951"): a kiosk's or a form's birth date with no separators. Only with the cue: eight
# digits alone are as often an account.
_COMPACT_BIRTH = re.compile(
    r"(?<![\w.+-])(?:(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])|(?:0[1-9]|[12]\d|3[01])"
    r"(?:0[1-9]|1[0-2]))(?:19|20)\d{2}(?![\w-]|\.\w)"
)
# A day, a month's three letters and perhaps a year run together, as airlines, the military and
# some registration systems print dates ("14MAR79", "02NOV1969", "14NOV"): capitals only.
_DAY_MON_YEAR = re.compile(
    r"(?<![\w-])(?:0[1-9]|[12]\d|3[01])(?:JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)"
    r"(?:\d{2}|(?:19|20)\d{2})?(?![\w-])"
)
# A German, Scandinavian or Central European day and month with their dots and no year after
# a word that dates it ("bis zum 15.08.", "am 03.11.", "fra 12.04."): both in two digits.
_DOTTED_DAY_MONTH = re.compile(r"(?<=[ \t])(?:0[1-9]|[12]\d|3[01])\.(?:0[1-9]|1[0-2])\.(?![\d.])")
_DOTTED_CTX = context_regex(
    ["am", "vom", "bis", "zum", "ab", "seit", "den", "fra", "til", "från", "till", "od", "do",
     "dne", "dnia", "le", "du", "au", "dal", "al", "il", "op", "per", "tot", "van", "on", "from",
     "until", "by", "since", "termin", "datum"]
)  # fmt: skip
_BIRTH_CTX = context_regex(["dob", "d.o.b", "birth", "born", "birthdate", "bdate", "bday"])
_COMPACT_CTX = context_regex(
    ["dob", "d.o.b", "birth", "born", "birthdate", "birthday", "date", "dated", "dt", "death",
     "died", "deceased", "expired", "admit", "admitted", "admission", "discharge", "discharged",
     "dos", "visit", "service", "effective", "onset", "seen", "on", "since"]
)  # fmt: skip
_HL7_DELIMS = frozenset("|^~")


def _compact_in_hl7(text: str, start: int, end: int) -> bool:
    """``|19480111|``: a compact date as a whole HL7 field or component."""
    before = text[start - 1 : start] if start else ""
    after = text[end : end + 1]
    return before in _HL7_DELIMS and (after in _HL7_DELIMS or after in {"", "\r", "\n"})


def _compact_reject(text: str, start: int, end: int) -> bool:
    return not (_compact_in_hl7(text, start, end) or near(text, start, end, _COMPACT_CTX, 24, 0))


_DATE_LEAD = re.compile(
    r"(?:^|[^a-z0-9])(?:on|since|from|dated|date|until|till|through|thru|admitted|adm|"
    r"discharged|placed|done|started|starting|changed|due|dob|dos|visit|appt|mvc|fall|"
    r"surgery|effective|expires|before|after|by|of|d/c|d/c'd|dc'd|ins|intubated|extubated|"
    r"reintubated|trached|arrived|onset|diagnosed|hospitali[sz]ed|born|died|expired|pulled|"
    r"discontinued|xfer|npn|report)[\s:]*$"
)


def _date_lead(text: str, start: int) -> bool:
    """A date cue as the word right before: "on 7/22", "since 2/14", "from 4/26"."""
    return bool(_DATE_LEAD.search(text[max(0, start - 14) : start].lower()))


# What follows a count: "may 2-3 tabs", "may 1 day" are the modal verb and a dose or a span.
_COUNT_NEXT = re.compile(
    rf"[ \t]*(?:[-–][ \t]*\d+[ \t]*)?(?i:{DOSE_FORMS}|{DOSE_UNITS}|{TIME_UNITS}|times|x(?!-))\b"
)


def _modal_may(text: str, start: int, end: int) -> bool:
    """Lower-case "may" before a count of doses or of time ("pt may 2-3 tabs prn"): the verb;
    a month's letters before a decimal or a percentage ("APR 6.49%", "Mar 2.5 mg"): an
    annual rate or a value, no day; and a lower-case month before a year before 1900 ("dec
    1800"): a volume decreased."""
    if _DECIMAL_NEXT.match(text, end):
        return True
    if _LOWER_MONTH_OLD_YEAR.fullmatch(text, start, end):
        return True  # "uop dec 1800 ml": decreased; registers capitalise their months
    return text.startswith("may", start) and _COUNT_NEXT.match(text, end) is not None


_DECIMAL_NEXT = re.compile(r"(?:\.\d|[ \t]*%)")
_LOWER_MONTH_OLD_YEAR = re.compile(r"[a-z]+\.?,?\s+1[6-8]\d\d")


# Where a label's reach ends: a sentence's or a clause's end between it and the number
# ("10mg/hr. s/p cath 12/9": the drip's "hr" labels nothing after the full stop).
_CLAUSE_END = re.compile(r".*(?:[.;!?][ \t]|\n)", re.S)


def _cued_fraction(text: str, start: int, end: int) -> bool:
    """A pair of readings or a part of a whole after its label, in the same clause: "PS 5/5",
    "pain 4/10"."""
    left = 14
    cut = _CLAUSE_END.match(text, max(0, start - left), start)
    if cut is not None:
        left = start - cut.end()
    if left <= 0:
        return False
    if near(text, start, end, _PAIR_LEFT, left, 0):
        return True
    return near(text, start, end, _PART_LEFT, left, 0) and _part_of_whole(text[start:end])


def _fraction(text: str, start: int, end: int) -> bool:
    """Clinical fraction: pain 4/10, PS 5/5, strength 5/5, 2/6 murmur, 1/2 tab, x2/3.

    A number written with a leading zero is no reading (_ZERO_PADDED)."""
    value = text[start:end]
    if _ZERO_PADDED.search(value):
        return False
    if _cued_fraction(text, start, end):
        return True
    if _FRACTION_RIGHT.match(text[end : end + 12]):
        return True
    before = text[max(0, start - 2) : start]
    # "120/80 5/5": lists of numbers; "+1/2": a grade.
    return before.endswith(("+", "x", "X", "=", "~")) or text[end : end + 1] in {"%"}


def _dmy_reject(text: str, start: int, end: int) -> bool:
    """A d/m/y with a four-digit year is no fraction, whatever stands before it ("Sat
    28.11.2026": the weekday, not an O2 saturation); a two-digit year may be one."""
    if re.search(r"[/.-](?:19|20)\d{2}$", text[start:end]):
        return False
    return _fraction(text, start, end)


# A clock time right after a month/day: "1/6 1400", "12/3 07:30", "5/2 @ 0915".
_CLOCK_AFTER = re.compile(
    r"[ \t]+(?:(?:@|at)[ \t]*)?(?:[01]\d|2[0-3])(?::?[0-5]\d)(?![\w/%-]|[.:]\d)"
)


# A time of day after a month/day: "last drink ~1/7 AM" (a part is never "1/2 am").
_AMPM_AFTER = re.compile(r"[ \t]+(?:a\.?m\.?|p\.?m\.?)(?![\w.])", I)
# Blood-pressure cues: no systolic pressure is 12 or under, so "BP 11/30 128/76" opens with
# the reading's date, not a reading.
_BP_LEFT = re.compile(r"(?:^|[^\w/])(?:bp|b/p|nbp|nibp|abp|sbp|art)[ \t:]*$", I)
# Two or more capitalised words right before: a facility's or a person's name, after which
# n/n dates a stay or an event ("intubated at Farmington Falls Regional 1/4", "fall at
# Pleasant Prairie Assisted Living 5/10"), where a score follows its label.
_NAME_BEFORE = re.compile(r"(?<![\w'’-])[A-Z][a-z][\w'’-]*(?:[ \t]+[A-Z][a-z][\w'’-]*)+[ \t]+$")


# A British duration in twelfths or sevenths after a span's word or a British review's
# abbreviation: "Rv 6/12" is a review in six months, "x 3/12", "complete 14/7 oral" (months,
# days), no day of a month. Not after "in", "for" or "f/u": "admitted in 3/12", "booked for
# 4/12", "f/u 3/12" are a US chart's dates. (Fifty-seconds, "in 2/52", are no date anyway.)
_DURATION_BEFORE = re.compile(
    r"(?i:\b(?:rv|r/v|x|over|past|next|within|every|approx|complete|completed|further|"
    r"another|total|course\s+of))[ \t]*+(?:~[ \t]*+)?\Z"
)


def _md_reject(text: str, start: int, end: int) -> bool:
    if _ZERO_PADDED.search(text, start, end):
        return False
    if text[start:end].endswith(("/12", "/7")) and _DURATION_BEFORE.search(
        text, max(0, start - 16), start
    ):
        return True
    if _FRACTION_RIGHT.match(text[end : end + 12]):
        # (a day past the 12th after a date's lead is no fraction: "TEE on 2/26 negative")
        day = text[start:end].partition("/")[2]
        return not (day.isdigit() and int(day) > 12 and _date_lead(text, start))
    if _date_lead(text, start):
        return False
    top = int(text[start:end].partition("/")[0])
    if top <= 12 and _BP_LEFT.search(text, max(0, start - 8), start):
        return False
    if _AMPM_AFTER.match(text, end) and not _cued_fraction(text, start, end):
        return False
    if _fraction(text, start, end):
        return True
    if _NAME_BEFORE.search(text, max(0, start - 48), start):
        return False
    hours_after = _CLOCK_AFTER.match(text, end) or _SHIFT_AFTER.match(text, end)
    if hours_after and not text[start:end].endswith("/10"):
        return False  # "1/6 1400 Addendum", "12/3 07:30", "2/3 1400-2300": a day and its hours
    num, _, den = text[start:end].partition("/")
    # n/10 and n/n are scores unless a date cue says otherwise; a top above the bottom is
    # no score ("hus 10/6 normal", "00:36 10/4", "pool 16/10"), only a date or a setting.
    score_like = den in {"10", "5", "4", "3", "6"} and int(num) <= int(den)
    return (score_like or num == den) and not near(text, start, end, _DATE_CTX, 16, 0)


_RANGE_UNIT = re.compile(
    r"\s*(?:months?|mos?|weeks?|wks?|days?|d|hours?|hrs?|h|years?|yrs?|times|x|mins?|"
    r"minutes|mg|mcg|ml|cc|cm|mm|l|units?|%|/)(?![a-z])",
    re.I,
)


def _month_year_reject(text: str, start: int, end: int) -> bool:
    num, _, year = text[start:end].partition("/")
    if year in _NOT_MONTH_YEAR or (num.lstrip("0") == "1" and year in _TITERS):
        return True
    return bool(_FRACTION_RIGHT.match(text[end : end + 12])) or _fraction(text, start, end)


def _md_dash_reject(text: str, start: int, end: int) -> bool:
    """``2-3`` is usually a range (2-3 L NC, q2-4h, in 6-12 months); accept only with a date
    cue and no unit after it."""
    if _RANGE_UNIT.match(text, end):
        return True
    return not near(text, start, end, _DATE_CTX, 16, 0) or _fraction(text, start, end)


def _full_range_reject(text: str, start: int, end: int) -> bool:
    """Each half must be a day and a month in one order or the other."""
    m = _FULL_DATE_RANGE.match(text, start)
    if m is None:
        return True
    a, b, c, d = (int(m.group(k)) for k in "abcd")

    def day_month(x: int, y: int) -> bool:
        return 1 <= x <= 31 and 1 <= y <= 31 and min(x, y) <= 12

    return not (day_month(a, b) and day_month(c, d))


def _md_range_reject(text: str, start: int, end: int) -> bool:
    """Scores written as a range share their denominator ("4/5-5/5", "24/30-26/30",
    "pain 4/10-6/10") and doses are halves and quarters ("1/2-3/4"): a range of two days is
    a date unless it reads as one of those, or a score or measurement word is next to it."""
    m = _MD_RANGE.match(text, start)
    if m is None:
        return True
    if _fraction(text, start, end):
        return True
    a, b, c, d = (int(m.group(k)) for k in range(1, 5))
    fractions = all(den in {2, 3, 4, 8} and num < den for num, den in ((a, b), (c, d)))
    return (b == d or fractions) and not near(text, start, end, _DATE_CTX, 16, 0)


# A whole date written in digits right before four digits a clock may read: the clock time
# of that date ("Shift Note (01/27/2024 1914)", "2024-01-27 @ 2040"), not a second year.
_FULL_DATE_BEFORE = re.compile(
    r"(?<![\w/.-])(?:\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})|\d{4}-\d{2}-\d{2})"
    r"[ \t]*+(?:@[ \t]*+)?$"
)


def _year_reject(text: str, start: int, end: int) -> bool:
    if _YEAR_NOT.match(text[end : end + 8]):
        return True
    minutes = text[end - 2 : end]
    if (
        minutes.isdigit()
        and int(minutes) < 60
        and _FULL_DATE_BEFORE.search(text, max(0, start - 24), start)
    ):
        return True
    if start in entry_times(text):
        return True  # "1930 Received from ...": a narrative line's time
    # Military times and volumes: "at 2000", "NS 1500", "total 1900".
    return near(text, start, end, _YEAR_TIME_CTX, 10, 0) and not near(
        text, start, end, _YEAR_CTX, 10, 0
    )


# A month alone in brackets after a value: "HbA1c 8.4% (Oct)", "last seen (March)";
# capitalised, and not "(May)".
_MONTH_BRACKETED = re.compile(rf"\(((?!May\))(?=[A-Z])(?i:{MONTH})\.?)\)")


# A clock time no year shares (before 19:00 or after 20:59), as nursing notes write them.
_CLEAR_TIME = re.compile(r"(?<![\w/.:-])(?:0\d|1[0-8]|2[1-3])[0-5]\d(?![\w/.:%-])")


def _times_not_years(text: str, start: int, end: int) -> bool:
    """Two numbers of a list ("sent 2015 & 2040"; a range is left alone) that are both clock
    times, in a text that writes its times so (two clear ones at least: "0200", "1400"), with
    no year's cue before them: the times of a shift, not years."""
    window = text[max(0, start - 12) : end + 12]
    numbers = re.findall(r"(?:19|20)\d{2}", window)
    if not numbers or not all(int(n[2:]) < 60 for n in numbers):
        return False
    if re.search(r"(?:19|20)\d{2}[ \t]*[-–][ \t]*(?:19|20)\d{2}", window):
        return False  # a range ("1942-1946") is as often years as a shift's hours: kept
    if near(text, start, end, _YEAR_CTX, 10, 0):
        return False
    return len(_CLEAR_TIME.findall(text)) >= 2


# The rest of a list after its first year ("-2023" of "2019-2023"): what follows the list's
# last year, not its first, says whether they are years ("2000-2500 mL" are not).
_YEAR_LIST_TAIL = re.compile(_YEAR_JOIN + r"(?:19|20)\d{2}")


def _year_list_first_reject(text: str, start: int, end: int) -> bool:
    tail = _YEAR_LIST_TAIL.match(text, end)
    last = tail.end() if tail else end
    return _year_reject(text, start, last) or _times_not_years(text, start, end)


def _year_list_reject(text: str, start: int, end: int) -> bool:
    """The second year of a list: the cue that rules out times sits before the first."""
    return _year_reject(text, max(0, start - 12), end) or _times_not_years(text, start, end)


def date_rules() -> list[Rule]:
    e = Entity.DATE_TIME
    return [
        Rule("bracket", e, _BRACKET, 0.95),
        Rule("mdy", e, _MDY, 0.9),
        Rule("masked-date", e, _MASKED_DATE, 0.8, trigger=("XX", "xx", "**", "##", "__")),
        Rule("dmy", e, _DMY, 0.9, reject=_dmy_reject),
        Rule("ymd", e, _YMD, 0.95),
        Rule("night-range", e, _NIGHT_RANGE, 0.9),
        Rule("dmy-spaced", e, _DMY_SPACED, 0.9, trigger=(". ", ".\t")),
        Rule("ymd-spaced", e, _YMD_SPACED, 0.9, trigger=(". ", ".\t")),
        Rule("cjk-date", e, _CJK_DATE, 0.9, trigger=("月", "월")),
        Rule("month-year", e, _MONTH_YEAR, 0.7, reject=_fraction),
        Rule("roman-month-date", e, _ROMAN_MONTH_DATE, 0.85, trigger=_ROMAN_LETTERS),
        Rule("text-date", e, _TEXT_DATE, 0.85, reject=_modal_may, words=MONTH_STARTS),
        Rule("clock-date", e, _CLOCK_DATE, 0.85, group=1, trigger=(":",), words=MONTH_STARTS),
        Rule(
            "month-day-range-tail", e, _DAY_RANGE_TAIL, 0.8, group="tail", reject=_no_month_before
        ),
        Rule("weekday-day-month", e, _WEEKDAY_DAY_MONTH, 0.85, words=WEEKDAY_STARTS),
        Rule("spelled-day-of-month", e, _SPELLED_DAY_OF_MONTH, 0.85, words=_SPELLED_DAY_WORDS),
        Rule("holiday", e, _HOLIDAY, 0.7, words=HOLIDAY_STARTS),
        Rule(
            "day-range-head",
            e,
            _DAY_RANGE_HEAD,
            0.8,
            trigger=("-", "–", "—", " to ", "until", "through", "thru", " and ", "&", " or "),
            words=MONTH_STARTS,
        ),
        Rule("foreign-date", e, _FOREIGN_DATE, 0.85, words=(*_FOREIGN_STEMS, "ngày")),
        Rule("weekday-name", e, _WEEKDAY_NAME, 0.6, trigger=("day",)),
        Rule("weekday-short", e, _WEEKDAY_SHORT, 0.6, words=("tue", "wed", "thu", "fri")),
        Rule(
            "named-month-day-first",
            e,
            _NAMED_DAY_FIRST,
            0.85,
            reject=_named_month_reject(_NAMED_DAY_FIRST),
        ),
        Rule(
            "named-month-first",
            e,
            _NAMED_MONTH_FIRST,
            0.85,
            reject=_named_month_reject(_NAMED_MONTH_FIRST),
        ),
        Rule(
            "named-month-year-first",
            e,
            _NAMED_YEAR_FIRST,
            0.85,
            reject=_named_month_reject(_NAMED_YEAR_FIRST),
        ),
        Rule("month-alone", e, _MONTH_ALONE, 0.7, group="month", words=MONTH_STARTS),
        Rule("month-in-brackets", e, _MONTH_BRACKETED, 0.7, group=1, words=MONTH_STARTS),
        Rule("month-only", e, _MONTH_ONLY_A_MONTH, 0.6, words=MONTH_STARTS),
        Rule("season-year", e, _SEASON_YEAR, 0.75, trigger=_SEASONS),
        Rule("season-alone", e, _SEASON_ALONE, 0.6, group="season", trigger=_SEASONS),
        Rule("md-range", e, _MD_RANGE, 0.75, reject=_md_range_reject),
        Rule("full-date-range", e, _FULL_DATE_RANGE, 0.85, reject=_full_range_reject),
        Rule("md", e, _MD, 0.7, _DATE_CTX, 0.9, window=16, reject=_md_reject),
        Rule("dm", e, _DM, 0.7, _DATE_CTX, 0.9, window=16, reject=_md_reject),
        Rule(
            "month-short-year",
            e,
            _MONTH_SHORT_YEAR,
            0.0,
            _MONTH_YEAR_CTX,
            0.75,
            window=14,
            reject=_month_year_reject,
        ),
        Rule("ordinal-day", e, _ORDINAL_DAY, 0.6, group="day"),
        Rule("month-dash-year", e, _MONTH_DASH_YEAR, 0.75, words=MONTH_STARTS),
        Rule("weekday-ordinal", e, _WEEKDAY_ORDINAL, 0.75, words=WEEKDAY_STARTS),
        Rule("weekday-numeric", e, _WEEKDAY_NUMERIC, 0.85, words=WEEKDAY_STARTS),
        Rule("weekday-before-month", e, _WEEKDAY_BEFORE_MONTH, 0.8, group=1, words=WEEKDAY_STARTS),
        Rule("md-dash", e, _MD_DASH, 0.0, _DATE_CTX, 0.75, window=16, reject=_md_dash_reject),
        Rule("compact", e, _COMPACT, 0.85, reject=_compact_reject),
        Rule("compact-birth", e, _COMPACT_BIRTH, 0.0, _BIRTH_CTX, 0.85, window=20),
        Rule("compact-stamp", e, _COMPACT_STAMP, 0.85),
        Rule("day-mon-year", e, _DAY_MON_YEAR, 0.85),
        Rule("dotted-day-month", e, _DOTTED_DAY_MONTH, 0.0, _DOTTED_CTX, 0.8, window=10),
        Rule("mail-date", e, _MAIL_DATE, 0.9, trigger=(":",)),
        Rule("year", e, _YEAR_ONLY, 0.0, _YEAR_CTX, 0.7, window=14, reject=_year_reject),
        Rule(
            "year-not-time", e, _YEAR_NOT_TIME, 0.55, _YEAR_CTX, 0.7, window=14, reject=_year_reject
        ),
        Rule(
            "old-year-not-time",
            e,
            _OLD_YEAR_NOT_TIME,
            0.0,
            _YEAR_CTX,
            0.7,
            window=14,
            reject=_year_reject,
        ),
        Rule("year-list", e, _YEAR_BEFORE_YEAR, 0.55, reject=_year_list_first_reject),
        Rule("named-year", e, _NAMED_YEAR, 0.6, group=1, reject=_year_reject, trigger=(" of ",)),
        Rule("year-list-2", e, _YEAR_AFTER_YEAR, 0.55, group="year", reject=_year_list_reject),
        Rule("apostrophe-year", e, _APOS_YEAR, 0.55, _YEAR_CTX, 0.7, window=14),
        Rule("life-year", e, _LIFE_YEAR, 0.7, group=1, reject=_year_reject),
        Rule("life-span", e, _LIFE_SPAN, 0.7, group=1, reject=_life_span, trigger=("(",)),
        Rule("life-span-end", e, _LIFE_SPAN, 0.7, group=2, reject=_life_span, trigger=("(",)),
    ]


# a word as long as a weekday's name, or a month's or a weekday's with a slip in it
_LONG_WORD = re.compile(r"(?<![\w'’-])[^\W\d_]{4,14}(?:-[^\W\d_]{4,6})?(?![\w'’-])")
_SLIP_DAY_AFTER = re.compile(r"\.?,?[ \t]+(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d)")
_SLIP_DAY_BEFORE = re.compile(r"(?<!\d)(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?[ \t]+$")
_SLIP_YEAR = re.compile(r",?[ \t]+(?:19|20)\d{2}(?!\d)")


@cache
def _weekdays() -> frozenset[str]:
    return weekday_names() | _WEEKDAYS_NAMED_TOO


def calendar_words(text: str) -> list[tuple[int, int, float]]:
    """Spans and scores of a weekday named in another language (0.6), and of a month or
    weekday written with one slip, with the day and year beside it ("thrusday", "Decmber 3,
    2026"): surer with a day ("Decmber 3" is a date, not a name the rules might read). One
    scan of the words for both."""
    out = []
    slips = misspelt_names()
    weekdays = _weekdays()
    for m in _LONG_WORD.finditer(text):
        word = m.group().lower()
        if word in weekdays:
            out.append((m.start(), m.end(), 0.6))
            continue
        if word not in slips:
            continue
        start, end = m.span()
        after = _SLIP_DAY_AFTER.match(text, end)
        before = _SLIP_DAY_BEFORE.search(text, max(0, start - 8), start)
        end = after.end() if after else end
        start = before.start() if before else start
        if after or before:
            year = _SLIP_YEAR.match(text, end)
            end = year.end() if year else end
        out.append((start, end, 0.85 if after or before else 0.6))
    return out


class ClinicalDateRecognizer(RegexRecognizer):
    """The date rules, short weekday forms read from the words around them, a month named in
    another language with its year, and a month or weekday with a slip in it. (Not named
    ``DateRecognizer``: Presidio's registry finds its predefined recognizers by class name
    among all subclasses, and a vanilla engine built in the same process took this one.)"""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        results = super().analyze(text, entities, nlp_artifacts)
        if entities and Entity.DATE_TIME.value not in entities:
            return results
        for start, end in (*short_weekdays(text), *letter_weekdays(text)):
            results.append(make_result(self, Entity.DATE_TIME, start, end, 0.6))
        for start, end in named_months_with_year(text):
            results.append(make_result(self, Entity.DATE_TIME, start, end, 0.85))
        for start, end, score in calendar_words(text):
            results.append(make_result(self, Entity.DATE_TIME, start, end, score))
        return results


def date_recognizer() -> RegexRecognizer:
    return ClinicalDateRecognizer("AuditorDateRecognizer", date_rules())

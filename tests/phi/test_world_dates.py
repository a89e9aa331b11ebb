"""Dates as the world writes them: a month named in any language the Unicode CLDR knows
(``resources/month_names.txt.gz``), dotted dates with blanks, Chinese, Japanese and Korean
dates; and words that only look like one."""

from __future__ import annotations

import pytest

from auditor.phi.calendar import month_names, weekday_names
from auditor.phi.engine import PhiEngine


def dates(engine: PhiEngine, text: str) -> list[str]:
    spans = next(iter(engine.analyze_many([text])))
    return [text[s.start : s.end].rstrip(".") for s in spans if s.entity_type == "DATE_TIME"]


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Kontrola 9. prosinca 2026. u ambulanti", "9. prosinca 2026"),  # Croatian, genitive
        ("kontrola 14. listopadu na poliklinice", "14. listopadu"),  # Czech, no year
        ("Ημερομηνία: 3 Δεκεμβρίου 2026", "3 Δεκεμβρίου 2026"),  # Greek
        ("поступил 3 декабря 2026 г. в отделение", "3 декабря 2026 г"),  # Russian
        ("data przyjęcia 12 grudnia 2026", "12 grudnia 2026"),  # Polish
        ("retorno em 25 de novembro", "25 de novembro"),  # Portuguese, no year
        ("Contrôle le 14 décembre à 10h", "14 décembre"),  # French, no year
        ("järgmine visiit 14 dets 2026", "14 dets 2026"),  # Estonian abbreviation, with year
        ("Született: 1951. március 4.", "1951. március 4"),  # Hungarian, year first
        ("rojstvo 3. 3. 2021, cepljen", "3. 3. 2021"),  # Slovene dotted with blanks
        ("vizsgálat 2026. 12. 02. napján", "2026. 12. 02"),  # Hungarian numeric
        ("2026年12月3日入院", "2026年12月3日"),  # Chinese / Japanese
        ("2026년 12월 3일 방문", "2026년 12월 3일"),  # Korean
        ("promotora Yolanda Saucedo -- diciembre 2026", "diciembre 2026"),  # month and year
        ("Informe de diciembre de 2026", "diciembre de 2026"),
        ("ΔΕΚΕΜΒΡΙΟΣ 2026", "ΔΕΚΕΜΒΡΙΟΣ 2026"),  # Greek capitals drop the accent
        ("przyjęty grudzień 2026 r.", "grudzień 2026 r"),
        ("Epikrise   4. december 2026", "4. december 2026"),  # Danish, English spelling
        ("Indlagt 30. november-3. december 2026 med", "30. november"),  # a range's first end
        ("Indlagt 30. november-3. december 2026 med", "3. december 2026"),
        ("Hospitalisé du 26 novembre au 3 décembre 2026", "26 novembre"),  # the range's year
        ("Night of 3rd/4th December 2026   Nurse", "3rd/4th December 2026"),
    ],
)
def test_a_date_in_another_language(engine: PhiEngine, text: str, date: str) -> None:
    assert date in dates(engine, text)


@pytest.mark.parametrize(
    "text",
    [
        "gave 5 mg led to improvement",  # "led" abbreviates a Czech month: needs a year
        "saw 3 pro athletes in clinic",  # "pro" a Croatian one
        "took 2 mars bars",  # an English word that is a French month: needs a year
        "items 1. 2. 3. of the checklist",  # a list, no year
        "BP 120. 8. 2026 flagged",  # no day of month is 120
        "room 14 Julio Ramos",  # Spanish for July, but a listed first name: needs a year
        "see vol 2026 of the series",  # an English word that abbreviates a month: no date
    ],
)
def test_what_only_looks_like_a_date(engine: PhiEngine, text: str) -> None:
    assert dates(engine, text) == []


def test_the_month_list_is_every_language_but_english() -> None:
    months = month_names()
    assert len(months) > 2000
    assert months["prosinca"] is False and months["décembre"] is False  # full names
    assert months["dets"] is True and months["mars"] is True  # need a year
    assert not {"december", "dec", "sept", "may", "march"} & set(months)


def test_a_year_before_an_english_word_that_abbreviates_a_month_is_the_year_alone(
    engine: PhiEngine,
) -> None:
    assert dates(engine, "In 2026 lab values were stable") == ["2026"]


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("my wife will bring it thrusday, i have dialisis", "thrusday"),
        ("seen Decmber 3, 2026 and again", "Decmber 3, 2026"),
        ("on 3 Novmber 2026 at the clinic", "3 Novmber 2026"),
        ("back on febuary", "febuary"),
    ],
)
def test_a_month_or_weekday_with_one_slip_is_a_date(
    engine: PhiEngine, text: str, date: str
) -> None:
    assert date in dates(engine, text)


@pytest.mark.parametrize("text", ["walked by the marsh", "ate a sundae", "Dr Munday saw her"])
def test_a_word_or_a_name_one_slip_from_a_month_is_none(engine: PhiEngine, text: str) -> None:
    assert dates(engine, text) == []


def test_a_full_month_name_ending_a_sentence_leaves_the_full_stop(engine: PhiEngine) -> None:
    text = "Contrôle 14 décembre. Rien"
    spans = next(iter(engine.analyze_many([text])))
    assert [text[s.start : s.end] for s in spans if s.entity_type == "DATE_TIME"] == ["14 décembre"]


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("presso il Dott. Ugolini il giovedì 17 dicembre.", "giovedì"),  # Italian, CLDR
        ("route sheet, Déardaoin 3 Nollaig 2026", "Déardaoin"),  # Irish
        ("Consulta marcada: segunda-feira, 10h", "segunda-feira"),  # Portuguese, hyphenated
        ("Termin am Freitag", "Freitag"),  # a listed surname the CLDR list leaves out
    ],
)
def test_a_weekday_in_another_language(engine: PhiEngine, text: str, day: str) -> None:
    assert day in dates(engine, text)


def test_the_weekday_list_is_the_cldrs_but_english() -> None:
    days = weekday_names()
    assert {"giovedì", "segunda-feira", "senin", "pazartesi"} <= days
    assert not {"monday", "sunday"} & days


def test_a_weekdays_plural_is_no_slip_taking_the_clock(engine: PhiEngine) -> None:
    assert dates(engine, "4 sessions, Tuesdays 6-8 pm") == ["Tuesdays"]

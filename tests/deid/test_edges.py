"""The edges of a replaced name (auditor/deid/edges.py): what a span takes beside it, what two
spans joined by a particle become, and what stays, through the real engine's word lists."""

from __future__ import annotations

import pytest

from auditor.deid.edges import widen
from auditor.deid.operators import Deidentifier
from auditor.deid.profiles import load_profile
from auditor.deid.sweep import sweep_for
from auditor.phi.engine import PhiEngine, PhiSpan

from .conftest import KEY, REFERENCE


def spans_of(text: str, *marked: tuple[str, str]) -> list[PhiSpan]:
    """Engine-like spans over the first occurrence of each (kind, value), in order."""
    out = []
    for kind, value in marked:
        start = text.index(value)
        out.append(PhiSpan(kind, start, start + len(value), 0.8))
    return sorted(out, key=lambda s: s.start)


def widened(engine: PhiEngine, text: str, *marked: tuple[str, str]) -> list[tuple[str, str]]:
    return [
        (s.entity_type, text[s.start : s.end])
        for s in widen(text, spans_of(text, *marked), engine.lexicon)
    ]


def deidentified(engine: PhiEngine, text: str) -> str:
    """``text`` through the engine, the sweep and the Safe Harbor operators, as ``auditor
    deid`` runs them."""
    deid = Deidentifier(
        KEY,
        load_profile("safe-harbor"),
        shift_days=365,
        reference=REFERENCE,
        ambiguous=engine.lexicon.is_ambiguous,
        sweep=sweep_for(True, engine.lexicon),
    )
    return deid.text(text, next(iter(engine.analyze_many([text]))))


@pytest.mark.parametrize(
    ("text", "marked", "expected"),
    [
        # a particle between two names, one a firm's, a facility's or a street's
        (
            "seen at Larkspur Dental of Odessa today",
            [("ORGANIZATION", "Larkspur Dental"), ("LOCATION", "Odessa")],
            [("ORGANIZATION", "Larkspur Dental of Odessa")],
        ),
        (
            "the crash at Tillman Ave and Quarry Rd in town",
            [("STREET_ADDRESS", "Tillman Ave"), ("STREET_ADDRESS", "Quarry Rd")],
            [("STREET_ADDRESS", "Tillman Ave and Quarry Rd")],
        ),
        (
            "letter from Dar Bayt al-Nakheel committee",
            [("ORGANIZATION", "Dar Bayt"), ("ORGANIZATION", "Nakheel")],
            [("ORGANIZATION", "Dar Bayt al-Nakheel")],
        ),
        (
            "Fenwick van Doorn called",
            [("PERSON", "Fenwick"), ("PERSON", "Doorn")],
            [("PERSON", "Fenwick van Doorn")],
        ),
        # a company form, a code in capitals, a series numeral, a campus after a dash
        (
            "Billed my Marlow Ridge Dental PPO twice",
            [("ORGANIZATION", "Marlow Ridge Dental")],
            [("ORGANIZATION", "Marlow Ridge Dental PPO")],
        ),
        (
            "driver from Quenby Freight (Pty) Ltd arrived",
            [("ORGANIZATION", "Quenby Freight")],
            [("ORGANIZATION", "Quenby Freight (Pty) Ltd")],
        ),
        (
            "referred by Tarlac Rural Health Unit II, next week",
            [("HOSPITAL", "Tarlac Rural Health Unit")],
            [("HOSPITAL", "Tarlac Rural Health Unit II")],
        ),
        (
            "Cinder Flats Imaging - Eureka          Exam date",
            [("HOSPITAL", "Cinder Flats Imaging")],
            [("HOSPITAL", "Cinder Flats Imaging - Eureka")],
        ),
        # before a firm: a code that is no word, a word where a name stands
        (
            "referred to NZOZ Przychodnia Lipowa for rehab",
            [("HOSPITAL", "Przychodnia Lipowa")],
            [("HOSPITAL", "NZOZ Przychodnia Lipowa")],
        ),
        (
            "To: Anvil Creek Dermatology",
            [("HOSPITAL", "Creek Dermatology")],
            [("HOSPITAL", "Anvil Creek Dermatology")],
        ),
        # a street's house number and marker; the rest of a hyphenated surname; a unit
        (
            "Address: No. 14, 3rd Harbour Road, Adyar",
            [("STREET_ADDRESS", "Harbour Road")],
            [("STREET_ADDRESS", "No. 14, 3rd Harbour Road")],
        ),
        (
            "lives at 14 Bellamy St, Apt 3B since May",
            [("STREET_ADDRESS", "14 Bellamy St")],
            [("STREET_ADDRESS", "14 Bellamy St, Apt 3B")],
        ),
        (
            "Domicilio: Av. Rivera 2211, apto 5, Montevideo",
            [("STREET_ADDRESS", "Av. Rivera 2211")],
            [("STREET_ADDRESS", "Av. Rivera 2211, apto 5")],
        ),
        # the word for a hospital or a street in a language that writes it inside or after
        (
            "Opća bolnica Zelengaj -- Odjel",
            [("PERSON", "Opća"), ("PERSON", "Zelengaj")],
            [("HOSPITAL", "Opća bolnica Zelengaj")],
        ),
        (
            "Liepājas Jūrmalas slimnīca -- nodaļa",
            [("LOCATION", "Liepājas Jūrmalas")],
            [("HOSPITAL", "Liepājas Jūrmalas slimnīca")],
        ),
        (
            "Adrese: Dzirnavu iela 44-2, Rīga",
            [("PERSON", "Dzirnavu"), ("LOCATION", "Rīga")],
            [("STREET_ADDRESS", "Dzirnavu iela 44-2"), ("LOCATION", "Rīga")],
        ),
        # a particle inside the words before a firm; a facility's head that opens its name
        (
            "agency: Sangre de Cristo Home Companions -- invoice",
            [("ORGANIZATION", "Cristo Home Companions")],
            [("ORGANIZATION", "Sangre de Cristo Home Companions")],
        ),
        (
            "Destino: Hospital Central Ribera del Paraguay -- Cardiología",
            [("LOCATION", "Ribera del Paraguay")],
            [("HOSPITAL", "Hospital Central Ribera del Paraguay")],
        ),
        (
            "pharmacist lorna quist-ward, rph",
            [("PERSON", "lorna quist")],
            [("PERSON", "lorna quist-ward")],
        ),
    ],
)
def test_a_name_takes_its_edges(
    phi_engine: PhiEngine,
    text: str,
    marked: list[tuple[str, str]],
    expected: list[tuple[str, str]],
) -> None:
    assert widened(phi_engine, text, *marked) == expected


@pytest.mark.parametrize(
    ("text", "marked"),
    [
        # two people, a person and a place, two places: "and" and "of" keep them apart
        ("Ms Quill and Mr Bantry at bedside", [("PERSON", "Quill"), ("PERSON", "Bantry")]),
        (
            "son Dale Kerrigan of Norfolk visited",
            [("PERSON", "Dale Kerrigan"), ("LOCATION", "Norfolk")],
        ),
        ("moved between Boston and Denver", [("LOCATION", "Boston"), ("LOCATION", "Denver")]),
        # one line only
        (
            "Larkspur Dental\nof Odessa",
            [("ORGANIZATION", "Larkspur Dental"), ("LOCATION", "Odessa")],
        ),
        # a ward, a label before its value, a clinical code, an English code
        ("transferred to Mercy Vale Hospital ICU today", [("HOSPITAL", "Mercy Vale Hospital")]),
        ("Harlan Bay Physio  DOS 02/11/2026", [("HOSPITAL", "Harlan Bay Physio")]),
        ("Harlan Bay Physio LOG for the week", [("HOSPITAL", "Harlan Bay Physio")]),
        # a sentence's first English word, a dash's department, a word with a hyphen
        ("Anvil Creek Dermatology called back", [("HOSPITAL", "Creek Dermatology")]),
        (
            "Evergreen Mutual Insurance Company - Underwriting",
            [("ORGANIZATION", "Evergreen Mutual Insurance Company")],
        ),
        ("freed by Otis-type tech", [("PERSON", "Otis")]),
        # a comma before a number that no house marker opens
        ("Zentral-OP Saal 4, Lindenweg 22, Magdeburg", [("STREET_ADDRESS", "Lindenweg 22")]),
        # in capitals every word looks like a code
        ("DISPO: SPAULDING VS HOME", [("HOSPITAL", "HOME")]),
    ],
)
def test_what_stays_beside_a_name(
    phi_engine: PhiEngine, text: str, marked: list[tuple[str, str]]
) -> None:
    assert widened(phi_engine, text, *marked) == [
        (k, v) for k, v in sorted(marked, key=lambda kv: text.index(kv[1]))
    ]


def test_spans_of_other_kinds_pass_unchanged(phi_engine: PhiEngine) -> None:
    text = "MRN 4418207 at Larkspur Dental of Odessa on 12/03/2026"
    marked = [("MEDICAL_RECORD_NUMBER", "4418207"), ("DATE_TIME", "12/03/2026")]
    assert widened(phi_engine, text, *marked) == marked


def test_deidentified_text_keeps_no_edge(phi_engine: PhiEngine) -> None:
    """Through the engine, the sweep and the Safe Harbor operators, as ``auditor deid`` runs."""
    text = "Claim 3 weeks ago: Billed my Marlow Ridge Dental PPO twice for one cleaning."
    out = deidentified(phi_engine, text)
    assert "Marlow" not in out and "PPO" not in out
    assert out.endswith("twice for one cleaning.")


def test_initials_a_text_gives_a_name_go_with_it(phi_engine: PhiEngine) -> None:
    """ "Kendra Moe (KM)" then "KM / TR" in a table: the initials are replaced as the name."""
    text = "Therapists: Kendra Moe (KM), Tyler Rask (TR).\nfraction 1   KM / TR\nwalked 3 km"
    out = deidentified(phi_engine, text)
    assert "KM" not in out and "TR" not in out
    assert out.endswith("walked 3 km")  # the unit, lower case, is no initials


@pytest.mark.parametrize(
    ("text", "kept", "gone"),
    [
        # a name in brackets beside the same name in another script, either way round
        ("პაციენტი: ნინო გელაშვილი (Nino Gelashvili), დაბ.", "პაციენტი:", "გელაშვილი"),
        ("Patient Armen Sargsyan (Արմեն Սարգսյան) seen today", "seen today", "Սարգսյան"),
        # after a slash to the field's end, six words long
        (
            "Name: Abdulhamid Salem Mohammed Ben Ghalbun / عبد الحميد سالم محمد بن غلبون\nDOB",
            "DOB",
            "غلبون",
        ),
    ],
)
def test_a_name_in_another_script_goes_with_its_transliteration(
    phi_engine: PhiEngine, text: str, kept: str, gone: str
) -> None:
    out = deidentified(phi_engine, text)
    assert kept in out and gone not in out


@pytest.mark.parametrize(
    ("text", "name", "handle"),
    [
        ('2 stars -- "GeorgiaPeach_Tina" -- Dec', "Tina", "GeorgiaPeach_Tina"),
        ("tech: omhlab_rsellers", "omhlab", "omhlab_rsellers"),
    ],
)
def test_a_name_in_a_user_name_takes_all_of_it(
    phi_engine: PhiEngine, text: str, name: str, handle: str
) -> None:
    assert widened(phi_engine, text, ("PERSON", name)) == [("PERSON", handle)]


def test_a_name_beside_a_plain_word_keeps_its_bounds(phi_engine: PhiEngine) -> None:
    assert widened(phi_engine, "seen by Tina today", ("PERSON", "Tina")) == [("PERSON", "Tina")]


def test_a_firm_takes_no_code_across_a_columns_gap(phi_engine: PhiEngine) -> None:
    text = "Clinic: Prairie du Chien Family Clinic   VFC PIN WI-55128"
    got = widened(phi_engine, text, ("HOSPITAL", "Prairie du Chien Family Clinic"))
    assert got == [("HOSPITAL", "Prairie du Chien Family Clinic")]


def test_a_centre_before_a_found_facility_is_its_head(phi_engine: PhiEngine) -> None:
    text = "Centre de Santé Communautaire de Banconi-Est, Bamako"
    got = widened(phi_engine, text, ("HOSPITAL", "de Santé Communautaire de Banconi-Est"))
    assert got[0] == ("HOSPITAL", "Centre de Santé Communautaire de Banconi-Est")


def test_a_street_takes_its_house_number_written_after_it(phi_engine: PhiEngine) -> None:
    text = "Cité Keur Gorgui, Villa n° 114, Dakar"
    got = widened(phi_engine, text, ("STREET_ADDRESS", "Cité Keur Gorgui, Villa"))
    assert got[0] == ("STREET_ADDRESS", "Cité Keur Gorgui, Villa n° 114")

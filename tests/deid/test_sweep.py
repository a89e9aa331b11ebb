"""The recall sweep: what the engine leaves, by kind, and what it must keep (measurements,
clinical words, languages), through the real engine's word lists and the real operators."""

from __future__ import annotations

import time

import pytest

from auditor.deid.operators import Deidentifier
from auditor.deid.profiles import load_profile
from auditor.deid.sweep import SWEEP_SCORE, Sweep, drug_words, sweep_for
from auditor.phi.engine import PhiEngine, PhiSpan
from tests.phi.test_after_round11_classes import KIND_ONLY_RUNS

from .conftest import KEY, REFERENCE


@pytest.fixture(scope="module")
def sweep(phi_engine: PhiEngine) -> Sweep:
    return Sweep(phi_engine.lexicon)


def swept(sweep: Sweep, text: str) -> list[tuple[str, str]]:
    return [(s.entity_type, text[s.start : s.end]) for s in sweep.spans(text, [])]


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        ("Seen with Mrs Przybylowicz today.", "Przybylowicz", "PERSON"),
        ("Letter copied to Tadhg.", "Tadhg", "PERSON"),
        ("Moved from Tanauan last year.", "Tanauan", "LOCATION"),
        ("Card no. 4089 21630 1 on file", "4089 21630 1", "ID_NUMBER"),
        ("kit CH-031 sent", "CH-031", "ID_NUMBER"),
        ("ref 884213 in the chart", "884213", "ID_NUMBER"),
        ("badge QX7734 at the desk", "QX7734", "ID_NUMBER"),
        ("PT KOWALCZYK AMBULATING IN HALL", "KOWALCZYK", "PERSON"),
        ("Band reprinted for the patient | ADEBAYOMI, Festus | ok", "ADEBAYOMI", "PERSON"),
        ("entered by jharlow on the ward", "jharlow", "ID_NUMBER"),
        ("Celebrated her 100th birthday on the ward.", "100th", "AGE"),
        ("Turned 101 last spring.", "101", "AGE"),
        ("pt's son called, spoke w/ mcallister re: transport", "mcallister", "PERSON"),
        ("Your ref. KTH/OPD/0912 (please quote)", "KTH/OPD/0912", "ID_NUMBER"),
    ],
)
def test_what_no_list_explains_is_swept(sweep: Sweep, text: str, value: str, kind: str) -> None:
    assert (kind, value) in swept(sweep, text)


@pytest.mark.parametrize(
    "text",
    [
        "Furosemide 40 mg IV given; Ventolin nebs; Imodium PRN.",  # drug names
        "Speaks Vietnamese; a Korean-speaking interpreter came.",  # languages
        "Endotracheal tube at 22 cm; Tracheal aspirate sent.",  # prefix + word, word ending
        "Neighbour drove her; the Centre called; Anaesthesia review.",  # British spellings
        "Handover at 1900; Worklist updated; Callback requested.",  # compounds
        "Rec. Hosp. Auth. pending.",  # abbreviations
        "PT AMBULATING, NSTEMI, CABG, HYPOXIA RESOLVED",  # capitals: jargon
        "FiO2 40%, SpO2 94%, T4 normal, HbA1c 7.2",  # letters touching digits
        "Vent 450x14, PEEP 5-8, HR 110-130s, WBC 12,500, glucose 10.5",  # measurements
        "Platelets 150000 cells, paid $12500, 25000 units heparin",  # units and money
        "pt tolerating diet, lasix given, sternal wound clean",  # lower case: clinical words
        "BP 120/80 on 12/4/26, w/o and/or HIV/HCV, L4/L5/S1, UO 25-40CC/HR, 800U/HR",  # slashes
        "Meds at 0800 1200 1600 2000 daily",  # a schedule of clock times
        "rotator cuff tear; endometrial pipelle biopsy",  # no login: rare list entries
        "ADMITTED WITH NSTEMI, TROPONIN PEAKED, HEPARINIZED",  # capitals: a caps note's jargon
        "Turned 45 degrees; her 50th birthday; aged 89",  # ages under 90 stay
    ],
)
def test_measurements_and_clinical_words_stay(sweep: Sweep, text: str) -> None:
    assert swept(sweep, text) == []


def test_engine_spans_are_never_swept_again(sweep: Sweep, phi_engine: PhiEngine) -> None:
    text = "Dr. Przybylowicz saw her; MRN 884213."
    taken = phi_engine.analyze(text)
    again = sweep.spans(text, taken)
    assert all(not (t.start < s.end and s.start < t.end) for s in again for t in taken)


def test_drug_words_come_from_the_installed_dependency() -> None:
    drugs = drug_words()
    assert len(drugs) > 10_000
    assert {"furosemide", "ventolin", "keppra"} <= drugs
    assert "smith" not in drugs


def test_safe_harbor_sweeps_and_a_profile_can_turn_it_off(phi_engine: PhiEngine, tmp_path) -> None:
    text = "Family: Przybylowicz, card 4089 21630 1. Furosemide 40 mg."

    def deid(profile_ref: str) -> str:
        profile = load_profile(profile_ref)
        d = Deidentifier(
            KEY,
            profile,
            shift_days=30,
            reference=REFERENCE,
            sweep=sweep_for(profile.sweep, phi_engine.lexicon),
        )
        return d.text(text, phi_engine.analyze(text))

    out = deid("safe-harbor")
    assert "Przybylowicz" not in out and "21630" not in out
    assert deid("safe-harbor") == out  # the same key, the same replacements
    assert "Furosemide 40 mg." in out
    assert load_profile("safe-harbor").to_json(30)["sweep"] is True
    off = tmp_path / "off.yaml"
    off.write_text("name: no-sweep\nextends: safe-harbor\nsweep: false\n", encoding="utf-8")
    assert load_profile(str(off)).sweep is False
    assert "Przybylowicz" in deid(str(off))


@pytest.mark.parametrize(
    "text",
    [
        "Note " + "Qz" * 100_000 + " end",  # one capitalised word of 200,000 letters
        "ref " + "7" * 200_000 + " end",  # one number of 200,000 digits
        "ids " + "12 " * 60_000,  # a long run of digit groups
        "Ab-" * 50_000,  # a hyphenated chain
    ],
)
def test_hostile_runs_are_linear(sweep: Sweep, text: str) -> None:
    start = time.process_time()
    sweep.spans(text, [])
    assert time.process_time() - start < 3.0


def test_a_swept_age_over_89_is_aggregated(phi_engine: PhiEngine) -> None:
    profile = load_profile("safe-harbor")
    d = Deidentifier(
        KEY, profile, shift_days=30, reference=REFERENCE,
        sweep=sweep_for(profile.sweep, phi_engine.lexicon),
    )  # fmt: skip
    text = "Celebrated her 102nd birthday; turned 104 in May."
    out = d.text(text, phi_engine.analyze(text))
    assert "102" not in out and "104" not in out
    assert out.count("90+") == 2


def test_machine_keys_of_known_words_stay_and_camel_names_go(sweep: Sweep) -> None:
    text = "ReferringPhysicianName PatientID ScheduledStationAETitle StudyDate"
    assert swept(sweep, text) == []
    for name in ("McAllister", "LaToya", "DeShawn"):
        assert ("PERSON", name) in swept(sweep, f"Seen with {name} today."), name


def _span(text: str, value: str, kind: str) -> PhiSpan:
    start = text.index(value)
    return PhiSpan(kind, start, start + len(value), 0.85)


@pytest.mark.parametrize(
    ("text", "found", "kind", "grown"),
    [
        # the engine took the start of a name; the rest of the capitalised run goes with it
        ("Donor from Cedar Ridge Egg Donor Agency today.", "Cedar Ridge", "LOCATION",
         ["Egg Donor Agency"]),
        ("Called Orchard Family Creamery at noon.", "Orchard", "ORGANIZATION", ["Family Creamery"]),
        ("Referral: Valley Eye and Skin Works next week.", "Valley", "LOCATION",
         ["Eye and Skin Works"]),
        # never leftwards (a role or a sentence's first word), never a title, month or weekday
        ("Pharmacist Chong Wei Ming checked it.", "Chong Wei Ming", "PERSON", []),
        ("Seen by Nadia Okafor Monday morning.", "Nadia Okafor", "PERSON", []),
        # a title in the run stays, the run goes on
        ("Paged Rose Dr Green about it.", "Rose", "PERSON", ["Green"]),
        # lower case and capitals end the run: "wrote", credentials
        ("Anna Lee wrote back, Anna Lee RN MSN.", "Anna Lee", "PERSON", []),
    ],
)  # fmt: skip
def test_a_name_grows_over_the_rest_of_its_capitalised_run(
    sweep: Sweep, text: str, found: str, kind: str, grown: list[str]
) -> None:
    taken = [_span(text, found, kind)]
    alone = {(s.start, s.end) for s in sweep.spans(text, [])}
    got = [s for s in sweep.spans(text, taken) if (s.start, s.end) not in alone]
    assert [text[s.start : s.end] for s in got] == grown
    assert all(s.entity_type == kind and s.score == SWEEP_SCORE for s in got)


def test_phrase_growth_is_linear_on_a_hostile_run(sweep: Sweep) -> None:
    text = "Seen Ann " + "Ab " * 100_000 + "end"
    start = time.process_time()
    got = sweep.spans(text, [_span(text, "Ann", "PERSON")])
    assert time.process_time() - start < 3.0
    assert [(s.start, s.end) for s in got] == [(text.index("Ab"), text.rindex("Ab") + 2)]


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        ("From: Cascade Foothills Family Health, fax", "Cascade Foothills Family Health",
         "HOSPITAL"),
        ("observation overnight on Pelican Unit.", "Pelican Unit", "HOSPITAL"),
        ("PIP carrier is Wolverine State Mutual, claim", "Wolverine State Mutual", "ORGANIZATION"),
    ],
)  # fmt: skip
def test_a_run_ending_in_a_facility_or_firm_head_with_a_distinctive_word_is_swept(
    sweep: Sweep, text: str, value: str, kind: str
) -> None:
    assert (kind, value) in swept(sweep, text)


@pytest.mark.parametrize("text", KIND_ONLY_RUNS)
def test_a_run_that_only_says_what_kind_of_care_stays(sweep: Sweep, text: str) -> None:
    assert swept(sweep, text) == []


def test_grown_words_are_one_span_per_stretch(sweep: Sweep) -> None:
    text = "Donor from Cedar Ridge Egg Donor Agency today."
    got = [s for s in sweep.spans(text, [_span(text, "Cedar Ridge", "LOCATION")])]
    assert [text[s.start : s.end] for s in got] == ["Egg Donor Agency"]


def test_a_headed_run_reads_accented_words_and_a_health_system(sweep: Sweep) -> None:
    text = "Seen at Bonabéri Lakeside Clinic, then Kampeska Shore Health System."
    got = [v for _, v in swept(sweep, text)]
    assert "Bonabéri Lakeside Clinic" in got and "Kampeska Shore Health System" in got, got


@pytest.mark.parametrize(
    ("text", "names", "kept"),
    [
        # Mongolian, Armenian, Russian: a capitalised word inside a line is a name; a line's or
        # a sentence's first word and a label are not
        ("Өвчтөн: Батболдын Сарангэрэл      Регистрийн дугаар: 8503", ["Батболдын", "Сарангэрэл"],
         ["Өвчтөн", "Регистрийн"]),
        ("Հիվանդ՝ Արմեն Սարգսյան", ["Արմեն", "Սարգսյան"], ["Հիվանդ"]),
        ("Поступил 3 декабря. Пациент Иванов жалуется на боль.", ["Иванов"],
         ["Поступил", "Пациент", "декабря"]),
        # an initial's dot ends no sentence: the surname after it is still a name
        ("Эмч: Д. Оюунчимэг", ["Оюунчимэг"], ["Эмч"]),
        ("Բուժող բժիշկ՝ Ա. Հակոբյան", ["Հակոբյան"], []),
    ],
)  # fmt: skip
def test_cased_scripts_name_by_case(
    sweep: Sweep, text: str, names: list[str], kept: list[str]
) -> None:
    values = [value for _, value in swept(sweep, text)]
    assert all(any(n in v for v in values) for n in names)
    assert not any(k in v for k in kept for v in values)


def test_an_identifier_in_another_script_is_one_but_a_dose_is_not(sweep: Sweep) -> None:
    text = "дугаар: УБ85031214, дэвтэр: ЭМД-0448172, эм 500мг өдөрт"
    values = [value for kind, value in swept(sweep, text) if kind == "ID_NUMBER"]
    assert "УБ85031214" in values and "ЭМД-0448172" in values
    assert not any("500" in v for v in values)


@pytest.mark.parametrize(
    ("text", "value", "is_id"),
    [
        # an employer's and a registry's number, code and all; after a register's label
        # the number alone
        ("Darlene Yazzie (EMP 1187) -- Nov 2026", "EMP 1187", True),
        ("C.I. V-14.882.310, MPPS 71.448, hace constar", "MPPS 71.448", True),
        ("Mrs Morag Bremner, CHI 1208524471, unit no. A448103", "1208524471", True),
        ("Payroll: Declan Moore, NIN 40281736650, tax code 1257L", "40281736650", True),
        ("reviewed under 45 CFR 164.526(a)(2)", "164.526", False),  # a rule
        ("hydration test USG 1.031 failed", "1.031", False),  # a lab value
        ("diuresis per renal. BNP 2450. Pt less", "2450", False),
        ("seen NOV 2026 in clinic", "2026", False),  # a month and its year
    ],
)
def test_a_code_and_a_number(sweep: Sweep, text: str, value: str, is_id: bool) -> None:
    ids = [v for kind, v in swept(sweep, text) if kind == "ID_NUMBER"]
    assert (value in ids) is is_id, ids
    assert not any(v.split()[0] in {"CHI", "NIN"} for v in ids), ids  # labels stay


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("Hal Brenneman was 99; his daughter joined the grief group", "99"),
        ("She is 93 and lives alone", "93"),
        ("DOB 19310718 (95) CT HEAD W/O", "95"),
        ("I'm on HCTZ 25 and metoprolol. I'm 91 and live alone now.", "91"),  # the writer's
        ("Mom's doing ok, she's 96 and still gardening.", "96"),
    ],
)
def test_an_age_over_89_said_of_someone(
    sweep: Sweep, phi_engine: PhiEngine, text: str, age: str
) -> None:
    engine_spans = list(next(iter(phi_engine.analyze_many([text]))))
    spans = [*engine_spans, *sweep.spans(text, engine_spans)]  # the engine's or the sweep's
    assert ("AGE", age) in [(s.entity_type, text[s.start : s.end]) for s in spans]


@pytest.mark.parametrize(
    "text",
    [
        "HR was 92 and SpO2 was 99%",
        "BP was 120 systolic",
        "It is 95 today",
        "I'm 100% sure it started Monday",
        "I am 95 kg now, up from 90",
    ],
)
def test_a_vital_sign_is_no_age(sweep: Sweep, phi_engine: PhiEngine, text: str) -> None:
    spans = sweep.spans(text, next(iter(phi_engine.analyze_many([text]))))
    assert all(s.entity_type != "AGE" for s in spans)


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Pacients: Jānis Bērziņš-Ozols, dz. 1976", "Pacients"),  # Latvian "patient"
        ("Terapija: haloperidol 5 mg\nOdjel: Jelena Kovačić", "Odjel"),
    ],
)
def test_a_form_label_before_a_found_value_is_no_name(
    sweep: Sweep, phi_engine: PhiEngine, text: str, label: str
) -> None:
    spans = sweep.spans(text, next(iter(phi_engine.analyze_many([text]))))
    assert all(text[s.start : s.end] != label for s in spans)


def test_a_speaker_before_talk_is_still_a_name(sweep: Sweep, phi_engine: PhiEngine) -> None:
    text = "Zhyldyz: ok I will bring the papers tomorrow"
    spans = sweep.spans(text, next(iter(phi_engine.analyze_many([text]))))
    assert ("PERSON", "Zhyldyz") in [(s.entity_type, text[s.start : s.end]) for s in spans]


def test_a_table_header_in_another_language_is_no_name(sweep: Sweep, phi_engine: PhiEngine) -> None:
    text = (
        "Cliente                 Edad  Teléfono      Programa   Próxima\n"
        "Reyes Ochoa, Filiberto  67    956-555-0112  DM2        12/8\n"
    )
    spans = sweep.spans(text, next(iter(phi_engine.analyze_many([text]))))
    header = text.index("\n")
    assert [text[s.start : s.end] for s in spans if s.start < header] == []
    # a line of capitalised words over prose is no header: its words are still read
    prose = "Cliente  Edad  Zbigniewski\nwas seen today and went home\n"
    assert "Zbigniewski" in [prose[s.start : s.end] for s in sweep.spans(prose, [])]


@pytest.mark.parametrize(
    ("text", "handle"),
    [("logged by tgreer_rn at 0400", "tgreer_rn"), ("user: kowalczyk_pharm2", "kowalczyk_pharm2")],
)
def test_a_user_name_with_a_login_or_a_name_in_it_is_an_identifier(
    sweep: Sweep, text: str, handle: str
) -> None:
    assert ("ID_NUMBER", handle) in swept(sweep, text)


@pytest.mark.parametrize(
    "text", ["bp_systolic and patient_id", "mail tina_smith@example.com", "see /var/log/app_jsmith"]
)
def test_a_machine_key_or_part_of_an_address_is_no_user_name(sweep: Sweep, text: str) -> None:
    assert [v for k, v in swept(sweep, text) if "_" in v] == []


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Terapija: aripiprazol 15 mg. Majka zna.", "Terapija"),
        ("Employeur : Atlas Textile Maroc SARL", "Employeur"),
        ("Rozpoznanie: E05.0 (choroba Gravesa)", "Rozpoznanie"),
        # a field after a column's gap or after a sentence
        ("Nom : TRAORÉ   Prénom : Aminata   Âge : 19 ans", "Prénom"),
        ("Data: 4 de Dezembro de 2026. Técnico: Amélia Nhantumbo", "Técnico"),
    ],
)
def test_a_form_label_in_another_language_is_no_name(
    sweep: Sweep, phi_engine: PhiEngine, text: str, label: str
) -> None:
    spans = sweep.spans(text, next(iter(phi_engine.analyze_many([text]))))
    assert all(text[s.start : s.end] != label for s in spans)


def test_a_long_number_ending_in_a_letter_is_no_quantity(sweep: Sweep) -> None:
    assert ("ID_NUMBER", "15901197408822Y") in swept(sweep, "NINA : 15901197408822Y")
    assert swept(sweep, "took 500mg then 250000IU") == []


def test_a_georgian_name_by_its_surnames_ending(sweep: Sweep) -> None:
    text = "მკურნალი ექიმი: გიორგი ბერიძე      შვილი: ლაშა გელაშვილი, 577 55 04 18"
    got = swept(sweep, text)
    assert ("PERSON", "გიორგი ბერიძე") in got and ("PERSON", "ლაშა გელაშვილი") in got, got
    assert swept(sweep, "დაინიშნა ინსულინო თერაპია და დიეტა") == []  # "insulin therapy"


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Feuille de transmissions infirmières", "Feuille"),
        ("Pesakit dirujuk ke klinik pakar.", "Pesakit"),
        ("médica de serviço chamada às 3h", "chamada"),
        ("vomissements x1. Famille informée", "Famille"),
    ],
)
def test_a_frequent_word_of_another_language_stays_where_its_case_says_nothing(
    sweep: Sweep, text: str, kept: str
) -> None:
    assert kept not in [v for _, v in swept(sweep, text)]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Consult requested, seen by Mehmet at noon.", "Mehmet"),
        ("family asked for the chaplain (Fr. Kadir) today", "Kadir"),
    ],
)
def test_a_frequent_foreign_word_inside_a_sentence_is_still_swept(
    sweep: Sweep, text: str, name: str
) -> None:
    """Frequency lists hold names ("Mehmet" is among Turkish's commonest words): a capitalised
    one inside a sentence, or after a title's dot, is swept as before."""
    assert ("PERSON", name) in swept(sweep, text)

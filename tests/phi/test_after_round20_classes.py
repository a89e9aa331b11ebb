"""Classes fixed by kind after round 20's development batch (issue 14): a hyphenated given
name of two syllables before a surname, both halves of a double-barrelled surname, a street
at its crossing with a numbered road, a rural house or lot on a numbered road, an address of
numbered parts, a street's words on one line only, and a hospital's or a firm's name in
quotation marks."""

from __future__ import annotations

import pytest

from auditor.phi.engine import PhiEngine


def found(engine: PhiEngine, text: str) -> list[tuple[str, str]]:
    spans = next(iter(engine.analyze_many([text])))
    return [(s.entity_type, text[s.start : s.end]) for s in spans]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Team: RN Lamar Tolbert; pharm Ji-woo Park", "Ji-woo Park"),
        ("Debrief facilitator: Ji-woo Park, PharmD", "Ji-woo Park"),
    ],
)
def test_a_two_syllable_given_name_joins_the_surname(
    engine: PhiEngine, text: str, name: str
) -> None:
    assert ("PERSON", name) in found(engine, text)


def test_a_hyphenated_word_is_no_given_name(engine: PhiEngine) -> None:
    assert ("PERSON", "Follow-up Park") not in found(engine, "Follow-up Park")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Bed 8  McCRAE-BOONE, Talmadge  17M  dog bite", "McCRAE-BOONE, Talmadge"),
        ("Pfannenstiel-Orr, Leticia       TBW-4418027", "Pfannenstiel-Orr, Leticia"),
    ],
)
def test_both_halves_of_a_double_barrelled_surname(engine: PhiEngine, text: str, name: str) -> None:
    assert ("PERSON", name) in found(engine, text)


@pytest.mark.parametrize(
    ("text", "streets"),
    [
        ("found US-1 & Ware St, Waycross", ["US-1", "Ware St"]),
        ("crash on US 1 at Main St", ["US 1", "Main St"]),
        ("I-95 and Elm Street", ["I-95", "Elm Street"]),
    ],
)
def test_a_street_at_its_crossing_with_a_numbered_road(
    engine: PhiEngine, text: str, streets: list[str]
) -> None:
    assert [v for k, v in found(engine, text) if k == "STREET_ADDRESS"] == streets


def test_a_numbered_road_alone_at_a_time_is_no_crossing(engine: PhiEngine) -> None:
    assert [k for k, _ in found(engine, "I-95 at 3 pm was closed") if k == "STREET_ADDRESS"] == []


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("клиническая больница «Неман-Мед», кардиология", "HOSPITAL", "больница «Неман-Мед»"),
        ("ligoninė „Santara“ 2 korpusas", "HOSPITAL", "ligoninė „Santara“"),
        ("Место работы: ООО «Лань-Мебель».", "ORGANIZATION", "ООО «Лань-Мебель»"),
        ("працює: ТОВ «Медікал Плюс», Київ", "ORGANIZATION", "ТОВ «Медікал Плюс»"),
        ('angajator SRL "Farmacia Tei" Bucuresti', "ORGANIZATION", 'SRL "Farmacia Tei"'),
    ],
)
def test_a_name_in_quotation_marks_after_a_facility_word_or_a_legal_form(
    engine: PhiEngine, text: str, kind: str, value: str
) -> None:
    assert (kind, value) in found(engine, text)


@pytest.mark.parametrize("text", ['the hospital "was fine" he said', 'PT "I am fine" today'])
def test_a_quoted_remark_is_no_name(engine: PhiEngine, text: str) -> None:
    assert [k for k, _ in found(engine, text) if k in ("HOSPITAL", "ORGANIZATION")] == []


@pytest.mark.parametrize(
    ("text", "street"),
    [
        ("Mr. Leonard Voth\n2204 Road 15\nGoessel, KS 67053", "2204 Road 15"),
        ("address Lot 44, Route 1, Nu'uuli", "Lot 44, Route 1"),
        ("sin teléfono    Lote 17, FM 511    ", "Lote 17, FM 511"),
    ],
)
def test_a_house_or_a_lot_on_a_numbered_road(engine: PhiEngine, text: str, street: str) -> None:
    assert ("STREET_ADDRESS", street) in found(engine, text)


def test_a_road_in_lower_case_between_counts_is_none(engine: PhiEngine) -> None:
    assert [k for k, _ in found(engine, "took 2 road 3 times") if k == "STREET_ADDRESS"] == []


@pytest.mark.parametrize(
    ("text", "street"),
    [
        ("residing at Flat 12, Bldg 2214, Road 4137, Block 341, Sanad", "Flat 12, Bldg 2214, "
         "Road 4137, Block 341"),
        ("Zone 25, Street 230, Building 14, Doha", "Zone 25, Street 230, Building 14"),
    ],
)  # fmt: skip
def test_an_address_of_numbered_parts(engine: PhiEngine, text: str, street: str) -> None:
    assert ("STREET_ADDRESS", street) in found(engine, text)


@pytest.mark.parametrize(
    "text", ["nerve block 2, room 4", "MRI on 10 Dec.\nDr. Hamad Al-Sayed, Consultant"]
)
def test_no_street_across_a_line_or_of_one_clinical_part(engine: PhiEngine, text: str) -> None:
    assert [k for k, _ in found(engine, text) if k == "STREET_ADDRESS"] == []


@pytest.mark.parametrize(
    ("text", "hospital"),
    [
        ("مستشفى الجزيرة الخضراء التخصصي -- ود مدني", "مستشفى الجزيرة الخضراء التخصصي"),
        ("referred to Ospitál Guido Valadares", "Ospitál Guido Valadares"),
        ("Ysbyty Glan Conwy (referral to Dr Parr)", "Ysbyty Glan Conwy"),
        ("Маркази саломатии «Ситора», ш. Душанбе", "Маркази саломатии «Ситора»"),
        ("慈暉醫院 Hospital Chi Fai", "慈暉醫院"),
        ("서울의원 진료", "서울의원"),
    ],
)
def test_a_facility_in_more_languages_and_scripts(
    engine: PhiEngine, text: str, hospital: str
) -> None:
    assert ("HOSPITAL", hospital) in found(engine, text)


@pytest.mark.parametrize("text", ['the center "was ok" he said', "Hospital course was uneventful"])
def test_a_remark_or_a_section_is_no_facility(engine: PhiEngine, text: str) -> None:
    assert [k for k, _ in found(engine, text) if k == "HOSPITAL"] == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Nom : TRAORÉ   Prénom : Aminata   Âge : 19 ans", "TRAORÉ"),
        ("Nom : TRAORÉ   Prénom : Aminata   Âge : 19 ans", "Aminata"),
        ("Nachname: Qwertzlinger\nVorname: Ottilie", "Qwertzlinger"),
        ("Apellidos: Zubizarreta Ochoa\nEdad: 54", "Zubizarreta Ochoa"),
    ],
)
def test_a_name_under_a_label_in_another_language(engine: PhiEngine, text: str, name: str) -> None:
    assert ("PERSON", name) in found(engine, text)


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("Refraction: -2.25   Optician: Lupe", "PERSON", "Lupe"),
        ("Hygienist: Kayleigh Dunmore", "PERSON", "Kayleigh Dunmore"),
        ("auto ins Northstar Casualty clm NSC-2026-448120", "ORGANIZATION", "Northstar Casualty"),
    ],
)
def test_an_allied_role_labels_a_name_and_a_line_of_cover_an_insurer(
    engine: PhiEngine, text: str, kind: str, value: str
) -> None:
    assert (kind, value) in found(engine, text)


FORM = (
    "Pacijent: Ivana Horvat-Babić   OIB: 47281930561\n"
    "Adresa: Ilica 214, 10000 Zagreb\n"
    "Kontrola: dr. Tomislav Perić, dnevna bolnica\n"
)
CHAT = "Qorlen: are you coming today\nVastrid: yes after lunch\nQorlen: ok bring the forms\n"


def test_a_forms_labels_are_no_speakers(engine: PhiEngine) -> None:
    got = found(engine, FORM)
    assert not any(v in ("Pacijent", "Adresa", "Kontrola") for _, v in got), got


def test_speakers_who_take_turns_are_names(engine: PhiEngine) -> None:
    got = found(engine, CHAT)
    assert ("PERSON", "Qorlen") in got and ("PERSON", "Vastrid") in got, got


@pytest.mark.parametrize(
    ("text", "street"),
    [
        ("Alamat / Address : Jl. Cikutra No. 188, RT 004/RW 011, Kel. Sukapada",
         "Jl. Cikutra No. 188, RT 004/RW 011, Kel. Sukapada"),
        ("Суроға: кӯч. Сино, хонаи 42, ҳуҷраи 18, тел. +992 93 555 4127",
         "кӯч. Сино, хонаи 42, ҳуҷраи 18"),
        ("Հասցե՝ Երևան, Կոմիտասի պող. 38, բն. 12", "Երևան, Կոմիտասի պող. 38, բն. 12"),
        ("Address: 142 Đường Trần Hưng Đạo, Phường An Phú", "142 Đường Trần Hưng Đạo"),
    ],
)  # fmt: skip
def test_an_address_field_in_more_languages(engine: PhiEngine, text: str, street: str) -> None:
    assert ("STREET_ADDRESS", street) in found(engine, text)


@pytest.mark.parametrize(
    ("text", "firm"),
    [
        ("SMS thread export — Tafuna Family Pharmacy (684-699-5550)", "Tafuna Family Pharmacy"),
        ("Transport: Sonoran Sky Air Ambulance fixed wing", "Sonoran Sky Air Ambulance"),
        ("SOAP -- Backbone Family Chiropractic      Dr T. Engebretsen", "Backbone Family "
         "Chiropractic"),
    ],
)  # fmt: skip
def test_a_trade_named_with_a_descriptor_after_its_own_name(
    engine: PhiEngine, text: str, firm: str
) -> None:
    assert any(v == firm for _, v in found(engine, text)), found(engine, text)


@pytest.mark.parametrize(
    "text", ["went to Family Dental today", "Prenatal Genetic Counseling Note follows"]
)
def test_a_service_named_by_its_kind_is_no_firm(engine: PhiEngine, text: str) -> None:
    assert [k for k, _ in found(engine, text) if k in ("ORGANIZATION", "HOSPITAL")] == []


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("Шиноснома: А 4412877\nТашхис", "ID_NUMBER", "А 4412877"),
        ("Darba nespējas lapa A 0441827. Darba", "ID_NUMBER", "A 0441827"),
        ("Sieva Ilze, tālr. 2555 8012.", "PHONE_NUMBER", "2555 8012"),
        ("Утас: 9955 0142, 8811 5502", "PHONE_NUMBER", "8811 5502"),
        ("casa 21\nCel. 9555-4107; esposo", "PHONE_NUMBER", "9555-4107"),
    ],
)
def test_a_series_letter_and_a_phone_after_its_label_in_another_language(
    engine: PhiEngine, text: str, kind: str, value: str
) -> None:
    assert (kind, value) in found(engine, text)


def test_a_vitamin_and_its_dose_are_no_series(engine: PhiEngine) -> None:
    assert found(engine, "Vitamin A 50000 IU weekly") == []


@pytest.mark.parametrize(
    ("text", "firm"),
    [
        ("employee of Gulf Reef Aluminium Services W.L.L., residing", "Gulf Reef Aluminium "
         "Services W.L.L."),
        ("Entidade empregadora: Transportes Rodoviários Bengo-Sul, Lda.   Seguradora",
         "Transportes Rodoviários Bengo-Sul, Lda."),
        ("Khomas Care Staffing (Pty) Ltd — AGENCY NURSE", "Khomas Care Staffing (Pty) Ltd"),
    ],
)  # fmt: skip
def test_a_legal_form_of_more_countries(engine: PhiEngine, text: str, firm: str) -> None:
    assert ("ORGANIZATION", firm) in found(engine, text)


@pytest.mark.parametrize(
    ("text", "initials"),
    [
        ("RESOLUTION 12/04 by JKL: PL-01044", "JKL"),
        ("told Janelle. closing. -OL", "OL"),
        ("KEEP OUT OF REACH OF CHILDREN      RPH DBW\n== eRx", "DBW"),
        ('Bed 1  PRIDGEN J  61M  "chest pressure"  RN LT  -> cath', "LT"),
    ],
)
def test_initials_that_sign_are_a_person(engine: PhiEngine, text: str, initials: str) -> None:
    assert ("PERSON", initials) in found(engine, text)


@pytest.mark.parametrize(
    "text",
    [
        "home eval by OT Noelani today",
        "Surgery Progress Note - POD 2 - Gen Surg",
        "NUCLEAR MEDICINE - PET/CT Date of study",
        "Dobhoff placed by IR, start feeds",
        "attending: R. Halvorsen, MD     PCP: dr mcall",
    ],
)
def test_an_acronym_in_a_signers_place_is_no_person(engine: PhiEngine, text: str) -> None:
    got = found(engine, text)
    assert not any(v in ("OT", "POD", "PET", "IR", "PCP") for _, v in got), got


def test_a_firm_filling_a_printouts_field_keeps_its_plain_words(engine: PhiEngine) -> None:
    text = "ROI2612-0082 12/04/26  RATLIFF, SHAWNA   K1123009   MOUNTAINEER LIFE & ANNUITY   INS"
    assert ("ORGANIZATION", "MOUNTAINEER LIFE & ANNUITY") in found(engine, text)


@pytest.mark.parametrize(
    "text",
    ["TAKE ONE TABLET TWICE DAILY WARD LTD", "RE:  ORIGINAL CREDITOR  WEST BANK MERCY CENTER"],
)
def test_a_sentence_or_a_neighbouring_field_is_no_part_of_a_firm(
    engine: PhiEngine, text: str
) -> None:
    firms = [v for k, v in found(engine, text) if k == "ORGANIZATION"]
    assert not any(v.startswith(("TAKE", "ORIGINAL")) for v in firms), firms


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("姓名 Nome: 梁碧珊 LEONG, Pek San     性別 F", "梁碧珊"),
        ("Tel: +853 6655 4127; 女兒 filha 黃嘉欣 6312 0088", "黃嘉欣"),
        ("患者：王小明，男，45歲", "王小明"),
    ],
)
def test_a_name_in_han_characters_after_its_label(engine: PhiEngine, text: str, name: str) -> None:
    assert ("PERSON", name) in found(engine, text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("ontslag 3-12-2026. Dochter Sharmila Mangroe-Jadnanansing (Nickerie).", "Sharmila "
         "Mangroe-Jadnanansing"),
        ("ude på fangst til jul; datter Naja (17) hjemme.", "Naja"),
        ("Resident: Mae Holloway   Room 214", "Mae Holloway"),  # a given name, no kin word
    ],
)  # fmt: skip
def test_a_kin_word_of_another_language_is_no_part_of_a_name(
    engine: PhiEngine, text: str, name: str
) -> None:
    assert ("PERSON", name) in found(engine, text)


def test_a_romance_street_with_its_house_after_n_o(engine: PhiEngine) -> None:
    text = "地址 Morada: Rua de Francisco Xavier Pereira, n.º 58, Edf. Kam Lei"
    assert ("STREET_ADDRESS", "Rua de Francisco Xavier Pereira, n.º 58") in found(engine, text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("see you Thursday.\nThanks so much,\nJess", "Jess"),
        ("Cheers,\nNgozi", "Ngozi"),
        ("Sent from my iPhone\n-Tavita", "Tavita"),
    ],
)
def test_a_message_signed_off_names_its_writer(engine: PhiEngine, text: str, name: str) -> None:
    assert ("PERSON", name) in found(engine, text)


@pytest.mark.parametrize(
    "text", ["Regards,\nPharmacy", "Thanks,\nThe Team", "Plan:\n- Lasix\n- Tylenol"]
)
def test_a_sign_off_by_no_one_or_a_list_is_no_name(engine: PhiEngine, text: str) -> None:
    assert [k for k, _ in found(engine, text) if k == "PERSON"] == []


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("Hercule-Rocher, 12 boulevard Rainier III, 98000 Monaco", "STREET_ADDRESS",
         "12 boulevard Rainier III"),
        ("Residente in via del Voltone 3, 47890 San Marino", "STREET_ADDRESS", "via del Voltone 3"),
        ("demeurant 23, rue Ibn Batouta, appt 7", "STREET_ADDRESS",
         "23, rue Ibn Batouta, appt 7"),  # with its apartment (address_chains)
        ("No. 12, Jalan Reko Jaya 3, 43000 Kajang", "STREET_ADDRESS",
         "No. 12, Jalan Reko Jaya 3"),  # with its house number (address_chains)
        ("Okonkwo Zeller Law, P.L.L.C.\n2200 Biscayne Boulevard", "ORGANIZATION",
         "Okonkwo Zeller Law, P.L.L.C."),
    ],
)  # fmt: skip
def test_a_romance_street_in_lower_case_and_a_professional_firm(
    engine: PhiEngine, text: str, kind: str, value: str
) -> None:
    assert (kind, value) in found(engine, text)


@pytest.mark.parametrize(
    "text", ["I will rue the day 3 times", "sent via 3 routes", "given via Ryles 2, then review."]
)
def test_a_word_that_is_a_street_type_elsewhere_is_no_street(engine: PhiEngine, text: str) -> None:
    assert [k for k, _ in found(engine, text) if k == "STREET_ADDRESS"] == []


@pytest.mark.parametrize(
    ("text", "initials"),
    [("Dictated by Dr Arnaud Fontenot 2026-12-03; transcribed tg.", "tg"),
     ("dictated/typed by jk", "jk")],
)  # fmt: skip
def test_a_typists_initials_end_a_dictation(engine: PhiEngine, text: str, initials: str) -> None:
    assert ("PERSON", initials) in found(engine, text)


def test_a_typist_who_is_no_one_is_no_name(engine: PhiEngine) -> None:
    assert [k for k, _ in found(engine, "transcribed by me.") if k == "PERSON"] == []


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("Employer: شركة الخليج لخدمات الحقول النفطية.", "ORGANIZATION",
         "شركة الخليج لخدمات الحقول النفطية"),
        ("د. فرج المبروك - اخصائي جراحة عامة", "PERSON", "فرج المبروك"),
        ("المريض عبد الحميد سالم، العمر 58", "PERSON", "عبد الحميد سالم"),
    ],
)  # fmt: skip
def test_a_name_or_a_firm_in_arabic_script_after_its_word(
    engine: PhiEngine, text: str, kind: str, value: str
) -> None:
    assert any(k == kind and value in v for k, v in found(engine, text)), found(engine, text)


def test_arabic_prose_with_no_title_names_no_one(engine: PhiEngine) -> None:
    assert found(engine, "تم إجراء الفحص والنتائج طبيعية") == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2 dicembre 2026 - Cartella n. 26/3318\nDiagnosi", "26/3318"),
        ("(93 ans)   N° CCSS : 1330308 412 07\nAdresse", "1330308 412 07"),
        ("N° dossier : CSCOM-BE/2026/0912", "CSCOM-BE/2026/0912"),
        ("N° de asegurado IPS: 0871-44027-3", "0871-44027-3"),
    ],
)
def test_a_number_word_its_kind_and_a_colon_before_an_identifier(
    engine: PhiEngine, text: str, value: str
) -> None:
    assert ("ID_NUMBER", value) in found(engine, text)


def test_a_room_by_n_dot_is_no_identifier(engine: PhiEngine) -> None:
    assert found(engine, "room n. 4 ok") == []


def test_a_physician_assistant_is_no_firm(engine: PhiEngine) -> None:
    got = found(engine, "John Smith, P.A. saw the patient")
    assert ("PERSON", "John Smith") in got and not any(k == "ORGANIZATION" for k, _ in got)

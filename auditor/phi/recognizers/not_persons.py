"""Capitalised words that look like names in notes but never name a person or a place.

Languages, nationalities and countries ("speaks German", "a Brazilian family", "from Pune,
India"), form labels that stand next to a name on a header line ("Acct", "Accession"), the
products of EHR vendors ("MyChart", "Epic") and months and weekdays that are no given name.
Many are also census surnames ("English", "French", "March"), so only a title cue ("Dr.
English") can still make one a person.
"""

from __future__ import annotations

import re

from auditor.phi.calendar import MONTHS, MONTHS_ALSO_NAMES, WEEKDAYS


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Languages and nationalities (adjective and noun forms; in English, and in the Spanish,
# Portuguese and French that notes switch into: "Salvadoreño", "Brasileira", "Haïtien")
# (NATIONALITIES), and countries and regions bigger than a state (COUNTRIES): none is a Safe
# Harbor geographic subdivision.
NATIONALITIES = _words(
    """
    english british scottish welsh irish american canadian mexican australian french german
    dutch flemish belgian swiss austrian italian spanish portuguese brazilian argentine
    argentinian chilean colombian peruvian venezuelan cuban dominican haitian jamaican
    rican salvadoran guatemalan honduran nicaraguan ecuadorian bolivian paraguayan
    uruguayan greek turkish cypriot albanian serbian croatian bosnian slovenian slovak czech
    polish hungarian romanian bulgarian ukrainian russian belarusian lithuanian latvian
    estonian finnish swedish norwegian danish icelandic arabic arab egyptian moroccan
    algerian tunisian libyan lebanese syrian jordanian iraqi iranian persian farsi afghan
    pashto dari urdu hindi punjabi bengali bangla gujarati marathi tamil telugu kannada
    malayalam nepali sinhala pakistani indian bangladeshi lankan chinese mandarin
    cantonese taiwanese japanese korean vietnamese thai lao laotian khmer cambodian burmese
    filipino tagalog indonesian malay malaysian singaporean hebrew israeli yiddish amharic
    ethiopian eritrean somali swahili kenyan ugandan tanzanian nigerian ghanaian yoruba igbo
    hausa akan twi senegalese wolof congolese cameroonian zulu xhosa creole
    patois kriolu verdean armenian georgian azerbaijani kazakh uzbek mongolian tibetan
    hmong latino latina latinx hispanic asian african european caribbean
    marshallese chuukese pohnpeian kosraean palauan yapese chamorro samoan tongan fijian
    rohingya tigrinya oromo kinyarwanda kirundi dinka nuer
    mexicano mexicana colombiano colombiana salvadoreno salvadorena guatemalteco guatemalteca
    hondureno hondurena nicaraguense dominicano dominicana puertorriqueno puertorriquena
    boricua cubano cubana venezolano venezolana peruano peruana ecuatoriano ecuatoriana
    boliviano boliviana chileno chilena argentino paraguayo paraguaya uruguayo uruguaya
    espanol espanola hispano hispana centroamericano centroamericana latinoamericano
    latinoamericana brasileiro brasileira brasileno brasilena portugues portuguesa
    caboverdiano caboverdiana angolano angolana haitiano haitiana haitien haitienne
    quebecois quebecoise francais francaise canadien canadienne americain americaine
    """
)
COUNTRIES = _words(
    """
    england scotland wales ireland britain america canada mexico australia france germany
    holland netherlands belgium switzerland austria italy spain portugal brazil argentina
    chile colombia peru venezuela cuba haiti jamaica guatemala honduras nicaragua ecuador
    bolivia paraguay uruguay greece turkey cyprus albania serbia croatia bosnia slovenia
    slovakia czechia poland hungary romania bulgaria ukraine russia belarus lithuania latvia
    estonia finland sweden norway denmark iceland egypt morocco algeria tunisia libya
    lebanon syria iraq iran afghanistan pakistan india bangladesh nepal china taiwan
    japan korea vietnam thailand laos cambodia burma myanmar philippines indonesia malaysia
    singapore ethiopia eritrea somalia kenya uganda tanzania nigeria ghana senegal
    congo cameroon armenia azerbaijan kazakhstan uzbekistan mongolia tibet europe
    africa
    """
)
DEMONYMS = NATIONALITIES | COUNTRIES
# Field labels of forms and headers, which sit on the same line as a name ("Name: Tran Van
# Minh   Acct A778..."): never part of it.
FIELD_LABELS = _words(
    """
    acct account accession mrn dob sex gender age room rm bed unit hosp ssn insurance
    member plan policy group case specimen exam indication impression findings history
    comparison technique procedure diagnosis dx reason cc hpi disposition admit admitted
    discharge discharged attending referring pcp provider phone tel tele fax email
    address race ethnicity religion language interpreter visit encounter fin csn
    ur urn nhi ppsn pps nric ohip ramq aadhaar medicare proband consultand
    hkid eid qid iqama nrn trn nib
    born died deceased parents driver licence license nic
    poa epoa dpoa hcpoa sdm nok
    """
)
# The labels of national and registry numbers, which name the register and no one ("CHI",
# "NIN", "EIN"): a number after one is replaced, the label kept (the de-identifier's sweep of
# codes, and the series letters the engine joins to an identifier: series.py).
REGISTER_LABELS = FIELD_LABELS | frozenset(
    {"chi", "nin", "nino", "nhis", "ein", "upn", "hsn", "pin", "tfn", "ird", "sin", "nhs",
     "abn", "acn", "gstin", "pan", "tin", "itin", "npi", "dea", "uhid", "crn", "cpr", "bsn"}
)  # fmt: skip
# EHR and patient-portal products: "Sent from MyChart", "documented in Epic".
EHR_PRODUCTS = frozenset(
    {"epic", "mychart", "cerner", "meditech", "allscripts", "athena", "athenahealth",
     "eclinicalworks", "nextgen", "healtheintent", "powerchart", "haiku", "canto", "citrix"}
)  # fmt: skip
# Software, services and device brands that name no one and no place, as logs, sign-in
# notices and help-desk tickets write them ("UA Firefox/124.0", "his Lenovo ThinkPad T14");
# not those that are also surnames, places or words (Dell, Amazon, Edge, Galaxy).
PRODUCTS = _words(
    """
    firefox mozilla chromium android iphone ipad ipados macos macbook imac thinkpad ideapad
    lenovo asus acer samsung huawei xiaomi oneplus motorola nokia microsoft gmail hotmail
    whatsapp facebook instagram tiktok linkedin skype paypal venmo zelle netflix spotify
    youtube dropbox onedrive icloud
    medtronic dexcom respironics resmed omnipod insulet samsonite
    """
)
# Months and weekdays that are no given name ("April", "June" and "May" are): after a name
# they are its date ("Signed by S. Mwangi, December 4"), never its next word.
CALENDAR_NOT_GIVEN = frozenset(MONTHS + WEEKDAYS) - frozenset(MONTHS_ALSO_NAMES)
# A form's answer where a person's field points back at the patient ("Guarantor: self").
SELF_ANSWERS = frozenset({"self", "same"})
# A hospital's laboratories and services as a message is addressed to them ("Hi Micro,", "Dear
# Lab,", "Hello Coag Lab", "MICRO - urgent"): the service, never a person or a town.
LAB_SERVICES = _words(
    "lab labs laboratory micro microbiology coag coagulation hla biochem biochemistry "
    "haematology hematology virology serology immunology cytology histology toxicology "
    "transfusion"
)
NOT_PERSON_WORDS = (
    DEMONYMS
    | FIELD_LABELS
    | EHR_PRODUCTS
    | PRODUCTS
    | CALENDAR_NOT_GIVEN
    | SELF_ANSWERS
    | LAB_SERVICES
)

_NO_VOWEL = re.compile(r"^[^aeiouy]{3,}$")


def vowelless(key: str) -> bool:
    """ "RVSP", "CBC", "BMP": three or more letters without a vowel are an acronym, never a
    name ("Ng", two letters, still can be)."""
    return bool(_NO_VOWEL.match(key))

"""The word for a hospital, a clinic or a health centre in the languages patients' papers come
in, as a facility's name uses it: first ("Hospital Central ...", "Bolnica Sveti Duh", "Klinikum
Nord", "مستشفى الجزيرة"), last ("Szent Margit Kórház", "Ankara Şehir Hastanesi", "Rīgas
slimnīca") or inside in lower case ("Opća bolnica Medvednica"); in scripts without case the
words after or before the head are its name as far as the grammar reads. Read by the facility
grammar (the engine) and by the de-identifier's edges, so the two agree on what names a
hospital.
"""

from __future__ import annotations

# Words that open a facility's name (capitalised there), lower case.
HEADS_FIRST = frozenset(
    {"hospital", "clínica", "clinica", "clinique", "sanatorio", "policlínico", "policlinico",
     "policlínica", "policlinica", "hôpital", "ospedale", "klinik", "klinikum", "spital",
     "spitalul", "szpital", "nemocnice", "nemocnica", "bolnica", "bolnišnica", "poliklinika",
     "klinika", "przychodnia", "hospice", "νοσοκομείο", "κλινική", "больница", "болница",
     "лікарня", "поликлиника", "клиника",
     # the same in scripts without case and in more languages: Arabic, Persian, Urdu, Hebrew,
     # Swahili, Somali, Malagasy, Tagalog, Tetum, Tajik, Icelandic and Faroese, Irish, Welsh,
     # Maltese, Basque, Thai, Khmer, Lao, Amharic
     "مستشفى", "المستشفى", "مستوصف", "بیمارستان", "درمانگاه", "ہسپتال", "מרפאה", "hospitali",
     "zahanati", "isbitaal", "isbitaalka", "hopitaly", "ospital", "ospitál", "беморхонаи",
     "беморхона", "sjúkrahús", "sjúkrahúsið", "ospidéal", "ysbyty", "sptar", "ospitalea",
     "โรงพยาบาล", "មន្ទីរពេទ្យ", "ໂຮງໝໍ", "ሆስፒታል"}
)  # fmt: skip
# Words that open a facility's name but also other names ("Centro", "Casa Grande", "Instituto
# ..."): a name found already beside them is the facility's (the de-identifier's edges), alone
# they prove nothing.
NAME_OPENERS = HEADS_FIRST | frozenset(
    {"centro", "unidad", "instituto", "institut", "fundación", "fundacion", "casa", "hogar",
     "posto", "puesto", "centre", "center"}
)  # fmt: skip
# Words that close one ("Szent Margit Kórház", "Ankara Şehir Hastanesi", "Tartu Ülikooli
# Kliinikum"), lower case.
HEADS_LAST = frozenset(
    {"kórház", "kórháza", "hastanesi", "hastane", "sairaala", "slimnīca", "ligoninė", "haigla",
     "kliinikum", "sjukhus", "sjukhuset", "sykehus", "sykehuset", "sygehus", "sygehuset",
     "ziekenhuis", "krankenhaus", "klinikum", "spital", "nemocnica", "nemocnice", "bolnica",
     "bolnišnica", "szpital", "kliniken", "klinikken", "kliniek", "lazaret",
     # Central Asia and the Caucasus, South Asia, Burmese, Georgian, Armenian, Mongolian
     "аурухана", "ауруханасы", "оорукана", "ооруканасы", "shifoxona", "shifoxonasi",
     "kasalxona", "kasalxonasi", "xəstəxana", "xəstəxanası", "эмнэлэг", "эмнэлгийн",
     "अस्पताल", "चिकित्सालय", "হাসপাতাল", "மருத்துவமனை", "රෝහල", "ဆေးရုံ", "საავადმყოფო",
     "կլինիկա", "հիվանդանոց", "бальніца", "лікарні"}
)  # fmt: skip
# Both, and the words that stand inside a name in lower case ("Zdravstveni dom Koseze").
HOSPITAL_WORDS = HEADS_FIRST | HEADS_LAST | frozenset({"dom", "zdravlja", "poliklinik", "rendelő",
                                                       "rendelőintézet", "ambulanta"})  # fmt: skip

# Units and services that follow "admitted to" in capitals but name no facility (nor sign a
# message: "HOSPITAL X - CCU").
CARE_UNITS = frozenset(
    {"icu", "micu", "sicu", "ccu", "cvicu", "nicu", "picu", "tsicu", "csru", "ed", "er", "or",
     "pacu", "osh", "snf", "ltac", "ltach", "rehab", "floor", "tele", "stepdown", "ir", "cath",
     "ep", "gi", "ent", "omfs", "ob", "l&d", "ldr", "mfm", "hd", "bmt", "ctu", "cdu", "obs",
     "ecu", "edou", "csu", "neuro", "nsicu", "mrcu", "ot", "pt", "home", "vna", "acu", "bicu",
     "gp", "pcp", "ooh"}
)  # fmt: skip

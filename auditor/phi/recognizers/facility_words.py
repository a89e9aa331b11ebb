"""The word for a hospital, a clinic or a health centre in the languages patients' papers come
in, as a facility's name uses it: first ("Hospital Central ...", "Bolnica Sveti Duh", "Klinikum
Nord"), last ("Szent Margit Kórház", "Ankara Şehir Hastanesi", "Rīgas slimnīca") or inside in
lower case ("Opća bolnica Medvednica"). Read by the facility grammar (the engine) and by the
de-identifier's edges, so the two agree on what names a hospital.
"""

from __future__ import annotations

# Words that open a facility's name (capitalised there), lower case.
HEADS_FIRST = frozenset(
    {"hospital", "clínica", "clinica", "clinique", "sanatorio", "policlínico", "policlinico",
     "policlínica", "policlinica", "hôpital", "ospedale", "klinik", "klinikum", "spital",
     "spitalul", "szpital", "nemocnice", "nemocnica", "bolnica", "bolnišnica", "poliklinika",
     "klinika", "przychodnia", "hospice", "νοσοκομείο", "κλινική", "больница", "болница",
     "лікарня", "поликлиника", "клиника"}
)  # fmt: skip
# Words that open a facility's name but also other names ("Centro", "Casa Grande", "Instituto
# ..."): a name found already beside them is the facility's (the de-identifier's edges), alone
# they prove nothing.
NAME_OPENERS = HEADS_FIRST | frozenset(
    {"centro", "unidad", "instituto", "institut", "fundación", "fundacion", "casa", "hogar",
     "posto", "puesto"}
)  # fmt: skip
# Words that close one ("Szent Margit Kórház", "Ankara Şehir Hastanesi", "Tartu Ülikooli
# Kliinikum"), lower case.
HEADS_LAST = frozenset(
    {"kórház", "kórháza", "hastanesi", "hastane", "sairaala", "slimnīca", "ligoninė", "haigla",
     "kliinikum", "sjukhus", "sjukhuset", "sykehus", "sykehuset", "sygehus", "sygehuset",
     "ziekenhuis", "krankenhaus", "klinikum", "spital", "nemocnica", "nemocnice", "bolnica",
     "bolnišnica", "szpital", "kliniken", "klinikken", "kliniek", "lazaret"}
)  # fmt: skip
# Both, and the words that stand inside a name in lower case ("Zdravstveni dom Koseze").
HOSPITAL_WORDS = HEADS_FIRST | HEADS_LAST | frozenset({"dom", "zdravlja", "poliklinik", "rendelő",
                                                       "rendelőintézet", "ambulanta"})  # fmt: skip

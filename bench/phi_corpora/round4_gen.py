"""Round 4 (issue 14), generated tier: round-4 styles filled from Faker locales no round used.

The hand-written round-4 batches (``round4_*.src.txt``) are small; this tier adds volume in the
same styles (dictation, OCR'd faxes, staff chat, e-mail threads, transfer forms, appeal
letters, POLST, enrolment logs, death certificates, instrument exports, CAD logs, travel,
correctional and birth-register notes, worklists, refill faxes) with values from ``en_IE``,
``en_NZ`` and ``en_PH`` (Filipino names from a small list, Faker's are Anglo) and, in the
frozen test split only, ``en_PK``. Phones, record numbers and national IDs are written the way
each country writes them. Gold spans are recorded as the text is built (``round3.render``);
``{state}``, ``{country}`` and ``{age}`` (under 90) are ``IGNORE``. OCR styles get character
confusions (O/0, l/1, I/1) after rendering, one character for one, so offsets hold.

Split, frozen: styles in ``TEST_ONLY_STYLES`` and template index ``% 3 == 2`` are test only;
written once to ``round4_gen_dev.jsonl`` / ``round4_gen_test.jsonl``.

    .venv/bin/python bench/phi_corpora/round4_gen.py   # writes the JSONL files once
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import conventions
import round3

SEED = 20261203_4
TEST_EVERY = 3
LOCALES = {"dev": ["en_IE", "en_NZ", "en_PH"], "test": ["en_IE", "en_NZ", "en_PH", "en_PK"]}
DOCS = {"dev": 150, "test": 240}
HERE = Path(__file__).resolve().parent

EXTRA_TYPES = {
    "ip": "IP_ADDRESS", "url": "URL", "serial": "DEVICE_OR_VEHICLE_ID",
    "plate": "DEVICE_OR_VEHICLE_ID", "hl7name": "PERSON", "upname": "PERSON",
    "weekday": "DATE_TIME", "pager": "PHONE_NUMBER", "state": "IGNORE", "country": "IGNORE",
    "age": "IGNORE", "stamp": "DATE_TIME", "compact": "DATE_TIME", "iso": "DATE_TIME",
}  # fmt: skip
TYPES = {**round3.TYPES, **EXTRA_TYPES}

PH_FIRST = [
    "Ma. Lourdes",
    "Jericho",
    "Rizalina",
    "Danilo",
    "Marivic",
    "Rommel",
    "Jhunelle",
    "Carmelita",
    "Arnel",
    "Lorna",
    "Bienvenido",
    "Maricel",
    "Jovelyn",
    "Efren",
]
PH_LAST = [
    "Dimaculangan",
    "Macaraeg",
    "Villanueva",
    "Pangilinan",
    "Dela Cruz",
    "Bautista",
    "Manalastas",
    "Sarmiento",
    "Tolentino",
    "Magsaysay",
    "Cabrera",
    "De Guzman",
]
NATIONAL_IDS = {
    "en_IE": "#######?",
    "en_NZ": "???####",
    "en_PH": "##-#########-#",
    "en_PK": "#####-#######-#",
}  # PPSN, NHI, PhilHealth, CNIC
PHONES = {
    "en_IE": ["08# ### ####", "+353 8# ### ####", "0# ### ####", "(01) ### ####",
              "+353 (0)1 ### ####"],
    "en_NZ": ["02# ### ####", "+64 2# ### ####", "(09) ### ####", "0800 ### ###",
              "03-### ####"],
    "en_PH": ["09## ### ####", "+63 9## ### ####", "(02) 8### ####", "0917-###-####"],
    "en_PK": ["03##-#######", "+92 3## #######", "(042) ### ####", "051-#######"],
}  # fmt: skip
STATES = {"en_IE": ["Munster", "Leinster", "Connacht", "Ulster"],
          "en_NZ": ["Canterbury", "Otago", "Waikato", "Northland"],
          "en_PH": ["Cavite", "Laguna", "Cebu", "Pampanga"],
          "en_PK": ["Punjab", "Sindh", "Khyber Pakhtunkhwa"]}  # fmt: skip
COUNTRIES = {"en_IE": "Ireland", "en_NZ": "New Zealand", "en_PH": "Philippines",
             "en_PK": "Pakistan"}  # fmt: skip
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
            "Mon", "Tues", "Wed", "Thurs", "Fri", "Sat", "Sun"]  # fmt: skip
BAIT = [
    "apixaban 2.5 mg BID", "FiO2 0.40 PEEP 8", "Apgar 8/9", "NEWS 5", "COWS 9", "AHI 3.1",
    "Dexcom G7", "ResMed AirSense 11", "Stamaril lot T3B671V", "cobas 6000", "Alaris 8100",
    "speaks Tagalog", "Maori whanau present", "Irish speaker", "Urdu interpreter", "ward 7B",
    "bed 12", "Chair 4", "Medic 7", "code 26-D-1", "eGFR 41", "HbA1c 8.2%", "SpO2 93% RA",
    "BP 142/88", "INR 2.6", "Section B", "MoCA 22/30", "EF 35-40%", "CPAP 6 cmH2O",
    "Pfizer lot FK4471", "K 5.9 mmol/L", "GCS 14", "Clinical Frailty Scale 6",
]  # fmt: skip
OCR = {"O": "0", "o": "0", "l": "1", "I": "1", "0": "O", "1": "l", "S": "5"}
OCR_STYLES = {"ocr_fax"}


class Values(round3.Values):
    """Round-3 values, with the new locales' IDs, phones and places and the new slots."""

    def value(self, slot: str) -> str:
        f, r, loc = self.fake, self.rng, self.locale
        if loc == "en_PH" and slot in ("name", "first", "last"):
            first, last = r.choice(PH_FIRST), r.choice(PH_LAST)
            return {"name": f"{first} {last}", "first": first, "last": last}[slot]
        if slot == "name":  # no titles or suffixes: they stay out of PERSON spans here
            first, last = self.value("first"), self.value("last")
            return (
                f"{first} {f.random_uppercase_letter()}. {last}"
                if r.random() < 0.2
                else (f"{first} {last}")
            )
        if slot == "nid":
            return f.bothify(NATIONAL_IDS[loc]).upper()
        if slot == "phone":
            return f.numerify(r.choice(PHONES[loc] + round3.PHONE_EXTRAS[:3]))
        if slot == "pager":
            return f.numerify(r.choice(["####", "###", "#-####", "7###"]))
        if slot == "street":
            return str(f.street_address()).replace("\n", ", ")
        if slot == "ip":
            return f"10.{r.randint(0, 255)}.{r.randint(0, 255)}.{r.randint(1, 254)}"
        if slot == "url":
            host = r.choice(["portal", "myhealth", "results", "records"])
            return f"https://{host}.{f.domain_name()}/p/{f.numerify('######')}"
        if slot == "serial":
            return f.bothify(r.choice(["??#######", "###-####-??", "SN########", "#?##?####"]))
        if slot == "plate":
            return f.bothify(r.choice(["##-?-####", "???###", "?? ## ???", "???-####"])).upper()
        if slot in ("hl7name", "upname"):
            last, first = self.value("last"), self.value("first")
            if slot == "hl7name":
                return f"{last}^{first}".upper()
            return f"{last.upper()}, {first}"
        if slot == "weekday":
            return r.choice(WEEKDAYS)
        if slot == "state":
            return r.choice(STATES[loc])
        if slot == "country":
            return COUNTRIES[loc]
        if slot == "age":
            return str(r.randint(18, 88))
        if slot in ("stamp", "compact", "iso"):
            y, m, d = self._ymd()
            if slot == "compact":
                return f"{y}{m:02d}{d:02d}"
            if slot == "iso":
                return f"{y}-{m:02d}-{d:02d}"
            return f"{y}-{m:02d}-{d:02d}T{r.randint(0, 23):02d}:{r.randint(0, 59):02d}:00Z"
        return super().value(slot)


def render(template: str, values: Values) -> tuple[str, list[list]]:
    """Fill one template, recording each PHI slot's span as it is written (round 3's filler
    with this round's bait and slot types)."""
    return round3.render(template, values, bait=BAIT, types=TYPES)


def ocr_noise(text: str, rng: random.Random) -> str:
    """One-for-one character confusions a scanner makes (offsets unchanged)."""
    return "".join(OCR[c] if c in OCR and rng.random() < 0.3 else c for c in text)


def build(split: str) -> list[dict]:
    from round4_templates import STYLES, TEST_ONLY_STYLES

    rng = random.Random(SEED + (1000 if split == "test" else 0))
    locales = LOCALES[split]
    values = {loc: Values(loc, random.Random(rng.randrange(1 << 30))) for loc in locales}
    pool = [
        (style, i, tpl)
        for style, items in STYLES.items()
        for i, tpl in enumerate(items)
        if (style in TEST_ONLY_STYLES or i % TEST_EVERY == 2) == (split == "test")
    ]
    docs = []
    for n in range(DOCS[split]):
        locale = locales[n % len(locales)]
        style, index, tpl = rng.choice(pool)
        text, spans = render(tpl, values[locale])
        if style in OCR_STYLES:
            text = ocr_noise(text, rng)
        elif style == "dictation" and len(text.lower()) == len(text):
            text = text.lower()
        roll = rng.random()
        if style not in ("dictation", "ocr_fax") and roll < 0.15:
            text = text.upper() if len(text.upper()) == len(text) else text
        docs.append({"id": f"round4gen-{split}-{n}", "text": text, "spans": spans,
                     "locale": locale, "style": f"{style}/{index}"})  # fmt: skip
    return docs


def frozen(split: str) -> Path:
    return HERE / f"round4_gen_{split}.jsonl"


def load(split: str) -> list[dict]:
    """The frozen documents of one split (written once; a Faker upgrade cannot move them)."""
    lines = frozen(split).read_text().splitlines()
    docs = [json.loads(ln) for ln in lines if ln.strip()]
    for doc in docs:  # calling codes opening a phone are IGNORE, as in round 3 and generic
        doc["spans"] = conventions.carve(doc["text"], doc["spans"])
    return docs


if __name__ == "__main__":
    for split in ("dev", "test"):
        path = frozen(split)
        if path.exists():
            print(f"{path.name} exists (frozen); not rewritten")
            continue
        rows = build(split)
        path.write_text("".join(json.dumps(d) + "\n" for d in rows))
        print(f"{split}: {len(rows)} documents, {sum(len(d['spans']) for d in rows)} spans")

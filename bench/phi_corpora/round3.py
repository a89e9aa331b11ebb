"""Round 3 (issue 14): new note styles, Faker values in five English locales, gold by construction.

Styles none of the earlier corpora used (medication reconciliation and dispensing labels,
billing statements and EOBs, release-of-information requests, appointment SMS and scheduling
exports, incident reports, immunisation records, trial screening logs, safeguarding and
school-nurse referrals, interpreter bookings, bed-management e-mails, physiotherapy notes; and,
in the frozen test split only, coroner referrals, IT helpdesk tickets, genetic counselling and
telehealth chat). Templates live in ``round3_templates.py``; values come from Faker in
``en_US``, ``en_GB``, ``en_CA``, ``en_AU`` and ``en_IN`` (``en_IN`` only in test), with dates,
phones, record numbers and national IDs written the way each locale writes them. Each slot's
span is recorded as the text is built, so the gold spans are exact. About a quarter of the
documents are lower- or upper-cased whole. ``[bait]`` slots put non-PHI look-alikes in (doses,
ventilator settings, EHR product names, languages, scores).

Split, frozen: template index ``% 3 == 2`` and the styles in ``TEST_ONLY_STYLES`` are test
only, so a test document never comes from a development template; seeds differ per split.

    .venv/bin/python bench/phi_corpora/round3.py   # writes round3_dev/test.jsonl once
"""

from __future__ import annotations

import json
import random
import re
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from faker import Faker

sys.path.insert(0, str(Path(__file__).resolve().parent))

import conventions
from round3_templates import STYLES, TEST_ONLY_STYLES

SEED = 20261203_3
TEST_EVERY = 3
LOCALES = {"dev": ["en_US", "en_GB", "en_CA", "en_AU"],
           "test": ["en_US", "en_GB", "en_CA", "en_AU", "en_IN"]}  # fmt: skip
DOCS = {"dev": 200, "test": 250}

TYPES = {
    "name": "PERSON", "first": "PERSON", "last": "PERSON", "initials": "PERSON",
    "dob": "DATE_TIME", "date": "DATE_TIME", "date_partial": "DATE_TIME", "year": "DATE_TIME",
    "age90": "AGE", "mrn": "MEDICAL_RECORD_NUMBER", "id": "ID_NUMBER", "account": "ID_NUMBER",
    "member": "ID_NUMBER", "nid": "ID_NUMBER", "phone": "PHONE_NUMBER", "ext": "PHONE_NUMBER",
    "street": "STREET_ADDRESS", "city": "LOCATION", "postcode": "ZIP_CODE",
    "org": "ORGANIZATION", "hospital": "HOSPITAL", "email": "EMAIL_ADDRESS",
}  # fmt: skip

BAIT = [
    "insulin 10u", "vent 600x12 PEEP 5", "documented in Epic", "MyChart message sent",
    "Cerner downtime", "Punjabi", "Mandarin", "Portuguese", "Somali", "Vietnamese", "GCS 15",
    "BP 132/78", "pain 3/10", "K 3.4", "power 4/5", "BMI 31", "Filipino family",
    "heparin 5000 units", "O2 2L NC", "PS 10/5", "Waterlow 14", "MMSE 24/30",
]  # fmt: skip
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]  # fmt: skip
ORG_SUFFIXES = ["Pharmacy", "Chemists", "Solicitors", "LLP", "Insurance", "Funeral Services",
                "Primary School", "Ltd", "Group", "Associates", "Mobility",
                "Transport"]  # fmt: skip
HOSPITALS = ["{city} General Hospital", "St {first}'s Hospital", "{last} Memorial Hospital",
             "{city} Medical Centre", "{last} Street Surgery", "{city} Health Centre",
             "Royal {city} Infirmary", "{city} Community Hospital", "The {last} Clinic",
             "{city} Family Practice", "{last} House Care Home", "{city} Medical Center",
             "{city} Hospice", "{city} Regional Hospital"]  # fmt: skip
NATIONAL_IDS = {"en_US": "###-##-####", "en_GB": "### ### ####", "en_CA": "####-###-###-??",
                "en_AU": "#### ##### #", "en_IN": "#### #### ####"}  # fmt: skip
PHONE_EXTRAS = ["###-###-#### ext. ###", "(###) ###-#### x####", "1-800-###-####",
                "+44 (0)### ### ####", "+61 4## ### ###", "+91 9#### #####", "0#### ######",
                "+1 ###.###.####", "### ####"]  # fmt: skip


class Values:
    """One locale's PHI values, written the way that locale writes them."""

    def __init__(self, locale: str, rng: random.Random) -> None:
        self.locale = locale
        self.rng = rng
        self.fake = Faker(locale)
        self.fake.seed_instance(rng.randrange(1 << 30))

    def _ymd(self) -> tuple[int, int, int]:
        return self.rng.randint(1930, 2025), self.rng.randint(1, 12), self.rng.randint(1, 28)

    def _numeric(self, y: int, m: int, d: int, short_year: bool = False) -> str:
        yy = f"{y % 100:02d}" if short_year else str(y)
        if self.locale == "en_US":
            return f"{m}/{d}/{yy}" if self.rng.random() < 0.5 else f"{m:02d}/{d:02d}/{yy}"
        sep = self.rng.choice(["/", "/", ".", "-"])
        return f"{d:02d}{sep}{m:02d}{sep}{yy}"

    def date(self) -> str:
        y, m, d = self._ymd()
        mon = MONTHS[m - 1]
        shapes: list[Callable[[], str]] = [
            lambda: self._numeric(y, m, d),
            lambda: self._numeric(y, m, d, short_year=True),
            lambda: f"{y}-{m:02d}-{d:02d}",
            lambda: f"{d:02d}-{mon[:3]}-{y}",
            lambda: f"{mon} {d}, {y}",
            lambda: f"{d} {mon} {y}",
            lambda: f"{d}{_ordinal(d)} {mon[:3]} {y}",
            lambda: f"{mon[:3]} {d} {y}",
        ]
        return self.rng.choice(shapes)()

    def date_partial(self) -> str:
        y, m, d = self._ymd()
        mon = MONTHS[m - 1]
        md = f"{m}/{d}" if self.locale == "en_US" else f"{d}/{m}"
        shapes = [md, f"{d} {mon}", f"{mon} {d}{_ordinal(d)}", f"{d}{_ordinal(d)} {mon[:3]}",
                  f"{mon} {y}", f"{mon[:3]} '{y % 100:02d}", f"the {d}{_ordinal(d)}",
                  f"{mon[:3]} {d}"]  # fmt: skip
        return self.rng.choice(shapes)

    def value(self, slot: str) -> str:
        f, r = self.fake, self.rng
        if slot == "name":
            return str(f.name() if r.random() < 0.8 else f"{f.first_name()} {f.last_name()}")
        if slot == "first":
            return str(f.first_name())
        if slot == "last":
            return str(f.last_name())
        if slot == "initials":
            a, b = f.first_name()[0], f.last_name()[0]
            return r.choice([f"{a}.{b}.", f"{a}{b}", f"{a}.{b}"])
        if slot in ("dob", "date"):
            return self.date()
        if slot == "date_partial":
            return self.date_partial()
        if slot == "year":
            return str(r.randint(1950, 2024))
        if slot == "age90":
            return str(r.randint(90, 104))
        if slot == "mrn":
            shape = r.choice(["########", "MRN-#######", "??#######", "###-###-###",
                              "H#######", "?? #######", "#######?"])  # fmt: skip
            return f.bothify(shape).upper()
        if slot == "id":
            return f.bothify(r.choice(["??-#####", "#####-??", "??######", "#-####-###",
                                       "######"])).upper()  # fmt: skip
        if slot == "account":
            return f.bothify(r.choice(["##########", "ACC-#######", "####-####-##"]))
        if slot == "member":
            return f.bothify(r.choice(["???#########", "##########-##", "?##-###-####"])).upper()
        if slot == "nid":
            return f.bothify(NATIONAL_IDS[self.locale]).upper()
        if slot == "phone":
            if r.random() < 0.7:
                return str(f.phone_number())
            return f.numerify(r.choice(PHONE_EXTRAS))
        if slot == "ext":
            return f.numerify(r.choice(["###", "####"]))
        if slot == "street":
            return str(f.street_address())
        if slot == "city":
            return str(f.city())
        if slot == "postcode":
            return str(f.postcode())
        if slot == "org":
            if r.random() < 0.55:
                return str(f.company())
            return f"{f.last_name()} {r.choice(ORG_SUFFIXES)}"
        if slot == "hospital":
            shape = r.choice(HOSPITALS)
            return shape.format(city=f.city(), first=f.first_name(), last=f.last_name())
        if slot == "email":
            return str(f.email())
        raise KeyError(slot)


def _ordinal(n: int) -> str:
    return "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


_SLOT = re.compile(r"\{([a-z0-9_]+)\}|\[bait\]")


def render(
    template: str,
    values: Values,
    *,
    bait: Sequence[str] = (),
    types: Mapping[str, str] | None = None,
) -> tuple[str, list[list]]:
    """Fill one template, recording each PHI slot's character span as it is written
    (``bait`` and ``types``: another round's tables; this round's by default)."""
    bait = bait or BAIT
    types = TYPES if types is None else types
    out: list[str] = []
    spans: list[list] = []
    pos = length = 0
    for m in _SLOT.finditer(template):
        out.append(template[pos : m.start()])
        length += m.start() - pos
        if m.group(1) is None:
            text = values.rng.choice(bait)
        else:
            text = values.value(m.group(1))
            spans.append([length, length + len(text), types[m.group(1)]])
        out.append(text)
        length += len(text)
        pos = m.end()
    out.append(template[pos:])
    return "".join(out), spans


def templates(split: str) -> list[tuple[str, int, str]]:
    """(style, index, template) of one split: test-only styles and index % 3 == 2 are test."""
    chosen = []
    for style, items in STYLES.items():
        for i, tpl in enumerate(items):
            is_test = style in TEST_ONLY_STYLES or i % TEST_EVERY == 2
            if is_test == (split == "test"):
                chosen.append((style, i, tpl))
    return chosen


def build(split: str) -> list[dict]:
    """Deterministic documents of one split: ``{"id", "text", "spans", "locale", "style"}``."""
    rng = random.Random(SEED + (1000 if split == "test" else 0))
    locales = LOCALES[split]
    values = {loc: Values(loc, random.Random(rng.randrange(1 << 30))) for loc in locales}
    pool = templates(split)
    docs = []
    for n in range(DOCS[split]):
        locale = locales[n % len(locales)]
        style, index, tpl = rng.choice(pool)
        text, spans = render(tpl, values[locale])
        roll = rng.random()
        cased = text.lower() if roll < 0.15 else text.upper() if roll < 0.25 else text
        if len(cased) == len(text):  # a case change that moved offsets would break the gold
            text = cased
        docs.append({"id": f"round3-{split}-{n}", "text": text, "spans": spans,
                     "locale": locale, "style": f"{style}/{index}"})  # fmt: skip
    return docs


HERE = Path(__file__).resolve().parent


def frozen(split: str) -> Path:
    return HERE / f"round3_{split}.jsonl"


def load(split: str) -> list[dict]:
    """The frozen documents of one split (written once; a Faker upgrade cannot move them)."""
    lines = frozen(split).read_text().splitlines()
    docs = [json.loads(ln) for ln in lines if ln.strip()]
    for doc in docs:
        doc["spans"] = conventions.carve(doc["text"], doc["spans"])
    return docs


if __name__ == "__main__":
    for split in ("dev", "test"):
        rows = build(split)
        path = frozen(split)
        if path.exists():
            print(f"{path.name} exists (frozen); not rewritten")
            continue
        path.write_text("".join(json.dumps(d) + "\n" for d in rows))
        print(
            f"{split}: {len(rows)} documents, {sum(len(d['spans']) for d in rows)} spans -> {path}"
        )

"""Deterministic synthetic corpora for the PHI quality scorer (no real patient data).

Builds, from fixed seeds:
- a synthetic hospital "site": staff, patients, relatives, facilities, wards, local towns,
  written as a site dictionary (TSV) and context CSVs (workforce/patients/contacts/places);
- ICU nursing notes from ``note_templates`` (often ALL CAPS), with character-level gold spans;
- short PHI sentences from ``sentence_templates``.
Both corpora are split into ``dev`` and frozen ``test`` sets by template: a test template is
never used to build a development document.

Run ``python bench/phi_corpora/generate.py OUT_DIR`` to write the corpora as JSONL.
"""

from __future__ import annotations

import csv
import json
import random
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from faker import Faker

sys.path.insert(0, str(Path(__file__).resolve().parent))

from note_templates import FILLER, SECTIONS
from sentence_templates import TEMPLATES

SEED = 20260522
TEST_EVERY = 3  # template index % 3 == 2 -> frozen test split

LOCALES = [("en_US", 60), ("es_MX", 9), ("en_IN", 7), ("it_IT", 6), ("pl_PL", 5),
           ("de_DE", 5), ("fr_FR", 4), ("en_GB", 4)]  # fmt: skip
REAL_TOWNS = (
    "Quincy Brockton Framingham Worcester Lowell Lawrence Haverhill Malden Medford Somerville "
    "Waltham Newton Brookline Dedham Needham Norwood Milton Braintree Weymouth Hingham "
    "Plymouth Taunton Attleboro Fitchburg Leominster Gardner Amherst "
    "Springfield Chicopee Holyoke Pittsfield Salem Peabody Lynn Revere Chelsea Everett "
    "Woburn Burlington Billerica Chelmsford Dracut Methuen Andover Beverly Gloucester "
    "Marblehead Swampscott Saugus Wakefield Reading Stoneham Winchester Arlington Belmont "
    "Watertown Wellesley Natick Marlborough Hudson Shrewsbury Westborough Grafton Auburn "
    "Nashua Manchester Concord Portsmouth Providence Pawtucket Cranston Warwick Hartford "
    "Stamford Bangor Portland Burlington Albany Hyannis Falmouth Barnstable Nantucket "
    "Chatham Sandwich Bourne Wareham Middleborough Bridgewater Stoughton Canton Sharon "
    "Foxborough Walpole Franklin Milford Mendon Uxbridge Webster Dudley Southbridge"
)
MULTI_TOWNS = ["Fall River", "New Bedford", "West Roxbury", "Jamaica Plain", "East Boston",
               "South Boston", "Hyde Park", "North Andover", "East Longmeadow",
               "West Springfield"]  # fmt: skip
RELATIONS = ["wife", "husband", "son", "daughter", "sister", "brother", "niece", "nephew",
             "mother", "father", "friend", "HCP"]  # fmt: skip
DRUGS = ["lasix", "lopressor", "vanco", "zosyn", "heparin", "insulin", "morphine", "ativan",
         "haldol", "propofol", "fentanyl", "KCL", "mag sulfate", "protonix",
         "coumadin"]  # fmt: skip
STATES = [("Massachusetts", "MA"), ("New Hampshire", "NH"), ("Rhode Island", "RI"),
          ("Connecticut", "CT"), ("Maine", "ME"), ("Vermont", "VT"), ("New York", "NY"),
          ("Texas", "TX"), ("California", "CA"), ("Ohio", "OH"), ("Florida", "FL")]  # fmt: skip
SAINTS = ["Elizabeth", "Vincent", "Anne", "Luke", "Joseph", "Mary", "Francis", "Margaret",
          "Jude", "Agnes", "Clare", "Raphael"]  # fmt: skip

PHI_SLOTS = {
    "PT_FIRST": "PERSON", "PT_LAST": "PERSON", "REL_FIRST": "PERSON", "REL_LAST": "PERSON",
    "DR_LAST": "PERSON", "DR_FIRST": "PERSON", "RN_FIRST": "PERSON", "RN_LAST": "PERSON",
    "INIT": "PERSON", "NAME": "PERSON", "FIRST": "PERSON", "LAST": "PERSON",
    "NAME_UPPER": "PERSON", "HOSP": "HOSPITAL", "HOSP_UPPER": "HOSPITAL", "WARD": "HOSPITAL",
    "TOWN": "LOCATION", "CITY": "LOCATION", "STREET": "STREET_ADDRESS", "ZIP": "ZIP_CODE",
    "DATE_MD": "DATE_TIME", "DATE_BR": "DATE_TIME", "DATE_MDY": "DATE_TIME",
    "DATE_TEXT": "DATE_TIME", "YEAR": "DATE_TIME", "DATE": "DATE_TIME", "PHONE": "PHONE_NUMBER",
    "PAGER": "PHONE_NUMBER", "AGE90": "AGE", "MRN": "MEDICAL_RECORD_NUMBER",
    "EMAIL": "EMAIL_ADDRESS", "SSN": "US_SSN", "IP": "IP_ADDRESS", "URL": "URL",
    "PLAN": "HEALTH_PLAN_NUMBER", "ACCOUNT": "ACCOUNT_NUMBER",
}  # fmt: skip
_SLOT = re.compile(r"\{([A-Za-z0-9_]+)\}")


def ascii_only(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


@dataclass
class Person:
    first: str
    last: str


@dataclass
class Site:
    staff: list[Person] = field(default_factory=list)
    patients: list[Person] = field(default_factory=list)
    relatives: list[Person] = field(default_factory=list)
    hospitals: list[str] = field(default_factory=list)
    wards: list[str] = field(default_factory=list)
    towns: list[str] = field(default_factory=list)


class Names:
    """Faker people from a weighted mix of locales, ASCII-folded as US records store them."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.fakers = []
        for i, (loc, weight) in enumerate(LOCALES):
            f = Faker(loc)
            f.seed_instance(SEED + i)
            self.fakers.append((f, weight))

    def faker(self) -> Faker:
        fakers, weights = zip(*self.fakers, strict=True)
        return self.rng.choices(fakers, weights=weights)[0]

    def person(self) -> Person:
        f = self.faker()
        first = ascii_only(f.first_name()).split()[0]
        last = ascii_only(f.last_name()).split()[-1]
        return Person(first, last)


def make_site(rng: random.Random) -> Site:
    names = Names(rng)
    en = Faker("en_US")
    en.seed_instance(SEED)
    site = Site()
    site.staff = [names.person() for _ in range(160)]
    site.patients = [names.person() for _ in range(240)]
    site.relatives = [names.person() for _ in range(240)]
    real = REAL_TOWNS.split()
    site.towns = rng.sample(real, 50) + MULTI_TOWNS[:6] + [en.city() for _ in range(20)]
    surnames = [names.person().last for _ in range(30)]
    site.hospitals = [
        f"{surnames[0]} Memorial Hospital", f"{surnames[1]} Memorial", f"{surnames[2]} General",
        f"St. {SAINTS[0]}'s", f"St. {SAINTS[1]}'s Hospital", f"Saint {SAINTS[2]} Medical Center",
        f"{site.towns[0]} Hospital", f"{site.towns[1]} Medical Center",
        f"{site.towns[2]} Rehab", f"{surnames[3]} Rehabilitation Center",
        f"{surnames[4]} Nursing Home", f"{site.towns[3]} Health Center",
        f"{surnames[5]} Manor", f"{surnames[6]} House", f"{site.towns[4]} VNA",
        f"{surnames[7]} Clinic", f"{surnames[8]} Hospital", f"{site.towns[5]} General Hospital",
    ]  # fmt: skip
    site.wards = [f"{surnames[10 + i]} {rng.randint(2, 12)}" for i in range(6)] + [
        f"{surnames[20]} ICU",
        f"{surnames[21]} Building",
    ]
    return site


def write_site(site: Site, out: Path) -> tuple[Path, Path]:
    """Site dictionary TSV (facilities, wards, towns) and a context folder with name CSVs."""
    out.mkdir(parents=True, exist_ok=True)
    tsv = out / "site_dictionary.tsv"
    lines = [f"HOSPITAL\t{h}" for h in site.hospitals + site.wards]
    lines += [f"LOCATION\t{t}" for t in site.towns]
    tsv.write_text("\n".join(lines) + "\n", encoding="utf-8")
    ctx = out / "context"
    ctx.mkdir(exist_ok=True)
    with (ctx / "workforce.csv").open("w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["user_id", "first_name", "last_name", "role", "department"])
        for i, p in enumerate(site.staff):
            w.writerow([f"u{i:04d}", p.first, p.last, "rn" if i % 2 else "md", "icu"])
    with (ctx / "patients.csv").open("w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["patient_id", "first_name", "last_name"])
        for i, p in enumerate(site.patients):
            w.writerow([f"p{i:05d}", p.first, p.last])
    with (ctx / "contacts.csv").open("w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["patient_id", "first_name", "last_name", "relationship"])
        for i, p in enumerate(site.relatives):
            w.writerow([f"p{i:05d}", p.first, p.last, RELATIONS[i % len(RELATIONS)]])
    with (ctx / "places.csv").open("w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["name"])
        for name in site.hospitals + site.wards:
            w.writerow([name])
    return tsv, ctx


def render(template: str, fill: dict[str, str]) -> tuple[str, list[tuple[int, int, str]]]:
    """Fill slots; return text and gold spans (start, end, entity) of the PHI slots."""
    out: list[str] = []
    spans: list[tuple[int, int, str]] = []
    pos = 0
    length = 0
    for m in _SLOT.finditer(template):
        literal = template[pos : m.start()]
        out.append(literal)
        length += len(literal)
        slot = m.group(1)
        value = fill[slot]
        key = slot.upper()
        if key in PHI_SLOTS and value:
            spans.append((length, length + len(value), PHI_SLOTS[key]))
        out.append(value)
        length += len(value)
        pos = m.end()
    out.append(template[pos:])
    return "".join(out), spans


class Values:
    """Random slot values (PHI and clinical look-alikes)."""

    def __init__(self, rng: random.Random, site: Site) -> None:
        self.rng = rng
        self.site = site
        self.en = Faker("en_US")
        self.en.seed_instance(rng.randint(0, 10**9))
        self.names = Names(rng)

    def date_md(self) -> str:
        return f"{self.rng.randint(1, 12)}/{self.rng.randint(1, 28)}"

    def date_br(self) -> str:
        r = self.rng
        if r.random() < 0.5:
            return f"[**{r.randint(1, 12)}/{r.randint(1, 28)}**]"
        return f"[**{r.randint(1995, 2015)}-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}**]"

    def date_mdy(self) -> str:
        r = self.rng
        sep = r.choice(["-", "/"])
        year = r.choice([f"{r.randint(0, 99):02d}", str(r.randint(1950, 2020))])
        return f"{r.randint(1, 12)}{sep}{r.randint(1, 28)}{sep}{year}"

    def date_text(self) -> str:
        r = self.rng
        month = r.choice(["January", "Feb", "March", "Apr", "May", "June", "July", "Aug",
                          "September", "Oct", "November", "Dec"])  # fmt: skip
        day = r.randint(1, 28)
        return r.choice([f"{month} {day}", f"{month} {day}, {r.randint(1990, 2020)}",
                         f"{day} {month}", f"{month} {day}th"])  # fmt: skip

    def date_any(self) -> str:
        return self.rng.choice([self.date_md, self.date_mdy, self.date_text])()

    def phone(self) -> str:
        r = self.rng
        a, b, c = r.randint(201, 989), r.randint(200, 999), r.randint(0, 9999)
        return r.choice([f"({a}) {b}-{c:04d}", f"{a}-{b}-{c:04d}", f"{a}.{b}.{c:04d}",
                         f"{b}-{c:04d}"])  # fmt: skip

    def clinical(self, slot: str) -> str:
        r = self.rng
        if slot == "FRAC":
            return r.choice(["5/5", "4/5", "3/5", "4+/5", "5-/5"])
        if slot == "PAIN":
            return f"{r.randint(0, 10)}/10"
        if slot == "BP":
            return f"{r.randint(85, 180)}/{r.randint(40, 100)}"
        if slot == "TIME":
            return r.choice(["0700", "0800", "1100", "1400", "1500", "1600", "1900", "2000",
                             "2100", "2300", "0200", "0400", "1930", "2015"])  # fmt: skip
        if slot == "VOL":
            return str(r.choice([100, 250, 300, 500, 750, 1000, 1500, 1900, 2000, 2500]))
        if slot == "DRUG":
            return r.choice(DRUGS)
        if slot == "DOSE":
            return r.choice(["2mg", "0.5 mg", "25 mcg/min", "1 gm", "40 meq", "5mg IV", "20"])
        if slot == "NUM":
            return str(r.randint(1, 89))
        if slot == "REL":
            return r.choice(RELATIONS)
        raise KeyError(slot)


def note_fill(values: Values, patient: Person, relative: Person) -> dict[str, str]:
    r = values.rng
    site = values.site
    dr = r.choice(site.staff)
    rn = r.choice(site.staff)

    class Lazy(dict):  # type: ignore[type-arg]
        def __missing__(self, key: str) -> str:
            return make(key)

    def make(key: str) -> str:
        if key in {"FRAC", "PAIN", "BP", "TIME", "VOL", "DRUG", "DOSE", "NUM", "REL"}:
            return values.clinical(key)
        return {
            "PT_FIRST": patient.first, "PT_LAST": patient.last,
            "REL_FIRST": relative.first, "REL_LAST": relative.last,
            "DR_FIRST": dr.first, "DR_LAST": r.choice([dr, r.choice(site.staff)]).last,
            "RN_FIRST": rn.first, "RN_LAST": rn.last, "INIT": dr.first[0].upper(),
            "HOSP": r.choice(site.hospitals), "WARD": r.choice(site.wards),
            "TOWN": r.choice(site.towns), "DATE_MD": values.date_md(),
            "DATE_BR": values.date_br(), "DATE_MDY": values.date_mdy(),
            "DATE_TEXT": values.date_text(), "YEAR": str(r.randint(1960, 2015)),
            "PHONE": values.phone(), "PAGER": str(r.randint(1000, 99999)),
            "AGE90": str(r.randint(90, 104)), "MRN": str(r.randint(1000000, 99999999)),
        }[key]  # fmt: skip

    return Lazy()


def _split_of(index: int) -> str:
    return "test" if index % TEST_EVERY == TEST_EVERY - 1 else "dev"


def make_notes(site: Site, split: str, count: int, seed: int) -> list[dict]:
    rng = random.Random(seed)
    values = Values(rng, site)
    pool = {
        sec: [(f"{sec}-{i}", t) for i, t in enumerate(ts) if _split_of(i) == split]
        for sec, ts in {**SECTIONS, "filler": FILLER}.items()
    }
    patients = [p for i, p in enumerate(site.patients) if _split_of(i) == split]
    docs = []
    for n in range(count):
        patient = rng.choice(patients)
        relative = rng.choice(site.relatives)
        fill = note_fill(values, patient, relative)
        parts: list[str] = []
        spans: list[tuple[int, int, str]] = []
        used: list[str] = []
        sections = ["header"] + [s for s in SECTIONS if s != "header" and rng.random() < 0.75]
        # Interleave PHI-bearing section lines with clinical filler, as real notes do.
        plan: list[str] = []
        for sec in sections:
            plan += [sec] * (1 if sec != "events" else rng.randint(1, 3))
            plan += ["filler"] * rng.randint(0, 3)
        offset = 0
        for sec in plan:
            for _ in range(1):
                tid, template = rng.choice(pool[sec])
                text, sp = render(template, fill)
                sep = "\n" if rng.random() < 0.5 else " "
                if parts:
                    parts.append(sep)
                    offset += len(sep)
                parts.append(text)
                spans.extend((s + offset, e + offset, t) for s, e, t in sp)
                offset += len(text)
                used.append(tid)
        text = "".join(parts)
        if rng.random() < 0.45:
            text = text.upper()
        docs.append({"id": f"note-{split}-{n}", "text": text, "spans": spans, "templates": used})
    return docs


def make_sentences(site: Site, split: str, count: int, seed: int) -> list[dict]:
    rng = random.Random(seed)
    values = Values(rng, site)
    en = values.en
    pool = [(f"s-{i}", t) for i, t in enumerate(TEMPLATES) if _split_of(i) == split]
    docs = []
    for n in range(count):
        tid, template = rng.choice(pool)
        p = values.names.person()
        state = rng.choice(STATES)
        hosp = rng.choice(site.hospitals)
        base = {
            "NAME": f"{p.first} {p.last}", "FIRST": p.first, "LAST": p.last,
            "NAME_UPPER": f"{p.first} {p.last}".upper(), "STREET": en.street_address(),
            "CITY": rng.choice(site.towns + [en.city() for _ in range(3)]),
            "STATE": rng.choice(state), "ZIP": en.zipcode(), "PHONE": values.phone(),
            "EMAIL": en.email(), "SSN": en.ssn(), "IP": rng.choice([en.ipv4(), en.ipv6()]),
            "URL": en.url() + rng.choice(["", "patients/portal", "login?id=12"]),
            "MRN": str(rng.randint(100000, 99999999)), "HOSP": hosp, "HOSP_UPPER": hosp.upper(),
            "DATE": values.date_any(), "AGE90": str(rng.randint(90, 104)),
            "PLAN": f"{rng.choice('ABCDEFGHJKLMNPRSTUVWXYZ')}{rng.randint(10**8, 10**9 - 1)}",
            "ACCOUNT": str(rng.randint(10**7, 10**10)),
        }  # fmt: skip
        fill = dict(base)
        fill.update({k.lower(): v.lower() for k, v in base.items()})
        text, spans = render(template, fill)
        docs.append({"id": f"sent-{split}-{n}", "text": text, "spans": spans, "templates": [tid]})
    return docs


def build(out: Path | None = None) -> dict[str, object]:
    """Everything the scorer needs; written under ``out`` when given."""
    site = make_site(random.Random(SEED))
    corpora = {
        "notes_dev": make_notes(site, "dev", 150, SEED + 1),
        "notes_test": make_notes(site, "test", 150, SEED + 2),
        "sentences_dev": make_sentences(site, "dev", 300, SEED + 3),
        "sentences_test": make_sentences(site, "test", 300, SEED + 4),
    }
    result: dict[str, object] = {"site": site, **corpora}
    if out is not None:
        tsv, ctx = write_site(site, out / "site")
        result["dictionary"] = tsv
        result["context_dir"] = ctx
        for name, docs in corpora.items():
            with (out / f"{name}.jsonl").open("w", encoding="utf-8") as fh:
                for doc in docs:
                    fh.write(json.dumps(doc) + "\n")
    return result


def split_docs(
    data: dict[str, object], split: str, limit: int | None
) -> tuple[list[dict], list[dict]]:
    """The notes and sentences of one split, cut to ``limit`` when given (both benches read so)."""
    notes = cast("list[dict]", data[f"notes_{split}"])
    sentences = cast("list[dict]", data[f"sentences_{split}"])
    if limit:
        notes, sentences = notes[:limit], sentences[:limit]
    return notes, sentences


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "bench/phi_corpora/data")
    build(target)
    print(f"wrote corpora to {target}")

"""A synthetic export folder for the demo, tests and benchmarks: documents some with PHI.

Folders look like where exports go (``to_research/``, ``to_vendor/``, ``internal/``); every
file type the document scanner reads is there, with invented patients, relatives, clinicians,
places and identifiers, plus files that hold no PHI at all. Deterministic for a given seed.
"""

from __future__ import annotations

import csv
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path

from faker import Faker

HOSPITALS = ("Lakeside General Hospital", "St. Brendan's Medical Center", "Harbor View Clinic")
REHABS = ("Maple Grove Rehab", "Cedar Hills Nursing Home", "Riverside Rehabilitation Center")
BASE_DAY = date(2024, 3, 4)


@dataclass(frozen=True)
class Person:
    first: str
    last: str
    dob: date
    mrn: str
    ssn: str
    phone: str
    street: str
    city: str
    state: str
    zip: str
    email: str

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"


class SyntheticPeople:
    """A seeded source of invented people, days and clinicians for the synthetic documents."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.fake = Faker("en_US")
        self.fake.seed_instance(seed)

    def phone(self) -> str:
        r = self.rng
        return f"({r.randint(201, 989)}) {r.randint(200, 999)}-{r.randint(0, 9999):04d}"

    def person(self) -> Person:
        r, f = self.rng, self.fake
        first, last = f.first_name(), f.last_name()
        return Person(
            first=first,
            last=last,
            dob=date(1928, 1, 1) + timedelta(days=r.randint(0, 365 * 75)),
            mrn=f"{r.randint(1, 99_999_999):08d}",
            ssn=f"{r.randint(100, 665)}-{r.randint(10, 99)}-{r.randint(1000, 9999)}",
            phone=self.phone(),
            street=f.street_address(),
            city=f.city(),
            state=f.state_abbr(),
            zip=f.zipcode(),
            email=f"{first.lower()}.{last.lower()}@{f.free_email_domain()}",
        )

    def day(self) -> date:
        return BASE_DAY + timedelta(days=self.rng.randint(-60, 0))

    def clinician(self) -> str:
        return self.fake.last_name()


def discharge_summary(g: SyntheticPeople, p: Person) -> str:
    admit = g.day()
    discharge = admit + timedelta(days=g.rng.randint(2, 9))
    hospital, rehab = g.rng.choice(HOSPITALS), g.rng.choice(REHABS)
    wife = g.fake.first_name_female()
    age = (admit - p.dob).days // 365
    return (
        f"DISCHARGE SUMMARY\n\nPatient: {p.name}    MRN: {p.mrn}    DOB: {p.dob:%m/%d/%Y}\n"
        f"Admitted: {admit:%m/%d/%Y}    Discharged: {discharge:%m/%d/%Y}\n"
        f"Attending: Dr. {g.clinician()}    Facility: {hospital}\n\n"
        f"HISTORY: {p.first} {p.last} is a {age} year old man admitted with community acquired "
        "pneumonia. Started on ceftriaxone and azithromycin; Foley removed on day 2.\n\n"
        f"SOCIAL: Lives at {p.street}, {p.city}, {p.state} {p.zip} with his wife {wife}. "
        f"Wife can be reached at {p.phone}.\n\n"
        f"DISPOSITION: Discharged to {rehab}. Follow up with Dr. {g.clinician()} on "
        f"{discharge + timedelta(days=14):%m/%d}. Questions to {p.email}.\n"
    )


def nursing_note(g: SyntheticPeople, p: Person) -> str:
    day = g.day()
    nurse = g.fake.first_name()
    son = g.fake.first_name_male()
    return (
        f"NURSING NOTE {day:%m/%d} 0700-1900\n"
        f"PT {p.last.upper()}, {p.first.upper()[0]}. ALERT AND ORIENTED X3. "
        "NEURO: PERRLA, MAE. CV: SR 70S-80S, SBP 110-130. RESP: LS CLEAR, RA SAT 96%, "
        "VENT SETTINGS 5/5 ON PS TRIAL. PAIN 4/10, MEDICATED WITH TYLENOL.\n"
        f"SOCIAL: SON {son.upper()} CALLED AT {p.phone}, UPDATED BY RN {nurse.upper()}. "
        f"PLAN TO TRANSFER TO {g.rng.choice(REHABS).upper()} ON {day + timedelta(days=3):%m/%d}.\n"
    )


def progress_note(g: SyntheticPeople, p: Person) -> str:
    day = g.day()
    return (
        f"Progress note {day.isoformat()}\n"
        f"Mrs. {p.last} seen on rounds with Dr. {g.clinician()}. She is {g.rng.randint(90, 99)} "
        "years old and stable. BP 128/76, HR 72. Continue current regimen.\n"
        f"SSN on file {p.ssn}; insurance verified. Daughter {g.fake.first_name_female()} "
        f"at bedside.\n"
    )


NOTE_KINDS = (discharge_summary, nursing_note, progress_note)


def note_texts(count: int, *, seed: int = 11) -> Iterator[str]:
    """``count`` clinical notes with PHI, the kinds in turn; the same texts for the same seed."""
    g = SyntheticPeople(seed)
    for i in range(count):
        yield NOTE_KINDS[i % len(NOTE_KINDS)](g, g.person())


def build_notes(out_dir: Path, count: int, *, seed: int = 11) -> list[Path]:
    """``count`` clinical notes (.txt) with PHI, for benchmarks and bulk tests."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, text in enumerate(note_texts(count, seed=seed)):
        path = out_dir / f"note_{i:05d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def build_exports(
    out_dir: Path, *, seed: int = 7, notes: int = 6, context_dir: Path | None = None
) -> list[Path]:
    """Write the export folder; returns the files written, in a stable order.

    With ``context_dir`` (docs/context-files.md), the documents are about the hospital's
    own patients (names, birth dates, addresses and ZIP codes from ``patients.csv``), as real
    exports are.
    """
    g = SyntheticPeople(seed)
    patients = [g.person() for _ in range(12)]
    if context_dir is not None and (context_dir / "patients.csv").is_file():
        patients = _from_context(patients, context_dir / "patients.csv")
    written: list[Path] = []

    def put(rel: str, text: str, encoding: str = "utf-8") -> Path:
        path = out_dir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding=encoding, newline="")
        written.append(path)
        return path

    for i in range(notes):
        kind = NOTE_KINDS[i % len(NOTE_KINDS)]
        put(f"internal/notes/{kind.__name__}_{i + 1:02d}.txt", kind(g, patients[i]))
    # A legacy system's export in Windows-1252 (curly quotes, accented name).
    legacy = patients[6]
    put(
        "internal/notes/legacy_cp1252.txt",
        f"Patient “{legacy.first} Müller-{legacy.last}” seen 02/11/2024 at "
        f"{HOSPITALS[0]}; callback {legacy.phone}.\r\n",
        encoding="cp1252",
    )
    put("to_research/cohort_extract.csv", _cohort_csv(patients))
    put("to_research/lab_results.jsonl", _labs_jsonl(g, patients))
    put("to_vendor/fhir_bundle.json", json.dumps(_fhir_bundle(patients[:3]), indent=2) + "\n")
    put("to_vendor/adt_a01.hl7", _hl7_adt(g, patients[3], patients[4]))
    # Files without PHI: aggregate counts, a formulary, a readme.
    put(
        "to_research/aggregate_counts.csv",
        "diagnosis,quarter,count\npneumonia,2024Q1,41\nsepsis,2024Q1,17\nCHF,2024Q1,28\n",
    )
    put(
        "to_vendor/formulary.json",
        json.dumps({"formulary": [{"drug": "ceftriaxone", "route": "IV", "tier": 2}]}) + "\n",
    )
    put(
        "internal/README.md",
        "# Export folder\n\nFiles here are reviewed by the privacy office before release.\n",
    )
    docx_path = out_dir / "internal/care_plan.docx"
    _write_docx(docx_path, g, patients[7])
    written.append(docx_path)
    pdf_path = out_dir / "to_vendor/referral_letter.pdf"
    if _write_pdf(pdf_path, g, patients[8]):
        written.append(pdf_path)
    return written


def _from_context(people: list[Person], patients_csv: Path) -> list[Person]:
    with patients_csv.open(encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r.get("first_name") and r.get("last_name")]
    out = []
    for person, row in zip(people, rows, strict=False):
        try:
            dob = date.fromisoformat(row.get("birth_date") or "")
        except ValueError:
            dob = person.dob
        out.append(
            replace(
                person,
                first=row["first_name"],
                last=row["last_name"],
                dob=dob,
                street=row.get("address") or person.street,
                zip=row.get("zip") or person.zip,
                email=f"{row['first_name'].lower()}.{row['last_name'].lower()}@example.com",
            )
        )
    return out + people[len(out) :]


def _cohort_csv(patients: list[Person]) -> str:
    from io import StringIO

    buf = StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["mrn", "first_name", "last_name", "birth_date", "zip", "diagnosis"])
    for p in patients:
        w.writerow([p.mrn, p.first, p.last, p.dob.isoformat(), p.zip, "J18.9 pneumonia"])
    return buf.getvalue()


def _labs_jsonl(g: SyntheticPeople, patients: list[Person]) -> str:
    lines = []
    for p in patients[:8]:
        record = {
            "mrn": p.mrn,
            "patient": p.name,
            "collected": f"{g.day():%Y-%m-%d}",
            "test": "WBC",
            "value": round(g.rng.uniform(3.5, 15.0), 1),
            "comment": f"Called result to Dr. {g.clinician()} at {g.phone()}.",
        }
        lines.append(json.dumps(record))
    return "\n".join(lines) + "\n"


def _fhir_bundle(patients: list[Person]) -> dict[str, object]:
    entries = []
    for i, p in enumerate(patients, start=1):
        div = (
            f'<div xmlns="http://www.w3.org/1999/xhtml"><p><b>{p.name}</b>, born '
            f"{p.dob:%d %B %Y}, MRN {p.mrn}</p><p>{p.street}, {p.city}</p></div>"
        )
        patient = {
            "resourceType": "Patient",
            "id": f"pat-{i}",
            "text": {"status": "generated", "div": div},
            "identifier": [{"system": "urn:oid:2.16.840.1.113883.19.5", "value": p.mrn}],
            "name": [{"use": "official", "family": p.last, "given": [p.first]}],
            "telecom": [{"system": "phone", "value": p.phone, "use": "home"}],
            "gender": "unknown",
            "birthDate": p.dob.isoformat(),
            "address": [
                {"line": [p.street], "city": p.city, "state": p.state, "postalCode": p.zip}
            ],
        }
        entries.append(
            {"fullUrl": f"urn:uuid:00000000-0000-4000-8000-{i:012d}", "resource": patient}
        )
    return {"resourceType": "Bundle", "type": "collection", "entry": entries}


def _hl7_adt(g: SyntheticPeople, p: Person, kin: Person) -> str:
    day = g.day()
    segments = [
        f"MSH|^~\\&|EPIC|LAKESIDE|VENDOR|VENDOR|{day:%Y%m%d}0930||ADT^A01|MSG{p.mrn}|P|2.5",
        f"EVN|A01|{day:%Y%m%d}0930",
        f"PID|1||{p.mrn}^^^LAKESIDE^MR||{p.last.upper()}^{p.first.upper()}||{p.dob:%Y%m%d}|U|||"
        f"{p.street}^^{p.city}^{p.state}^{p.zip}||{p.phone}|||||ACC{p.mrn[:6]}|{p.ssn}",
        f"NK1|1|{kin.last.upper()}^{kin.first.upper()}|SPO|{kin.street}^^{kin.city}|{kin.phone}",
        f"PV1|1|I|4W^401^1||||1234^{g.clinician().upper()}^{g.fake.first_name().upper()}",
    ]
    return "\r".join(segments) + "\r"


def _write_docx(path: Path, g: SyntheticPeople, p: Person) -> None:
    import docx

    path.parent.mkdir(parents=True, exist_ok=True)
    doc = docx.Document()
    doc.core_properties.title = "Care plan"
    doc.add_heading("Care plan", level=1)
    doc.add_paragraph(
        f"Patient {p.name} (MRN {p.mrn}), date of birth {p.dob:%m/%d/%Y}, will be discharged "
        f"home to {p.street}, {p.city}. Home health visits arranged; call {p.phone}."
    )
    table = doc.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Primary nurse", f"{g.fake.name()}, RN"
    table.cell(1, 0).text, table.cell(1, 1).text = "Follow-up", f"{g.day():%m/%d/%Y}"
    doc.add_paragraph("Diet: low sodium. Activity: as tolerated.")
    doc.save(str(path))


def _write_pdf(path: Path, g: SyntheticPeople, p: Person) -> bool:
    """A one-page referral letter; False when no PDF library is available."""
    try:
        from weasyprint import HTML
    except (ImportError, OSError):
        return False
    from html import escape

    body = (
        f"<h1>Referral</h1><p>Dear Dr. {escape(g.clinician())},</p><p>I am referring "
        f"{escape(p.name)}, born {p.dob:%m/%d/%Y}, MRN {p.mrn}, who lives at "
        f"{escape(p.street)}, {escape(p.city)}, {p.state} {p.zip}. Phone {p.phone}.</p>"
        f"<p>Sincerely,<br>Dr. {escape(g.clinician())}, {HOSPITALS[1]}</p>"
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    HTML(string=f"<html><body>{body}</body></html>").write_pdf(str(path))
    return True

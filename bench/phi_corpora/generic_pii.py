"""Generic PII sentences (Faker-style) from presidio-evaluator's templates, several locales.

A corpus that is not ours alone: the sentence templates are presidio-evaluator's own
(``data_generator/raw_data/templates.txt``, about 200 chat, e-mail signature, address-block and
prose lines) plus a short list of our own for what it lacks (record numbers, pagers, a second
phone, extensions, international formats). Values come from Faker in five English locales
through presidio-evaluator's ``SentenceFaker`` (its data generator part only: no model, no
network; its hospital provider, which queries WikiData, is left out). Phones mix the locale's
own Faker formats with presidio-evaluator's multi-country formats and +49 (0) / toll-free /
555 / extension shapes; organisations mix its list of real company names with the locale's
Faker companies ("Smith, Jones and Brown", "Miller-Davis", "Patel Group").

Split, frozen: template index ``% 3 == 2`` and the ``en_IN`` locale are held out for
``test`` (a test sentence never comes from a development template or locale). Spans use the
project's entity names; countries, states, nationalities, titles and jobs are not PHI under
Safe Harbor and are marked ``IGNORE``, as are ages under 90 (neither a miss nor a false alarm).

    .venv/bin/python bench/phi_corpora/generic_pii.py OUT.jsonl [dev|test]
"""

from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import conventions

SEED = 20261203
TEST_EVERY = 3  # template index % 3 == 2 -> test
DEV_LOCALES = ["en_US", "en_GB", "en_CA", "en_AU"]
TEST_LOCALES = ["en_IN", "en_US", "en_GB"]  # en_IN never appears in dev
PER_LOCALE = {"dev": 150, "test": 120}

# Template slot -> project entity type ("IGNORE": not PHI, not scored).
TYPES = {
    "person": "PERSON", "name": "PERSON", "name_female": "PERSON", "name_male": "PERSON",
    "first_name": "PERSON", "first_name_male": "PERSON", "first_name_female": "PERSON",
    "first_name_nonbinary": "PERSON", "last_name": "PERSON", "last_name_male": "PERSON",
    "last_name_female": "PERSON", "address": "STREET_ADDRESS", "street_name": "STREET_ADDRESS",
    "building_number": "STREET_ADDRESS", "secondary_address": "STREET_ADDRESS",
    "street_address": "STREET_ADDRESS", "city": "LOCATION", "postcode": "ZIP_CODE",
    "zipcode": "ZIP_CODE", "phone_number": "PHONE_NUMBER", "pager": "PHONE_NUMBER",
    "organization": "ORGANIZATION", "company": "ORGANIZATION", "email": "EMAIL_ADDRESS",
    "url": "URL", "ip_address": "IP_ADDRESS", "ssn": "US_SSN",
    "credit_card_number": "CREDIT_CARD", "iban": "IBAN_CODE",
    "us_driver_license": "US_DRIVER_LICENSE", "date_time": "DATE_TIME",
    "date_of_birth": "DATE_TIME", "day_of_week": "DATE_TIME", "year": "DATE_TIME",
    "age": "AGE", "record_number": "MEDICAL_RECORD_NUMBER", "member_id": "HEALTH_PLAN_NUMBER",
    "account_id": "ACCOUNT_NUMBER", "case_id": "ID_NUMBER",
    "country": "IGNORE", "state": "IGNORE", "state_abbr": "IGNORE", "nationality": "IGNORE",
    "nation_woman": "IGNORE", "nation_man": "IGNORE", "nation_plural": "IGNORE",
    "prefix": "IGNORE", "prefix_male": "IGNORE", "prefix_female": "IGNORE", "job": "IGNORE",
}  # fmt: skip

# Ours: what presidio-evaluator's templates lack (identifiers, pagers, second numbers).
EXTRA_TEMPLATES = [
    "Please update the chart for MRN {{record_number}} before discharge.",
    "Patient record {{record_number}} was merged with {{record_number}} last week.",
    "Member ID: {{member_id}}\nGroup: {{company}}",
    "My account number is {{account_id}}, can you check the balance?",
    "Reference {{case_id}} - please quote it when you call {{phone_number}}.",
    "Page me on pager {{pager}} or call {{phone_number}}.",
    "Call {{phone_number}} or {{phone_number}} after 5pm.",
    "Tel {{phone_number}} / Fax {{phone_number}}",
    "{{name}} ({{company}}) can be reached on {{phone_number}}.",
    "ID #{{case_id}} belongs to {{name}}, {{street_address}}, {{city}} {{postcode}}.",
    "Your claim {{case_id}} for account {{account_id}} has been received.",
    "Ship to: {{name}}, {{address}}",
    "{{company}} has hired {{name}} as {{job}}.",
    "beeper {{pager}}, cell {{phone_number}}",
    "Send the invoice to {{company}}, {{street_address}}, {{city}}.",
    "Hospital number {{record_number}}; next of kin {{name}} on {{phone_number}}.",
]

EXTRA_PHONES = [
    "+49 (0)### #######", "+49 (0)## ########", "+44 (0)20 #### ####", "+44 7### ######",
    "+61 4## ### ###", "+61 (0)2 #### ####", "+1 (###) 555-01##", "(###) 555-####",
    "1-800-###-####", "1 (888) ###-####", "877.###.####", "###.###.#### ext. ###",
    "(###) ###-#### x####", "+91 9#### #####", "+91-##-####-####", "0## #### ####",
    "0#### ######", "###-###-#### ext ##", "+353 1 ### ####", "(0#) #### ####",
]  # fmt: skip


def _id_provider():  # type: ignore[no-untyped-def]
    from faker.providers import BaseProvider

    class IdProvider(BaseProvider):
        """Record, member, account and case numbers in the shapes real systems print."""

        def record_number(self) -> str:
            shapes = ["########", "###-##-##", "??-######", "???#######", "MRN-#######",
                      "#######-?", "??####-##", "E########"]  # fmt: skip
            return self.bothify(self.random_element(shapes)).upper()

        def member_id(self) -> str:
            return self.bothify(
                self.random_element(["???#########", "##########-##", "?##-###-####"])
            ).upper()

        def account_id(self) -> str:
            return self.bothify(
                self.random_element(["##########", "ACC-########", "####-####-##", "??########"])
            ).upper()

        def case_id(self) -> str:
            return self.bothify(
                self.random_element(
                    ["??-#####", "#####-??", "??#####", "CASE-######", "#-####-###"]
                )
            ).upper()

        def pager(self) -> str:
            return self.numerify(self.random_element(["####", "#####", "###-####"]))

    return IdProvider


def _mixed_provider(locale: str):  # type: ignore[no-untyped-def]
    from faker import Faker
    from faker.providers import BaseProvider
    from presidio_evaluator.data_generator.faker_extensions.providers import (
        OrganizationProvider,
        PhoneNumberProviderNew,
    )

    native = Faker(locale)
    native.seed_instance(SEED)

    class Mixed(BaseProvider):
        """Locale-native and presidio-evaluator values, mixed so neither dominates."""

        def __init__(self, generator) -> None:  # type: ignore[no-untyped-def]
            super().__init__(generator)
            self._orgs = OrganizationProvider(generator).organizations["organization"].tolist()

        def phone_number(self) -> str:
            roll = self.generator.random.random()
            if roll < 0.4:
                return str(native.phone_number())
            if roll < 0.7:
                fmt = self.random_element(PhoneNumberProviderNew.formats)
            else:
                fmt = self.random_element(EXTRA_PHONES)
            return self.numerify(fmt)

        def organization(self) -> str:
            if self.generator.random.random() < 0.5:
                return str(self.random_element(self._orgs))
            return str(native.company())

        def country(self) -> str:  # presidio-evaluator's own returns None
            return str(native.country())

        def company(self) -> str:
            return str(native.company())

        def address(self) -> str:
            return str(native.address())

        def street_address(self) -> str:
            return str(native.street_address())

        # Fallbacks for slots some locales lack (en_GB has no ZIP code, en_IN no unit).
        def zipcode(self) -> str:
            return str(native.postcode())

        def state_abbr(self) -> str:
            for name in ("state_abbr", "administrative_unit", "county"):
                if hasattr(native, name):
                    return str(getattr(native, name)())
            return str(native.city())

        def state(self) -> str:
            for name in ("state", "administrative_unit", "county"):
                if hasattr(native, name):
                    return str(getattr(native, name)())
            return str(native.city())

        def secondary_address(self) -> str:
            if hasattr(native, "secondary_address"):
                return str(native.secondary_address())
            fmt = self.random_element(["Flat ##", "Apt. ###", "Unit #", "Suite ###"])
            return self.numerify(fmt)

    return Mixed


def _templates() -> list[str]:
    from presidio_evaluator.data_generator import presidio_templates_file_path

    lines = presidio_templates_file_path.read_text(errors="replace").splitlines()
    base = [ln.strip() for ln in lines if ln.strip()]
    return [t.replace("\\n", "\n") for t in base + EXTRA_TEMPLATES]


def _faker(locale: str, seed: int):  # type: ignore[no-untyped-def]
    from presidio_evaluator.data_generator.faker_extensions import SentenceFaker
    from presidio_evaluator.data_generator.faker_extensions.providers import (
        AgeProvider,
        IpAddressProvider,
        NationalityProvider,
        UsDriverLicenseProvider,
    )

    faker = SentenceFaker(locale=locale, lower_case_ratio=0.05)
    for provider in (IpAddressProvider, NationalityProvider, UsDriverLicenseProvider,
                     AgeProvider, _id_provider(), _mixed_provider(locale)):  # fmt: skip
        faker.add_provider(provider)
    faker.add_provider_alias(provider_name="name", new_name="person")
    faker.add_provider_alias(provider_name="credit_card_number", new_name="credit_card")
    faker.seed_instance(seed)
    return faker


def _over_89(value: str) -> bool:
    digits = re.findall(r"\d+", value)
    return bool(digits) and int(digits[0]) > 89


# "Town, ST 12345" inside a whole-address slot: the state or province is not PHI.
_REGION_IN_ADDRESS = re.compile(
    r"(?<=,)\s*\b([A-Z]{2,3})\b(?=,?\s+(?:\d{4,6}|[A-Z]\d[A-Z] ?\d[A-Z]\d)\b)"
)


def _carve_regions(text: str, start: int, end: int, kind: str) -> list[list]:
    """Split an address span around its state/province abbreviation (marked IGNORE)."""
    pieces: list[list] = []
    pos = start
    for m in _REGION_IN_ADDRESS.finditer(text, start, end):
        a, b = m.span(1)
        if text[pos:a].strip(" ,\n"):
            pieces.append([pos, a, kind])
        pieces.append([a, b, "IGNORE"])
        pos = b
    pieces.append([pos, end, kind])
    return pieces


_SLOT = re.compile(r"\{\{\s*([a-z_]+)\s*\}\}")


def _require_generator() -> None:
    """One clear line instead of a traceback when the generator is not installed."""
    try:
        import presidio_evaluator  # noqa: F401
    except ModuleNotFoundError:
        print(
            "the generic PII corpus needs presidio-evaluator's data generator: run "
            "`make bench-deps` (pip install --no-deps presidio-evaluator)",
            file=sys.stderr,
        )
        raise SystemExit(2) from None


def build(split: str) -> list[dict]:
    """Deterministic documents of one split: ``{"id", "text", "spans", "locale", "template"}``."""
    _require_generator()
    templates = _templates()
    wanted = [i for i in range(len(templates))
              if (i % TEST_EVERY == 2) == (split == "test")]  # fmt: skip
    locales = TEST_LOCALES if split == "test" else DEV_LOCALES
    docs: list[dict] = []
    for li, locale in enumerate(locales):
        seed = SEED + li + (1000 if split == "test" else 0)
        faker = _faker(locale, seed)
        rng = random.Random(seed)
        random.seed(seed)  # SentenceFaker lower-cases by the global random
        for n in range(PER_LOCALE[split]):
            index = rng.choice(wanted)
            template = templates[index].replace("<", "{{").replace(">", "}}")
            template = _SLOT.sub(lambda m: "{{" + m.group(1).lower() + "}}", template)
            sample = faker.parse(template, template_id=index)
            spans = []
            for s in sample.spans:
                kind = TYPES.get(s.entity_type, "IGNORE")
                if kind == "AGE" and not _over_89(s.entity_value):
                    kind = "IGNORE"  # Safe Harbor names only ages over 89
                if kind == "STREET_ADDRESS":
                    spans += _carve_regions(
                        sample.full_text, s.start_position, s.end_position, kind
                    )
                else:
                    spans.append([s.start_position, s.end_position, kind])
            spans = conventions.carve(sample.full_text, spans)
            docs.append({"id": f"generic-{split}-{locale}-{n}", "text": sample.full_text,
                         "spans": spans, "locale": locale, "template": index})  # fmt: skip
    return docs


if __name__ == "__main__":
    out = Path(sys.argv[1])
    split = sys.argv[2] if len(sys.argv) > 2 else "dev"
    rows = build(split)
    out.write_text("".join(json.dumps(d) + "\n" for d in rows))
    print(f"{split}: {len(rows)} sentences, {sum(len(d['spans']) for d in rows)} spans -> {out}")

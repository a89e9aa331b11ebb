"""Values of a structured record's person, address and organisation keys: FHIR, JSON and
similar exports.

A FHIR ``HumanName`` writes ``"given": ["Ama", "Grace"]`` and ``"family": "Osei"``; an
address writes ``"city"`` and ``"postalCode"``. The key says what the value is, whatever
its words (a given name that is an English word, a postcode with no state before it), so
the quoted value - or each string of an array - is the entity. Values that are no name's
or code's shape (digits in a name, a sentence) are left to the other rules.
"""

from __future__ import annotations

import itertools
import re
from typing import TYPE_CHECKING

from presidio_analyzer import RecognizerResult

from auditor.phi.entities import Entity
from auditor.phi.recognizers.base import LocalRecognizer
from auditor.phi.recognizers.patterns import make_result

if TYPE_CHECKING:
    from presidio_analyzer.nlp_engine import NlpArtifacts

SCORE = 0.85
_NAME_KEYS = (
    r"given|family|givenName|familyName|firstName|lastName|middleName|maidenName|"
    r"first_name|last_name|middle_name|maiden_name|given_name|family_name|surname|forename|"
    r"patientName|patient_name|"
    # the same keys in the languages exports are written in ("prenom", "apellido", "vorname")
    r"prenom|prénom|nom|nom_famille|nombre|apellido|apellidos|nome|sobrenome|cognome|vorname|"
    r"nachname|voornaam|achternaam|fornavn|efternavn|etternavn|imie|nazwisko"
)
# The account that did something, as application and audit logs key it: a login names its
# user ("reg.mbrightwater", "kiosk-07@lobby").
_LOGIN_KEYS = (
    r"user|username|userName|user_name|userId|user_id|login|loginId|login_id|operator|"
    r"createdBy|created_by|updatedBy|updated_by|modifiedBy|modified_by|performedBy|actor"
)
# A record's bare "name" key holds a person when the value is written "Family, Given".
_PERSON_NAME_KEYS = r"name|displayName|display_name|fullName|full_name"
_BARE_NAME_KEYS = frozenset(_PERSON_NAME_KEYS.split("|"))
_PLACE_KEYS = (
    r"city|town|district|county|ville|ciudad|localidad|municipio|cidade|citta|città|ort|stadt|"
    r"plaats|woonplaats|miasto|poststed"
)
_CODE_KEYS = (
    r"postalCode|postal_code|postcode|zip|zipCode|zip_code|cp|code_postal|codigo_postal|cep|"
    r"plz|postleitzahl|postcode_nl|postnummer|postnr|kod_pocztowy|cap"
)
# A person's employer, insurer, school or lodging, as CRM and HR exports key them.
_ORG_KEYS = (
    r"company|companyName|company_name|employer|employerName|employer_name|organization|"
    r"organisation|organizationName|organisation_name|organization_name|insurer|insurance|"
    r"payer|payor|carrier|school|university|hotel|venue|bank"
)
# The key, its colon, then one quoted string or an array of them (one line, 200 characters).
_FIELD = re.compile(
    r'"('
    + "|".join((_NAME_KEYS, _LOGIN_KEYS, _PLACE_KEYS, _CODE_KEYS, _ORG_KEYS))
    + r')"[ \t]*+:[ \t]*+'
    r'(\[[^\]\n]{0,200}\]|"[^"\n]{1,60}")'
)
# The bare "name" keys, with one string only: a FHIR resource's "name" is an array of
# HumanName objects, whose "given" and "family" the field above reads.
_NAME_STRING = re.compile(r'"(' + _PERSON_NAME_KEYS + r')"[ \t]*+:[ \t]*+("[^"\n]{1,60}")')
_STRING = re.compile(r'"([^"\n]{1,60})"')
_NAME_VALUE = re.compile(r"[^\W\d_](?:[^\W\d_]|['’. -]){0,40}")
_CODE_VALUE = re.compile(r"[A-Za-z0-9][A-Za-z0-9 -]{2,9}")
_LOGIN_VALUE = re.compile(r"[A-Za-z][\w.@-]{1,59}")
# An organisation's name: words, initials, digits, "&", "(NW)", no sentence.
_ORG_VALUE = re.compile(r"[^\W_](?:[^\W_]|[&'’.,()/ -]){1,59}")
_FAMILY_GIVEN = re.compile(
    r"[A-ZÀ-Þ][^\W\d_'’-]*(?:[ '’-][A-ZÀ-Þ][^\W\d_'’-]*){0,2}, ?[A-ZÀ-Þ][^\W\d_'’ .-]{1,30}"
    r"(?: [A-ZÀ-Þ]\.?)?"
)
# Machine accounts that are no one: "system", a job's name.
_NO_LOGIN = frozenset({"system", "admin", "root", "service", "scheduler", "batch", "interface"})
# A placeholder where no value is known names no one.
_PLACEHOLDERS = frozenset(
    {"unknown", "unk", "none", "null", "nil", "n/a", "na", "not provided", "not known",
     "anonymous", "redacted", "removed", "withheld", "declined", "test", "patient", "baby",
     "infant", "newborn", "john doe", "jane doe", "self", "self-employed", "self employed",
     "unemployed", "retired", "student", "homemaker", "private", "self-pay", "self pay"}
)  # fmt: skip
_NO_VALUE = _PLACEHOLDERS | _NO_LOGIN
_KIND = {
    **{k: Entity.PERSON for k in _NAME_KEYS.split("|")},
    **{k: Entity.ID_NUMBER for k in _LOGIN_KEYS.split("|")},
    **{k: Entity.PERSON for k in _BARE_NAME_KEYS},
    **{k: Entity.LOCATION for k in _PLACE_KEYS.split("|")},
    **{k: Entity.ZIP_CODE for k in _CODE_KEYS.split("|")},
    **{k: Entity.ORGANIZATION for k in _ORG_KEYS.split("|")},
}


class JsonFieldRecognizer(LocalRecognizer):
    """PERSON, login (ID_NUMBER), LOCATION, ZIP_CODE and ORGANIZATION values of a record's
    keys."""

    def __init__(self) -> None:
        kinds = (Entity.PERSON, Entity.ID_NUMBER, Entity.LOCATION, Entity.ZIP_CODE)
        super().__init__(
            "AuditorJsonFieldRecognizer", [e.value for e in (*kinds, Entity.ORGANIZATION)]
        )

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        if '":' not in text and '" :' not in text:
            return []
        out = []
        for m in itertools.chain(_FIELD.finditer(text), _NAME_STRING.finditer(text)):
            key = m.group(1)
            kind = _KIND[key]
            shapes = {
                Entity.ZIP_CODE: _CODE_VALUE,
                Entity.ID_NUMBER: _LOGIN_VALUE,
                Entity.ORGANIZATION: _ORG_VALUE,
            }
            shape = shapes.get(kind, _FAMILY_GIVEN if key in _BARE_NAME_KEYS else _NAME_VALUE)
            for s in _STRING.finditer(text, m.start(2), m.end(2)):
                value = s.group(1).strip()
                if not shape.fullmatch(value) or value.lower() in _NO_VALUE:
                    continue
                if kind == Entity.ZIP_CODE and not any(c.isdigit() for c in value):
                    continue
                start = s.start(1) + s.group(1).index(value)
                out.append(make_result(self, kind, start, start + len(value), SCORE))
        return out

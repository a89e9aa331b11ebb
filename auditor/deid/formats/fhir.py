"""FHIR R4 resources and Bundles: de-identified and still valid FHIR.

Datatypes decide the operator: HumanName parts get name surrogates, Address lines and cities
get place surrogates (state and country are kept, postalCode goes to ZIP3), ContactPoint
values by ``system``, Identifier values and resource ids get same-shape keyed tokens (so
references still resolve), dates stay valid FHIR dates (shifted per patient, or the year).
A birth date of someone over 89 cannot keep its year and FHIR has no year-less date, so the
value is removed and a ``data-absent-reason`` (masked) extension takes its place. Narrative
``div`` is analysed as text between its tags, so the XHTML stays well-formed.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from auditor.deid.formats.base import FileContext
from auditor.deid.profiles import Operator
from auditor.phi.entities import Entity

AddSlot = Callable[[Callable[[str], None], str, str], None]

DATA_ABSENT = "http://hl7.org/fhir/StructureDefinition/data-absent-reason"
_DATE = re.compile(
    r"-?\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01])"
    r"(T([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?(Z|[+-]((0\d|1[0-3]):[0-5]\d|14:00))?)?)?)?"
)
_INSTANT_KEYS = {"lastUpdated", "timestamp", "recorded", "issued", "when", "instant"}
KEEP_KEYS = {
    "resourceType", "system", "code", "unit", "status", "use", "url", "version", "language",
    "profile", "gender", "mode", "intent", "priority", "comparator", "contentType",
    "implicitRules", "versionId", "source", "security", "tag", "kind", "type", "method",
    "request", "response", "search", "etag", "location", "outcome", "rank", "category",
    "valueCode", "valueCoding", "valueCodeableConcept", "valueBoolean", "valueUri",
    "valueCanonical", "valueUrl", "valueQuantity", "interpretation", "referenceRange",
    "maritalStatus", "communication", "relationship", "coding", "class", "encounterClass",
    "birthSex", "race", "ethnicity", "multipleBirthBoolean", "deceasedBoolean", "active",
}  # fmt: skip
_TEXT_KEYS_NEVER_CODE = {
    "text",
    "display",
    "valueString",
    "valueMarkdown",
    "comment",
    "description",
    "note",
    "title",
    "conclusion",
    "summary",
}
_TELECOM_ENTITY = {
    "phone": Entity.PHONE_NUMBER, "fax": Entity.FAX_NUMBER, "email": Entity.EMAIL_ADDRESS,
    "url": Entity.URL, "pager": Entity.PHONE_NUMBER, "sms": Entity.PHONE_NUMBER,
}  # fmt: skip
_REF = re.compile(
    r"^(?P<base>.*?)(?P<type>[A-Z][A-Za-z]+)/(?P<id>[A-Za-z0-9\-.]{1,64})"
    r"(?P<hist>/_history/[A-Za-z0-9\-.]{1,64})?$"
)
_TAG = re.compile(r"(<[^>]*>)")


@dataclass(frozen=True)
class _Clip:
    entity_type: str
    start: int
    end: int
    score: float


class _Resource:
    """State for one resource: its patient (date-shift key) and where text goes."""

    def __init__(self, fc: FileContext, add_slot: AddSlot, patient: str) -> None:
        self.fc = fc
        self.add_slot = add_slot
        self.patient = patient

    # -- values -----------------------------------------------------------------------
    def token_id(self, value: str) -> str:
        out = self.fc.deid.token(value, hex_safe=True)
        self.fc.deid.ledger.add(Entity.ID_NUMBER.value, "hmac", out)
        return out

    def reference(self, value: str) -> str:
        """Ids inside references are tokenised like the ids they point to, so references
        still resolve; a server base URL is kept (it names the organisation, not the patient);
        search parameters (``Patient?identifier=...``) have their values tokenised."""
        if value.startswith("#"):
            return "#" + self.token_id(value[1:]) if len(value) > 1 else value
        for prefix in ("urn:uuid:", "urn:oid:"):
            if value.lower().startswith(prefix):
                return value[: len(prefix)] + self.token_id(value[len(prefix) :])
        path, query = value.split("?", 1) if "?" in value else (value, None)
        if query is not None:
            query = re.sub(r"=(?:([^&|]*)\|)?([^&|]+)", self._search_value, query)
        m = _REF.match(path)
        if m is None:
            out = (
                path
                if re.fullmatch(r"[A-Z][A-Za-z]+", path)
                else self.fc.deid.replace(Entity.URL.value, path)
            )
        else:
            hist = m.group("hist") or ""
            out = f"{m.group('base')}{m.group('type')}/{self.token_id(m.group('id'))}{hist}"
        return out if query is None else f"{out}?{query}"

    def _search_value(self, m: re.Match[str]) -> str:
        system = f"{m.group(1)}|" if m.group(1) is not None else ""
        return f"={system}{self.token_id(m.group(2))}"

    def date(self, node: dict[str, Any], key: str, value: str, *, birth: bool) -> None:
        deid = self.fc.deid
        if birth and deid.over_89(value):
            del node[key]
            node["_" + key] = {"extension": [{"url": DATA_ABSENT, "valueCode": "masked"}]}
            deid.ledger.add(Entity.DATE_TIME.value, "drop_year", "")
            return
        op = self.fc.profile.operator_for(Entity.DATE_TIME.value)
        if op is Operator.YEAR:
            year = value[:4]
            out = f"{year}-01-01T00:00:00Z" if key in _INSTANT_KEYS else year
            deid.ledger.add(Entity.DATE_TIME.value, "year", out)
            node[key] = out
        elif op is Operator.SHIFT:
            node[key] = deid.replace(Entity.DATE_TIME.value, value, patient=self.patient)
        elif op is Operator.KEEP:
            deid.ledger.add(Entity.DATE_TIME.value, "keep", value)
        else:  # redact / hmac: FHIR has no place for text in a date -> masked
            del node[key]
            node["_" + key] = {"extension": [{"url": DATA_ABSENT, "valueCode": "masked"}]}
            deid.ledger.add(Entity.DATE_TIME.value, op.value, "")

    def text(self, node: Any, key: Any, value: str) -> None:
        def put(new: str) -> None:
            node[key] = new

        self.add_slot(put, value, self.patient)

    # -- datatypes ----------------------------------------------------------------------
    def human_name(self, name: dict[str, Any]) -> None:
        deid = self.fc.deid
        for key in ("family", "text"):
            if isinstance(name.get(key), str):
                name[key] = deid.replace(Entity.PERSON.value, name[key], patient=self.patient)
        if isinstance(name.get("given"), list):
            name["given"] = [
                deid.replace(Entity.PERSON.value, g, patient=self.patient)
                if isinstance(g, str)
                else g
                for g in name["given"]
            ]
        self.walk(name.get("period"), "period")

    def address(self, addr: dict[str, Any]) -> None:
        deid, p = self.fc.deid, self.patient
        if isinstance(addr.get("line"), list):
            addr["line"] = [
                deid.replace(Entity.STREET_ADDRESS.value, x, patient=p) if isinstance(x, str) else x
                for x in addr["line"]
            ]
        for key in ("city", "district"):
            if isinstance(addr.get(key), str):
                addr[key] = deid.replace(Entity.LOCATION.value, addr[key], patient=p)
        if isinstance(addr.get("postalCode"), str):
            addr["postalCode"] = deid.replace(Entity.ZIP_CODE.value, addr["postalCode"], patient=p)
        if isinstance(addr.get("text"), str):
            self.text(addr, "text", addr["text"])
        self.walk(addr.get("period"), "period")

    def contact_point(self, cp: dict[str, Any]) -> None:
        if isinstance(cp.get("value"), str):
            entity = _TELECOM_ENTITY.get(str(cp.get("system")), Entity.PHONE_NUMBER)
            cp["value"] = self.fc.deid.replace(entity.value, cp["value"], patient=self.patient)
        self.walk(cp.get("period"), "period")

    def identifier(self, ident: dict[str, Any]) -> None:
        if isinstance(ident.get("value"), str):
            ident["value"] = self.fc.deid.replace(
                Entity.ID_NUMBER.value, ident["value"], patient=self.patient
            )
        for key in ("assigner", "period", "type"):
            if key in ident:
                self.walk(ident[key], key)

    def attachment(self, att: dict[str, Any]) -> None:
        """Photos and scanned documents: the content is replaced, size and hash kept true."""
        data = base64.b64encode(b"redacted").decode("ascii")
        att["data"] = data
        self.fc.deid.ledger.add(Entity.PHOTO_ID.value, "redact", "")
        if "size" in att:
            att["size"] = len(b"redacted")
        if "hash" in att:
            att["hash"] = base64.b64encode(hashlib.sha1(b"redacted").digest()).decode("ascii")
        if isinstance(att.get("url"), str):
            att["url"] = self.fc.deid.replace(Entity.URL.value, att["url"])
        if isinstance(att.get("title"), str):
            self.text(att, "title", att["title"])

    def narrative(self, node: dict[str, Any]) -> None:
        """Analyse the visible text as one piece (``John <b>Smith</b>`` is one name), then
        replace inside each text node; tags and attributes are left exactly as they were."""
        div = node.get("div")
        if not isinstance(div, str):
            return
        parts = _TAG.split(div)
        pieces: list[tuple[int, int, str]] = []  # (part index, offset in combined, text)
        combined = ""
        for i in range(0, len(parts), 2):  # even indexes are text between tags
            if parts[i].strip():
                if combined:
                    combined += " "
                text = html.unescape(parts[i])
                pieces.append((i, len(combined), text))
                combined += text
        if not pieces:
            return
        spans = next(iter(self.fc.analyzer.analyze_many([combined])))
        for i, offset, text in pieces:
            local = [
                _Clip(sp.entity_type, max(sp.start, offset) - offset,
                      min(sp.end, offset + len(text)) - offset, sp.score)
                for sp in spans
                if sp.start < offset + len(text) and sp.end > offset
            ]  # fmt: skip
            if local:
                new = self.fc.deid.text(text, local, patient=self.patient)
                parts[i] = html.escape(new, quote=False)
        node["div"] = "".join(parts)

    def age(self, q: dict[str, Any]) -> None:
        value = q.get("value")
        unit = str(q.get("code") or q.get("unit") or "").lower()
        years = unit in {"a", "y", "yr", "yrs", "year", "years"}
        if isinstance(value, int | float) and years and value > 89:
            q["value"] = 90
            self.fc.deid.ledger.add(Entity.AGE.value, "age", "90")

    # -- traversal ------------------------------------------------------------------------
    def walk(self, node: Any, key: str | None) -> None:
        if isinstance(node, list):
            for i, item in enumerate(node):
                if isinstance(item, str):
                    self.string(node, i, item, key or "")
                else:
                    self.walk(item, key)
            return
        if not isinstance(node, dict):
            return
        if "resourceType" in node and key is not None:
            deidentify_resource(node, self.fc, self.add_slot, patient_hint=self.patient)
            return
        if key in {"name", "valueHumanName"} and ({"family", "given"} & node.keys()):
            self.human_name(node)
            return
        if key in {"address", "valueAddress"}:
            self.address(node)
            return
        if key in {"telecom", "valueContactPoint"}:
            self.contact_point(node)
            return
        if key in {"identifier", "valueIdentifier"}:
            self.identifier(node)
            return
        if key in {"photo", "content", "valueAttachment", "attachment", "presentedForm"} and (
            "data" in node
        ):
            self.attachment(node)
            return
        if key == "text" and "div" in node:
            self.narrative(node)
            return
        if "value" in node and ("code" in node or "unit" in node) and key and "age" in key.lower():
            self.age(node)
            return
        for k, v in list(node.items()):
            if isinstance(v, str):
                self.string(node, k, v, k)
            else:
                self.walk(v, k)

    def string(self, node: Any, index: Any, value: str, key: str) -> None:
        if key == "id":
            node[index] = self.token_id(value)
        elif key in {"reference", "fullUrl"}:
            node[index] = self.reference(value)
        elif (
            key in {"url", "location"}
            and "://" not in value
            and (_REF.match(value.split("?", 1)[0]) or "?" in value or value.startswith("urn:"))
        ):
            node[index] = self.reference(value)  # Bundle request.url / response.location
        elif key == "birthDate" and _DATE.fullmatch(value):
            self.date(node, key, value, birth=True)
        elif key in KEEP_KEYS or key.startswith("_"):
            return
        elif _DATE.fullmatch(value) and len(value) > 4:
            if isinstance(node, dict):
                self.date(node, index, value, birth=False)
            else:  # a list of dates: no room for an extension, so shift or cut to year
                node[index] = self.fc.deid.replace(
                    Entity.DATE_TIME.value, value, patient=self.patient
                )
        elif (
            key == "display"
            or key in _TEXT_KEYS_NEVER_CODE
            or " " in value.strip()
            or (value.strip() and not re.fullmatch(r"[A-Za-z0-9_.:\-/|]+", value))
        ):
            self.text(node, index, value)
        elif value.strip() and re.fullmatch(r"[A-Za-z]+", value) and value[:1].isupper():
            # A lone capitalised word in a free field ("Boston", "Smith"): let the engine judge.
            self.text(node, index, value)


def _patient_of(resource: dict[str, Any], hint: str) -> str:
    if resource.get("resourceType") == "Patient" and isinstance(resource.get("id"), str):
        return str(resource["id"])
    for key in ("subject", "patient", "beneficiary", "individual", "for"):
        ref = resource.get(key)
        if isinstance(ref, dict) and isinstance(ref.get("reference"), str):
            return ref["reference"].rsplit("/", 1)[-1].removeprefix("urn:uuid:")
    return hint


def deidentify_resource(
    resource: dict[str, Any], fc: FileContext, add_slot: AddSlot, *, patient_hint: str = ""
) -> dict[str, Any]:
    """De-identify one resource (a Bundle recurses into its entries) in place."""
    if resource.get("resourceType") == "Bundle":
        for key, value in list(resource.items()):
            if key == "entry" and isinstance(value, list):
                for entry in value:
                    if isinstance(entry, dict):
                        _bundle_entry(entry, fc, add_slot, patient_hint)
            elif isinstance(value, str):
                _Resource(fc, add_slot, patient_hint).string(resource, key, value, key)
            else:
                _Resource(fc, add_slot, patient_hint).walk(value, key)
        return resource
    patient = _patient_of(resource, patient_hint or fc.source)
    r = _Resource(fc, add_slot, patient)
    for key, value in list(resource.items()):
        if key == "contained" and isinstance(value, list):
            for item in value:
                if isinstance(item, dict):
                    deidentify_resource(item, fc, add_slot, patient_hint=patient)
        elif isinstance(value, str):
            r.string(resource, key, value, key)
        else:
            r.walk(value, key)
    return resource


def _bundle_entry(entry: dict[str, Any], fc: FileContext, add_slot: AddSlot, hint: str) -> None:
    res = entry.get("resource")
    patient = _patient_of(res, hint or fc.source) if isinstance(res, dict) else hint
    r = _Resource(fc, add_slot, patient)
    for key, value in list(entry.items()):
        if key == "resource" and isinstance(value, dict):
            deidentify_resource(value, fc, add_slot, patient_hint=patient)
        elif isinstance(value, str):
            r.string(entry, key, value, key)
        else:
            r.walk(value, key)


def narrative_text(div: str) -> str:
    """The visible text of a narrative ``div`` (for the residual scan)."""
    return html.unescape(" ".join(p for p in _TAG.split(div)[::2] if p.strip()))

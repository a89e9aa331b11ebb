"""Emails, URLs and IP addresses.

Presidio's email recognizer calls ``tldextract.extract``, whose default extractor downloads
the public suffix list on first use. Ours builds one extractor from the suffix snapshot that
ships inside tldextract (no URL, no cache directory), so nothing touches the network.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

import tldextract

from auditor.phi.entities import Entity
from auditor.phi.recognizers.patterns import RegexRecognizer, Rule, make_result

if TYPE_CHECKING:
    from presidio_analyzer import RecognizerResult
    from presidio_analyzer.nlp_engine import NlpArtifacts

I = re.IGNORECASE  # noqa: E741

_EMAIL = re.compile(
    r"(?<![\w.+-])[A-Za-z0-9](?:[A-Za-z0-9._%+-]{0,62}[A-Za-z0-9_%+-])?@"
    r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}"
    r"[A-Za-z0-9])?)+"
)
# An address written out against harvesters: "anneliese at example dot com", "j.roy [at]
# example [dot] co [dot] uk".
_EMAIL_SPELLED = re.compile(
    r"(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,40}[ \t]*(?:\[at\]|\(at\)|[ \t]at[ \t])[ \t]*"
    r"[A-Za-z0-9-]{2,40}(?:[ \t]*(?:\[dot\]|\(dot\)|[ \t]dot[ \t])[ \t]*[A-Za-z]{2,10}){1,3}"
    r"(?![\w-])",
    I,
)
_ALPHA_TOP = re.compile(r"@[^@]*\.[A-Za-z]{2,24}$")
_URL_SCHEME = re.compile(r"\b(?:https?|ftp|sftp)://[^\s<>\"'\]\[)]+[^\s<>\"'\]\[).,;:!?]", I)
_URL_WWW = re.compile(r"(?<![\w@.])www\d?\.[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?:/[^\s<>\"')]*)?"
                      r"(?<![.,;:!?])", I)  # fmt: skip
_URL_BARE = re.compile(
    r"(?<![\w@./-])[A-Za-z0-9-]{2,63}(?:\.[A-Za-z0-9-]{2,63})*\.(?:com|org|net|edu|gov|io|us|"
    r"info|biz|health|care|co|me)(?!\.[A-Za-z])(?:/[^\s<>\"')]*)?(?![\w@-])(?<![.,;:!?])",
    I,
)
_TLDS = (".com", ".org", ".net", ".edu", ".gov", ".io", ".us", ".info", ".biz", ".health",
         ".care", ".co", ".me")  # fmt: skip
# A bare host under any public suffix with a page after it ("bit.ly/3xYz12", "amzn.to/3Qx9",
# "linktr.ee/goodthread", "kiranmart.in/orders/5521"): the path says a site is meant, whatever
# the suffix; not a dose's units ("mg.kg/day").
_URL_PATH = re.compile(
    r"(?<![\w@./-])(?:[A-Za-z0-9-]{1,63}\.)+[A-Za-z]{2,10}/[\w?=&%#.~+/-]*[\w/=]"
    r"(?![\w@-])(?<![.,;:!?])"
)
_URL_PATH_GATE = re.compile(r"\.[A-Za-z]{2,10}/")
_UNITS = frozenset(
    {"mg", "ml", "mcg", "kg", "g", "l", "mmol", "meq", "iu", "u", "units", "hr", "min", "mm",
     "cm", "dl", "ng", "pg", "mol", "mosm", "h", "d", "wk", "q"}
)  # fmt: skip
# A bare site under a country's domain, as a shop's or a practice's sign writes it
# ("crumbandcardamom.example.ca", "shop.example.co.uk", "clinic.example.com.au"): the site's
# name before a country code, with the country's second level when it has one. Short
# clinical pairs are no site ("cm.in"): the name is four characters or more, or has a dot.
_COUNTRIES = (
    "ca", "uk", "au", "in", "ie", "nz", "za", "sg", "ph", "my", "pk", "ng", "ke", "gh", "de",
    "fr", "es", "it", "nl", "be", "ch", "at", "se", "no", "dk", "fi", "pl", "pt", "br", "mx",
    "ar", "cl", "jp", "kr", "hk", "tw", "ae", "il", "tr", "eu",
)  # fmt: skip
_WORDS = frozenset({"in", "it", "at", "be", "no", "my", "de", "es", "ar"})
# (found from the country's code back: a code after a dot is a quick scan, and the labels
# before it are read only there)
_COUNTRY_CODE = re.compile(
    r"\.(?:"
    + "|".join(_COUNTRIES)
    + r")(?P<path>/[^\s<>\"')]*)?(?![\w@-]|\.[A-Za-z])(?<![.,;:!?])",
    I,
)
_LABELS_BEFORE = re.compile(r"(?<![\w@./-])(?:[A-Za-z0-9-]{2,63}\.)*[A-Za-z0-9-]{2,63}\Z")


def country_sites(text: str, ok: Callable[[str], bool]) -> list[tuple[int, int]]:
    """Spans of bare sites under a country's code (see above) that ``ok`` takes for a site."""
    out = []
    for m in _COUNTRY_CODE.finditer(text):
        labels = _LABELS_BEFORE.search(text, max(0, m.start() - 190), m.start())
        if labels is not None and ok(text[labels.start() : m.end()]):
            out.append((labels.start(), m.end()))
    return out


# The second levels a government publishes its own site on, the public suffix itself
# ("gov.uk/...", "govt.nz/..."): no registrable name before it, yet a site with pages.
_GOVERNMENT = frozenset({"gov", "govt"})


def _country_site(suffixes: OfflineSuffixes) -> Callable[[str], bool]:
    """A real domain under a country code, named by more than a short pair of letters."""

    def ok(value: str) -> bool:
        host, slash, path = value.partition("/")
        labels = host.split(".")
        if len(labels) == 2 and labels[0].lower() in _GOVERNMENT and slash and path:
            return True  # "gov.uk/renew-driving-licence": a government's own site, with a page
        # (a code that is also an English word wants a dot more: "follow-up.no")
        named = len(labels) > 2 or (len(labels[0]) >= 4 and labels[-1].lower() not in _WORDS)
        return named and any(c.isalpha() for c in labels[0]) and suffixes.domain_ok(host)

    return ok


_IPV4 = re.compile(
    r"(?<![\w.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)"
    r"(?:/\d{1,2})?(?!\w|\.\d)"
)
_IPV6 = re.compile(r"(?<![\w:])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?![\w:])")


# Hosts of standards bodies and code systems: a FHIR resource's "system", an XML namespace or
# a schema names a vocabulary ("http://loinc.org", "http://hl7.org/fhir/sid/us-npi"), never a
# person, a practice or a patient's page.
_STANDARDS_HOST = re.compile(
    r"^(?:[a-z0-9-]+\.)*(?:hl7\.org|fhir\.org|snomed\.info|loinc\.org|unitsofmeasure\.org|"
    r"nlm\.nih\.gov|ihe\.net|who\.int|dicom\.nema\.org|w3\.org|purl\.org|schema\.org|"
    r"json-schema\.org|ama-assn\.org|cdc\.gov|cms\.gov|fda\.gov|ietf\.org|iso\.org)$",
    I,
)


def not_standards_url(value: str) -> bool:
    """False for a URL on a standards body's or code system's host (see ``_STANDARDS_HOST``)."""
    host = re.sub(r"^[a-z]+://", "", value, flags=I).split("/", 1)[0].split(":", 1)[0]
    return _STANDARDS_HOST.match(host) is None


# A payment or social account's handle after the service's name: "Venmo @ama-k", "Cash App
# $OseiFam", "Instagram: @kwame.draws" (the handle reaches its owner like an email address).
_HANDLE = re.compile(
    r"(?<![\w.])(?i:venmo|cash[ ]?app|paypal(?:\.me)?|zelle|revolut|monzo|gcash|instagram|"
    r"insta|ig|twitter|tiktok|snapchat|telegram|threads|facebook|fb)(?![\w])[ \t]*+"
    r"(?:(?i:handle|username|user|id|account|is)[ \t]++)?[:=\-–—]?[ \t]*+"
    r"([@$][A-Za-z][\w.-]{0,29}[A-Za-z0-9])(?![\w@-])"
)


# A person's handle where a forum, a chat or a social post names its author or someone it
# addresses: an @mention ("thanks @marisol_k"), a forum user ("u/throwaway_rn22") and the
# author line ("Posted by dad_of_3"). A handle is told from a word by its shape: an
# underscore, a dot or a digit inside it, or a capital after a small letter ("@DrJenW");
# "@home", "@ 0800" and "posted by admin" are words, not handles.
_MENTION = re.compile(r"(?<![\w.@$/])@([A-Za-z][A-Za-z0-9_.]{1,28}[A-Za-z0-9_])(?![\w@-]|\.\w)")
# A device's hardware (MAC) address: six hex pairs joined by colons or dashes, or three
# groups of four joined by dots ("3C:A6:F2:18:0B:7D", "3c-a6-f2-18-0b-7d", "3ca6.f218.0b7d").
_MAC = re.compile(
    r"(?<![\w:.-])(?:[0-9A-Fa-f]{2}([:-])[0-9A-Fa-f]{2}(?:\1[0-9A-Fa-f]{2}){4}"
    r"|[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4})(?![\w:-]|\.\w)"  # a full stop may end it
)
# A platform's user named by a cue for an account or a member, as moderation logs, abuse
# reports and support tickets name one ("account tasmanian_devil_71", "mod kaz_mod removed",
# "7-day suspension for frostbite_hab", "OP PH_boy_Rumuola", "against jetsfan_in_transcona"):
# a handle with an underscore, or small letters before two digits ("kiwi83"). Not a field's
# key: nothing after it that labels a value (":", "=", a quote).
_ACCOUNT_CUES = (
    "account", "acct", "user", "username", "member", "profile", "handle", "mod", "moderator",
    "admin", "op", "channel", "creator", "poster", "against", "by", "from", "for",
)  # fmt: skip
_CUED_HANDLE = re.compile(
    r"\b(?i:" + "|".join(_ACCOUNT_CUES) + r")[ \t]*+[:#]?[ \t]*+"
    r"([A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+|[a-z]{3,}\d{2,4})(?![\w@.:=\"'(-]|\.\w)"
)
# A phone's or an app install's identifier after its cue, as account-security and fraud logs
# print it ("device a3f9c1e2-77b0-4d18-9c2e-0b5e61a4d7f3 blocked", "IDFA 6D92078A-...",
# "Android ID 9774d56d682e549c"): a UUID, or sixteen hex digits. (A UUID alone is left to
# what names it: a record's own key in an export is no device.)
_DEVICE_UUID = re.compile(
    r"\b(?i:device|handset|phone|idfa|idfv|gaid|aaid|udid|advertising[ \t]+id|ad[ \t]+id|"
    r"android[ \t]+id|install(?:ation)?[ \t]+id|instance[ \t]+id|hardware[ \t]+id|"
    r"device[ \t]+fingerprint|fingerprint)"
    r"(?:[ \t]+(?i:id|identifier))?[ \t]*+[:=#]?[ \t]*+"
    r"([0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}"
    # (an Apple device's newer UDID: "00008030-001A2D3E0C21802E"; a device's fingerprint hash)
    r"|[0-9A-Fa-f]{8}-[0-9A-Fa-f]{16}|[0-9a-f]{32}|[0-9A-F]{32}"
    r"|(?=[a-f]{0,15}\d)(?=\d{0,15}[a-f])[0-9a-f]{16})(?![\w-])"
)
# India's payment address (UPI): a name and the bank's handle ("jkcheema88@upi", "ravi.k@oksbi").
_UPI = re.compile(
    r"(?<![\w.@-])([A-Za-z0-9][\w.-]{1,40}@(?:upi|ybl|ibl|axl|apl|paytm|ok[a-z]{2,10}))"
    r"(?![\w@.-]|\.\w)"
)
_FORUM_USER = re.compile(r"(?<![\w/])(?<!\d )u/([A-Za-z][A-Za-z0-9_-]{2,19})(?![\w/-])")
_AUTHOR_VERBS = (
    "posted", "submitted", "shared", "written", "asked", "answered", "replied", "commented",
    "reposted",
)  # fmt: skip
_AUTHOR = re.compile(
    r"\b(?i:" + "|".join(_AUTHOR_VERBS) + r")"
    r"[ \t]+(?i:by)[ \t]*+:?[ \t]*+([A-Za-z][A-Za-z0-9_.-]{1,28}[A-Za-z0-9_])(?![\w@-]|\.\w)"
)
# A person's record in an API route or a link: "PATCH /v2/patients/7730215/contact",
# ".../members/BSC-44120/claims". The segment after a collection of people is their id.
_ROUTE_ID = re.compile(
    r"/(?:patients?|members?|persons?|people|users?|subjects?|participants?|clients?|"
    r"residents?|beneficiar(?:y|ies)|enrollees?|encounters?|accounts?|mrns?)/"
    r"([A-Za-z0-9][A-Za-z0-9._-]{2,39})(?=[/?#\s\"',;)\]]|\Z)",
    re.I,
)
# A login after "by" in a system's line, shaped as logins are (a role or unit prefix and a
# name joined by "_" or "."): "reported 16:22 by epi_jcastle", "closed by rn.tskenandore".
_BY_LOGIN = re.compile(
    r"\b(?i:by)[ \t]+([a-z][a-z0-9]{1,11}[_.][a-z][a-z0-9_.]{2,28}[a-z0-9])(?![\w@.-])"
)
_ROUTE_COLLECTIONS = tuple(
    "/" + w
    for w in ("patient", "member", "person", "people", "user", "subject", "participant",
              "client", "resident", "beneficiar", "enrollee", "encounter", "account", "mrn")
)  # fmt: skip
_HANDLE_SHAPE = re.compile(r"[_.\d]|[a-z][A-Z]")


def _handle_ok(value: str) -> bool:
    """A handle's shape (see ``_MENTION``)."""
    return bool(_HANDLE_SHAPE.search(value))


class OfflineSuffixes:
    """Validates domains with the public suffix snapshot bundled in tldextract."""

    def __init__(self) -> None:
        self._extract = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)

    def domain_ok(self, value: str) -> bool:
        host = value.rsplit("@", 1)[-1]
        host = re.sub(r"^[a-z]+://", "", host, flags=I).split("/", 1)[0]
        result = self._extract(host)
        return bool(result.suffix) and bool(result.domain)


_SPELLED_PARTS = re.compile(r"\[at\]|\(at\)|\[dot\]|\(dot\)|\bat\b|\bdot\b|\s+", I)
_TOP_LEVELS = frozenset(
    {"com", "org", "net", "edu", "gov", "io", "info", "biz", "co", "uk", "ca", "au", "in", "ie",
     "nz", "za", "sg", "ph", "de", "fr", "es", "it", "nl", "us", "me"}
)  # fmt: skip
_NOT_DOMAINS = frozenset({"the", "a", "an", "this", "that", "noon", "night", "home", "work"})


def _spelled_ok(value: str) -> bool:
    """A spelled-out address ends in a real top-level domain, its domain no everyday word
    ("met at noon dot on", "look at the dot com")."""
    parts = [p for p in _SPELLED_PARTS.split(value) if p]
    return (
        len(parts) >= 3
        and parts[-1].lower() in _TOP_LEVELS
        and parts[1].lower() not in _NOT_DOMAINS
    )


def _ip_ok(value: str) -> bool:
    try:
        ipaddress.ip_interface(value)
    except ValueError:
        return False
    return True


def _ipv6_ok(value: str) -> bool:
    # Times like 12:30:45 look like IPv6 groups; real addresses have hex letters or "::".
    return _ip_ok(value) and ("::" in value or any(c.isalpha() for c in value))


def _path_url(suffixes: OfflineSuffixes) -> Callable[[str], bool]:
    """A real domain before the page (``_URL_PATH``), its name no unit of a dose."""

    def ok(value: str) -> bool:
        host, _, path = value.partition("/")
        first = host.split(".", 1)[0].lower()
        return (
            first not in _UNITS
            and len(path) >= (2 if len(first) > 2 else 5)  # ("pt.in/out" is a note's)
            and suffixes.domain_ok(host)
            and not_standards_url(value)
        )

    return ok


def _site_url(suffixes: OfflineSuffixes) -> Callable[[str], bool]:
    """A real domain that is no standards body's host."""

    def ok(value: str) -> bool:
        return suffixes.domain_ok(value) and not_standards_url(value)

    return ok


def _www_ok(value: str) -> bool:
    """After "www." any top label of letters: a reserved ("www.mutual.example") or an
    intranet's ("www.ehr.local") host is as much a site as a public one; "www" says so."""
    top = value.split("/", 1)[0].rsplit(".", 1)[-1]  # (``_URL_WWW``'s host: labels only)
    return top.isascii() and top.isalpha() and 2 <= len(top) <= 24 and not_standards_url(value)


def _email_ok(suffixes: OfflineSuffixes) -> Callable[[str], bool]:
    """A public suffix, or any alphabetic top label: a reserved ("x@clinic.example",
    "x@lab.test") or an internal domain ("x@ehr.local") reaches its owner as well."""

    def ok(value: str) -> bool:
        return bool(_ALPHA_TOP.search(value)) or suffixes.domain_ok(value)  # cheap test first

    return ok


def web_recognizer() -> RegexRecognizer:
    suffixes = OfflineSuffixes()
    e = Entity
    rules = [
        Rule("email", e.EMAIL_ADDRESS, _EMAIL, 0.9, validate=_email_ok(suffixes), trigger=("@",)),
        Rule(
            "email-spelled",
            e.EMAIL_ADDRESS,
            _EMAIL_SPELLED,
            0.7,
            validate=_spelled_ok,
            trigger=(" dot ", "[dot]", "(dot)"),
        ),
        Rule("url", e.URL, _URL_SCHEME, 0.9, validate=not_standards_url, trigger=("://",)),
        Rule("url-www", e.URL, _URL_WWW, 0.85, validate=_www_ok, trigger=("www",)),
        Rule("url-bare", e.URL, _URL_BARE, 0.6, validate=_site_url(suffixes), trigger=_TLDS),
        Rule("handle", e.ACCOUNT_NUMBER, _HANDLE, 0.8, group=1, trigger=("@", "$")),
        Rule("by-login", e.ID_NUMBER, _BY_LOGIN, 0.7, group=1, words=("by",)),
        Rule(
            "route-id",
            e.ID_NUMBER,
            _ROUTE_ID,
            0.7,
            group=1,
            validate=lambda v: any(c.isdigit() for c in v),
            trigger=_ROUTE_COLLECTIONS,
        ),
        Rule(
            "mention",
            e.ACCOUNT_NUMBER,
            _MENTION,
            0.7,
            group=1,
            # (or a long one all in small letters: "@lunarbeekeeper"; "@home" is a word)
            validate=lambda v: _handle_ok(v) or len(v) >= 10,
            trigger=("@",),
        ),
        Rule("upi", e.ACCOUNT_NUMBER, _UPI, 0.8, group=1, trigger=("@",)),
        Rule("cued-handle", e.ID_NUMBER, _CUED_HANDLE, 0.7, group=1, words=_ACCOUNT_CUES),
        Rule("mac", e.DEVICE_ID, _MAC, 0.8, trigger=(":", "-", ".")),
        Rule(
            "device-uuid",
            e.DEVICE_ID,
            _DEVICE_UUID,
            0.8,
            group=1,
            words=(
                "device",
                "handset",
                "phone",
                "idf",
                "gaid",
                "aaid",
                "udid",
                "ad",
                "android",
                "install",
                "instance",
                "hardware",
            ),
        ),
        Rule(
            "forum-user",
            e.ACCOUNT_NUMBER,
            _FORUM_USER,
            0.7,
            group=1,
            validate=lambda v: _handle_ok(v) or len(v) >= 8,  # not "u/min", "u/dose"
            trigger=("u/",),
        ),
        Rule(
            "author-handle",
            e.ACCOUNT_NUMBER,
            _AUTHOR,
            0.7,
            group=1,
            validate=_handle_ok,
            words=_AUTHOR_VERBS,
        ),
        Rule("ipv4", e.IP_ADDRESS, _IPV4, 0.8, validate=_ip_ok, trigger=(".",)),
        Rule("ipv6", e.IP_ADDRESS, _IPV6, 0.8, validate=_ipv6_ok, trigger=(":",)),
    ]
    return WebRecognizer("AuditorWebRecognizer", rules, suffixes)


class WebRecognizer(RegexRecognizer):
    """The web rules, and bare sites under a country's code read back from the code."""

    def __init__(self, name: str, rules: list[Rule], suffixes: OfflineSuffixes) -> None:
        super().__init__(name, rules)
        self._site_ok = _country_site(suffixes)
        self._path_ok = _path_url(suffixes)

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        results = super().analyze(text, entities, nlp_artifacts)
        if entities and Entity.URL.value not in entities:
            return results
        for start, end in country_sites(text, self._site_ok):
            results.append(make_result(self, Entity.URL, start, end, 0.6))
        # (a plain scan for a suffix's letters before a slash first: most slashes are dates,
        # doses and ratios)
        if "/" in text and _URL_PATH_GATE.search(text):
            results += [
                make_result(self, Entity.URL, m.start(), m.end(), 0.6)
                for m in _URL_PATH.finditer(text)
                if self._path_ok(m.group())
            ]
        return results

"""Keyed, consistent replacements: Faker surrogates and same-shape identifier tokens.

Every choice is seeded by a keyed HMAC of the normalised original, so ``SMITH`` in one file
and ``Smith`` in another become the same surname (in their own case), across runs with the
same key, and nobody without the key can recompute the mapping from a list of names.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import string
from collections.abc import Callable

from faker import Faker
from faker.providers.person.en_US import Provider as PersonProvider

from auditor.fingerprint import normalise

_TITLES = {
    "dr", "mr", "mrs", "ms", "miss", "mx", "prof", "sir", "md", "do", "rn", "np", "pa", "phd",
    "jr", "sr", "ii", "iii", "iv", "dds", "lpn", "cnm", "mph", "facs", "pharmd", "st",
}  # fmt: skip
_STATE_CODES = frozenset({
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN",
    "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH",
    "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT",
    "VT", "VA", "WA", "WV", "WI", "WY", "PR",
})  # fmt: skip
_FIRST_NAMES = frozenset(n.lower() for n in PersonProvider.first_names)
_NAME_TOKEN = re.compile(r"[^\W\d_](?:[^\W\d_]|['’][^\W\d_])*")
_WORD = re.compile(r"[^\W_]+")
# Hospital surrogates end in one of these; the original's own ending is avoided.
_HOSPITAL_KINDS = [
    "Medical Center", "General Hospital", "Community Hospital", "Health Center", "Clinic",
    "Infirmary", "Regional Medical Center", "Memorial Hospital",
]  # fmt: skip
# Reserved for documentation and testing (RFC 2606, RFC 6761): never a real mailbox.
_EMAIL_DOMAINS = ["example.com", "example.org", "example.net", "mail.test", "post.invalid"]


class Keyed:
    """HMAC-SHA256 under the de-id key, domain-separated by purpose."""

    def __init__(self, key: bytes) -> None:
        self._key = key

    def digest(self, purpose: str, value: str, counter: int = 0) -> bytes:
        msg = f"{purpose}\x1f{counter}\x1f{value}".encode()
        return hmac.new(self._key, msg, hashlib.sha256).digest()

    def number(self, purpose: str, value: str) -> int:
        return int.from_bytes(self.digest(purpose, value)[:8], "big")

    def stream(self, purpose: str, value: str, length: int) -> bytes:
        out = b""
        counter = 0
        while len(out) < length:
            out += self.digest(purpose, value, counter)
            counter += 1
        return out[:length]

    def __repr__(self) -> str:
        return "Keyed(<key>)"


def apply_case(template: str, word: str) -> str:
    """ALL CAPS stays ALL CAPS, lower stays lower, Title (and McName) becomes Title."""
    letters = [c for c in template if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and len(letters) > 1:
        return word.upper()
    if letters and all(c.islower() for c in letters):
        return word.lower()
    return word[:1].upper() + word[1:].lower() if word else word


def shape_token(keyed: Keyed, purpose: str, value: str, *, hex_safe: bool = False) -> str:
    """Same shape: digits stay digits, letters stay letters (same case), the rest is kept.

    ``hex_safe`` keeps hexadecimal strings hexadecimal (UUIDs, FHIR ids). The token never
    equals the original.
    """
    norm = value.casefold()
    is_hex = hex_safe and all(c in string.hexdigits or not c.isalnum() for c in value)
    for attempt in range(8):
        stream = keyed.stream(purpose, f"{attempt}:{norm}", len(value))
        out = []
        for ch, b in zip(value, stream, strict=True):
            if ch.isdigit():
                out.append(str(b % 10))
            elif is_hex and ch in string.hexdigits:
                digit = "0123456789abcdef"[b % 16]
                out.append(digit.upper() if ch.isupper() else digit)
            elif ch.isascii() and ch.isalpha():
                letter = string.ascii_lowercase[b % 26]
                out.append(letter.upper() if ch.isupper() else letter)
            else:
                out.append(ch)
        token = _no_group_kept(value, "".join(out), is_hex)
        if token != value or not any(c.isalnum() for c in value):
            return token
    return token


_GROUP = re.compile(r"[A-Za-z]+|\d+")


def _no_group_kept(
    value: str, token: str, is_hex: bool, *, nanp: frozenset[int] = frozenset()
) -> str:
    """``token`` with each run of letters or digits that came out as in ``value`` moved one
    step on (a draw keeps the "26" of "QX-26-4410" one time in a hundred): no piece of
    an identifier survives its surrogate by chance."""
    chars = list(token)
    for m in _GROUP.finditer(value):
        if token[m.start() : m.end()] != m.group():
            continue
        for i in range(m.start(), m.end()):
            if i in nanp:  # a North American area code's or exchange's first digit: 2-9
                chars[i] = str(2 + (int(value[i]) - 1) % 8)
            else:
                chars[i] = _next_char(value[i], is_hex)
    return "".join(chars)


def _next_char(ch: str, is_hex: bool) -> str:
    if ch.isdigit():
        return str((int(ch) + 1) % 10)
    if is_hex and ch in string.hexdigits:
        nxt = "0123456789abcdef"[("0123456789abcdef".index(ch.lower()) + 1) % 16]
        return nxt.upper() if ch.isupper() else nxt
    if ch.isascii() and ch.isalpha():
        nxt = string.ascii_lowercase[(string.ascii_lowercase.index(ch.lower()) + 1) % 26]
        return nxt.upper() if ch.isupper() else nxt
    return ch


def phone_token(keyed: Keyed, value: str) -> str:
    """A same-shape number that still looks like a North American one when it has 10 digits:
    area code and exchange start with 2-9 (a ``(011) 093-...`` surrogate reads as garbage)."""
    token = shape_token(keyed, "phone", value)
    positions = [i for i, c in enumerate(token) if c.isdigit()]
    trunk = positions[0] if len(positions) == 11 and value[positions[0]] == "1" else None
    if trunk is not None:  # the country code 1 stays
        positions = positions[1:]
    if len(positions) == 10:
        chars = list(token)
        for i in (positions[0], positions[3]):
            chars[i] = str(2 + int(chars[i]) % 8)
        # (that may give a group back: "617" drawn "417" reads "617" again)
        nanp = frozenset((positions[0], positions[3]))
        token = _no_group_kept(value, "".join(chars), False, nanp=nanp)
    if trunk is not None:
        token = token[:trunk] + "1" + token[trunk + 1 :]
    return token


class Surrogates:
    """Faker surrogates seeded per value; memoised because exports repeat names a lot."""

    def __init__(self, keyed: Keyed, locale: str = "en_US") -> None:
        self._keyed = keyed
        self._faker = Faker(locale)
        self._cache: dict[tuple[str, str], str] = {}

    def _pick(self, kind: str, norm: str, make: Callable[[Faker], str]) -> str:
        """A surrogate that shares no word with the original: ``Salem Hospital`` never becomes
        ``Jones General Hospital``, whose ``Hospital`` would keep a piece of the name (and
        tell a reader which words were the original's)."""
        cached = self._cache.get((kind, norm))
        if cached is not None:
            return cached
        value = norm
        original = set(_WORD.findall(norm.lower()))
        for attempt in range(8):
            self._faker.seed_instance(self._keyed.number(f"surrogate:{kind}:{attempt}", norm))
            value = make(self._faker)
            if normalise(value) != norm and original.isdisjoint(_WORD.findall(value.lower())):
                break
        if len(self._cache) < 200_000:
            self._cache[(kind, norm)] = value
        return value

    # -- names -------------------------------------------------------------------------
    def name_part(self, token: str) -> str:
        """A first name for a first name, a surname otherwise; initials stay initials."""
        norm = normalise(token)
        if len(token.rstrip(".")) == 1:
            letter = string.ascii_uppercase[self._keyed.number("initial", norm) % 26]
            return apply_case(token, letter) + ("." if token.endswith(".") else "")
        if norm in _FIRST_NAMES:
            word = self._pick("first", norm, lambda f: f.first_name())
        else:
            word = self._pick("last", norm, lambda f: f.last_name())
        return apply_case(token, word)

    def person(self, value: str) -> str:
        """``SMITH, John A.`` -> ``JONES, Mark K.``; titles and suffixes are kept."""

        def swap(m: re.Match[str]) -> str:
            token = m.group(0)
            # (not "Md.", Muhammad written short: "Md. Saiful Munshi"; "MD" is a doctor)
            if token.lower().rstrip(".") in _TITLES and len(token) > 1 and token != "Md":
                return token
            if token in _STATE_CODES:  # "Boston, MA" read as a name: the state may stay
                return token
            return self.name_part(token)

        return _NAME_TOKEN.sub(swap, value)

    # -- places and organisations ----------------------------------------------------------
    def street(self, value: str) -> str:
        word = self._pick(
            "street", normalise(value), lambda f: f"{f.building_number()} {f.street_name()}"
        )
        return apply_case(value, word) if value.isupper() or value.islower() else word

    def city(self, value: str) -> str:
        word = self._pick("city", normalise(value), lambda f: f.city())
        return apply_case(value, word) if value.isupper() or value.islower() else word

    def organisation(self, value: str) -> str:
        word = self._pick("org", normalise(value), lambda f: f.company())
        return apply_case(value, word) if value.isupper() or value.islower() else word

    def hospital(self, value: str) -> str:
        def make(f: Faker) -> str:
            return f"{f.last_name()} {f.random_element(_HOSPITAL_KINDS)}"

        word = self._pick("hospital", normalise(value), make)
        return apply_case(value, word) if value.isupper() or value.islower() else word

    def email(self, value: str) -> str:
        def make(f: Faker) -> str:
            return f"{f.first_name()}.{f.last_name()}@{f.random_element(_EMAIL_DOMAINS)}".lower()

        word = self._pick("email", normalise(value), make)
        return word.upper() if value.isupper() else word

    def ipv4(self, value: str) -> str:
        """A private address, consistent per original: 10.x.y.z, or 172.16-31.y.z when the
        original is itself in 10/8 (its first octet would otherwise survive)."""
        b = self._keyed.digest("ipv4", normalise(value))
        if value.strip().split(".")[0] == "10":
            return f"172.{16 + b[0] % 16}.{b[1]}.{max(1, b[2]) % 255}"
        return f"10.{b[0]}.{b[1]}.{max(1, b[2]) % 255}"

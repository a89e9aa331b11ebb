"""The fingerprinter's own HMAC (pads hashed once) gives the standard library's bytes."""

from __future__ import annotations

import hashlib
import hmac
import pickle
import threading

import pytest

from auditor.fingerprint import Fingerprinter, normalise

SECRETS = [
    b"0123456789abcdef",  # the shortest allowed
    bytes(range(32)),  # a home's: 32 random bytes
    bytes(range(64)),  # a whole SHA-256 block
    bytes(range(65)),  # longer than a block: hashed first (RFC 2104)
    b"\x36\x5c" * 100,
]
VALUES = [
    "",
    "smith",
    " Smith\tJr ",
    "U004907\x1fP00120224\x1f2024-03-09T06:17:45+00:00",
    "Ærøskøbing STRASSE ß",
    "x" * 10_000,
    "\u2028 line\nbreaks\r\n",
]


@pytest.mark.parametrize("secret", SECRETS)
def test_fingerprints_are_hmac_sha256_of_the_normalised_value(secret: bytes) -> None:
    fp = Fingerprinter(secret)
    for value in VALUES:
        data = normalise(value).encode("utf-8")
        assert fp.of(value) == hmac.new(secret, data, hashlib.sha256).hexdigest()
        assert fp.of(value) == fp.of(value)  # the pads' states are copied, never advanced


def test_fingerprinter_pickles_and_is_shared_by_threads() -> None:
    fp = Fingerprinter(SECRETS[1])
    copy = pickle.loads(pickle.dumps(fp))
    assert [copy.of(v) for v in VALUES] == [fp.of(v) for v in VALUES]
    want = {
        v: hmac.new(SECRETS[1], normalise(v).encode(), hashlib.sha256).hexdigest() for v in VALUES
    }
    errors: list[str] = []

    def work() -> None:
        for _ in range(200):
            for v in VALUES:
                if fp.of(v) != want[v]:
                    errors.append(v)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors


def test_short_secret_refused() -> None:
    with pytest.raises(ValueError):
        Fingerprinter(b"short")

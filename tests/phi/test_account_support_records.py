"""Users, platforms, devices and bodies as dating-app, social-media and forum account-support
records name them (issue 14: round 164's dev batch): a handle after a cue for an account or a
member; an app's own name before its support desk, safety team or forum; a device's UUID or
Android ID after its cue; a Philippine ID card's number; a GPS fix; a street after "on" or
with a double-barrelled name; banks and fraud bodies of Nigeria and the Philippines by name; a
barangay by its number. Field keys, a sentence's first word before "support" and an
"application" are none of these.
"""

from __future__ import annotations

import pytest

from auditor.phi.engine import PhiEngine
from tests.phi.conftest import assert_found_as, covered_whole, found, touched


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Reported account: harbour_lights_44 (display name withheld)", "harbour_lights_44"),
        ("[21:04] mod velvet_ops removed the thread", "velvet_ops"),
        ("3-day suspension for quokka_fan, IP noted", "quokka_fan"),
        ("OP Lagos_Boy_Ikeja banned for doxxing", "Lagos_Boy_Ikeja"),
        ("Thanks for contacting Quillbee support, how can I help?", "Quillbee"),
        ("Chat transcript - Vennalo Help - 2 May 2023", "Vennalo"),
        ("Ticket 1182 | Snorvel India Grievance Cell", "Snorvel"),
        (
            "device 5f0c7a12-9b3e-4c61-a8d2-7e41b09c3f5a blocked",
            "5f0c7a12-9b3e-4c61-a8d2-7e41b09c3f5a",
        ),
        (
            "IDFA 7C41E2B0-19AF-4D3E-8B62-0F5A9C3D1E47 on both",
            "7C41E2B0-19AF-4D3E-8B62-0F5A9C3D1E47",
        ),
        ("Lot 3, Brgy. 176, Caloocan", "Brgy. 176"),
        ("PhilSys scan: PCN 5521-0098-3317-4420, DOB 2001-03-09", "5521-0098-3317-4420"),
        ("last IP noted, last GPS fix 53.2741, -9.0492.", "53.2741, -9.0492"),
        ("I stay at 9 Ogunlesi-Adebayo Close, Yaba", "9 Ogunlesi-Adebayo Close"),
        ("met at a bar on W Tressel St). He left", "W Tressel St"),
    ],
)
def test_a_user_a_platform_a_device_or_a_body(engine: PhiEngine, text: str, value: str) -> None:
    assert covered_whole(engine, text, value), found(engine, text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("payout sent to GTBank acct ending 2291", "GTBank"),
        ("advised to call IDCARE on the hotline", "IDCARE"),
        ("advised to report to the EFCC.", "EFCC"),
    ],
)
def test_a_bank_or_a_fraud_body_by_name(engine: PhiEngine, text: str, value: str) -> None:
    assert_found_as(engine, text, value, "ORGANIZATION")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("fields: user_id,first_name,last_name,dob", "first_name"),
        ("Luteal support Crinone 8% daily", "Luteal"),
        ("Family Support worker visited", "Family"),
        ("BadgerCare app submitted, case pending", "BadgerCare"),
        ("Items: 1 x Throw Blanket (SKU TB-440-NVY) $49.00", "TB-440-NVY"),
        ("RX-BIN 610014 / PCN 9999 / GRP WVX330", "9999"),
    ],
)
def test_a_key_a_word_or_a_product_code_stays(engine: PhiEngine, text: str, value: str) -> None:
    assert not touched(engine, text, value), found(engine, text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("new login from device iPhone 14 (serial C8QMXTKNPLJ2)", "C8QMXTKNPLJ2"),
        (
            "Device fingerprint: 4e07408562bedb8b60ce05c1decfe3ad",  # pragma: allowlist secret
            "4e07408562bedb8b60ce05c1decfe3ad",  # pragma: allowlist secret
        ),
        ("session from an iPad (UDID 00008101-000A4C3E1E90801E)", "00008101-000A4C3E1E90801E"),
    ],
)
def test_a_devices_serial_fingerprint_or_udid(engine: PhiEngine, text: str, value: str) -> None:
    assert covered_whole(engine, text, value), found(engine, text)

"""Each Safe Harbor operator, table-driven; consistency, date shifts, ZIP3 and ages."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from auditor.deid import dates
from auditor.deid.operators import Deidentifier, select_spans
from auditor.deid.profiles import load_profile
from auditor.deid.zip3 import generalise_zip, restricted_zip3
from auditor.phi.engine import PhiSpan
from tests.deid.conftest import KEY, OTHER_KEY, REFERENCE

# The HHS guidance's list (2000 Census) and the same rule on the 2010 Census; the table holds
# both, since a prefix mapped to 000 is always allowed and a kept small one is not.
HHS_2000 = {
    "036", "059", "063", "102", "203", "556", "692", "790", "821", "823", "830", "831", "878",
    "879", "884", "890", "893",
}  # fmt: skip
CENSUS_2010 = {
    "036", "059", "102", "203", "205", "369", "556", "692", "753", "772", "821", "823", "878",
    "879", "884", "890", "893",
}  # fmt: skip
HHS_RESTRICTED = HHS_2000 | CENSUS_2010


def shape(value: str) -> str:
    return re.sub(r"[A-Z]", "A", re.sub(r"[a-z]", "a", re.sub(r"\d", "9", value)))


# -- identifiers: keyed tokens of the same shape ------------------------------------------
@pytest.mark.parametrize(
    ("entity", "value"),
    [
        ("MEDICAL_RECORD_NUMBER", "00482913"),
        ("MEDICAL_RECORD_NUMBER", "MRN-00123"),
        ("US_SSN", "123-45-6789"),
        ("ACCOUNT_NUMBER", "ACC 7781-x"),
        ("HEALTH_PLAN_NUMBER", "XZH900123456"),
        ("VIN", "1HGCM82633A004352"),
        ("DEVICE_ID", "SN:44-ab-91"),
    ],
)
def test_identifier_tokens_keep_shape_and_change(make_deid, entity: str, value: str) -> None:
    d = make_deid()
    out = d.replace(entity, value)
    assert out != value
    assert shape(out) == shape(value)
    assert d.ledger.counts[(entity, "hmac")] == 1


def test_identifier_redaction_when_profile_says_so(make_deid, tmp_path) -> None:
    prof = tmp_path / "p.yaml"
    prof.write_text("operators:\n  US_SSN: redact\n", encoding="utf-8")
    d = make_deid(profile=load_profile(str(prof)))
    assert d.replace("US_SSN", "123-45-6789") == "[US_SSN]"


# -- names: surrogates with case and format kept ---------------------------------------------
@pytest.mark.parametrize(
    ("value", "check"),
    [
        ("SMITH", lambda o: o.isupper() and o.isalpha()),
        ("smith", lambda o: o.islower() and o.isalpha()),
        ("Smith", lambda o: o[0].isupper() and o[1:].islower()),
        ("SMITH, John A.", lambda o: re.fullmatch(r"[A-Z']+, [A-Z][a-z']+ [A-Z]\.", o)),
        ("Dr. Alice Wong", lambda o: o.startswith("Dr. ") and len(o.split()) == 3),
        ("J. Smith", lambda o: re.fullmatch(r"[A-Z]\. [A-Z][a-z']+", o)),
        ("Mary-Jane O'Brien", lambda o: "-" in o and " " in o),
    ],
)
def test_name_surrogates_keep_case_and_format(make_deid, value: str, check) -> None:
    out = make_deid().replace("PERSON", value)
    assert out != value
    assert check(out), out


def test_surrogates_consistent_across_instances_and_case(make_deid) -> None:
    a, b = make_deid(), make_deid()
    assert a.replace("PERSON", "John Smith") == b.replace("PERSON", "John Smith")
    # Same token, different case: same surrogate word, in the original's case.
    assert a.replace("PERSON", "SMITH") == a.replace("PERSON", "Smith").upper()
    # The surname of a full name maps like the surname alone.
    assert a.replace("PERSON", "John Smith").split()[1] == a.replace("PERSON", "Smith")
    other = make_deid(key=OTHER_KEY)
    assert other.replace("PERSON", "Zebulon Quartermaine") != a.replace(
        "PERSON", "Zebulon Quartermaine"
    )


@pytest.mark.parametrize(
    ("entity", "value", "pattern"),
    [
        (
            "EMAIL_ADDRESS",
            "john.smith@gmail.com",
            r"[a-z]+\.[a-z']+@(example\.(com|org|net)|mail\.test|post\.invalid)",
        ),
        ("PHONE_NUMBER", "(617) 555-1234", r"\(\d{3}\) \d{3}-\d{4}"),
        ("FAX_NUMBER", "617.555.9876", r"\d{3}\.\d{3}\.\d{4}"),
        ("IP_ADDRESS", "192.168.1.4", r"10\.\d{1,3}\.\d{1,3}\.\d{1,3}"),
        ("URL", "https://portal.example-hospital.org/p/123", r"\[URL\]"),
        ("STREET_ADDRESS", "12 Main Street", r"\d+ .+"),
        ("LOCATION", "Boston", r"[A-Z].*"),
        ("HOSPITAL", "Massachusetts General Hospital", r".+ (Center|Hospital|Clinic|Infirmary)"),
        ("ORGANIZATION", "Acme Tooling", r".+"),
    ],
)
def test_contact_and_place_operators(make_deid, entity: str, value: str, pattern: str) -> None:
    out = make_deid().replace(entity, value)
    assert out != value
    assert re.fullmatch(pattern, out), out


@pytest.mark.parametrize(
    ("entity", "value"),
    [
        ("HOSPITAL", "Salem Hospital"),
        ("HOSPITAL", "Barnstable Health Center"),
        ("HOSPITAL", "Menendez Memorial Hospital"),
        ("HOSPITAL", "BRIDGEWATER GENERAL HOSPITAL"),
        ("STREET_ADDRESS", "72721 Lori Square"),
        ("STREET_ADDRESS", "12 Main Street"),
        ("LOCATION", "West Kyleberg"),
        ("LOCATION", "Port Jeffrey"),
        ("ORGANIZATION", "Smith, Jones and Brown LLC"),
        ("EMAIL_ADDRESS", "sheila06@example.com"),
        ("EMAIL_ADDRESS", "xlee@example.org"),
    ],
)
def test_a_surrogate_shares_no_word_with_its_original(make_deid, entity: str, value: str) -> None:
    """A kept word (the original's ``Hospital``, ``Square`` or mail domain) is a piece of the
    original left in the output."""
    words = set(re.findall(r"[^\W_]+", value.lower()))
    for key in (KEY, OTHER_KEY):
        out = make_deid(key=key).replace(entity, value)
        assert words.isdisjoint(re.findall(r"[^\W_]+", out.lower())), (value, out)


def test_states_are_kept_as_safe_harbor_allows(make_deid) -> None:
    d = make_deid()
    assert d.replace("LOCATION", "Massachusetts") == "Massachusetts"
    assert d.replace("LOCATION", "MA") == "MA"


@pytest.mark.parametrize("city", ["New York", "Washington"])
def test_state_names_that_are_cities_are_replaced(make_deid, city: str) -> None:
    """ "New York, NY 10031": a recognizer that calls it a place may mean the city."""
    assert make_deid().replace("LOCATION", city) != city


# -- ZIP codes ----------------------------------------------------------------------------
def test_restricted_zip3_list_matches_hhs_guidance() -> None:
    assert restricted_zip3() == HHS_RESTRICTED


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("02139", "021"),
        ("02139-4307", "021"),
        ("MA 02139", "MA 021"),
        *[(f"{p}42", "000") for p in sorted(HHS_RESTRICTED)],
        ("03601-1234", "000"),
        # a postcode's suffix after the dash goes too (Brazil's CEP kept "-031" in place)
        ("30160-031", "301"),
        ("CEP 30160-031", "CEP 301"),
        ("1234", None),
    ],
)
def test_zip3(value: str, expected: str | None) -> None:
    assert generalise_zip(value) == expected


def test_zip_operator_redacts_when_no_zip_found(make_deid) -> None:
    assert make_deid().replace("ZIP_CODE", "unknown") == "[ZIP_CODE]"


# -- ages ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("89", "89"),
        ("90", "90+"),
        ("104", "90+"),
        ("92-year-old", "90+-year-old"),
        ("45 yo", "45 yo"),
    ],
)
def test_ages_over_89(make_deid, value: str, expected: str) -> None:
    assert make_deid().replace("AGE", value) == expected


# -- dates --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("value", "pattern"),
    [
        ("7/22", r"\d{1,2}/\d{1,2}"),
        ("2014-02-14", r"\d{4}-\d{2}-\d{2}"),
        ("Feb 14 2014", r"[A-Z][a-z]{2} \d{1,2} \d{4}"),
        ("February 14th, 2014", r"[A-Z][a-z]+ \d{1,2}(st|nd|rd|th), \d{4}"),
        ("2-14-92", r"\d{1,2}-\d{1,2}-\d{2}"),
        ("02/14/2014", r"\d{2}/\d{2}/\d{4}"),
        ("14-FEB-2014", r"\d{1,2}-[A-Z]{3}-\d{4}"),
        ("20140214103000", r"\d{14}"),
        ("2014-02-14T10:30:00Z", r"\d{4}-\d{2}-\d{2}T10:30:00Z"),
        ("seen 2/14/2014 at 10:30", r"seen \d{1,2}/\d{1,2}/\d{4} at 10:30"),
    ],
)
def test_date_shift_preserves_format(make_deid, value: str, pattern: str) -> None:
    out = make_deid().replace("DATE_TIME", value, patient="P1")
    assert out != value
    assert re.fullmatch(pattern, out), out


def test_date_shift_is_the_patients_offset(make_deid) -> None:
    d = make_deid()
    offset = d.shift_for("P1")
    out = d.replace("DATE_TIME", "2014-02-14", patient="P1")
    assert date.fromisoformat(out) - date(2014, 2, 14) == timedelta(days=offset)


def test_shift_never_zero_and_within_range(make_deid) -> None:
    d = make_deid(shift_days=3)
    offsets = {d.shift_for(f"patient-{i}") for i in range(400)}
    assert offsets == {-3, -2, -1, 1, 2, 3}


def test_shift_is_never_a_whole_number_of_years(make_deid) -> None:
    """A shift of 365 days (or 731 across a 29 February) writes a yearless "8/9" back
    unchanged (it did, for about 1 patient in 365): such offsets move by a day."""
    d = make_deid(shift_days=800)
    offsets = {d.shift_for(f"patient-{i}") for i in range(20000)}
    whole_years = {365, 366, 730, 731}
    assert not {abs(o) for o in offsets} & whole_years
    assert all(0 < abs(o) <= 800 for o in offsets)
    assert {364, 367} <= {abs(o) for o in offsets}  # the neighbours are still used
    for i in range(3000):
        assert d.replace("DATE_TIME", "8/9", patient=f"patient-{i}") != "8/9"


@pytest.mark.parametrize("value", ["Christmas", "NEW YEAR'S DAY", "[**3-3**]", "Thanksgiving"])
def test_dates_the_shifter_cannot_read_are_redacted(make_deid, value: str) -> None:
    d = make_deid()
    assert d.replace("DATE_TIME", value, patient="P1") == d.profile.redaction_for("DATE_TIME")


@pytest.mark.parametrize("value", ["2014", "10:30", "10:30 pm", "two weeks ago", "Monday"])
def test_years_and_times_stay(make_deid, value: str) -> None:
    assert make_deid().replace("DATE_TIME", value, patient="P1") == value


def test_per_patient_shift_preserves_intervals(make_deid) -> None:
    d = make_deid()
    admit, discharge = "2014-02-14", "2014-03-02"
    for patient in ("P1", "P2", "P3"):
        a = date.fromisoformat(d.replace("DATE_TIME", admit, patient=patient))
        b = date.fromisoformat(d.replace("DATE_TIME", discharge, patient=patient))
        assert b - a == timedelta(days=16)
    shifts = {d.shift_for(p) for p in ("P1", "P2", "P3", "P4", "P5")}
    assert len(shifts) > 1  # patients do not share one offset


def test_strict_profile_reduces_dates_to_year(make_deid) -> None:
    d = make_deid(profile=load_profile("safe-harbor-strict"))
    assert d.replace("DATE_TIME", "Feb 14 2014") == "2014"
    assert d.replace("DATE_TIME", "7/22") == "[DATE_TIME]"  # nothing but the year may stay


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1988-01-23 10:00:34.904818", "1988"),  # the time of day goes with the date
        ("2014-02-14T10:30:00Z", "2014"),
        ("Tue 3 Feb 2014 10:30", "2014"),
        ("oct '90", "1990"),  # month and apostrophe year
        ("Christmas 2019", "2019"),
        ("March 3 - April 5, 2019", "2019"),
        ("the 9th", "[DATE_TIME]"),  # a day with no year: nothing may stay
        ("THE 6TH", "[DATE_TIME]"),
        ("Monday", "[DATE_TIME]"),
        ("June", "[DATE_TIME]"),
        ("2014", "2014"),  # no calendar element: kept
        ("10:30", "10:30"),
        ("two weeks ago", "two weeks ago"),
        ("1970s", "1970s"),
        ("twelve five nineteen forty nine", "[DATE_TIME]"),  # dictated: unreadable, removed
    ],
)
def test_safe_harbor_keeps_only_the_year(make_deid, value: str, expected: str) -> None:
    d = make_deid(profile=load_profile("safe-harbor"))
    assert d.replace("DATE_TIME", value, patient="P1") == expected


def test_safe_harbor_birth_date_over_89_is_redacted(make_deid) -> None:
    d = make_deid(profile=load_profile("safe-harbor"))
    assert d.replace("DATE_TIME", "03/04/1931", patient="P1", birth=True) == "[DATE_TIME]"
    assert d.replace("DATE_TIME", "03/04/1990", patient="P1", birth=True) == "1990"


def test_birth_date_of_someone_over_89_loses_its_year(make_deid) -> None:
    d = make_deid()
    old = d.replace("DATE_TIME", "03/04/1931", patient="P1", birth=True)
    assert re.fullmatch(r"\d{2}/\d{2}", old), old
    young = d.replace("DATE_TIME", "03/04/1980", patient="P1", birth=True)
    assert re.fullmatch(r"\d{2}/\d{2}/19\d{2}", young)
    assert d.ledger.counts[("DATE_TIME", "drop_year")] == 1


@pytest.mark.parametrize("profile", ["safe-harbor", "shifted-dates"])
@pytest.mark.parametrize(
    ("value", "gone"),
    [
        ("1931", True),  # a year alone: over 89 on the reference date (2026-06-01)
        ("1936", True),  # 89 or 90: when unsure, the year goes
        ("1937", False),  # at most 89
        ("March 1931", True),
        ("1936-07", False),  # from 1936-07-01: 89 on the reference date
        ("193106", True),  # an HL7 DTM's year and month
    ],
)
def test_a_partial_birth_date_that_may_mean_over_89_is_removed(
    make_deid, profile: str, value: str, gone: bool
) -> None:
    d = make_deid(profile=load_profile(profile))
    out = d.replace("DATE_TIME", value, patient="P1", birth=True)
    assert (out == "[DATE_TIME]") is gone, out


@pytest.mark.parametrize(
    "text", ["She was born in 1931 in Cork.", "year of birth 1929", "YOB: 1930", "D.O.B. 1928"]
)
def test_birth_years_in_text_follow_their_context(make_deid, text: str) -> None:
    year = re.search(r"19\d\d", text)
    assert year is not None
    spans = [PhiSpan("DATE_TIME", year.start(), year.end(), 0.7)]
    assert year.group() not in make_deid(profile=load_profile("safe-harbor")).text(text, spans)


def test_non_dates_are_kept(make_deid) -> None:
    d = make_deid()
    for value in ("2014", "10:30", "two weeks ago", "Monday"):
        assert d.replace("DATE_TIME", value) == value


def test_dates_module_round_trip_on_month_names() -> None:
    out = dates.transform("SEPT 3RD 2020", offset_days=40, ref_year=REFERENCE.year)
    assert out == "OCT 13TH 2020"


# -- free text with engine spans ----------------------------------------------------------
def test_text_applies_spans_and_keeps_the_rest(make_deid) -> None:
    text = "Seen by Dr. Smith on 2/14/2014. Call (617) 555-1234."
    spans = [
        PhiSpan("PERSON", 12, 17, 0.9),
        PhiSpan("DATE_TIME", 21, 30, 0.9),
        PhiSpan("PHONE_NUMBER", 37, 51, 0.9),
    ]
    out = make_deid().text(text, spans, patient="P1")
    assert out.startswith("Seen by Dr. ") and "Smith" not in out
    assert "2/14/2014" not in out and "555-1234" not in out
    assert out.endswith(".") and " on " in out and "Call (" in out


def test_overlapping_spans_merge_into_the_longest_type() -> None:
    spans = [PhiSpan("LOCATION", 0, 6, 0.9), PhiSpan("PERSON", 0, 10, 0.7)]
    assert [(s.entity_type, s.start, s.end) for s in select_spans(spans)] == [("PERSON", 0, 10)]
    # A shorter span sticking out of a longer one is not dropped: the union is replaced.
    spans = [PhiSpan("PERSON", 0, 10, 0.9), PhiSpan("LOCATION", 5, 17, 0.8),
             PhiSpan("DATE_TIME", 20, 25, 0.9)]  # fmt: skip
    assert [(s.entity_type, s.start, s.end) for s in select_spans(spans)] == [
        ("LOCATION", 0, 17),
        ("DATE_TIME", 20, 25),
    ]


def test_a_name_merged_with_a_number_is_replaced_as_the_identifier(make_deid) -> None:
    text = "Signed: Ruairi, MRCS 7740213 on file"
    spans = [PhiSpan("PERSON", 8, 20, 0.9), PhiSpan("ID_NUMBER", 16, 28, 0.6)]
    assert text[16:28] == "MRCS 7740213"
    assert [s.entity_type for s in select_spans(spans)] == ["ID_NUMBER"]
    out = make_deid().text(text, spans)
    assert "Ruairi" not in out and "7740213" not in out and out.endswith(" on file")


def test_unknown_entity_falls_back_to_redaction(make_deid) -> None:
    assert make_deid().replace("SOMETHING_NEW", "abc") == "[SOMETHING_NEW]"


def test_repr_holds_no_key() -> None:
    d = Deidentifier(KEY, load_profile(), shift_days=10, reference=REFERENCE)
    assert KEY.hex() not in repr(d) and "safe-harbor" in repr(d)


def test_names_found_once_are_replaced_everywhere_in_the_text() -> None:
    common = {"will", "porter"}
    d = Deidentifier(KEY, load_profile(), shift_days=10, reference=REFERENCE,
                     ambiguous=lambda w: w in common)  # fmt: skip
    text = "Peter Blake seen. Blake stable. Will Porter visited; Porter will call. blake?"
    spans = [PhiSpan("PERSON", 0, 11, 0.9), PhiSpan("PERSON", 32, 43, 0.9)]
    out = d.text(text, spans)
    assert "Blake" not in out and "Peter" not in out
    assert out.count(d.replace("PERSON", "Blake")) == 2
    # Ambiguous words are not chased through the note; lower-case words never are.
    assert "Porter will call" in out and out.endswith("blake?")
    plain = Deidentifier(KEY, load_profile(), shift_days=10, reference=REFERENCE)
    assert "Blake stable" in plain.text(text, spans)  # no lexicon: whole names only


@pytest.mark.parametrize(
    ("value", "style"),
    [
        ("Tuesday, February 3, 2087", r"[A-Z][a-z]+day, [A-Z][a-z]+ \d{1,2}, 2\d{3}"),
        ("TUE Feb 3 2087", r"[A-Z]{3} [A-Z][a-z]{2} \d{1,2} 2\d{3}"),
        ("sunday, 1/4/2087", r"[a-z]+day, \d{1,2}/\d{1,2}/2\d{3}"),
    ],
)
def test_a_weekday_moves_with_its_date(make_deid, value: str, style: str) -> None:
    """The original weekday would hint at the real date: it is recomputed for the new one."""
    out = make_deid().replace("DATE_TIME", value, patient="P1")
    assert re.fullmatch(style, out), out
    weekday, rest = out.split(" ", 1) if "," not in out.split(" ")[0] else out.split(", ", 1)
    parsed = dates.find_dates(rest, 2026)[0].value
    assert parsed.strftime("%A").lower().startswith(weekday.strip(",").lower())


def test_a_weekday_without_a_year_moves_by_the_shift(make_deid) -> None:
    """ "Thu 6/5" has no year to compute a weekday from; a shift of n days moves any
    weekday by n mod 7, whatever the year."""
    d = make_deid()
    names = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    out = d.replace("DATE_TIME", "Thursday 6/5", patient="P1")
    assert out.split()[0].lower() == names[(3 + d.shift_for("P1")) % 7]


@pytest.mark.parametrize(
    ("value", "expected"),
    [("ninety-two", "90+"), ("One hundred", "90+"), ("in her late nineties", "in her late 90+")],
)
def test_ages_over_89_in_words_are_aggregated(make_deid, value: str, expected: str) -> None:
    assert make_deid().replace("AGE", value) == expected


def test_ip_surrogate_never_keeps_the_first_octet(make_deid) -> None:
    d = make_deid(profile=load_profile("safe-harbor"))
    for ip in ("10.4.22.9", "192.168.1.20", "172.20.3.4"):
        out = d.replace("IP_ADDRESS", ip)
        assert out.split(".")[0] != ip.split(".")[0], (ip, out)
        assert d.replace("IP_ADDRESS", ip) == out  # consistent


@pytest.mark.parametrize("value", ["0001-01-01", "9999-12-31"])
def test_shifting_a_placeholder_date_off_the_calendar_redacts_it(make_deid, value: str) -> None:
    """Warehouse placeholders for "unknown" cannot be shifted: one value is redacted, the
    run goes on (it failed whole with an OverflowError)."""
    d = make_deid(shift_days=365)
    for patient in ("P1", "P2", "P3", "P4"):
        out = d.replace("DATE_TIME", value, patient=patient)
        assert out == "[DATE_TIME]" or (out != value and out[:4].isdigit()), out

"""PHI at X12 element positions: 837 claims, 270/271 eligibility, 835 remittance.

Every value is invented. Each transaction comes with look-alikes that must stay untouched:
qualifiers, control numbers, CPT/ICD codes in SV1/HI, amounts, eligibility codes, a PER desk.
"""

from __future__ import annotations

from auditor.phi.engine import PhiEngine
from auditor.phi.entities import Entity
from auditor.phi.recognizers.x12 import X12Recognizer
from tests.phi.conftest import found, touched

CLAIM_837 = (
    "ISA*00*          *00*          *ZZ*SUBMTR0042     *ZZ*RCVRQ17        *250314*1422*^*00501"
    "*000004417*0*P*:~\n"
    "GS*HC*SUBMTR0042*RCVRQ17*20250314*1422*4417*X*005010X222A1~\n"
    "ST*837*0001*005010X222A1~\n"
    "BHT*0019*00*BATCH7781*20250314*1422*CH~\n"
    "NM1*41*2*QUILLFEATHER BILLING SERVICES*****46*TX99127~\n"
    "PER*IC*ORSOLYA BRANDT*TE*5155550143*FX*5155550199*EM*obrandt@example.net~\n"
    "NM1*85*2*MARROWFIELD ORTHOPAEDIC CLINIC*****XX*1497758207~\n"
    "N3*4410 WINTERHAVEN PKWY*SUITE 12~\n"
    "N4*ANKENY*IA*500219914~\n"
    "REF*EI*428817706~\n"
    "HL*2*1*22*0~\n"
    "SBR*P*18*GRP-55120*TALLGRASS MILLWORKS*****CI~\n"
    "NM1*IL*1*VANTERPOOL*TEODORA*J***MI*ZQW448120977~\n"
    "N3*88 BRISTLECONE LN~\n"
    "N4*NEVADA*IA*50201~\n"
    "DMG*D8*19580722*F~\n"
    "NM1*PR*2*PRAIRIE MUTUAL HEALTH*****PI*60054~\n"
    "CLM*PCN88412*1250***11:B:1*Y*A*Y*Y~\n"
    "REF*G1*AUTH5512077~\n"
    "HI*ABK:M1711*ABF:E119~\n"
    "LX*1~\n"
    "SV1*HC:99214*185*UN*1***1~\n"
    "DTP*472*D8*20250303~\n"
    "SE*24*0001~\n"
    "GE*1*4417~\n"
    "IEA*1*000004417~\n"
)


def _kinds(text: str) -> set[tuple[str, str]]:
    return {(r.entity_type, text[r.start : r.end]) for r in X12Recognizer().analyze(text, [])}


def test_837_phi_positions() -> None:
    got = _kinds(CLAIM_837)
    expected = {
        (Entity.ID_NUMBER, "SUBMTR0042"),  # ISA06, GS02
        (Entity.ID_NUMBER, "RCVRQ17"),  # ISA08, GS03
        (Entity.DATE_TIME, "250314"),  # ISA09
        (Entity.DATE_TIME, "20250314"),  # GS04, BHT04
        (Entity.ORGANIZATION, "QUILLFEATHER BILLING SERVICES"),  # submitter
        (Entity.PERSON, "ORSOLYA BRANDT"),
        (Entity.PHONE_NUMBER, "5155550143"),
        (Entity.FAX_NUMBER, "5155550199"),
        (Entity.EMAIL_ADDRESS, "obrandt@example.net"),
        (Entity.HOSPITAL, "MARROWFIELD ORTHOPAEDIC CLINIC"),  # billing provider (85)
        (Entity.US_NPI, "1497758207"),
        (Entity.STREET_ADDRESS, "4410 WINTERHAVEN PKWY"),
        (Entity.STREET_ADDRESS, "SUITE 12"),
        (Entity.LOCATION, "ANKENY"),
        (Entity.ZIP_CODE, "500219914"),
        (Entity.ID_NUMBER, "428817706"),  # REF*EI tax id
        (Entity.HEALTH_PLAN_NUMBER, "GRP-55120"),  # SBR03
        (Entity.ORGANIZATION, "TALLGRASS MILLWORKS"),  # SBR04
        (Entity.PERSON, "VANTERPOOL"),
        (Entity.PERSON, "TEODORA"),
        (Entity.PERSON, "J"),
        (Entity.HEALTH_PLAN_NUMBER, "ZQW448120977"),
        (Entity.STREET_ADDRESS, "88 BRISTLECONE LN"),
        (Entity.LOCATION, "NEVADA"),
        (Entity.ZIP_CODE, "50201"),
        (Entity.DATE_TIME, "19580722"),
        (Entity.ORGANIZATION, "PRAIRIE MUTUAL HEALTH"),
        (Entity.ACCOUNT_NUMBER, "PCN88412"),
        (Entity.ID_NUMBER, "AUTH5512077"),
        (Entity.DATE_TIME, "20250303"),
    }
    assert expected <= got, expected - got
    values = {v for _, v in got}
    # codes, qualifiers, control numbers, amounts and states stay
    for bait in ("IA", "99214", "M1711", "E119", "1250", "185", "BATCH7781", "000004417",
                 "4417", "0001", "MI", "XX", "CI", "P", "18", "11:B:1", "HC:99214"):  # fmt: skip
        assert bait not in values, bait


def test_837_through_the_engine_leaves_codes_alone(engine: PhiEngine) -> None:
    got = found(engine, CLAIM_837)
    assert (Entity.PERSON.value, "TEODORA") in got, got
    assert (Entity.DATE_TIME.value, "19580722") in got, got
    for bait in ("ABK:M1711*ABF:E119", "HC:99214*185", "BATCH7781"):
        assert not touched(engine, CLAIM_837, bait), bait


def test_271_and_835_one_line_with_other_separators() -> None:
    # ISA fixes '|' between elements and '^' to end a segment; everything on one line.
    isa = (
        "ISA|00|          |00|          |ZZ|PAYR88         |ZZ|CLRNG5         |250901|0800|U"
        "|00401|000000091|0|P|>^"
    )
    text = (
        isa + "GS|HB|PAYR88|CLRNG5|20250901|0800|91|X|004010X092A1^ST|271|0001^"
        "TRN|2|TRC-77120-Q|9877281234^NM1|IL|1|OKONKWO-LEIGH|BARNABY||||MI|HX7712044^"
        "EB|1|IND|30||GOLD PPO^EB|C|IND|30||||23|1500^DTP|291|RD8|20250101-20251231^SE|7|0001^"
    )
    got = _kinds(text)
    assert {
        (Entity.ID_NUMBER, "TRC-77120-Q"),
        (Entity.PERSON, "OKONKWO-LEIGH"),
        (Entity.PERSON, "BARNABY"),
        (Entity.HEALTH_PLAN_NUMBER, "HX7712044"),
        (Entity.DATE_TIME, "20250101"),
        (Entity.DATE_TIME, "20251231"),
    } <= got, got
    assert not any(v in ("GOLD PPO", "1500", "9877281234", "23") for _, v in got), got
    remit = (
        "ST*835*1001~BPR*I*2480.5*C*ACH*CCP*01*071000013*DA*88120043*1512345678**01*"
        "071000039*DA*55102291*20250612~TRN*1*EFT0099812*1512345678~"
        "N1*PR*HEARTLAND CASUALTY LIFE~N1*PE*LINDENWOOD FAMILY PRACTICE*XX*1821094475~"
        "CLP*ACCT-2207*1*300*240*20*12*PCN9981205501~NM1*QC*1*ZABRISKIE*MAUD****MI*W44120~"
        "CAS*CO*45*40~SVC*HC:99213*150*120~DTM*472*20250604~"
    )
    got = _kinds(remit)
    assert {
        (Entity.DATE_TIME, "20250612"),
        (Entity.ID_NUMBER, "EFT0099812"),
        (Entity.ORGANIZATION, "HEARTLAND CASUALTY LIFE"),
        (Entity.HOSPITAL, "LINDENWOOD FAMILY PRACTICE"),
        (Entity.US_NPI, "1821094475"),
        (Entity.ACCOUNT_NUMBER, "ACCT-2207"),
        (Entity.ID_NUMBER, "PCN9981205501"),
        (Entity.PERSON, "ZABRISKIE"),
        (Entity.DATE_TIME, "20250604"),
    } <= got, got
    assert not any(v in ("2480.5", "45", "HC:99213", "150", "300") for _, v in got), got


def test_long_unbroken_interchange_split_by_the_engine(engine: PhiEngine) -> None:
    # The engine cuts runs over 100 characters with a blank, which may replace a '~'.
    text = "~".join(
        ["ST*837*0002", "NM1*QC*1*FAIRWEATHER*ISOLDE~DMG*D8*19440109*F"]
        + [f"SV1*HC:9921{i}*1{i}0*UN*1" for i in range(8)]
        + ["NM1*IL*1*PEMBERTHY*CASIMIR****MI*ABQ55120", "N4*LODI*CA*95240", "SE*14*0002"]
    )
    got = found(engine, text)
    for value in ("FAIRWEATHER", "19440109", "PEMBERTHY", "CASIMIR", "LODI", "95240"):
        assert any(value in v for _, v in got), (value, got)


def test_institutional_occurrence_dates_and_claim_status() -> None:
    text = (
        "NM1*QC*1*HALVORSEN*INGRID~CLM*ACC-55120*880***13:A:1~"
        "HI*BH:11:D8:20250203*BH:A1:D8:20250118~HI*BI:70:RD8:20250201-20250205~"
        "HI*ABK:I214*ABF:I10~STC*A2:20*20250310*WQ*880~"
    )
    got = _kinds(text)
    assert {
        (Entity.DATE_TIME, "20250203"),
        (Entity.DATE_TIME, "20250118"),
        (Entity.DATE_TIME, "20250201"),
        (Entity.DATE_TIME, "20250205"),
        (Entity.DATE_TIME, "20250310"),
    } <= got, got
    # occurrence, diagnosis and status codes stay
    assert not any(v in ("11", "A1", "70", "I214", "I10", "A2:20", "880") for _, v in got), got


def test_prose_with_asterisks_is_not_x12() -> None:
    prose = "Note*: NM1* was in the template.\nREF* see above\n*Important* N3 nerve intact"
    assert _kinds(prose) == set()
    desk = "ST*270*0001~PER*IC*PROVIDER SERVICES*TE*8885550101~SE*3*0001~"
    got = _kinds(desk)
    assert (Entity.PHONE_NUMBER, "8885550101") in got, got
    assert not any(k == Entity.PERSON for k, _ in got), got


def test_interchange_wrapped_at_a_fixed_width() -> None:
    # A viewer's wrap: lines of 60 characters cut segments (and values) anywhere.
    stream = CLAIM_837.replace("\n", "")
    wrapped = "\n".join(stream[i : i + 60] for i in range(0, len(stream), 60))
    got = {(kind, value.replace("\n", "")) for kind, value in _kinds(wrapped)}
    for item in (
        (Entity.PERSON, "VANTERPOOL"),
        (Entity.PERSON, "TEODORA"),
        (Entity.DATE_TIME, "19580722"),
        (Entity.STREET_ADDRESS, "88 BRISTLECONE LN"),
        (Entity.ZIP_CODE, "50201"),
        (Entity.ACCOUNT_NUMBER, "PCN88412"),
    ):
        assert item in got, (item, got)
    assert not any(v in ("IA", "99214", "M1711", "BATCH7781") for _, v in got), got


def test_834_enrollment() -> None:
    text = (
        "ST*834*0001*005010X220A1~BGN*00*ENR7781*20250115*0930****2~"
        "N1*P5*GRAYLING FOUNDRY WORKS*FI*384410027~INS*Y*18*021*28*A***FT~"
        "REF*0F*GFW00871~NM1*IL*1*ABERNATHY*CORDELIA****34*555014471~"
        "HD*021**HLT*PPO SILVER*EMP~DTP*348*D8*20250201~SE*9*0001~"
    )
    got = _kinds(text)
    assert {
        (Entity.DATE_TIME, "20250115"),
        (Entity.ORGANIZATION, "GRAYLING FOUNDRY WORKS"),
        (Entity.HEALTH_PLAN_NUMBER, "GFW00871"),
        (Entity.US_SSN, "555014471"),
        (Entity.DATE_TIME, "20250201"),
    } <= got, got
    # the transaction's reference, plan description and maintenance codes stay
    assert not any(v in ("ENR7781", "PPO SILVER", "021", "HLT", "0930") for _, v in got), got

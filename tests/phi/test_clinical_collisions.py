"""Clinical words that collide with names and places (eponyms before a head noun, device and
drug names, abbreviation letters, versus) and ward names, in the terse style of ICU notes."""

from __future__ import annotations

import pytest

from auditor.phi.engine import PhiEngine
from tests.phi.conftest import covered, touched

# (text, clinical words that must not be flagged): the word before an eponym head noun.
EPONYM_PHRASES = [
    ("INSULIN GTT PER PORTLAND PROTOCOL. FAMILY IN.", "PORTLAND"),
    ("TRACH CUFF DEFLATED, PASSY-MUIR VALVE TRIAL X 30 MIN.", "PASSY-MUIR"),
    ("SALEM SUMP TO LWS, DRAINING BILIOUS.", "SALEM"),
    ("OOB TO CHAIR VIA HOYER LIFT.", "HOYER"),
    ("S/P WHIPPLE PROCEDURE 2 WEEKS AGO.", "WHIPPLE"),
    ("GLEASON SCORE 7, ON LUPRON.", "GLEASON"),
    ("H/O BARRETT'S ESOPHAGUS, ON PPI.", "BARRETT"),
    ("MARCUS GUNN PUPIL R.", "MARCUS GUNN"),
    ("Riker scale 3-4 overnight.", "Riker"),
    ("CHILD-PUGH CLASS C CIRRHOSIS.", "CHILD-PUGH"),
    ("Ranson criteria 4 on admission.", "Ranson"),
    ("+MURPHY'S SIGN ON EXAM.", "MURPHY"),
]

# Clinical words from the stop-list classes (devices, drugs, signs, abbreviations).
CLINICAL_WORDS = [
    ("VENT: AC 450X16. STRIDOR POST EXTUBATION, RACEMIC EPI X1.", "STRIDOR POST"),
    ("DISPO: SPAULDING VS HOME W/ VNA.", "VS HOME"),
    ("Heliox available at bedside.", "Heliox"),
    ("CIWA 18, Librium 50mg po given.", "Librium"),
    ("INTEGRILLIN @ 2 MCG/KG/MIN, PLAVIX LOADED.", "INTEGRILLIN"),
    ("Wenckebach on tele overnight, cards aware.", "Wenckebach"),
    ("Hx Raynaud's, hands cool.", "Raynaud"),
    ("Troponin 0.08, repeat in 6 hours.", "Troponin"),
    ("PT GIVEN MIRALAX AND SENNA.", "MIRALAX"),
    ("APACHE II 24 ON ADMISSION.", "APACHE"),
    # services, roles and signs in the slots where a person is expected ("seen by", "aware")
    ("PT SEEN BY HEPATOLOGY, REC TIPS EVAL.", "HEPATOLOGY"),
    ("PT'S WIFE CALLED, DERM AWARE.", "DERM"),
    ("Discussed with Nephrology today.", "Nephrology"),
    ("NEUROSURG AWARE OF CT.", "NEUROSURG"),
    ("HOSPITALIST AWARE, WILL SEE.", "HOSPITALIST"),
    ("Discussed with Psychiatry re: sitter.", "Psychiatry"),
    ("PT SEEN BY PHOTOPHOBIA TEAM.", "PHOTOPHOBIA"),
    # a two-letter first name alone, no cue, is a lab or an abbreviation
    ("Na 140 K 3.8 Cl 101 Mg 1.9", "Na"),
    ("Alb 2.1, Al 3.2 yesterday.", "Al"),
    # a page of a document is no pager number
    ("See page 234 of the consult for the full plan.", "234"),
    ("Faxed report, page 112 of 400.", "112"),
    # a word before a credential is a name only when it is one ("Notified MD", "Charge RN")
    ("Follow-up to be made by rehab. Notified MD & RN.", "Notified"),
    ("Charge RN aware of plan.", "Charge"),
    ("HARTMANN'S PROCEDURE), WOC RN IN TO TEACH.", "WOC"),
    # supply makers, measurements before an anatomical word, against medical advice
    ("Pouched w/ 2-pc Hollister system, convex.", "Hollister"),
    ("Stoma budded 2 cm, round, 32 mm. Mucocutaneous junction intact.", "32 mm"),
    ("Pt requesting to leave AMA, security aware.", "AMA"),
]

# A single letter of "D/C", "S/P", "C/O", "A&O" is not a middle initial of the name in front.
ABBREVIATION_LETTERS = [
    ("ROBERTSON D/C'D HOME.", "ROBERTSON", "D/C"),
    ("PT'S SON JOHN S/P MVA LAST YEAR.", "JOHN", "S/P"),
    ("SISTER JOAN C/O PT'S CARE.", "JOAN", "C/O"),
    ("HUSBAND GEORGE A&O AT BEDSIDE.", "GEORGE", "A&O"),
]

# Names stay names when a title or relative cue is in front of an eponym head.
CUED_NAMES = [
    ("Jo called back at 1400, questions answered.", "Jo"),
    ("Swan RN at bedside for the transfer.", "Swan"),
    ("Wife Mary Test will visit.", "Mary"),
    ("Dr. Murphy test results reviewed.", "Murphy"),
    ("SEEN BY DR. GLEASON.", "GLEASON"),
    ("orientee Sarah precepted by Joan", "Joan"),
]

# Pager and extension numbers keep their cue's meaning.
CUED_NUMBERS = [
    ("Page 4275 with questions.", "4275"),
    ("Dr. Okafor, x 4417, aware.", "4417"),
    ("paged 4275, no answer", "4275"),
]

# Wards: a number after a name with a move cue, or a floor and wing.
WARDS = [
    ("Plan: transfer to Blake 12 today; tele.", "Blake 12"),
    ("Dispo: to floor (Farr 7) when bed available.", "Farr 7"),
    ("PT TRANSFERRED TO MICU FROM 7 NORTH FOR HYPOXIA.", "7 NORTH"),
]
NOT_WARDS = [
    ("TURN TO 30 DEGREES Q2H.", "30"),
    ("RESP: WEANED TO PS 10, PEEP 5.", "PS 10"),
    ("TITRATE TO MAP 65.", "MAP 65"),
    ("PT IS A 7 NORTHERN BORN.", "7"),
]


@pytest.mark.parametrize(("text", "value"), EPONYM_PHRASES + CLINICAL_WORDS + NOT_WARDS)
def test_clinical_words_are_not_phi(engine: PhiEngine, text: str, value: str) -> None:
    assert not touched(engine, text, value), engine.analyze(text)


@pytest.mark.parametrize(("text", "name", "abbreviation"), ABBREVIATION_LETTERS)
def test_abbreviation_letter_is_not_an_initial(
    engine: PhiEngine, text: str, name: str, abbreviation: str
) -> None:
    assert covered(engine, text, name)
    assert not touched(engine, text, abbreviation)


@pytest.mark.parametrize(("text", "value"), CUED_NAMES + CUED_NUMBERS + WARDS)
def test_cued_names_and_wards_are_covered(engine: PhiEngine, text: str, value: str) -> None:
    assert covered(engine, text, value), engine.analyze(text)

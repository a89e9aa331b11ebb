"""Context cues around a run of words: is this a person? a place?

Shared by the name, place and site-dictionary recognizers so that a word found in a census
list and a word found in a staff directory need the same evidence.
"""

from __future__ import annotations

import re
from enum import IntEnum

from auditor.phi.recognizers.lexicon import (
    GRADES,
    ID_LABEL_WORDS,
    JOB_TITLES,
    NAME_VERBS,
    PLACE_CUES,
    POST_TITLES,
    RELATIVES,
    TITLES,
    US_STATE_ABBREVIATIONS,
    Lexicon,
    not_idaho_zip,
)
from auditor.phi.recognizers.tokens import TokenView

# Words that may stand between a cue and the name: "wife (Mary)", "son is John", "per Dr. X".
_FILLER = frozenset(
    {"is", "was", "named", "name", "the", "s", "her", "his", "pt", "patient", "pts", "with",
     "and", "dr", "nurse", "rn", "md", "np", "pa", "a", "at", "by", "to", "of"}
)  # fmt: skip

# Verbs whose subject is almost always a person, right after a name at the head of a clause:
# "Rebecca is very responsive", "Priya was seen", "Joan spent a year", "Kwame called back".
_SUBJECT_VERBS = frozenset(
    {"is", "was", "has", "had", "lives", "lived", "called", "calls", "rang", "said", "says",
     "spent", "began", "begins", "went", "goes", "came", "comes", "reports", "reported",
     "states", "stated", "denies", "denied", "presents", "presented", "wants", "wanted",
     "needs", "works", "worked", "died", "arrived", "returned", "asked", "asks", "told",
     "feels", "felt", "attends", "attended", "visited", "visits", "moved", "lost", "left",
     "agreed", "agrees", "declined", "refused", "prefers", "phoned", "emailed", "texted",
     "wrote", "writes", "enjoys", "loves", "married", "turned", "became", "joined", "started"}
)  # fmt: skip

# Verbs that almost always take a person: "per Smith", "paged Jones", "spoke with Lee".
_PERSON_VERBS = frozenset(
    {"per", "paged", "page", "notified", "informed", "spoke", "called", "call", "told",
     "reviewed", "consulted",
     "reach", "thanks", "thank", "dear", "hi", "hello", "hey", "hiya", "attn", "dw", "d/w",
     "discussed", "ring", "rang",
     "contacted", "emailed", "texted", "seen", "examined", "evaluated", "signed", "cosigned",
     "name", "named", "subscriber", "guarantor", "insured"}
)  # fmt: skip


# Titles that are whole words, never shortened with a full stop.
_WHOLE_WORD_TITLES = frozenset({"doctor", "professor", "mister", "missus", "miss"})

_ROLES = GRADES | frozenset(
    {"rn", "rt", "md", "np", "sw", "lpn", "cna", "msw", "pa", "pcp", "pharmd"}
)  # fmt: skip

# The gaps between a role and the name it introduces ("RN Smith", "Agent: Darren").
ROLE_GAPS = frozenset({" ", ": ", ":", " - "})
# Services and roles that are followed by a staff member's first name in brackets.
_SERVICES = frozenset(
    {"mgmt", "management", "manager", "sw", "social", "work", "worker", "pt", "ot", "slp",
     "nutrition", "dietitian", "rn", "np", "pa", "resident", "fellow", "attending", "chaplain",
     "pharmacy", "pharmacist", "coordinator", "navigator", "rt", "cm"}
)  # fmt: skip


def _role_before(view: TokenView, k: int) -> bool:
    """Word k (or the one before it) is a service or role: "Case mgmt", "SW", "PT"."""
    words = view.words
    return k >= 0 and (
        words[k].key in _SERVICES
        or words[k].key in JOB_TITLES  # "Physio (Declan)", "sitter (Joy)"
        or (k > 0 and words[k - 1].key in _SERVICES)
    )


_PATIENT_VERBS = frozenset({"is", "was", "has", "had", "states", "reports"})


def _patient_frame(view: TokenView, i: int, j: int) -> bool:
    """words[i:j] (plus at most one more name word) sit between "patient" and a verb."""
    words = view.words
    if i <= 0 or words[i - 1].key not in {"pt", "patient"}:
        return False
    if j < len(words) and words[j].key in _PATIENT_VERBS:
        return True
    return (
        j + 1 < len(words)
        and words[j + 1].key in _PATIENT_VERBS
        and words[j].is_alpha
        and view.gap(j) in {" ", "-"}
        and view.gap(j + 1) == " "
    )


_DOSE_AFTER = re.compile(r"[ \t]*\d")
# A brand made a verb ("Pt FaceTimed w/ wife", "Zoomed", "Googling"): no surname after "pt".
_BRAND_VERB = re.compile(r"[A-Z][a-z]+[A-Z][a-z]*(?:ed|ing)")
# The roles a message is signed with after the writer's given name and a comma.
_SIGN_ROLES = JOB_TITLES | frozenset(
    {"nurse", "rn", "clerk", "fy1", "fy2", "sho", "reg", "registrar", "resident", "intern",
     "pharmacist", "physician", "doctor", "gp", "np", "anaesthetist", "anesthetist",
     "surgeon", "sister", "midwife", "secretary", "ward clerk"}
)  # fmt: skip
# Words that describe the role before it ("charge nurse", "HD nurse", "community pharmacist").
_ROLE_DESCRIBERS = frozenset(
    {"charge", "hd", "pd", "ward", "community", "clinical", "staff", "night", "day", "theatre",
     "dialysis", "renal", "practice", "senior", "junior", "duty", "on-call", "team"}
)  # fmt: skip


def _introduced(view: TokenView, k: int) -> bool:
    """Word ``k`` closes a self-introduction: "I'm", "Im", "I am" (before the writer's name)."""
    words = view.words
    key = words[k].key
    if key in {"i'm", "i’m", "im"}:
        return True
    return key == "am" and k > 0 and words[k - 1].key == "i" and view.gap(k) == " "


def _signed_role(view: TokenView, j: int) -> bool:
    """A role after a name and its comma: "nurse", "FY1", "charge nurse", "community pharmacist"."""
    words = view.words
    if words[j].key in _SIGN_ROLES:
        return True
    return (
        words[j].key in _ROLE_DESCRIBERS
        and j + 1 < len(words)
        and view.gap(j + 1) == " "
        and words[j + 1].key in _SIGN_ROLES
    )


class Cue(IntEnum):
    NONE = 0
    WEAK = 1  # a role or preposition: "with", "attending", "from"
    VERB = 2  # a verb that takes a person: "per", "called", "spoke with", "seen by"
    RELATIVE = 3  # "wife", "son", "HCP"
    STRONG = 4  # a title before ("Dr.", "Mrs") or a credential after ("RN", "MD")


def _unit_after_number(view: TokenView, k: int) -> bool:
    """ "4.4 ms. Needle EMG": a lower-case "ms" right after a number is milliseconds, no
    title."""
    w = view.words[k]
    before = view.text[max(0, w.start - 2) : w.start]
    return w.text == "ms" and re.search(r"\d[ \t]?$", before) is not None


def title_before_initials(view: TokenView, i: int, least: int = 1) -> bool:
    """A title before one to three initials right before word i ("Mr T. Sebothoma", "Mr S.M.
    Pheko", "Mrs A. J. K. Okafor"), ``least`` of them at least: the title names the surname
    after them, listed or not."""
    words = view.words
    k = i - 1
    while k > 0 and i - k <= 3 and len(words[k].text) == 1 and words[k].text.isupper():
        if view.gap(k + 1).strip(". ") != "":
            return False
        if (
            i - k >= least
            and words[k - 1].key in TITLES
            and view.gap(k).strip(". ") == ""
            and not _unit_after_number(view, k - 1)
        ):
            return True
        k -= 1
    return False


_DEATH_WORDS = frozenset({"death", "murder", "killing", "disappearance", "drowning", "homicide"})


def person_cue(view: TokenView, i: int, j: int) -> Cue:
    """The strongest person cue for words[i:j]."""
    words = view.words
    best = Cue.NONE
    # Title directly before: "Dr. Smith", "MRS JONES", "Dr Smith"; a title written out in
    # full takes no full stop ("your family doctor. With your permission" ends a sentence).
    if (
        i > 0
        and words[i - 1].key in TITLES
        and len(view.gap(i).strip(". ")) == 0
        and not _unit_after_number(view, i - 1)
        and not ("." in view.gap(i) and words[i - 1].key in _WHOLE_WORD_TITLES)
    ):
        return Cue.STRONG
    # Title before a first name or initial: "Dr. John Smith", "Dr. J. Smith".
    if (
        i > 1
        and words[i - 2].key in TITLES
        and view.gap(i - 1).strip(". ") == ""
        and not _unit_after_number(view, i - 2)
        and words[i - 1].text[:1].isupper()
        and (view.gap(i) == " " or (len(words[i - 1].text) == 1 and view.gap(i) == ". "))
    ):
        return Cue.STRONG
    # Title before two or three initials: "Mr S.M. Pheko", "Mrs A. J. K. Okafor".
    if title_before_initials(view, i, least=2):
        return Cue.STRONG
    # A newborn's placeholder for a given name: "Baby Boy Sandvold", "BABY GIRL OKONJO",
    # "Twin B Haddad" (as a title, the surname after it).
    if (
        i > 1
        and (
            (words[i - 1].key in {"boy", "girl"} and words[i - 2].key in {"baby", "infant"})
            or (words[i - 2].key == "twin" and words[i - 1].key in {"a", "b", "1", "2"})
        )
        and view.gap(i) == " "
        and view.gap(i - 1) == " "
    ):
        return Cue.STRONG
    # Credential directly after: "Smith RN", "J. Doe, MD", "Jared C. RN".
    k = j
    if k + 1 < len(words) and len(words[k].text) == 1 and words[k].text.isupper():
        k += 1  # a middle or last initial
    if k < len(words) and words[k].key in POST_TITLES and view.gap(k).strip(" ,.") == "":
        nxt = words[k]
        if nxt.is_upper or nxt.key in {"jr", "ii", "iii"}:
            return Cue.STRONG
    # Role directly before: "RN Smith", "RT Azaan", "SW Jones" (also "RN aware": weaker).
    if i > 0 and words[i - 1].key in _ROLES and words[i - 1].is_upper and view.gap(i) in ROLE_GAPS:
        best = Cue.VERB
    # ...across an initial: "RN M. Oduya", "RT J Azaan".
    if (
        i > 1
        and len(words[i - 1].text) == 1
        and words[i - 1].text.isupper()
        and view.gap(i) in {". ", " "}
        and words[i - 2].key in _ROLES
        and words[i - 2].is_upper
        and view.gap(i - 1) in ROLE_GAPS
    ):
        best = Cue.VERB
    # A job title written out just before: "pharmacist bill king", "physio Anna".
    if i > 0 and words[i - 1].key in JOB_TITLES and view.gap(i) in ROLE_GAPS:
        best = max(best, Cue.VERB)
    # Whose death an inquest, a coroner's finding or a police report is about: "into the death
    # of TAMATI HOHEPA", "the murder of Aroha Kereama".
    if (
        i > 1
        and words[i - 1].key == "of"
        and words[i - 2].key in _DEATH_WORDS
        and view.gap(i) == " "
        and view.gap(i - 1) == " "
    ):
        best = max(best, Cue.VERB)
    # A writer's own name: "this is Ngozi", "my name is Ana", "I'm Rashmi", "I am Odile".
    if i > 1 and words[i - 1].key == "is" and words[i - 2].key in {"this", "name"}:
        best = Cue.VERB
    if i > 0 and view.gap(i) == " " and _introduced(view, i - 1):
        best = Cue.VERB
    # A patient named by the surname alone after "pt": "your pt Wojtaszczak on 5E" (not
    # before a dose: "pt Zofran 4 mg")
    if (
        i > 0
        and all(view.gap(k) == "-" for k in range(i + 1, j))  # one word, or hyphened ones
        and words[i - 1].text in {"pt", "Pt", "patient", "Patient"}  # ("PT Eval": therapy)
        and words[i].text[:1].isupper()  # ("pt tachycardic": a state, no name)
        and view.gap(i) == " "
        and not _DOSE_AFTER.match(view.text, words[i].end)
        and not _BRAND_VERB.fullmatch(words[i].text)
    ):
        best = max(best, Cue.VERB)
    # A message's signature: "- Marisol, HD nurse", "Imogen, community pharmacist", "Jaz, FY1"
    if j < len(words) and view.gap(j).strip(" ") == "," and _signed_role(view, j):
        best = max(best, Cue.VERB)
    # "Pt Smith is a 67 yo ...", "patient Jones was admitted", "THE PATIENT JOHN WHITE WAS".
    if _patient_frame(view, i, j) or (j > i + 0 and i > 0 and _patient_frame(view, i - 1, j)):
        best = Cue.VERB
    # Look back up to three words, skipping fillers.
    k = i - 1
    steps = 0
    while k >= 0 and steps < 3:
        key = words[k].key
        gap = view.gap(k + 1)
        if "\n" in gap and steps > 0:
            break
        if ("." in gap or ";" in gap) and key not in TITLES and len(words[k].text) > 1:
            break  # "... consulted. CIWA scale": a cue does not reach into the next sentence
        if key in RELATIVES or _in_law(view, k):
            best = max(best, Cue.RELATIVE)
            break
        if key in _PERSON_VERBS:
            best = max(best, Cue.VERB)
            break
        if key in {"with", "to", "by"} and k > 0 and words[k - 1].key in _PERSON_VERBS:
            best = max(best, Cue.VERB)  # "reviewed with Gwara", "spoke to Lee"
            break
        if key in NAME_VERBS:
            best = max(best, Cue.WEAK)
            break
        if key not in _FILLER:
            break
        k -= 1
        steps += 1
    # "Case mgmt (Deb) following", "SW (Anna) aware": a first name in brackets after a role.
    if (
        i > 0
        and j == i + 1
        and view.gap(i).endswith("(")
        and j < len(words)
        and view.gap(j).startswith(")")
        and _role_before(view, i - 1)
    ):
        best = max(best, Cue.VERB)
    # "Rebecca is very ...", "Joan spent a year": a name opening a clause, its verb next.
    if (
        best is Cue.NONE
        and j < len(words)
        and words[j].key in _SUBJECT_VERBS
        and view.gap(j) == " "
        and (i == 0 or any(c in ".!?:;\n" for c in view.gap(i)))
    ):
        best = Cue.WEAK
    # "Smith (wife)", "John - son", "Mary, daughter"
    if j < len(words) and words[j].key in RELATIVES and view.gap(j).strip(" ,(-:") == "":
        best = max(best, Cue.RELATIVE)
    return best


# A firm's site named by its town: "at the Glasgow office", "our Denver branch".
_SITE_NOUNS = frozenset(
    {"office", "offices", "branch", "depot", "campus", "plant", "site", "store", "warehouse",
     "headquarters", "hq", "factory", "mill", "yard", "terminal"}
)  # fmt: skip
_SITE_OWNERS = frozenset({"the", "our", "their", "its", "his", "her", "my", "your"})


def label_id(view: TokenView, j: int) -> bool:
    """Word ``j`` is "ID" after an identifier's label ("Emp ID 55102", "Job ID 44812"), or
    before five digits no Idaho ZIP code begins with ("(Cyracom ID 55120)", "interpreter ID
    41877"): the label's, not Idaho's letters."""
    words = view.words
    if j >= len(words) or words[j].text != "ID":
        return False
    if j > 0 and words[j - 1].key in ID_LABEL_WORDS:
        return True
    return j + 1 < len(words) and not_idaho_zip(words[j + 1].text)


def place_cue(view: TokenView, i: int, j: int, *, state: bool = True) -> bool:
    """A place cue: a preposition or move verb before, a site's noun after ("the Glasgow
    office"), or (``state``) a US state after ("Quincy, MA")."""
    words = view.words
    if i > 0 and words[i - 1].key in PLACE_CUES and "\n" not in view.gap(i):
        return True
    if (
        i > 0
        and j < len(words)
        and words[i - 1].key in _SITE_OWNERS
        and words[j].key in _SITE_NOUNS
        and view.gap(j) == " "
    ):
        return True
    if state and j < len(words):
        nxt = words[j]
        if (
            nxt.key in US_STATE_ABBREVIATIONS
            and nxt.text.isupper()
            and view.gap(j).strip(" ") in {",", ""}
            and not label_id(view, j)  # "Job ID 4481"
        ):
            return True
    return False


_DWELL = frozenset(
    {"lives", "live", "living", "resides", "reside", "resident", "moved", "originally",
     "born", "relocated", "native", "vacation", "vacationing", "visiting", "home", "house"}
)  # fmt: skip


def dwelling_cue(view: TokenView, i: int) -> bool:
    """ "lives in X", "moved to X", "originally from X": a strong cue for an unknown town."""
    words = view.words
    if i < 1 or "\n" in view.gap(i):
        return False
    prev = words[i - 1].key
    if prev in _DWELL:
        return True
    if prev not in {"in", "to", "from", "near"}:
        return False
    # Look back a few words on the same clause: "lives with niece in X", "PCP Dr. Y in X".
    for k in range(i - 2, max(-1, i - 6), -1):
        if words[k].key in _DWELL or words[k].key in _LOCATED:
            return True
        if any(c in view.gap(k + 1) for c in ".;:\n") and not _abbrev_dot(view, k):
            return False
    return False


# People and practices located in a town: "PCP Dr. Curry in X", "retired from X".
_LOCATED = frozenset({"pcp", "practice", "office", "works", "worked", "employed", "retired"})


def _abbrev_dot(view: TokenView, k: int) -> bool:
    """The period after word k ends an abbreviation ("Dr.", "Mr."), not a sentence."""
    return view.words[k].key in {"dr", "mr", "mrs", "ms", "st", "jr", "sr"}


# Canada's provinces and territories and Australia's states as addresses abbreviate them, but
# those that are also a clinical or common abbreviation ("ON", "NS", "PE", "AB", "SA", "NT").
ABROAD_STATE_ABBREVIATIONS = frozenset(
    {"bc", "sk", "mb", "qc", "nb", "nl", "pei", "yt", "nu", "nsw", "vic", "qld", "tas", "act"}
)


def state_after(view: TokenView, lexicon: Lexicon, j: int) -> bool:
    """ "Quincy, MA", "Quincy, Massachusetts", "Surrey, BC": a state or a province right after
    a comma."""
    words = view.words
    if j >= len(words) or view.gap(j).strip() != ",":
        return False
    nxt = words[j]
    if nxt.key in US_STATE_ABBREVIATIONS and nxt.text.isupper() and len(nxt.text) == 2:
        return True
    if nxt.key in ABROAD_STATE_ABBREVIATIONS and nxt.text.isupper():
        return True
    if nxt.key in lexicon.states:
        return True
    return j + 1 < len(words) and f"{nxt.key} {words[j + 1].key}" in lexicon.states


_ZIP5 = re.compile(r"\d{5}")


def state_word(view: TokenView, lexicon: Lexicon, i: int) -> bool:
    """A US state name after a comma or before a ZIP: part of an address, not a name."""
    words = view.words
    key = words[i].key
    if key in US_STATE_ABBREVIATIONS and len(words[i].text) == 2 and words[i].text.isupper():
        zip_next = i + 1 < len(words) and _ZIP5.fullmatch(words[i + 1].key) is not None
        if zip_next or ("," in view.gap(i) and not view.shouting):
            return True  # "North Kelly, NY", "Danielleview NY 40629"
    states = lexicon.states
    size = 0
    if key in states:
        size = 1
    elif i + 1 < len(words) and f"{key} {words[i + 1].key}" in states:
        size = 2
    elif i > 0 and f"{words[i - 1].key} {key}" in states:
        return True
    if not size:
        return False
    nxt = i + size
    zip_next = nxt < len(words) and _ZIP5.fullmatch(words[nxt].key) is not None
    return zip_next or "," in view.gap(i)


def _dotted_letters(text: str, at: int) -> str:
    """The letters of the dotted abbreviation around ``at`` ("M.D." -> "md"), else ""."""
    start = at
    while start >= 2 and text[start - 1] == ".":
        k = start - 1
        while k > 0 and text[k - 1].isalpha() and start - k <= 2:
            k -= 1  # back over the one or two letters before the dot
        if k == start - 1:
            break
        start = k
    m = _DOTTED.match(text, start)
    return re.sub(r"[^A-Za-z]", "", m.group()).lower() if m else ""


_DOTTED = re.compile(r"(?:[A-Za-z]{1,2}\.){2,4}")
# "D.O.", "P.A." written with dots, and degrees after a name ("B.S.", "M.A.", "J.D.")
_DOTTED_CREDENTIALS = POST_TITLES | {
    "do", "pa", "od", "ba", "bs", "bsc", "dc", "jd", "ma", "mb", "ms", "msc", "ot", "pt", "rd"
}  # fmt: skip


def dotted_credential(text: str, at: int) -> bool:
    """Whether the letter at ``at`` belongs to a dotted credential ("M.D.", "Ph.D.")."""
    return _dotted_letters(text, at) in _DOTTED_CREDENTIALS


def _in_law(view: TokenView, k: int) -> bool:
    """ "sister-in-law", "son in law": a relative written in three words, ending at word k."""
    words = view.words
    return (
        k >= 2
        and words[k].key == "law"
        and words[k - 1].key == "in"
        and words[k - 2].key in RELATIVES
        and view.gap(k).strip(" -") == ""
        and view.gap(k - 1).strip(" -") == ""
    )

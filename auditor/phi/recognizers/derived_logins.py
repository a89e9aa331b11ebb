"""Logins made from a found person's name: "Oskar Lindahl" signs in as "olindahl",
"oskar.lindahl", "lindahlo" or "olindahl2".

Audit exports, help-desk tickets and application logs print who did something by login,
and most sites build the login from the user's name. Once the engine has found the name in a
text, the same person's login there is as identifying as the name; nothing else marks it (a
lower-case word with no label). Found after the engine, from its PERSON spans: each name of
two words or more gives its usual login forms, and whole words equal to one of them (a
digit or three after, a role prefix such as "rn." before) are identifiers. No form shorter
than five letters, none that is an English word ("A. Ward" would give "award"), and a name's
given part of one letter gives none of the initial-based forms.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from auditor.phi.entities import Entity, TypedSpan
from auditor.phi.recognizers.tokens import normalize

_WORDS = re.compile(r"[^\W\d_]+")
_MIN_FORM = 5
# What may follow a form's digits for it to stand alone (the login regex's look-ahead).
_AFTER = re.compile(r"\d{0,3}(?![\w@-]|\.\w)")


def _forms(name: str) -> set[str]:
    """The login forms of one name ("Surname, Given" or "Given [Middle] Surname")."""
    words = [normalize(w) for w in _WORDS.findall(name)]
    words = [w for w in words if w]
    if len(words) < 2:
        return set()
    given, family = (words[-1], words[0]) if "," in name else (words[0], words[-1])
    if len(given) < 2 or len(family) < 3:
        return set()
    initial = given[0]
    return {
        initial + family,
        given + family,
        given + "." + family,
        given + "_" + family,
        initial + "." + family,
        family + initial,
        family + "." + given,
    }


def login_spans(
    text: str, spans: Iterable[TypedSpan], is_word: Callable[[str], bool]
) -> list[tuple[int, int]]:
    """Character spans of logins built from the PERSON spans' names (module docstring)."""
    forms: set[str] = set()
    for span in spans:
        if span.entity_type == Entity.PERSON.value:
            forms |= _forms(text[span.start : span.end])
    if not forms:
        return []
    lowered = text.lower()
    # most texts hold no login at all: a substring test per form before any regex
    forms = {f for f in forms if len(f) >= _MIN_FORM and f in lowered}
    forms = {f for f in forms if not is_word(f.replace(".", ""))}
    if len(lowered) == len(text):  # offsets shared: most forms stand only inside an e-mail
        forms = {f for f in forms if _stands_alone(lowered, f)}
    if not forms:
        return []
    alternatives = "|".join(map(re.escape, sorted(forms, key=len, reverse=True)))
    login = re.compile(
        rf"(?<![\w.@-])(?:[a-z]{{1,4}}\.)?((?:{alternatives})\d{{0,3}})(?![\w@-]|\.\w)", re.I
    )
    return [(m.start(), m.end()) for m in login.finditer(text)]


def _stands_alone(lowered: str, form: str) -> bool:
    """Whether ``form`` occurs once at least where the login regex could match it: after no
    word character, "@" or "-" (a "." may close a role prefix) and before what its look-ahead
    allows. A necessary test, cheaper than compiling the regex for each text's names
    ("ann.lee@example.org" holds "ann.lee" and no login)."""
    at = lowered.find(form)
    while at >= 0:
        before = lowered[at - 1] if at else " "
        if (before == "." or not (before.isalnum() or before in "_@-")) and _AFTER.match(
            lowered, at + len(form)
        ):
            return True
        at = lowered.find(form, at + 1)
    return False

"""Which HIPAA method a resolved profile meets, in the words the certificate signs.

A certificate must not cite Safe Harbor for output that Safe Harbor would not accept: the
method is derived from the effective operators, not from the profile's name. Safe Harbor
(45 CFR 164.514(b)(2)) needs every date element but the year removed, ZIP codes cut to three
digits, ages over 89 grouped, and no identifier kept. Dates shifted per patient are a limited
data set (164.514(e)) or input to an expert determination (164.514(b)(1)).
"""

from __future__ import annotations

from dataclasses import dataclass

from auditor.deid.profiles import DEFAULT_KEY, Operator, Profile
from auditor.phi.entities import Entity

SAFE_HARBOR = "45 CFR 164.514(b)(2) (Safe Harbor)"
SHIFTED = (
    "Not Safe Harbor (dates shifted per patient, not reduced to the year): a limited data set "
    "under 45 CFR 164.514(e) (may keep dates, town or city, state and ZIP code; needs a data "
    "use agreement), or input to an expert determination under 45 CFR 164.514(b)(1)"
)
CUSTOM = (
    "Not Safe Harbor (the profile keeps or transforms identifiers that 45 CFR 164.514(b)(2) "
    "requires removed): input to an expert determination under 45 CFR 164.514(b)(1)"
)
# Operators that meet Safe Harbor for the entity types with a special rule.
_ALLOWED: dict[str, set[Operator]] = {
    Entity.DATE_TIME.value: {Operator.YEAR, Operator.REDACT},
    Entity.ZIP_CODE.value: {Operator.ZIP3, Operator.REDACT, Operator.SURROGATE},
    Entity.AGE.value: {Operator.AGE, Operator.REDACT, Operator.SURROGATE},
}


@dataclass(frozen=True)
class Method:
    """The method a profile meets: the citation and why it is not Safe Harbor (if it is not)."""

    regulation: str
    safe_harbor: bool
    deviations: tuple[str, ...] = ()


def method_for(profile: Profile) -> Method:
    """Safe Harbor only when every effective operator meets 164.514(b)(2)."""
    deviations: list[str] = []
    types = {*profile.operators, *_ALLOWED, DEFAULT_KEY}
    for entity in sorted(types):
        op = profile.operator_for(entity)
        allowed = _ALLOWED.get(entity)
        if allowed is not None and op not in allowed:
            deviations.append(f"{entity}: {op.value}")
        elif op is Operator.KEEP:
            deviations.append(f"{entity}: keep")
    if not deviations:
        return Method(SAFE_HARBOR, True)
    dates_only = deviations == [f"{Entity.DATE_TIME.value}: {Operator.SHIFT.value}"]
    return Method(SHIFTED if dates_only else CUSTOM, False, tuple(deviations))

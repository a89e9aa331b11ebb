"""Policy rules and packs as typed values (docs/policies.md). Ids and categories are API."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from pathlib import Path

CATEGORIES: tuple[str, ...] = (
    "self_access",
    "family_access",
    "coworker_access",
    "neighbor_access",
    "vip_access",
    "terminated_user",
    "after_hours",
    "high_volume",
    "deceased_patient",
    "break_glass_unjustified",
    "sensitive_record",
    "role_not_permitted",
    "no_treatment_relationship",
)


class Severity(enum.StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"


@dataclass(frozen=True)
class WindowSpec:
    """Volume over a sliding window: more than ``threshold`` distinct values per group."""

    per: str
    count_distinct: str
    over_minutes: int | None = None
    threshold: int | None = None


@dataclass(frozen=True)
class Rule:
    id: str
    category: str
    title: str
    severity: Severity
    cites: tuple[str, ...]
    explain: str
    when: str = ""
    window: WindowSpec | None = None
    file: str = ""
    compiled: str = ""
    columns: frozenset[str] = frozenset()


@dataclass(frozen=True)
class PolicyProblem:
    """One thing wrong with a pack, scoped to file, rule id and field."""

    file: str
    rule_id: str
    field: str
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.rule_id:
            where += f" rule {self.rule_id}"
        if self.field:
            where += f" field '{self.field}'"
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class PolicyPack:
    directory: Path
    rules: tuple[Rule, ...]
    role_matrix: dict[str, frozenset[str]] = field(default_factory=dict)
    citations: dict[str, str] = field(default_factory=dict)
    category_citations: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def by_id(self, rule_id: str) -> Rule:
        return next(r for r in self.rules if r.id == rule_id)

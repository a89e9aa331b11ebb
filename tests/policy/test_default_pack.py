"""Rule ids and categories are API: they appear in signed reports. Renaming one breaks this."""

from __future__ import annotations

from auditor.config import default_policies_dir
from auditor.policy.loader import load_pack
from auditor.policy.model import CATEGORIES

PINNED = {
    "ACC-SELF-001": "self_access",
    "ACC-FAMILY-001": "family_access",
    "ACC-FAMILY-002": "family_access",
    "ACC-COWORKER-001": "coworker_access",
    "ACC-NEIGHBOR-001": "neighbor_access",
    "ACC-VIP-001": "vip_access",
    "ACC-TERMINATED-001": "terminated_user",
    "ACC-AFTERHOURS-001": "after_hours",
    "ACC-VOLUME-001": "high_volume",
    "ACC-DECEASED-001": "deceased_patient",
    "ACC-BTG-001": "break_glass_unjustified",
    "ACC-SENSITIVE-001": "sensitive_record",
    "ACC-SENSITIVE-002": "sensitive_record",
    "ACC-ROLE-001": "role_not_permitted",
    "ACC-NOREL-001": "no_treatment_relationship",
}


def test_category_vocabulary_is_pinned() -> None:
    assert CATEGORIES == (
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


def test_rule_ids_and_categories_are_pinned() -> None:
    pack = load_pack(default_policies_dir())
    assert {r.id: r.category for r in pack.rules} == PINNED


def test_every_category_is_covered_and_cited() -> None:
    pack = load_pack(default_policies_dir())
    assert {r.category for r in pack.rules} == set(CATEGORIES)
    assert set(pack.category_citations) == set(CATEGORIES)
    for rule in pack.rules:
        assert rule.cites, rule.id
        assert set(rule.cites) <= set(pack.citations), rule.id
        assert set(rule.cites) & set(pack.category_citations[rule.category]), rule.id
    part2 = pack.by_id("ACC-SENSITIVE-002")
    assert "42 CFR 2.13" in part2.cites


def test_role_matrix_defaults() -> None:
    pack = load_pack(default_policies_dir())
    assert pack.role_matrix == {
        "registration": frozenset({"demographics", "scheduling", "insurance"}),
        "billing": frozenset({"demographics", "billing", "insurance"}),
    }

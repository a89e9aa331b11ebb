"""Rule titles and HIPAA / 42 CFR Part 2 citations, read from the policy pack as data.

The report only needs metadata (id, category, title, severity, cites), so it reads the pack's
YAML leniently: a broken or foreign file is skipped here; ``policies validate`` and the scans
are where a bad pack is refused.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

# PHI found in an export is not a rule of the pack; these are the provisions it touches
# unless the pack's citation map says otherwise (key "phi").
PHI_EXPOSURE_CITES = ("45 CFR 164.502(a)", "45 CFR 164.514(b)(2)", "45 CFR 164.530(c)")


@dataclass
class RuleInfo:
    rule_id: str
    category: str = ""
    title: str = ""
    severity: str = ""
    cites: list[str] = field(default_factory=list)


@dataclass
class PolicyPack:
    rules: dict[str, RuleInfo] = field(default_factory=dict)
    citation_map: dict[str, list[str]] = field(default_factory=dict)

    def rule(self, rule_id: str, category: str = "") -> RuleInfo:
        found = self.rules.get(rule_id)
        return found if found is not None else RuleInfo(rule_id, category=category)

    def cites_for(self, rule_id: str, category: str) -> list[str]:
        info = self.rules.get(rule_id)
        out: list[str] = list(info.cites) if info else []
        for key in (rule_id, category):
            out.extend(self.citation_map.get(key, []))
        return sorted(dict.fromkeys(c for c in out if c))

    def phi_cites(self) -> list[str]:
        return sorted(self.citation_map.get("phi") or PHI_EXPOSURE_CITES)


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        out: list[str] = []
        for v in value:
            if isinstance(v, str):
                out.append(v)
            elif isinstance(v, dict):
                out.extend(str(x) for x in (v.get("cite"), v.get("citation"), v.get("id")) if x)
        return out
    if isinstance(value, dict):
        return _strings(value.get("cites") or value.get("citations") or [])
    return []


def _add_rule(pack: PolicyPack, raw: Any) -> None:
    if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
        return
    pack.rules[raw["id"]] = RuleInfo(
        rule_id=raw["id"],
        category=str(raw.get("category", "")),
        title=str(raw.get("title", "")),
        severity=str(raw.get("severity", "")),
        cites=_strings(raw.get("cites", [])),
    )


def _add_map(pack: PolicyPack, raw: dict[str, Any]) -> None:
    for key, value in raw.items():
        cites = _strings(value)
        if cites:
            pack.citation_map.setdefault(str(key), []).extend(cites)


def load_pack(folder: Path | None) -> PolicyPack:
    """Rules (YAML lists, or ``{rules: [...]}``) and citation maps (``{citations: {...}}``
    or a file named ``citations*.yaml`` mapping category or rule id to cites)."""
    pack = PolicyPack()
    if folder is None or not folder.is_dir():
        return pack
    files = sorted([*folder.rglob("*.yaml"), *folder.rglob("*.yml")])
    for path in files:
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            continue
        if isinstance(data, list):
            for item in data:
                _add_rule(pack, item)
        elif isinstance(data, dict):
            if isinstance(data.get("rules"), list):
                for item in data["rules"]:
                    _add_rule(pack, item)
            for key in ("citations", "citation_map", "categories"):
                if isinstance(data.get(key), dict):
                    _add_map(pack, data[key])
            if path.stem.startswith("citation") and not any(
                k in data for k in ("rules", "citations", "citation_map", "categories")
            ):
                _add_map(pack, data)
    return pack

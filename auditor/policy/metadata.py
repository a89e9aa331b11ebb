"""The metadata-only reading of a policy pack: rule titles, severities and citations.

Reports need the pack's metadata (id, category, title, severity, cites), not runnable rules, so
:class:`PackMetadata` reads the same files as :mod:`auditor.policy.loader` (its file listing
and YAML reading) but leniently: a broken or foreign file is skipped here; ``policies
validate`` and the scans are where a bad pack is refused (fail closed).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from auditor.policy.loader import DATA_FILES, read_yaml, rule_files

# PHI found in an export is not a rule of the pack; these are the provisions it touches
# unless the pack's citation map says otherwise (key "phi").
PHI_EXPOSURE_CITES = ("45 CFR 164.502(a)", "45 CFR 164.514(b)(2)", "45 CFR 164.530(c)")
_MAP_KEYS = ("citations", "citation_map", "categories")


@dataclass
class RuleInfo:
    rule_id: str
    category: str = ""
    title: str = ""
    severity: str = ""
    cites: list[str] = field(default_factory=list)


@dataclass
class PackMetadata:
    """Rules by id and citation maps (rule id or category -> cites) of one pack folder."""

    rules: dict[str, RuleInfo] = field(default_factory=dict)
    citation_map: dict[str, list[str]] = field(default_factory=dict)
    #: category -> one line of what to do (``guidance:`` in a data file), for the report
    guidance: dict[str, str] = field(default_factory=dict)

    @classmethod
    def read(cls, folder: Path | None) -> PackMetadata:
        """Rules (YAML lists, or ``{rules: [...]}``) and citation maps (``{citations: {...}}``
        or a file named ``citations*.yaml`` mapping category or rule id to cites)."""
        meta = cls()
        if folder is None or not folder.is_dir():
            return meta
        data_files = [folder / name for name in DATA_FILES if (folder / name).is_file()]
        for path in sorted([*rule_files(folder), *data_files]):
            meta._add_file(path, read_yaml(path, []))
        return meta

    def rule(self, rule_id: str, category: str = "") -> RuleInfo:
        found = self.rules.get(rule_id)
        return found if found is not None else RuleInfo(rule_id, category=category)

    def cites_for(self, rule_id: str, category: str) -> list[str]:
        info = self.rules.get(rule_id)
        out: list[str] = list(info.cites) if info else []
        for key in (rule_id, category):
            out.extend(self.citation_map.get(key, []))
        return sorted(dict.fromkeys(c for c in out if c))

    def guidance_for(self, category: str) -> str:
        return self.guidance.get(category, "")

    def phi_cites(self) -> list[str]:
        return sorted(self.citation_map.get("phi") or PHI_EXPOSURE_CITES)

    def _add_file(self, path: Path, data: Any) -> None:
        if isinstance(data, list):
            for item in data:
                self._add_rule(item)
        elif isinstance(data, dict):
            if isinstance(data.get("rules"), list):
                for item in data["rules"]:
                    self._add_rule(item)
            for key in _MAP_KEYS:
                if isinstance(data.get(key), dict):
                    self._add_map(data[key])
            if isinstance(data.get("guidance"), dict):
                for cat, text in data["guidance"].items():
                    if isinstance(text, str) and text.strip():
                        self.guidance[str(cat)] = " ".join(text.split())
            if path.stem.startswith("citation") and not any(
                k in data for k in ("rules", *_MAP_KEYS)
            ):
                self._add_map(data)

    def _add_rule(self, raw: Any) -> None:
        if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
            return
        self.rules[raw["id"]] = RuleInfo(
            rule_id=raw["id"],
            category=str(raw.get("category", "")),
            title=str(raw.get("title", "")),
            severity=str(raw.get("severity", "")),
            cites=_strings(raw.get("cites", [])),
        )

    def _add_map(self, raw: dict[str, Any]) -> None:
        for key, value in raw.items():
            cites = _strings(value)
            if cites:
                self.citation_map.setdefault(str(key), []).extend(cites)


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


__all__ = ["PHI_EXPOSURE_CITES", "PackMetadata", "RuleInfo"]

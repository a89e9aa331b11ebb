"""Property tests of the policy loader: whatever a pack folder holds, the answer is a pack or a
list of problems naming file and field (``load_pack``: one ``PolicyError``), never another
exception; alias bombs are refused before they expand; generated valid packs load as written.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from auditor.config import default_policies_dir
from auditor.errors import PolicyError
from auditor.policy.loader import (
    CITATIONS_FILE,
    ROLE_MATRIX_FILE,
    TEMPLATE_FIELDS,
    load_pack,
    validate_pack,
)
from auditor.policy.model import CATEGORIES, Severity

SETTINGS = settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
VALID_RULE: dict[str, Any] = {
    "id": "ACC-PROBE-001",
    "category": "vip_access",
    "title": "Probe",
    "severity": "low",
    "cites": ["45 CFR 164.502(b)"],
    "when": "patient.vip AND NOT explained",
    "explain": "{user_id} opened {patient_id}",
}
WINDOW = {"per": "user", "count_distinct": "patient_id", "over": "60m", "threshold": 5}

# Any YAML value: what a person (or an attacker) could write in a rule file.
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True),
    st.text(max_size=40),
    st.dates(),
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(max_size=12) | st.integers() | st.none(), inner, max_size=4)
    ),
    max_leaves=12,
)


@pytest.fixture(scope="module")
def pack_dir() -> Iterator[Path]:
    """A pack folder with the shipped citations and role matrix; tests write ``probe.yaml``."""
    with tempfile.TemporaryDirectory(prefix="prop-pack-") as tmp:
        folder = Path(tmp)
        for name in (CITATIONS_FILE, ROLE_MATRIX_FILE):
            shutil.copy(default_policies_dir() / name, folder / name)
        yield folder


def _write(folder: Path, text: str | bytes, name: str = "probe.yaml") -> Path:
    path = folder / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def _dump(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def _check_outcome(folder: Path) -> list[Any]:
    """validate_pack answers; load_pack raises PolicyError naming a file, or nothing."""
    pack, problems = validate_pack(folder)
    assert (pack is None) == bool(problems)
    for p in problems:
        assert p.file and folder in (Path(p.file), Path(p.file).parent), p
        assert p.message and "\n" not in str(p) and "Traceback" not in str(p), p
        assert len(str(p)) < 1000, p
    try:
        load_pack(folder)
    except PolicyError as exc:
        assert problems, "load_pack refused a pack validate_pack accepted"
        assert exc.file and folder in (Path(exc.file), Path(exc.file).parent)
        assert str(exc).startswith(exc.file)
    else:
        assert not problems
    return problems


@SETTINGS
@given(doc=values)
def test_any_yaml_document_as_a_rule_file(pack_dir: Path, doc: Any) -> None:
    _write(pack_dir, _dump(doc))
    _check_outcome(pack_dir)


@SETTINGS
@given(raw=st.binary(max_size=200) | st.text(max_size=200))
def test_any_bytes_as_a_rule_file(pack_dir: Path, raw: bytes | str) -> None:
    _write(pack_dir, raw)
    problems = _check_outcome(pack_dir)
    assert problems  # never a valid pack: no rule of this shape can come out of noise


@SETTINGS
@given(name=st.sampled_from([CITATIONS_FILE, ROLE_MATRIX_FILE]), doc=values)
def test_any_yaml_document_as_a_data_file(pack_dir: Path, name: str, doc: Any) -> None:
    with tempfile.TemporaryDirectory(prefix="prop-data-") as tmp:
        folder = Path(tmp)
        shutil.copytree(pack_dir, folder, dirs_exist_ok=True)
        _write(folder, _dump([VALID_RULE]))
        _write(folder, _dump(doc), name)
        _check_outcome(folder)


@SETTINGS
@given(
    key=st.sampled_from([*VALID_RULE, "window", "unknown_key"]),
    value=values,
    drop=st.booleans(),
)
def test_a_mutated_rule_is_refused_by_its_field(
    pack_dir: Path, key: str, value: Any, drop: bool
) -> None:
    """One field replaced by anything (or dropped): valid, or a problem naming that field."""
    rule = dict(VALID_RULE)
    if drop:
        rule.pop(key, None)
    else:
        rule[key] = value
    _write(pack_dir, _dump([rule]))
    problems = _check_outcome(pack_dir)
    if problems:
        fields = {p.field.split(".")[0] for p in problems}
        assert key in fields or (key == "id" and fields & {"id", ""}), problems
        if key != "id":
            assert {p.rule_id for p in problems} == {"ACC-PROBE-001"}


def _bomb(depth: int, width: int, where: str) -> str:
    lines = [f"- &a0 [{', '.join(['x'] * width)}]"]
    lines += [f"- &a{i} [{', '.join([f'*a{i - 1}'] * width)}]" for i in range(1, depth)]
    body = "\n".join(lines) + "\n"
    if where == "when":  # the bomb inside a rule field
        rule = _dump([VALID_RULE]).replace("when: patient.vip AND NOT explained", "when: *a0")
        body = "- &a0 [" + ", ".join(["x"] * width) + "]\n" + rule
    return body


@SETTINGS
@given(
    depth=st.integers(min_value=2, max_value=12),
    width=st.integers(min_value=2, max_value=16),
    where=st.sampled_from(["list", "when"]),
)
def test_alias_bombs_are_refused_quickly(
    pack_dir: Path, depth: int, width: int, where: str
) -> None:
    _write(pack_dir, _bomb(depth, width, where))
    started = time.perf_counter()
    problems = _check_outcome(pack_dir)
    assert time.perf_counter() - started < 5
    assert any("anchors and aliases are not allowed" in p.message for p in problems)


# Valid rules, generated: every field drawn from what the reference allows.
CITES = sorted(yaml.safe_load((default_policies_dir() / CITATIONS_FILE).read_text())["citations"])
WHENS = [
    "patient.vip AND NOT explained",
    "event.break_glass AND reason_is_placeholder",
    "user.department = event.department OR off_shift",
    "lower(event.record_type) IN ('note', 'lab')",
    "local_hour BETWEEN 0 AND 5 AND event.action <> 'login'",
    "NOT role_permitted",
    "coalesce(patient.is_sensitive, false) AND explanations = 0",
    "event.attributes['ward'] = 'icu'",
]
words = st.text(
    st.characters(codec="utf-8", exclude_characters="{}\x00", exclude_categories=("Cs", "Cc")),
    min_size=1,
    max_size=30,
)
explains = st.lists(
    st.one_of(words, st.sampled_from(sorted(TEMPLATE_FIELDS)).map(lambda f: "{" + f + "}")),
    min_size=1,
    max_size=5,
).map(" ".join)


@st.composite
def rules(draw: st.DrawFn, rule_id: str) -> dict[str, Any]:
    rule: dict[str, Any] = {
        "id": rule_id,
        "category": draw(st.sampled_from(CATEGORIES)),
        "title": draw(words),
        "severity": draw(st.sampled_from([s.value for s in Severity])),
        "cites": draw(st.lists(st.sampled_from(CITES), min_size=1, max_size=3, unique=True)),
        "explain": draw(explains),
    }
    windowed = draw(st.booleans())
    if windowed:
        rule["window"] = {
            "per": draw(st.sampled_from(["user", "workstation"])),
            "count_distinct": draw(st.sampled_from(["patient_id", "record_type"])),
            "over": draw(
                st.integers(1, 10_080).map(lambda m: f"{m}m")
                | st.integers(1, 168).map(lambda h: f"{h} h")
            ),
            "threshold": draw(st.integers(1, 10_000)),
        }
    if not windowed or draw(st.booleans()):
        rule["when"] = draw(st.sampled_from(WHENS))
    return rule


@st.composite
def packs(draw: st.DrawFn) -> list[list[dict[str, Any]]]:
    ids = draw(
        st.lists(
            st.from_regex(r"\AACC-[A-Z][A-Z0-9]{0,7}-[0-9]{3}\Z"),
            min_size=1,
            max_size=6,
            unique=True,
        )
    )
    files = draw(st.integers(1, min(3, len(ids))))
    out: list[list[dict[str, Any]]] = [[] for _ in range(files)]
    for i, rid in enumerate(ids):
        out[i % files].append(draw(rules(rid)))
    return out


@SETTINGS
@given(files=packs())
def test_generated_valid_packs_load(pack_dir: Path, files: list[list[dict[str, Any]]]) -> None:
    with tempfile.TemporaryDirectory(prefix="prop-valid-") as tmp:
        folder = Path(tmp)
        shutil.copytree(pack_dir, folder, dirs_exist_ok=True)
        (folder / "probe.yaml").unlink(missing_ok=True)
        for n, rules_of_file in enumerate(files):
            _write(folder, _dump(rules_of_file), f"rules-{n}.yaml")
        pack = load_pack(folder)
    written = {r["id"]: r for f in files for r in f}
    assert sorted(r.id for r in pack.rules) == sorted(written)
    for rule in pack.rules:
        src = written[rule.id]
        assert (rule.category, rule.title, rule.severity.value) == (
            src["category"],
            src["title"],
            src["severity"],
        )
        assert rule.cites == tuple(src["cites"]) and rule.explain == src["explain"]
        assert (rule.window is not None) == ("window" in src)
        assert bool(rule.compiled) == ("when" in src)

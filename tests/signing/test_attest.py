"""Signing and verifying artifact folders: every tampering is caught with the right reason."""

from __future__ import annotations

import base64
import json
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import delete, select, update

from auditor.context import AppContext
from auditor.errors import InputError, SignatureError
from auditor.signing import ledger
from auditor.signing.attest import read_statement, verify_folder
from auditor.store.models import LedgerEntry, Report
from auditor.store.models import SigningKey as SigningKeyRow
from tests.signing.conftest import sign_folder, verify, verify_all


def _raises(fn: Callable[[], None], *needles: str) -> str:
    with pytest.raises(SignatureError) as info:
        fn()
    text = str(info.value)
    for needle in needles:
        assert needle in text, f"{needle!r} not in {text!r}"
    return text


def test_signed_chain_verifies(actx: AppContext, chain: list[Path]) -> None:
    for folder in chain:
        verify(actx, folder)
        verify_folder(actx.settings, folder)  # settings-only path opens its own engine
    verify_all(actx)
    statements = [read_statement(f) for f in chain]
    assert [s["predicate"]["sequence"] for s in statements] == [1, 2, 3]
    assert statements[0]["predicate"]["previous"] == ""
    for prev_folder, st in zip(chain, statements[1:], strict=False):
        digest = ledger.sha256_file(prev_folder / "report.dsse.json")
        assert st["predicate"]["previous"] == digest
    assert {s["name"] for s in statements[0]["subject"]} == {
        "report.json",
        "report.html",
        "report.pdf",
    }
    assert statements[0]["predicate"]["generator"]["name"] == "hipaa-auditor"
    with actx.sessions() as s:
        assert s.get(Report, "weekly-2026-W47") is not None
        assert s.get(SigningKeyRow, actx.signing_key().key_id) is not None
    lines = ledger.read_lines(actx.settings)
    assert [line.subject_id for line in lines] == [f.name for f in chain]


@pytest.mark.parametrize("name", ["report.json", "report.html", "report.pdf"])
def test_changed_byte_in_a_file(actx: AppContext, chain: list[Path], name: str) -> None:
    target = chain[-1] / name
    data = bytearray(target.read_bytes())
    expected = ledger.sha256_bytes(bytes(data))
    data[len(data) // 2] ^= 0x01
    target.write_bytes(bytes(data))
    got = ledger.sha256_bytes(bytes(data))
    msg = _raises(lambda: verify(actx, chain[-1]), name, "digest mismatch", expected, got)
    assert msg.startswith(str(target))
    _raises(lambda: verify_all(actx), name, "digest mismatch")


def test_missing_file(actx: AppContext, chain: list[Path]) -> None:
    (chain[1] / "report.pdf").unlink()
    _raises(lambda: verify(actx, chain[1]), "report.pdf", "signed file is missing")


def _edit_envelope(folder: Path, edit: Callable[[dict], dict | bytes]) -> None:
    path = folder / "report.dsse.json"
    out = edit(json.loads(path.read_bytes()))
    path.write_bytes(out if isinstance(out, bytes) else json.dumps(out).encode())


def _payload_byte(env: dict) -> dict:
    payload = base64.b64decode(env["payload"]).replace(b'"findings_total":3', b'"findings_total":4')
    env["payload"] = base64.b64encode(payload).decode()
    return env


def _sig_byte(env: dict) -> dict:
    sig = bytearray(base64.b64decode(env["signatures"][0]["sig"]))
    sig[0] ^= 0x01
    env["signatures"][0]["sig"] = base64.b64encode(bytes(sig)).decode()
    return env


def _keyid(env: dict) -> dict:
    env["signatures"][0]["keyid"] = "0" * 64
    return env


def _reformat(env: dict) -> bytes:  # same signed content, different envelope bytes
    return json.dumps(env, indent=4, sort_keys=True).encode()


def _truncate(env: dict) -> bytes:
    return json.dumps(env).encode()[:-5]


@pytest.mark.parametrize(
    ("edit", "needles"),
    [
        (_payload_byte, ("envelope signature does not verify", "bad signature by key")),
        (_sig_byte, ("envelope signature does not verify", "bad signature by key")),
        (_keyid, ("unknown key 0000000000000000",)),
        (_reformat, ("envelope digest mismatch for weekly-2026-W46", "ledger #2 has sha256:")),
        (_truncate, ("envelope is not valid JSON",)),
    ],
    ids=["payload-byte", "signature-byte", "unknown-key", "envelope-bytes", "truncated"],
)
def test_envelope_tampering(
    actx: AppContext, chain: list[Path], edit: Callable, needles: tuple[str, ...]
) -> None:
    _edit_envelope(chain[1], edit)
    msg = _raises(lambda: verify(actx, chain[1]), *needles)
    assert "report.dsse.json" in msg
    _raises(lambda: verify_all(actx))


def test_bad_signature_names_the_key(actx: AppContext, chain: list[Path]) -> None:
    _edit_envelope(chain[0], _sig_byte)
    _raises(lambda: verify(actx, chain[0]), actx.signing_key().key_id[:16])


def test_missing_report_breaks_the_chain(actx: AppContext, chain: list[Path]) -> None:
    import shutil

    shutil.rmtree(chain[1])
    _raises(lambda: verify_all(actx), "report weekly-2026-W46 (ledger #2) is missing")
    _raises(
        lambda: verify(actx, chain[2]),
        "chain link broken at #3",
        "previous envelope #2 (weekly-2026-W46) is missing",
    )


def test_changed_previous_envelope_breaks_the_next_link(
    actx: AppContext, chain: list[Path]
) -> None:
    _edit_envelope(chain[1], _reformat)
    _raises(
        lambda: verify(actx, chain[2]),
        "chain link broken at #3",
        "previous envelope #2 (weekly-2026-W46) expected sha256:",
    )


def _swap_seq(actx: AppContext, a: int, b: int) -> None:
    with actx.transaction() as s:
        s.execute(update(LedgerEntry).where(LedgerEntry.seq == a).values(seq=1000))
        s.execute(update(LedgerEntry).where(LedgerEntry.seq == b).values(seq=a))
        s.execute(update(LedgerEntry).where(LedgerEntry.seq == 1000).values(seq=b))


def _rewrite_ledger_file(actx: AppContext) -> None:
    with actx.sessions() as s:
        rows = ledger.entries(s)
    (actx.settings.home / ledger.LEDGER_FILE).unlink()
    for row in rows:
        ledger.write_line(actx.settings, row)


def test_reordered_ledger_table_disagrees_with_ledger_file(
    actx: AppContext, chain: list[Path]
) -> None:
    _swap_seq(actx, 2, 3)
    _raises(lambda: verify_all(actx), "ledger entry #2", "differs between the ledger table")


def test_reordered_chain_in_table_and_file(actx: AppContext, chain: list[Path]) -> None:
    _swap_seq(actx, 2, 3)
    _rewrite_ledger_file(actx)
    _raises(lambda: verify_all(actx), "chain broken at #2 (weekly-2026-W47)", "names previous")
    _raises(lambda: verify(actx, chain[2]), "sequence 3, ledger has #2")


def test_reordered_folders_on_disk(actx: AppContext, chain: list[Path]) -> None:
    tmp = chain[1].with_name("swap")
    chain[1].rename(tmp)
    chain[2].rename(chain[1])
    tmp.rename(chain[2])
    _raises(lambda: verify_all(actx), "ledger #2 (weekly-2026-W46)", "weekly-2026-W47")


def test_removed_ledger_entry(actx: AppContext, chain: list[Path]) -> None:
    with actx.transaction() as s:
        s.execute(delete(LedgerEntry).where(LedgerEntry.seq == 2))
    _rewrite_ledger_file(actx)
    _raises(lambda: verify_all(actx), "expected entry #2, found #3 (weekly-2026-W47)")
    _raises(lambda: verify(actx, chain[1]), "weekly-2026-W46 is not in the ledger")


def test_truncated_ledger_file(actx: AppContext, chain: list[Path]) -> None:
    path = actx.settings.home / ledger.LEDGER_FILE
    path.write_text("".join(path.read_text().splitlines(keepends=True)[:-1]))
    _raises(lambda: verify_all(actx), "ledger entry #3 missing from the ledger file")


def test_unsigned_report_folder_is_reported(actx: AppContext, chain: list[Path]) -> None:
    import shutil

    shutil.copytree(chain[2], chain[2].with_name("weekly-2026-W48"))
    _raises(lambda: verify_all(actx), "weekly-2026-W48", "not in the ledger")


def test_report_row_without_ledger_entry(actx: AppContext, chain: list[Path]) -> None:
    from datetime import UTC, datetime

    now = datetime(2026, 11, 24, tzinfo=UTC)
    with actx.transaction() as s:
        s.add(
            Report(
                id="weekly-2026-W30",
                period_start=now,
                period_end=now,
                path="x",
                envelope_digest="0" * 64,
                key_id="k",
                summary={},
            )
        )
    _raises(lambda: verify_all(actx), "report weekly-2026-W30 has no ledger entry")


def test_subject_id_is_signed_once(actx: AppContext, chain: list[Path]) -> None:
    import shutil

    shutil.rmtree(chain[0])
    with pytest.raises(InputError, match="already signed"):
        sign_folder(actx, "weekly-2026-W45")


def test_not_a_signed_folder(actx: AppContext, tmp_path: Path) -> None:
    _raises(lambda: verify(actx, tmp_path), "no DSSE envelope")
    _raises(lambda: verify(actx, tmp_path / "nope"), "no such report")


def test_key_rotation_keeps_old_reports_verifiable(
    actx: AppContext, home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from auditor.cli.main import main

    old = sign_folder(actx, "weekly-2026-W46")
    old_key = actx.signing_key().key_id
    assert main(["keys", "generate"]) == 0
    assert actx.signing_key().key_id != old_key
    new = sign_folder(actx, "weekly-2026-W47")
    verify(actx, old)
    verify(actx, new)
    verify_all(actx)
    assert read_statement(old)["predicate"]["key_id"] == old_key
    with actx.sessions() as s:
        row = s.get(SigningKeyRow, old_key)
        assert row is not None and row.retired_at is not None
    # the public key file is gone, the store still has it: old reports still verify
    (home / "keys" / "public" / f"{old_key}.pem").unlink()
    verify(actx, old)
    assert main(["keys", "export", "--public", "--key-id", old_key[:12]]) == 0
    assert capsys.readouterr().out.startswith("-----BEGIN PUBLIC KEY-----")
    # and with neither copy, the reason names the unknown key
    with actx.transaction() as s:
        s.execute(delete(SigningKeyRow).where(SigningKeyRow.key_id == old_key))
    _raises(lambda: verify(actx, old), f"unknown key {old_key[:16]}")


def test_concurrent_signers_keep_one_chain(actx: AppContext) -> None:
    errors: list[BaseException] = []

    def work(t: int) -> None:
        try:
            for i in range(3):
                sign_folder(actx, f"cert-{t}-{i}", kind="deid-certificate")
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(t,)) for t in range(3)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert not errors
    with actx.sessions() as s:
        assert [e.seq for e in ledger.entries(s)] == list(range(1, 10))
    verify_all(actx)


def _sign_plain(actx: AppContext, subject_id: str, **kwargs: object) -> object:
    from auditor.signing.attest import sign_artifacts

    folder = actx.settings.certificates_dir / subject_id
    folder.mkdir(parents=True)
    (folder / "certificate.json").write_text("{}\n")
    return sign_artifacts(
        actx.sessions,
        actx.signing_key(),
        actx.settings,
        folder,
        ["certificate.json"],
        subject_kind="deid-certificate",
        subject_id=subject_id,
        predicate_type="https://hipaa-auditor.dev/attestation/test/v1",
        predicate={},
        now=actx.clock(),
        actor=actx.actor,
        **kwargs,  # type: ignore[arg-type]
    )


def test_signing_returns_the_envelope_and_writes_no_domain_row(actx: AppContext) -> None:
    from auditor.signing.attest import SignedEnvelope

    signed = _sign_plain(actx, "deid-run-1")
    assert isinstance(signed, SignedEnvelope)
    assert signed.path.name == "deid-certificate.dsse.json"
    assert signed.digest == ledger.sha256_file(signed.path)
    assert signed.key_id == actx.signing_key().key_id
    assert signed.sequence == 1
    with actx.sessions() as s:
        assert s.scalars(select(Report)).first() is None
        assert ledger.entry_for_subject(s, "deid-run-1") is not None


def test_a_failing_record_hook_leaves_no_envelope_and_no_entry(actx: AppContext) -> None:
    def record(session: object, signed: object) -> None:
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        _sign_plain(actx, "deid-run-2", record=record)
    folder = actx.settings.certificates_dir / "deid-run-2"
    assert not (folder / "deid-certificate.dsse.json").exists()
    with actx.sessions() as s:
        assert ledger.entries(s) == []
    assert ledger.read_lines(actx.settings) == []


def test_digest_mismatch_carries_expected_and_got(actx: AppContext, chain: list[Path]) -> None:
    target = chain[0] / "report.json"
    expected = ledger.sha256_file(target)
    target.write_text("changed\n")
    with pytest.raises(SignatureError) as info:
        verify(actx, chain[0])
    assert (info.value.expected, info.value.got) == (expected, ledger.sha256_file(target))

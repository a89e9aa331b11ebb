"""Plain text: encodings, offsets into the decoded text, chunking without cutting words."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from auditor.scanners.documents import ExtractOptions, TextUnit
from auditor.scanners.documents.encoding import BinaryContentError, detect_encoding
from auditor.scanners.documents.text import TextScanner

NAME = "José Núñez"


@pytest.mark.parametrize(
    ("raw", "encoding", "decoded"),
    [
        (f"Seen {NAME} today.\n".encode(), "utf-8-sig", f"Seen {NAME} today.\n"),
        (codecs.BOM_UTF8 + f"{NAME}\r\n".encode(), "utf-8-sig", f"{NAME}\r\n"),
        (f"“{NAME}” 02/11\r\n".encode("cp1252"), "cp1252", f"“{NAME}” 02/11\r\n"),
        # 0x81 is undefined in cp1252: only latin-1 decodes it.
        (b"Name: Ren\xe9e \x81 Dubois\n", "latin-1", "Name: Renée \x81 Dubois\n"),
        (f"{NAME} called".encode("utf-16"), "utf-16", f"{NAME} called"),
    ],
)
def test_encoding_fallback_and_offsets(
    tmp_path: Path, raw: bytes, encoding: str, decoded: str
) -> None:
    path = tmp_path / "note.txt"
    path.write_bytes(raw)
    assert detect_encoding(path) == encoding
    units = list(TextScanner().scan(path, ExtractOptions()))
    assert all(isinstance(u, TextUnit) for u in units)
    assert "".join(u.text for u in units if isinstance(u, TextUnit)) == decoded
    # Offsets index the decoded text: the name is where the unit says it is.
    unit = units[0]
    assert isinstance(unit, TextUnit)
    for word in ("Dubois", "Núñez"):
        if word in decoded:
            i = unit.text.index(word)
            assert decoded[unit.offset + i : unit.offset + i + len(word)] == word


def test_binary_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(BinaryContentError):
        list(TextScanner().scan(path, ExtractOptions()))


def test_chunks_cover_text_and_never_cut_words(tmp_path: Path) -> None:
    words = [f"Name{i:04d}" for i in range(3000)]
    text = "".join(w + ("\n" if i % 7 == 6 else " ") for i, w in enumerate(words))
    path = tmp_path / "big.log"
    path.write_text(text, encoding="utf-8")
    opts = ExtractOptions(chunk_chars=500, read_bytes=333)  # odd sizes: pieces split words
    units = [u for u in TextScanner().scan(path, opts) if isinstance(u, TextUnit)]
    assert len(units) > 50
    pos = 0
    for unit in units:
        assert unit.offset == pos
        assert len(unit.text) <= 500
        assert text[unit.offset : unit.offset + len(unit.text)] == unit.text
        assert unit.text[-1] in " \n" or unit is units[-1]
        pos += len(unit.text)
    assert pos == len(text)
    found = [w for u in units for w in u.text.split()]
    assert found == words


def test_multibyte_characters_split_across_reads(tmp_path: Path) -> None:
    text = "Ñ" * 1000 + " Müller\n"
    path = tmp_path / "n.txt"
    path.write_text(text, encoding="utf-8")
    units = list(TextScanner().scan(path, ExtractOptions(read_bytes=7)))
    assert "".join(u.text for u in units if isinstance(u, TextUnit)) == text

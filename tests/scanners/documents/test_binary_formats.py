"""PDF (pypdf) and DOCX (python-docx) text with page, paragraph and table locations."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.errors import InputError
from auditor.scanners.documents import ExtractOptions, TextUnit
from auditor.scanners.documents.docx import DocxScanner
from auditor.scanners.documents.pdf import PdfScanner


def _units(scanner: PdfScanner | DocxScanner, path: Path) -> list[TextUnit]:
    return [u for u in scanner.scan(path, ExtractOptions()) if isinstance(u, TextUnit)]


def test_docx_paragraphs_tables_headers_properties(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    props = document.core_properties
    props.title, props.author, props.comments = "Plan for Omar Haddad", "Mei Chen", ""
    props.last_modified_by = ""
    document.add_paragraph("Intro")
    document.add_paragraph("")
    document.add_paragraph("Patient Omar Haddad, call 555-0100")
    table = document.add_table(rows=2, cols=3)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "Nurse Ada Lovelace"
    table.cell(1, 2).text = "04/05/2024"
    document.sections[0].header.is_linked_to_previous = False
    document.sections[0].header.paragraphs[0].text = "Lakeside General"
    path = tmp_path / "plan.docx"
    document.save(str(path))
    got = [(u.location, u.text) for u in _units(DocxScanner(), path)]
    assert got == [
        ({"paragraph": 1}, "Intro"),
        ({"paragraph": 3}, "Patient Omar Haddad, call 555-0100"),
        ({"table": 1, "row": 1, "cell": 1}, "Nurse Ada Lovelace"),
        ({"table": 1, "row": 2, "cell": 3}, "04/05/2024"),
        ({"section": 1, "header": 1}, "Lakeside General"),
        ({"property": "title"}, "Plan for Omar Haddad"),
        ({"property": "author"}, "Mei Chen"),
    ]


def test_pdf_pages(tmp_path: Path) -> None:
    weasyprint = pytest.importorskip("weasyprint")
    path = tmp_path / "letter.pdf"
    html = (
        "<p>Referral for Priya Raman, MRN 00112233</p>"
        '<p style="page-break-before: always">Page two: Dr. Okafor</p>'
    )
    weasyprint.HTML(string=html).write_pdf(str(path))
    units = _units(PdfScanner(), path)
    assert [u.location for u in units] == [{"page": 1}, {"page": 2}]
    assert "Priya Raman" in units[0].text and "Okafor" in units[1].text


@pytest.mark.parametrize(
    ("scanner", "name", "content", "reason"),
    [
        (PdfScanner(), "broken.pdf", b"%PDF-1.4\nnot really a pdf", "unreadable PDF"),
        (PdfScanner(), "empty.pdf", b"", "unreadable PDF"),
        (DocxScanner(), "broken.docx", b"PK\x03\x04garbage", "unreadable DOCX"),
        (DocxScanner(), "text.docx", b"just text, Smith", "unreadable DOCX"),
    ],
)
def test_unreadable_binary_files(
    tmp_path: Path, scanner: PdfScanner | DocxScanner, name: str, content: bytes, reason: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError) as info:
        _units(scanner, path)
    assert reason in str(info.value) and "Smith" not in str(info.value)


def test_encrypted_pdf_is_reported(tmp_path: Path) -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.encrypt("secret-password")
    path = tmp_path / "locked.pdf"
    with path.open("wb") as fh:
        writer.write(fh)
    with pytest.raises(InputError, match="encrypted PDF"):
        _units(PdfScanner(), path)


def test_pdf_without_text_layer_needs_ocr(tmp_path: Path) -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    path = tmp_path / "scan.pdf"
    with path.open("wb") as fh:
        writer.write(fh)
    with pytest.raises(InputError, match="no text layer"):
        _units(PdfScanner(), path)

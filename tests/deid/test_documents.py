"""DOCX de-identified in place and PDF with the text truly removed (issue 14 item 5, probe M5)."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import docx
import pymupdf
import pytest
from pypdf import PdfReader

from auditor.deid.formats import format_for
from auditor.deid.formats.base import FileContext
from auditor.deid.formats.docx import DocxFormat
from auditor.deid.formats.pdf import PdfFormat
from auditor.errors import InputError
from auditor.scanners.documents.docx import ZipLimits
from auditor.services.deid import DeidRequest, run_deid

PHI = ["Zebulon", "Quartermaine", "00482913", "555-1234", "zq@example-mail.org", "02/14/2014"]


def make_docx(path: Path) -> Path:
    d = docx.Document()
    p = d.add_paragraph("Patient ")
    p.add_run("Zebulon ").bold = True
    p.add_run("Quartermaine")  # the name spans two runs
    p.add_run(" (MRN 00482913) seen 02/14/2014.")
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Phone"
    table.cell(0, 1).text = "Call (617) 555-1234 or zq@example-mail.org"
    section = d.sections[0]
    section.header.paragraphs[0].text = "Chart of Zebulon Quartermaine"
    section.footer.paragraphs[0].text = "MRN 00482913"
    d.add_comment(p.runs[1], text="Ask Zebulon Quartermaine about 02/14/2014", author="Zebulon Q")
    props = d.core_properties
    props.author = "Zebulon Quartermaine"
    props.last_modified_by = "Quartermaine"
    props.title = "Visit note for Zebulon Quartermaine"
    props.created = dt.datetime(2014, 2, 14, 10, 30)
    d.save(str(path))
    with zipfile.ZipFile(path) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    app = parts["docProps/app.xml"].decode()
    company = "<Company>Quartermaine Family Trust</Company><Manager>Zebulon Quartermaine</Manager>"
    parts["docProps/app.xml"] = app.replace("</Properties>", company + "</Properties>").encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return path


def all_xml(path: Path) -> str:
    with zipfile.ZipFile(path) as zf:
        return "\n".join(zf.read(n).decode("utf-8", "replace") for n in zf.namelist())


def run_format(fmt, src: Path, make_deid, engine) -> tuple[Path, FileContext]:
    dst = src.parent / "out" / src.name
    deid = make_deid(profile=None)
    fc = FileContext(deid=deid, analyzer=engine, profile=deid.profile, source=src.name)
    fmt.deidentify(src, dst, fc)
    return dst, fc


def test_docx_body_tables_headers_footers_comments_properties_clean(
    tmp_path, make_deid, site_engine
):
    src = make_docx(tmp_path / "note.docx")
    assert [v for v in PHI if v in all_xml(src)] == PHI  # the fixture really holds it
    dst, fc = run_format(DocxFormat(), src, make_deid, site_engine)
    raw = all_xml(dst)
    assert [v for v in PHI if v in raw] == []
    out = docx.Document(str(dst))
    assert out.paragraphs[0].text.startswith("Patient ")
    assert out.tables[0].cell(0, 0).text == "Phone"  # structure kept
    props = out.core_properties
    assert props.author == "" and props.last_modified_by == ""
    assert props.created is not None and (props.created.month, props.created.day) == (1, 1)
    assert fc.units >= 5
    assert not any(n.startswith("docProps/thumbnail") for n in zipfile.ZipFile(dst).namelist())
    units = list(DocxFormat().residual_units(dst))
    assert any(u.where.startswith("comments.xml") for u in units)
    assert any(u.where.startswith("header") for u in units)


def test_docx_through_run_deid_is_certified(actx, tmp_path, site_engine):
    src = tmp_path / "in"
    src.mkdir()
    make_docx(src / "note.docx")
    out = tmp_path / "out"
    result = run_deid(actx, DeidRequest([src], out), engine=site_engine)
    assert result.files_skipped == [] and result.files_processed == 1
    assert [v for v in PHI if v in all_xml(out / "note.docx")] == []
    assert result.processed[0]["format"] == "docx"


def bomb(path: Path, size: int) -> Path:
    d = docx.Document()
    d.add_paragraph("x")
    buf = io.BytesIO()
    d.save(buf)
    with (
        zipfile.ZipFile(io.BytesIO(buf.getvalue())) as zin,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout,
    ):
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "word/document.xml":
                head, tail = data.split(b"<w:body>", 1)
                filler = b"<w:p><w:r><w:t>" + b"A" * 1000 + b"</w:t></w:r></w:p>"
                data = head + b"<w:body>" + filler * (size // 1000) + tail
            zout.writestr(info, data)
    return path


def test_docx_zip_bomb_is_refused_before_parsing(actx, tmp_path, site_engine):
    src = tmp_path / "in"
    src.mkdir()
    bomb(src / "bomb.docx", 4 << 20)
    result = run_deid(actx, DeidRequest([src], tmp_path / "out"), engine=site_engine)
    assert [p for p, _ in result.files_skipped] == ["bomb.docx"]
    assert "zip bomb" in result.files_skipped[0][1]
    limits = ZipLimits(max_unpacked_bytes=1 << 20, max_ratio=10_000)
    request = DeidRequest([src], tmp_path / "out2", zip_limits=limits)
    result = run_deid(actx, request, engine=site_engine)
    assert "inflates to" in result.files_skipped[0][1]


def make_pdf(path: Path) -> Path:
    doc = pymupdf.open()
    page = doc.new_page()
    lines = [
        "Discharge summary for Zebulon Quartermaine",
        "MRN 00482913, admitted 02/14/2014.",
        "Call (617) 555-1234 or zq@example-mail.org.",
        "Blood pressure stable; continue metoprolol.",
    ]
    for n, line in enumerate(lines):
        page.insert_text((72, 72 + 18 * n), line, fontsize=11)
    logo = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 20, 20), False)
    page.insert_image(pymupdf.Rect(400, 20, 440, 60), pixmap=logo)
    doc.set_metadata({"author": "Zebulon Quartermaine", "title": "Quartermaine discharge"})
    doc.save(str(path))
    return path


def pdf_text(path: Path) -> str:
    reader = PdfReader(path)
    meta = " ".join(str(v) for v in (reader.metadata or {}).values())
    return "\n".join(p.extract_text() or "" for p in reader.pages) + "\n" + meta


def test_pdf_text_is_removed_not_covered(tmp_path, make_deid, site_engine):
    src = make_pdf(tmp_path / "summary.pdf")
    assert "Quartermaine" in pdf_text(src)
    assert format_for(src)[0].name == "pdf"
    dst, fc = run_format(PdfFormat(), src, make_deid, site_engine)
    text = pdf_text(dst)
    assert [v for v in PHI if v in text] == []
    assert "metoprolol" in text  # the rest of the page stays
    reader = PdfReader(dst)
    assert not any(str(v).strip() for v in (reader.metadata or {}).values())
    assert fc.units == 1
    assert fc.notes == ["1 images blanked (pictures are not checked for PHI)"]
    out = pymupdf.open(str(dst))
    assert all(img[2] * img[3] <= 1 for img in out[0].get_images(full=True))


def test_pdf_scan_without_text_layer_is_refused(tmp_path, make_deid, site_engine):
    doc = pymupdf.open()
    page = doc.new_page()
    pix = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 20, 20), False)
    page.insert_image(page.rect, pixmap=pix)
    src = tmp_path / "scan.pdf"
    doc.save(str(src))
    with pytest.raises(InputError, match="needs OCR"):
        run_format(PdfFormat(), src, make_deid, site_engine)
    assert not (tmp_path / "out" / "scan.pdf").exists()


def test_truncated_pdf_is_refused(actx, tmp_path, site_engine):
    src = tmp_path / "in"
    src.mkdir()
    whole = make_pdf(tmp_path / "whole.pdf").read_bytes()
    (src / "cut.pdf").write_bytes(whole[: len(whole) // 2])
    result = run_deid(actx, DeidRequest([src], tmp_path / "out"), engine=site_engine)
    assert [p for p, _ in result.files_skipped] == ["cut.pdf"]
    assert not (tmp_path / "out" / "cut.pdf").exists()


def test_document_scanner_refuses_the_zip_bomb_too(tmp_path):
    """Probe M5: the scanner checks the inflated size before python-docx opens the file."""
    from auditor.scanners.documents.docx import DocxScanner
    from auditor.scanners.documents.units import ExtractOptions

    path = bomb(tmp_path / "bomb.docx", 4 << 20)
    with pytest.raises(InputError, match="zip bomb"):
        list(DocxScanner().scan(path, ExtractOptions()))

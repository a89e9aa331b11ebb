"""Word documents (python-docx): paragraphs, table cells, headers and footers, properties.

Body paragraphs and tables are read in document order; a merged table cell is read once.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from auditor.scanners.documents.binary import open_whole
from auditor.scanners.documents.units import Extracted, ExtractOptions, TextUnit

_PROPERTIES = ("title", "subject", "author", "keywords", "comments", "last_modified_by")


def _cell_units(source: str, table: Any, t_no: int, base: dict[str, Any]) -> Iterator[TextUnit]:
    # The cell elements themselves, not their id(): lxml hands out proxy objects, and an
    # id freed by a collected proxy can come back for another cell (which was then skipped).
    # Holding the proxies keeps each one alive, so a merged cell is the same object again.
    seen: set[Any] = set()
    for r_no, row in enumerate(table.rows, start=1):
        for c_no, cell in enumerate(row.cells, start=1):
            if cell._tc in seen:
                continue
            seen.add(cell._tc)
            text = cell.text
            if text.strip():
                loc = {**base, "table": t_no, "row": r_no, "cell": c_no}
                yield TextUnit(source=source, text=text, location=loc)


class DocxScanner:
    name = "docx"

    def scan(self, source: Path, ctx: ExtractOptions) -> Iterator[Extracted]:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        src = str(source)
        # zipfile, lxml and python-docx each raise their own exceptions.
        document = open_whole(source, ctx, "DOCX", lambda p: docx.Document(str(p)), (Exception,))

        p_no = t_no = 0
        for block in document.iter_inner_content():
            if isinstance(block, Paragraph):
                p_no += 1
                if block.text.strip():
                    yield TextUnit(source=src, text=block.text, location={"paragraph": p_no})
            elif isinstance(block, Table):
                t_no += 1
                yield from _cell_units(src, block, t_no, {})
        for s_no, section in enumerate(document.sections, start=1):
            for part_name in ("header", "footer"):
                part = getattr(section, part_name)
                if part.is_linked_to_previous:
                    continue
                for i, para in enumerate(part.paragraphs, start=1):
                    if para.text.strip():
                        loc = {"section": s_no, part_name: i}
                        yield TextUnit(source=src, text=para.text, location=loc)
        props = document.core_properties
        for name in _PROPERTIES:
            value = getattr(props, name, None)
            if isinstance(value, str) and value.strip():
                yield TextUnit(
                    source=src,
                    text=value,
                    location={"property": name},
                    context=f"{name.replace('_', ' ')}: ",
                )

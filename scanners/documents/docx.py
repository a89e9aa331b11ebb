"""Word documents (python-docx): paragraphs, table cells, headers and footers, properties.

Body paragraphs and tables are read in document order; a merged table cell is read once.
A DOCX is a ZIP: before python-docx inflates it, ``check_zip_limits`` sums the declared
uncompressed sizes and the compression ratio (a zip bomb is refused, not parsed).
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from auditor.errors import InputError
from auditor.scanners.documents.binary import open_whole
from auditor.scanners.documents.units import Extracted, ExtractOptions, TextUnit


@dataclass(frozen=True)
class ZipLimits:
    """How much a ZIP container (DOCX) may inflate to, in total and relative to its size."""

    max_unpacked_bytes: int = 256 << 20
    max_ratio: float = 200.0


def check_zip_limits(path: Path, limits: ZipLimits | None = None) -> None:
    """Refuse a ZIP whose members would inflate past the limits (checked before opening)."""
    limits = limits or ZipLimits()
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, ValueError):
        return  # not a ZIP at all: the parser that opens it next says "unreadable DOCX"
    unpacked = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos)
    if unpacked > limits.max_unpacked_bytes:
        raise InputError(
            f"ZIP content inflates to {unpacked:,} bytes (limit {limits.max_unpacked_bytes:,})"
        )
    # The whole archive, and each member (a bomb hides in one part among ordinary ones).
    for size, stored in ((unpacked, packed), *((i.file_size, i.compress_size) for i in infos)):
        if size > (1 << 20) and size > limits.max_ratio * max(stored, 1):
            raise InputError(
                f"ZIP compression ratio {size / max(stored, 1):.0f}:1 "
                f"(limit {limits.max_ratio:.0f}:1): refused as a possible zip bomb"
            )


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
        def opener(path: Path) -> Any:
            check_zip_limits(path)
            return docx.Document(str(path))

        document = open_whole(source, ctx, "DOCX", opener, (Exception,))

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

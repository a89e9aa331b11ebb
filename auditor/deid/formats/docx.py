"""Word documents, de-identified in place: every story of the package, then its properties.

python-docx opens the package (after the ZIP size and ratio check); each Word XML part
(body with its tables and text boxes, headers, footers, comments, footnotes, endnotes) is
walked paragraph by paragraph. A paragraph's text runs across many ``w:t`` nodes (formatting
splits a name in two), so the PHI engine reads the paragraph whole and each replacement is
written back into the nodes it covered: the first keeps the new text, the rest lose theirs.
Tracked deletions (``w:delText``) are treated the same way. Author attributes (comments,
tracked changes) become surrogates; core properties are de-identified or cleared, dates cut
to the year; other parts with text (custom XML, extended properties) go through the engine;
the thumbnail (a picture of page one) is dropped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from lxml import etree

from auditor.deid.formats.base import FileContext
from auditor.deid.residual import Unit
from auditor.errors import InputError
from auditor.phi.entities import Entity
from auditor.scanners.documents.docx import ZipLimits, check_zip_limits

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_P, _T, _DEL = f"{{{W}}}p", f"{{{W}}}t", f"{{{W}}}delText"
_AUTHOR, _INITIALS = f"{{{W}}}author", f"{{{W}}}initials"
_THUMBNAIL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"
_TEXT_PROPS = ("title", "subject", "keywords", "comments", "category", "content_status")
_CLEARED_PROPS = ("author", "last_modified_by", "identifier", "version")
_DATE_PROPS = ("created", "modified", "last_printed")
_CLEARED_APP = {"Company", "Manager", "HyperlinkBase"}
_SKIP_PARTS = ("styles", "settings", "fontTable", "theme", "numbering", "webSettings")


def _open(src: Path, limits: ZipLimits) -> Any:
    import docx

    try:
        check_zip_limits(src, limits)
    except InputError as exc:
        raise InputError(exc.message, file=str(src)) from None
    try:
        return docx.Document(str(src))
    except Exception as exc:  # zipfile, lxml and python-docx each raise their own
        raise InputError(f"unreadable DOCX ({exc.__class__.__name__})", file=str(src)) from None


def _own_nodes(paragraph: Any) -> list[Any]:
    """The text nodes of this paragraph, not of a paragraph nested in it (a text box)."""
    return [
        n
        for n in paragraph.iter(_T, _DEL)
        if next(n.iterancestors(_P), None) is paragraph and n.text
    ]


def _apply(nodes: list[Any], edits: list[tuple[int, int, str]]) -> None:
    """Write (start, end, replacement) edits of the joined text back into its nodes."""
    edits = sorted(edits)
    pos = 0
    for node in nodes:
        text = node.text
        end = pos + len(text)
        out = []
        i = pos
        for start, stop, new in edits:
            if stop <= pos or start >= end:
                continue
            if start >= pos:
                out.append(text[i - pos : start - pos])
                out.append(new)
            else:
                out.append(text[i - pos : max(i, start) - pos])
            i = max(i, min(stop, end))
        out.append(text[i - pos :])
        node.text = "".join(out)
        if node.text != node.text.strip():
            node.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        pos = end


def _xml_parts(document: Any) -> Iterator[tuple[Any, Any]]:
    """(part, root element) for every XML part with text; generic parts are parsed here."""
    for part in document.part.package.iter_parts():
        name = str(part.partname)
        if not part.content_type.endswith("xml") or any(s in name for s in _SKIP_PARTS):
            continue
        if name == "/docProps/core.xml":
            continue
        element = getattr(part, "_element", None)
        if element is None:
            element = etree.fromstring(part.blob, etree.XMLParser(resolve_entities=False))
        yield part, element


def _store(part: Any, element: Any) -> None:
    if getattr(part, "_element", None) is None:
        part._blob = etree.tostring(element, xml_declaration=True, encoding="UTF-8")


class DocxFormat:
    name = "docx"

    def __init__(self, limits: ZipLimits | None = None) -> None:
        self.limits = limits or ZipLimits()

    def deidentify(self, src: Path, dst: Path, fc: FileContext) -> None:
        document = _open(src, self.limits)
        deid = fc.deid
        for part, root in _xml_parts(document):
            paragraphs = [(p, _own_nodes(p)) for p in root.iter(_P)]
            paragraphs = [(p, nodes) for p, nodes in paragraphs if nodes]
            if paragraphs:
                texts = ["".join(n.text for n in nodes) for _, nodes in paragraphs]
                for start in range(0, len(texts), fc.batch_size):
                    chunk = texts[start : start + fc.batch_size]
                    results = fc.analyzer.analyze_many(chunk)
                    for (_, nodes), text, spans in zip(
                        paragraphs[start : start + fc.batch_size], chunk, results, strict=True
                    ):
                        _apply(nodes, deid.edits(text, spans, patient=fc.source))
                        fc.units += 1
            else:  # custom XML, extended properties: every element's own text
                for e in root.iter():
                    if isinstance(e.tag, str) and etree.QName(e).localname in _CLEARED_APP:
                        e.text = ""  # who made it: the site's company, a manager's name
                elements = [
                    e for e in root.iter() if isinstance(e.tag, str) and (e.text or "").strip()
                ]
                new = fc.analyse([e.text for e in elements], [fc.source] * len(elements))
                for e, text in zip(elements, new, strict=True):
                    e.text = text
                fc.units += len(elements)
            for e in root.iter():
                if not isinstance(e.tag, str):
                    continue
                if e.get(_AUTHOR):
                    e.set(_AUTHOR, deid.replace(Entity.PERSON.value, e.get(_AUTHOR)))
                if e.get(_INITIALS):
                    e.set(_INITIALS, "")
            _store(part, root)
        for part in document.part.package.iter_parts():
            for rel in part.rels.values():
                if rel.is_external:  # hyperlink targets: mailto:, patient portal URLs
                    rel._target = "https://example.org/"
        self._properties(document, fc)
        pkg_rels = document.part.package.rels
        for r_id in [k for k, r in pkg_rels.items() if r.reltype == _THUMBNAIL]:
            pkg_rels.pop(r_id)
        dst.parent.mkdir(parents=True, exist_ok=True)
        tmp = dst.with_name(f".{dst.name}.partial")
        try:
            document.save(str(tmp))
            tmp.replace(dst)
        finally:
            tmp.unlink(missing_ok=True)

    def _properties(self, document: Any, fc: FileContext) -> None:
        props = document.core_properties
        names = [n for n in _TEXT_PROPS if (getattr(props, n) or "").strip()]
        new = fc.analyse([getattr(props, n) for n in names], [fc.source] * len(names))
        for n, text in zip(names, new, strict=True):
            setattr(props, n, text)
        for n in _CLEARED_PROPS:
            if getattr(props, n):
                setattr(props, n, "")
        for n in _DATE_PROPS:
            value = getattr(props, n)
            if isinstance(value, dt.datetime):
                setattr(props, n, dt.datetime(value.year, 1, 1))

    def residual_units(self, path: Path) -> Iterator[Unit]:
        """Every paragraph of every part, and the core properties, with where they are."""
        document = _open(path, self.limits)
        for part, root in _xml_parts(document):
            name = str(part.partname).rsplit("/", 1)[-1]
            paragraphs = [p for p in root.iter(_P) if _own_nodes(p)]
            for n, p in enumerate(paragraphs, start=1):
                text = "".join(node.text for node in _own_nodes(p))
                yield Unit(text, f"{name} paragraph {n}")
            if not paragraphs:
                for e in root.iter():
                    if isinstance(e.tag, str) and (e.text or "").strip():
                        yield Unit(e.text, f"{name} <{etree.QName(e).localname}>")
            for e in root.iter():
                if isinstance(e.tag, str) and e.get(_AUTHOR):
                    yield Unit(e.get(_AUTHOR), f"{name} author attribute")
        props = document.core_properties
        for prop in (*_TEXT_PROPS, *_CLEARED_PROPS):
            value = getattr(props, prop)
            if isinstance(value, str) and value.strip():
                yield Unit(value, f"property {prop}")

    def residual_texts(self, path: Path) -> Iterator[str]:
        for unit in self.residual_units(path):
            yield unit.text

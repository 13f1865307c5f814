"""ReportLab's PDF finished with pikepdf: tagged PDF/UA-1, and PDF/X-4 for print shops.

ReportLab writes the pages (with the marked content the renderer put in them); this adds
what ReportLab cannot: the structure tree (tags.write_structure), MarkInfo, DisplayDocTitle,
Tabs /S, an XMP packet (Dublin Core, pdfuaid part 1, for print pdfxid PDF/X-4), a distinct
subset tag per embedded font subset, and for print the output intent and GTS_PDFXVersion.
Deterministic: the dates are ReportLab's invariant ones, the document ID and XMP IDs are
derived from the bytes, so the same document gives the same file.
"""

from __future__ import annotations

import hashlib
import io
import re
import uuid

from generator import scene
from generator.render.tags import Structure, write_structure

PRODUCER = "praatplaat (ReportLab, pikepdf)"
_SUBSET = re.compile(r"^[A-Z]{6}\+")
_PDF_DATE = re.compile(r"D:(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)")


def finish(data: bytes, meta: scene.DocumentMeta, structure: Structure, *, pdfx: bool) -> bytes:
    """The PDF `data` tagged and with metadata; PDF/X-4 as well when `pdfx`."""
    import pikepdf
    from pikepdf import Dictionary, Name

    digest = hashlib.sha256(data).digest()
    with pikepdf.open(io.BytesIO(data)) as pdf:
        write_structure(pdf, structure, meta.language)
        pdf.Root.ViewerPreferences = Dictionary(DisplayDocTitle=True)
        if meta.language:
            pdf.Root.Lang = pikepdf.String(meta.language)
        subset_tags(pdf)
        info = pdf.docinfo
        info.Producer = pikepdf.String(PRODUCER)
        info.Trapped = Name("/False")
        if pdfx:
            from generator.render import pdfx as x

            x.add_output_intent(pdf)
            info.GTS_PDFXVersion = pikepdf.String(x.VERSION)
        created = str(info.get("/CreationDate", "D:20000101000000"))
        modified = str(info.get("/ModDate", created))
        xmp = xmp_packet(meta, _xmp_date(created), _xmp_date(modified), uuid.UUID(bytes=digest[:16], version=4),
                         pdfx=pdfx)
        pdf.Root.Metadata = pdf.make_stream(xmp.encode("utf-8"), Type=Name.Metadata, Subtype=Name.XML)
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True, force_version="1.6" if pdfx else "1.7",
                 object_stream_mode=pikepdf.ObjectStreamMode.disable)
    return out.getvalue()


def subset_tags(pdf) -> None:
    """Give every embedded subset its own six-letter tag (ReportLab names each font's first
    subset AAAAAA+): letters from a hash of the subset's font program, so the same subset
    keeps its tag and different ones differ."""
    import pikepdf

    fonts = {}
    for page in pdf.pages:
        for font in page.obj.get("/Resources", {}).get("/Font", {}).values():
            fonts[font.objgen] = font
    used: set[str] = set()
    for _key, font in sorted(fonts.items()):
        base = str(font.get("/BaseFont", ""))
        descriptor = font.get("/FontDescriptor")
        if not _SUBSET.match(base.lstrip("/")) or descriptor is None:
            continue
        program = descriptor.get("/FontFile2") or descriptor.get("/FontFile3") or descriptor.get("/FontFile")
        seed = program.read_raw_bytes() if program is not None else base.encode()
        name = base.lstrip("/")[7:]
        tag, salt = "", 0
        while not tag or tag in used:
            h = hashlib.sha256(seed + name.encode() + bytes([salt])).digest()
            tag, salt = "".join(chr(65 + b % 26) for b in h[:6]), salt + 1
        used.add(tag)
        font.BaseFont = pikepdf.Name(f"/{tag}+{name}")
        descriptor.FontName = pikepdf.Name(f"/{tag}+{name}")


def escape(text: str) -> str:
    """&, < and > as XML entities (xml.sax.saxutils.escape without importing urllib, http and
    email with it: 10+ ms of every cold start)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _xmp_date(pdf_date: str) -> str:
    match = _PDF_DATE.match(pdf_date)
    if not match:
        return "2000-01-01T00:00:00Z"
    y, mo, d, h, mi, s = match.groups()
    return f"{y}-{mo}-{d}T{h}:{mi}:{s}Z"


def xmp_packet(meta: scene.DocumentMeta, created: str, modified: str, ident: uuid.UUID, *, pdfx: bool) -> str:
    """The XMP metadata: title, authors, subject, language, keywords, dates, IDs, the PDF/UA
    part and, for print, the PDF/X version."""
    authors = "".join(f"<rdf:li>{escape(a.strip())}</rdf:li>" for a in meta.author.split(",") if a.strip())
    lang = f"<dc:language><rdf:Bag><rdf:li>{escape(meta.language)}</rdf:li></rdf:Bag></dc:language>" if meta.language else ""
    x_part = f"<pdfxid:GTS_PDFXVersion>{escape(_pdfx_version())}</pdfxid:GTS_PDFXVersion>" if pdfx else ""
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"'
        ' xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/"'
        ' xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"'
        ' xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/">\n'
        f'<dc:format>application/pdf</dc:format>'
        f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(meta.title)}</rdf:li></rdf:Alt></dc:title>'
        f'<dc:creator><rdf:Seq>{authors}</rdf:Seq></dc:creator>'
        f'<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{escape(meta.subject)}</rdf:li></rdf:Alt></dc:description>'
        f'{lang}\n'
        f'<pdf:Producer>{escape(PRODUCER)}</pdf:Producer><pdf:Keywords>{escape(", ".join(meta.keywords))}</pdf:Keywords>'
        f'<pdf:Trapped>False</pdf:Trapped>\n'
        f'<xmp:CreatorTool>praatplaat</xmp:CreatorTool><xmp:CreateDate>{created}</xmp:CreateDate>'
        f'<xmp:ModifyDate>{modified}</xmp:ModifyDate><xmp:MetadataDate>{modified}</xmp:MetadataDate>\n'
        f'<xmpMM:DocumentID>uuid:{ident}</xmpMM:DocumentID><xmpMM:InstanceID>uuid:{ident}</xmpMM:InstanceID>'
        f'<xmpMM:VersionID>1</xmpMM:VersionID><xmpMM:RenditionClass>default</xmpMM:RenditionClass>\n'
        f'<pdfuaid:part>1</pdfuaid:part>{x_part}\n'
        '</rdf:Description></rdf:RDF></x:xmpmeta>\n'
        + (" " * 99 + "\n") * 20
        + '<?xpacket end="w"?>'
    )


def _pdfx_version() -> str:
    from generator.render.pdfx import VERSION

    return VERSION

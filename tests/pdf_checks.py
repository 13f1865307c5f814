"""Checks on finished PDFs, independent of the writer: they read the file with pikepdf (objects,
content streams, ToUnicode maps) and PDFium (marked content per page object), never the scene
or the renderer's own records.

- `ua_problems`: the machine-checkable PDF/UA-1 conditions listed in docs/print.md.
- `pdfx_problems`: a PDF/X-4 structural check.
- `text_colours`: every shown string with the fill colour it is painted in.
- `structure`: the structure tree read back, each element with the text of its marked content.
"""

from __future__ import annotations

import ctypes
import io
import re
from dataclasses import dataclass, field

import pikepdf
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

STANDARD = {"Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "TOC", "TOCI", "Index",
            "NonStruct", "Private", "P", "H", "H1", "H2", "H3", "H4", "H5", "H6", "L", "LI", "Lbl", "LBody",
            "Table", "TR", "TH", "TD", "THead", "TBody", "TFoot", "Span", "Quote", "Note", "Reference",
            "BibEntry", "Code", "Link", "Annot", "Ruby", "RB", "RT", "RP", "Warichu", "WT", "WP", "Figure",
            "Formula", "Form"}


# ----------------------------------------------------------------------------- structure


@dataclass
class Node:
    kind: str
    alt: str = ""
    text: str = ""  # its own marked content, in order
    kids: list["Node"] = field(default_factory=list)
    annots: list = field(default_factory=list)  # the /Contents of each OBJR-referenced annotation

    def walk(self):
        yield self
        for kid in self.kids:
            yield from kid.walk()

    def all_text(self) -> str:
        return self.text + "".join(k.all_text() for k in self.kids)


def mcid_texts(data: bytes) -> list[dict[int, str]]:
    """Per page: MCID -> the text of the page's text objects in that marked content (PDFium)."""
    pdf = pdfium.PdfDocument(data)
    out = []
    try:
        for page in pdf:
            texts: dict[int, str] = {}
            textpage = page.get_textpage()
            for obj in page.get_objects(max_depth=1):
                mcid = pdfium_c.FPDFPageObj_GetMarkedContentID(obj.raw)
                if mcid >= 0 and obj.type == pdfium_c.FPDF_PAGEOBJ_TEXT:
                    texts[mcid] = texts.get(mcid, "") + _object_text(obj, textpage)
            out.append(texts)
    finally:
        pdf.close()
    return out


def _object_text(obj, textpage) -> str:
    n = pdfium_c.FPDFTextObj_GetText(obj.raw, textpage.raw, None, 0)
    buffer = (ctypes.c_ushort * (n // 2 + 1))()
    pdfium_c.FPDFTextObj_GetText(obj.raw, textpage.raw, buffer, n)
    return bytes(buffer).decode("utf-16-le").split("\x00")[0]


def structure(data: bytes) -> Node:
    """The structure tree, with each element's marked-content text (by page and MCID)."""
    texts = mcid_texts(data)
    with pikepdf.open(io.BytesIO(data)) as pdf:
        pages = {page.obj.objgen: i for i, page in enumerate(pdf.pages)}

        def node(obj, page_of) -> Node:
            kind = str(obj.get("/S", "/?"))[1:]
            page = pages.get(obj.Pg.objgen) if "/Pg" in obj else page_of
            n = Node(kind, str(obj.get("/Alt", "")))
            kids = obj.get("/K")
            if kids is None:
                return n
            for kid in (kids if isinstance(kids, pikepdf.Array) else [kids]):
                if isinstance(kid, int):  # pikepdf gives direct integers as Python ints
                    n.text += texts[page].get(int(kid), "")
                elif kid.get("/Type") == "/MCR":
                    n.text += texts[pages[kid.Pg.objgen]].get(int(kid.MCID), "")
                elif kid.get("/Type") == "/OBJR":
                    n.annots.append(str(kid.Obj.get("/Contents", "")))
                else:
                    n.kids.append(node(kid, page))
            return n

        root = pdf.Root.StructTreeRoot
        kids = root.K if isinstance(root.K, pikepdf.Array) else [root.K]
        top = Node("StructTreeRoot")
        top.kids = [node(k, None) for k in kids]
        return top


# ----------------------------------------------------------------------------- PDF/UA


def ua_problems(data: bytes) -> list[str]:
    """Machine-checkable PDF/UA-1 conditions: Matterhorn Protocol checkpoints, or the clause of
    ISO 14289-1 where we name no checkpoint, in brackets (the list is in docs/print.md)."""
    problems: list[str] = []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        root = pdf.Root
        if not root.get("/MarkInfo", {}).get("/Marked", False):
            problems.append("[§7.1] MarkInfo /Marked is not true")
        if root.get("/MarkInfo", {}).get("/Suspects", False):
            problems.append("[§7.1] MarkInfo /Suspects is true")
        if "/StructTreeRoot" not in root:
            problems.append("[§7.1] no structure tree")
            return problems
        xmp = root.Metadata.read_bytes().decode("utf-8") if "/Metadata" in root else ""
        if not xmp:
            problems.append("[06-001] no XMP metadata stream")
        if not re.search(r"<pdfuaid:part>1</pdfuaid:part>", xmp):
            problems.append("[06-002] XMP lacks pdfuaid:part 1")
        if not re.search(r"<dc:title>.*?<rdf:li[^>]*>[^<]+</rdf:li>", xmp, re.S):
            problems.append("[06-003] XMP lacks dc:title")
        prefs = root.get("/ViewerPreferences", {})
        if "/DisplayDocTitle" not in prefs:
            problems.append("[07-001] ViewerPreferences lacks DisplayDocTitle")
        elif not prefs.DisplayDocTitle:
            problems.append("[07-002] DisplayDocTitle is false")
        if not str(root.get("/Lang", "")).strip():
            problems.append("[11-006] no document language (/Lang)")
        role_map = root.StructTreeRoot.get("/RoleMap", {})
        note_ids: set[str] = set()
        for element in _elements(root.StructTreeRoot):
            kind = str(element.get("/S"))[1:]
            if kind not in STANDARD and f"/{kind}" not in role_map:
                problems.append(f"[02-001] non-standard structure type {kind} without RoleMap")
            if kind == "Figure" and not str(element.get("/Alt", "")).strip():
                problems.append("[13-004] Figure without alternative text")
            if kind == "Note":
                ident = str(element.get("/ID", ""))
                if not ident:
                    problems.append("[19-003] Note without /ID")
                elif ident in note_ids:
                    problems.append(f"[19-004] Note /ID {ident} is not unique")
                note_ids.add(ident)
        problems += _heading_problems(root.StructTreeRoot)
        problems += _annotation_problems(pdf)
        problems += _font_problems(pdf)
    problems += _untagged_content(data)
    return problems


def _elements(tree):
    stack = [tree.K] if not isinstance(tree.K, pikepdf.Array) else list(reversed(list(tree.K)))
    while stack:
        element = stack.pop()
        if not isinstance(element, pikepdf.Dictionary) or element.get("/Type") in ("/MCR", "/OBJR"):
            continue
        yield element
        kids = element.get("/K")
        if isinstance(kids, pikepdf.Array):
            stack.extend(reversed(list(kids)))
        elif isinstance(kids, pikepdf.Dictionary):
            stack.append(kids)


def _heading_problems(tree) -> list[str]:
    levels = [int(str(e.S)[2:]) for e in _elements(tree) if re.fullmatch(r"/H[1-6]", str(e.S))]
    problems = []
    if levels and levels[0] != 1:
        problems.append(f"[14-002] the first heading is H{levels[0]}, not H1")
    for a, b in zip(levels, levels[1:]):
        if b > a + 1:
            problems.append(f"[14-003] heading level skipped: H{a} then H{b}")
            break
    return problems


def _annotation_problems(pdf) -> list[str]:
    problems = []
    parents = _parent_tree(pdf.Root.StructTreeRoot)
    for number, page in enumerate(pdf.pages, 1):
        annots = page.obj.get("/Annots", [])
        if annots and page.obj.get("/Tabs") != "/S":
            problems.append(f"[§7.18.3] page {number} has annotations but no /Tabs /S")
        for annot in annots:
            if annot.get("/Subtype") == "/Link":
                element = parents.get(int(annot.get("/StructParent", -1)))
                if element is None or element.get("/S") != "/Link":
                    problems.append(f"[28-011] page {number}: a link annotation not inside a Link element")
                elif not any(k.get("/Type") == "/OBJR" and k.Obj.objgen == annot.objgen
                             for k in element.K if isinstance(k, pikepdf.Dictionary)):
                    problems.append(f"[28-011] page {number}: the Link element does not reference its annotation")
                if not str(annot.get("/Contents", "")).strip():
                    problems.append(f"[28-012] page {number}: a link annotation without /Contents")
    return problems


def _parent_tree(tree) -> dict[int, object]:
    nums = tree.ParentTree.get("/Nums", [])
    return {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}


def _font_problems(pdf) -> list[str]:
    problems = []
    tags: dict[str, str] = {}
    for font in _fonts(pdf):
        name = str(font.get("/BaseFont", "?"))
        descriptor = font.get("/FontDescriptor")
        if descriptor is None or not any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
            problems.append(f"[§7.21.4.1] font {name} is not embedded")
        if "/ToUnicode" not in font:
            problems.append(f"[§7.21.7] font {name} has no ToUnicode map")
        match = re.match(r"/([A-Z]{6})\+(.*)", name)
        if match:
            if tags.get(match.group(1), match.group(2)) != match.group(2):
                problems.append(f"subset tag {match.group(1)} used by two fonts ({name})")
            tags[match.group(1)] = match.group(2)
    return problems


def _fonts(pdf):
    seen = {}
    for page in pdf.pages:
        for font in page.obj.get("/Resources", {}).get("/Font", {}).values():
            seen[font.objgen] = font
    return list(seen.values())


def _untagged_content(data: bytes) -> list[str]:
    """[01-005] every page object is in tagged content (an MCID) or an artifact."""
    problems = []
    pdf = pdfium.PdfDocument(data)
    try:
        for number, page in enumerate(pdf, 1):
            for obj in page.get_objects(max_depth=1):
                if obj.type == pdfium_c.FPDF_PAGEOBJ_PATH and _invisible_path(obj):
                    continue  # a clipping path paints nothing
                mcid = pdfium_c.FPDFPageObj_GetMarkedContentID(obj.raw)
                if mcid < 0 and "Artifact" not in _mark_names(obj):
                    problems.append(f"[01-005] page {number}: a page object neither tagged nor an artifact")
                    break
    finally:
        pdf.close()
    return problems


def _invisible_path(obj) -> bool:
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    pdfium_c.FPDFPath_GetDrawMode(obj.raw, fill, stroke)
    return fill.value == 0 and not stroke.value


def _mark_names(obj) -> list[str]:
    names = []
    for i in range(pdfium_c.FPDFPageObj_CountMarks(obj.raw)):
        mark = pdfium_c.FPDFPageObj_GetMark(obj.raw, i)
        length = ctypes.c_ulong()
        pdfium_c.FPDFPageObjMark_GetName(mark, None, 0, length)
        buffer = (ctypes.c_ushort * (length.value // 2 + 1))()
        pdfium_c.FPDFPageObjMark_GetName(mark, buffer, length.value, length)
        names.append(bytes(buffer).decode("utf-16-le").split("\x00")[0])
    return names


# ----------------------------------------------------------------------------- colours


def _cmap(font) -> dict[bytes, str]:
    """A font's ToUnicode map: code bytes -> text (bfchar and bfrange)."""
    data = font.ToUnicode.read_bytes().decode("latin-1")
    out: dict[bytes, str] = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", data, re.S):
        for code, text in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            out[bytes.fromhex(code)] = bytes.fromhex(text).decode("utf-16-be")
    for block in re.findall(r"beginbfrange(.*?)endbfrange", data, re.S):
        for lo, hi, text in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            start, width = int(lo, 16), len(lo) // 2
            first = int(text, 16)
            for code in range(start, int(hi, 16) + 1):
                out[code.to_bytes(width, "big")] = chr(first + code - start)
    return out


def text_colours(data: bytes) -> list[tuple[int, str, tuple, float, bool]]:
    """Every shown string: (page number, text, fill colour as (operator, *values), font size,
    overprint on), from the content streams' operators."""
    out = []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            resources = page.obj.Resources
            fonts = resources.get("/Font", {})
            states = resources.get("/ExtGState", {})
            maps = {name: _cmap(font) for name, font in fonts.items() if "/ToUnicode" in font}
            stack, fill, font, size, overprint = [], ("g", 0.0), None, 0.0, False
            for operands, op in pikepdf.parse_content_stream(page):
                op = str(op)
                if op == "q":
                    stack.append((fill, overprint))
                elif op == "Q":
                    fill, overprint = stack.pop()
                elif op in ("g", "rg", "k", "sc", "scn"):
                    fill = (op,) + tuple(round(float(v), 4) for v in operands if not isinstance(v, pikepdf.Name))
                elif op == "cs":
                    fill = ("cs " + str(operands[0]),)
                elif op == "gs":
                    state = states.get(str(operands[0]), {})
                    if "/op" in state or "/OP" in state:
                        overprint = bool(state.get("/op", state.get("/OP")))
                elif op == "Tf":
                    font, size = str(operands[0]), float(operands[1])
                elif op in ("Tj", "'", '"', "TJ"):
                    strings = operands[-1] if op == "TJ" else [operands[-1]]
                    raw = b"".join(bytes(s) for s in strings if isinstance(s, pikepdf.String))
                    mapping = maps.get(font, {})
                    text = "".join(mapping.get(bytes([b]), "\ufffd") for b in raw)
                    out.append((number, text, fill, size, overprint))
    return out


# ----------------------------------------------------------------------------- PDF/X-4


_COLOUR_SPACES = re.compile(rb"/(DeviceRGB|CalRGB|Lab|DeviceGray|CalGray|ICCBased)\b")


def pdfx_problems(data: bytes) -> list[str]:
    """PDF/X-4 structure: version, output intent with a CMYK profile, XMP and Info version and
    Trapped, document ID, boxes on every page, no RGB/Lab/gray colour (operators or spaces), no
    transparency groups or soft masks, fonts embedded, no annotations on the sheet."""
    problems = []
    if not data.startswith(b"%PDF-1.") or int(data[7:8]) > 6:
        problems.append(f"PDF version {data[5:8].decode()} (PDF/X-4: at most 1.6)")
    with pikepdf.open(io.BytesIO(data)) as pdf:
        root = pdf.Root
        intents = [i for i in root.get("/OutputIntents", []) if i.get("/S") == "/GTS_PDFX"]
        if len(intents) != 1:
            problems.append(f"{len(intents)} GTS_PDFX output intents (need one)")
        else:
            profile = intents[0].get("/DestOutputProfile")
            if profile is None or int(profile.get("/N", 0)) != 4:
                problems.append("output intent without a 4-channel DestOutputProfile")
            elif profile.read_bytes()[16:20] != b"CMYK":
                problems.append("output profile is not a CMYK profile")
            if not str(intents[0].get("/OutputConditionIdentifier", "")):
                problems.append("output intent without OutputConditionIdentifier")
        xmp = root.Metadata.read_bytes().decode("utf-8") if "/Metadata" in root else ""
        if "<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>" not in xmp:
            problems.append("XMP lacks pdfxid:GTS_PDFXVersion PDF/X-4")
        for key in ("xmp:CreateDate", "xmp:ModifyDate", "xmpMM:DocumentID", "xmpMM:VersionID",
                    "xmpMM:RenditionClass", "pdf:Trapped"):
            if f"<{key}>" not in xmp:
                problems.append(f"XMP lacks {key}")
        info = pdf.docinfo
        if info.get("/Trapped") not in ("/True", "/False"):
            problems.append(f"Info /Trapped is {info.get('/Trapped')!r}, not /True or /False")
        if not str(info.get("/Title", "")):
            problems.append("Info has no /Title")
        if "/ID" not in pdf.trailer:
            problems.append("no document /ID")
        for number, page in enumerate(pdf.pages, 1):
            problems += [f"page {number}: {p}" for p in _box_problems(page.obj)]
            if page.obj.get("/Annots"):
                problems.append(f"page {number}: annotations on the sheet")
            if "/Group" in page.obj:
                problems.append(f"page {number}: a transparency group")
            if _COLOUR_SPACES.search(page.obj.Contents.read_bytes() if "/Contents" in page.obj else b""):
                problems.append(f"page {number}: a non-CMYK colour space in the content")
            resources = page.obj.get("/Resources", {})
            for operands, op in pikepdf.parse_content_stream(page):
                op = str(op)
                if op in ("rg", "RG", "g", "G"):
                    problems.append(f"page {number}: device RGB or gray colour operator {op}")
                kind = {"gs": "/ExtGState", "Tf": "/Font", "sh": "/Shading", "Do": "/XObject"}.get(op)
                if kind and str(operands[0]) not in resources.get(kind, {}):
                    problems.append(f"page {number}: {op} uses {operands[0]}, not in the page's {kind}")
        for obj in pdf.objects:
            if isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)):
                cs = obj.get("/ColorSpace")
                if cs is not None and str(cs) != "/DeviceCMYK" and obj.get("/Type") != "/OutputIntent":
                    problems.append(f"object {obj.objgen}: colour space {cs}")
                if "/SMask" in obj and obj.get("/SMask") != "/None":
                    problems.append(f"object {obj.objgen}: a soft mask")
                for key in ("/CA", "/ca"):
                    if key in obj and float(obj[key]) != 1.0:
                        problems.append(f"object {obj.objgen}: transparency {key} {obj[key]}")
        problems += [p for p in _font_problems(pdf) if "embedded" in p]
    return problems


def _box_problems(page) -> list[str]:
    def box(key):
        return [float(v) for v in page[key]] if key in page else None

    media, trim, bleed = box("/MediaBox"), box("/TrimBox"), box("/BleedBox")
    if trim is None:
        return ["no TrimBox"]
    if bleed is None:
        return ["no BleedBox"]

    def inside(inner, outer):
        return (inner[0] >= outer[0] - 1e-3 and inner[1] >= outer[1] - 1e-3
                and inner[2] <= outer[2] + 1e-3 and inner[3] <= outer[3] + 1e-3)

    out = []
    if not inside(bleed, media):
        out.append("BleedBox outside the MediaBox")
    if not inside(trim, bleed):
        out.append("TrimBox outside the BleedBox")
    return out


def marked_text(data: bytes) -> list[tuple[int, str, str, dict]]:
    """Every shown string with the innermost marked content around it: (page number, text,
    tag such as 'P' or 'Artifact', its properties as a dict of str)."""
    out = []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            fonts = page.obj.Resources.get("/Font", {})
            maps = {name: _cmap(font) for name, font in fonts.items() if "/ToUnicode" in font}
            stack: list[tuple[str, dict]] = []
            font = None
            for operands, op in pikepdf.parse_content_stream(page):
                op = str(op)
                if op == "BMC":
                    stack.append((str(operands[0])[1:], {}))
                elif op == "BDC":
                    props = operands[1]
                    stack.append((str(operands[0])[1:], {str(k): str(v) for k, v in props.items()}
                                  if isinstance(props, pikepdf.Dictionary) else {}))
                elif op == "EMC":
                    stack.pop()
                elif op == "Tf":
                    font = str(operands[0])
                elif op in ("Tj", "TJ"):
                    strings = operands[-1] if op == "TJ" else [operands[-1]]
                    raw = b"".join(bytes(s) for s in strings if isinstance(s, pikepdf.String))
                    text = "".join(maps.get(font, {}).get(bytes([b]), "\ufffd") for b in raw)
                    tag, props = stack[-1] if stack else ("", {})
                    out.append((number, text, tag, props))
    return out

"""Tagged PDF: marked content while the page is drawn, and the structure tree afterwards.

The tags come from the scene, never from the page: every group may carry a `scene.Role`, and
a drawn item belongs to the element of the innermost role around it (its ancestry included).
While the PDF renderer walks the scene it asks `Tagger.leaf(chain)` before drawing an item;
the tagger writes `/P <</MCID n>> BDC … EMC` around real content (one marked-content sequence
for consecutive items of one element) and `/Artifact BMC … EMC` around decoration and around
items no role covers. Elements are made in reading order (the scene's order); a role object
met again right after itself continues its element (a paragraph's lines in separate rows, on
the next page too).

`write_structure` then turns the recorded elements into a StructTreeRoot with a ParentTree
(with pikepdf, on the finished file): MCIDs per page, OBJR references to link annotations.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from generator import scene

ARTIFACT = scene.ARTIFACT_KIND
# Structure types this renderer writes (PDF 1.7 standard types: no RoleMap is needed).
STANDARD = frozenset({"Document", "Part", "Sect", "Div", "H1", "H2", "H3", "H4", "H5", "H6", "P", "L", "LI",
                      "Lbl", "LBody", "Figure", "Link", "Note", "Caption", "Span", "Reference", "BlockQuote",
                      "TOC", "TOCI"})


@dataclass(eq=False)
class Element:
    """A structure element: its type, alternative text, language and kids in order. A kid
    is an Element, an (page, mcid) marked-content reference or an ("annot", page, number)
    link annotation reference (number: the annotation's place in the page's /Annots)."""

    kind: str
    alt: str = ""
    lang: str = ""
    kids: list = field(default_factory=list)


@dataclass
class Structure:
    """What the renderer recorded: the document element, per page the element of each MCID,
    and the link annotations (page, element, alt text) in the order they were made."""

    root: Element
    marks: list[list[Element]]
    annots: list[tuple[int, Element, str]]


def role_chain(outer: tuple[scene.Role, ...], role: scene.Role | None) -> tuple[scene.Role, ...]:
    """The chain of roles inside a group with `role` placed where `outer` is the chain."""
    if role is None:
        return outer
    return outer + tuple(r for r in role.chain() if not any(r is o for o in outer))


def is_artifact(chain: tuple[scene.Role, ...]) -> bool:
    return not chain or any(r.kind == ARTIFACT for r in chain)


ARTIFACT_TYPES = frozenset({"Pagination", "Layout", "Page", "Background"})


def artifact_operator(chain: tuple[scene.Role, ...]) -> str:
    """The operator that opens an artifact: typed (`/Artifact <</Type /Pagination>> BDC`) when
    the innermost artifact role says its type, else `/Artifact BMC`."""
    kind = next((r.artifact for r in reversed(chain) if r.kind == ARTIFACT), "")
    if not kind:
        return "/Artifact BMC"
    if kind not in ARTIFACT_TYPES:
        raise ValueError(f"unknown artifact type {kind!r} (known: {', '.join(sorted(ARTIFACT_TYPES))})")
    return f"/Artifact <</Type /{kind}>> BDC"


class Tagger:
    """Writes marked-content operators through `emit` and records the elements they belong to."""

    def __init__(self, emit: Callable[[str], None]):
        self.emit = emit
        self.root = Element("Document")
        self.stack: list[tuple[scene.Role, Element]] = []  # open elements, outermost first
        self.marks: list[list[Element]] = []
        self.annots: list[tuple[int, Element, str]] = []
        self.page = -1
        self.open: Element | str | None = None  # the open sequence's element, artifact operator or None
        self.on_mark: Callable[[tuple[scene.Role, ...]], None] | None = None  # told before each BDC

    # pages ------------------------------------------------------------------------
    def start_page(self) -> None:
        self.close()
        self.page += 1
        self.marks.append([])

    def structure(self) -> Structure:
        self.close()
        return Structure(self.root, self.marks, self.annots)

    # marked content ---------------------------------------------------------------
    def close(self) -> None:
        """End the open marked-content sequence (before a Q, a form copy or the page's end)."""
        if self.open is not None:
            self.emit("EMC")
            self.open = None

    def leaf(self, chain: tuple[scene.Role, ...]) -> None:
        """Make sure the content drawn next is marked as `chain`'s element (or an artifact)."""
        target: Element | str = artifact_operator(chain) if is_artifact(chain) else self.element(chain)
        if target is self.open or (isinstance(target, str) and target == self.open):
            return
        self.close()
        if isinstance(target, str):
            self.emit(target)
            self.open = target
        else:
            if self.on_mark is not None:
                self.on_mark(chain)
            self.emit(self._begin(target))

    def _begin(self, target: Element) -> str:
        """A new MCID in `target` on this page: its BDC operator (the sequence is now open)."""
        marks = self.marks[self.page]
        target.kids.append((self.page, len(marks)))
        marks.append(target)
        self.open = target
        return f"/{target.kind} <</MCID {len(marks) - 1}>> BDC"

    def again(self, chain: tuple[scene.Role, ...]) -> str:
        """The BDC operator for recorded content drawn again (a copied frame): a new MCID in
        the element `chain` resolves to here, as if the content were drawn in this place."""
        self.open = None  # the recorded operators close each sequence themselves
        return self._begin(self.element(chain))

    def element(self, chain: tuple[scene.Role, ...]) -> Element:
        """The element for `chain`: the open ones it shares (by identity), new ones below them."""
        depth = 0
        while depth < min(len(chain), len(self.stack)) and self.stack[depth][0] is chain[depth]:
            depth += 1
        del self.stack[depth:]
        for role in chain[depth:]:
            if role.kind not in STANDARD:
                raise ValueError(f"unknown structure type {role.kind!r} (known: {', '.join(sorted(STANDARD))})")
            element = Element(role.kind, role.alt, role.lang)
            (self.stack[-1][1] if self.stack else self.root).kids.append(element)
            self.stack.append((role, element))
        return self.stack[-1][1] if self.stack else self.root

    def link(self, chain: tuple[scene.Role, ...], number: int, alt: str) -> None:
        """A link annotation (the `number`-th on this page): in its Link element, or in a new
        Link element inside the element around it (a link in a paragraph; at the top level
        for a link no role covers: every annotation must be in the structure)."""
        artifact = is_artifact(chain)
        element = self.root if artifact else self.element(chain)
        if element.kind != "Link":
            if self.open is element:
                self.close()  # the paragraph's text after the link is a new sequence
            parent = element
            element = Element("Link", alt)  # in a paragraph the text is the paragraph's: /Alt says it
            parent.kids.append(element)
        element.kids.append(("annot", self.page, number))
        self.annots.append((self.page, element, alt))


# ----------------------------------------------------------------------------- writing


def write_structure(pdf, structure: Structure, lang: str) -> None:
    """Add StructTreeRoot, ParentTree, StructParents/StructParent, MarkInfo and Tabs to an
    open pikepdf.Pdf whose pages and annotations are the ones the structure was recorded on."""
    import pikepdf
    from pikepdf import Array, Dictionary, Name

    pages = list(pdf.pages)
    if len(structure.marks) != len(pages):
        raise ValueError(f"structure for {len(structure.marks)} pages, PDF has {len(pages)}")
    tree = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
    refs: dict[int, pikepdf.Object] = {}
    notes: list = []
    annots = [list(page.obj.get("/Annots", Array())) for page in pages]

    def make(element: Element, parent) -> pikepdf.Object:
        obj = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name("/" + element.kind), P=parent))
        refs[id(element)] = obj
        page_of = next((kid[0] for kid in element.kids if isinstance(kid, tuple) and len(kid) == 2), None)
        if page_of is not None:
            obj.Pg = pages[page_of].obj
        kids = []  # a Python list, made an Array once (pikepdf's Array.extend copies: quadratic)
        for kid in element.kids:
            if isinstance(kid, Element):
                kids.append(make(kid, obj))
            elif len(kid) == 2:
                page, mcid = kid
                kids.append(mcid if page == page_of else Dictionary(Type=Name.MCR, Pg=pages[page].obj, MCID=mcid))
            else:
                _, page, number = kid
                kids.append(Dictionary(Type=Name.OBJR, Pg=pages[page].obj, Obj=annots[page][number]))
        obj.K = Array(kids)
        if element.kind == "Note":  # PDF/UA-1 7.9: every Note has an ID, unique in the file
            notes.append(obj)
            obj.ID = pikepdf.String(f"note-{len(notes)}")
        if element.alt:
            obj.Alt = pikepdf.String(element.alt)
        if element.lang:
            obj.Lang = pikepdf.String(element.lang)
        return obj

    document = make(structure.root, tree)
    if lang:
        document.Lang = pikepdf.String(lang)
    tree.K = document
    nums: list = []
    for index, page in enumerate(pages):
        page.obj.StructParents = index
        page.obj.Tabs = Name.S
        nums.extend([index, Array([refs[id(e)] for e in structure.marks[index]])])
    key = len(pages)
    seen: dict[int, int] = {}
    for page, element, alt in structure.annots:
        number = seen[page] = seen.get(page, -1) + 1
        annot = annots[page][number]
        annot.StructParent = key
        annot.Contents = pikepdf.String(alt)
        annot.F = 4  # Print: the same links on paper and screen, none hidden
        nums.extend([key, refs[id(element)]])
        key += 1
    for page, found in enumerate(annots):  # every link the renderer made has its element
        if len(found) != sum(1 for p, _e, _a in structure.annots if p == page):
            raise ValueError(f"page {page + 1}: {len(found)} annotations, but the structure has "
                             f"{sum(1 for p, _e, _a in structure.annots if p == page)}")
    tree.ParentTree = pdf.make_indirect(Dictionary(Nums=Array(nums)))
    tree.ParentTreeNextKey = key
    pdf.Root.StructTreeRoot = tree
    pdf.Root.MarkInfo = Dictionary(Marked=True)

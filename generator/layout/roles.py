"""Structure roles for the layouts: what a placed item *is* (heading, paragraph, list item,
figure, decoration), for tagged PDF. The layouts call these where they make the items; the
renderers read `scene.Group.role` and never guess structure from the page.

One `scene.Role` object is one structure element: pass the same object to every row of a
paragraph, a new one for the next paragraph. See generator/render/tags.py.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Sequence

from generator import scene
from generator.scene import Role, artifact

__all__ = ["Role", "artifact", "tagged", "tag_rows", "tag_frame", "list_item", "diagram_alt", "place_alt"]


def tagged(item: scene.Item, role: Role | None) -> scene.Item:
    """`item` inside a group with `role` (placed where the item would be placed)."""
    if role is None:
        return item
    if isinstance(item, scene.Group) and item.role is None:
        return replace(item, role=role)
    return scene.Group(scene.Frame(0.0, 0.0, (scene.Placed(0.0, 0.0, item),)), role=role)


def tag_frame(frame: scene.Frame, role: Role | None) -> scene.Frame:
    """A frame of the same size whose content is one group with `role`."""
    if role is None:
        return frame
    return scene.Frame(frame.width, frame.height, (scene.Placed(0.0, 0.0, scene.Group(frame, role=role)),))


def tag_rows(rows: Sequence, role: Role | None) -> tuple:
    """Flow rows (generator.layout.flow.Row) whose content is `role`; filler rows too."""
    if role is None:
        return tuple(rows)
    out = []
    for row in rows:
        if row.fill is not None:
            make = row.fill.make
            out.append(replace(row, fill=replace(row.fill, make=lambda w, h, make=make: tag_frame(make(w, h), role))))
        else:
            out.append(replace(row, frame=tag_frame(row.frame, role)))
    return tuple(out)


def list_item(parent: Role) -> tuple[Role, Role]:
    """(label, body) roles of a new list item in the list `parent`."""
    item = Role("LI", parent)
    return Role("Lbl", item), Role("LBody", item)


def diagram_alt(description: str, names: Sequence[str], start: str, end: str) -> str:
    """The diagram's text alternative: the content's description, the themes in order from
    the abstract end to the concrete end (as the HTML edition's caption lists them)."""
    listed = "; ".join(f"{n}. {name}" for n, name in enumerate(names, 1))
    return f"{description} {listed} ({start} → {end})".strip()


def place_alt(name: str, names: Sequence[str], start: str, end: str) -> str:
    """The text alternative of a theme poster's strip: the theme's name, then every theme in
    order along the axis (where the strip shows it as a bubble among the others' dots)."""
    return f"{name}: {diagram_alt('', names, start, end)}"

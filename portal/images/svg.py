"""SVG diagrams from the launch content files: checked against an
allow-list before they are stored.

SVG is a document format that can carry script, event handlers and links
to other files, so it is never accepted as an upload (portal.uploads takes
JPEG, PNG and WebP only). The launch diagrams are drawn in the repository
and reviewed there; this check keeps one that grew a script, a style sheet
or an outside reference from reaching the site anyway.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree

SVG_NAMESPACE = "{http://www.w3.org/2000/svg}"
ELEMENTS = {
    "svg", "title", "desc", "g", "path", "circle", "ellipse", "rect", "line", "polyline",
    "polygon", "text", "tspan", "defs", "marker",
}  # fmt: skip
ATTRIBUTES = {
    "viewBox", "width", "height", "role", "aria-labelledby", "id", "x", "y", "x1", "y1", "x2",
    "y2", "cx", "cy", "r", "rx", "ry", "d", "points", "fill", "fill-opacity", "stroke",
    "stroke-width", "stroke-linecap", "stroke-linejoin", "stroke-dasharray", "opacity",
    "transform", "font-family", "font-size", "font-weight", "text-anchor", "markerWidth",
    "markerHeight", "refX", "refY", "orient", "marker-end", "marker-start", "dx", "dy",
    "dominant-baseline", "lang",
}  # fmt: skip
# marker-end="url(#arrow)" may point only inside the file.
OUTSIDE_REFERENCE = re.compile(r"url\(\s*['\"]?(?!#)", re.IGNORECASE)
NUMBER = re.compile(r"^\d+(\.\d+)?$")


class UnsafeSvg(ValueError):
    """An SVG file that is not a plain drawing."""


def checked(text: str) -> tuple[int, int]:
    """The drawing's (width, height) if `text` holds nothing but allowed
    elements and attributes; raises UnsafeSvg naming what it found."""
    if "<!DOCTYPE" in text.upper() or "<!ENTITY" in text.upper():
        raise UnsafeSvg("a document type or entity declaration")
    try:
        root = ElementTree.fromstring(text)  # noqa: S314 (no DTD, see above; a file from the repository)
    except ElementTree.ParseError as error:
        raise UnsafeSvg(f"not well-formed XML ({error})") from error
    for element in root.iter():
        name = element.tag.removeprefix(SVG_NAMESPACE)
        if name not in ELEMENTS:
            raise UnsafeSvg(f"the element <{name}>")
        for attribute, value in element.attrib.items():
            if attribute not in ATTRIBUTES:
                raise UnsafeSvg(f"the attribute {attribute} on <{name}>")
            if OUTSIDE_REFERENCE.search(value):
                raise UnsafeSvg(f"an outside reference in {attribute} on <{name}>")
    if root.tag != f"{SVG_NAMESPACE}svg":
        raise UnsafeSvg("a root element other than <svg>")
    width, height = root.get("width", ""), root.get("height", "")
    if not (NUMBER.match(width) and NUMBER.match(height)):
        raise UnsafeSvg("no width and height in pixels on <svg>")
    return round(float(width)), round(float(height))

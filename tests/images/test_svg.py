"""Launch diagrams: SVG passes only as a plain drawing."""

from pathlib import Path

import pytest

from portal.content.loader import LAUNCH_DIR
from portal.images import svg

OPEN = '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50" viewBox="0 0 100 50">'


@pytest.mark.parametrize("path", sorted((LAUNCH_DIR / "images").glob("*.svg")), ids=Path.name.fget)
def test_every_launch_diagram_is_a_plain_drawing_with_a_size(path):
    width, height = svg.checked(path.read_text())
    assert width >= 320 and height > 0


def test_a_plain_drawing_passes():
    assert svg.checked(OPEN + '<circle cx="5" cy="5" r="4" fill="#000"/></svg>') == (100, 50)


@pytest.mark.parametrize(
    ("inside", "named"),
    [
        ("<script>alert(1)</script>", "the element <script>"),
        ('<circle r="4" onload="alert(1)"/>', "the attribute onload"),
        ('<image href="https://tracker.example/x.png"/>', "the element <image>"),
        ("<style>circle { fill: url(https://x.example/a) }</style>", "the element <style>"),
        ('<circle r="4" fill="url(https://x.example/#a)"/>', "an outside reference"),
        ('<foreignObject><p xmlns="http://www.w3.org/1999/xhtml">Hi</p></foreignObject>',
         "the element <foreignObject>"),
    ],
)  # fmt: skip
def test_script_styles_and_outside_references_are_refused(inside, named):
    with pytest.raises(svg.UnsafeSvg, match=named):
        svg.checked(OPEN + inside + "</svg>")


def test_an_entity_declaration_is_refused_before_parsing():
    bomb = '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa">]>' + OPEN + "&a;</svg>"
    with pytest.raises(svg.UnsafeSvg, match="entity declaration"):
        svg.checked(bomb)


def test_a_drawing_without_a_size_in_pixels_is_refused():
    with pytest.raises(svg.UnsafeSvg, match="width and height"):
        svg.checked('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"></svg>')

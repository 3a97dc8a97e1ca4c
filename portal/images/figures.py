"""Figures on pages: the markers `portal.markdown` leaves for
"[figure: name]" lines, replaced by the images themselves when a page is
shown.

Visitors see approved images only; a marker naming an image that is not
approved (or no longer exists) shows nothing, never an error. Staff
previewing a page see images still in review too, so a moderator checks a
page with its pictures before approving it. Every marker of a page is
resolved with one query, however many figures it holds.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.files.storage import default_storage
from django.utils.html import format_html
from django.utils.safestring import SafeString

from portal.images.models import Image
from portal.markdown import FIGURE_MARKER

# How wide a figure is drawn: the page's text column on a wide screen
# (static/css/portal.css, .prose), the screen less its margins on a phone.
SIZES = "(min-width: 48rem) 42rem, calc(100vw - 2rem)"


def names_in(html: str) -> set[str]:
    return set(FIGURE_MARKER.findall(html or ""))


def figure_html(image: Image) -> SafeString:
    """A <figure> for `image`: alt text, its shown size (so nothing moves
    while it loads), lazy loading, renditions for each screen width, and a
    caption with the credit and licence."""
    width, height = image.shown_size
    urls = image.rendition_urls()
    if urls:
        src = urls[-1][1]
        srcset = ", ".join(f"{url} {size}w" for size, url in urls)
        img = format_html(
            '<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}" '
            'loading="lazy" decoding="async">',
            src, srcset, SIZES, width, height, image.alt,
        )  # fmt: skip
    else:
        # A vector diagram is sharp at any width: one file serves every screen.
        img = format_html(
            '<img src="{}" width="{}" height="{}" alt="{}" loading="lazy" decoding="async">',
            default_storage.url(image.file.name), width, height, image.alt,
        )  # fmt: skip
    caption = (
        format_html('<span class="figure-caption">{}</span> ', image.caption)
        if (image.caption)
        else ""
    )
    return format_html(
        '<figure class="figure">{}<figcaption>{}<small class="figure-credit">'
        "Image: {}. Licence: {}.</small></figcaption></figure>",
        img, caption, image.credit.rstrip("."), image.licence.rstrip("."),
    )  # fmt: skip


def with_figures(html: str, images: dict[str, Image]) -> str:
    """`html` with each marker replaced by its image's figure (or nothing)."""
    if "<!--figure:" not in html:
        return html
    return FIGURE_MARKER.sub(
        lambda match: figure_html(images[match[1]]) if match[1] in images else "", html
    )


def images_named(names: Iterable[str], *, unapproved_too: bool = False) -> dict[str, Image]:
    """{name: image} for the names, in one query: approved images only,
    unless `unapproved_too` (a staff preview)."""
    names = set(names)
    if not names:
        return {}
    images = Image.objects.all() if unapproved_too else Image.objects.published()
    return {image.slug: image for image in images.filter(slug__in=names)}


def place_figures(item: Any, *, unapproved_too: bool = False) -> None:
    """Put the figures into each of `item`'s rendered Markdown fields (on
    this instance only, for the page being shown: what is stored keeps its
    markers)."""
    fields = [f"{name}_html" for name in getattr(item, "markdown_fields", ())]
    html = {field: getattr(item, field) or "" for field in fields}
    images = images_named(
        set().union(*(names_in(value) for value in html.values())), unapproved_too=unapproved_too
    )
    for field, value in html.items():
        if "<!--figure:" in value:
            setattr(item, field, with_figures(value, images))

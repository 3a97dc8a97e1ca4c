"""Markdown to safe HTML.

Editors write Markdown; visitors get HTML that has passed an allow-list
sanitiser (nh3). Whatever the Markdown holds, no script, event handler,
`javascript:` link, style attribute or foreign iframe reaches a page.
"""

import re
from html import unescape

import markdown as markdown_lib
import nh3
from django.conf import settings
from django.utils.html import strip_tags
from django.utils.text import slugify

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "details",
    "dl", "dt", "em", "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i",
    "iframe", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "small",
    "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th",
    "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"src", "alt", "title", "width", "height"},
    "iframe": {"src", "title", "allowfullscreen", "width", "height"},
    "ol": {"start"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}
# Headings are placed relative to the page: h1 is the page's own title, so
# a text's highest heading becomes an h2 (or an h3 inside a section that has
# its own h2), and the rest keep their distance from it. Editors then cannot
# skip levels by starting with "###".
HEADING_TAG = re.compile(r"<(/?)h([1-6])\b")
OPENING_HEADING = re.compile(r"<h([1-6])>(.*?)</h\1>", re.DOTALL)
# nh3's output quotes every attribute value, so quoted runs can be skipped.
IFRAME = re.compile(r'<iframe\b((?:[^>"]|"[^"]*")*)>(.*?)</iframe>', re.DOTALL)
ATTRIBUTE = re.compile(r'([\w-]+)="[^"]*"')
ATTRIBUTE_VALUE = re.compile(r'([\w-]+)="([^"]*)"')


def _is_allowed_embed(url):
    # Compare the literal prefix: browsers and urlsplit disagree about
    # oddities such as "https://evil.example\\@allowed.host/".
    if any(char in url for char in "\\ \t\n\r@"):
        return False
    return any(url.startswith(f"https://{host}/") for host in settings.VIDEO_EMBED_HOSTS)


def _filter_attribute(tag, attribute, value):
    if tag == "iframe" and attribute == "src" and not _is_allowed_embed(value):
        return None
    return value


def sanitise_html(html):
    """Keep only allow-listed tags and attributes; drop iframes from other hosts."""
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        attribute_filter=_filter_attribute,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    # An iframe whose src was refused is an empty box; remove it entirely.
    return IFRAME.sub(_without_sourceless_iframe, cleaned)


def _without_sourceless_iframe(match):
    return match[0] if "src" in ATTRIBUTE.findall(match[1]) else ""


# A figure from the image library: a line of its own, "[figure: calf-stretch]".
# It becomes a marker the page replaces with the approved image when it is
# shown (portal.images.figures), so a change to the image (its alt text, its
# crop) reaches every page without saving them again. The marker is an HTML
# comment added after sanitising, which strips every comment an editor
# writes: no Markdown can make one, and unresolved it shows nothing.
FIGURE_PARAGRAPH = re.compile(r"<p>\[figure:\s*([a-z0-9]+(?:-[a-z0-9]+)*)\s*\]</p>")
FIGURE_MARKER = re.compile(r"<!--figure:([a-z0-9]+(?:-[a-z0-9]+)*)-->")
# Any line an editor meant as a figure, well written or not.
FIGURE_LINE = re.compile(r"^[ \t]*\[figure:([^\]\n]*)\][ \t]*$", re.MULTILINE | re.IGNORECASE)
FIGURE_NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def figure_lines(text):
    """The names each "[figure: …]" line in Markdown `text` gives, as written
    (stripped), in order."""
    return [name.strip() for name in FIGURE_LINE.findall(text or "")]


def figure_problems(text, known):
    """Why the figures `text` places cannot be shown ([] if they can):
    `known` is the set of names in the image library."""
    problems = []
    for name in figure_lines(text):
        if not FIGURE_NAME.match(name):
            problems.append(
                f"“[figure: {name}]” is not an image name: use the image's name from the image "
                "library, in lower case with hyphens, e.g. [figure: calf-stretch]."
            )
        elif name not in known:
            problems.append(
                f"No image in the library is named “{name}”: add it under Images, or correct "
                "the name."
            )
    return problems


def render_markdown(text, top_heading=2, id_prefix=""):
    """Render editor Markdown to sanitised HTML. The text's highest heading
    becomes `top_heading` (the others keep their distance, down to h6), and
    each heading gets an id made from its words (after `id_prefix`, which
    keeps several texts on one page apart), for "On this page" links.
    A "[figure: name]" line becomes a marker for the image (FIGURE_MARKER)."""
    if not text:
        return ""
    html = markdown_lib.markdown(text, extensions=["extra", "sane_lists"], output_format="html")
    # A heading inside a comment is not shown: it must not set the levels.
    html = COMMENT.sub("", html)
    levels = [int(level) for _, level in HEADING_TAG.findall(html)]
    if levels:
        shift = top_heading - min(levels)
        html = HEADING_TAG.sub(lambda m: f"<{m[1]}h{min(int(m[2]) + shift, 6)}", html)
    html = FIGURE_PARAGRAPH.sub(r"<!--figure:\1-->", sanitise_html(html))
    return _with_heading_ids(IFRAME.sub(_play_link, html), id_prefix)


def _play_link(match):
    # An embedded player would contact its host as soon as the page opens:
    # visitors get a link to it instead (static/js/video.js, where a page
    # loads it, swaps the player in on a press). The iframe has passed the
    # sanitiser, so its quoted src and title are safe to reuse.
    attributes = dict(ATTRIBUTE_VALUE.findall(match[1]))
    title = attributes.get("title") or "video"
    return (
        f'<p class="video-link"><a href="{attributes["src"]}" data-video-play '
        f'data-video-title="Video: {title}">Play video: {title}</a> '
        "(nothing loads from the video host until you press play)</p>"
    )


def _with_heading_ids(html, prefix=""):
    # After sanitising, which drops every id an editor wrote: these are ours,
    # made of slug characters only, and never one the page's own markup uses.
    taken = set(RESERVED_IDS)

    def add_id(match):
        base = prefix + (slugify(unescape(strip_tags(match[2]))) or "section")
        if base.endswith("-heading"):
            base += "-text"
        anchor, n = base, 1
        while anchor in taken:
            n += 1
            anchor = f"{base}-{n}"
        taken.add(anchor)
        return f'<h{match[1]} id="{anchor}">{match[2]}</h{match[1]}>'

    return OPENING_HEADING.sub(add_id, html)


COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
# Ids the templates give their own elements (the "-heading" ids of their
# sections are kept apart by the rule in _with_heading_ids).
RESERVED_IDS = {"main", "content", "top", "search-q", "site-search-q", "planner-form"}
H2 = re.compile(r'<h2 id="([^"]+)">(.*?)</h2>', re.DOTALL)


def h2_sections(html):
    """(id, title) of each h2 that render_markdown gave an id to."""
    return [(anchor, unescape(strip_tags(title))) for anchor, title in H2.findall(html)]


def split_introduction(html):
    """The text before its first h2, and the rest (the introduction is all of
    it when there is no h2)."""
    start = html.find("<h2")
    if start == -1:
        return html, ""
    return html[:start], html[start:]


BLOCK_END = re.compile(
    r"</(p|h[2-6]|li|dt|dd|blockquote|tr|pre|figcaption|summary)>|<br\s*/?>|<hr\s*/?>"
)
LIST_ITEM = re.compile(r"<li[^>]*>")
LINK = re.compile(r'<a\b[^>]*?\bhref="([^"]*)"[^>]*>(.*?)</a>', re.DOTALL)


def readable_text(text: str) -> str:
    """The words a visitor reads once `text` (Markdown) is rendered: one line
    per paragraph, heading or list item, without markup, each link's address
    in brackets after it."""
    html = render_markdown(text)
    # A reviewer sees where a figure goes, by its name in the library.
    html = FIGURE_MARKER.sub(r"<p>[Figure: \1]</p>", html)
    # A link's address matters to the reviewer: it is shown after its words.
    html = LINK.sub(lambda m: f"{m[2]} ({m[1]})", html)
    html = LIST_ITEM.sub("\n• ", BLOCK_END.sub("\n", html))
    plain = unescape(strip_tags(html))
    lines = (" ".join(line.split()) for line in plain.splitlines())
    return "\n".join(line for line in lines if line)


def rerender_stored(model, fields, sectioned=()):
    """Render every row's Markdown `fields` again into their `<field>_html`
    columns (a data migration's step after a change to the rendering; the
    model may be a migration's historical one, without the real save())."""
    changed = []
    for row in model._base_manager.only("pk", *fields, *(f"{f}_html" for f in fields)):
        dirty = False
        for field in fields:
            html = render_markdown(
                getattr(row, field),
                3 if field in sectioned else 2,
                f"{field.replace('_', '-')}-" if field in sectioned else "",
            )
            if getattr(row, f"{field}_html") != html:
                setattr(row, f"{field}_html", html)
                dirty = True
        if dirty:
            changed.append(row)
    model._base_manager.bulk_update(changed, [f"{f}_html" for f in fields], batch_size=200)

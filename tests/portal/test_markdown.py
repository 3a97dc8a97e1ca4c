"""Editor Markdown becomes safe HTML: hostile input comes out harmless."""

import re
from html.parser import HTMLParser

import pytest

from portal.markdown import h2_sections, render_markdown, sanitise_html, split_introduction

ALLOWED_EMBED_PREFIXES = ("https://www.youtube-nocookie.com/", "https://player.vimeo.com/")
EVENT_ATTRIBUTE = re.compile(r"\son\w+=", re.IGNORECASE)
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "poster"}


class _Tags(HTMLParser):
    """Every start tag and its attributes, as a browser would read them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag


def parsed_tags(html):
    parser = _Tags()
    parser.feed(html)
    parser.close()
    return parser.tags


def assert_harmless(html):
    lowered = html.lower()
    assert "<script" not in lowered
    assert "javascript:" not in lowered
    assert "style=" not in lowered
    tags = parsed_tags(html)
    for tag, attrs in tags:
        # The markup itself, attribute values stripped: no on* handler anywhere.
        markup = f"<{tag} " + " ".join(f"{name}=" for name in attrs)
        assert not EVENT_ATTRIBUTE.search(markup), (tag, attrs)
        assert "style" not in attrs, (tag, attrs)
        assert tag not in {
            "script", "style", "object", "embed", "form", "input", "meta", "base", "link",
            "svg", "math", "textarea", "button",
        }, tag  # fmt: skip
        for name in URL_ATTRIBUTES & attrs.keys():
            value = re.sub(r"[\x00-\x20]", "", attrs[name] or "").lower()
            assert not value.startswith(("javascript:", "vbscript:", "data:")), (tag, attrs)
        if tag == "iframe":
            # An iframe must load an allowed player; an empty box is not wanted either.
            assert (attrs.get("src") or "").startswith(ALLOWED_EMBED_PREFIXES), attrs
    return tags


HOSTILE = {
    "script-tag": "<script>alert(1)</script>",
    "script-in-paragraph": "Hello <script src=https://evil.example/x.js></script> there",
    "img-onerror": "<img src=x onerror=alert(1)>",
    "a-javascript": '<a href="javascript:alert(1)">click</a>',
    "a-javascript-mixed-case-entity": '<a href="JaVaScRiPt&#58;alert(1)">click</a>',
    "a-javascript-tab-entity": '<a href="  jav&#x09;ascript:alert(1)">click</a>',
    "a-javascript-newline": '<a href="java\nscript:alert(1)">click</a>',
    "a-javascript-all-entities": (
        '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>'
    ),
    "a-vbscript": '<a href="vbscript:msgbox(1)">click</a>',
    "a-data-url": '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    "md-data-url": "[x](data:text/html,<script>alert(1)</script>)",
    "iframe-foreign-host": '<iframe src="https://evil.example/x"></iframe>',
    "iframe-lookalike-host": (
        '<iframe src="https://www.youtube-nocookie.com.evil.example/embed/a"></iframe>'
    ),
    "iframe-userinfo-host": (
        '<iframe src="https://www.youtube-nocookie.com@evil.example/embed/a"></iframe>'
    ),
    "iframe-plain-http": '<iframe src="http://www.youtube-nocookie.com/embed/a"></iframe>',
    "iframe-scheme-relative": '<iframe src="//www.youtube-nocookie.com/embed/a"></iframe>',
    "iframe-javascript": '<iframe src="javascript:alert(1)"></iframe>',
    "iframe-upper-case": '<IFRAME SRC="https://evil.example"></IFRAME>',
    "iframe-srcdoc": (
        '<iframe srcdoc="<script>alert(1)</script>" '
        'src="https://www.youtube-nocookie.com/embed/a"></iframe>'
    ),
    "iframe-allowed-with-handler": (
        '<iframe src="https://player.vimeo.com/video/1?dnt=1" onload="alert(1)"></iframe>'
    ),
    "style-attribute": '<p style="position:fixed;top:0">Pay here</p>',
    "style-on-allowed-iframe": (
        '<iframe src="https://www.youtube-nocookie.com/embed/a" style="width:100vw"></iframe>'
    ),
    "svg-onload": "<svg onload=alert(1)>",
    "svg-script": "<svg><script>alert(1)</script></svg>",
    "math-xlink": '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    "object": '<object data="https://evil.example/x.swf"></object>',
    "embed": '<embed src="https://evil.example/x.swf">',
    "form": '<form action="https://evil.example"><input name=card><button>Go</button></form>',
    "meta-refresh": '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    "md-javascript-link": "[x](javascript:alert(1))",
    "md-javascript-link-angle": "[x](<javascript:alert(1)>)",
    "md-javascript-reference": "[x][1]\n\n[1]: javascript:alert(1)",
    "md-image-onerror": '![a](x.png" onerror="alert(1))',
    "md-image-javascript": "![a](javascript:alert(1))",
    "html-comment": "<!-- <script>alert(1)</script> -->visible",
    "conditional-comment": "<!--[if IE]><script>alert(1)</script><![endif]-->",
    "base-href": '<base href="https://evil.example/">',
    "link-stylesheet": '<link rel=stylesheet href="https://evil.example/x.css">',
    "style-block": "<style>body{display:none}</style>",
    "onclick-on-p": '<p onclick="alert(1)">x</p>',
    "onmouseover-on-a": '<a href="https://example.org" onmouseover="alert(1)">x</a>',
    "ontoggle-on-details": "<details open ontoggle=alert(1)><summary>x</summary></details>",
    "nested-script": "<<script>script>alert(1)<</script>/script>",
    "noscript-breakout": '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "textarea-breakout": "<textarea><script>alert(1)</script></textarea>",
    "handler-in-heading": "<h1 onclick=alert(1)>Title</h1>",
}


@pytest.mark.parametrize("source", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_markdown_comes_out_harmless(source):
    assert_harmless(render_markdown(source))


HOSTILE_HTML = {name: source for name, source in HOSTILE.items() if not name.startswith("md-")}


@pytest.mark.parametrize("source", HOSTILE_HTML.values(), ids=HOSTILE_HTML.keys())
def test_hostile_html_passed_straight_to_the_sanitiser_comes_out_harmless(source):
    assert_harmless(sanitise_html(source))


# Found while writing these tests: browser/Python URL parsing and empty boxes.
def test_an_iframe_whose_host_only_python_thinks_is_allowed_is_dropped():
    html = render_markdown(
        '<iframe src="https://evil.example\\@www.youtube-nocookie.com/embed/a"></iframe>'
    )
    assert_harmless(html)


@pytest.mark.parametrize(
    "source",
    [
        '<iframe src="https://evil.example/">Watch the video</iframe>',
        '<iframe title="a src=x" src="https://evil.example/"></iframe>',
    ],
    ids=["fallback-text", "src-in-title"],
)
def test_a_refused_iframe_leaves_no_empty_box(source):
    html = render_markdown(source)
    assert "<iframe" not in html


def test_comments_are_removed_but_the_text_after_them_stays():
    assert render_markdown("<!-- note to self -->visible").strip() == "<p>visible</p>"


def test_an_allowed_player_becomes_a_link_that_loads_nothing_before_a_press():
    source = (
        '<iframe src="https://www.youtube-nocookie.com/embed/abc123" title="Stretches" '
        "allowfullscreen></iframe>"
    )
    html = render_markdown(source)
    tags = assert_harmless(html)
    assert "iframe" not in dict(tags)
    assert ("a", {
        "href": "https://www.youtube-nocookie.com/embed/abc123",
        "data-video-play": None,
        "data-video-title": "Video: Stretches",
    }) in tags  # fmt: skip
    assert "Play video: Stretches" in html


def test_an_allowed_vimeo_player_without_a_title_becomes_a_link():
    html = render_markdown('<iframe src="https://player.vimeo.com/video/76979871"></iframe>')
    assert 'href="https://player.vimeo.com/video/76979871"' in html
    assert "<iframe" not in html and "Play video: video" in html


def test_a_foreign_iframe_disappears_entirely():
    html = render_markdown('Before\n\n<iframe src="https://evil.example/"></iframe>\n\nAfter')
    assert "<iframe" not in html
    assert re.sub(r"\s+", "", html) == "<p>Before</p><p>After</p>"


# --- What editors write must still look right -----------------------------------------


@pytest.mark.parametrize(
    ("source", "html"),
    [
        ("# Causes", '<h2 id="causes">Causes</h2>'),
        ("### Treatment", '<h2 id="treatment">Treatment</h2>'),
        # An id ending "-heading" could be one of the page's own.
        ("<h1>Raw heading</h1>", '<h2 id="raw-heading-text">Raw heading</h2>'),
    ],
)
def test_the_highest_heading_becomes_an_h2_because_h1_is_the_page_title(source, html):
    assert render_markdown(source) == html


def test_headings_keep_their_distance_and_no_level_is_skipped():
    html = render_markdown("### One\n\n#### Two\n\n##### Three")
    assert "<h1" not in html
    assert html == '<h2 id="one">One</h2>\n<h3 id="two">Two</h3>\n<h4 id="three">Three</h4>'


def test_text_under_a_section_heading_starts_at_h3():
    assert render_markdown("## Who gets it", top_heading=3) == (
        '<h3 id="who-gets-it">Who gets it</h3>'
    )


def test_deep_headings_stop_at_h6():
    html = render_markdown("# A\n\n###### F", top_heading=3)
    assert html == '<h3 id="a">A</h3>\n<h6 id="f">F</h6>'


def test_heading_ids_are_unique_and_editors_cannot_set_their_own():
    html = render_markdown('# Causes\n\n# Causes\n\n<h2 id="x" onclick="y">Raw</h2>')
    assert html.count('id="causes"') == 1
    assert 'id="causes-2"' in html
    assert 'id="x"' not in html and "onclick" not in html


def test_sections_and_introduction_are_read_from_rendered_html():
    html = render_markdown("Intro line.\n\n## What is it?\n\nText.\n\n## Causes\n\nMore.")
    assert h2_sections(html) == [("what-is-it", "What is it?"), ("causes", "Causes")]
    intro, rest = split_introduction(html)
    assert intro.strip() == "<p>Intro line.</p>"
    assert rest.startswith('<h2 id="what-is-it">')
    assert split_introduction("<p>Only</p>") == ("<p>Only</p>", "")


def test_lists_render():
    html = render_markdown("- rest\n- fluids\n\n1. stretch\n2. walk")
    assert html == (
        "<ul>\n<li>rest</li>\n<li>fluids</li>\n</ul>\n<ol>\n<li>stretch</li>\n<li>walk</li>\n</ol>"
    )


def test_links_keep_their_address_and_get_rel_noopener():
    html = render_markdown('[NHS advice](https://www.nhs.uk/conditions/ "NHS")')
    assert parsed_tags(html) == [
        ("p", {}),
        (
            "a",
            {
                "href": "https://www.nhs.uk/conditions/",
                "title": "NHS",
                "rel": "noopener noreferrer",
            },
        ),
    ]


@pytest.mark.parametrize(
    "href", ["/conditions/als/", "mailto:help@example.org", "tel:+441234567890"]
)
def test_site_mail_and_phone_links_are_kept(href):
    html = render_markdown(f"[contact]({href})")
    assert dict(parsed_tags(html))["a"]["href"] == href


def test_an_editor_cannot_weaken_rel_or_open_a_new_window():
    html = render_markdown('<a href="https://example.org" target="_blank" rel="opener">x</a>')
    assert dict(parsed_tags(html))["a"] == {
        "href": "https://example.org",
        "rel": "noopener noreferrer",
    }


def test_tables_render():
    html = render_markdown("| Remedy | Helps |\n|---|---|\n| Rest | Cramps |")
    assert [tag for tag, _ in parsed_tags(html)] == [
        "table", "thead", "tr", "th", "th", "tbody", "tr", "td", "td",
    ]  # fmt: skip
    assert "<td>Rest</td>" in html
    assert "<th>Remedy</th>" in html


def test_emphasis_and_code_render():
    assert render_markdown("*a* **b** `c`") == "<p><em>a</em> <strong>b</strong> <code>c</code></p>"


def test_empty_text_renders_to_nothing():
    assert render_markdown("") == ""


@pytest.mark.django_db
def test_stored_html_is_rendered_again_after_a_change_to_the_rendering():
    from portal.markdown import rerender_stored
    from portal.models import Article
    from tests import factories

    article = factories.article(body="Intro.\n\n### Causes\n\nText.", caution="## Act fast")
    Article.objects.filter(pk=article.pk).update(body_html="<h4>Causes</h4>", caution_html="")
    rerender_stored(Article, ("body", "caution"), sectioned=("caution",))
    article.refresh_from_db()
    assert '<h2 id="causes">Causes</h2>' in article.body_html
    assert article.caution_html == '<h3 id="caution-act-fast">Act fast</h3>'


def test_ids_never_take_one_the_page_uses_and_carry_a_prefix_when_asked():
    assert render_markdown("# Main") == '<h2 id="main-2">Main</h2>'
    assert render_markdown("## Self-care", 3, "treatment-") == (
        '<h3 id="treatment-self-care">Self-care</h3>'
    )


def test_a_heading_in_a_comment_does_not_move_the_others():
    assert render_markdown("<!-- old: <h1>Title</h1> -->\n\n## Causes").strip() == (
        '<h2 id="causes">Causes</h2>'
    )


@pytest.mark.django_db
def test_the_texts_of_one_page_never_share_a_heading_id(client):
    import re as regex

    from tests import factories

    condition = factories.condition(
        causes="## Self-care\n\nA.", treatment="## Self-care\n\nB.", prevention="## Main\n\nC."
    )
    html = client.get(condition.get_absolute_url()).content.decode()
    ids = regex.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == len(set(ids))

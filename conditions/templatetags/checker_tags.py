"""The checklist's checkboxes, drawn in Python: the one-page form has one
per symptom (hundreds on a large site), and a template include per box cost
about forty microseconds each."""

from collections.abc import Collection, Iterable
from typing import Any

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

register = template.Library()


def symptom_choice(symptom: Any, ticked: Collection[str]) -> SafeString:
    """One labelled checkbox, with its hint tied to it when there is one."""
    slug = symptom.slug
    checked = " checked" if slug in ticked else ""
    if symptom.description:
        return format_html(
            '<div class="choice">\n  <input type="checkbox" id="s-{0}" name="s" value="{0}"{1}'
            ' aria-describedby="s-{0}-hint">\n  <label for="s-{0}">{2}<span class="hint"'
            ' id="s-{0}-hint">{3}</span></label>\n</div>',
            slug,
            checked,
            symptom.name,
            symptom.description,
        )
    return format_html(
        '<div class="choice">\n  <input type="checkbox" id="s-{0}" name="s" value="{0}"{1}>'
        '\n  <label for="s-{0}">{2}</label>\n</div>',
        slug,
        checked,
        symptom.name,
    )


@register.simple_tag
def symptom_choices(symptoms: Iterable[Any], ticked: Collection[str] = ()) -> SafeString:
    """A checkbox for each symptom, ticked if its slug is in `ticked`."""
    return format_html_join("\n", "{}", ((symptom_choice(s, ticked),) for s in symptoms))

"""The checker's repeated pieces, drawn in Python: the one-page form has a
checkbox per symptom and a result a card per possible cause (hundreds of
each on a large site), and template markup per item cost tens of
microseconds each."""

from collections.abc import Collection, Iterable
from typing import Any

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

register = template.Library()


def symptom_choice(symptom: Any, ticked: Collection[str], hints: bool = True) -> SafeString:
    """One labelled checkbox, with its hint tied to it when there is one."""
    slug = symptom.slug
    checked = " checked" if slug in ticked else ""
    if hints and symptom.description:
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
def symptom_choices(
    symptoms: Iterable[Any], ticked: Collection[str] = (), hints: bool = True
) -> SafeString:
    """A checkbox for each symptom, ticked if its slug is in `ticked`."""
    return format_html_join("\n", "{}", ((symptom_choice(s, ticked, hints),) for s in symptoms))


@register.simple_tag
def cause_cards(causes: Iterable[Any], urgent: bool = False) -> SafeString:
    """A card for each possible cause: its link, its tier (never under urgent
    advice: no reassuring badges), and the answers that do and do not
    support it."""
    return format_html_join("\n", "{}", ((_cause_card(cause, urgent),) for cause in causes))


def _cause_card(cause: Any, urgent: bool) -> SafeString:
    condition = cause.condition
    badge = (
        format_html(
            '<p><span class="badge badge--{}">{}</span></p>',
            condition.category,
            condition.tier_label,
        )
        if not urgent
        else ""
    )
    matched = (
        format_html(
            '<p data-role="supported-by">Could be related to what you ticked: {}.</p>',
            cause.matched_names,
        )
        if cause.matched
        else ""
    )
    missing = (
        format_html(
            '<p class="meta" data-role="not-ticked">Usual signs you did not mention: {}.</p>',
            cause.missing_names,
        )
        if cause.missing
        else ""
    )
    return format_html(
        '<li class="card" data-cause="{}">\n  <h3><a href="{}">{}</a></h3>\n  {}{}{}\n</li>',
        condition.slug,
        condition.url,
        condition.title,
        badge,
        matched,
        missing,
    )

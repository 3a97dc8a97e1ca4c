from django import template

from portal.markdown import split_introduction
from portal.public.structured_data import ld_json_script

register = template.Library()


@register.simple_tag
def ld_json(data):
    """Render schema.org data as a JSON-LD script element."""
    return ld_json_script(data)


@register.filter
def introduction(html):
    """A rendered text's opening, before its first section heading."""
    return split_introduction(html)[0]


@register.filter
def after_introduction(html):
    return split_introduction(html)[1]

from django import template

from portal.structured_data import ld_json_script

register = template.Library()


@register.simple_tag
def ld_json(data):
    """Render schema.org data as a JSON-LD script element."""
    return ld_json_script(data)

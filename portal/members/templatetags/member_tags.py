"""The personal parts of the shared page shell: `{% member_bar %}` in the
header, `{% follow_button object %}` on content pages. See
portal.members.fragments for how they stay out of the shared cache."""

from django import template
from django.utils.safestring import mark_safe

from portal.editorial import registry
from portal.members import fragments

register = template.Library()


@register.simple_tag(takes_context=True)
def member_bar(context):
    request = context.get("request")
    state = fragments.state_for(request) if request is not None else None
    return mark_safe(fragments.bar(request, state))  # noqa: S308 (our templates, autoescaped)


@register.simple_tag(takes_context=True)
def follow_button(context, item):
    request = context.get("request")
    kind = registry.get(item._meta.model_name)
    if request is None or kind is None or not kind.followed:
        return ""
    state = fragments.state_for(request)
    html = fragments.follow_button(request, state, kind.key, item.pk, request.path)
    return mark_safe(html)  # noqa: S308 (rendered from our templates, autoescaped)

from django import template

from portal.feedback.guard import page_token

register = template.Library()


@register.simple_tag
def feedback_token(item):
    """The page token for `item`'s feedback form: the same for every visitor
    this hour, so the page around it stays cacheable."""
    return page_token(item.content_kind.key, item.slug)

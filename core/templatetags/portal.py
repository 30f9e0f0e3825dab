from django import template

from core import permissions
from core.money import tenge as format_tenge
from core.phones import format_phone

register = template.Library()


@register.simple_tag(takes_context=True)
def allowed(context, rule: str, obj=None) -> bool:
    """``{% allowed "families.edit_family" family as can_edit %}``: the same rule the view asks."""
    return bool(permissions.check(context["request"].user, rule, obj))


@register.filter
def phone(value) -> str:
    """A phone number the way people write it in Kazakhstan: 8 701 123 45 67."""
    return format_phone(value)


@register.filter
def access_label(code: str):
    """What an access-log code (a page, a form, a file, an export) is called (``core.extensions``)."""
    from core.extensions import access_label as label

    return label(code)


@register.filter
def tenge(value) -> str:
    """An amount in tenge, grouped the active language's way, the sign held to it: 35 596 ₸."""
    return format_tenge(value)

from django import template

from core import permissions
from core.choices import choice_label as label_of
from core.money import tenge as format_tenge
from core.paths import path_of
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


@register.filter
def choice_label(value, choices) -> str:
    """``{{ application.status|choice_label:Status }}``: ``core.choices.choice_label`` (the label in the
    active language, as ``get_status_display`` gives it, without its cost per row)."""
    return label_of(choices, value)


@register.simple_tag
def path(name: str) -> str:
    """``{% path "families:list" %}``: ``{% url 'families:list' %}`` for a URL without arguments, from one
    ``reverse`` per language (``core.paths``): the menu and the layout link a dozen such pages on
    every page."""
    return path_of(name)


@register.filter
def url_of(pk, name: str) -> str:
    """``{{ application.pk|url_of:"grants:application" }}``: ``{% url 'grants:application' application.pk %}``,
    from one ``reverse`` per language (``core.paths``), for lists of many rows."""
    return path_of(name, pk)

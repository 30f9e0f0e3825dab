from __future__ import annotations

import threading
import weakref
from collections import OrderedDict

from django import template
from django.core.signals import setting_changed
from django.template.defaulttags import CsrfTokenNode

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


# Renderings ``{% same_for %}`` keeps, per block and process: the least recently used go first.
SAME_FOR_KEPT = 1_000
_same_for_blocks: weakref.WeakSet[SameForNode] = weakref.WeakSet()


class SameForNode(template.Node):
    def __init__(self, nodelist: template.NodeList, values: list[template.base.FilterExpression]) -> None:
        self.nodelist, self.values = nodelist, values
        self.rendered: OrderedDict[tuple[str, ...], str] = OrderedDict()
        self.lock = threading.Lock()
        _same_for_blocks.add(self)

    def render(self, context) -> str:
        key = tuple(str(value.resolve(context)) for value in self.values)
        with self.lock:
            if key in self.rendered:
                self.rendered.move_to_end(key)
                return self.rendered[key]
        html = self.nodelist.render(context)
        with self.lock:
            self.rendered[key] = html
            while len(self.rendered) > SAME_FOR_KEPT:
                self.rendered.popitem(last=False)
        return html


@register.tag
def same_for(parser, token):
    """``{% same_for LANGUAGE_CODE user.role %}…{% endsame_for %}``: the block renders the same for the
    same values, so it is rendered once per process for each and then given as it was (the layout's
    menus, on every page). Everything the block shows must follow from the values named — the active
    language too, when it translates. It may hold no ``{% csrf_token %}`` (each browser has its own), and
    nothing of the request, such as its path."""
    values = [parser.compile_filter(bit) for bit in token.split_contents()[1:]]
    if not values:
        raise template.TemplateSyntaxError("{% same_for %} needs the values its block follows from")
    nodelist = parser.parse(("endsame_for",))
    parser.delete_first_token()
    if nodelist.get_nodes_by_type(CsrfTokenNode):
        raise template.TemplateSyntaxError("{% same_for %} may not hold a {% csrf_token %}: each browser has its own")
    return SameForNode(nodelist, values)


def _forget_renderings(**kwargs) -> None:
    """A test that changes the settings (the apps, the languages) sees its blocks rendered again."""
    for block in _same_for_blocks:
        with block.lock:
            block.rendered.clear()


setting_changed.connect(_forget_renderings)

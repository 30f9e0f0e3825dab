from urllib.parse import urlencode

from django import template
from django.urls import reverse

register = template.Library()


@register.simple_tag
def book_url(slot, family=None) -> str:
    """The booking modal of ``slot`` (for ``family``, when she was picked already)."""
    query = {"specialist": slot.specialist_id, "centre": slot.centre_id, "starts_at": slot.starts_at.isoformat()}
    if family:  # a template variable that is not there comes as ""
        query["family"] = family.pk
    return f"{reverse('consultations:book')}?{urlencode(query)}"


@register.filter
def lookup(mapping, key):
    """``mapping[key]`` in a template (None when missing)."""
    return mapping.get(key)

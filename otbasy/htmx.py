"""The one htmx pattern for partial updates.

A page template defines the part that changes as a django-template-partials ``partialdef``; the view
renders the whole page for a normal request and only that partial for an htmx request, so the same URL
serves both (and stays bookmarkable with ``hx-push-url``).
"""

from django.shortcuts import render


def render_page_or_partial(request, template_name: str, context: dict, *, partial: str, status: int = 200):
    if request.htmx and not request.htmx.boosted:
        template_name = f"{template_name}#{partial}"
    return render(request, template_name, context, status=status)

"""The three sanctioned htmx shapes. Every partial update of the portal is one of them (README,
"htmx shapes"), and each works without JavaScript too.

1. **Page with partial** (``render_page_or_partial``): the page template marks the part that changes
   as a django-template-partials ``partialdef``; the view renders the whole page for a normal request
   and only that partial for an htmx one, so the same URL serves both (bookmarkable with
   ``hx-push-url``). Used by lists with filters and by parts that refresh on an event. A partial that
   is costly and the same for everyone who asks for it may be kept in the cache
   (``render_cached_partial``: the dashboards' boards, the centres' week views).
2. **Modal form** (``modal_form``, after HyphaApp's): GET renders the form into the page's modal; a
   valid POST answers 204 with an ``HX-Trigger`` event that makes the page refresh its affected parts;
   an invalid POST (or a refusal by the service) answers the form again, with the errors and everything
   typed, and status 400. Without htmx the same view renders a full page and redirects after success.
   One template (``includes/modal_page.html``) serves every modal: the view describes it with ``Modal``.
3. **Row swap** (``row_swap``): a button on one row of a list posts, and the answer replaces that row in
   place (400 with the refusal shown in the row). Without htmx: a message, and back to the list.
"""

from __future__ import annotations

import hashlib
import logging
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.core.cache import cache
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.functional import Promise
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django_htmx.http import trigger_client_event
from redis.exceptions import RedisError

from core.errors import DomainError, show_on_form
from core.submissions import Once, Repeated

if TYPE_CHECKING:
    from django.http import HttpRequest as DjangoRequest
    from django_htmx.middleware import HtmxDetails

    class HttpRequest(DjangoRequest):  # what django-htmx's middleware adds to every request
        htmx: HtmxDetails
else:
    from django.http import HttpRequest


MODAL_TEMPLATE = "includes/modal_page.html"
# What a cache that does not answer raises (Redis down, the embedded default's folder unwritable).
CACHE_ERRORS = (RedisError, OSError)
logger = logging.getLogger(__name__)


def render_page_or_partial(
    request: HttpRequest, template_name: str, context: dict, *, partial: str, status: int = 200
) -> HttpResponse:
    """Shape 1: the whole page, or only its ``partial`` for an htmx request."""
    if request.htmx and not request.htmx.boosted:
        template_name = f"{template_name}#{partial}"
    return render(request, template_name, context, status=status)


def render_cached_partial(
    request: HttpRequest,
    template_name: str,
    *,
    partial: str,
    key: str,
    build: Callable[[], dict],
    page: dict,
    seconds: float | Callable[[dict], float],
    status: int = 200,
) -> HttpResponse:
    """Shape 1 with its partial kept in the cache: rendered from ``build()`` once and served to every
    request with the same ``key`` for ``seconds`` (or as long as ``seconds(context)`` says, from what
    was built). The key must name everything the partial shows besides the template: the full path
    (with its language prefix), the place resolved from the viewer's scope, the version of the data.
    So the partial must hold nothing of the viewer herself (no CSRF token, no name, no per-role link).

    The page template shows the partial where ``{{ partial_html }}`` stands, above its ``partialdef``
    (not ``inline``); an htmx request gets the partial alone. A cache that does not answer costs only
    the rendering."""
    key = "partial:" + hashlib.sha1(f"{template_name}#{partial}|{key}".encode()).hexdigest()
    try:
        html = cache.get(key)
    except CACHE_ERRORS:
        logger.warning("cache unavailable: %s#%s rendered without it", template_name, partial)
        html, key = None, ""
    if html is None:
        context = build()
        html = render_to_string(f"{template_name}#{partial}", context, request=request)
        timeout = math.ceil(seconds(context) if callable(seconds) else seconds)
        if key and timeout > 0:
            try:
                cache.set(key, html, timeout)
            except CACHE_ERRORS:
                logger.warning("cache unavailable: %s#%s not kept", template_name, partial)
    if request.htmx and not request.htmx.boosted:
        return HttpResponse(html, status=status)
    # Rendered just above (or at an earlier request) from the portal's own template.
    return render(request, template_name, page | {"partial_html": mark_safe(html)}, status=status)


@dataclass(frozen=True)
class Modal:
    """What the one modal template shows around a form."""

    title: str | Promise
    action: str  # where the form posts
    cancel_url: str  # where Cancel goes (and where a page without JavaScript leads back to)
    submit: str | Promise = _("Save")
    submit_style: str = "primary"  # a Bootstrap button colour: "danger" for a withdrawal
    intro: str = ""  # a line above the form, such as the mother's name
    body_template: str = ""  # a template shown above the form, such as the consent text


def modal_form(
    request: HttpRequest,
    *,
    form,
    modal: Modal,
    save: Callable[[dict], Any],
    event: str,
    done_url: str,
    context: dict | None = None,
) -> HttpResponse:
    """Shape 2: a small form in the page's modal; ``save`` gets the cleaned data and calls one service.

    A form with the token of ``core.submissions`` (every create form) saves once however often it is
    sent: a second POST of it is answered as the first was, and the modal closes."""
    if request.method == "POST" and _saved(request, form, save, done_url):
        return _done(request, event, done_url)
    status = 400 if request.method == "POST" else 200
    name = f"{MODAL_TEMPLATE}#modal-form" if request.htmx else MODAL_TEMPLATE
    return render(request, name, {**(context or {}), "form": form, "modal": modal}, status=status)


def _saved(request: HttpRequest, form, save: Callable[[dict], Any], done_url: str) -> bool:
    """Whether the form is saved, now or by an earlier POST of it (the refusal shown on the form if not)."""
    once = Once(request, form)
    if not form.is_valid():
        return once.first() is not None
    try:
        with once.saving(answer=done_url):
            save(form.cleaned_data)
    except Repeated:
        return True
    except DomainError as error:
        if once.first() is not None:  # refused because a twin of this POST has just saved it: no error, then
            return True
        show_on_form(form, error)
        return False
    return True


def _done(request: HttpRequest, event: str, done_url: str) -> HttpResponse:
    if request.htmx:
        return trigger_client_event(HttpResponse(status=204), event)
    return redirect(done_url)


def row_swap(
    request: HttpRequest,
    *,
    act: Callable[[], Any],
    template_name: str,
    partial: str,
    context: Callable[[], dict],
    done: str | Promise,
    back: str,
) -> HttpResponse:
    """Shape 3: ``act`` runs one service for one row; htmx gets the row again (``context`` is read after
    the action), a normal request a message and a redirect to ``next`` when it is a page of this site,
    else to ``back``."""
    error = None
    try:
        act()
    except DomainError as refusal:
        error = refusal.message
    if request.htmx:
        status = 400 if error else 200
        return render(request, f"{template_name}#{partial}", {**context(), "error": error}, status=status)
    if error:
        messages.error(request, error)
    else:
        messages.success(request, str(done))
    next_url = request.POST.get("next", "")
    safe = url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure())
    return redirect(next_url if safe else back)

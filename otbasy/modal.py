"""The one htmx modal pattern for small forms (after HyphaApp's).

GET renders the form as a fragment into the page's modal; a valid POST answers 204 with an
``HX-Trigger`` event that makes the page refresh its affected parts; an invalid POST (or a refusal by
the service) answers the fragment again, with the errors and everything typed, and status 400.
Without htmx the same views render a full page and redirect after success."""

from collections.abc import Callable

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django_htmx.http import trigger_client_event

from otbasy.errors import DomainError, show_on_form


def modal_form(request, *, form, template_name: str, context: dict, save: Callable[[dict], object], event: str, done_url: str):
    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data)
        except DomainError as error:
            show_on_form(form, error)
        else:
            if request.htmx:
                return trigger_client_event(HttpResponse(status=204), event)
            return redirect(done_url)
    status = 400 if request.method == "POST" else 200
    name = f"{template_name}#modal-form" if request.htmx else template_name
    return render(request, name, {**context, "form": form}, status=status)

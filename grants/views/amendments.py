"""The amendment form, the same for the mother (from her cabinet) and the grant officer (from the
application page): a modal form (core.htmx), a page of its own without JavaScript."""

from __future__ import annotations

from django.utils.translation import gettext as _

from core.errors import EditConflict
from core.htmx import Modal, modal_form
from core.permissions import require
from grants import services
from grants.forms import AmendForm
from grants.models import Application


def amendment_modal(request, application: Application, *, action: str, back: str, event: str):
    """The form opens only on an application she may amend (else the 403 page with the reason); a form
    sent after the application stopped being amendable, or after another amendment, gets the refusal on
    the form with everything she typed, and nothing changes."""
    if request.method != "POST":
        require(request.user, "grants.amend_application", application)
    form = AmendForm(request.POST or None, application=application)

    def save(data: dict) -> None:
        try:
            services.application_amend(actor=request.user, application=application, **data)
        except EditConflict:
            form.saw_version(Application.objects.select_related("programme").get(pk=application.pk))
            raise

    return modal_form(
        request,
        form=form,
        modal=Modal(
            title=_("Amend the application"),
            action=action,
            cancel_url=back,
            submit=_("Send the amendment"),
            intro=f"{application.number} · {application.programme.name}",
            body_template="grants/_amend_now.html",
        ),
        save=save,
        event=event,
        done_url=back,
    )

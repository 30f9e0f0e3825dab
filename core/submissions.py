"""The same form sent twice saves once (issue 9, item 13).

A double click, or a resend after a slow answer, posts a form twice; each POST would create its own
visit, appeal or booking, and text the mother twice. Every create form carries a token, a random UUID
rendered into it as a hidden field (``SubmitOnceForm``; a page made of several forms renders one). The
view saves under ``Once.saving()``: a row of ``core.models.Submission`` with that token (unique per user)
is inserted in the same transaction as the create. The twin of a POST in flight waits on that row; once
the first commits, the twin's insert fails, and it is answered as the first was (``Repeated`` carries
where the first answer led). When the first is refused, its rollback takes the token row with it, and
the twin goes ahead as if alone.

A twin that arrives after the first was saved may be refused by the form or the service before it
reaches the insert (the same mother's name is "already registered"): on every refusal the view asks
``Once.first()`` whether this token has been saved meanwhile, and answers as the first did if so.

    once = Once(request, form)
    try:
        if form.is_valid():
            with once.saving(answer=done_url):
                visit_check_in(...)
            return redirect(done_url)
    except Repeated as first:
        return redirect(first.answer)
    except DomainError as error:
        if first := once.first():
            return redirect(first.answer)
        show_on_form(form, error)
    else:
        if first := once.first():
            return redirect(first.answer)

``core.htmx.modal_form`` does this for every modal form whose form has the token field. A POST without
a token (a script, a page from before) saves as before.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from django import forms
from django.db import IntegrityError, transaction
from django.utils import timezone

from core.forms import PortalForm
from core.locking import lock_timeout
from core.models import Submission

TOKEN_FIELD = "form_token"
# A form sent again later than this (a tab left open for weeks) is a new one.
KEEP = dt.timedelta(days=30)


class SubmitOnceForm(PortalForm):
    """A create form: its hidden token makes a second POST of it save nothing (subclass it, or render
    one alone in a page made of several forms)."""

    # Not a UUIDField: a token that is no UUID makes the POST one without a token, not an invalid form.
    form_token = forms.CharField(required=False, widget=forms.HiddenInput, initial=lambda: str(uuid.uuid4()))

    def clean(self):
        data = super().clean() or {}
        data.pop(TOKEN_FIELD, None)  # read by Once from the POST; the service is given the form's own fields
        return data


class Repeated(Exception):
    """This form was saved before, with this token: answer as the first time (``answer``, a URL)."""

    def __init__(self, submission: Submission) -> None:
        super().__init__(submission.what)
        self.answer = submission.answer


class Once:
    """One submission of a form, known by its token (None when the POST carries none)."""

    def __init__(self, request, form: forms.Form) -> None:
        self.actor = request.user
        self.what = request.resolver_match.view_name if request.resolver_match else ""
        posted = request.POST.get(form.add_prefix(TOKEN_FIELD)) if TOKEN_FIELD in form.fields else None
        self.token = _token(posted) if request.user.is_authenticated else None
        self.answer = ""

    def first(self) -> Submission | None:
        """The earlier saving of this form, when a twin of this POST has saved it already."""
        if self.token is None:
            return None
        return Submission.objects.filter(actor=self.actor, token=self.token).first()

    @contextmanager
    def saving(self, *, answer: str = "") -> Iterator[Once]:
        """Wraps the create: the token row goes into its transaction. Set ``answer`` (here or on the
        object, once the record exists) to where the answer to this POST leads."""
        self.answer = answer
        if self.token is None:
            yield self
            return
        with transaction.atomic():
            row = self._claim(self.token)
            yield self
            if self.answer != row.answer:
                Submission.objects.filter(pk=row.pk).update(answer=self.answer)

    def _claim(self, token: uuid.UUID) -> Submission:
        try:
            # A savepoint, so that the failed insert leaves the transaction usable to read the first one.
            # The insert waits while a twin holds the same token uncommitted: at most LOCK_TIMEOUT_MS.
            with transaction.atomic(), lock_timeout():
                return Submission.objects.create(actor=self.actor, token=token, what=self.what, answer=self.answer)
        except IntegrityError:
            if (first := self.first()) is not None:
                raise Repeated(first) from None
            raise


def _token(value: str | None) -> uuid.UUID | None:
    try:
        return uuid.UUID(value) if value else None
    except ValueError:
        return None


def forget_old_submissions(*, now: dt.datetime | None = None) -> int:
    """Deletes the tokens of forms saved more than ``KEEP`` ago; returns how many."""
    deleted, _ = Submission.objects.filter(at__lt=(now or timezone.now()) - KEEP).delete()
    return deleted

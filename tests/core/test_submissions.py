"""core.submissions: a form with its token saves once, through a tiny modal view of this module's URLconf.
(The same POSTs sent at the same moment, over HTTP on PostgreSQL: tests/families/test_double_submit.py.)"""

import datetime as dt
import json

import pytest
from django import forms
from django.conf.urls.i18n import i18n_patterns
from django.core.exceptions import ValidationError
from django.urls import path
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from core.errors import DomainError
from core.htmx import Modal, modal_form
from core.models import Submission
from core.submissions import SubmitOnceForm, forget_old_submissions
from core.tasks import forget_old_submissions as forget_old_submissions_task
from otbasy.urls import urlpatterns as portal_urls
from tests.factories import RegistrarFactory

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]
HTMX = {"hx-request": "true"}
saved: list = []


@pytest.fixture(autouse=True)
def _nothing_saved():
    saved.clear()


class NoteForm(SubmitOnceForm):
    text = forms.CharField(required=False)

    def clean(self):
        data = super().clean()
        if self.data.get("refuse_if_saved") and saved:
            raise ValidationError("Already there.")
        return data


def save(data):
    if saved and saved[-1] == "refuse":
        raise DomainError("Refused once.")
    saved.append(data)


def note(request):
    return modal_form(
        request,
        form=NoteForm(request.POST or None),
        modal=Modal(title="A note", action="/kk/note/", cancel_url="/kk/"),
        save=save,
        event="noteSaved",
        done_url="/kk/done/",
    )


urlpatterns = i18n_patterns(path("note/", note, name="note")) + portal_urls


@pytest.fixture
def user(client, almaly):
    user = RegistrarFactory(centre=almaly)
    client.force_login(user)
    return user


def token_of(client) -> str:
    return str(client.get("/kk/note/").context["form"]["form_token"].value())


def test_each_opening_of_the_form_carries_a_fresh_token_that_the_service_never_sees(client, user):
    first, second = token_of(client), token_of(client)
    assert first != second
    client.post("/kk/note/", {"form_token": first, "text": "Сәлем"}, headers=HTMX)
    assert saved == [{"text": "Сәлем"}]


def test_the_same_form_sent_twice_saves_once_and_answers_both_alike(client, user):
    data = {"form_token": token_of(client)}

    answers = [client.post("/kk/note/", data, headers=HTMX) for _ in range(2)]

    assert [(a.status_code, json.loads(a["HX-Trigger"])) for a in answers] == [(204, {"noteSaved": {}})] * 2
    assert len(saved) == 1
    row = Submission.objects.get()
    assert (row.actor, row.what, row.answer) == (user, "note", "/kk/done/")


def test_without_javascript_the_second_post_goes_where_the_first_went(client, user):
    data = {"form_token": token_of(client)}
    assert [client.post("/kk/note/", data)["Location"] for _ in range(2)] == ["/kk/done/", "/kk/done/"]
    assert len(saved) == 1


def test_a_post_without_a_token_saves_each_time_as_before(client, user):
    for _ in range(2):
        client.post("/kk/note/", {"text": "Сәлем"}, headers=HTMX)
    assert len(saved) == 2 and not Submission.objects.exists()


def test_a_refused_save_leaves_the_token_free_for_the_same_form_corrected(client, user):
    saved.append("refuse")
    data = {"form_token": token_of(client)}

    refused = client.post("/kk/note/", data, headers=HTMX)
    assert refused.status_code == 400 and not Submission.objects.exists()
    saved.clear()
    assert client.post("/kk/note/", data, headers=HTMX).status_code == 204
    assert len(saved) == 1


def test_a_twin_refused_because_the_first_was_saved_is_answered_as_the_first(client, user):
    data = {"form_token": token_of(client), "refuse_if_saved": "1"}
    answers = [client.post("/kk/note/", data, headers=HTMX).status_code for _ in range(2)]
    assert answers == [204, 204] and len(saved) == 1


def test_another_users_form_with_the_same_token_is_another_form(client, user, almaly):
    data = {"form_token": token_of(client)}
    client.post("/kk/note/", data, headers=HTMX)
    client.force_login(RegistrarFactory(centre=almaly))
    assert client.post("/kk/note/", data, headers=HTMX).status_code == 204
    assert len(saved) == 2


def test_a_token_that_is_no_uuid_is_ignored(client, user):
    for _ in range(2):
        client.post("/kk/note/", {"form_token": "not-a-uuid"}, headers=HTMX)
    assert len(saved) == 2


def test_tokens_are_forgotten_after_a_month(user):
    now = timezone.now()
    old = Submission.objects.create(
        actor=user, token="00000000-0000-4000-8000-000000000001", what="note", at=now - dt.timedelta(days=31)
    )
    recent = Submission.objects.create(
        actor=user, token="00000000-0000-4000-8000-000000000002", what="note", at=now - dt.timedelta(days=29)
    )

    assert forget_old_submissions(now=now) == 1
    assert list(Submission.objects.all()) == [recent] and not Submission.objects.filter(pk=old.pk).exists()


def test_the_tokens_are_forgotten_every_night_by_a_schedule_of_the_core(user):
    schedule = PeriodicTask.objects.get(name="Forget the tokens of old forms")
    assert (schedule.task, schedule.crontab.hour, schedule.crontab.minute) == ("core.tasks.forget_old_submissions", "3", "40")
    assert forget_old_submissions_task.delay().get() == 0

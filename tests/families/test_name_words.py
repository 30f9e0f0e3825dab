"""The vocabulary of the mothers' name words, which PostgreSQL keeps as families are written, forgets
each night the words no family holds; a registration sent over HTTP while it does so keeps its words.
A control run without the lock shows the race."""

import threading
import time

import pytest
from django.db import connection, connections
from django_celery_beat.models import PeriodicTask

from families.models import Family, NameWord
from families.selectors import family_search, name_matches
from families.services import family_anonymise, name_words, name_words_forget_unused, registration
from families.services.name_words import LOCK
from families.tasks import forget_unused_name_words
from tests.factories import RegistrarFactory
from tests.families.desks import Desk
from tests.families.factories import FamilyFactory
from tests.families.forms_data import registration_post

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="the vocabulary is kept by PostgreSQL")


def vocabulary() -> set[str]:
    return set(NameWord.objects.values_list("word", flat=True))


@pytest.mark.django_db
def test_the_words_no_mother_holds_any_more_are_forgotten_and_the_others_kept(almaly):
    renamed = FamilyFactory(mother__last_name="Жақыпова", mother__first_name="Дана", mother__middle_name="")
    FamilyFactory(mother__last_name="Омарова", mother__first_name="Дана", mother__middle_name="")
    renamed.mother.last_name = "Омарова"
    renamed.mother.save()
    renamed.save()
    assert "zhakipova" in vocabulary()

    assert forget_unused_name_words.delay().get() == 1

    assert vocabulary() == {"omarova", "dana"}
    assert name_words_forget_unused() == 0


@pytest.mark.django_db
def test_an_anonymised_mothers_words_leave_the_vocabulary_at_once_unless_another_mother_has_them(registrar):
    forgotten = FamilyFactory(
        registrar=registrar, mother__last_name="Жақыпова", mother__first_name="Дана", mother__middle_name=""
    )
    FamilyFactory(registrar=registrar, mother__last_name="Омарова", mother__first_name="Дана", mother__middle_name="")

    family_anonymise(actor=registrar, family=forgotten, reason="forget")

    assert vocabulary() == {"omarova", "dana"}


@pytest.mark.django_db
def test_forgetting_the_unused_words_is_scheduled_every_night():
    task = PeriodicTask.objects.get(task="families.tasks.forget_unused_name_words")
    assert (task.crontab.hour, task.crontab.minute, task.enabled) == ("3", "45", True)


@pytest.fixture
def a_word_no_mother_holds(almaly):
    """ "Zhumabekova" (the surname of ``registration_post``'s mother) is in the vocabulary, and the one
    mother who had it has been renamed."""
    renamed = FamilyFactory(mother__last_name="Жұмабекова")
    renamed.mother.last_name = "Омарова"
    renamed.mother.save()
    renamed.save()
    assert "zhumabekova" in vocabulary()


class TheNightsTask:
    """``name_words_forget_unused`` in a thread of its own, started once her family is written; her
    transaction stays open until the task waits for it (or is done without waiting)."""

    def __init__(self) -> None:
        self.written, self.waiting_or_done = threading.Event(), threading.Event()
        self.removed: int | None = None
        self.waited = False

    def hold(self, consent_given):
        def then_let_the_task_run(*args, **kwargs):
            consent_given(*args, **kwargs)
            self.written.set()
            self.waiting_or_done.wait(timeout=20)

        return then_let_the_task_run

    def forget(self) -> None:
        self.written.wait(timeout=20)
        try:
            self.removed = name_words_forget_unused()
        finally:
            connections.close_all()

    def watch(self) -> None:
        self.written.wait(timeout=20)
        with connections["default"].cursor() as cursor:
            for _ in range(2000):
                cursor.execute(WAITING_TO_LOCK, [LOCK])
                self.waited = cursor.fetchone()[0] > 0
                if self.waited or self.removed is not None:
                    break
                time.sleep(0.01)
        self.waiting_or_done.set()
        connections.close_all()


WAITING_TO_LOCK = "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query = %s"


def forget_while_she_is_registered(live_server, almaly) -> tuple[int, TheNightsTask]:
    """A registrar registers a Zhumabekova over HTTP; the night's task runs after her family is written
    and before her transaction commits. Returns her answer's status and the task."""
    desk = Desk(live_server, RegistrarFactory(centre=almaly))
    task, consent_given = TheNightsTask(), registration._consent_given
    registration._consent_given = task.hold(consent_given)
    try:
        threads = [threading.Thread(target=target) for target in (task.forget, task.watch)]
        for thread in threads:
            thread.start()
        status, _page = desk.submit("/ru/families/register/", registration_post(children=1))
        for thread in threads:
            thread.join(timeout=30)
    finally:
        registration._consent_given = consent_given
    return status, task


@pytest.mark.django_db(transaction=True)
def test_a_word_a_registration_is_adding_at_this_moment_is_not_forgotten(
    live_server, reference_data, almaly, a_word_no_mother_holds
):
    status, task = forget_while_she_is_registered(live_server, almaly)

    assert status == 302 and task.waited and task.removed == 0
    assert "zhumabekova" in vocabulary()
    assert [family.mother.last_name for family in family_search(Family.objects.all(), "Жұмабекова")] == ["Жұмабекова"]


@pytest.mark.django_db(transaction=True)
def test_without_the_lock_the_word_of_a_registration_at_this_moment_is_lost(
    live_server, reference_data, almaly, a_word_no_mother_holds, monkeypatch
):
    """The control: the task that does not wait for the families being written forgets her word, and
    her name is then not found."""
    monkeypatch.setattr(name_words, "LOCK", "SELECT 1")

    status, task = forget_while_she_is_registered(live_server, almaly)

    assert status == 302 and task.removed == 1 and not task.waited
    assert "zhumabekova" not in vocabulary()
    assert not name_matches(Family.objects.all(), "zhumabekova").exists()

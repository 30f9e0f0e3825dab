"""Every translated content field shows in the page's language (issue 9, item 23): records made by a
Kazakh-speaking registrar, on her Kazakh pages, read by her head on the Russian ones. Centre, district
and agency names, visit purposes, appeal kinds and statuses, categories, message descriptions and
failure reasons are all named differently in the two languages here, and everyone's own name and
every text typed is Russian: so no Kazakh letter may appear on the Russian pages but in the few
proper names that are Kazakh in Russian too, and in text marked lang="kk"."""

import datetime as dt
import re
from html.parser import HTMLParser

import pytest
from django.utils import timezone, translation

from centres.models import Centre, District
from families.categories import Category
from families.messages import tell_registered
from families.models import Agency, Appeal, Referral, VisitPurpose
from families.services import appeal_open, categories_refresh, referral_create, visit_check_in, visit_mark_served
from notifications import sms
from notifications.models import MessageTemplate, Notification
from notifications.services import notification_deliver
from tests.factories import CentreHeadFactory, RegistrarFactory
from tests.families.factories import ChildFactory, FamilyFactory, PersonFactory, years_ago

pytestmark = pytest.mark.django_db

KAZAKH_LETTERS = re.compile(r"[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")
# Kazakh in Russian too: the centres' name, the grant's, and the language switcher's «Қазақша».
PROPER_NAMES = ("Бақытты отбасы", "Іскер ана", "Қазақша")


class RefusingBackend(sms.BaseBackend):
    def send(self, to, text):
        raise sms.PermanentError("number blocked")


class VisibleText(HTMLParser):
    """The text a reader sees, without what is marked as Kazakh (lang="kk") and without scripts."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skipping: list[str] = []

    def handle_starttag(self, tag, attrs):
        if self._skipping or dict(attrs).get("lang") == "kk" or tag in ("script", "style"):
            self._skipping.append(tag)

    def handle_endtag(self, tag):
        if self._skipping and self._skipping[-1] == tag:
            self._skipping.pop()

    def handle_data(self, data):
        if not self._skipping:
            self.parts.append(data)


def visible(html: str) -> str:
    parser = VisibleText()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def kazakh_letters(text: str) -> list[str]:
    """Where Kazakh letters are in ``text``, but for the proper names."""
    for name in PROPER_NAMES:
        text = text.replace(name, "")
    return [text[max(m.start() - 40, 0) : m.end() + 40] for m in KAZAKH_LETTERS.finditer(text)]


@pytest.fixture
def centre():
    district = District.objects.get(code="almaly")
    return Centre.objects.create(
        district=district,
        name="«Бақытты отбасы» Алмалы аудандық орталығы",
        name_kk="«Бақытты отбасы» Алмалы аудандық орталығы",
        name_ru="Центр «Бақытты отбасы» Алмалинского района",
        address_kk="Абылай хан даңғылы, 91",
        address_ru="пр. Абылай хана, 91",
        phone="+77272720202",
    )


@pytest.fixture
def agency():
    return Agency.objects.get(name_ru="Управление жилищной политики города Алматы")


@pytest.fixture
def purposes():
    return list(VisitPurpose.objects.filter(code__in=["legal", "psychological"]))


@pytest.fixture
def kazakh_day(centre, agency, purposes, monkeypatch):
    """A family registered, texted, visited, served, given a category and referred to an agency by a
    registrar whose pages are in Kazakh."""
    registrar = RegistrarFactory(centre=centre, language="kk", last_name="Ахметова", first_name="Салтанат")
    person = {"last_name": "Иванова", "first_name": "Ольга", "middle_name": "Петровна"}
    family = FamilyFactory(registrar=registrar, language="ru", address="ул. Толе би, 10", mother=PersonFactory(**person))
    with translation.override("kk"):
        for first_name in ("Пётр", "Анна", "Иван", "Мария"):
            child = PersonFactory(last_name="Иванов", first_name=first_name, middle_name="", birth_date=years_ago(8))
            ChildFactory(family=family, person=child)
        categories_refresh(family, actor=registrar)  # four children: a large family
        tell_registered(family)
        notification_deliver(notification_id=Notification.objects.get().pk)
        failed = Notification.objects.create(
            template=MessageTemplate.objects.get(key="appeal_referred"),
            channel="sms",
            to="+77015551234",
            language="ru",
            recipient=family,
            recipient_name=str(family),
            centre=centre,
            idempotency_key="test:failed",
        )
        monkeypatch.setattr(sms, "backend", RefusingBackend)
        notification_deliver(notification_id=failed.pk)
        visit_mark_served(
            actor=registrar, visit=visit_check_in(actor=registrar, family=family, purposes=purposes), what_was_done="Консультация"
        )
        visit_check_in(actor=registrar, family=family, purposes=purposes[:1])  # waiting
        appeal = appeal_open(actor=registrar, family=family, kind=Appeal.Kind.HOUSING, description="Очередь на жильё")
        referral = referral_create(
            actor=registrar, appeal=appeal, agency=agency, expected_outcome="Ответ", due_on=timezone.localdate()
        )
    Referral.objects.filter(pk=referral.pk).update(due_on=years_ago(0) - dt.timedelta(days=3))  # now overdue
    return family


def in_both(*pairs) -> tuple[list[str], list[str]]:
    return [kk for kk, _ru in pairs], [ru for _kk, ru in pairs]


def labels(*choices) -> list[tuple[str, str]]:
    pairs = []
    for choice in choices:
        with translation.override("kk"):
            kk = str(choice.label)
        with translation.override("ru"):
            pairs.append((kk, str(choice.label)))
    return pairs


@pytest.fixture
def names(centre, agency, purposes) -> tuple[list[str], list[str]]:
    """Each translated name this day shows, in Kazakh and in Russian (every pair different)."""
    template = MessageTemplate.objects.get(key="family_registered")
    pairs = [
        (centre.name_kk, centre.name_ru),
        (centre.district.name_kk, centre.district.name_ru),
        (agency.name_kk, agency.name_ru),
        (template.description_kk, template.description_ru),
        *((purpose.name_kk, purpose.name_ru) for purpose in purposes),
        *labels(Appeal.Kind.HOUSING, Appeal.Status.REFERRED, Category.LARGE, Notification.Failure.REJECTED),
    ]
    assert all(kk != ru for kk, ru in pairs), pairs
    return in_both(*pairs)


PAGES = {
    "the family page": lambda family: f"/ru/families/{family.pk}/",
    "today": lambda family: "/ru/families/today/",
    "the family list": lambda family: "/ru/families/",
    "the category changes": lambda family: "/ru/families/changes/",
    "the overdue referrals": lambda family: "/ru/families/referrals/overdue/",
    "the delivery log": lambda family: "/ru/messages/",
    "the monthly summary": lambda family: "/ru/messages/summary/",
    "the registration form": lambda family: "/ru/families/register/",
    "the edit form": lambda family: f"/ru/families/{family.pk}/edit/",
    "the visit form": lambda family: f"/ru/families/{family.pk}/visits/new/",
    "the referral form": lambda family: f"/ru/families/appeals/{family.appeals.get().pk}/referrals/new/",
    "the appeal's status form": lambda family: f"/ru/families/appeals/{family.appeals.get().pk}/move/",
    "who looked at the family": lambda family: f"/ru/families/{family.pk}/access-log/",
    "the centres": lambda family: "/ru/centres/",
    "the family's centre": lambda family: f"/ru/centres/{family.centre_id}/",
}
# What each page names of the day (the Russian names: the Kazakh ones are refused everywhere).
SHOWS = {
    "the family page": ("centre", "district", "agency", "message", "purposes", "kind", "status", "category", "failure"),
    "today": ("purposes",),
    "the family list": ("centre",),
    "the category changes": ("category",),
    "the overdue referrals": ("agency",),
    "the delivery log": ("message", "failure"),
    "the visit form": ("purposes",),
    "the referral form": ("agency",),
    "the centres": ("centre", "district"),
    "the family's centre": ("centre",),
}


@pytest.mark.parametrize("page", list(PAGES))
def test_what_a_kazakh_speaking_registrar_recorded_reads_in_russian_on_the_russian_pages(client, kazakh_day, centre, names, page):
    client.force_login(CentreHeadFactory(centre=centre, language="ru", last_name="Байсакова", first_name="Зульфия"))
    response = client.get(PAGES[page](kazakh_day))
    assert response.status_code == 200
    text = visible(response.content.decode())

    kazakh, russian = names
    assert not [name for name in kazakh if name.casefold() in text.casefold()], text
    assert not kazakh_letters(text)
    keys = ("centre", "district", "agency", "message", "purposes", "purposes", "kind", "status", "category", "failure")
    expected = [name for key, name in zip(keys, russian, strict=True) if key in SHOWS.get(page, ())]
    assert not [name for name in expected if name.casefold() not in text.casefold()], text

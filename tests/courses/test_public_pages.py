"""The public catalogue and course page: anonymous, filtered, in both languages, a fixed and small
number of queries (none once cached), cacheable by anonymous visitors' browsers, listed in robots.txt,
and the language switcher keeps the page."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from courses.models import Group
from courses.services import booking_create
from tests.courses.factories import CourseFactory, GroupFactory, mother_with_family
from tests.factories import CentreFactory, DistrictFactory

pytestmark = pytest.mark.django_db


def test_anyone_sees_the_catalogue_in_kazakh_and_in_russian(client):
    group = GroupFactory(course__title_kk="Тігін ісі", course__title_ru="Швейное дело", capacity=12)

    kk = client.get("/kk/courses/").content.decode()
    ru = client.get("/ru/courses/").content.decode()

    assert "Тігін ісі" in kk and "Швейное дело" not in kk
    assert "Швейное дело" in ru
    assert f"/kk/courses/{group.course_id}/" in kk


def test_a_draft_course_or_a_draft_group_is_not_in_the_catalogue(client):
    GroupFactory(course__title_ru="Черновик курса", course__published_at=None)
    GroupFactory(course__title_ru="Черновик группы", status=Group.Status.DRAFT)

    page = client.get("/ru/courses/").content.decode()

    assert "Черновик" not in page


def test_the_filters_keep_only_the_matching_groups(client):
    almaly = CentreFactory(district=DistrictFactory(code="almaly"))
    medeu = CentreFactory(district=DistrictFactory(code="medeu"))
    GroupFactory(centre=almaly, course__title_ru="Курс в Алмалы", course__category="sewing")
    GroupFactory(centre=medeu, course__title_ru="Курс в Медеу", course__category="cooking")

    by_district = client.get("/ru/courses/", {"district": almaly.district_id}).content.decode()
    by_category = client.get("/ru/courses/", {"category": "cooking"}).content.decode()

    assert "Курс в Алмалы" in by_district and "Курс в Медеу" not in by_district
    assert "Курс в Медеу" in by_category and "Курс в Алмалы" not in by_category


def test_seats_left_is_shown_and_a_full_group_offers_the_waiting_list(client):
    group = GroupFactory(capacity=1)
    mother = mother_with_family()
    booking_create(actor=mother, group=group, family=mother.family)

    page = client.get(f"/ru/courses/{group.course_id}/").content.decode()

    assert "лист ожидания" in page.lower()


def test_a_forged_filter_value_is_ignored_not_a_server_error(client):
    response = client.get("/ru/courses/", {"district": "'; drop table", "month": "99-99", "centre": "x" * 500})

    assert response.status_code == 200


def test_an_unknown_or_unpublished_course_page_is_not_found(client):
    draft = CourseFactory(published_at=None)

    assert client.get("/ru/courses/999999/").status_code == 404
    assert client.get(f"/ru/courses/{draft.pk}/").status_code == 404


@pytest.mark.parametrize("groups", [1, 25])
def test_the_catalogue_asks_the_same_few_queries_for_1_and_25_groups_and_none_once_cached(client, groups):
    for _ in range(groups):
        GroupFactory()

    with CaptureQueriesContext(connection) as cold:
        assert client.get("/ru/courses/").status_code == 200
    with CaptureQueriesContext(connection) as warm:
        assert client.get("/ru/courses/").status_code == 200

    # The courses with their groups (2), and the filters' districts and centres (2).
    assert len(cold) == 4, [q["sql"][:120] for q in cold.captured_queries]
    assert len(warm) == 0


@pytest.mark.parametrize("groups", [1, 25])
def test_a_course_page_asks_two_queries_whatever_its_groups_and_none_once_cached(client, groups):
    course = CourseFactory()
    for _ in range(groups):
        GroupFactory(course=course)

    with CaptureQueriesContext(connection) as cold:
        assert client.get(f"/ru/courses/{course.pk}/").status_code == 200
    with CaptureQueriesContext(connection) as warm:
        client.get(f"/ru/courses/{course.pk}/")

    assert len(cold) == 2  # the course, its groups with their centres and districts
    assert len(warm) == 0


def test_a_booking_makes_the_cached_page_show_the_seat_gone(client, django_capture_on_commit_callbacks):
    group = GroupFactory(capacity=2)
    before = client.get(f"/ru/courses/{group.course_id}/").content.decode()
    mother = mother_with_family()

    with django_capture_on_commit_callbacks(execute=True):
        booking_create(actor=mother, group=group, family=mother.family)
    after = client.get(f"/ru/courses/{group.course_id}/").content.decode()

    assert "Осталось мест: 2" in before
    assert "Осталось мест: 1" in after


def test_anonymous_visitors_may_keep_the_pages_and_signed_in_users_may_not(client):
    group = GroupFactory()

    anonymous = client.get(f"/ru/courses/{group.course_id}/")
    client.force_login(mother_with_family())
    signed_in = client.get(f"/ru/courses/{group.course_id}/")

    assert "public" in anonymous["Cache-Control"] and "max-age=300" in anonymous["Cache-Control"]
    assert "no-store" in signed_in["Cache-Control"] and "public" not in signed_in["Cache-Control"]


def test_robots_txt_lets_search_engines_index_the_catalogue_and_course_pages(client):
    robots = client.get("/robots.txt").content.decode()

    for rule in ("Allow: /kk/courses/$", "Allow: /ru/courses/$", "Allow: /kk/courses/*/$", "Allow: /ru/courses/*/$"):
        assert rule in robots
    assert robots.rstrip().endswith("Disallow: /")


def test_the_language_switcher_keeps_the_course_page(client):
    group = GroupFactory()
    page = f"/kk/courses/{group.course_id}/"
    client.get(page)

    response = client.post("/i18n/setlang/", {"language": "ru", "next": page})

    assert response["Location"] == f"/ru/courses/{group.course_id}/"


def test_the_page_is_light_on_a_phone_no_image_and_no_script_of_its_own(client):
    group = GroupFactory()

    page = client.get(f"/ru/courses/{group.course_id}/").content.decode()

    assert "<img" not in page
    assert page.count("<script") == 3  # the base page's Bootstrap, htmx and otbasy.js, nothing more


def test_the_catalogue_only_lists_groups_still_open_for_booking(client):
    GroupFactory(course__title_ru="Запись закрыта", booking_opens_on=dt.date(2020, 1, 1), booking_closes_on=dt.date(2020, 2, 1))
    GroupFactory(course__title_ru="Запись открыта", booking_closes_on=timezone.localdate())

    page = client.get("/ru/courses/").content.decode()

    assert "Запись открыта" in page and "Запись закрыта" not in page


def test_a_group_numbered_past_a_thousand_keeps_its_number_whole_in_the_page_in_either_language(client):
    # Kazakh and Russian group thousands with a space: "1 153" would break the anchor and the button.
    group = GroupFactory(pk=12345)

    for language in ("kk", "ru"):
        course = client.get(f"/{language}/courses/{group.course_id}/").content.decode()
        catalogue = client.get(f"/{language}/courses/").content.decode()

        assert 'id="group-12345"' in course and 'data-testid="book-12345"' in course
        assert "#group-12345" in catalogue

import math

import pytest
from django.contrib.contenttypes.models import ContentType

from core.paging import CappedPaginator

pytestmark = pytest.mark.django_db


@pytest.fixture
def rows():
    """An ordered queryset of some forty rows that every test database has."""
    queryset = ContentType.objects.order_by("pk")
    assert queryset.count() > 30
    return queryset


def test_a_first_page_that_is_not_full_is_its_own_count(rows, django_assert_num_queries):
    total = rows.count()
    paginator = CappedPaginator(rows, per_page=100)
    with django_assert_num_queries(1):
        page = paginator.get_page(None)
        assert (paginator.count, paginator.more_than, paginator.num_pages) == (total, None, 1)
    assert not page.has_next() and not page.has_other_pages()


def test_a_long_list_is_counted_only_up_to_the_cap(rows, django_assert_num_queries):
    paginator = CappedPaginator(rows, per_page=5, cap=12)
    with django_assert_num_queries(2) as captured:
        page = paginator.get_page("1")
        assert paginator.more_than == 12
    assert "LIMIT 13" in captured.captured_queries[1]["sql"]
    assert page.has_next() and list(page) == list(rows[:5])


def test_a_count_under_the_cap_is_exact(rows):
    total = rows.count()
    paginator = CappedPaginator(rows, per_page=5, cap=total)

    page = paginator.get_page(2)

    assert (paginator.count, paginator.more_than, paginator.num_pages) == (total, None, math.ceil(total / 5))
    assert page.has_previous() and page.has_next()


def test_pages_past_the_cap_still_come_and_the_last_one_knows_it_is_the_last(rows):
    total = rows.count()
    last = math.ceil(total / 5)
    paginator = CappedPaginator(rows, per_page=5, cap=6)

    pages = [paginator.get_page(number) for number in range(1, last + 1)]

    assert [row for page in pages for row in page] == list(rows)
    assert [page.has_next() for page in pages] == [True] * (last - 1) + [False]
    assert pages[-1].number == last and paginator.more_than == 6


@pytest.mark.parametrize("number", ["999", "0", "-3"])
def test_a_page_past_the_end_shows_the_last_page_counted_exactly(rows, number):
    total = rows.count()
    paginator = CappedPaginator(rows, per_page=5, cap=6)

    page = paginator.get_page(number)

    assert page.number == math.ceil(total / 5) and not page.has_next()
    assert (paginator.count, paginator.more_than) == (total, None)


@pytest.mark.parametrize("number", ["x", "2.5", None])
def test_a_page_that_is_not_a_number_is_the_first(rows, number):
    assert CappedPaginator(rows, per_page=5).get_page(number).number == 1


def test_an_empty_list_has_an_empty_first_page(django_assert_num_queries):
    paginator = CappedPaginator(ContentType.objects.none(), per_page=5)
    with django_assert_num_queries(0):
        page = paginator.get_page(None)
    assert (len(page), paginator.count, paginator.more_than, page.has_next()) == (0, 0, None, False)


def test_a_plain_list_pages_the_same_way():
    paginator = CappedPaginator(list(range(23)), per_page=10, cap=15)
    assert list(paginator.get_page(3)) == [20, 21, 22]
    assert paginator.more_than == 15


def test_a_list_past_the_cap_is_remembered_so_that_the_next_view_asks_no_count(rows, django_assert_num_queries):
    first = CappedPaginator(rows, per_page=5, cap=12, remember_seconds=60)
    first.get_page(None)
    assert first.more_than == 12

    paginator = CappedPaginator(rows, per_page=5, cap=12, remember_seconds=60)
    with django_assert_num_queries(1):  # the page's rows only
        paginator.get_page(None)
        assert paginator.more_than == 12


def test_an_exact_count_under_the_cap_is_never_remembered(rows, django_assert_num_queries):
    total = rows.count()
    assert CappedPaginator(rows, per_page=5, cap=total, remember_seconds=60).count == total

    paginator = CappedPaginator(rows, per_page=5, cap=total, remember_seconds=60)
    with django_assert_num_queries(2):
        paginator.get_page(None)
        assert (paginator.count, paginator.more_than) == (total, None)


def test_what_is_remembered_belongs_to_that_query_alone(rows):
    assert CappedPaginator(rows, per_page=5, cap=12, remember_seconds=60).more_than == 12
    few = rows.filter(pk__lte=rows[9].pk)  # ten rows: other SQL, so asked afresh

    paginator = CappedPaginator(few, per_page=5, cap=12, remember_seconds=60)
    paginator.get_page(None)

    assert (paginator.count, paginator.more_than) == (10, None)

"""Paging through long lists without counting every row.

``CappedPaginator`` is Django's paginator with a short count. A page asks for one row more than it
shows, so it knows by itself whether a next page follows, and a first page that is not full (most
searches) is its own count: no count query at all. Otherwise the rows are counted only up to ``cap``
(a limited subquery, which stops there): a list of many thousands says "more than 1,000" and "page 3"
rather than scanning them all for "11,475" and "page 3 of 459" — counting a registrar's 11,475
families took about 40 ms of the family list's time. Pages past the cap still work; a page number
past the end (typed into the address bar) shows the last page, as Django's ``get_page`` does, after
one exact count.

A count that reached the cap can be remembered for a few minutes (``remember_seconds``): the registrar's
list of her district's thousands of families then costs no count query at all on most views. Only the
fact "more than ``cap``" is kept, under a digest of the count's own SQL (so the user's scope and filters
are part of the key); an exact count below the cap is always asked afresh, so that a family registered a
moment ago shows in it.
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property

DEFAULT_CAP = 1000


class CappedPaginator(Paginator):
    def __init__(self, object_list, per_page: int, *, cap: int = DEFAULT_CAP, remember_seconds: int = 0, **kwargs) -> None:
        if kwargs.get("orphans") or not kwargs.get("allow_empty_first_page", True):
            raise ValueError("a capped paginator takes no orphans and always has a first page: it does not count to the end")
        super().__init__(object_list, per_page, **kwargs)
        self.cap = cap
        self.remember_seconds = remember_seconds
        self._exact = False

    @cached_property
    def count(self) -> int:
        """How many rows there are, or ``cap + 1`` when there are more than ``cap``."""
        if not isinstance(self.object_list, QuerySet):
            return min(len(self.object_list), self.cap + 1)
        counted = self.object_list.order_by().values("pk")[: self.cap + 1]
        if not self.remember_seconds:
            return counted.count()
        sql, params = counted.query.sql_with_params()
        key = "capped-count:" + hashlib.sha256(repr((sql, params)).encode()).hexdigest()
        if cache.get(key):
            return self.cap + 1
        count = counted.count()
        if count > self.cap:
            cache.set(key, True, self.remember_seconds)
        return count

    @property
    def more_than(self) -> int | None:
        """``cap`` when there are more rows than that (the count stopped there); None when the count is exact."""
        return self.cap if self.count > self.cap and not self._exact else None

    def validate_number(self, number) -> int:
        if str(number) == "1":
            return 1  # there is always a first page, and it needs no count
        try:
            return super().validate_number(number)
        except EmptyPage:
            # Past the counted rows of a capped count, a page may still exist: page() looks.
            if self.more_than is None or int(number) < 1:
                raise
            return int(number)

    def page(self, number) -> CappedPage:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        rows = list(self.object_list[bottom : bottom + self.per_page + 1])
        if not rows and number > 1:
            raise EmptyPage(self.error_messages["no_results"])
        has_next = len(rows) > self.per_page
        if number == 1 and not has_next:
            self._set_count(len(rows))  # the whole list is on this page
        return CappedPage(rows[: self.per_page], number, self, has_next=has_next)

    def get_page(self, number) -> CappedPage:
        try:
            return self.page(self.validate_number(number))
        except PageNotAnInteger:
            return self.page(1)
        except EmptyPage:
            # A page past the end: count exactly this once, and show the last page.
            self._set_count(self.object_list.count() if isinstance(self.object_list, QuerySet) else len(self.object_list))
            return self.page(self.num_pages)

    def _set_count(self, count: int) -> None:
        self.__dict__["count"] = count
        self.__dict__.pop("num_pages", None)
        self._exact = True


class CappedPage(Page):
    def __init__(self, object_list, number: int, paginator: CappedPaginator, *, has_next: bool) -> None:
        super().__init__(object_list, number, paginator)
        self._has_next = has_next

    def has_next(self) -> bool:
        return self._has_next

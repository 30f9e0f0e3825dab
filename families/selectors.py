"""Reads of the family registry, always through the user's scope."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache, lru_cache

from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.search import TrigramWordSimilarity
from django.db import connection
from django.db.models import (
    BigIntegerField,
    BooleanField,
    CharField,
    ExpressionWrapper,
    F,
    Prefetch,
    Q,
    QuerySet,
    Value,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast
from django.shortcuts import get_object_or_404
from django.utils import timezone

from audit.models import AccessEvent
from centres.models import Centre, District
from core.i18n import translated_fields
from core.phones import to_e164
from core.scoping import Scope, ScopedQuerySet, get_visible_or_404, scope_for
from families.categories import Categories, Category, Thresholds
from families.models import (
    Appeal,
    CategoryChange,
    CategoryThresholds,
    Child,
    Consent,
    EmergencyAccess,
    Family,
    NameWord,
    Person,
    Referral,
    TimelineEntry,
    Visit,
)
from families.models.family import InArray
from families.search import SIMILAR_LIMIT, search_key, spelling_guesses

_IIN_LIKE = re.compile(r"\A[0-9]{12}\Z")
_PHONE_LIKE = re.compile(r"^\+?[\d\s()\-]{7,20}$")
_NOT_DIGITS = re.compile(r"[^0-9]+")
# Part of an IIN or a phone number is searched from this many digits: fewer are in too many
# families' numbers to narrow anything (and the trigram indexes need at least three).
MIN_DIGITS = 4


@dataclass(frozen=True)
class Query:
    """What the one search box was given: an IIN, a phone number, part of one ("digits"), (part of) a
    name, perhaps with digits of her IIN or phone ("Нұрланова 5551"); or what finds nothing: too few
    digits ("too_short"), nothing to search by ("nothing"). "empty" is no search at all."""

    kind: str  # "iin", "phone", "digits", "name", "too_short", "nothing" or "empty"
    value: str
    digits: str = ""  # a name's digits

    @classmethod
    def parse(cls, text: str) -> Query:
        text = (text or "").strip()
        compact = re.sub(r"[\s\-]", "", text)
        digits = _NOT_DIGITS.sub("", text)
        if not text:
            return cls("empty", "")
        if _IIN_LIKE.match(compact):
            return cls("iin", compact)
        if _PHONE_LIKE.match(text) and len(digits) >= 10 and (phone := to_e164(text)):
            return cls("phone", phone)
        if digits and len(digits) < MIN_DIGITS:
            return cls("too_short", digits)
        if key := search_key(text):
            return cls("name", key, digits)
        return cls("digits", digits) if digits else cls("nothing", "")


def family_search(queryset: QuerySet, text: str) -> QuerySet:
    """Families matching the search box: exact IIN (the mother's, a child's or the spouse's), phone,
    part of either (``digit_matches``), or name — never all of them for a query that finds nothing.

    Name search: every word of the query is part of the mother's folded name; when no family matches
    so (a misspelling), the best guesses are shown instead (``name_guesses``)."""
    query = Query.parse(text)
    if query.kind == "empty":
        return queryset
    if query.kind == "iin":
        # The person first, by the unique IIN index; then her family, whichever role she has in it.
        rows = Person.objects.filter(iin=query.value).values_list("family_as_mother", "family_as_spouse", "as_child__family")
        return queryset.filter(pk__in={family_id for row in rows for family_id in row if family_id})
    if query.kind == "phone":
        return queryset.filter(Q(phone=query.value) | Q(phone_extra=query.value))
    if query.kind == "digits":
        return digit_matches(queryset, query.value)
    if query.kind != "name":
        return queryset.none()
    if query.digits:
        queryset = digit_matches(queryset, query.digits)
    exact = name_matches(queryset, query.value)
    # The matches' keys from one pass of the index, which asks whether there are any at the
    # same time: their page is then read by primary key rather than through the index again. A name
    # that matches more than a few pages of families is read through the index, as it pages.
    found = list(exact.order_by().values_list("pk", flat=True)[: MATCHES_BY_KEY + 1])
    if not found:
        return name_guesses(queryset, query.value)
    return among(queryset, found) if len(found) <= MATCHES_BY_KEY else exact


def among(queryset: QuerySet, keys: Iterable[int]) -> QuerySet:
    """The families of ``queryset`` with these primary keys, for a few dozen or hundred keys. On
    PostgreSQL the keys are one array parameter (``id = ANY(%s)``), so that the query reads the same
    however many there are and psycopg parses it once, where ``IN (%s, %s, …)`` was a new query for
    each number of keys (for the 108 families of a common surname, cProfile put psycopg's parsing of
    it and of its count at a millisecond and a half a request). Elsewhere ``IN``. For one to three keys (an IIN's families) ``IN`` is the
    better: its plan is kept, where the server plans the array's each time."""
    keys = list(keys)
    if connection.vendor != "postgresql":
        return queryset.filter(pk__in=keys)
    return queryset.filter(Q(InArray(F("pk"), Cast(Value(keys), ArrayField(BigIntegerField())))))


def digit_matches(queryset: QuerySet, digits: str) -> QuerySet:
    """Families with ``digits`` in the IIN of the mother, the spouse or a child, or in either phone
    number (stored as +7XXXXXXXXXX: a number typed from its national 8 is looked for as +7).

    One query: the families holding them are gathered in a subquery, each part from a trigram index
    (migration 0013), so that no family is read to test its numbers."""
    phones = Q(phone__contains=digits) | Q(phone_extra__contains=digits)
    if digits.startswith("8"):
        national = "+7" + digits[1:]
        phones |= Q(phone__startswith=national) | Q(phone_extra__startswith=national)
    holders = (
        Family.objects.filter(phones)
        .values("pk")
        .union(
            Family.objects.filter(mother__iin__contains=digits).values("pk"),
            Family.objects.filter(spouse__iin__contains=digits).values("pk"),
            Child.objects.filter(person__iin__contains=digits).order_by().values("family_id"),
        )
    )
    if connection.vendor != "postgresql":
        return queryset.filter(pk__in=holders)
    # As an array, gathered once and then looked up by primary key. As IN (subquery) the planner,
    # taking the holders of four common digits ("0101": 3,600 of 100,000 families) for a few dozen,
    # compared each family of the list with each of them (340 ms against 110).
    return queryset.filter(Q(InArray(F("pk"), ArraySubquery(holders))))


def name_guesses(queryset: QuerySet, key: str) -> QuerySet:
    """The families of ``queryset`` whose mother's name is closest to a misspelt ``key``, best first. On
    PostgreSQL by trigram word similarity (``similar_names``); elsewhere (the embedded SQLite of ``make
    run``) by counting typing slips in Python (``spelling_guesses``)."""
    if connection.vendor != "postgresql":
        return spelling_guesses(queryset, key)
    best = list(similar_names(queryset, key).values_list("pk", flat=True)[:SIMILAR_LIMIT])
    return (
        among(queryset, best)
        .annotate(rank=TrigramWordSimilarity(key, "search_name"))
        .order_by("-rank", "mother__last_name", "pk")
    )


# A name search that finds at most this many families reads them by their keys (family_search).
MATCHES_BY_KEY = 250


def name_matches(queryset: QuerySet, key: str) -> QuerySet:
    """Families whose mother's folded name contains every word of ``key``. On PostgreSQL each word is
    looked up among the words of all mothers' names (``NameWord``), and the families holding one of
    those it is part of are read from the index of their names' words; elsewhere the names are read."""
    if connection.vendor != "postgresql":
        return queryset.filter(*(Q(search_name__contains=word) for word in key.split()))
    return queryset.filter(*(NameWord.objects.containing(word).held_by() for word in key.split()))


def similar_names(queryset: QuerySet, key: str) -> QuerySet:
    """Families whose mother's name has a word similar to each word of ``key``, most similar first
    (PostgreSQL). The similarity is tested on the words of all mothers' names (``NameWord``, a few
    hundred to a few tens of thousands), not on the families: each word of ``key`` must be similar to
    one word of her name, rather than to a stretch of it that runs across two words ("sarsinbaeva" is
    not "satbaeva samal")."""
    return _most_similar(queryset.filter(_similar(key)), key)


def _similar(key: str) -> Q:
    return Q(*(NameWord.objects.similar_to(word).held_by() for word in key.split()))


def _most_similar(queryset: QuerySet, key: str) -> QuerySet:
    return queryset.annotate(rank=TrigramWordSimilarity(key, "search_name")).order_by("-rank", "pk")


def families_for_list(user) -> QuerySet:
    return Family.objects.visible_to(user).with_list_data().order_by("-created_at", "-pk")


def _name_columns(path: str) -> list[str]:
    """A translated name's columns behind ``path`` (modeltranslation keeps one per language and falls back among them)."""
    return [f"{path}__{field}" for field in translated_fields("name")]


def _person_columns(path: str) -> list[str]:
    return [f"{path}__{field}" for field in ("last_name", "first_name", "middle_name", "iin", "birth_date")]


# Who did something, as the pages name her (accounts.User.__str__).
_USER_NAME = ("username", "last_name", "first_name", "middle_name")

# The busiest pages load only the columns they show: the ORM spends about as long building and
# reading a column as the page spends showing it. A column a page comes to need and was left out
# costs a query per row, which the query-count tests catch.
_LIST_ROW = [
    "created_at",
    *(category.flag for category in Category),
    *_person_columns("mother"),
    *_name_columns("centre"),
]


def family_list_rows(user) -> QuerySet:
    """The families of the list page (mothers, centres and the number of children with them). The
    phone comes as its stored text (``phone_e164``): the list only shows it, and making a
    PhoneNumber of it parses it against the numbering plan.

    The queryset is built once per process for each scope and copied for each request (``.all()``,
    as Django's class-based views copy theirs): building it took the ORM about a millisecond, an
    eighth of a search by IIN. Not for a scope that counts emergency accesses: theirs is asked as of
    the moment it is built."""
    scope = scope_for(user)
    if scope.emergency:
        return _list_rows_in(scope)
    return _list_rows_kept_for(scope).all()


# The scopes whose list querysets a process keeps: far more than the staff who search in one
# process's lifetime; a user whose scope changes (a new workplace) has a new one.
LIST_SCOPES_KEPT = 1024


def _list_rows_in(scope: Scope) -> QuerySet:
    return (
        Family.objects.in_scope(scope)
        .with_list_data(district=False)
        .only(*_LIST_ROW)
        .annotate(phone_e164=Cast("phone", output_field=CharField()))
        .order_by("-created_at", "-pk")
    )


_list_rows_kept_for = lru_cache(maxsize=LIST_SCOPES_KEPT)(_list_rows_in)


def family_for_page(head: Family) -> Family:
    """The family page's family: her own columns, her people, her children, consents and appeals (of
    the related rows only what the page shows), for the ``head`` that ``family_page_head`` found in the
    viewer's scope in the same request. Not scoped again: the scope's query is the costliest of the
    page to build, and the head's check already answered it (with whether she sees the family only
    through an emergency access, which the body's family carries on for its rules)."""
    consents = Consent.objects.select_related("text", "recorded_by").only(
        "family_id", "given_on", "scan", "withdrawn_on", "text__version", *(f"recorded_by__{field}" for field in _USER_NAME)
    )
    queryset = (
        Family.objects.select_related("mother", "spouse", "centre", "district")
        .only(
            *(field.name for field in Family._meta.concrete_fields),
            *_person_columns("mother"),
            *_person_columns("spouse"),
            *_name_columns("centre"),
            "centre__district_id",
            *_name_columns("district"),
        )
        .prefetch_related(
            Prefetch("children", queryset=Child.objects.select_related("person")),
            Prefetch("consents", queryset=consents),
            Prefetch("appeals", queryset=family_appeals_queryset()),
        )
    )
    family = get_object_or_404(queryset, pk=head.pk)  # gone since the head was read: a 404 as well
    if hasattr(head, "in_own_scope"):
        family.in_own_scope = head.in_own_scope
    return family


def _marking_own_scope(queryset: ScopedQuerySet, user) -> ScopedQuerySet:
    scope = scope_for(user)
    if scope.emergency:
        # Whether she sees the family without her emergency accesses (then the page is hers as usual).
        own = Family.objects.none().scope_q(replace(scope, emergency=False))
        queryset = queryset.annotate(in_own_scope=ExpressionWrapper(own, output_field=BooleanField()))
    return queryset


@cache  # the same text for every request: built once per process
def _page_stamp_sql() -> str:
    """What changes whenever anything the family page shows changes: the row versions (``xmin``, which
    PostgreSQL gives a row anew at every update) of the family, her people, centre and district, and of
    her children, consents, appeals, referrals and timeline entries (a row added or removed changes it too).
    It follows every writer, a bulk update or another app's entry as much as a service, with no receiver
    to keep up; the names of colleagues and agencies the page shows are not in it (their rows change at
    every sign-in): the page is kept only minutes for them."""
    family, person, centre, district = (
        Family._meta.db_table,
        Person._meta.db_table,
        Centre._meta.db_table,
        District._meta.db_table,
    )
    child, consent, appeal = Child._meta.db_table, Consent._meta.db_table, Appeal._meta.db_table
    referral, entry = Referral._meta.db_table, TimelineEntry._meta.db_table

    def versions(rows: str) -> str:  # the versions of the rows named "r", in the order of their keys
        return f"(SELECT string_agg(r.xmin::text, ',' ORDER BY r.id) FROM {rows})"

    outer = f'"{family}"'
    return (
        "md5(concat_ws('|', "
        + ", ".join(
            [
                f"{outer}.xmin",
                versions(f"{person} r WHERE r.id IN ({outer}.mother_id, {outer}.spouse_id)"),
                versions(f"{centre} r WHERE r.id = {outer}.centre_id"),
                versions(f"{district} r WHERE r.id = {outer}.district_id"),
                versions(f"{child} c JOIN {person} r ON r.id = c.person_id WHERE c.family_id = {outer}.id"),
                versions(f"{child} r WHERE r.family_id = {outer}.id"),
                versions(f"{consent} r WHERE r.family_id = {outer}.id"),
                versions(f"{appeal} r WHERE r.family_id = {outer}.id"),
                versions(f"{referral} r JOIN {appeal} a ON a.id = r.appeal_id WHERE a.family_id = {outer}.id"),
                versions(f"{entry} r WHERE r.family_id = {outer}.id"),
            ]
        )
        + "))"
    )


def family_page_head(user, pk: int) -> Family:
    """The family the page is about, with only what the page shows around its body (the title) and
    ``page_stamp``: a value that changes whenever anything its body shows changes, so that the body may
    be kept in the cache under it (None where the database keeps no row versions: SQLite, for ``make
    run``). Raises Http404 outside her scope."""
    queryset = Family.objects.select_related("mother").only(
        "centre_id", "district_id", "anonymised_at", *_person_columns("mother")
    )
    stamp = RawSQL(_page_stamp_sql(), ()) if connection.vendor == "postgresql" else Value(None)
    queryset = queryset.annotate(page_stamp=ExpressionWrapper(stamp, output_field=CharField()))
    return get_visible_or_404(_marking_own_scope(queryset, user), user, pk=pk)


def emergency_grant(user, family: Family) -> EmergencyAccess | None:
    """The running emergency access through which ``user`` sees ``family`` (from ``family_page_head``),
    or None when the family is in her scope."""
    if getattr(family, "in_own_scope", True):
        return None
    return EmergencyAccess.objects.active().filter(user=user, family=family).order_by("-expires_at").first()


def family_queryset_for_edit() -> QuerySet:
    return Family.objects.select_related("mother", "spouse").prefetch_related(
        Prefetch("children", queryset=Child.objects.select_related("person"))
    )


def family_categories(family: Family) -> Categories:
    """The family's categories as of today, with the numbers behind them (children prefetched)."""
    from families.services.categories import categories_of

    today = timezone.localdate()
    return categories_of(family, family.children.all(), thresholds_on(today), today)


def thresholds_on(day: dt.date) -> Thresholds:
    """The numbers the categories are computed with on ``day`` (kept by the process for a minute)."""
    return Thresholds.of(CategoryThresholds.on(day))


def family_appeals_queryset():
    """A family's appeals as the family page shows them, each with its referrals."""
    referrals = Referral.objects.select_related("agency").only(
        "appeal_id", "due_on", "outcome", "outcome_on", *_name_columns("agency")
    )
    return (
        Appeal.objects.select_related("centre")
        .only("family_id", "centre_id", "kind", "status", "opened_at", "description", *_name_columns("centre"))
        .prefetch_related(Prefetch("referrals", queryset=referrals))
    )


@dataclass(frozen=True)
class Found:
    """A family a duplicate check found, and whether the user may see it. Outside her scope a page names
    only the centre that registered it (to ask), never the mother, her IIN or a link (issue 9, item 8)."""

    family: Family
    in_scope: bool

    @property
    def mother(self) -> Person:
        return self.family.mother


def possible_duplicates(
    user, *, last_name: str, first_name: str, middle_name: str, birth_date: dt.date | None, exclude_pk=None
) -> list[Found]:
    """Families whose mother is registered under the same name and birth date (a warning, not a refusal)."""
    if not birth_date:
        return []
    key = search_key(" ".join(part for part in (last_name, first_name, middle_name) if part))
    families = Family.objects.filter(mother__birth_date=birth_date, mother__search_name=key).select_related("mother", "centre")
    if exclude_pk is not None:
        families = families.exclude(mother_id=exclude_pk)
    found = list(families[:10])
    visible = set(Family.objects.visible_to(user).filter(pk__in=[f.pk for f in found]).values_list("pk", flat=True))
    return [Found(family, family.pk in visible) for family in found]


def visits_today(user) -> QuerySet:
    today = timezone.localdate()
    return (
        Visit.objects.filter(centre_id=user.centre_id, arrived_at__date=today)
        .select_related("family__mother", "served_by")
        .prefetch_related("purposes")
        .order_by("status", "arrived_at")
    )


def category_changes(user, *, since: dt.date) -> QuerySet:
    return (
        CategoryChange.objects.visible_to(user)
        .filter(on__gte=since)
        .select_related("family__mother", "by")
        .order_by("-at", "-pk")
    )


def overdue_referrals(user) -> QuerySet:
    return (
        Referral.objects.visible_to(user)
        .overdue(timezone.localdate())
        .select_related("agency", "appeal__family__mother", "sent_by")
        .order_by("due_on", "pk")
    )


def family_emergency_accesses(family: Family) -> QuerySet:
    """Who opened this family through an emergency access, why, when and until when (for the head)."""
    return EmergencyAccess.objects.filter(family=family).select_related("user__centre").order_by("-started_at", "-pk")


def family_viewers(family: Family) -> QuerySet:
    """Who looked at, changed or exported this family's data, newest first (for the centre head)."""
    from django.contrib.contenttypes.models import ContentType

    return (
        AccessEvent.objects.filter(target_type=ContentType.objects.get_for_model(Family), target_id=str(family.pk))
        .select_related("actor", "centre")
        .order_by("-at", "-pk")
    )


def family_is_verified(family: Family) -> bool:
    """Whether the registry vouches for the family: registered at a desk, or signed up online by the
    mother and verified by a registrar since. A family that is not holds no category: courses reserved
    for large or low-income families ask this as well as the category."""
    return family.is_verified


def families_awaiting_verification(user) -> QuerySet:
    """The families mothers signed up online that ``user`` sees and nobody has verified, oldest first."""
    return (
        Family.objects.visible_to(user)
        .awaiting_verification()
        .select_related("mother", "centre", "mother_account")
        .order_by("created_at", "pk")
    )

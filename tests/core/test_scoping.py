"""core.scoping: who sees which rows. ``scope_for`` and ``get_visible_or_404``, the three lookup paths of
``ScopedQuerySet`` (district, centre, owner), the families' guest rule, and officials, who see no
personal record of any installed model by construction."""

import pytest
from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.db.models import Q
from django.http import Http404

from accounts.models import User
from centres.models import Centre
from consultations.models import Appointment
from core.scoping import NOTHING, Scope, ScopedQuerySet, get_visible_or_404, scope_for
from courses.models import Attendance, Certificate
from families.models import CategoryChange, CentreGuest, Consent, Family, TimelineEntry, VisitPurpose
from families.services import visit_check_in
from retention.models import Anonymisation, RetentionHold
from tests.consultations.factories import AppointmentFactory
from tests.courses.factories import BookingFactory, GroupFactory
from tests.dashboards.factories import reports_of
from tests.factories import (
    AdministratorFactory,
    CentreFactory,
    CentreHeadFactory,
    CityOfficialFactory,
    DistrictFactory,
    DistrictOfficialFactory,
    MotherUserFactory,
    RegistrarFactory,
    SpecialistFactory,
)
from tests.families.factories import AppealFactory, FamilyFactory, ReferralFactory, VisitFactory
from tests.grants.factories import brought_to, eligible_family, open_round
from tests.notifications.factories import NotificationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_centres(almaly, bostandyk):
    return almaly, bostandyk


def visible_centres(user) -> set:
    return set(Centre.objects.visible_to(user))


# --- scope_for and get_visible_or_404 -------------------------------------------------------------


def test_centre_staff_see_their_own_district_only(two_centres):
    almaly, bostandyk = two_centres
    assert visible_centres(RegistrarFactory(centre=almaly)) == {almaly}


def test_a_district_official_sees_her_district_only(two_centres):
    almaly, bostandyk = two_centres
    assert visible_centres(DistrictOfficialFactory(district=bostandyk.district)) == {bostandyk}


@pytest.mark.parametrize("factory", [CityOfficialFactory, AdministratorFactory])
def test_city_officials_and_administrators_see_every_centre(two_centres, factory):
    assert visible_centres(factory()) == set(two_centres)


def test_a_mother_sees_no_district_records(two_centres):
    assert visible_centres(MotherUserFactory()) == set()


def test_an_anonymous_visitor_sees_nothing(two_centres):
    assert visible_centres(AnonymousUser()) == set()


def test_a_deactivated_account_sees_nothing(two_centres):
    assert visible_centres(RegistrarFactory(centre=two_centres[0], is_active=False)) == set()


def test_fetching_an_object_outside_the_scope_is_a_404_like_a_missing_one(two_centres):
    almaly, bostandyk = two_centres
    registrar = RegistrarFactory(centre=almaly)
    assert get_visible_or_404(Centre, registrar, pk=almaly.pk) == almaly
    with pytest.raises(Http404):
        get_visible_or_404(Centre, registrar, pk=bostandyk.pk)
    with pytest.raises(Http404):
        get_visible_or_404(Centre, registrar, pk=999_999)


def test_get_visible_or_404_keeps_the_queryset_it_is_given(two_centres):
    almaly, bostandyk = two_centres
    registrar = RegistrarFactory(centre=almaly)
    closed = Centre.objects.filter(is_active=False)
    with pytest.raises(Http404):  # visible, but not in the queryset asked
        get_visible_or_404(closed, registrar, pk=almaly.pk)
    assert get_visible_or_404(Centre.objects.select_related("district"), registrar, pk=almaly.pk) == almaly


def test_a_mother_sees_only_her_own_account_among_users(two_centres):
    mother = MotherUserFactory()
    RegistrarFactory(centre=two_centres[0])
    assert list(User.objects.visible_to(mother)) == [mother]


def test_a_centre_head_sees_the_accounts_of_her_district(two_centres):
    almaly, bostandyk = two_centres
    head = CentreHeadFactory(centre=almaly)
    colleague = RegistrarFactory(centre=almaly)
    official = DistrictOfficialFactory(district=almaly.district)
    RegistrarFactory(centre=bostandyk)
    assert set(User.objects.visible_to(head)) == {head, colleague, official}


def test_the_scope_is_computed_once_per_user_object(two_centres, django_assert_num_queries):
    registrar = User.objects.get(pk=RegistrarFactory(centre=two_centres[0]).pk)
    with django_assert_num_queries(1):  # the centre, to learn its district
        scope_for(registrar)
        scope_for(registrar)


def test_the_scope_of_each_kind_of_user(almaly):
    registrar = RegistrarFactory(centre=almaly)
    official = DistrictOfficialFactory(district=almaly.district)
    mother = MotherUserFactory()
    district = frozenset({almaly.district_id})
    assert scope_for(registrar) == Scope(role="registrar", user_id=registrar.pk, district_ids=district, centre_id=almaly.pk)
    assert scope_for(official) == Scope(role="district_official", user_id=official.pk, district_ids=district)
    assert scope_for(official).official and not scope_for(registrar).official
    assert scope_for(mother).own_records_only and not scope_for(mother).district_ids
    assert scope_for(AdministratorFactory()).all_districts and not scope_for(AdministratorFactory()).official
    assert not scope_for(AnonymousUser()).signed_in


# --- ScopedQuerySet: the district, centre and owner paths (on visits, which have all three) ------


@pytest.fixture
def visits(almaly, bostandyk):
    """An Almaly family's visit at home, a Bostandyk family's at home, and the Bostandyk family's
    visit at the Almaly centre."""
    almaly_family = FamilyFactory(registrar=RegistrarFactory(centre=almaly), mother_account=MotherUserFactory())
    bostandyk_family = FamilyFactory(registrar=RegistrarFactory(centre=bostandyk))
    return {
        "almaly": VisitFactory(family=almaly_family),
        "bostandyk": VisitFactory(family=bostandyk_family),
        "guest": VisitFactory(family=bostandyk_family, centre=almaly),
    }


def visible_visits(user, visits) -> set[str]:
    from families.models import Visit

    names = {visit.pk: name for name, visit in visits.items()}
    return {names[pk] for pk in Visit.objects.visible_to(user).values_list("pk", flat=True)}


def test_the_district_path_shows_the_records_of_families_of_the_users_district(visits, bostandyk):
    # A second centre of Bostandyk sees its district's family's visits, wherever they were made.
    other_centre = CentreFactory(district=bostandyk.district)
    assert visible_visits(SpecialistFactory(centre=other_centre), visits) == {"bostandyk", "guest"}


def test_the_centre_path_shows_the_records_made_at_the_users_centre(visits, almaly):
    assert visible_visits(RegistrarFactory(centre=almaly), visits) == {"almaly", "guest"}


def test_the_centre_path_is_the_centre_itself_not_its_district(visits, almaly):
    other_almaly_centre = CentreFactory(district=almaly.district)
    assert visible_visits(RegistrarFactory(centre=other_almaly_centre), visits) == {"almaly"}


def test_the_owner_path_shows_a_mother_her_own_records_only(visits):
    assert visible_visits(visits["almaly"].family.mother_account, visits) == {"almaly"}
    assert visible_visits(MotherUserFactory(), visits) == set()


def test_all_districts_shows_every_record(visits):
    from families.models import Visit

    everywhere = Scope(role="registrar", user_id=1, all_districts=True)
    rows = Visit.objects.filter(Visit.objects.none().scope_q(everywhere))
    assert {name for name, visit in visits.items() if visit in rows} == {"almaly", "bostandyk", "guest"}


@pytest.mark.parametrize("user", [AnonymousUser, lambda: RegistrarFactory(is_active=False)], ids=["anonymous", "inactive"])
def test_a_visitor_who_is_not_signed_in_sees_no_record_and_no_query_is_made(visits, user, django_assert_num_queries):
    from families.models import Visit

    visitor = user()
    with django_assert_num_queries(0):
        assert list(Visit.objects.visible_to(visitor)) == []
        assert list(Centre.objects.visible_to(visitor)) == []


def test_a_path_the_queryset_does_not_name_opens_nothing():
    class DistrictOnly(ScopedQuerySet):
        scope_district_field = "district"

    scope = Scope(role="registrar", user_id=1, district_ids=frozenset({7}), centre_id=3)
    assert DistrictOnly(model=Centre).scope_q(scope) == NOTHING | Q(district__in=frozenset({7}))
    assert ScopedQuerySet(model=Centre).scope_q(scope) == NOTHING
    assert ScopedQuerySet(model=Centre).scope_q(Scope(role="mother", user_id=1)) == NOTHING


# --- The families' guest rule ---------------------------------------------------------------------


@pytest.fixture
def guest(bostandyk):
    """A Bostandyk family, not (yet) a guest anywhere."""
    return FamilyFactory(registrar=RegistrarFactory(centre=bostandyk))


def test_a_family_of_another_district_is_hidden_until_it_comes_to_the_centre(guest, almaly):
    registrar = RegistrarFactory(centre=almaly)
    assert list(Family.objects.visible_to(registrar)) == []

    CentreGuest.objects.create(centre=almaly, family=guest)
    assert list(Family.objects.visible_to(registrar)) == [guest]
    assert list(Consent.objects.visible_to(registrar)) == list(guest.consents.all())


def test_a_guest_is_seen_by_the_centre_it_came_to_not_by_that_centres_district(guest, almaly):
    CentreGuest.objects.create(centre=almaly, family=guest)
    other_almaly_centre = CentreFactory(district=almaly.district)
    assert list(Family.objects.visible_to(RegistrarFactory(centre=other_almaly_centre))) == []
    assert list(Family.objects.visible_to(DistrictOfficialFactory(district=almaly.district))) == []


def test_a_visit_at_another_districts_centre_makes_the_family_its_guest(guest, almaly):
    registrar = RegistrarFactory(centre=almaly)
    visit_check_in(actor=registrar, family=guest, purposes=VisitPurpose.objects.filter(code="legal"))
    assert list(Family.objects.visible_to(registrar)) == [guest]
    assert TimelineEntry.objects.visible_to(registrar).filter(family=guest).exists()


# --- Officials never reach personal records, by construction --------------------------------------


def scoped_models(*, personal: bool) -> list:
    """Every installed model whose default manager is a ScopedQuerySet of that kind."""
    found = []
    for model in apps.get_models():
        rows = model._default_manager.all()
        if isinstance(rows, ScopedQuerySet) and rows.personal is personal:
            found.append(model)
    return found


@pytest.fixture
def almaly_records(almaly, settings, tmp_path):
    """One row of each personal model of the families, the outbox, retention, consultations, courses and
    grants, all in Almaly."""
    settings.MEDIA_ROOT = tmp_path / "media"
    registrar = RegistrarFactory(centre=almaly)
    family = FamilyFactory(registrar=registrar)
    visit_check_in(actor=registrar, family=family, purposes=VisitPurpose.objects.filter(code="legal"))  # + a timeline entry
    ReferralFactory(appeal=AppealFactory(family=family, status="referred"))
    CategoryChange.objects.create(family=family, category="large", gained=True, on=family.created_at.date())
    NotificationFactory(family=family)
    head = CentreHeadFactory(centre=almaly)
    RetentionHold.objects.create(family=family, reason="An open court case", held_by=head)
    Anonymisation.objects.create(family=FamilyFactory(registrar=registrar), kind=Anonymisation.Kind.RETENTION)
    booking = BookingFactory(group=GroupFactory(centre=almaly), family=family)
    Attendance.objects.create(lesson=booking.group.lessons.first(), booking=booking, present=True, marked_by=registrar)
    Certificate.objects.create(booking=booking, initials="Ә. Н.")
    AppointmentFactory(family=family, specialist=SpecialistFactory(centre=almaly), booked_by=registrar)
    # A grant application paid out and under monitoring, with its document, review and visits.
    brought_to("monitoring", open_round(districts=[almaly.district]), eligible_family(registrar=registrar))
    return family


OFFICIALS = {
    "district official": lambda centre: DistrictOfficialFactory(district=centre.district),
    "city official": lambda centre: CityOfficialFactory(),
}


def test_the_walk_finds_the_personal_and_the_reference_models():
    assert {"Family", "Visit", "Appeal", "Referral", "Consent", "CategoryChange", "TimelineEntry", "Notification"} <= {
        model.__name__ for model in scoped_models(personal=True)
    }
    assert {Centre, User} <= set(scoped_models(personal=False))


@pytest.mark.parametrize("official", OFFICIALS.values(), ids=OFFICIALS.keys())
@pytest.mark.parametrize("model", scoped_models(personal=True), ids=lambda model: model._meta.label)
def test_officials_see_no_personal_record_and_the_database_is_not_even_asked(
    almaly, almaly_records, official, model, django_assert_num_queries
):
    user = official(almaly)
    with django_assert_num_queries(0):  # pk__in=[] everywhere: Django knows the answer without asking
        assert list(model._default_manager.visible_to(user)) == []
        with pytest.raises(Http404):
            get_visible_or_404(model, user, pk=1)


def test_the_records_officials_do_not_see_are_there_for_the_districts_own_staff(almaly, almaly_records):
    from families.models import Appeal, Referral, Visit
    from notifications.models import Notification

    head = CentreHeadFactory(centre=almaly)
    for model in (Family, Visit, Appeal, Referral, Consent, CategoryChange, TimelineEntry, Notification, Appointment):
        assert model.objects.visible_to(head).exists(), model
        for official in OFFICIALS.values():
            assert not model.objects.visible_to(official(almaly)).exists(), model


@pytest.mark.parametrize("model", scoped_models(personal=False), ids=lambda model: model._meta.label)
def test_a_city_official_sees_every_row_of_the_reference_models(almaly, bostandyk, model):
    reports_of(bostandyk.district)  # figures, not files: a district's archived report and the city's
    GroupFactory(centre=bostandyk)  # a course, its group and lessons
    official = CityOfficialFactory()
    RegistrarFactory(centre=bostandyk)
    assert model._default_manager.visible_to(official).count() == model._default_manager.count() > 0


def test_a_district_official_sees_her_districts_centres_and_staff_accounts(almaly, bostandyk):
    official = DistrictOfficialFactory(district=almaly.district)
    registrar = RegistrarFactory(centre=almaly)
    RegistrarFactory(centre=bostandyk)
    assert list(Centre.objects.visible_to(official)) == [almaly]
    assert set(User.objects.visible_to(official)) == {official, registrar}


def test_a_personal_queryset_that_widens_its_rule_still_shows_officials_nothing(almaly, django_assert_num_queries):
    class Widened(ScopedQuerySet):
        """A new app's rule that adds a path to super()'s instead of narrowing it."""

        def scope_q(self, scope):
            return super().scope_q(scope) | Q(district_id__in=scope.district_ids)

    official = DistrictOfficialFactory(district=almaly.district)
    with django_assert_num_queries(0):
        assert list(Widened(model=Centre).visible_to(official)) == []
        assert list(Widened(model=Centre).visible_to(AnonymousUser())) == []
    assert list(Widened(model=Centre).visible_to(RegistrarFactory(centre=almaly))) == [almaly]


# --- Administrators: reference data only (issue 9, item 4) -----------------------------------------

ADMINISTRATORS = {
    "administrator": AdministratorFactory,
    "superuser without the flag of staff": lambda: AdministratorFactory(is_staff=False),
}


@pytest.mark.parametrize("administrator", ADMINISTRATORS.values(), ids=ADMINISTRATORS.keys())
@pytest.mark.parametrize("model", scoped_models(personal=True), ids=lambda model: model._meta.label)
def test_administrators_see_no_personal_record_and_the_database_is_not_even_asked(
    almaly_records, administrator, model, django_assert_num_queries
):
    user = administrator()
    with django_assert_num_queries(0):
        assert list(model._default_manager.visible_to(user)) == []
    assert model._default_manager.exists()  # the rows are there: she just does not see them


@pytest.mark.parametrize("model", scoped_models(personal=False), ids=lambda model: model._meta.label)
def test_administrators_see_every_row_of_the_reference_models(almaly, bostandyk, model):
    RegistrarFactory(centre=bostandyk)
    reports_of(bostandyk.district)
    GroupFactory(centre=bostandyk)
    administrator = AdministratorFactory()
    assert model._default_manager.visible_to(administrator).count() == model._default_manager.count() > 0


def test_the_superuser_flag_widens_no_scope(almaly, bostandyk):
    """A superuser is scoped by her role, like anyone: the flag opens the Django admin, nothing more."""
    family = FamilyFactory(registrar=RegistrarFactory(centre=bostandyk))
    registrar = RegistrarFactory(centre=almaly, is_superuser=True)
    assert scope_for(registrar) == Scope(
        role="registrar", user_id=registrar.pk, district_ids=frozenset({almaly.district_id}), centre_id=almaly.pk
    )
    assert not Family.objects.visible_to(registrar).filter(pk=family.pk).exists()


def test_an_administrators_scope_is_every_district_for_reference_data_only():
    scope = scope_for(AdministratorFactory())
    assert scope.all_districts and scope.reference_only and not scope.official and scope.may_break_glass


# --- Further centres (core.scoping.further_centres): a specialist working at several centres ------


def test_a_specialist_with_a_plan_at_a_centre_of_another_district_sees_what_its_staff_see(almaly, bostandyk):
    from tests.consultations.factories import WorkplaceFactory

    specialist = SpecialistFactory(centre=almaly)
    theirs = FamilyFactory(registrar=RegistrarFactory(centre=bostandyk))
    assert not Family.objects.visible_to(specialist).filter(pk=theirs.pk).exists()

    WorkplaceFactory(specialist=specialist, centre=bostandyk)
    specialist = User.objects.get(pk=specialist.pk)  # the scope is computed once per user object

    scope = scope_for(specialist)
    assert scope.centre_ids == {almaly.pk, bostandyk.pk} and scope.centre_id == almaly.pk
    assert scope.district_ids == {almaly.district_id, bostandyk.district_id}
    assert Family.objects.visible_to(specialist).filter(pk=theirs.pk).exists()


def test_a_guest_family_of_a_further_centre_is_seen_there_too(almaly, bostandyk):
    from families.services import family_open_to_centre
    from tests.consultations.factories import WorkplaceFactory

    medeu = CentreFactory(district=DistrictFactory(code="medeu"))
    guest = FamilyFactory(registrar=RegistrarFactory(centre=medeu))
    family_open_to_centre(family=guest, centre=bostandyk)
    specialist = SpecialistFactory(centre=almaly)
    WorkplaceFactory(specialist=specialist, centre=bostandyk)

    assert Family.objects.visible_to(User.objects.get(pk=specialist.pk)).filter(pk=guest.pk).exists()


def test_further_centres_are_asked_only_about_specialists_and_once(almaly, django_assert_num_queries):
    registrar = User.objects.get(pk=RegistrarFactory(centre=almaly).pk)
    specialist = User.objects.get(pk=SpecialistFactory(centre=almaly).pk)
    with django_assert_num_queries(1):  # her centre's district
        scope_for(registrar)
    with django_assert_num_queries(2):  # her centre's district, her workplaces
        scope_for(specialist)
        scope_for(specialist)

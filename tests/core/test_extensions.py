"""core.extensions: what each app contributes from its own AppConfig, read from the installed apps."""

import pytest
from django.apps import AppConfig, apps
from django.utils import translation

import core
from core import extensions
from core.extensions import DemoStep, MenuItem, PortalAppConfig
from core.roles import Role
from tests.factories import (
    AdministratorFactory,
    CentreHeadFactory,
    DistrictOfficialFactory,
    MotherUserFactory,
    RegistrarFactory,
)


def portal_app(label: str, **declared) -> PortalAppConfig:
    """An app of the portal that is not installed, declaring ``declared``."""
    config_class = type(f"{label.title()}Config", (PortalAppConfig,), {"name": label, **declared})
    return config_class(label, core)


@pytest.fixture
def installed(monkeypatch):
    """Makes ``extensions`` see exactly the given apps."""

    def install(*configs):
        monkeypatch.setattr(extensions, "portal_apps", lambda: iter(configs))

    return install


def labels(steps) -> list[str]:
    return [label for label, _step in steps]


# --- demo_steps ---------------------------------------------------------------------------------


def test_the_portals_demo_steps_run_after_the_steps_they_need():
    steps = extensions.demo_steps()
    order = labels(steps)
    assert [label for label in order if label in ("centres", "accounts", "families")] == ["centres", "accounts", "families"]
    for position, (_label, step) in enumerate(steps):
        assert all(order.index(needed) < position for needed in step.after)


def test_a_step_runs_after_the_ones_it_names_even_when_its_app_comes_first(installed):
    installed(
        portal_app("grants", demo=DemoStep("grants.demo.seed", after=("courses", "centres"))),
        portal_app("courses", demo=DemoStep("courses.demo.seed", after=("centres",))),
        portal_app("centres", demo=DemoStep("centres.demo.seed")),
    )
    assert labels(extensions.demo_steps()) == ["centres", "courses", "grants"]


def test_steps_that_need_nothing_keep_the_order_of_the_installed_apps(installed):
    installed(portal_app("b", demo=DemoStep("b.seed")), portal_app("a", demo=DemoStep("a.seed")), portal_app("c"))
    assert extensions.demo_steps() == [("b", DemoStep("b.seed")), ("a", DemoStep("a.seed"))]


def test_a_step_two_others_need_runs_once(installed):
    installed(
        portal_app("left", demo=DemoStep("left.seed", after=("base",))),
        portal_app("right", demo=DemoStep("right.seed", after=("base",))),
        portal_app("top", demo=DemoStep("top.seed", after=("left", "right"))),
        portal_app("base", demo=DemoStep("base.seed")),
    )
    assert labels(extensions.demo_steps()) == ["base", "left", "right", "top"]


@pytest.mark.parametrize(
    "configs",
    [
        [("a", ("b",)), ("b", ("a",))],
        [("a", ("b",)), ("b", ("c",)), ("c", ("a",))],
        [("a", ("a",))],
    ],
    ids=["two", "three", "itself"],
)
def test_steps_that_need_each_other_in_a_circle_are_refused(installed, configs):
    installed(*(portal_app(label, demo=DemoStep(f"{label}.seed", after=after)) for label, after in configs))
    with pytest.raises(ValueError, match="circle"):
        extensions.demo_steps()


@pytest.mark.parametrize("missing", ["ghost", "plain"], ids=["not installed", "installed without a step"])
def test_a_step_that_needs_an_app_without_a_step_is_refused(installed, missing):
    installed(portal_app("a", demo=DemoStep("a.seed", after=(missing,))), portal_app("plain"))
    with pytest.raises(ValueError, match=f"'a' needs '{missing}'"):
        extensions.demo_steps()


# --- menu_for -----------------------------------------------------------------------------------

DESK = frozenset({Role.REGISTRAR, Role.CENTRE_HEAD})


@pytest.fixture
def menu(installed):
    installed(
        portal_app("one", menu=[MenuItem("Families", "f", DESK, order=20), MenuItem("Heads", "h", {"centre_head"}, order=5)]),
        portal_app("two", menu=[MenuItem("Today", "t", DESK, order=10), MenuItem("Late", "l", DESK, order=90)]),
    )


@pytest.mark.django_db
def test_a_user_sees_the_entries_of_her_role_of_every_app_in_their_order(menu, almaly):
    def entries(user):
        return [item.label for item in extensions.menu_for(user)]

    assert entries(RegistrarFactory(centre=almaly)) == ["Today", "Families", "Late"]
    assert entries(CentreHeadFactory(centre=almaly)) == ["Heads", "Today", "Families", "Late"]


@pytest.mark.django_db
def test_a_user_of_no_listed_role_sees_no_entry_and_the_superuser_flag_opens_none(menu):
    from django.contrib.auth.models import AnonymousUser

    assert extensions.menu_for(MotherUserFactory()) == []
    assert extensions.menu_for(AnonymousUser()) == []
    assert extensions.menu_for(RegistrarFactory(is_active=False)) == []
    # An administrator (a superuser) sees what the administrator's role is listed for: here nothing.
    assert extensions.menu_for(AdministratorFactory()) == []


@pytest.mark.django_db
def test_the_portals_menu_for_a_registrar(almaly):
    with translation.override("kk"):
        items = extensions.menu_for(RegistrarFactory(centre=almaly))
        entries = [(item.url_name, item.url) for item in items if item.url_name.split(":")[0] in ("families", "centres")]
    assert [item.order for item in items] == sorted(item.order for item in items)
    assert entries == [
        ("families:today", "/kk/families/today/"),
        ("families:list", "/kk/families/"),
        ("families:register", "/kk/families/register/"),
        ("centres:list", "/kk/centres/"),
    ]


# --- app_urls and contributions -----------------------------------------------------------------


def test_every_app_with_pages_is_mounted_at_its_prefix_and_others_are_not():
    mounted = extensions.app_urls()
    ours = [
        ("centres/", "centres.urls"),
        ("accounts/", "accounts.urls"),
        ("messages/", "notifications.urls"),
        ("families/", "families.urls"),
    ]
    assert [entry for entry in mounted if entry in ours] == ours
    assert "otbasy.urls" not in [module for _prefix, module in mounted]  # the portal's own config mounts nothing


def test_a_new_apps_urls_are_mounted_from_its_config(installed):
    installed(portal_app("courses", url_prefix="courses/"), portal_app("reports"))
    assert extensions.app_urls() == [("courses/", "courses.urls")]


def test_contributions_are_read_from_the_installed_apps_in_their_order():
    ours = ["Worker heartbeat", "Send due notifications", "Recompute family categories"]  # otbasy, notifications, families
    assert [schedule.name for schedule in extensions.contributions("schedules") if schedule.name in ours] == ours
    actions = [item.url_name for item in extensions.contributions("family_actions")]
    assert actions[:2] == ["families:visit_new", "families:appeal_new"]


def test_an_app_takes_part_as_soon_as_it_is_installed(monkeypatch):
    real = apps.get_app_configs()
    plain = AppConfig("plain", core)  # an app that is not the portal's contributes nothing, and breaks nothing
    courses = portal_app("courses", menu=[MenuItem("Courses", "courses:list", DESK, order=15)])
    monkeypatch.setattr(apps, "get_app_configs", lambda: [*real, plain, courses])
    assert extensions.contributions("menu")[-1].label == "Courses"
    assert list(extensions.portal_apps())[-1] is courses


def test_the_timeline_kinds_of_every_app_are_found_by_their_code():
    kinds = extensions.timeline_kinds()
    assert kinds["families.visit"].code == "families.visit"
    assert all(code == kind.code for code, kind in kinds.items())
    assert len(kinds) == len(extensions.contributions("timeline_kinds"))


# --- desk_for -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_desk_of_the_lowest_order_wins_so_that_a_later_app_can_take_a_role_over(installed):
    official = frozenset({Role.DISTRICT_OFFICIAL})
    installed(
        portal_app("centres", desks=[extensions.Desk("centres:list", official, order=1000)]),
        portal_app("dashboards", desks=[extensions.Desk("dashboards:district", official, order=10)]),
    )
    assert extensions.desk_for(DistrictOfficialFactory()).url_name == "dashboards:district"
    assert extensions.desk_for(MotherUserFactory()) is None

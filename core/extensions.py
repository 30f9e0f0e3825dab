"""Extension points: each app contributes to the portal from its own ``AppConfig``, and nobody edits a
central list.

An app's config subclasses ``PortalAppConfig`` and fills in what it brings:

- ``url_prefix``: where its ``urls`` module is mounted under the language prefix (``"families/"``);
- ``menu``: main-menu entries (``MenuItem``), shown to the roles that may open them;
- ``desks``: the page a role lands on after signing in (``Desk``);
- ``schedules``: default periodic tasks (``core.schedules.DefaultSchedule``), created after ``migrate``;
- ``demo``: its ``seed_demo`` step (``DemoStep``), run after the steps it names in ``after``;
- ``family_actions`` and ``family_sections``: buttons and parts of the family page;
- ``cabinet_sections``: parts of the mother's own cabinet (``CabinetSection``);
- ``visit_links``: its records a visit to a centre is for (an appointment that day), linked from the
  front desk's list and the "served" form (``VisitLink``);
- ``timeline_kinds``: the kinds of timeline entry its services write (``core.timeline.TimelineKind``);
- ``bench``: the pages ``make bench`` measures for it (``BenchEndpoint``);
- ``activity_dates``: its records that show a family is still served (``ActivityDate``), which keep
  the family from being anonymised when its retention period is over;
- ``access_labels``: what its access-log codes (``AccessEvent.what``: a page, a form, a file, an
  export) are called in "who looked at this family" (``{code: lazy label}``);
- ``reference_data``: functions ``(apps, schema_editor)`` its data migrations run, which the test
  suite runs again after a transactional test empties the database;
- ``indicators``: the monthly figures it counts for the officials' dashboards and reports
  (``Indicator``), each defined once with its labels, its note and its query;
- ``ledgers``: tables of money for the same dashboards and reports whose rows are data rather than
  code, such as the grants' budget per programme (``Ledger``).

The collectors below read every installed app, in ``INSTALLED_APPS`` order, at the moment they are
asked, so an app takes part as soon as it is installed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.apps import AppConfig, apps
from django.utils.functional import Promise

from core.paths import path_of
from core.schedules import DefaultSchedule
from core.timeline import TimelineKind

if TYPE_CHECKING:
    from django.db.models import Q

    from core.months import Month


@dataclass(frozen=True)
class MenuItem:
    label: str | Promise
    url_name: str
    roles: frozenset[str]
    icon: str = ""  # a Bootstrap Icons name
    order: int = 100

    @property
    def url(self) -> str:
        return path_of(self.url_name)


@dataclass(frozen=True)
class Desk:
    """Where ``roles`` land after signing in: the page their work starts from. Of the desks the apps
    offer a role, the lowest ``order`` wins, so that a later app (the officials' dashboards) can take
    a role over from a stand-in. A role without a desk lands on the home page."""

    url_name: str
    roles: frozenset[str]
    order: int = 100


@dataclass(frozen=True)
class DemoStep:
    """``run`` is the dotted path of ``seed(*, options, out)``; ``after`` names the apps whose demo data
    it needs (their steps run first). A step tops up: run again, it adds only what is missing."""

    run: str
    after: tuple[str, ...] = ()


@dataclass(frozen=True)
class FamilyAction:
    """A button on the family page. ``rule`` is a ``core.permissions`` rule asked with the user and the
    family; the button shows only where it says yes. ``modal`` buttons open their form in the modal."""

    label: str | Promise
    url_name: str  # reversed with the family's id
    rule: str
    icon: str = ""
    style: str = "outline-primary"
    modal: bool = True
    order: int = 100


@dataclass(frozen=True)
class FamilySection:
    """A part of the family page from another app. It is loaded by htmx after the page (its view gets
    the family's id), so the family page costs the same whatever the number of apps; without
    JavaScript it is a link. ``rule`` is asked with the user and the family."""

    title: str | Promise
    url_name: str
    rule: str
    order: int = 100


@dataclass(frozen=True)
class CabinetSection:
    """A part of the mother's cabinet (her landing page) from another app: her bookings, her
    appointments, her applications. Like a ``FamilySection`` it is loaded by htmx after the page (its
    view gets no argument: it shows the signed-in mother's own records) and is a link without
    JavaScript. Shown to every mother; a section with nothing to show says so in one line."""

    title: str | Promise
    url_name: str
    order: int = 100


@dataclass(frozen=True)
class VisitLink:
    """Records of another app that a visit is for (the appointment she came to). ``find`` is the dotted
    path of a function ``(visits) -> {visit id: [(label, url), ...]}`` that answers for all the visits
    of a list at once (one query)."""

    find: str


@dataclass(frozen=True)
class BenchEndpoint:
    """A page ``make bench`` measures. ``paths`` is the dotted path of a function ``(rng, count) ->
    list[str]`` run against the seeded database; ``username`` the demo user who asks (None: anonymous).
    ``at_both_sizes``: also measured, in the same run, against a registry of ``--second-size`` families
    (a page that must cost the same whatever the size of the registry)."""

    label: str
    paths: str
    username: str | None = "registrar"
    at_both_sizes: bool = False


@dataclass(frozen=True)
class ActivityDate:
    """Records of ``model`` ("app_label.Model") whose ``date_field`` (a DateTimeField) is the family's
    activity: a visit, a step of an appeal, an appointment, a booking. ``family_field`` is the path from
    the record to its family. A family's last activity is the latest of every app's."""

    model: str
    date_field: str
    family_field: str = "family"


@dataclass(frozen=True)
class Source:
    """Records an indicator counts: ``model`` ("app_label.Model") and the date or moment fields whose
    month a record counts in. A saved or deleted record makes those months stale, and the roll-ups
    recompute them (a visit recorded today for last month recomputes last month). ``onward``: the
    record counts in every month from that one on (a family registered in March is in the stock of
    every month since)."""

    model: str
    dates: tuple[str, ...]
    onward: bool = False


# (district id, centre id, value) rows: an indicator's figure for one month, per district and centre.
FigureRows = Iterable[tuple[int, int, int]]


@dataclass(frozen=True)
class Indicator:
    """A monthly figure of the officials' dashboards and reports, defined once by the app whose records
    it counts.

    ``count(month)`` returns the month's rows (district id, centre id, value), each record counted in
    one row, so that a district's figure is the sum of its centres' and the city's the sum of its
    districts'; months are ``core.months.Month`` (Almaty time). ``note`` says how it is counted and is
    shown next to the figure. ``families(month, centre_ids)``, when given, is the condition on
    ``Family`` that finds the families behind the figure, for staff who may drill down to them.
    ``small_counts``: the figure counts people, so a value under 5 is never shown (amounts of money
    are not)."""

    code: str
    label: str | Promise
    unit: str | Promise
    note: str | Promise
    count: Callable[[Month], FigureRows]
    sources: Sequence[Source]
    group: str | Promise = ""
    families: Callable[[Month, Sequence[int]], Q] | None = None
    small_counts: bool = True
    order: int = 100


@dataclass(frozen=True)
class Ledger:
    """A table of money on the officials' district and city dashboards and in their monthly reports,
    after the indicators: one row per thing the app keeps money for (a grant programme), as of the end
    of the month shown. Not an ``Indicator``: its rows are the app's data, not one figure per centre,
    and an amount of money is never concealed as a small count is.

    ``rows(district, month)`` (``district`` None for the city) returns (key, label, values) per row: a
    key that does not depend on the language (the monthly report's snapshot keeps the values under it),
    the label in the active language, and a value per column of ``columns`` (an amount in tenge, or a
    share in per cent for a column whose unit is "%"), in a fixed number of queries."""

    code: str
    title: str | Promise
    note: str | Promise
    columns: Sequence[tuple[str | Promise, str]]  # (label, unit: "₸" or "%")
    rows: Callable[[Any, Month], list[tuple[str, str, list[Any]]]]
    order: int = 100


class PortalAppConfig(AppConfig):
    """An app of the portal. Subclasses declare what they contribute (see the module's docstring).

    Import the module, not the class, in an ``apps.py`` (``from core import extensions`` and subclass
    ``extensions.PortalAppConfig``): Django picks an app's config automatically only when its ``apps``
    module holds exactly one AppConfig class."""

    url_prefix: str | None = None
    menu: Sequence[MenuItem] = ()
    desks: Sequence[Desk] = ()
    schedules: Sequence[DefaultSchedule] = ()
    demo: DemoStep | None = None
    family_actions: Sequence[FamilyAction] = ()
    family_sections: Sequence[FamilySection] = ()
    cabinet_sections: Sequence[CabinetSection] = ()
    visit_links: Sequence[VisitLink] = ()
    timeline_kinds: Sequence[TimelineKind] = ()
    bench: Sequence[BenchEndpoint] = ()
    activity_dates: Sequence[ActivityDate] = ()
    access_labels: Mapping[str, Any] = {}
    reference_data: Sequence[str] = ()
    indicators: Sequence[Indicator] = ()
    ledgers: Sequence[Ledger] = ()


def portal_apps() -> Iterator[PortalAppConfig]:
    for config in apps.get_app_configs():
        if isinstance(config, PortalAppConfig):
            yield config


def contributions(attribute: str) -> list[Any]:
    """Everything the installed apps declare under ``attribute``, in INSTALLED_APPS order."""
    return [item for config in portal_apps() for item in getattr(config, attribute)]


def app_urls() -> list[tuple[str, str]]:
    """(prefix, urls module) of every app that has pages."""
    return [(config.url_prefix, f"{config.name}.urls") for config in portal_apps() if config.url_prefix is not None]


def menu_for(user) -> list[MenuItem]:
    from core.scoping import has_role

    return sorted((item for item in contributions("menu") if has_role(user, item.roles)), key=lambda item: item.order)


# The main menu shows this many entries on the bar; the rest are under "More", so that a role served by
# many apps still has her menu on one line at 1280 px (the entries of lowest ``order`` stay in sight).
MENU_ON_BAR = 5


def menu_on_bar(user) -> tuple[list[MenuItem], list[MenuItem]]:
    """``user``'s menu as (entries on the bar, entries under "More"); "More" never holds a single entry."""
    items = menu_for(user)
    if len(items) <= MENU_ON_BAR + 1:
        return items, []
    return items[:MENU_ON_BAR], items[MENU_ON_BAR:]


def desk_for(user) -> Desk | None:
    from core.scoping import has_role

    offered = [desk for desk in contributions("desks") if has_role(user, desk.roles)]
    return min(offered, key=lambda desk: desk.order, default=None)


def access_label(code: str) -> Any:
    """What the access-log code ``code`` is called, in the active language (the code itself when no app
    names it)."""
    for config in portal_apps():
        if code in config.access_labels:
            return config.access_labels[code]
    return code


def indicators() -> list[Indicator]:
    """Every app's indicators, in their ``order`` (then INSTALLED_APPS order)."""
    return sorted(contributions("indicators"), key=lambda indicator: indicator.order)


def ledgers() -> list[Ledger]:
    """Every app's ledgers, in their ``order`` (then INSTALLED_APPS order)."""
    return sorted(contributions("ledgers"), key=lambda ledger: ledger.order)


def visit_links(visits: Sequence[Any]) -> dict[int, list[tuple[str, str]]]:
    """What every app links each of ``visits`` to: {visit id: [(label, url), ...]}."""
    from django.utils.module_loading import import_string

    links: dict[int, list[tuple[str, str]]] = {}
    if not visits:
        return links
    for link in contributions("visit_links"):
        for visit_id, found in import_string(link.find)(visits).items():
            links.setdefault(visit_id, []).extend(found)
    return links


def timeline_kinds() -> dict[str, TimelineKind]:
    return {kind.code: kind for kind in contributions("timeline_kinds")}


def demo_steps() -> list[tuple[str, DemoStep]]:
    """Every app's demo step, each after the steps of the apps it names (a stable topological order)."""
    steps = {config.label: config.demo for config in portal_apps() if config.demo is not None}
    ordered: list[tuple[str, DemoStep]] = []
    placing: set[str] = set()

    def place(label: str) -> None:
        if any(label == done for done, _ in ordered):
            return
        if label in placing:
            raise ValueError(f"demo steps depend on each other in a circle through {label!r}")
        placing.add(label)
        for needed in steps[label].after:
            if needed not in steps:
                raise ValueError(f"the demo step of {label!r} needs {needed!r}, which has none")
            place(needed)
        ordered.append((label, steps[label]))

    for label in steps:
        place(label)
    return ordered

"""The dashboards' URLs in the URL × role matrix (how: tests/url_matrix.py).

Officials and the centre head see figures: the district dashboard is their own place's (so nobody's
is "outside the scope"); the city dashboard is the city official's; the families behind a figure are
the centre head's. Reports are the officials': the world's report and build are of the home district,
a 404 to the other district's official; the approval is the district official's (an empty comment is
refused, 400); a rebuild without its fields is refused (400)."""

from core.months import Month
from core.roles import OFFICIAL_ROLES, Role
from dashboards.models import ReportBuild
from dashboards.services import report_build
from tests.url_matrix import Access, Case

DISTRICT_VIEWERS = frozenset({Role.DISTRICT_OFFICIAL, Role.CITY_OFFICIAL, Role.CENTRE_HEAD})
CITY = frozenset({Role.CITY_OFFICIAL})
HEAD = frozenset({Role.CENTRE_HEAD})
DISTRICT_OFFICIAL = frozenset({Role.DISTRICT_OFFICIAL})


def populate(world) -> None:
    last_month = Month.current().shifted(-1)
    world.report = report_build(scope=world.home.district.code, month=last_month)
    world.report_file = world.report.files.first()
    world.build = ReportBuild.objects.create(
        scope=world.home.district.code,
        district=world.home.district,
        month=last_month.first_day,
        requested_by=world.users["district_official"],
    )


def _get_only(roles, **kwargs) -> dict:
    """A page that only shows: a POST is refused before anything is fetched (405 inside the scope or not)."""
    return {"get": Access(roles, **kwargs), "post": Access(roles, ok=405)}


URLS = {
    "dashboards:district": Case(**_get_only(DISTRICT_VIEWERS)),
    "dashboards:district_export": [
        Case(args=lambda world: ["xlsx"], label="xlsx", **_get_only(DISTRICT_VIEWERS)),
        Case(args=lambda world: ["pdf"], label="pdf", **_get_only(DISTRICT_VIEWERS)),
    ],
    "dashboards:city": Case(**_get_only(CITY)),
    "dashboards:city_export": Case(args=lambda world: ["xlsx"], **_get_only(CITY)),
    "dashboards:families": Case(args=lambda world: ["families.large"], **_get_only(HEAD)),
    "dashboards:reports": Case(**_get_only(OFFICIAL_ROLES)),
    "dashboards:report": Case(args=lambda world: [world.report.pk], **_get_only(OFFICIAL_ROLES, scoped=True)),
    "dashboards:report_file": Case(args=lambda world: [world.report_file.pk], **_get_only(OFFICIAL_ROLES, scoped=True)),
    "dashboards:approve": Case(
        args=lambda world: [world.report.pk],
        get=Access(DISTRICT_OFFICIAL, scoped=True),
        post=Access(DISTRICT_OFFICIAL, ok=400, scoped=True),
    ),
    "dashboards:rebuild": Case(get=Access(OFFICIAL_ROLES, ok=405), post=Access(OFFICIAL_ROLES, ok=400)),
    "dashboards:build": Case(args=lambda world: [world.build.pk], **_get_only(OFFICIAL_ROLES, scoped=True)),
}

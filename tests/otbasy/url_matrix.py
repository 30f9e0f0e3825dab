"""The project's own URLs in the URL × role matrix (how: tests/url_matrix.py): the public pages, the
health check, the language switch, and the Django admin as a whole."""

from django.templatetags.static import static

from core.roles import Role
from tests.url_matrix import ADMIN_LOGIN, Access, Case, Redirect, everyone

URLS = {
    "home": Case(get=everyone(200), post=everyone(405)),
    "healthz": Case(get=everyone(200), post=everyone(405)),
    "robots_txt": Case(get=everyone(200), post=everyone(405)),
    "favicon": Case(get=everyone(Redirect(lambda world: static("favicon.svg"))), post=everyone(405)),
    # Without a "next" or a referring page of the site, Django's switch goes to the root.
    "set_language": Case(get=everyone(405), post=everyone(Redirect(lambda world: "/"))),
    # The admin is Django's: checked on its index, not per model page. Only administrators get in;
    # everyone else, signed in or not, is sent to the admin's own sign-in page.
    "admin:*": Case(
        url_name="admin:index",
        get=Access(frozenset({Role.ADMINISTRATOR}), anonymous=ADMIN_LOGIN, forbidden=ADMIN_LOGIN),
        post=Access(frozenset({Role.ADMINISTRATOR}), anonymous=ADMIN_LOGIN, forbidden=ADMIN_LOGIN),
    ),
}

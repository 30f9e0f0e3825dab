"""The outbox's URLs in the URL × role matrix (how: tests/url_matrix.py).

The delivery log shows phone numbers and texts: the centre head sees her centre's; everyone else,
administrators included (they see no personal record), gets 403.
"""

from core.roles import Role
from tests.notifications.factories import NotificationFactory
from tests.url_matrix import Access, Case, Redirect

LOG = frozenset({Role.CENTRE_HEAD})


def populate(world) -> None:
    """A message of the home centre that failed, so that it may be sent again."""
    world.notification = NotificationFactory(user=world.users["registrar"], status="failed", failure="gateway", attempts=5)


URLS = {
    "notifications:log": Case(get=Access(LOG), post=Access(LOG, ok=405)),
    "notifications:summary": Case(get=Access(LOG), post=Access(LOG, ok=405)),
    # A row swap (core.htmx, shape 3): htmx gets the row again, a plain POST goes back to the log.
    "notifications:retry": Case(
        args=lambda world: [world.notification.pk],
        get=Access(LOG, ok=405, scoped=True),
        post=Access(LOG, ok=Redirect("notifications:log"), scoped=True),
        htmx_post=Access(LOG, ok=200, scoped=True),
    ),
}

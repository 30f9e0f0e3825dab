"""Retention's URLs in the URL × role matrix (how: tests/url_matrix.py).

Only the centre head: the dry run of her centre, a hold on a family of her district, its release,
and a mother's request to be forgotten (the world's family has her consent in force: the form is
shown, and an empty POST is answered with the form again, 400)."""

from core.roles import Role
from retention.services import hold_create
from tests.url_matrix import Access, Case, Redirect

HEAD = frozenset({Role.CENTRE_HEAD})


def populate(world) -> None:
    world.hold = hold_create(actor=world.users["centre_head"], family=world.guest_family, reason="Сот ісі ашық")
    # A hold of the home district's family, to be released.
    world.home_hold = hold_create(actor=world.users["centre_head"], family=world.family, reason="Грант мониторингі")


URLS = {
    "retention:due": Case(get=Access(HEAD), post=Access(HEAD, ok=405)),
    "retention:hold_new": Case(
        args=lambda world: [world.family.pk], get=Access(HEAD, scoped=True), post=Access(HEAD, ok=400, scoped=True)
    ),
    # A row swap (core.htmx, shape 3): htmx gets the row again, a plain POST goes back to the page.
    "retention:hold_release": Case(
        args=lambda world: [world.home_hold.pk],
        get=Access(HEAD, ok=405, scoped=True),
        post=Access(HEAD, ok=Redirect("retention:due"), scoped=True),
        htmx_post=Access(HEAD, ok=200, scoped=True),
    ),
    "retention:forget": Case(
        args=lambda world: [world.family.pk], get=Access(HEAD, scoped=True), post=Access(HEAD, ok=400, scoped=True)
    ),
}

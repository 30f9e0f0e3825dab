"""The centres' URLs in the URL × role matrix (how: tests/url_matrix.py).

Every member of staff, officials included, sees the centres of her district (the city's roles: all of
them) with their people; a mother gets 403.
"""

from core.roles import STAFF_ROLES
from tests.url_matrix import Access, Case

URLS = {
    "centres:list": Case(get=Access(STAFF_ROLES), post=Access(STAFF_ROLES, ok=405)),
    "centres:detail": Case(
        args=lambda world: [world.home.pk],
        get=Access(STAFF_ROLES, scoped=True),
        post=Access(STAFF_ROLES, ok=405, scoped=True),
    ),
}

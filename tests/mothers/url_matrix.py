"""Mothers' URLs in the URL × role matrix (how: tests/url_matrix.py).

The cabinet and its sections are a mother's own (with or without a family linked to her account);
every other role gets 403. The queue of mothers who signed up online is the desk's (registrar, centre
head), each seeing her own district's."""

from core.roles import Role
from tests.url_matrix import Access, Case

MOTHER = frozenset({Role.MOTHER})
DESK = frozenset({Role.REGISTRAR, Role.CENTRE_HEAD})


def page(roles) -> Case:
    return Case(get=Access(roles), post=Access(roles, ok=405))


URLS = {
    "mothers:cabinet": page(MOTHER),
    "mothers:appeals": page(MOTHER),
    "mothers:verification_queue": page(DESK),
}

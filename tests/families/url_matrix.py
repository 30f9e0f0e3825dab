"""The registry's URLs in the URL × role matrix (how: tests/url_matrix.py).

Staff of a centre read their district's files; the desk (registrar, centre head) registers, edits and
records visits and consent; specialists handle appeals too; only the centre head reads the access
log; the desk verifies a family a mother signed up online (a verified one: 403). Officials see figures, not files, and a mother has no registry page yet: both get 403. A
family's page (and its signed consent) opens to administrators too, but only through an emergency
access: without one it is a 404 to them. The emergency access page is for centre staff and
administrators (its empty form: 400).
"""

from django.core import signing
from django.core.files.base import ContentFile

from core.roles import CENTRE_ROLES, Role
from families.services import family_open_to_centre
from families.unsubscribe import unsubscribe_url
from tests.families.factories import AppealFactory, ChildFactory, FamilyFactory, ReferralFactory, VisitFactory
from tests.mothers.factories import SelfRegisteredFamilyFactory
from tests.url_matrix import Access, Case, everyone

READ = CENTRE_ROLES
DESK = frozenset({Role.REGISTRAR, Role.CENTRE_HEAD})
APPEALS = frozenset({Role.REGISTRAR, Role.CENTRE_HEAD, Role.SPECIALIST})
HEAD = frozenset({Role.CENTRE_HEAD})
PAGE = READ | {Role.ADMINISTRATOR}


def populate(world) -> None:
    """A family of the home district (her account is the "mother" persona's) with a child, a visit
    waiting to be served, an open appeal, a referral on another appeal, and a signed consent on file;
    and a guest family."""
    registrar = world.users["registrar"]
    world.family = FamilyFactory(registrar=registrar, mother_account=world.users["mother"])
    ChildFactory(family=world.family)
    world.visit = VisitFactory(family=world.family, checked_in_by=registrar)
    world.appeal = AppealFactory(family=world.family, opened_by=registrar)
    world.referral = ReferralFactory(appeal=AppealFactory(family=world.family, opened_by=registrar, status="referred"))
    world.consent = world.family.consents.get()
    world.consent.scan.save("signed.pdf", ContentFile(b"%PDF-1.4 signed consent"))
    # A family of the other district who came to the home centre: the staff of both see her.
    world.guest_family = FamilyFactory(registrar=world.users["registrar_elsewhere"])
    family_open_to_centre(family=world.guest_family, centre=world.home)
    # A mother of the home district who signed up online and waits for the desk to verify her family.
    world.sign_up_family = SelfRegisteredFamilyFactory(centre=world.home)


def _family(world):
    return [world.family.pk]


def page(roles, *, scoped=True, args=_family) -> Case:
    """A page that only shows: a POST by someone who may see it is not served (405)."""
    return Case(args=args, get=Access(roles, scoped=scoped), post=Access(roles, ok=405, scoped=scoped))


def search(roles) -> Case:
    """The family list and its export: the search form posts its fields (an empty POST is the whole list)."""
    return Case(args=lambda world: [], get=Access(roles, scoped=False), post=Access(roles, scoped=False))


def modal(roles, *, args=_family) -> Case:
    """A modal form about one record: the form, then the form again with its errors (400)."""
    return Case(args=args, get=Access(roles, scoped=True), post=Access(roles, ok=400, scoped=True))


def _unsubscribe_token(world) -> list[str]:
    return [unsubscribe_url(world.family.pk, "kk").rstrip("/").rsplit("/", 1)[-1]]


def _forged_token(world) -> list[str]:
    return [signing.dumps(world.family.pk, key="not-the-portal-key", salt="notifications.unsubscribe")]


URLS = {
    "families:list": search(READ),
    "families:export": search(DESK),
    "families:register": Case(get=Access(DESK), post=Access(DESK, ok=400)),
    "families:detail": [
        Case(args=_family, get=Access(PAGE, scoped=True, personal=True), post=Access(PAGE, ok=405, scoped=True, personal=True)),
        Case(
            label="a guest family",
            args=lambda world: [world.guest_family.pk],
            get=Access(PAGE, personal=True),
            post=Access(PAGE, ok=405, personal=True),
        ),
    ],
    "families:emergency_access": Case(get=Access(PAGE), post=Access(PAGE, ok=400)),
    "families:edit": modal(DESK),
    "families:verify": [
        modal(DESK, args=lambda world: [world.sign_up_family.pk]),
        # A family registered at the desk is verified already: the rule refuses it.
        Case(
            label="a verified family", args=_family, get=Access(DESK, ok=403, scoped=True), post=Access(DESK, ok=403, scoped=True)
        ),
    ],
    "families:access_log": page(HEAD),
    "families:visit_new": modal(DESK),
    "families:appeal_new": modal(APPEALS),
    "families:consent_new": modal(DESK),
    "families:consent_withdraw": modal(DESK),
    "families:consent_scan": Case(
        args=lambda world: [world.consent.pk],
        get=Access(PAGE, scoped=True, personal=True),
        post=Access(PAGE, ok=405, scoped=True, personal=True),
    ),
    "families:today": page(READ, scoped=False, args=lambda world: []),
    "families:visit_serve": modal(READ, args=lambda world: [world.visit.pk]),
    "families:changes": page(READ, scoped=False, args=lambda world: []),
    "families:appeal_move": modal(APPEALS, args=lambda world: [world.appeal.pk]),
    "families:referral_new": modal(APPEALS, args=lambda world: [world.appeal.pk]),
    "families:referral_outcome": modal(APPEALS, args=lambda world: [world.referral.pk]),
    "families:overdue_referrals": page(APPEALS, scoped=False, args=lambda world: []),
    # The signed link in an e-mail is the only credential: anyone who holds it may stop the messages.
    "families:unsubscribe": [
        Case(label="valid token", args=_unsubscribe_token, get=everyone(200), post=everyone(200)),
        Case(label="forged token", args=_forged_token, get=everyone(404), post=everyone(404)),
    ],
}

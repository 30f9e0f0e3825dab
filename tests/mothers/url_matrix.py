"""Mothers' URLs in the URL × role matrix (how: tests/url_matrix.py).

Sign-up and the new password by SMS are public: the first step's empty form is refused (400); the
code steps without a first step begun send back to it. Someone signed in has no sign-up: a mother goes
to her cabinet, anybody else home.
The cabinet and its sections are a mother's own (with or without a family linked to her account);
every other role gets 403. The queue of mothers who signed up online is the desk's (registrar, centre
head), each seeing her own district's."""

from dataclasses import dataclass

from core.roles import Role
from mothers.models import MotherProfile
from tests.factories import MotherUserFactory
from tests.url_matrix import EVERY_ROLE, Access, Case, Persona, Redirect, everyone

MOTHER = frozenset({Role.MOTHER})
DESK = frozenset({Role.REGISTRAR, Role.CENTRE_HEAD})


@dataclass(frozen=True)
class SignedInElsewhere(Access):
    def outcome(self, persona: Persona):
        if persona.role is None:
            return self.anonymous
        return Redirect("mothers:cabinet" if persona.role == Role.MOTHER else "home")


def page(roles) -> Case:
    return Case(get=Access(roles), post=Access(roles, ok=405))


def populate(world) -> None:
    """An account that signed up at the home centre with the IIN of the world's family (linked to the
    "mother" persona already): the desk sees it waiting, and a link is refused (back to the queue)."""
    world.waiting_account = MotherProfile.objects.create(
        user=MotherUserFactory(), phone="+77015550142", iin=world.family.mother.iin, centre=world.home
    )


URLS = {
    "mothers:sign_up": Case(get=SignedInElsewhere(EVERY_ROLE, anonymous=200), post=SignedInElsewhere(EVERY_ROLE, anonymous=400)),
    "mothers:sign_up_code": Case(get=everyone(Redirect("mothers:sign_up")), post=everyone(Redirect("mothers:sign_up"))),
    "mothers:sign_up_resend": Case(get=everyone(405), post=everyone(Redirect("mothers:sign_up"))),
    "mothers:reset": Case(get=everyone(200), post=everyone(400)),
    "mothers:reset_code": Case(get=everyone(Redirect("mothers:reset")), post=everyone(Redirect("mothers:reset"))),
    "mothers:reset_resend": Case(get=everyone(405), post=everyone(Redirect("mothers:reset"))),
    "mothers:cabinet": page(MOTHER),
    "mothers:appeals": page(MOTHER),
    "mothers:verification_queue": page(DESK),
    "mothers:link": Case(
        args=lambda world: [world.waiting_account.pk],
        get=Access(DESK, ok=405),
        post=Access(DESK, ok=Redirect("mothers:verification_queue"), scoped=True),
    ),
    "mothers:my_data": page(MOTHER),
    # A mother without a family has no data to download.
    "mothers:my_data_download": Case(get=Access(MOTHER, scoped=True), post=Access(MOTHER, ok=405)),
    "mothers:preferences": Case(get=Access(MOTHER), post=Access(MOTHER, ok=400)),
    "mothers:phone": Case(get=Access(MOTHER), post=Access(MOTHER, ok=400)),
    "mothers:phone_code": Case(
        get=Access(MOTHER, ok=Redirect("mothers:phone")), post=Access(MOTHER, ok=Redirect("mothers:phone"))
    ),
    "mothers:phone_resend": Case(get=Access(MOTHER, ok=405), post=Access(MOTHER, ok=Redirect("mothers:phone"))),
}

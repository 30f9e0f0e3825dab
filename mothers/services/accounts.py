"""A mother's account: her sign-up, a new password by SMS code, a new phone number, her preferences."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from axes.utils import reset as axes_reset
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.services import user_sessions_end, user_set_language
from audit.services import audit_log
from centres.models import Centre
from core.errors import DomainError
from core.roles import Role
from families import iin as iin_rules
from families.models import ConsentText, Family, Person
from families.services import PersonData, family_link_account, family_self_register, family_set_phone, family_set_preferences
from mothers.models import MotherProfile, SmsCode
from mothers.services.codes import code_use

PROFILE_PHONE = "mother_profile_phone_once"  # the database constraint


def phone_taken() -> DomainError:
    # Said only to someone who has just proved, with a code, that she holds the phone.
    return DomainError(
        _("This phone number is already used by another account. Sign in with it, or reset that account's password by SMS."),
        field="phone",
    )


@dataclass(frozen=True)
class SignUp:
    """What she typed at the first step, kept in her session until she types the code (the password
    only as its hash)."""

    iin: str
    last_name: str
    first_name: str
    middle_name: str
    phone: str  # E.164
    centre_id: int
    language: str
    password_hash: str
    consent_text_id: int


def mother_sign_up(*, sign_up: SignUp, code: str) -> User:
    """Opens her account once the code sent to her phone is typed: linked to the family the registry
    holds when her IIN and phone match it, else with a family of her own "not yet verified", else (her
    IIN is on a file she cannot be linked to from here) the same, without that IIN, until the desk has
    seen her documents and moves her into that family. Refused, with nothing changed, for a wrong code or a phone another account uses."""
    try:
        with transaction.atomic():
            used = code_use(phone=sign_up.phone, purpose=SmsCode.Purpose.SIGN_UP, code=code)
            if _phone_in_use(sign_up.phone):
                raise phone_taken()
            user = User.objects.create(
                username=f"mother-{secrets.token_hex(6)}",
                role=Role.MOTHER,
                last_name=sign_up.last_name,
                first_name=sign_up.first_name,
                middle_name=sign_up.middle_name,
                language=sign_up.language,
                password=sign_up.password_hash,
            )
            MotherProfile.objects.create(user=user, phone=sign_up.phone, iin=sign_up.iin, centre_id=sign_up.centre_id)
            used.user = user  # the code (and its message) now goes with her account
            used.save(update_fields=["user"])
            _find_or_make_family(user, sign_up)
            audit_log(actor=user, action="mother.sign_up", target=user)
    except IntegrityError as error:
        if PROFILE_PHONE in str(error):  # the same number signed up at the same moment
            raise phone_taken() from error
        raise
    return user


def _phone_in_use(phone: str, *, besides: MotherProfile | None = None) -> bool:
    """The friendly check in front of the database's one-account-per-phone constraint."""
    others = MotherProfile.objects.filter(phone=phone)
    if besides is not None:
        others = others.exclude(pk=besides.pk)
    return others.exists()


def _find_or_make_family(user: User, sign_up: SignUp) -> Family:
    """Her family on record when IIN and phone match it; otherwise a family of her own, not yet verified
    — also when her IIN is on a file she cannot be linked to from here, so that nothing she sees says
    whether the registry knew it (the desk then moves her into that family: ``mother_link``)."""
    person = Person.objects.filter(iin=sign_up.iin).first()
    family = Family.objects.filter(mother=person).prefetch_related("consents").first() if person else None
    if family is not None and family.mother_account_id is None and family.has_consent and _on_record(family, sign_up.phone):
        return family_link_account(actor=user, family=family, account=user)
    hint = iin_rules.hint(sign_up.iin)
    mother = PersonData(
        iin=sign_up.iin,
        last_name=sign_up.last_name,
        first_name=sign_up.first_name,
        middle_name=sign_up.middle_name,
        birth_date=hint.birth_date,
        sex=hint.sex or "f",
    )
    return family_self_register(
        actor=user,
        mother=mother,
        phone=sign_up.phone,
        centre=Centre.objects.get(pk=sign_up.centre_id),
        language=sign_up.language,
        consent_text=ConsentText.objects.get(pk=sign_up.consent_text_id),
        iin_on_record=person is not None,
    )


def _on_record(family: Family, phone: str) -> bool:
    return phone in {str(family.phone or ""), str(family.phone_extra or "")}


def mother_reset_password(*, user: User | None, code: str, password_hash: str) -> User:
    """A new password, once the code sent to her account's phone is typed; her sessions end, and the
    wrong passwords that locked her sign-in are forgotten (the code proved more than a password does).
    ``user`` None (nobody has the phone or IIN she typed) is refused as a wrong code is."""
    with transaction.atomic():
        if user is None:
            raise DomainError(_("This code is wrong or no longer valid. Check the SMS, or ask for a new code."), field="code")
        profile = MotherProfile.objects.select_for_update().get(user=user)
        code_use(phone=str(profile.phone), purpose=SmsCode.Purpose.RESET, code=code, user=user)
        user.password = password_hash
        user.save(update_fields=["password"])
        audit_log(actor=user, action="mother.password_reset", target=user, changed_fields=["password"])
        axes_reset(username=user.get_username())  # every way of typing her login counts under it (mothers.backends)
    user_sessions_end(user=user)
    return user


@transaction.atomic
def mother_change_phone(*, actor: User, phone: str, code: str) -> MotherProfile:
    """Her new number, once the code sent to it is typed: she signs in with it, and the centre writes
    to it (her family's phone on record)."""
    profile = MotherProfile.objects.select_for_update().get(user=actor)
    code_use(phone=phone, purpose=SmsCode.Purpose.NEW_PHONE, code=code, user=actor)
    if _phone_in_use(phone, besides=profile):
        raise phone_taken()
    profile.phone = phone
    try:
        with transaction.atomic():
            profile.save(update_fields=["phone"])
    except IntegrityError as error:
        raise phone_taken() from error
    family = Family.objects.filter(mother_account=actor).first()
    if family is not None:
        family_set_phone(actor=actor, family=family, phone=phone)
    audit_log(actor=actor, action="mother.change_phone", target=profile, changed_fields=["phone"])
    return profile


@transaction.atomic
def mother_set_preferences(*, actor: User, language: str, notify_by: str, email: str, optional_messages: bool) -> None:
    """The language of her pages and messages, and how the centre writes to her."""
    user_set_language(actor=actor, language=language)
    family = Family.objects.filter(mother_account=actor).first()
    if family is not None:
        family_set_preferences(
            actor=actor, family=family, language=language, notify_by=notify_by, email=email, optional_messages=optional_messages
        )


@transaction.atomic
def mother_forget(*, user: User) -> None:
    """Removes what her account holds that names her (her family is being anonymised): the phone and
    IIN she signed in with, her SMS codes and their messages."""
    MotherProfile.objects.filter(user=user).delete()
    SmsCode.objects.filter(user=user).delete()

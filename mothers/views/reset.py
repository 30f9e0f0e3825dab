"""A new password by SMS code: she types her phone number or IIN, then the code sent to her account's
phone and a new password. The pages answer the same whether or not an account has that phone or IIN,
and never show the number the code went to."""

from django.contrib import messages
from django.contrib.auth.hashers import make_password
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.models import User
from core.errors import DomainError, show_on_form
from core.phones import to_e164
from mothers import limits
from mothers.forms import ResetForm, ResetRequestForm
from mothers.models import SmsCode
from mothers.selectors import IIN_LIKE, accounts_for_login
from mothers.services import code_send, mother_reset_password
from mothers.views.common import too_many_attempts, too_many_requests

PENDING = "mothers.reset"


def _identity(login: str) -> str:
    """The phone or IIN typed, written one way, so that each way of typing it counts as one."""
    compact = "".join(login.split())
    return compact if IIN_LIKE.match(compact) else to_e164(login) or compact


def _send(request, user: User | None) -> None:
    """A code to her account's phone. The phone she is sent codes to counts too (typing her IIN and then
    her number is not twice the codes); past its limit nothing is sent, and the page says the same."""
    if user is None:
        return
    phone = str(user.mother_profile.phone)
    if limits.code_sending_allowed(request, phone=phone):
        code_send(phone=phone, purpose=SmsCode.Purpose.RESET, language=get_language(), user=user)


@require_http_methods(["GET", "POST"])
def reset(request):
    form = ResetRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        identity = _identity(form.cleaned_data["login"])
        if not limits.code_request_allowed(request, identity=identity):
            return too_many_requests(request, "mothers/reset.html", {}, form)
        accounts = accounts_for_login(form.cleaned_data["login"])
        user = accounts[0] if accounts else None
        _send(request, user)
        request.session[PENDING] = {"identity": identity, "user": user.pk if user else None}
        return redirect("mothers:reset_code")
    return render(request, "mothers/reset.html", {"form": form}, status=400 if request.method == "POST" else 200)


def _pending(request) -> tuple[str, User | None] | None:
    pending = request.session.get(PENDING)
    if not pending:
        return None
    user = User.objects.select_related("mother_profile").filter(pk=pending["user"]).first() if pending["user"] else None
    return pending["identity"], user


@require_http_methods(["GET", "POST"])
def reset_code(request):
    pending = _pending(request)
    if pending is None:
        return redirect("mothers:reset")
    identity, user = pending
    form = ResetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not limits.attempts_left(request, identity=identity):
            return too_many_attempts(request, "mothers/reset_code.html", {}, form)
        try:
            mother_reset_password(
                user=user, code=form.cleaned_data["code"], password_hash=make_password(form.cleaned_data["password1"])
            )
        except DomainError as error:
            limits.count_wrong_attempt(request, identity=identity)
            show_on_form(form, error)
        else:
            del request.session[PENDING]
            messages.success(request, _("Your password is changed. Sign in with your phone number or IIN and the new password."))
            return redirect("accounts:login")
    return render(request, "mothers/reset_code.html", {"form": form}, status=400 if request.method == "POST" else 200)


@require_POST
def reset_resend(request):
    pending = _pending(request)
    if pending is None:
        return redirect("mothers:reset")
    identity, user = pending
    if not limits.code_request_allowed(request, identity=identity):
        return too_many_requests(request, "mothers/reset_code.html", {}, ResetForm())
    _send(request, user)
    return redirect("mothers:reset_code")

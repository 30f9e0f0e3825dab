"""Sign-up: her IIN, name, phone, centre and password, then the code sent to her phone.

The first step answers the same whatever the IIN or phone (a code is sent either way): only someone who
then types the code, and so holds the phone, may learn that another account already uses it.
"""

from dataclasses import asdict

from django.contrib.auth import login
from django.contrib.auth.hashers import make_password
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.views.decorators.http import require_http_methods, require_POST

from core.errors import DomainError, show_on_form
from core.roles import Role
from families.models import ConsentText
from mothers import limits
from mothers.forms import CodeForm, SignUpForm
from mothers.models import SmsCode
from mothers.services import SignUp, code_send, mother_sign_up
from mothers.views.common import BACKEND, too_many_attempts, too_many_requests

PENDING = "mothers.sign_up"


def _signed_in_elsewhere(request):
    return redirect("mothers:cabinet" if request.user.role == Role.MOTHER else "home")


@require_http_methods(["GET", "POST"])
def sign_up(request):
    if request.user.is_authenticated:
        return _signed_in_elsewhere(request)
    form = SignUpForm(request.POST or None)
    consent_text = ConsentText.current()
    context = {"form": form, "consent_text": consent_text}
    if request.method == "POST" and form.is_valid() and consent_text is not None:
        data = form.cleaned_data
        if not limits.code_request_allowed(request, identity=data["phone"]):
            return too_many_requests(request, "mothers/sign_up.html", context, form)
        pending = SignUp(
            iin=data["iin"],
            last_name=data["last_name"],
            first_name=data["first_name"],
            middle_name=data["middle_name"],
            phone=data["phone"],
            centre_id=data["centre"].pk,
            language=get_language(),
            password_hash=make_password(data["password1"]),
            consent_text_id=consent_text.pk,
        )
        code_send(phone=pending.phone, purpose=SmsCode.Purpose.SIGN_UP, language=pending.language)
        request.session[PENDING] = asdict(pending)
        return redirect("mothers:sign_up_code")
    return render(request, "mothers/sign_up.html", context, status=400 if request.method == "POST" else 200)


def _pending(request) -> SignUp | None:
    data = request.session.get(PENDING)
    return SignUp(**data) if data else None


@require_http_methods(["GET", "POST"])
def sign_up_code(request):
    pending = _pending(request)
    if pending is None or request.user.is_authenticated:
        return redirect("mothers:sign_up")
    form = CodeForm(request.POST or None)
    context = {"form": form, "phone": pending.phone, "resend_url": "mothers:sign_up_resend"}
    if request.method == "POST" and form.is_valid():
        if not limits.attempts_left(request, identity=pending.phone):
            return too_many_attempts(request, "mothers/code.html", context, form)
        try:
            user = mother_sign_up(sign_up=pending, code=form.cleaned_data["code"])
        except DomainError as error:
            if error.field == "code":
                limits.count_wrong_attempt(request, identity=pending.phone)
            show_on_form(form, error)
        else:
            del request.session[PENDING]
            login(request, user, backend=BACKEND)
            return redirect("mothers:cabinet")  # in the language she signed up in, which is hers
    return render(request, "mothers/code.html", context, status=400 if request.method == "POST" else 200)


@require_POST
def sign_up_resend(request):
    pending = _pending(request)
    if pending is None or request.user.is_authenticated:
        return redirect("mothers:sign_up")
    if not limits.code_request_allowed(request, identity=pending.phone):
        context = {"form": CodeForm(), "phone": pending.phone, "resend_url": "mothers:sign_up_resend"}
        return too_many_requests(request, "mothers/code.html", context, context["form"])
    code_send(phone=pending.phone, purpose=SmsCode.Purpose.SIGN_UP, language=pending.language)
    return redirect("mothers:sign_up_code")

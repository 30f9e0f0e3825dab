"""Her settings: the language of her pages and messages, how the centre writes to her, her phone
number (a new one confirmed by a code sent to it)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.errors import DomainError, show_on_form
from core.i18n import translate_url
from core.permissions import rule_required
from mothers import limits, selectors
from mothers.forms import CodeForm, PhoneForm, PreferencesForm
from mothers.models import SmsCode
from mothers.services import code_send, mother_change_phone, mother_set_preferences
from mothers.views.common import too_many_attempts, too_many_requests

NEW_PHONE = "mothers.new_phone"


def _preferences_form(request, family):
    initial = {"language": request.user.language}
    if family is not None:
        initial.update(notify_by=family.notify_by, email=family.email, optional_messages=family.optional_messages)
    form = PreferencesForm(request.POST or None, initial=initial)
    if family is None:  # nothing to write to yet but her account
        for name in ("notify_by", "email", "optional_messages"):
            del form.fields[name]
    return form


@rule_required("mothers.open_cabinet")
@require_http_methods(["GET", "POST"])
def preferences(request):
    family = selectors.mother_family(request.user)
    form = _preferences_form(request, family)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            mother_set_preferences(
                actor=request.user,
                language=data["language"],
                notify_by=data.get("notify_by", "sms"),
                email=data.get("email", ""),
                optional_messages=data.get("optional_messages", False),
            )
        except DomainError as error:
            show_on_form(form, error)
        else:
            messages.success(request, _("Your settings are saved."))
            # The page again in the language she chose (the address carries it; her next sign-in too).
            return redirect(translate_url(reverse("mothers:preferences"), data["language"]))
    context = {"form": form, "family": family, "profile": getattr(request.user, "mother_profile", None)}
    return render(request, "mothers/preferences.html", context, status=400 if request.method == "POST" else 200)


@rule_required("mothers.open_cabinet")
@require_http_methods(["GET", "POST"])
def phone(request):
    form = PhoneForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        number = form.cleaned_data["phone"]
        profile = getattr(request.user, "mother_profile", None)
        if profile is not None and str(profile.phone) == number:
            form.add_error("phone", _("This is your number already."))
        elif not limits.code_request_allowed(request, identity=number):
            return too_many_requests(request, "mothers/phone.html", {}, form)
        else:
            code_send(phone=number, purpose=SmsCode.Purpose.NEW_PHONE, language=get_language(), user=request.user)
            request.session[NEW_PHONE] = number
            return redirect("mothers:phone_code")
    return render(request, "mothers/phone.html", {"form": form}, status=400 if request.method == "POST" else 200)


@rule_required("mothers.open_cabinet")
@require_http_methods(["GET", "POST"])
def phone_code(request):
    number = request.session.get(NEW_PHONE)
    if not number:
        return redirect("mothers:phone")
    form = CodeForm(request.POST or None)
    context = {"form": form, "phone": number, "resend_url": "mothers:phone_resend"}
    if request.method == "POST" and form.is_valid():
        if not limits.attempts_left(request, identity=number):
            return too_many_attempts(request, "mothers/code.html", context, form)
        try:
            mother_change_phone(actor=request.user, phone=number, code=form.cleaned_data["code"])
        except DomainError as error:
            if error.field == "code":
                limits.count_wrong_attempt(request, identity=number)
            show_on_form(form, error)
        else:
            del request.session[NEW_PHONE]
            messages.success(request, _("Your new phone number is saved: sign in with it from now on."))
            return redirect("mothers:preferences")
    return render(request, "mothers/code.html", context, status=400 if request.method == "POST" else 200)


@rule_required("mothers.open_cabinet")
@require_POST
def phone_resend(request):
    number = request.session.get(NEW_PHONE)
    if not number:
        return redirect("mothers:phone")
    if not limits.code_request_allowed(request, identity=number):
        context = {"phone": number, "resend_url": "mothers:phone_resend"}
        return too_many_requests(request, "mothers/code.html", context, CodeForm())
    code_send(phone=number, purpose=SmsCode.Purpose.NEW_PHONE, language=get_language(), user=request.user)
    return redirect("mothers:phone_code")

"""The page a mother reaches from the link at the foot of an optional e-mail, to stop reminders and news."""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from families.models import Family
from families.services import family_stop_optional_messages
from families.unsubscribe import family_id_from


# Mail clients' one-click unsubscribe (RFC 8058) posts without a CSRF token; the signed link is the
# credential, and all it can do is turn reminders and news off.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    family = Family.objects.filter(pk=family_id_from(token) or 0).first()
    if family is None:
        raise Http404
    if request.method == "POST":
        family_stop_optional_messages(actor=None, family=family)
        return render(request, "families/unsubscribed.html")
    return render(request, "families/unsubscribe.html", {"stopped": not family.optional_messages})

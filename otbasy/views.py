from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from centres.models import Centre


@require_safe
def home(request):
    centres = Centre.objects.filter(is_active=True).select_related("district")
    return render(request, "home.html", {"centres": centres})


def csrf_failure(request, reason=""):
    return render(request, "403_csrf.html", status=403)


@require_safe
def robots_txt(request):
    # Nothing behind a login belongs in a search engine; the public home page may be listed.
    return HttpResponse("User-agent: *\nAllow: /kk/$\nAllow: /ru/$\nDisallow: /\n", content_type="text/plain")

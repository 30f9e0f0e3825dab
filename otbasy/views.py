from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.templatetags.static import static
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
    # Nothing behind a login belongs in a search engine; the public home page and the course catalogue
    # with its course pages may be listed (the mothers' own pages under courses/ need a sign-in anyway).
    lines = ["User-agent: *", "Allow: /kk/$", "Allow: /ru/$", "Allow: /kk/courses/$", "Allow: /ru/courses/$"]
    lines += ["Allow: /kk/courses/*/$", "Allow: /ru/courses/*/$", "Disallow: /"]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


@require_safe
def favicon(request):
    # Browsers ask for /favicon.ico wherever a page names no icon (the admin site, a file opened on its own).
    return HttpResponseRedirect(static("favicon.svg"))

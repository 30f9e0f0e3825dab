from django.shortcuts import render

from centres.models import Centre


def home(request):
    centres = Centre.objects.filter(is_active=True).select_related("district")
    return render(request, "home.html", {"centres": centres})


def csrf_failure(request, reason=""):
    return render(request, "403_csrf.html", status=403)

"""Pages anyone may open without signing in: the catalogue, a course, a certificate's check.

The catalogue and course pages are built from parts kept in the cache (``courses.cache``, forgotten on
every change), so they cost no query once warm; anonymous visitors' browsers may keep them a few
minutes (signed-in users' pages are never stored: core.middleware)."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.cache import patch_cache_control
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_safe

from core.htmx import render_page_or_partial
from courses import selectors
from courses.cache import cached
from courses.forms import CatalogueFilterForm

BROWSER_SECONDS = 300
_FILTER_KEYS = ("district", "centre", "category", "month", "with_seats")


def _public(response, request):
    if not request.user.is_authenticated:
        patch_cache_control(response, public=True, max_age=BROWSER_SECONDS)
    return response


def _catalogue_html(query: dict[str, str]) -> str:
    form = CatalogueFilterForm(query)
    courses = selectors.catalogue(form.filters())
    return render_to_string("courses/_catalogue_body.html", {"form": form, "courses": courses})


@require_safe
def catalogue(request):
    # Only the filters' own keys, each short, make the cache key: anything else typed is ignored.
    query = {key: request.GET[key][:40] for key in _FILTER_KEYS if request.GET.get(key)}
    body = mark_safe(cached("catalogue", lambda: _catalogue_html(query), sorted(query.items())))
    response = render_page_or_partial(request, "courses/catalogue.html", {"body": body}, partial="body")
    return _public(response, request)


def _course_page(pk: int) -> dict[str, str]:
    """The course page's title and body ({} for a course not in the catalogue)."""
    course = selectors.course_page(pk)
    if course is None:
        return {}
    return {"title": str(course.title), "body": render_to_string("courses/_course_body.html", {"course": course})}


@require_safe
def course(request, pk: int):
    page = cached("course", lambda: _course_page(pk), pk)
    if not page:
        raise Http404
    response = render(request, "courses/course.html", {"title": page["title"], "body": mark_safe(page["body"])})
    return _public(response, request)


@require_safe
def verify(request, code: str):
    """What a third party may learn from a certificate's code: initials, course, dates, centre."""
    certificate = selectors.verification(code)
    status = 200 if certificate else 404
    return render(request, "courses/verify.html", {"certificate": certificate, "code": code[:16]}, status=status)

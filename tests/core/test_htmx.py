"""core.htmx: the three sanctioned shapes, each through a tiny view of this module's URLconf and with
and without htmx — page with partial, modal form, row swap."""

import copy
import json

import pytest
from django import forms
from django.conf.urls.i18n import i18n_patterns
from django.contrib import messages
from django.http import HttpResponse
from django.urls import path

from core.errors import DomainError
from core.htmx import Modal, modal_form, render_page_or_partial, row_swap
from otbasy.urls import urlpatterns as portal_urls

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]

HTMX = {"hx-request": "true"}
TEMPLATES = {
    "probe/list.html": (
        "<html><body><h1>All the names</h1>"
        '{% partialdef results inline %}<ul id="results">{% for name in names %}<li>{{ name }}</li>{% endfor %}</ul>'
        "{% endpartialdef %}</body></html>"
    ),
    "probe/rows.html": (
        "<table>{% partialdef row inline %}"
        '<tr id="row"><td>{{ status }}</td>{% if error %}<td class="error">{{ error }}</td>{% endif %}</tr>'
        "{% endpartialdef %}</table>"
    ),
}
saved: list = []
state = {"status": "waiting"}


@pytest.fixture(autouse=True)
def probe_templates(settings):
    """This module's templates, in front of the portal's (behind the partials loader, as configured)."""
    templates = copy.deepcopy(settings.TEMPLATES)
    partials_loader, loaders = templates[0]["OPTIONS"]["loaders"][0]
    templates[0]["OPTIONS"]["loaders"] = [(partials_loader, [("django.template.loaders.locmem.Loader", TEMPLATES), *loaders])]
    settings.TEMPLATES = templates
    saved.clear()
    state["status"] = "waiting"


class ProbeForm(forms.Form):
    name = forms.CharField(max_length=40)
    count = forms.IntegerField(min_value=1)


def names(request):
    return render_page_or_partial(request, "probe/list.html", {"names": ["Асель", "Дана"]}, partial="results")


def save(data):
    if data["name"] == "Taken":
        raise DomainError("This name is taken.", field="name")
    if data["name"] == "Closed":
        raise DomainError("The register is closed.")
    saved.append(data)


def probe_modal(request):
    return modal_form(
        request,
        form=ProbeForm(request.POST or None),
        modal=Modal(title="A new probe", action="/kk/modal/", cancel_url="/kk/back/", submit="Add the probe"),
        save=save,
        event="probeSaved",
        done_url="/kk/done/",
    )


def serve(request):
    def act():
        if request.POST.get("refuse"):
            raise DomainError("She has been served already.")
        state["status"] = "served"

    return row_swap(
        request,
        act=act,
        template_name="probe/rows.html",
        partial="row",
        context=lambda: dict(state),
        done="Served.",
        back="/kk/back/",
    )


def back(request):
    levels = {messages.SUCCESS: "success", messages.ERROR: "error"}
    return HttpResponse(" | ".join(f"{levels[message.level]}: {message}" for message in messages.get_messages(request)))


urlpatterns = i18n_patterns(path("names/", names), path("modal/", probe_modal), path("serve/", serve), path("back/", back))
urlpatterns += portal_urls


# --- 1. Page with partial -----------------------------------------------------------------------


def test_a_normal_request_gets_the_whole_page(client):
    response = client.get("/kk/names/")
    assert response.status_code == 200
    assert response.content.decode().startswith("<html><body><h1>All the names</h1><ul")


def test_an_htmx_request_gets_only_the_partial(client):
    response = client.get("/kk/names/", headers=HTMX)
    assert response.status_code == 200
    assert response.content.decode() == '<ul id="results"><li>Асель</li><li>Дана</li></ul>'


def test_a_boosted_link_gets_the_whole_page(client):
    response = client.get("/kk/names/", headers={**HTMX, "hx-boosted": "true"})
    assert "<h1>All the names</h1>" in response.content.decode()


# --- 2. Modal form ------------------------------------------------------------------------------


def test_the_modal_form_opens_in_the_modal_with_its_title_buttons_and_urls(client):
    response = client.get("/kk/modal/", headers=HTMX)
    content = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in content and 'class="modal-content"' in content
    assert 'hx-post="/kk/modal/"' in content and 'action="/kk/modal/"' in content
    assert "A new probe" in content and "Add the probe" in content and 'href="/kk/back/"' in content
    assert saved == []


def test_without_javascript_the_modal_form_is_a_page_of_its_own(client):
    response = client.get("/kk/modal/")
    content = response.content.decode()
    assert response.status_code == 200
    assert "<html" in content and "<title>A new probe · " in content
    assert 'action="/kk/modal/"' in content


def test_an_invalid_form_comes_back_with_400_and_everything_typed(client):
    response = client.post("/kk/modal/", {"name": "Асель Нұрланова", "count": "0"}, headers=HTMX)
    assert response.status_code == 400
    assert 'value="Асель Нұрланова"' in response.content.decode() and 'value="0"' in response.content.decode()
    assert list(response.context["form"].errors) == ["count"]
    assert "<html" not in response.content.decode()
    assert saved == []


def test_a_services_refusal_is_shown_on_its_field_with_400(client):
    response = client.post("/kk/modal/", {"name": "Taken", "count": "3"}, headers=HTMX)
    assert response.status_code == 400
    assert response.context["form"].errors == {"name": ["This name is taken."]}
    assert "This name is taken." in response.content.decode() and 'value="3"' in response.content.decode()


def test_a_refusal_about_no_field_is_shown_on_top_of_the_form(client):
    response = client.post("/kk/modal/", {"name": "Closed", "count": "3"}, headers=HTMX)
    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == ["The register is closed."]


def test_a_valid_form_is_saved_and_answers_204_with_the_event(client):
    response = client.post("/kk/modal/", {"name": "Асель", "count": "2"}, headers=HTMX)
    assert response.status_code == 204
    assert json.loads(response["HX-Trigger"]) == {"probeSaved": {}}
    assert saved == [{"name": "Асель", "count": 2}]


def test_without_javascript_a_valid_form_redirects_to_the_done_page(client):
    response = client.post("/kk/modal/", {"name": "Асель", "count": "2"})
    assert response.status_code == 302 and response["Location"] == "/kk/done/"
    assert "HX-Trigger" not in response
    assert saved == [{"name": "Асель", "count": 2}]


def test_without_javascript_an_invalid_form_is_the_whole_page_with_400(client):
    response = client.post("/kk/modal/", {"name": "", "count": "2"})
    assert response.status_code == 400
    assert "<html" in response.content.decode() and 'value="2"' in response.content.decode()


# --- 3. Row swap --------------------------------------------------------------------------------


def test_the_row_comes_back_as_it_is_after_the_action(client):
    response = client.post("/kk/serve/", headers=HTMX)
    assert response.status_code == 200
    assert response.content.decode() == '<tr id="row"><td>served</td></tr>'


def test_a_refused_action_shows_its_reason_in_the_row_with_400(client):
    response = client.post("/kk/serve/", {"refuse": "1"}, headers=HTMX)
    assert response.status_code == 400
    assert response.content.decode() == '<tr id="row"><td>waiting</td><td class="error">She has been served already.</td></tr>'


def test_without_javascript_the_action_says_done_and_goes_back_to_the_list(client):
    response = client.post("/kk/serve/", follow=True)
    assert response.redirect_chain == [("/kk/back/", 302)]
    assert response.content.decode() == "success: Served."
    assert state["status"] == "served"


def test_without_javascript_a_refusal_is_an_error_message(client):
    response = client.post("/kk/serve/", {"refuse": "1"}, follow=True)
    assert response.content.decode() == "error: She has been served already."
    assert state["status"] == "waiting"


def test_without_javascript_a_page_of_this_site_given_as_next_is_where_it_goes_back(client):
    response = client.post("/kk/serve/", {"next": "/kk/back/?page=3"})
    assert response.status_code == 302 and response["Location"] == "/kk/back/?page=3"


@pytest.mark.parametrize("next_url", ["https://evil.example/kk/back/", "//evil.example/", "http://testserver.evil.example/"])
def test_an_external_next_is_ignored(client, next_url):
    response = client.post("/kk/serve/", {"next": next_url})
    assert response.status_code == 302 and response["Location"] == "/kk/back/"

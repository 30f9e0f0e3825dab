"""The signed copy of a consent, over HTTP: only a real PDF, JPEG or PNG is kept, under a random name with
the extension of its content, and it only ever comes back as an attachment, to someone in scope, logged.

The stored-script attack of issue 9: a script declared as a JPEG, then a page declared as a PNG that
loads it, were stored and served inline from the portal's own origin."""

import re
import socket
from http.client import HTTPResponse
from urllib.parse import unquote, urlsplit

import pytest
from django.utils import timezone

from audit.models import AccessEvent
from families.models import Consent, Family
from tests.factories import CentreHeadFactory, RegistrarFactory
from tests.families.factories import FamilyFactory
from tests.families.forms_data import registration_post
from tests.uploads import EXE, HOSTILE, hostile, scan, upload

pytestmark = pytest.mark.django_db

RANDOM_NAME = re.compile(r"^private/consents/[0-9a-f]{2}/[0-9a-f]{32}\.(pdf|jpg|png)$")
TYPED = ("Жұмабекова", "Гүлнар", "Алматы, Абай даңғылы, 150, 12-пәтер", "Айша")
MB = 1024 * 1024


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def stored_files(settings) -> list:
    return [path for path in settings.MEDIA_ROOT.rglob("*") if path.is_file()]


def register(client, scan_file, language="kk"):
    return client.post(f"/{language}/families/register/", registration_post(**{"consent-scan": scan_file}))


def assert_refused_with_everything_kept(response, message: str) -> None:
    page = response.content.decode()
    assert response.status_code == 400
    assert message in page
    for value in TYPED:
        assert value in page, value
    assert not Family.objects.exists()


@pytest.mark.parametrize(
    ("extension", "sent_as", "declared"),
    [("pdf", "consent.pdf", "application/pdf"), ("jpg", "photo.png", "image/png"), ("png", "scan.pdf", "application/pdf")],
)
def test_a_real_pdf_jpeg_or_png_is_stored_under_a_random_name_with_the_extension_of_its_content(
    client, registrar, settings, extension, sent_as, declared
):
    response = register(client, upload(sent_as, scan(extension), declared))
    assert response.status_code == 302
    consent = Consent.objects.get()
    assert RANDOM_NAME.match(consent.scan.name) and consent.scan.name.endswith(f".{extension}")
    assert stored_files(settings) == [settings.MEDIA_ROOT / consent.scan.name]
    assert (settings.MEDIA_ROOT / consent.scan.name).read_bytes() == scan(extension)


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_html_svg_javascript_and_programs_are_refused_on_the_field_and_nothing_typed_is_lost(client, registrar, settings, name):
    response = register(client, hostile(name), language="ru")
    assert_refused_with_everything_kept(response, "Принимаются только файлы PDF, JPEG, PNG.")
    assert stored_files(settings) == []


def test_a_program_renamed_to_pdf_and_declared_as_one_is_refused(client, registrar, settings):
    response = register(client, upload("consent.pdf", EXE, "application/pdf"))
    assert_refused_with_everything_kept(response, "Тек PDF, JPEG, PNG файлдары қабылданады.")
    assert stored_files(settings) == []


def test_an_empty_file_is_refused(client, registrar, settings):
    assert_refused_with_everything_kept(register(client, upload("consent.pdf", b"", "application/pdf")), "Файл бос.")
    assert stored_files(settings) == []


def test_a_scan_over_five_megabytes_is_refused(client, registrar, settings):
    response = register(client, upload("consent.pdf", scan("pdf") + b" " * 5 * MB, "application/pdf"), language="ru")
    assert_refused_with_everything_kept(response, "Файл больше 5 МБ.")
    assert stored_files(settings) == []


def test_a_file_over_the_upload_limit_is_refused_on_its_field_with_everything_typed_before_it(client, registrar, settings):
    settings.UPLOAD_MAX_SIZE = 256 * 1024
    response = register(client, upload("consent.pdf", scan("pdf") + b" " * MB, "application/pdf"))
    assert_refused_with_everything_kept(response, "Файл 5 МБ-тан үлкен.")
    assert stored_files(settings) == []


def test_the_stored_script_attack_stores_neither_the_script_nor_the_page_that_loads_it(client, almaly, settings):
    family = FamilyFactory(registrar=RegistrarFactory(centre=almaly))
    client.force_login(CentreHeadFactory(centre=almaly))
    script = upload("evil.js", HOSTILE["evil.js"][0], "image/jpeg")
    page = upload("evil.html", b"<html><script src='/media/private/consents/evil.js'></script></html>", "image/png")
    for attack in (script, page):
        data = {"given_on": timezone.localdate().isoformat(), "language": "kk", "scan": attack}
        response = client.post(f"/kk/families/{family.pk}/consent/new/", data, headers={"hx-request": "true"})
        assert response.status_code == 400 and "Тек PDF, JPEG, PNG файлдары қабылданады." in response.content.decode()
    assert family.consents.count() == 1 and stored_files(settings) == []


def registered_with(client, extension: str) -> Consent:
    assert register(client, upload(f"scan.{extension}", scan(extension), "application/octet-stream")).status_code == 302
    return Consent.objects.get()


@pytest.mark.parametrize(("extension", "content_type"), [("pdf", "application/pdf"), ("jpg", "image/jpeg"), ("png", "image/png")])
def test_a_signed_copy_downloads_as_an_attachment_with_its_type_nosniff_and_a_sandbox(client, registrar, extension, content_type):
    consent = registered_with(client, extension)
    response = client.get(f"/kk/families/consents/{consent.pk}/scan/")
    assert response.status_code == 200 and b"".join(response.streaming_content) == scan(extension)
    assert response["Content-Type"] == content_type
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment; filename*=utf-8''")
    assert unquote(disposition.split("''", 1)[1]) == f"Қол қойылған келісім {consent.given_on.isoformat()}.{extension}"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in [part.strip() for part in response["Content-Security-Policy"].split(";")]


def test_every_download_leaves_an_access_log_row(client, registrar):
    consent = registered_with(client, "pdf")
    for _ in range(2):
        assert b"".join(client.get(f"/kk/families/consents/{consent.pk}/scan/").streaming_content) == scan("pdf")
    rows = AccessEvent.objects.filter(what="families.consent_scan")
    assert [(row.actor, row.action, row.target_id) for row in rows] == [(registrar, "view", str(consent.family_id))] * 2


def test_a_registrar_of_another_district_gets_a_404_and_leaves_no_trace(client, registrar, bostandyk):
    consent = registered_with(client, "pdf")
    client.force_login(RegistrarFactory(centre=bostandyk))
    assert client.get(f"/kk/families/consents/{consent.pk}/scan/").status_code == 404
    assert not AccessEvent.objects.filter(what="families.consent_scan").exists()


@pytest.mark.parametrize(
    ("name", "content", "content_type", "extension"),
    [("evil.html", HOSTILE["page.html"][0], "application/octet-stream", "bin"), ("photo.JPG", scan("jpg"), "image/jpeg", "jpg")],
)
def test_a_scan_stored_before_is_served_as_an_attachment_with_the_type_of_its_content(
    client, registrar, settings, name, content, content_type, extension
):
    family = FamilyFactory(registrar=registrar)
    consent = family.consents.get()
    consent.scan.name = f"private/consents/{family.pk}/20250101120000-{name}"
    (settings.MEDIA_ROOT / consent.scan.name).parent.mkdir(parents=True)
    (settings.MEDIA_ROOT / consent.scan.name).write_bytes(content)
    Consent.objects.filter(pk=consent.pk).update(scan=consent.scan.name)

    response = client.get(f"/kk/families/consents/{consent.pk}/scan/")
    assert response.status_code == 200 and b"".join(response.streaming_content) == content
    assert response["Content-Type"] == content_type and "html" not in response["Content-Type"]
    assert response["Content-Disposition"].startswith("attachment;") and response["Content-Disposition"].endswith(f".{extension}")
    assert response["X-Content-Type-Options"] == "nosniff"


def multipart_head(fields: dict, boundary: str) -> bytes:
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n' for name, value in fields.items()
    ]
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="consent-scan"; filename="video.pdf"\r\n')
    parts.append("Content-Type: application/pdf\r\n\r\n")
    return "".join(parts).encode()


@pytest.mark.django_db(transaction=True)
def test_a_50_mb_file_is_refused_before_the_server_has_read_it_whole(client, live_server, reference_data, almaly):
    """Over a real socket: the request says 50 MB, only 20 MB are ever sent, and the answer still comes."""
    client.force_login(RegistrarFactory(centre=almaly))
    token, boundary, declared, sent = "a" * 32, "otbasy-boundary", 50 * MB, 20 * MB
    head = multipart_head({"csrfmiddlewaretoken": token, **registration_post()}, boundary)
    tail = f"\r\n--{boundary}--\r\n".encode()
    address = urlsplit(live_server.url)
    with socket.create_connection((address.hostname, address.port), timeout=120) as sock:
        sock.sendall(
            f"POST /kk/families/register/ HTTP/1.1\r\nHost: {address.netloc}\r\n"
            f"Content-Type: multipart/form-data; boundary={boundary}\r\nContent-Length: {len(head) + declared + len(tail)}\r\n"
            f"Cookie: sessionid={client.cookies['sessionid'].value}; csrftoken={token}\r\n\r\n".encode()
            + head
        )
        chunk = b"%PDF-1.4\n" + b"0" * (MB - 9)
        for _ in range(sent // MB):
            sock.sendall(chunk)
        response = HTTPResponse(sock)
        response.begin()
        page = response.read().decode()
    assert response.status == 400
    assert "Файл 5 МБ-тан үлкен." in page
    assert all(value in page for value in TYPED)
    assert not Family.objects.exists()

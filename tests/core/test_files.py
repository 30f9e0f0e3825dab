"""core.files, piece by piece: the type read from the content, the upload field, the private storage,
the upload limit that stops reading a request, and the response that serves a private file."""

import re

import pytest
from django import forms
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.base import ContentFile
from django.db import models
from django.db.models.fields.files import FieldFile
from django.test import RequestFactory
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.utils import translation

from core import files
from core.files import JPEG, PDF, PNG, PrivateStorage, RefusedUpload, UploadField, detect, private_file_response
from tests.uploads import EXE, HOSTILE, hostile, scan, upload

pytestmark = pytest.mark.django_db  # serving a file writes its access-log row

RANDOM_NAME = re.compile(r"^private/consents/[0-9a-f]{2}/[0-9a-f]{32}\.(pdf|jpg|png)$")


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


class ScanForm(forms.Form):
    scan = UploadField(types=(PDF, JPEG, PNG), max_size=1024 * 1024, required=False)


def errors(data) -> list[str]:
    form = ScanForm({}, {"scan": data})
    assert not form.is_valid()
    return form.errors["scan"]


@pytest.mark.parametrize(("extension", "expected"), [("pdf", PDF), ("jpg", JPEG), ("png", PNG)])
def test_a_pdf_jpeg_or_png_is_recognised_by_its_content(extension, expected):
    assert detect(ContentFile(scan(extension), name="whatever.txt")) == expected


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_html_svg_javascript_and_programs_are_no_type_the_portal_keeps(name):
    assert detect(ContentFile(HOSTILE[name][0])) is None


def test_reading_the_type_leaves_the_file_where_it_was():
    content = ContentFile(scan("png"))
    detect(content)
    assert content.tell() == 0 and content.read() == scan("png")


def test_an_upload_field_takes_its_types_by_content_whatever_the_name_and_the_declared_type():
    form = ScanForm({}, {"scan": upload("scan.exe", scan("png"), "application/x-msdownload")})
    assert form.is_valid()
    assert form.cleaned_data["scan"].read() == scan("png")


def test_an_upload_field_refuses_another_type_even_named_and_declared_as_one_it_takes():
    with translation.override("kk"):
        assert errors(upload("scan.pdf", EXE, "application/pdf")) == ["Тек PDF, JPEG, PNG файлдары қабылданады."]
    with translation.override("ru"):
        assert errors(hostile("page.html")) == ["Принимаются только файлы PDF, JPEG, PNG."]


def test_an_upload_field_refuses_an_empty_file_and_one_over_its_limit():
    with translation.override("kk"):
        assert errors(upload("scan.pdf", b"", "application/pdf")) == ["Файл бос."]
    with translation.override("ru"):
        assert errors(upload("scan.pdf", b"%PDF-1.4" + b" " * 1024 * 1024, "application/pdf")) == ["Файл больше 1 МБ."]


def test_an_upload_refused_by_the_upload_limit_is_an_error_on_its_field():
    with translation.override("ru"):
        assert errors(RefusedUpload("huge.pdf", 60_000_000)) == ["Файл больше 1 МБ."]


def test_the_file_input_tells_the_browser_which_types_it_takes():
    html = str(ScanForm()["scan"])
    assert 'accept="application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"' in html


def test_a_private_file_is_stored_under_a_random_name_with_the_extension_of_its_content(settings):
    storage = PrivateStorage()
    first = storage.save("consents/evil.html", ContentFile(scan("png")))
    second = storage.save("consents/evil.html", ContentFile(scan("png")))
    assert RANDOM_NAME.match(first) and first.endswith(".png") and first != second
    assert (settings.MEDIA_ROOT / first).read_bytes() == scan("png")


def test_the_private_storage_refuses_content_the_portal_does_not_keep():
    with pytest.raises(SuspiciousFileOperation):
        PrivateStorage().save("consents/scan.pdf", ContentFile(HOSTILE["page.html"][0]))


def test_a_private_file_has_no_url():
    with pytest.raises(NotImplementedError):
        PrivateStorage().url("private/consents/ab/abc.pdf")


def test_nothing_serves_the_media_folder(client, registrar, settings):
    name = PrivateStorage().save("consents/scan.pdf", ContentFile(scan("pdf")))
    for url in (f"{settings.MEDIA_URL}{name}", f"/kk{settings.MEDIA_URL}{name}"):
        response = client.get(url, follow=True)
        assert response.status_code == 404 and scan("pdf") not in response.content, url


def post_request(data: dict):
    return RequestFactory().generic("POST", "/", encode_multipart(BOUNDARY, data), content_type=MULTIPART_CONTENT)


def test_the_upload_limit_stops_reading_the_request_at_the_first_file_over_it(settings):
    settings.UPLOAD_MAX_SIZE = 64 * 1024
    request = post_request({"before": "kept", "scan": upload("huge.pdf", b"%PDF-1.4" + b"0" * 2_000_000, "application/pdf")})
    assert request.POST["before"] == "kept"
    refused = request.FILES["scan"]
    assert isinstance(refused, RefusedUpload) and refused.name == "huge.pdf"
    assert len(request.environ["wsgi.input"]) > 1_000_000, "the rest of the request was read"


def test_files_under_the_upload_limit_are_read_as_usual(settings):
    settings.UPLOAD_MAX_SIZE = 64 * 1024
    request = post_request({"before": "kept", "scan": upload("scan.png", scan("png"), "image/png"), "after": "kept too"})
    assert (request.POST["before"], request.POST["after"]) == ("kept", "kept too")
    assert request.FILES["scan"].read() == scan("png")


def served(file, download_name="scan", **kwargs) -> tuple[dict, bytes]:
    """The headers and the content of ``private_file_response``, closed as the server would."""
    response = private_file_response(file, actor=None, what="tests.scan", target=None, download_name=download_name, **kwargs)
    content = b"".join(response.streaming_content)
    response.close()
    return response.headers, content


def stored(extension: str, content: bytes | None = None) -> FieldFile:
    storage = PrivateStorage()
    name = storage.save("consents/x", ContentFile(content or scan(extension)))
    return FieldFile(None, models.FileField(storage=storage), name)


@pytest.mark.parametrize(("extension", "content_type"), [("pdf", "application/pdf"), ("jpg", "image/jpeg"), ("png", "image/png")])
def test_a_private_file_is_served_as_an_attachment_with_its_detected_type(extension, content_type):
    headers, content = served(stored(extension), download_name="scan 1")
    assert headers["Content-Type"] == content_type
    assert headers["Content-Disposition"] == f'attachment; filename="scan 1.{extension}"'
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in [part.strip() for part in headers["Content-Security-Policy"].split(";")]
    assert "no-store" in headers["Cache-Control"]
    assert content == scan(extension)


def test_the_download_name_is_cleaned_and_may_be_in_kazakh_or_russian():
    headers, _ = served(stored("pdf"), download_name='../../Келісім "1"\r\n')
    assert headers["Content-Disposition"] == "attachment; filename*=utf-8''%D0%9A%D0%B5%D0%BB%D1%96%D1%81%D1%96%D0%BC%201.pdf"


def test_a_file_whose_content_is_no_known_type_is_served_as_plain_bytes(settings):
    name = "private/consents/1/20250101-page.html"
    (settings.MEDIA_ROOT / name).parent.mkdir(parents=True)
    (settings.MEDIA_ROOT / name).write_bytes(HOSTILE["page.html"][0])
    file = FieldFile(None, models.FileField(storage=PrivateStorage()), name)
    headers, content = served(file)
    assert headers["Content-Type"] == "application/octet-stream" and content == HOSTILE["page.html"][0]
    assert headers["Content-Disposition"] == 'attachment; filename="scan.bin"'


def test_serving_a_private_file_tells_whoever_keeps_the_access_log(registrar):
    seen = []

    def receiver(sender, **kwargs):
        seen.append(kwargs)

    files.file_served.connect(receiver)
    try:
        private_file_response(
            stored("pdf"), actor=registrar, what="tests.scan", target=registrar.centre, download_name="x"
        ).close()
    finally:
        files.file_served.disconnect(receiver)
    assert [(s["actor"], s["what"], s["target"]) for s in seen] == [(registrar, "tests.scan", registrar.centre)]

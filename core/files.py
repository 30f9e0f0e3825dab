"""Private files: the one way every upload in the portal is taken in, kept and given back (consent
scans now; grant business plans and documents later).

A file's type is read from its content (``filetype``), never from the name or the type the browser
declares. Each use says which types it takes and how large a file may be:

- the form: ``UploadField(types=(PDF, JPEG, PNG), max_size=5 * MB)`` refuses an empty file, a file over
  its limit and any other type, with a message on the field (the rest of the form is re-rendered as
  typed);
- the model: ``models.FileField(upload_to="consents", storage=PrivateStorage())`` keeps the file under
  ``MEDIA_ROOT/private/`` with a random name and the extension of its content; nothing serves that
  folder and a private file has no URL;
- the view fetches the record through the user's scope (``core.scoping.get_visible_or_404``) and answers
  with ``private_file_response``: always an attachment, with the detected type, ``nosniff``, a
  sandboxing CSP and ``no-store``; it sends ``file_served``, which the audit app records in the access log.

No request is read past the first file larger than ``settings.UPLOAD_MAX_SIZE`` (``UploadLimitHandler``,
first of ``FILE_UPLOAD_HANDLERS``): the fields sent before that file are kept and the file comes to the
form as a ``RefusedUpload``, refused on its field. Put file inputs last in their form, as browsers send
fields in page order.
"""

from __future__ import annotations

import io
import posixpath
import re
import secrets
from dataclasses import dataclass

import filetype
from django import forms
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, SuspiciousFileOperation, ValidationError
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.dispatch import Signal
from django.http import FileResponse, Http404
from django.http.multipartparser import MultiPartParser
from django.utils.cache import add_never_cache_headers
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

MB = 1024 * 1024
PRIVATE_FOLDER = "private"
# Enough of the file's start for every signature ``filetype`` knows.
SIGNATURE_BYTES = 8192

# Sent when a private file is served, with ``actor``, ``what`` (the page, e.g. "families.consent_scan")
# and ``target`` (the record whose file it is, for the access log).
file_served = Signal()


@dataclass(frozen=True)
class FileType:
    """A type of file the portal keeps: its extension, the content type it is served with, and the name
    users know it by."""

    extension: str
    mime: str
    label: str
    other_extensions: tuple[str, ...] = ()


PDF = FileType("pdf", "application/pdf", "PDF")
JPEG = FileType("jpg", "image/jpeg", "JPEG", other_extensions=("jpeg",))
PNG = FileType("png", "image/png", "PNG")
# The workbooks the portal writes itself (the archived monthly reports); never taken as an upload.
XLSX = FileType("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel")
KNOWN_TYPES = {kind.mime: kind for kind in (PDF, JPEG, PNG, XLSX)}


def detect(file) -> FileType | None:
    """The type of ``file``'s content among those the portal keeps (None for anything else: HTML, SVG,
    scripts, programs...). Leaves the file at its start."""
    file.seek(0)
    head = file.read(SIGNATURE_BYTES)
    file.seek(0)
    guess = filetype.guess(bytes(head)) if head else None
    return KNOWN_TYPES.get(guess.mime) if guess else None


class RefusedUpload(UploadedFile):
    """Stands in ``request.FILES`` for a file over ``settings.UPLOAD_MAX_SIZE``, of which nothing was kept."""

    def __init__(self, name: str, received: int, field_name: str = "") -> None:
        super().__init__(file=io.BytesIO(), name=name, content_type=None, size=received)
        self.field_name = field_name


class UploadLimitHandler(FileUploadHandler):
    """Stops reading a request at the first file larger than ``settings.UPLOAD_MAX_SIZE``, so that a
    50 MB file costs the server no more than the limit.

    Django's parser only lets a handler end the upload, not say which file was refused; so, for a
    request larger than the limit, this handler runs the parse itself (the documented override of
    ``handle_raw_input``) with every handler, and adds a ``RefusedUpload`` for the file it stopped at."""

    def __init__(self, request=None) -> None:
        super().__init__(request)
        self.parsing = False
        self.limit = 0
        self.refused: list[RefusedUpload] = []

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.limit = settings.UPLOAD_MAX_SIZE
        if self.parsing or self.request is None or content_length <= self.limit:
            return None
        self.parsing = True
        post, files = MultiPartParser(META, input_data, self.request.upload_handlers, encoding).parse()
        for refused in self.refused:
            files.appendlist(refused.field_name, refused)
        return post, files

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > self.limit:
            self.refused.append(RefusedUpload(self.file_name or "", start + len(raw_data), field_name=self.field_name or ""))
            raise StopUpload(connection_reset=True)
        return raw_data

    def file_complete(self, file_size):
        return None


class UploadField(forms.FileField):
    """A file of one of ``types`` (by content), not empty and at most ``max_size`` bytes."""

    default_error_messages = {
        "empty": _("The file is empty."),
        "too_large": _("The file is larger than %(size)s MB."),
        # Translators: types lists what the field takes, such as "PDF, JPEG, PNG".
        "wrong_type": _("Only %(types)s files are accepted."),
    }

    def __init__(self, *, types: tuple[FileType, ...], max_size: int, **kwargs) -> None:
        self.types = types
        self.max_size = max_size
        super().__init__(**kwargs)

    def widget_attrs(self, widget) -> dict:
        extensions = [f".{extension}" for kind in self.types for extension in (kind.extension, *kind.other_extensions)]
        return {**super().widget_attrs(widget), "accept": ",".join([kind.mime for kind in self.types] + extensions)}

    def to_python(self, data):
        if isinstance(data, RefusedUpload):
            raise self._too_large()
        file = super().to_python(data)
        if file is None:
            return None
        if file.size > self.max_size:
            raise self._too_large()
        if detect(file) not in self.types:
            labels = ", ".join(kind.label for kind in self.types)
            raise ValidationError(self.error_messages["wrong_type"], code="wrong_type", params={"types": labels})
        return file

    def _too_large(self) -> ValidationError:
        return ValidationError(self.error_messages["too_large"], code="too_large", params={"size": self.max_size // MB})


@deconstructible
class PrivateStorage(FileSystemStorage):
    """Files under ``MEDIA_ROOT/private/<upload_to>/``, named at random with the extension of their
    content; content of no type the portal keeps is refused. Nothing serves these files by URL."""

    def save(self, name, content, max_length=None):
        kind = detect(content)
        if kind is None:
            raise SuspiciousFileOperation("A private file must be one of the types the portal keeps; check it with UploadField.")
        random = secrets.token_hex(16)
        folder = posixpath.dirname(name).removeprefix(f"{PRIVATE_FOLDER}/")
        return super().save(posixpath.join(PRIVATE_FOLDER, folder, random[:2], f"{random}.{kind.extension}"), content, max_length)

    def url(self, name):
        raise NotImplementedError("A private file has no URL: serve it with core.files.private_file_response.")


def safe_file_name(name: str) -> str:
    """``name`` with only letters (of any alphabet), digits, spaces, dots, hyphens and underscores."""
    cleaned = re.sub(r"[^\w .-]+", "", name)
    return re.sub(r"\s+", " ", cleaned).strip(" .")[:100] or "file"


def private_file_response(file, *, actor, what: str, target, download_name: str) -> FileResponse:
    """The private ``file`` (a model's FieldFile) as a download named ``download_name`` plus the
    extension of its content. Fetch the record through the user's scope first."""
    if not file:
        raise Http404
    if not isinstance(file.storage, PrivateStorage):
        raise ImproperlyConfigured("Only files kept in core.files.PrivateStorage are served as private files.")
    try:
        handle = file.storage.open(file.name, "rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    kind = detect(handle)
    if not file_served.has_listeners():
        raise ImproperlyConfigured("Nothing records who downloads private files: the audit app is not installed.")
    file_served.send(sender=private_file_response, actor=actor, what=what, target=target)
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=f"{safe_file_name(download_name)}.{kind.extension if kind else 'bin'}",
        content_type=kind.mime if kind else "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    add_never_cache_headers(response)
    return response

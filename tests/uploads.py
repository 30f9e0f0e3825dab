"""Files to upload in tests: real scans (tests/data; the two images come from CPython's test data) and
the hostile files an attacker would try, each with the type her browser would declare."""

from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile

DATA = Path(__file__).resolve().parent / "data"

# The first bytes of a Windows program: the "MZ" DOS header and its stub.
EXE = (
    b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 44 + b"This program cannot be run in DOS mode.\r\n"
)

HOSTILE = {
    "page.html": (b"<!DOCTYPE html><html><body><script src='evil.js'></script></body></html>", "text/html"),
    "picture.svg": (b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(document.domain)"></svg>', "image/svg+xml"),
    "evil.js": (b"fetch('/kk/families/export.xlsx').then((r) => r.blob());", "text/javascript"),
    "setup.exe": (EXE, "application/x-msdownload"),
}


def scan(extension: str) -> bytes:
    """A real PDF, JPEG or PNG file: "pdf", "jpg" or "png"."""
    return (DATA / f"scan.{extension}").read_bytes()


def upload(name: str, content: bytes, content_type: str) -> SimpleUploadedFile:
    """A file as the browser sends it: the name and the type are whatever the sender claims."""
    return SimpleUploadedFile(name, content, content_type=content_type)


def hostile(name: str) -> SimpleUploadedFile:
    content, content_type = HOSTILE[name]
    return upload(name, content, content_type)

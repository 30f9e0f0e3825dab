"""SMS backends, chosen by settings.SMS_BACKEND: console (logs; the embedded default), file, locmem
(tests), and the HTTP gateways of SMSC.kz and Mobizon.

A backend's ``send(to, text)`` returns the gateway's message id, raises ``TransientError`` when trying
again later may work (network, 5xx, rate limits) and ``PermanentError`` when it will not (a refused
number, wrong credentials)."""

from __future__ import annotations

import abc
import json
import logging
import threading
import uuid
from dataclasses import dataclass
from pathlib import Path

import requests
from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string

TIMEOUT_SECONDS = 15
logger = logging.getLogger(__name__)

# The GSM 03.38 alphabet: a text made only of these (and the extension table) goes in 7-bit segments;
# anything else — every Cyrillic letter — makes the whole SMS UCS-2.
_GSM_BASIC = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§"
    "¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
_GSM_EXTENDED = set("^{}\\[~]|€\f")


def segments(text: str) -> int:
    """How many SMS segments a text takes (what the mother's phone receives and the centre pays for)."""
    if all(char in _GSM_BASIC or char in _GSM_EXTENDED for char in text):
        units = sum(2 if char in _GSM_EXTENDED else 1 for char in text)
        single, part = 160, 153
    else:
        units = len(text.encode("utf-16-le")) // 2
        single, part = 70, 67
    return 1 if units <= single else -(-units // part)


class TransientError(Exception):
    pass


class PermanentError(Exception):
    pass


class BaseBackend(abc.ABC):
    @abc.abstractmethod
    def send(self, to: str, text: str) -> str:
        """Hands one SMS to the gateway and returns its message id."""


class ConsoleBackend(BaseBackend):
    """Logs each SMS as information: what `make run` shows when something triggers one.

    Logged, not printed: a Celery worker turns what a task prints into warnings. The logger's level is
    INFO in settings.LOGGING, so the SMS shows even in a worker started with --loglevel=WARNING."""

    def send(self, to: str, text: str) -> str:
        message_id = f"console-{uuid.uuid4().hex[:12]}"
        logger.info("Simulated SMS to %s (%s segment(s)):\n%s", to, segments(text), text)
        return message_id


class FileBackend(BaseBackend):
    """Appends each SMS as a line of JSON to settings.SMS_FILE_PATH."""

    _lock = threading.Lock()

    def send(self, to: str, text: str) -> str:
        message_id = f"file-{uuid.uuid4().hex[:12]}"
        line = json.dumps({"id": message_id, "to": to, "text": text, "at": timezone.now().isoformat()}, ensure_ascii=False)
        path = Path(settings.SMS_FILE_PATH)
        path.parent.mkdir(parents=True, exist_ok=True)
        with self._lock, path.open("a", encoding="utf-8") as file:
            file.write(line + "\n")
        return message_id


@dataclass(frozen=True)
class SentSMS:
    to: str
    text: str
    id: str


# The locmem backend's outbox, like django.core.mail.outbox; tests empty it.
outbox: list[SentSMS] = []


class LocmemBackend(BaseBackend):
    def send(self, to: str, text: str) -> str:
        message = SentSMS(to=to, text=text, id=f"locmem-{len(outbox) + 1}")
        outbox.append(message)
        return message.id


def _post(url: str, **kwargs) -> requests.Response:
    try:
        response = requests.post(url, timeout=TIMEOUT_SECONDS, **kwargs)
    except requests.RequestException as error:
        raise TransientError(f"{type(error).__name__}: {error}") from error
    if response.status_code >= 500 or response.status_code == 429:
        raise TransientError(f"HTTP {response.status_code}")
    if response.status_code >= 400:
        raise PermanentError(f"HTTP {response.status_code}: {response.text[:200]}")
    return response


def _json(response: requests.Response) -> dict:
    try:
        return response.json()
    except ValueError as error:
        raise TransientError(f"not JSON: {response.text[:200]}") from error


class SmscBackend(BaseBackend):
    """SMSC.kz's HTTP API (send.php with fmt=3: a JSON answer)."""

    # 3: no money left, 4: address blocked for a while, 9: too many requests — may pass later.
    TRANSIENT_CODES = {3, 4, 9}

    def send(self, to: str, text: str) -> str:
        data = {
            "login": settings.SMSC_LOGIN,
            "psw": settings.SMSC_PASSWORD,
            "phones": to,
            "mes": text,
            "fmt": 3,
            "charset": "utf-8",
        }
        if settings.SMSC_SENDER:
            data["sender"] = settings.SMSC_SENDER
        answer = _json(_post(settings.SMSC_URL, data=data))
        if "error_code" in answer:
            error = f"SMSC error {answer['error_code']}: {answer.get('error', '')}"
            raise (TransientError if answer["error_code"] in self.TRANSIENT_CODES else PermanentError)(error)
        return str(answer["id"])


class MobizonBackend(BaseBackend):
    """Mobizon's HTTP API (message/sendsmsmessage)."""

    def send(self, to: str, text: str) -> str:
        url = f"{settings.MOBIZON_URL.rstrip('/')}/service/message/sendsmsmessage"
        data = {"recipient": to.lstrip("+"), "text": text}
        if settings.MOBIZON_SENDER:
            data["from"] = settings.MOBIZON_SENDER
        answer = _json(_post(url, params={"output": "json", "api": "v1", "apiKey": settings.MOBIZON_API_KEY}, data=data))
        if answer.get("code") != 0:
            # Mobizon answers code 0 on success; other codes are refusals (bad number, text, key).
            raise PermanentError(f"Mobizon error {answer.get('code')}: {answer.get('message', '')}")
        return str(answer["data"]["messageId"])


BACKENDS = {
    "console": "notifications.sms.ConsoleBackend",
    "file": "notifications.sms.FileBackend",
    "locmem": "notifications.sms.LocmemBackend",
    "smsc": "notifications.sms.SmscBackend",
    "mobizon": "notifications.sms.MobizonBackend",
}


def backend() -> BaseBackend:
    return import_string(BACKENDS[settings.SMS_BACKEND])()

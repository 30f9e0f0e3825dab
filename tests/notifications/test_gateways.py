"""The SMSC.kz and Mobizon backends, against a fake gateway on 127.0.0.1."""

import logging

import pytest

from notifications import sms


@pytest.fixture
def smsc(gateway, settings):
    settings.SMSC_URL = f"{gateway.url}/sys/send.php"
    settings.SMSC_LOGIN, settings.SMSC_PASSWORD, settings.SMSC_SENDER = "otbasy", "secret", "OTBASY"
    return sms.SmscBackend()


@pytest.fixture
def mobizon(gateway, settings):
    settings.MOBIZON_URL, settings.MOBIZON_API_KEY, settings.MOBIZON_SENDER = gateway.url, "key123", ""
    return sms.MobizonBackend()


def test_smsc_gets_the_number_the_utf8_text_and_the_credentials(smsc, gateway):
    gateway.answer((200, {"id": 4242, "cnt": 1}))
    assert smsc.send("+77015551234", "Әсел, сіз тіркелдіңіз") == "4242"
    form = gateway.requests[0]["form"]
    assert (
        gateway.requests[0]["path"],
        form["phones"],
        form["mes"],
        form["login"],
        form["psw"],
        form["fmt"],
        form["charset"],
        form["sender"],
    ) == ("/sys/send.php", "+77015551234", "Әсел, сіз тіркелдіңіз", "otbasy", "secret", "3", "utf-8", "OTBASY")


@pytest.mark.parametrize(
    ("code", "error"), [(7, sms.PermanentError), (2, sms.PermanentError), (9, sms.TransientError), (3, sms.TransientError)]
)
def test_smsc_error_codes_are_told_apart(smsc, gateway, code, error):
    gateway.answer((200, {"error": "some error", "error_code": code}))
    with pytest.raises(error, match=f"SMSC error {code}"):
        smsc.send("+77015551234", "text")


@pytest.mark.parametrize(
    ("status", "error"),
    [(500, sms.TransientError), (502, sms.TransientError), (429, sms.TransientError), (403, sms.PermanentError)],
)
def test_http_errors_are_told_apart(smsc, gateway, status, error):
    gateway.answer((status, {}))
    with pytest.raises(error):
        smsc.send("+77015551234", "text")


def test_a_gateway_that_does_not_answer_is_a_transient_error(settings):
    settings.SMSC_URL = "http://127.0.0.1:9/sys/send.php"  # the discard port: nothing listens
    with pytest.raises(sms.TransientError):
        sms.SmscBackend().send("+77015551234", "text")


def test_mobizon_gets_the_key_in_the_query_and_the_number_without_plus(mobizon, gateway):
    gateway.answer((200, {"code": 0, "data": {"campaignId": "1", "messageId": "777", "status": 1}, "message": ""}))
    assert mobizon.send("+77015551234", "Сәлем") == "777"
    request = gateway.requests[0]
    assert request["path"] == "/service/message/sendsmsmessage"
    assert (request["query"]["apiKey"], request["query"]["output"], request["form"]["recipient"], request["form"]["text"]) == (
        "key123",
        "json",
        "77015551234",
        "Сәлем",
    )


def test_a_mobizon_refusal_is_permanent(mobizon, gateway):
    gateway.answer((200, {"code": 1, "data": {}, "message": "Invalid recipient"}))
    with pytest.raises(sms.PermanentError, match="Invalid recipient"):
        mobizon.send("+77015551234", "text")


def test_the_file_backend_writes_one_json_line_per_sms(tmp_path, settings):
    settings.SMS_FILE_PATH = tmp_path / "sms.jsonl"
    sms.FileBackend().send("+77015551234", "Бір")
    sms.FileBackend().send("+77015551235", "Екі")
    lines = settings.SMS_FILE_PATH.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2 and '"text": "Екі"' in lines[1]


def test_the_console_backend_logs_the_simulated_sms_as_information(caplog, capsys):
    with caplog.at_level("INFO", logger="notifications.sms"):
        sms.ConsoleBackend().send("+77015551234", "Сәлем, Әсел")
    [record] = caplog.records
    assert (record.name, record.levelname) == ("notifications.sms", "INFO")
    # Its text shows; its number is masked as in every log line (otbasy.logfilters).
    assert "SMS to [number]" in record.getMessage() and "Сәлем, Әсел" in record.getMessage()
    assert "77015551234" not in record.getMessage()
    # Not printed: a worker logs what a task prints as a warning (Celery's redirected stdout).
    assert capsys.readouterr().out == ""


def test_a_simulated_sms_shows_even_when_the_worker_logs_only_warnings(caplog):
    """`make run` starts the worker with --loglevel=WARNING, which sets the root logger's level."""
    root = logging.getLogger()
    was = root.level
    root.setLevel(logging.WARNING)
    try:
        sms.ConsoleBackend().send("+77015551234", "Сәлем")
    finally:
        root.setLevel(was)
    assert [record.levelname for record in caplog.records if record.name == "notifications.sms"] == ["INFO"]

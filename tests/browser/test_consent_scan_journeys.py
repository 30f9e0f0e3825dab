"""The signed copy in the browser: a 50 MB video and a web page attached by mistake (or on purpose) are
refused on the field with everything typed kept; a real photo is kept and only ever downloads."""

import pytest
from playwright.sync_api import expect

from families.models import Consent
from tests.factories import RegistrarFactory
from tests.families.factories import valid_iin, years_ago
from tests.helpers import sign_in_browser
from tests.uploads import HOSTILE, scan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCAN_LABEL = "Қол қойылған данасы (міндетті емес)"


def fill_the_mother(page) -> None:
    mother = page.locator("fieldset[data-person]").first
    mother.get_by_label("ЖСН").fill(valid_iin(years_ago(34, 40), "f"))
    mother.get_by_label("Тегі").fill("Оспанова")
    mother.get_by_label("Аты*", exact=True).fill("Мадина")
    mother.get_by_label("Туған күні").fill(years_ago(34, 40).isoformat())
    page.get_by_label("Ұялы телефон").fill("8 701 555 12 34")
    page.get_by_label("Мекенжайы").fill("Алматы, Төле би көшесі, 20")
    page.get_by_label("Отбасылық жағдайы").select_option("married")
    page.get_by_label("Тұрғын үй").select_option("rent")
    page.get_by_label("Отбасының айлық табысы, ₸").fill("250 000")
    page.get_by_label("Ана келісім мәтінін өз тілінде оқып, келісімін берді").check()


def submit_with(page, file) -> None:
    page.get_by_label(SCAN_LABEL).set_input_files(file)
    page.get_by_role("button", name="Отбасын тіркеу").click()


def test_a_huge_file_and_a_web_page_are_refused_and_a_real_photo_only_ever_downloads(page, almaly, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    RegistrarFactory(centre=almaly, username="aliya")
    sign_in_browser(page, "aliya")
    page.goto("/kk/families/register/")
    fill_the_mother(page)

    video = tmp_path / "video.mp4"
    video.write_bytes(scan("pdf") + b"0" * 50 * 1024 * 1024)
    submit_with(page, video)
    expect(page.get_by_text("Файл 5 МБ-тан үлкен.")).to_be_visible()
    expect(page.get_by_label("Мекенжайы")).to_have_value("Алматы, Төле би көшесі, 20")

    submit_with(page, {"name": "scan.png", "mimeType": "image/png", "buffer": HOSTILE["page.html"][0]})
    expect(page.get_by_text("Тек PDF, JPEG, PNG файлдары қабылданады.")).to_be_visible()
    expect(page.get_by_label("Тегі").first).to_have_value("Оспанова")

    submit_with(page, {"name": "photo.jpg", "mimeType": "image/jpeg", "buffer": scan("jpg")})
    expect(page.get_by_role("heading", name="Оспанова Мадина")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="қол қойылған данасы").click()
    consent = Consent.objects.get()
    assert download.value.suggested_filename == f"Қол қойылған келісім {consent.given_on.isoformat()}.jpg"
    assert download.value.path().read_bytes() == scan("jpg")

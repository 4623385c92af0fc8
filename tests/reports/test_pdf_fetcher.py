"""The PDF's URL fetcher (issue 15, finding 4).

WeasyPrint 70 has no ``default_url_fetcher``: the old fetcher failed on its import, and WeasyPrint
then read ``_fail_on_errors`` from the plain function, so a kecamatan with a logo could render no PDF
at all (download and approval: server error). The fetcher now reads the pemda/kecamatan logos
(``MEDIA_ROOT/logos``) and the static files from disk, the path percent-decoded and resolved (``..``,
``%2e%2e``, symlinks) before it is checked; the rest of the media folder (every kecamatan's evidence,
approved PDFs and render jobs), any other file and every other scheme (http, https, ftp, data) is
refused, so nothing goes over the network.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from apps.reports import services, workflow
from apps.reports.models import ReportSnapshot
from apps.reports.renderers import RefusedURL, pdf_from_html, pdf_url_fetcher, render_html, render_pdf
from apps.reports.snapshot import page_document_html

needs_poppler = pytest.mark.skipif(shutil.which("pdfimages") is None, reason="poppler-utils is installed by .ci/run")


def _png(size: tuple[int, int], colour: str) -> bytes:
    img = Image.new("RGB", size, colour)
    img.paste("navy", (size[0] // 4, size[1] // 4, size[0] * 3 // 4, size[1] * 3 // 4))
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    return buf.getvalue()


ORG_LOGO = _png((97, 113), "darkred")  # odd sizes: found again by pdfimages
PEMDA_LOGO = _png((89, 101), "darkgreen")
SECRET_PNG = _png((71, 73), "black")


@pytest.fixture
def media(settings, tmp_path):
    root = tmp_path / "media"
    settings.MEDIA_ROOT = root
    files = {
        "logo": root / "logos" / "organisation" / "perak.png",
        "spaced": root / "logos" / "pemda" / "logo jombang.png",
        "evidence": root / "evidence" / "1" / "2024" / "0123456789abcdef",
        "approved": root / "approved" / "1" / "2024" / "annual-v1-0123456789abcdef.pdf",
        "render": root / "renders" / "1" / "5-laporan.pdf",
    }
    for key, path in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(ORG_LOGO if key in ("logo", "spaced") else SECRET_PNG)
    (root / "logos" / "organisation" / "tautan.png").symlink_to(files["evidence"])
    (root / "logos" / "bukti").symlink_to(root / "evidence", target_is_directory=True)
    (tmp_path / "rahasia.png").write_bytes(SECRET_PNG)
    return files


def test_logos_and_static_files_are_read_from_disk(media, settings):
    fetcher = pdf_url_fetcher()
    response = fetcher.fetch(media["logo"].as_uri())
    assert response.read() == ORG_LOGO and response.content_type == "image/png"
    response = fetcher(media["spaced"].as_uri())  # "logo%20jombang.png", decoded
    assert response.read() == ORG_LOGO
    logos = media["logo"].parent
    assert fetcher.fetch(f"file://{logos}/../organisation/./perak.png").read() == ORG_LOGO
    assert fetcher.fetch(f"file://localhost{media['logo']}").read() == ORG_LOGO
    css = Path(settings.BASE_DIR) / "static" / "css" / "report.css"
    assert fetcher.fetch(css.as_uri()).read() == css.read_bytes()


def test_everything_else_is_refused(media, settings, tmp_path):
    logos = media["logo"].parent  # MEDIA_ROOT/logos/organisation
    root = Path(settings.MEDIA_ROOT)
    refused = [
        media["evidence"].as_uri(),
        media["approved"].as_uri(),
        media["render"].as_uri(),
        f"file://{logos}/../../evidence/1/2024/0123456789abcdef",
        f"file://{logos}/%2e%2e/%2e%2e/evidence/1/2024/0123456789abcdef",
        f"file://{logos}/%2E%2E%2F%2E%2E%2Fevidence%2F1%2F2024%2F0123456789abcdef",
        f"file://{logos}/..%2f..%2fapproved/1/2024/annual-v1-0123456789abcdef.pdf",
        f"file://{logos}/tautan.png",  # symlink to an evidence file
        f"file://{root}/logos/bukti/1/2024/0123456789abcdef",  # symlinked folder
        f"file://{logos}/perak.png%00.png",
        f"file://{logos}/",  # a folder
        f"file://{logos}/tidak-ada.png",
        (tmp_path / "rahasia.png").as_uri(),
        "file:///etc/passwd",
        f"file://{settings.BASE_DIR}/lkjip/settings/base.py",
        f"file://penyerang.example{media['logo']}",
        "http://127.0.0.1:8000/media/logos/organisation/perak.png",
        "https://penyerang.example/logo.png",
        "ftp://penyerang.example/logo.png",
        "data:text/html;base64,PHNjcmlwdD48L3NjcmlwdD4=",  # inline, but not an image
        "data:image/png,not-base64",
        "data:image/png;base64,***",
        "logos/organisation/perak.png",
    ]
    fetcher = pdf_url_fetcher()
    for url in refused:
        with pytest.raises(RefusedURL):
            fetcher.fetch(url)
    # The cover's logos come inline (read from the media storage by apps.core.media): an image, nothing fetched.
    assert fetcher.fetch("data:image/png;base64,iVBORw0KGgo=").read() == b"\x89PNG\r\n\x1a\n"


def _images(pdf: bytes, tmp_path: Path) -> list[tuple[int, int, int]]:
    """(page, width, height) of every image in the PDF."""
    path = tmp_path / "images.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdfimages", "-list", str(path)], capture_output=True, check=True, text=True).stdout
    return [(int(f[0]), int(f[3]), int(f[4])) for f in (line.split() for line in out.splitlines()[2:] if line.strip())]


@needs_poppler
def test_weasyprint_draws_the_logo_and_nothing_it_refuses(media, tmp_path):
    html = "".join(f'<p><img src="{media[k].as_uri()}" alt=""></p>' for k in ("logo", "evidence", "approved"))
    html += f'<p><img src="file://{media["logo"].parent}/%2e%2e/%2e%2e/evidence/1/2024/0123456789abcdef"></p>'
    assert _images(pdf_from_html(f"<html><body>{html}</body></html>"), tmp_path) == [(1, 97, 113)]


@needs_poppler
def test_report_of_a_kecamatan_with_a_logo_renders_and_is_approved(ready, world, tmp_path):
    world.own.logo.save("perak.png", SimpleUploadedFile("perak.png", ORG_LOGO), save=True)
    _name, _ctype, pdf = render_pdf(services.report_document(report=ready.report))
    assert (1, 97, 113) in _images(pdf, tmp_path)  # on the cover
    workflow.report_submit(report=ready.report, user=world.operator)
    workflow.report_approve(report=ready.report, user=world.camat)
    snapshot = ReportSnapshot.objects.get(report=ready.report)
    with snapshot.pdf.open("rb") as fh:
        assert (1, 97, 113) in _images(fh.read(), tmp_path)


@needs_poppler
def test_cover_falls_back_to_the_pemda_logo(ready, world, tmp_path):
    world.pemda.logo.save("jombang.png", SimpleUploadedFile("jombang.png", PEMDA_LOGO), save=True)
    _name, _ctype, pdf = render_pdf(services.report_document(report=ready.report))
    assert (1, 89, 101) in _images(pdf, tmp_path)


@needs_poppler
def test_cover_shows_the_pemda_lambang_and_the_kecamatan_logo(ready, world, tmp_path, settings):
    """Both images when both exist (issue 19): in the PDF (pdfimages), the page (MEDIA_URL/logos) and the HTML download (inline)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    world.pemda.logo.save("jombang.png", SimpleUploadedFile("jombang.png", PEMDA_LOGO), save=True)
    world.own.logo.save("perak.png", SimpleUploadedFile("perak.png", ORG_LOGO), save=True)
    doc = services.report_document(report=ready.report)
    images = _images(render_pdf(doc)[2], tmp_path)
    assert (1, 89, 101) in images and (1, 97, 113) in images
    cover = render_html(doc)[2].decode().split('<nav class="toc', 1)[0]
    assert cover.count('<img class="cover-logo" src="data:image/png;base64,') == 2
    page = str(page_document_html(doc)).split('<nav class="toc', 1)[0]
    assert (
        page.index("/media/logos/pemda/jombang") < page.index("/media/logos/organisation/perak") and page.count('class="cover-logo"') == 2
    )

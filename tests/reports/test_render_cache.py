"""Issue 21: a draft PDF is laid out once per content. A second request for an unchanged report reuses the
file of the first (the same HTML makes the same PDF); any change to what the report shows renders again."""

from __future__ import annotations

from decimal import Decimal

from django.urls import reverse

from apps.realisations.models import Realisation
from apps.reports import tasks
from apps.reports.models import RenderJob


def _ask(client, report) -> RenderJob:
    response = client.get(reverse("reports:download", args=[report.pk, "pdf"]))
    assert response.status_code == 302
    return RenderJob.objects.latest("pk")


def test_an_unchanged_report_reuses_its_pdf_and_a_change_renders_again(client, world, ready, monkeypatch):
    rendered: list[int] = []
    real = tasks.pdf_from_html

    def counting(html: str) -> bytes:
        rendered.append(len(html))
        return real(html)

    monkeypatch.setattr(tasks, "pdf_from_html", counting)
    client.force_login(world.operator)
    first = _ask(client, ready.report)
    assert first.state == RenderJob.State.DONE and not first.reused and len(rendered) == 1

    client.force_login(world.inspektorat)  # another reader: his own job, the same file
    second = _ask(client, ready.report)
    assert second.state == RenderJob.State.DONE and second.reused and len(rendered) == 1
    assert second.file.name == first.file.name and second.html_sha256 == first.html_sha256 and second.requested_by == world.inspektorat
    download = client.get(reverse("reports:render_job", args=[second.pk]) + "?unduh=1")
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")

    Realisation.objects.filter(pk=ready.akip_tw4.pk).update(value=Decimal("80.10"))  # even without a signal
    third = _ask(client, ready.report)
    assert not third.reused and len(rendered) == 2 and third.html_sha256 != first.html_sha256 and third.file.name != first.file.name

"""Narratives carry a revision, as realisations do: a save from a form opened before someone else's
save is refused (409, who and when, their text shown) and saves nothing."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from apps.accounts.models import Role
from apps.reports import services
from apps.reports.models import NarrativeSection, Report
from tests.factories import UserFactory, member


@pytest.fixture
def report(world):
    return Report.objects.create(organisation=world.own, year=2024, period="annual")


@pytest.fixture
def operator2(world):
    user = UserFactory(username="operator2", first_name="Siti", last_name="Aminah")
    member(user, Role.OPERATOR, organisation=world.own)
    return user


def _revision(html: str) -> str:
    match = re.search(r'<input type="hidden" name="revision" value="(\d+)"', html)
    assert match, "the narrative form carries the revision"
    return match.group(1)


def test_two_browsers_save_the_same_narrative_the_second_gets_409(plan, report, world, operator2):
    url = reverse("reports:narrative", args=[report.pk, "kesimpulan"])
    first, second = Client(), Client()
    first.force_login(operator2)
    second.force_login(world.operator)
    rev_first = _revision(first.get(url).content.decode())
    rev_second = _revision(second.get(url).content.decode())
    assert rev_first == rev_second == "0"

    assert first.post(url, {"text": "Teks dari peramban pertama.", "revision": rev_first}).status_code == 302
    response = second.post(url, {"text": "Teks dari peramban kedua.", "revision": rev_second})

    assert response.status_code == 409
    body = response.content.decode()
    assert "sudah diubah oleh Siti Aminah" in body
    assert "Teks dari peramban pertama." in body  # their text, to compare with
    assert "Teks dari peramban kedua." in body  # ours, not lost from the screen
    assert _revision(body) == "1"  # saving again from here overwrites knowingly
    stored = NarrativeSection.objects.get(report=report, key="kesimpulan")
    assert (stored.text, stored.revision, stored.updated_by) == ("Teks dari peramban pertama.", 1, operator2)
    assert NarrativeSection.history.filter(report=report).count() == 1


def test_a_save_with_the_current_revision_increments_it(plan, report, world, client):
    url = reverse("reports:narrative", args=[report.pk, "saran"])
    client.force_login(world.operator)
    for n, text in enumerate(["Satu.", "Dua.", ""], start=1):
        revision = _revision(client.get(url).content.decode())
        assert revision == str(n - 1)
        assert client.post(url, {"text": text, "revision": revision}).status_code == 302
        stored = NarrativeSection.objects.get(report=report, key="saran")
        assert (stored.text, stored.revision) == (text, n)


def test_a_form_without_revision_saves_nothing(plan, report, world, client):
    client.force_login(world.operator)
    url = reverse("reports:narrative", args=[report.pk, "saran"])
    response = client.post(url, {"text": "Tanpa revisi."})
    assert response.status_code == 200
    assert not NarrativeSection.objects.exists()


def test_the_service_refuses_a_stale_revision(report, world, operator2):
    services.narrative_save(report=report, key="analisis", text="Pertama", user=operator2, revision=0)
    with pytest.raises(services.NarrativeConflict) as exc:
        services.narrative_save(report=report, key="analisis", text="Kedua", user=world.operator, revision=0)
    assert exc.value.code == "conflict"
    assert "Siti Aminah" in exc.value.messages[0]
    assert exc.value.current.text == "Pertama"
    stored = NarrativeSection.objects.get(report=report, key="analisis")
    assert (stored.text, stored.revision) == ("Pertama", 1)
    services.narrative_save(report=report, key="analisis", text="Kedua", user=world.operator, revision=1)
    assert NarrativeSection.objects.get(report=report, key="analisis").revision == 2


# --- Real concurrency (PostgreSQL): two saves released together by a barrier ---------------------


@pytest.mark.parametrize("period", ["annual", "tw3"])  # a report with its row; one without (both saves create it)
@pytest.mark.usefixtures("plan")
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks and concurrent writers need PostgreSQL")
def test_two_concurrent_saves_with_the_same_revision_keep_one_and_refuse_the_other(world, operator2, period):
    from tests.test_concurrency import ROUNDS, collide, fresh, one_winner

    if period == "annual":
        Report.objects.create(organisation=world.own, year=2024, period="annual")
    names = {"siti": operator2, "operator": world.operator}
    for i in range(ROUNDS):
        stored = NarrativeSection.objects.filter(report__period=period, key="kesimpulan").first()
        revision = stored.revision if stored else 0

        def save(name: str, revision: int = revision, i: int = i) -> NarrativeSection:
            report = services.report_for_period(organisation=world.own, year=2024, period=period)
            return services.narrative_save(report=report, key="kesimpulan", text=f"{name} {i}", user=fresh(names[name]), revision=revision)

        outcomes = collide(siti=lambda: save("siti"), operator=lambda: save("operator"))
        winner, loser = one_winner(outcomes, services.NarrativeConflict)
        assert loser.error.messages[0].startswith("Narasi ini sudah diubah oleh")
        after = NarrativeSection.objects.get(report__period=period, key="kesimpulan")
        assert (after.text, after.revision) == (f"{winner.name} {i}", revision + 1)
        assert Report.objects.filter(period=period).count() == 1

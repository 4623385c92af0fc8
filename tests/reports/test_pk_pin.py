"""The PK version of a frozen report is pinned at its submission, as its DPA version is.

A PK perubahan follows the DPPA mid-year, after TW I and TW II are approved: it is made as the next PK
version while those reports stay approved. They keep reading (and showing) the PK murni they were
submitted with; the TW III draft reads the perubahan. The pinned version's rows are refused; a new
version stays editable until a report that reads it is submitted. Return, reopen and the Inspektorat's
return clear the pin: the report reads the newest version again.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.test import Client
from django.urls import reverse

from apps.agreements.models import PerjanjianKinerja, PKItem
from apps.agreements.services import pk_item_add, pk_revise, pk_update
from apps.planning.models import Renstra, Tujuan
from apps.reports import workflow
from apps.reports.models import Report, ReportEvent
from tests.access_objects import Kec, build
from tests.factories import RealisationFactory, ReportFactory

LOCK = "dikunci"
DAY = dt.date(2024, 7, 15)


def _pdf(html: str) -> bytes:
    return b"%PDF-1.4\n% uji\n%%EOF\n"


def _approve(report: Report, world: Any) -> None:
    workflow.report_submit(report=report, user=world.operator)
    with mock.patch("apps.reports.workflow.pdf_from_html", _pdf):
        workflow.report_approve(report=report, user=world.camat)
    report.refresh_from_db()


def _fresh(report: Report) -> Report:
    return Report.objects.select_related("organisation__pemda").get(pk=report.pk)


def _figures(report: Report) -> dict[str, Any]:
    from apps.reports.renderers import document_dict
    from apps.reports.services import report_document

    return document_dict(report_document(report=_fresh(report), day=DAY))


def _agreement(report: Report) -> tuple[int | None, Decimal | None]:
    """The PK version the report reads and the annual target of its program indicator there."""
    from apps.reports.inputs import report_inputs

    report = _fresh(report)
    data = report_inputs(organisation=report.organisation, year=report.year, upto=report.quarter, day=DAY, report=report)
    item = next(i for i in data.items if i.indicator.level == "program")
    return (data.agreement.version_number if data.agreement else None), item.annual_target


def _perubahan(agreement: PerjanjianKinerja) -> PerjanjianKinerja:
    """The PK perubahan: the program indicator's target 12 becomes 16 (s/d TW II 6 becomes 8)."""
    new = pk_revise(agreement=agreement, signing_date=dt.date(2024, 7, 1))
    item = new.items.get(indicator__level="program")
    item.annual_target, item.tw1, item.tw2, item.tw3, item.tw4 = Decimal(16), Decimal(3), Decimal(8), Decimal(12), Decimal(16)
    pk_update(agreement=new, items=[item], budgets={})
    return new


@pytest.fixture
def k(world, settings, tmp_path) -> Kec:
    """The own kecamatan (PK 2024 murni: the program indicator's target 12, s/d TW I-IV 3, 6, 9, 12) with
    the quarterly reports TW I (approved), TW II (draft) and TW III (draft)."""
    settings.MEDIA_ROOT = tmp_path
    k = build("own", world.own, operator=world.operator, admin=world.admin)
    item = k.agreement.items.get(indicator__level="program")
    item.tw1, item.tw2, item.tw3, item.tw4 = Decimal(3), Decimal(6), Decimal(9), Decimal(12)
    item.save()
    for q in (1, 2, 3):
        RealisationFactory(indicator=k.akip, year=2024, quarter=q, value=Decimal(80))
    for period in ("tw1", "tw2", "tw3"):
        k.objects[period] = ReportFactory(organisation=world.own, year=2024, period=period)
    _approve(k.tw1, world)
    return k


def _freeze_tw2(k: Kec, world: Any, state: str) -> None:
    if state == "approved":
        _approve(k.tw2, world)
    else:
        workflow.report_submit(report=k.tw2, user=world.operator)
        k.tw2.refresh_from_db()


def _item_save(agreement: PerjanjianKinerja, **changes: Any) -> None:
    item = PKItem.objects.get(agreement=agreement, indicator__level="program")
    for name, value in changes.items():
        setattr(item, name, value)
    with transaction.atomic():
        item.save()


@pytest.mark.parametrize("state", ["submitted", "approved"])
def test_a_pk_perubahan_after_approved_quarters_changes_the_draft_only(k, world, state):
    _freeze_tw2(k, world, state)
    assert k.tw1.pk_version_number == k.tw2.pk_version_number == 0
    figures, tw1_figures = _figures(k.tw2), _figures(k.tw1)
    client = Client()
    client.force_login(world.camat)
    json_before = client.get(reverse("reports:download", args=[k.tw2.pk, "json"])).content
    page_before = client.get(k.tw2.get_absolute_url()).context["document_html"]

    new = _perubahan(k.agreement)  # allowed: a new version while TW I and TW II are frozen

    assert new.version_number == 1
    assert _agreement(k.tw1) == _agreement(k.tw2) == (0, Decimal(12))
    assert _agreement(k.tw3) == (1, Decimal(16))
    assert _figures(k.tw2) == figures and _figures(k.tw1) == tw1_figures
    assert client.get(reverse("reports:download", args=[k.tw2.pk, "json"])).content == json_before
    assert client.get(k.tw2.get_absolute_url()).context["document_html"] == page_before
    for report in (k.tw1, k.tw2) if state == "approved" else (k.tw1,):
        changes = client.get(reverse("reports:changes", args=[report.pk])).context["changes"]
        assert changes == [], changes  # the approved version still equals what the report computes
    # The TW III draft shows the perubahan: the annual target 16 of the program indicator.
    draft = json.loads(client.get(reverse("reports:download", args=[k.tw3.pk, "json"])).content)
    assert "16" in json.dumps(draft) and draft != json.loads(json_before)


def test_the_figures_of_an_approved_quarter_keep_the_murni_targets(k, world):
    """The cumulative target s/d TW II printed by the approved TW II is the murni's 6, not the perubahan's 8."""
    _freeze_tw2(k, world, "approved")
    _perubahan(k.agreement)
    from apps.reports.inputs import report_inputs

    for report, expected in ((k.tw2, Decimal(6)), (k.tw3, Decimal(12))):
        report = _fresh(report)
        data = report_inputs(organisation=report.organisation, year=2024, upto=report.quarter, day=DAY, report=report)
        item = next(i for i in data.items if i.indicator.level == "program")
        assert item.quarter_target(report.quarter) == expected


@pytest.mark.parametrize("state", ["submitted", "approved"])
def test_the_pinned_version_is_refused_and_the_new_one_stays_editable(k, world, state):
    _freeze_tw2(k, world, state)
    new = _perubahan(k.agreement)
    with pytest.raises(ValidationError, match=LOCK) as exc:
        _item_save(k.agreement, annual_target=Decimal(13))
    assert "PK perubahan" in exc.value.messages[0]
    with pytest.raises(ValidationError, match=LOCK), transaction.atomic():
        PKItem.objects.get(agreement=k.agreement, indicator__level="program").delete()
    with pytest.raises(ValidationError, match=LOCK), transaction.atomic():
        PerjanjianKinerja.objects.get(pk=k.agreement.pk).delete()
    with pytest.raises(ValidationError, match=LOCK), transaction.atomic():
        pk_update(agreement=PerjanjianKinerja.objects.get(pk=k.agreement.pk), items=[], budgets={k.renstra.programs.get().pk: Decimal(5)})
    # Adding an item to the pinned version is refused too, and writes nothing.
    pinned = PerjanjianKinerja.objects.get(pk=k.agreement.pk)
    before = pinned.items.count()
    with pytest.raises(ValidationError, match=LOCK), transaction.atomic():
        pk_item_add(agreement=pinned, indicator=pinned.items.first().indicator)
    assert pinned.items.count() == before
    # The perubahan is read by no frozen report: editable.
    _item_save(new, annual_target=Decimal(17))
    # Submitting TW III pins the perubahan it reads: now it is refused as well.
    workflow.report_submit(report=k.tw3, user=world.operator)
    k.tw3.refresh_from_db()
    assert k.tw3.pk_version_number == 1
    with pytest.raises(ValidationError, match=LOCK):
        _item_save(new, annual_target=Decimal(18))


def test_a_moved_item_is_checked_as_stored_and_as_changed(k, world):
    _freeze_tw2(k, world, "submitted")
    new = _perubahan(k.agreement)
    item = PKItem.objects.get(agreement=new, indicator__level="program")
    other = PKItem.objects.get(agreement=k.agreement, indicator__level="sasaran")
    other.agreement = new  # out of the pinned version
    with pytest.raises(ValidationError, match=LOCK), transaction.atomic():
        other.save()
    item.agreement = k.agreement  # into the pinned version
    item.indicator = other.indicator
    with pytest.raises(ValidationError, match=LOCK), transaction.atomic():
        item.save()


@pytest.mark.parametrize("state", ["submitted", "approved"])
def test_return_or_reopen_clears_the_pin_and_the_report_reads_the_perubahan(k, world, state):
    _freeze_tw2(k, world, state)
    _perubahan(k.agreement)
    if state == "submitted":
        workflow.report_return(report=k.tw2, user=world.camat, reason="Ikuti PK perubahan")
    else:
        workflow.report_reopen(report=k.tw2, user=world.camat, reason="Ikuti PK perubahan")
    k.tw2.refresh_from_db()
    assert k.tw2.pk_version_number is None and k.tw2.dpa_sequence is None
    assert _agreement(k.tw2) == (1, Decimal(16))
    assert _agreement(k.tw1) == (0, Decimal(12))  # TW I stays approved with the murni
    if state == "approved":
        client = Client()
        client.force_login(world.camat)
        changes = client.get(reverse("reports:changes", args=[k.tw2.pk])).context["changes"]
        assert changes, "the reopened TW II differs from its approved version (the perubahan's targets)"
    # The murni is still pinned by TW I.
    with pytest.raises(ValidationError, match=LOCK):
        _item_save(k.agreement, annual_target=Decimal(13))
    # Resubmitted, TW II pins the perubahan.
    workflow.report_submit(report=k.tw2, user=world.operator)
    k.tw2.refresh_from_db()
    assert k.tw2.pk_version_number == 1


def test_the_inspektorat_return_clears_the_pin(k, world):
    annual = k.report
    _approve(annual, world)
    assert annual.pk_version_number == 0
    workflow.review_return(report=annual, user=world.inspektorat, reason="Perbaiki")
    annual.refresh_from_db()
    assert annual.pk_version_number is None


def test_a_report_frozen_before_the_pin_existed_reads_the_version_of_its_submission(k, world):
    """Reports submitted before ``pk_version_number`` existed have none: the latest version created before
    their last submission is read (and protected); without a submission event, the latest."""
    _freeze_tw2(k, world, "approved")
    Report.objects.filter(pk__in=[k.tw1.pk, k.tw2.pk]).update(pk_version_number=None)
    new = _perubahan(k.agreement)
    assert _agreement(k.tw2) == (0, Decimal(12))
    with pytest.raises(ValidationError, match=LOCK):
        _item_save(k.agreement, annual_target=Decimal(13))
    _item_save(new, annual_target=Decimal(17))  # created after the submissions: no frozen report reads it
    ReportEvent.objects.filter(report__in=[k.tw1, k.tw2]).delete()
    assert _agreement(k.tw2) == (1, Decimal(17))


def test_a_frozen_report_reads_the_renstra_of_its_pinned_version(k, world):
    """A perubahan on a Renstra perubahan: the Renstra of the pinned PK stays frozen, the new one is editable."""
    _freeze_tw2(k, world, "approved")
    new = _perubahan(k.agreement)
    revised = Renstra.objects.create(organisation=k.org, start_year=2024, end_year=2026, version_kind="perubahan", version_number=1)
    PerjanjianKinerja.objects.filter(pk=new.pk).update(renstra=revised)  # (items still point at the old indicators)
    Tujuan.objects.create(renstra=revised, code="1", text="Tujuan perubahan")
    with pytest.raises(ValidationError, match=LOCK), transaction.atomic():
        Tujuan.objects.create(renstra=k.renstra, code="8", text="Tujuan baru")
    # And the other way round: a frozen report pinned to the new one freezes it.
    Report.objects.filter(pk=k.tw2.pk).update(pk_version_number=1)
    with pytest.raises(ValidationError, match=LOCK), transaction.atomic():
        Tujuan.objects.create(renstra=revised, code="2", text="Tujuan lain")
    Report.objects.filter(pk=k.tw2.pk).update(pk_version_number=0)
    Tujuan.objects.create(renstra=revised, code="2", text="Tujuan lain")

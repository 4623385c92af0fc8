"""Predikat scales stored as data: catalogue, adoption by a pemda, validation on save."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from apps.performance.models import PredikatBand, PredikatScale
from apps.performance.services import scale_adopt, scale_save
from apps.realisations.models import Realisation
from apps.reports.figures import organisation_figures


def test_catalogue_is_shipped(db):
    keys = set(PredikatScale.objects.filter(pemda__isnull=True).values_list("catalogue_key", flat=True))
    assert {"seed-001-banjar", "seed-002-jombang", "seed-003-lumajang", "permendagri-86-2017", "akip-permenpanrb-88-2021"} <= keys


def test_overlapping_bands_are_refused_and_nothing_saved(world):
    scale = PredikatScale(pemda=world.pemda, use="capaian", name="Skala uji")
    bands = [
        PredikatBand(lower=Decimal(95), upper=None, lower_inclusive=True, upper_inclusive=False, label="Sangat berhasil"),
        PredikatBand(lower=Decimal(80), upper=Decimal(95), lower_inclusive=True, upper_inclusive=True, label="Berhasil"),  # 95 twice
        PredikatBand(lower=None, upper=Decimal(80), lower_inclusive=False, upper_inclusive=False, label="Kurang"),
    ]
    with pytest.raises(ValidationError) as exc:
        scale_save(scale=scale, bands=bands)
    assert "95" in " ".join(exc.value.messages)
    assert not PredikatScale.objects.filter(pemda=world.pemda).exists()


def test_a_gap_is_refused(world):
    scale = PredikatScale(pemda=world.pemda, use="capaian", name="Skala bercelah")
    bands = [
        PredikatBand(lower=Decimal(90), upper=None, lower_inclusive=True, upper_inclusive=False, label="A"),
        PredikatBand(lower=None, upper=Decimal(80), lower_inclusive=False, upper_inclusive=False, label="C"),
    ]
    with pytest.raises(ValidationError):
        scale_save(scale=scale, bands=bands)


def test_one_scale_per_use_per_pemda_by_adoption(world):
    seed_001 = PredikatScale.objects.get(catalogue_key="seed-001-banjar")
    seed_002 = PredikatScale.objects.get(catalogue_key="seed-002-jombang")
    scale_adopt(pemda=world.pemda, template=seed_001)
    scale_adopt(pemda=world.pemda, template=seed_002)
    mine = PredikatScale.objects.get(pemda=world.pemda, use="capaian")
    assert mine.name == seed_002.name and mine.bands.count() == 7 and mine.clamp_max == Decimal(100)


def test_grid_shows_the_pemda_predikat(client, plan, world):
    """Seed 002 clamps capaian to 0-100 before its AA-D scale: 115,40 % counts as 100 → AA."""
    scale_adopt(pemda=world.pemda, template=PredikatScale.objects.get(catalogue_key="seed-002-jombang"))
    Realisation.objects.create(indicator=plan.akip, year=2024, quarter=4, value=Decimal("84.24"))
    client.force_login(world.operator)
    body = client.get(reverse("realisations:grid", args=[world.own.pk, 2024, 4])).content.decode()
    assert "Sangat Memuaskan" in body and ">AA<" in body


def test_admin_cannot_save_an_overlapping_scale(client, world):
    client.force_login(world.admin)
    data = {
        "pemda": world.pemda.pk, "use": "capaian", "name": "Skala buatan", "source": "", "clamp_min": "", "clamp_max": "",
        "bands-TOTAL_FORMS": 2, "bands-INITIAL_FORMS": 0, "bands-MIN_NUM_FORMS": 0, "bands-MAX_NUM_FORMS": 1000,
        "bands-0-order": 0, "bands-0-lower": "50", "bands-0-lower_inclusive": "on", "bands-0-upper": "",
        "bands-0-label": "Baik", "bands-0-code": "B", "bands-0-colour": "#198754",
        "bands-1-order": 1, "bands-1-lower": "", "bands-1-upper": "60", "bands-1-upper_inclusive": "on",
        "bands-1-label": "Kurang", "bands-1-code": "K", "bands-1-colour": "#dc3545",
    }  # fmt: skip
    response = client.post(reverse("admin:performance_predikatscale_add"), data)
    assert response.status_code == 200
    assert "tumpang tindih" in response.content.decode()
    assert not PredikatScale.objects.filter(name="Skala buatan").exists()


def test_admin_cannot_edit_the_catalogue(client, world):
    client.force_login(world.admin)
    seed = PredikatScale.objects.get(catalogue_key="seed-001-banjar")
    response = client.post(reverse("admin:performance_predikatscale_change", args=[seed.pk]), {"name": "diubah"})
    assert response.status_code == 403
    seed.refresh_from_db()
    assert seed.name != "diubah"


@pytest.mark.parametrize(("clamp_averages", "sasaran"), [(False, Decimal("115.3973")), (True, Decimal("100"))])
def test_averages_are_clamped_only_when_the_scale_says_so(plan, world, clamp_averages, sasaran):
    """Seed notes 002 section 4.8: the clamp gives the predikat; the sasaran's capaian is the mean of the
    values as computed (104,23, not 100), unless the pemda's scale also clamps before averaging."""
    scale = scale_adopt(pemda=world.pemda, template=PredikatScale.objects.get(catalogue_key="seed-002-jombang"))
    PredikatScale.objects.filter(pk=scale.pk).update(clamp_averages=clamp_averages)
    Realisation.objects.create(indicator=plan.akip, year=2024, quarter=4, value=Decimal("84.24"))  # 84,24 / 73 = 115,40 %
    figures = organisation_figures(organisation=world.own, year=2024, upto=4)
    (only,) = figures.sasaran
    assert only.capaian.value.quantize(Decimal("0.0001")) == sasaran
    assert figures.capaian.value.quantize(Decimal("0.0001")) == sasaran
    assert only.predikat is not None and only.predikat.code == "AA"  # the predikat is of the clamped value either way


def test_the_catalogue_and_its_copies_print_the_predikat_as_the_seed(world):
    """Seed 002 prints "AA (Sangat Memuaskan)", seed 001 "Berhasil": the setting is copied on adoption."""
    catalogue = dict(PredikatScale.objects.filter(pemda__isnull=True).values_list("catalogue_key", "predikat_display"))
    assert catalogue["seed-002-jombang"] == "code_label" and catalogue["seed-001-banjar"] == "label"
    copy = scale_adopt(pemda=world.pemda, template=PredikatScale.objects.get(catalogue_key="seed-001-banjar"))
    assert copy.predikat_display == "label" and copy.to_calc().display == "label"


def test_admin_sets_how_the_predikat_is_printed(client, world):
    client.force_login(world.admin)
    data = {
        "pemda": world.pemda.pk, "use": "akip", "name": "Predikat AKIP kabupaten", "source": "", "clamp_min": "", "clamp_max": "",
        "predikat_display": "code", "organisation_mean": "iku",
        "bands-TOTAL_FORMS": 1, "bands-INITIAL_FORMS": 0, "bands-MIN_NUM_FORMS": 0, "bands-MAX_NUM_FORMS": 1000,
        "bands-0-order": 0, "bands-0-lower": "", "bands-0-upper": "", "bands-0-label": "Dinilai", "bands-0-code": "N",
        "bands-0-colour": "#198754",
    }  # fmt: skip
    assert client.post(reverse("admin:performance_predikatscale_add"), data).status_code == 302
    scale = PredikatScale.objects.get(pemda=world.pemda, use="akip")
    assert (scale.predikat_display, scale.organisation_mean) == ("code", "iku")  # the kabupaten's conventions, data

from __future__ import annotations

import pytest
from django.urls import reverse

from apps.performance.models import PredikatScale
from apps.performance.services import scale_adopt
from apps.reports import services
from apps.reports.models import FollowUp, SakipEvaluation


def _post(**kw):
    data = {"lhe_number": "X.700/559/415.15/2024", "lhe_date": "2024-08-16", "perencanaan": "22,5", "pengukuran": "21,3",
            "pelaporan": "11,84", "evaluasi_internal": "19", "recommendations": "Perbaiki cascading kinerja\nLengkapi rencana aksi"}  # fmt: skip
    data.update(kw)
    return data


def test_inspektorat_records_the_evaluation_with_nilai_and_predikat(client, world):
    scale_adopt(pemda=world.pemda, template=PredikatScale.objects.get(catalogue_key="akip-permenpanrb-88-2021"))
    client.force_login(world.inspektorat)
    url = reverse("reports:evaluation", args=[world.own.pk, 2024])
    assert client.post(url, _post()).status_code == 302
    body = client.get(url).content.decode()
    assert "74,64" in body and "BB" in body  # 22,5 + 21,3 + 11,84 + 19 = 74,64 (seed 002: BB)
    assert SakipEvaluation.objects.get().recommendations.count() == 2


def test_a_component_above_its_weight_is_refused(client, world):
    client.force_login(world.inspektorat)
    response = client.post(reverse("reports:evaluation", args=[world.own.pk, 2024]), _post(pelaporan="16"))
    assert response.status_code == 200 and "antara 0 dan 15" in response.content.decode()
    assert not SakipEvaluation.objects.exists()


@pytest.mark.parametrize(("persona", "status"), [("operator", 403), ("camat", 403), ("other_operator", 404), ("foreign_inspektorat", 404)])
def test_only_the_inspektorat_of_the_pemda_evaluates(client, world, persona, status):
    client.force_login(getattr(world, persona))
    assert client.post(reverse("reports:evaluation", args=[world.own.pk, 2024]), _post()).status_code == status
    assert not SakipEvaluation.objects.exists()


def test_operator_answers_and_the_lkjip_lists_the_follow_up(client, world, plan):
    client.force_login(world.inspektorat)
    url = reverse("reports:evaluation", args=[world.own.pk, 2024])
    client.post(url, _post())
    rec = SakipEvaluation.objects.get().recommendations.first()
    client.force_login(world.operator)
    data = {"recommendation": rec.pk, f"r{rec.pk}-rencana_aksi": "Menyusun pohon kinerja", f"r{rec.pk}-hasil": "Pohon kinerja 2025",
            f"r{rec.pk}-waktu": "Triwulan IV", f"r{rec.pk}-penanggung_jawab": "Sekcam", f"r{rec.pk}-state": "selesai"}  # fmt: skip
    assert client.post(url, data).status_code == 302
    assert FollowUp.objects.get().state == "selesai"
    report = services.report_get_or_create(organisation=world.own, year=2024, period="annual")
    table = next(t for t in services.report_document(report=report).tables if t.key == "tindak-lanjut")
    assert table.rows[0][2].value == "Menyusun pohon kinerja" and table.rows[0][6].value == "Selesai"

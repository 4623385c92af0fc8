"""Issue 17 (seed 002): Tabel 3.2 classifies the sasaran by their capaian (a count per class, Q23), and
efisiensi is computed from operands rounded as printed when the pemda's capaian scale says so (seed notes
002 §5.3.8: 103,2 − 94,19 = 9,01, exact 9,05); the places are data on the scale an admin edits."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from apps.calculations import Reason, Result, classify
from apps.performance.models import PredikatBand, PredikatScale
from apps.performance.services import scale_adopt, scale_save
from apps.realisations.models import Realisation
from apps.reports import services
from apps.reports.renderers import RENDERERS

from .test_summary_tables import _q, _row, _tables, year  # noqa: F401 (the fixture «year» of the summary tables)

D = Decimal


@pytest.mark.parametrize(
    ("values", "counts"),
    [
        (["102.2466", "104.2308"], (2, 0, 0, 0)),  # seed 002: both sasaran exceed their target
        (["100", "99.996", "99.994", None], (0, 2, 1, 1)),  # compared as printed (2 places); a blank is unmeasured
        ([], (0, 0, 0, 0)),
    ],
)
def test_classify_counts_the_capaian_above_at_and_below_100(values, counts):
    results = [Result.of(D(v), "") if v is not None else Result.blank(Reason.NO_VALUES) for v in values]
    k = classify(results)
    assert (k.melebihi, k.sesuai, k.tidak, k.unmeasured) == counts


def test_klasifikasi_sasaran_table(year):  # noqa: F811 (the imported fixture)
    t = _tables(year.world)["klasifikasi-sasaran"]
    assert [c.label for c in t.columns] == ["Kategori", "Jumlah sasaran"]
    assert [(r[0].value, r[1].value) for r in t.rows] == [
        ("Melebihi/melampaui target", 2),
        ("Sesuai target", 0),
        ("Tidak mencapai target", 0),
    ]
    Realisation.objects.filter(indicator=year.ikpp).update(value=D("7.8"))  # IKPP 7,8 against 7,8: meets its target
    t = _tables(year.world)["klasifikasi-sasaran"]
    assert [r[1].value for r in t.rows] == [1, 1, 0]


@pytest.mark.parametrize("fmt", ["html", "json", "xlsx"])
def test_klasifikasi_renders_in_every_format(year, fmt):  # noqa: F811 (the imported fixture)
    report = services.report_get_or_create(organisation=year.world.own, year=2024, period="annual")
    _name, _ctype, payload = RENDERERS[fmt](services.report_document(report=report))
    if fmt != "xlsx":
        assert "Klasifikasi Capaian Sasaran Strategis" in payload.decode()
    else:
        assert payload[:2] == b"PK"


def test_the_catalogue_and_its_copies_carry_the_efisiensi_operand_places(world):
    seed_002 = PredikatScale.objects.get(pemda__isnull=True, catalogue_key="seed-002-jombang")
    assert seed_002.efisiensi_operand_places == (1, 2)
    assert PredikatScale.objects.get(pemda__isnull=True, catalogue_key="seed-001-banjar").efisiensi_operand_places is None
    copy = scale_adopt(pemda=world.pemda, template=seed_002)
    assert copy.efisiensi_operand_places == (1, 2) and copy.to_calc().efisiensi_operand_places == (1, 2)


def test_efisiensi_from_the_printed_operands_when_the_scale_says_so(year):  # noqa: F811 (the imported fixture)
    """Sasaran I: capaian 102,2466 → 102,2, serapan 76/80 = 95,00: 7,20 (exact 7,25). The organisation: 103,2387 → 103,2
    and 101/110 = 91,8182 → 91,82: 11,38 (exact 11,42)."""
    t = _tables(year.world)["efisiensi"]
    assert _q(_row(t, "akuntabilitas")[5]) == D("7.20") and _q(t.footer[5]) == D("11.38")
    PredikatScale.objects.filter(pemda=year.world.pemda, use="capaian").update(efisiensi_capaian_places=None, efisiensi_serapan_places=None)
    t = _tables(year.world)["efisiensi"]
    assert _q(_row(t, "akuntabilitas")[5]) == D("7.25") and _q(t.footer[5]) == D("11.42")


def test_one_operand_place_alone_is_refused_and_nothing_saved(world):
    scale = scale_adopt(pemda=world.pemda, template=PredikatScale.objects.get(pemda__isnull=True, catalogue_key="seed-001-banjar"))
    bands = list(scale.bands.all())
    scale.efisiensi_capaian_places = 1
    scale.efisiensi_serapan_places = None
    with pytest.raises(ValidationError) as exc:
        scale_save(
            scale=scale,
            bands=[
                PredikatBand(
                    **{f: getattr(b, f) for f in ("lower", "upper", "lower_inclusive", "upper_inclusive", "label", "code", "colour")}
                )
                for b in bands
            ],
        )
    assert "keduanya" in str(exc.value)
    assert PredikatScale.objects.get(pk=scale.pk).efisiensi_operand_places is None


def test_admin_sets_the_efisiensi_operand_places(client, world):
    client.force_login(world.admin)
    data = {
        "pemda": world.pemda.pk, "use": "capaian", "name": "Predikat capaian kabupaten", "source": "", "clamp_min": "", "clamp_max": "",
        "predikat_display": "label", "organisation_mean": "sasaran", "efisiensi_capaian_places": "1", "efisiensi_serapan_places": "2",
        "bands-TOTAL_FORMS": 1, "bands-INITIAL_FORMS": 0, "bands-MIN_NUM_FORMS": 0, "bands-MAX_NUM_FORMS": 1000,
        "bands-0-order": 0, "bands-0-lower": "", "bands-0-upper": "", "bands-0-label": "Dinilai", "bands-0-code": "N",
        "bands-0-colour": "#198754",
    }  # fmt: skip
    assert client.post(reverse("admin:performance_predikatscale_add"), data).status_code == 302
    assert PredikatScale.objects.get(pemda=world.pemda, use="capaian").efisiensi_operand_places == (1, 2)
    data.update(use="akip", efisiensi_serapan_places="")
    response = client.post(reverse("admin:performance_predikatscale_add"), data)
    assert response.status_code == 200 and not PredikatScale.objects.filter(pemda=world.pemda, use="akip").exists()

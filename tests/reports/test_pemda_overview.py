"""The Inspektorat's pemda overview computes each kecamatan from its own data only."""

from __future__ import annotations

from decimal import Decimal

import pytest

from apps.organisations.models import Pemda
from apps.planning.models import Indicator
from apps.realisations.models import Realisation
from apps.reports.pemda import pemda_overview
from apps.tools.synthetic import generate_kabupaten

pytestmark = pytest.mark.django_db


def _capaian(pemda, year):
    return {row.organisation.slug: row.capaian.value for row in pemda_overview(pemda=pemda, year=year)}


def test_a_kecamatan_figures_do_not_depend_on_another_kecamatan():
    """Every generated kecamatan has a composite IKPP = f(IKM, IPP) with the same component codes. Changing
    one kecamatan's IKM must change its own capaian and leave every other kecamatan's unchanged."""
    summary = generate_kabupaten(kecamatan=3, year=2024, pemda_code="uji-ov")
    pemda = Pemda.objects.get(code="uji-ov")
    before = _capaian(pemda, 2024)
    assert len(before) == 3 and all(v is not None for v in before.values())
    first, *others = sorted(before)
    org = next(o for o in summary.organisations if o.slug == first)
    ikm = Indicator.objects.get(organisation=org, code="IKM")
    assert Indicator.objects.filter(organisation=org, code="IKPP").exclude(composite_expression="").exists()
    Realisation.objects.filter(indicator=ikm, year=2024).update(value=Decimal("0"))
    after = _capaian(pemda, 2024)
    assert after[first] < before[first]
    assert {s: after[s] for s in others} == {s: before[s] for s in others}


def test_the_last_kecamatan_components_do_not_feed_the_others():
    """Before the fix, the last kecamatan's IKM/IPP values fed every kecamatan's IKPP: changing only the
    last kecamatan's IKM changed the first kecamatan's capaian."""
    summary = generate_kabupaten(kecamatan=2, year=2024, pemda_code="uji-ov2")
    pemda = Pemda.objects.get(code="uji-ov2")
    before = _capaian(pemda, 2024)
    for org in summary.organisations:
        ikm = Indicator.objects.get(organisation=org, code="IKM")
        Realisation.objects.filter(indicator=ikm, year=2024).update(value=Decimal("0"))
        after = _capaian(pemda, 2024)
        changed = {s for s in before if after[s] != before[s]}
        assert changed == {org.slug}
        before = after

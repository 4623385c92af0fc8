"""The shared factories make valid rows: each default object passes ``full_clean()`` (its model's
checks, the same Renstra along a chain) and the database constraints; the ``ready`` fixture holds the
year it promises."""

from __future__ import annotations

import pytest

from apps.planning.models import Level

from . import factories as f

FACTORIES = [
    f.RenstraFactory, f.TujuanFactory, f.SasaranFactory, f.ProgramFactory, f.KegiatanFactory, f.SubKegiatanFactory,
    f.IndicatorFactory, f.IndicatorTargetFactory, f.PerjanjianKinerjaFactory, f.PKItemFactory, f.PKProgramBudgetFactory,
    f.RealisationFactory, f.EvidenceFactory, f.DpaVersionFactory, f.DpaLineFactory, f.RealisasiAnggaranFactory,
    f.ReportFactory, f.NarrativeSectionFactory,
]  # fmt: skip


@pytest.mark.parametrize("factory", FACTORIES, ids=lambda fc: fc.__name__)
def test_a_default_object_is_valid(db, factory):
    obj = factory()
    obj.full_clean()
    assert type(obj).objects.filter(pk=obj.pk).exists()


def test_a_document_evidence_stores_its_file(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    evidence = f.EvidenceFactory(document=True)
    evidence.full_clean()
    with evidence.file.open("rb") as fh:
        assert fh.read() == f.EVIDENCE_PDF
    assert (evidence.kind, evidence.url, evidence.size) == ("dokumen", "", len(f.EVIDENCE_PDF))


@pytest.mark.parametrize("parent", ["TujuanFactory", "SasaranFactory", "ProgramFactory", "KegiatanFactory", "SubKegiatanFactory"])
def test_an_indicator_takes_level_renstra_and_organisation_from_its_parent(db, parent):
    node = getattr(f, parent)()
    indicator = f.IndicatorFactory(parent=node)
    indicator.full_clean()
    assert indicator.parent == node and indicator.level == {
        "TujuanFactory": Level.TUJUAN, "SasaranFactory": Level.SASARAN, "ProgramFactory": Level.PROGRAM,
        "KegiatanFactory": Level.KEGIATAN, "SubKegiatanFactory": Level.SUB_KEGIATAN,
    }[parent]  # fmt: skip
    assert (indicator.renstra, indicator.organisation) == (node.renstra, node.renstra.organisation)


def test_a_chain_stays_in_one_renstra(db):
    renstra = f.RenstraFactory()
    sasaran = f.SasaranFactory(tujuan=f.TujuanFactory(renstra=renstra))
    program = f.ProgramFactory(renstra=renstra, sasaran=[sasaran])
    sub = f.SubKegiatanFactory(kegiatan=f.KegiatanFactory(program=program))
    agreement = f.PerjanjianKinerjaFactory(renstra=renstra)
    item = f.PKItemFactory(agreement=agreement)
    for obj in (sasaran, program, sub, item.indicator, agreement):
        obj.full_clean()
    assert {sasaran.renstra, program.renstra, sub.renstra, item.indicator.renstra, agreement.renstra} == {renstra}
    assert list(program.sasaran.all()) == [sasaran]
    assert agreement.organisation == renstra.organisation and agreement.year == 2024


def test_the_ready_year_has_no_consistency_finding(client, ready, world):
    """What ``ready`` promises (tests/conftest.py): a year its report can be submitted from at once."""
    from django.urls import reverse

    client.force_login(world.operator)
    response = client.get(reverse("realisations:consistency", args=[world.own.pk, 2024, 4]))
    assert response.status_code == 200 and "data-code=" not in response.content.decode()
    assert ready.report.status == "draft" and ready.dpa.lines.get().pagu == 50_000_000
    assert [r.evidence.count() for r in (*ready.laporan, ready.akip_tw4)] == [1, 1, 1, 1, 1]

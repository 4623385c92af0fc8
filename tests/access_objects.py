"""The objects of one kecamatan for the access matrix and the export leak tests.

Every kecamatan gets the same set of objects (Renstra, IKU, PK, realisations, evidence link and file,
report, SAKIP evaluation, DPA with realisasi, a pending DPA upload), and its data carries strings and
figures found nowhere else ("needles"): a response about one kecamatan must never contain another's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from apps.organisations.models import Organisation

# Per world kecamatan: a unique marker, the IKU value of TW IV (above the target 73, so the year is
# consistent and can be submitted) and the pagu of its one DPA line.
SEEDS = {
    "own": ("Rahasia-Perak-5101", Decimal("84.24"), 7_111_111),
    "other": ("Rahasia-Ploso-5202", Decimal("79.31"), 7_654_321),
    "foreign": ("Rahasia-Kalaena-5303", Decimal("76.83"), 6_543_217),
}
SUB_KEGIATAN = "7.01.01.2.01.0001"


@dataclass
class Kec:
    scope: str
    org: Organisation
    marker: str
    needles: list[str] = field(default_factory=list)
    objects: dict[str, Any] = field(default_factory=dict)

    def __getattr__(self, name: str) -> Any:
        try:
            return self.__dict__["objects"][name]
        except KeyError:
            raise AttributeError(name) from None


def _id(value: Decimal | int) -> str:
    """Indonesian format as the pages print it (84,24; 7.111.111)."""
    from apps.core.numbers import format_decimal_id

    return format_decimal_id(Decimal(value), 2 if isinstance(value, Decimal) else 0)


def dpa_file(marker: str, pagu: int) -> bytes:
    from tests.budgets.workbooks import layout_a

    return layout_a(
        [
            ["7.01.01", "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota", None, None],
            ["7.01.01.2.01", "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah", None, None],
            [SUB_KEGIATAN, f"Penyusunan Dokumen {marker}", "APBD", pagu],
        ]
    )


def evidence_pdf(marker: str) -> bytes:
    return b"%PDF-1.4\n% bukti dukung " + marker.encode() + b"\n%%EOF\n"


def build(scope: str, org: Organisation, *, operator: Any, admin: Any) -> Kec:
    """Renstra 2024-2026 with a PK 2024, a consistent year 2024, evidence, an annual report (draft),
    a SAKIP evaluation with one recommendation, a DPA 2024 with realisasi s/d TW I and a pending upload."""
    from apps.agreements.services import pk_create_from_renstra
    from apps.budgets import services as budgets
    from apps.budgets.models import DpaUpload, RealisasiAnggaran
    from apps.planning.models import AspectScale, Indicator, IndicatorAspect
    from apps.realisations.services import evidence_add
    from apps.reports.models import Recommendation, SakipEvaluation
    from tests import factories as f

    marker, value, pagu = SEEDS[scope]
    r = f.RenstraFactory(organisation=org, start_year=2024, end_year=2026)
    t = f.TujuanFactory(renstra=r, code="1", text=f"Tujuan {marker}")
    s = f.SasaranFactory(tujuan=t, code="1.1", text="Meningkatnya akuntabilitas dan kinerja kecamatan")
    p = f.ProgramFactory(renstra=r, code="7.01.01", name="Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota", sasaran=[s])
    k = f.KegiatanFactory(program=p, code="7.01.01.2.01", name="Perencanaan, Penganggaran dan Evaluasi Kinerja")
    f.SubKegiatanFactory(kegiatan=k, code=SUB_KEGIATAN, name="Penyusunan Dokumen Perencanaan Perangkat Daerah")
    akip = f.IndicatorFactory(
        parent=s, name=f"Nilai evaluasi AKIP {marker}", satuan="nilai", is_iku=True, aggregation=Indicator.Aggregation.LATEST,
        end_target=Decimal("75"),
    )  # fmt: skip
    laporan = f.IndicatorFactory(
        parent=p, name="Jumlah laporan kinerja", satuan="laporan", aggregation=Indicator.Aggregation.CUMULATIVE_SUM, precision=0
    )
    f.IndicatorTargetFactory(indicator=akip, year=2024, value=Decimal("73"))
    f.IndicatorTargetFactory(indicator=laporan, year=2024, value=Decimal("12"))
    agreement = pk_create_from_renstra(organisation=org, year=2024)
    realisation = f.RealisationFactory(indicator=akip, year=2024, quarter=4, value=value, faktor_pendukung=f"Komitmen pimpinan {marker}")
    # An "indeks beraspek" outside the PK (issue 18): its aspects page and its scores page.
    ipp = f.IndicatorFactory(parent=s, name="Indeks Pelayanan Publik", satuan="indeks", measurement=Indicator.Measurement.ASPECTS)
    AspectScale.objects.create(indicator=ipp, score_min=Decimal(0), score_max=Decimal(5))
    IndicatorAspect.objects.create(indicator=ipp, name="Kebijakan Pelayanan", weight=Decimal(60), order=0)
    IndicatorAspect.objects.create(indicator=ipp, name="Inovasi", weight=Decimal(40), order=1)
    for q in (1, 2, 3, 4):
        f.RealisationFactory(indicator=laporan, year=2024, quarter=q, value=Decimal(3))
    link = f.EvidenceFactory(realisation=realisation, description=f"Tautan {marker}", url="https://example.go.id/x")
    upload = SimpleUploadedFile(f"bukti-{marker}.pdf", evidence_pdf(marker), content_type="application/pdf")
    document = evidence_add(realisation=realisation, user=operator, kind="dokumen", description=f"Berkas {marker}", upload=upload)
    report = f.ReportFactory(organisation=org, year=2024, period="annual")
    f.NarrativeSectionFactory(report=report, key="kesimpulan", text=f"Kesimpulan {marker}")
    evaluation = SakipEvaluation.objects.create(organisation=org, year=2024, lhe_number=f"LHE {marker}", perencanaan=Decimal("20"))
    recommendation = Recommendation.objects.create(evaluation=evaluation, number=1, text=f"Rekomendasi {marker}")
    version = budgets.dpa_import(organisation=org, year=2024, data=dpa_file(marker, pagu), source_name="dpa.xlsx", user=admin).version
    line = version.lines.get()
    RealisasiAnggaran.objects.create(organisation=org, year=2024, code=line.code, quarter=1, amount=Decimal(1_000_000))
    changed = dpa_file(marker, pagu + 1000)
    pending = DpaUpload.objects.create(
        organisation=org,
        year=2024,
        source_name="dpa-pergeseran.xlsx",
        sha256=budgets.sha256_of(changed),
        content=changed,
        uploaded_by=admin,
    )
    return Kec(
        scope=scope, org=org, marker=marker,
        needles=[marker, org.name, _id(value), str(value), _id(pagu), str(pagu)],
        objects={
            "renstra": r, "tujuan": t, "sasaran": s, "akip": akip, "ipp": ipp, "agreement": agreement, "realisation": realisation,
            "link": link, "document": document, "report": report, "evaluation": evaluation, "recommendation": recommendation,
            "version": version, "line": line, "upload": pending,
        },
    )  # fmt: skip


def build_world(world: Any, settings: Any, tmp_path: Any) -> dict[str, Kec]:
    """The three kecamatan of the ``world`` fixture: own and other (pemda Jombang), foreign (pemda Luwu Timur)."""
    settings.MEDIA_ROOT = tmp_path
    return {
        "own": build("own", world.own, operator=world.operator, admin=world.admin),
        "other": build("other", world.other, operator=world.other_operator, admin=world.admin),
        "foreign": build("foreign", world.foreign, operator=None, admin=world.foreign_admin),
    }

"""factory_boy factories shared by the test packages (docs/testing.md, "Factories and the shared fixtures").

Each factory makes a minimal valid row (``full_clean()`` passes) and derives what must agree from its
parent: a sasaran's Renstra from its tujuan, an indicator's level, Renstra and organisation from its
``parent``, a PK's organisation and year from its Renstra. Figures a test asserts on are passed
explicitly, never left to a default.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from decimal import Decimal

import factory

from apps.accounts.models import Membership, Role, User
from apps.agreements.models import PerjanjianKinerja, PKItem, PKProgramBudget
from apps.budgets.models import DpaLine, DpaVersion, RealisasiAnggaran
from apps.organisations.models import Appointment, Desa, Official, Organisation, Pemda, Position, Unit
from apps.planning.models import Indicator, IndicatorTarget, Kegiatan, Level, Program, Renstra, Sasaran, SubKegiatan, Tujuan
from apps.realisations.models import Evidence, Realisation
from apps.reports.models import NarrativeSection, Period, Report

PASSWORD = "rahasia-uji-123"


class PemdaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pemda

    name = factory.Sequence(lambda n: f"Uji {n}")
    code = factory.Sequence(lambda n: f"uji-{n}")
    province = "Jawa Timur"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    pemda = factory.SubFactory(PemdaFactory)
    name = factory.Sequence(lambda n: f"Kec {n}")
    slug = factory.Sequence(lambda n: f"kec-{n}")
    signing_place = factory.LazyAttribute(lambda o: o.name)


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    organisation = factory.SubFactory(OrganisationFactory)
    kind = Unit.Kind.SEKSI
    name = factory.Sequence(lambda n: f"Seksi {n}")


class DesaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Desa

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Desa {n}")


class OfficialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Official

    pemda = factory.SubFactory(PemdaFactory)
    name = factory.Sequence(lambda n: f"PEJABAT {n}")
    nip = factory.Sequence(lambda n: f"197001011990011{n % 1000:03d}")
    pangkat = "Pembina"
    golongan = "IV/a"


class PositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Position

    organisation = factory.SubFactory(OrganisationFactory)
    pemda = factory.LazyAttribute(lambda p: p.organisation.pemda)
    kind = Position.Kind.CAMAT
    title = factory.LazyAttribute(lambda p: f"Camat {p.organisation.name}")


class AppointmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Appointment

    position = factory.SubFactory(PositionFactory)
    official = factory.SubFactory(OfficialFactory, pemda=factory.SelfAttribute("..position.pemda"))
    status = Appointment.Status.DEFINITIF
    start_date = dt.date(2024, 1, 1)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"pengguna{n}")
    first_name = "Uji"
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            obj.save()


def member(user: User, role: str, *, organisation: Organisation | None = None, pemda: Pemda | None = None) -> Membership:
    if role in Role.organisation_bound():
        assert organisation is not None
        pemda = organisation.pemda
    assert pemda is not None
    return Membership.objects.create(
        user=user, role=role, organisation=organisation if role in Role.organisation_bound() else None, pemda=pemda
    )


# --- Planning (Renstra > tujuan > sasaran; program > kegiatan > sub kegiatan; indicators) -----------
# A child takes its Renstra from its parent, so a chain stays inside one Renstra (full_clean checks it):
# build top-down, ``t = TujuanFactory(renstra=r); s = SasaranFactory(tujuan=t)``.


class RenstraFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Renstra

    organisation = factory.SubFactory(OrganisationFactory)
    start_year = 2024
    end_year = 2026


class TujuanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tujuan

    renstra = factory.SubFactory(RenstraFactory)
    code = factory.Sequence(lambda n: str(n + 1))
    text = factory.Sequence(lambda n: f"Tujuan {n}")


class SasaranFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sasaran

    tujuan = factory.SubFactory(TujuanFactory)
    renstra = factory.SelfAttribute("tujuan.renstra")
    code = factory.LazyAttributeSequence(lambda o, n: f"{o.tujuan.code}.{n + 1}")
    text = factory.Sequence(lambda n: f"Sasaran {n}")


class ProgramFactory(factory.django.DjangoModelFactory):
    """``ProgramFactory(renstra=r, sasaran=[s])`` links the program to the sasaran it serves."""

    class Meta:
        model = Program
        skip_postgeneration_save = True

    renstra = factory.SubFactory(RenstraFactory)
    code = factory.Sequence(lambda n: f"7.01.{n % 100:02d}")
    name = factory.Sequence(lambda n: f"Program {n}")

    @factory.post_generation
    def sasaran(obj, create, extracted, **kwargs):  # noqa: N805
        if create and extracted:
            obj.sasaran.add(*extracted)


class KegiatanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Kegiatan

    program = factory.SubFactory(ProgramFactory)
    renstra = factory.SelfAttribute("program.renstra")
    code = factory.LazyAttributeSequence(lambda o, n: f"{o.program.code}.2.{n % 100:02d}")
    name = factory.Sequence(lambda n: f"Kegiatan {n}")


class SubKegiatanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SubKegiatan

    kegiatan = factory.SubFactory(KegiatanFactory)
    renstra = factory.SelfAttribute("kegiatan.renstra")
    code = factory.LazyAttributeSequence(lambda o, n: f"{o.kegiatan.code}.{n % 10000:04d}")
    name = factory.Sequence(lambda n: f"Sub kegiatan {n}")


_LEVEL_OF = {
    Tujuan: Level.TUJUAN,
    Sasaran: Level.SASARAN,
    Program: Level.PROGRAM,
    Kegiatan: Level.KEGIATAN,
    SubKegiatan: Level.SUB_KEGIATAN,
}


def _parent_if(level: str):
    return factory.LazyAttribute(lambda o: o.parent if o.level == level else None)


class IndicatorFactory(factory.django.DjangoModelFactory):
    """An indicator attached to ``parent`` (a tujuan, sasaran, program, kegiatan or sub kegiatan; a new
    sasaran by default): the level, the parent field, the Renstra and the organisation follow from it.
    ``IndicatorFactory(parent=program, aggregation=Indicator.Aggregation.CUMULATIVE_SUM)``."""

    class Meta:
        model = Indicator

    class Params:
        parent = factory.SubFactory(SasaranFactory)

    level = factory.LazyAttribute(lambda o: _LEVEL_OF[type(o.parent)])
    tujuan = _parent_if(Level.TUJUAN)
    sasaran = _parent_if(Level.SASARAN)
    program = _parent_if(Level.PROGRAM)
    kegiatan = _parent_if(Level.KEGIATAN)
    sub_kegiatan = _parent_if(Level.SUB_KEGIATAN)
    renstra = factory.SelfAttribute("parent.renstra")
    organisation = factory.SelfAttribute("renstra.organisation")
    name = factory.Sequence(lambda n: f"Indikator {n}")
    satuan = "%"


class IndicatorTargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndicatorTarget

    indicator = factory.SubFactory(IndicatorFactory)
    year = factory.SelfAttribute("indicator.renstra.start_year")
    value = Decimal("100")


# --- Agreements (PK) ---------------------------------------------------------------------------------


class PerjanjianKinerjaFactory(factory.django.DjangoModelFactory):
    """A PK murni with no items (``apps.agreements.services.pk_create_from_renstra`` copies the Renstra
    targets into items; use it when the test is about a PK as the operator makes it)."""

    class Meta:
        model = PerjanjianKinerja

    renstra = factory.SubFactory(RenstraFactory)
    organisation = factory.SelfAttribute("renstra.organisation")
    year = factory.SelfAttribute("renstra.start_year")


class PKItemFactory(factory.django.DjangoModelFactory):
    """An item of ``agreement`` for ``indicator`` (by default a new IKU-less sasaran indicator of the PK's Renstra)."""

    class Meta:
        model = PKItem

    agreement = factory.SubFactory(PerjanjianKinerjaFactory)
    indicator = factory.SubFactory(
        IndicatorFactory, parent=factory.SubFactory(SasaranFactory, tujuan__renstra=factory.SelfAttribute("....agreement.renstra"))
    )
    annual_target = Decimal("100")


class PKProgramBudgetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PKProgramBudget

    agreement = factory.SubFactory(PerjanjianKinerjaFactory)
    program = factory.SubFactory(ProgramFactory, renstra=factory.SelfAttribute("..agreement.renstra"))
    amount = Decimal("1000000")


# --- Realisations and evidence -----------------------------------------------------------------------


class RealisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Realisation

    indicator = factory.SubFactory(IndicatorFactory)
    year = factory.SelfAttribute("indicator.renstra.start_year")
    quarter = 4
    value = Decimal("1")


EVIDENCE_PDF = b"%PDF-1.4\n% bukti dukung uji\n%%EOF\n"


class EvidenceFactory(factory.django.DjangoModelFactory):
    """A link by default; ``EvidenceFactory(document=True)`` stores a small PDF instead (set MEDIA_ROOT
    to a temporary folder first). A file through the upload checks is ``realisations.services.evidence_add``."""

    class Meta:
        model = Evidence

    class Params:
        document = factory.Trait(
            kind=Evidence.Kind.DOCUMENT,
            url="",
            file=factory.django.FileField(filename="bukti.pdf", data=EVIDENCE_PDF),
            original_name="bukti.pdf",
            content_type="application/pdf",
            size=len(EVIDENCE_PDF),
            sha256=hashlib.sha256(EVIDENCE_PDF).hexdigest(),
        )

    realisation = factory.SubFactory(RealisationFactory)
    kind = Evidence.Kind.LINK
    description = factory.Sequence(lambda n: f"Bukti dukung {n}")
    url = factory.Sequence(lambda n: f"https://example.go.id/bukti/{n}")


# --- Budgets (DPA versions, their lines, realisasi anggaran) -----------------------------------------


class DpaVersionFactory(factory.django.DjangoModelFactory):
    """A DPA version as stored (``budgets.services.dpa_import`` is the path through the spreadsheet)."""

    class Meta:
        model = DpaVersion

    organisation = factory.SubFactory(OrganisationFactory)
    year = 2024
    sequence = 1
    source_name = "dpa.xlsx"
    source_sha256 = factory.Sequence(lambda n: hashlib.sha256(f"berkas {n}".encode()).hexdigest())
    content_sha256 = factory.Sequence(lambda n: hashlib.sha256(f"isi {n}".encode()).hexdigest())


class DpaLineFactory(factory.django.DjangoModelFactory):
    """A sub kegiatan line; ``code`` decides the program and kegiatan codes (7.01.01.2.01.0001 gives
    7.01.01 and 7.01.01.2.01)."""

    class Meta:
        model = DpaLine

    version = factory.SubFactory(DpaVersionFactory)
    code = factory.Sequence(lambda n: f"7.01.01.2.01.{n % 10000:04d}")
    name = factory.Sequence(lambda n: f"Sub kegiatan {n}")
    program_code = factory.LazyAttribute(lambda o: ".".join(o.code.split(".")[:3]))
    kegiatan_code = factory.LazyAttribute(lambda o: ".".join(o.code.split(".")[:5]))
    pagu = Decimal("10000000")


class RealisasiAnggaranFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RealisasiAnggaran

    organisation = factory.SubFactory(OrganisationFactory)
    year = 2024
    code = "7.01.01.2.01.0001"
    quarter = 1
    amount = Decimal("1000000")


# --- Reports -----------------------------------------------------------------------------------------


class ReportFactory(factory.django.DjangoModelFactory):
    """A report row as a draft (the workflow services move it on)."""

    class Meta:
        model = Report

    organisation = factory.SubFactory(OrganisationFactory)
    year = 2024
    period = Period.ANNUAL


class NarrativeSectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NarrativeSection

    report = factory.SubFactory(ReportFactory)
    key = NarrativeSection.Key.KESIMPULAN
    text = factory.Sequence(lambda n: f"Kesimpulan {n}")

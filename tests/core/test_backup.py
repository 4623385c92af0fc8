"""Organisation-year backup and restore (issue 10): the round trip loses nothing, a bad document
writes nothing, and another kecamatan's data never enters a backup."""

from __future__ import annotations

import copy
import hashlib
import json
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command

from apps.agreements.models import PerjanjianKinerja, PKItem
from apps.budgets.models import RealisasiAnggaran
from apps.organisations.models import Organisation
from apps.planning.models import Indicator, Renstra
from apps.realisations.models import Evidence, Realisation
from apps.reports import evaluation, workflow
from apps.reports.models import Report, ReportSnapshot, Status
from apps.tools.backup import PARTS, BackupError, dumps, export_org_year, loads, restore_org_year
from tests.factories import IndicatorFactory, RealisationFactory, RenstraFactory, TujuanFactory


def _same(a: dict, b: dict) -> None:
    a, b = dict(a), dict(b)
    a.pop("exported_at"), b.pop("exported_at")
    assert dumps(a) == dumps(b)


def _counts() -> dict[str, int]:
    return {p.label: p.model._default_manager.count() for p in PARTS}


def _files(root) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


@pytest.fixture
def year(plan, world, settings, tmp_path):
    """A full year of Perak: realisations with a file and a link, an approved and reviewed annual
    report (snapshot PDF), an evaluation with a follow-up; and a marker in the other kecamatan."""
    settings.MEDIA_ROOT = tmp_path
    r4 = Realisation.objects.create(
        indicator=plan.akip,
        year=2024,
        quarter=4,
        value=Decimal("84.24"),
        source_document="LHE 700/123/2025",
        faktor_pendukung="Pendampingan",
    )
    for q in (1, 2, 3, 4):
        Realisation.objects.create(indicator=plan.laporan, year=2024, quarter=q, value=Decimal(3), updated_by=world.operator)
    Evidence.objects.create(
        realisation=r4, kind="dokumen", description="LHE AKIP", file=ContentFile(b"%PDF-1.4 bukti LHE", name="lhe.pdf"),
        original_name="lhe.pdf", content_type="application/pdf", size=18, uploaded_by=world.operator,
    )  # fmt: skip
    Evidence.objects.create(realisation=r4, kind="tautan", description="Situs", url="https://jombangkab.go.id/lhe")
    report = Report.objects.create(organisation=world.own, year=2024, period="annual")
    workflow.report_submit(report=report, user=world.operator)
    workflow.report_approve(report=report, user=world.camat)
    workflow.review_note_add(report=report, user=world.inspektorat, text="Tabel 3.1 sudah sesuai.")
    ev = evaluation.evaluation_save(
        organisation=world.own, year=2024, user=world.inspektorat,
        fields={"lhe_number": "700/12/2025", "perencanaan": Decimal("20.5"), "pengukuran": Decimal("18"),
                "pelaporan": Decimal("9"), "evaluasi_internal": Decimal("14")},
        recommendations=["Perbaiki cascading kinerja"],
    )  # fmt: skip
    evaluation.follow_up_save(
        recommendation=ev.recommendations.get(), user=world.operator, data={"rencana_aksi": "Menyusun pohon kinerja", "waktu": "TW II 2025"}
    )
    # The other kecamatan of the same pemda, with a marker that must never appear in Perak's backup.
    tujuan = TujuanFactory(renstra=RenstraFactory(organisation=world.other, start_year=2024, end_year=2026), code="1", text="Tujuan Ploso")
    ind = IndicatorFactory(parent=tujuan, name="PENANDA-PLOSO", satuan="%")
    RealisationFactory(indicator=ind, year=2024, quarter=4, value=Decimal("77.7"), faktor_pendukung="PENANDA-PLOSO")
    return report


def _wipe_year(world) -> None:
    """What a lost year looks like: the year and its Renstra are gone (through the restore's own
    replace, whose deletion is the code under test elsewhere, then the plan by hand)."""
    from apps.reports.freeze import suspended

    with suspended():
        Report.objects.filter(organisation=world.own).delete()
        Realisation.objects.filter(indicator__organisation=world.own).delete()
        PerjanjianKinerja.objects.filter(organisation=world.own).delete()
        from apps.reports.models import SakipEvaluation

        SakipEvaluation.objects.filter(organisation=world.own).delete()
        Renstra.objects.filter(organisation=world.own).delete()


def test_round_trip_into_an_empty_year_loses_nothing(year, world, tmp_path):
    first = export_org_year(world.own, 2024)
    assert first["counts"]["reports.reportsnapshot"] == 1 and first["counts"]["realisations.evidence"] == 2
    assert first["counts"]["reports.followup"] == 1 and first["counts"]["reports.reviewnote"] == 1
    pdf = ReportSnapshot.objects.get().pdf.read()
    _wipe_year(world)
    assert not Realisation.objects.filter(indicator__organisation=world.own).exists()

    result = restore_org_year(loads(dumps(first)))

    assert result.created["realisations.realisation"] == 5 and not result.deleted
    _same(first, export_org_year(world.own, 2024))
    snapshot = ReportSnapshot.objects.get()
    assert snapshot.pdf.read() == pdf and hashlib.sha256(pdf).hexdigest() == snapshot.sha256
    assert Evidence.objects.get(kind="dokumen").file.read() == b"%PDF-1.4 bukti LHE"
    # Still approved and still frozen after the restore.
    report = Report.objects.get(organisation=world.own)
    assert report.status == Status.APPROVED
    with pytest.raises(ValidationError):
        r = Realisation.objects.get(indicator__name="Nilai evaluasi AKIP")
        r.value = Decimal(1)
        r.save()
    # The restore is in the audit history of every restored row.
    assert Realisation.history.filter(history_change_reason="Dipulihkan dari cadangan").count() == 5


def test_replace_in_place_round_trips_and_keeps_the_files(year, world, tmp_path):
    first = export_org_year(world.own, 2024)
    files = _files(tmp_path)
    PKItem.objects.filter(agreement__organisation=world.own).update(annual_target=Decimal("1"))  # a later mistake
    Indicator.objects.filter(organisation=world.own, name="Nilai evaluasi AKIP").update(satuan="salah", precision=4)

    result = restore_org_year(first, replace=True)

    assert result.deleted["realisations.realisation"] == 5 and result.matched["planning.indicator"] == 2
    assert "planning.indicator" not in result.created  # matched by name (no code), updated in place
    _same(first, export_org_year(world.own, 2024))
    assert _files(tmp_path) == files  # identical files are kept in place, not duplicated


def test_the_demo_year_round_trips(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("load_demo")
    perak = Organisation.objects.get(slug="perak-jombang")
    first = export_org_year(perak, 2024)
    assert first["counts"]["realisations.realisation"] >= 100 and first["counts"]["budgets.dpaline"] > 0
    restore_org_year(json.loads(dumps(first)), replace=True)
    _same(first, export_org_year(perak, 2024))


#: Models deliberately outside an organisation-year backup, with why: master data and the pemda's rules are
#: restored with the database, not per kecamatan-year; accounts are people; a render job is transient.
NOT_BACKED_UP = {
    "accounts.user", "accounts.membership", "accounts.notification",
    "organisations.pemda", "organisations.organisation", "organisations.unit", "organisations.desa",
    "organisations.position", "organisations.official", "organisations.appointment",
    "performance.predikatscale", "performance.predikatband", "performance.reportconvention",
    "budgets.dpaupload",  # the uploaded file's record: the DPA it produced is backed up (budgets.dpaversion, dpaline)
    "reports.renderjob",
    "reports.approvalrender",  # an approval's render in progress: transient; a done one is the snapshot it made
    "reports.datachange",  # the report page cache's change log: a restore records a change of its own
}  # fmt: skip


def test_every_model_of_a_kecamatan_year_is_in_the_backup():
    """A new model the report reads (sarpras, the RB evaluation, the eselon counts, ...) is either a backup part
    or named above with its reason: a backup that silently leaves a table out restores a different report."""
    from django.apps import apps as django_apps

    domain = ("accounts", "organisations", "performance", "planning", "agreements", "realisations", "budgets", "reports")
    models = {
        m._meta.label_lower for m in django_apps.get_models() if m._meta.app_label in domain and not m.__name__.startswith("Historical")
    }
    assert models - {p.label for p in PARTS} - NOT_BACKED_UP == set()


def test_the_demo_years_with_the_issue_17_inputs_round_trip(db, settings, tmp_path):
    """Kalaena (staff by eselon, budget documents, PAD), Perak (sarpras, RB evaluation) and Klakah (strategi and
    arah kebijakan) restore in place."""
    settings.MEDIA_ROOT = tmp_path
    call_command("load_demo")
    for slug, year, parts in (
        ("kalaena-luwu-timur", 2023, ("organisations.staffeseloncount", "budgets.dokumenanggaran", "budgets.pendapatan")),
        # issue 19 (E): the staff per unit of the composition (its units named, restored by name)
        ("perak-jombang", 2024, ("reports.sarprasitem", "reports.rbevaluation", "reports.rbcomponent", "organisations.staffunitcount")),
        ("klakah-lumajang", 2023, ("planning.strategikebijakan",)),  # issue 19: the strategi and arah kebijakan
    ):
        org = Organisation.objects.get(slug=slug)
        first = export_org_year(org, year)
        assert all(first["counts"].get(p, 0) > 0 for p in parts), {p: first["counts"].get(p) for p in parts}
        restore_org_year(json.loads(dumps(first)), replace=True)
        _same(first, export_org_year(org, year))


def test_a_backup_written_before_the_rename_of_realisasi_anggaran_restores(db, settings, tmp_path):
    """BudgetRealisation became RealisasiAnggaran (issue 16): a document that still names the old part restores it."""
    settings.MEDIA_ROOT = tmp_path
    call_command("load_demo")
    perak = Organisation.objects.get(slug="perak-jombang")
    first = export_org_year(perak, 2024)
    assert first["counts"]["budgets.realisasianggaran"] > 0
    old = dumps(first).replace('"budgets.realisasianggaran"', '"budgets.budgetrealisation"')
    assert "budgets.realisasianggaran" not in old
    RealisasiAnggaran.objects.filter(organisation=perak).delete()
    restore_org_year(loads(old), replace=True)
    _same(first, export_org_year(perak, 2024))


def test_another_kecamatan_never_enters_the_backup(year, world):
    text = dumps(export_org_year(world.own, 2024))
    assert "PENANDA-PLOSO" not in text and "77.7" not in text
    assert "Ploso" not in text


def test_without_replace_an_existing_year_is_refused_and_nothing_written(year, world, tmp_path):
    document = export_org_year(world.own, 2024)
    before, files = _counts(), _files(tmp_path)
    with pytest.raises(BackupError, match="sudah ada.*--replace"):
        restore_org_year(document)
    assert _counts() == before and _files(tmp_path) == files


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (
            lambda d: d["objects"]["realisations.realisation"][0]["fields"].update(value="sepuluh"),
            "realisations.realisation #1, kolom value",
        ),
        (lambda d: d["objects"]["realisations.evidence"][0]["fields"]["file"].update(sha256="0" * 64), "SHA-256 berkas"),
        (lambda d: d["objects"]["agreements.pkitem"][0]["fields"].update(indicator="planning.indicator:99"), "tidak ditemukan di cadangan"),
        (lambda d: d["objects"]["reports.reportevent"][0]["fields"].update(actor={"user": "tidak-ada"}), "Pengguna berikut"),
        (lambda d: d["objects"]["realisations.realisation"][2]["fields"].update(quarter=1), "tidak dapat disimpan"),
        (lambda d: d["objects"].update(rahasia=[]), "Isi cadangan tidak dikenal"),
        (lambda d: d.update(year="2024"), "Tahun cadangan tidak sah"),
    ],
    ids=["bad-number", "bad-file-hash", "dangling-ref", "unknown-actor", "duplicate-quarter", "unknown-part", "bad-year"],
)
def test_a_damaged_document_is_refused_and_nothing_written(year, world, tmp_path, damage, message):
    document = export_org_year(world.own, 2024)
    _wipe_year(world)
    before, files = _counts(), _files(tmp_path)
    damaged = copy.deepcopy(document)
    damage(damaged)
    with pytest.raises(BackupError) as exc:
        restore_org_year(damaged)
    assert message in "\n".join(exc.value.messages)
    assert _counts() == before and _files(tmp_path) == files
    restore_org_year(document)  # the undamaged one still restores
    _same(document, export_org_year(world.own, 2024))


@pytest.mark.parametrize(
    ("data", "message"),
    [(b"\x89PNG", "bukan JSON"), (b"[]", "bukan cadangan"), (b'{"format": "lkjip-org-year", "version": 9}', "Versi cadangan 9")],
)
def test_what_is_not_a_backup_is_said_so(data, message):
    with pytest.raises(BackupError, match=message):
        loads(data)


def test_commands_back_up_dry_run_and_restore(year, world, tmp_path, capsys):
    out = tmp_path / "perak.json"
    call_command("backup_org_year", world.own.slug, "2024", "--output", str(out))
    assert "baris dicadangkan" in capsys.readouterr().out
    before = _counts()
    call_command("restore_org_year", str(out), "--replace", "--dry-run")
    assert "tidak ada yang ditulis" in capsys.readouterr().out and _counts() == before
    with pytest.raises(CommandError, match="Pemulihan dibatalkan, tidak ada yang ditulis"):
        call_command("restore_org_year", str(out))
    call_command("restore_org_year", str(out), "--replace")
    assert "dipulihkan" in capsys.readouterr().out
    _same(json.loads(out.read_text()), export_org_year(world.own, 2024))
    with pytest.raises(CommandError, match="tidak ditemukan"):
        call_command("backup_org_year", "tidak-ada", "2024", "--output", str(out))

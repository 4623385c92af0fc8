"""Writes of the budgets app (convention 2): keyword-only, validated, one transaction each.

A DPA import is all or nothing: the file is parsed and every row validated first
(:mod:`.importer`); if anything is wrong, nothing is written. A valid file becomes a new
:class:`DpaVersion` with its lines, unless it is byte-identical to a version already imported
for the year, or content-identical to the version in force: then nothing is created and the
caller is told why.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.utils import bulk_create_with_history

from apps import calculations as calc
from apps.core import locks
from apps.core.numbers import format_decimal_id, format_rupiah
from apps.organisations.models import Organisation

from . import importer
from .codes import AKUN_BELANJA
from .importer import DpaDiff, ImportIssue, ImportRejected, ParsedDpa, identity
from .models import (
    BelanjaAkun,
    DokumenAnggaran,
    DokumenKind,
    DpaKind,
    DpaLine,
    DpaLineAkun,
    DpaUpload,
    DpaVersion,
    Pendapatan,
    RealisasiAnggaran,
)
from .selectors import active_renstra, grid_stamp, realisasi_by_code, sub_kegiatan_by_code, version_in_force, version_lines

IDENTICAL_FILE = _("Berkas ini sama persis (SHA-256 sama) dengan berkas %(version)s yang sudah diimpor. Tidak ada yang dibuat.")
IDENTICAL_CONTENT = _("Isi berkas sama dengan DPA yang berlaku (%(version)s). Tidak ada yang dibuat.")
UPLOAD_USED = _("Unggahan ini sudah diterapkan sebagai %(version)s.")
UPLOAD_EXPIRED = _("Unggahan sudah kedaluwarsa (lebih dari 24 jam). Unggah ulang berkasnya.")
NO_DPA = _("Belum ada DPA tahun %(year)s. Realisasi anggaran diisi terhadap DPA yang berlaku; minta admin pemda mengimpor DPA dulu.")
UNKNOWN_CODE = _("Kode %(code)s tidak ada dalam DPA yang berlaku.")
ABOVE_PAGU = _("Realisasi s/d TW %(q)s (%(v)s) melebihi pagu (%(pagu)s).")
DECREASING = _("Realisasi s/d TW %(q)s (%(v)s) lebih kecil dari s/d TW %(p)s (%(pv)s): nilai kumulatif tidak boleh turun.")
NEGATIVE = _("Realisasi tidak boleh negatif.")
STALE_GRID = _(
    "Realisasi anggaran tahun ini sudah diubah setelah Anda membuka halaman ini. Isian Anda tidak disimpan; muat ulang halaman lalu isi lagi."
)
CAUTION_ABOVE_PAGU = _(
    "%(code)s %(name)s: realisasi yang sudah tercatat s/d TW %(q)s (%(v)s) melebihi pagu baru (%(pagu)s); serapannya akan %(serapan)s."
)
CAUTION_DROP = _("Total pagu turun %(pct)s dari %(old)s menjadi %(new)s dibanding %(version)s.")
CAUTION_REMOVED = _(
    "%(code)s %(name)s tidak ada lagi di berkas ini, padahal realisasinya sudah tercatat (%(v)s s/d TW %(q)s): "
    "realisasi itu tidak akan tampil di laporan."
)
WRITTEN_TOTAL = _("%(issue)s Berkas diimpor dengan jumlah hasil hitung (jumlah rincian); perbedaannya dicatat pada versi DPA.")
NOT_ACKNOWLEDGED = _("Berkas ini memiliki %(n)s peringatan yang harus Anda periksa dan setujui sebelum diterapkan.")
#: A new version whose total falls by more than this share of the version in force is a caution (issue 20).
DROP_CAUTION_SHARE = Decimal("0.2")
PENDING_HOURS = 24
KAS_FIELDS = ["version", "sub_kegiatan", "kas_tw1", "kas_tw2", "kas_tw3", "kas_tw4", *(f"kas_m{m:02d}" for m in range(1, 13))]


class DpaImportInvalid(ValidationError):
    """The file was read but is wrong: ``issues`` lists (row, column, message); nothing was written."""

    def __init__(self, issues: list[ImportIssue], parsed: Any = None) -> None:
        super().__init__([str(i) for i in issues] or ["?"])
        self.issues = issues
        self.parsed = parsed


class NothingToImport(Exception):
    """A valid file that would change nothing (already imported, or same content)."""

    def __init__(self, message: str, version: DpaVersion | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.version = version


class GridConflict(ValidationError):
    pass


class NeedsAcknowledgement(ValidationError):
    """A valid file with cautions (realisasi above a new pagu, a large drop, a sub kegiatan with realisasi
    removed) applied without the admin's acknowledgement: nothing was written."""

    def __init__(self, cautions: list[str]) -> None:
        super().__init__(str(NOT_ACKNOWLEDGED % {"n": len(cautions)}), code="acknowledge")
        self.cautions = cautions


@dataclass
class DpaPreview:
    """What an import would do: the parsed file (tree, warnings) and the differences from the version in force."""

    parsed: ParsedDpa
    diff: DpaDiff
    current: DpaVersion | None
    sha256: str
    unmatched: list[str]
    cautions: list[str] = field(default_factory=list)  # to acknowledge before applying (issue 20)

    @property
    def akun_lines(self) -> list[Any]:
        """The lines with a belanja per kode akun (a flat SIPD rekap), each with ``akun_rows`` (code, name, amount)."""
        return [line for line in self.parsed.lines if line.akun]


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def dpa_preview(*, organisation: Organisation, year: int, data: bytes) -> DpaPreview:
    """Parse and validate ``data`` and compare it with the DPA in force (reads only).

    Raises :class:`DpaImportInvalid` with every error, or :class:`NothingToImport` when the same
    file was already imported for the year or its content equals the version in force."""
    try:
        parsed = importer.parse_dpa(data)
    except ImportRejected as exc:
        raise DpaImportInvalid(exc.issues) from None
    if parsed.errors or not parsed.lines:
        raise DpaImportInvalid(parsed.errors or [ImportIssue(None, "", importer.NO_LINES)], parsed)
    wrong = _wrong_file(parsed.title_lines, organisation, year)
    if wrong:
        raise DpaImportInvalid(wrong, parsed)
    sha = sha256_of(data)
    same_file = DpaVersion.objects.filter(organisation=organisation, year=year, source_sha256=sha).order_by("-sequence").first()
    if same_file is not None:
        raise NothingToImport(str(IDENTICAL_FILE % {"version": same_file}), same_file)
    current = version_in_force(organisation=organisation, year=year)
    if current is not None and current.content_sha256 == parsed.content_sha256:
        raise NothingToImport(str(IDENTICAL_CONTENT % {"version": current}), current)
    diff = importer.diff_lines(version_lines(current) if current else None, parsed.lines)
    matches = sub_kegiatan_by_code(active_renstra(organisation=organisation, year=year))
    unmatched = [line.code for line in parsed.lines if line.code not in matches]
    cautions = [str(WRITTEN_TOTAL % {"issue": issue}) for issue in parsed.total_mismatches]
    cautions += _cautions(parsed, current, realisasi_by_code(organisation=organisation, year=year))
    return DpaPreview(parsed=parsed, diff=diff, current=current, sha256=sha, unmatched=unmatched, cautions=cautions)


def _latest(by_quarter: dict[int, Any]) -> tuple[int, Decimal] | None:
    """The last quarter with a recorded cumulative realisasi and its amount."""
    for q in (4, 3, 2, 1):
        row = by_quarter.get(q)
        if row is not None and row.amount is not None:
            return q, row.amount
    return None


def _cautions(parsed: ParsedDpa, current: DpaVersion | None, recorded: dict[str, dict[int, Any]]) -> list[str]:
    """What the admin must acknowledge before a valid file becomes the version in force (issue 20): realisasi
    already recorded above a sub kegiatan's new pagu, a total falling by more than a fifth of the version in
    force, a sub kegiatan with recorded realisasi that the file drops."""
    cautions = []
    for line in parsed.lines:
        latest = _latest(recorded.get(line.code, {}))
        if latest is not None and latest[1] > line.pagu:
            q, amount = latest
            serapan = calc.percentage(amount, line.pagu).value
            shown = _("%(p)s %%") % {"p": format_decimal_id(serapan, 2)} if serapan is not None else _("tidak terhitung (pagu 0)")
            cautions.append(str(CAUTION_ABOVE_PAGU % {"code": line.code, "name": line.name, "q": q, "v": format_rupiah(amount),
                                                      "pagu": format_rupiah(line.pagu), "serapan": _("menjadi %(s)s") % {"s": shown}}))  # fmt: skip
    if current is not None:
        old_lines = version_lines(current)
        old_total = sum((ln.pagu for ln in old_lines), Decimal(0))
        new_total = sum((ln.pagu for ln in parsed.lines), Decimal(0))
        if old_total > 0 and new_total < old_total * (1 - DROP_CAUTION_SHARE):
            drop = calc.percentage(old_total - new_total, old_total).value or Decimal(0)
            cautions.append(str(CAUTION_DROP % {"pct": format_decimal_id(drop, 2) + " %", "old": format_rupiah(old_total),
                                                "new": format_rupiah(new_total), "version": current}))  # fmt: skip
        kept = {line.code for line in parsed.lines}
        for ln in old_lines:
            latest = _latest(recorded.get(ln.code, {}))
            if ln.code not in kept and latest is not None and latest[1] > 0:
                cautions.append(str(CAUTION_REMOVED % {"code": ln.code, "name": ln.name, "v": format_rupiah(latest[1]), "q": latest[0]}))
    return cautions


def _wrong_file(lines: tuple[tuple[int, str], ...], organisation: Organisation, year: int) -> list[ImportIssue]:
    """The pemda, kecamatan or year the file's title rows name that are not the target's (issue 20)."""
    stated = identity.identify(lines)
    pemda = organisation.pemda
    return identity.mismatches(stated, pemda_label=str(pemda), pemda_name=pemda.name, kecamatan=organisation.name, year=year)


def _lock_period(organisation: Organisation, year: int) -> None:
    """Wait for a workflow transition of the organisation-year's reports and hold off the next until this
    write commits, so that the freeze check below sees the status in force."""
    locks.lock_reports(organisation_id=organisation.pk, year=year)


def frozen_upto(organisation: Organisation, year: int) -> int:
    """The last quarter of ``year`` whose realisasi anggaran a submitted or approved report shows (0: none)."""
    return locks.frozen_upto(organisation.pk, year)


def _assert_quarter_editable(organisation: Organisation, year: int, quarter: int) -> None:
    locks.assert_editable(organisation.pk, year, quarter)


def is_frozen(exc: ValidationError) -> bool:
    return locks.is_frozen(exc)


def _lock_organisation(organisation: Organisation) -> None:
    """Serialise the budget writes of one organisation (DPA imports, realisasi saves and imports) on its
    row. FOR NO KEY UPDATE: rows referencing the organisation can still be inserted meanwhile."""
    list(Organisation.objects.select_for_update(no_key=True).filter(pk=organisation.pk).values_list("pk", flat=True))


def _apply(
    *,
    organisation: Organisation,
    year: int,
    preview: DpaPreview,
    kind: str,
    number: str,
    document_date: dt.date | None,
    source_name: str,
    user: Any,
) -> DpaVersion:
    # Serialise imports of one organisation (the sequence number is "last + 1"), then repeat the
    # preview's "nothing to import" checks: a concurrent import of the same file may have committed
    # since the preview was computed.
    _lock_organisation(organisation)
    same_file = DpaVersion.objects.filter(organisation=organisation, year=year, source_sha256=preview.sha256).order_by("-sequence").first()
    if same_file is not None:
        raise NothingToImport(str(IDENTICAL_FILE % {"version": same_file}), same_file)
    last = version_in_force(organisation=organisation, year=year)
    if last is not None and last.content_sha256 == preview.parsed.content_sha256:
        raise NothingToImport(str(IDENTICAL_CONTENT % {"version": last}), last)
    version = DpaVersion(
        organisation=organisation, year=year, sequence=(last.sequence + 1) if last else 1, kind=kind, number=number,
        document_date=document_date, source_name=source_name[:255], source_sha256=preview.sha256,
        content_sha256=preview.parsed.content_sha256, layout=preview.parsed.layout, imported_by=user,
        stated_totals_note="\n".join(str(i) for i in preview.parsed.total_mismatches),
    )  # fmt: skip
    version.full_clean()
    version.save()
    matches = sub_kegiatan_by_code(active_renstra(organisation=organisation, year=year))
    lines = []
    for order, p in enumerate(preview.parsed.lines):
        line = DpaLine(
            version=version, order=order, source_row=p.row, code=p.code, name=p.name[:400], program_code=p.program_code,
            program_name=p.program_name[:400], kegiatan_code=p.kegiatan_code, kegiatan_name=p.kegiatan_name[:400],
            sumber_dana=p.sumber_dana, pagu=p.pagu, sub_kegiatan=matches.get(p.code),
            kas_tw1=p.kas[0], kas_tw2=p.kas[1], kas_tw3=p.kas[2], kas_tw4=p.kas[3],
            **{f"kas_m{m:02d}": p.months[m - 1] for m in range(1, 13)},
        )  # fmt: skip
        # Every field was cleaned by the importer's column objects; full_clean re-checks the model
        # rules (lengths, pagu >= 0, two decimals) without the per-row uniqueness queries. The 16 kas
        # amounts were checked cell by cell (at most 2 decimals, below 10^15) and are not re-checked.
        line.full_clean(exclude=KAS_FIELDS, validate_unique=False, validate_constraints=False)
        lines.append(line)
    created = bulk_create_with_history(lines, DpaLine, batch_size=500, default_user=user)
    akun = [
        DpaLineAkun(line=line, order=n, code=code, name=name[:400], amount=amount)
        for line, parsed in zip(created, preview.parsed.lines, strict=True)
        for n, (code, (name, amount)) in enumerate(sorted(parsed.akun.items()))
    ]
    if akun:  # the akun detail of a flat SIPD rekap (issue 20)
        DpaLineAkun.objects.bulk_create(akun, batch_size=1000)
    return version


@transaction.atomic
def dpa_upload_create(
    *,
    organisation: Organisation,
    year: int,
    kind: str,
    number: str,
    document_date: dt.date | None,
    source_name: str,
    data: bytes,
    user: Any,
) -> tuple[DpaUpload, DpaPreview]:
    """Validate an uploaded DPA and keep it server-side for the preview and confirmation.

    Nothing is stored when the file is invalid (:class:`DpaImportInvalid`) or would change nothing
    (:class:`NothingToImport`). Unconfirmed uploads older than 24 hours are removed."""
    preview = dpa_preview(organisation=organisation, year=year, data=data)
    DpaUpload.objects.filter(version__isnull=True, created_at__lt=timezone.now() - dt.timedelta(hours=PENDING_HOURS)).delete()
    upload = DpaUpload(
        organisation=organisation, year=year, kind=kind, number=number, document_date=document_date,
        source_name=source_name[:255] or "dpa.xlsx", sha256=preview.sha256, content=data, uploaded_by=user,
    )  # fmt: skip
    upload.full_clean()
    upload.save()
    return upload, preview


def dpa_upload_preview(*, upload: DpaUpload) -> DpaPreview:
    """The preview of a stored upload, recomputed from its stored bytes (the version in force may have changed)."""
    return dpa_preview(organisation=upload.organisation, year=upload.year, data=bytes(upload.content))


@transaction.atomic
def dpa_version_create(*, upload: DpaUpload, user: Any, acknowledged: bool = False) -> DpaVersion:
    """Apply a confirmed upload as the new DPA version, re-reading the bytes stored at upload time. A preview
    with cautions is applied only ``acknowledged`` (:class:`NeedsAcknowledgement` otherwise, nothing written)."""
    upload = DpaUpload.objects.select_for_update(of=("self",)).select_related("organisation").get(pk=upload.pk)
    if upload.version_id:
        raise NothingToImport(str(UPLOAD_USED % {"version": upload.version}), upload.version)
    if upload.created_at < timezone.now() - dt.timedelta(hours=PENDING_HOURS):
        raise NothingToImport(str(UPLOAD_EXPIRED))
    preview = dpa_upload_preview(upload=upload)
    if preview.cautions and not acknowledged:
        raise NeedsAcknowledgement(preview.cautions)
    version = _apply(
        organisation=upload.organisation, year=upload.year, preview=preview, kind=upload.kind, number=upload.number,
        document_date=upload.document_date, source_name=upload.source_name, user=user,
    )  # fmt: skip
    upload.version = version
    upload.save(update_fields=["version", "updated_at"])
    return version


@dataclass
class DpaImportResult:
    preview: DpaPreview
    version: DpaVersion | None


@transaction.atomic
def dpa_import(
    *,
    organisation: Organisation,
    year: int,
    data: bytes,
    source_name: str,
    kind: str = DpaKind.MURNI,
    number: str = "",
    document_date: dt.date | None = None,
    user: Any = None,
    dry_run: bool = False,
    acknowledged: bool = False,
) -> DpaImportResult:
    """Parse, validate and (unless ``dry_run``) apply a DPA file in one step: the management command. Cautions
    (:func:`_cautions`) must be ``acknowledged`` (:class:`NeedsAcknowledgement` otherwise, nothing written)."""
    if kind not in DpaKind.values:
        raise ValidationError({"kind": _("Jenis DPA tidak dikenal: %(k)s.") % {"k": kind}})
    preview = dpa_preview(organisation=organisation, year=year, data=data)
    if dry_run:
        return DpaImportResult(preview=preview, version=None)
    if preview.cautions and not acknowledged:
        raise NeedsAcknowledgement(preview.cautions)
    version = _apply(
        organisation=organisation, year=year, preview=preview, kind=kind, number=number, document_date=document_date,
        source_name=source_name, user=user,
    )  # fmt: skip
    return DpaImportResult(preview=preview, version=version)


KAS_NOT_IN_DPA = _("Kode %(code)s tidak ada dalam DPA yang berlaku (%(version)s).")
KAS_UNCHANGED_LINES = _("%(n)s sub kegiatan DPA tidak ada di dokumen anggaran kas: anggaran kasnya tetap seperti %(version)s.")


@transaction.atomic
def anggaran_kas_import(*, organisation: Organisation, year: int, data: bytes, source_name: str, user: Any) -> DpaVersion:
    """The anggaran kas document (SIPD prints it apart from the DPA; issue 20) as a new version of the DPA in force:
    the same lines, pagu and akun detail, with the cash plan of the file (cumulative s/d TW I-IV and per month). All
    or nothing: every code must be a line of the version in force, its kas s/d TW IV equal to its pagu and never
    falling; the file's title must name this pemda, kecamatan and year. A line the file leaves out keeps its kas."""
    try:
        parsed = importer.parse_kas(data)
    except ImportRejected as exc:
        raise DpaImportInvalid(exc.issues) from None
    issues = _wrong_file(parsed.title_lines, organisation, year) + list(parsed.errors)
    current = version_in_force(organisation=organisation, year=year)
    if current is None:
        raise DpaImportInvalid([ImportIssue(None, "", str(NO_DPA % {"year": year})), *issues])
    old = {line.code: line for line in version_lines(current)}
    akun: dict[int, dict[str, tuple[str, Decimal]]] = {}
    for a in DpaLineAkun.objects.filter(line__version=current).order_by("line", "order"):
        akun.setdefault(a.line_id, {})[a.code] = (a.name, a.amount)
    given = {}
    for row in parsed.rows:
        line = old.get(row.code)
        if line is None:
            issues.append(ImportIssue(row.row, "", str(KAS_NOT_IN_DPA % {"code": row.code, "version": current})))
            continue
        given[row.code] = row
        probe = importer.ParsedLine(row=row.row, code=row.code, name=line.name, program_code="", kegiatan_code="", pagu=line.pagu,
                                    kas=row.kas, months=row.months)  # fmt: skip
        importer.check_kas(probe, issues, "")
    if issues:
        raise DpaImportInvalid(sorted(issues, key=lambda i: (i.row is None, i.row or 0)), parsed)
    lines = []
    for code, line in old.items():
        row = given.get(code)
        lines.append(
            importer.ParsedLine(
                row=line.source_row or 0, code=code, name=line.name, program_code=line.program_code, kegiatan_code=line.kegiatan_code,
                sumber_dana=line.sumber_dana, pagu=line.pagu, kas=row.kas if row else line.kas, months=row.months if row else line.months,
                program_name=line.program_name, kegiatan_name=line.kegiatan_name, akun=akun.get(line.pk, {}),
            )
        )  # fmt: skip
    parsed_dpa = ParsedDpa(sheet=parsed.sheet, layout="KAS", header_row=parsed.header_row, lines=lines, warnings=list(parsed.warnings))
    missing = len(old) - len(given)
    if missing:
        parsed_dpa.warnings.append(str(KAS_UNCHANGED_LINES % {"n": missing, "version": current}))
    preview = DpaPreview(parsed=parsed_dpa, diff=importer.diff_lines(version_lines(current), lines), current=current,
                         sha256=sha256_of(data), unmatched=[])  # fmt: skip
    return _apply(organisation=organisation, year=year, preview=preview, kind=current.kind, number=current.number,
                  document_date=current.document_date, source_name=source_name, user=user)  # fmt: skip


# ---------------------------------------------------------------------------------------------------
# Realisasi anggaran
# ---------------------------------------------------------------------------------------------------


def _check_series(series: dict[int, Decimal | None], pagu: Decimal) -> list[tuple[int, str]]:
    """Cumulative realisasi: not negative, never above pagu, never decreasing (quarter, message)."""
    problems: list[tuple[int, str]] = []
    previous: tuple[int, Decimal] | None = None
    for q in (1, 2, 3, 4):
        v = series.get(q)
        if v is None:
            continue
        if v < 0:
            problems.append((q, str(NEGATIVE)))
        elif v > pagu:
            problems.append((q, str(ABOVE_PAGU % {"q": q, "v": format_rupiah(v), "pagu": format_rupiah(pagu)})))
        if previous is not None and v < previous[1]:
            problems.append((q, str(DECREASING % {"q": q, "v": format_rupiah(v), "p": previous[0], "pv": format_rupiah(previous[1])})))
        previous = (q, v)
    return problems


def _write(
    *, organisation: Organisation, year: int, code: str, quarter: int, amount: Decimal | None, existing: Any, source: str, user: Any
) -> bool:
    if existing is None and amount is None:
        return False
    if existing is not None and existing.amount == amount:
        return False
    obj = existing or RealisasiAnggaran(organisation=organisation, year=year, code=code, quarter=quarter)
    obj.amount = amount
    obj.source = source[:300]
    obj.updated_by = user
    obj.full_clean(validate_unique=False)
    obj.save()
    return True


@transaction.atomic
def realisasi_save(*, organisation: Organisation, year: int, quarter: int, values: dict[str, Decimal | None], stamp: str, user: Any) -> int:
    """Save the grid of one triwulan: realisasi s/d that triwulan per sub kegiatan code (None clears).

    Refused whole (nothing saved) when another save happened since the grid was opened (``stamp``),
    or when any value is negative, above pagu, or breaks the cumulative order with the stored
    neighbouring triwulan, or when a submitted or approved report shows that triwulan (code ``frozen``).
    Returns the number of changed cells."""
    _lock_organisation(organisation)  # two grids opened on one stamp: the second sees the first's save
    _lock_period(organisation, year)
    _assert_quarter_editable(organisation, year, quarter)
    if stamp != grid_stamp(organisation=organisation, year=year):
        raise GridConflict(STALE_GRID, code="conflict")
    version = version_in_force(organisation=organisation, year=year)
    if version is None:
        raise ValidationError(NO_DPA % {"year": year})
    lines = {line.code: line for line in version.lines.all()}
    stored = realisasi_by_code(organisation=organisation, year=year)
    errors: dict[str, list[str]] = {}
    for code, value in values.items():
        if code not in lines:
            errors.setdefault(code, []).append(str(UNKNOWN_CODE % {"code": code}))
            continue
        series = {q: r.amount for q, r in stored.get(code, {}).items()}
        series[quarter] = value
        for q, message in _check_series(series, lines[code].pagu):
            if q == quarter or value is not None:
                errors.setdefault(code, []).append(message)
    if errors:
        raise ValidationError(errors)
    changed = 0
    for code, value in values.items():
        changed += _write(
            organisation=organisation, year=year, code=code, quarter=quarter, amount=value,
            existing=stored.get(code, {}).get(quarter), source="isian langsung", user=user,
        )  # fmt: skip
    return changed


@dataclass
class RealisasiImportResult:
    changed: int
    unchanged: int
    quarters: tuple[int, ...]
    warnings: list[str]


@transaction.atomic
def realisasi_import(
    *, organisation: Organisation, year: int, data: bytes, source_name: str, user: Any, quarter: int | None = None
) -> RealisasiImportResult:
    """Import realisasi anggaran from a workbook (code and triwulan columns), all or nothing.

    Every row must name a sub kegiatan of the DPA in force; values are validated against pagu and
    the cumulative order (with the stored triwulan the file leaves blank). A blank cell leaves the
    stored value unchanged. A value that would change a triwulan shown by a submitted or approved report
    is an issue of its row and column (the lock message): then nothing is written, not even the open
    triwulan. ``quarter`` is the "s/d triwulan" of a column that names none ("Nilai Realisasi") when the file's title
    does not name it either (issue 20)."""
    try:
        parsed = importer.parse_realisasi(data, quarter=quarter)
    except ImportRejected as exc:
        raise DpaImportInvalid(exc.issues) from None
    wrong = _wrong_file(parsed.title_lines, organisation, year)
    if wrong:
        raise DpaImportInvalid(wrong, parsed)
    _lock_organisation(organisation)  # validated against the stored realisasi: no save in between
    _lock_period(organisation, year)
    upto = frozen_upto(organisation, year)
    issues = list(parsed.errors)
    version = version_in_force(organisation=organisation, year=year)
    if version is None:
        raise DpaImportInvalid([ImportIssue(None, "", str(NO_DPA % {"year": year}))])
    lines = {line.code: line for line in version.lines.all()}
    stored = realisasi_by_code(organisation=organisation, year=year)
    for row in parsed.rows:
        line = lines.get(row.code)
        if line is None:
            issues.append(ImportIssue(row.row, row.column, str(UNKNOWN_CODE % {"code": row.code})))
            continue
        series: dict[int, Decimal | None] = {q: r.amount for q, r in stored.get(row.code, {}).items()}
        for q, amount in row.cumulative.items():
            if q <= upto and series.get(q) != amount:
                try:
                    _assert_quarter_editable(organisation, year, q)
                except ValidationError as exc:
                    issues.append(ImportIssue(row.row, parsed.quarter_columns.get(q, f"TW {q}"), exc.messages[0]))
        series.update(row.cumulative)
        for q, message in _check_series(series, line.pagu):
            issues.append(ImportIssue(row.row, parsed.quarter_columns.get(q, f"TW {q}"), message))
    if issues:
        issues.sort(key=lambda i: (i.row is None, i.row or 0))
        raise DpaImportInvalid(issues, parsed)
    source = f"impor {source_name} (SHA-256 {sha256_of(data)[:12]})"
    changed = unchanged = 0
    for row in parsed.rows:
        for q, amount in row.cumulative.items():
            did = _write(
                organisation=organisation, year=year, code=row.code, quarter=q, amount=amount,
                existing=stored.get(row.code, {}).get(q), source=source, user=user,
            )  # fmt: skip
            changed += did
            unchanged += not did
    return RealisasiImportResult(changed=changed, unchanged=unchanged, quarters=parsed.quarters, warnings=parsed.warnings)


@transaction.atomic
def pendapatan_save(
    *, organisation: Organisation, year: int, quarter: int, name: str, code: str = "", anggaran: Decimal | None = None,
    target: Decimal | None = None, realisasi: Decimal | None = None, user: Any = None,
) -> Pendapatan:  # fmt: skip
    """Save one jenis pendapatan s/d ``quarter`` (the row of that name, else a new one). A triwulan shown
    by a submitted or approved report is refused (the lock message) and nothing is written."""
    _lock_period(organisation, year)
    _assert_quarter_editable(organisation, year, quarter)
    row = Pendapatan.objects.filter(organisation=organisation, year=year, quarter=quarter, name=name.strip()).first()
    row = row or Pendapatan(organisation=organisation, year=year, quarter=quarter, name=name.strip())
    row.code, row.anggaran, row.target, row.realisasi, row.updated_by = code.strip(), anggaran, target, realisasi, user
    row.full_clean()
    row.save()
    return row


# ---------------------------------------------------------------------------------------------------
# Budget documents as summaries: belanja per kode akun (LRA, Tabel 2.6)
# ---------------------------------------------------------------------------------------------------

UNKNOWN_DOKUMEN = _("Jenis dokumen anggaran tidak dikenal: %(kind)s.")
UNKNOWN_AKUN = _("Kode akun %(code)s bukan kode akun belanja yang dikenal.")
NEGATIVE_AKUN = _("Belanja %(code)s tidak boleh negatif.")
AKUN_OVERLAP = _(
    "Kode akun %(parent)s dan rinciannya %(child)s diisi bersamaan. Isi salah satu saja: jumlah %(parent)s dihitung dari rinciannya."
)
COUNTS_NOT_FOR_REALISASI = _("Jumlah program, kegiatan, dan sub kegiatan tidak diisi untuk realisasi anggaran.")
COUNT_ORDER = _("Jumlah %(lower)s (%(n)s) tidak boleh lebih kecil dari jumlah %(upper)s (%(m)s).")
DPA_TOTAL_MISMATCH = _(
    "Jumlah belanja per kode akun (%(akun)s) tidak sama dengan pagu %(version)s yang sudah diimpor (%(pagu)s). Periksa isiannya."
)
REALISASI_ABOVE_ANGGARAN = _("Realisasi %(code)s (%(v)s) melebihi anggaran %(code)s pada %(dokumen)s (%(a)s).")
#: Who enters which document: the pemda admin the DPA and DPPA (as they import them), the kecamatan's
#: operator its Renja and the realisasi.
ADMIN_DOKUMEN = (DokumenKind.MURNI, DokumenKind.PERUBAHAN)


def _anggaran_in_force(organisation: Organisation, year: int) -> DokumenAnggaran | None:
    return (
        DokumenAnggaran.objects.filter(organisation=organisation, year=year, kind__in=ADMIN_DOKUMEN, akun__isnull=False)
        .distinct()
        .order_by("-kind")  # "perubahan" before "murni"
        .first()
    )


@transaction.atomic
def dokumen_anggaran_save(
    *, organisation: Organisation, year: int, kind: str, amounts: dict[str, Decimal | None], program_count: int | None = None,
    kegiatan_count: int | None = None, sub_kegiatan_count: int | None = None, user: Any = None,
) -> DokumenAnggaran | None:  # fmt: skip
    """Save a budget document of ``year`` as a summary: its belanja per kode akun (``amounts``: the whole
    set; a blank amount removes the kode akun) and, for a Renja or a DPA whose lines are not imported, the
    number of programs, kegiatan and sub kegiatan it states.

    Refused whole, nothing written: an unknown kode akun or a negative amount; a kode akun stated with one
    under it (each amount at one level, every total a sum); counts for the realisasi, or fewer kegiatan than
    programs (sub kegiatan than kegiatan); a DPA or DPPA whose belanja differs from the pagu of the version
    of that kind already imported; a realisasi above the anggaran of the DPA in force for the same kode
    akun; a triwulan shown by a submitted or approved report (the lock message). Nothing stated at all
    removes the document (None)."""
    if kind not in DokumenKind.values:
        raise ValidationError(UNKNOWN_DOKUMEN % {"kind": kind})
    _lock_period(organisation, year)
    _assert_quarter_editable(organisation, year, DokumenAnggaran(kind=kind).lock_quarter)
    stated = {code.strip(): v for code, v in amounts.items() if v is not None}
    errors: list[str] = []
    for code, value in stated.items():
        if code not in AKUN_BELANJA:
            errors.append(str(UNKNOWN_AKUN % {"code": code}))
        elif value < 0:
            errors.append(str(NEGATIVE_AKUN % {"code": code}))
    errors += [str(AKUN_OVERLAP % {"parent": a, "child": b}) for a, b in calc.akun_overlaps(stated)]
    counts = {"program": program_count, "kegiatan": kegiatan_count, "sub kegiatan": sub_kegiatan_count}
    if kind == DokumenKind.REALISASI and any(v is not None for v in counts.values()):
        errors.append(str(COUNTS_NOT_FOR_REALISASI))
    for upper, lower in (("program", "kegiatan"), ("kegiatan", "sub kegiatan")):
        m, n = counts[upper], counts[lower]
        if m is not None and n is not None and n < m:
            errors.append(str(COUNT_ORDER % {"lower": lower, "n": n, "upper": upper, "m": m}))
    total = calc.akun_total(stated, "5")
    if kind in ADMIN_DOKUMEN and total is not None:
        version = DpaVersion.objects.filter(organisation=organisation, year=year, kind=kind).order_by("-sequence").first()
        pagu = sum((line.pagu for line in version.lines.all()), Decimal(0)) if version is not None else None
        if pagu is not None and pagu != total:
            errors.append(str(DPA_TOTAL_MISMATCH % {"akun": format_rupiah(total), "version": version, "pagu": format_rupiah(pagu)}))
    if kind == DokumenKind.REALISASI:
        anggaran = _anggaran_in_force(organisation, year)
        planned = {a.akun: a.amount for a in anggaran.akun.all()} if anggaran is not None else {}
        for code, value in sorted(stated.items()):
            limit = calc.akun_total(planned, code)
            if code in AKUN_BELANJA and limit is not None and value > limit:
                errors.append(str(REALISASI_ABOVE_ANGGARAN % {
                    "code": code, "v": format_rupiah(value), "dokumen": anggaran, "a": format_rupiah(limit)}))  # fmt: skip
    if errors:
        raise ValidationError(errors)
    dokumen = DokumenAnggaran.objects.filter(organisation=organisation, year=year, kind=kind).first()
    if not stated and all(v is None for v in counts.values()):
        if dokumen is not None:
            dokumen.akun.all().delete()
            dokumen.delete()
        return None
    dokumen = dokumen or DokumenAnggaran(organisation=organisation, year=year, kind=kind)
    dokumen.program_count, dokumen.kegiatan_count, dokumen.sub_kegiatan_count = program_count, kegiatan_count, sub_kegiatan_count
    dokumen.updated_by = user
    dokumen.full_clean()
    dokumen.save()
    existing = {a.akun: a for a in dokumen.akun.all()}
    for code, row in existing.items():
        if code not in stated:
            row.delete()
    for code, value in stated.items():
        row = existing.get(code) or BelanjaAkun(dokumen=dokumen, akun=code)
        if row.pk is not None and row.amount == value:
            continue
        row.amount = value
        row.full_clean()
        row.save()
    return dokumen

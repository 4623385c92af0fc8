"""Budget pages. Thin views: scoped fetch (for_user / scoped_get), form, one service call, redirect.

Who may do what (docs/budgets.md): everyone who sees the kecamatan reads its DPA and realisasi;
the pemda admin imports the DPA; the kecamatan's operator enters and imports realisasi anggaran.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from apps.accounts.permissions import RoleRequiredMixin, scoped_get
from apps.core.periods import reporting_quarter
from apps.core.permissions import role_refusal
from apps.organisations.models import Organisation

from . import importer, selectors, services, workbooks
from .codes import AKUN_BELANJA
from .forms import (
    AnggaranKasUploadForm,
    DokumenAnggaranForm,
    DpaUploadForm,
    PendapatanForm,
    RealisasiGridForm,
    RealisasiUploadForm,
    akun_field_name,
)
from .models import DokumenKind, DpaVersion

NOTHING_SAVED = "Tidak ada yang disimpan."


def _organisation(request: HttpRequest, org_pk: int, *, write: bool = False) -> Organisation:
    return scoped_get(Organisation, request.user, write=write, queryset=Organisation.objects.select_related("pemda"), pk=org_pk)


def _admin_organisation(request: HttpRequest, org_pk: int) -> Organisation:
    """404 outside the user's scope, 403 for anyone but the pemda admin."""
    organisation = _organisation(request, org_pk)
    if not selectors.can_import_dpa(request.user, organisation):
        raise PermissionDenied(role_refusal(("admin",)))
    return organisation


def _quarter(q: int | str | None, default: int = 4) -> int:
    try:
        q = int(q) if q is not None else default
    except (TypeError, ValueError):
        raise Http404 from None
    if q not in (1, 2, 3, 4):
        raise Http404
    return q


def _xlsx(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=workbooks.XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class BudgetCurrentView(RoleRequiredMixin, View):
    """The org tab: the latest year with a DPA, else the reporting year."""

    def get(self, request: HttpRequest, org_pk: int) -> HttpResponse:
        organisation = _organisation(request, org_pk)
        years = selectors.dpa_years(organisation=organisation)
        year = years[0] if years else reporting_quarter(timezone.localdate()).year
        return redirect("budgets:dpa", org_pk=organisation.pk, year=year)


class DpaView(RoleRequiredMixin, View):
    """The DPA in force as program > kegiatan > sub kegiatan, with realisasi and serapan s/d TW n."""

    def get(self, request: HttpRequest, org_pk: int, year: int) -> HttpResponse:
        organisation = _organisation(request, org_pk)
        quarter = _quarter(request.GET.get("tw"))
        overview = selectors.budget_overview(organisation=organisation, year=year, quarter=quarter)
        return render(
            request,
            "budgets/dpa.html",
            {
                "organisation": organisation, "year": year, "quarter": quarter, "quarters": [1, 2, 3, 4], "o": overview,
                "years": selectors.dpa_years(organisation=organisation),
                "can_import": selectors.can_import_dpa(request.user, organisation),
                "can_enter": selectors.can_enter_realisasi(request.user, organisation),
            },
        )  # fmt: skip


class DpaVersionView(RoleRequiredMixin, View):
    """One version's lines, and what changed from the version before it."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        version = scoped_get(DpaVersion, request.user, queryset=DpaVersion.objects.select_related("organisation__pemda"), pk=pk)
        previous = selectors.previous_version(version)
        lines = selectors.version_lines(version)
        diff = importer.diff_lines(selectors.version_lines(previous) if previous else None, lines)
        overview = selectors.budget_overview(organisation=version.organisation, year=version.year, version=version)
        return render(
            request,
            "budgets/version.html",
            {"organisation": version.organisation, "version": version, "previous": previous, "diff": diff, "o": overview},
        )


class DpaImportView(RoleRequiredMixin, View):
    """Upload: parse and validate; errors are listed and nothing is stored; a valid file goes to the preview."""

    def get(self, request: HttpRequest, org_pk: int, year: int) -> HttpResponse:
        organisation = _admin_organisation(request, org_pk)
        return render(request, "budgets/import.html", {"organisation": organisation, "year": year, "form": DpaUploadForm()})

    def post(self, request: HttpRequest, org_pk: int, year: int) -> HttpResponse:
        organisation = _admin_organisation(request, org_pk)
        form = DpaUploadForm(request.POST, request.FILES)
        ctx = {"organisation": organisation, "year": year, "form": form}
        if not form.is_valid():
            return render(request, "budgets/import.html", ctx)
        d = form.cleaned_data
        try:
            upload, _preview = services.dpa_upload_create(
                organisation=organisation, year=year, kind=d["kind"], number=d["number"], document_date=d["document_date"],
                source_name=d["file"].name, data=d["file"].read(), user=request.user,
            )  # fmt: skip
        except services.DpaImportInvalid as exc:
            messages.error(request, _("Berkas ditolak: %(n)s masalah. %(nothing)s") % {"n": len(exc.issues), "nothing": _(NOTHING_SAVED)})
            return render(request, "budgets/import.html", {**ctx, "issues": exc.issues, "parsed": exc.parsed}, status=422)
        except services.NothingToImport as exc:
            messages.info(request, exc.message)
            return redirect("budgets:dpa", org_pk=organisation.pk, year=year)
        return redirect("budgets:dpa_preview", pk=upload.pk)


class AnggaranKasImportView(RoleRequiredMixin, View):
    """The anggaran kas document (issue 20) as a new version of the DPA in force, by the pemda admin; all or nothing."""

    def _page(self, request: HttpRequest, organisation: Organisation, year: int, form: Any, **extra: Any) -> HttpResponse:
        current = selectors.version_in_force(organisation=organisation, year=year)
        ctx = {"organisation": organisation, "year": year, "form": form, "current": current, **extra}
        return render(request, "budgets/anggaran_kas_import.html", ctx, status=422 if extra.get("issues") else 200)

    def get(self, request: HttpRequest, org_pk: int, year: int) -> HttpResponse:
        return self._page(request, _admin_organisation(request, org_pk), year, AnggaranKasUploadForm())

    def post(self, request: HttpRequest, org_pk: int, year: int) -> HttpResponse:
        organisation = _admin_organisation(request, org_pk)
        form = AnggaranKasUploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self._page(request, organisation, year, form)
        upload = form.cleaned_data["file"]
        try:
            version = services.anggaran_kas_import(
                organisation=organisation, year=year, data=upload.read(), source_name=upload.name, user=request.user
            )
        except services.DpaImportInvalid as exc:
            messages.error(request, _("Berkas ditolak: %(n)s masalah. %(nothing)s") % {"n": len(exc.issues), "nothing": _(NOTHING_SAVED)})
            return self._page(request, organisation, year, form, issues=exc.issues)
        except services.NothingToImport as exc:
            messages.info(request, exc.message)
            return redirect("budgets:dpa", org_pk=organisation.pk, year=year)
        messages.success(request, _("Anggaran kas disimpan sebagai %(v)s.") % {"v": version})
        return redirect("budgets:version", pk=version.pk)


class DpaPreviewView(RoleRequiredMixin, View):
    """The stored upload: tree with totals, differences from the version in force; POST confirms."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        upload = selectors.pending_upload(user=request.user, pk=pk)
        if upload.version_id:
            return redirect("budgets:version", pk=upload.version_id)
        try:
            preview = services.dpa_upload_preview(upload=upload)
        except (services.NothingToImport, services.DpaImportInvalid) as exc:
            messages.info(request, getattr(exc, "message", None) or " ".join(exc.messages))  # type: ignore[union-attr]
            return redirect("budgets:dpa", org_pk=upload.organisation_id, year=upload.year)
        rows, total = selectors.preview_rows(preview.parsed.tree, preview.parsed.lines)
        return render(
            request,
            "budgets/preview.html",
            {"organisation": upload.organisation, "upload": upload, "p": preview, "rows": rows, "total": total, "year": upload.year},
        )

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        upload = selectors.pending_upload(user=request.user, pk=pk)
        try:
            version = services.dpa_version_create(upload=upload, user=request.user, acknowledged=request.POST.get("acknowledge") == "1")
        except services.NeedsAcknowledgement as exc:
            messages.error(request, _("%(why)s %(nothing)s") % {"why": exc.messages[0], "nothing": _(NOTHING_SAVED)})
            return redirect("budgets:dpa_preview", pk=upload.pk)
        except services.NothingToImport as exc:
            messages.info(request, exc.message)
            return redirect("budgets:dpa", org_pk=upload.organisation_id, year=upload.year)
        except services.DpaImportInvalid as exc:
            messages.error(request, " ".join(str(i) for i in exc.issues[:5]))
            return redirect("budgets:dpa_import", org_pk=upload.organisation_id, year=upload.year)
        messages.success(request, _("%(v)s disimpan: %(n)s sub kegiatan.") % {"v": version, "n": version.lines.count()})
        return redirect("budgets:version", pk=version.pk)


class DpaTemplateView(RoleRequiredMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        return _xlsx(workbooks.dpa_template(), "templat-dpa-lkjip.xlsx")


class RealisasiGridView(RoleRequiredMixin, View):
    """Realisasi anggaran s/d one triwulan for every sub kegiatan; the kecamatan's operator edits."""

    template = "budgets/grid.html"

    def _render(self, request: HttpRequest, organisation: Organisation, year: int, quarter: int, form=None, status=200) -> HttpResponse:  # type: ignore[no-untyped-def]
        overview = selectors.budget_overview(organisation=organisation, year=year, quarter=quarter)
        lines = [r.line for r in overview.rows if r.is_leaf]
        editable = selectors.can_enter_realisasi(request.user, organisation) and overview.version is not None
        if form is None:
            initial = {f"r{r.line.pk}": r.realisasi for r in overview.rows if r.is_leaf}
            form = RealisasiGridForm(initial={**initial, "stamp": selectors.grid_stamp(organisation=organisation, year=year)}, lines=lines)
        for row in overview.rows:
            row.grid_field = form.field_for(row.line) if row.is_leaf and f"r{row.line.pk}" in form.fields else None
        ctx = {"organisation": organisation, "year": year, "quarter": quarter, "quarters": [1, 2, 3, 4], "o": overview,
               "form": form, "can_edit": editable}  # fmt: skip
        return render(request, self.template, ctx, status=status)

    def get(self, request: HttpRequest, org_pk: int, year: int, quarter: int) -> HttpResponse:
        return self._render(request, _organisation(request, org_pk), year, _quarter(quarter))

    def post(self, request: HttpRequest, org_pk: int, year: int, quarter: int) -> HttpResponse:
        organisation = _organisation(request, org_pk, write=True)
        quarter = _quarter(quarter)
        version = selectors.version_in_force(organisation=organisation, year=year)
        form = RealisasiGridForm(request.POST, lines=selectors.version_lines(version) if version else [])
        if not form.is_valid():
            messages.error(request, _("Periksa isian yang ditandai. %(nothing)s") % {"nothing": _(NOTHING_SAVED)})
            return self._render(request, organisation, year, quarter, form, status=422)
        try:
            changed = services.realisasi_save(
                organisation=organisation, year=year, quarter=quarter, values=form.values(), stamp=form.cleaned_data["stamp"],
                user=request.user,
            )  # fmt: skip
        except services.GridConflict as exc:
            messages.error(request, exc.messages[0])
            return self._render(request, organisation, year, quarter, status=409)
        except ValidationError as exc:
            if services.is_frozen(exc):  # a submitted or approved report shows this triwulan
                messages.error(request, f"{exc.messages[0]} {_(NOTHING_SAVED)}")
                return self._render(request, organisation, year, quarter, status=409)
            by_code = {code: name for name, code in form.codes.items()}
            for code, msgs in exc.message_dict.items() if hasattr(exc, "error_dict") else [(None, exc.messages)]:
                for m in msgs:
                    form.add_error(by_code.get(code), m)  # type: ignore[arg-type]
            messages.error(request, _("Periksa isian yang ditandai. %(nothing)s") % {"nothing": _(NOTHING_SAVED)})
            return self._render(request, organisation, year, quarter, form, status=422)
        messages.success(request, _("Realisasi anggaran s/d TW %(q)s disimpan (%(n)s sel berubah).") % {"q": quarter, "n": changed})
        return redirect("budgets:grid", org_pk=organisation.pk, year=year, quarter=quarter)


class RealisasiImportView(RoleRequiredMixin, View):
    """Realisasi anggaran from a workbook, all or nothing (the kecamatan's operator)."""

    def get(self, request: HttpRequest, org_pk: int, year: int) -> HttpResponse:
        organisation = _organisation(request, org_pk, write=True)
        return render(request, "budgets/realisasi_import.html", {"organisation": organisation, "year": year, "form": RealisasiUploadForm()})

    def post(self, request: HttpRequest, org_pk: int, year: int) -> HttpResponse:
        organisation = _organisation(request, org_pk, write=True)
        form = RealisasiUploadForm(request.POST, request.FILES)
        ctx = {"organisation": organisation, "year": year, "form": form}
        if not form.is_valid():
            return render(request, "budgets/realisasi_import.html", ctx)
        upload = form.cleaned_data["file"]
        try:
            result = services.realisasi_import(
                organisation=organisation, year=year, data=upload.read(), source_name=upload.name, user=request.user,
                quarter=form.cleaned_data.get("quarter"),
            )  # fmt: skip
        except services.DpaImportInvalid as exc:
            messages.error(request, _("Berkas ditolak: %(n)s masalah. %(nothing)s") % {"n": len(exc.issues), "nothing": _(NOTHING_SAVED)})
            return render(request, "budgets/realisasi_import.html", {**ctx, "issues": exc.issues}, status=422)
        for w in result.warnings:
            messages.warning(request, w)
        messages.success(
            request, _("Realisasi anggaran diimpor: %(c)s sel berubah, %(u)s sama.") % {"c": result.changed, "u": result.unchanged}
        )
        return redirect("budgets:grid", org_pk=organisation.pk, year=year, quarter=max(result.quarters or (4,)))


class RealisasiTemplateView(RoleRequiredMixin, View):
    def get(self, request: HttpRequest, org_pk: int, year: int) -> HttpResponse:
        organisation = _organisation(request, org_pk)
        version = selectors.version_in_force(organisation=organisation, year=year)
        content = workbooks.realisasi_template(
            organisation=organisation, year=year, lines=selectors.version_lines(version) if version else [],
            stored=selectors.realisasi_by_code(organisation=organisation, year=year),
        )  # fmt: skip
        return _xlsx(content, f"realisasi-anggaran-{organisation.slug}-{year}.xlsx")


class PendapatanView(RoleRequiredMixin, View):
    """Pendapatan asli daerah the kecamatan collects: everyone who sees the kecamatan reads it; its operator enters it."""

    def _render(self, request: HttpRequest, organisation: Organisation, year: int, form: PendapatanForm, status: int = 200) -> HttpResponse:
        ctx = {
            "organisation": organisation, "year": year, "form": form,
            "rows": selectors.pendapatan_rows(organisation=organisation, year=year),
            "can_edit": selectors.can_enter_realisasi(request.user, organisation),
        }  # fmt: skip
        return render(request, "budgets/pendapatan.html", ctx, status=status)

    def get(self, request: HttpRequest, org_pk: int, year: int) -> HttpResponse:
        organisation = _organisation(request, org_pk)
        return self._render(request, organisation, year, PendapatanForm(initial={"quarter": 4}))

    def post(self, request: HttpRequest, org_pk: int, year: int) -> HttpResponse:
        organisation = _organisation(request, org_pk, write=True)
        form = PendapatanForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Periksa isian yang ditandai. %(nothing)s") % {"nothing": _(NOTHING_SAVED)})
            return self._render(request, organisation, year, form)
        try:
            services.pendapatan_save(organisation=organisation, year=year, user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages) + " " + _(NOTHING_SAVED))
            return self._render(request, organisation, year, form, status=422)
        messages.success(request, _("Pendapatan disimpan."))
        return redirect("budgets:pendapatan", org_pk=organisation.pk, year=year)


class DokumenAnggaranView(RoleRequiredMixin, View):
    """A budget document of the year as belanja per kode akun (Renja, DPA, DPPA, realisasi): everyone who
    sees the kecamatan reads it; the pemda admin enters the DPA and DPPA, the operator the Renja and realisasi."""

    def _kind(self, kind: str) -> str:
        if kind not in DokumenKind.values:
            raise Http404
        return kind

    def _render(
        self,
        request: HttpRequest,
        organisation: Organisation,
        year: int,
        kind: str,
        form: DokumenAnggaranForm | None = None,
        status: int = 200,
    ) -> HttpResponse:
        documents = selectors.dokumen_anggaran(organisation=organisation, years=[year])
        current = next((d for d in documents if d.kind == kind), None)
        if form is None:
            initial = {akun_field_name(a.akun): a.amount for a in current.akun.all()} if current else {}
            if current is not None:
                initial |= {"program_count": current.program_count, "kegiatan_count": current.kegiatan_count,
                            "sub_kegiatan_count": current.sub_kegiatan_count}  # fmt: skip
            form = DokumenAnggaranForm(initial=initial)
        ctx = {
            "organisation": organisation, "year": year, "kind": kind, "kind_label": DokumenKind(kind).label, "kinds": DokumenKind.choices,
            "form": form, "documents": documents, "names": AKUN_BELANJA,
            "can_edit": selectors.can_enter_dokumen(request.user, organisation, kind),
        }  # fmt: skip
        return render(request, "budgets/dokumen_anggaran.html", ctx, status=status)

    def get(self, request: HttpRequest, org_pk: int, year: int, kind: str) -> HttpResponse:
        return self._render(request, _organisation(request, org_pk), year, self._kind(kind))

    def post(self, request: HttpRequest, org_pk: int, year: int, kind: str) -> HttpResponse:
        kind = self._kind(kind)
        organisation = _organisation(request, org_pk)
        if not selectors.can_enter_dokumen(request.user, organisation, kind):
            raise PermissionDenied
        form = DokumenAnggaranForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Periksa isian yang ditandai. %(nothing)s") % {"nothing": _(NOTHING_SAVED)})
            return self._render(request, organisation, year, kind, form)
        try:
            services.dokumen_anggaran_save(
                organisation=organisation, year=year, kind=kind, amounts=form.amounts(), user=request.user, **form.counts()
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages) + " " + _(NOTHING_SAVED))
            return self._render(request, organisation, year, kind, form, status=422)
        messages.success(request, _("%(dokumen)s tahun %(year)s disimpan.") % {"dokumen": DokumenKind(kind).label, "year": year})
        return redirect("budgets:dokumen_anggaran", org_pk=organisation.pk, year=year, kind=kind)

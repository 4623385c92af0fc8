"""Report pages and downloads: thin views over services and renderers."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from apps.accounts.permissions import RoleRequiredMixin, can_edit, scoped_get
from apps.organisations.models import Organisation

from . import services
from .forms import NarrativeForm
from .home import home_sections
from .models import NarrativeSection, Period, Report
from .renderers import RENDERERS


class HomeView(RoleRequiredMixin, View):
    """The home page (``/``): one section per role the user holds: what is due, what awaits, which kecamatan."""

    def get(self, request: HttpRequest) -> HttpResponse:
        today = timezone.localdate()
        return render(request, "reports/home.html", {"sections": home_sections(request.user, today), "today": today})


class ReportIndexView(RoleRequiredMixin, View):
    def get(self, request: HttpRequest, org_pk: int) -> HttpResponse:
        organisation = scoped_get(Organisation, request.user, pk=org_pk)
        reports = Report.objects.for_user(request.user).filter(organisation=organisation)
        from apps.agreements.models import PerjanjianKinerja

        years = sorted(set(PerjanjianKinerja.objects.filter(organisation=organisation).values_list("year", flat=True)), reverse=True)
        return render(
            request, "reports/index.html", {"organisation": organisation, "reports": reports, "years": years, "periods": Period.choices}
        )


def _period_report(request: HttpRequest, org_pk: int, year: int, period: str, *, write: bool = False) -> Report:
    """The report of an organisation-period in the user's scope: its row, or an unsaved draft (never created here)."""
    organisation = scoped_get(Organisation, request.user, write=write, queryset=Organisation.objects.select_related("pemda"), pk=org_pk)
    if period not in Period.values or not (2000 <= year <= 2100):
        raise Http404
    return services.report_for_period(organisation=organisation, year=year, period=period)


class ReportView(RoleRequiredMixin, View):
    """The report page. An approved or reviewed report shows its approved version (the snapshot's HTML)
    with a banner; any other shows live data. Opening it never creates the report row."""

    def get(self, request: HttpRequest, org_pk: int, year: int, period: str) -> HttpResponse:
        from .freeze import frozen_upto
        from .models import Status
        from .snapshot import page_document_html, snapshot_document_html
        from .workflow import latest_snapshot

        report = _period_report(request, org_pk, year, period)
        organisation = report.organisation
        snapshot = latest_snapshot(report) if report.pk else None
        editable = can_edit(request.user, organisation) and frozen_upto(organisation.pk, year) < report.quarter
        approved = snapshot if snapshot is not None and report.status in (Status.APPROVED, Status.REVIEWED) else None
        if approved is not None:
            title, document_html = approved.document.get("title", str(report)), snapshot_document_html(approved)
        else:
            doc = services.report_document(report=report)
            title, document_html = doc.title, page_document_html(doc, report=report, editable=editable)
        ctx = {
            "organisation": organisation,
            "report": report,
            "title": title,
            "document_html": document_html,
            "approved": approved,
            "periods": Period.choices,
            "editable": editable,
            "snapshot": snapshot,
            "events": list(report.events.select_related("actor")) if report.pk else [],
            "notes": list(report.review_notes.select_related("author")) if report.pk else [],
            "roles": {m.role for m in request.user.active_memberships()},
        }
        return render(request, "reports/page.html", ctx)


PDF_NEEDS_REPORT = _("Belum ada Perjanjian Kinerja %(org)s tahun %(year)s, jadi belum ada laporan yang dapat dicetak sebagai PDF.")


class ReportDownloadView(RoleRequiredMixin, View):
    """A report in one format (by its row, or by its period when it may have none): an approved or
    reviewed report's stored version in every format (PDF, XLSX, JSON and the page's HTML), else live data."""

    def get(self, request: HttpRequest, fmt: str, pk: int | None = None, **period: object) -> HttpResponse:
        if pk is not None:
            report = scoped_get(Report, request.user, queryset=Report.objects.select_related("organisation__pemda"), pk=pk)
        else:
            report = _period_report(request, **period)  # type: ignore[arg-type]
        if fmt not in RENDERERS:
            raise Http404
        from .models import Status
        from .workflow import latest_snapshot

        snapshot = latest_snapshot(report) if report.pk and report.status in (Status.APPROVED, Status.REVIEWED) else None
        if snapshot is not None:
            name, content_type, payload = stored_output(snapshot, fmt)
        elif fmt == "pdf":
            if report.pk is None:
                # A PDF job belongs to a report row. Asking for a PDF is an explicit action, so it creates the
                # row, but only for a year the kecamatan reports on (it has a PK): opening a page never does.
                if not services.period_has_plan(organisation=report.organisation, year=report.year):
                    messages.info(request, PDF_NEEDS_REPORT % {"org": report.organisation, "year": report.year})
                    return redirect(report.get_absolute_url())
                report = services.report_get_or_create(organisation=report.organisation, year=report.year, period=report.period)
            from .tasks import enqueue_render

            job = enqueue_render(report=report, user=request.user)
            return redirect("reports:render_job", pk=job.pk)
        else:
            doc = services.report_document(report=report)
            name, content_type, payload = RENDERERS[fmt](doc)
        response = HttpResponse(payload, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


def stored_output(snapshot, fmt: str) -> tuple[str, str, bytes]:  # type: ignore[no-untyped-def]
    """The approved version's bytes: identical on every download, whatever changed since."""
    import json

    from django.utils.text import slugify

    base = f"{slugify(snapshot.document['title'])[:110]}-v{snapshot.version}"
    if fmt == "pdf":
        with snapshot.pdf.open("rb") as fh:
            return f"{base}.pdf", "application/pdf", fh.read()
    if fmt == "xlsx":
        from .renderers import XLSX

        return f"{base}.xlsx", XLSX, bytes(snapshot.xlsx)
    if fmt == "html":
        from .snapshot import snapshot_download_html

        return f"{base}.html", "text/html; charset=utf-8", snapshot_download_html(snapshot).encode("utf-8")
    payload = {**snapshot.document, "approved": {"version": snapshot.version, "sha256_pdf": snapshot.sha256, "token": str(snapshot.token)}}
    return f"{base}.json", "application/json", json.dumps(payload, ensure_ascii=False, indent=1).encode()


class NarrativeEditView(RoleRequiredMixin, View):
    """One narrative of a report (by its row, or by its period when it may have none). The form carries
    the narrative's revision: a save from a form opened before someone else's save is a 409."""

    def _report(self, request: HttpRequest, key: str, pk: int | None, period: dict) -> Report:
        if key not in NarrativeSection.Key.values:
            raise Http404
        if pk is not None:
            return scoped_get(Report, request.user, write=True, queryset=Report.objects.select_related("organisation__pemda"), pk=pk)
        return _period_report(request, **period, write=True)

    def _render(self, request: HttpRequest, report: Report, key: str, form: NarrativeForm, status: int = 200, **extra: object) -> HttpResponse:
        ctx = {"form": form, "report": report, "organisation": report.organisation, "label": NarrativeSection.Key(key).label, "key": key}
        return render(request, "reports/narrative.html", {**ctx, **extra}, status=status)

    def _form(self, report: Report, key: str, stored: NarrativeSection | None) -> NarrativeForm:
        text = stored.text if stored and stored.text else services.narrative_draft(report=report, key=key)
        return NarrativeForm(initial={"text": text, "revision": stored.revision if stored else 0})

    def get(self, request: HttpRequest, key: str, pk: int | None = None, **period: object) -> HttpResponse:
        report = self._report(request, key, pk, period)
        stored = NarrativeSection.objects.filter(report=report, key=key).first() if report.pk else None
        return self._render(request, report, key, self._form(report, key, stored))

    def post(self, request: HttpRequest, key: str, pk: int | None = None, **period: object) -> HttpResponse:
        from django.core.exceptions import ValidationError

        report = self._report(request, key, pk, period)
        form = NarrativeForm(request.POST)
        if not form.is_valid():
            return self._render(request, report, key, form)
        try:
            services.narrative_save(
                report=report, key=key, text=form.cleaned_data["text"], user=request.user, revision=form.cleaned_data["revision"]
            )
        except services.NarrativeConflict as exc:
            # Nothing saved: the form now holds the stored text and revision, the rejected text is shown below it.
            messages.error(request, exc.messages[0])
            return self._render(request, report, key, self._form(report, key, exc.current), status=409, rejected=form.cleaned_data["text"])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Narasi disimpan."))
        return redirect("reports:view", org_pk=report.organisation_id, year=report.year, period=report.period)


class PeriodSubmitView(RoleRequiredMixin, View):
    """POST only: submit the report of a period, which may have no row yet (its page does not create
    one). The row is created with the submission, in one savepoint: a refused submission leaves none."""

    def post(self, request: HttpRequest, org_pk: int, year: int, period: str) -> HttpResponse:
        from django.core.exceptions import PermissionDenied, ValidationError
        from django.db import transaction

        from . import workflow

        report = _period_report(request, org_pk, year, period)
        try:
            with transaction.atomic():
                report = services.report_get_or_create(organisation=report.organisation, year=year, period=period)
                workflow.report_submit(report=report, user=request.user)
        except PermissionDenied as exc:
            messages.error(request, str(exc) if str(exc) else _("Anda tidak berwenang melakukan tindakan ini."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Status laporan: %(s)s.") % {"s": Report.objects.get(pk=report.pk).get_status_display()})
        return redirect("reports:view", org_pk=org_pk, year=year, period=period)


# --- Workflow -------------------------------------------------------------------------------

ACTIONS = {
    "ajukan": ("report_submit", False),
    "kembalikan": ("report_return", True),
    "setujui": ("report_approve", False),
    "buka-kembali": ("report_reopen", True),
    "catatan-reviu": ("review_note_add", True),
    "kembalikan-reviu": ("review_return", True),
    "telah-direviu": ("review_complete", False),
}


class TransitionView(RoleRequiredMixin, View):
    """POST only: one workflow service per action; the service checks the role, this view only the scope."""

    def post(self, request: HttpRequest, pk: int, action: str) -> HttpResponse:
        from django.core.exceptions import PermissionDenied, ValidationError

        from . import workflow

        report = scoped_get(Report, request.user, queryset=Report.objects.select_related("organisation__pemda"), pk=pk)
        if action not in ACTIONS:
            raise Http404
        name, needs_text = ACTIONS[action]
        kwargs: dict = {"report": report, "user": request.user}
        text = request.POST.get("reason", "")[:5000]
        if name == "review_note_add":
            kwargs["text"] = text
        elif name == "review_complete":
            kwargs["notes"] = text
        elif needs_text:
            kwargs["reason"] = text
        try:
            getattr(workflow, name)(**kwargs)
        except PermissionDenied as exc:
            messages.error(request, str(exc) if str(exc) else _("Anda tidak berwenang melakukan tindakan ini."))
            return redirect(report.get_absolute_url())
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect(report.get_absolute_url())
        messages.success(request, _("Status laporan: %(s)s.") % {"s": Report.objects.get(pk=report.pk).get_status_display()})
        return redirect(report.get_absolute_url())


class ChangesView(RoleRequiredMixin, View):
    """What changed since the last approved version (for the camat before approving again)."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        from .diff import document_changes, evidence_changes
        from .renderers import document_dict
        from .workflow import evidence_list, latest_snapshot

        report = scoped_get(Report, request.user, queryset=Report.objects.select_related("organisation__pemda"), pk=pk)
        snapshot = latest_snapshot(report)
        changes = []
        if snapshot is not None:
            current = document_dict(services.report_document(report=report, day=snapshot.approved_at.date()))
            changes = document_changes(snapshot.document, current) + evidence_changes(snapshot.evidence, evidence_list(report))
        return render(
            request,
            "reports/changes.html",
            {"report": report, "organisation": report.organisation, "snapshot": snapshot, "changes": changes},
        )


class VerifyView(View):
    """Public: confirms that a PDF is the approved one (by the token printed on it, or by its SHA-256),
    or says that this version was withdrawn (reopened by the camat, returned by the Inspektorat)."""

    def get(self, request: HttpRequest, token: str | None = None) -> HttpResponse:
        from .models import ReportSnapshot
        from .verification import snapshot_standing

        snapshot = None
        sha = request.GET.get("sha256", "").strip().lower()
        if token:
            snapshot = ReportSnapshot.objects.filter(token=token).select_related("report__organisation__pemda", "approved_by").first()
        elif sha:
            snapshot = ReportSnapshot.objects.filter(sha256=sha).select_related("report__organisation__pemda", "approved_by").first()
        standing = snapshot_standing(snapshot) if snapshot is not None else None
        return render(
            request, "reports/verify.html", {"snapshot": snapshot, "standing": standing, "searched": bool(token or sha), "sha": sha[:64]}
        )


class PemdaOverviewView(RoleRequiredMixin, View):
    required_roles = ("inspektorat", "admin")

    def get(self, request: HttpRequest, pemda_pk: int, year: int) -> HttpResponse:
        from apps.organisations.models import Pemda

        from .pemda import pemda_overview

        pemda = get_object_or_404(Pemda.objects.overseen_by(request.user), pk=pemda_pk)
        rows = pemda_overview(pemda=pemda, year=year)
        return render(request, "reports/pemda.html", {"pemda": pemda, "year": year, "rows": rows})


class PemdaZipView(RoleRequiredMixin, View):
    """The approved LKjIP PDFs of the pemda's kecamatan for a year, in one zip (the stored bytes): the
    version in force of each report (approved or reviewed, its latest version), never a withdrawn one."""

    required_roles = ("inspektorat", "admin")

    def get(self, request: HttpRequest, pemda_pk: int, year: int) -> HttpResponse:
        import io
        import zipfile

        from django.utils.text import slugify

        from apps.organisations.models import Pemda

        from .pemda import approved_snapshots

        pemda = get_object_or_404(Pemda.objects.overseen_by(request.user), pk=pemda_pk)
        snapshots = approved_snapshots(pemda=pemda, year=year)
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
            for s in snapshots:
                with s.pdf.open("rb") as fh:
                    zf.writestr(f"LKjIP-{year}-{slugify(s.report.organisation.name)}-v{s.version}.pdf", fh.read())
            if not snapshots:
                zf.writestr("BACA.txt", "Belum ada LKjIP yang disetujui untuk tahun ini.\n")
        response = HttpResponse(buf.getvalue(), content_type="application/zip")
        response["Content-Disposition"] = f'attachment; filename="LKjIP-{year}-{slugify(pemda.name)}.zip"'
        return response


class EvidenceBundleView(RoleRequiredMixin, View):
    """One zip of all evidence of a report, indexed by indicator and quarter."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        import io
        import zipfile

        from django.utils.text import slugify

        from apps.core.spreadsheets import tsv_line
        from apps.realisations.evidence import zip_member_name
        from apps.realisations.models import Evidence

        report = scoped_get(Report, request.user, pk=pk)
        rows = (
            Evidence.objects.filter(
                realisation__indicator__organisation=report.organisation,
                realisation__year=report.year,
                realisation__quarter__lte=report.quarter,
            )
            .select_related("realisation__indicator")
            .order_by("realisation__indicator__name", "realisation__quarter", "pk")
        )
        buf = io.BytesIO()
        index = ["indikator\ttriwulan\tketerangan\tberkas/tautan\tsha256"]
        folders: dict[int, str] = {}  # indicator -> folder, distinct per indicator
        taken: set[str] = set()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
            for e in rows:
                indicator = e.realisation.indicator
                if indicator.pk not in folders:
                    slug = slugify(indicator.name)[:60].strip("-") or "indikator"
                    folders[indicator.pk] = slug if slug not in folders.values() else f"{slug}-{indicator.pk}"
                if e.file:
                    # quarter / indicator / original name with the detected type's extension; never the storage path
                    folder = f"TW{e.realisation.quarter}/{folders[indicator.pk]}"
                    name = zip_member_name(taken, folder, e.original_name, e.content_type)
                    with e.file.open("rb") as fh:
                        zf.writestr(name, fh.read())
                    index.append(tsv_line([indicator.name, e.realisation.quarter, e.description, name, e.sha256]))
                else:
                    index.append(tsv_line([indicator.name, e.realisation.quarter, e.description, e.url, ""]))
            zf.writestr("indeks.tsv", "\n".join(index) + "\n")
        response = HttpResponse(buf.getvalue(), content_type="application/zip")
        response["Content-Disposition"] = f'attachment; filename="bukti-{slugify(str(report))[:80]}.zip"'
        return response


class EvaluationView(RoleRequiredMixin, View):
    """The SAKIP evaluation of a kecamatan for a year: the Inspektorat records it, the kecamatan answers each recommendation."""

    def _ctx(self, request: HttpRequest, org_pk: int, year: int, form: object = None) -> dict:
        from .evaluation import nilai
        from .forms import EvaluationForm, FollowUpForm
        from .models import SakipEvaluation

        organisation = scoped_get(Organisation, request.user, queryset=Organisation.objects.select_related("pemda"), pk=org_pk)
        evaluation = SakipEvaluation.objects.filter(organisation=organisation, year=year).first()
        recs = list(evaluation.recommendations.select_related("follow_up")) if evaluation else []
        score = nilai(evaluation) if evaluation else None
        roles = {m.role for m in request.user.active_memberships()}
        return {
            "organisation": organisation, "year": year, "evaluation": evaluation, "score": score,
            "recommendations": [(r, FollowUpForm(prefix=f"r{r.pk}", instance=getattr(r, "follow_up", None))) for r in recs],
            "form": form or EvaluationForm(evaluation=evaluation), "can_evaluate": request.user.has_role("inspektorat", organisation),
            "can_follow_up": "operator" in roles and request.user.has_role("operator", organisation),
        }  # fmt: skip

    def get(self, request: HttpRequest, org_pk: int, year: int) -> HttpResponse:
        return render(request, "reports/evaluation.html", self._ctx(request, org_pk, year))

    def post(self, request: HttpRequest, org_pk: int, year: int) -> HttpResponse:
        from django.core.exceptions import ValidationError

        from . import evaluation as ev
        from .forms import EvaluationForm, FollowUpForm
        from .models import Recommendation

        organisation = scoped_get(Organisation, request.user, pk=org_pk)
        if "recommendation" in request.POST:
            rec = scoped_get(
                Recommendation,
                request.user,
                queryset=Recommendation.objects.filter(evaluation__organisation=organisation),
                pk=request.POST.get("recommendation", "0") if request.POST.get("recommendation", "").isdigit() else 0,
            )
            form = FollowUpForm(request.POST, prefix=f"r{rec.pk}")
            if form.is_valid():
                try:
                    ev.follow_up_save(recommendation=rec, user=request.user, data=form.cleaned_data)
                except ValidationError as exc:  # the LKjIP of the year is submitted or approved (apps.reports.freeze)
                    messages.error(request, " ".join(exc.messages))
                else:
                    messages.success(request, _("Tindak lanjut disimpan."))
            else:
                messages.error(request, _("Periksa isian tindak lanjut."))
            return redirect("reports:evaluation", org_pk=org_pk, year=year)
        form = EvaluationForm(request.POST)
        if form.is_valid():
            try:
                ev.evaluation_save(
                    organisation=organisation,
                    year=year,
                    user=request.user,
                    fields=form.fields_data(),
                    recommendations=form.cleaned_data["recommendations"].splitlines(),
                )
            except ValidationError as exc:
                from apps.core.forms import errors_by_field

                for field, msgs in errors_by_field(exc).items():
                    for m in msgs:
                        form.add_error(field if field in form.fields else None, m)
            else:
                messages.success(request, _("Hasil evaluasi disimpan."))
                return redirect("reports:evaluation", org_pk=org_pk, year=year)
        return render(request, "reports/evaluation.html", self._ctx(request, org_pk, year, form))


class RenderJobView(RoleRequiredMixin, View):
    """Progress of a background PDF; polled by htmx until the file is ready, then offered for download."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        from .models import RenderJob

        job = scoped_get(RenderJob, request.user, queryset=RenderJob.objects.select_related("report__organisation__pemda"), pk=pk)
        if job.requested_by_id != request.user.pk:
            raise Http404
        if request.GET.get("unduh") and job.state == RenderJob.State.DONE:
            from django.http import FileResponse

            return FileResponse(job.file.open("rb"), as_attachment=True, filename=job.filename, content_type="application/pdf")
        template = "reports/_render_job.html" if request.htmx else "reports/render_job.html"
        return render(request, template, {"job": job, "report": job.report, "organisation": job.report.organisation})

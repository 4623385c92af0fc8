"""The sarana dan prasarana and the penghargaan of a kecamatan for a year: everyone who sees the kecamatan reads them;
its operator enters them."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from apps import calculations as calc
from apps.accounts.permissions import RoleRequiredMixin, scoped_get
from apps.organisations.models import Organisation

from ..forms import PenghargaanForm, SarprasForm
from ..penghargaan import can_enter_penghargaan, penghargaan_rows, penghargaan_save, penghargaan_text
from ..sarpras import can_enter_sarpras, sarpras_rows, sarpras_save, sarpras_text

NOTHING_SAVED = "Tidak ada yang disimpan."


class SarprasView(RoleRequiredMixin, View):
    def _organisation(self, request: HttpRequest, org_pk: int, *, write: bool = False) -> Organisation:
        return scoped_get(Organisation, request.user, write=write, queryset=Organisation.objects.select_related("pemda"), pk=org_pk)

    def _render(
        self, request: HttpRequest, organisation: Organisation, year: int, form: SarprasForm | None, status: int = 200
    ) -> HttpResponse:
        rows = sarpras_rows(organisation=organisation, year=year)
        ctx = {
            "organisation": organisation, "year": year, "form": form or SarprasForm(initial={"items": sarpras_text(rows)}),
            "rows": [(r, calc.stock_ratio(r.hasil, r.standar)) for r in rows],
            "totals": calc.stock_totals([(r.hasil, r.standar) for r in rows]) if rows else None,
            "can_edit": can_enter_sarpras(request.user, organisation),
        }  # fmt: skip
        return render(request, "reports/sarpras.html", ctx, status=status)

    def get(self, request: HttpRequest, org_pk: int, year: int) -> HttpResponse:
        return self._render(request, self._organisation(request, org_pk), year, None)

    def post(self, request: HttpRequest, org_pk: int, year: int) -> HttpResponse:
        organisation = self._organisation(request, org_pk, write=True)
        form = SarprasForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Periksa isian yang ditandai.") + " " + _(NOTHING_SAVED))
            return self._render(request, organisation, year, form)
        try:
            count = sarpras_save(organisation=organisation, year=year, user=request.user, items=form.cleaned_data["items"])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages) + " " + _(NOTHING_SAVED))
            return self._render(request, organisation, year, form, status=422)
        messages.success(request, _("%(n)s barang sarana dan prasarana disimpan.") % {"n": count})
        return redirect("reports:sarpras", org_pk=organisation.pk, year=year)


class PenghargaanView(RoleRequiredMixin, View):
    """The awards of a year: listed for whoever sees the kecamatan, replaced by its operator (one per line)."""

    def _render(
        self, request: HttpRequest, organisation: Organisation, year: int, form: PenghargaanForm | None, status: int = 200
    ) -> HttpResponse:
        rows = penghargaan_rows(organisation=organisation, year=year)
        ctx = {
            "organisation": organisation, "year": year, "rows": rows,
            "form": form or PenghargaanForm(initial={"items": penghargaan_text(rows)}, year=year),
            "can_edit": can_enter_penghargaan(request.user, organisation),
        }  # fmt: skip
        return render(request, "reports/penghargaan.html", ctx, status=status)

    def get(self, request: HttpRequest, org_pk: int, year: int) -> HttpResponse:
        organisation = scoped_get(Organisation, request.user, queryset=Organisation.objects.select_related("pemda"), pk=org_pk)
        return self._render(request, organisation, year, None)

    def post(self, request: HttpRequest, org_pk: int, year: int) -> HttpResponse:
        organisation = scoped_get(Organisation, request.user, write=True, queryset=Organisation.objects.select_related("pemda"), pk=org_pk)
        form = PenghargaanForm(request.POST, year=year)
        if not form.is_valid():
            messages.error(request, _("Periksa isian yang ditandai.") + " " + _(NOTHING_SAVED))
            return self._render(request, organisation, year, form, status=422)
        try:
            count = penghargaan_save(organisation=organisation, year=year, user=request.user, items=form.cleaned_data["items"])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages) + " " + _(NOTHING_SAVED))
            return self._render(request, organisation, year, form, status=422)
        messages.success(request, _("%(n)s penghargaan disimpan.") % {"n": count})
        return redirect("reports:penghargaan", org_pk=organisation.pk, year=year)

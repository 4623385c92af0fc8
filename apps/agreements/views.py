"""Perjanjian Kinerja pages."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from apps.accounts.permissions import RoleRequiredMixin, can_edit, scoped_get
from apps.organisations.models import Organisation

from . import services
from .forms import PKAddItemForm, PKBudgetForm, PKCreateForm, PKHeaderForm, PKItemFormSet, attach_errors
from .models import PerjanjianKinerja, PKItem
from .selectors import pk_document, pk_list


class PKListView(RoleRequiredMixin, View):
    def get(self, request: HttpRequest, org_pk: int) -> HttpResponse:
        organisation = scoped_get(Organisation, request.user, pk=org_pk)
        editable = can_edit(request.user, organisation)
        return render(
            request,
            "agreements/list.html",
            {
                "organisation": organisation,
                "agreements": pk_list(organisation=organisation, user=request.user),
                "can_edit": editable,
                "form": PKCreateForm() if editable else None,
            },
        )

    def post(self, request: HttpRequest, org_pk: int) -> HttpResponse:
        organisation = scoped_get(Organisation, request.user, write=True, pk=org_pk)
        form = PKCreateForm(request.POST)
        if form.is_valid():
            try:
                agreement = services.pk_create_from_renstra(
                    organisation=organisation, year=form.cleaned_data["year"], signing_date=form.cleaned_data["signing_date"]
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("PK dibuat dari target Renstra. Periksa target triwulan dan anggaran."))
                return redirect("agreements:detail", pk=agreement.pk)
        return render(
            request,
            "agreements/list.html",
            {
                "organisation": organisation,
                "agreements": pk_list(organisation=organisation, user=request.user),
                "can_edit": True,
                "form": form,
            },
        )


class PKDetailView(RoleRequiredMixin, View):
    def _forms(self, agreement: PerjanjianKinerja, data: dict | None = None) -> dict:
        doc = pk_document(agreement=agreement)
        items = PKItem.objects.filter(agreement=agreement).select_related("indicator").order_by("order", "pk")
        return {
            "doc": doc,
            "header": PKHeaderForm(data, instance=agreement),
            "formset": PKItemFormSet(data, queryset=items),
            "budget_form": PKBudgetForm(data, programs=doc.programs, budgets=doc.budgets),
            "add_form": PKAddItemForm(agreement=agreement),
        }

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        agreement = scoped_get(
            PerjanjianKinerja, request.user, queryset=PerjanjianKinerja.objects.select_related("organisation__pemda", "renstra"), pk=pk
        )
        ctx = self._forms(agreement)
        return render(
            request,
            "agreements/detail.html",
            {**ctx, "agreement": agreement, "organisation": agreement.organisation, "can_edit": can_edit(request.user, agreement)},
        )

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        agreement = scoped_get(
            PerjanjianKinerja,
            request.user,
            write=True,
            queryset=PerjanjianKinerja.objects.select_related("organisation__pemda", "renstra"),
            pk=pk,
        )
        if "revise" in request.POST:
            return self._revise(request, agreement)
        if "add_item" in request.POST:
            return self._add_item(request, agreement)
        return self._save(request, agreement)

    def _revise(self, request: HttpRequest, agreement: PerjanjianKinerja) -> HttpResponse:
        try:
            new = services.pk_revise(agreement=agreement)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("agreements:detail", pk=agreement.pk)
        messages.success(request, _("PK perubahan dibuat."))
        return redirect("agreements:detail", pk=new.pk)

    def _add_item(self, request: HttpRequest, agreement: PerjanjianKinerja) -> HttpResponse:
        add = PKAddItemForm(request.POST, agreement=agreement)
        if not add.is_valid():
            messages.error(request, _("Pilih indikator dari Renstra PK ini."))
        else:
            try:
                services.pk_item_add(agreement=agreement, indicator=add.cleaned_data["indicator"])
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(request, _("Indikator ditambahkan."))
        return redirect("agreements:detail", pk=agreement.pk)

    def _save(self, request: HttpRequest, agreement: PerjanjianKinerja) -> HttpResponse:
        ctx = self._forms(agreement, request.POST)
        header, formset, budget_form = ctx["header"], ctx["formset"], ctx["budget_form"]
        if header.is_valid() and formset.is_valid() and budget_form.is_valid():
            try:
                deleted = [f.instance for f in formset.deleted_forms if f.instance.pk]
                kept = [f.instance for f in formset.forms if f not in formset.deleted_forms]
                services.pk_update(agreement=header.instance, items=kept, budgets=budget_form.budgets(), deleted=deleted)
            except ValidationError as exc:
                attach_errors(exc, header=header, formset=formset)
            else:
                messages.success(request, _("Perjanjian Kinerja disimpan."))
                return redirect("agreements:detail", pk=agreement.pk)
        messages.error(request, _("Periksa isian yang ditandai. Tidak ada yang disimpan."))
        return render(
            request,
            "agreements/detail.html",
            {**ctx, "agreement": agreement, "organisation": agreement.organisation, "can_edit": True},
            status=200,
        )


class PKPrintView(RoleRequiredMixin, View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        agreement = scoped_get(
            PerjanjianKinerja, request.user, queryset=PerjanjianKinerja.objects.select_related("organisation__pemda", "renstra"), pk=pk
        )
        return render(
            request,
            "agreements/print.html",
            {"doc": pk_document(agreement=agreement), "agreement": agreement, "organisation": agreement.organisation},
        )

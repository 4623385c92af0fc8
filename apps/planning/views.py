"""Renstra pages. Thin views: scoped fetch, form, one service call, redirect."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from apps.accounts.permissions import RoleRequiredMixin, can_edit, scoped_get
from apps.core.forms import errors_by_field
from apps.organisations.models import Organisation

from . import services
from .forms import (
    AspectsForm,
    IndicatorForm,
    KegiatanForm,
    ProgramForm,
    RenstraForm,
    SasaranForm,
    StrategiKebijakanForm,
    SubKegiatanForm,
    TujuanForm,
)
from .models import Indicator, Kegiatan, Program, Renstra, Sasaran, StrategiKebijakan, SubKegiatan, Tujuan
from .selectors import renstra_list, renstra_tree

NODES: dict[str, tuple[Any, Any]] = {
    "tujuan": (Tujuan, TujuanForm),
    "sasaran": (Sasaran, SasaranForm),
    "program": (Program, ProgramForm),
    "kegiatan": (Kegiatan, KegiatanForm),
    "sub-kegiatan": (SubKegiatan, SubKegiatanForm),
    "strategi": (StrategiKebijakan, StrategiKebijakanForm),
}


def _locked(request: HttpRequest, renstra: Renstra) -> HttpResponse | None:
    """The Renstra is read by a submitted or approved report: say so and change nothing (None: editable)."""
    try:
        services.assert_renstra_editable(renstra=renstra)
    except ValidationError as exc:
        return _refused(request, exc, renstra.pk)
    return None


def _refused(request: HttpRequest, exc: ValidationError, renstra_pk: int) -> HttpResponse:
    messages.error(request, " ".join(exc.messages))
    return redirect("planning:renstra_detail", pk=renstra_pk)


def _node_kind(kind: str) -> tuple[Any, Any]:
    if kind not in NODES:
        raise Http404
    return NODES[kind]


def _node_title(kind: str) -> str:
    return _("Tambah %(k)s") % {"k": kind.replace("-", " ")}


def _node_form(request: HttpRequest, form: Any, renstra: Renstra, title: str | None, **extra: Any) -> HttpResponse:
    """The form of a node of the Renstra (tujuan, sasaran, program, kegiatan, sub kegiatan); without a
    title, the node's name as the form left it (a posted form holds the posted name)."""
    ctx = {"form": form, "renstra": renstra, "organisation": renstra.organisation, "title": str(form.instance) if title is None else title}
    return render(request, "planning/form.html", {**ctx, **extra})


def _node_save(request: HttpRequest, form: Any, renstra: Renstra, title: str | None, **extra: Any) -> HttpResponse:
    """A posted node form: saved (back to the Renstra), or shown again with its errors."""
    if form.is_valid():
        services.plan_node_save(node=form.instance, sasaran=form.cleaned_data.get("sasaran"))
        messages.success(request, _("Tersimpan."))
        return redirect("planning:renstra_detail", pk=renstra.pk)
    return _node_form(request, form, renstra, title, **extra)


class RenstraListView(RoleRequiredMixin, View):
    def get(self, request: HttpRequest, org_pk: int) -> HttpResponse:
        organisation = scoped_get(Organisation, request.user, pk=org_pk)
        return render(
            request,
            "planning/renstra_list.html",
            {
                "organisation": organisation,
                "renstras": renstra_list(organisation=organisation, user=request.user),
                "can_edit": can_edit(request.user, organisation),
            },
        )


class RenstraCreateView(RoleRequiredMixin, View):
    def dispatch_org(self, request: HttpRequest, org_pk: int) -> Organisation:
        return scoped_get(Organisation, request.user, write=True, pk=org_pk)

    def get(self, request: HttpRequest, org_pk: int) -> HttpResponse:
        organisation = self.dispatch_org(request, org_pk)
        return render(
            request,
            "planning/form.html",
            {"form": RenstraForm(organisation=organisation), "organisation": organisation, "title": _("Renstra baru")},
        )

    def post(self, request: HttpRequest, org_pk: int) -> HttpResponse:
        organisation = self.dispatch_org(request, org_pk)
        form = RenstraForm(request.POST, organisation=organisation)
        if form.is_valid():
            renstra = services.renstra_create(organisation=organisation, renstra=form.instance)
            messages.success(request, _("Renstra disimpan."))
            return redirect("planning:renstra_detail", pk=renstra.pk)
        return render(request, "planning/form.html", {"form": form, "organisation": organisation, "title": _("Renstra baru")})


class RenstraDetailView(RoleRequiredMixin, View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        renstra = scoped_get(Renstra, request.user, queryset=Renstra.objects.select_related("organisation__pemda"), pk=pk)
        return render(
            request,
            "planning/renstra_detail.html",
            {
                "tree": renstra_tree(renstra=renstra),
                "renstra": renstra,
                "organisation": renstra.organisation,
                "can_edit": can_edit(request.user, renstra),
            },
        )


class RenstraReviseView(RoleRequiredMixin, View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        renstra = scoped_get(Renstra, request.user, write=True, pk=pk)
        new = services.renstra_revise(renstra=renstra, legal_basis=request.POST.get("legal_basis", "")[:300])
        messages.success(request, _("Renstra perubahan dibuat dari %(r)s. Ubah yang berubah, lalu simpan.") % {"r": renstra})
        return redirect("planning:renstra_detail", pk=new.pk)


class NodeCreateView(RoleRequiredMixin, View):
    def _ctx(self, request: HttpRequest, renstra_pk: int, kind: str) -> tuple[Renstra, Any]:
        _node_kind(kind)
        return scoped_get(Renstra, request.user, write=True, pk=renstra_pk), NODES[kind][1]

    def get(self, request: HttpRequest, renstra_pk: int, kind: str) -> HttpResponse:
        renstra, form_class = self._ctx(request, renstra_pk, kind)
        initial = {}
        parent_field = getattr(form_class, "parent_field", None)
        if parent_field and request.GET.get("parent", "").isdigit():
            initial[parent_field] = int(request.GET["parent"])
        return _node_form(request, form_class(renstra=renstra, initial=initial), renstra, _node_title(kind))

    def post(self, request: HttpRequest, renstra_pk: int, kind: str) -> HttpResponse:
        renstra, form_class = self._ctx(request, renstra_pk, kind)
        if locked := _locked(request, renstra):
            return locked
        return _node_save(request, form_class(request.POST, renstra=renstra), renstra, _node_title(kind))


class NodeUpdateView(RoleRequiredMixin, View):
    def _ctx(self, request: HttpRequest, kind: str, pk: int) -> tuple[Any, Any]:
        model, form_class = _node_kind(kind)
        return scoped_get(model, request.user, write=True, pk=pk), form_class

    def get(self, request: HttpRequest, kind: str, pk: int) -> HttpResponse:
        node, form_class = self._ctx(request, kind, pk)
        form = form_class(instance=node, renstra=node.renstra)
        return _node_form(request, form, node.renstra, None, delete_url=True, kind=kind, node=node)

    def post(self, request: HttpRequest, kind: str, pk: int) -> HttpResponse:
        node, form_class = self._ctx(request, kind, pk)
        if locked := _locked(request, node.renstra):
            return locked
        if "delete" in request.POST:
            try:
                services.plan_node_delete(node=node)
            except ValidationError as exc:
                messages.error(request, exc.messages[0])
                return redirect("planning:node_update", kind=kind, pk=pk)
            messages.success(request, _("Dihapus."))
            return redirect("planning:renstra_detail", pk=node.renstra_id)
        form = form_class(request.POST, instance=node, renstra=node.renstra)
        return _node_save(request, form, node.renstra, None, kind=kind, node=node)


PARENT_MODELS = {"tujuan": Tujuan, "sasaran": Sasaran, "program": Program, "kegiatan": Kegiatan, "sub_kegiatan": SubKegiatan}


class IndicatorCreateView(RoleRequiredMixin, View):
    """``?level=sasaran&parent=12``: the parent must be in this Renstra."""

    def _ctx(self, request: HttpRequest, renstra_pk: int) -> tuple[Renstra, Indicator]:
        renstra = scoped_get(Renstra, request.user, write=True, pk=renstra_pk)
        level = request.GET.get("level", "")
        if level not in PARENT_MODELS or not request.GET.get("parent", "").isdigit():
            raise Http404
        parent = PARENT_MODELS[level].objects.filter(renstra=renstra, pk=int(request.GET["parent"])).first()
        if parent is None:
            raise Http404
        indicator = Indicator(renstra=renstra, organisation=renstra.organisation, level=level, **{level: parent})
        return renstra, indicator

    def get(self, request: HttpRequest, renstra_pk: int) -> HttpResponse:
        renstra, indicator = self._ctx(request, renstra_pk)
        form = IndicatorForm(instance=indicator, renstra=renstra)
        return render(
            request,
            "planning/indicator_form.html",
            {"form": form, "renstra": renstra, "organisation": renstra.organisation, "indicator": indicator},
        )

    def post(self, request: HttpRequest, renstra_pk: int) -> HttpResponse:
        renstra, indicator = self._ctx(request, renstra_pk)
        if locked := _locked(request, renstra):
            return locked
        form = IndicatorForm(request.POST, instance=indicator, renstra=renstra)
        if form.is_valid():
            services.indicator_save(indicator=form.instance, targets=form.targets())
            messages.success(request, _("Indikator disimpan."))
            return redirect("planning:renstra_detail", pk=renstra.pk)
        return render(
            request,
            "planning/indicator_form.html",
            {"form": form, "renstra": renstra, "organisation": renstra.organisation, "indicator": indicator},
        )


class IndicatorUpdateView(RoleRequiredMixin, View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        indicator = scoped_get(Indicator, request.user, write=True, pk=pk)
        form = IndicatorForm(instance=indicator, renstra=indicator.renstra)
        return render(
            request,
            "planning/indicator_form.html",
            {"form": form, "renstra": indicator.renstra, "organisation": indicator.organisation, "indicator": indicator},
        )

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        indicator = scoped_get(Indicator, request.user, write=True, pk=pk)
        if "delete" in request.POST:
            if locked := _locked(request, indicator.renstra):
                return locked
            try:
                services.plan_node_delete(node=indicator)
            except ValidationError as exc:
                messages.error(request, exc.messages[0])
                return redirect("planning:indicator_update", pk=pk)
            messages.success(request, _("Indikator dihapus."))
            return redirect("planning:renstra_detail", pk=indicator.renstra_id)
        form = IndicatorForm(request.POST, instance=indicator, renstra=indicator.renstra)
        if form.is_valid():
            # The definition is frozen with the Renstra, each target with its year: the service decides.
            try:
                services.indicator_save(indicator=form.instance, targets=form.targets())
            except ValidationError as exc:
                if not services.is_frozen(exc):
                    raise
                return _refused(request, exc, indicator.renstra_id)
            messages.success(request, _("Indikator disimpan."))
            return redirect("planning:renstra_detail", pk=indicator.renstra_id)
        return render(
            request,
            "planning/indicator_form.html",
            {"form": form, "renstra": indicator.renstra, "organisation": indicator.organisation, "indicator": indicator},
        )


class IndicatorAspectsView(RoleRequiredMixin, View):
    """The aspects and scoring scale of an "indeks beraspek" indicator (issue 18): read by every role of the
    organisation, entered by the operator; a refusal (bad input, a frozen Renstra, scores already entered)
    changes nothing and shows the form again with the message (422 when the Renstra is frozen)."""

    def _page(self, request: HttpRequest, indicator: Indicator, form: AspectsForm, status: int = 200) -> HttpResponse:
        ctx = {"indicator": indicator, "renstra": indicator.renstra, "organisation": indicator.organisation, "form": form,
               "aspects": list(indicator.aspects.all()), "can_edit": can_edit(request.user, indicator)}  # fmt: skip
        return render(request, "planning/indicator_aspects.html", ctx, status=status)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        indicator = scoped_get(Indicator, request.user, pk=pk)
        return self._page(request, indicator, AspectsForm(initial=AspectsForm.initial_of(indicator)))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        indicator = scoped_get(Indicator, request.user, write=True, pk=pk)
        form = AspectsForm(request.POST)
        if not form.is_valid():
            return self._page(request, indicator, form)
        d = form.cleaned_data
        try:
            services.indicator_aspects_set(
                indicator=indicator, score_min=d["score_min"], score_max=d["score_max"], weight_basis=d["weight_basis"],
                factor_percent=d["factor_percent"], levels=d["levels"], aspects=d["aspects"],
            )  # fmt: skip
        except ValidationError as exc:
            for field, errors in errors_by_field(exc).items():
                form.add_error(field if field in form.fields else None, errors)
            return self._page(request, indicator, form, status=422 if services.is_frozen(exc) else 200)
        messages.success(request, _("Aspek indikator disimpan."))
        return redirect("planning:indicator_aspects", pk=indicator.pk)

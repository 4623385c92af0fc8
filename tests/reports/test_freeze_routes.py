"""The freeze covers every model a frozen report shows, by every write path (issue 15, finding 2).

For each frozen model (tests/reports/test_freeze_inputs.py classifies them) and each way to write it
(model save/delete, service, view POST, import, Django admin), while the report is diajukan and while
it is disetujui: the write is refused with the lock message ("dikunci"), never a server error, and no
row of any frozen table (history included) changes. After the camat returns or reopens the report, the
same write goes through.

What stays possible while frozen is tested too: a Renstra perubahan, targets of another year, realisasi
anggaran of a later quarter, a new DPA/DPPA version and a PK perubahan (drafts read them; the frozen
report keeps the versions pinned at its submission).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from unittest import mock

import pytest
from django.contrib.messages import constants as message_levels
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse

from apps.agreements.models import PerjanjianKinerja, PKItem, PKProgramBudget
from apps.agreements.services import pk_revise, pk_update
from apps.budgets import services as budgets
from apps.budgets.models import BelanjaAkun, DokumenAnggaran, DpaLine, DpaVersion, RealisasiAnggaran
from apps.budgets.selectors import grid_stamp
from apps.planning import services as planning
from apps.planning.models import (
    ComparisonFigure,
    Indicator,
    IndicatorTarget,
    Kegiatan,
    Program,
    Renstra,
    Sasaran,
    SubKegiatan,
    Tujuan,
)
from apps.realisations.models import Evidence, Realisation
from apps.reports import evaluation, workflow
from apps.reports.models import FollowUp, NarrativeSection, Recommendation, Report, SakipEvaluation, Status
from tests.access_objects import SUB_KEGIATAN, Kec, build, dpa_file
from tests.budgets.workbooks import xlsx
from tests.factories import (
    IndicatorFactory,
    KegiatanFactory,
    ProgramFactory,
    ReportFactory,
    SasaranFactory,
    SubKegiatanFactory,
    TujuanFactory,
    UserFactory,
)

LOCK = "dikunci"
STATES = ("submitted", "approved")

FROZEN_MODELS = [
    Renstra, Tujuan, Sasaran, Program, Program.sasaran.through, Kegiatan, SubKegiatan, Indicator, IndicatorTarget,
    ComparisonFigure, Realisation, Evidence, PerjanjianKinerja, PKItem, PKProgramBudget, RealisasiAnggaran, DpaVersion,
    DpaLine, SakipEvaluation, Recommendation, FollowUp, NarrativeSection, DokumenAnggaran, BelanjaAkun,
]  # fmt: skip


def fingerprint() -> dict[str, Any]:
    """Every row of every frozen table, and the number of history records of each."""
    out: dict[str, Any] = {}
    for model in FROZEN_MODELS:
        out[model._meta.label] = list(model.objects.order_by("pk").values())
        if hasattr(model, "history"):
            out[f"{model._meta.label} history"] = model.history.count()
    return out


@dataclass
class Ctx:
    k: Kec
    world: Any
    client: Client

    def __getattr__(self, name: str) -> Any:
        return getattr(self.__dict__["k"], name)

    def login(self, user: Any) -> Client:
        self.client.force_login(user)
        return self.client


@pytest.fixture
def k(world, settings, tmp_path) -> Kec:
    """The own kecamatan of the access matrix (Renstra 2024-2026, PK 2024, a consistent year 2024, DPA with
    realisasi s/d TW I, SAKIP evaluation, annual report 2024 as draft), with spare nodes that nothing
    references (to show deletes) and a superuser for Django admin."""
    settings.MEDIA_ROOT = tmp_path
    k = build("own", world.own, operator=world.operator, admin=world.admin)
    r = k.renstra
    spare_t = TujuanFactory(renstra=r, code="9", text="Tujuan cadangan")
    spare_s = SasaranFactory(tujuan=spare_t, code="9.1", text="Sasaran cadangan")
    spare_p = ProgramFactory(renstra=r, code="7.01.09", name="Program cadangan")
    spare_k = KegiatanFactory(program=spare_p, code="7.01.09.2.01", name="Kegiatan cadangan")
    spare_sk = SubKegiatanFactory(kegiatan=spare_k, code="7.01.09.2.01.0001", name="Sub kegiatan cadangan")
    spare_i = IndicatorFactory(parent=spare_t, name="Indikator cadangan", satuan="%")
    k.objects.update(
        program=Program.objects.get(renstra=r, code="7.01.01"), kegiatan=Kegiatan.objects.get(renstra=r, code="7.01.01.2.01"),
        sub_kegiatan=SubKegiatan.objects.get(renstra=r, code=SUB_KEGIATAN), laporan=Indicator.objects.get(renstra=r, level="program"),
        spare_t=spare_t, spare_s=spare_s, spare_p=spare_p, spare_k=spare_k, spare_sk=spare_sk, spare_i=spare_i,
        target=IndicatorTarget.objects.get(indicator=k.akip, year=2024),
        laporan_target=IndicatorTarget.objects.get(indicator__renstra=r, indicator__level="program", year=2024),
        budget_q1=RealisasiAnggaran.objects.get(organisation=world.own, year=2024, quarter=1),
        pk_item=PKItem.objects.get(agreement=k.agreement, indicator=k.akip),
        superuser=UserFactory(username="root", is_staff=True, is_superuser=True),
    )  # fmt: skip
    return k


@pytest.fixture
def ctx(k, world) -> Ctx:
    return Ctx(k=k, world=world, client=Client(raise_request_exception=False))


def _pdf(html: str) -> bytes:
    return b"%PDF-1.4\n% uji\n%%EOF\n"


def freeze(k: Kec, world: Any, state: str) -> None:
    """Through the workflow services (the PDF rendering is replaced by a stub: the freeze does not depend on it)."""
    workflow.report_submit(report=k.report, user=world.operator)
    if state in ("approved", "reviewed"):
        with mock.patch("apps.reports.workflow.pdf_from_html", _pdf):
            workflow.report_approve(report=k.report, user=world.camat)
    if state == "reviewed":
        workflow.review_complete(report=k.report, user=world.inspektorat)
    k.report.refresh_from_db()


def unfreeze(k: Kec, world: Any, state: str) -> None:
    if state == "submitted":
        workflow.report_return(report=k.report, user=world.camat, reason="Perbaiki data")
    else:
        workflow.report_reopen(report=k.report, user=world.camat, reason="Perbaiki data")
    k.report.refresh_from_db()


# --- Write paths ------------------------------------------------------------------------------------
# Each returns a response (view, admin) or nothing (model, service: a refusal raises ValidationError).


def _save(obj: Any, **changes: Any) -> None:
    obj.refresh_from_db()
    for name, value in changes.items():
        setattr(obj, name, value)
    obj.save()


def _admin(c: Ctx, obj: Any, action: str = "change", **changes: Any) -> HttpResponse:
    from django.forms.models import model_to_dict

    meta = obj._meta
    url = reverse(f"admin:{meta.app_label}_{meta.model_name}_{action}", args=[obj.pk])
    client = c.login(c.superuser)
    if action == "delete":
        return client.post(url, {"post": "yes"})
    obj.refresh_from_db()
    data: dict[str, Any] = {}
    for name, value in {**model_to_dict(obj), **changes}.items():
        if isinstance(value, bool):
            if value:
                data[name] = "on"
        elif value is None:
            data[name] = ""
        elif isinstance(value, list):
            data[name] = [getattr(v, "pk", v) for v in value]
        else:
            data[name] = str(getattr(value, "pk", value))
    data["_save"] = "Simpan"
    return client.post(url, data)


def _admin_bulk_delete(c: Ctx, obj: Any) -> HttpResponse:
    meta = obj._meta
    url = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
    return c.login(c.superuser).post(url, {"action": "delete_selected", "_selected_action": [obj.pk], "post": "yes"})


def _dec(value: Any) -> str:
    return "" if value is None else str(value).replace(".", ",")


def _indicator_data(ind: Indicator, **changes: Any) -> dict[str, Any]:
    ind.refresh_from_db()
    fields = [
        "name", "code", "satuan", "direction", "lower_formula", "aggregation", "precision", "definition", "formula_text",
        "composite_expression", "data_source", "baseline_year", "order",
    ]  # fmt: skip
    data = {f: "" if getattr(ind, f) is None else str(getattr(ind, f)) for f in fields}
    data.update({f: _dec(getattr(ind, f)) for f in ("weight", "baseline_value", "end_target", "end_target_max")})
    data["responsible_unit"] = ind.responsible_unit_id or ""
    if ind.is_iku:
        data["is_iku"] = "on"
    targets = {t.year: t for t in ind.targets.all()}
    for year in ind.renstra.years:
        t = targets.get(year)
        data[f"target_{year}"] = _dec(t.value) if t else ""
        data[f"target_max_{year}"] = _dec(t.value_max) if t else ""
    data.update(changes)
    return data


def _node_update(c: Ctx, kind: str, node: Any, data: dict[str, Any]) -> HttpResponse:
    return c.login(c.world.operator).post(reverse("planning:node_update", kwargs={"kind": kind, "pk": node.pk}), data)


def _grid(c: Ctx, quarter: int, amount: str) -> HttpResponse:
    data = {"stamp": grid_stamp(organisation=c.k.org, year=2024), f"r{c.line.pk}": amount}
    return c.login(c.world.operator).post(reverse("budgets:grid", args=[c.k.org.pk, 2024, quarter]), data)


def _realisasi_workbook(column: str, amount: int) -> bytes:
    return xlsx([["Kode Sub Kegiatan", column], [SUB_KEGIATAN, amount]])


def _evaluation_data(**changes: Any) -> dict[str, Any]:
    data = {"lhe_number": "LHE koreksi", "perencanaan": "25", "pengukuran": "20", "pelaporan": "10", "evaluasi_internal": "15",
            "recommendations": "Rekomendasi baru"}  # fmt: skip
    data.update(changes)
    return data


WRITES: dict[str, Callable[[Ctx], Any]] = {
    # Renstra-wide (the Renstra the PK 2024 uses)
    "Renstra save": lambda c: _save(c.renstra, legal_basis="Keputusan Camat baru"),
    "Renstra admin change": lambda c: _admin(c, c.renstra, legal_basis="Keputusan Camat baru"),
    "Tujuan save": lambda c: _save(c.tujuan, text="Tujuan diubah"),
    "Tujuan create": lambda c: Tujuan.objects.create(renstra=c.renstra, code="8", text="Tujuan baru"),
    "Tujuan delete": lambda c: Tujuan.objects.get(pk=c.spare_t.pk).delete(),
    "Tujuan admin bulk delete": lambda c: _admin_bulk_delete(c, c.spare_t),
    "Sasaran save": lambda c: _save(c.sasaran, text="Sasaran diubah"),
    "Program save": lambda c: _save(c.program, name="Program diubah"),
    "Program sasaran add": lambda c: Program.objects.get(pk=c.program.pk).sasaran.add(c.spare_s),
    "Program sasaran remove": lambda c: Program.objects.get(pk=c.program.pk).sasaran.remove(c.sasaran),
    "Program sasaran clear": lambda c: Program.objects.get(pk=c.program.pk).sasaran.clear(),
    "Sasaran programs add (reverse)": lambda c: Sasaran.objects.get(pk=c.spare_s.pk).programs.add(c.program),
    "Kegiatan save": lambda c: _save(c.kegiatan, name="Kegiatan diubah"),
    "SubKegiatan save": lambda c: _save(c.sub_kegiatan, name="Sub kegiatan diubah"),
    "SubKegiatan admin delete": lambda c: _admin(c, c.spare_sk, "delete"),
    "Indicator save": lambda c: _save(c.akip, name="Nama indikator diubah"),
    "Indicator create": lambda c: Indicator.objects.create(
        organisation=c.k.org, renstra=c.renstra, level="sasaran", sasaran=c.sasaran, name="Indikator baru", satuan="%"
    ),
    "Indicator delete": lambda c: Indicator.objects.get(pk=c.spare_i.pk).delete(),
    "Indicator admin change": lambda c: _admin(c, c.akip, name="Nama indikator diubah"),
    "service plan_node_save": lambda c: planning.plan_node_save(node=Tujuan.objects.get(pk=c.tujuan.pk)),
    "service plan_node_save program sasaran": lambda c: planning.plan_node_save(
        node=Program.objects.get(pk=c.program.pk), sasaran=[c.spare_s]
    ),
    "service plan_node_delete": lambda c: planning.plan_node_delete(node=Kegiatan.objects.get(pk=c.spare_k.pk)),
    "service indicator_save rename": lambda c: planning.indicator_save(indicator=_renamed(c.akip), targets={}),
    "view node_create": lambda c: c.login(c.world.operator).post(
        reverse("planning:node_create", kwargs={"renstra_pk": c.renstra.pk, "kind": "tujuan"}),
        {"order": 5, "code": "5", "text": "Tujuan baru"},
    ),
    "view node_update": lambda c: _node_update(c, "tujuan", c.tujuan, {"order": 1, "code": "1", "text": "Tujuan diubah"}),
    "view node_update program sasaran": lambda c: _node_update(
        c, "program", c.program, {"order": 0, "code": "7.01.01", "name": c.program.name, "sasaran": [c.sasaran.pk, c.spare_s.pk]}
    ),
    "view node_update delete": lambda c: _node_update(c, "kegiatan", c.spare_k, {"delete": "1"}),
    "view indicator_create": lambda c: c.login(c.world.operator).post(
        reverse("planning:indicator_create", kwargs={"renstra_pk": c.renstra.pk}) + f"?level=sasaran&parent={c.sasaran.pk}",
        {
            "name": "Indikator baru",
            "satuan": "%",
            "direction": "higher",
            "lower_formula": "2t_minus_r",
            "aggregation": "latest",
            "precision": "2",
            "order": "3",
        },
    ),  # fmt: skip
    "view indicator_update rename": lambda c: c.login(c.world.operator).post(
        reverse("planning:indicator_update", args=[c.akip.pk]), _indicator_data(c.akip, name="Nama indikator diubah")
    ),
    "view indicator_update delete": lambda c: c.login(c.world.operator).post(
        reverse("planning:indicator_update", args=[c.spare_i.pk]), {"delete": "1"}
    ),
    # Year-scoped: targets of 2024
    "IndicatorTarget save": lambda c: _save(c.target, value=Decimal(80)),
    "IndicatorTarget create": lambda c: IndicatorTarget.objects.create(indicator=c.spare_i, year=2024, value=Decimal(5)),
    "IndicatorTarget delete": lambda c: IndicatorTarget.objects.get(pk=c.laporan_target.pk).delete(),
    "IndicatorTarget admin change": lambda c: _admin(c, c.target, value="80"),
    "service indicator_save target 2024": lambda c: planning.indicator_save(
        indicator=Indicator.objects.get(pk=c.akip.pk), targets={2024: (Decimal(80), None)}
    ),
    "view indicator_update target 2024": lambda c: c.login(c.world.operator).post(
        reverse("planning:indicator_update", args=[c.akip.pk]), _indicator_data(c.akip, target_2024="80")
    ),
    # Year-scoped: realisasi anggaran s/d a frozen quarter
    "RealisasiAnggaran save": lambda c: _save(c.budget_q1, amount=Decimal(1_500_000)),
    "RealisasiAnggaran create": lambda c: RealisasiAnggaran.objects.create(
        organisation=c.k.org, year=2024, code=SUB_KEGIATAN, quarter=4, amount=Decimal(2_000_000)
    ),
    "RealisasiAnggaran delete": lambda c: RealisasiAnggaran.objects.get(pk=c.budget_q1.pk).delete(),
    "RealisasiAnggaran admin change": lambda c: _admin(c, c.budget_q1, amount="1500000"),
    "service realisasi_save": lambda c: budgets.realisasi_save(
        organisation=c.k.org,
        year=2024,
        quarter=4,
        values={SUB_KEGIATAN: Decimal(2_000_000)},
        stamp=grid_stamp(organisation=c.k.org, year=2024),
        user=c.world.operator,
    ),  # fmt: skip
    "service realisasi_import": lambda c: budgets.realisasi_import(
        organisation=c.k.org,
        year=2024,
        data=_realisasi_workbook("Realisasi s/d TW IV", 2_000_000),
        source_name="r.xlsx",
        user=c.world.operator,
    ),  # fmt: skip
    "view grid": lambda c: _grid(c, 4, "2.000.000"),
    "view realisasi import": lambda c: c.login(c.world.operator).post(
        reverse("budgets:realisasi_import", args=[c.k.org.pk, 2024]),
        {"file": SimpleUploadedFile("r.xlsx", _realisasi_workbook("Realisasi s/d TW IV", 2_000_000))},
    ),
    # The PK version pinned by the report (the PK murni 2024; a PK perubahan stays possible, see below)
    "PerjanjianKinerja save": lambda c: _save(c.agreement, signing_place="Jombang"),
    "PerjanjianKinerja delete": lambda c: PerjanjianKinerja.objects.get(pk=c.agreement.pk).delete(),
    "PerjanjianKinerja admin change": lambda c: _admin(c, c.agreement, signing_place="Jombang"),
    "PKItem save": lambda c: _save(c.pk_item, annual_target=Decimal(80)),
    "PKItem create": lambda c: PKItem.objects.create(agreement=c.agreement, indicator=c.spare_i),
    "PKItem delete": lambda c: PKItem.objects.get(pk=c.pk_item.pk).delete(),
    "PKItem admin change": lambda c: _admin(c, c.pk_item, annual_target="80"),
    "PKItem admin delete": lambda c: _admin(c, c.pk_item, "delete"),
    "PKProgramBudget create": lambda c: PKProgramBudget.objects.create(agreement=c.agreement, program=c.program, amount=Decimal(5)),
    "service pk_update": lambda c: pk_update(
        agreement=PerjanjianKinerja.objects.get(pk=c.agreement.pk), items=[_retargeted(c.pk_item)], budgets={}
    ),
    "service pk_update budget": lambda c: pk_update(
        agreement=PerjanjianKinerja.objects.get(pk=c.agreement.pk), items=[], budgets={c.program.pk: Decimal(5)}
    ),
    "view PK update": lambda c: c.login(c.world.operator).post(
        reverse("agreements:detail", args=[c.agreement.pk]), _pk_grid(c.agreement, annual_target="80")
    ),
    "view PK update delete item": lambda c: c.login(c.world.operator).post(
        reverse("agreements:detail", args=[c.agreement.pk]), _pk_grid(c.agreement, DELETE="on")
    ),
    "view PK add item": lambda c: c.login(c.world.operator).post(
        reverse("agreements:detail", args=[c.agreement.pk]), {"add_item": "1", "indicator": c.spare_i.pk}
    ),
    # Realisations (guarded before this issue): the views must answer with the message, not a 500
    "view comparison": lambda c: c.login(c.world.operator).post(
        reverse("realisations:comparison", args=[c.akip.pk, 2024, 4]),
        {"pembanding-level": "nasional", "pembanding-value": "70", "pembanding-source": "BPS"},
    ),
    "view evidence_add to a quarter without realisation": lambda c: c.login(c.world.operator).post(
        reverse("realisations:evidence_add", args=[c.akip.pk, 2024, 2]),
        {"kind": "tautan", "description": "Tautan baru", "url": "https://example.go.id/baru"},
    ),
    # The DPA version pinned by the report
    "DpaVersion save": lambda c: _save(c.version, number="903/DPA/2024"),
    "DpaVersion delete": lambda c: DpaVersion.objects.get(pk=c.version.pk).delete(),
    "DpaVersion admin change": lambda c: _admin(c, c.version, number="903/DPA/2024"),
    "DpaLine save": lambda c: _save(c.line, pagu=c.line.pagu + 1),
    "DpaLine create": lambda c: DpaLine.objects.create(
        version=c.version, code="7.01.01.2.01.0002", name="Baris baru", program_code="7.01.01", kegiatan_code="7.01.01.2.01", pagu=1
    ),
    "DpaLine delete": lambda c: DpaLine.objects.get(pk=c.line.pk).delete(),
    "DpaLine admin change": lambda c: _admin(c, c.line, pagu="7111112"),
}


# The SAKIP evaluation of 2024 and its tindak lanjut (BAB III C of the LKjIP 2024): frozen while the LKjIP
# awaits the camat; after approval they go on (DOMAIN.md section 8), the approved document keeps its snapshot.
WHILE_SUBMITTED: dict[str, Callable[[Ctx], Any]] = {
    "SakipEvaluation save": lambda c: _save(c.evaluation, lhe_number="LHE koreksi"),
    "Recommendation save": lambda c: _save(c.recommendation, text="Rekomendasi diubah"),
    "service follow_up_save": lambda c: evaluation.follow_up_save(
        recommendation=c.recommendation, user=c.world.operator, data={"rencana_aksi": "Rencana baru", "state": "proses"}
    ),
    "view tindak lanjut": lambda c: c.login(c.world.operator).post(
        reverse("reports:evaluation", args=[c.k.org.pk, 2024]),
        {
            "recommendation": c.recommendation.pk,
            f"r{c.recommendation.pk}-rencana_aksi": "Rencana baru",
            f"r{c.recommendation.pk}-state": "proses",
        },
    ),  # fmt: skip
    "view evaluation (inspektorat)": lambda c: c.login(c.world.inspektorat).post(
        reverse("reports:evaluation", args=[c.k.org.pk, 2024]), _evaluation_data()
    ),
}


def _retargeted(item: PKItem) -> PKItem:
    fresh = PKItem.objects.select_related("indicator").get(pk=item.pk)
    fresh.annual_target = Decimal(80)
    return fresh


def _pk_grid(agreement: PerjanjianKinerja, **first: str) -> dict[str, Any]:
    """The PK page's form as posted: header, one row per item (``first`` changes the first row), no budget."""
    items = list(PKItem.objects.filter(agreement=agreement).order_by("order", "pk"))
    data: dict[str, Any] = {"form-TOTAL_FORMS": len(items), "form-INITIAL_FORMS": len(items), "form-MIN_NUM_FORMS": 0,
                            "form-MAX_NUM_FORMS": 1000, "signing_date": "", "signing_place": "Perak", "notes": ""}  # fmt: skip
    for n, item in enumerate(items):
        row = {"id": item.pk, "order": item.order, "annual_target": _dec(item.annual_target), "annual_target_max": "",
               "quarter_mode": item.quarter_mode, "tw1": "", "tw2": "", "tw3": "", "tw4": _dec(item.tw4)}  # fmt: skip
        if n == 0:
            row.update(first)
        data.update({f"form-{n}-{key}": value for key, value in row.items()})
    return data


def _renamed(ind: Indicator) -> Indicator:
    fresh = Indicator.objects.get(pk=ind.pk)
    fresh.name = "Nama indikator diubah"
    return fresh


def attempt(write: Callable[[Ctx], Any], c: Ctx) -> str:
    """``locked``: refused with the lock message; ``done``: written; anything else describes what happened."""
    try:
        with transaction.atomic():
            result = write(c)
    except ValidationError as exc:
        text = " ".join(exc.messages)
        if hasattr(exc, "issues"):
            text += " ".join(str(i) for i in exc.issues)
        return "locked" if LOCK in text else f"refused otherwise: {text[:300]}"
    if not isinstance(result, HttpResponse):
        return "done"
    storage = getattr(result.wsgi_request, "_messages", None)
    queued = list(getattr(storage, "_queued_messages", []))
    errors = [str(m) for m in queued if m.level == message_levels.ERROR]
    body = result.content.decode(errors="replace") if not result.streaming else ""
    # Refused: a redirect with the lock message, or the form shown again with it (200, 409, 422); never a 500.
    if result.status_code in (200, 302, 409, 422) and (any(LOCK in m for m in errors) or (result.status_code != 302 and LOCK in body)):
        return "locked"
    if result.status_code == 302 and not errors:
        return "done"
    return f"status {result.status_code}: {errors or body[-300:]}"


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("name", list(WRITES))
def test_a_write_of_frozen_data_is_refused_and_allowed_again_after_return_or_reopen(ctx, k, world, state, name):
    freeze(k, world, state)
    before = fingerprint()
    assert attempt(WRITES[name], ctx) == "locked"
    after = fingerprint()
    assert [label for label in before if before[label] != after[label]] == [], "a refused write changed data"
    unfreeze(k, world, state)
    before = fingerprint()
    assert attempt(WRITES[name], ctx) == "done"
    assert fingerprint() != before


@pytest.mark.parametrize("name", list(WHILE_SUBMITTED))
def test_the_evaluation_and_tindak_lanjut_are_frozen_while_the_lkjip_is_submitted(ctx, k, world, name):
    freeze(k, world, "submitted")
    before = fingerprint()
    assert attempt(WHILE_SUBMITTED[name], ctx) == "locked"
    assert fingerprint() == before
    unfreeze(k, world, "submitted")
    assert attempt(WHILE_SUBMITTED[name], ctx) == "done"


@pytest.mark.parametrize("name", list(WHILE_SUBMITTED))
def test_the_evaluation_and_tindak_lanjut_go_on_after_approval(ctx, k, world, name):
    freeze(k, world, "approved")
    before = fingerprint()
    assert attempt(WHILE_SUBMITTED[name], ctx) == "done"
    assert fingerprint() != before


def test_reviewed_freezes_too(ctx, k, world):
    freeze(k, world, "reviewed")
    for name in ("Indicator save", "view indicator_update target 2024", "view grid", "DpaLine save", "view node_update", "PKItem save"):
        assert attempt(WRITES[name], ctx) == "locked", name


# --- What stays possible ----------------------------------------------------------------------------


@pytest.mark.parametrize("state", STATES)
def test_a_renstra_perubahan_can_be_made_and_edited_while_frozen(ctx, k, world, state):
    freeze(k, world, state)
    response = ctx.login(world.operator).post(reverse("planning:renstra_revise", args=[k.renstra.pk]), {"legal_basis": "Perbup 2"})
    assert response.status_code == 302
    new = Renstra.objects.exclude(pk=k.renstra.pk).get(organisation=k.org, start_year=2024)
    tujuan = Tujuan.objects.get(renstra=new, code="1")
    assert attempt(lambda c: _node_update(c, "tujuan", tujuan, {"order": 1, "code": "1", "text": "Tujuan perubahan"}), ctx) == "done"
    akip = Indicator.objects.get(renstra=new, level="sasaran", name=k.akip.name)  # not the aspect index beside it
    assert attempt(lambda c: _save(akip, name="Baru"), ctx) == "done"
    # A new Renstra of another period, too.
    response = ctx.client.post(
        reverse("planning:renstra_create", args=[k.org.pk]),
        {"start_year": 2027, "end_year": 2031, "version_kind": "murni", "version_number": 0},
    )
    assert response.status_code == 302
    # The frozen one is untouched.
    assert Tujuan.objects.get(pk=k.tujuan.pk).text == k.tujuan.text


@pytest.mark.parametrize("state", STATES)
def test_targets_of_another_year_stay_editable(ctx, k, world, state):
    freeze(k, world, state)
    assert attempt(lambda c: IndicatorTarget.objects.create(indicator=c.akip, year=2025, value=Decimal(74)), ctx) == "done"
    view = lambda c: c.login(world.operator).post(  # noqa: E731
        reverse("planning:indicator_update", args=[c.akip.pk]), _indicator_data(c.akip, target_2026="75")
    )
    assert attempt(view, ctx) == "done"
    assert IndicatorTarget.objects.get(indicator=k.akip, year=2026).value == Decimal(75)
    assert IndicatorTarget.objects.get(indicator=k.akip, year=2024).value == Decimal(73)


def test_realisasi_anggaran_after_the_frozen_quarter_stays_editable(ctx, k, world):
    ReportFactory(organisation=k.org, year=2024, period="tw2", status=Status.SUBMITTED, dpa_sequence=1)
    assert attempt(lambda c: _grid(c, 3, "1.500.000"), ctx) == "done"
    assert attempt(lambda c: _grid(c, 2, "1.200.000"), ctx) == "locked"
    workbook = xlsx([["Kode Sub Kegiatan", "Realisasi s/d TW II", "Realisasi s/d TW III"], [SUB_KEGIATAN, 1_200_000, 1_600_000]])
    before = fingerprint()
    response = ctx.client.post(reverse("budgets:realisasi_import", args=[k.org.pk, 2024]), {"file": SimpleUploadedFile("r.xlsx", workbook)})
    assert response.status_code == 422 and LOCK in response.content.decode()
    assert fingerprint() == before  # all or nothing: TW III is not written either


# --- The DPA pinned at submission ---------------------------------------------------------------------


def _figures(report: Report) -> Any:
    import datetime as dt

    from apps.reports.renderers import document_dict
    from apps.reports.services import report_document

    report = Report.objects.select_related("organisation__pemda").get(pk=report.pk)
    return document_dict(report_document(report=report, day=dt.date(2025, 1, 15)))


def _pagu_total(report: Report) -> Any:
    from apps.reports.inputs import report_inputs

    report = Report.objects.select_related("organisation__pemda").get(pk=report.pk)
    import datetime as dt

    data = report_inputs(organisation=report.organisation, year=report.year, upto=report.quarter, day=dt.date(2025, 1, 15), report=report)
    return sum((t.total_pagu() for t in data.budget_trees), Decimal(0))


@pytest.mark.parametrize("state", STATES)
def test_submission_pins_the_dpa_version_and_return_or_reopen_clears_it(k, world, state):
    freeze(k, world, state)
    assert k.report.dpa_sequence == k.version.sequence == 1
    unfreeze(k, world, state)
    assert k.report.dpa_sequence is None


@pytest.mark.parametrize("state", STATES)
def test_a_new_dpa_version_changes_drafts_only(ctx, k, world, state):
    draft = ReportFactory(organisation=k.org, year=2024, period="tw1")
    freeze(k, world, state)
    figures, pagu = _figures(k.report), _pagu_total(k.report)
    assert pagu == Decimal(7_111_111) and _pagu_total(draft) == pagu
    # The admin confirms the pending DPA pergeseran (pagu + 1.000) through the preview page.
    response = ctx.login(world.admin).post(reverse("budgets:dpa_preview", args=[k.upload.pk]))
    assert response.status_code == 302
    assert DpaVersion.objects.filter(organisation=k.org, year=2024).count() == 2
    # ... and one more through the service (a DPPA).
    budgets.dpa_import(organisation=k.org, year=2024, data=dpa_file(k.marker, 7_113_111), source_name="dppa.xlsx", kind="perubahan")
    assert _figures(k.report) == figures and _pagu_total(k.report) == pagu
    assert _pagu_total(draft) == Decimal(7_113_111)
    # Returned or reopened, the report reads the version in force.
    unfreeze(k, world, state)
    assert _pagu_total(k.report) == Decimal(7_113_111)


def test_a_report_frozen_before_the_pin_existed_reads_the_version_of_its_submission(k, world):
    """Reports submitted before ``dpa_sequence`` existed have none: the version in force at their last
    submission event is used (and protected)."""
    freeze(k, world, "submitted")
    Report.objects.filter(pk=k.report.pk).update(dpa_sequence=None)
    budgets.dpa_import(organisation=k.org, year=2024, data=dpa_file(k.marker, 7_113_111), source_name="dppa.xlsx", kind="perubahan")
    assert _pagu_total(k.report) == Decimal(7_111_111)
    with pytest.raises(ValidationError, match=LOCK), transaction.atomic():
        _save(k.line, pagu=Decimal(1))


# --- The PK pinned at submission ----------------------------------------------------------------------


def _pk_read(report: Report) -> tuple[int, Decimal | None]:
    """The PK version the report reads and the IKU's annual target in it."""
    import datetime as dt

    from apps.reports.inputs import report_inputs

    report = Report.objects.select_related("organisation__pemda").get(pk=report.pk)
    data = report_inputs(organisation=report.organisation, year=report.year, upto=report.quarter, day=dt.date(2025, 1, 15), report=report)
    assert data.agreement is not None
    return data.agreement.version_number, next(i.annual_target for i in data.items if i.indicator.is_iku)


@pytest.mark.parametrize("state", STATES)
def test_submission_pins_the_pk_version_and_return_or_reopen_clears_it(k, world, state):
    freeze(k, world, state)
    assert k.report.pk_version_number == k.agreement.version_number == 0
    unfreeze(k, world, state)
    assert k.report.pk_version_number is None


@pytest.mark.parametrize("state", STATES)
def test_a_pk_perubahan_can_be_made_and_edited_while_frozen_and_changes_drafts_only(ctx, k, world, state):
    draft = ReportFactory(organisation=k.org, year=2024, period="tw1")
    freeze(k, world, state)
    figures = _figures(k.report)
    response = ctx.login(world.operator).post(reverse("agreements:detail", args=[k.agreement.pk]), {"revise": "1"})
    new = PerjanjianKinerja.objects.get(organisation=k.org, year=2024, version_number=1)
    assert response.status_code == 302 and response.url == reverse("agreements:detail", args=[new.pk])
    detail = reverse("agreements:detail", args=[new.pk])
    assert attempt(lambda c: c.login(world.operator).post(detail, _pk_grid(new, annual_target="80")), ctx) == "done"
    assert attempt(lambda c: c.login(world.operator).post(detail, {"add_item": "1", "indicator": c.spare_i.pk}), ctx) == "done"
    assert attempt(lambda c: _save(PKItem.objects.get(agreement=new, indicator=c.akip), tw4=Decimal(80)), ctx) == "done"
    assert attempt(lambda c: pk_revise(agreement=new), ctx) == "done"  # a second perubahan, by the service
    # The frozen report keeps the PK murni; the draft reads the newest version.
    assert _figures(k.report) == figures and _pk_read(k.report) == (0, Decimal(73))
    assert _pk_read(draft) == (2, Decimal(80))
    # The murni stays refused.
    assert attempt(WRITES["PKItem save"], ctx) == "locked"
    # Returned or reopened, the report reads the version in force.
    unfreeze(k, world, state)
    assert _pk_read(k.report) == (2, Decimal(80))


def test_the_status_reads_from_the_database_not_a_stale_instance(k, world):
    stale = Report.objects.get(pk=k.report.pk)
    freeze(k, world, "submitted")
    assert stale.status == Status.DRAFT
    with pytest.raises(ValidationError, match=LOCK), transaction.atomic():
        _save(k.akip, name="Baru")

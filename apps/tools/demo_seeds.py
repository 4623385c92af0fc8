"""The four seeded demo kecamatan: which data module, who types it, where its budget comes from.

``manage.py build_demo`` calls :func:`build` on an empty database: it loads the base demo
(fixtures/demo.json), then for each seed of :data:`SEEDS` types the data module into the app's own
forms as the kecamatan's operator (:func:`apps.tools.demo_entry.enter`) and imports its budget
through the budget services as an admin (the DPA) and the operator (the realisasi) would. Perak and
Kalaena import the sample workbooks of tests/fixtures; Aluh Aluh and Klakah import workbooks that
:func:`dpa_workbook` and :func:`realisasi_workbook` write in memory from their data module's ``DPA``
(layout A, the layout the DPA import already reads), so the import path is exercised, not bypassed.
Where the seed prints a SAKIP evaluation, with its four components (seed 002) or its nilai only (seed
001), the kabupaten's Inspektorat types it into the evaluation form and the operator answers each
recommendation.
:func:`fixture_objects` then gives what was entered for one kecamatan, the content of
``fixtures/demo_<slug>_<year>.json``. ``manage.py load_demo`` loads those files.

Seeds are entered in the order of :data:`SEEDS` in one database, so their primary keys never
collide; Perak comes first so that its keys stay those of the earlier single-seed fixture.
"""

from __future__ import annotations

import datetime as dt
import importlib
import io
import json
import zipfile
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from types import ModuleType
from typing import Any

from django.apps import apps as django_apps
from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.test import Client, override_settings

from apps.accounts.models import User
from apps.budgets.models import DpaKind
from apps.budgets.services import dpa_import, realisasi_import
from apps.organisations.models import Organisation

SAMPLES = Path(settings.BASE_DIR) / "tests" / "fixtures"
FIXTURES = Path(settings.BASE_DIR) / "fixtures"

#: The timestamp every dumped row carries (the base demo's), so that a rebuild changes only what was entered.
STAMP = "2026-01-05T01:00:00Z"
#: The date written into the generated workbooks (their bytes, hence their SHA-256, never change).
WORKBOOK_DATE = dt.datetime(2026, 1, 5, 1, 0, 0, tzinfo=dt.UTC)


@dataclass(frozen=True)
class Seed:
    number: str
    module: str
    slug: str
    year: int
    operator: str
    admin: str
    inspektorat: str
    capaian_scale: str  # catalogue_key of the predikat scale the kabupaten adopts
    dpa_workbook: str = ""  # a workbook of tests/fixtures; "" = written from the data module's DPA
    realisasi_workbook: str = ""
    dpa_kind: str = DpaKind.MURNI
    period: str = "annual"
    rb_scale: str = ""  # catalogue_key of the scale of the Indeks RB the kabupaten adopts (seed 002 prints one)
    akip_display: str = ""  # how the seed prints a nilai SAKIP's predikat, when not as the AKIP scale's default ("code": "BB")

    @property
    def convention(self) -> str:
        """The key of the report convention preset the kabupaten adopts (performance.conventions_catalogue):
        the same key as its capaian scale."""
        return self.capaian_scale

    @property
    def fixture(self) -> Path:
        return FIXTURES / f"demo_{self.slug}_{self.year}.json"

    @property
    def expected(self) -> Path:
        return FIXTURES / "expected" / f"seed_{self.number}.json"

    def data(self) -> ModuleType:
        return importlib.import_module(self.module)


SEEDS: tuple[Seed, ...] = (
    Seed("002", "fixtures.perak_2024_data", "perak-jombang", 2024, "operator.perak", "admin.jombang", "inspektorat.jombang", "seed-002-jombang",
         "dpa_seed002_layout_a.xlsx", "realisasi_seed002.xlsx", rb_scale="seed-002-jombang-rb"),
    # Seed 004 prints Tabel 3.6 of the DPPA (DPA perubahan); its scale is an assumption (scales_catalogue).
    Seed("004", "fixtures.kalaena_2023_data", "kalaena-luwu-timur", 2023, "operator.kalaena", "admin.lutim", "inspektorat.lutim",
         "seed-004-luwu-timur",
         "dpa_seed004_layout_b.xlsx", "realisasi_seed004.xlsx", DpaKind.PERUBAHAN, period="tw4"),
    # Seed 001: DPA murni, then DPPA (both pagu columns are in the data module's DPA).
    # Its nilai SAKIP is printed with the code of its predikat alone: "70,88 ... predikat "BB"" (D.1 L758).
    Seed("001", "fixtures.aluh_aluh_2022_data", "aluh-aluh-banjar", 2022, "operator.aluh-aluh", "admin.banjar", "inspektorat.banjar",
         "seed-001-banjar", akip_display="code"),
    # Seed 003: only the pagu after perubahan per sub kegiatan is printed: one DPPA.
    Seed("003", "fixtures.klakah_2023_data", "klakah-lumajang", 2023, "operator.klakah", "admin.lumajang", "inspektorat.lumajang",
         "seed-003-lumajang",
         dpa_kind=DpaKind.PERUBAHAN),
)  # fmt: skip

AKIP_SCALE = "akip-permenpanrb-88-2021"

#: Each dumped model and the path from it to its organisation.
DEMO_MODELS: dict[str, str] = {
    "organisations.organisation": "pk",  # its profile of BAB I (tugas, fungsi, aspek strategis, layanan), typed by the admin
    "organisations.unit": "organisation",  # each unit's tugas and fungsi, typed by the admin
    "organisations.staffcomposition": "organisation",
    "organisations.staffcount": "composition__organisation",
    "organisations.staffeseloncount": "composition__organisation",
    "organisations.staffunitcount": "composition__organisation",
    "organisations.staffpost": "composition__organisation",
    "planning.renstra": "organisation",
    "planning.tujuan": "renstra__organisation",
    "planning.sasaran": "renstra__organisation",
    "planning.program": "renstra__organisation",
    "planning.kegiatan": "renstra__organisation",
    "planning.subkegiatan": "renstra__organisation",
    "planning.strategikebijakan": "renstra__organisation",
    "planning.indicator": "renstra__organisation",
    "planning.indicatortarget": "indicator__renstra__organisation",
    "planning.comparisonfigure": "indicator__renstra__organisation",
    "agreements.perjanjiankinerja": "organisation",
    "agreements.pkitem": "agreement__organisation",
    "agreements.pkprogrambudget": "agreement__organisation",
    "realisations.realisation": "indicator__renstra__organisation",
    "realisations.evidence": "realisation__indicator__renstra__organisation",
    "realisations.servicescore": "indicator__renstra__organisation",
    "budgets.dpaversion": "organisation",
    "budgets.dpaline": "version__organisation",
    "budgets.dpalineakun": "line__version__organisation",
    "budgets.realisasianggaran": "organisation",
    "budgets.pendapatan": "organisation",
    "budgets.dokumenanggaran": "organisation",
    "budgets.belanjaakun": "dokumen__organisation",
    "reports.sakipevaluation": "organisation",
    "reports.recommendation": "evaluation__organisation",
    "reports.followup": "recommendation__evaluation__organisation",
    "reports.sarprasitem": "organisation",
    "reports.rbevaluation": "organisation",
    "reports.rbcomponent": "evaluation__organisation",
}


# ---------------------------------------------------------------------------------------------------
# Budget lines of a data module (seeds 001 and 003) and the workbooks written from them
# ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BudgetLine:
    code: str
    name: str
    sumber_dana: str
    pagu_murni: Decimal | None
    pagu: Decimal
    realisasi: Decimal | None


def _plan_names(data: ModuleType) -> dict[str, str]:
    names: dict[str, str] = {}
    for p in data.PROGRAMS:
        names[p["code"]] = p["name"]
        for k in p.get("kegiatan", []):
            names[k["code"]] = k["name"]
            for sk in k.get("sub_kegiatan", []):
                names[sk["code"]] = sk["name"]
    return names


def budget_lines(data: ModuleType) -> list[BudgetLine]:
    """The sub kegiatan lines of the data module's ``DPA``: seed 001 maps a code to (pagu murni, pagu
    perubahan, realisasi, basis); seed 003 lists dicts with the pagu after perubahan and the realisasi."""
    lines = data.DPA["lines"]
    if isinstance(lines, dict):
        names = _plan_names(data)
        sumber = next(iter(getattr(data, "SUMBER_DANA", {}) or {"": None}))
        return [BudgetLine(code, names[code], sumber, murni, pagu, real) for code, (murni, pagu, real, _basis) in lines.items()]
    return [BudgetLine(x["code"], x["name"], x.get("sumber_dana", ""), None, x["pagu"], x["realisasi"]) for x in lines]


def _deterministic(wb: Any) -> bytes:
    """The workbook's bytes with fixed dates (document properties and zip entries): one content, one SHA-256."""
    wb.properties.creator = "manage.py build_demo"
    wb.properties.created = wb.properties.modified = WORKBOOK_DATE
    raw = io.BytesIO()
    wb.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps "modified" with the time of saving
                text = content.decode()
                start = text.find("<dcterms:modified")
                end = text.find("</dcterms:modified>")
                if start != -1 and end != -1:
                    opening = text[start : text.find(">", start) + 1]
                    text = text[:start] + opening + WORKBOOK_DATE.strftime("%Y-%m-%dT%H:%M:%SZ") + text[end:]
                content = text.encode()
            dst.writestr(zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0)), content, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _title(data: ModuleType) -> tuple[str, str]:
    org = data.ORGANISATION
    pemda = org["pemda"]
    pemda_name = f"{pemda['kind'].upper()} {pemda['name'].upper()}" if isinstance(pemda, dict) else pemda.upper()
    name = org["name"] if org["name"].lower().startswith("kecamatan") else f"Kecamatan {org['name']}"
    return f"PEMERINTAH {pemda_name}", name


def dpa_workbook(data: ModuleType, *, murni: bool) -> bytes:
    """Layout A (one code column; program and kegiatan rows above their sub kegiatan, without amounts: the
    import sums them): the pagu murni or the pagu after perubahan of the data module's DPA lines."""
    from openpyxl import Workbook

    names = _plan_names(data)
    wb = Workbook()
    ws = wb.active
    ws.title = f"DPA {data.YEAR}" if murni else f"DPPA {data.YEAR}"
    pemda, org = _title(data)
    document = "DOKUMEN PELAKSANAAN ANGGARAN (DPA)" if murni else "DOKUMEN PELAKSANAAN PERUBAHAN ANGGARAN (DPPA)"
    ws.append([pemda])
    ws.append([f"{document} TAHUN ANGGARAN {data.YEAR}"])
    ws.append([f"Organisasi : {org}"])
    ws.append([f"Sumber: {data.__name__.replace('.', '/')}.py, DPA (ditulis oleh manage.py build_demo)"])
    ws.append([])
    ws.append(["Kode", "Uraian Program / Kegiatan / Sub Kegiatan", "Sumber Dana", "Pagu (Rp)"])
    seen: set[str] = set()
    for line in budget_lines(data):
        pagu = line.pagu_murni if murni else line.pagu
        if pagu is None:
            continue  # not in this document (seed 001: the unitemised line has no pagu murni)
        program, kegiatan = ".".join(line.code.split(".")[:3]), ".".join(line.code.split(".")[:5])
        for code in (program, kegiatan):
            if code not in seen:
                seen.add(code)
                ws.append([code, names.get(code, ""), None, None])
        ws.append([line.code, line.name, line.sumber_dana or None, int(pagu) if pagu == int(pagu) else float(pagu)])
    return _deterministic(wb)


def realisasi_workbook(data: ModuleType) -> bytes:
    """Realisasi s/d TW IV per sub kegiatan (the seeds print no quarterly realisasi anggaran)."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Realisasi"
    _pemda, org = _title(data)
    ws.append([f"REALISASI ANGGARAN {org.upper()} TAHUN {data.YEAR} ({data.__name__.replace('.', '/')}.py, DPA)"])
    ws.append([])
    ws.append(["Kode Sub Kegiatan", "Sub Kegiatan", "Realisasi s/d TW IV (Rp)"])
    for line in budget_lines(data):
        if line.realisasi is not None:
            ws.append([line.code, line.name, int(line.realisasi)])
    return _deterministic(wb)


def budget_documents(seed: Seed, data: ModuleType) -> tuple[list[tuple[str, bytes, str]], tuple[str, bytes]]:
    """([(source name, bytes, DPA kind)], (source name, bytes)) of the seed's DPA versions and realisasi."""
    if seed.dpa_workbook:
        dpa = [(seed.dpa_workbook, (SAMPLES / seed.dpa_workbook).read_bytes(), seed.dpa_kind)]
        return dpa, (seed.realisasi_workbook, (SAMPLES / seed.realisasi_workbook).read_bytes())
    stem = f"{seed.slug}-{seed.year}"
    dpa = []
    if any(line.pagu_murni is not None for line in budget_lines(data)):
        dpa.append((f"dpa-{stem}.xlsx", dpa_workbook(data, murni=True), DpaKind.MURNI))
        dpa.append((f"dppa-{stem}.xlsx", dpa_workbook(data, murni=False), DpaKind.PERUBAHAN))
    else:
        dpa.append((f"dppa-{stem}.xlsx", dpa_workbook(data, murni=False), seed.dpa_kind))
    return dpa, (f"realisasi-{stem}.xlsx", realisasi_workbook(data))


# ---------------------------------------------------------------------------------------------------
# Entering and dumping
# ---------------------------------------------------------------------------------------------------


def enter_seed(seed: Seed) -> Organisation:
    """Type ``seed`` into the forms as its operator, then import its budget as its admin and operator."""
    from apps.tools.demo_entry import (
        enter,
        enter_budget_documents,
        enter_evaluations,
        enter_profile,
        enter_rb_evaluation,
        enter_sarpras,
        enter_staff,
        enter_staff_per_unit,
    )

    data = seed.data()
    organisation = Organisation.objects.get(slug=seed.slug)
    operator = User.objects.get(username=seed.operator)
    client = Client(SERVER_NAME="localhost")
    client.force_login(operator)
    enter(client=client, organisation=organisation, data=data)
    enter_sarpras(client=client, organisation=organisation, data=data, year=seed.year)
    admin = User.objects.get(username=seed.admin)
    admin_client = Client(SERVER_NAME="localhost")
    admin_client.force_login(admin)
    if not enter_staff(admin=admin_client, organisation=organisation, data=data):
        enter_staff_per_unit(admin=admin_client, organisation=organisation, data=data)  # a composition of demo.json (Perak)
    enter_profile(admin=admin_client, organisation=organisation, data=data)
    dpa, (realisasi_name, realisasi) = budget_documents(seed, data)
    for name, content, kind in dpa:
        dpa_import(organisation=organisation, year=seed.year, data=content, source_name=name, kind=kind, user=admin)
    realisasi_import(organisation=organisation, year=seed.year, data=realisasi, source_name=realisasi_name, user=operator)
    enter_budget_documents(admin=admin_client, operator=client, organisation=organisation, data=data)
    inspektorat = Client(SERVER_NAME="localhost")
    inspektorat.force_login(User.objects.get(username=seed.inspektorat))
    enter_evaluations(inspektorat=inspektorat, operator=client, organisation=organisation, data=data)
    enter_rb_evaluation(inspektorat=inspektorat, organisation=organisation, data=data)
    return organisation


def build(seeds: tuple[Seed, ...] = SEEDS) -> None:
    """Load the base demo and enter ``seeds`` in order (an empty database is the caller's business)."""
    call_command("loaddata", "demo", verbosity=0)
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):  # the notices of each save
        for seed in seeds:
            enter_seed(seed)


def fixture_objects(seed: Seed) -> list[dict[str, Any]]:
    """What was entered for ``seed``'s kecamatan, as ``dumpdata`` gives it (model order, then pk), with
    every created_at/updated_at set to :data:`STAMP` so that a rebuild differs only where data did."""
    organisation = Organisation.objects.get(slug=seed.slug)
    out: list[dict[str, Any]] = []
    for label, path in DEMO_MODELS.items():
        model = django_apps.get_model(label)
        rows = model._default_manager.filter(**{path: organisation.pk if path == "pk" else organisation}).order_by("pk")
        for obj in serializers.serialize("python", rows):
            fields = obj["fields"]
            for key in ("created_at", "updated_at"):
                if key in fields:
                    fields[key] = STAMP
            out.append(obj)
    return out


def fixture_text(seed: Seed) -> str:
    return json.dumps(fixture_objects(seed), cls=DjangoJSONEncoder, indent=1, ensure_ascii=False) + "\n"

"""A synthetic kabupaten for benchmarks, load tests and query budgets (issue 9).

Everything is written with ``bulk_create``, level by level for all kecamatan at once, inside one
transaction; every figure is a ``Decimal`` built from integers drawn from ``random.Random`` seeded
with ``--seed`` (string seeds are hashed with SHA-512 by the standard library, so the same seed
gives the same rows on every machine and Python run). The command refuses to touch a pemda code
that already exists.

Note: ``bulk_create`` writes no django-simple-history rows; the synthetic data has no history.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from apps.accounts.models import Membership, Role, User
from apps.agreements.models import PerjanjianKinerja, PKItem, PKProgramBudget
from apps.core.numbers import quantize
from apps.organisations.models import (
    Appointment,
    Desa,
    Official,
    Organisation,
    Pemda,
    Position,
    StaffComposition,
    StaffCount,
    Unit,
)
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

PEMDA_EXISTS = "Pemda dengan kode «%(code)s» sudah ada; generate_kabupaten tidak menimpa data. Pakai --pemda-code lain."
HUNDRED = Decimal(100)
ZERO = Decimal(0)

# (name, code, satuan, direction, aggregation, precision, target low, target high) of the IKU, in order.
# Targets are drawn as integers in hundredths between low and high; "sum" indicators in units.
IKU_TEMPLATES: list[tuple[str, str, str, str, str, int, int, int]] = [
    ("Nilai evaluasi AKIP kecamatan", "AKIP", "nilai", "higher", "latest", 2, 6000, 8000),
    ("Indeks Kepuasan Masyarakat (IKM) layanan kecamatan", "IKM", "nilai", "higher", "latest", 2, 8000, 9500),
    ("Persentase desa dengan tata kelola pemerintahan desa baik", "TKPD", "%", "higher", "latest", 2, 7000, 9500),
    ("Persentase pengaduan masyarakat yang ditindaklanjuti", "ADUAN", "%", "higher", "latest", 2, 8500, 10000),
    ("Jumlah gangguan ketentraman dan ketertiban umum", "TRANTIB", "kejadian", "lower", "sum", 0, 8, 24),
    ("Persentase layanan PATEN selesai tepat waktu", "PATEN", "%", "higher", "latest", 2, 8000, 9800),
    ("Persentase desa yang menyampaikan LPJ APBDes tepat waktu", "LPJDES", "%", "higher", "latest", 2, 8000, 10000),
]
# The eighth IKU is a composite of IKM and IPP, as IKPP in seed 002.
COMPOSITE = ("Indeks Kualitas Pelayanan Publik (IKPP)", "IKPP", "indeks", "((IKM / 25 * 2,5) + (IPP * 2)) / 2")
IPP = ("Indeks Pelayanan Publik (IPP)", "IPP", "indeks", 300, 450)

PROGRAMS = [
    ("Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota", "Penunjang Urusan Pemerintahan"),
    ("Program Penyelenggaraan Pemerintahan dan Pelayanan Publik", "Pelayanan Publik"),
    ("Program Pemberdayaan Masyarakat Desa dan Kelurahan", "Pemberdayaan Masyarakat Desa"),
    ("Program Koordinasi Ketentraman dan Ketertiban Umum", "Ketentraman dan Ketertiban Umum"),
    ("Program Penyelenggaraan Urusan Pemerintahan Umum", "Pemerintahan Umum"),
    ("Program Pembinaan dan Pengawasan Pemerintahan Desa", "Pemerintahan Desa"),
]
KEGIATAN_VERBS = ["Koordinasi", "Fasilitasi", "Pembinaan", "Penyelenggaraan", "Administrasi"]
SUB_VERBS = ["Penyusunan Dokumen", "Pelaksanaan Rapat", "Monitoring dan Evaluasi", "Pendataan", "Sosialisasi", "Pelaporan"]
UNITS = [
    ("sekretariat", "Sekretariat Kecamatan", None),
    ("subbag", "Sub Bagian Umum dan Kepegawaian", 0),
    ("subbag", "Sub Bagian Keuangan, Penyusunan Program dan Evaluasi", 0),
    ("seksi", "Seksi Tata Pemerintahan", None),
    ("seksi", "Seksi Pemberdayaan Masyarakat Desa", None),
    ("seksi", "Seksi Ketentraman dan Ketertiban Umum", None),
    ("seksi", "Seksi Sosial Budaya", None),
]
NAME_HEADS = ["Suka", "Karang", "Tanjung", "Sumber", "Banyu", "Mekar", "Wono", "Tegal", "Kali", "Gunung"]
NAME_TAILS = ["maju", "rejo", "sari", "jaya", "mulyo", "agung", "harjo", "asri", "makmur", "wangi"]


@dataclass(frozen=True)
class Shape:
    """How big each kecamatan's plan is (the defaults are issue 9's)."""

    iku: int = 8
    programs: int = 6
    kegiatan: int = 15
    sub_kegiatan: int = 40

    def validate(self) -> None:
        if self.iku < 1 or self.programs < 1:
            raise CommandError("Paling sedikit 1 IKU dan 1 program.")
        if not (self.programs <= self.kegiatan <= self.sub_kegiatan):
            raise CommandError("Harus program <= kegiatan <= sub kegiatan.")
        if self.programs > 99 or self.kegiatan > 99 * self.programs:
            raise CommandError("Terlalu banyak program/kegiatan untuk kode nomenklatur.")


@dataclass
class Summary:
    pemda: Pemda
    organisations: list[Organisation]
    counts: dict[str, int] = field(default_factory=dict)
    usernames: dict[str, list[str]] = field(default_factory=dict)
    budgets_app: bool = False


def _split(total: int, parts: int) -> list[int]:
    """``total`` items over ``parts`` groups as evenly as possible, larger groups first."""
    q, r = divmod(total, parts)
    return [q + (1 if i < r else 0) for i in range(parts)]


def _d(hundredths: int) -> Decimal:
    return Decimal(hundredths) / HUNDRED


def _money_split(total: Decimal, parts: int, rng: random.Random) -> list[Decimal]:
    """``total`` rupiah over ``parts`` lines in multiples of Rp 1.000, summing exactly to ``total``."""
    weights = [rng.randint(5, 15) for _ in range(parts)]
    thousands = int(total / 1000)
    shares = [thousands * w // sum(weights) for w in weights]
    shares[-1] += thousands - sum(shares)
    return [Decimal(s * 1000) for s in shares]


def budgets_models() -> tuple[Any, Any, Any] | None:
    """(DpaVersion, DpaLine, BudgetRealisation) when the budgets app has them, else None."""
    try:
        from apps.budgets.models import BudgetRealisation, DpaLine, DpaVersion
    except ImportError:
        return None
    return DpaVersion, DpaLine, BudgetRealisation


class Generator:
    def __init__(self, *, kecamatan: int, year: int, seed: int, pemda_code: str, shape: Shape, password: str) -> None:
        self.n, self.year, self.seed, self.code, self.shape, self.password = kecamatan, year, seed, pemda_code, shape, password
        self.rng = random.Random(f"lkjip-{seed}-{pemda_code}")
        self.counts: dict[str, int] = {}

    def _bulk(self, model: Any, rows: list[Any]) -> list[Any]:
        created = model.objects.bulk_create(rows, batch_size=2000)
        label = model._meta.label
        self.counts[label] = self.counts.get(label, 0) + len(created)
        return created

    def _org_rng(self, org_index: int) -> random.Random:
        return random.Random(f"lkjip-{self.seed}-{self.code}-{org_index}")

    # --- organisations ----------------------------------------------------------------------------

    def _names(self) -> list[str]:
        combos = [h + t for h in NAME_HEADS for t in NAME_TAILS]
        self.rng.shuffle(combos)
        return [combos[i % len(combos)] + (f" {i // len(combos) + 1}" if i >= len(combos) else "") for i in range(self.n)]

    def _nips(self, count: int) -> list[str]:
        """Valid, unique NIPs (birth date, TMT CPNS, sex, sequence) derived from the pemda code."""
        taken = set(Official.objects.exclude(nip="").values_list("nip", flat=True))
        offset = int(hashlib.sha256(self.code.encode()).hexdigest()[:6], 16)
        out: list[str] = []
        k = 0
        while len(out) < count:
            birth = dt.date(1965, 1, 1) + dt.timedelta(days=(offset + 37 * k) % 12000)
            tmt = f"{1990 + (offset + k) % 25}{(k % 12) + 1:02d}"
            nip = f"{birth:%Y%m%d}{tmt}{1 + k % 2}{(offset + k) % 1000:03d}"
            k += 1
            if nip not in taken:
                taken.add(nip)
                out.append(nip)
        return out

    def run(self) -> Summary:
        pemda = Pemda(name=f"Sintetis {self.code}", code=self.code, province="Provinsi Sintetis", address="Jl. Sintetis No. 1")
        pemda.full_clean()
        pemda.save()
        self.counts["organisations.Pemda"] = 1
        names = self._names()
        orgs = self._bulk(
            Organisation,
            [
                Organisation(
                    pemda=pemda,
                    name=name,
                    slug=f"{self.code}-{i + 1:02d}",
                    code=f"99.99.{i + 1:02d}",
                    signing_place=name,
                    address=f"Jl. Raya {name} No. {i + 1}",
                    postal_code=f"9{i + 1:04d}",
                    legal_basis="Peraturan Bupati Sintetis Nomor 1 Tahun 2021",
                )
                for i, name in enumerate(names)
            ],
        )
        self._people(pemda, orgs)
        plans = [self._plan(i, org) for i, org in enumerate(orgs)]
        self._tree(plans)
        self._indicators(plans)
        self._agreements(plans)
        users = self._users(pemda, orgs)
        self._realisations(plans, users)
        has_budgets = self._budgets(plans)
        self._scales(pemda)
        return Summary(
            pemda=pemda,
            organisations=orgs,
            counts=self.counts,
            budgets_app=has_budgets,
            usernames={role: [u.username for u in us] for role, us in users.items()},
        )

    def _people(self, pemda: Pemda, orgs: list[Organisation]) -> None:
        units = self._bulk(
            Unit, [Unit(organisation=o, kind=kind, name=name, order=n) for o in orgs for n, (kind, name, _p) in enumerate(UNITS)]
        )
        children = []
        for i in range(len(orgs)):
            block = units[i * len(UNITS) : (i + 1) * len(UNITS)]
            for unit, (_k, _n, parent) in zip(block, UNITS, strict=True):
                if parent is not None:
                    unit.parent = block[parent]
                    children.append(unit)
        Unit.objects.bulk_update(children, ["parent"])
        self.units = {o.pk: units[i * len(UNITS) : (i + 1) * len(UNITS)] for i, o in enumerate(orgs)}
        desa = []
        for i, o in enumerate(orgs):
            rng = self._org_rng(i)
            for d in range(rng.randint(8, 18)):
                kind = Desa.Kind.KELURAHAN if d == 0 else Desa.Kind.DESA
                desa.append(
                    Desa(
                        organisation=o,
                        kind=kind,
                        name=f"{NAME_HEADS[d % 10]}{NAME_TAILS[(d + i) % 10]} {d + 1}",
                        code=f"{o.code}.{2001 + d}",
                    )
                )
        self._bulk(Desa, desa)
        nips = self._nips(2 * len(orgs) + 1)
        officials = self._bulk(
            Official,
            [Official(pemda=pemda, name=f"Drs. BUPATI {self.code.upper()}", nip="")]
            + [
                Official(
                    pemda=pemda,
                    name=f"INSPEKTUR {self.code.upper()}, S.H., M.Si.",
                    nip=nips[0],
                    pangkat="Pembina Utama Muda",
                    golongan="IV/c",
                )
            ]
            + [
                Official(
                    pemda=pemda,
                    name=f"{'CAMAT' if k == 0 else 'SEKCAM'} {o.name.upper()}, S.STP., M.Si.",
                    nip=nips[1 + 2 * i + k],
                    pangkat="Pembina" if k == 0 else "Penata Tk. I",
                    golongan="IV/a" if k == 0 else "III/d",
                )
                for i, o in enumerate(orgs)
                for k in (0, 1)
            ],
        )
        positions = self._bulk(
            Position,
            [
                Position(pemda=pemda, kind=Position.Kind.KEPALA_DAERAH, title=f"Bupati {pemda.name}"),
                Position(pemda=pemda, kind=Position.Kind.INSPEKTUR, title=f"Inspektur Kabupaten {pemda.name}"),
            ]
            + [
                Position(pemda=pemda, organisation=o, kind=kind, title=f"{label} {o.name}", eselon=eselon, order=k)
                for o in orgs
                for k, (kind, label, eselon) in enumerate(
                    [(Position.Kind.CAMAT, "Camat", "III.a"), (Position.Kind.SEKCAM, "Sekretaris Kecamatan", "III.b")]
                )
            ],
        )
        start = dt.date(self.year - 2, 3, 1)
        self._bulk(
            Appointment,
            [
                Appointment(position=p, official=off, start_date=start, sk_number=f"821.2/{n + 1}/SK/{self.year - 2}", sk_date=start)
                for n, (p, off) in enumerate(zip(positions, officials, strict=True))
            ],
        )
        comps = self._bulk(
            StaffComposition, [StaffComposition(organisation=o, as_of=dt.date(self.year, 12, 31), source="Data kepegawaian") for o in orgs]
        )
        counts = []
        for i, comp in enumerate(comps):
            rng = self._org_rng(i)
            for jab in StaffCount.Jabatan.values:
                counts.append(StaffCount(composition=comp, jabatan=jab, male=rng.randint(2, 12), female=rng.randint(2, 12)))
        self._bulk(StaffCount, counts)

    # --- plan -------------------------------------------------------------------------------------

    def _plan(self, index: int, org: Organisation) -> dict[str, Any]:
        return {"index": index, "org": org, "rng": self._org_rng(index)}

    def _tree(self, plans: list[dict[str, Any]]) -> None:
        shape, year = self.shape, self.year
        renstras = self._bulk(
            Renstra,
            [
                Renstra(
                    organisation=p["org"],
                    start_year=year - 1,
                    end_year=year + 3,
                    legal_basis=f"Peraturan Camat {p['org'].name} Nomor 1",
                    source_plan=f"RPJMD Kabupaten Sintetis {year - 1}-{year + 3}",
                    visi="Kabupaten Sintetis yang maju dan sejahtera",
                    misi="Meningkatkan tata kelola pemerintahan\nMeningkatkan kualitas pelayanan publik",
                )
                for p in plans
            ],
        )
        n_sasaran = min(4, shape.iku)
        n_tujuan = 1 if n_sasaran < 2 else 2
        for p, r in zip(plans, renstras, strict=True):
            p["renstra"] = r
        tujuan = self._bulk(
            Tujuan,
            [
                Tujuan(
                    renstra=p["renstra"],
                    code=str(t + 1),
                    order=t + 1,
                    text=["Meningkatkan akuntabilitas kinerja kecamatan", "Meningkatkan kualitas pelayanan publik kecamatan"][t],
                )
                for p in plans
                for t in range(n_tujuan)
            ],
        )
        for i, p in enumerate(plans):
            p["tujuan"] = tujuan[i * n_tujuan : (i + 1) * n_tujuan]
        sasaran = self._bulk(
            Sasaran,
            [
                Sasaran(
                    renstra=p["renstra"],
                    tujuan=p["tujuan"][s % n_tujuan],
                    code=f"{s % n_tujuan + 1}.{s // n_tujuan + 1}",
                    order=s + 1,
                    text=f"Meningkatnya {['akuntabilitas kinerja', 'kualitas layanan publik', 'tata kelola desa', 'ketentraman wilayah'][s % 4]} "
                    f"Kecamatan {p['org'].name}",
                )
                for p in plans
                for s in range(n_sasaran)
            ],
        )
        for i, p in enumerate(plans):
            p["sasaran"] = sasaran[i * n_sasaran : (i + 1) * n_sasaran]
        programs = self._bulk(
            Program,
            [
                Program(
                    renstra=p["renstra"],
                    code=f"7.01.{k + 1:02d}",
                    order=k + 1,
                    name=PROGRAMS[k][0] if k < len(PROGRAMS) else f"Program Sintetis {k + 1}",
                    sasaran_program=f"Meningkatnya kinerja {PROGRAMS[k % len(PROGRAMS)][1].lower()}",
                )
                for p in plans
                for k in range(shape.programs)
            ],
        )
        through = Program.sasaran.through
        links = []
        for i, p in enumerate(plans):
            p["programs"] = programs[i * shape.programs : (i + 1) * shape.programs]
            for k, prog in enumerate(p["programs"]):
                links.append(through(program_id=prog.pk, sasaran_id=p["sasaran"][k % n_sasaran].pk))
        self._bulk(through, links)
        per_program = _split(shape.kegiatan, shape.programs)
        rows = []
        for p in plans:
            for k, prog in enumerate(p["programs"]):
                topic = PROGRAMS[k % len(PROGRAMS)][1]
                for j in range(per_program[k]):
                    rows.append(
                        Kegiatan(
                            renstra=p["renstra"],
                            program=prog,
                            code=f"{prog.code}.2.{j + 1:02d}",
                            order=j + 1,
                            name=f"{KEGIATAN_VERBS[j % len(KEGIATAN_VERBS)]} {topic} di Tingkat Kecamatan",
                        )
                    )
        kegiatan = self._bulk(Kegiatan, rows)
        for i, p in enumerate(plans):
            p["kegiatan"] = kegiatan[i * shape.kegiatan : (i + 1) * shape.kegiatan]
        per_kegiatan = _split(shape.sub_kegiatan, shape.kegiatan)
        rows = []
        for p in plans:
            for k, keg in enumerate(p["kegiatan"]):
                for j in range(per_kegiatan[k]):
                    verb = SUB_VERBS[(k + j) % len(SUB_VERBS)]
                    rows.append(
                        SubKegiatan(
                            renstra=p["renstra"],
                            kegiatan=keg,
                            code=f"{keg.code}.{j + 1:04d}",
                            order=j + 1,
                            name=f"{verb} {keg.name.split(' ', 1)[1]}",
                        )
                    )
        subs = self._bulk(SubKegiatan, rows)
        for i, p in enumerate(plans):
            p["sub_kegiatan"] = subs[i * shape.sub_kegiatan : (i + 1) * shape.sub_kegiatan]

    def _indicators(self, plans: list[dict[str, Any]]) -> None:
        """Indicators with a target for every Renstra year; ``p["specs"]`` keeps each one's draw."""
        shape, year = self.shape, self.year
        rows: list[Indicator] = []
        specs: list[dict[str, Any]] = []

        def add(p: dict[str, Any], ind: Indicator, target: Decimal, **spec: Any) -> None:
            p["n_indicators"] = p.get("n_indicators", 0) + 1
            ind.organisation, ind.renstra, ind.order = p["org"], p["renstra"], p["n_indicators"]
            ind.baseline_year = year - 2
            rows.append(ind)
            specs.append({"plan": p, "target": target, **spec})

        for p in plans:
            rng, units = p["rng"], self.units[p["org"].pk]
            for t, tujuan in enumerate(p["tujuan"]):
                target = _d(rng.randint(6000, 8000))
                add(
                    p,
                    Indicator(
                        level="tujuan",
                        tujuan=tujuan,
                        name=f"Indeks kinerja tujuan {t + 1} kecamatan",
                        satuan="nilai",
                        code=f"T{t + 1}",
                        end_target=target + 5,
                    ),
                    target,
                )
            with_composite = shape.iku >= 8
            plain_iku = shape.iku - (1 if with_composite else 0)
            for n in range(plain_iku):
                name, code, satuan, direction, aggregation, places, low, high = IKU_TEMPLATES[n % len(IKU_TEMPLATES)]
                if n >= len(IKU_TEMPLATES):
                    name, code = f"{name} ({n // len(IKU_TEMPLATES) + 1})", f"{code}{n // len(IKU_TEMPLATES) + 1}"
                target = Decimal(rng.randint(low, high)) if aggregation == "sum" else _d(rng.randint(low, high))
                add(
                    p,
                    Indicator(
                        level="sasaran",
                        sasaran=p["sasaran"][n % len(p["sasaran"])],
                        name=name,
                        code=code,
                        satuan=satuan,
                        direction=direction,
                        aggregation=aggregation,
                        precision=places,
                        is_iku=True,
                        responsible_unit=units[0],
                        data_source="Laporan kinerja kecamatan",
                        definition=f"{name} pada akhir tahun",
                        end_target=target,
                    ),
                    target,
                )
            if with_composite:
                name, code, satuan, low, high = IPP
                target = _d(rng.randint(low, high))
                add(
                    p,
                    Indicator(
                        level="sasaran", sasaran=p["sasaran"][1 % len(p["sasaran"])], name=name, code=code, satuan=satuan, end_target=target
                    ),
                    target,
                )
                name, code, satuan, expression = COMPOSITE
                target = _d(rng.randint(720, 800))
                add(
                    p,
                    Indicator(
                        level="sasaran",
                        sasaran=p["sasaran"][1 % len(p["sasaran"])],
                        name=name,
                        code=code,
                        satuan=satuan,
                        is_iku=True,
                        composite_expression=expression,
                        end_target=target,
                    ),
                    target,
                    composite=True,
                )
            for prog in p["programs"]:
                target = _d(rng.randint(9000, 10000))
                add(
                    p,
                    Indicator(
                        level="program",
                        program=prog,
                        name=f"Persentase capaian sasaran {prog.name.removeprefix('Program ')}",
                        satuan="%",
                        responsible_unit=units[2],
                        end_target=HUNDRED,
                    ),
                    target,
                )
            for keg in p["kegiatan"]:
                target = _d(rng.randint(9000, 10000))
                add(
                    p,
                    Indicator(
                        level="kegiatan",
                        kegiatan=keg,
                        name=f"Persentase terlaksananya {keg.name.lower()}",
                        satuan="%",
                        responsible_unit=units[3 + keg.order % 4],
                    ),
                    target,
                )
            for j, sub in enumerate(p["sub_kegiatan"]):
                if j % 3 == 2:
                    target = HUNDRED
                    add(
                        p,
                        Indicator(
                            level="sub_kegiatan",
                            sub_kegiatan=sub,
                            name=f"Persentase {sub.name.lower()} yang selesai",
                            satuan="%",
                            responsible_unit=units[1 + j % 6],
                        ),
                        target,
                    )
                else:
                    target = Decimal(rng.randint(2, 24))
                    add(
                        p,
                        Indicator(
                            level="sub_kegiatan",
                            sub_kegiatan=sub,
                            name=f"Jumlah dokumen {sub.name.lower()}",
                            satuan="dokumen",
                            aggregation="sum",
                            precision=0,
                            responsible_unit=units[1 + j % 6],
                        ),
                        target,
                    )
        created = self._bulk(Indicator, rows)
        targets = []
        for ind, spec in zip(created, specs, strict=True):
            spec["indicator"] = ind
            for y in range(year - 1, year + 4):
                targets.append(IndicatorTarget(indicator=ind, year=y, value=spec["target"]))
        self._bulk(IndicatorTarget, targets)
        for p in plans:
            p["specs"] = [s for s in specs if s["plan"] is p]

    def _agreements(self, plans: list[dict[str, Any]]) -> None:
        """A PK murni per kecamatan: sasaran-level items (IKU first) then program items, as pk_create_from_renstra orders them."""
        year = self.year
        pks = self._bulk(
            PerjanjianKinerja,
            [
                PerjanjianKinerja(
                    organisation=p["org"], renstra=p["renstra"], year=year, signing_date=dt.date(year, 1, 31), signing_place=p["org"].name
                )
                for p in plans
            ],
        )
        items, budgets = [], []
        for p, pk in zip(plans, pks, strict=True):
            p["agreement"] = pk
            chosen = [s for s in p["specs"] if s["indicator"].level in ("sasaran", "program")]
            chosen.sort(key=lambda s: (s["indicator"].level != "sasaran", not s["indicator"].is_iku, s["indicator"].order))
            for order, spec in enumerate(chosen):
                ind, target = spec["indicator"], spec["target"]
                tw = self._tw_targets(ind, target)
                items.append(
                    PKItem(agreement=pk, indicator=ind, annual_target=target, tw1=tw[0], tw2=tw[1], tw3=tw[2], tw4=tw[3], order=order)
                )
                spec["in_pk"] = True
            p["program_budget"] = {}
            for prog in p["programs"]:
                amount = Decimal(p["rng"].randint(200, 2500) * 1_000_000)
                p["program_budget"][prog.pk] = amount
                budgets.append(PKProgramBudget(agreement=pk, program=prog, amount=amount))
        self._bulk(PKItem, items)
        self._bulk(PKProgramBudget, budgets)

    @staticmethod
    def _tw_targets(ind: Indicator, target: Decimal) -> list[Decimal]:
        """Cumulative TW targets: a quarter of the year each for sums; 70/80/90/100 % of the target for latest values."""
        if ind.aggregation == Indicator.Aggregation.CUMULATIVE_SUM:
            return [quantize(target * q / 4, ind.precision) for q in (1, 2, 3)] + [target]
        return [quantize(target * pct / HUNDRED, ind.precision) for pct in (70, 80, 90)] + [target]

    # --- people and data entry --------------------------------------------------------------------

    def _users(self, pemda: Pemda, orgs: list[Organisation]) -> dict[str, list[User]]:
        # One hash for every synthetic account (same password, same salt): hashing 60 passwords with
        # PBKDF2 would take most of the command's time. Synthetic data only.
        hashed = make_password(self.password)
        rows: dict[str, list[User]] = {Role.OPERATOR: [], Role.CAMAT: [], Role.INSPEKTORAT: [], Role.ADMIN: []}
        for o in orgs:
            rows[Role.OPERATOR].append(User(username=f"operator.{o.slug}", first_name="Operator", last_name=o.name, password=hashed))
            rows[Role.CAMAT].append(User(username=f"camat.{o.slug}", first_name="Camat", last_name=o.name, password=hashed))
        rows[Role.INSPEKTORAT].append(
            User(username=f"inspektorat.{self.code}", first_name="Inspektorat", last_name=pemda.name, password=hashed)
        )
        rows[Role.ADMIN].append(
            User(username=f"admin.{self.code}", first_name="Admin", last_name=pemda.name, password=hashed, is_staff=True)
        )
        taken = set(User.objects.filter(username__in=[u.username for us in rows.values() for u in us]).values_list("username", flat=True))
        if taken:
            raise CommandError(f"Pengguna sudah ada: {', '.join(sorted(taken))}")
        users = {role: self._bulk(User, us) for role, us in rows.items()}
        memberships = [
            Membership(user=u, role=role, pemda=pemda, organisation=o)
            for role in Role.organisation_bound()
            for u, o in zip(users[role], orgs, strict=True)
        ]
        memberships += [Membership(user=u, role=role, pemda=pemda) for role in Role.pemda_wide() for u in users[role]]
        self._bulk(Membership, memberships)
        self.operators = {o.pk: u for o, u in zip(orgs, users[Role.OPERATOR], strict=True)}
        return users

    def _quarters(self, ind: Indicator, annual: Decimal) -> list[Decimal]:
        """Per-quarter values whose aggregate s/d TW IV is ``annual``; latest values climb towards it."""
        if ind.aggregation == Indicator.Aggregation.CUMULATIVE_SUM:
            first = [quantize(annual * w / HUNDRED, ind.precision) for w in (20, 25, 25)]
            return [*first, annual - sum(first, ZERO)]
        return [quantize(annual * pct / HUNDRED, ind.precision) for pct in (70, 80, 90)] + [annual]

    def _realisations(self, plans: list[dict[str, Any]], users: dict[str, list[User]]) -> None:
        year = self.year
        rows: list[Realisation] = []
        evidence_for: list[tuple[Realisation, dict[str, Any]]] = []
        comparisons = []
        for p in plans:
            rng, operator, slug = p["rng"], self.operators[p["org"].pk], p["org"].slug
            for spec in p["specs"]:
                ind, target = spec["indicator"], spec["target"]
                if spec.get("composite"):
                    continue
                factor = Decimal(rng.randint(85, 112))
                if ind.direction == Indicator.Direction.LOWER_BETTER:
                    factor = Decimal(200) - factor  # lower is better: 88-115 % of the target
                annual = quantize(target * factor / HUNDRED, ind.precision)
                if ind.satuan == "%":
                    annual = min(annual, HUNDRED)
                below = (annual < target) if ind.direction == Indicator.Direction.HIGHER_BETTER else (annual > target)
                explained = not below or rng.randint(1, 10) > 1  # one shortfall in ten is left unexplained
                for q, value in enumerate(self._quarters(ind, annual), start=1):
                    r = Realisation(
                        indicator=ind,
                        year=year,
                        quarter=q,
                        value=value,
                        revision=1,
                        updated_by=operator,
                        source_document=f"Laporan Triwulan {q} Tahun {year} Kecamatan {p['org'].name}",
                        source_date=dt.date(year, 3 * q, 28),
                        source_issuer=f"Kecamatan {p['org'].name}",
                        faktor_pendukung="" if below else "Dukungan aparatur desa dan partisipasi masyarakat",
                        faktor_penghambat="Keterbatasan anggaran dan sumber daya manusia" if below and explained else "",
                        solusi="Optimalisasi koordinasi lintas sektor dan pendampingan desa" if below and explained else "",
                    )
                    rows.append(r)
                    if spec.get("in_pk"):
                        evidence_for.append((r, {"slug": slug, "code": ind.code or f"i{ind.order}", "q": q}))
                if ind.level == "sasaran":
                    for back in (1, 2):
                        old = quantize(target * Decimal(rng.randint(85, 105)) / HUNDRED, ind.precision)
                        rows.append(Realisation(indicator=ind, year=year - back, quarter=4, value=old, revision=1, updated_by=operator))
                    if ind.is_iku:
                        kab = quantize(target * Decimal(rng.randint(90, 105)) / HUNDRED, ind.precision)
                        comparisons.append(
                            ComparisonFigure(
                                indicator=ind, year=year, level=ComparisonFigure.Level.KABUPATEN, value=kab, source="BPS Kabupaten Sintetis"
                            )
                        )
        self._bulk(Realisation, rows)
        self._bulk(
            Evidence,
            [
                Evidence(
                    realisation=r,
                    kind=Evidence.Kind.LINK,
                    description=f"Laporan triwulan {e['q']}",
                    url=f"https://dokumen.example.go.id/{e['slug']}/{year}/tw{e['q']}/{e['code']}",
                    uploaded_by=r.updated_by,
                )
                for r, e in evidence_for
            ],
        )
        self._bulk(ComparisonFigure, comparisons)

    def _budgets(self, plans: list[dict[str, Any]]) -> bool:
        """DPA murni lines (one per sub kegiatan, summing to the PK program budgets) and realisasi anggaran s/d each TW."""
        models = budgets_models()
        if models is None:
            return False
        DpaVersion, DpaLine, BudgetRealisation = models  # noqa: N806 - model classes
        year = self.year
        versions = self._bulk(
            DpaVersion,
            [
                DpaVersion(
                    organisation=p["org"],
                    year=year,
                    sequence=1,
                    kind="murni",
                    number=f"DPA/{p['org'].slug}/{year}",
                    document_date=dt.date(year, 1, 2),
                    source_name="generate_kabupaten",
                    source_sha256=hashlib.sha256(f"{p['org'].slug}-{year}-file".encode()).hexdigest(),
                    content_sha256=hashlib.sha256(f"{p['org'].slug}-{year}-content".encode()).hexdigest(),
                )
                for p in plans
            ],
        )
        lines, realised = [], []
        for p, version in zip(plans, versions, strict=True):
            rng = p["rng"]
            order = 0
            for prog in p["programs"]:
                subs = [s for s in p["sub_kegiatan"] if s.kegiatan.program_id == prog.pk]
                for sub, pagu in zip(subs, _money_split(p["program_budget"][prog.pk], len(subs), rng), strict=True):
                    order += 1
                    kas = [quantize(pagu * pct / HUNDRED, 2) for pct in (20, 50, 75)] + [pagu]
                    lines.append(
                        DpaLine(
                            version=version,
                            order=order,
                            code=sub.code,
                            name=sub.name,
                            program_code=prog.code,
                            program_name=prog.name,
                            kegiatan_code=sub.kegiatan.code,
                            kegiatan_name=sub.kegiatan.name,
                            sumber_dana="DAU",
                            pagu=pagu,
                            kas_tw1=kas[0],
                            kas_tw2=kas[1],
                            kas_tw3=kas[2],
                            kas_tw4=kas[3],
                            sub_kegiatan=sub,
                        )
                    )
                    serapan = Decimal(rng.randint(88, 99))
                    for q, pct in enumerate((Decimal(18), Decimal(45), Decimal(70), serapan), start=1):
                        realised.append(
                            BudgetRealisation(
                                organisation=p["org"],
                                year=year,
                                code=sub.code,
                                quarter=q,
                                amount=quantize(pagu * pct / HUNDRED, 2),
                                source="generate_kabupaten",
                            )
                        )
        self._bulk(DpaLine, lines)
        self._bulk(BudgetRealisation, realised)
        return True

    def _scales(self, pemda: Pemda) -> None:
        from apps.performance.models import PredikatScale
        from apps.performance.services import scale_adopt

        for key in ("permendagri-86-2017", "akip-permenpanrb-88-2021"):
            template = PredikatScale.objects.filter(pemda__isnull=True, catalogue_key=key).first()
            if template is not None:
                scale_adopt(pemda=pemda, template=template)
                self.counts["performance.PredikatScale"] = self.counts.get("performance.PredikatScale", 0) + 1


@transaction.atomic
def generate_kabupaten(
    *,
    kecamatan: int = 30,
    year: int = 2024,
    seed: int = 1,
    pemda_code: str = "synth",
    shape: Shape | None = None,
    password: str = "demo12345",
) -> Summary:
    """A synthetic kabupaten ``pemda_code`` with ``kecamatan`` kecamatan, each with a Renstra, a PK for ``year``,
    four quarters of realisations and its users; refuses a pemda code that exists."""
    shape = shape or Shape()
    shape.validate()
    if kecamatan < 1:
        raise CommandError("Paling sedikit 1 kecamatan.")
    if Pemda.objects.filter(code=pemda_code).exists():
        raise CommandError(PEMDA_EXISTS % {"code": pemda_code})
    return Generator(kecamatan=kecamatan, year=year, seed=seed, pemda_code=pemda_code, shape=shape, password=password).run()


class Command(BaseCommand):
    help = """Creates a synthetic kabupaten (pemda code --pemda-code, default "synth") for benchmarks and
    load tests: --kecamatan kecamatan (default 30), each with units, desa, camat and sekcam with
    appointments, a Renstra (year-1 to year+3) with tujuan, sasaran, 8 IKU (one a composite of IKM and
    IPP), 6 programs, 15 kegiatan and 40 sub kegiatan each with an indicator and yearly targets, a PK
    murni for --year with TW targets and program budgets, four quarters of realisations with link
    evidence, and, when the budgets app has its models, a DPA murni and realisasi anggaran per TW.
    Users (password --password): operator.<slug> and camat.<slug> per kecamatan, inspektorat.<code>
    and admin.<code> for the pemda. Deterministic for a given --seed. Writes nothing and fails if
    the pemda code already exists."""

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--kecamatan", type=int, default=30)
        parser.add_argument("--year", type=int, default=2024)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--pemda-code", default="synth")
        parser.add_argument("--password", default="demo12345")
        parser.add_argument("--iku", type=int, default=Shape.iku)
        parser.add_argument("--programs", type=int, default=Shape.programs)
        parser.add_argument("--kegiatan", type=int, default=Shape.kegiatan)
        parser.add_argument("--sub-kegiatan", type=int, default=Shape.sub_kegiatan)

    def handle(self, *args: Any, **o: Any) -> None:
        shape = Shape(iku=o["iku"], programs=o["programs"], kegiatan=o["kegiatan"], sub_kegiatan=o["sub_kegiatan"])
        summary = generate_kabupaten(
            kecamatan=o["kecamatan"], year=o["year"], seed=o["seed"], pemda_code=o["pemda_code"], shape=shape, password=o["password"]
        )
        self.stdout.write(f"Pemda «{summary.pemda.code}»: {len(summary.organisations)} kecamatan, tahun {o['year']}.")
        for label, count in summary.counts.items():
            self.stdout.write(f"  {label}: {count}")
        if not summary.budgets_app:
            self.stdout.write("  (aplikasi anggaran belum punya model DPA: anggaran hanya sebagai anggaran program PK)")
        self.stdout.write(f"Pengguna: operator.{summary.organisations[0].slug} ... admin.{summary.pemda.code}; kata sandi: {o['password']}")

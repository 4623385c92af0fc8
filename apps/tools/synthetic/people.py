"""The kabupaten and its kecamatan: the pemda, the organisations with their units and desa, the
officials with positions and appointments, the staff composition, and the users with memberships."""

from __future__ import annotations

import datetime as dt
import hashlib

from django.contrib.auth.hashers import make_password
from django.core.management.base import CommandError

from apps.accounts.models import Membership, Role, User
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
from apps.tools.synthetic.context import Run
from apps.tools.synthetic.names import NAME_HEADS, NAME_TAILS, UNITS


def kabupaten(run: Run) -> tuple[Pemda, list[Organisation]]:
    """The pemda ``run.code`` and its ``run.n`` kecamatan."""
    pemda = Pemda(name=f"Sintetis {run.code}", code=run.code, province="Provinsi Sintetis", address="Jl. Sintetis No. 1")
    pemda.full_clean()
    pemda.save()
    run.counts["organisations.Pemda"] = 1
    names = _names(run)
    orgs = run.bulk(
        Organisation,
        [
            Organisation(
                pemda=pemda,
                name=name,
                slug=f"{run.code}-{i + 1:02d}",
                code=f"99.99.{i + 1:02d}",
                signing_place=name,
                address=f"Jl. Raya {name} No. {i + 1}",
                postal_code=f"9{i + 1:04d}",
                legal_basis="Peraturan Bupati Sintetis Nomor 1 Tahun 2021",
            )
            for i, name in enumerate(names)
        ],
    )
    return pemda, orgs


def _names(run: Run) -> list[str]:
    combos = [h + t for h in NAME_HEADS for t in NAME_TAILS]
    run.rng.shuffle(combos)
    return [combos[i % len(combos)] + (f" {i // len(combos) + 1}" if i >= len(combos) else "") for i in range(run.n)]


def _nips(run: Run, count: int) -> list[str]:
    """Valid, unique NIPs (birth date, TMT CPNS, sex, sequence) derived from the pemda code."""
    taken = set(Official.objects.exclude(nip="").values_list("nip", flat=True))
    offset = int(hashlib.sha256(run.code.encode()).hexdigest()[:6], 16)
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


def people(run: Run, pemda: Pemda, orgs: list[Organisation]) -> None:
    """Units (kept in ``run.units``), desa, officials in their positions, and the staff composition."""
    units = run.bulk(Unit, [Unit(organisation=o, kind=kind, name=name, order=n) for o in orgs for n, (kind, name, _p) in enumerate(UNITS)])
    children = []
    for i in range(len(orgs)):
        block = units[i * len(UNITS) : (i + 1) * len(UNITS)]
        for unit, (_k, _n, parent) in zip(block, UNITS, strict=True):
            if parent is not None:
                unit.parent = block[parent]
                children.append(unit)
    Unit.objects.bulk_update(children, ["parent"])
    run.units = {o.pk: units[i * len(UNITS) : (i + 1) * len(UNITS)] for i, o in enumerate(orgs)}
    desa = []
    for i, o in enumerate(orgs):
        rng = run.org_rng(i)
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
    run.bulk(Desa, desa)
    _officials(run, pemda, orgs)
    comps = run.bulk(
        StaffComposition, [StaffComposition(organisation=o, as_of=dt.date(run.year, 12, 31), source="Data kepegawaian") for o in orgs]
    )
    counts = []
    for i, comp in enumerate(comps):
        rng = run.org_rng(i)
        for jab in StaffCount.Jabatan.values:
            counts.append(StaffCount(composition=comp, jabatan=jab, male=rng.randint(2, 12), female=rng.randint(2, 12)))
    run.bulk(StaffCount, counts)


def _officials(run: Run, pemda: Pemda, orgs: list[Organisation]) -> None:
    """The bupati, the inspektur, a camat and a sekcam per kecamatan, each appointed to a position."""
    nips = _nips(run, 2 * len(orgs) + 1)
    officials = run.bulk(
        Official,
        [Official(pemda=pemda, name=f"Drs. BUPATI {run.code.upper()}", nip="")]
        + [
            Official(
                pemda=pemda,
                name=f"INSPEKTUR {run.code.upper()}, S.H., M.Si.",
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
    positions = run.bulk(
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
    start = dt.date(run.year - 2, 3, 1)
    run.bulk(
        Appointment,
        [
            Appointment(position=p, official=off, start_date=start, sk_number=f"821.2/{n + 1}/SK/{run.year - 2}", sk_date=start)
            for n, (p, off) in enumerate(zip(positions, officials, strict=True))
        ],
    )


def users(run: Run, pemda: Pemda, orgs: list[Organisation]) -> dict[str, list[User]]:
    """operator.<slug> and camat.<slug> per kecamatan, inspektorat.<code> and admin.<code>, with their
    memberships; each kecamatan's operator is kept in ``run.operators``. Refuses a username that exists."""
    # One hash for every synthetic account (same password, same salt): hashing 60 passwords with
    # PBKDF2 would take most of the command's time. Synthetic data only.
    hashed = make_password(run.password)
    rows: dict[str, list[User]] = {Role.OPERATOR: [], Role.CAMAT: [], Role.INSPEKTORAT: [], Role.ADMIN: []}
    for o in orgs:
        rows[Role.OPERATOR].append(User(username=f"operator.{o.slug}", first_name="Operator", last_name=o.name, password=hashed))
        rows[Role.CAMAT].append(User(username=f"camat.{o.slug}", first_name="Camat", last_name=o.name, password=hashed))
    rows[Role.INSPEKTORAT].append(User(username=f"inspektorat.{run.code}", first_name="Inspektorat", last_name=pemda.name, password=hashed))
    rows[Role.ADMIN].append(User(username=f"admin.{run.code}", first_name="Admin", last_name=pemda.name, password=hashed, is_staff=True))
    taken = set(User.objects.filter(username__in=[u.username for us in rows.values() for u in us]).values_list("username", flat=True))
    if taken:
        raise CommandError(f"Pengguna sudah ada: {', '.join(sorted(taken))}")
    created = {role: run.bulk(User, us) for role, us in rows.items()}
    memberships = [
        Membership(user=u, role=role, pemda=pemda, organisation=o)
        for role in Role.organisation_bound()
        for u, o in zip(created[role], orgs, strict=True)
    ]
    memberships += [Membership(user=u, role=role, pemda=pemda) for role in Role.pemda_wide() for u in created[role]]
    run.bulk(Membership, memberships)
    run.operators = {o.pk: u for o, u in zip(orgs, created[Role.OPERATOR], strict=True)}
    return created

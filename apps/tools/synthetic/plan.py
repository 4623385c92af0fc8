"""Each kecamatan's Renstra tree: Renstra (year-1 to year+3), tujuan, sasaran, programs (each serving a
sasaran), kegiatan and sub kegiatan, written level by level for all kecamatan at once."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from apps.planning.models import Kegiatan, Program, Renstra, Sasaran, SubKegiatan, Tujuan
from apps.tools.synthetic.context import ModelT, Plan, Run, share, split
from apps.tools.synthetic.names import KEGIATAN_VERBS, PROGRAMS, SASARAN_TOPICS, SUB_VERBS, TUJUAN_TEXTS


def plans(run: Run, orgs: list[Any]) -> list[Plan]:
    """An empty plan per kecamatan with the kecamatan's own generator."""
    return [{"index": i, "org": org, "rng": run.org_rng(i)} for i, org in enumerate(orgs)]


def tree(run: Run, plans: list[Plan]) -> None:
    shape, year = run.shape, run.year
    renstras = run.bulk(
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
    for p, renstra in zip(plans, renstras, strict=True):
        p["renstra"] = renstra
    n_sasaran = min(4, shape.iku)
    n_tujuan = 1 if n_sasaran < 2 else 2
    tujuan = run.bulk(
        Tujuan,
        [Tujuan(renstra=p["renstra"], code=str(t + 1), order=t + 1, text=TUJUAN_TEXTS[t]) for p in plans for t in range(n_tujuan)],
    )
    share(plans, "tujuan", tujuan, n_tujuan)
    sasaran = run.bulk(
        Sasaran,
        [
            Sasaran(
                renstra=p["renstra"],
                tujuan=p["tujuan"][s % n_tujuan],
                code=f"{s % n_tujuan + 1}.{s // n_tujuan + 1}",
                order=s + 1,
                text=f"Meningkatnya {SASARAN_TOPICS[s % 4]} Kecamatan {p['org'].name}",
            )
            for p in plans
            for s in range(n_sasaran)
        ],
    )
    share(plans, "sasaran", sasaran, n_sasaran)
    programs = run.bulk(
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
    share(plans, "programs", programs, shape.programs)
    through = Program.sasaran.through
    run.bulk(
        through,
        [through(program_id=prog.pk, sasaran_id=p["sasaran"][k % n_sasaran].pk) for p in plans for k, prog in enumerate(p["programs"])],
    )
    _nest(run, plans, Kegiatan, parents="programs", key="kegiatan", per_plan=shape.kegiatan, make=_kegiatan)
    _nest(run, plans, SubKegiatan, parents="kegiatan", key="sub_kegiatan", per_plan=shape.sub_kegiatan, make=_sub_kegiatan)


def _nest(
    run: Run,
    plans: list[Plan],
    model: type[ModelT],
    *,
    parents: str,
    key: str,
    per_plan: int,
    make: Callable[[Plan, int, Any, int], ModelT],
) -> None:
    """``per_plan`` children in each plan spread over its ``parents`` (larger groups first): ``make(plan,
    parent index, parent, child index)`` builds the child; all are written at once and kept in ``p[key]``."""
    rows = []
    for p in plans:
        per_parent = split(per_plan, len(p[parents]))
        for k, parent in enumerate(p[parents]):
            for j in range(per_parent[k]):
                rows.append(make(p, k, parent, j))
    share(plans, key, run.bulk(model, rows), per_plan)


def _kegiatan(p: Plan, k: int, program: Program, j: int) -> Kegiatan:
    topic = PROGRAMS[k % len(PROGRAMS)][1]
    return Kegiatan(
        renstra=p["renstra"],
        program=program,
        code=f"{program.code}.2.{j + 1:02d}",
        order=j + 1,
        name=f"{KEGIATAN_VERBS[j % len(KEGIATAN_VERBS)]} {topic} di Tingkat Kecamatan",
    )


def _sub_kegiatan(p: Plan, k: int, kegiatan: Kegiatan, j: int) -> SubKegiatan:
    return SubKegiatan(
        renstra=p["renstra"],
        kegiatan=kegiatan,
        code=f"{kegiatan.code}.{j + 1:04d}",
        order=j + 1,
        name=f"{SUB_VERBS[(k + j) % len(SUB_VERBS)]} {kegiatan.name.split(' ', 1)[1]}",
    )

"""Each kecamatan's indicators: tujuan indicators, the IKU (one a composite of IKM and IPP, as IKPP in
seed 002), and one indicator per program, kegiatan and sub kegiatan, each with the same target for
every Renstra year. ``p["specs"]`` keeps every indicator with its drawn target for the later steps."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from apps.planning.models import Indicator, IndicatorTarget
from apps.tools.synthetic.context import HUNDRED, Plan, Run, hundredths
from apps.tools.synthetic.names import COMPOSITE, IKU_TEMPLATES, IPP


def indicators(run: Run, plans: list[Plan]) -> None:
    """Indicators with a target for every Renstra year; ``p["specs"]`` keeps each one's draw."""
    shape, year = run.shape, run.year
    rows: list[Indicator] = []
    specs: list[dict[str, Any]] = []

    def add(p: Plan, ind: Indicator, target: Decimal, **spec: Any) -> None:
        p["n_indicators"] = p.get("n_indicators", 0) + 1
        ind.organisation, ind.renstra, ind.order = p["org"], p["renstra"], p["n_indicators"]
        ind.baseline_year = year - 2
        rows.append(ind)
        specs.append({"plan": p, "target": target, **spec})

    for p in plans:
        rng, units = p["rng"], run.units[p["org"].pk]
        for t, tujuan in enumerate(p["tujuan"]):
            target = hundredths(rng.randint(6000, 8000))
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
            target = Decimal(rng.randint(low, high)) if aggregation == "sum" else hundredths(rng.randint(low, high))
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
            target = hundredths(rng.randint(low, high))
            add(
                p,
                Indicator(
                    level="sasaran", sasaran=p["sasaran"][1 % len(p["sasaran"])], name=name, code=code, satuan=satuan, end_target=target
                ),
                target,
            )
            name, code, satuan, expression = COMPOSITE
            target = hundredths(rng.randint(720, 800))
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
            target = hundredths(rng.randint(9000, 10000))
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
            target = hundredths(rng.randint(9000, 10000))
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
    created = run.bulk(Indicator, rows)
    targets = []
    for ind, spec in zip(created, specs, strict=True):
        spec["indicator"] = ind
        for y in range(year - 1, year + 4):
            targets.append(IndicatorTarget(indicator=ind, year=y, value=spec["target"]))
    run.bulk(IndicatorTarget, targets)
    for p in plans:
        p["specs"] = [s for s in specs if s["plan"] is p]

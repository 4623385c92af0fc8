"""Each kecamatan's budget, when the budgets app has its models: a DPA murni (one line per sub
kegiatan, summing to the PK program budgets) and realisasi anggaran s/d each TW."""

from __future__ import annotations

import datetime as dt
import hashlib
from decimal import Decimal
from typing import Any

from apps.core.numbers import quantize
from apps.tools.synthetic.context import HUNDRED, Plan, Run, money_split


def budgets_models() -> tuple[Any, Any, Any] | None:
    """(DpaVersion, DpaLine, RealisasiAnggaran) when the budgets app has them, else None."""
    # Imported here, not at the top: the budgets models are optional for the generator (it writes the
    # PK program budgets only when they are missing), so a failed import must not fail the module.
    try:
        from apps.budgets.models import DpaLine, DpaVersion, RealisasiAnggaran
    except ImportError:
        return None
    return DpaVersion, DpaLine, RealisasiAnggaran


def budgets(run: Run, plans: list[Plan]) -> bool:
    """DPA murni lines (one per sub kegiatan, summing to the PK program budgets) and realisasi anggaran s/d each TW."""
    models = budgets_models()
    if models is None:
        return False
    DpaVersion, DpaLine, RealisasiAnggaran = models  # noqa: N806 - model classes
    year = run.year
    versions = run.bulk(
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
            for sub, pagu in zip(subs, money_split(p["program_budget"][prog.pk], len(subs), rng), strict=True):
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
                        RealisasiAnggaran(
                            organisation=p["org"],
                            year=year,
                            code=sub.code,
                            quarter=q,
                            amount=quantize(pagu * pct / HUNDRED, 2),
                            source="generate_kabupaten",
                        )
                    )
    run.bulk(DpaLine, lines)
    run.bulk(RealisasiAnggaran, realised)
    return True

"""Writes the load test's plan as JSON: one entry per operator of the generated kabupaten.

Each entry names the operator, the kecamatan, and the PK indicators (not composites) whose
realisation that operator saves, so that no two virtual users ever share an indicator (a shared
one would give the expected 409 conflict). Prepares the bench database like the other scripts.

    .venv/bin/python bench/load_plan.py > plan.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import YEAR, organisations, setup  # noqa: E402

PEMDA = "synth"


def main() -> None:
    setup(datasets=(PEMDA,))
    from apps.agreements.models import PKItem

    plan = []
    for org in organisations(PEMDA):
        items = PKItem.objects.filter(agreement__organisation=org, agreement__year=YEAR).select_related("indicator").order_by("order")
        indicators = [i.indicator_id for i in items if not i.indicator.is_composite]
        plan.append(
            {
                "username": f"operator.{org.slug}",
                "password": "demo12345",
                "org": org.pk,
                "year": YEAR,
                "quarter": 4,
                "indicators": indicators,
            }
        )
    json.dump(plan, sys.stdout, indent=1)


if __name__ == "__main__":
    main()

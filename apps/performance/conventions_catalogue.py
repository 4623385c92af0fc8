"""Presets of report conventions (issue 18): the neutral default and one per seed kabupaten.

A pemda adopts one (services.convention_adopt; load_demo adopts each seed's) and may then edit its
copy in the admin. Each preset says what its seed report prints (../shared/seed-notes/seed_00N.md);
the values stay at full precision, only the display and efisiensi-from-printed-operands follow it.
"""

from __future__ import annotations

from apps import calculations as calc
from apps.core.numbers import HALF_UP

Rule = calc.FigureRule

NEUTRAL = calc.NEUTRAL

#: Seed 001 (Kab. Banjar, Kec. Aluh Aluh 2022): its only consistent table, the LRA, rounds half up to 2
#: places (seed notes 001 §5.3.7: the truncated figures elsewhere are known defects, not the convention);
#: it prints both efisiensi forms.
SEED_001_BANJAR = calc.Convention(name="Kab. Banjar (seed 001)")

#: Seed 002 (Kab. Jombang, Kec. Perak 2024): capaian at 1 place in Tabel 3.4, 3.5 and 3.9 (seed notes 002
#: §5.4.2), serapan at 2, half up everywhere (§5.4.1); efisiensi as the difference only, computed from the
#: printed operands (103,2 − 94,19 = 9,01; §5.3.8, §5.4.3).
SEED_002_JOMBANG = calc.Convention(
    name="Kab. Jombang (seed 002)",
    rules={**calc.NEUTRAL.rules, "capaian": Rule(1, HALF_UP)},
    efisiensi_forms="selisih",
    efisiensi_from_displayed=True,
)

#: Seed 003 (Kab. Lumajang, Kec. Klakah 2023): half up at 2 places (seed notes 003 §5.2: 84,185 gives
#: 84,19); Tabel 3.6 prints the efisiensi difference only (F7: column 5 − column 6).
SEED_003_LUMAJANG = calc.Convention(name="Kab. Lumajang (seed 003)", efisiensi_forms="selisih")

#: Seed 004 (Kab. Luwu Timur, Kec. Kalaena 2023): 2 places half up; the seed computes no efisiensi
#: (seed notes 004, item 10), so both forms are kept as the neutral default.
SEED_004_LUWU_TIMUR = calc.Convention(name="Kab. Luwu Timur (seed 004)")

#: The presets by key.
PRESETS: dict[str, calc.Convention] = {
    "neutral": NEUTRAL,
    "seed-001-banjar": SEED_001_BANJAR,
    "seed-002-jombang": SEED_002_JOMBANG,
    "seed-003-lumajang": SEED_003_LUMAJANG,
    "seed-004-luwu-timur": SEED_004_LUWU_TIMUR,
}

"""Predikat scales shipped with the application, as data (docs/domain.md section 5).

Every scale here passes :func:`apps.calculations.validate_scale` (a test enforces it).
Where a source document is ambiguous the choice is written next to the scale and in
docs/calculations.md. A kabupaten may copy one of these and edit it; the application never hard-codes
a predikat.

Colours are CSS colours (Bootstrap 5 palette) so that a band can colour a table cell.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from apps.calculations import Band, Scale

__all__ = [
    "AKIP_COMPONENTS",
    "AKIP_COMPONENT_WEIGHTS",
    "AKIP_PERMENPANRB_88_2021",
    "ALL_SCALES",
    "EFISIENSI_RASIO",
    "EFISIENSI_SELISIH",
    "IKM_MUTU_PERMENPANRB_14_2017",
    "PERMENDAGRI_86_2017",
    "SEED_001_BANJAR",
    "SEED_002_JOMBANG",
    "SEED_002_JOMBANG_RB",
    "SEED_003_LUMAJANG",
    "SEED_004_LUWU_TIMUR",
    "AkipComponent",
]

_D = Decimal

GREEN_DARK = "#146c43"
GREEN = "#198754"
GREEN_LIGHT = "#75b798"
BLUE = "#0d6efd"
CYAN = "#0dcaf0"
YELLOW = "#ffc107"
ORANGE = "#fd7e14"
RED = "#dc3545"
RED_DARK = "#842029"
GREY = "#6c757d"


def _band(
    lower: str | None,
    upper: str | None,
    lower_inclusive: bool,
    upper_inclusive: bool,
    label: str,
    code: str,
    colour: str,
) -> Band:
    return Band(
        lower=None if lower is None else _D(lower),
        upper=None if upper is None else _D(upper),
        lower_inclusive=lower_inclusive,
        upper_inclusive=upper_inclusive,
        label=label,
        code=code,
        colour=colour,
    )


#: Seed 001 (Kab. Banjar, LKjIP Kec. Aluh Aluh 2022), Tabel 3.1 "Skala Nilai Peringkat Kinerja":
#: "≥ 100 % Berhasil (Hijau); 70 % < 100 % Cukup Berhasil (Biru); 40 % < 70 % Kurang Berhasil (Kuning);
#: < 40 % Tidak Berhasil (Merah)". Lower bounds inclusive (seed notes 001 section 5.2.1: row 4 is
#: strict "< 40", so 40 belongs to row 3). Open above 100 and below 0, as printed.
SEED_001_BANJAR = Scale(
    name="Skala Nilai Peringkat Kinerja (Kab. Banjar)",
    use="capaian kinerja",
    bands=(
        _band("100", None, True, False, "Berhasil", "hijau", GREEN),
        _band("70", "100", True, False, "Cukup Berhasil", "biru", BLUE),
        _band("40", "70", True, False, "Kurang Berhasil", "kuning", YELLOW),
        _band(None, "40", False, False, "Tidak Berhasil", "merah", RED),
    ),
    source="Seed 001, LKjIP Kecamatan Aluh Aluh 2022, Tabel 3.1 (L312-319)",
    display="label",  # the seed prints the predikat alone ("Berhasil"), never its code
)

#: Seed 002 (Kab. Jombang, LKjIP Kec. Perak 2024), BAB III (L709-722): "> 90 s/d 100 AA Sangat
#: Memuaskan ... > 40 s/d 50 C Agak Kurang; 0 s/d 40 D Kurang", lower bounds exclusive, upper bounds
#: inclusive, D closed. The same page caps capaian: above 100 % counts as 100, below 0 % as 0 (clamp).
#: The seed uses it both for capaian (after capping) and for the 0-100 Nilai SAKIP / Indeks RB.
SEED_002_JOMBANG = Scale(
    name="Kategori capaian kinerja (Kab. Jombang)",
    use="capaian kinerja dan nilai AKIP",
    bands=(
        _band("90", "100", False, True, "Sangat Memuaskan", "AA", GREEN_DARK),
        _band("80", "90", False, True, "Memuaskan", "A", GREEN),
        _band("70", "80", False, True, "Sangat Baik", "BB", GREEN_LIGHT),
        _band("60", "70", False, True, "Baik", "B", CYAN),
        _band("50", "60", False, True, "Cukup Baik", "CC", YELLOW),
        _band("40", "50", False, True, "Agak Kurang", "C", ORANGE),
        _band("0", "40", True, True, "Kurang", "D", RED),
    ),
    clamp=(_D(0), _D(100)),
    source="Seed 002, LKjIP Kecamatan Perak 2024, BAB III (L709-722)",
    display="code_label",  # "AA (Sangat Memuaskan)", as the seed prints it
    # Efisiensi from the printed operands, capaian at 1 place and serapan at 2 (seed notes 002 §5.3.8: 103,2 − 94,19 =
    # 9,01, 102,2 − 93,91 = 8,29, exact operands give 9,05 and 8,34).
    efisiensi_operand_places=(1, 2),
)

#: Seed 002 (Kab. Jombang): the predikat of the Indeks Reformasi Birokrasi. The LKjIP Perak 2024 grades the
#: index on the same bands as its capaian (BAB III, L709-722; seed notes 002 section 5.2: "74,90 termasuk
#: kategori BB dengan predikat 'Sangat Baik'", L372): lower bounds exclusive, upper inclusive, D closed.
#: An index lies in 0-100 (clamp).
SEED_002_JOMBANG_RB = Scale(
    name="Kategori indeks reformasi birokrasi (Kab. Jombang)",
    use="indeks reformasi birokrasi",
    bands=(
        _band("90", "100", False, True, "Sangat Memuaskan", "AA", GREEN_DARK),
        _band("80", "90", False, True, "Memuaskan", "A", GREEN),
        _band("70", "80", False, True, "Sangat Baik", "BB", GREEN_LIGHT),
        _band("60", "70", False, True, "Baik", "B", CYAN),
        _band("50", "60", False, True, "Cukup Baik", "CC", YELLOW),
        _band("40", "50", False, True, "Agak Kurang", "C", ORANGE),
        _band("0", "40", True, True, "Kurang", "D", RED),
    ),
    clamp=(_D(0), _D(100)),
    source="Seed 002, LKjIP Kecamatan Perak 2024, BAB I B (L372) dan BAB III (L709-722)",
    display="code_label",  # "BB (Sangat Baik)"
)

#: Seed 003 (Kab. Lumajang, LKj Kec. Klakah 2023), "skala pengukuran dan predikat kinerja": "95 % s/d
#: 100 % Sangat berhasil; 80 % s/d 95 % Berhasil; 50 % s/d 80 % Cukup berhasil; < 50 % Tidak berhasil".
#: The document overlaps at 95 and 80 and says nothing above 100 although it reports 105 % and 110 %.
#: Decision: lower bounds inclusive (95 is "Sangat berhasil", 80 is "Berhasil", the top band of each
#: pair, as seed notes 003 section 5.1 suggest) and "Sangat berhasil" open above (capaian above 100 %
#: is at least as good as 100 %); open below 0 ("Tidak berhasil").
SEED_003_LUMAJANG = Scale(
    name="Skala pengukuran dan predikat kinerja (Kab. Lumajang)",
    use="capaian kinerja",
    bands=(
        _band("95", None, True, False, "Sangat berhasil", "SB", GREEN_DARK),
        _band("80", "95", True, False, "Berhasil", "B", GREEN),
        _band("50", "80", True, False, "Cukup berhasil", "CB", YELLOW),
        _band(None, "50", False, False, "Tidak berhasil", "TB", RED),
    ),
    source="Seed 003, LKj Kecamatan Klakah 2023, BAB III 3.1 (F3)",
    display="label",  # the seed prints the predikat alone ("Berhasil"), never its code
    organisation_mean="iku",  # the organisation's capaian is the mean of its three IKU, the tujuan's IKM included (notes §5.2)
)

#: Seed 004 (Kab. Luwu Timur, Laporan Evaluasi Kinerja TW IV 2023 Kec. Kalaena). AN ASSUMPTION: the seed
#: states no scale (seed notes 004 section 5.2). Its one-row tables print "Sangat Baik" for capaian
#: 98,31, 100 and 111,74 and "Baik" for 94,12; so only the labels and a "Sangat Baik" bound somewhere
#: in (94,12; 98,31] are determined. The bounds 95 / 80 / 50 are assumed (seed 003's, the nearest
#: printed kecamatan scale), lower bounds inclusive, open above 100 (capaian 109-140 is printed, no
#: clamp) and below 0 (fixtures/kalaena_2023_data.py SCALE, fixtures/expected/seed_004.json "scale").
#: Replace it with Kabupaten Luwu Timur's own scale when known.
SEED_004_LUWU_TIMUR = Scale(
    name="Predikat kinerja (Kab. Luwu Timur, disimpulkan dari seed 004)",
    use="capaian kinerja",
    bands=(
        _band("95", None, True, False, "Sangat Baik", "SB", GREEN_DARK),
        _band("80", "95", True, False, "Baik", "B", GREEN),
        _band("50", "80", True, False, "Cukup", "C", YELLOW),
        _band(None, "50", False, False, "Kurang", "K", RED),
    ),
    source="Asumsi: seed 004 (Laporan Evaluasi Kinerja TW IV 2023 Kecamatan Kalaena) tidak mencantumkan skala; "
    "label dari tabelnya, batas 95/80/50 diasumsikan",
    display="label",  # the seed prints the predikat alone ("Sangat Baik")
)

#: Permendagri 86/2017 (evaluasi RKPD/Renja), kriteria tingkat capaian kinerja, printed with integer
#: intervals "91 ≤ 100 Sangat Tinggi; 76 ≤ 90 Tinggi; 66 ≤ 75 Sedang; 51 ≤ 65 Rendah; ≤ 50 Sangat
#: Rendah". Encoded with exclusive lower and inclusive upper bounds (> 90, > 75, > 65, > 50, ≤ 50),
#: which gives every integer the regulation's band and matches docs/domain.md ("> 90 Sangat Tinggi ...
#: <= 50 Sangat Rendah"); 90,5 is "Sangat Tinggi". Open above 100 (RKPD capaian can exceed 100) and
#: below 0. Bounds written from the regulation's table as remembered and docs/domain.md; the regulation text
#: was not available offline to check again (docs/calculations.md).
PERMENDAGRI_86_2017 = Scale(
    name="Kriteria tingkat capaian kinerja (Permendagri 86/2017)",
    use="capaian kinerja (evaluasi RKPD/Renja)",
    bands=(
        _band("90", None, False, False, "Sangat Tinggi", "ST", GREEN_DARK),
        _band("75", "90", False, True, "Tinggi", "T", GREEN_LIGHT),
        _band("65", "75", False, True, "Sedang", "S", YELLOW),
        _band("50", "65", False, True, "Rendah", "R", ORANGE),
        _band(None, "50", False, True, "Sangat Rendah", "SR", RED),
    ),
    source="Permendagri 86/2017, lampiran evaluasi hasil RKPD",
)

#: Predikat of the SAKIP (AKIP) evaluation, PermenPANRB 88/2021 (same bands as 12/2015): AA > 90-100
#: Sangat Memuaskan; A > 80-90 Memuaskan; BB > 70-80 Sangat Baik; B > 60-70 Baik; CC > 50-60 Cukup
#: (Memadai); C > 30-50 Kurang; D 0-30 Sangat Kurang. A nilai AKIP lies in 0-100 (clamp).
#: Seed 001: 70,88 → BB and 51,27 / 51,67 → CC ("Cukup"). Seed 002 prints its own variant
#: (C > 40-50, D 0-40): SEED_002_JOMBANG.
AKIP_PERMENPANRB_88_2021 = Scale(
    name="Predikat nilai AKIP (PermenPANRB 88/2021)",
    use="nilai evaluasi AKIP",
    bands=(
        _band("90", "100", False, True, "Sangat Memuaskan", "AA", GREEN_DARK),
        _band("80", "90", False, True, "Memuaskan", "A", GREEN),
        _band("70", "80", False, True, "Sangat Baik", "BB", GREEN_LIGHT),
        _band("60", "70", False, True, "Baik", "B", CYAN),
        _band("50", "60", False, True, "Cukup (Memadai)", "CC", YELLOW),
        _band("30", "50", False, True, "Kurang", "C", ORANGE),
        _band("0", "30", True, True, "Sangat Kurang", "D", RED),
    ),
    clamp=(_D(0), _D(100)),
    source="PermenPANRB 88/2021 tentang Evaluasi Akuntabilitas Kinerja Instansi Pemerintah",
)

#: Mutu pelayanan of an IKM (PermenPANRB 14/2017, converted 25-100 scale): A 88,31-100 Sangat Baik;
#: B 76,61-88,30 Baik; C 65,00-76,60 Kurang Baik; D 25,00-64,99 Tidak Baik. Printed at 2 decimals;
#: encoded without gaps as (88,30; 100], (76,60; 88,30], [65; 76,60], [25; 65). An IKM lies in 25-100
#: (clamp). Not printed by any seed (seed notes 001 section 5.2.3, 003 section 5.1); from memory there.
IKM_MUTU_PERMENPANRB_14_2017 = Scale(
    name="Mutu pelayanan IKM (PermenPANRB 14/2017)",
    use="nilai IKM",
    bands=(
        _band("88.30", "100", False, True, "Sangat Baik", "A", GREEN_DARK),
        _band("76.60", "88.30", False, True, "Baik", "B", GREEN),
        _band("65", "76.60", True, True, "Kurang Baik", "C", YELLOW),
        _band("25", "65", True, False, "Tidak Baik", "D", RED),
    ),
    clamp=(_D(25), _D(100)),
    source="PermenPANRB 14/2017 tentang Pedoman Penyusunan Survei Kepuasan Masyarakat",
)

#: Efisiensi as a difference (capaian - serapan, percentage points; seeds 002 and 003). No seed or
#: regulation gives bands: this default only says whether output outran spending. Edit per kabupaten.
EFISIENSI_SELISIH = Scale(
    name="Kategori efisiensi (selisih capaian − serapan)",
    use="efisiensi (selisih, poin persen)",
    bands=(
        _band("0", None, False, False, "Efisien", "E", GREEN),
        _band("0", "0", True, True, "Cukup efisien", "CE", YELLOW),
        _band(None, "0", False, False, "Tidak efisien", "TE", RED),
    ),
    source="Bawaan aplikasi (tidak ada dalam regulasi maupun seed)",
)

#: Efisiensi as a ratio (capaian / serapan x 100). Same idea: above 100 efficient, 100 proportional.
EFISIENSI_RASIO = Scale(
    name="Kategori efisiensi (rasio capaian / serapan)",
    use="efisiensi (rasio, persen)",
    bands=(
        _band("100", None, False, False, "Efisien", "E", GREEN),
        _band("100", "100", True, True, "Cukup efisien", "CE", YELLOW),
        _band(None, "100", False, False, "Tidak efisien", "TE", RED),
    ),
    source="Bawaan aplikasi (tidak ada dalam regulasi maupun seed)",
)

ALL_SCALES: tuple[Scale, ...] = (
    SEED_001_BANJAR,
    SEED_002_JOMBANG,
    SEED_002_JOMBANG_RB,
    SEED_003_LUMAJANG,
    SEED_004_LUWU_TIMUR,
    PERMENDAGRI_86_2017,
    AKIP_PERMENPANRB_88_2021,
    IKM_MUTU_PERMENPANRB_14_2017,
    EFISIENSI_SELISIH,
    EFISIENSI_RASIO,
)


@dataclass(frozen=True)
class AkipComponent:
    """A component of the AKIP evaluation with its weight (maximum score)."""

    code: str
    label: str
    weight: Decimal


#: PermenPANRB 88/2021: perencanaan 30, pengukuran 30, pelaporan 15, evaluasi internal 25 (total 100).
#: Seed 002 Tabel 1.3 prints the same bobot.
AKIP_COMPONENTS: tuple[AkipComponent, ...] = (
    AkipComponent("perencanaan", "Perencanaan Kinerja", _D(30)),
    AkipComponent("pengukuran", "Pengukuran Kinerja", _D(30)),
    AkipComponent("pelaporan", "Pelaporan Kinerja", _D(15)),
    AkipComponent("evaluasi_internal", "Evaluasi Akuntabilitas Kinerja Internal", _D(25)),
)

AKIP_COMPONENT_WEIGHTS: dict[str, Decimal] = {c.code: c.weight for c in AKIP_COMPONENTS}

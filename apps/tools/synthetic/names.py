"""The words of the synthetic kabupaten: indicator templates, program and kegiatan names, units and
place names. Data only; the drawing is in the other modules of this package."""

from __future__ import annotations

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

TUJUAN_TEXTS = ["Meningkatkan akuntabilitas kinerja kecamatan", "Meningkatkan kualitas pelayanan publik kecamatan"]
SASARAN_TOPICS = ["akuntabilitas kinerja", "kualitas layanan publik", "tata kelola desa", "ketentraman wilayah"]
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
# (kind, name, index of the parent unit or None) of each kecamatan's units, in order.
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

"""The importer's messages (Indonesian, module constants: the tests import them) and its issue types."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

EMPTY_FILE = _("Berkas kosong.")
TOO_LARGE = _("Berkas terlalu besar (%(size)s MB); batasnya %(limit)s MB.")
NOT_SPREADSHEET = _("Berkas ini bukan lembar kerja Excel (.xlsx). Jenis berkas diperiksa dari isinya, bukan dari nama atau ekstensinya.")
ENCRYPTED = _(
    "Berkas dilindungi kata sandi (terenkripsi) sehingga tidak dapat dibaca. Buka di Excel, hapus kata sandinya "
    "(File > Info > Lindungi Buku Kerja), simpan sebagai .xlsx, lalu unggah lagi."
)
LEGACY_XLS = _("Format Excel lama (.xls) tidak didukung. Buka berkas lalu simpan sebagai Excel Workbook (.xlsx), kemudian unggah lagi.")
ODS = _("Format OpenDocument (.ods) tidak didukung. Simpan sebagai Excel Workbook (.xlsx) lalu unggah lagi.")
CORRUPT = _("Berkas .xlsx rusak atau tidak dapat dibaca.")
KAS_BEFORE_IGNORED = _("Anggaran kas sebelum perubahan tidak dibaca (yang dibaca: setelah perubahan): %(list)s.")
NO_HEADER_KAS = _(
    "Baris judul kolom tidak ditemukan pada %(n)s baris pertama lembar mana pun. Dokumen anggaran kas memerlukan kolom kode "
    "sub kegiatan dan kolom bulan («Januari» … «Desember» atau «Bulan 1» … «Bulan 12») atau triwulan («TW I» … «TW IV»)."
)
IGNORED_COLUMNS = _("%(n)s kolom tidak dibaca (judulnya bukan kolom yang dikenal): %(list)s.")
DID_YOU_MEAN = _("maksudnya «%(known)s»?")
HIDDEN = _("tersembunyi")
HIDDEN_COLUMNS_READ = _("Kolom tersembunyi ini tetap dibaca: %(list)s. Periksa isinya sebelum menerapkan.")
HIDDEN_ROWS_READ = _("%(n)s baris tersembunyi tetap dibaca: baris %(list)s. Periksa isinya sebelum menerapkan.")
AKUN_REQUIRED = _("Kode akun kosong: setiap baris rekap SIPD adalah belanja satu sub kegiatan pada satu kode akun.")
AKUN_NOT_BELANJA = _("Kode akun «%(code)s» bukan kode rekening belanja (5.x.xx...).")
TOO_MANY_MEMBERS = _("Berkas berisi terlalu banyak bagian (%(n)s); batasnya %(limit)s. Berkas ditolak demi keamanan.")
UNCOMPRESSED_TOO_LARGE = _(
    "Isi berkas setelah diekstrak terlalu besar (%(size)s MB; batasnya %(limit)s MB). Berkas ditolak sebelum dibaca demi keamanan."
)
XML_DOCTYPE = _("Berkas berisi deklarasi DOCTYPE/ENTITY XML yang tidak diizinkan. Berkas ditolak demi keamanan.")
TOO_MANY_ELEMENTS = _(
    "Isi berkas terlalu rumit (bagian «%(part)s» berisi lebih dari %(limit)s unsur). Berkas ditolak sebelum dibaca demi keamanan. "
    "Simpan ulang dari Excel sebagai .xlsx atau pecah menjadi beberapa berkas."
)
ROW_TOO_WIDE = _("Satu baris pada bagian «%(part)s» berisi lebih dari %(limit)s sel (batas Excel). Berkas ditolak demi keamanan.")
TOO_MANY_SHEETS = _("Berkas berisi lebih dari %(limit)s lembar kerja. Berkas ditolak demi keamanan.")
TOO_MANY_ROWS = _("Berkas berisi lebih dari %(limit)s baris data. Pecah menjadi beberapa berkas atau hapus baris yang tidak perlu.")
NO_HEADER_DPA = _(
    "Baris judul kolom tidak ditemukan pada %(n)s baris pertama lembar mana pun. Diperlukan kolom «Kode», "
    "«Uraian» (atau «Program/Kegiatan/Sub Kegiatan») dan «Pagu» (atau «Jumlah Anggaran»). Unduh templat untuk contoh."
)
NO_HEADER_REALISASI = _(
    "Baris judul kolom tidak ditemukan pada %(n)s baris pertama. Diperlukan kolom «Kode Sub Kegiatan» dan sedikitnya "
    "satu kolom triwulan, mis. «Realisasi s/d TW I» atau «TW I». Unduh templat untuk contoh."
)
AMBIGUOUS_PAGU = _("Lebih dari satu kolom pagu (%(cols)s). Hapus atau ganti nama kolom yang bukan pagu.")
DUPLICATE_QUARTER = _("Kolom %(a)s dan %(b)s sama-sama berisi %(what)s.")
FORMULA_NO_VALUE = _(
    "Sel berisi rumus tanpa nilai tersimpan. Buka berkas di Excel atau LibreOffice agar rumus dihitung, simpan, lalu unggah lagi "
    "(atau salin lalu tempel sebagai nilai)."
)
NOT_A_NUMBER = _("«%(text)s» bukan angka yang sah.")
DATE_NOT_NUMBER = _("Berisi tanggal, bukan angka.")
TOO_MANY_DECIMALS = _("Paling banyak 2 angka di belakang koma (sen).")
AMOUNT_TOO_LARGE = _("Angka terlalu besar.")
NEGATIVE_PAGU = _("Pagu tidak boleh negatif.")
NEGATIVE_AMOUNT = _("Nilai tidak boleh negatif.")
PAGU_REQUIRED = _("Pagu sub kegiatan kosong. Isi angkanya (0 bila memang tidak dianggarkan).")
NAME_REQUIRED = _("Nama sub kegiatan kosong.")
NAME_NOT_TEXT = _("Berisi %(what)s, bukan nama (teks).")
NAME_EXCEL_ERROR = _("Berisi galat Excel %(code)s, bukan nama. Perbaiki rumus atau rujukannya, simpan, lalu unggah lagi.")
NAME_TOO_LONG = _("Nama terlalu panjang (%(n)s karakter); paling banyak %(limit)s.")
NAME_CONTROL_CHARS = _("Nama berisi karakter kendali atau penanda arah teks (%(chars)s) yang tidak diizinkan.")
CODE_REQUIRED = _("Baris berisi angka tetapi tidak memiliki kode.")
BAD_DEPTH = _("Kode «%(code)s» tidak sesuai tingkat program (7.01.01), kegiatan (7.01.01.2.01) atau sub kegiatan (7.01.01.2.01.0001).")
DUPLICATE_CODE = _("Kode %(code)s ganda: sudah ada di baris %(row)s.")
NOT_UNDER_PROGRAM = _("Kode kegiatan «%(code)s» tidak berada di bawah program «%(program)s».")
INCOMPLETE_CODE = _("Kode sub kegiatan tidak lengkap: isi kode lengkap (7.01.01.2.01.0001) atau kode program, kegiatan dan sub kegiatan.")
NO_LINES = _("Tidak ada satu pun baris sub kegiatan.")
TOTAL_MISMATCH = _("Pagu %(level)s «%(name)s» tertulis %(stated)s, sedangkan jumlah rinciannya %(computed)s (selisih %(diff)s).")
LEAVES_TOTAL = _("Jumlah seluruh sub kegiatannya %(total)s.")
KAS_DECREASING = _("Anggaran kas s/d TW %(q)s (%(v)s) lebih kecil dari s/d TW %(p)s (%(pv)s).")
KAS_NOT_PAGU = _("Anggaran kas s/d TW IV (%(kas)s) tidak sama dengan pagu (%(pagu)s).")
KAS_MONTHS_DISAGREE = _("Anggaran kas s/d TW %(q)s (%(v)s) tidak sama dengan jumlah anggaran kas bulanan (%(m)s).")
QUARTER_GAP = _("TW %(gap)s kosong sedangkan TW %(q)s diisi. Isi 0 bila memang tidak ada realisasi (kosong berarti belum dilaporkan).")
REALISASI_NOT_LEAF = _("Baris %(level)s diabaikan: jumlahnya dihitung dari sub kegiatan.")


@dataclass(frozen=True)
class ImportIssue:
    """One problem: the sheet row (as Excel numbers it; None for the whole file), the column
    (letter and header text) and an Indonesian message."""

    row: int | None
    column: str
    message: str

    def __post_init__(self) -> None:
        # Messages are translated when the issue is made (in the language of the request).
        object.__setattr__(self, "message", str(self.message))

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            where.append(str(_("baris %(n)s") % {"n": self.row}))
        if self.column:
            where.append(str(_("kolom %(c)s") % {"c": self.column}))
        return f"{', '.join(where)}: {self.message}" if where else self.message


class ImportRejected(Exception):
    """The file cannot be read at all (not a spreadsheet, encrypted, too large, no header)."""

    def __init__(self, message: Any) -> None:
        message = str(message)  # a lazy translation, translated now
        super().__init__(message)
        self.message = message
        self.no_header = False  # no header row found in any sheet (a printed DPA form may still be read)

    @property
    def issues(self) -> list[ImportIssue]:
        return [ImportIssue(None, "", self.message)]


class CellError(ValueError):
    pass

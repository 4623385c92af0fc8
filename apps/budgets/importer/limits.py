"""The importer's limits (docs/budgets.md, "Limits"): module constants, the tests import them."""

from __future__ import annotations

from decimal import Decimal

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024
MAX_ZIP_MEMBERS = 500
MAX_DATA_ROWS = 20_000
MAX_SCANNED_ROWS = 100_000  # rows iterated in all, empty formatted rows included
MAX_COLUMNS = 80
MAX_ROW_CELLS = 16_384  # Excel's column count: a row cannot hold more cells
MAX_XML_ELEMENTS = 2_000_000  # start tags in all parts together (20.000 rows x 40 columns of cells fit)
MAX_PART_ELEMENTS = 200_000  # start tags in one part, not counting cells (openpyxl builds these as objects)
MAX_SHEETS = 255
HEADER_SEARCH_ROWS = 30
MAX_AMOUNT = Decimal(10) ** 15

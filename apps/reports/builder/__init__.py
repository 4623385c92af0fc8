"""Builds the report Document from ReportInputs: every figure comes from the figures selector
(apps.reports.figures) and the calculation module.

Annual LKjIP outline: docs/domain.md section 7 (PermenPANRB 53/2014). Quarterly report: seed 004's
"s/d Triwulan n" shape. Narratives are the stored text or, when none is stored yet, a draft generated
from the figures (marked as a draft on screen). The modules, by job:

* ``report_figures``: :class:`Figures`, the document's view of the figures selector;
* ``plan_tables`` and ``result_tables``: the table layouts of BAB I-II and of BAB III and the lampiran;
* ``summary_tables``: the summary tables of BAB III (efisiensi per program, alokasi per sasaran, nilai SAKIP);
* ``narrative``: :class:`Drafts`, the generated narrative drafts, and the analysis paragraphs;
* ``sections``: :func:`build_document`, the chapters assembled and numbered.
"""

from .narrative import Drafts
from .report_figures import Figures
from .sections import build_document

__all__ = ["Drafts", "Figures", "build_document"]

"""The report views, by page family (urls.py and lkjip/urls.py name them from here):

* ``report_pages``: the home page, the report index, the report page, changes since approval,
  the public verification and the pemda overview;
* ``workflow_actions``: narratives, the report's date and place, the submission of a period and the workflow transitions;
* ``exports``: downloads (every format, background PDFs, the pemda's LKjIP zip, the evidence zip);
* ``evaluation_pages``: the SAKIP evaluation and its follow-up;
* ``sarpras_pages``: the sarana dan prasarana the efisiensi table compares with their standard;
* ``rb_pages``: the Reformasi Birokrasi evaluation (the Inspektorat's entry of the letter).

Views are thin: the files come from apps.reports.bundles, the reads from the selectors, the writes from
the services and the workflow.
"""

from .evaluation_pages import EvaluationView
from .exports import EvidenceBundleView, PemdaZipView, RenderJobView, ReportDownloadView
from .rb_pages import RbEvaluationView
from .report_pages import ChangesView, HomeView, PemdaOverviewView, ReportIndexView, ReportView, VerifyView
from .sarpras_pages import PenghargaanView, SarprasView
from .workflow_actions import ApprovalStatusView, NarrativeEditView, PeriodSubmitView, ReportDateView, TransitionView

__all__ = [
    "ApprovalStatusView",
    "ChangesView",
    "EvaluationView",
    "EvidenceBundleView",
    "HomeView",
    "NarrativeEditView",
    "PemdaOverviewView",
    "PemdaZipView",
    "PeriodSubmitView",
    "RbEvaluationView",
    "RenderJobView",
    "ReportDateView",
    "ReportDownloadView",
    "ReportIndexView",
    "ReportView",
    "PenghargaanView",
    "SarprasView",
    "TransitionView",
    "VerifyView",
]

"""Which model each page with an ``<int:pk>`` shows (used by the tenancy tests)."""

from il2portal.models import ApiToken, Job, LabInvitation, TestArticle
from studies.models import (
    AnalysisResult,
    Animal,
    Arm,
    Event,
    FlowImport,
    Measurement,
    Randomisation,
    SheetImport,
    Study,
)

PAGE_MODELS: dict = {
    "test-articles/<int:pk>/": TestArticle,
    "jobs/<int:pk>/": Job,
    "lab/tokens/<int:pk>/revoke/": ApiToken,
    "lab/invitations/<int:pk>/withdraw/": LabInvitation,
    "accounts/tokens/<int:pk>/revoke/": ApiToken,
    "studies/<int:pk>/": Study,
    "studies/<int:pk>/setup/": Study,
    "studies/<int:pk>/measure/": Study,
    "studies/<int:pk>/import/": Study,
    "studies/<int:pk>/randomise/": Study,
    "studies/<int:pk>/analyse/": Study,
    "studies/<int:pk>/status/": Study,
    "studies/<int:pk>/doses/": Study,
    "studies/<int:pk>/export.csv": Study,
    "studies/<int:pk>/export.xlsx": Study,
    "studies/<int:pk>/report/": Study,
    "studies/<int:pk>/serum/": Study,
    "studies/<int:pk>/exposure/": Study,
    "studies/<int:pk>/synergy/": Study,
    "studies/<int:pk>/immune/": Study,
    "studies/<int:pk>/review/": Study,
    "studies/<int:pk>/audit/": Study,
    "studies/<int:pk>/audit.csv": Study,
    "studies/flow-imports/<int:pk>/original/": FlowImport,
    "studies/<int:pk>/doses.csv": Study,
    "studies/<int:pk>/send.zip": Study,
    "studies/groups/<int:pk>/": Arm,
    "studies/animals/<int:pk>/": Animal,
    "studies/measurements/<int:pk>/correct/": Measurement,
    "studies/events/<int:pk>/delete/": Event,
    "studies/sheet-imports/<int:pk>/original/": SheetImport,
    "studies/randomisations/<int:pk>/": Randomisation,
    "studies/analyses/<int:pk>.json": AnalysisResult,
}

from assays.models import AssayRun, Layout, Plate, RunResult  # noqa: E402

PAGE_MODELS.update(
    {
        "review/sign/<slug:kind>/<int:pk>/": RunResult,  # kind: run_version
        "assays/runs/<int:pk>/audit/": AssayRun,
        "assays/runs/<int:pk>/audit.csv": AssayRun,
        "assays/plates/<int:pk>/": Plate,
        "assays/plates/<int:pk>/original/": Plate,
        "assays/plates/<int:pk>/long.csv": Plate,
        "assays/layouts/<int:pk>/": Layout,
        "assays/runs/<int:pk>/": AssayRun,
        "assays/runs/<int:pk>/results.<str:fmt>": AssayRun,
    }
)

from il2portal.models import Lot  # noqa: E402
from molecules.models import LotRelease  # noqa: E402

PAGE_MODELS.update(
    {
        "molecules/lots/<int:pk>/release/": Lot,
        "molecules/releases/<int:pk>/": LotRelease,
    }
)

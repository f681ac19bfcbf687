"""Services of the assays app: keyword-only, typed, one transaction each, named ``<entity>_<verb>``.

``plates``: importing plate-reader exports; ``runs``: layouts and assay runs. Callers use this module
(``from assays import services``; ``services.run_create(...)``).
"""

from assays.services.plates import (
    ImportOutcome,
    ImportRefused,
    plate_import,
    plate_import_from_stored,
    plate_import_refused_upload,
    plate_import_retry,
    plates_store,
    upload_limits,
    upload_read,
)
from assays.services.runs import (
    cell_line_create,
    layout_create,
    run_create,
    run_reanalyse,
    run_series_check,
    run_settings_check,
    run_update,
    run_validate,
)

__all__ = [
    "cell_line_create",
    "ImportOutcome",
    "ImportRefused",
    "layout_create",
    "plate_import",
    "plate_import_from_stored",
    "plate_import_refused_upload",
    "plate_import_retry",
    "plates_store",
    "run_create",
    "run_reanalyse",
    "run_series_check",
    "run_settings_check",
    "run_update",
    "run_validate",
    "upload_limits",
    "upload_read",
]

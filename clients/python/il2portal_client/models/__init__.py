"""Contains all the data models used in inputs/outputs"""

from .add_member_request import AddMemberRequest
from .add_member_role_enum import AddMemberRoleEnum
from .analyses_list_kind import AnalysesListKind
from .analysis_flag import AnalysisFlag
from .analysis_request_kind_enum import AnalysisRequestKindEnum
from .analysis_request_request import AnalysisRequestRequest
from .analysis_request_request_settings import AnalysisRequestRequestSettings
from .analysis_result import AnalysisResult
from .animal import Animal
from .animal_growth import AnimalGrowth
from .animal_request import AnimalRequest
from .animal_status_enum import AnimalStatusEnum
from .animals_list_sex import AnimalsListSex
from .animals_list_status import AnimalsListStatus
from .api_token import ApiToken
from .arm import Arm
from .arm_request import ArmRequest
from .arm_treatment import ArmTreatment
from .arm_treatment_request import ArmTreatmentRequest
from .at_risk import AtRisk
from .audit_record import AuditRecord
from .audit_row import AuditRow
from .audit_trail import AuditTrail
from .audit_user import AuditUser
from .blank_enum import BlankEnum
from .body_weight_day import BodyWeightDay
from .cell_line import CellLine
from .cell_line_kind_enum import CellLineKindEnum
from .cell_line_request import CellLineRequest
from .cell_lines_list_readout import CellLinesListReadout
from .chart_point import ChartPoint
from .chart_point_status_enum import ChartPointStatusEnum
from .chi_square_test import ChiSquareTest
from .control_chart import ControlChart
from .control_chart_limits_type_0 import ControlChartLimitsType0
from .cox_tests import CoxTests
from .curve_fit import CurveFit
from .curve_parameters import CurveParameters
from .dashboard_refresh_job_result import DashboardRefreshJobResult
from .dilution_cell import DilutionCell
from .dilution_linearity import DilutionLinearity
from .dose import Dose
from .dose_update_status_enum import DoseUpdateStatusEnum
from .doses_list_status import DosesListStatus
from .edge_effect import EdgeEffect
from .equivalence_test import EquivalenceTest
from .error import Error
from .error_info import ErrorInfo
from .error_info_detail import ErrorInfoDetail
from .event import Event
from .event_row_kind_enum import EventRowKindEnum
from .event_row_request import EventRowRequest
from .events_list_kind import EventsListKind
from .exposure_analysis import ExposureAnalysis
from .exposure_analysis_exposure_response_type_0 import ExposureAnalysisExposureResponseType0
from .exposure_analysis_job_result import ExposureAnalysisJobResult
from .exposure_analysis_job_result_exposure_response_type_0 import ExposureAnalysisJobResultExposureResponseType0
from .exposure_analysis_job_result_pk import ExposureAnalysisJobResultPk
from .exposure_analysis_job_result_response_source import ExposureAnalysisJobResultResponseSource
from .exposure_analysis_job_result_samples_item import ExposureAnalysisJobResultSamplesItem
from .exposure_analysis_pk import ExposureAnalysisPk
from .exposure_analysis_response_source import ExposureAnalysisResponseSource
from .exposure_analysis_samples_item import ExposureAnalysisSamplesItem
from .fit_request_request import FitRequestRequest
from .flow_fcs_job_result import FlowFcsJobResult
from .growth_analysis import GrowthAnalysis
from .growth_analysis_job_result import GrowthAnalysisJobResult
from .growth_day import GrowthDay
from .growth_group import GrowthGroup
from .growth_group_response_counts import GrowthGroupResponseCounts
from .growth_rate_comparison import GrowthRateComparison
from .growth_rate_test import GrowthRateTest
from .growth_statistics import GrowthStatistics
from .hazard_ratio import HazardRatio
from .immune_analysis import ImmuneAnalysis
from .immune_analysis_job_result import ImmuneAnalysisJobResult
from .immune_analysis_job_result_panel_item import ImmuneAnalysisJobResultPanelItem
from .immune_analysis_job_result_readouts_item import ImmuneAnalysisJobResultReadoutsItem
from .immune_analysis_job_result_response_source import ImmuneAnalysisJobResultResponseSource
from .immune_analysis_job_result_samples_item import ImmuneAnalysisJobResultSamplesItem
from .immune_analysis_panel_item import ImmuneAnalysisPanelItem
from .immune_analysis_readouts_item import ImmuneAnalysisReadoutsItem
from .immune_analysis_response_source import ImmuneAnalysisResponseSource
from .immune_analysis_samples_item import ImmuneAnalysisSamplesItem
from .import_status_enum import ImportStatusEnum
from .imports_list_status import ImportsListStatus
from .imports_list_vendor import ImportsListVendor
from .invitation import Invitation
from .job import Job
from .job_list_item import JobListItem
from .job_status_enum import JobStatusEnum
from .jobs_list_status import JobsListStatus
from .kinetic_reduction import KineticReduction
from .lab import Lab
from .lab_request import LabRequest
from .layout import Layout
from .layout_request import LayoutRequest
from .layout_well import LayoutWell
from .layout_well_request import LayoutWellRequest
from .layout_well_role_enum import LayoutWellRoleEnum
from .lot import Lot
from .lot_release import LotRelease
from .lot_release_create_request import LotReleaseCreateRequest
from .lot_release_result import LotReleaseResult
from .lot_request import LotRequest
from .meaning_enum import MeaningEnum
from .measurement import Measurement
from .measurement_row_request import MeasurementRowRequest
from .membership import Membership
from .membership_role_enum import MembershipRoleEnum
from .method_enum import MethodEnum
from .mixed_model import MixedModel
from .mixed_model_group import MixedModelGroup
from .mixed_model_info import MixedModelInfo
from .mode_enum import ModeEnum
from .model_enum import ModelEnum
from .model_selection import ModelSelection
from .notification import Notification
from .notification_kind_enum import NotificationKindEnum
from .notification_read_request import NotificationReadRequest
from .notification_read_result import NotificationReadResult
from .paginated_analysis_result_list import PaginatedAnalysisResultList
from .paginated_animal_list import PaginatedAnimalList
from .paginated_api_token_list import PaginatedApiTokenList
from .paginated_arm_list import PaginatedArmList
from .paginated_cell_line_list import PaginatedCellLineList
from .paginated_dose_list import PaginatedDoseList
from .paginated_event_list import PaginatedEventList
from .paginated_invitation_list import PaginatedInvitationList
from .paginated_job_list_item_list import PaginatedJobListItemList
from .paginated_lab_list import PaginatedLabList
from .paginated_layout_list import PaginatedLayoutList
from .paginated_lot_list import PaginatedLotList
from .paginated_lot_release_list import PaginatedLotReleaseList
from .paginated_measurement_list import PaginatedMeasurementList
from .paginated_notification_list import PaginatedNotificationList
from .paginated_plate_import_list import PaginatedPlateImportList
from .paginated_plate_list import PaginatedPlateList
from .paginated_randomisation_list import PaginatedRandomisationList
from .paginated_run_list_item_list import PaginatedRunListItemList
from .paginated_study_list import PaginatedStudyList
from .paginated_test_article_list import PaginatedTestArticleList
from .paginated_well_list import PaginatedWellList
from .pairwise_log_rank import PairwiseLogRank
from .parallel_fit import ParallelFit
from .parallelism_f_test import ParallelismFTest
from .patched_animal_request import PatchedAnimalRequest
from .patched_arm_request import PatchedArmRequest
from .patched_dose_update_request import PatchedDoseUpdateRequest
from .patched_lot_request import PatchedLotRequest
from .patched_measurement_correction_request import PatchedMeasurementCorrectionRequest
from .patched_run_update_request import PatchedRunUpdateRequest
from .patched_study_request import PatchedStudyRequest
from .patched_test_article_request import PatchedTestArticleRequest
from .plate import Plate
from .plate_format import PlateFormat
from .plate_import import PlateImport
from .plate_result import PlateResult
from .plate_upload_request import PlateUploadRequest
from .plates_export_asm_retrieve_response_200 import PlatesExportAsmRetrieveResponse200
from .plates_list_vendor import PlatesListVendor
from .point_request import PointRequest
from .potency_estimate import PotencyEstimate
from .potency_monitoring_list_metric import PotencyMonitoringListMetric
from .potency_monitoring_list_role import PotencyMonitoringListRole
from .qc_evaluation_result import QCEvaluationResult
from .qc_level_result import QCLevelResult
from .qc_level_summary import QCLevelSummary
from .qc_samples import QCSamples
from .qc_well_result import QCWellResult
from .randomisation import Randomisation
from .randomisation_balance import RandomisationBalance
from .randomize_request_request import RandomizeRequestRequest
from .read import Read
from .read_kind_enum import ReadKindEnum
from .readout_enum import ReadoutEnum
from .reanalyze_request import ReanalyzeRequest
from .reanalyze_request_settings import ReanalyzeRequestSettings
from .reassay import Reassay
from .replicate_result import ReplicateResult
from .response_criteria import ResponseCriteria
from .retry_request import RetryRequest
from .review import Review
from .review_status_enum import ReviewStatusEnum
from .run import Run
from .run_analysis_job_result import RunAnalysisJobResult
from .run_analysis_result import RunAnalysisResult
from .run_create_request import RunCreateRequest
from .run_create_request_settings import RunCreateRequestSettings
from .run_diff import RunDiff
from .run_diff_accepted import RunDiffAccepted
from .run_diff_sample import RunDiffSample
from .run_diff_values import RunDiffValues
from .run_kind_enum import RunKindEnum
from .run_list_item import RunListItem
from .run_potency_summary import RunPotencySummary
from .run_qc import RunQC
from .run_ref import RunRef
from .run_summary import RunSummary
from .run_version import RunVersion
from .runs_list_kind import RunsListKind
from .sample_curve import SampleCurve
from .sample_result import SampleResult
from .selectivity_pair import SelectivityPair
from .selectivity_pair_result import SelectivityPairResult
from .sex_enum import SexEnum
from .sign_request_request import SignRequestRequest
from .sign_response import SignResponse
from .signature import Signature
from .similarity import Similarity
from .slope_difference import SlopeDifference
from .standard_result import StandardResult
from .studies_analyses_list_kind import StudiesAnalysesListKind
from .studies_animals_list_sex import StudiesAnimalsListSex
from .studies_animals_list_status import StudiesAnimalsListStatus
from .studies_doses_list_status import StudiesDosesListStatus
from .studies_events_list_kind import StudiesEventsListKind
from .studies_list_status import StudiesListStatus
from .studies_list_tumor_model import StudiesListTumorModel
from .study import Study
from .study_request import StudyRequest
from .study_status_enum import StudyStatusEnum
from .survival_analysis import SurvivalAnalysis
from .survival_analysis_job_result import SurvivalAnalysisJobResult
from .survival_curve import SurvivalCurve
from .survival_group import SurvivalGroup
from .survival_subject import SurvivalSubject
from .synergy_analysis import SynergyAnalysis
from .synergy_analysis_animals_item import SynergyAnalysisAnimalsItem
from .synergy_analysis_diagnostics import SynergyAnalysisDiagnostics
from .synergy_analysis_growth import SynergyAnalysisGrowth
from .synergy_analysis_job_result import SynergyAnalysisJobResult
from .synergy_analysis_job_result_animals_item import SynergyAnalysisJobResultAnimalsItem
from .synergy_analysis_job_result_diagnostics import SynergyAnalysisJobResultDiagnostics
from .synergy_analysis_job_result_growth import SynergyAnalysisJobResultGrowth
from .synergy_analysis_job_result_post_hoc_power import SynergyAnalysisJobResultPostHocPower
from .synergy_analysis_job_result_roles import SynergyAnalysisJobResultRoles
from .synergy_analysis_job_result_sample_size import SynergyAnalysisJobResultSampleSize
from .synergy_analysis_job_result_synergy import SynergyAnalysisJobResultSynergy
from .synergy_analysis_post_hoc_power import SynergyAnalysisPostHocPower
from .synergy_analysis_roles import SynergyAnalysisRoles
from .synergy_analysis_sample_size import SynergyAnalysisSampleSize
from .synergy_analysis_synergy import SynergyAnalysisSynergy
from .test_article import TestArticle
from .test_article_kind_enum import TestArticleKindEnum
from .test_article_request import TestArticleRequest
from .test_articles_list_kind import TestArticlesListKind
from .tgi_day import TgiDay
from .token_request_request import TokenRequestRequest
from .token_response import TokenResponse
from .tumor_model_enum import TumorModelEnum
from .unknown_estimate import UnknownEstimate
from .uploaded_plate import UploadedPlate
from .uploaded_plates import UploadedPlates
from .vendor_enum import VendorEnum
from .volume_formula_enum import VolumeFormulaEnum
from .webhook import Webhook
from .webhook_delivery import WebhookDelivery
from .webhook_delivery_status_enum import WebhookDeliveryStatusEnum
from .webhook_request_request import WebhookRequestRequest
from .webhook_state import WebhookState
from .weighting_enum import WeightingEnum
from .well import Well
from .well_flag_enum import WellFlagEnum

__all__ = (
    "AddMemberRequest",
    "AddMemberRoleEnum",
    "AnalysesListKind",
    "AnalysisFlag",
    "AnalysisRequestKindEnum",
    "AnalysisRequestRequest",
    "AnalysisRequestRequestSettings",
    "AnalysisResult",
    "Animal",
    "AnimalGrowth",
    "AnimalRequest",
    "AnimalsListSex",
    "AnimalsListStatus",
    "AnimalStatusEnum",
    "ApiToken",
    "Arm",
    "ArmRequest",
    "ArmTreatment",
    "ArmTreatmentRequest",
    "AtRisk",
    "AuditRecord",
    "AuditRow",
    "AuditTrail",
    "AuditUser",
    "BlankEnum",
    "BodyWeightDay",
    "CellLine",
    "CellLineKindEnum",
    "CellLineRequest",
    "CellLinesListReadout",
    "ChartPoint",
    "ChartPointStatusEnum",
    "ChiSquareTest",
    "ControlChart",
    "ControlChartLimitsType0",
    "CoxTests",
    "CurveFit",
    "CurveParameters",
    "DashboardRefreshJobResult",
    "DilutionCell",
    "DilutionLinearity",
    "Dose",
    "DosesListStatus",
    "DoseUpdateStatusEnum",
    "EdgeEffect",
    "EquivalenceTest",
    "Error",
    "ErrorInfo",
    "ErrorInfoDetail",
    "Event",
    "EventRowKindEnum",
    "EventRowRequest",
    "EventsListKind",
    "ExposureAnalysis",
    "ExposureAnalysisExposureResponseType0",
    "ExposureAnalysisJobResult",
    "ExposureAnalysisJobResultExposureResponseType0",
    "ExposureAnalysisJobResultPk",
    "ExposureAnalysisJobResultResponseSource",
    "ExposureAnalysisJobResultSamplesItem",
    "ExposureAnalysisPk",
    "ExposureAnalysisResponseSource",
    "ExposureAnalysisSamplesItem",
    "FitRequestRequest",
    "FlowFcsJobResult",
    "GrowthAnalysis",
    "GrowthAnalysisJobResult",
    "GrowthDay",
    "GrowthGroup",
    "GrowthGroupResponseCounts",
    "GrowthRateComparison",
    "GrowthRateTest",
    "GrowthStatistics",
    "HazardRatio",
    "ImmuneAnalysis",
    "ImmuneAnalysisJobResult",
    "ImmuneAnalysisJobResultPanelItem",
    "ImmuneAnalysisJobResultReadoutsItem",
    "ImmuneAnalysisJobResultResponseSource",
    "ImmuneAnalysisJobResultSamplesItem",
    "ImmuneAnalysisPanelItem",
    "ImmuneAnalysisReadoutsItem",
    "ImmuneAnalysisResponseSource",
    "ImmuneAnalysisSamplesItem",
    "ImportsListStatus",
    "ImportsListVendor",
    "ImportStatusEnum",
    "Invitation",
    "Job",
    "JobListItem",
    "JobsListStatus",
    "JobStatusEnum",
    "KineticReduction",
    "Lab",
    "LabRequest",
    "Layout",
    "LayoutRequest",
    "LayoutWell",
    "LayoutWellRequest",
    "LayoutWellRoleEnum",
    "Lot",
    "LotRelease",
    "LotReleaseCreateRequest",
    "LotReleaseResult",
    "LotRequest",
    "MeaningEnum",
    "Measurement",
    "MeasurementRowRequest",
    "Membership",
    "MembershipRoleEnum",
    "MethodEnum",
    "MixedModel",
    "MixedModelGroup",
    "MixedModelInfo",
    "ModeEnum",
    "ModelEnum",
    "ModelSelection",
    "Notification",
    "NotificationKindEnum",
    "NotificationReadRequest",
    "NotificationReadResult",
    "PaginatedAnalysisResultList",
    "PaginatedAnimalList",
    "PaginatedApiTokenList",
    "PaginatedArmList",
    "PaginatedCellLineList",
    "PaginatedDoseList",
    "PaginatedEventList",
    "PaginatedInvitationList",
    "PaginatedJobListItemList",
    "PaginatedLabList",
    "PaginatedLayoutList",
    "PaginatedLotList",
    "PaginatedLotReleaseList",
    "PaginatedMeasurementList",
    "PaginatedNotificationList",
    "PaginatedPlateImportList",
    "PaginatedPlateList",
    "PaginatedRandomisationList",
    "PaginatedRunListItemList",
    "PaginatedStudyList",
    "PaginatedTestArticleList",
    "PaginatedWellList",
    "PairwiseLogRank",
    "ParallelFit",
    "ParallelismFTest",
    "PatchedAnimalRequest",
    "PatchedArmRequest",
    "PatchedDoseUpdateRequest",
    "PatchedLotRequest",
    "PatchedMeasurementCorrectionRequest",
    "PatchedRunUpdateRequest",
    "PatchedStudyRequest",
    "PatchedTestArticleRequest",
    "Plate",
    "PlateFormat",
    "PlateImport",
    "PlateResult",
    "PlatesExportAsmRetrieveResponse200",
    "PlatesListVendor",
    "PlateUploadRequest",
    "PointRequest",
    "PotencyEstimate",
    "PotencyMonitoringListMetric",
    "PotencyMonitoringListRole",
    "QCEvaluationResult",
    "QCLevelResult",
    "QCLevelSummary",
    "QCSamples",
    "QCWellResult",
    "Randomisation",
    "RandomisationBalance",
    "RandomizeRequestRequest",
    "Read",
    "ReadKindEnum",
    "ReadoutEnum",
    "ReanalyzeRequest",
    "ReanalyzeRequestSettings",
    "Reassay",
    "ReplicateResult",
    "ResponseCriteria",
    "RetryRequest",
    "Review",
    "ReviewStatusEnum",
    "Run",
    "RunAnalysisJobResult",
    "RunAnalysisResult",
    "RunCreateRequest",
    "RunCreateRequestSettings",
    "RunDiff",
    "RunDiffAccepted",
    "RunDiffSample",
    "RunDiffValues",
    "RunKindEnum",
    "RunListItem",
    "RunPotencySummary",
    "RunQC",
    "RunRef",
    "RunsListKind",
    "RunSummary",
    "RunVersion",
    "SampleCurve",
    "SampleResult",
    "SelectivityPair",
    "SelectivityPairResult",
    "SexEnum",
    "Signature",
    "SignRequestRequest",
    "SignResponse",
    "Similarity",
    "SlopeDifference",
    "StandardResult",
    "StudiesAnalysesListKind",
    "StudiesAnimalsListSex",
    "StudiesAnimalsListStatus",
    "StudiesDosesListStatus",
    "StudiesEventsListKind",
    "StudiesListStatus",
    "StudiesListTumorModel",
    "Study",
    "StudyRequest",
    "StudyStatusEnum",
    "SurvivalAnalysis",
    "SurvivalAnalysisJobResult",
    "SurvivalCurve",
    "SurvivalGroup",
    "SurvivalSubject",
    "SynergyAnalysis",
    "SynergyAnalysisAnimalsItem",
    "SynergyAnalysisDiagnostics",
    "SynergyAnalysisGrowth",
    "SynergyAnalysisJobResult",
    "SynergyAnalysisJobResultAnimalsItem",
    "SynergyAnalysisJobResultDiagnostics",
    "SynergyAnalysisJobResultGrowth",
    "SynergyAnalysisJobResultPostHocPower",
    "SynergyAnalysisJobResultRoles",
    "SynergyAnalysisJobResultSampleSize",
    "SynergyAnalysisJobResultSynergy",
    "SynergyAnalysisPostHocPower",
    "SynergyAnalysisRoles",
    "SynergyAnalysisSampleSize",
    "SynergyAnalysisSynergy",
    "TestArticle",
    "TestArticleKindEnum",
    "TestArticleRequest",
    "TestArticlesListKind",
    "TgiDay",
    "TokenRequestRequest",
    "TokenResponse",
    "TumorModelEnum",
    "UnknownEstimate",
    "UploadedPlate",
    "UploadedPlates",
    "VendorEnum",
    "VolumeFormulaEnum",
    "Webhook",
    "WebhookDelivery",
    "WebhookDeliveryStatusEnum",
    "WebhookRequestRequest",
    "WebhookState",
    "WeightingEnum",
    "Well",
    "WellFlagEnum",
)

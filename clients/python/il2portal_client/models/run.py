from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.run_kind_enum import RunKindEnum
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.run_analysis_result import RunAnalysisResult


T = TypeVar("T", bound="Run")


@_attrs_define
class Run:
    """
    Attributes:
        id (int):
        url (str):
        lab (int):
        name (str):
        kind (RunKindEnum): * `elisa` - ELISA
            * `bioassay` - Reporter bioassay
        layout (int):
        plates (list[int]):
        status (None | str):
        version (int | None):
        result (None | RunAnalysisResult): The newest version's result (null until it has succeeded): curve, standards,
            samples, QC; ELISA adds model_selection, qcs and reassay, a bioassay curves and potency.
        error (None | str):
        analysis_version (None | str):
        created_at (datetime.datetime):
        created_by (None | str):
        settings (Any | Unset):
        series (str | Unset): T-cell stimulation time course: runs sharing a series combine into one view.
        timepoint_h (float | None | Unset): Hours after stimulation (6, 12, 24, 48).
        cell_line (int | None | Unset):
    """

    id: int
    url: str
    lab: int
    name: str
    kind: RunKindEnum
    layout: int
    plates: list[int]
    status: None | str
    version: int | None
    result: None | RunAnalysisResult
    error: None | str
    analysis_version: None | str
    created_at: datetime.datetime
    created_by: None | str
    settings: Any | Unset = UNSET
    series: str | Unset = UNSET
    timepoint_h: float | None | Unset = UNSET
    cell_line: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.run_analysis_result import RunAnalysisResult  # noqa: PLC0415

        id = self.id

        url = self.url

        lab = self.lab

        name = self.name

        kind = self.kind.value

        layout = self.layout

        plates = self.plates

        status: None | str
        status = self.status

        version: int | None
        version = self.version

        result: dict[str, Any] | None
        if isinstance(self.result, RunAnalysisResult):
            result = self.result.to_dict()
        else:
            result = self.result

        error: None | str
        error = self.error

        analysis_version: None | str
        analysis_version = self.analysis_version

        created_at = self.created_at.isoformat()

        created_by: None | str
        created_by = self.created_by

        settings = self.settings

        series = self.series

        timepoint_h: float | None | Unset
        if isinstance(self.timepoint_h, Unset):
            timepoint_h = UNSET
        else:
            timepoint_h = self.timepoint_h

        cell_line: int | None | Unset
        if isinstance(self.cell_line, Unset):
            cell_line = UNSET
        else:
            cell_line = self.cell_line

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "url": url,
                "lab": lab,
                "name": name,
                "kind": kind,
                "layout": layout,
                "plates": plates,
                "status": status,
                "version": version,
                "result": result,
                "error": error,
                "analysis_version": analysis_version,
                "created_at": created_at,
                "created_by": created_by,
            }
        )
        if settings is not UNSET:
            field_dict["settings"] = settings
        if series is not UNSET:
            field_dict["series"] = series
        if timepoint_h is not UNSET:
            field_dict["timepoint_h"] = timepoint_h
        if cell_line is not UNSET:
            field_dict["cell_line"] = cell_line

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.run_analysis_result import RunAnalysisResult  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        url = d.pop("url")

        lab = d.pop("lab")

        name = d.pop("name")

        kind = RunKindEnum(d.pop("kind"))

        layout = d.pop("layout")

        plates = cast(list[int], d.pop("plates"))

        def _parse_status(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        status = _parse_status(d.pop("status"))

        def _parse_version(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        version = _parse_version(d.pop("version"))

        def _parse_result(data: object) -> None | RunAnalysisResult:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                result_type_1 = RunAnalysisResult.from_dict(data)

                return result_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RunAnalysisResult, data)

        result = _parse_result(d.pop("result"))

        def _parse_error(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        error = _parse_error(d.pop("error"))

        def _parse_analysis_version(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        analysis_version = _parse_analysis_version(d.pop("analysis_version"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_created_by(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        created_by = _parse_created_by(d.pop("created_by"))

        settings = d.pop("settings", UNSET)

        series = d.pop("series", UNSET)

        def _parse_timepoint_h(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        timepoint_h = _parse_timepoint_h(d.pop("timepoint_h", UNSET))

        def _parse_cell_line(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        cell_line = _parse_cell_line(d.pop("cell_line", UNSET))

        run = cls(
            id=id,
            url=url,
            lab=lab,
            name=name,
            kind=kind,
            layout=layout,
            plates=plates,
            status=status,
            version=version,
            result=result,
            error=error,
            analysis_version=analysis_version,
            created_at=created_at,
            created_by=created_by,
            settings=settings,
            series=series,
            timepoint_h=timepoint_h,
            cell_line=cell_line,
        )

        run.additional_properties = d
        return run

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties

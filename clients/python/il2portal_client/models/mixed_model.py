from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.analysis_flag import AnalysisFlag
    from ..models.mixed_model_group import MixedModelGroup
    from ..models.mixed_model_info import MixedModelInfo
    from ..models.slope_difference import SlopeDifference


T = TypeVar("T", bound="MixedModel")


@_attrs_define
class MixedModel:
    """Linear mixed model of log10 volume with day × treatment (random intercept and slope per animal).

    Attributes:
        available (bool): False when no model could be fitted (see flags).
        control_group (int | None):
        control_slope (float | None):
        control_slope_se (float | None):
        control_slope_ci95 (list[float | None]): 95 % CI.
        groups (list[MixedModelGroup]):
        comparisons (list[SlopeDifference]):
        model (MixedModelInfo):
        flags (list[AnalysisFlag]):
        units (str):
        adjustment (str):
        analysis_version (str):
    """

    available: bool
    control_group: int | None
    control_slope: float | None
    control_slope_se: float | None
    control_slope_ci95: list[float | None]
    groups: list[MixedModelGroup]
    comparisons: list[SlopeDifference]
    model: MixedModelInfo
    flags: list[AnalysisFlag]
    units: str
    adjustment: str
    analysis_version: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        available = self.available

        control_group: int | None
        control_group = self.control_group

        control_slope: float | None
        control_slope = self.control_slope

        control_slope_se: float | None
        control_slope_se = self.control_slope_se

        control_slope_ci95 = []
        for control_slope_ci95_item_data in self.control_slope_ci95:
            control_slope_ci95_item: float | None
            control_slope_ci95_item = control_slope_ci95_item_data
            control_slope_ci95.append(control_slope_ci95_item)

        groups = []
        for groups_item_data in self.groups:
            groups_item = groups_item_data.to_dict()
            groups.append(groups_item)

        comparisons = []
        for comparisons_item_data in self.comparisons:
            comparisons_item = comparisons_item_data.to_dict()
            comparisons.append(comparisons_item)

        model = self.model.to_dict()

        flags = []
        for flags_item_data in self.flags:
            flags_item = flags_item_data.to_dict()
            flags.append(flags_item)

        units = self.units

        adjustment = self.adjustment

        analysis_version = self.analysis_version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "available": available,
                "control_group": control_group,
                "control_slope": control_slope,
                "control_slope_se": control_slope_se,
                "control_slope_ci95": control_slope_ci95,
                "groups": groups,
                "comparisons": comparisons,
                "model": model,
                "flags": flags,
                "units": units,
                "adjustment": adjustment,
                "analysis_version": analysis_version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.analysis_flag import AnalysisFlag  # noqa: PLC0415
        from ..models.mixed_model_group import MixedModelGroup  # noqa: PLC0415
        from ..models.mixed_model_info import MixedModelInfo  # noqa: PLC0415
        from ..models.slope_difference import SlopeDifference  # noqa: PLC0415

        d = dict(src_dict)
        available = d.pop("available")

        def _parse_control_group(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        control_group = _parse_control_group(d.pop("control_group"))

        def _parse_control_slope(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        control_slope = _parse_control_slope(d.pop("control_slope"))

        def _parse_control_slope_se(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        control_slope_se = _parse_control_slope_se(d.pop("control_slope_se"))

        control_slope_ci95 = []
        _control_slope_ci95 = d.pop("control_slope_ci95")
        for control_slope_ci95_item_data in _control_slope_ci95:

            def _parse_control_slope_ci95_item(data: object) -> float | None:
                if data is None:
                    return data
                return cast(float | None, data)

            control_slope_ci95_item = _parse_control_slope_ci95_item(control_slope_ci95_item_data)

            control_slope_ci95.append(control_slope_ci95_item)

        groups = []
        _groups = d.pop("groups")
        for groups_item_data in _groups:
            groups_item = MixedModelGroup.from_dict(groups_item_data)

            groups.append(groups_item)

        comparisons = []
        _comparisons = d.pop("comparisons")
        for comparisons_item_data in _comparisons:
            comparisons_item = SlopeDifference.from_dict(comparisons_item_data)

            comparisons.append(comparisons_item)

        model = MixedModelInfo.from_dict(d.pop("model"))

        flags = []
        _flags = d.pop("flags")
        for flags_item_data in _flags:
            flags_item = AnalysisFlag.from_dict(flags_item_data)

            flags.append(flags_item)

        units = d.pop("units")

        adjustment = d.pop("adjustment")

        analysis_version = d.pop("analysis_version")

        mixed_model = cls(
            available=available,
            control_group=control_group,
            control_slope=control_slope,
            control_slope_se=control_slope_se,
            control_slope_ci95=control_slope_ci95,
            groups=groups,
            comparisons=comparisons,
            model=model,
            flags=flags,
            units=units,
            adjustment=adjustment,
            analysis_version=analysis_version,
        )

        mixed_model.additional_properties = d
        return mixed_model

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

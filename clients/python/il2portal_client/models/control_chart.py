from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.chart_point import ChartPoint
    from ..models.control_chart_limits_type_0 import ControlChartLimitsType0


T = TypeVar("T", bound="ControlChart")


@_attrs_define
class ControlChart:
    """
    Attributes:
        test_article (int):
        role (str):
        metric (str):
        log (bool):
        unit (None | str):
        limits (ControlChartLimitsType0 | None): assays.analysis.monitoring.LeveyJennings: {scale, mean, sd, center,
            sd_factor, n_baseline, baseline_indices, limits: [{k, lower, upper, lower_value, upper_value}]}
        error (None | str):
        points (list[ChartPoint]):
    """

    test_article: int
    role: str
    metric: str
    log: bool
    unit: None | str
    limits: ControlChartLimitsType0 | None
    error: None | str
    points: list[ChartPoint]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.control_chart_limits_type_0 import ControlChartLimitsType0  # noqa: PLC0415

        test_article = self.test_article

        role = self.role

        metric = self.metric

        log = self.log

        unit: None | str
        unit = self.unit

        limits: dict[str, Any] | None
        if isinstance(self.limits, ControlChartLimitsType0):
            limits = self.limits.to_dict()
        else:
            limits = self.limits

        error: None | str
        error = self.error

        points = []
        for points_item_data in self.points:
            points_item = points_item_data.to_dict()
            points.append(points_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "test_article": test_article,
                "role": role,
                "metric": metric,
                "log": log,
                "unit": unit,
                "limits": limits,
                "error": error,
                "points": points,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.chart_point import ChartPoint  # noqa: PLC0415
        from ..models.control_chart_limits_type_0 import ControlChartLimitsType0  # noqa: PLC0415

        d = dict(src_dict)
        test_article = d.pop("test_article")

        role = d.pop("role")

        metric = d.pop("metric")

        log = d.pop("log")

        def _parse_unit(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        unit = _parse_unit(d.pop("unit"))

        def _parse_limits(data: object) -> ControlChartLimitsType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                limits_type_0 = ControlChartLimitsType0.from_dict(data)

                return limits_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ControlChartLimitsType0 | None, data)

        limits = _parse_limits(d.pop("limits"))

        def _parse_error(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        error = _parse_error(d.pop("error"))

        points = []
        _points = d.pop("points")
        for points_item_data in _points:
            points_item = ChartPoint.from_dict(points_item_data)

            points.append(points_item)

        control_chart = cls(
            test_article=test_article,
            role=role,
            metric=metric,
            log=log,
            unit=unit,
            limits=limits,
            error=error,
            points=points,
        )

        control_chart.additional_properties = d
        return control_chart

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

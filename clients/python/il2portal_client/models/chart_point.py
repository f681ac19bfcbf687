from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.chart_point_status_enum import ChartPointStatusEnum

if TYPE_CHECKING:
    from ..models.run_ref import RunRef


T = TypeVar("T", bound="ChartPoint")


@_attrs_define
class ChartPoint:
    """
    Attributes:
        run (RunRef):
        date (datetime.date):
        lot (None | str):
        analyst (str):
        value (float | None):
        z (float | None):
        status (ChartPointStatusEnum): * `in_control` - in_control
            * `warning` - warning
            * `rejection` - rejection
            * `missing` - missing
        rules (list[str]): Rules whose window holds the point.
        completes (list[str]): Rules judged at this point.
        baseline (bool):
    """

    run: RunRef
    date: datetime.date
    lot: None | str
    analyst: str
    value: float | None
    z: float | None
    status: ChartPointStatusEnum
    rules: list[str]
    completes: list[str]
    baseline: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        run = self.run.to_dict()

        date = self.date.isoformat()

        lot: None | str
        lot = self.lot

        analyst = self.analyst

        value: float | None
        value = self.value

        z: float | None
        z = self.z

        status = self.status.value

        rules = self.rules

        completes = self.completes

        baseline = self.baseline

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "run": run,
                "date": date,
                "lot": lot,
                "analyst": analyst,
                "value": value,
                "z": z,
                "status": status,
                "rules": rules,
                "completes": completes,
                "baseline": baseline,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.run_ref import RunRef  # noqa: PLC0415

        d = dict(src_dict)
        run = RunRef.from_dict(d.pop("run"))

        date = datetime.date.fromisoformat(d.pop("date"))

        def _parse_lot(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        lot = _parse_lot(d.pop("lot"))

        analyst = d.pop("analyst")

        def _parse_value(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        value = _parse_value(d.pop("value"))

        def _parse_z(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        z = _parse_z(d.pop("z"))

        status = ChartPointStatusEnum(d.pop("status"))

        rules = cast(list[str], d.pop("rules"))

        completes = cast(list[str], d.pop("completes"))

        baseline = d.pop("baseline")

        chart_point = cls(
            run=run,
            date=date,
            lot=lot,
            analyst=analyst,
            value=value,
            z=z,
            status=status,
            rules=rules,
            completes=completes,
            baseline=baseline,
        )

        chart_point.additional_properties = d
        return chart_point

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

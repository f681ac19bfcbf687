from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.at_risk import AtRisk


T = TypeVar("T", bound="SurvivalCurve")


@_attrs_define
class SurvivalCurve:
    """Kaplan–Meier step function: Ŝ is constant from ``times[i]`` to ``times[i+1]``.

    Attributes:
        group (int):
        name (str):
        times (list[float | None]):
        survival (list[float | None]):
        ci_low (list[float | None]):
        ci_high (list[float | None]):
        at_risk (list[int]):
        censored_times (list[float | None]):
        at_risk_table (list[AtRisk]):
    """

    group: int
    name: str
    times: list[float | None]
    survival: list[float | None]
    ci_low: list[float | None]
    ci_high: list[float | None]
    at_risk: list[int]
    censored_times: list[float | None]
    at_risk_table: list[AtRisk]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        group = self.group

        name = self.name

        times = []
        for times_item_data in self.times:
            times_item: float | None
            times_item = times_item_data
            times.append(times_item)

        survival = []
        for survival_item_data in self.survival:
            survival_item: float | None
            survival_item = survival_item_data
            survival.append(survival_item)

        ci_low = []
        for ci_low_item_data in self.ci_low:
            ci_low_item: float | None
            ci_low_item = ci_low_item_data
            ci_low.append(ci_low_item)

        ci_high = []
        for ci_high_item_data in self.ci_high:
            ci_high_item: float | None
            ci_high_item = ci_high_item_data
            ci_high.append(ci_high_item)

        at_risk = self.at_risk

        censored_times = []
        for censored_times_item_data in self.censored_times:
            censored_times_item: float | None
            censored_times_item = censored_times_item_data
            censored_times.append(censored_times_item)

        at_risk_table = []
        for at_risk_table_item_data in self.at_risk_table:
            at_risk_table_item = at_risk_table_item_data.to_dict()
            at_risk_table.append(at_risk_table_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "group": group,
                "name": name,
                "times": times,
                "survival": survival,
                "ci_low": ci_low,
                "ci_high": ci_high,
                "at_risk": at_risk,
                "censored_times": censored_times,
                "at_risk_table": at_risk_table,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.at_risk import AtRisk  # noqa: PLC0415

        d = dict(src_dict)
        group = d.pop("group")

        name = d.pop("name")

        times = []
        _times = d.pop("times")
        for times_item_data in _times:

            def _parse_times_item(data: object) -> float | None:
                if data is None:
                    return data
                return cast(float | None, data)

            times_item = _parse_times_item(times_item_data)

            times.append(times_item)

        survival = []
        _survival = d.pop("survival")
        for survival_item_data in _survival:

            def _parse_survival_item(data: object) -> float | None:
                if data is None:
                    return data
                return cast(float | None, data)

            survival_item = _parse_survival_item(survival_item_data)

            survival.append(survival_item)

        ci_low = []
        _ci_low = d.pop("ci_low")
        for ci_low_item_data in _ci_low:

            def _parse_ci_low_item(data: object) -> float | None:
                if data is None:
                    return data
                return cast(float | None, data)

            ci_low_item = _parse_ci_low_item(ci_low_item_data)

            ci_low.append(ci_low_item)

        ci_high = []
        _ci_high = d.pop("ci_high")
        for ci_high_item_data in _ci_high:

            def _parse_ci_high_item(data: object) -> float | None:
                if data is None:
                    return data
                return cast(float | None, data)

            ci_high_item = _parse_ci_high_item(ci_high_item_data)

            ci_high.append(ci_high_item)

        at_risk = cast(list[int], d.pop("at_risk"))

        censored_times = []
        _censored_times = d.pop("censored_times")
        for censored_times_item_data in _censored_times:

            def _parse_censored_times_item(data: object) -> float | None:
                if data is None:
                    return data
                return cast(float | None, data)

            censored_times_item = _parse_censored_times_item(censored_times_item_data)

            censored_times.append(censored_times_item)

        at_risk_table = []
        _at_risk_table = d.pop("at_risk_table")
        for at_risk_table_item_data in _at_risk_table:
            at_risk_table_item = AtRisk.from_dict(at_risk_table_item_data)

            at_risk_table.append(at_risk_table_item)

        survival_curve = cls(
            group=group,
            name=name,
            times=times,
            survival=survival,
            ci_low=ci_low,
            ci_high=ci_high,
            at_risk=at_risk,
            censored_times=censored_times,
            at_risk_table=at_risk_table,
        )

        survival_curve.additional_properties = d
        return survival_curve

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

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="TgiDay")


@_attrs_define
class TgiDay:
    """
    Attributes:
        group (int):
        day (float | None):
        tgi_pct (float | None): (1 − ΔT/ΔC) × 100; null when withheld.
        tgi_raw_pct (float | None):
        regression (bool):
        regression_pct (float | None):
        tc_pct (float | None): T/C %.
        delta_t (float | None):
        delta_c (float | None):
        n_treated (int):
        n_control (int):
        withheld (None | str): Why TGI is not reported on this day (code).
        note (None | str):
    """

    group: int
    day: float | None
    tgi_pct: float | None
    tgi_raw_pct: float | None
    regression: bool
    regression_pct: float | None
    tc_pct: float | None
    delta_t: float | None
    delta_c: float | None
    n_treated: int
    n_control: int
    withheld: None | str
    note: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        group = self.group

        day: float | None
        day = self.day

        tgi_pct: float | None
        tgi_pct = self.tgi_pct

        tgi_raw_pct: float | None
        tgi_raw_pct = self.tgi_raw_pct

        regression = self.regression

        regression_pct: float | None
        regression_pct = self.regression_pct

        tc_pct: float | None
        tc_pct = self.tc_pct

        delta_t: float | None
        delta_t = self.delta_t

        delta_c: float | None
        delta_c = self.delta_c

        n_treated = self.n_treated

        n_control = self.n_control

        withheld: None | str
        withheld = self.withheld

        note: None | str
        note = self.note

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "group": group,
                "day": day,
                "tgi_pct": tgi_pct,
                "tgi_raw_pct": tgi_raw_pct,
                "regression": regression,
                "regression_pct": regression_pct,
                "tc_pct": tc_pct,
                "delta_t": delta_t,
                "delta_c": delta_c,
                "n_treated": n_treated,
                "n_control": n_control,
                "withheld": withheld,
                "note": note,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        group = d.pop("group")

        def _parse_day(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        day = _parse_day(d.pop("day"))

        def _parse_tgi_pct(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        tgi_pct = _parse_tgi_pct(d.pop("tgi_pct"))

        def _parse_tgi_raw_pct(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        tgi_raw_pct = _parse_tgi_raw_pct(d.pop("tgi_raw_pct"))

        regression = d.pop("regression")

        def _parse_regression_pct(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        regression_pct = _parse_regression_pct(d.pop("regression_pct"))

        def _parse_tc_pct(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        tc_pct = _parse_tc_pct(d.pop("tc_pct"))

        def _parse_delta_t(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        delta_t = _parse_delta_t(d.pop("delta_t"))

        def _parse_delta_c(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        delta_c = _parse_delta_c(d.pop("delta_c"))

        n_treated = d.pop("n_treated")

        n_control = d.pop("n_control")

        def _parse_withheld(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        withheld = _parse_withheld(d.pop("withheld"))

        def _parse_note(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        note = _parse_note(d.pop("note"))

        tgi_day = cls(
            group=group,
            day=day,
            tgi_pct=tgi_pct,
            tgi_raw_pct=tgi_raw_pct,
            regression=regression,
            regression_pct=regression_pct,
            tc_pct=tc_pct,
            delta_t=delta_t,
            delta_c=delta_c,
            n_treated=n_treated,
            n_control=n_control,
            withheld=withheld,
            note=note,
        )

        tgi_day.additional_properties = d
        return tgi_day

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

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ParallelFit")


@_attrs_define
class ParallelFit:
    """
    Attributes:
        bottom (float | None | Unset):
        top (float | None | Unset):
        hill_slope (float | None | Unset):
        ec50_reference (float | None | Unset):
        ec50_test (float | None | Unset):
        rss (float | None | Unset):
        at_bound (list[str] | Unset): Parameters at a bound (the RP is then withheld).
    """

    bottom: float | None | Unset = UNSET
    top: float | None | Unset = UNSET
    hill_slope: float | None | Unset = UNSET
    ec50_reference: float | None | Unset = UNSET
    ec50_test: float | None | Unset = UNSET
    rss: float | None | Unset = UNSET
    at_bound: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        bottom: float | None | Unset
        if isinstance(self.bottom, Unset):
            bottom = UNSET
        else:
            bottom = self.bottom

        top: float | None | Unset
        if isinstance(self.top, Unset):
            top = UNSET
        else:
            top = self.top

        hill_slope: float | None | Unset
        if isinstance(self.hill_slope, Unset):
            hill_slope = UNSET
        else:
            hill_slope = self.hill_slope

        ec50_reference: float | None | Unset
        if isinstance(self.ec50_reference, Unset):
            ec50_reference = UNSET
        else:
            ec50_reference = self.ec50_reference

        ec50_test: float | None | Unset
        if isinstance(self.ec50_test, Unset):
            ec50_test = UNSET
        else:
            ec50_test = self.ec50_test

        rss: float | None | Unset
        if isinstance(self.rss, Unset):
            rss = UNSET
        else:
            rss = self.rss

        at_bound: list[str] | Unset = UNSET
        if not isinstance(self.at_bound, Unset):
            at_bound = self.at_bound

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if bottom is not UNSET:
            field_dict["bottom"] = bottom
        if top is not UNSET:
            field_dict["top"] = top
        if hill_slope is not UNSET:
            field_dict["hill_slope"] = hill_slope
        if ec50_reference is not UNSET:
            field_dict["ec50_reference"] = ec50_reference
        if ec50_test is not UNSET:
            field_dict["ec50_test"] = ec50_test
        if rss is not UNSET:
            field_dict["rss"] = rss
        if at_bound is not UNSET:
            field_dict["at_bound"] = at_bound

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_bottom(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        bottom = _parse_bottom(d.pop("bottom", UNSET))

        def _parse_top(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        top = _parse_top(d.pop("top", UNSET))

        def _parse_hill_slope(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        hill_slope = _parse_hill_slope(d.pop("hill_slope", UNSET))

        def _parse_ec50_reference(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        ec50_reference = _parse_ec50_reference(d.pop("ec50_reference", UNSET))

        def _parse_ec50_test(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        ec50_test = _parse_ec50_test(d.pop("ec50_test", UNSET))

        def _parse_rss(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        rss = _parse_rss(d.pop("rss", UNSET))

        at_bound = cast(list[str], d.pop("at_bound", UNSET))

        parallel_fit = cls(
            bottom=bottom,
            top=top,
            hill_slope=hill_slope,
            ec50_reference=ec50_reference,
            ec50_test=ec50_test,
            rss=rss,
            at_bound=at_bound,
        )

        parallel_fit.additional_properties = d
        return parallel_fit

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
